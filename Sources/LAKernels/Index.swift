// Resolving an index expression `a[items]` (NumPy semantics, SPEC §3):
// integers, slices, `...` and new axes become a strided view; integer and
// bool tensors ("advanced" indices) are left for a gather or scatter on that view.

/// An advanced index on one axis of a `ResolvedIndex.view`.
struct AdvancedIndex {
    /// The axis of the view it indexes.
    let viewAxis: Int
    /// Integer indices (i64, any shape; negative counts from the end).
    let indices: Tensor
    /// The axis of the original tensor, for error messages.
    let sourceAxis: Int
}

/// An index expression resolved against a tensor: the basic items applied as a
/// view (advanced axes kept whole) and the advanced indices still to apply.
struct ResolvedIndex {
    var view: Tensor
    var advanced: [AdvancedIndex]
}

extension Tensor {
    /// `self[items]` with NumPy semantics. Integers, slices, `...` and `.newAxis`
    /// give a view sharing storage; integer tensors (gather) and bool tensors
    /// (mask) give a copy. Indexing every axis with integers gives a 0-d tensor.
    /// - Throws: IndexError naming the axis, index and axis length when out of
    ///   range; IndexError for too many indices, a second `...`, a mask whose shape
    ///   does not match, float index tensors or index tensors that do not broadcast;
    ///   ValueError for a zero slice step.
    /// - Complexity: O(rank + items) for a view; a gather is O(result count) and
    ///   allocates the result plus one i64 offset per broadcast index position.
    public func index(_ items: [TensorIndex], context: KernelContext) throws -> Tensor {
        let resolved = try resolveIndex(items, context: context)
        if resolved.advanced.isEmpty { return resolved.view }
        return try AdvancedIndexPlan(resolved, context: context).gather(context: context)
    }

    /// Applies the basic items of `items` to this tensor as a view and collects the advanced ones.
    func resolveIndex(_ rawItems: [TensorIndex], context: KernelContext) throws -> ResolvedIndex {
        let items = try rawItems.map { rawItem -> TensorIndex in
            var item = rawItem
            // Exact mode makes `[1, 0]` a rational tensor: whole numbers index like i64.
            if case .tensor(let t) = item, t.dtype == .rational {
                let values = try t.rationalElements()
                if values.allSatisfy(\.isInteger) {
                    let indices = try values.map { value in
                        guard let index = value.numerator.int64Value else {
                            throw KernelError(.index, "index \(value) is out of bounds for shape \(Tensor.formatShape(shape))")
                        }
                        return index
                    }
                    item = .tensor(try Tensor(indices, shape: t.shape, context: context))
                }
            }
            // A 0-d integer tensor is an integer, as in NumPy (so `a[tensor(1)]` is a view).
            if case .tensor(let t) = item, t.dtype == .i64, t.ndim == 0, case .int(let v) = try t.item() {
                return .int(Int(v))
            }
            return item
        }
        var consumed = 0, ellipses = 0, hasAdvanced = false
        for item in items {
            switch item {
            case .int, .slice: consumed += 1
            case .ellipsis: ellipses += 1
            case .newAxis: break
            case .tensor(let t):
                hasAdvanced = true
                switch t.dtype {
                case .bool: consumed += t.ndim
                case .i64: consumed += 1
                case .f32, .f64:
                    throw KernelError(.index, "tensors used as indices must be of integer or bool type, not \(t.dtype)")
                case .rational:
                    throw KernelError(.index, "tensors used as indices must hold whole numbers, not fractions")
                }
            }
        }
        guard ellipses <= 1 else { throw KernelError(.index, "an index can only have a single ellipsis ('...')") }
        guard consumed <= ndim else {
            throw KernelError(.index, "too many indices for tensor: tensor is \(ndim)-dimensional, but \(consumed) were indexed")
        }
        var builder = IndexViewBuilder(self)
        for item in items {
            switch item {
            case .ellipsis:
                for _ in 0..<(ndim - consumed) { builder.keepAxis() }
            case .newAxis:
                builder.addNewAxis()
            case .int(let i):
                if hasAdvanced {
                    // With advanced indices present, NumPy treats an integer as a 0-d index tensor.
                    let k = try builder.checkedIndex(i)
                    builder.addAdvanced(try Tensor([Int64(k)], shape: [], context: context))
                } else {
                    try builder.takeIndex(i)
                }
            case .slice(let start, let stop, let step):
                try builder.takeSlice(start: start, stop: stop, step: step)
            case .tensor(let t) where t.dtype == .bool:
                try builder.addMask(t, context: context)
            case .tensor(let t):
                builder.addAdvanced(t)
            }
        }
        while builder.sourceAxis < ndim { builder.keepAxis() }
        return ResolvedIndex(view: builder.view(), advanced: builder.advanced)
    }
}

/// Builds the view of a basic index one item at a time, walking the source axes.
private struct IndexViewBuilder {
    let source: Tensor
    var shape: [Int] = []
    var strides: [Int] = []
    var offset: Int
    /// The next axis of `source` to consume.
    var sourceAxis = 0
    var advanced: [AdvancedIndex] = []

    init(_ source: Tensor) {
        self.source = source
        self.offset = source.offset
    }

