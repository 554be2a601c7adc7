/// Matrix-vector products (`n` = 1) with a row-major A and a contiguous x:
/// y[i] = Σₚ A[i, p]·x[p] as dot products along the rows of A.
///
/// The tiled GEMM would compute a whole `nr`-column tile for the one column
/// (16× the arithmetic with AVX-512 f32) and pack A, which is read only once;
/// here A streams through once and the time is that of reading it from
/// memory: E[100000, 768] @ q[768] f32 on one thread of Zen 4 took 104 ms
/// through GEMM and takes ~16 ms here (NumPy/OpenBLAS: ~20 ms).
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
    /// contiguous values) and a contiguous x: one row at a time with four vector
    /// accumulators, so A is read as one sequential stream. (Four rows at a time
    /// sharing the loads of x measured ~40% slower: four streams at once.)
    static func multiply<V: SIMD>(rows: Int, k: Int, a: UnsafePointer<V.Scalar>, rowStride: Int,
                                  x: UnsafePointer<V.Scalar>, y: UnsafeMutablePointer<V.Scalar>, vector: V.Type)
    where V.Scalar: GEMMScalar {
        let w = V.scalarCount
        for i in 0..<rows {
            let row = a + i * rowStride
            var s0 = V(), s1 = V(), s2 = V(), s3 = V()
            var p = 0
            while p + 4 * w <= k {
                s0.addProduct(loadVector(row + p), loadVector(x + p) as V)
                s1.addProduct(loadVector(row + p + w), loadVector(x + p + w) as V)
                s2.addProduct(loadVector(row + p + 2 * w), loadVector(x + p + 2 * w) as V)
                s3.addProduct(loadVector(row + p + 3 * w), loadVector(x + p + 3 * w) as V)
                p += 4 * w
            }
            while p + w <= k {
                s0.addProduct(loadVector(row + p), loadVector(x + p) as V)
                p += w
            }
            var total = ((s0 + s1) + (s2 + s3)).sum()
            while p < k {  // fused like the vector part and the GEMM kernels (a short dot matches them exactly)
                total = total.addingProduct(row[p], x[p])
                p += 1
            }
            y[i] = total
        }
    }
}
