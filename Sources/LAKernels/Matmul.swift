extension Tensor {
    /// NumPy `matmul`: 1-D·1-D is a 0-d dot product; a 1-D left (right) operand
    /// is a row (column) vector whose axis is removed from the result; axes
    /// before the last two batch and broadcast.
    ///
    /// Result dtype: bool@bool is bool, bool/i64 is i64 (overflow is an
    /// OverflowError), otherwise the larger float type (SPEC §2 lattice).
    /// Operands of any strides (transposed, sliced, broadcast) are read in place
    /// by packing; an operand of a smaller dtype is converted by one copy.
    /// - Complexity: O(batch × m × n × k); allocates the result, per-thread
    ///   packing buffers, and a converted copy of an operand whose dtype differs.
    /// - Throws: ShapeError for 0-d operands or inner dimensions that differ
    ///   (with a transpose suggestion when one would fit).
    public static func matmul(_ a: Tensor, _ b: Tensor, context: KernelContext) throws -> Tensor {
        let plan = try MatmulPlan(a.shape, b.shape)
        let dtype = DType.join(a.dtype, b.dtype)
        if dtype == .rational { return try rationalMatmul(a, b, context: context) }
        if a.dtype == .rational || b.dtype == .rational {
            return try matmul(try a.astype(.f64, context: context), try b.astype(.f64, context: context), context: context)
        }
        let work: DType = dtype == .bool ? .i64 : dtype
        let left = a.dtype == work ? a : try a.astype(work, context: context)
        let right = b.dtype == work ? b : try b.astype(work, context: context)
        // A float GEMM of depth > 0 writes every element of C, so a large result may skip the
        // zero fill (a reused buffer); the integer GEMM accumulates into zeros.
        var result = work.isFloatingPoint && plan.k > 0
            ? try Tensor(uninitialized: plan.resultShape, dtype: work, context: context)
            : try Tensor(zeros: plan.resultShape, dtype: work, context: context)
        let (aMatrix, aOffsets) = try plan.operand(left, isLeft: true)
        let (bMatrix, bOffsets) = try plan.operand(right, isLeft: false)
        switch work {
        case .f64:
            try GEMM.runFast(GEMMBatch(m: plan.m, n: plan.n, k: plan.k,
                                       a: aMatrix.typed(left, as: Double.self), b: bMatrix.typed(right, as: Double.self),
                                       aOffsets: aOffsets, bOffsets: bOffsets, c: result.storage.pointer(as: Double.self)),
                             vector: Double.Vector.self, context: context)
        case .f32:
            try GEMM.runFast(GEMMBatch(m: plan.m, n: plan.n, k: plan.k,
                                       a: aMatrix.typed(left, as: Float.self), b: bMatrix.typed(right, as: Float.self),
                                       aOffsets: aOffsets, bOffsets: bOffsets, c: result.storage.pointer(as: Float.self)),
                             vector: Float.Vector.self, context: context)
        case .rational: throw rationalUnsupported("@")  // handled above
        case .i64, .bool:
            try IntegerGEMM.run(m: plan.m, n: plan.n, k: plan.k,
                                a: aMatrix.typed(left, as: Int64.self), aOffsets: aOffsets,
                                b: bMatrix.typed(right, as: Int64.self), bOffsets: bOffsets,
                                c: result.storage.pointer(as: Int64.self), context: context)
        }
        if dtype == .bool { result = try result.astype(.bool, context: context) }
        return result
    }

    /// NumPy `dot` for 1-D and 2-D operands (the same as `matmul` there).
    /// - Throws: ShapeError for 0-d or higher-rank operands, or inner dimensions that differ.
    /// - Complexity: as `matmul`.
    public static func dot(_ a: Tensor, _ b: Tensor, context: KernelContext) throws -> Tensor {
        guard (1...2).contains(a.ndim) && (1...2).contains(b.ndim) else {
            throw KernelError(.shape, "dot: operands must be 1-D or 2-D, got \(formatShape(a.shape)) and \(formatShape(b.shape)); use @ for batches and * for scalars",
                              operandShapes: [a.shape, b.shape])
        }
        return try matmul(a, b, context: context)
    }

    /// The outer product of the flattened operands: result[i, j] = a[i] · b[j],
    /// shape (a.count, b.count), dtype as `matmul`.
    /// - Complexity: O(a.count × b.count); allocates the result (and a
    ///   contiguous copy of an operand that cannot be flattened in place).
    public static func outer(_ a: Tensor, _ b: Tensor, context: KernelContext) throws -> Tensor {
        let (aBase, aStride) = try a.flatView(context: context)
        let (bBase, bStride) = try b.flatView(context: context)
        let column = Tensor(storage: aBase.storage, shape: [a.count, 1], strides: [aStride, 1], offset: aBase.offset)
        let row = Tensor(storage: bBase.storage, shape: [1, b.count], strides: [1, bStride], offset: bBase.offset)
        return try matmul(column, row, context: context)
    }

    /// A tensor holding the elements in 1-D order, plus the stride between them:
    /// `self` for 1-D or contiguous tensors, else a contiguous copy.
    func flatView(context: KernelContext) throws -> (Tensor, Int) {
        if ndim == 1 { return (self, strides[0]) }
        if isContiguous { return (self, 1) }
        return (try contiguousCopy(context: context), 1)
    }
}
