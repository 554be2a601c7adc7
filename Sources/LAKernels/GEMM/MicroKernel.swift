/// Scalars the floating-point GEMM handles (f32 and f64), with their vector.
protocol GEMMScalar: BinaryFloatingPoint, Codable, Sendable {
    associatedtype Vector: SIMD where Vector.Scalar == Self
}
// The widest vectors the build's code generation has: Package.swift defines
// LA_AVX512 when it enables AVX-512 (32 registers of 512 bits); otherwise
// 256-bit vectors (16 AVX registers, or pairs of SSE/NEON registers).
#if LA_AVX512
extension Float: GEMMScalar { typealias Vector = SIMD16<Float> }
extension Double: GEMMScalar { typealias Vector = SIMD8<Double> }
/// The kernel of `Blocking.Tile.main`: 8 rows × 2 vectors (16 accumulators of 32 registers).
typealias MainTileKernel<V: SIMD> = TileKernel<8, 2, V> where V.Scalar: GEMMScalar
#else
extension Float: GEMMScalar { typealias Vector = SIMD8<Float> }
extension Double: GEMMScalar { typealias Vector = SIMD4<Double> }
/// The kernel of `Blocking.Tile.main`: 6 rows × 2 vectors (12 accumulators of 16 registers).
typealias MainTileKernel<V: SIMD> = TileKernel<6, 2, V> where V.Scalar: GEMMScalar
#endif

/// A register-blocked micro-kernel: computes one `mr`×`nr` tile of C from
/// a sliver of A (element (i, p) at `a[i*aRowStride + p*aColStride]`: strides
/// (1, mr) when packed, (row stride, 1) when read in place) and a sliver of B (`kc`
/// steps of `nr` contiguous values, `bStride` apart: `nr` when packed, the row
/// stride when B is read in place), and stores it to C (row stride `ldc`, column stride 1), adding
/// to C when `accumulate` is true and overwriting it otherwise.
protocol MicroKernel {
    associatedtype Element: GEMMScalar
    var mr: Int { get }
    var nr: Int { get }
    func run(kc: Int, a: UnsafePointer<Element>, aRowStride: Int, aColStride: Int,
             b: UnsafePointer<Element>, bStride: Int,
             c: UnsafeMutablePointer<Element>, ldc: Int, accumulate: Bool)
}

/// Loads one vector of packed B at `p` (packed panels need no alignment).
@inline(__always)
func loadVector<V: SIMD>(_ p: UnsafePointer<V.Scalar>) -> V {
    UnsafeRawPointer(p).loadUnaligned(as: V.self)
}

/// Stores `value` (plus the old contents when `accumulate`) to `p`.
@inline(__always)
func storeVector<V: SIMD>(_ value: V, to p: UnsafeMutablePointer<V.Scalar>, accumulate: Bool) where V.Scalar: FloatingPoint {
    let raw = UnsafeMutableRawPointer(p)
    let result = accumulate ? value + raw.loadUnaligned(as: V.self) : value
    raw.storeBytes(of: result, as: V.self)
}
