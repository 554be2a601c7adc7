extension Linalg {
    /// The reduced row echelon form of a 2-D matrix, by Gauss–Jordan elimination
    /// with partial pivoting; entries within round-off of zero come out as 0.
    /// - Returns: f32 for f32 input, else f64.
    /// - Complexity: O(m · n · min(m, n)); allocates f64 row copies and the result.
    /// - Throws: ShapeError unless the input is 2-D.
    public static func rref(_ a: Tensor, context: KernelContext) throws -> Tensor {
        let matrix = try DenseMatrix(a, operation: "rref", square: false)
        try matrix.requireFinite("rref")
        let rows = (0..<matrix.rows).map { i in Array(matrix.values[(i * matrix.cols)..<((i + 1) * matrix.cols)]) }
        var elimination = try Elimination(floatRows: rows)
        elimination.run(pivotLimit: matrix.cols, reduced: true)
        addWork([matrix.rows, matrix.rows, matrix.cols], context: context)
        return try Tensor(elimination.rows.flatMap { $0 }, shape: a.shape, dtype: resultDType(a.dtype), context: context)
    }
}
