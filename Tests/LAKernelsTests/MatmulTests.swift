import Testing
@testable import LAKernels

@Suite struct MatmulTests {
    let context = KernelContext(threads: 2)

    /// The product of two 2-D tensors of any layout, computed naively in Double.
    func naive(_ a: Tensor, _ b: Tensor) -> [Double] {
        GEMMTestData.naiveProduct(a.toDoubles(), b.toDoubles(), m: a.shape[0], n: b.shape[1], k: a.shape[1])
    }

    @Test func vectorDotIsZeroDimensional() throws {
        let a = try Tensor([1, 2, 3] as [Double], shape: [3]), b = try Tensor([4, 5, 6] as [Double], shape: [3])
        let c = try Tensor.matmul(a, b, context: context)
        #expect(c.shape == [])
        #expect(c.toDoubles() == [32])
    }

    @Test func vectorOperandsLoseTheirAxis() throws {
        let m = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
        let v3 = try Tensor([1, 0, -1] as [Double], shape: [3]), v2 = try Tensor([1, 1] as [Double], shape: [2])
        let right = try Tensor.matmul(m, v3, context: context)
        #expect(right.shape == [2])
        #expect(right.toDoubles() == [-2, -2])
        let left = try Tensor.matmul(v2, m, context: context)
        #expect(left.shape == [3])
        #expect(left.toDoubles() == [5, 7, 9])
    }

    @Test(arguments: [(1, 1, 1), (7, 5, 3), (37, 29, 41), (64, 64, 64), (130, 70, 90), (32, 100, 60), (110, 40, 1700)])
    func matchesNaiveProductForEveryDtype(shape: (Int, Int, Int)) throws {
        let (m, n, k) = shape
        for dtype in [DType.f64, .f32, .i64] {
            let a = try GEMMTestData.tensor([m, k], dtype: dtype, seed: 1), b = try GEMMTestData.tensor([k, n], dtype: dtype, seed: 2)
            let c = try Tensor.matmul(a, b, context: context)
            #expect(c.shape == [m, n] && c.dtype == dtype)
            let tolerance = dtype == .f32 ? 1e-5 : dtype == .f64 ? 1e-13 : 0
            #expect(GEMMTestData.maxRelativeError(c.toDoubles(), naive(a, b)) <= tolerance)
        }
    }

    @Test func transposedAndStridedOperandsAreReadInPlace() throws {
        let base = try GEMMTestData.tensor([40, 30], seed: 3)
        let transposed = GEMMTestData.swapLastAxes(base)  // 30×40, column-major
        // Every second row and third column of base: 20×10 with strides (60, 3).
        let strided = Tensor(storage: base.storage, shape: [20, 10], strides: [60, 3], offset: 1)
        let other = try GEMMTestData.tensor([40, 20], seed: 4)
        let c1 = try Tensor.matmul(transposed, other, context: context)
        #expect(GEMMTestData.maxRelativeError(c1.toDoubles(), naive(transposed, other)) < 1e-13)
        let c2 = try Tensor.matmul(strided, GEMMTestData.swapLastAxes(strided), context: context)
        #expect(GEMMTestData.maxRelativeError(c2.toDoubles(), naive(strided, GEMMTestData.swapLastAxes(strided))) < 1e-13)
    }

    @Test func reversedAndBroadcastMatrixAxes() throws {
        let base = try GEMMTestData.tensor([9, 7], seed: 12)
        // Rows in reverse order (negative stride) and a row repeated 5 times (stride 0).
        let reversed = Tensor(storage: base.storage, shape: [9, 7], strides: [-7, 1], offset: 56)
        let repeated = Tensor(storage: base.storage, shape: [5, 9], strides: [0, 7], offset: 2)
        let c = try Tensor.matmul(repeated, reversed, context: context)
        #expect(GEMMTestData.maxRelativeError(c.toDoubles(), naive(repeated, reversed)) < 1e-13)
        let flipped = Tensor(storage: base.storage, shape: [7, 9], strides: [-1, -7], offset: 62)
        let d = try Tensor.matmul(flipped, reversed, context: context)
        #expect(GEMMTestData.maxRelativeError(d.toDoubles(), naive(flipped, reversed)) < 1e-13)
    }

