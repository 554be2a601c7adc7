import LASyntax

extension FunctionCompiler {
    /// Compiles a function literal into a prototype and emits `CLOSURE dest`.
    func compileFunction(_ literal: FunctionLiteral, into dest: Int) {
        let child = FunctionCompiler(parent: self, context: context, name: literal.name ?? "<fn>", span: literal.span)
        var seen: Set<String> = []
        for parameter in literal.parameters {
            if !seen.insert(parameter.name).inserted {
                context.error(.syntaxError, "duplicate parameter '\(parameter.name)'", parameter.span)
            }
            child.declareLocal(parameter.name, register: child.allocate())
            child.parameters.append(ParameterInfo(name: parameter.name, hasDefault: parameter.defaultValue != nil))
        }
        // The prologue evaluates each omitted argument's default, at every call.
        for (index, parameter) in literal.parameters.enumerated() {
            guard let defaultValue = parameter.defaultValue else { continue }
            child.currentSpan = defaultValue.span
            let skip = child.emitJump(.default, index)
            child.expr(defaultValue, into: index)
            child.patch(skip)
        }
        child.compileShapeChecks(literal)
        switch literal.body {
        case .expression(let body):
            child.currentSpan = body.span
            let register = child.withTemporaries { child.exprToRegister(body) }
            child.emitReturn(register)
        case .block(let statements):
            child.hoistFunctions(statements)
            for statement in statements { child.compileStatement(statement) }
            child.currentSpan = literal.span
            child.emitABC(.return, 0, 0, 0)
        }
        prototypes.append(child.finish())
        emitABx(.closure, dest, prototypes.count - 1)
    }

    /// Checks each annotated parameter's shape and binds the dimension names as int locals.
    private func compileShapeChecks(_ literal: FunctionLiteral) {
        var bound: [String: (register: Int, origin: String)] = [:]
        func dims(_ pattern: ShapePattern, subject: String, binds: Bool) -> [ShapeCheck.Dim] {
            pattern.dims.map { dim in
                switch dim {
                case .name(let name, _):
                    if let earlier = bound[name] { return .match(name: name, register: earlier.register, origin: earlier.origin) }
                    guard binds else { return .any }
                    let register = allocate()
                    declareLocal(name, register: register)
                    bound[name] = (register, "\(subject): \(ShapeCheck.text(pattern))")
                    return .bind(name: name, register: register)
                case .int(let size, _): return .exact(size)
                case .any: return .any
                case .ellipsis: return .ellipsis
                }
            }
        }
        let function = (literal.name ?? "<fn>") + "()"
        for (index, parameter) in literal.parameters.enumerated() {
            guard let pattern = parameter.shape else { continue }
            currentSpan = pattern.span
            let check = ShapeCheck(function: function, subject: parameter.name, pattern: ShapeCheck.text(pattern),
                                   dims: dims(pattern, subject: parameter.name, binds: true))
            emitABx(.checkshape, index, constant(.shapeCheck(check)))
        }
        if let result = literal.result {
            resultCheck = ShapeCheck(function: function, subject: "result", pattern: ShapeCheck.text(result),
                                     dims: dims(result, subject: "result", binds: false))
            resultSpan = result.span
        }
    }

    /// `RETURN register`, checking the result annotation first when the function has one.
    func emitReturn(_ register: Int) {
        if let resultCheck {
            let savedSpan = currentSpan
            currentSpan = resultSpan ?? currentSpan
            emitABx(.checkshape, register, constant(.shapeCheck(resultCheck)))
            currentSpan = savedSpan
        }
        emitABC(.return, register, 1, 0)
    }

    /// `callee(arguments)`, or uniform call syntax when the callee is `x.f`.
    func compileCall(_ callee: Expr, _ arguments: [Argument], into dest: Int, _ span: SourceSpan) {
        if compileExplainForm(callee, arguments, into: dest) { return }
        let base = (dest == freeRegister - 1 && dest >= localTop) ? dest : allocate()
        if case .member(let receiver, let name) = callee.kind {
            compileMethodCall(receiver, name, arguments, base: base, calleeSpan: callee.span)
        } else {
            expr(callee, into: base)
            let (positional, named) = compileArguments(arguments)
            emitCall(base: base, positional: positional, named: named, spans: [callee.span] + arguments.map(\.span))
        }
        if base != dest { emitABC(.move, dest, base, 0) }
    }

    /// `x.f(args)`: a record's field `f` called with `args`, else the function `f` in scope called with `(x, args)`.
    private func compileMethodCall(_ receiver: Expr, _ name: String, _ arguments: [Argument], base: Int, calleeSpan: SourceSpan) {
        switch resolve(name) {
        case .register(let register): emitABC(.move, base, register, 0)
        case .upvalue(let index): emitABC(.getupval, base, index, 0)
        case .global(let slot): emitABx(.getglobal, base, slot)
        case nil: emitABC(.loadnil, base, 0, 0)
        }
        let receiverRegister = allocate()
        expr(receiver, into: receiverRegister)
        let (positional, named) = compileArguments(arguments)
        let spans = [calleeSpan, receiver.span] + arguments.map(\.span)
        let namesConstant = named.isEmpty ? nil : constant(.names(named))
        let callWords = namesConstant == nil ? 1 : 2
        emitABC(.self, base, positional + 1, named.count)
        emitExtra(constant(.string(name)) | (callWords + 1) << 16)
        emitCall(base: base, positional: positional + 1, named: named, spans: spans)
        let end = emitJump(.jmp)
        emitCall(base: base, positional: positional, named: named, spans: [calleeSpan] + arguments.map(\.span))
        patch(end)
    }

    /// Compiles arguments into consecutive registers (positional first); returns the count and the names.
    private func compileArguments(_ arguments: [Argument]) -> (positional: Int, named: [String]) {
        var named: [String] = []
        var positional = 0
        for argument in arguments {
            if let label = argument.label {
                if named.contains(label) {
                    context.error(.syntaxError, "argument '\(label)' given twice", argument.span)
                }
                named.append(label)
            } else if !named.isEmpty {
                context.error(.syntaxError, "positional argument after a named one", argument.span)
            } else {
                positional += 1
            }
        }
        _ = compileConsecutive(arguments.map(\.value))
        if positional + named.count > 200 {
            context.error(.syntaxError, "too many arguments (at most 200)", currentSpan)
        }
        return (positional, named)
    }

    private func emitCall(base: Int, positional: Int, named: [String], spans: [SourceSpan]) {
        emitABC(.call, base, positional, named.count)
        operandSpans[code.count - 1] = spans
        if !named.isEmpty { emitExtra(constant(.names(named))) }
    }
}
