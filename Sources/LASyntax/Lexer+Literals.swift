/// Number and string literals (SPEC §1).
extension Lexer {
    // MARK: - Numbers

    /// `42`, `1_000_000`, `3.14`, `.5`, `1e-3`, `2.5E+4`. An `_` must sit between two digits.
    mutating func lexNumber() -> Token {
        let start = mark
        var text = ""
        var problem: String?
        var isFloat = false
        if peek() != "." { lexDigits(into: &text, problem: &problem) }
        if peek() == ".", peek(1)?.isDecimalDigit == true {
            isFloat = true
            text.append(".")
            advance()
            lexDigits(into: &text, problem: &problem)
        }
        if let e = peek(), e == "e" || e == "E" {
            isFloat = true
            text.unicodeScalars.append(e)
            advance()
            if let sign = peek(), sign == "+" || sign == "-" {
                text.unicodeScalars.append(sign)
                advance()
            }
            if peek()?.isDecimalDigit == true {
                lexDigits(into: &text, problem: &problem)
            } else {
                problem = problem ?? "exponent has no digits"
            }
        }
        // Glued-on letters or a second decimal point (`12ab`, `1.2.3`) make the whole run malformed.
        while let next = peek(), next.isIdentifierContinue || (next == "." && peek(1)?.isDecimalDigit == true) {
            problem = problem ?? (next == "." ? "more than one decimal point" : "unexpected '\(next)' after the digits")
            advance()
        }
        if let problem {
            return error("malformed number '\(sourceText(from: start))': \(problem)", from: start)
        }
        var token = make(isFloat ? .float : .integer, from: start)
        token.text = text
        return token
    }

    /// Consumes a run of digits and single `_` separators, appending the digits to `text`.
    private mutating func lexDigits(into text: inout String, problem: inout String?) {
        var previousWasDigit = false
        while let scalar = peek() {
            if scalar.isDecimalDigit {
                text.unicodeScalars.append(scalar)
                previousWasDigit = true
            } else if scalar == "_" {
                if !previousWasDigit || peek(1)?.isDecimalDigit != true {
                    problem = problem ?? "'_' must separate two digits"
                }
                previousWasDigit = false
            } else {
                return
            }
            advance()
        }
    }

    // MARK: - Strings

    /// `"..."` with escapes `\n \t \\ \" \u{1F600}` and interpolations `\(expr)`.
    mutating func lexString() -> Token {
        let start = mark
        advance()  // the opening quote
        var parts: [LexedStringPart] = []
        var text = ""
        var failed = false
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                return unterminatedString(from: start)
            }
            if scalar == "\"" {
                advance()
                break
            }
            guard scalar == "\\" else {
                text.unicodeScalars.append(scalar)
                advance()
                continue
            }
            let escapeStart = mark
            advance()
            switch peek() {
            case "n": text.append("\n"); advance()
            case "t": text.append("\t"); advance()
            case "\\": text.append("\\"); advance()
            case "\"": text.append("\""); advance()
            case "u":
                advance()
                if let decoded = lexUnicodeEscape(from: escapeStart) {
                    text.unicodeScalars.append(decoded)
                } else {
                    failed = true
                }
            case "(":
                advance()
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                guard let inner = lexInterpolation(from: escapeStart) else {
                    return unterminatedString(from: start)
                }
                parts.append(inner)
            default:
                failed = true
                if let bad = peek(), bad != "\n" { advance() }
                report("unknown escape '\(sourceText(from: escapeStart))' in string; "
                       + "the escapes are \\n \\t \\\\ \\\" \\u{...} \\(...)", from: escapeStart)
            }
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        var token = make(failed ? .error : .string, from: start)
        token.stringParts = parts
        return token
    }

    /// The body of `\u{...}` after the `u`: one to eight hex digits naming a Unicode scalar.
    private mutating func lexUnicodeEscape(from escapeStart: Mark) -> Unicode.Scalar? {
        var hex = ""
        if peek() == "{" {
            advance()
            while let scalar = peek(), scalar.properties.isASCIIHexDigit, hex.unicodeScalars.count < 9 {
                hex.unicodeScalars.append(scalar)
                advance()
            }
            if peek() == "}" {
                advance()
                if hex.unicodeScalars.count <= 8, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    return scalar
                }
            }
        }
        report("invalid unicode escape '\(sourceText(from: escapeStart))': expected \\u{...} with 1 to 8 hex digits "
               + "naming a Unicode scalar", from: escapeStart)
        return nil
    }

    /// The tokens of `\(...)` after the `(`, or nil when it is not closed on its line.
    private mutating func lexInterpolation(from escapeStart: Mark) -> LexedStringPart? {
        guard interpolationDepth < Lexer.maxInterpolationDepth else {
            report("string interpolations nested too deeply (limit \(Lexer.maxInterpolationDepth))", from: escapeStart)
            lineAbandoned = true
            return nil
        }
        interpolationDepth += 1
        defer { interpolationDepth -= 1 }
        guard let tokens = lexTokens(inInterpolation: true) else { return nil }
        return .interpolation(tokens, SourceSpan(start: escapeStart.location, end: location))
    }

    /// Reports an unterminated string (the rest of the line is its text).
    private mutating func unterminatedString(from start: Mark) -> Token {
        while let scalar = peek(), scalar != "\n" { advance() }
        if lineAbandoned { return make(.error, from: start) }
        return error("unterminated string: add a closing '\"' before the end of the line", from: start)
    }
}
