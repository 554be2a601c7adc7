/// Turns source text into a syntax tree.
public enum Parser {
    /// How deeply expressions and blocks may nest. Deeper input is a
    /// SyntaxError ("nesting too deep"), never a stack overflow. Chains of
    /// left-associative operators, calls and indexing count as nesting too,
    /// so every `Program` is a tree of height at most about this many nodes:
    /// later stages may walk it recursively.
    public static let maxNestingDepth = 256

    /// Parses a whole file. Throws a `DiagnosticList` holding every syntax
    /// error found (the parser recovers and continues after each one), in
    /// source order.
    public static func parse(_ file: SourceFile) throws -> Program {
        let result = run(file)
        guard result.errors.isEmpty else { throw DiagnosticList(result.errors) }
        return Program(statements: result.statements, file: file)
    }

    /// Whether `file` fails to parse only because it stops too early: an open
    /// bracket or block, or a line ending in an operator. A REPL reads another
    /// line when this is true instead of reporting the error.
    public static func isIncomplete(_ file: SourceFile) -> Bool {
        let result = run(file)
        guard let first = result.errors.first?.span else { return false }
        return first.start.offset >= result.end.offset
    }

    /// The statements, the errors in source order, and where the input ends.
    private static func run(_ file: SourceFile) -> (statements: [Stmt], errors: [Diagnostic], end: SourceLocation) {
        let (tokens, lexicalErrors) = Lexer.tokenize(file)
        var state = ParserState(tokens: tokens, fileName: file.name)
        let statements = state.parseStatements(until: .eof)
        let ordered = (lexicalErrors + state.diagnostics).enumerated().sorted { a, b in
            let (left, right) = (a.element.span?.start.offset ?? 0, b.element.span?.start.offset ?? 0)
            return left != right ? left < right : a.offset < b.offset
        }
        return (statements, ordered.map(\.element), state.endOfInput)
    }
}

/// Why a parse function gave up. `diagnostic` is nil when the offending token
/// is an `.error` token whose problem the lexer has already reported.
struct ParseFailure: Error {
    var diagnostic: Diagnostic?
}

/// The parser's cursor over a token list, with the errors collected so far.
/// The grammar lives in extensions: ParserStatements, ParserExpressions and
/// the Pratt table in ParseRules.
struct ParserState {
    private let tokens: [Token]
    private var position = 0
    let fileName: String
    /// Current nesting of expressions and blocks, checked against
    /// `Parser.maxNestingDepth`; within an expression it also counts the
    /// height of the tree built so far (see `parsePrecedence`).
    var depth: Int
    /// The deepest `depth` reached since the innermost expression began.
    var peakDepth = 0
    /// How many `{ }` blocks enclose the cursor (a stray `}` at 0 is skipped by recovery).
    var blockDepth = 0
    private(set) var diagnostics: [Diagnostic] = []

    /// `tokens` ends in `.eof` (one is added if not); `depth` continues the
    /// nesting count of an enclosing parser (for string interpolations).
    init(tokens: [Token], fileName: String, depth: Int = 0) {
        let end = tokens.last?.span ?? SourceSpan(start: SourceLocation(offset: 0, line: 1, column: 1),
                                                   end: SourceLocation(offset: 0, line: 1, column: 1))
        self.tokens = tokens.last?.kind == .eof ? tokens : tokens + [Token(kind: .eof, text: "", span: end)]
        self.fileName = fileName
        self.depth = depth
    }

    // MARK: - Cursor

    var current: Token { tokens[min(position, tokens.count - 1)] }
    var previous: Token { tokens[max(0, min(position - 1, tokens.count - 1))] }
    /// The token after the current one.
    var next: Token { tokens[min(position + 1, tokens.count - 1)] }

    /// Where the `.eof` token sits.
    var endOfInput: SourceLocation { tokens[tokens.count - 1].span.start }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    mutating func advance() {
        if current.kind != .eof { position += 1 }
    }

    /// Consumes the current token if it is `kind`.
    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    /// Consumes a token of `kind` or fails with `message`.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ message: String) throws(ParseFailure) -> Token {
        guard check(kind) else { throw failure(message, at: current) }
        advance()
        return previous
    }

    /// Consumes the closer of `open` (`)`, `]` or `}`), or fails with
    /// "expected ')' to close '(' at L:C".
    @discardableResult
    mutating func expectClosing(_ closer: TokenKind, of open: Token) throws(ParseFailure) -> Token {
        guard check(closer) else { throw failure(closing: closer, of: open) }
        advance()
        return previous
    }

    /// "expected ')' to close '(' at L:C" at the current token.
    func failure(closing closer: TokenKind, of open: Token) -> ParseFailure {
        let at = open.span.start
        return failure("expected '\(closer.rawValue)' to close '\(open.text)' at \(at.line):\(at.column)", at: current)
    }

    mutating func skipNewlines() {
        while match(.newline) {}
    }

    // MARK: - Errors and limits

    /// A SyntaxError at `token`, or a silent failure if the lexer already reported it.
    func failure(_ message: String, at token: Token) -> ParseFailure {
        failure(message, span: token.span, silent: token.kind == .error)
    }

    func failure(_ message: String, span: SourceSpan, silent: Bool = false) -> ParseFailure {
        ParseFailure(diagnostic: silent ? nil : Diagnostic(.syntaxError, message, file: fileName, span: span))
    }

    /// "unexpected X" for a token that cannot appear here.
    func unexpected(_ token: Token, _ expectation: String? = nil) -> ParseFailure {
        failure(expectation.map { "\($0), found \(token.description)" } ?? "unexpected \(token.description)",
                at: token)
    }

    mutating func record(_ failure: ParseFailure) {
        if let diagnostic = failure.diagnostic { diagnostics.append(diagnostic) }
    }

    /// Goes one nesting level deeper, failing once the limit is passed.
    mutating func descend() throws(ParseFailure) {
        guard depth < Parser.maxNestingDepth else {
            throw failure("nesting too deep: more than \(Parser.maxNestingDepth) levels of brackets, "
                          + "operators or blocks (split the expression with 'let')", at: current)
        }
        depth += 1
        peakDepth = max(peakDepth, depth)
    }

    /// Runs `body` one nesting level deeper.
    mutating func nested<T>(_ body: (inout ParserState) throws(ParseFailure) -> T) throws(ParseFailure) -> T {
        let entry = depth
        defer { depth = entry }
        try descend()
        return try body(&self)
    }

    /// Error recovery: skips to the next statement boundary — a newline or
    /// `;` (consumed), or a `}` closing the enclosing block (left for the
    /// block). Braces opened while skipping are skipped whole.
    mutating func synchronize() {
        var braces = 0
        while !check(.eof) {
            switch current.kind {
            case .newline where braces == 0, .semicolon where braces == 0:
                advance()
                return
            case .leftBrace:
                braces += 1
            case .rightBrace:
                if braces == 0 {
                    if blockDepth == 0 { advance() }
                    return
                }
                braces -= 1
            default:
                break
            }
            advance()
        }
    }
}
