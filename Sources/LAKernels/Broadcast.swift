extension Tensor {
    /// The NumPy broadcast of two shapes: axes aligned from the right, each pair equal or one of them 1.
    /// - Throws: ShapeError naming both shapes and the disagreeing axis (counted in the result).
    public static func broadcastShapes(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let i = a.count - rank + axis
            let j = b.count - rank + axis
            let x = i >= 0 ? a[i] : 1
            let y = j >= 0 ? b[j] : 1
            if x == y || y == 1 {
                result[axis] = x
            } else if x == 1 {
                result[axis] = y
            } else {
                throw KernelError(.shape,
                                  "broadcast: shapes \(formatShape(a)) and \(formatShape(b)) disagree on axis \(axis - rank): \(x) ≠ \(y)",
                                  operandShapes: [a, b], axis: axis - rank)
            }
        }
        return result
    }

    /// A view of this tensor broadcast to `target` (stride 0 on stretched axes); no copy.
    /// - Throws: ShapeError when the shapes are not broadcast-compatible in this direction.
    /// - Complexity: O(rank).
    public func broadcast(to target: [Int]) throws -> Tensor {
        guard target.count >= shape.count else {
            throw KernelError(.shape, "cannot broadcast \(Tensor.formatShape(shape)) to \(Tensor.formatShape(target))",
                              operandShapes: [shape, target])
        }
        let lead = target.count - shape.count
        var newStrides = [Int](repeating: 0, count: target.count)
        for axis in 0..<target.count {
            if target[axis] < 0 {
                throw KernelError(.shape, "negative dimension in \(Tensor.formatShape(target))", operandShapes: [shape, target])
            }
            guard axis >= lead else { continue }
            let own = shape[axis - lead]
            if own == target[axis] {
                newStrides[axis] = own == 1 ? 0 : strides[axis - lead]
            } else if own == 1 {
                newStrides[axis] = 0
            } else {
                throw KernelError(.shape,
                                  "cannot broadcast \(Tensor.formatShape(shape)) to \(Tensor.formatShape(target)): axis \(axis) has \(own) ≠ \(target[axis])",
                                  operandShapes: [shape, target], axis: axis)
            }
        }
        return Tensor(storage: storage, shape: target, strides: newStrides, offset: offset)
    }
}
