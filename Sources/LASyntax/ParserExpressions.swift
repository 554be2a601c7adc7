/// Expressions (SPEC §3): a Pratt parser driven by `ParseRule`'s table.
extension ParserState {
    /// expr ::= or_expr   (the lowest precedence level)
    mutating func parseExpression() throws(ParseFailure) -> Expr {
        try parsePrecedence(.or)
    }

    /// Parses an expression whose operators all bind at least as tightly as
    /// `minimum`: one prefix rule, then infix rules while they bind tightly enough.
    ///
    /// Each infix step makes the tree one level taller without recursing, so
    /// `depth` is raised to the peak reached so far after the prefix and after
    /// every step: `depth - entry` then bounds the height of the tree built
    /// here, and a 100,000-term sum is a "nesting too deep" error rather than
    /// a tree too tall to walk. A binary operator's right operand descends a
    /// level itself; postfix steps (`f()`, `a[i]`, `a.b`) descend here.
    mutating func parsePrecedence(_ minimum: Precedence) throws(ParseFailure) -> Expr {
        let entry = depth
        let outerPeak = peakDepth
        defer {
            depth = entry
            peakDepth = max(outerPeak, peakDepth)
        }
        try descend()
        peakDepth = depth
        let token = current
        guard let prefix = ParseRule.rule(for: token.kind).prefix else {
            throw unexpected(token, "expected an expression")
        }
        advance()
        var expr = try prefix(&self)
        depth = peakDepth
        while true {
            let rule = ParseRule.rule(for: current.kind)
            guard let infix = rule.infix, minimum <= rule.precedence else { return expr }
            if rule.precedence == .postfix { try descend() }
            advance()
            expr = try infix(&self, expr)
            depth = peakDepth
        }
    }

    // MARK: - Prefix rules (the token has been consumed)

    /// number ::= INTEGER | FLOAT
    mutating func parseNumber() -> Expr {
        let token = previous
        return Expr(token.kind == .integer ? .int(text: token.text) : .float(text: token.text), token.span)
    }

    /// name ::= IDENTIFIER
    mutating func parseName() -> Expr {
        Expr(.name(previous.text), previous.span)
    }

    /// literal ::= 'true' | 'false' | 'nil'
    mutating func parseLiteral() -> Expr {
        let token = previous
        switch token.kind {
        case .kwTrue: return Expr(.bool(true), token.span)
        case .kwFalse: return Expr(.bool(false), token.span)
        default: return Expr(.nil, token.span)
        }
    }

    /// string ::= '"' { char | escape | '\(' expr ')' } '"'
    mutating func parseString() throws(ParseFailure) -> Expr {
        let token = previous
        var parts: [StringPart] = []
        for part in token.stringParts {
            switch part {
            case .text(let text):
                parts.append(.text(text))
            case .interpolation(let tokens, let span):
                var inner = ParserState(tokens: tokens, fileName: fileName, depth: depth)
                guard !inner.check(.eof) else {
                    throw failure("empty interpolation: put an expression inside '\\()'", span: span)
                }
                let expr = try inner.parseExpression()
                guard inner.check(.eof) else {
                    throw inner.unexpected(inner.current, "expected ')' to close '\\(' at \(span.start.line):\(span.start.column)")
                }
                peakDepth = max(peakDepth, inner.peakDepth)
                parts.append(.expr(expr))
            }
        }
        return Expr(.string(parts), token.span)
    }

    /// unary ::= ('-' | '+') unary_operand | 'not' not_operand
    mutating func parseUnary(_ op: UnaryOperator, operand precedence: Precedence) throws(ParseFailure) -> Expr {
        let start = previous.span
        let operand = try parsePrecedence(precedence)
        return Expr(.unary(op, operand), start.merged(with: operand.span))
    }

    /// paren ::= '(' ')' | '(' expr ')' | '(' expr ',' [ expr { ',' expr } [','] ] ')'
    /// A parenthesised single expression is that expression (spanning the
    /// parentheses); a comma makes a tuple.
    mutating func parseParenthesized() throws(ParseFailure) -> Expr {
        let open = previous
        if match(.rightParen) { return Expr(.tuple([]), open.span.merged(with: previous.span)) }
        let first = try parseExpression()
        if match(.rightParen) { return Expr(first.kind, open.span.merged(with: previous.span)) }
        guard check(.comma) else { throw failure(closing: .rightParen, of: open) }
        var elements = [first]
        try parseCommaList(closer: .rightParen, of: open, leadingComma: true) { (parser) throws(ParseFailure) in
            elements.append(try parser.parseExpression())
        }
        return Expr(.tuple(elements), open.span.merged(with: previous.span))
    }

    /// tensor ::= '[' [ expr { ',' expr } [','] ] ']'
    mutating func parseTensor() throws(ParseFailure) -> Expr {
        let open = previous
        var elements: [Expr] = []
        try parseCommaList(closer: .rightBracket, of: open, leadingComma: false) { (parser) throws(ParseFailure) in
            elements.append(try parser.parseExpression())
        }
        return Expr(.tensor(elements), open.span.merged(with: previous.span))
    }

    /// record ::= '{' [ field { ',' field } [','] ] '}'
    /// field  ::= (IDENTIFIER | STRING) ':' expr
    /// Newlines may appear anywhere between the braces.
    mutating func parseRecord() throws(ParseFailure) -> Expr {
        let open = previous
        var fields: [RecordField] = []
        skipNewlines()
        while !check(.rightBrace) {
            let key = current
            guard key.kind == .identifier || (key.kind == .string && key.plainStringText != nil) else {
                throw unexpected(key, "expected a field name")
            }
            advance()
            let name = key.plainStringText ?? key.text
            if fields.contains(where: { $0.name == name }) {
                throw failure("duplicate field '\(name)' in record", at: key)
            }
            try expect(.colon, "expected ':' after field name '\(name)'")
            skipNewlines()
            let value = try parseExpression()
            fields.append(RecordField(name: name, value: value, span: key.span.merged(with: value.span)))
            skipNewlines()
            guard match(.comma) else { break }
            skipNewlines()
        }
        try expectClosing(.rightBrace, of: open)
        return Expr(.record(fields), open.span.merged(with: previous.span))
    }

