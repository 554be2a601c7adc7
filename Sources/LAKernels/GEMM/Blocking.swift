/// Cache blocking for one GEMM: the micro-tile (`mr`×`nr`, fixed by the
/// micro-kernel) and the panel sizes of the five loops around it.
///
/// - `kc`: depth of one packed panel; an `mr`×`kc` sliver of A and a
///   `kc`×`nr` sliver of B stay in L1 (32 KiB) during a micro-kernel call.
/// - `mc`: rows of the packed A block (`mc`×`kc`), which stays in L2 (512 KiB).
/// - `nc`: columns of the packed B panel (`kc`×`nc`), streamed from L3.
struct BlockSizes: Sendable, Equatable {
    var mr: Int
    var nr: Int
    var mc: Int
    var kc: Int
    var nc: Int
    /// When one part spans all columns of a row-major B, `nc` grows to whole
    /// rows of up to this many columns (0: never), so packing reads B as one
    /// sequential stream (see `GEMM`).
    var wholeRowColumns = 0
}

/// The one block-size table. Figures measured on AMD Zen 3 (32 KiB L1d,
/// 512 KiB L2 per core) with AVX2+FMA; `mc` is a multiple of `mr` and `nc`
/// of `nr` so that only the matrix edges produce partial tiles. Whole-row
/// panels of B (f64 4-row tiles only) measured on AMD EPYC (Zen 4): 32×768 by
/// 768×3072 f64 on one thread ~10% faster; the same for f32 ~5% slower.
enum Blocking {
    /// Micro-tile shapes with a fast kernel.
    enum Tile: Sendable {
        /// 6 rows × 2 vectors: f64 6×8, f32 6×16 (12 accumulator registers).
        case rows6
        /// 4 rows × 2 vectors: f64 4×8, f32 4×16, for matrices of few rows
        /// (a 32-row A fills whole 4-row tiles instead of 6 + 2 spare rows).
        case rows4
    }

    /// The tile for an `m`×`n` product: for few rows (at most 64), the one that
    /// pads fewer elements to whole tiles (e.g. 4 rows for a 32-row A), counting
    /// f64 4×8 tiles 5% dearer (measured ~4% slower than 6×8; f32 4×16 and 6×16
    /// tie); 6-row tiles otherwise.
    static func tile(m: Int, n: Int, elementBytes: Int) -> Tile {
        func padded(_ tile: Tile) -> Int {
            let sizes = self.sizes(tile: tile, elementBytes: elementBytes)
            return roundUp(max(m, 1), to: sizes.mr) * roundUp(max(n, 1), to: sizes.nr)
        }
        if m > 64 { return .rows6 }
        let rows4Cost = elementBytes == 8 ? 21 : 20  // in twentieths of a 6-row tile's cost
        return padded(.rows4) * rows4Cost < padded(.rows6) * 20 ? .rows4 : .rows6
    }

    /// The table entry for `tile` and element width (clip it to the problem with `BlockSizes.clipped`).
    static func sizes(tile: Tile, elementBytes: Int) -> BlockSizes {
        let lanes = 32 / elementBytes  // scalars per 256-bit vector
        switch (tile, elementBytes) {
        case (.rows6, 8): return BlockSizes(mr: 6, nr: 2 * lanes, mc: 72, kc: 256, nc: 4096)
        case (.rows6, _): return BlockSizes(mr: 6, nr: 2 * lanes, mc: 96, kc: 512, nc: 4096)
        case (.rows4, 8): return BlockSizes(mr: 4, nr: 2 * lanes, mc: 64, kc: 256, nc: 256, wholeRowColumns: 4096)
        case (.rows4, _): return BlockSizes(mr: 4, nr: 2 * lanes, mc: 64, kc: 512, nc: 256)
        }
    }

    /// `value` rounded up to a multiple of `multiple` (both positive and validated).
    static func roundUp(_ value: Int, to multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }
}
