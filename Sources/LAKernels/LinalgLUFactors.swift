extension Linalg {
    /// The LU factorization with partial pivoting as three matrices, in SciPy's
    /// convention `A = P @ L @ U`: P a permutation matrix, L unit lower
    /// triangular, U upper triangular.
    /// - Complexity: O(n³); allocates an n×n f64 working copy and the three results.
    /// - Throws: ShapeError unless the input is a 2-D square matrix.
    public static func lu(_ a: Tensor, context: KernelContext) throws -> (p: Tensor, l: Tensor, u: Tensor) {
        let factorization = try LUFactorization(DenseMatrix(a, operation: "lu", square: true), context: context)
        let n = factorization.lu.rows
        var p = DenseMatrix(zeros: n, n)
        var l = DenseMatrix(zeros: n, n)
        var u = DenseMatrix(zeros: n, n)
        for i in 0..<n {
            // Row i of P·A is row permutation[i] of A, so A = Pᵀ·L·U.
            p[factorization.permutation[i], i] = 1
            for j in 0..<n {
                if j < i { l[i, j] = factorization.lu[i, j] } else { u[i, j] = factorization.lu[i, j] }
            }
            l[i, i] = 1
        }
        let dtype = resultDType(a.dtype)
        return (try p.tensor(dtype: dtype, context: context), try l.tensor(dtype: dtype, context: context),
                try u.tensor(dtype: dtype, context: context))
    }
}
