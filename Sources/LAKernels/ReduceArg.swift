import Synchronization

/// argmax / argmin: the index of the first extreme element along one axis.

extension Tensor {
    /// argmax/argmin over one axis, or over the flattened tensor when `axes` is nil.
    func argReduce(_ op: ReduceOp, axes: [Int]?, keepdims: Bool, context: KernelContext) throws -> Tensor {
        guard let axes else {
            let flat = isContiguous ? self : try contiguousCopy(context: context)
            let line = Tensor(storage: flat.storage, shape: [count], strides: [1], offset: flat.offset)
            var result = try line.argReduce(op, axes: [0], keepdims: false, context: context)
            if keepdims { result.shape = [Int](repeating: 1, count: ndim); result.strides = result.shape.map { _ in 0 } }
            return result
        }
        guard axes.count == 1 else {
            throw KernelError(.value, "\(op.rawValue) takes a single axis, not a tuple of \(axes.count) axes")
        }
        let axis = try Tensor.normalizeAxes(axes, rank: ndim)[0]
        let layout = ReductionLayout(self, axes: [axis], keepdims: keepdims)
        if shape[axis] == 0 && layout.keptCount > 0 {
            throw KernelError(.value, "\(op.rawValue) of an empty axis \(axis) of shape \(Tensor.formatShape(shape))", axis: axis)
        }
        let greater = op == .argmax
        switch dtype {
        case .bool: return try astype(.i64, context: context).argReduce(op, axes: axes, keepdims: keepdims, context: context)
        case .i64: return try argReduce(layout, axis: axis, as: Int64.self, context: context) { greater ? $0 > $1 : $0 < $1 }
        case .f32: return try argReduce(layout, axis: axis, as: Float.self, context: context) { greater ? $0 > $1 : $0 < $1 }
        case .f64: return try argReduce(layout, axis: axis, as: Double.self, context: context) { greater ? $0 > $1 : $0 < $1 }
        }
    }

    /// Scans each line along `axis`; `better(x, best)` replaces the best so far, and a
    /// NaN (an element unequal to itself) is taken at once, as NumPy does.
    /// - Complexity: O(count); allocates the i64 result only.
    func argReduce<T: KernelElement & Comparable>(
        _ layout: ReductionLayout, axis: Int, as _: T.Type, context: KernelContext, _ better: (T, T) -> Bool
    ) throws -> Tensor {
        let out = try Tensor(zeros: layout.resultShape, dtype: .i64, context: context)
        context.work.add(count, ordering: .relaxed)
        let input = UnsafePointer(storage.pointer(as: T.self))
        let output = out.storage.pointer(as: Int64.self)
        let n = shape[axis], stride = strides[axis]
        func chunk(_ range: Range<Int>) {
            var o = range.lowerBound
            ReductionLayout.forEachOffset(shape: layout.keptShape, strides: layout.keptStrides, base: offset,
                                          start: range.lowerBound, count: range.count) { base in
                if o % 1024 == 0 && context.isCancelled { return }
                var best = input[base], bestIndex = 0
                var j = base
                for i in 0..<n {
                    let x = input[j]
                    if x != x { bestIndex = i; break }
                    if better(x, best) { best = x; bestIndex = i }
                    j &+= stride
                }
                output[o] = Int64(bestIndex)
                o += 1
            }
        }
        let outputs = layout.keptCount
        if outputs &* n >= LoopTuning.parallelThreshold && outputs > 1 {
            context.parallelRanges(outputs, minimumChunk: Swift.max(1, LoopTuning.parallelThreshold / Swift.max(n, 1)), chunk)
        } else if outputs > 0 {
            chunk(0..<outputs)
        }
        try context.checkCancellation()
        return out
    }
}
