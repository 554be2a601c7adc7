/// Binary element-wise operations: type rules, then one generic loop per element type.

extension BinaryOp {
    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }

    /// The dtype the op computes in, given the promoted operand dtype.
    /// `/` is always float; and/or work on truthiness; arithmetic and ordering of
    /// bools count them as 0/1 in i64 (Python's `True + True == 2`).
    func computeType(_ promoted: DType) -> DType {
        switch self {
        case .and, .or: return .bool
        case .divide: return promoted == .rational ? .rational : promoted.floatResult
        case .maximum, .minimum: return promoted
        default: return promoted == .bool ? .i64 : promoted
        }
    }

    /// The la spelling used in error messages.
    public var symbol: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .floorDivide: "//"
        case .modulo: "%"
        case .power: "**"
        case .maximum: "maximum"
        case .minimum: "minimum"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .and: "and"
        case .or: "or"
        }
    }
}

extension Tensor {
    /// `a op b` element-wise with broadcasting and type promotion (scalars are weak).
    /// At least one operand is normally a tensor; two scalars give a 0-d tensor.
    /// - Throws: ShapeError when the shapes do not broadcast; on i64, OverflowError for
    ///   overflowing `+ - * **`, ZeroDivisionError for `//` and `%` by zero, ValueError for
    ///   a negative integer power.
    /// - Complexity: O(count of the broadcast shape); allocates the result only.
    public static func binary(_ op: BinaryOp, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        let compute = op.computeType(promotedType(a, b))
        if compute.isFloatingPoint, a.isRationalTensor || b.isRationalTensor {
            // A rational mixed with a float gives a float (SPEC §5).
            return try binary(op, try a.floatIfRational(context: context), try b.floatIfRational(context: context), context: context)
        }
        switch compute {
        case .rational: return try rationalBinary(op, a, b, context: context)
        case .bool: return try boolBinary(op, a, b, context: context)
        case .i64: return try intBinary(op, a, b, context: context)
        case .f32: return try floatBinary(op, a, b, as: Float.self, context: context)
        case .f64: return try floatBinary(op, a, b, as: Double.self, context: context)
        }
    }

    /// `f(a, b)` with both operands read as `T`.
    @inline(__always)
    static func zip<T: KernelElement, R: KernelElement>(
        _ a: Operand, _ b: Operand, as _: T.Type, to _: R.Type, context: KernelContext, _ f: (T, T) -> R
    ) throws -> Tensor {
        try elementwise([a, b], readTypes: [T.dtype, T.dtype], result: R.self, context: context) { block, out, n in
            let (x, sx) = block.input(0, as: T.self)
            let (y, sy) = block.input(1, as: T.self)
            zipRow(x, sx, y, sy, out, n, f)
            return 0
        }.0
    }

    /// `f(a, b)` where `f` also returns fault bits; the first fault becomes the thrown error.
    @inline(__always)
    static func zipChecked<T: KernelElement, R: KernelElement>(
        _ op: BinaryOp, _ a: Operand, _ b: Operand, as _: T.Type, to _: R.Type, context: KernelContext,
        _ f: (T, T) -> (R, UInt8)
    ) throws -> Tensor {
        let (out, bits) = try elementwise([a, b], readTypes: [T.dtype, T.dtype], result: R.self, context: context) { block, out, n in
            let (x, sx) = block.input(0, as: T.self)
            let (y, sy) = block.input(1, as: T.self)
            var bits: UInt8 = 0
            var j = 0, k = 0
            for i in 0..<n {
                let (value, fault) = f(x[j], y[k])
                out[i] = value
                bits |= fault
                j &+= sx
                k &+= sy
            }
            return bits
        }
        if let error = ElementFault.error(bits, operation: op.symbol) { throw error }
        return out
    }

