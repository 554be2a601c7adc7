/// One thread's packing buffers: views into one allocation made per product
/// for all threads (see `GEMM.run`), reused for every block and
/// batch item that thread computes.
struct PackingBuffers<T> {
    let a: UnsafeMutablePointer<T>
    let b: UnsafeMutablePointer<T>
    /// Scratch for a partial (edge) tile.
    let tile: UnsafeMutablePointer<T>

    /// Element counts of the three buffers for `blocks`; an operand read in
    /// place needs only one sliver, for its edge.
    static func layout(_ blocks: BlockSizes, plan: PackingPlan) -> (a: Int, b: Int, tile: Int) {
        (blocks.kc * (plan.aInPlace ? blocks.mr : blocks.mc), blocks.kc * (plan.b == .panel ? blocks.nc : blocks.nr), blocks.mr * blocks.nr)
    }

    /// Bytes of one thread's buffers: a multiple of 64, plus two cache lines
    /// so that neighbouring threads never share (or prefetch) a line.
    static func byteCount(_ blocks: BlockSizes, plan: PackingPlan) -> Int {
        let (a, b, tile) = layout(blocks, plan: plan)
        return Blocking.roundUp((a + b + tile) * MemoryLayout<T>.stride, to: 64) + 128
    }

    /// The buffers of thread `index` in `storage` (64-byte aligned, `index + 1` times `byteCount` long).
    init(_ blocks: BlockSizes, plan: PackingPlan, storage: UnsafeMutableRawPointer, index: Int) {
        let (aCount, bCount, tileCount) = PackingBuffers.layout(blocks, plan: plan)
        let typed = (storage + index * PackingBuffers.byteCount(blocks, plan: plan))
            .bindMemory(to: T.self, capacity: aCount + bCount + tileCount)
        a = typed
        b = typed + aCount
        tile = typed + aCount + bCount
    }
}

/// How each operand reaches the micro-kernel: packed, or read in place
/// (only whole slivers; a partial edge sliver is always packed).
struct PackingPlan: Sendable {
    enum BPacking: Sendable {
        /// The whole kc×nc panel is packed once and reused by every block of A.
        case panel
        /// Each kc×nr sliver is packed just before use, so it stays in cache (L1
        /// with the AVX2 table, L2 with the AVX-512 table's deeper kc): for A
        /// of one block (few rows), where each sliver is used once anyway and a
        /// packed panel would be evicted to L3 before its slivers are read.
        case perSliver
        /// Read in place: a row-major B small enough to stay in cache, or
        /// any row-major B when A is one block of rows and the table says so
        /// (`BlockSizes.bInPlaceForOneBlock`). Each sliver then serves only
        /// that block's few tiles, so packing would add a whole pass over B
        /// (a skinny 32×768 by 768×3072 product streams 19 MB) for little
        /// reuse; read in place, the strided loads of B overlap with the
        /// micro-kernel's arithmetic when the tile does enough of it per line
        /// of B (8-row AVX-512 tiles, not 4- or 6-row AVX2 ones). Packing
        /// each sliver just before use instead (strided copies that stall)
        /// measured ~30% slower.
        case inPlace
    }

    /// A (column stride 1) read in place: when it is small, so its rows stay
    /// in cache without conflicts and packing would cost as much as it saves.
    var aInPlace: Bool
    var b: BPacking

    init<T>(m: Int, n: Int, k: Int, a: StridedMatrix<T>, b: StridedMatrix<T>, blocks: BlockSizes) {
        aInPlace = a.colStride == 1 && m * k <= 1 << 14
        if b.colStride == 1 && m <= blocks.mc && (k * n <= 1 << 13 || blocks.bInPlaceForOneBlock) {
            self.b = .inPlace
        } else {
            self.b = m <= blocks.mc && b.colStride != 1 ? .perSliver : .panel
        }
    }
}
