import LAKernels

extension BuiltinLibrary {
    /// dot, outer, norm, trace, det, inv, solve, rank, lu, qr, eigh, svd (float linear algebra).
    static func linearAlgebraBuiltins() -> [Builtin] {
        [
            Builtin("dot", [.required("a"), .required("b")]) { args in
                try args.vm.scalarIfZeroDimensional(try Tensor.dot(try args.tensor(0), try args.tensor(1), context: args.context))
            },
            Builtin("outer", [.required("a"), .required("b")]) { args in
                .tensor(try Tensor.outer(try args.tensor(0), try args.tensor(1), context: args.context))
            },
            Builtin("norm", [.required("x"), .optional("ord"), .optional("axis"), .optional("keepdims", .bool(false))]) { args in
                let keepdims = try args.bool(3)
                if !keepdims, let exact = try args.exactNorm() { return exact }
                let x = try args.tensor(0), axis = args.isNil(2) ? nil : try args.int(2)
                let norm = try Linalg.norm(x, ord: try args.normOrder(1), axis: axis, context: args.context)
                guard keepdims else { return try args.vm.scalarIfZeroDimensional(norm) }
                // NumPy's keepdims: the reduced axes stay, with length 1 (the axis is valid here).
                var shape = x.shape
                if let axis { shape[axis < 0 ? axis + x.ndim : axis] = 1 } else { shape = shape.map { _ in 1 } }
                return .tensor(try norm.reshaped(shape, context: args.context))
            },
            Builtin("trace", [.required("x")]) { args in
                try args.vm.scalarIfZeroDimensional(try Linalg.trace(try args.tensor(0), context: args.context))
            },
            Builtin("det", [.required("a")]) { args in
                if let matrix = try args.exactMatrix(0) { return .exact(try matrix.det()) }
                return try args.vm.scalarIfZeroDimensional(try Linalg.det(try args.tensor(0), context: args.context))
            },
            Builtin("inv", [.required("a")]) { args in
                if let matrix = try args.exactMatrix(0) { return .tensor(try matrix.inv().tensor(context: args.context)) }
                return .tensor(try Linalg.inv(try args.tensor(0), context: args.context))
            },
            Builtin("solve", [.required("a"), .required("b")]) { args in
                if let exact = try args.exactSolve() { return exact }
                return .tensor(try Linalg.solve(try args.tensor(0), try args.tensor(1), context: args.context))
            },
            Builtin("rank", [.required("a"), .optional("tol")]) { args in
                if args.isNil(1), let matrix = try args.exactMatrix(0) { return .int(Int64(matrix.rank)) }
                let a = try args.tensor(0)
                let tolerance = args.isNil(1) ? nil : try args.double(1)
                return .int(Int64(try Linalg.rank(a, tolerance: tolerance, context: args.context)))
            },
            Builtin("lu", [.required("a")]) { args in
                if let matrix = try args.exactMatrix(0) {
                    let (p, l, u) = try matrix.lu()
                    return .tuple([.tensor(try p.tensor(context: args.context)), .tensor(try l.tensor(context: args.context)),
                                   .tensor(try u.tensor(context: args.context))])
                }
                let (p, l, u) = try Linalg.lu(try args.tensor(0), context: args.context)
                return .tuple([.tensor(p), .tensor(l), .tensor(u)])
            },
            Builtin("qr", [.required("a")]) { args in
                let (q, r) = try Linalg.qr(try args.tensor(0), context: args.context)
                return .tuple([.tensor(q), .tensor(r)])
            },
            Builtin("eigh", [.required("a")]) { args in
                let (values, vectors) = try Linalg.eigh(try args.tensor(0), context: args.context)
                return .tuple([.tensor(values), .tensor(vectors)])
            },
            Builtin("svd", [.required("a")]) { args in
                let (u, s, vt) = try Linalg.svd(try args.tensor(0), context: args.context)
                return .tuple([.tensor(u), .tensor(s), .tensor(vt)])
            },
        ]
    }
}

extension BuiltinArguments {
    /// NumPy's `ord`: nil, 1, 2, inf, or "fro".
    func normOrder(_ index: Int) throws -> Linalg.NormOrder? {
        switch values[index] {
        case .nil: return nil
        case .int(1): return .one
        case .int(2): return .two
        case .float(let value) where value == 1: return .one
        case .float(let value) where value == 2: return .two
        case .float(let value) where value == .infinity: return .infinity
        case .string("fro"): return .frobenius
        default:
            throw RuntimeError(.valueError, "\(function)() supports ord 1, 2, inf or \"fro\", got \(values[index].typeName)")
        }
    }
}