    /// `f` on SIMD8 chunks where both rows are contiguous or one is a scalar, else `scalar` per element.
    @inline(__always)
    static func zipVector<T: KernelFloat>(
        _ a: Operand, _ b: Operand, as _: T.Type, context: KernelContext,
        _ vector: (SIMD8<T>, SIMD8<T>) -> SIMD8<T>, _ scalar: (T, T) -> T
    ) throws -> Tensor {
        try elementwise([a, b], readTypes: [T.dtype, T.dtype], result: T.self, context: context) { block, out, n in
            let (x, sx) = block.input(0, as: T.self)
            let (y, sy) = block.input(1, as: T.self)
            guard (sx == 1 || sx == 0) && (sy == 1 || sy == 0) && n >= 8 else {
                zipRow(x, sx, y, sy, out, n, scalar)
                return 0
            }
            let raw = UnsafeMutableRawPointer(out)
            let width = MemoryLayout<SIMD8<T>>.stride / 8
            let xs = SIMD8<T>(repeating: x[0]), ys = SIMD8<T>(repeating: y[0])
            var i = 0
            while i &+ 8 <= n {
                let u = sx == 0 ? xs : UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<T>.self)
                let v = sy == 0 ? ys : UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<T>.self)
                raw.storeBytes(of: vector(u, v), toByteOffset: i &* width, as: SIMD8<T>.self)
                i &+= 8
            }
            while i < n {
                out[i] = scalar(x[i &* sx], y[i &* sy])
                i &+= 1
            }
            return 0
        }.0
    }

    static func floatBinary<T: KernelFloat>(_ op: BinaryOp, _ a: Operand, _ b: Operand, as _: T.Type, context: KernelContext) throws -> Tensor {
        switch op {
        case .add: return try zipVector(a, b, as: T.self, context: context, { T.add($0, $1) }, { $0 + $1 })
        case .subtract: return try zipVector(a, b, as: T.self, context: context, { T.subtract($0, $1) }, { $0 - $1 })
        case .multiply: return try zipVector(a, b, as: T.self, context: context, { T.multiply($0, $1) }, { $0 * $1 })
        case .divide: return try zipVector(a, b, as: T.self, context: context, { T.divide($0, $1) }, { $0 / $1 })
        case .maximum:
            // NaN-propagating: keep `a` where it is larger or NaN, else `b` (NaN when `b` is).
            return try zipVector(a, b, as: T.self, context: context, { T.maximum($0, $1) }, { ($0 > $1 || $0.isNaN) ? $0 : $1 })
        case .minimum:
            return try zipVector(a, b, as: T.self, context: context, { T.minimum($0, $1) }, { ($0 < $1 || $0.isNaN) ? $0 : $1 })
        case .floorDivide: return try zip(a, b, as: T.self, to: T.self, context: context) { floatDivMod($0, $1).quotient }
        case .modulo: return try zip(a, b, as: T.self, to: T.self, context: context) { floatDivMod($0, $1).remainder }
        case .power:
            // `x ** 2` is common and libm's pow is ~10x slower than a multiply (same result: both are correctly rounded).
            if case .scalar(let s) = b, T(scalar: s) == 2 { return try zip(a, b, as: T.self, to: T.self, context: context) { x, _ in x * x } }
            return try zip(a, b, as: T.self, to: T.self, context: context) { T.power($0, $1) }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return try compare(op, a, b, as: T.self, context: context)
        case .and, .or:
            return try boolBinary(op, a, b, context: context)
        }
    }

    static func intBinary(_ op: BinaryOp, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        @inline(__always) func checked(_ f: (Int64, Int64) -> (Int64, UInt8)) throws -> Tensor {
            try zipChecked(op, a, b, as: Int64.self, to: Int64.self, context: context, f)
        }
        let overflowBit = ElementFault.overflow.rawValue
        switch op {
        case .add: return try checked { let (v, o) = $0.addingReportingOverflow($1); return (v, o ? overflowBit : 0) }
        case .subtract: return try checked { let (v, o) = $0.subtractingReportingOverflow($1); return (v, o ? overflowBit : 0) }
        case .multiply: return try checked { let (v, o) = $0.multipliedReportingOverflow(by: $1); return (v, o ? overflowBit : 0) }
        case .floorDivide: return try checked { let r = intDivMod($0, $1); return (r.quotient, r.fault) }
        case .modulo: return try checked { let r = intDivMod($0, $1); return (r.remainder, r.fault & ~overflowBit) }
        case .power: return try checked(intPower)
        case .maximum: return try zip(a, b, as: Int64.self, to: Int64.self, context: context) { Swift.max($0, $1) }
        case .minimum: return try zip(a, b, as: Int64.self, to: Int64.self, context: context) { Swift.min($0, $1) }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return try compare(op, a, b, as: Int64.self, context: context)
        case .divide: return try floatBinary(op, a, b, as: Double.self, context: context)
        case .and, .or: return try boolBinary(op, a, b, context: context)
        }
    }

    /// and/or on truthiness, and maximum/minimum of two bools; other ops count bools as i64.
    static func boolBinary(_ op: BinaryOp, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        switch op {
        case .and, .minimum: return try zip(a, b, as: Bool.self, to: Bool.self, context: context) { $0 && $1 }
        case .or, .maximum: return try zip(a, b, as: Bool.self, to: Bool.self, context: context) { $0 || $1 }
        case .divide: return try floatBinary(op, a, b, as: Double.self, context: context)
        default: return try intBinary(op, a, b, context: context)
        }
    }

    static func compare<T: KernelElement & Comparable>(_ op: BinaryOp, _ a: Operand, _ b: Operand, as _: T.Type, context: KernelContext) throws -> Tensor {
        switch op {
        case .equal: try zip(a, b, as: T.self, to: Bool.self, context: context) { $0 == $1 }
        case .notEqual: try zip(a, b, as: T.self, to: Bool.self, context: context) { $0 != $1 }
        case .less: try zip(a, b, as: T.self, to: Bool.self, context: context) { $0 < $1 }
        case .lessEqual: try zip(a, b, as: T.self, to: Bool.self, context: context) { $0 <= $1 }
        case .greater: try zip(a, b, as: T.self, to: Bool.self, context: context) { $0 > $1 }
        default: try zip(a, b, as: T.self, to: Bool.self, context: context) { $0 >= $1 }
        }
    }
}
