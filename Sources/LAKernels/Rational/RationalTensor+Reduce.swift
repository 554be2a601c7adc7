/// Reductions and matrix products of rational tensors, computed exactly.
extension Tensor {
    /// `sum prod max min mean var` of a rational tensor over `axes` (nil: all), exactly;
    /// `std argmax argmin` work on the nearest doubles, `any all` on nonzero.
    /// - Throws: ValueError for `max min mean var` of an empty axis, and as `reduce` does.
    /// - Complexity: O(count) rational operations; allocates a reordered copy of the elements.
    func rationalReduce(_ op: ReduceOp, axes: [Int]?, keepdims: Bool, context: KernelContext) throws -> Tensor {
        switch op {
        case .sum, .prod, .max, .min, .mean, .var: break
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
        case .var:
            guard !values.isEmpty else { throw KernelError(.value, "var of an empty axis") }
            let count = Rational(Int64(values.count))
            let mean = try values.reduce(.zero, +) / count
            return try values.reduce(.zero) { $0 + ($1 - mean) * ($1 - mean) } / count
        default: return values.reduce(.zero, +)
        }
    }

    /// Running sums of a rational tensor along `axis` (already normalised), exactly.
    /// - Complexity: O(count) rational additions; allocates the result and a reordered copy.
    func rationalCumsum(axis: Int, context: KernelContext) throws -> Tensor {
        // The axis last: each run of `length` consecutive elements accumulates on its own.
        var order = Array(0..<ndim)
        order.remove(at: axis)
        order.append(axis)
        let moved = try transposed(order)
        let values = try moved.rationalElements()
        let length = shape[axis]
        context.work.add(values.count, ordering: .relaxed)
        var sums: [Rational] = []
        sums.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            if i & 1023 == 1023 { try context.checkCancellation() }
            sums.append(i % length == 0 ? value : sums[i - 1] + value)
        }
        // Back to the original axis order: the inverse permutation of `order`.
        var inverse = order
        for (position, original) in order.enumerated() { inverse[original] = position }
        return try Tensor(rationals: sums, shape: moved.shape, context: context).transposed(inverse).contiguousCopy(context: context)
    }

    /// `a @ b` where the operands join to rational (the other may be bool or i64), exactly,
    /// with NumPy `matmul` semantics: 1-D operands as row/column vectors, batch axes broadcast.
    /// - Throws: ShapeError when inner dimensions differ or batch axes do not broadcast.
    /// - Complexity: O(batch·m·n·k) rational multiply-adds; allocates the result (and rational
    ///   copies of non-rational operands).
    static func rationalMatmul(_ a: Tensor, _ b: Tensor, context: KernelContext) throws -> Tensor {
        let plan = try MatmulPlan(a.shape, b.shape)
        let left = try Operand.tensor(a).asRationalTensor(context: context)
        let right = try Operand.tensor(b).asRationalTensor(context: context)
        let (aLayout, aOffsets) = try plan.operand(left, isLeft: true)
        let (bLayout, bOffsets) = try plan.operand(right, isLeft: false)
        let (m, n, k) = (plan.m, plan.n, plan.k)
        let resultCount = try Tensor.elementCount(plan.resultShape)
        let (work, overflow) = resultCount.multipliedReportingOverflow(by: max(k, 1))
        context.work.add(overflow ? Int.max : work, ordering: .relaxed)
        let l = left.storage.rationals, r = right.storage.rationals
        var out: [Rational] = []
        out.reserveCapacity(resultCount)
        for (aBase, bBase) in Swift.zip(aOffsets, bOffsets) {
            for i in 0..<m {
                try context.checkCancellation()
                let row = aBase + i * aLayout.rowStride
                for j in 0..<n {
                    var sum = Rational.zero
                    var x = row, y = bBase + j * bLayout.colStride
                    for _ in 0..<k {
                        sum += l[x] * r[y]
                        x += aLayout.colStride
                        y += bLayout.rowStride
                    }
                    out.append(sum)
                }
            }
        }
        return try Tensor(rationals: out, shape: plan.resultShape, context: context)
    }
}
