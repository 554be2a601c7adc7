// Joining tensors: concat along an existing axis, stack along a new one.

extension Tensor {
    /// Join `tensors` along the existing axis `axis` (negative counts from the end).
    /// Mixed dtypes promote to the largest (bool < i64 < rational < f32 < f64).
    /// - Throws: ValueError for an empty list or 0-d tensors; IndexError for a bad axis;
    ///   ShapeError naming the tensor's position, the axis and both shapes
    ///   when the shapes differ off the join axis.
    /// - Complexity: O(total elements); allocates the result only.
    public static func concat(_ tensors: [Tensor], axis: Int, context: KernelContext) throws -> Tensor {
        guard let first = tensors.first else {
            throw KernelError(.value, "concat: needs at least one tensor")
        }
        guard first.ndim > 0 else {
            throw KernelError(.value, "concat: 0-d tensors cannot be concatenated; use stack")
        }
        let a = try resolvedAxis(axis, rank: first.ndim, operation: "concat")
        var joined = 0
        for (position, t) in tensors.enumerated() {
            let matches = t.ndim == first.ndim && t.shape.indices.allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] }
            guard matches else {
                throw KernelError(.shape,
                                  "concat: tensor \(position) has shape \(formatShape(t.shape)) but tensor 0 has shape \(formatShape(first.shape)); shapes must match except on axis \(axis)",
                                  operandShapes: [first.shape, t.shape], axis: a)
            }
            let (sum, overflow) = joined.addingReportingOverflow(t.shape[a])
            if overflow { throw KernelError(.limit, "concat: the result is too large") }
            joined = sum
        }
        var resultShape = first.shape
        resultShape[a] = joined
        let dtype = tensors.dropFirst().reduce(first.dtype) { DType.join($0, $1.dtype) }
        let result = try Tensor(zeros: resultShape, dtype: dtype, context: context)
        var start = 0
        for t in tensors {
            let part = Tensor(storage: result.storage, shape: t.shape, strides: result.strides,
                              offset: start &* result.strides[a])
            try copyElements(from: t, into: part, context: context)
            start += t.shape[a]
        }
        return result
    }

    /// Join equally shaped `tensors` along a new axis `axis` (`-(ndim+1)...ndim`).
    /// - Throws: ValueError for an empty list; IndexError for a bad axis; ShapeError naming
    ///   the tensor's position and both shapes when shapes differ.
    /// - Complexity: O(total elements); allocates the result only.
    public static func stack(_ tensors: [Tensor], axis: Int, context: KernelContext) throws -> Tensor {
        guard let first = tensors.first else {
            throw KernelError(.value, "stack: needs at least one tensor")
        }
        for (position, t) in tensors.enumerated() where t.shape != first.shape {
            throw KernelError(.shape,
                              "stack: tensor \(position) has shape \(formatShape(t.shape)) but tensor 0 has shape \(formatShape(first.shape)); all must have the same shape",
                              operandShapes: [first.shape, t.shape])
        }
        let a = try resolvedAxis(axis, rank: first.ndim + 1, operation: "stack")
        return try concat(tensors.map { try $0.unsqueezed(axis: a) }, axis: a, context: context)
    }

}
