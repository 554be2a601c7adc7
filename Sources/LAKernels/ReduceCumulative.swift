/// Cumulative sums along one axis.

extension Tensor {
    /// Cumulative sum along `axis` (nil: over the flattened tensor, giving 1-D).
    /// bool and i64 give i64 (overflow is an OverflowError); floats keep their dtype and
    /// accumulate in order in that dtype, as NumPy does; rational sums are exact.
    /// - Throws: IndexError for an axis out of range; OverflowError on i64 overflow.
    /// - Complexity: O(count); allocates the result (and a converted copy for bool input).
    public func cumsum(axis: Int?, context: KernelContext) throws -> Tensor {
        guard let axis else {
            let flat = isContiguous ? self : try contiguousCopy(context: context)
            return try Tensor(storage: flat.storage, shape: [count], strides: [1], offset: flat.offset).cumsum(axis: 0, context: context)
        }
        let a = try Tensor.normalizeAxes([axis], rank: ndim)[0]
        switch dtype {
        case .bool: return try astype(.i64, context: context).cumsum(axis: a, context: context)
        case .i64: return try cumulate(axis: a, as: Int64.self, operation: "cumsum", context: context, identity: (0, 0), checkedAdd)
        case .f32: return try cumulate(axis: a, as: Float.self, operation: "cumsum", context: context, identity: (0, 0)) { ($0.0 + $1, 0) }
        case .f64: return try cumulate(axis: a, as: Double.self, operation: "cumsum", context: context, identity: (0, 0)) { ($0.0 + $1, 0) }
        case .rational: return try rationalCumsum(axis: a, context: context)
        }
    }

    /// Running `step` along `axis`; the accumulator is (value, fault bits).
    func cumulate<T: KernelElement>(
        axis: Int, as _: T.Type, operation: String, context: KernelContext,
        identity: (T, UInt8), _ step: ((T, UInt8), T) -> (T, UInt8)
    ) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: T.dtype, context: context)
        context.work.add(count, ordering: .relaxed)
        let n = shape[axis], inStride = strides[axis], outStride = out.strides[axis]
        var otherShape = shape, inStrides = strides, outStrides = out.strides
        otherShape.remove(at: axis)
        inStrides.remove(at: axis)
        outStrides.remove(at: axis)
        let lines = otherShape.reduce(1, *)
        if lines == 0 || n == 0 { return out }
        let input = UnsafePointer(storage.pointer(as: T.self))
        let output = out.storage.pointer(as: T.self)
        // Walk the other axes with the input and output offsets side by side.
        var index = [Int](repeating: 0, count: otherShape.count)
        var inBase = offset, outBase = 0
        var faults: UInt8 = 0
        for line in 0..<lines {
            if line % 1024 == 0 { try context.checkCancellation() }
            var acc = identity
            var j = inBase, k = outBase
            for _ in 0..<n {
                acc = step(acc, input[j])
                output[k] = acc.0
                j &+= inStride
                k &+= outStride
            }
            faults |= acc.1
            var d = otherShape.count - 1
            while d >= 0 {
                index[d] += 1
                inBase &+= inStrides[d]
                outBase &+= outStrides[d]
                if index[d] < otherShape[d] { break }
                inBase &-= inStrides[d] &* otherShape[d]
                outBase &-= outStrides[d] &* otherShape[d]
                index[d] = 0
                d -= 1
            }
        }
        if let error = ElementFault.error(faults, operation: operation) { throw error }
        return out
    }
}
