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
            Builtin("zeros", [.required("shape"), .optional("dtype", f64)]) { args in
                .tensor(try Tensor(zeros: try args.shape(0), dtype: try args.dtype(1) ?? .f64, context: args.context))
            },
            Builtin("ones", [.required("shape"), .optional("dtype", f64)]) { args in
                .tensor(try Tensor.full(try args.shape(0), .int(1), dtype: try args.dtype(1) ?? .f64, context: args.context))
            },
            Builtin("full", [.required("shape"), .required("value"), .optional("dtype")]) { args in
                .tensor(try Tensor.full(try args.shape(0), try args.scalar(1), dtype: try args.dtype(2), context: args.context))
            },
            Builtin("eye", [.required("n"), .optional("dtype", f64)]) { args in
                .tensor(try Tensor.eye(try args.int(0), dtype: try args.dtype(1) ?? .f64, context: args.context))
            },
            Builtin("arange", [.required("start"), .optional("stop"), .optional("step", .int(1))]) { args in
                let (start, stop) = args.isNil(1) ? (Scalar.int(0), try args.scalar(0)) : (try args.scalar(0), try args.scalar(1))
                return .tensor(try Tensor.arange(start: start, stop: stop, step: try args.scalar(2), context: args.context))
            },
            Builtin("linspace", [.required("start"), .required("stop"), .optional("n", .int(50))]) { args in
                .tensor(try Tensor.linspace(try args.double(0), try args.double(1), count: try args.int(2), context: args.context))
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
