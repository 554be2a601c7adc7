/// Statements (SPEC §4). Each statement ends at a newline, a `;`, a `}` or
/// the end of the file.
extension ParserState {
    /// statements ::= { statement (NEWLINE | ';') }   up to `terminator`
    /// Recovers from an error by skipping to the next statement boundary.
    mutating func parseStatements(until terminator: TokenKind) -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            while match(.newline) || match(.semicolon) {}
            if check(terminator) || check(.eof) { return statements }
            do {
                statements.append(try parseStatement())
                try expectStatementEnd()
            } catch {
                record(error)
                synchronize()
            }
        }
    }

    /// block ::= '{' statements '}'
    mutating func parseBlock(after construct: String) throws(ParseFailure) -> [Stmt] {
        let open = try expect(.leftBrace, "expected '{' to begin the body of \(construct), found \(current.description)")
        return try nested { (parser) throws(ParseFailure) in
            parser.blockDepth += 1
            defer { parser.blockDepth -= 1 }
            let body = parser.parseStatements(until: .rightBrace)
            try parser.expectClosing(.rightBrace, of: open)
            return body
        }
    }

    private mutating func expectStatementEnd() throws(ParseFailure) {
        switch current.kind {
        case .newline, .semicolon: advance()
        case .rightBrace, .eof: break
        default: throw unexpected(current, "expected the end of the statement (a new line or ';')")
        }
    }

    /// statement ::= let | fn_decl | if | while | for | 'break' | 'continue'
    ///             | return | import | use | assert | assignment | expr
    private mutating func parseStatement() throws(ParseFailure) -> Stmt {
        let start = current
        switch start.kind {
        case .kwLet: return try parseLet()
        case .kwFn where next.kind == .identifier: return try parseFunctionDeclaration()
        case .kwIf: return try parseIf()
        case .kwWhile:
            advance()
            let condition = try parseCondition(of: "while")
            let body = try parseBlock(after: "while")
            return Stmt(.while(condition: condition, body: body), start.span.merged(with: previous.span))
        case .kwFor: return try parseFor()
        case .kwBreak:
            advance()
            return Stmt(.break, start.span)
        case .kwContinue:
            advance()
            return Stmt(.continue, start.span)
        case .kwReturn:
            advance()
            let value = endsStatement ? nil : try parseExpression()
            return Stmt(.return(value), start.span.merged(with: previous.span))
        case .kwImport:
            advance()
            let module = try expect(.identifier, "expected a module name after 'import', found \(current.description)")
            return Stmt(.import(module: module.text), start.span.merged(with: module.span))
        case .kwUse:
            advance()
            let feature = try expect(.identifier, "expected a feature name after 'use', found \(current.description)")
            return Stmt(.use(feature: feature.text), start.span.merged(with: feature.span))
        case .kwAssert:
            advance()
            let condition = try parseExpression()
            let message = match(.comma) ? try parseExpression() : nil
            return Stmt(.assert(condition: condition, message: message), start.span.merged(with: previous.span))
        default:
            if ParseRule.rule(for: start.kind).prefix == nil { throw unexpected(start) }
            return try parseAssignmentOrExpression()
        }
    }

    /// Whether the cursor is where a statement may end (so `return` has no value).
    private var endsStatement: Bool {
        check(.newline) || check(.semicolon) || check(.rightBrace) || check(.eof)
    }

    /// let ::= 'let' IDENTIFIER '=' expr | 'let' '(' IDENTIFIER { ',' IDENTIFIER } [','] ')' '=' expr
    private mutating func parseLet() throws(ParseFailure) -> Stmt {
        let start = current.span
        advance()
        if check(.leftParen) {
            let open = current
            advance()
            var names: [Token] = []
            try parseCommaList(closer: .rightParen, of: open, leadingComma: false) { (parser) throws(ParseFailure) in
                names.append(try parser.expect(.identifier, "expected a name to bind, found \(parser.current.description)"))
            }
            if names.isEmpty { throw failure("'let ()' binds no names", span: open.span.merged(with: previous.span)) }
            try expect(.equal, "expected '=' after 'let (...)', found \(current.description)")
            let value = try parseExpression()
            return Stmt(.letTuple(names: names.map(\.text), nameSpans: names.map(\.span), value: value),
                        start.merged(with: value.span))
        }
        let name = try expect(.identifier, "expected a name after 'let', found \(current.description)")
        try expect(.equal, "expected '=' after 'let \(name.text)', found \(current.description)")
        let value = try parseExpression()
        return Stmt(.let(name: name.text, nameSpan: name.span, value: value), start.merged(with: value.span))
    }

    /// fn_decl ::= 'fn' IDENTIFIER function_rest
    private mutating func parseFunctionDeclaration() throws(ParseFailure) -> Stmt {
        let start = current.span
        advance()
        let name = current
        advance()
        let function = try parseFunctionRest(name: name.text, start: start)
        return Stmt(.function(function), function.span)
    }

    /// if ::= 'if' expr block { 'else' 'if' expr block } [ 'else' block ]
    /// `else` may start the line after the closing `}`.
    private mutating func parseIf() throws(ParseFailure) -> Stmt {
        let start = current.span
        var branches: [ConditionalBranch] = []
        var elseBody: [Stmt]?
        repeat {
            advance()  // `if`
            let condition = try parseCondition(of: "if")
            branches.append(ConditionalBranch(condition: condition, body: try parseBlock(after: "if")))
            guard skipNewlinesBeforeElse() else { break }
            advance()  // `else`
            if !check(.kwIf) {
                elseBody = try parseBlock(after: "else")
                break
            }
        } while true
        return Stmt(.if(branches: branches, elseBody: elseBody), start.merged(with: previous.span))
    }

    /// The expression before the body of `if`, `while` or `for`. It may not
    /// start with `{`, which would be read as a record and swallow the body.
    private mutating func parseCondition(of construct: String) throws(ParseFailure) -> Expr {
        if check(.leftBrace) { throw unexpected(current, "expected an expression after '\(construct)'") }
        return try parseExpression()
    }

    /// Skips newlines if an `else` follows them; returns whether the cursor is at `else`.
    private mutating func skipNewlinesBeforeElse() -> Bool {
        var ahead = self
        ahead.skipNewlines()
        guard ahead.check(.kwElse) else { return false }
        self = ahead
        return true
    }

    /// for ::= 'for' IDENTIFIER 'in' expr block
    private mutating func parseFor() throws(ParseFailure) -> Stmt {
        let start = current.span
        advance()
        let variable = try expect(.identifier, "expected a loop variable after 'for', found \(current.description)")
        try expect(.kwIn, "expected 'in' after 'for \(variable.text)', found \(current.description)")
        let sequence = try parseCondition(of: "for \(variable.text) in")
        let body = try parseBlock(after: "for")
        return Stmt(.for(variable: variable.text, variableSpan: variable.span, sequence: sequence, body: body),
                    start.merged(with: previous.span))
    }

    /// assignment ::= target ('=' | '+=' | '-=' | '*=' | '/=' | '@=') expr
    /// target     ::= IDENTIFIER | expr '[' items ']' | expr '.' IDENTIFIER
    private mutating func parseAssignmentOrExpression() throws(ParseFailure) -> Stmt {
        let target = try parseExpression()
        let op: BinaryOperator?
        switch current.kind {
        case .equal: op = nil
        case .plusEqual: op = .add
        case .minusEqual: op = .subtract
        case .starEqual: op = .multiply
        case .slashEqual: op = .divide
        case .atEqual: op = .matmul
        default: return Stmt(.expression(target), target.span)
        }
        let operatorToken = current
        switch target.kind {
        case .name, .index, .member: break
        default:
            throw failure("cannot assign to this expression: the left side of '\(operatorToken.text)' must be "
                          + "a name, an index a[i] or a field r.name", span: target.span)
        }
        advance()
        let value = try parseExpression()
        let span = target.span.merged(with: value.span)
        guard let op else { return Stmt(.assign(target: target, value: value), span) }
        return Stmt(.compoundAssign(target: target, op: op, value: value), span)
    }

    // MARK: - Functions

    /// function_rest ::= '(' [ param { ',' param } [','] ] ')' [ '->' shape ] ( '=' expr | block )
    /// param         ::= IDENTIFIER [ ':' shape ] [ '=' expr ]
    mutating func parseFunctionRest(name: String?, start: SourceSpan) throws(ParseFailure) -> FunctionLiteral {
        let what = name.map { "fn \($0)" } ?? "fn"
        let open = try expect(.leftParen, "expected '(' to begin the parameters of \(what), found \(current.description)")
        var parameters: [Parameter] = []
        try parseCommaList(closer: .rightParen, of: open, leadingComma: false) { (parser) throws(ParseFailure) in
            parameters.append(try parser.parseParameter(after: parameters))
        }
        let result = match(.arrow) ? try parseShapePattern() : nil
        let body: FunctionBody
        if match(.equal) {
            body = .expression(try parseExpression())
        } else if check(.leftBrace) {
            body = .block(try parseBlock(after: what))
        } else {
            throw unexpected(current, "expected '=' or '{' to begin the body of \(what)")
        }
        return FunctionLiteral(name: name, parameters: parameters, result: result, body: body,
                               span: start.merged(with: previous.span))
    }

    private mutating func parseParameter(after earlier: [Parameter]) throws(ParseFailure) -> Parameter {
        let name = try expect(.identifier, "expected a parameter name, found \(current.description)")
        if earlier.contains(where: { $0.name == name.text }) {
            throw failure("duplicate parameter '\(name.text)'", at: name)
        }
        let shape = match(.colon) ? try parseShapePattern() : nil
        let defaultValue = match(.equal) ? try parseExpression() : nil
        if defaultValue == nil, let defaulted = earlier.last(where: { $0.defaultValue != nil }) {
            throw failure("parameter '\(name.text)' needs a default value because '\(defaulted.name)' before it "
                          + "has one", at: name)
        }
        return Parameter(name: name.text, defaultValue: defaultValue, shape: shape,
                         span: name.span.merged(with: previous.span))
    }

    /// shape ::= '[' [ dim { ',' dim } [','] ] ']'      dim ::= IDENTIFIER | INTEGER | '_' | '...'
    private mutating func parseShapePattern() throws(ParseFailure) -> ShapePattern {
        let open = try expect(.leftBracket, "expected a shape pattern such as [n, d], found \(current.description)")
        var dims: [ShapeDim] = []
        try parseCommaList(closer: .rightBracket, of: open, leadingComma: false) { (parser) throws(ParseFailure) in
            let token = parser.current
            switch token.kind {
            case .identifier where token.text == "_": dims.append(.any(token.span))
            case .identifier: dims.append(.name(token.text, token.span))
            case .ellipsis: dims.append(.ellipsis(token.span))
            case .integer:
                guard let size = Int(token.text) else {
                    throw parser.failure("dimension \(token.text) is too large", at: token)
                }
                dims.append(.int(size, token.span))
            default:
                throw parser.unexpected(token, "expected a dimension (a name, an integer, '_' or '...')")
            }
            parser.advance()
        }
        return ShapePattern(dims: dims, span: open.span.merged(with: previous.span))
    }
}
