// Indexed assignment `a[items] = value` with copy-on-write.

extension Tensor {
    /// `self[items] = value`, broadcasting `value` to the indexed shape and
    /// converting it to this tensor's dtype (a float into i64 truncates, NumPy-style).
    /// Storage shared with another tensor is copied first, so the write is never
    /// visible through another value (SPEC §2). With advanced indices, a repeated
    /// index keeps the last value written.
    /// - Throws: the errors of `index(_:context:)`; ShapeError when `value` does not
    ///   broadcast to the indexed shape; OverflowError when a value does not fit i64.
    /// - Complexity: O(indexed count), plus O(count) and one allocation when storage is shared.
    public mutating func assign(_ items: [TensorIndex], _ value: Operand, context: KernelContext) throws {
        // A value that is a view of our storage holds a reference to it, so
        // makeUnique copies: the source and target of the write never overlap.
        try makeUnique(context: context)
        let resolved = try resolveIndex(items, context: context)
        let plan = resolved.advanced.isEmpty ? nil : try AdvancedIndexPlan(resolved, context: context)
        let targetShape = plan?.resultShape ?? resolved.view.shape
        let source = try Tensor.assignmentSource(value, shape: targetShape, dtype: dtype, context: context)
        if let plan {
            try plan.scatter(source, context: context)
        } else {
            try Tensor.copyElements(from: source, into: resolved.view, context: context)
        }
    }

    /// `value` as a tensor view broadcast to `shape`: a scalar becomes a 0-d
    /// tensor of `dtype`; extra leading length-1 axes are dropped (as NumPy does).
    private static func assignmentSource(_ value: Operand, shape: [Int], dtype: DType,
                                         context: KernelContext) throws -> Tensor {
        var tensor: Tensor
        switch value {
        case .scalar(let s): tensor = try full([], s, dtype: dtype, context: context)
        case .tensor(let t): tensor = t
        }
        while tensor.ndim > shape.count && tensor.shape[0] == 1 {
            tensor = try tensor.squeezed(axis: 0)
        }
        do {
            return try tensor.broadcast(to: shape)
        } catch {
            throw KernelError(.shape,
                              "could not broadcast a value of shape \(formatShape(tensor.shape)) into the indexed shape \(formatShape(shape))",
                              operandShapes: [shape, tensor.shape])
        }
    }
}
