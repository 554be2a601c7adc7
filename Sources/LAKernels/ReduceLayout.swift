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
