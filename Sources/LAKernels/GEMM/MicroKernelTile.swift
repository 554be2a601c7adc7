/// The fast micro-kernel for any tile of `rows` rows × `vectors` vectors of
/// `V` (f64 6×8 is `TileKernel<6, 2, SIMD4<Double>>`, f64 8×24 with AVX-512
/// is `TileKernel<8, 3, SIMD8<Double>>`). Per step of depth it loads
/// `vectors` vectors of B, broadcasts one value of A per row, and does
/// rows × vectors fused multiply-adds into accumulators.
///
/// The accumulators are an `InlineArray` indexed by constants: once
/// specialized, every loop here over `rows` and `vectors` unrolls fully and
/// each accumulator lives in its own register, provided rows × vectors +
/// vectors + 1 registers exist (16 with AVX2, 32 with AVX-512); a larger
/// tile spills to the stack and runs at a fraction of the speed. Index
/// arithmetic wraps (`&*`, `&+`): overflow checks would block the unrolling,
/// and the driver only passes offsets inside the packed or validated operands.
/// Uses fused multiply-add, which needs FMA code generation to be fast.
struct TileKernel<let rows: Int, let vectors: Int, V: SIMD>: MicroKernel where V.Scalar: GEMMScalar {
    typealias Element = V.Scalar
    var mr: Int { rows }
    var nr: Int { vectors * V.scalarCount }

    @inline(__always)
    func run(kc: Int, a: UnsafePointer<Element>, aRowStride: Int, aColStride: Int,
             b: UnsafePointer<Element>, bStride: Int,
             c: UnsafeMutablePointer<Element>, ldc: Int, accumulate: Bool) {
        let w = V.scalarCount
        var acc = InlineArray<rows, InlineArray<vectors, V>>(repeating: InlineArray(repeating: V()))
        var offset = 0
        var bp = b
        for _ in 0..<kc {
            let bv = InlineArray<vectors, V> { j in loadVector(bp + j &* w) }
            for i in 0..<rows {
                let x = V(repeating: a[i &* aRowStride &+ offset])
                for j in 0..<vectors { acc[i][j].addProduct(x, bv[j]) }
            }
            offset &+= aColStride
            bp += bStride
        }
        for i in 0..<rows {
            for j in 0..<vectors {
                storeVector(acc[i][j], to: c + (i &* ldc &+ j &* w), accumulate: accumulate)
            }
        }
    }
}

extension SIMD where Scalar: FloatingPoint {
    /// `self += x * y` as one fused multiply-add per lane.
    @inline(__always)
    mutating func addProduct(_ x: Self, _ y: Self) {
        self = addingProduct(x, y)
    }
}
