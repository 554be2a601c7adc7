import LASyntax

/// The name under which the runtime registers the builtin behind the `explain(expr)` form.
/// It is not an identifier, so no script can name, shadow or redefine it.
public enum ExplainForm {
    public static let builtinName = "explain(expr)"
}

extension FunctionCompiler {
    /// `explain(A @ B)` or `explain(f(x, y))` with the builtin `explain`: a function call
    /// receives values, not expressions, so the compiler passes the operation along.
    /// Emits `explain(expr)(operation, isMethod, callee, operands...)`, where `operation`
    /// is `"@"` or the callee's final name and, for `x.f(...)`, `isMethod` is true, the
    /// callee is the `f` in scope and the receiver is the first operand (resolved at run
    /// time as uniform call syntax does). Returns false for any other shape, which then
    /// compiles as an ordinary call of `explain`.
    func compileExplainForm(_ callee: Expr, _ arguments: [Argument], into dest: Int) -> Bool {
        guard case .name("explain") = callee.kind, arguments.count == 1, arguments[0].label == nil,
              case .global = resolve("explain"), context.globals.builtinNames.contains("explain"),
              !context.allTopLevelNames.contains("explain"),
              let slot = context.globals.slot(of: ExplainForm.builtinName),
              let subject = explainSubject(arguments[0].value) else { return false }
        let base = allocate()
        emitABx(.getglobal, base, slot)
        emitABx(.loadk, allocate(), constant(.string(subject.operation)))
        emitABC(subject.isMethod ? .loadtrue : .loadfalse, allocate(), 0, 0)
        let calleeRegister = allocate()
        if let calleeName = subject.methodName {
            switch resolve(calleeName) {
            case .register(let register): emitABC(.move, calleeRegister, register, 0)
            case .upvalue(let index): emitABC(.getupval, calleeRegister, index, 0)
            case .global(let global): emitABx(.getglobal, calleeRegister, global)
            case nil: emitABC(.loadnil, calleeRegister, 0, 0)
            }
        } else if let calleeExpr = subject.callee {
            expr(calleeExpr, into: calleeRegister)
        } else {
            emitABC(.loadnil, calleeRegister, 0, 0)
        }
        _ = compileConsecutive(subject.operands)
        emitABC(.call, base, 3 + subject.operands.count, 0)
        operandSpans[code.count - 1] = [callee.span] + Array(repeating: arguments[0].span, count: 3) + subject.operands.map(\.span)
        if base != dest { emitABC(.move, dest, base, 0) }
        return true
    }

    private struct ExplainSubject {
        var operation: String
        var isMethod = false
        /// The function name looked up in scope for `x.f(...)`.
        var methodName: String?
        var callee: Expr?
        var operands: [Expr]
    }

    /// What `explain` is asked about: `A @ B`, `f(args)` or `x.f(args)` with positional arguments only.
    private func explainSubject(_ e: Expr) -> ExplainSubject? {
        switch e.kind {
        case .binary(.matmul, let lhs, let rhs):
            return ExplainSubject(operation: "@", operands: [lhs, rhs])
        case .call(let callee, let arguments) where arguments.allSatisfy({ $0.label == nil }):
            let values = arguments.map(\.value)
            switch callee.kind {
            case .name(let name):
                return ExplainSubject(operation: name, callee: callee, operands: values)
            case .member(let receiver, let name):
                return ExplainSubject(operation: name, isMethod: true, methodName: name, operands: [receiver] + values)
            default:
                return nil
            }
        default:
            return nil
        }
    }
}
