import Testing
@testable import LAKernels

/// The matrix-vector path (`GEMV`) against a naive product, for both vector widths
/// of f32 and f64, row and depth tails, strided rows, batches and thread splits.
@Suite struct GEMMMatrixVectorTests {
    /// (rows, depth): depths around one and four vectors of 4…16 lanes, and more
    /// rows than one task (`GEMV.rowsPerTask`).
    static let shapes: [(Int, Int)] = [(1, 1), (3, 7), (4, 8), (5, 16), (6, 17), (7, 31), (9, 32), (13, 33), (2, 0),
                                       (3, 63), (4, 64), (5, 65), (30, 100), (GEMV.rowsPerTask + 3, 45)]

    /// y for `count` products of an m×k A (rows `rowStride` apart, items `itemStride`
    /// apart) with its own x, through `GEMV.run` on `threads` threads.
    func product<V: SIMD>(_ vector: V.Type, m: Int, k: Int, rowStride: Int, count: Int, threads: Int) throws -> [Double]
    where V.Scalar: GEMMScalar {
        let itemStride = m * rowStride + 5
        let a = GEMMTestData.values(count * itemStride, seed: UInt64(m * 7 + k)).map { V.Scalar($0) }
        let x = GEMMTestData.values(count * k + 1, seed: UInt64(k + 3)).map { V.Scalar($0) }
        var y = [V.Scalar](repeating: .nan, count: count * m)
        try a.withUnsafeBufferPointer { ap in
            try x.withUnsafeBufferPointer { xp in
                try y.withUnsafeMutableBufferPointer { yp in
                    guard let aBase = ap.baseAddress, let xBase = xp.baseAddress, let yBase = yp.baseAddress else { return }
                    let batch = GEMMBatch(m: m, n: 1, k: k, a: StridedMatrix(base: aBase, rowStride: rowStride, colStride: 1),
                                          b: StridedMatrix(base: xBase + 1, rowStride: 1, colStride: 0),
                                          aOffsets: (0..<count).map { $0 * itemStride }, bOffsets: (0..<count).map { $0 * k },
                                          c: yBase)
                    #expect(GEMV.applies(batch))
                    try GEMV.run(batch, vector: V.self, context: KernelContext(threads: threads), serialWork: 0)
                }
            }
        }
        return y.map { Double($0) }
    }

    /// The same products computed naively in Double from the same (rounded) inputs.
    func naive<T: GEMMScalar>(_ type: T.Type, m: Int, k: Int, rowStride: Int, count: Int) -> [Double] {
        let itemStride = m * rowStride + 5
        let a = GEMMTestData.values(count * itemStride, seed: UInt64(m * 7 + k)).map { Double(T($0)) }
        let x = GEMMTestData.values(count * k + 1, seed: UInt64(k + 3)).map { Double(T($0)) }
        return (0..<(count * m)).map { index in
            let (item, i) = index.quotientAndRemainder(dividingBy: m)
            return (0..<k).reduce(0.0) { $0 + a[item * itemStride + i * rowStride + $1] * x[1 + item * k + $1] }
        }
    }

    func check<V: SIMD>(_ vector: V.Type, tolerance: Double) throws where V.Scalar: GEMMScalar {
        for (m, k) in Self.shapes {
            for (rowStride, count, threads) in [(k, 1, 1), (k + 3, 3, 1), (k, 1, 2), (k + 1, 4, 2)] {
                let fast = try product(V.self, m: m, k: k, rowStride: rowStride, count: count, threads: threads)
                let expected = naive(V.Scalar.self, m: m, k: k, rowStride: rowStride, count: count)
                #expect(GEMMTestData.maxRelativeError(fast, expected) < tolerance,
                        "\(V.self) m \(m) k \(k) row stride \(rowStride) count \(count) threads \(threads)")
            }
        }
    }

    @Test func f64() throws {
        try check(SIMD4<Double>.self, tolerance: 1e-13)
        try check(SIMD8<Double>.self, tolerance: 1e-13)
    }

    @Test func f32() throws {
        try check(SIMD8<Float>.self, tolerance: 1e-5)
        try check(SIMD16<Float>.self, tolerance: 1e-5)
    }

    @Test func onlyRowMajorMatricesTimesContiguousVectors() {
        let values = [Double](repeating: 1, count: 16)
        values.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            func batch(n: Int, a: (Int, Int), xStride: Int) -> GEMMBatch<Double> {
                GEMMBatch(m: 2, n: n, k: 2, a: StridedMatrix(base: base, rowStride: a.0, colStride: a.1),
                          b: StridedMatrix(base: base, rowStride: xStride, colStride: 1), aOffsets: [0], bOffsets: [0],
                          c: UnsafeMutablePointer(mutating: base))
            }
            #expect(GEMV.applies(batch(n: 1, a: (2, 1), xStride: 1)))
            #expect(!GEMV.applies(batch(n: 2, a: (2, 1), xStride: 2)))  // a matrix: the tiled GEMM
            #expect(!GEMV.applies(batch(n: 1, a: (1, 2), xStride: 1)))  // transposed A
            #expect(!GEMV.applies(batch(n: 1, a: (2, 1), xStride: 3)))  // strided x
        }
    }

    @Test func cancellationIsALimitError() throws {
        let context = KernelContext(threads: 1)
        context.cancellation.store(true, ordering: .relaxed)
        let a = try GEMMTestData.tensor([8, 8], seed: 1), x = try GEMMTestData.tensor([8], seed: 2)
        #expect(throws: KernelError.self) { try Tensor.matmul(a, x, context: context) }
    }
}
