import LAKernels

extension BuiltinLibrary {
    /// reshape, transpose, flatten, squeeze, unsqueeze, concat, stack, broadcast_to, copy,
    /// shape, ndim, size, dtype, astype.
    static func shapeBuiltins() -> [Builtin] {
        [
            Builtin("reshape", [.required("x"), .required("shape")]) { args in
                .tensor(try args.tensor(0).reshaped(try args.shape(1), context: args.context))
            },
            Builtin("transpose", [.required("x"), .optional("axes")]) { args in
                .tensor(try args.tensor(0).transposed(try args.axes(1)))
            },
            Builtin("flatten", [.required("x")]) { args in
                .tensor(try args.tensor(0).reshaped([-1], context: args.context))
            },
            Builtin("squeeze", [.required("x"), .optional("axis")]) { args in
                .tensor(try args.tensor(0).squeezed(axis: args.isNil(1) ? nil : try args.int(1)))
            },
            Builtin("unsqueeze", [.required("x"), .required("axis")]) { args in
                .tensor(try args.tensor(0).unsqueezed(axis: try args.int(1)))
            },
            Builtin("concat", [.required("tensors"), .optional("axis", .int(0))]) { args in
                .tensor(try Tensor.concat(try args.tensorList(0), axis: try args.int(1), context: args.context))
            },
            Builtin("stack", [.required("tensors"), .optional("axis", .int(0))]) { args in
                .tensor(try Tensor.stack(try args.tensorList(0), axis: try args.int(1), context: args.context))
            },
            Builtin("broadcast_to", [.required("x"), .required("shape")]) { args in
                .tensor(try args.tensor(0).broadcast(to: try args.shape(1)))
            },
            Builtin("copy", [.required("x")]) { args in
                guard case .tensor(let box) = args[0] else { return args[0] }
                return .tensor(try box.tensor.contiguousCopy(context: args.context))
            },
            Builtin("shape", [.required("x")]) { args in
                .tuple(try args.tensor(0).shape.map { .int(Int64($0)) })
            },
            Builtin("ndim", [.required("x")]) { args in .int(Int64(try args.tensor(0).ndim)) },
            Builtin("size", [.required("x")]) { args in .int(Int64(try args.tensor(0).count)) },
            Builtin("dtype", [.required("x")]) { args in .dtype(try args.tensor(0).dtype) },
            Builtin("astype", [.required("x"), .required("dtype")]) { args in
                guard let dtype = try args.dtype(1) else { throw args.typeError(1, expected: "a dtype") }
                return .tensor(try args.tensor(0).astype(dtype, context: args.context))
            },
        ]
    }
}

extension BuiltinArguments {
    /// A tuple of tensors (or of values convertible to tensors).
    func tensorList(_ index: Int) throws -> [Tensor] {
        guard case .tuple(let items) = values[index] else { throw typeError(index, expected: "a tuple of tensors") }
        return try items.map { item in
            guard let tensor = try vm.makeTensor(from: item, dtype: nil) else {
                throw typeError(index, expected: "a tuple of tensors")
            }
            return tensor
        }
    }
}
