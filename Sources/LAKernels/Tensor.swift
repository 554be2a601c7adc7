/// An n-dimensional array: a view (shape, strides, offset) over shared storage,
/// with value semantics through copy-on-write.
///
/// Strides and offset are counted in elements. Broadcast views use stride 0.
/// A tensor's logical elements are visited in row-major (C) order.
public struct Tensor: Sendable {
    public internal(set) var storage: TensorStorage
    public internal(set) var shape: [Int]
    public internal(set) var strides: [Int]
    public internal(set) var offset: Int

    public var dtype: DType { storage.dtype }
    public var ndim: Int { shape.count }
    /// Number of logical elements (the product of the shape).
    public var count: Int { shape.reduce(1, *) }

    /// A view over `storage`. The caller guarantees every reachable index is in bounds.
    public init(storage: TensorStorage, shape: [Int], strides: [Int], offset: Int) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A zero-filled, contiguous tensor.
    /// - Complexity: O(count); allocates one storage of `count` elements.
    public init(zeros shape: [Int], dtype: DType, context: KernelContext? = nil) throws {
        let count = try Tensor.elementCount(shape)
        self.storage = try TensorStorage(dtype: dtype, count: count, context: context)
        self.shape = shape
        self.strides = Tensor.contiguousStrides(shape)
        self.offset = 0
    }

    /// The number of elements of `shape`, or a ShapeError/LimitError when an
    /// axis is negative or the product overflows.
    public static func elementCount(_ shape: [Int]) throws -> Int {
        var count = 1
        for n in shape {
            if n < 0 { throw KernelError(.shape, "negative dimension \(n) in shape \(formatShape(shape))") }
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            if overflow { throw KernelError(.limit, "shape \(formatShape(shape)) has too many elements") }
            count = product
        }
        return count
    }

