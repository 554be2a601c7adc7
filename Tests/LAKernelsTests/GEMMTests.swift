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

/// The fast micro-kernels of one element type, each run through `GEMM.run` and
/// compared with the reference kernel: the kernels of both vector widths (256-bit
/// as built without AVX-512, 512-bit as built with it) are tested on every
/// machine, whatever the build uses (a 512-bit tile is only slower without AVX-512).
@Suite struct GEMMKernelTests {
    /// Operand layouts and thread counts every kernel runs with.
    struct Variant: CustomStringConvertible {
        var transposeA = false
        var transposeB = false
        var threads = 1
        var description: String { "A\(transposeA ? "ᵀ" : "") B\(transposeB ? "ᵀ" : "") threads \(threads)" }
    }

    static let variants: [Variant] = [false, true].flatMap { ta in
        [false, true].flatMap { tb in [1, 2].map { Variant(transposeA: ta, transposeB: tb, threads: $0) } }
    }

    /// Shapes (m, n, k) with partial tiles of every height, sizes around the tiles, a
    /// large enough A (m × k > 2¹⁴) that it is packed rather than read in place, and
    /// one block of A rows with a B too large (k × n > 2¹³) to be read in place by default.
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (7, 13, 11), (6, 8, 1), (5, 7, 9), (8, 16, 16), (9, 17, 17), (12, 16, 3), (13, 33, 29),
        (23, 31, 37), (4, 48, 8), (32, 48, 20), (73, 9, 5), (2, 97, 7), (10, 17, 9), (16, 8, 33), (130, 20, 140),
        (7, 130, 70),
    ]

    /// Runs one m×k by k×n product through `GEMM.run` (threads split it whatever its size) and returns C.
    /// A is stored k×m when transposed, B n×k (so it is packed; row-major B of few rows is read in place).
    func product<K: MicroKernel, E: MicroKernel>(_ shape: (Int, Int, Int), kernel: K, edgeKernel: E,
                                                 blocks: BlockSizes, variant: Variant = Variant()) throws -> [Double]
    where E.Element == K.Element {
        let (m, n, k) = shape
        let (a, b) = inputs(shape)
        let aStored = (variant.transposeA ? (0..<(m * k)).map { a[($0 % m) * k + $0 / m] } : a).map { K.Element($0) }
        let bStored = (variant.transposeB ? (0..<(k * n)).map { b[($0 % k) * n + $0 / k] } : b).map { K.Element($0) }
        var c = [K.Element](repeating: .nan, count: m * n)  // every element must be written
        try aStored.withUnsafeBufferPointer { ap in
            try bStored.withUnsafeBufferPointer { bp in
                try c.withUnsafeMutableBufferPointer { cp in
                    guard let aBase = ap.baseAddress, let bBase = bp.baseAddress, let cBase = cp.baseAddress else { return }
                    let batch = GEMMBatch(m: m, n: n, k: k,
                                          a: StridedMatrix(base: aBase, rowStride: variant.transposeA ? 1 : k,
                                                           colStride: variant.transposeA ? m : 1),
                                          b: StridedMatrix(base: bBase, rowStride: variant.transposeB ? 1 : n,
                                                           colStride: variant.transposeB ? k : 1),
                                          aOffsets: [0], bOffsets: [0], c: cBase)
                    try GEMM.run(batch, kernel: kernel, edgeKernel: edgeKernel, blocks: blocks,
                                 context: KernelContext(threads: variant.threads), serialWork: 0)
                }
            }
        }
        return c.map { Double($0) }
    }

    func inputs(_ shape: (Int, Int, Int)) -> ([Double], [Double]) {
        let (m, n, k) = shape
        return (GEMMTestData.values(m * k, seed: UInt64(m * 31 + k)), GEMMTestData.values(k * n, seed: UInt64(n * 17 + k)))
    }

    /// Blocks small enough that block edges (mc, kc, nc) fall inside the test shapes.
    static func smallBlocks(mr: Int, nr: Int) -> BlockSizes {
        BlockSizes(mr: mr, nr: nr, mc: 2 * mr, kc: 5, nc: 2 * nr)
    }

    /// `kernel` with 4-row edges by `edgeKernel`, for every shape and variant, against the
    /// reference kernel (with the same blocks) and the naive product.
    func checkKernel<K: MicroKernel, E: MicroKernel>(_ kernel: K, edgeKernel: E, tolerance: Double) throws
    where E.Element == K.Element {
        let blocks = Self.smallBlocks(mr: kernel.mr, nr: kernel.nr)
        for shape in Self.shapes {
            let (a, b) = inputs(shape)
            let expected = GEMMTestData.naiveProduct(a, b, m: shape.0, n: shape.1, k: shape.2)
            let reference = try product(shape, kernel: ReferenceKernel<K.Element>(mr: kernel.mr, nr: kernel.nr),
                                        edgeKernel: ReferenceKernel<K.Element>(mr: edgeKernel.mr, nr: edgeKernel.nr), blocks: blocks)
            #expect(GEMMTestData.maxRelativeError(reference, expected) < tolerance, "reference \(shape)")
            for variant in Self.variants {
                let fast = try product(shape, kernel: kernel, edgeKernel: edgeKernel, blocks: blocks, variant: variant)
                #expect(GEMMTestData.maxRelativeError(fast, reference) < tolerance, "\(K.self) \(shape) \(variant)")
            }
            // The table's options: B read in place for one block of A, and panels of whole rows.
            var inPlace = blocks, wholeRows = blocks
            inPlace.bInPlaceForOneBlock = true
            wholeRows.wholeRowColumns = 4096
            for (options, threads) in [(inPlace, 1), (inPlace, 2), (wholeRows, 1)] {
                let fast = try product(shape, kernel: kernel, edgeKernel: edgeKernel, blocks: options, variant: Variant(threads: threads))
                #expect(GEMMTestData.maxRelativeError(fast, reference) < tolerance, "\(K.self) \(shape) \(options)")
            }
            // Every partial tile through the scratch tile (an edge kernel of no matching height).
            let scratchEdges = try product(shape, kernel: kernel, edgeKernel: ReferenceKernel<K.Element>(mr: 0, nr: kernel.nr),
                                           blocks: blocks, variant: Variant(transposeB: true))
            #expect(GEMMTestData.maxRelativeError(scratchEdges, reference) < tolerance, "\(K.self) \(shape) scratch edges")
        }
    }

    @Test func f64TilesOf256BitVectors() throws {
        try checkKernel(TileKernel<6, 2, SIMD4<Double>>(), edgeKernel: TileKernel<4, 2, SIMD4<Double>>(), tolerance: 1e-13)
        try checkKernel(TileKernel<4, 2, SIMD4<Double>>(), edgeKernel: TileKernel<4, 2, SIMD4<Double>>(), tolerance: 1e-13)
    }

    @Test func f64TilesOf512BitVectors() throws {
        try checkKernel(TileKernel<8, 2, SIMD8<Double>>(), edgeKernel: TileKernel<4, 2, SIMD8<Double>>(), tolerance: 1e-13)
        try checkKernel(TileKernel<4, 2, SIMD8<Double>>(), edgeKernel: TileKernel<4, 2, SIMD8<Double>>(), tolerance: 1e-13)
    }

    @Test func f32TilesOf256BitVectors() throws {
        try checkKernel(TileKernel<6, 2, SIMD8<Float>>(), edgeKernel: TileKernel<4, 2, SIMD8<Float>>(), tolerance: 1e-5)
        try checkKernel(TileKernel<4, 2, SIMD8<Float>>(), edgeKernel: TileKernel<4, 2, SIMD8<Float>>(), tolerance: 1e-5)
    }

    @Test func f32TilesOf512BitVectors() throws {
        try checkKernel(TileKernel<8, 2, SIMD16<Float>>(), edgeKernel: TileKernel<4, 2, SIMD16<Float>>(), tolerance: 1e-5)
        try checkKernel(TileKernel<4, 2, SIMD16<Float>>(), edgeKernel: TileKernel<4, 2, SIMD16<Float>>(), tolerance: 1e-5)
    }

    @Test func theTableFitsTheBuildsKernels() {
        for elementBytes in [4, 8] {
            for tile in [Blocking.Tile.main, .rows4] {
                let sizes = Blocking.sizes(tile: tile, elementBytes: elementBytes)
                #expect(sizes.mc % sizes.mr == 0 && sizes.nc % sizes.nr == 0)
                #expect(sizes.nr * elementBytes == 2 * Blocking.vectorBytes)
            }
            #expect(Blocking.sizes(tile: .main, elementBytes: elementBytes).mr == MainTileKernel<Double.Vector>().mr)
            #expect(Blocking.sizes(tile: .rows4, elementBytes: elementBytes).mr == 4)
        }
        #expect(Blocking.vectorBytes == MemoryLayout<Float.Vector>.size)
    }

    @Test func blockBoundariesOfTheTableAndThreadSplits() throws {
        // Sizes just past mc and kc of the build's f64 and f32 tables, on two threads:
        // more rows than one block (packed panels of B) and fewer (B read in place by default).
        func check<K: MicroKernel, E: MicroKernel>(_ kernel: K, edge: E, tolerance: Double) throws where E.Element == K.Element {
            let table = Blocking.sizes(tile: .main, elementBytes: MemoryLayout<K.Element>.stride)
            for shape in [(table.mc + 5, 37, table.kc + 3), (20, 300, table.kc + 3)] {
                let (a, b) = inputs(shape)
                let expected = GEMMTestData.naiveProduct(a, b, m: shape.0, n: shape.1, k: shape.2)
                for variant in [Variant(threads: 2), Variant(transposeB: true, threads: 2)] {
                    let c = try product(shape, kernel: kernel, edgeKernel: edge, blocks: table, variant: variant)
                    #expect(GEMMTestData.maxRelativeError(c, expected) < tolerance, "\(K.self) \(shape) \(variant)")
                }
            }
        }
        try check(MainTileKernel<Double.Vector>(), edge: TileKernel<4, 2, Double.Vector>(), tolerance: 1e-13)
        try check(MainTileKernel<Float.Vector>(), edge: TileKernel<4, 2, Float.Vector>(), tolerance: 1e-5)
    }

    @Test func emptyDepthWritesNothing() throws {
        let c = try product((5, 9, 0), kernel: MainTileKernel<Double.Vector>(), edgeKernel: TileKernel<4, 2, Double.Vector>(),
                            blocks: Blocking.sizes(tile: .main, elementBytes: 8))
        #expect(c.allSatisfy { $0.isNaN })  // C is the caller's to zero: nothing is written
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
