/// Turns source text into tokens (SPEC §1).
///
/// The lexer never stops at an error: it reports a diagnostic, emits an
/// `.error` token in place of the bad text, and carries on, so that the parser
/// can report the errors that follow too. It works on Unicode scalars, so
/// columns count scalars as `SourceLocation` promises.
struct Lexer {
    /// How deeply string interpolations may nest inside each other.
    static let maxInterpolationDepth = 32

    private let scalars: [Unicode.Scalar]
    private let fileName: String
    private var index = 0
    private var location = SourceLocation(offset: 0, line: 1, column: 1)
    private var interpolationDepth = 0
    /// Set when an error has given up on the rest of the line (so the strings
    /// that enclose it do not each report being unterminated too).
    private var lineAbandoned = false
    private(set) var diagnostics: [Diagnostic] = []

    private init(_ file: SourceFile) {
        scalars = Array(file.text.unicodeScalars)
        fileName = file.name
    }

    /// Every token of `file`, ending in `.eof`, and the lexical errors found.
    static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file)
        let tokens = lexer.lexTokens(inInterpolation: false) ?? []
        return (tokens, lexer.diagnostics)
    }

    // MARK: - The token loop

    /// Lexes tokens up to the end of input, or, inside an interpolation, up to
    /// the `)` that closes it (consumed; the list then ends in `.eof` at it).
    /// Returns nil when an interpolation is not closed on its line.
    private mutating func lexTokens(inInterpolation: Bool) -> [Token]? {
        var tokens: [Token] = []
        // Open brackets: a newline inside `(` or `[` continues the line.
        var brackets: [TokenKind] = []
        while true {
            skipSpacesAndComments()
            guard let scalar = peek() else {
                if inInterpolation { return nil }
                tokens.append(Token(kind: .eof, text: "", span: SourceSpan(start: eofLocation, end: eofLocation)))
                return tokens
            }
            if scalar == "\n" {
                if inInterpolation { return nil }
                let start = location
                advance()
                lineAbandoned = false
                let continues = brackets.last == .leftParen || brackets.last == .leftBracket
                    || (tokens.last.map { $0.kind.continuesLine || $0.kind == .newline } ?? true)
                if !continues {
                    tokens.append(Token(kind: .newline, text: "\n", span: SourceSpan(start: start, end: location)))
                }
                continue
            }
            if inInterpolation && scalar == ")" && brackets.isEmpty {
                let start = location
                advance()
                tokens.append(Token(kind: .eof, text: "", span: SourceSpan(start: start, end: start)))
                return tokens
            }
            let token = lexToken()
            track(token.kind, in: &brackets)
            tokens.append(token)
        }
    }

    /// Keeps the stack of open brackets; a stray closer is left for the parser to report.
    private func track(_ kind: TokenKind, in brackets: inout [TokenKind]) {
        let opener: TokenKind
        switch kind {
        case .leftParen, .leftBracket, .leftBrace:
            brackets.append(kind)
            return
        case .rightParen: opener = .leftParen
        case .rightBracket: opener = .leftBracket
        case .rightBrace: opener = .leftBrace
        default: return
        }
        if let open = brackets.lastIndex(of: opener) {
            brackets.removeSubrange(open...)
        }
    }

    /// Lexes one token starting at a non-space, non-newline scalar.
    private mutating func lexToken() -> Token {
        let start = mark
        guard let scalar = peek() else { return make(.eof, from: start) }
        if scalar == "\"" { return lexString() }
        if scalar.isDecimalDigit || (scalar == "." && peek(1)?.isDecimalDigit == true) {
            return lexNumber()
        }
        if scalar.isIdentifierStart {
            while let next = peek(), next.isIdentifierContinue { advance() }
            let token = make(.identifier, from: start)
            if let keyword = TokenKind.keywords[token.text] { return make(keyword, from: start) }
            return token
        }
        if let kind = lexOperator() { return make(kind, from: start) }
        advance()
        let hint = scalar == "'" ? ": strings use double quotes, \"like this\"" : ""
        return error("unexpected character '\(scalar)'\(hint)", from: start)
    }

    /// Consumes the longest operator or punctuation spelled at the cursor.
    private mutating func lexOperator() -> TokenKind? {
        for length in [3, 2, 1] {
            var spelling = ""
            for step in 0..<length {
                guard let scalar = peek(step) else { break }
                spelling.unicodeScalars.append(scalar)
            }
            guard spelling.unicodeScalars.count == length,
                  let kind = TokenKind(rawValue: spelling), kind.isOperatorOrPunctuation else { continue }
            for _ in 0..<length { advance() }
            return kind
        }
        return nil
    }

    // MARK: - Numbers

    /// `42`, `1_000_000`, `3.14`, `.5`, `1e-3`, `2.5E+4`. An `_` must sit between two digits.
    private mutating func lexNumber() -> Token {
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
    private mutating func lexString() -> Token {
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

    // MARK: - Cursor

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let position = index + ahead
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func advance() {
        guard let scalar = peek() else { return }
        index += 1
        location.offset += UTF8.width(scalar)
        if scalar == "\n" {
            location.line += 1
            location.column = 1
        } else {
            location.column += 1
        }
    }

    /// Spaces, tabs, carriage returns and `#` comments (which stop before the newline).
    private mutating func skipSpacesAndComments() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                advance()
            } else if scalar == "#" {
                while let next = peek(), next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    /// End of input; when the text ends in a newline, the end of the last line,
    /// so that "unexpected end of file" points at code rather than past it.
    private var eofLocation: SourceLocation {
        guard index > 0, scalars[index - 1] == "\n" else { return location }
        return SourceLocation(offset: location.offset - 1, line: location.line - 1,
                              column: lastLineLength + 1)
    }

    /// The number of scalars on the line before the final newline.
    private var lastLineLength: Int {
        var count = 0
        var position = index - 2
        while position >= 0, scalars[position] != "\n" {
            count += 1
            position -= 1
        }
        return count
    }

    /// A cursor position remembered at the start of a token.
    private struct Mark {
        var index: Int
        var location: SourceLocation
    }

    private var mark: Mark { Mark(index: index, location: location) }

    private func sourceText(from start: Mark) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start.index..<index])
        return text
    }

    private func make(_ kind: TokenKind, from start: Mark) -> Token {
        Token(kind: kind, text: sourceText(from: start), span: SourceSpan(start: start.location, end: location))
    }

    private mutating func error(_ message: String, from start: Mark) -> Token {
        report(message, from: start)
        return make(.error, from: start)
    }

    private mutating func report(_ message: String, from start: Mark) {
        diagnostics.append(Diagnostic(.syntaxError, message, file: fileName,
                                      span: SourceSpan(start: start.location, end: location)))
    }
}

extension TokenKind {
    /// Whether this kind is spelled by a fixed operator or punctuation string.
    var isOperatorOrPunctuation: Bool {
        switch self {
        case .identifier, .integer, .float, .string, .newline, .eof, .error: return false
        default: return TokenKind.keywords[rawValue] == nil
        }
    }
}

extension Unicode.Scalar {
    var isDecimalDigit: Bool { ("0"..."9").contains(self) }

    /// A letter (any script) or `_`.
    var isIdentifierStart: Bool {
        if self == "_" { return true }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// A letter, `_`, an ASCII digit, or a combining mark (`x̂`).
    var isIdentifierContinue: Bool {
        if isIdentifierStart || isDecimalDigit { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
