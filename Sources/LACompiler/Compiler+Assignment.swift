import LASyntax

extension FunctionCompiler {
    /// `target = value` for a name, an index or a member target.
    func compileAssignment(_ target: Expr, _ value: Expr, span: SourceSpan) {
        if case .name(let name) = target.kind, case .register(let register)? = resolve(name) {
            expr(value, into: register)
            return
        }
        withTemporaries {
            let valueRegister = exprToRegister(value)
            store(valueRegister, into: target, valueSpan: value.span)
        }
    }

    /// `target op= value`: the target's location and indices are evaluated once.
    func compileCompoundAssignment(_ target: Expr, _ op: BinaryOperator, _ value: Expr, span: SourceSpan) {
        guard let opcode = arithmeticOpcodes[op] else {
            context.error(.syntaxError, "\(op.rawValue)= is not an assignment operator", span)
            return
        }
        // Errors of the operation point at `op=`, as those of a binary expression point at its operator.
        let operatorSpan = context.compoundOperatorSpan(op, after: target.span, before: value.span) ?? span
        withTemporaries {
            switch target.kind {
            case .name(let name):
                if case .register(let register)? = resolve(name) {
                    let right = exprToRegister(value)
                    emitBinary(opcode, register, register, right, target.span, value.span, span: operatorSpan)
                } else {
                    let current = allocate()
                    expr(target, into: current)
                    let right = exprToRegister(value)
                    emitBinary(opcode, current, current, right, target.span, value.span, span: operatorSpan)
                    store(current, into: target)
                }
            case .index(let base, let items):
                guard let (location, container) = targetLocation(base) else { return }
                let copy = allocate()
                load(location, into: copy)
                let first = freeRegister
                let count = compileIndexItems(items)
                let current = allocate()
                emitABC(.getindex, current, copy, count | 128)
                let right = exprToRegister(value)
                emitBinary(opcode, current, current, right, target.span, value.span, span: operatorSpan)
                emitABC(.setindex, first, count, current)
                emitExtra(encode(location))
                if let container { store(container, into: base) }
            case .member(let base, let name):
                guard let (location, container) = targetLocation(base) else { return }
                let current = allocate()
                load(location, into: current)
                emitABC(.getmember, current, current, 0)
                emitExtra(constant(.string(name)))
                let right = exprToRegister(value)
                emitBinary(opcode, current, current, right, target.span, value.span, span: operatorSpan)
                emitABx(.setmember, current, constant(.string(name)))
                emitExtra(encode(location))
                if let container { store(container, into: base) }
            default:
                context.error(.syntaxError, "cannot assign to this expression", target.span)
            }
        }
    }

    /// Stores the value in `valueRegister` into `target`. With `valueSpan`, an
    /// indexed store records the target and value spans, so a shape error can
    /// label both.
    func store(_ valueRegister: Int, into target: Expr, valueSpan: SourceSpan? = nil) {
        switch target.kind {
        case .name(let name):
            switch resolve(name) {
            case .register(let register): if register != valueRegister { emitABC(.move, register, valueRegister, 0) }
            case .upvalue(let index): emitABC(.setupval, movableRegister(valueRegister), index, 0)
            case .global(let slot):
                context.globals.define(name)
                emitABx(.setglobal, movableRegister(valueRegister), slot)
            case nil: undeclared(name, target.span, assigning: true)
            }
        case .index(let base, let items):
            guard let (location, container) = targetLocation(base) else { return }
            let first = freeRegister
            let count = compileIndexItems(items)
            if let valueSpan {
                // Errors point at the target; a value that does not fit labels both sides.
                let savedSpan = currentSpan
                currentSpan = target.span
                emitABC(.setindex, first, count, valueRegister)
                operandSpans[code.count - 1] = [target.span, valueSpan]
                currentSpan = savedSpan
            } else {
                emitABC(.setindex, first, count, valueRegister)
            }
            emitExtra(encode(location))
            if let container { store(container, into: base) }
        case .member(let base, let name):
            guard let (location, container) = targetLocation(base) else { return }
            emitABx(.setmember, valueRegister, constant(.string(name)))
            emitExtra(encode(location))
            if let container { store(container, into: base) }
        default:
            context.error(.syntaxError, "cannot assign to this expression", target.span)
        }
    }

    /// SETGLOBAL and SETUPVAL move their register's value (so no stale temporary keeps a
    /// second reference that would force a copy on the next in-place write); a local is
    /// copied into a temporary first.
    private func movableRegister(_ register: Int) -> Int {
        guard register < localTop else { return register }
        let temporary = allocate()
        emitABC(.move, temporary, register, 0)
        return temporary
    }

    /// Where an indexed or member assignment writes: a variable in place, or for a nested
    /// target (`a.b[i] = v`) a temporary copy (returned as `container`) that is stored back afterwards.
    private func targetLocation(_ base: Expr) -> (location: NameLocation, container: Int?)? {
        if case .name(let name) = base.kind {
            guard let location = resolve(name) else {
                undeclared(name, base.span, assigning: true)
                return nil
            }
            return (location, nil)
        }
        let register = allocate()
        expr(base, into: register)
        return (.register(register), register)
    }

    private func load(_ location: NameLocation, into register: Int) {
        switch location {
        case .register(let source): emitABC(.move, register, source, 0)
        case .upvalue(let index): emitABC(.getupval, register, index, 0)
        case .global(let slot): emitABx(.getglobal, register, slot)
        }
    }

    private func encode(_ location: NameLocation) -> Int {
        switch location {
        case .register(let index): Int(TargetKind.register.rawValue) << 22 | index
        case .upvalue(let index): Int(TargetKind.upvalue.rawValue) << 22 | index
        case .global(let index): Int(TargetKind.global.rawValue) << 22 | index
        }
    }
}
