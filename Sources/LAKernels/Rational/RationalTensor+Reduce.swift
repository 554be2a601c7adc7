/// Reductions and matrix products of rational tensors, computed exactly.
extension Tensor {
    /// `sum prod max min mean` of a rational tensor over `axes` (nil: all), exactly;
    /// `var std argmax argmin` work on the nearest doubles, `any all` on nonzero.
    /// - Throws: ValueError for `max`/`min` of an empty axis, and as `reduce` does.
    /// - Complexity: O(count) rational operations; allocates a reordered copy of the elements.
    func rationalReduce(_ op: ReduceOp, axes: [Int]?, keepdims: Bool, context: KernelContext) throws -> Tensor {
        switch op {
        case .sum, .prod, .max, .min, .mean: break
        case .any, .all: return try rationalCast(to: .bool, context: context).reduce(op, axes: axes, keepdims: keepdims, context: context)
        default: return try rationalCast(to: .f64, context: context).reduce(op, axes: axes, keepdims: keepdims, context: context)
        }
        let reduced = try Tensor.normalizeAxes(axes, rank: ndim)
        let kept = (0..<ndim).filter { !reduced.contains($0) }
        // Reduced axes last: each run of `length` consecutive elements folds into one result.
        let values = try transposed(kept + reduced).rationalElements()
        let length = try Tensor.elementCount(reduced.map { shape[$0] })
        let keptCount = try Tensor.elementCount(kept.map { shape[$0] })
        if length == 0 && (op == .max || op == .min) {
            throw KernelError(.value, "\(op.rawValue) of an empty axis: a zero-size reduction has no identity, shape \(Tensor.formatShape(shape))")
        }
        context.work.add(values.count, ordering: .relaxed)
        let resultCount = length == 0 ? keptCount : values.count / length
        var results: [Rational] = []
        results.reserveCapacity(resultCount)
        for start in stride(from: 0, to: resultCount * length, by: max(length, 1)) {
            try context.checkCancellation()
            results.append(try Tensor.fold(op, values[start..<start + length]))
        }
        if length == 0 { results = Array(repeating: try Tensor.fold(op, []), count: resultCount) }
        let resultShape = keepdims ? shape.indices.map { reduced.contains($0) ? 1 : shape[$0] } : kept.map { shape[$0] }
        return try Tensor(rationals: results, shape: resultShape, context: context)
    }

    private static func fold(_ op: ReduceOp, _ values: ArraySlice<Rational>) throws -> Rational {
        switch op {
        case .prod: return values.reduce(.one, *)
        case .max: return values.max() ?? .zero
        case .min: return values.min() ?? .zero
        case .mean:
            guard !values.isEmpty else { throw KernelError(.value, "mean of an empty axis") }
            return try values.reduce(.zero, +) / Rational(Int64(values.count))
        default: return values.reduce(.zero, +)
        }
    }

    /// `a @ b` for rational operands (the other may be bool or i64) of 1 or 2 axes:
    /// vector·vector is a 0-d dot product, as in NumPy `matmul`.
    /// - Throws: ShapeError when inner dimensions differ; TypeError for more than 2 axes.
    /// - Complexity: O(m·n·k) rational multiply-adds; allocates the result and row-major copies.
    static func rationalMatmul(_ a: Tensor, _ b: Tensor, context: KernelContext) throws -> Tensor {
        guard (1...2).contains(a.ndim), (1...2).contains(b.ndim) else { throw rationalUnsupported("batched @") }
        let plan = try MatmulPlan(a.shape, b.shape)
        let (m, k) = a.ndim == 2 ? (a.shape[0], a.shape[1]) : (1, a.shape[0])
        let n = b.ndim == 2 ? b.shape[1] : 1
        let resultCount = try Tensor.elementCount(plan.resultShape)
        let left = try a.rationalElements(), right = try b.rationalElements()
        let (work, overflow) = resultCount.multipliedReportingOverflow(by: max(k, 1))
        context.work.add(overflow ? Int.max : work, ordering: .relaxed)
        var out: [Rational] = []
        out.reserveCapacity(resultCount)
        for i in 0..<m {
            try context.checkCancellation()
            for j in 0..<n {
                var sum = Rational.zero
                for p in 0..<k { sum += left[i * k + p] * right[p * n + j] }
                out.append(sum)
            }
        }
        return try Tensor(rationals: out, shape: plan.resultShape, context: context)
    }
}
