/// The kinds of token of SPEC §1. Operators and keywords are spelled by their
/// raw value, which diagnostics quote (`unexpected 'else'`).
enum TokenKind: String, Sendable, Hashable, CaseIterable {
    // Literals and names.
    case identifier = "name"
    case integer = "integer"
    case float = "number"
    case string = "string"

    // Keywords.
    case kwLet = "let", kwFn = "fn", kwReturn = "return", kwIf = "if", kwElse = "else"
    case kwWhile = "while", kwFor = "for", kwIn = "in", kwBreak = "break", kwContinue = "continue"
    case kwAnd = "and", kwOr = "or", kwNot = "not", kwTrue = "true", kwFalse = "false", kwNil = "nil"
    case kwImport = "import", kwUse = "use", kwAssert = "assert"

    // Operators.
    case plus = "+", minus = "-", star = "*", slash = "/", slashSlash = "//", percent = "%"
    case at = "@", starStar = "**"
    case equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "=", plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/=", atEqual = "@="

    // Punctuation.
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    case comma = ",", colon = ":", semicolon = ";", dot = ".", ellipsis = "...", arrow = "->"

    /// A statement-ending newline (the lexer drops the ones that continue a line).
    case newline = "end of line"
    case eof = "end of file"
    /// Malformed input; the lexer has already reported it.
    case error = "invalid token"

    /// The keyword spelled `text`, if any.
    static let keywords: [String: TokenKind] = {
        let all: [TokenKind] = [.kwLet, .kwFn, .kwReturn, .kwIf, .kwElse, .kwWhile, .kwFor, .kwIn, .kwBreak,
                                .kwContinue, .kwAnd, .kwOr, .kwNot, .kwTrue, .kwFalse, .kwNil, .kwImport,
                                .kwUse, .kwAssert]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.rawValue, $0) })
    }()

    /// Tokens after which a newline continues the statement (SPEC §1): binary
    /// operators, `,`, and the other tokens that cannot end a statement.
    var continuesLine: Bool {
        switch self {
        case .plus, .minus, .star, .slash, .slashSlash, .percent, .at, .starStar,
             .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual,
             .kwAnd, .kwOr, .kwNot, .comma, .equal, .plusEqual, .minusEqual, .starEqual,
             .slashEqual, .atEqual, .arrow, .dot:
            return true
        default:
            return false
        }
    }
}

/// A piece of a string literal token: literal text, or the tokens of an
/// interpolation `\(...)`, lexed recursively and ending in `.eof`.
enum LexedStringPart: Sendable, Hashable {
    case text(String)
    case interpolation([Token], SourceSpan)
}

/// One token: its kind, its text as written (numbers with `_` removed), and
/// where it is. String tokens carry their decoded parts.
struct Token: Sendable, Hashable {
    var kind: TokenKind
    var text: String
    var span: SourceSpan
    var stringParts: [LexedStringPart] = []

    /// How diagnostics name this token: `'else'`, `name 'x'`, `end of line`.
    var description: String {
        switch kind {
        case .identifier, .integer, .float: return "\(kind.rawValue) '\(text)'"
        case .string, .newline, .eof, .error: return kind.rawValue
        default: return "'\(kind.rawValue)'"
        }
    }
}
