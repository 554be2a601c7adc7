import Testing
@testable import LAKernels

/// Deterministic test data and a naive product for the GEMM, matmul and linalg tests.
enum GEMMTestData {
    /// `count` pseudo-random values in [-1, 1) (SplitMix64).
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 0x2545_F491_4F6C_DD1D
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 52) - 1
        }
    }

    static func tensor(_ shape: [Int], dtype: DType = .f64, seed: UInt64) throws -> Tensor {
        let count = try Tensor.elementCount(shape)
        let raw = values(count, seed: seed)
        return try Tensor(dtype.isFloatingPoint ? raw : raw.map { ($0 * 10).rounded() }, shape: shape, dtype: dtype)
    }

    /// Row-major m×n product of row-major m×k and k×n arrays, summed in Double.
    static func naiveProduct(_ a: [Double], _ b: [Double], m: Int, n: Int, k: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i * n + j] += a[i * k + p] * b[p * n + j] } } }
        return c
    }

    /// The largest |x - y| relative to the largest |y| (or absolute when y is all zero).
    static func maxRelativeError(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count else { return .infinity }
        let scale = max(y.map(abs).max() ?? 0, 1)
        return zip(x, y).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }

    /// The tensor with its last two axes swapped (a view).
    static func swapLastAxes(_ t: Tensor) -> Tensor {
        var shape = t.shape, strides = t.strides
        shape.swapAt(shape.count - 1, shape.count - 2)
        strides.swapAt(strides.count - 1, strides.count - 2)
        return Tensor(storage: t.storage, shape: shape, strides: strides, offset: t.offset)
    }
}

@Suite struct GEMMKernelTests {
    /// Runs one m×k by k×n f64 product through `GEMM.run` with `kernel` and `blocks`.
    /// Partial tiles of 4 rows go to the 4-row reference kernel, or with `fastEdge` to the fast 4×8 kernel.
    func product<K: MicroKernel>(m: Int, n: Int, k: Int, kernel: K, blocks: BlockSizes, threads: Int = 1,
                                 transposeA: Bool = false, transposeB: Bool = false,
                                 fastEdge: Bool = false) throws -> [Double] where K.Element == Double {
        let (a, b) = inputs(m: m, n: n, k: k)
        // A stored as k×m when transposed: element (i, p) at p*m + i.
        let aStored = transposeA ? (0..<(m * k)).map { a[($0 % m) * k + $0 / m] } : a
        // B stored as n×k when transposed (so it is packed; row-major B is read in place).
        let bStored = transposeB ? (0..<(k * n)).map { b[($0 % k) * n + $0 / k] } : b
        var c = [Double](repeating: 0, count: m * n)
        try aStored.withUnsafeBufferPointer { ap in
            try bStored.withUnsafeBufferPointer { bp in
                try c.withUnsafeMutableBufferPointer { cp in
                    guard let aBase = ap.baseAddress, let bBase = bp.baseAddress, let cBase = cp.baseAddress else { return }
                    let batch = GEMMBatch(m: m, n: n, k: k,
                                          a: StridedMatrix(base: aBase, rowStride: transposeA ? 1 : k, colStride: transposeA ? m : 1),
                                          b: StridedMatrix(base: bBase, rowStride: transposeB ? 1 : n, colStride: transposeB ? k : 1),
                                          aOffsets: [0], bOffsets: [0], c: cBase)
                    let context = KernelContext(threads: threads)
                    if fastEdge {
                        try GEMM.run(batch, kernel: kernel, edgeKernel: Rows4Kernel<SIMD4<Double>>(), blocks: blocks, context: context)
                    } else {
                        try GEMM.run(batch, kernel: kernel, edgeKernel: ReferenceKernel<Double>(mr: 4, nr: kernel.nr),
                                     blocks: blocks, context: context)
                    }
                }
            }
        }
        return c
    }

