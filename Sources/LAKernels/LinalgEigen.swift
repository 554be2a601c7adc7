extension Linalg {
    /// Sweeps after which a Jacobi iteration reports that it did not converge
    /// (well-conditioned input converges in about 10).
    static let maximumSweeps = 60

    /// Eigenvalues (ascending, as NumPy) and orthonormal eigenvectors (the
    /// columns of `vectors`) of a symmetric matrix, by cyclic Jacobi rotations.
    /// Only the lower triangle is read, as NumPy's default `UPLO="L"`.
    /// - Complexity: O(n³) per sweep; allocates n×n f64 working matrices and the results.
    /// - Throws: ShapeError unless 2-D square; ValueError for NaN/infinity or no convergence.
    public static func eigh(_ a: Tensor, context: KernelContext) throws -> (values: Tensor, vectors: Tensor) {
        var m = try DenseMatrix(a, operation: "eigh", square: true)
        try m.requireFinite("eigh")
        let n = m.rows
        for i in 0..<n { for j in (i + 1)..<n { m[i, j] = m[j, i] } }
        var v = DenseMatrix.identity(n)
        // Entries below 1e-17·‖A‖ are below rounding error; a sweep that meets no other entry ends the iteration.
        let negligible = 1e-17 * m.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var converged = false
        for _ in 0..<maximumSweeps {
            try context.checkCancellation()
            var rotated = false
            for p in 0..<n {
                for q in (p + 1)..<n where abs(m[p, q]) > negligible {
                    rotate(&m, &v, p, q)
                    rotated = true
                }
            }
            addWork([n, n, n, 4], context: context)
            if !rotated { converged = true; break }
        }
        guard converged else { throw KernelError(.value, "eigh: Jacobi iteration did not converge") }
        let order = (0..<n).sorted { m[$0, $0] < m[$1, $1] }
        var vectors = DenseMatrix(zeros: n, n)
        for (column, source) in order.enumerated() { for i in 0..<n { vectors[i, column] = v[i, source] } }
        let dtype = resultDType(a.dtype)
        return (try Tensor(order.map { m[$0, $0] }, shape: [n], dtype: dtype, context: context),
                try vectors.tensor(dtype: dtype, context: context))
    }

    /// One Jacobi rotation zeroing m[p, q] of the symmetric `m`: m ← Jᵀ m J, v ← v J.
    private static func rotate(_ m: inout DenseMatrix, _ v: inout DenseMatrix, _ p: Int, _ q: Int) {
        let n = m.rows
        let theta = (m[q, q] - m[p, p]) / (2 * m[p, q])
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0..<n {  // columns p and q
            let (x, y) = (m[k, p], m[k, q])
            m[k, p] = c * x - s * y
            m[k, q] = s * x + c * y
        }
        for k in 0..<n {  // rows p and q
            let (x, y) = (m[p, k], m[q, k])
            m[p, k] = c * x - s * y
            m[q, k] = s * x + c * y
        }
        m[p, q] = 0
        m[q, p] = 0
        for k in 0..<n {
            let (x, y) = (v[k, p], v[k, q])
            v[k, p] = c * x - s * y
            v[k, q] = s * x + c * y
        }
    }
}
