import LAKernels

extension BuiltinLibrary {
    /// sum, mean, prod, max, min, argmax, argmin, var, std, any, all (each with axis: and keepdims:), cumsum.
    static func reductionBuiltins() -> [Builtin] {
        let reductions = ReduceOp.allCases.map { op in
            Builtin(op.rawValue, [.required("x"), .optional("axis"), .optional("keepdims", .bool(false))]) { args in
                let reduced = try args.tensor(0).reduce(op, axes: try args.axes(1), keepdims: try args.bool(2), context: args.context)
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
