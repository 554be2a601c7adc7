/// The 6-row micro-kernel: 6 rows × 2 vectors of `V` (f64 6×8 with
/// `SIMD4<Double>`, f32 6×16 with `SIMD8<Float>`). Twelve accumulators, two
/// B vectors and one broadcast A value fit the 16 AVX registers without
/// spilling; accumulators are locals (not an array) so they stay in registers.
/// Uses fused multiply-add, which needs FMA code generation to be fast.
struct Rows6Kernel<V: SIMD>: MicroKernel where V.Scalar: GEMMScalar {
    typealias Element = V.Scalar
    var mr: Int { 6 }
    var nr: Int { 2 * V.scalarCount }

    @inline(__always)
    func run(kc: Int, a: UnsafePointer<Element>, aRowStride: Int, aColStride: Int,
             b: UnsafePointer<Element>, bStride: Int,
             c: UnsafeMutablePointer<Element>, ldc: Int, accumulate: Bool) {
        let w = V.scalarCount
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        // One pointer per row of A and a shared offset: a single induction
        // variable, so the six broadcasts do not wait on a chain of adds.
        let a0 = a, a1 = a + aRowStride, a2 = a + 2 * aRowStride
        let a3 = a + 3 * aRowStride, a4 = a + 4 * aRowStride, a5 = a + 5 * aRowStride
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
            x = V(repeating: a4[offset])
            c40.addProduct(x, b0); c41.addProduct(x, b1)
            x = V(repeating: a5[offset])
            c50.addProduct(x, b0); c51.addProduct(x, b1)
            offset &+= aColStride
            bp += bStride
        }
        var row = c
        storeVector(c00, to: row, accumulate: accumulate); storeVector(c01, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c10, to: row, accumulate: accumulate); storeVector(c11, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c20, to: row, accumulate: accumulate); storeVector(c21, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c30, to: row, accumulate: accumulate); storeVector(c31, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c40, to: row, accumulate: accumulate); storeVector(c41, to: row + w, accumulate: accumulate); row += ldc
        storeVector(c50, to: row, accumulate: accumulate); storeVector(c51, to: row + w, accumulate: accumulate)
    }
}

extension SIMD where Scalar: FloatingPoint {
    /// `self += x * y` as one fused multiply-add per lane.
    @inline(__always)
    mutating func addProduct(_ x: Self, _ y: Self) {
        self = addingProduct(x, y)
    }
}
