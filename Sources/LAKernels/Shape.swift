// Movement operations that only rearrange a tensor's view: reshape,
// transpose, squeeze and unsqueeze. Each is O(rank) and shares storage,
// except a reshape whose layout cannot be expressed as strides (then it copies).

extension Tensor {
    /// Reshape to `newShape`; one axis may be -1 and is inferred from the others.
    /// `reshaped([-1])` flattens.
    /// - Returns: a view sharing storage when the current strides allow it
    ///   (always for contiguous tensors), otherwise a contiguous copy.
    /// - Throws: ValueError for more than one -1 or another negative length;
    ///   ShapeError naming both shapes when the element counts differ.
    /// - Complexity: O(rank) for a view; O(count) and one allocation for a copy.
    public func reshaped(_ newShape: [Int], context: KernelContext) throws -> Tensor {
        let target = try resolvedReshape(newShape)
        if let viewStrides = Tensor.reshapeStrides(from: shape, strides, to: target, count: count) {
            return Tensor(storage: storage, shape: target, strides: viewStrides, offset: offset)
        }
        let copy = try materialized(context: context)
        return Tensor(storage: copy.storage, shape: target, strides: Tensor.contiguousStrides(target), offset: 0)
    }

    /// A shape with the same last axis that holds this tensor's elements, when there is one.
    private func reshapeHelp(_ newShape: [Int]) -> String? {
        guard newShape.count >= 2, let last = newShape.last, last > 0, count % last == 0, !newShape.contains(-1) else {
            return nil
        }
        let fitted = Tensor.formatShape([count / last, last])
        return "the \(count) elements fit \(fitted); write -1 for the axis to be computed: (-1, \(last))"
    }

    /// `newShape` with its -1 replaced, checked against this tensor's element count.
    private func resolvedReshape(_ newShape: [Int]) throws -> [Int] {
        let mismatch = KernelError(.shape,
                                   "cannot reshape a tensor of shape \(Tensor.formatShape(shape)) (\(count) elements) into shape \(Tensor.formatShape(newShape))",
                                   operandShapes: [shape, newShape], help: reshapeHelp(newShape))
        var known = 1
        var unknownAxis: Int?
        for (axis, n) in newShape.enumerated() {
            if n == -1 {
                if unknownAxis != nil {
                    throw KernelError(.value, "reshape: only one axis may be -1, got \(Tensor.formatShape(newShape))")
                }
                unknownAxis = axis
            } else if n < 0 {
                throw KernelError(.value, "reshape: negative length \(n) in \(Tensor.formatShape(newShape))")
            } else {
                let (product, overflow) = known.multipliedReportingOverflow(by: n)
                if overflow { throw mismatch }
                known = product
            }
        }
        var target = newShape
        if let unknownAxis {
            // With a zero among the known lengths the -1 is ambiguous, as in NumPy.
            guard known > 0, count % known == 0 else { throw mismatch }
            target[unknownAxis] = count / known
        } else if known != count {
            throw mismatch
        }
        return target
    }

    /// Strides that show a tensor of `shape`/`strides` as `target` without copying,
    /// or nil when there are none (NumPy's `_attempt_nocopy_reshape`): each group of
    /// old axes that merges into a group of new axes must be contiguous within itself.
    static func reshapeStrides(from shape: [Int], _ strides: [Int], to target: [Int], count: Int) -> [Int]? {
        if count == 0 { return contiguousStrides(target) }
        var oldShape: [Int] = [], oldStrides: [Int] = []
        for axis in shape.indices where shape[axis] != 1 {
            oldShape.append(shape[axis])
            oldStrides.append(strides[axis])
        }
        var result = [Int](repeating: 0, count: target.count)
        var oi = 0, oj = 1, ni = 0, nj = 1
        while ni < target.count && oi < oldShape.count {
            // Grow the two groups until they hold the same number of elements
            // (bounded by `count`, so the products cannot overflow).
            var np = target[ni], op = oldShape[oi]
            while np != op {
                if np < op { np *= target[nj]; nj += 1 } else { op *= oldShape[oj]; oj += 1 }
            }
            for k in oi..<(oj - 1) where oldStrides[k] != oldShape[k + 1] &* oldStrides[k + 1] { return nil }
            result[nj - 1] = oldStrides[oj - 1]
            var k = nj - 1
            while k > ni {
                result[k - 1] = result[k] &* target[k]
                k -= 1
            }
            ni = nj; nj += 1
            oi = oj; oj += 1
        }
        // Trailing length-1 axes: any stride works; keep the last one for tidiness.
        let trailing = ni > 0 ? result[ni - 1] : 1
        for k in ni..<target.count { result[k] = trailing }
        return result
    }