    @Test func matrixVectorProductsOfEveryLayout() throws {
        // Row-major matrix times a contiguous vector (the GEMV path), a strided vector,
        // a transposed matrix (both the tiled GEMM) and a batch of matrices, f64 and f32.
        for dtype in [DType.f64, .f32] {
            let tolerance = dtype == .f32 ? 1e-5 : 1e-13
            let a = try GEMMTestData.tensor([37, 21], dtype: dtype, seed: 9)
            let long = try GEMMTestData.tensor([42], dtype: dtype, seed: 10)
            let contiguous = Tensor(storage: long.storage, shape: [21], strides: [1], offset: 3)
            let strided = Tensor(storage: long.storage, shape: [21], strides: [2], offset: 0)
            for x in [contiguous, strided] {
                let column = Tensor(storage: x.storage, shape: [21, 1], strides: [x.strides[0], 1], offset: x.offset)
                let y = try Tensor.matmul(a, x, context: context)
                #expect(y.shape == [37] && y.dtype == dtype)
                #expect(GEMMTestData.maxRelativeError(y.toDoubles(), naive(a, column)) < tolerance)
            }
            let transposed = GEMMTestData.swapLastAxes(try GEMMTestData.tensor([21, 37], dtype: dtype, seed: 11))
            let column = Tensor(storage: contiguous.storage, shape: [21, 1], strides: [1, 1], offset: 3)
            let yt = try Tensor.matmul(transposed, contiguous, context: context)
            #expect(GEMMTestData.maxRelativeError(yt.toDoubles(), naive(transposed, column)) < tolerance)
            let batch = try GEMMTestData.tensor([3, 5, 21], dtype: dtype, seed: 12)
            let yb = try Tensor.matmul(batch, contiguous, context: context)
            #expect(yb.shape == [3, 5])
            let flat = Tensor(storage: batch.storage, shape: [15, 21], strides: [21, 1], offset: 0)
            #expect(GEMMTestData.maxRelativeError(yb.toDoubles(), naive(flat, column)) < tolerance)
        }
    }

    @Test func emptyBatchGivesEmptyResult() throws {
        let c = try Tensor.matmul(try Tensor(zeros: [0, 3, 4], dtype: .f32), try Tensor(zeros: [4, 5], dtype: .f32), context: context)
        #expect(c.shape == [0, 3, 5] && c.dtype == .f32)
    }

    @Test func batchAxesBroadcast() throws {
        let a = try GEMMTestData.tensor([2, 1, 3, 4], seed: 5)
        let b = try GEMMTestData.tensor([5, 4, 2], seed: 6)
        let c = try Tensor.matmul(a, b, context: context)
        #expect(c.shape == [2, 5, 3, 2])
        let (av, bv, cv) = (a.toDoubles(), b.toDoubles(), c.toDoubles())
        for i in 0..<2 {
            for j in 0..<5 {
                let expected = GEMMTestData.naiveProduct(Array(av[(i * 12)..<(i * 12 + 12)]), Array(bv[(j * 8)..<(j * 8 + 8)]), m: 3, n: 2, k: 4)
                let start = (i * 5 + j) * 6
                #expect(GEMMTestData.maxRelativeError(Array(cv[start..<(start + 6)]), expected) < 1e-13)
            }
        }
    }

    @Test func largeBatchRunsInParallelLikeAttention() throws {
        let q = try GEMMTestData.tensor([3, 4, 16, 8], dtype: .f32, seed: 7)
        let k = try GEMMTestData.tensor([3, 4, 16, 8], dtype: .f32, seed: 8)
        let scores = try Tensor.matmul(q, GEMMTestData.swapLastAxes(k), context: context)
        #expect(scores.shape == [3, 4, 16, 16] && scores.dtype == .f32)
        let qv = q.toDoubles(), kv = k.toDoubles(), sv = scores.toDoubles()
        for item in [0, 5, 11] {
            for (i, j) in [(0, 0), (3, 15), (15, 7)] {
                var dot = 0.0
                for p in 0..<8 { dot += qv[item * 128 + i * 8 + p] * kv[item * 128 + j * 8 + p] }
                #expect(abs(sv[item * 256 + i * 16 + j] - dot) < 1e-5)
            }
        }
    }

    @Test func resultDtypeFollowsPromotion() throws {
        let f32 = try GEMMTestData.tensor([3, 3], dtype: .f32, seed: 1)
        let f64 = try GEMMTestData.tensor([3, 3], dtype: .f64, seed: 2)
        let i64 = try GEMMTestData.tensor([3, 3], dtype: .i64, seed: 3)
        let bools = try Tensor([true, false, true, false, false, true, true, true, false], shape: [3, 3])
        #expect(try Tensor.matmul(f32, f64, context: context).dtype == .f64)
        #expect(try Tensor.matmul(i64, f32, context: context).dtype == .f32)
        #expect(try Tensor.matmul(i64, bools, context: context).dtype == .i64)
        let logical = try Tensor.matmul(bools, bools, context: context)
        #expect(logical.dtype == .bool)
        #expect(logical.toBools() == naive(bools, bools).map { $0 != 0 })
        let mixed = try Tensor.matmul(i64, f64, context: context)
        #expect(GEMMTestData.maxRelativeError(mixed.toDoubles(), naive(i64, f64)) < 1e-13)
    }

