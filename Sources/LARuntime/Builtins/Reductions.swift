import LAKernels

extension BuiltinLibrary {
    /// sum, mean, prod, max, min, argmax, argmin, var, std, any, all (each with axis: and keepdims:), cumsum.
    static func reductionBuiltins() -> [Builtin] {
        let reductions = ReduceOp.allCases.map { op in
            Builtin(op.rawValue, [.required("x"), .optional("axis"), .optional("keepdims", .bool(false))]) { args in
                let x = try args.tensor(0), axes = try args.axes(1), keepdims = try args.bool(2)
                // In exact mode the std of rationals is exact when every variance is a square.
                if op == .std && x.dtype == .rational && args.vm.exactMode {
                    let variance = try x.reduce(.var, axes: axes, keepdims: keepdims, context: args.context)
                    let root = try variance.exactUnary(.sqrt, context: args.context) ?? variance.unary(.sqrt, context: args.context)
                    return try args.vm.scalarIfZeroDimensional(root)
                }
                let reduced = try x.reduce(op, axes: axes, keepdims: keepdims, context: args.context)
                return try args.vm.scalarIfZeroDimensional(reduced)
            }
        }
        return reductions + [
            Builtin("cumsum", [.required("x"), .optional("axis")]) { args in
                .tensor(try args.tensor(0).cumsum(axis: args.isNil(1) ? nil : try args.int(1), context: args.context))
            },
        ]
    }
}
