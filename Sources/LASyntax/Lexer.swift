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
    var index = 0
    var location = SourceLocation(offset: 0, line: 1, column: 1)
    var interpolationDepth = 0
    /// Set when an error has given up on the rest of the line (so the strings
    /// that enclose it do not each report being unterminated too).
    var lineAbandoned = false
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
    mutating func lexTokens(inInterpolation: Bool) -> [Token]? {
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
                var insideBrackets = brackets.last == .leftParen || brackets.last == .leftBracket
                if insideBrackets && nextLineStartsStatement() {
                    // A bracket was left open: end the statement here so the parser reports
                    // the missing closer and recovers, instead of the rest of the file joining it.
                    brackets.removeSubrange((brackets.lastIndex(of: .leftBrace).map { $0 + 1 } ?? 0)...)
                    insideBrackets = false
                }
                let continues = insideBrackets
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

    /// Keywords that only ever begin a statement, so a line starting with one
    /// cannot continue an expression inside brackets.
    private static let statementKeywords: Set<String> = ["let", "while", "for", "return", "break", "continue",
                                                         "import", "use", "assert"]

    /// Whether the next line holding code starts with a statement-only keyword.
    private func nextLineStartsStatement() -> Bool {
        var position = index
        var inComment = false
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "\n" {
                inComment = false
            } else if scalar == "#" {
                inComment = true
            } else if !inComment && scalar != " " && scalar != "\t" && scalar != "\r" {
                break
            }
            position += 1
        }
        var word = ""
        while position < scalars.count, scalars[position].isIdentifierContinue {
            word.unicodeScalars.append(scalars[position])
            position += 1
        }
        return Lexer.statementKeywords.contains(word)
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
        // `&&` and `||` are one mistake, not two.
        if (scalar == "&" || scalar == "|") && peek() == scalar { advance() }
        let hint = Lexer.characterHints[scalar].map { ": \($0)" } ?? ""
        return error("unexpected character\(sourceText(from: start).count > 1 ? "s" : "") "
                     + "'\(sourceText(from: start))'\(hint)", from: start)
    }

    /// What a user typing these characters probably meant.
    private static let characterHints: [Unicode.Scalar: String] = [
        "'": "strings use double quotes, \"like this\"",
        "!": "write 'not x' for negation",
        "&": "write 'and'",
        "|": "write 'or'",
        "^": "write '**' for powers",
    ]

    /// Every operator and punctuation token by its spelling.
    private static let operators: [String: TokenKind] = Dictionary(
        uniqueKeysWithValues: TokenKind.allCases.filter(\.isOperatorOrPunctuation).map { ($0.rawValue, $0) })

    /// Consumes the longest operator or punctuation spelled at the cursor.
    private mutating func lexOperator() -> TokenKind? {
        var spelling = ""
        var longest: (kind: TokenKind, length: Int)?
        for step in 0..<3 {
            guard let scalar = peek(step), scalar.isASCII else { break }
            spelling.unicodeScalars.append(scalar)
            if let kind = Lexer.operators[spelling] { longest = (kind, step + 1) }
        }
        guard let longest else { return nil }
        for _ in 0..<longest.length { advance() }
        return longest.kind
    }

    // MARK: - Cursor

    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let position = index + ahead
        return position < scalars.count ? scalars[position] : nil
    }

    mutating func advance() {
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
    struct Mark {
        var index: Int
        var location: SourceLocation
    }

    var mark: Mark { Mark(index: index, location: location) }

    func sourceText(from start: Mark) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start.index..<index])
        return text
    }

    func make(_ kind: TokenKind, from start: Mark) -> Token {
        Token(kind: kind, text: sourceText(from: start), span: SourceSpan(start: start.location, end: location))
    }

    mutating func error(_ message: String, from start: Mark) -> Token {
        report(message, from: start)
        return make(.error, from: start)
    }

    mutating func report(_ message: String, from start: Mark) {
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
