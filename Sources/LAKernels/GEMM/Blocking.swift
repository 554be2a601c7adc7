/// Cache blocking for one GEMM: the micro-tile (`mr`×`nr`, fixed by the
/// micro-kernel) and the panel sizes of the five loops around it.
///
/// - `kc`: depth of one packed panel; with AVX2 tiles an `mr`×`kc` sliver of
///   A and a `kc`×`nr` sliver of B stay in L1 (32 KiB) during a micro-kernel
///   call (the AVX-512 table streams them from L2, see `Blocking`).
/// - `mc`: rows of the packed A block (`mc`×`kc`), which stays in L2.
/// - `nc`: columns of the packed B panel (`kc`×`nc`), streamed from L3.
struct BlockSizes: Sendable, Equatable {
    var mr: Int
    var nr: Int
    var mc: Int
    var kc: Int
    var nc: Int
    /// When A is one block of rows (`m ≤ mc`), read a row-major B in place
    /// rather than packing it (see `PackingPlan.BPacking.inPlace`).
    var bInPlaceForOneBlock = false
    /// When one part spans all columns of a row-major B that is packed, `nc`
    /// grows to whole rows of up to this many columns (0: never), so packing
    /// reads B as one sequential stream (see `GEMM`).
    var wholeRowColumns = 0
}

/// The one block-size table, for the vector width the build's code
/// generation has (`GEMMScalar.Vector`): 256-bit with AVX2 (16 registers),
/// 512-bit with AVX-512 (32 registers). `mc` is a multiple of `mr` and `nc`
/// of `nr` so that only the matrix edges produce partial tiles.
///
/// AVX2 figures measured on AMD Zen 3 (32 KiB L1d, 512 KiB L2 per core);
/// whole-row panels of B (f64 4-row tiles only) on AMD EPYC Zen 4: 32×768 by
/// 768×3072 f64 on one thread ~10% faster; the same for f32 ~5% slower.
/// AVX-512 figures measured on AMD EPYC Zen 4 (32 KiB L1d, 1 MiB L2), whose
/// 512-bit FMAs are double-pumped: the peak is that of AVX2, but with half
/// the instructions and twice the registers an 8-row tile fits (64×64 f64
/// ~5% faster than 6×16 tiles; at n = 512 tiles of 4–8 rows and 2–3 vectors
/// are within noise). Deep panels: with kc = 256, n = 1024 and 2048 ran 5–9%
/// slower than AVX2's 6×8 tiles (not so at n ≤ 512, whatever mc and nc);
/// with kc = 1024 (slivers streamed from L2, not kept in L1) they match or
/// beat them. `nc` keeps the packed kc×nc panel of B at 4 MiB (in L3).
/// With these tiles a skinny product reads B in place (32×768 by 768×3072:
/// f64 ~15%, f32 ~20% less CPU time than packed panels of 256 columns or of
/// whole rows); with AVX2 tiles the same was ~15% slower than packing.
enum Blocking {
    /// Bytes of one `GEMMScalar.Vector`: 64 with AVX-512 code generation, else 32.
    static let vectorBytes = MemoryLayout<Double.Vector>.size

    /// Micro-tile shapes with a fast kernel (see `GEMM.runFast`).
    enum Tile: Sendable {
        /// `mainRows` rows × 2 vectors: with AVX2 f64 6×8 and f32 6×16 (12
        /// accumulators of 16 registers), with AVX-512 f64 8×16 and f32 8×32
        /// (16 of 32 registers).
        case main
        /// 4 rows × 2 vectors, for matrices of few rows (a 32-row A fills
        /// whole 4-row tiles instead of 6 + 2 spare rows) and for 4-row edges.
        case rows4
    }

    /// Rows of the `main` tile.
    static let mainRows = MainTileKernel<Double.Vector>().mr

    /// The tile for an `m`×`n` product: for few rows (at most 64), the one that
    /// pads fewer elements to whole tiles (e.g. 4 rows for a 32-row A with
    /// 6-row main tiles), counting f64 4-row tiles 5% dearer (measured ~4%
    /// slower than 6×8 with AVX2; f32 4×16 and 6×16 tie); main tiles otherwise.
    static func tile(m: Int, n: Int, elementBytes: Int) -> Tile {
        func padded(_ tile: Tile) -> Int {
            let sizes = self.sizes(tile: tile, elementBytes: elementBytes)
            return roundUp(max(m, 1), to: sizes.mr) * roundUp(max(n, 1), to: sizes.nr)
        }
        if m > 64 { return .main }
        let rows4Cost = elementBytes == 8 ? 21 : 20  // in twentieths of a main tile's cost
        return padded(.rows4) * rows4Cost < padded(.main) * 20 ? .rows4 : .main
    }

    /// The table entry for `tile` and element width (clip it to the problem with `BlockSizes.clipped`).
    static func sizes(tile: Tile, elementBytes: Int) -> BlockSizes {
        let nr = 2 * vectorBytes / elementBytes
        switch (vectorBytes, tile, elementBytes) {
        case (64, .main, 8): return BlockSizes(mr: 8, nr: nr, mc: 64, kc: 1024, nc: 512, bInPlaceForOneBlock: true)
        case (64, .main, _): return BlockSizes(mr: 8, nr: nr, mc: 96, kc: 1024, nc: 1024, bInPlaceForOneBlock: true)
        case (64, .rows4, 8): return BlockSizes(mr: 4, nr: nr, mc: 64, kc: 256, nc: 256, bInPlaceForOneBlock: true)
        case (64, .rows4, _): return BlockSizes(mr: 4, nr: nr, mc: 64, kc: 256, nc: 256, bInPlaceForOneBlock: true)
        case (_, .main, 8): return BlockSizes(mr: 6, nr: nr, mc: 72, kc: 256, nc: 4096)
        case (_, .main, _): return BlockSizes(mr: 6, nr: nr, mc: 96, kc: 512, nc: 4096)
        case (_, .rows4, 8): return BlockSizes(mr: 4, nr: nr, mc: 64, kc: 256, nc: 256, wholeRowColumns: 4096)
        case (_, .rows4, _): return BlockSizes(mr: 4, nr: nr, mc: 64, kc: 512, nc: 256)
        }
    }

    /// `value` rounded up to a multiple of `multiple` (both positive and validated).
    static func roundUp(_ value: Int, to multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }
}
