/// A reduced singular value decomposition A = U·diag(s)·Vt.
struct SingularValueDecomposition {
    var u: DenseMatrix
    var s: [Double]
    var vt: DenseMatrix
}

extension Linalg {
    /// The reduced SVD A = U·diag(S)·Vt of an m×n matrix by one-sided Jacobi
    /// rotations: U is m×k with orthonormal columns, S the k singular values
    /// in descending order, Vt k×n with orthonormal rows, k = min(m, n).
    /// - Complexity: O(mn·k) per sweep; allocates f64 working matrices and the results.
    /// - Throws: ShapeError unless 2-D; ValueError for NaN/infinity or no convergence.
    public static func svd(_ a: Tensor, context: KernelContext) throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        let matrix = try DenseMatrix(a, operation: "svd", square: false)
        try matrix.requireFinite("svd")
        let result = try singularValueDecomposition(matrix, context: context)
        let dtype = resultDType(a.dtype)
        return (try result.u.tensor(dtype: dtype, context: context),
                try Tensor(result.s, shape: [result.s.count], dtype: dtype, context: context),
                try result.vt.tensor(dtype: dtype, context: context))
    }

    /// The SVD of a finite matrix (wide matrices go through their transpose).
    static func singularValueDecomposition(_ a: DenseMatrix, context: KernelContext) throws -> SingularValueDecomposition {
        if a.rows < a.cols {
            let t = try singularValueDecomposition(a.transposed, context: context)
            return SingularValueDecomposition(u: t.vt.transposed, s: t.s, vt: t.u.transposed)
        }
        let (m, n) = (a.rows, a.cols)
        // Columns of A·V, stored column by column, orthogonalised pairwise.
        var columns = (0..<n).map { j in (0..<m).map { a[$0, j] } }
        var v = (0..<n).map { j in (0..<n).map { $0 == j ? 1.0 : 0.0 } }
        var converged = false
        for _ in 0..<maximumSweeps {
            try context.checkCancellation()
            var rotated = false
            for p in 0..<n {
                for q in (p + 1)..<n {
                    let alpha = dot(columns[p], columns[p]), beta = dot(columns[q], columns[q])
                    let gamma = dot(columns[p], columns[q])
                    if gamma == 0 || abs(gamma) <= 1e-15 * (alpha * beta).squareRoot() { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (zeta * zeta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = c * t
                    rotatePair(&columns, p, q, c, s)
                    rotatePair(&v, p, q, c, s)
                }
            }
            addWork([m, n, n, 6], context: context)
            if !rotated { converged = true; break }
        }
        guard converged else { throw KernelError(.value, "svd: Jacobi iteration did not converge") }
        let norms = columns.map { dot($0, $0).squareRoot() }
        let order = (0..<n).sorted { norms[$0] > norms[$1] }
        var u = DenseMatrix(zeros: m, n), vt = DenseMatrix(zeros: n, n)
        var basis = [[Double]]()
        // A column this small is rounding noise: its direction is not meaningful.
        let negligible = (norms.max() ?? 0) * 1e-14 * Double(m)
        for (k, j) in order.enumerated() {
            let column = norms[j] > negligible ? columns[j].map { $0 / norms[j] } : orthonormalCompletion(of: basis, length: m)
            basis.append(column)
            for i in 0..<m { u[i, k] = column[i] }
            for i in 0..<n { vt[k, i] = v[j][i] }
        }
        return SingularValueDecomposition(u: u, s: order.map { norms[$0] }, vt: vt)
    }

    private static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for i in x.indices { sum += x[i] * y[i] }
        return sum
    }

    /// (x_p, x_q) ← (c·x_p − s·x_q, s·x_p + c·x_q).
    private static func rotatePair(_ x: inout [[Double]], _ p: Int, _ q: Int, _ c: Double, _ s: Double) {
        for i in x[p].indices {
            let (a, b) = (x[p][i], x[q][i])
            x[p][i] = c * a - s * b
            x[q][i] = s * a + c * b
        }
    }

    /// A unit vector orthogonal to every vector of the orthonormal `basis`
    /// (Gram–Schmidt on the standard basis), for the left singular vector of a zero singular value.
    private static func orthonormalCompletion(of basis: [[Double]], length: Int) -> [Double] {
        var best = [Double](repeating: 0, count: length)
        var bestNorm = 0.0
        for e in 0..<length {
            var x = [Double](repeating: 0, count: length)
            x[e] = 1
            for b in basis {
                let projection = dot(x, b)
                for i in x.indices { x[i] -= projection * b[i] }
            }
            let norm = dot(x, x).squareRoot()
            if norm > bestNorm { best = x.map { $0 / norm }; bestNorm = norm }
            if bestNorm > 0.5 { break }
        }
        return best
    }
}
