/// A batch of floating-point products C[i] = A[i]·B[i], each `m`×`k` by `k`×`n`.
struct GEMMBatch<T: GEMMScalar> {
    var m: Int
    var n: Int
    var k: Int
    /// A and B with their strides; item i starts `aOffsets[i]`/`bOffsets[i]` elements further.
    var a: StridedMatrix<T>
    var b: StridedMatrix<T>
    var aOffsets: [Int]
    var bOffsets: [Int]
    /// C: contiguous row-major `m`×`n` matrices, item i at `c + i*m*n`.
    var c: UnsafeMutablePointer<T>
}

extension BlockSizes {
    /// These sizes clipped to an `m`×`n`×`k` problem, keeping `mc`/`nc` multiples of `mr`/`nr`.
    func clipped(m: Int, n: Int, k: Int) -> BlockSizes {
        var sizes = self
        sizes.mc = min(mc, Blocking.roundUp(max(m, 1), to: mr))
        sizes.kc = min(kc, max(k, 1))
        sizes.nc = min(nc, Blocking.roundUp(max(n, 1), to: nr))
        return sizes
    }
}

/// BLIS-style GEMM: five loops (jc over `nc` columns, pc over `kc` depth with
/// a packed B panel, ic over `mc` rows with a packed A block, jr and ir over
/// micro-tiles) around a register-blocked micro-kernel. Threads split either
/// the batch or, for few large products, each product's rows or columns.
///
/// A product of few rows (one block of A) may read a row-major B in place
/// (`BlockSizes.bInPlaceForOneBlock`, see `PackingPlan`), or a part spanning
/// all columns of a row-major B may pack panels of whole rows
/// (`BlockSizes.wholeRowColumns`), so packing reads B as one sequential
/// stream: with AVX2 tiles a skinny f64 product (32×768 by 768×3072) on one
/// thread, which streams a B far larger than the cache through packing, runs
/// ~10% faster than with panels of 256 columns. (Splitting the depth across
/// threads to keep that stream per thread measured slower than splitting the
/// columns.)
enum GEMM {
    /// Below this many multiply-adds a product runs on one thread: waking a
    /// worker costs about 12 µs, the time of ~500k multiply-adds on one core.
    static let serialWork = 1 << 19

    /// Computes every product of `batch` into its (zeroed) C with `kernel`
    /// and the table `blocks` (clipped to the problem). `edgeKernel` (same `nr`,
    /// fewer rows) computes partial tiles of exactly its height straight into C;
    /// other partial tiles go through a scratch tile. Products of fewer than
    /// `serialWork` multiply-adds run on one thread (tests lower it to split
    /// small products).
    /// - Complexity: O(count × m × n × k) multiply-adds; allocates (at once)
    ///   one set of packing buffers per thread (at most mc×kc + kc×nc + mr×nr
    ///   elements each), charged to the context's memory budget while it runs.
    /// - Throws: LimitError when cancelled (checked per macro-tile) or when
    ///   the buffers exceed the memory budget.
    static func run<K: MicroKernel, E: MicroKernel>(_ batch: GEMMBatch<K.Element>, kernel: K, edgeKernel: E,
                                                    blocks table: BlockSizes, context: KernelContext,
                                                    serialWork: Int = GEMM.serialWork) throws
    where E.Element == K.Element {
        let (m, n, k) = (batch.m, batch.n, batch.k)
        let count = batch.aOffsets.count
        if m == 0 || n == 0 || k == 0 || count == 0 { return }
        let itemWork = saturatingProduct(saturatingProduct(m, n), k)
        let totalWork = saturatingProduct(itemWork, count)
        let threads = totalWork < serialWork ? 1 : context.threads
        let byBatch = threads == 1 || count >= 2 * threads || (count >= threads && itemWork < 64 * serialWork)

        // Each part is a rows×cols piece of every product (the whole product when splitting the batch).
        var rowParts = Partition(m, into: 1, multipleOf: kernel.mr), colParts = Partition(n, into: 1, multipleOf: kernel.nr)
        if !byBatch {
            if (n + kernel.nr - 1) / kernel.nr >= (m + kernel.mr - 1) / kernel.mr {
                colParts = Partition(n, into: threads, multipleOf: kernel.nr)
            } else {
                rowParts = Partition(m, into: threads, multipleOf: kernel.mr)
            }
        }
        let chunks = byBatch ? min(threads, count) : rowParts.count * colParts.count
        let (partRows, partCols) = (rowParts.range(0).count, colParts.range(0).count)  // the largest part
        var blocks = table.clipped(m: partRows, n: partCols, k: k)
        if colParts.count == 1 && batch.b.colStride == 1 {
            blocks.nc = max(blocks.nc, min(Blocking.roundUp(n, to: kernel.nr), table.wholeRowColumns))
        }
        let plan = PackingPlan(m: partRows, n: partCols, k: k, a: batch.a, b: batch.b, blocks: blocks)
        let (bytes, overflow) = PackingBuffers<K.Element>.byteCount(blocks, plan: plan).multipliedReportingOverflow(by: chunks)
        if overflow { throw KernelError(.limit, "matmul packing buffers are too large") }
        try context.reserve(bytes: bytes)
        defer { context.release(bytes: bytes) }
        // One allocation for every thread's buffers (one malloc per call matters at n = 64).
        let storage = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { storage.deallocate() }
        func buffers(_ chunk: Int) -> PackingBuffers<K.Element> {
            PackingBuffers(blocks, plan: plan, storage: storage, index: chunk)
        }

        func multiplyPart(item: Int, rows: Range<Int>, cols: Range<Int>, buffers: PackingBuffers<K.Element>) {
            let a = StridedMatrix(base: batch.a.base + batch.aOffsets[item], rowStride: batch.a.rowStride, colStride: batch.a.colStride)
            let b = StridedMatrix(base: batch.b.base + batch.bOffsets[item], rowStride: batch.b.rowStride, colStride: batch.b.colStride)
            multiply(rows: rows, cols: cols, k: k,
                     a: StridedMatrix(base: a.offset(row: rows.lowerBound, col: 0), rowStride: a.rowStride, colStride: a.colStride),
                     b: StridedMatrix(base: b.offset(row: 0, col: cols.lowerBound), rowStride: b.rowStride, colStride: b.colStride),
                     c: batch.c + item * m * n + rows.lowerBound * n + cols.lowerBound, ldc: n,
                     kernel: kernel, edgeKernel: edgeKernel, blocks: blocks, plan: plan, buffers: buffers, context: context)
        }
        if byBatch {
            let perChunk = (count + chunks - 1) / chunks
            context.parallelFor(chunks) { chunk in
                for item in (chunk * perChunk)..<min(count, (chunk + 1) * perChunk) {
                    multiplyPart(item: item, rows: 0..<m, cols: 0..<n, buffers: buffers(chunk))
                }
            }
        } else {
            for item in 0..<count {
                context.parallelFor(chunks) { chunk in
                    multiplyPart(item: item, rows: rowParts.range(chunk / colParts.count),
                                 cols: colParts.range(chunk % colParts.count), buffers: buffers(chunk))
                }
            }
        }
        try context.checkCancellation()
        context.work.wrappingAdd(totalWork, ordering: .relaxed)
    }