    func inputs(m: Int, n: Int, k: Int) -> ([Double], [Double]) {
        (GEMMTestData.values(m * k, seed: UInt64(m * 31 + k)), GEMMTestData.values(k * n, seed: UInt64(n * 17 + k)))
    }

    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (7, 13, 11), (6, 8, 1), (5, 7, 9), (6, 8, 16), (7, 9, 17), (12, 16, 3),
        (13, 17, 29), (23, 31, 37), (4, 24, 8), (32, 48, 20), (73, 9, 5), (2, 97, 7), (10, 17, 9), (16, 8, 33),
    ]

    @Test(arguments: shapes)
    func fastKernelMatchesReferenceAndNaive(shape: (Int, Int, Int)) throws {
        let (m, n, k) = shape
        let (a, b) = inputs(m: m, n: n, k: k)
        let expected = GEMMTestData.naiveProduct(a, b, m: m, n: n, k: k)
        // Small blocks put block edges (mc, kc, nc) inside these small problems.
        let small6 = BlockSizes(mr: 6, nr: 8, mc: 12, kc: 5, nc: 16)
        let small4 = BlockSizes(mr: 4, nr: 8, mc: 8, kc: 4, nc: 24)
        let table6 = Blocking.sizes(tile: .rows6, elementBytes: 8)
        let fast6 = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: small6)
        let reference6 = try product(m: m, n: n, k: k, kernel: ReferenceKernel<Double>(mr: 6, nr: 8), blocks: small6)
        let fast4 = try product(m: m, n: n, k: k, kernel: Rows4Kernel<SIMD4<Double>>(), blocks: small4)
        let reference4 = try product(m: m, n: n, k: k, kernel: ReferenceKernel<Double>(mr: 4, nr: 8), blocks: small4)
        let table = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: table6)
        let transposed = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: small6, transposeA: true)
        let packedB6 = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: small6, transposeB: true)
        let packedB4 = try product(m: m, n: n, k: k, kernel: Rows4Kernel<SIMD4<Double>>(), blocks: small4, transposeB: true)
        let packedReference = try product(m: m, n: n, k: k, kernel: ReferenceKernel<Double>(mr: 6, nr: 8), blocks: small6, transposeB: true)
        let fastEdge = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: small6, fastEdge: true)
        let fastEdgePacked = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: small6,
                                         transposeA: true, transposeB: true, fastEdge: true)
        for result in [fast6, fast4, reference4, table, transposed, packedB6, packedB4, packedReference, fastEdge, fastEdgePacked] {
            #expect(GEMMTestData.maxRelativeError(result, reference6) < 1e-13)
        }
        #expect(GEMMTestData.maxRelativeError(reference6, expected) < 1e-13)
    }

    @Test func blockBoundariesOfTheTableAndThreadSplits() throws {
        // Sizes just past mc (72) and kc (256) of the f64 table, on two threads.
        let (m, n, k) = (73, 41, 257)
        let (a, b) = inputs(m: m, n: n, k: k)
        let expected = GEMMTestData.naiveProduct(a, b, m: m, n: n, k: k)
        let table = Blocking.sizes(tile: .rows6, elementBytes: 8)
        let fast = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: table, threads: 2)
        let reference = try product(m: m, n: n, k: k, kernel: ReferenceKernel<Double>(mr: 6, nr: 8), blocks: table, threads: 2)
        #expect(GEMMTestData.maxRelativeError(fast, expected) < 1e-13)
        #expect(GEMMTestData.maxRelativeError(reference, expected) < 1e-13)
        let packed = try product(m: m, n: n, k: k, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: table, threads: 2, transposeB: true)
        #expect(GEMMTestData.maxRelativeError(packed, expected) < 1e-13)
    }

    @Test func skinnyProductPacksWholeRowsOfB() throws {
        // Few rows and a row-major B on one thread (one part spanning all columns):
        // panels of whole rows (nc widened past the table's 16), with kc edges.
        let (m, n, k) = (10, 100, 2 * 64 + 37)
        let (a, b) = inputs(m: m, n: n, k: k)
        let expected = GEMMTestData.naiveProduct(a, b, m: m, n: n, k: k)
        let narrowPanels = BlockSizes(mr: 4, nr: 8, mc: 8, kc: 64, nc: 16, wholeRowColumns: 4096)
        let fast = try product(m: m, n: n, k: k, kernel: Rows4Kernel<SIMD4<Double>>(), blocks: narrowPanels)
        let reference = try product(m: m, n: n, k: k, kernel: ReferenceKernel<Double>(mr: 4, nr: 8), blocks: narrowPanels)
        #expect(GEMMTestData.maxRelativeError(fast, expected) < 1e-13)
        #expect(GEMMTestData.maxRelativeError(reference, expected) < 1e-13)
    }

    @Test func emptyDepthGivesZeros() throws {
        let c = try product(m: 5, n: 9, k: 0, kernel: Rows6Kernel<SIMD4<Double>>(), blocks: Blocking.sizes(tile: .rows6, elementBytes: 8))
        #expect(c == [Double](repeating: 0, count: 45))
    }

    @Test func splitCoversTheRangeInMultiples() {
        let parts = Partition(50, into: 2, multipleOf: 8)
        #expect(parts.count == 2 && parts.range(0) == 0..<32 && parts.range(1) == 32..<50)
        let one = Partition(5, into: 4, multipleOf: 8)
        #expect(one.count == 1 && one.range(0) == 0..<5)
    }

    @Test func cancellationIsALimitError() throws {
        let context = KernelContext(threads: 1)
        context.cancellation.store(true, ordering: .relaxed)
        let a = try GEMMTestData.tensor([8, 8], seed: 1)
        #expect(throws: KernelError.self) { try Tensor.matmul(a, a, context: context) }
    }

    @Test func packingBuffersCountAgainstTheMemoryBudget() throws {
        let a = try GEMMTestData.tensor([64, 64], seed: 1)
        let context = KernelContext(threads: 1, memoryBudget: 64 * 64 * 8 + 1000)
        #expect(throws: KernelError.self) { try Tensor.matmul(a, a, context: context) }
        #expect(context.liveBytes.load(ordering: .relaxed) == 0)
        let roomy = KernelContext(threads: 1, memoryBudget: 1 << 22)
        _ = try Tensor.matmul(a, a, context: roomy)
        #expect(roomy.liveBytes.load(ordering: .relaxed) == 0)
    }
}
