import LAKernels

extension BuiltinLibrary {
    /// Element-wise functions, clip, maximum, minimum, where, matmul, item, allclose.
    static func mathBuiltins() -> [Builtin] {
        let unaryOps: [(String, UnaryOp)] = [
            ("abs", .abs), ("sign", .sign), ("sqrt", .sqrt), ("exp", .exp), ("log", .log), ("log2", .log2),
            ("log10", .log10), ("sin", .sin), ("cos", .cos), ("tan", .tan), ("tanh", .tanh), ("erf", .erf),
            ("floor", .floor), ("ceil", .ceil), ("round", .round), ("isnan", .isnan), ("isinf", .isinf),
        ]
        let elementwise = unaryOps.map { name, op in
            Builtin(name, [.required("x")]) { args in
                if let exact = try args.exactUnary(op) { return exact }
                return try args.result(try args.tensor(0).unary(op, context: args.context))
            }
        }
        let binaryOps: [(String, BinaryOp)] = [("maximum", .maximum), ("minimum", .minimum)]
        let pairwise = binaryOps.map { name, op in
            Builtin(name, [.required("a"), .required("b")]) { args in
                try args.result(try Tensor.binary(op, try args.operand(0), try args.operand(1), context: args.context))
            }
        }
        return elementwise + pairwise + [
            Builtin("clip", [.required("x"), .required("lo"), .required("hi")]) { args in
                let low = try Tensor.binary(.maximum, try args.operand(0), try args.operand(1), context: args.context)
                return try args.result(try Tensor.binary(.minimum, .tensor(low), try args.operand(2), context: args.context))
            },
            Builtin("where", [.required("condition"), .required("a"), .required("b")]) { args in
                try args.result(try Tensor.select(try args.operand(0), try args.operand(1), try args.operand(2), context: args.context))
            },
            Builtin("matmul", [.required("a"), .required("b")]) { args in
                try args.vm.matmul(args[0], args[1])
            },
            Builtin("item", [.required("x")]) { args in
                let tensor = try args.tensor(0)
                if tensor.dtype == .rational { return try args.vm.scalarIfZeroDimensional(try tensor.reshaped([], context: args.context)) }
                return Value(try tensor.item())
            },
            Builtin("allclose", [.required("a"), .required("b"), .optional("rtol", .float(1e-5)), .optional("atol", .float(1e-8))]) { args in
                let context = args.context
                let difference = try Tensor.binary(.subtract, try args.operand(0), try args.operand(1), context: context)
                    .unary(.abs, context: context)
                let scale = try Tensor.binary(.multiply, .scalar(.float(try args.double(2))),
                                              .tensor(try args.tensor(1).unary(.abs, context: context)), context: context)
                let bound = try Tensor.binary(.add, .tensor(scale), .scalar(.float(try args.double(3))), context: context)
                let close = try Tensor.binary(.lessEqual, .tensor(difference), .tensor(bound), context: context)
                return Value(try close.reduce(.all, axes: nil, keepdims: false, context: context).item())
            },
        ]
    }
}

extension BuiltinArguments {
    /// A kernel result: a tensor when any argument was a tensor, else the scalar it holds.
    func result(_ tensor: Tensor) throws -> Value {
        if values.contains(where: \.isTensorLike) { return .tensor(tensor) }
        return try vm.scalarIfZeroDimensional(tensor)
    }
}
