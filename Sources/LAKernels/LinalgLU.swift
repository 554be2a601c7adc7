/// An LU factorization with partial pivoting, P·A = L·U, stored in one matrix
/// (L below the diagonal with unit diagonal, U on and above it).
struct LUFactorization {
    var lu: DenseMatrix
    /// Row `i` of P·A is row `permutation[i]` of A.
    var permutation: [Int]
    /// +1 or -1: the sign of the row permutation.
    var sign: Double
    /// The first column without a nonzero pivot, when A is singular.
    var singularColumn: Int?

    /// Factors the square matrix `a` (elimination continues past a zero pivot,
    /// so `det` is still defined).
    /// - Complexity: O(n³); copies `a`.
    init(_ a: DenseMatrix, context: KernelContext) throws {
        let n = a.rows
        lu = a
        permutation = Array(0..<n)
        sign = 1
        for j in 0..<n {
            try context.checkCancellation()
            var pivotRow = j
            for i in (j + 1)..<n where abs(lu[i, j]) > abs(lu[pivotRow, j]) { pivotRow = i }
            if pivotRow != j {
                for c in 0..<n { lu.values.swapAt(j * n + c, pivotRow * n + c) }
                permutation.swapAt(j, pivotRow)
                sign = -sign
            }
            let pivot = lu[j, j]
            if pivot == 0 {
                if singularColumn == nil { singularColumn = j }
                continue
            }
            for i in (j + 1)..<n {
                let factor = lu[i, j] / pivot
                lu[i, j] = factor
                if factor == 0 { continue }
                for c in (j + 1)..<n { lu[i, c] -= factor * lu[j, c] }
            }
        }
        Linalg.addWork([n, n, n], context: context)
    }

    /// The product of the pivots with the permutation's sign; a singular
    /// matrix gives +0.0 (never -0.0), as NumPy prints it.
    var determinant: Double {
        let product = (0..<lu.rows).reduce(sign) { $0 * lu[$1, $1] }
        return product == 0 ? 0 : product
    }

    /// Solves A·X = B for X (B is n×k).
    /// - Throws: ValueError when A is singular.
    func solve(_ b: DenseMatrix, operation: String) throws -> DenseMatrix {
        if let column = singularColumn {
            throw KernelError(.value, "matrix is singular (no nonzero pivot in column \(column)); \(operation) needs an invertible matrix")
        }
        let n = lu.rows, k = b.cols
        var x = DenseMatrix(zeros: n, k)
        for i in 0..<n { for c in 0..<k { x[i, c] = b[permutation[i], c] } }
        for i in 0..<n {  // forward: L·Y = P·B
            for p in 0..<i where lu[i, p] != 0 {
                for c in 0..<k { x[i, c] -= lu[i, p] * x[p, c] }
            }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {  // backward: U·X = Y
            for p in (i + 1)..<n where lu[i, p] != 0 {
                for c in 0..<k { x[i, c] -= lu[i, p] * x[p, c] }
            }
            for c in 0..<k { x[i, c] /= lu[i, i] }
        }
        return x
    }
}

extension Linalg {
    /// The determinant of a square matrix (LU with partial pivoting); 0 for a
    /// singular matrix, 1 for 0×0.
    /// - Returns: a 0-d f32 tensor for f32 input, else f64.
    /// - Complexity: O(n³); allocates an n×n f64 copy.
    /// - Throws: ShapeError unless the input is a 2-D square matrix.
    public static func det(_ a: Tensor, context: KernelContext) throws -> Tensor {
        let lu = try LUFactorization(DenseMatrix(a, operation: "det", square: true), context: context)
        return try Tensor([lu.determinant], shape: [], dtype: resultDType(a.dtype), context: context)
    }

    /// The inverse of a square matrix (LU with partial pivoting).
    /// - Complexity: O(n³); allocates n×n f64 working copies and the result.
    /// - Throws: ShapeError unless 2-D square; ValueError "matrix is singular ..." when no inverse exists.
    public static func inv(_ a: Tensor, context: KernelContext) throws -> Tensor {
        let matrix = try DenseMatrix(a, operation: "inv", square: true)
        let lu = try LUFactorization(matrix, context: context)
        return try lu.solve(.identity(matrix.rows), operation: "inv").tensor(dtype: resultDType(a.dtype), context: context)
    }

    /// The solution x of a·x = b for a square `a` and `b` of shape (n,) or (n, k);
    /// x has `b`'s shape.
    /// - Complexity: O(n³ + n²k); allocates f64 copies and the result.
    /// - Throws: ShapeError when `a` is not square or `b`'s rows differ from n;
    ///   ValueError "matrix is singular ..." when `a` is singular.
    public static func solve(_ a: Tensor, _ b: Tensor, context: KernelContext) throws -> Tensor {
        let matrix = try DenseMatrix(a, operation: "solve", square: true)
        guard (1...2).contains(b.ndim), b.shape[0] == matrix.rows else {
            throw KernelError(.shape, "solve: right-hand side \(Tensor.formatShape(b.shape)) does not fit the \(Tensor.formatShape(a.shape)) matrix; it needs shape (\(matrix.rows),) or (\(matrix.rows), k)",
                              operandShapes: [a.shape, b.shape])
        }
        let rhs = DenseMatrix(rows: b.shape[0], cols: b.ndim == 1 ? 1 : b.shape[1], values: b.toDoubles())
        let lu = try LUFactorization(matrix, context: context)
        let x = try lu.solve(rhs, operation: "solve")
        let dtype = DType.join(resultDType(a.dtype), resultDType(b.dtype))
        return try Tensor(x.values, shape: b.shape, dtype: dtype, context: context)
    }
}
