/// Element types the kernels compute with, and conversions between dtypes.

/// A Swift type that is the storage of one `DType`, with conversions from every other.
/// The `lossy` initialisers never trap: they are used for promotions (which only go
/// up the lattice) and for truthiness; checked narrowing lives in `astype`.
protocol KernelElement {
    static var dtype: DType { get }
    init(lossy value: Bool)
    init(lossy value: Int64)
    init(lossy value: Float)
    init(lossy value: Double)
}

extension Bool: KernelElement {
    static var dtype: DType { .bool }
    init(lossy value: Bool) { self = value }
    init(lossy value: Int64) { self = value != 0 }
    init(lossy value: Float) { self = value != 0 }
    init(lossy value: Double) { self = value != 0 }
}

extension Int64: KernelElement {
    static var dtype: DType { .i64 }
    init(lossy value: Bool) { self = value ? 1 : 0 }
    init(lossy value: Int64) { self = value }
    init(lossy value: Float) { self = Int64(lossy: Double(value)) }
    init(lossy value: Double) {
        // Saturating truncation; callers that must reject NaN/overflow use `checkedInt64`.
        if value.isNaN { self = 0 } else if value >= 0x1p63 { self = .max } else if value < -0x1p63 { self = .min } else { self = Int64(value) }
    }
}

extension Float: KernelElement {
    static var dtype: DType { .f32 }
    init(lossy value: Bool) { self = value ? 1 : 0 }
    init(lossy value: Int64) { self = Float(value) }
    init(lossy value: Float) { self = value }
    init(lossy value: Double) { self = Float(value) }
}

extension Double: KernelElement {
    static var dtype: DType { .f64 }
    init(lossy value: Bool) { self = value ? 1 : 0 }
    init(lossy value: Int64) { self = Double(value) }
    init(lossy value: Float) { self = Double(value) }
    init(lossy value: Double) { self = value }
}

extension KernelElement {
    /// A weak or strong scalar converted to this element type.
    init(scalar: Scalar) {
        switch scalar {
        case .bool(let v): self.init(lossy: v)
        case .int(let v): self.init(lossy: v)
        case .float(let v): self.init(lossy: v)
        }
    }

    /// Converts `count` elements of dtype `source` read at `stride` from `from` into `into` (contiguous).
    /// - Complexity: O(count); allocates nothing.
    static func convert(_ from: UnsafeRawPointer, dtype source: DType, stride: Int, count: Int, into: UnsafeMutablePointer<Self>) {
        @inline(__always)
        func run<S>(_: S.Type, _ f: (S) -> Self) {
            let p = from.assumingMemoryBound(to: S.self)
            var j = 0
            for i in 0..<count { into[i] = f(p[j]); j &+= stride }
        }
        switch source {
        case .bool: run(Bool.self) { Self(lossy: $0) }
        case .i64, .rational: run(Int64.self) { Self(lossy: $0) }
        case .f32: run(Float.self) { Self(lossy: $0) }
        case .f64: run(Double.self) { Self(lossy: $0) }
        }
    }
}

extension Tensor {
    /// The elements converted to `dtype` (float → i64 truncates toward zero; NaN is a
    /// ValueError, ±inf and out-of-range values an OverflowError; anything → bool is nonzero).
    /// - Complexity: O(count); allocates the result only (a same-dtype cast is a contiguous copy).
    public func astype(_ dtype: DType, context: KernelContext) throws -> Tensor {
        if dtype == self.dtype { return try contiguousCopy(context: context) }
        if dtype == .rational || self.dtype == .rational { return try rationalCast(to: dtype, context: context) }
        if dtype == .i64 && self.dtype.isFloatingPoint {
            return try Tensor.mapChecked(self, to: Int64.self, context: context) { (v: Double) in
                if v.isNaN { return (0, ElementFault.invalidCast.rawValue) }
                let t = v.rounded(.towardZero)
                guard t >= -0x1p63 && t < 0x1p63 else { return (0, ElementFault.overflow.rawValue) }
                return (Int64(t), 0)
            }
        }
        return try Tensor.convertedCopy(self, to: dtype, context: context)
    }

    /// A contiguous copy of `tensor` in `dtype` by promotion or truthiness (never fails per element).
    static func convertedCopy(_ tensor: Tensor, to dtype: DType, context: KernelContext) throws -> Tensor {
        func run<T: KernelElement>(_: T.Type) throws -> Tensor {
            try Tensor.map(.tensor(tensor), as: T.self, to: T.self, context: context) { $0 }
        }
        switch dtype {
        case .bool: return try run(Bool.self)
        case .i64: return try run(Int64.self)
        case .f32: return try run(Float.self)
        case .f64: return try run(Double.self)
        case .rational: return try tensor.rationalCast(to: .rational, context: context)
        }
    }
}
