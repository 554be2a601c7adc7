import Synchronization

/// Integer matrix products (i64, and bool computed as i64): a simple blocked
/// loop, C[i, :] += A[i, p] · B[p, :] over row blocks, with overflow checked
/// (la integers never wrap silently).
enum IntegerGEMM {
    /// Computes every product of a batch into its zeroed, contiguous C.
    /// Item i of A/B starts `aOffsets[i]`/`bOffsets[i]` elements past `a.base`/`b.base`.
    /// - Complexity: O(count × m × n × k); allocates nothing.
    /// - Throws: OverflowError when a product or sum leaves i64; LimitError when cancelled.
    static func run(m: Int, n: Int, k: Int, a: StridedMatrix<Int64>, aOffsets: [Int],
                    b: StridedMatrix<Int64>, bOffsets: [Int], c: UnsafeMutablePointer<Int64>,
                    context: KernelContext) throws {
        let count = aOffsets.count
        if m == 0 || n == 0 || k == 0 || count == 0 { return }
        let overflowed = Atomic<Bool>(false)
        let rowsPerChunk = 16
        let rowChunks = (m + rowsPerChunk - 1) / rowsPerChunk
        let totalWork = GEMM.saturatingProduct(GEMM.saturatingProduct(GEMM.saturatingProduct(m, n), k), count)
        let tasks = GEMM.saturatingProduct(count, rowChunks)
        let parallel = totalWork >= GEMM.serialWork && context.threads > 1
        let body = { (task: Int) in
            if context.isCancelled { return }
            let item = task / rowChunks
            let rows = (task % rowChunks * rowsPerChunk)..<min(m, (task % rowChunks + 1) * rowsPerChunk)
            let aItem = a.base + aOffsets[item], bItem = b.base + bOffsets[item]
            var failed = false
            for i in rows {
                let cRow = c + item * m * n + i * n
                for p in 0..<k {
                    let x = aItem[i * a.rowStride + p * a.colStride]
                    if x == 0 { continue }
                    let bRow = bItem + p * b.rowStride
                    for j in 0..<n {
                        let (product, o1) = x.multipliedReportingOverflow(by: bRow[j * b.colStride])
                        let (sum, o2) = cRow[j].addingReportingOverflow(product)
                        cRow[j] = sum
                        failed = failed || o1 || o2
                    }
                }
            }
            if failed { overflowed.store(true, ordering: .relaxed) }
        }
        if parallel {
            let perChunk = (tasks + context.threads - 1) / context.threads
            context.parallelFor(context.threads) { chunk in
                for task in (chunk * perChunk)..<min(tasks, (chunk + 1) * perChunk) { body(task) }
            }
        } else {
            for task in 0..<tasks { body(task) }
        }
        try context.checkCancellation()
        if overflowed.load(ordering: .relaxed) {
            throw KernelError(.overflow, "matmul: integer overflow in i64 product; convert to float first")
        }
        context.work.wrappingAdd(totalWork, ordering: .relaxed)
    }
}