    func view() -> Tensor {
        Tensor(storage: source.storage, shape: shape, strides: strides, offset: offset)
    }

    mutating func keepAxis() {
        shape.append(source.shape[sourceAxis])
        strides.append(source.strides[sourceAxis])
        sourceAxis += 1
    }

    mutating func addNewAxis() {
        shape.append(1)
        strides.append(0)
    }

    /// The integer index `i` on the current source axis, counted from the start.
    func checkedIndex(_ i: Int) throws -> Int {
        try Tensor.normalizedIndex(i, axis: sourceAxis, length: source.shape[sourceAxis])
    }

    /// An integer index: fixes the current axis and drops it.
    mutating func takeIndex(_ i: Int) throws {
        let k = try checkedIndex(i)
        offset &+= k &* source.strides[sourceAxis]
        sourceAxis += 1
    }

    /// A slice, normalised and clamped as Python does (`PySlice_AdjustIndices`).
    mutating func takeSlice(start: Int?, stop: Int?, step: Int?) throws {
        let length = source.shape[sourceAxis]
        let stride = source.strides[sourceAxis]
        let (first, count, by) = try IndexViewBuilder.sliceRange(start: start, stop: stop, step: step, length: length)
        // An empty slice reaches no element, so its start (possibly -1 or `length`) is not applied.
        if count > 0 { offset &+= first &* stride }
        shape.append(count)
        strides.append(count > 1 ? stride &* by : stride)
        sourceAxis += 1
    }

    /// The first index, element count and step of `start:stop:step` on an axis of `length`.
    static func sliceRange(start: Int?, stop: Int?, step: Int?, length: Int) throws -> (first: Int, count: Int, step: Int) {
        let by = step ?? 1
        guard by != 0 else { throw KernelError(.value, "slice step cannot be zero") }
        // Bounds for clamping: [0, length] going forward, [-1, length-1] going backward.
        let lower = by < 0 ? -1 : 0
        let upper = by < 0 ? length - 1 : length
        func clamp(_ bound: Int?, default defaultValue: Int) -> Int {
            guard var b = bound else { return defaultValue }
            if b < 0 {
                b += length
                return max(b, lower)
            }
            return min(b, upper)
        }
        let first = clamp(start, default: by < 0 ? upper : lower)
        let last = clamp(stop, default: by < 0 ? lower : upper)
        var count = 0
        if by > 0 && first < last {
            count = (last - first - 1) / by + 1
        } else if by < 0 && last < first {
            // Dividing by the negative step avoids negating Int.min.
            count = -((first - last - 1) / by) + 1
        }
        return (first, count, by)
    }

    /// An integer index tensor on the current axis.
    mutating func addAdvanced(_ indices: Tensor) {
        advanced.append(AdvancedIndex(viewAxis: shape.count, indices: indices, sourceAxis: sourceAxis))
        keepAxis()
    }

    /// A bool mask over the next `mask.ndim` axes: becomes one index tensor per
    /// axis holding the coordinates of the true elements (NumPy's `nonzero`).
    /// A 0-d mask adds a new axis indexed by `[0]` (true) or `[]` (false).
    mutating func addMask(_ mask: Tensor, context: KernelContext) throws {
        if mask.ndim == 0 {
            let selected = (try mask.item()) == .bool(true)
            advanced.append(AdvancedIndex(viewAxis: shape.count,
                                          indices: try Tensor(selected ? [0] : [] as [Int64], shape: [selected ? 1 : 0], context: context),
                                          sourceAxis: sourceAxis))
            addNewAxis()
            return
        }
        for k in 0..<mask.ndim where mask.shape[k] != source.shape[sourceAxis + k] {
            throw KernelError(.index,
                              "boolean index did not match indexed tensor along axis \(sourceAxis + k); size of axis is \(source.shape[sourceAxis + k]) but size of corresponding boolean axis is \(mask.shape[k])",
                              axis: sourceAxis + k)
        }
        for coordinates in try IndexViewBuilder.trueCoordinates(of: mask, context: context) {
            addAdvanced(coordinates)
        }
    }

    /// One i64 tensor per axis of `mask` listing the coordinates of its true elements in row-major order.
    private static func trueCoordinates(of mask: Tensor, context: KernelContext) throws -> [Tensor] {
        let flags = mask.storage.pointer(as: Bool.self)
        var selected = 0
        mask.forEachOffset { if flags[$0] { selected += 1 } }
        let coordinates = try (0..<mask.ndim).map { _ in try Tensor(zeros: [selected], dtype: .i64, context: context) }
        let outputs = coordinates.map { $0.storage.pointer(as: Int64.self) }
        var position = [Int](repeating: 0, count: mask.ndim)
        var next = 0
        mask.forEachOffset { offset in
            if flags[offset] {
                for axis in position.indices { outputs[axis][next] = Int64(position[axis]) }
                next += 1
            }
            // Advance the row-major multi-index.
            var axis = position.count - 1
            while axis >= 0 {
                position[axis] += 1
                if position[axis] < mask.shape[axis] { break }
                position[axis] = 0
                axis -= 1
            }
        }
        return coordinates
    }
}
