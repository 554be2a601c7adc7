/// Matrix-vector products (`n` = 1) with a row-major A and a contiguous x:
/// y[i] = Σₚ A[i, p]·x[p] as dot products along the rows of A.
///
/// The tiled GEMM would compute a whole `nr`-column tile for the one column
/// (16× the arithmetic with AVX-512 f32) and pack A, which is read only once;
/// here A streams through once and the time is that of reading it from
/// memory: E[100000, 768] @ q[768] f32 on one thread of Zen 4 took 104 ms
/// through GEMM and takes ~21 ms here (NumPy/OpenBLAS: ~20 ms).
enum GEMV {
    /// Rows per task handed to a thread (and between cancellation checks).
    static let rowsPerTask = 512

    /// Whether `batch` is a product this path computes.
    static func applies<T>(_ batch: GEMMBatch<T>) -> Bool {
        batch.n == 1 && batch.a.colStride == 1 && batch.b.rowStride == 1
    }

    /// Computes every product of `batch` (which `applies`) with vectors `V`,
    /// splitting rows (or batch items) across the context's threads when the
    /// work reaches `serialWork` multiply-adds.
    /// - Complexity: O(count × m × k); allocates nothing.
    /// - Throws: LimitError when cancelled (checked per task of `rowsPerTask` rows).
    static func run<V: SIMD>(_ batch: GEMMBatch<V.Scalar>, vector: V.Type, context: KernelContext,
                             serialWork: Int = GEMM.serialWork) throws
    where V.Scalar: GEMMScalar {
        let (m, k, count) = (batch.m, batch.k, batch.aOffsets.count)
        if m == 0 || count == 0 { return }
        let tasksPerItem = (m + rowsPerTask - 1) / rowsPerTask
        let (tasks, overflow) = tasksPerItem.multipliedReportingOverflow(by: count)
        if overflow { throw KernelError(.limit, "matmul: too many rows") }
        let totalWork = GEMM.saturatingProduct(GEMM.saturatingProduct(m, k), count)
        let threads = totalWork < serialWork ? 1 : min(context.threads, tasks)
        let perThread = (tasks + threads - 1) / threads
        context.parallelFor(threads) { part in
            for task in (part * perThread)..<min(tasks, (part + 1) * perThread) {
                if context.isCancelled { return }
                let item = task / tasksPerItem
                let start = task % tasksPerItem * rowsPerTask
                let rows = min(rowsPerTask, m - start)
                let a = batch.a.base + batch.aOffsets[item] + start * batch.a.rowStride
                multiply(rows: rows, k: k, a: a, rowStride: batch.a.rowStride, x: batch.b.base + batch.bOffsets[item],
                         y: batch.c + item * m + start, vector: V.self)
            }
        }
        try context.checkCancellation()
        context.work.wrappingAdd(totalWork, ordering: .relaxed)
    }

    /// y[i] = A[i, ·]·x for `rows` rows of A (row `i` at `a + i*rowStride`, `k`
    /// contiguous values) and a contiguous x: four rows at a time, each with two
    /// vector accumulators (eight independent FMA chains), sharing the loads of x.
    static func multiply<V: SIMD>(rows: Int, k: Int, a: UnsafePointer<V.Scalar>, rowStride: Int,
                                  x: UnsafePointer<V.Scalar>, y: UnsafeMutablePointer<V.Scalar>, vector: V.Type)
    where V.Scalar: GEMMScalar {
        let w = V.scalarCount
        let pairs = k / (2 * w) * (2 * w)  // depth covered by pairs of vectors
        var i = 0
        while i + 4 <= rows {
            let r0 = a + i * rowStride, r1 = r0 + rowStride, r2 = r1 + rowStride, r3 = r2 + rowStride
            var s00 = V(), s01 = V(), s10 = V(), s11 = V(), s20 = V(), s21 = V(), s30 = V(), s31 = V()
            var p = 0
            while p < pairs {
                let x0: V = loadVector(x + p), x1: V = loadVector(x + p + w)
                s00.addProduct(loadVector(r0 + p), x0); s01.addProduct(loadVector(r0 + p + w), x1)
                s10.addProduct(loadVector(r1 + p), x0); s11.addProduct(loadVector(r1 + p + w), x1)
                s20.addProduct(loadVector(r2 + p), x0); s21.addProduct(loadVector(r2 + p + w), x1)
                s30.addProduct(loadVector(r3 + p), x0); s31.addProduct(loadVector(r3 + p + w), x1)
                p += 2 * w
            }
            y[i] = (s00 + s01).sum() + tail(from: pairs, k: k, row: r0, x: x)
            y[i + 1] = (s10 + s11).sum() + tail(from: pairs, k: k, row: r1, x: x)
            y[i + 2] = (s20 + s21).sum() + tail(from: pairs, k: k, row: r2, x: x)
            y[i + 3] = (s30 + s31).sum() + tail(from: pairs, k: k, row: r3, x: x)
            i += 4
        }
        while i < rows {
            let row = a + i * rowStride
            var s0 = V(), s1 = V()
            var p = 0
            while p < pairs {
                s0.addProduct(loadVector(row + p), loadVector(x + p) as V)
                s1.addProduct(loadVector(row + p + w), loadVector(x + p + w) as V)
                p += 2 * w
            }
            y[i] = (s0 + s1).sum() + tail(from: pairs, k: k, row: row, x: x)
            i += 1
        }
    }

    /// Σ row[p]·x[p] for p in `start..<k` (fewer than two vectors).
    @inline(__always)
    private static func tail<T: GEMMScalar>(from start: Int, k: Int, row: UnsafePointer<T>, x: UnsafePointer<T>) -> T {
        var total: T = 0
        for p in start..<k { total += row[p] * x[p] }
        return total
    }
}
