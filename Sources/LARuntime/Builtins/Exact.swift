import LAKernels

extension BuiltinLibrary {
    /// rational, frac: exact values, in exact mode or not (SPEC §5).
    static func exactBuiltins() -> [Builtin] {
        [
            Builtin("rational", [.required("x"), .optional("max_den")]) { args in
                let value = try args.exactValue(0)
                if args.isNil(1) { return .exact(value) }
                return .exact(try value.limitDenominator(Int64(try args.int(1))))
            },
            Builtin("frac", [.required("numerator"), .required("denominator")]) { args in
                let numerator = try args.exactValue(0), denominator = try args.exactValue(1)
                guard denominator != .zero else {
                    throw RuntimeError(.zeroDivisionError, "frac(\(numerator), 0): the denominator is zero")
                }
                return .exact(try numerator / denominator)
            },
        ]
    }
}

extension BuiltinArguments {
    /// The exact value of an int, rational, bool, float (the double's exact value) or
    /// one-element tensor argument.
    func exactValue(_ index: Int) throws -> Rational {
        switch values[index] {
        case .int(let value): return Rational(value)
        case .rational(let box): return box.value
        case .bool(let value): return value ? .one : .zero
        case .float(let value): return try Rational(exactly: value)
        case .tensor(let box):
            if box.tensor.dtype == .rational, box.tensor.count == 1, let value = try box.tensor.rationalElements().first { return value }
            switch try box.tensor.item() {
            case .int(let value): return Rational(value)
            case .bool(let value): return value ? .one : .zero
            case .float(let value): return try Rational(exactly: value)
            }
        default: throw typeError(index, expected: "a number")
        }
    }

    /// An element-wise function of a rational, or of an int in exact mode: the exact result
    /// when one exists in exact mode (`sqrt(9/4)` is 3/2, `exp(0)` is 1), else the float
    /// function of its value. A rational or i64 tensor in exact mode gives a rational tensor
    /// when every element's result is exact (`sqrt([4, 9/4])` is `[2 3/2]`). Nil when none of
    /// this applies (the kernels' own path then runs).
    func exactUnary(_ op: UnaryOp) throws -> Value? {
        let argument = values[0]
        if case .tensor(let box) = argument {
            guard vm.exactMode, op.isFloatFunction, let exact = try box.tensor.exactUnary(op, context: context) else { return nil }
            return .tensor(exact)
        }
        guard argument.isRational || (vm.exactMode && argument.exactNumber != nil),
              let value = argument.exactNumber else { return nil }
        if vm.exactMode, let exact = op.exactResult(value) { return .exact(exact) }
        if case .int = argument { return nil }
        let tensor = try Tensor(scalars: [.float(value.doubleValue)], shape: [], dtype: nil, context: context)
        return try vm.scalarIfZeroDimensional(try tensor.unary(op, context: context))
    }

    /// `norm(x)` of a rational tensor, or an integer one in exact mode (the 2-norm of a
    /// vector, Frobenius of a matrix): exact in exact mode when the sum of squares is a
    /// perfect square, else a float. Nil when it does not apply (other dtypes, `ord` or `axis`).
    func exactNorm() throws -> Value? {
        guard isNil(1), isNil(2), let tensor = exactTensor(0), tensor.dtype != .bool else { return nil }
        let squares = try tensor.rationalElements().reduce(Rational.zero) { $0 + $1 * $1 }
        if vm.exactMode, let root = squares.squareRoot { return .exact(root) }
        return .float(squares.doubleValue.squareRoot())
    }
}
