/// The 4-row micro-kernel: 4 rows × 3 vectors of `V` (f64 4×12, f32 4×24),
/// for matrices of few rows. Twelve accumulators, three B vectors and one
/// broadcast A value use all 16 AVX registers.
struct Rows4Kernel<V: SIMD>: MicroKernel where V.Scalar: GEMMScalar {
    typealias Element = V.Scalar
    var mr: Int { 4 }
    var nr: Int { 3 * V.scalarCount }

    @inline(__always)
    func run(kc: Int, a: UnsafePointer<Element>, aRowStride: Int, aColStride: Int,
             b: UnsafePointer<Element>, bStride: Int,
             c: UnsafeMutablePointer<Element>, ldc: Int, accumulate: Bool) {
        let w = V.scalarCount
        var c00 = V(), c01 = V(), c02 = V(), c10 = V(), c11 = V(), c12 = V()
        var c20 = V(), c21 = V(), c22 = V(), c30 = V(), c31 = V(), c32 = V()
        // One pointer per row of A and a shared offset (see Rows6Kernel).
        let a0 = a, a1 = a + aRowStride, a2 = a + 2 * aRowStride, a3 = a + 3 * aRowStride
        var offset = 0
        var bp = b
        for _ in 0..<kc {
            let b0: V = loadVector(bp), b1: V = loadVector(bp + w), b2: V = loadVector(bp + 2 * w)
            var x = V(repeating: a0[offset])
            c00.addProduct(x, b0); c01.addProduct(x, b1); c02.addProduct(x, b2)
            x = V(repeating: a1[offset])
            c10.addProduct(x, b0); c11.addProduct(x, b1); c12.addProduct(x, b2)
            x = V(repeating: a2[offset])
            c20.addProduct(x, b0); c21.addProduct(x, b1); c22.addProduct(x, b2)
            x = V(repeating: a3[offset])
            c30.addProduct(x, b0); c31.addProduct(x, b1); c32.addProduct(x, b2)
            offset &+= aColStride
            bp += bStride
        }
        storeRow(c00, c01, c02, to: c, accumulate: accumulate)
        storeRow(c10, c11, c12, to: c + ldc, accumulate: accumulate)
        storeRow(c20, c21, c22, to: c + 2 * ldc, accumulate: accumulate)
        storeRow(c30, c31, c32, to: c + 3 * ldc, accumulate: accumulate)
    }

    @inline(__always)
    private func storeRow(_ v0: V, _ v1: V, _ v2: V, to row: UnsafeMutablePointer<Element>, accumulate: Bool) {
        let w = V.scalarCount
        storeVector(v0, to: row, accumulate: accumulate)
        storeVector(v1, to: row + w, accumulate: accumulate)
        storeVector(v2, to: row + 2 * w, accumulate: accumulate)
    }
}