    /// function_literal ::= 'fn' function_rest
    mutating func parseFunctionLiteral() throws(ParseFailure) -> Expr {
        let start = previous.span
        let function = try parseFunctionRest(name: nil, start: start)
        return Expr(.function(function), function.span)
    }

    // MARK: - Infix rules (the operator has been consumed)

    /// binary ::= expr OP expr, the right operand parsed at `right` precedence.
    mutating func parseBinary(_ op: BinaryOperator, _ left: Expr, _ right: Precedence) throws(ParseFailure) -> Expr {
        let rhs = try parsePrecedence(right)
        return Expr(.binary(op, left, rhs), left.span.merged(with: rhs.span))
    }

    /// comparison ::= term CMP term   (a second comparison is an error: they do not chain)
    mutating func parseComparison(_ op: BinaryOperator, _ left: Expr) throws(ParseFailure) -> Expr {
        let operatorToken = previous
        let expr = try parseBinary(op, left, .term)
        if ParseRule.rule(for: current.kind).precedence == .comparison {
            throw failure("comparisons cannot be chained: write 'a \(operatorToken.text) b and b "
                          + "\(current.text) c' instead of 'a \(operatorToken.text) b \(current.text) c'", at: current)
        }
        return expr
    }

    /// call ::= expr '(' [ args ] ')'
    /// args ::= arg { ',' arg } [',']      arg ::= [ IDENTIFIER ':' ] expr
    /// Positional arguments come first, then named ones.
    mutating func parseCall(_ callee: Expr) throws(ParseFailure) -> Expr {
        let open = previous
        var arguments: [Argument] = []
        try parseCommaList(closer: .rightParen, of: open, leadingComma: false) { (parser) throws(ParseFailure) in
            var label: String?
            let start = parser.current
            if start.kind == .identifier && parser.next.kind == .colon {
                label = start.text
                parser.advance()
                parser.advance()
            }
            let value = try parser.parseExpression()
            let span = start.span.merged(with: value.span)
            if let label, arguments.contains(where: { $0.label == label }) {
                throw parser.failure("argument '\(label)' given twice", span: span)
            }
            if label == nil, arguments.contains(where: { $0.label != nil }) {
                throw parser.failure("positional argument after named arguments: "
                                     + "put positional arguments first", span: span)
            }
            arguments.append(Argument(label: label, value: value, span: span))
        }
        return Expr(.call(callee: callee, arguments: arguments), callee.span.merged(with: previous.span))
    }

    /// index ::= expr '[' item { ',' item } [','] ']'
    /// item  ::= '...' | expr | [expr] ':' [expr] [ ':' [expr] ]
    mutating func parseIndex(_ base: Expr) throws(ParseFailure) -> Expr {
        let open = previous
        if check(.rightBracket) {
            throw failure("empty index: write a[i], a[i, j] or a[:]", span: open.span.merged(with: current.span))
        }
        var items: [IndexItem] = []
        try parseCommaList(closer: .rightBracket, of: open, leadingComma: false) { (parser) throws(ParseFailure) in
            items.append(try parser.parseIndexItem())
        }
        return Expr(.index(base: base, indices: items), base.span.merged(with: previous.span))
    }

    private mutating func parseIndexItem() throws(ParseFailure) -> IndexItem {
        let start = current.span
        if match(.ellipsis) { return .ellipsis(start) }
        let first = atSliceBoundary ? nil : try parseExpression()
        guard match(.colon) else {
            guard let first else { throw unexpected(current, "expected an index") }
            return .expr(first)
        }
        let stop = atSliceBoundary ? nil : try parseExpression()
        let step = match(.colon) ? (atSliceBoundary ? nil : try parseExpression()) : nil
        return .slice(start: first, stop: stop, step: step, span: start.merged(with: previous.span))
    }

    /// Whether the cursor ends a part of a slice, which may then be omitted.
    private var atSliceBoundary: Bool {
        check(.colon) || check(.comma) || check(.rightBracket)
    }

    /// member ::= expr '.' IDENTIFIER
    mutating func parseMember(_ base: Expr) throws(ParseFailure) -> Expr {
        let name = try expect(.identifier, "expected a name after '.', found \(current.description)")
        return Expr(.member(base: base, name: name.text), base.span.merged(with: name.span))
    }

    // MARK: - Shared pieces

    /// Parses `item { ',' item } [','] closer` after `open`; the list may be
    /// empty. With `leadingComma`, the cursor is at a comma that follows an
    /// item already parsed by the caller.
    mutating func parseCommaList(closer: TokenKind, of open: Token, leadingComma: Bool,
                                 item: (inout ParserState) throws(ParseFailure) -> Void) throws(ParseFailure) {
        if !leadingComma && !check(closer) {
            try item(&self)
        }
        while match(.comma) {
            if check(closer) { break }
            try item(&self)
        }
        try expectClosing(closer, of: open)
    }

}

extension Token {
    /// The text of a string literal without interpolations (usable as a record key).
    var plainStringText: String? {
        guard kind == .string else { return nil }
        var text = ""
        for part in stringParts {
            guard case .text(let piece) = part else { return nil }
            text += piece
        }
        return text
    }
}
