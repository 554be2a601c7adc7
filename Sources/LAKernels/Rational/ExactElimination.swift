import CGMP

/// Exact determinant, inverse, solve and rank over the integers, after
/// scaling each row by the lcm of its denominators: modulo word-sized primes
/// (see benchmarks/EXACT.md), with fraction-free (Bareiss) elimination for
/// tiny matrices and as the fallback.
extension RationalMatrix {
    /// The exact determinant.
    /// - Throws: `KernelError(.shape)` unless the matrix is square.
    /// - Complexity: O(n³) word operations per 23 bits of Hadamard's bound
    ///   (fewer primes from n = 120 on, after one Dixon solve; Bareiss below
    ///   n = 4: O(n³) big-integer steps); allocates one n × n integer matrix
    ///   (none when entries and scaled rows fit in words) and O(n²) words per prime.
    public func det() throws -> Rational {
        try requireSquare("det")
        if rows == 0 { return .one }
        let scaleProduct = MPZStorage(value: 1)
        defer { withExtendedLifetime(scaleProduct) {} }  // C calls below use their pointers
        // Word-sized entries and scaled rows: straight to residues, no GMP integers.
        if rows >= RationalMatrix.multimodularThreshold, let scaled = ChunkedIntegers.scaledRows(of: self),
           let determinant = scaled.chunks.determinant(n: rows, hadamardBits: IntegerMatrix.hadamardBits(squaredNorms: scaled.squaredNorms)) {
            for scale in scaled.scales { __gmpz_mul_si(scaleProduct.pointer, scaleProduct.pointer, Int(scale)) }
            return withExtendedLifetime(determinant) { Rational(numerator: determinant.pointer, nonzeroDenominator: scaleProduct.pointer) }
        }
        let (matrix, scales) = IntegerMatrix.clearingDenominators(self, nil)
        for scale in scales { __gmpz_mul(scaleProduct.pointer, scaleProduct.pointer, scale.pointer) }
        let determinant = rows < RationalMatrix.multimodularThreshold ? nil
            : ChunkedIntegers(matrix, rows: 0..<rows, columns: 0..<columns).determinant(n: rows, hadamardBits: matrix.hadamardBits(columnCount: columns))
        let result = determinant ?? matrix.bareissDeterminant()
        return withExtendedLifetime(result) { Rational(numerator: result.pointer, nonzeroDenominator: scaleProduct.pointer) }
    }

    /// The exact solution X of self · X = rhs (rhs has one column per right-hand side).
    /// - Throws: `KernelError(.shape)` unless self is square with as many rows
    ///   as rhs; `KernelError(.value, "matrix is singular")` when it is singular.
    /// - Complexity: for m ≤ n/4 right-hand sides, Dixon lifting: n³/3 word
    ///   operations once, then O(n²·m) per 23 bits of the solution; otherwise
    ///   O(n²(n + m)) word operations per 23 bits of it; O(n²(n + m))
    ///   big-integer steps for n < 4 or as the fallback. Allocates one
    ///   n × (n + m) integer matrix (none for small integer data), O(n(n + m))
    ///   words per prime, and the result.
    public func solve(_ rhs: RationalMatrix) throws -> RationalMatrix {
        try requireSquare("solve")
        guard rhs.rows == rows else {
            throw KernelError(.shape, "solve: A has \(rows) rows but b has \(rhs.rows): (\(rows), \(columns)) and (\(rhs.rows), \(rhs.columns))",
                              operandShapes: [[rows, columns], [rhs.rows, rhs.columns]])
        }
        // Few right-hand sides: lift p-adically (small integer data straight
        // from the rationals); many (as in inv): one solve per prime.
        let lifting = rows >= RationalMatrix.multimodularThreshold && 4 * rhs.columns <= rows
        if lifting, let left = ChunkedIntegers(smallIntegersOf: self), let right = ChunkedIntegers(smallIntegersOf: rhs),
           let residual = DoubleResidual(left: left, right: right, n: rows),
           let solution = ModularLU.dixonSolve(left: left, right: right, residual: residual, n: rows) {
            return try RationalMatrix(rows: rows, columns: rhs.columns, numerators: solution)
        }
        let (matrix, _) = IntegerMatrix.clearingDenominators(self, rhs)
        if rows >= RationalMatrix.multimodularThreshold,
           let solution = lifting ? matrix.dixonSolve(n: rows) : matrix.multimodularSolve(n: rows) {
            return try RationalMatrix(rows: rows, columns: rhs.columns, numerators: solution)
        }
        return try solveByBareiss(matrix, rhs: rhs)
    }