    @Test func emptyInnerAxisGivesZeros() throws {
        let a = try Tensor(zeros: [3, 0], dtype: .f64), b = try Tensor(zeros: [0, 4], dtype: .f64)
        let c = try Tensor.matmul(a, b, context: context)
        #expect(c.shape == [3, 4] && c.toDoubles() == [Double](repeating: 0, count: 12))
    }

    @Test func largeResultOverwritesAReusedBuffer() throws {
        // 4 MiB of f64 is a mapped buffer that the context's pool hands out again
        // holding the old data; the product must overwrite all of it.
        let (m, n) = (1024, 512)
        do {
            let stale = try Tensor(zeros: [m, n], dtype: .f64, context: context)
            stale.storage.pointer(as: Double.self).update(repeating: 7, count: m * n)
        }
        let a = try GEMMTestData.tensor([m, 1], seed: 3), b = try GEMMTestData.tensor([1, n], seed: 4)
        let c = try Tensor.matmul(a, b, context: context)
        // Checked in place: no m×n arrays, which would grow the process for other tests.
        let (x, y, product) = (a.toDoubles(), b.toDoubles(), c.storage.pointer(as: Double.self))
        let mismatches = (0..<(m * n)).count { product[$0] != x[$0 / n] * y[$0 % n] }
        #expect(c.shape == [m, n] && mismatches == 0)
    }

    @Test func innerMismatchNamesShapesAndSuggestsTranspose() throws {
        let a = try Tensor(zeros: [2, 3], dtype: .f64), b = try Tensor(zeros: [4, 2], dtype: .f64)
        let error = #expect(throws: KernelError.self) { try Tensor.matmul(a, b, context: context) }
        #expect(error?.kind == .shape)
        #expect(error?.message == "matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4")
        #expect(error?.operandShapes == [[2, 3], [4, 2]])
        #expect(error?.help == "the operands fit the other way round: B @ A would be (4, 3)")
        let c = try Tensor(zeros: [4, 3], dtype: .f64)
        let fits = #expect(throws: KernelError.self) { try Tensor.matmul(a, c, context: context) }
        #expect(fits?.help == "the right operand transposed has shape (3, 4); A @ B.T would be (2, 4)")
        let d = try Tensor(zeros: [2, 5], dtype: .f64)
        let left = #expect(throws: KernelError.self) { try Tensor.matmul(a, d, context: context) }
        #expect(left?.help == "the left operand transposed has shape (3, 2); A.T @ B would be (3, 5)")
    }

    @Test func scalarsAndUnbroadcastableBatchesAreShapeErrors() throws {
        let scalar = try Tensor([2] as [Double], shape: [])
        let m = try Tensor(zeros: [2, 2], dtype: .f64)
        #expect(throws: KernelError.self) { try Tensor.matmul(scalar, m, context: context) }
        let x = try Tensor(zeros: [3, 2, 2], dtype: .f64), y = try Tensor(zeros: [4, 2, 2], dtype: .f64)
        let error = #expect(throws: KernelError.self) { try Tensor.matmul(x, y, context: context) }
        #expect(error?.kind == .shape)
    }

    @Test func integerOverflowIsAnOverflowError() throws {
        let big = try Tensor([Int64.max, 1], shape: [1, 2]), two = try Tensor([2, 2] as [Int64], shape: [2, 1])
        let error = #expect(throws: KernelError.self) { try Tensor.matmul(big, two, context: context) }
        #expect(error?.kind == .overflow)
    }

    @Test func dotAndOuter() throws {
        let a = try Tensor([1, 2] as [Double], shape: [2]), b = try Tensor([3, 4, 5] as [Double], shape: [3])
        let o = try Tensor.outer(a, b, context: context)
        #expect(o.shape == [2, 3] && o.toDoubles() == [3, 4, 5, 6, 8, 10])
        let m = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2])
        #expect(try Tensor.dot(m, a, context: context).toDoubles() == [5, 11, 17])
        #expect(throws: KernelError.self) { try Tensor.dot(try Tensor(zeros: [2, 2, 2], dtype: .f64), m, context: context) }
        let flattened = try Tensor.outer(m, a, context: context)
        #expect(flattened.shape == [6, 2] && flattened.toDoubles()[10...] == [6, 12])
    }
}
