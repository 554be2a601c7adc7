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
        var ap = a, bp = b
        for _ in 0..<kc {
            let b0: V = loadVector(bp), b1: V = loadVector(bp + w)
            var x = V(repeating: ap[0])
            c00.addProduct(x, b0); c01.addProduct(x, b1)
            x = V(repeating: ap[1 * aRowStride])
            c10.addProduct(x, b0); c11.addProduct(x, b1)
            x = V(repeating: ap[2 * aRowStride])
            c20.addProduct(x, b0); c21.addProduct(x, b1)
            x = V(repeating: ap[3 * aRowStride])
            c30.addProduct(x, b0); c31.addProduct(x, b1)
            x = V(repeating: ap[4 * aRowStride])
            c40.addProduct(x, b0); c41.addProduct(x, b1)
            x = V(repeating: ap[5 * aRowStride])
            c50.addProduct(x, b0); c51.addProduct(x, b1)
            ap += aColStride
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