    /// The five loops for one `rows`×`cols` piece of C (A and B already
    /// offset to the piece), packing as `plan` says.
    /// Returns early when the context is cancelled.
    private static func multiply<K: MicroKernel, E: MicroKernel>(rows: Range<Int>, cols: Range<Int>, k: Int,
                                                 a: StridedMatrix<K.Element>, b: StridedMatrix<K.Element>,
                                                 c: UnsafeMutablePointer<K.Element>, ldc: Int,
                                                 kernel: K, edgeKernel: E, blocks: BlockSizes, plan: PackingPlan,
                                                 buffers: PackingBuffers<K.Element>, context: KernelContext)
    where E.Element == K.Element {
        let (m, n) = (rows.count, cols.count)
        let (mr, nr) = (kernel.mr, kernel.nr)
        for jc in stride(from: 0, to: n, by: blocks.nc) {
            let ncCurrent = min(blocks.nc, n - jc)
            for pc in stride(from: 0, to: k, by: blocks.kc) {
                let kcCurrent = min(blocks.kc, k - pc)
                let accumulate = pc > 0
                let panel = StridedMatrix(base: b.offset(row: pc, col: jc), rowStride: b.rowStride, colStride: b.colStride)
                let edgeStart = ncCurrent / nr * nr  // the partial sliver, if any, starts here
                if plan.b == .panel {
                    Pack.packB(panel, depth: kcCurrent, cols: ncCurrent, nr: nr, into: buffers.b)
                } else if plan.b == .inPlace && edgeStart < ncCurrent {  // pack only the partial sliver
                    Pack.packB(StridedMatrix(base: panel.offset(row: 0, col: edgeStart), rowStride: b.rowStride, colStride: 1),
                               depth: kcCurrent, cols: ncCurrent - edgeStart, nr: nr, into: buffers.b)
                }
                for ic in stride(from: 0, to: m, by: blocks.mc) {
                    if context.isCancelled { return }
                    let mcCurrent = min(blocks.mc, m - ic)
                    let block = StridedMatrix(base: a.offset(row: ic, col: pc), rowStride: a.rowStride, colStride: a.colStride)
                    let edgeRow = mcCurrent / mr * mr  // the partial sliver, if any, starts here
                    if !plan.aInPlace {
                        Pack.packA(block, rows: mcCurrent, depth: kcCurrent, mr: mr, into: buffers.a)
                    } else if edgeRow < mcCurrent {  // pack only the partial sliver
                        Pack.packA(StridedMatrix(base: block.offset(row: edgeRow, col: 0), rowStride: a.rowStride, colStride: 1),
                                   rows: mcCurrent - edgeRow, depth: kcCurrent, mr: mr, into: buffers.a)
                    }
                    for jr in stride(from: 0, to: ncCurrent, by: nr) {
                        let width = min(nr, ncCurrent - jr)
                        if plan.b == .perSliver {
                            Pack.packB(StridedMatrix(base: panel.offset(row: 0, col: jr), rowStride: b.rowStride, colStride: b.colStride),
                                       depth: kcCurrent, cols: width, nr: nr, into: buffers.b)
                        }
                        let bInPlace = plan.b == .inPlace && jr < edgeStart
                        let bSliver = bInPlace ? panel.offset(row: 0, col: jr)
                                               : UnsafePointer(buffers.b + (plan.b == .panel ? jr * kcCurrent : 0))
                        let bStride = bInPlace ? b.rowStride : nr
                        for ir in stride(from: 0, to: mcCurrent, by: mr) {
                            let height = min(mr, mcCurrent - ir)
                            let aInPlace = plan.aInPlace && ir < edgeRow
                            let aSliver = aInPlace ? block.offset(row: ir, col: 0)
                                                   : UnsafePointer(buffers.a + (plan.aInPlace ? 0 : ir * kcCurrent))
                            let (aRowStride, aColStride) = aInPlace ? (a.rowStride, 1) : (1, mr)
                            let cTile = c + (ic + ir) * ldc + jc + jr
                            if height == mr && width == nr {
                                kernel.run(kc: kcCurrent, a: aSliver, aRowStride: aRowStride, aColStride: aColStride,
                                           b: bSliver, bStride: bStride, c: cTile, ldc: ldc, accumulate: accumulate)
                            } else if height == edgeKernel.mr && width == nr && edgeKernel.nr == nr {
                                // Packed A slivers keep stride mr, so the shorter kernel reads their first rows.
                                edgeKernel.run(kc: kcCurrent, a: aSliver, aRowStride: aRowStride, aColStride: aColStride,
                                               b: bSliver, bStride: bStride, c: cTile, ldc: ldc, accumulate: accumulate)
                            } else {
                                kernel.run(kc: kcCurrent, a: aSliver, aRowStride: aRowStride, aColStride: aColStride,
                                           b: bSliver, bStride: bStride, c: buffers.tile, ldc: nr, accumulate: false)
                                for i in 0..<height {
                                    for j in 0..<width {
                                        let value = buffers.tile[i * nr + j]
                                        cTile[i * ldc + j] = accumulate ? cTile[i * ldc + j] + value : value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `a × b` for non-negative factors, or `Int.max` when it overflows (work accounting only).
    static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }
}

/// `0..<total` cut into at most `parts` ranges whose sizes are multiples of
/// `multiple` (except the last): the rows or columns each thread computes.
struct Partition {
    let total: Int
    /// Size of every part but the last (which may be smaller).
    let partSize: Int
    let count: Int

    init(_ total: Int, into parts: Int, multipleOf multiple: Int) {
        let units = (total + multiple - 1) / multiple
        self.total = total
        partSize = max((units + parts - 1) / max(parts, 1) * multiple, 1)
        count = (total + partSize - 1) / partSize
    }

    func range(_ part: Int) -> Range<Int> {
        (part * partSize)..<min(total, (part + 1) * partSize)
    }
}

extension GEMM {
    /// Computes `batch` with the fast micro-kernel for its element type:
    /// `V` is that type's `GEMMScalar.Vector` (256 or 512 bits, as the build's
    /// code generation has). The tile and blocks come from `Blocking`;
    /// matrix-vector products with a row-major A go to `GEMV`.
    static func runFast<V: SIMD>(_ batch: GEMMBatch<V.Scalar>, vector: V.Type, context: KernelContext) throws
    where V.Scalar: GEMMScalar {
        if GEMV.applies(batch) { return try GEMV.run(batch, vector: V.self, context: context) }
        let tile = Blocking.tile(m: batch.m, n: batch.n, elementBytes: MemoryLayout<V.Scalar>.stride)
        let blocks = Blocking.sizes(tile: tile, elementBytes: MemoryLayout<V.Scalar>.stride)
        let rows4 = TileKernel<4, 2, V>()
        switch tile {
        case .main: try run(batch, kernel: MainTileKernel<V>(), edgeKernel: rows4, blocks: blocks, context: context)
        case .rows4: try run(batch, kernel: rows4, edgeKernel: rows4, blocks: blocks, context: context)
        }
    }
}
