import Synchronization

/// The layout of a reduction: the input split into kept axes (one output element
/// each) and reduced axes (combined into it), each group coalesced on its own.

extension Tensor {
    /// `axes` made non-negative and sorted (nil: every axis).
    /// - Throws: IndexError for an axis out of range, ValueError for a repeated axis,
    ///   each naming the axis and the rank.
    static func normalizeAxes(_ axes: [Int]?, rank: Int) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var seen = [Bool](repeating: false, count: rank)
        for axis in axes {
            let a = axis < 0 ? axis &+ rank : axis
            guard a >= 0 && a < rank else {
                throw KernelError(.index, "axis \(axis) is out of bounds for a tensor of rank \(rank)", axis: axis,
                                  help: rank == 0 ? "a 0-d tensor has no axes; leave out axis:"
                                      : "valid axes are 0...\(rank - 1), or -\(rank)...-1 counting from the end")
            }
            if seen[a] { throw KernelError(.value, "duplicate axis \(axis) in reduction over a tensor of rank \(rank)", axis: axis) }
            seen[a] = true
        }
        return seen.indices.filter { seen[$0] }
    }
}

struct ReductionLayout {
    /// Shape of the result (with or without the reduced axes as 1).
    var resultShape: [Int]
    var keptShape: [Int]
    var keptStrides: [Int]
    var reducedShape: [Int]
    var reducedStrides: [Int]
    var offset: Int
    var keptCount: Int
    var reducedCount: Int

    init(_ tensor: Tensor, axes: [Int], keepdims: Bool) {
        let reduced = Set(axes)
        var kept: [(Int, Int)] = [], gone: [(Int, Int)] = []
        resultShape = []
        for axis in tensor.shape.indices {
            if reduced.contains(axis) {
                gone.append((tensor.shape[axis], tensor.strides[axis]))
                if keepdims { resultShape.append(1) }
            } else {
                kept.append((tensor.shape[axis], tensor.strides[axis]))
                resultShape.append(tensor.shape[axis])
            }
        }
        (keptShape, keptStrides) = ReductionLayout.coalesce(kept)
        // The reduced axes are visited in memory order (largest stride first), so reducing a
        // transposed view streams through memory like the original; only rounding may differ.
        (reducedShape, reducedStrides) = ReductionLayout.coalesce(gone.sorted { Swift.abs($0.1) > Swift.abs($1.1) })
        offset = tensor.offset
        keptCount = keptShape.reduce(1, *)
        reducedCount = reducedShape.reduce(1, *)
    }

    /// Drops length-1 axes and merges neighbours laid out one after the other.
    static func coalesce(_ axes: [(Int, Int)]) -> ([Int], [Int]) {
        var shape: [Int] = [], strides: [Int] = []
        for (n, s) in axes where n != 1 {
            if let last = shape.indices.last, strides[last] == s &* n {
                shape[last] &*= n
                strides[last] = s
            } else {
                shape.append(n)
                strides.append(s)
            }
        }
        return (shape, strides)
    }

    /// Calls `body` with the storage offset of every multi-index of `shape`/`strides`
    /// from flat position `start` for `count` positions, in row-major order.
    static func forEachOffset(shape: [Int], strides: [Int], base: Int, start: Int, count: Int, _ body: (Int) -> Void) {
        let rank = shape.count
        guard count > 0 else { return }
        if rank == 0 { body(base); return }
        var index = [Int](repeating: 0, count: rank)
        var rest = start
        var position = base
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
            position &+= index[axis] &* strides[axis]
        }
        for _ in 0..<count {
            body(position)
            var axis = rank - 1
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
}

/// A reduction as data: how to reduce one strided row fast, how to merge partial
/// results, how to fold a contiguous run of elements into a run of accumulators (for
/// column-wise accumulation), and how to turn an accumulator into the result element
/// (with fault bits).
struct Reducer<T, A, R> {
    var identity: A
    var row: (UnsafePointer<T>, _ stride: Int, _ count: Int) -> A
    var merge: (A, A) -> A
    var accumulate: (UnsafeMutablePointer<A>, UnsafePointer<T>, Int) -> Void
    var finish: (A) -> (R, UInt8)

