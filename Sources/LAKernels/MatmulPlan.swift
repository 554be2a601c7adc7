/// The shapes of one `matmul`: validated operands, the m×k by k×n product,
/// the broadcast batch axes and the result shape.
struct MatmulPlan {
    let m: Int
    let n: Int
    let k: Int
    let batchShape: [Int]
    let resultShape: [Int]
    private let leftIsVector: Bool
    private let rightIsVector: Bool

    /// - Throws: ShapeError for a 0-d operand, inner dimensions that differ
    ///   (suggesting a transpose that would fit, unless `suggest` is false),
    ///   or batch axes that do not broadcast.
    init(_ a: [Int], _ b: [Int], suggest: Bool = true) throws {
        var shapes: String { "\(Tensor.formatShape(a)) @ \(Tensor.formatShape(b))" }  // for messages only
        guard !a.isEmpty && !b.isEmpty else {
            throw KernelError(.shape, "matmul: operands need at least one axis, got \(shapes); use * to multiply by a scalar",
                              operandShapes: [a, b])
        }
        leftIsVector = a.count == 1
        rightIsVector = b.count == 1
        let ka = a[a.count - 1]
        let kb = rightIsVector ? b[0] : b[b.count - 2]
        m = leftIsVector ? 1 : a[a.count - 2]
        n = rightIsVector ? 1 : b[b.count - 1]
        k = ka
        let (aBatch, bBatch) = (a.dropLast(leftIsVector ? 1 : 2), b.dropLast(rightIsVector ? 1 : 2))
        do {
            // Two matrices (the common case) skip the broadcast and its allocation.
            batchShape = aBatch.isEmpty && bBatch.isEmpty ? [] : try Tensor.broadcastShapes(Array(aBatch), Array(bBatch))
        } catch {
            throw KernelError(.shape, "matmul: batch axes of \(shapes) do not broadcast", operandShapes: [a, b])
        }
        var resultShape = batchShape
        resultShape.reserveCapacity(batchShape.count + 2)
        if !leftIsVector { resultShape.append(m) }
        if !rightIsVector { resultShape.append(n) }
        self.resultShape = resultShape
        guard ka == kb else {
            throw KernelError(.shape, "matmul: inner dimensions differ: \(shapes), \(ka) ≠ \(kb)",
                              operandShapes: [a, b], help: suggest ? MatmulPlan.transposeHelp(a, b) : nil)
        }
        _ = try Tensor.elementCount(resultShape)
    }

    /// "the right operand transposed has shape (2, 4); A @ B.T would be (2, 2)",
    /// the same for the left operand, or the operands swapped, when that makes the shapes fit.
    private static func transposeHelp(_ a: [Int], _ b: [Int]) -> String? {
        func swapped(_ s: [Int]) -> [Int] { s.dropLast(2) + [s[s.count - 1], s[s.count - 2]] }
        func fitted(_ x: [Int], _ y: [Int]) -> String? {
            (try? MatmulPlan(x, y, suggest: false)).map { Tensor.formatShape($0.resultShape) }
        }
        if b.count >= 2, let result = fitted(a, swapped(b)) {
            return "the right operand transposed has shape \(Tensor.formatShape(swapped(b))); A @ B.T would be \(result)"
        }
        if a.count >= 2, let result = fitted(swapped(a), b) {
            return "the left operand transposed has shape \(Tensor.formatShape(swapped(a))); A.T @ B would be \(result)"
        }
        if let result = fitted(b, a) {
            return "the operands fit the other way round: B @ A would be \(result)"
        }
        return nil
    }

    /// The operand as a strided matrix view relative to its storage, and the
    /// element offset of its matrix for every batch item (broadcast axes repeat).
    func operand(_ t: Tensor, isLeft: Bool) throws -> (MatrixLayout, [Int]) {
        let isVector = isLeft ? leftIsVector : rightIsVector
        let rank = t.ndim
        let layout: MatrixLayout
        if isVector {
            layout = isLeft ? MatrixLayout(rowStride: 0, colStride: t.strides[0])
                            : MatrixLayout(rowStride: t.strides[0], colStride: 0)
        } else {
            layout = MatrixLayout(rowStride: t.strides[rank - 2], colStride: t.strides[rank - 1])
        }
        if batchShape.isEmpty { return (layout, [t.offset]) }  // one product: no batch views
        let lead = isVector ? 0 : 2
        let batch = Tensor(storage: t.storage, shape: Array(t.shape.dropLast(rank == 1 ? 1 : lead)),
                           strides: Array(t.strides.dropLast(rank == 1 ? 1 : lead)), offset: t.offset)
        let view = try batch.broadcast(to: batchShape)
        var offsets = [Int]()
        offsets.reserveCapacity(view.count)
        view.forEachOffset { offsets.append($0) }
        return (layout, offsets)
    }
}

/// Row and column strides of an operand's matrix axes, in elements.
struct MatrixLayout {
    var rowStride: Int
    var colStride: Int

    /// The matrix view over `t`'s storage (offsets are added per batch item).
    func typed<T>(_ t: Tensor, as type: T.Type) -> StridedMatrix<T> {
        StridedMatrix(base: UnsafePointer(t.storage.pointer(as: T.self)), rowStride: rowStride, colStride: colStride)
    }
}
