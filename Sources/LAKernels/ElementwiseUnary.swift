/// Unary element-wise operations.

extension UnaryOp {
    /// Ops whose result is a float for any input (i64 and bool give f64).
    public var isFloatFunction: Bool {
        switch self {
        case .sqrt, .exp, .log, .log2, .log10, .sin, .cos, .tan, .tanh, .erf: true
        default: false
        }
    }
}

extension Tensor {
    /// `op(self)` element-wise.
    ///
    /// Float functions (`sqrt exp log ...`) of i64 and bool give f64 and keep f32 as f32;
    /// `negate abs sign floor ceil round` keep i64 (bools count as i64); `round` is half to
    /// even; `isnan isinf not` give bool (`not` is the truthiness negation). Rational
    /// tensors: see `rationalUnary`.
    /// - Throws: OverflowError for `negate`/`abs` of the smallest i64.
    /// - Complexity: O(count); allocates the result only.
    public func unary(_ op: UnaryOp, context: KernelContext) throws -> Tensor {
        if dtype == .rational { return try rationalUnary(op, context: context) }
        let source = Operand.tensor(self)
        switch op {
        case .not:
            return try Tensor.map(source, as: Bool.self, to: Bool.self, context: context) { !$0 }
        case .isnan, .isinf:
            guard dtype.isFloatingPoint else {
                return try Tensor.map(source, as: Bool.self, to: Bool.self, context: context) { _ in false }
            }
            let nan = op == .isnan
            return dtype == .f32
                ? try Tensor.map(source, as: Float.self, to: Bool.self, context: context) { nan ? $0.isNaN : $0.isInfinite }
                : try Tensor.map(source, as: Double.self, to: Bool.self, context: context) { nan ? $0.isNaN : $0.isInfinite }
        default:
            let compute = op.isFloatFunction ? dtype.floatResult : (dtype == .bool ? .i64 : dtype)
            switch compute {
            case .f32: return try floatUnary(op, as: Float.self, context: context)
            case .f64: return try floatUnary(op, as: Double.self, context: context)
            default: return try intUnary(op, context: context)
            }
        }
    }

    func floatUnary<T: KernelFloat>(_ op: UnaryOp, as _: T.Type, context: KernelContext) throws -> Tensor {
        @inline(__always) func run(_ f: (T) -> T) throws -> Tensor {
            try Tensor.map(.tensor(self), as: T.self, to: T.self, context: context, f)
        }
        // A per-type row loop (SIMD for f32) over rows of any stride.
        @inline(__always) func rows(_ row: (UnsafePointer<T>, Int, UnsafeMutablePointer<T>, Int) -> Void) throws -> Tensor {
            try Tensor.elementwise([.tensor(self)], readTypes: [T.dtype], result: T.self, context: context) { block, out, n in
                let (x, sx) = block.input(0, as: T.self)
                row(x, sx, out, n)
                return 0
            }.0
        }
        switch op {
        case .negate: return try run { -$0 }
        case .abs: return try run { $0.magnitude }
        case .sign: return try run { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }
        case .sqrt: return try run { $0.squareRoot() }
        case .exp: return try rows { T.exponentialRow($0, $1, $2, $3) }
        case .log: return try run { T.logarithm($0) }
        case .log2: return try run { T.logarithm2($0) }
        case .log10: return try run { T.logarithm10($0) }
        case .sin: return try run { T.sine($0) }
        case .cos: return try run { T.cosine($0) }
        case .tan: return try run { T.tangent($0) }
        case .tanh: return try rows { T.hyperbolicTangentRow($0, $1, $2, $3) }
        case .erf: return try run { T.errorFunction($0) }
        case .floor: return try run { $0.rounded(.down) }
        case .ceil: return try run { $0.rounded(.up) }
        case .round: return try run { $0.rounded(.toNearestOrEven) }
        case .isnan, .isinf, .not: return try unary(op, context: context)
        }
    }

    /// Integer-valued ops on i64 (and bool read as i64).
    func intUnary(_ op: UnaryOp, context: KernelContext) throws -> Tensor {
        let overflow = ElementFault.overflow.rawValue
        switch op {
        case .negate:
            return try Tensor.mapChecked(self, to: Int64.self, operation: "-", context: context) { (x: Int64) in
                x == .min ? (0, overflow) : (-x, 0)
            }
        case .abs:
            return try Tensor.mapChecked(self, to: Int64.self, operation: "abs", context: context) { (x: Int64) in
                x == .min ? (0, overflow) : (Swift.abs(x), 0)
            }
        case .sign:
            return try Tensor.map(.tensor(self), as: Int64.self, to: Int64.self, context: context) { $0.signum() }
        case .floor, .ceil, .round:
            return try Tensor.map(.tensor(self), as: Int64.self, to: Int64.self, context: context) { $0 }
        default:
            return try floatUnary(op, as: Double.self, context: context)
        }
    }

    /// `where(condition, a, b)` with broadcasting of all three; `condition` is read by
    /// truthiness and `a`, `b` promote together (scalars weakly); rational with float gives f64.
    /// - Complexity: O(count of the broadcast shape); allocates the result only (and converted
    ///   copies of rational operands).
    public static func select(_ condition: Operand, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        if condition.isRationalTensor || a.isRationalTensor || b.isRationalTensor {
            return try rationalAwareSelect(condition, a, b, context: context)
        }
        func run<T: KernelElement>(_: T.Type) throws -> Tensor {
            try elementwise([condition, a, b], readTypes: [.bool, T.dtype, T.dtype], result: T.self, context: context) { block, out, n in
                let (c, sc) = block.input(0, as: Bool.self)
                let (x, sx) = block.input(1, as: T.self)
                let (y, sy) = block.input(2, as: T.self)
                var (i, j, k) = (0, 0, 0)
                for o in 0..<n {
                    out[o] = c[i] ? x[j] : y[k]
                    i &+= sc
                    j &+= sx
                    k &+= sy
                }
                return 0
            }.0
        }
        switch promotedType([a, b]) {
        case .bool: return try run(Bool.self)
        case .i64: return try run(Int64.self)
        case .f32: return try run(Float.self)
        case .f64: return try run(Double.self)
        case .rational: throw Tensor.rationalUnsupported("where")  // routed to rationalAwareSelect above
        }
    }

    /// `select` with a rational operand: exact when `a` and `b` promote to rational, else on
    /// f64 copies; a rational condition is read by truthiness exactly (a tiny nonzero is true).
    private static func rationalAwareSelect(_ condition: Operand, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        let truth: Tensor
        switch condition {
        case .tensor(let t): truth = try t.astype(.bool, context: context)
        case .scalar(let s): truth = try Tensor(scalars: [s], shape: [], dtype: .bool, context: context)
        }
        if promotedType([a, b]) == .rational { return try rationalSelect(truth, a, b, context: context) }
        return try select(.tensor(truth), try a.floatIfRational(context: context), try b.floatIfRational(context: context), context: context)
    }
}
