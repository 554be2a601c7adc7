/// Dense linear algebra on float matrices: norms, trace, determinant, inverse,
/// linear solve (LU with partial pivoting), QR (Householder), symmetric
/// eigendecomposition (cyclic Jacobi) and SVD (one-sided Jacobi).
///
/// Results agree with NumPy's `numpy.linalg` to about 1e-12 relative on
/// well-conditioned input (eigenvector and singular-vector signs may differ,
/// as they are not unique). Inputs of any dtype are computed in f64; the
/// results are f32 for f32 input and f64 otherwise. Matrices are the last two
/// axes of a 2-D tensor; batches are not supported (ShapeError).
public enum Linalg {
    /// The order of a vector or matrix norm (NumPy's `ord`).
    public enum NormOrder: Sendable, Hashable {
        /// Vector: sum of |x|. Matrix: largest column sum of |x|.
        case one
        /// Vector: Euclidean length. Matrix: largest singular value.
        case two
        /// Vector: largest |x|. Matrix: largest row sum of |x|.
        case infinity
        /// Matrix only: square root of the sum of squares ("fro").
        case frobenius
    }
}

/// A row-major f64 matrix: the working form of every linalg routine.
struct DenseMatrix {
    var rows: Int
    var cols: Int
    var values: [Double]

    init(rows: Int, cols: Int, values: [Double]) {
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    init(zeros rows: Int, _ cols: Int) {
        self.init(rows: rows, cols: cols, values: [Double](repeating: 0, count: rows * cols))
    }

    static func identity(_ n: Int) -> DenseMatrix {
        var m = DenseMatrix(zeros: n, n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    subscript(i: Int, j: Int) -> Double {
        get { values[i * cols + j] }
        set { values[i * cols + j] = newValue }
    }

    var transposed: DenseMatrix {
        var t = DenseMatrix(zeros: cols, rows)
        for i in 0..<rows { for j in 0..<cols { t[j, i] = self[i, j] } }
        return t
    }

    /// The 2-D float tensor `operation` works on, checked for rank (and squareness).
    /// - Throws: ShapeError naming `operation` and the shape.
    init(_ t: Tensor, operation: String, square: Bool) throws {
        guard t.ndim == 2 else {
            throw KernelError(.shape, "\(operation): expected a 2-D matrix, got shape \(Tensor.formatShape(t.shape))",
                              operandShapes: [t.shape])
        }
        guard !square || t.shape[0] == t.shape[1] else {
            throw KernelError(.shape, "\(operation): expected a square matrix, got shape \(Tensor.formatShape(t.shape))",
                              operandShapes: [t.shape])
        }
        self.init(rows: t.shape[0], cols: t.shape[1], values: t.toDoubles())
    }

    /// Throws a ValueError when an element is NaN or infinite (iterative methods would not converge).
    func requireFinite(_ operation: String) throws {
        if values.contains(where: { !$0.isFinite }) {
            throw KernelError(.value, "\(operation): matrix contains NaN or infinity")
        }
    }

    /// The matrix as a tensor of `dtype` (f32 or f64).
    func tensor(dtype: DType, context: KernelContext) throws -> Tensor {
        try Tensor(values, shape: [rows, cols], dtype: dtype, context: context)
    }
}

extension Linalg {
    /// The float dtype of a linalg result for an input of `dtype`.
    static func resultDType(_ dtype: DType) -> DType { dtype == .f32 ? .f32 : .f64 }

    /// Adds an operation count to the context's work counter (saturating).
    static func addWork(_ factors: [Int], context: KernelContext) {
        context.work.wrappingAdd(factors.reduce(1, GEMM.saturatingProduct), ordering: .relaxed)
    }

    /// The sum of the main diagonal of a 2-D tensor. i64 (and bool) input gives
    /// i64 (overflow is an OverflowError); f32 gives f32; rational an exact rational;
    /// otherwise f64.
    /// - Complexity: O(min(m, n)); allocates the 0-d result.
    public static func trace(_ a: Tensor, context: KernelContext) throws -> Tensor {
        guard a.ndim == 2 else {
            throw KernelError(.shape, "trace: expected a 2-D matrix, got shape \(Tensor.formatShape(a.shape))", operandShapes: [a.shape])
        }
        let n = min(a.shape[0], a.shape[1])
        let diagonal = Tensor(storage: a.storage, shape: [n], strides: [a.strides[0] + a.strides[1]], offset: a.offset)
        if a.dtype.isFloatingPoint {
            return try Tensor([diagonal.toDoubles().reduce(0, +)], shape: [], dtype: a.dtype, context: context)
        }
        if a.dtype == .rational {
            return try Tensor(rationals: [try diagonal.rationalElements().reduce(.zero, +)], shape: [], context: context)
        }
        var sum: Int64 = 0
        for value in diagonal.toInt64s() {
            let (next, overflow) = sum.addingReportingOverflow(value)
            if overflow { throw KernelError(.overflow, "trace: sum overflows i64") }
            sum = next
        }
        return try Tensor([sum], shape: [], context: context)
    }
}
