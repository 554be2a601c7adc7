extension Linalg {
    /// The reduced QR decomposition A = Q·R of an m×n matrix by Householder
    /// reflections (as LAPACK `geqrf`, so signs match NumPy): Q is m×k with
    /// orthonormal columns, R is k×n upper triangular, k = min(m, n).
    /// - Complexity: O(mn·k); allocates f64 working copies and the two results.
    /// - Throws: ShapeError unless 2-D; ValueError for NaN or infinite elements.
    public static func qr(_ a: Tensor, context: KernelContext) throws -> (q: Tensor, r: Tensor) {
        var r = try DenseMatrix(a, operation: "qr", square: false)
        try r.requireFinite("qr")
        let (m, n) = (r.rows, r.cols)
        let k = min(m, n)
        var reflectors = [[Double]]()  // v_j over rows j..<m, scaled so H_j = I - 2 v vᵀ / (vᵀ v)
        for j in 0..<k {
            try context.checkCancellation()
            let column = (j..<m).map { r[$0, j] }
            let below = column.dropFirst().reduce(0) { $0 + $1 * $1 }
            if below == 0 {  // already upper triangular here: H = I (LAPACK's tau = 0)
                reflectors.append([])
                continue
            }
            let alpha = column[0]
            let beta = -(alpha >= 0 ? 1.0 : -1.0) * (alpha * alpha + below).squareRoot()
            var v = column
            v[0] -= beta
            applyReflector(v, to: &r, fromRow: j, columns: j..<n)
            r[j, j] = beta
            for i in (j + 1)..<m { r[i, j] = 0 }
            reflectors.append(v)
        }
        var q = DenseMatrix(zeros: m, k)
        for i in 0..<k { q[i, i] = 1 }
        for j in stride(from: k - 1, through: 0, by: -1) where !reflectors[j].isEmpty {
            applyReflector(reflectors[j], to: &q, fromRow: j, columns: 0..<k)
        }
        addWork([m, n, k, 2], context: context)
        let dtype = resultDType(a.dtype)
        let rTop = DenseMatrix(rows: k, cols: n, values: Array(r.values.prefix(k * n)))
        return (try q.tensor(dtype: dtype, context: context), try rTop.tensor(dtype: dtype, context: context))
    }

    /// Applies H = I - 2 v vᵀ / (vᵀ v) to rows `fromRow...` of `matrix`, in `columns`.
    private static func applyReflector(_ v: [Double], to matrix: inout DenseMatrix, fromRow: Int, columns: Range<Int>) {
        let scale = 2 / v.reduce(0) { $0 + $1 * $1 }
        for c in columns {
            var dot = 0.0
            for (i, vi) in v.enumerated() { dot += vi * matrix[fromRow + i, c] }
            let factor = scale * dot
            for (i, vi) in v.enumerated() { matrix[fromRow + i, c] -= factor * vi }
        }
    }
}
