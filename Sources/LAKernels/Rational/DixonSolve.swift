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
        guard let lu = factorisedModulo(n: n) else { return nil }
        if let words = WordResidual(self, n: n) {
            var residual = words
            return lift(&residual, lu: lu, n: n)
        }
        var residual = BigResidual(self, n: n)
        return lift(&residual, lu: lu, n: n)
    }

    /// The lifting loop of `dixonSolve`, over either residual representation.
    private func lift<Residual: DixonResidual>(_ residual: inout Residual, lu: ModularLU, n: Int)
        -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let m = columns - n
        let p = lu.field.p
        let lifted = ChineseRemainder(count: n * m)
        var digits = [UInt64](repeating: 0, count: n * m)
        let maximumSteps = (2 * hadamardBits(columnCount: columns) + 2) / 30 + 2
        for _ in 0..<maximumSteps {
            residual.reduce(modulo: p, into: &digits)
            lu.solve(&digits, m: m)
            residual.advance(by: digits, base: p)
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

/// The residual R of Dixon lifting (initially B; each step R ← (R − A·digits) / p).
protocol DixonResidual {
    /// R mod p, row-major n × m.
    func reduce(modulo p: UInt64, into digits: inout [UInt64])
    /// R ← (R − A · digits) / p, an exact division.
    mutating func advance(by digits: [UInt64], base p: UInt64)
}

/// The residual in big integers, for any [A | B].
struct BigResidual: DixonResidual {
    let system: IntegerMatrix
    let n: Int
    let residual: IntegerMatrix

    init(_ system: IntegerMatrix, n: Int) {
        self.system = system
        self.n = n
        residual = IntegerMatrix(rows: n, columns: system.columns - n)
        for i in 0..<n {
            for c in 0..<residual.columns { __gmpz_set(residual.at(i, c), system.at(i, n + c)) }
        }
    }

    func reduce(modulo p: UInt64, into digits: inout [UInt64]) {
        for index in 0..<(residual.rows * residual.columns) {
            digits[index] = UInt64(__gmpz_fdiv_ui(residual.entries + index, UInt(p)))
        }
    }

    func advance(by digits: [UInt64], base p: UInt64) {
        let m = residual.columns
        for i in 0..<n {
            for c in 0..<m {
                let entry = residual.at(i, c)
                for j in 0..<n { __gmpz_submul_ui(entry, system.at(i, j), UInt(digits[j * m + c])) }
                __gmpz_divexact_ui(entry, entry, UInt(p))
            }
        }
    }
}

/// The residual in machine words, when every entry of [A | B] is below 2³¹
/// in magnitude (as for integer data): then |R| stays below n·2³¹ + 2³¹ and
/// A·digits is summed in 128 bits, with no allocation per step.
struct WordResidual: DixonResidual {
    let a: [Int64]
    let n: Int
    let m: Int
    var residual: [Int64]

    init?(_ system: IntegerMatrix, n: Int) {
        guard n < 1 << 20, (0..<(system.rows * system.columns)).allSatisfy({
            __gmpz_sizeinbase(system.entries + $0, 2) < 31
        }) else { return nil }
        self.n = n
        m = system.columns - n
        a = (0..<(n * n)).map { Int64(__gmpz_get_si(system.at($0 / n, $0 % n))) }
        let m = self.m
        residual = (0..<(n * m)).map { Int64(__gmpz_get_si(system.at($0 / m, n + $0 % m))) }
    }

    func reduce(modulo p: UInt64, into digits: inout [UInt64]) {
        let modulus = Int64(p)
        for index in 0..<(n * m) {
            let remainder = residual[index] % modulus
            digits[index] = UInt64(remainder < 0 ? remainder + modulus : remainder)
        }
    }

    mutating func advance(by digits: [UInt64], base p: UInt64) {
        for i in 0..<n {
            for c in 0..<m {
                var sum = Int128(residual[i * m + c])
                for j in 0..<n { sum -= Int128(a[i * n + j]) * Int128(digits[j * m + c]) }
                residual[i * m + c] = Int64(truncatingIfNeeded: sum / Int128(p))
            }
        }
    }
}