    /// Row-major strides for `shape`.
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step = step &* max(shape[axis], 1)
        }
        return strides
    }

    /// True when the elements are laid out row-major without gaps from `offset`.
    public var isContiguous: Bool {
        var expected = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
            if strides[axis] != expected { return false }
            expected &*= shape[axis]
        }
        return true
    }

    /// Makes `storage` uniquely owned by this tensor and contiguous, copying if needed,
    /// so that it may be written in place.
    public mutating func makeUnique(context: KernelContext? = nil) throws {
        if isKnownUniquelyReferenced(&storage) && isContiguous && offset == 0 && storage.count == count { return }
        self = try contiguousCopy(context: context)
    }

    /// A new contiguous tensor with the same elements.
    /// - Complexity: O(count); allocates the result only.
    public func contiguousCopy(context: KernelContext? = nil) throws -> Tensor {
        var result = try Tensor(zeros: shape, dtype: dtype, context: context)
        if dtype == .rational {
            result.storage.rationals = try rationalElements()
            return result
        }
        let width = dtype.byteWidth
        let source = storage.bytes
        let target = result.storage.bytes
        var index = 0
        forEachOffset { elementOffset in
            (target + index &* width).copyMemory(from: source + elementOffset &* width, byteCount: width)
            index &+= 1
        }
        result.offset = 0
        return result
    }

    /// Calls `body` with the storage offset of every logical element, in row-major order.
    /// - Complexity: O(count).
    @inlinable
    public func forEachOffset(_ body: (Int) -> Void) {
        let n = count
        if n == 0 { return }
        let rank = shape.count
        if rank == 0 { body(offset); return }
        var index = [Int](repeating: 0, count: rank)
        var position = offset
        let last = rank - 1
        let lastLength = shape[last]
        let lastStride = strides[last]
        var remaining = n
        while remaining > 0 {
            var p = position
            for _ in 0..<lastLength {
                body(p)
                p &+= lastStride
            }
            remaining &-= lastLength
            // Carry into the outer axes.
            var axis = last - 1
            while axis >= 0 {
                index[axis] &+= 1
                position &+= strides[axis]
                if index[axis] < shape[axis] { break }
                position &-= strides[axis] &* shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    /// The elements converted to Double, in row-major order.
    public func toDoubles() -> [Double] {
        var out = [Double]()
        out.reserveCapacity(count)
        switch dtype {
        case .bool: let p = storage.pointer(as: Bool.self); forEachOffset { out.append(p[$0] ? 1 : 0) }
        case .i64: let p = storage.pointer(as: Int64.self); forEachOffset { out.append(Double(p[$0])) }
        case .f32: let p = storage.pointer(as: Float.self); forEachOffset { out.append(Double(p[$0])) }
        case .f64: let p = storage.pointer(as: Double.self); forEachOffset { out.append(p[$0]) }
        case .rational: let r = storage.rationals; forEachOffset { out.append(r[$0].doubleValue) }
        }
        return out
    }

    /// The elements of an `i64` or `bool` tensor as Int64, in row-major order; floats are truncated.
    public func toInt64s() -> [Int64] {
        var out = [Int64]()
        out.reserveCapacity(count)
        switch dtype {
        case .bool: let p = storage.pointer(as: Bool.self); forEachOffset { out.append(p[$0] ? 1 : 0) }
        case .i64: let p = storage.pointer(as: Int64.self); forEachOffset { out.append(p[$0]) }
        case .f32: let p = storage.pointer(as: Float.self); forEachOffset { out.append(Int64(exactly: p[$0].rounded(.towardZero)) ?? 0) }
        case .f64: let p = storage.pointer(as: Double.self); forEachOffset { out.append(Int64(exactly: p[$0].rounded(.towardZero)) ?? 0) }
        case .rational: let r = storage.rationals; forEachOffset { out.append(Int64(exactly: r[$0].doubleValue.rounded(.towardZero)) ?? 0) }
        }
        return out
    }

    /// The elements as Bool (nonzero is true), in row-major order.
    public func toBools() -> [Bool] {
        toDoubles().map { $0 != 0 }
    }

    /// A contiguous tensor holding `values` with `shape`.
    public init(_ values: [Double], shape: [Int], dtype: DType = .f64, context: KernelContext? = nil) throws {
        try self.init(zeros: shape, dtype: dtype, context: context)
        guard values.count == count else {
            throw KernelError(.shape, "\(values.count) values do not fill shape \(Tensor.formatShape(shape))")
        }
        switch dtype {
        case .bool: let p = storage.pointer(as: Bool.self); for i in values.indices { p[i] = values[i] != 0 }
        case .i64:
            let p = storage.pointer(as: Int64.self)
            for i in values.indices {
                guard let v = Int64(exactly: values[i].rounded(.towardZero)) else {
                    throw KernelError(.overflow, "\(values[i]) does not fit in i64")
                }
                p[i] = v
            }
        case .f32: let p = storage.pointer(as: Float.self); for i in values.indices { p[i] = Float(values[i]) }
        case .f64: let p = storage.pointer(as: Double.self); for i in values.indices { p[i] = values[i] }
        case .rational: storage.rationals = try values.map { try Rational(exactly: $0) }
        }
    }

    /// A contiguous `i64` tensor holding `values` with `shape`.
    public init(_ values: [Int64], shape: [Int], context: KernelContext? = nil) throws {
        try self.init(zeros: shape, dtype: .i64, context: context)
        guard values.count == count else {
            throw KernelError(.shape, "\(values.count) values do not fill shape \(Tensor.formatShape(shape))")
        }
        let p = storage.pointer(as: Int64.self)
        for i in values.indices { p[i] = values[i] }
    }

    /// A contiguous `bool` tensor holding `values` with `shape`.
    public init(_ values: [Bool], shape: [Int], context: KernelContext? = nil) throws {
        try self.init(zeros: shape, dtype: .bool, context: context)
        guard values.count == count else {
            throw KernelError(.shape, "\(values.count) values do not fill shape \(Tensor.formatShape(shape))")
        }
        let p = storage.pointer(as: Bool.self)
        for i in values.indices { p[i] = values[i] }
    }

    /// `(2, 3)`, `(5,)`, `()` — the la spelling of a shape.
    public static func formatShape(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
