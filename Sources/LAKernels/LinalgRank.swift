extension Linalg {
    /// The numerical rank of a matrix: the number of singular values above
    /// `tolerance`, by default `σ_max · max(m, n) · ε` as in NumPy's `matrix_rank`.
    /// - Complexity: that of `svd`; allocates f64 working matrices.
    /// - Throws: ShapeError unless 2-D; ValueError for NaN/infinity.
    public static func rank(_ a: Tensor, tolerance: Double? = nil, context: KernelContext) throws -> Int {
        let matrix = try DenseMatrix(a, operation: "rank", square: false)
        try matrix.requireFinite("rank")
        if matrix.rows == 0 || matrix.cols == 0 { return 0 }
        let singular = try singularValueDecomposition(matrix, context: context).s
        let largest = singular.max() ?? 0
        let threshold = tolerance ?? largest * Double(max(matrix.rows, matrix.cols)) * Double.ulpOfOne
        return singular.filter { $0 > threshold }.count
    }
}
