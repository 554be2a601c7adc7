extension Linalg {
    /// NumPy `norm(x, ord, axis)`.
    ///
    /// - `axis` nil and `ord` nil: the Euclidean norm of all elements (any rank).
    /// - `axis` nil and `ord` given: a vector norm of a 1-D tensor or a matrix
    ///   norm of a 2-D one (see `NormOrder`).
    /// - `axis` given: the vector norm (`ord` nil means 2) along that axis
    ///   (negative counts from the end), removing it from the shape.
    /// - Returns: f32 for f32 input, else f64; 0-d unless `axis` is given.
    /// - Complexity: O(count), or the cost of `svd` for the matrix 2-norm;
    ///   allocates the result and the elements converted to f64.
    /// - Throws: ShapeError when the rank does not fit `ord`; IndexError for a
    ///   bad axis; ValueError for `frobenius` on vectors or `infinity` of nothing.
    public static func norm(_ x: Tensor, ord: NormOrder? = nil, axis: Int? = nil, context: KernelContext) throws -> Tensor {
        let dtype = resultDType(x.dtype)
        addWork([x.count], context: context)
        if let axis {
            let rank = x.ndim
            guard (-rank..<rank).contains(axis) else {
                throw KernelError(.index, "norm: axis \(axis) is out of range for a tensor of shape \(Tensor.formatShape(x.shape))",
                                  operandShapes: [x.shape])
            }
            let a = axis < 0 ? axis + rank : axis
            // View the reduced axis last, so each run of `length` values is one vector.
            let order = Array(0..<rank).filter { $0 != a } + [a]
            let moved = Tensor(storage: x.storage, shape: order.map { x.shape[$0] }, strides: order.map { x.strides[$0] }, offset: x.offset)
            let values = moved.toDoubles()
            let length = x.shape[a]
            let outShape = order.dropLast().map { x.shape[$0] }
            let outCount = try Tensor.elementCount(outShape)
            var result = [Double]()
            result.reserveCapacity(outCount)
            for i in 0..<outCount {
                result.append(try vectorNorm(values[(i * length)..<((i + 1) * length)], ord ?? .two))
            }
            return try Tensor(result, shape: outShape, dtype: dtype, context: context)
        }
        let value: Double
        switch (ord, x.ndim) {
        case (nil, _): value = try vectorNorm(x.toDoubles()[...], .two)
        case (let ord?, 1): value = try vectorNorm(x.toDoubles()[...], ord)
        case (let ord?, 2): value = try matrixNorm(DenseMatrix(x, operation: "norm", square: false), ord, context: context)
        default:
            throw KernelError(.shape, "norm: ord needs a 1-D or 2-D tensor, got shape \(Tensor.formatShape(x.shape)); pass axis: for a vector norm along one axis",
                              operandShapes: [x.shape])
        }
        return try Tensor([value], shape: [], dtype: dtype, context: context)
    }

    private static func vectorNorm(_ v: ArraySlice<Double>, _ ord: NormOrder) throws -> Double {
        switch ord {
        case .one: return v.reduce(0) { $0 + abs($1) }
        case .two: return v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        case .infinity:
            guard let largest = v.lazy.map(abs).max() else {
                throw KernelError(.value, "norm: the infinity norm of an empty vector is undefined")
            }
            return largest
        case .frobenius: throw KernelError(.value, "norm: ord \"fro\" is a matrix norm; use 2 for vectors")
        }
    }

    private static func matrixNorm(_ a: DenseMatrix, _ ord: NormOrder, context: KernelContext) throws -> Double {
        switch ord {
        case .frobenius: return a.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        case .one: return (0..<a.cols).map { j in (0..<a.rows).reduce(0) { $0 + abs(a[$1, j]) } }.max() ?? 0
        case .infinity: return (0..<a.rows).map { i in (0..<a.cols).reduce(0) { $0 + abs(a[i, $1]) } }.max() ?? 0
        case .two:
            try a.requireFinite("norm")
            return try singularValueDecomposition(a, context: context).s.first ?? 0
        }
    }
}
