import LAKernels

extension BuiltinLibrary {
    /// tensor, zeros, ones, full, eye, arange, linspace, rand, randn, seed, zeros_like, ones_like.
    static func creationBuiltins() -> [Builtin] {
        let f64 = Value.dtype(.f64)
        return [
            Builtin("tensor", [.required("x"), .optional("dtype")]) { args in
                guard let tensor = try args.vm.makeTensor(from: args[0], dtype: try args.dtype(1)) else {
                    throw args.typeError(0, expected: "numbers, bools, tuples or a tensor")
                }
                return .tensor(tensor)
            },
            Builtin("zeros", [.required("shape"), .optional("dtype")]) { args in
                .tensor(try Tensor(zeros: try args.shape(0), dtype: try args.creationDType(1), context: args.context))
            },
            Builtin("ones", [.required("shape"), .optional("dtype")]) { args in
                .tensor(try Tensor.full(try args.shape(0), .int(1), dtype: try args.creationDType(1), context: args.context))
            },
            Builtin("full", [.required("shape"), .required("value"), .optional("dtype")]) { args in
                let shape = try args.shape(0), dtype = try args.dtype(2), value = args[1]
                if let exact = value.exactNumber, value.isRational || (args.vm.exactMode && dtype == nil) {
                    let tensor = try Tensor.full(shape, rational: exact, context: args.context)
                    if let dtype, dtype != .rational { return .tensor(try tensor.astype(dtype, context: args.context)) }
                    return .tensor(tensor)
                }
                return .tensor(try Tensor.full(shape, try args.scalar(1), dtype: dtype, context: args.context))
            },
            Builtin("eye", [.required("n"), .optional("dtype")]) { args in
                .tensor(try Tensor.eye(try args.int(0), dtype: try args.creationDType(1), context: args.context))
            },
            Builtin("arange", [.required("start"), .optional("stop"), .optional("step", .int(1))]) { args in
                let (start, stop) = args.isNil(1) ? (Value.int(0), args[0]) : (args[0], args[1])
                // A rational anywhere gives exact values (`arange(0, 1, 1/4)`).
                if [start, stop, args[2]].contains(where: \.isRational),
                   let a = start.exactNumber, let b = stop.exactNumber, let step = args[2].exactNumber {
                    return .tensor(try Tensor.exactArange(start: a, stop: b, step: step, context: args.context))
                }
                let scalarStart = args.isNil(1) ? Scalar.int(0) : try args.scalar(0)
                let scalarStop = try args.scalar(args.isNil(1) ? 0 : 1)
                return .tensor(try Tensor.arange(start: scalarStart, stop: scalarStop, step: try args.scalar(2), context: args.context))
            },
            Builtin("linspace", [.required("start"), .required("stop"), .optional("n", .int(50))]) { args in
                // Exact endpoints (rationals, or ints in exact mode) give exact values.
                if args[0].isRational || args[1].isRational || args.vm.exactMode,
                   let a = args[0].exactNumber, let b = args[1].exactNumber {
                    return .tensor(try Tensor.exactLinspace(a, b, count: try args.int(2), context: args.context))
                }
                return .tensor(try Tensor.linspace(try args.double(0), try args.double(1), count: try args.int(2), context: args.context))
            },
            Builtin("rand", [.required("shape")]) { args in
                .tensor(try args.vm.random.uniform(try args.shape(0), context: args.context))
            },
            Builtin("randn", [.required("shape")]) { args in
                .tensor(try args.vm.random.normal(try args.shape(0), context: args.context))
            },
            Builtin("seed", [.required("n")]) { args in
                args.vm.random = RandomSource(seed: UInt64(bitPattern: Int64(try args.int(0))))
                return .nil
            },
            Builtin("zeros_like", [.required("x"), .optional("dtype")]) { args in
                let x = try args.tensor(0)
                return .tensor(try Tensor(zeros: x.shape, dtype: try args.dtype(1) ?? x.dtype, context: args.context))
            },
            Builtin("ones_like", [.required("x"), .optional("dtype")]) { args in
                let x = try args.tensor(0)
                return .tensor(try Tensor.full(x.shape, .int(1), dtype: try args.dtype(1) ?? x.dtype, context: args.context))
            },
        ]
    }
}

extension BuiltinArguments {
    /// The dtype of a creation function's result: its `dtype:` argument, else rational in exact
    /// mode (so `zeros`, `ones` and `eye` hold exact values there) and f64 outside.
    func creationDType(_ index: Int) throws -> DType {
        try dtype(index) ?? (vm.exactMode ? .rational : .f64)
    }

    /// A number or bool argument as a kernel scalar.
    func scalar(_ index: Int) throws -> Scalar {
        switch values[index] {
        case .int(let value): return .int(value)
        case .float(let value): return .float(value)
        case .bool(let value): return .bool(value)
        default: throw typeError(index, expected: "a number")
        }
    }
}
