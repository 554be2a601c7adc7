// Strided element copies between two layouts of one logical shape: the engine
// behind materialising views, gathers, indexed assignment and joins.

/// Two strided layouts of one logical shape, walked together in row-major
/// order one row (the innermost axis) at a time. Length-1 axes are dropped and
/// adjacent axes that are contiguous in both layouts are merged, so a copy
/// between contiguous tensors is a single row.
struct StridedPairWalk {
    /// Merged shape (rank ≥ 1) and the strides of layouts A and B over it.
    private let shape: [Int]
    private let stridesA: [Int]
    private let stridesB: [Int]
    /// Multi-index scratch, reused by every `forEachRow` call.
    private var counter: [Int]
    /// Number of logical elements.
    let count: Int

    init(shape: [Int], stridesA: [Int], stridesB: [Int]) {
        var merged: [Int] = [], a: [Int] = [], b: [Int] = []
        var total = 1
        for axis in shape.indices {
            let n = shape[axis]
            total &*= n
            if n == 1 { continue }
            if let last = merged.indices.last,
               a[last] == stridesA[axis] &* n, b[last] == stridesB[axis] &* n {
                merged[last] &*= n
                a[last] = stridesA[axis]
                b[last] = stridesB[axis]
            } else {
                merged.append(n)
                a.append(stridesA[axis])
                b.append(stridesB[axis])
            }
        }
        if merged.isEmpty { merged = [1]; a = [0]; b = [0] }
        self.shape = merged
        self.stridesA = a
        self.stridesB = b
        self.counter = [Int](repeating: 0, count: merged.count)
        self.count = total
    }

    /// Stride of the innermost axis in layout A and in layout B.
    var rowStrides: (a: Int, b: Int) { (stridesA[stridesA.count - 1], stridesB[stridesB.count - 1]) }

    /// Calls `body(offsetA, offsetB, length)` for each row, starting from the given base offsets.
    /// - Complexity: O(count) plus O(1) per row.
    mutating func forEachRow(baseA: Int, baseB: Int, _ body: (Int, Int, Int) throws -> Void) rethrows {
        if count == 0 { return }
        let last = shape.count - 1
        let rowLength = shape[last]
        for axis in counter.indices { counter[axis] = 0 }
        var a = baseA, b = baseB
        while true {
            try body(a, b, rowLength)
            var axis = last - 1
            while axis >= 0 {
                counter[axis] &+= 1
                a &+= stridesA[axis]
                b &+= stridesB[axis]
                if counter[axis] < shape[axis] { break }
                a &-= stridesA[axis] &* shape[axis]
                b &-= stridesB[axis] &* shape[axis]
                counter[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}

/// Copies elements from one storage to another through a `StridedPairWalk`
/// (A is the source, B the target), converting dtypes when they differ and
/// checking cancellation about every `chunk` elements.
struct ElementCopier {
    private let source: TensorStorage
    private let target: TensorStorage
    private var walk: StridedPairWalk
    private let context: KernelContext?
    private var sinceCheck = 0
    private static let chunk = 1 << 16

    init(from source: TensorStorage, sourceStrides: [Int], to target: TensorStorage, targetStrides: [Int],
         shape: [Int], context: KernelContext?) {
        self.source = source
        self.target = target
        self.walk = StridedPairWalk(shape: shape, stridesA: sourceStrides, stridesB: targetStrides)
        self.context = context
    }

    /// Copies the whole shape starting at `sourceBase` into `targetBase`.
    /// - Throws: OverflowError converting a float that does not fit i64; LimitError on cancellation.
    mutating func copy(sourceBase: Int, targetBase: Int) throws {
        let source = self.source, target = self.target
        var sinceCheck = self.sinceCheck
        defer { self.sinceCheck = sinceCheck }
        let context = self.context
        func checkpoint() throws {
            if sinceCheck >= ElementCopier.chunk {
                try context?.checkCancellation()
                sinceCheck = 0
            }
        }
        if walk.count == 1 {
            // One element per call (a gather of elements): skip the walk.
            try checkpoint()
            try ElementCopier.copyRow(from: source, sourceBase, 0, to: target, targetBase, 0, count: 1)
            sinceCheck &+= 1
            return
        }
        let (sourceStride, targetStride) = walk.rowStrides
        try walk.forEachRow(baseA: sourceBase, baseB: targetBase) { from, to, length in
            var done = 0
            while done < length {
                try checkpoint()
                let piece = min(length - done, ElementCopier.chunk)
                try ElementCopier.copyRow(from: source, from &+ done &* sourceStride, sourceStride,
                                          to: target, to &+ done &* targetStride, targetStride, count: piece)
                done += piece
                sinceCheck &+= piece
            }
        }
    }

    private static func copyRow(from source: TensorStorage, _ from: Int, _ sourceStride: Int,
                                to target: TensorStorage, _ to: Int, _ targetStride: Int, count: Int) throws {
        guard source.dtype == target.dtype else {
            for i in 0..<count {
                let element = try source.scalarElement(at: from &+ i &* sourceStride).storedElement(as: target.dtype)
                target.store(element, at: to &+ i &* targetStride)
            }
            return
        }
        if source.dtype == .rational {
            for i in 0..<count { target.rationals[to &+ i &* targetStride] = source.rationals[from &+ i &* sourceStride] }
            return
        }
        switch source.dtype.byteWidth {
        case 1: copyBits(UInt8.self, source, from, sourceStride, target, to, targetStride, count)
        case 4: copyBits(UInt32.self, source, from, sourceStride, target, to, targetStride, count)
        default: copyBits(UInt64.self, source, from, sourceStride, target, to, targetStride, count)
        }
    }

    /// Same-dtype copy as raw bit patterns of the element width.
    private static func copyBits<Bits>(_: Bits.Type, _ source: TensorStorage, _ from: Int, _ sourceStride: Int,
                                       _ target: TensorStorage, _ to: Int, _ targetStride: Int, _ count: Int) {
        let p = source.pointer(as: Bits.self) + from
        let q = target.pointer(as: Bits.self) + to
        if sourceStride == 1 && targetStride == 1 {
            q.update(from: p, count: count)
        } else {
            for i in 0..<count { q[i &* targetStride] = p[i &* sourceStride] }
        }
    }
}

extension Tensor {
    /// Copies the elements of `source` into the view `target` (same shape),
    /// converting to the target's dtype. `target` must not be shared with another value.
    static func copyElements(from source: Tensor, into target: Tensor, context: KernelContext?) throws {
        var copier = ElementCopier(from: source.storage, sourceStrides: source.strides,
                                   to: target.storage, targetStrides: target.strides,
                                   shape: source.shape, context: context)
        try copier.copy(sourceBase: source.offset, targetBase: target.offset)
    }

    /// A new contiguous tensor holding this tensor's elements (like `contiguousCopy`,
    /// but checking cancellation as it goes).
    /// - Complexity: O(count); allocates the result only.
    func materialized(context: KernelContext?) throws -> Tensor {
        let result = try Tensor(zeros: shape, dtype: dtype, context: context)
        try Tensor.copyElements(from: self, into: result, context: context)
        return result
    }
}
