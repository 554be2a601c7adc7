/// The 4-row micro-kernel: 4 rows × 2 vectors of `V` (f64 4×8, f32 4×16),
/// for matrices of few rows (a 32-row A fills whole 4-row tiles instead of
/// 6 + 2 spare rows). Eight accumulators cover the FMA latency; a third
/// vector per row (4×12 / 4×24) needs all 16 registers and spills.
struct Rows4Kernel<V: SIMD>: MicroKernel where V.Scalar: GEMMScalar {
    typealias Element = V.Scalar
    var mr: Int { 4 }
    var nr: Int { 2 * V.scalarCount }

    @inline(__always)
    func run(kc: Int, a: UnsafePointer<Element>, aRowStride: Int, aColStride: Int,
             b: UnsafePointer<Element>, bStride: Int,
             c: UnsafeMutablePointer<Element>, ldc: Int, accumulate: Bool) {
        let w = V.scalarCount
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V(), c30 = V(), c31 = V()
        // One pointer per row of A and a shared offset (see Rows6Kernel).
        let a0 = a, a1 = a + aRowStride, a2 = a + 2 * aRowStride, a3 = a + 3 * aRowStride
        var offset = 0
        var bp = b
        for _ in 0..<kc {
            let b0: V = loadVector(bp), b1: V = loadVector(bp + w)
            var x = V(repeating: a0[offset])
            c00.addProduct(x, b0); c01.addProduct(x, b1)
            x = V(repeating: a1[offset])
            c10.addProduct(x, b0); c11.addProduct(x, b1)
            x = V(repeating: a2[offset])
            c20.addProduct(x, b0); c21.addProduct(x, b1)
            x = V(repeating: a3[offset])
            c30.addProduct(x, b0); c31.addProduct(x, b1)
            offset &+= aColStride
            bp += bStride
        }
        var row = c
        storeVector(c00, to: row, accumulate: accumulate); storeVector(c01, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c10, to: row, accumulate: accumulate); storeVector(c11, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c20, to: row, accumulate: accumulate); storeVector(c21, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c30, to: row, accumulate: accumulate); storeVector(c31, to: row + w, accumulate: accumulate)
    }
}
