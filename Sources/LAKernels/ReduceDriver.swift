import Synchronization

extension Tensor {
    /// Runs `reducer` over the axes of `layout` of this tensor (whose elements are `T`),
    /// choosing the strategy by layout: threads over slices of the reduced rows for one
    /// contiguous run of outputs, over pieces of a row for a few long rows, else over outputs.
    /// - Complexity: O(count); allocates the result (and accumulators of at most
    ///   `threads × outputs`, or a block per thread).
    func reduce<T: KernelElement, A, R: KernelElement>(
        _ layout: ReductionLayout, _ reducer: Reducer<T, A, R>, operation: String, context: KernelContext
    ) throws -> Tensor {
        let out = try Tensor(zeros: layout.resultShape, dtype: R.dtype, context: context)
        context.work.add(count, ordering: .relaxed)
        if layout.keptCount == 0 { return out }
        let run = ReductionRun(layout: layout, reducer: reducer, context: context,
                               input: UnsafePointer(storage.pointer(as: T.self)), output: out.storage.pointer(as: R.self))
        let keptRank = layout.keptShape.count
        let work = layout.keptCount &* Swift.max(layout.reducedCount, 1)
        if run.columnWise && keptRank == 1 && layout.keptCount <= LoopTuning.rowSplitLimit
            && work >= LoopTuning.parallelThreshold && layout.reducedCount >= context.threads {
            run.splitReducedRows()
        } else if layout.keptCount < context.threads && layout.reducedShape.count == 1
                    && layout.reducedCount >= LoopTuning.parallelThreshold {
            run.splitLongRows()
        } else if work >= LoopTuning.parallelThreshold && layout.keptCount > 1 {
            let minimum = Swift.max(1, LoopTuning.parallelThreshold / Swift.max(layout.reducedCount, 1))
            context.parallelRanges(layout.keptCount, minimumChunk: minimum) { run.outputs($0) }
        } else {
            run.outputs(0..<layout.keptCount)
        }
        try context.checkCancellation()
        if let error = ElementFault.error(run.faults.load(ordering: .relaxed), operation: operation) { throw error }
        return out
    }
}

/// One reduction in progress: the strategies share the layout, the reducer and the fault bits.
struct ReductionRun<T, A, R>: ~Copyable {
    let layout: ReductionLayout
    let reducer: Reducer<T, A, R>
    let context: KernelContext
    let input: UnsafePointer<T>
    let output: UnsafeMutablePointer<R>
    let faults = Atomic<UInt8>(0)

    /// Output elements that are neighbours in memory while the reduced axes are not:
    /// they accumulate together, row after row, instead of striding.
    var columnWise: Bool {
        let keptRank = layout.keptShape.count
        return keptRank > 0 && layout.keptStrides[keptRank - 1] == 1
            && !layout.reducedStrides.isEmpty && layout.reducedStrides.last != 1
    }

    /// The storage offset of output element `o`'s first input.
    func base(of o: Int) -> Int {
        var base = layout.offset
        ReductionLayout.forEachOffset(shape: layout.keptShape, strides: layout.keptStrides, base: layout.offset, start: o, count: 1) { base = $0 }
        return base
    }

    func store(_ index: Int, _ acc: A, _ bits: inout UInt8) {
        let (value, fault) = reducer.finish(acc)
        output[index] = value
        bits |= fault
    }

    /// Reduces all reduced axes from storage offset `base`.
    func reduceAt(_ base: Int) -> A {
        let rank = layout.reducedShape.count
        if layout.reducedCount == 0 { return reducer.identity }
        if rank == 0 { return reducer.row(input + base, 1, 1) }
        let inner = layout.reducedShape[rank - 1], innerStride = layout.reducedStrides[rank - 1]
        if rank == 1 { return reducer.row(input + base, innerStride, inner) }
        var acc = reducer.identity
        ReductionLayout.forEachOffset(shape: Array(layout.reducedShape.dropLast()), strides: Array(layout.reducedStrides.dropLast()),
                                      base: base, start: 0, count: layout.reducedCount / inner) { rowBase in
            acc = reducer.merge(acc, reducer.row(input + rowBase, innerStride, inner))
        }
        return acc
    }

