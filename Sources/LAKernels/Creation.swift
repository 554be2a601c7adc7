// Creating tensors: literals, constant fills, the identity, ranges.

extension Tensor {
    /// A tensor from elements in row-major order (a tensor literal).
    /// `dtype` nil picks the smallest dtype holding every element: bool when all
    /// are bools, f64 when any is a float, else i64 (bools count as 0/1, as in NumPy);
    /// no elements give f64.
    /// - Throws: ShapeError when the count does not fill `shape`; OverflowError
    ///   converting a float that does not fit an explicit i64 dtype.
    /// - Complexity: O(count); allocates the result only.
    public init(scalars: [Scalar], shape: [Int], dtype: DType?, context: KernelContext) throws {
        let resolved = dtype ?? Tensor.literalDType(of: scalars)
        try self.init(zeros: shape, dtype: resolved, context: context)
        guard scalars.count == count else {
            throw KernelError(.shape, "\(scalars.count) values do not fill shape \(Tensor.formatShape(shape))", operandShapes: [shape])
        }
        for (i, value) in scalars.enumerated() {
            storage.store(try value.storedElement(as: resolved), at: i)
        }
    }

    private static func literalDType(of scalars: [Scalar]) -> DType {
        if scalars.isEmpty { return .f64 }
        var allBool = true
        for s in scalars {
            switch s {
            case .float: return .f64
            case .int: allBool = false
            case .bool: break
            }
        }
        return allBool ? .bool : .i64
    }

    /// `value` repeated over `shape` (`dtype` nil: the scalar's own dtype, bool/i64/f64).
    /// - Throws: ShapeError for a negative length; OverflowError when `value` does not fit `dtype`.
    /// - Complexity: O(count); allocates the result only.
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType?, context: KernelContext) throws -> Tensor {
        let resolved = dtype ?? value.literalDType
        let result = try Tensor(zeros: shape, dtype: resolved, context: context)
        let n = result.count
        switch try value.storedElement(as: resolved) {
        case .bool(let v): result.storage.pointer(as: Bool.self).update(repeating: v, count: n)
        case .i64(let v): result.storage.pointer(as: Int64.self).update(repeating: v, count: n)
        case .rational(let v): result.storage.rationals = Array(repeating: v, count: n)
        case .f32(let v): result.storage.pointer(as: Float.self).update(repeating: v, count: n)
        case .f64(let v): result.storage.pointer(as: Double.self).update(repeating: v, count: n)
        }
        return result
    }

    /// The n×n identity.
    /// - Throws: ValueError when `n` is negative.
    /// - Complexity: O(n²); allocates the result only.
    public static func eye(_ n: Int, dtype: DType, context: KernelContext) throws -> Tensor {
        guard n >= 0 else { throw KernelError(.value, "eye: size must be non-negative, got \(n)") }
        let result = try Tensor(zeros: [n, n], dtype: dtype, context: context)
        let one = try Scalar.int(1).storedElement(as: dtype)
        for i in 0..<n { result.storage.store(one, at: i &* (n &+ 1)) }
        return result
    }

    /// `start, start+step, ...` while below `stop` (above, for a negative step):
    /// NumPy's `arange`, with `ceil((stop - start) / step)` elements. i64 when all
    /// three are ints (or bools), else f64.
    /// - Throws: ValueError for a zero step or a NaN length; LimitError when too long
    ///   (e.g. an infinite bound); LimitError on cancellation.
    /// - Complexity: O(length); allocates the result only.
    public static func arange(start: Scalar, stop: Scalar, step: Scalar, context: KernelContext) throws -> Tensor {
        if let a = start.integerValue, let b = stop.integerValue, let s = step.integerValue {
            return try integerRange(a, b, s, context: context)
        }
        let (a, b, s) = (start.doubleValue, stop.doubleValue, step.doubleValue)
        guard s != 0 else { throw KernelError(.value, "arange: step must not be zero") }
        let length = ((b - a) / s).rounded(.up)
        guard !length.isNaN else {
            throw KernelError(.value, "arange: cannot make a range from \(a) to \(b) by \(s)")
        }
        guard length < 0x1p62 else { throw KernelError(.limit, "arange: \(length) elements are too many") }
        let n = length > 0 ? Int(length) : 0
        let result = try Tensor(zeros: [n], dtype: .f64, context: context)
        let p = result.storage.pointer(as: Double.self)
        // NumPy fills from the first two values: the step actually used is
        // (start + step) - start, which can differ from `step` in the last bit.
        let delta = (a + s) - a
        try inChunks(n, context: context) { range in
            for i in range { p[i] = i == 1 ? a + s : a + Double(i) * delta }
        }
        return result
    }

    private static func integerRange(_ start: Int64, _ stop: Int64, _ step: Int64, context: KernelContext) throws -> Tensor {
        guard step != 0 else { throw KernelError(.value, "arange: step must not be zero") }
        // The distance fits UInt64 exactly even when `stop - start` overflows Int64.
        let ascending = step > 0
        let hasElements = ascending ? stop > start : stop < start
        var n: UInt64 = 0
        if hasElements {
            let distance = ascending ? UInt64(bitPattern: stop &- start) : UInt64(bitPattern: start &- stop)
            let magnitude = step.magnitude
            n = distance / magnitude + (distance % magnitude == 0 ? 0 : 1)
        }
        guard let length = Int(exactly: n) else { throw KernelError(.limit, "arange: \(n) elements are too many") }
        let result = try Tensor(zeros: [length], dtype: .i64, context: context)
        let p = result.storage.pointer(as: Int64.self)
        // Every value lies between start and stop, so wrapping arithmetic is exact.
        try inChunks(length, context: context) { range in
            for i in range { p[i] = start &+ Int64(i) &* step }
        }
        return result
    }

    /// `count` evenly spaced values from `start` to `stop`, both included
    /// (NumPy `linspace`); one value gives `[start]`. f64.
    /// - Throws: ValueError when `count` is negative; LimitError on cancellation.
    /// - Complexity: O(count); allocates the result only.
    public static func linspace(_ start: Double, _ stop: Double, count: Int, context: KernelContext) throws -> Tensor {
        guard count >= 0 else { throw KernelError(.value, "linspace: count must be non-negative, got \(count)") }
        let result = try Tensor(zeros: [count], dtype: .f64, context: context)
        let p = result.storage.pointer(as: Double.self)
        if count == 1 { p[0] = start }
        if count <= 1 { return result }
        let divisions = Double(count - 1)
        let delta = stop - start
        let step = delta / divisions
        // NumPy's formula: scale by `step`, unless it underflows to zero.
        try inChunks(count, context: context) { range in
            for i in range {
                p[i] = step == 0 ? Double(i) / divisions * delta + start : Double(i) * step + start
            }
        }
        p[count - 1] = stop
        return result
    }

    /// Runs `body` over `0..<count` in chunks, checking cancellation before each.
    private static func inChunks(_ count: Int, context: KernelContext, _ body: (Range<Int>) -> Void) throws {
        let chunk = 1 << 16
        var start = 0
        while start < count {
            try context.checkCancellation()
            let end = start + min(chunk, count - start)
            body(start..<end)
            start = end
        }
    }
}

extension Scalar {
    /// The value as an integer when it is a bool or an int.
    fileprivate var integerValue: Int64? {
        switch self {
        case .bool(let v): v ? 1 : 0
        case .int(let v): v
        case .float: nil
        }
    }

    fileprivate var doubleValue: Double {
        switch self {
        case .bool(let v): v ? 1 : 0
        case .int(let v): Double(v)
        case .float(let v): v
        }
    }
}