    /// `fold(acc, x)` is inlined into the accumulate loop, so it costs no call per element.
    @inline(__always)
    init(identity: A, row: @escaping (UnsafePointer<T>, Int, Int) -> A, merge: @escaping (A, A) -> A,
         fold: @escaping (A, T) -> A, finish: @escaping (A) -> (R, UInt8)) {
        self.identity = identity
        self.row = row
        self.merge = merge
        self.accumulate = { acc, x, n in
            for j in 0..<n { acc[j] = fold(acc[j], x[j]) }
        }
        self.finish = finish
    }
}

extension Tensor {
    /// Runs `reducer` over the axes of `layout` of this tensor (whose elements are `T`).
    /// Parallel over output elements, or over pieces of one long row for a full reduction.
    /// - Complexity: O(count); allocates the result (and a small accumulator block per thread).
    func reduce<T: KernelElement, A, R: KernelElement>(
        _ layout: ReductionLayout, _ reducer: Reducer<T, A, R>, operation: String, context: KernelContext
    ) throws -> Tensor {
        let out = try Tensor(zeros: layout.resultShape, dtype: R.dtype, context: context)
        context.work.add(count, ordering: .relaxed)
        let input = UnsafePointer(storage.pointer(as: T.self))
        let output = out.storage.pointer(as: R.self)
        let outputs = layout.keptCount
        if outputs == 0 { return out }
        let faults = Atomic<UInt8>(0)

        // Reduces the reduced axes at storage offset `base`.
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

        func store(_ index: Int, _ acc: A, _ bits: inout UInt8) {
            let (value, fault) = reducer.finish(acc)
            output[index] = value
            bits |= fault
        }

        let keptRank = layout.keptShape.count
        let columnWise = keptRank > 0 && layout.keptStrides[keptRank - 1] == 1
            && !layout.reducedStrides.isEmpty && layout.reducedStrides.last != 1
        if outputs < context.threads && layout.reducedShape.count == 1 && layout.reducedCount >= LoopTuning.parallelThreshold {
            // Few long rows: split each row into pieces across threads, then merge in order.
            let n = layout.reducedCount, stride = layout.reducedStrides[0]
            for o in 0..<outputs {
                var base = layout.offset
                ReductionLayout.forEachOffset(shape: layout.keptShape, strides: layout.keptStrides, base: layout.offset, start: o, count: 1) { base = $0 }
                let pieces = max(context.threads, n / (LoopTuning.cancellationChunk * 16))
                let partials = UnsafeMutableBufferPointer<A>.allocate(capacity: pieces)
                partials.initialize(repeating: reducer.identity)
                defer { partials.deinitialize(); partials.deallocate() }
                let size = (n + pieces - 1) / pieces
                context.parallelFor(pieces) { p in
                    let start = p * size, end = Swift.min(n, start + size)
                    if start < end && !context.isCancelled { partials[p] = reducer.row(input + base + start * stride, stride, end - start) }
                }
                try context.checkCancellation()
                var bits: UInt8 = 0
                store(o, partials.reduce(reducer.identity, reducer.merge), &bits)
                faults.bitwiseOr(bits, ordering: .relaxed)
            }
        } else {
            func chunk(_ range: Range<Int>) {
                var bits: UInt8 = 0
                var start = range.lowerBound
                // Column-wise blocks stay wide so each pass over the reduced rows streams whole cache lines.
                let step = columnWise ? 1024 : Swift.max(1, LoopTuning.cancellationChunk / Swift.max(layout.reducedCount, 1))
                while start < range.upperBound, !context.isCancelled {
                    let end = Swift.min(range.upperBound, start + step)
                    if columnWise {
                        reduceColumns(start..<end, &bits)
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
            // Output elements that are neighbours in memory accumulate together, row after row,
            // so a reduction over a leading axis streams through memory instead of striding.
            func reduceColumns(_ range: Range<Int>, _ bits: inout UInt8) {
                let run = layout.keptShape[keptRank - 1]
                var o = range.lowerBound
                let capacity = Swift.min(run, range.count)
                let acc = UnsafeMutablePointer<A>.allocate(capacity: capacity)
                defer { acc.deallocate() }
                while o < range.upperBound {
                    let column = o % run
                    let length = Swift.min(run - column, range.upperBound - o, capacity)
                    var base = 0
                    ReductionLayout.forEachOffset(shape: layout.keptShape, strides: layout.keptStrides, base: layout.offset, start: o, count: 1) { base = $0 }
                    acc.initialize(repeating: reducer.identity, count: length)
                    ReductionLayout.forEachOffset(shape: layout.reducedShape, strides: layout.reducedStrides, base: base,
                                                  start: 0, count: layout.reducedCount) { rowBase in
                        reducer.accumulate(acc, input + rowBase, length)
                    }
                    for j in 0..<length { store(o + j, acc[j], &bits) }
                    o += length
                }
            }
            let work = outputs &* Swift.max(layout.reducedCount, 1)
            if work >= LoopTuning.parallelThreshold && outputs > 1 {
                let minimum = Swift.max(1, LoopTuning.parallelThreshold / Swift.max(layout.reducedCount, 1))
                context.parallelRanges(outputs, minimumChunk: minimum, chunk)
            } else {
                chunk(0..<outputs)
            }
            try context.checkCancellation()
        }
        if let error = ElementFault.error(faults.load(ordering: .relaxed), operation: operation) { throw error }
        return out
    }
}