    /// One contiguous run of outputs (e.g. a sum over axis 0): each thread folds whole rows
    /// of a slice of the reduced rows into its own accumulators, so memory is read in one
    /// linear stream; the per-thread accumulators then merge in order.
    func splitReducedRows() {
        let outputs = layout.keptCount, rows = layout.reducedCount, pieces = context.threads
        let size = (rows + pieces - 1) / pieces
        let partials = UnsafeMutablePointer<A>.allocate(capacity: pieces &* outputs)
        partials.initialize(repeating: reducer.identity, count: pieces &* outputs)
        defer { partials.deallocate() }
        context.parallelFor(pieces) { p in
            let start = p * size
            guard start < rows else { return }
            ReductionLayout.forEachOffset(shape: layout.reducedShape, strides: layout.reducedStrides, base: layout.offset,
                                          start: start, count: Swift.min(size, rows - start)) { rowBase in
                if !context.isCancelled { reducer.accumulate(partials + p &* outputs, input + rowBase, outputs) }
            }
        }
        var bits: UInt8 = 0
        for j in 0..<outputs {
            var acc = partials[j]
            for p in 1..<pieces { acc = reducer.merge(acc, partials[p &* outputs &+ j]) }
            store(j, acc, &bits)
        }
        faults.bitwiseOr(bits, ordering: .relaxed)
    }

    /// Few long rows (a full reduction): each row is cut into pieces reduced in parallel,
    /// then merged in order.
    func splitLongRows() {
        let n = layout.reducedCount, stride = layout.reducedStrides[0]
        let pieces = Swift.max(context.threads, n / (LoopTuning.cancellationChunk * 16))
        let size = (n + pieces - 1) / pieces
        let partials = UnsafeMutableBufferPointer<A>.allocate(capacity: pieces)
        defer { partials.deallocate() }
        var bits: UInt8 = 0
        for o in 0..<layout.keptCount {
            let start = input + base(of: o)
            partials.initialize(repeating: reducer.identity)
            context.parallelFor(pieces) { p in
                let first = p * size, end = Swift.min(n, first + size)
                if first < end && !context.isCancelled { partials[p] = reducer.row(start + first * stride, stride, end - first) }
            }
            store(o, partials.reduce(reducer.identity, reducer.merge), &bits)
        }
        faults.bitwiseOr(bits, ordering: .relaxed)
    }

    /// Output elements `range`, in blocks between cancellation checks: column-wise blocks
    /// accumulate side by side, others reduce one output at a time.
    func outputs(_ range: Range<Int>) {
        var bits: UInt8 = 0
        var start = range.lowerBound
        let step = columnWise ? 8192 : Swift.max(1, LoopTuning.cancellationChunk / Swift.max(layout.reducedCount, 1))
        let accumulators = columnWise ? UnsafeMutablePointer<A>.allocate(capacity: Swift.min(step, range.count)) : nil
        defer { accumulators?.deallocate() }
        while start < range.upperBound, !context.isCancelled {
            let end = Swift.min(range.upperBound, start + step)
            if let accumulators {
                columns(start..<end, accumulators, &bits)
            } else {
                var o = start
                ReductionLayout.forEachOffset(shape: layout.keptShape, strides: layout.keptStrides, base: layout.offset,
                                              start: start, count: end - start) { base in
                    store(o, reduceAt(base), &bits)
                    o += 1
                }
            }
            start = end
        }
        faults.bitwiseOr(bits, ordering: .relaxed)
    }

    /// Column-wise outputs `range` (within the block size of `acc`), one run of the last kept axis at a time.
    func columns(_ range: Range<Int>, _ acc: UnsafeMutablePointer<A>, _ bits: inout UInt8) {
        let run = layout.keptShape[layout.keptShape.count - 1]
        var o = range.lowerBound
        while o < range.upperBound {
            let length = Swift.min(run - o % run, range.upperBound - o)
            acc.initialize(repeating: reducer.identity, count: length)
            ReductionLayout.forEachOffset(shape: layout.reducedShape, strides: layout.reducedStrides, base: base(of: o),
                                          start: 0, count: layout.reducedCount) { rowBase in
                reducer.accumulate(acc, input + rowBase, length)
            }
            for j in 0..<length { store(o + j, acc[j], &bits) }
            o += length
        }
    }
}
