import CGMP

extension IntegerMatrix {
    /// Solves [A | B] (A the leading n columns, square) for X with A·X = B by
    /// Dixon's p-adic lifting: one LU factorisation of A modulo a prime p, then
    /// per step one triangular solve with it and one exact update of the residual
    /// (R ← (R − A·digit) / p), reconstructing rationals from X mod pᵏ and
    /// checking A·X = B exactly. Best for few right-hand sides.
    ///
    /// - Returns: X's numerators over one common denominator, or nil when A is
    ///   singular modulo three primes or the Cramer bound is reached without
    ///   a verified answer (callers then fall back to another method).
    /// - Complexity: O(n³) word operations once, then O(n²·m) word operations
    ///   and O(n²·m) big-by-word multiply-adds per lifting step; the number of
    ///   steps follows the size of X.
    func dixonSolve(n: Int) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let m = columns - n
        guard let lu = factorisedModulo(n: n) else { return nil }
        let p = lu.field.p
        let residual = IntegerMatrix(rows: n, columns: m)
        for i in 0..<n {
            for c in 0..<m { __gmpz_set(residual.at(i, c), at(i, n + c)) }
        }
        let lifted = ChineseRemainder(count: n * m)
        var digits = [UInt64](repeating: 0, count: n * m)
        let maximumSteps = (2 * hadamardBits(columnCount: columns) + 2) / 30 + 2
        for _ in 0..<maximumSteps {
            for index in 0..<(n * m) { digits[index] = UInt64(__gmpz_fdiv_ui(residual.entries + index, UInt(p))) }
            lu.solve(&digits, m: m)
            for i in 0..<n {
                for c in 0..<m {
                    let entry = residual.at(i, c)
                    for j in 0..<n { __gmpz_submul_ui(entry, at(i, j), UInt(digits[j * m + c])) }
                    __gmpz_divexact_ui(entry, entry, UInt(p))
                }
            }
            lifted.add(digits: { digits[$0] }, base: p)
            if let solution = RationalReconstruction.commonDenominator(lifted, rows: n, columns: m),
               isSolution(solution, n: n) {
                return solution
            }
        }
        return nil
    }

    /// The leading n × n block factorised modulo a prime, trying three primes.
    private func factorisedModulo(n: Int) -> ModularLU? {
        var previous: UInt64 = 1 << 30
        for _ in 0..<3 {
            guard let p = PrimeField.primes(count: 1, after: previous).first else { return nil }
            previous = p
            if let lu = ModularLU(residues(modulo: p), n: n, columns: columns, field: PrimeField(p: p)) { return lu }
        }
        return nil
    }
}
