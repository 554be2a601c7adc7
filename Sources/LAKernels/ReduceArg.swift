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
        case .i64:
            return try argReduce(layout, axis: axis, as: Int64.self, context: context) { p, stride, n in
                foldRow(p, stride, n, p[0]) { greater ? Swift.max($0, $1) : Swift.min($0, $1) }
            }
        case .f32: return try argReduce(layout, axis: axis, as: Float.self, context: context) { floatExtremum($0, $1, $2, greater: greater) }
        case .f64: return try argReduce(layout, axis: axis, as: Double.self, context: context) { floatExtremum($0, $1, $2, greater: greater) }
        case .rational: throw Tensor.rationalUnsupported(op.rawValue)
        }
    }

    /// For each line along `axis`: its extreme value by the (SIMD) `extremum` row kernel, then
    /// the first index holding that value (a NaN extreme matches the first NaN, as in NumPy).
    /// - Complexity: O(count) (at most two passes per line); allocates the i64 result only.
    func argReduce<T: KernelElement & Equatable>(
        _ layout: ReductionLayout, axis: Int, as _: T.Type, context: KernelContext,
        _ extremum: (UnsafePointer<T>, Int, Int) -> T
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
                let best = extremum(input + base, stride, n)
                let isNaN = best != best
                var j = base
                for i in 0..<n {
                    let x = input[j]
                    if x == best || (isNaN && x != x) { output[o] = Int64(i); break }
                    j &+= stride
                }
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
