// Reading and writing single elements as `Scalar`, and the element conversion
// rules that indexed assignment, joins and creation share.

/// One element in the exact representation of its dtype, ready to store.
enum StoredElement: Equatable {
    case bool(Bool)
    case i64(Int64)
    case f32(Float)
    case f64(Double)
    case rational(Rational)

    var dtype: DType {
        switch self {
        case .bool: .bool
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .rational: .rational
        }
    }
}

extension Scalar {
    /// The scalar as an element of `dtype`, following NumPy's casts: floats
    /// truncate toward zero into i64, nonzero is `true`, f32 rounds to nearest.
    /// - Throws: OverflowError when a float is NaN, infinite or outside i64.
    func storedElement(as dtype: DType) throws -> StoredElement {
        switch (dtype, self) {
        case (.bool, .bool(let v)): return .bool(v)
        case (.bool, .int(let v)): return .bool(v != 0)
        case (.bool, .float(let v)): return .bool(v != 0)
        case (.i64, .bool(let v)): return .i64(v ? 1 : 0)
        case (.i64, .int(let v)): return .i64(v)
        case (.i64, .float(let v)):
            // Int64(exactly:) rejects NaN, infinities and values outside i64.
            guard let truncated = Int64(exactly: v.rounded(.towardZero)) else {
                throw KernelError(.overflow, "\(v) does not fit in i64")
            }
            return .i64(truncated)
        case (.f32, .bool(let v)): return .f32(v ? 1 : 0)
        case (.f32, .int(let v)): return .f32(Float(v))
        case (.f32, .float(let v)): return .f32(Float(v))
        case (.f64, .bool(let v)): return .f64(v ? 1 : 0)
        case (.f64, .int(let v)): return .f64(Double(v))
        case (.f64, .float(let v)): return .f64(v)
        case (.rational, .bool(let v)): return .rational(v ? .one : .zero)
        case (.rational, .int(let v)): return .rational(Rational(v))
        case (.rational, .float(let v)): return .rational(try Rational(exactly: v))
        }
    }

    /// The smallest dtype holding this scalar on its own: bool, i64 or f64.
    var literalDType: DType {
        switch self {
        case .bool: .bool
        case .int: .i64
        case .float: .f64
        }
    }
}

extension TensorStorage {
    /// The element at storage `offset` (in elements), which must be in bounds.
    func scalarElement(at offset: Int) -> Scalar {
        switch dtype {
        case .bool: .bool(pointer(as: Bool.self)[offset])
        case .i64: .int(pointer(as: Int64.self)[offset])
        case .f32: .float(Double(pointer(as: Float.self)[offset]))
        case .f64: .float(pointer(as: Double.self)[offset])
        // Scalar has no rational case: the nearest double (the runtime reads rationals exactly).
        case .rational: .float(rationals[offset].doubleValue)
        }
    }

    /// Stores `element` at storage `offset`, which must be in bounds; the
    /// element must have been made for this storage's dtype.
    func store(_ element: StoredElement, at offset: Int) {
        assert(element.dtype == dtype, "store: \(element.dtype) element into \(dtype) storage")
        switch element {
        case .bool(let v): pointer(as: Bool.self)[offset] = v
        case .i64(let v): pointer(as: Int64.self)[offset] = v
        case .f32(let v): pointer(as: Float.self)[offset] = v
        case .f64(let v): pointer(as: Double.self)[offset] = v
        case .rational(let v): rationals[offset] = v
        }
    }
}

extension Tensor {
    /// The element at `indices` (one per axis, negative counts from the end).
    /// - Throws: IndexError when the number of indices is not `ndim` or one is out of bounds.
    /// - Complexity: O(ndim); allocates nothing.
    public func scalar(at indices: [Int]) throws -> Scalar {
        guard indices.count == ndim else {
            throw KernelError(.index, "\(indices.count) indices given for a \(ndim)-dimensional tensor; one per axis is needed")
        }
        var position = offset
        for axis in indices.indices {
            let i = try Tensor.normalizedIndex(indices[axis], axis: axis, length: shape[axis])
            position &+= i &* strides[axis]
        }
        return storage.scalarElement(at: position)
    }

    /// The only element of a one-element tensor (of any shape).
    /// - Throws: ValueError when the tensor does not have exactly one element.
    /// - Complexity: O(ndim); allocates nothing.
    public func item() throws -> Scalar {
        guard count == 1 else {
            throw KernelError(.value, "item() needs a tensor of exactly one element, but shape \(Tensor.formatShape(shape)) has \(count)")
        }
        return storage.scalarElement(at: offset)
    }

    /// "valid indices for axis 1 are 0...2, or -3...-1 counting from the end" (the `help` of an
    /// index out of range); without an axis, of a tuple or string of that length.
    public static func validIndicesHelp(axis: Int?, length: Int) -> String {
        let place = axis.map { " for axis \($0)" } ?? ""
        return length == 0 ? "nothing to index: the length is 0"
            : "valid indices\(place) are 0...\(length - 1), or -\(length)...-1 counting from the end"
    }

    /// `index` counted from the start (negative counts from the end of the axis).
    /// - Throws: IndexError naming the axis, the index and the axis length.
    static func normalizedIndex(_ index: Int, axis: Int, length: Int) throws -> Int {
        // length ≥ 0, so adding it to a negative index cannot overflow.
        let i = index < 0 ? index + length : index
        guard i >= 0 && i < length else {
            throw KernelError(.index, "index \(index) is out of bounds for axis \(axis) with size \(length)", axis: axis,
                              help: validIndicesHelp(axis: axis, length: length))
        }
        return i
    }
}
