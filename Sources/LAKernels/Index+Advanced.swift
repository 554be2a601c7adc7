// Advanced indexing (NumPy rules): the index tensors broadcast together to an
// index shape B; each position of B picks one element along every indexed axis.
// The result's axes are the view's other axes with B's axes inserted where the
// first advanced index stood when the advanced indices are adjacent, else first.

/// The advanced part of a resolved index, ready to gather from or scatter into its view.
struct AdvancedIndexPlan {
    let view: Tensor
    /// The broadcast shape of the index tensors (B).
    let indexShape: [Int]
    /// The axes of `view` not indexed by a tensor, in order.
    let restAxes: [Int]
    /// Where B's axes go among the result's axes.
    let insertion: Int
    /// For each position of B in row-major order, the storage offset in `view`
    /// of the element the indices pick (rest axes at 0).
    let baseOffsets: TensorStorage

    /// Shape of `view[items]`: the rest axes with B's axes inserted at `insertion`.
    var resultShape: [Int] {
        let rest = restAxes.map { view.shape[$0] }
        return Array(rest[..<insertion]) + indexShape + Array(rest[insertion...])
    }

    /// - Throws: IndexError when the index tensors do not broadcast together or an index is out of bounds.
    init(_ resolved: ResolvedIndex, context: KernelContext) throws {
        view = resolved.view
        let advanced = resolved.advanced
        var shape: [Int] = []
        do {
            for a in advanced { shape = try Tensor.broadcastShapes(shape, a.indices.shape) }
        } catch {
            let shapes = advanced.map { Tensor.formatShape($0.indices.shape) }.joined(separator: " ")
            throw KernelError(.index, "shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)")
        }
        indexShape = shape
        let indexed = Set(advanced.map(\.viewAxis))
        restAxes = view.shape.indices.filter { !indexed.contains($0) }
        let axes = advanced.map(\.viewAxis)
        let adjacent = zip(axes, axes.dropFirst()).allSatisfy { $1 == $0 + 1 }
        insertion = adjacent ? restAxes.filter { $0 < axes[0] }.count : 0
        baseOffsets = try AdvancedIndexPlan.offsets(of: advanced, in: view, indexShape: shape, context: context)
    }

    /// Sums each index tensor's contribution (index × stride) into one offset per position of B.
    private static func offsets(of advanced: [AdvancedIndex], in view: Tensor, indexShape: [Int],
                                context: KernelContext) throws -> TensorStorage {
        let count = try Tensor.elementCount(indexShape)
        let storage = try TensorStorage(dtype: .i64, count: count, context: context)
        let offsets = storage.pointer(as: Int.self)
        offsets.update(repeating: view.offset, count: count)
        for a in advanced {
            try context.checkCancellation()
            let indices = try a.indices.broadcast(to: indexShape)
            let values = indices.storage.pointer(as: Int64.self)
            let length = view.shape[a.viewAxis]
            let stride = view.strides[a.viewAxis]
            var position = 0
            var failure: KernelError?
            indices.forEachOffset { offset in
                let raw = values[offset]
                let k = raw < 0 ? raw &+ Int64(length) : raw
                if k >= 0 && k < Int64(length) {
                    offsets[position] &+= Int(k) &* stride
                } else if failure == nil {
                    failure = KernelError(.index, "index \(raw) is out of bounds for axis \(a.sourceAxis) with size \(length)",
                                          axis: a.sourceAxis, help: Tensor.validIndicesHelp(axis: a.sourceAxis, length: length))
                }
                position += 1
            }
            if let failure { throw failure }
        }
        return storage
    }

    /// Calls `body(viewBase, otherBase)` for each position of B, where `otherBase`
    /// is the offset of that position in a tensor of `resultShape` with `otherStrides`/`otherOffset`.
    func forEachPosition(otherStrides: [Int], otherOffset: Int, _ body: (Int, Int) throws -> Void) throws {
        let bStrides = Array(otherStrides[insertion..<(insertion + indexShape.count)])
        var walk = StridedPairWalk(shape: indexShape, stridesA: bStrides, stridesB: Tensor.contiguousStrides(indexShape))
        let (otherStep, linearStep) = walk.rowStrides
        let offsets = baseOffsets.pointer(as: Int.self)
        try walk.forEachRow(baseA: otherOffset, baseB: 0) { other, linear, length in
            for i in 0..<length {
                try body(offsets[linear &+ i &* linearStep], other &+ i &* otherStep)
            }
        }
    }

    /// Strides of a tensor of `resultShape` with B's axes removed (matching `restAxes`).
    func restStrides(of strides: [Int]) -> [Int] {
        Array(strides[..<insertion]) + Array(strides[(insertion + indexShape.count)...])
    }

    /// A new contiguous tensor holding `view[advanced indices]`.
    /// - Complexity: O(result count); allocates the result.
    func gather(context: KernelContext) throws -> Tensor {
        let result = try Tensor(zeros: resultShape, dtype: view.dtype, context: context)
        var copier = ElementCopier(from: view.storage, sourceStrides: restAxes.map { view.strides[$0] },
                                   to: result.storage, targetStrides: restStrides(of: result.strides),
                                   shape: restAxes.map { view.shape[$0] }, context: context)
        try forEachPosition(otherStrides: result.strides, otherOffset: 0) { viewBase, resultBase in
            try copier.copy(sourceBase: viewBase, targetBase: resultBase)
        }
        return result
    }

    /// Writes `value` (already broadcast to `resultShape`) into the picked
    /// elements of `view`, converting its dtype; a repeated index keeps the last write.
    /// The caller has made `view`'s storage unique.
    func scatter(_ value: Tensor, context: KernelContext) throws {
        var copier = ElementCopier(from: value.storage, sourceStrides: restStrides(of: value.strides),
                                   to: view.storage, targetStrides: restAxes.map { view.strides[$0] },
                                   shape: restAxes.map { view.shape[$0] }, context: context)
        try forEachPosition(otherStrides: value.strides, otherOffset: value.offset) { viewBase, valueBase in
            try copier.copy(sourceBase: valueBase, targetBase: viewBase)
        }
    }
}