    /// Permute axes: result axis `i` is this tensor's axis `axes[i]` (negative
    /// counts from the end). nil reverses the axes, as `.T`.
    /// - Throws: ValueError when `axes` is not a permutation of the axes (IndexError for an axis out of range).
    /// - Complexity: O(rank); a view, allocates nothing but the shape arrays.
    public func transposed(_ axes: [Int]?) throws -> Tensor {
        let order = axes ?? Array((0..<ndim).reversed())
        guard order.count == ndim else {
            throw KernelError(.value, "transpose: axes \(Tensor.formatShape(order)) do not match a tensor of \(ndim) dimensions")
        }
        var seen = [Bool](repeating: false, count: ndim)
        var newShape: [Int] = [], newStrides: [Int] = []
        for axis in order {
            let a = try Tensor.resolvedAxis(axis, rank: ndim, operation: "transpose")
            if seen[a] { throw KernelError(.value, "transpose: axis \(axis) is repeated in \(Tensor.formatShape(order))") }
            seen[a] = true
            newShape.append(shape[a])
            newStrides.append(strides[a])
        }
        return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset)
    }

    /// Remove `axis`, which must have length 1 (nil: every axis of length 1).
    /// - Throws: IndexError for an axis out of range; ShapeError when its length is not 1.
    /// - Complexity: O(rank); a view.
    public func squeezed(axis: Int?) throws -> Tensor {
        var keep = shape.indices.filter { shape[$0] != 1 }
        if let axis {
            let a = try Tensor.resolvedAxis(axis, rank: ndim, operation: "squeeze")
            guard shape[a] == 1 else {
                throw KernelError(.shape, "squeeze: axis \(axis) of shape \(Tensor.formatShape(shape)) has length \(shape[a]), not 1",
                                  operandShapes: [shape], axis: a)
            }
            keep = shape.indices.filter { $0 != a }
        }
        return Tensor(storage: storage, shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: offset)
    }

    /// Insert a length-1 axis so that it becomes axis `axis` of the result
    /// (`-(ndim+1)...ndim`; negative counts from the end of the result).
    /// - Throws: IndexError for an axis out of range.
    /// - Complexity: O(rank); a view.
    public func unsqueezed(axis: Int) throws -> Tensor {
        let a = try Tensor.resolvedAxis(axis, rank: ndim + 1, operation: "unsqueeze")
        var newShape = shape, newStrides = strides
        // The stride of a length-1 axis is never used to step; this is the contiguous choice.
        newStrides.insert(a < ndim ? strides[a] &* shape[a] : 1, at: a)
        newShape.insert(1, at: a)
        return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset)
    }

    /// `axis` counted from the start of `0..<rank` (negative counts from the end).
    /// - Throws: IndexError (as NumPy's AxisError, and as the reductions do)
    ///   naming the operation, the axis and the valid range.
    static func resolvedAxis(_ axis: Int, rank: Int, operation: String) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0 && a < rank else {
            let valid = rank == 0 ? "there are no axes" : "valid axes are \(-rank)...\(rank - 1)"
            throw KernelError(.index, "\(operation): axis \(axis) is out of bounds; \(valid)", axis: axis)
        }
        return a
    }
}