    /// The matrix numerators / denominator, normalising every entry (in
    /// machine words when both fit); the numerators are moved out (left
    /// zero), not copied.
    init(rows: Int, columns: Int, numerators solution: (numerators: IntegerMatrix, denominator: MPZStorage)) throws {
        let wordDenominator = Rational.inlineValue(solution.denominator.pointer)
        try self.init(rows: rows, columns: columns, elements: withExtendedLifetime(solution) {
            (0..<(rows * columns)).map { index in
                if let denominator = wordDenominator, let numerator = Rational.inlineValue(solution.numerators.entries + index) {
                    // Denominators are positive; dividing by the gcd keeps both in range.
                    let divisor = Rational.gcd(numerator, denominator)
                    return Rational(uncheckedNumerator: numerator / divisor, denominator: denominator / divisor)
                }
                let storage = MPQStorage()
                __gmpz_swap(storage.numerator, solution.numerators.entries + index)
                __gmpz_set(storage.denominator, solution.denominator.pointer)
                __gmpq_canonicalize(storage.pointer)
                return Rational(normalised: storage)
            }
        })
    }

    /// The smallest n for which `det`, `solve` and `inv` use primes first
    /// (below it, Bareiss' fewer, smaller steps win).
    static let multimodularThreshold = 4

    /// The smallest n for which `det` of (scaled) integers below 2²⁴ first
    /// finds a large divisor of det by one Dixon solve (n² work per lifting
    /// step), leaving few primes (n³ work each) for the quotient; measured
    /// crossover (about even at n = 100, 1.6× faster at 150, 3.5× at 250).
    static let divisorThreshold = 120

    /// Fraction-free elimination of the scaled [A | B], then fraction-free back substitution.
    func solveByBareiss(_ matrix: IntegerMatrix, rhs: RationalMatrix) throws -> RationalMatrix {
        let n = rows, m = rhs.columns
        guard matrix.eliminate(pivotColumns: n).pivots.count == n else {
            throw KernelError(.value, "matrix is singular")
        }
        if n == 0 { return rhs }
        // Fraction-free back substitution: X' = D · A⁻¹ · B is integral for
        // D the last pivot (± the scaled determinant), and each division is exact.
        let determinant = MPZStorage(copying: matrix.at(n - 1, n - 1))
        let solution = IntegerMatrix(rows: n, columns: m)
        let sum = MPZStorage()
        defer { withExtendedLifetime((determinant, solution, sum)) {} }  // C calls below use their pointers
        var result: [Rational] = Array(repeating: .zero, count: n * m)
        for c in 0..<m {
            for i in stride(from: n - 1, through: 0, by: -1) {
                __gmpz_mul(sum.pointer, determinant.pointer, matrix.at(i, n + c))
                for j in (i + 1)..<n { __gmpz_submul(sum.pointer, matrix.at(i, j), solution.at(j, c)) }
                __gmpz_divexact(solution.at(i, c), sum.pointer, matrix.at(i, i))
                result[i * m + c] = Rational(numerator: solution.at(i, c), nonzeroDenominator: determinant.pointer)
            }
        }
        return try RationalMatrix(rows: n, columns: m, elements: result)
    }

    /// The exact solution x of self · x = b for one right-hand side.
    /// - Throws: as `solve(_: RationalMatrix)`.
    public func solve(_ b: [Rational]) throws -> [Rational] {
        try solve(RationalMatrix(rows: b.count, columns: 1, elements: b)).elements
    }

    /// The exact inverse.
    /// - Throws: `KernelError(.shape)` unless square, `KernelError(.value,
    ///   "matrix is singular")` when singular.
    /// - Complexity: n³ word operations (an in-place Gauss–Jordan inversion)
    ///   per 23 bits of the result, plus O(n²) big-integer steps per pair of
    ///   primes; otherwise as `solve` with m = n.
    public func inv() throws -> RationalMatrix {
        try requireSquare("inv")
        // Word-sized entries and scaled rows: straight to residues, no GMP integers.
        if rows >= RationalMatrix.multimodularThreshold, let scaled = ChunkedIntegers.scaledRows(of: self),
           let solution = scaled.chunks.multimodularInverse(n: rows, scales: scaled.scales, squaredNorms: scaled.squaredNorms) {
            return try RationalMatrix(rows: rows, columns: rows, numerators: solution)
        }
        return try solve(RationalMatrix.identity(rows))
    }

    /// The rank (number of pivots of a fraction-free echelon form).
    /// - Complexity: O(rows · columns · rank) big-integer steps; allocates one integer matrix.
    public var rank: Int {
        IntegerMatrix.clearingDenominators(self, nil).0.eliminate(pivotColumns: columns).pivots.count
    }

    func requireSquare(_ operation: String) throws {
        guard rows == columns else {
            throw KernelError(.shape, "\(operation): matrix must be square, got shape (\(rows), \(columns))",
                              operandShapes: [[rows, columns]])
        }
    }
}
