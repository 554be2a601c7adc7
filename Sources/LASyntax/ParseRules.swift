/// Binding power of an infix or postfix operator (SPEC §3), lowest first.
enum Precedence: Int, Comparable, Sendable {
    /// Tokens that do not continue an expression.
    case none
    case or, and
    /// Prefix `not`.
    case not
    /// `== != < <= > >=`, which do not chain.
    case comparison
    /// `+ -`
    case term
    /// `* / // % @`
    case factor
    /// Prefix `-` and `+`.
    case unary
    /// `**`, right-associative.
    case power
    /// Call, index and member access.
    case postfix

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

typealias PrefixParseFunction = @Sendable (inout ParserState) throws(ParseFailure) -> Expr
typealias InfixParseFunction = @Sendable (inout ParserState, Expr) throws(ParseFailure) -> Expr

/// One row of the Pratt table (as in clox): how a token starts an expression,
/// how it continues one, and how tightly it binds as an infix operator.
struct ParseRule: Sendable {
    var prefix: PrefixParseFunction?
    var infix: InfixParseFunction?
    var precedence: Precedence = .none

    /// The rule for `kind`; tokens without a row neither start nor continue an expression.
    static func rule(for kind: TokenKind) -> ParseRule { table[kind] ?? ParseRule() }

    /// A binary operator. The right operand of a left-associative operator
    /// binds one level tighter; of a right-associative one, at the same level.
    private static func binary(_ op: BinaryOperator, _ precedence: Precedence, rightAssociative: Bool = false,
                               prefix: PrefixParseFunction? = nil) -> ParseRule {
        let right = rightAssociative ? precedence : Precedence(rawValue: precedence.rawValue + 1) ?? .postfix
        return ParseRule(prefix: prefix,
                         infix: { (parser, left) throws(ParseFailure) in try parser.parseBinary(op, left, right) },
                         precedence: precedence)
    }

    /// A comparison: binds like a binary operator but may not be chained.
    private static func comparison(_ op: BinaryOperator) -> ParseRule {
        ParseRule(infix: { (parser, left) throws(ParseFailure) in try parser.parseComparison(op, left) },
                  precedence: .comparison)
    }

    private static func prefix(_ function: @escaping PrefixParseFunction) -> ParseRule {
        ParseRule(prefix: function)
    }

    /// The table: one row per token that can start or continue an expression.
    private static let table: [TokenKind: ParseRule] = [
        .integer: prefix { (p) throws(ParseFailure) in p.parseNumber() },
        .float: prefix { (p) throws(ParseFailure) in p.parseNumber() },
        .string: prefix { (p) throws(ParseFailure) in try p.parseString() },
        .identifier: prefix { (p) throws(ParseFailure) in p.parseName() },
        .kwTrue: prefix { (p) throws(ParseFailure) in p.parseLiteral() },
        .kwFalse: prefix { (p) throws(ParseFailure) in p.parseLiteral() },
        .kwNil: prefix { (p) throws(ParseFailure) in p.parseLiteral() },
        .kwFn: prefix { (p) throws(ParseFailure) in try p.parseFunctionLiteral() },
        .leftBrace: prefix { (p) throws(ParseFailure) in try p.parseRecord() },
        .leftBracket: ParseRule(prefix: { (p) throws(ParseFailure) in try p.parseTensor() },
                                infix: { (p, base) throws(ParseFailure) in try p.parseIndex(base) },
                                precedence: .postfix),
        .leftParen: ParseRule(prefix: { (p) throws(ParseFailure) in try p.parseParenthesized() },
                              infix: { (p, callee) throws(ParseFailure) in try p.parseCall(callee) },
                              precedence: .postfix),
        .dot: ParseRule(infix: { (p, base) throws(ParseFailure) in try p.parseMember(base) }, precedence: .postfix),
        .kwNot: prefix { (p) throws(ParseFailure) in try p.parseUnary(.not, operand: .not) },
        .kwOr: binary(.or, .or),
        .kwAnd: binary(.and, .and),
        .equalEqual: comparison(.equal),
        .bangEqual: comparison(.notEqual),
        .less: comparison(.less),
        .lessEqual: comparison(.lessEqual),
        .greater: comparison(.greater),
        .greaterEqual: comparison(.greaterEqual),
        .plus: binary(.add, .term, prefix: { (p) throws(ParseFailure) in try p.parseUnary(.plus, operand: .unary) }),
        .minus: binary(.subtract, .term,
                       prefix: { (p) throws(ParseFailure) in try p.parseUnary(.negate, operand: .unary) }),
        .star: binary(.multiply, .factor),
        .slash: binary(.divide, .factor),
        .slashSlash: binary(.floorDivide, .factor),
        .percent: binary(.modulo, .factor),
        .at: binary(.matmul, .factor),
        .starStar: binary(.power, .power, rightAssociative: true),
    ]
}
