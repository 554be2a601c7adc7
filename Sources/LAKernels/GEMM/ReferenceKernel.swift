/// The portable reference micro-kernel: plain scalar loops over a tile of
/// any `mr`×`nr`, the behaviour the fast kernels are tested against.
/// It uses `acc += a * b` (not `addingProduct`, which without FMA code
/// generation becomes a libm call per element).
struct ReferenceKernel<Element: GEMMScalar>: MicroKernel {
    let mr: Int
    let nr: Int

    func run(kc: Int, a: UnsafePointer<Element>, aRowStride: Int, aColStride: Int,
             b: UnsafePointer<Element>, bStride: Int,
             c: UnsafeMutablePointer<Element>, ldc: Int, accumulate: Bool) {
        for i in 0..<mr {
            for j in 0..<nr {
                var acc: Element = 0
                for p in 0..<kc {
                    acc += a[i * aRowStride + p * aColStride] * b[p * bStride + j]
                }
                let target = c + i * ldc + j
                target.pointee = accumulate ? target.pointee + acc : acc
            }
        }
    }
}
