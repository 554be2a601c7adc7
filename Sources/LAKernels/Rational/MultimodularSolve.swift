import CGMP

/// Integers known by their residues modulo a growing product of primes
/// (Garner's incremental Chinese remaindering); values kept in [0, modulus).
final class ChineseRemainder {
    let values: IntegerMatrix
    let modulus = MPZStorage()

    init(count: Int) {
        values = IntegerMatrix(rows: 1, columns: count)
        __gmpz_set_ui(modulus.pointer, 1)
    }

    /// Lifts every value to also match `residues` (one per value) modulo `p`.
    /// - Complexity: O(count) big-integer steps on values of the modulus' size.
    func add(residues: (Int) -> UInt64, modulo p: UInt64) {
        let field = PrimeField(p: p)
        let inverse = field.inverse(UInt64(__gmpz_fdiv_ui(modulus.pointer, UInt(p))))
        for index in 0..<values.columns {
            let value = values.at(0, index)
            let current = UInt64(__gmpz_fdiv_ui(value, UInt(p)))
            let correction = field.multiply((residues(index) + p - current) % p, inverse)
            __gmpz_addmul_ui(value, modulus.pointer, UInt(correction))
        }
        __gmpz_mul_ui(modulus.pointer, modulus.pointer, UInt(p))
    }

    /// Appends one p-adic digit to every value (value += digit · modulus), then
    /// multiplies the modulus by p: after k digits the values are known mod pᵏ.
    func add(digits: (Int) -> UInt64, base p: UInt64) {
        for index in 0..<values.columns {
            __gmpz_addmul_ui(values.at(0, index), modulus.pointer, UInt(digits(index)))
        }
        __gmpz_mul_ui(modulus.pointer, modulus.pointer, UInt(p))
    }
}

extension IntegerMatrix {
    /// The determinant of this square matrix from its residues modulo enough
    /// primes: det / divisor is recovered by Chinese remaindering (its size
    /// bounded by Hadamard's bound over the divisor's), then multiplied back.
    /// `divisor` must divide the determinant (1 always does).
    /// - Complexity: O(n³) word operations per prime, one prime per 30 bits
    ///   of Hadamard's bound left after dividing by the divisor.
    func multimodularDeterminant(divisor: MPZStorage) -> MPZStorage {
        let quotientBits = max(hadamardBits(columnCount: columns) - Int(__gmpz_sizeinbase(divisor.pointer, 2)) + 2, 1)
        let crt = ChineseRemainder(count: 1)
        var previous: UInt64 = 1 << 30, primesUsed = 0
        while primesUsed < quotientBits / 30 + 2 {
            guard let p = PrimeField.primes(count: 1, after: previous).first else { break }
            previous = p
            let field = PrimeField(p: p)
            let divisorResidue = UInt64(__gmpz_fdiv_ui(divisor.pointer, UInt(p)))
            if divisorResidue == 0 { continue }
            var residues = self.residues(modulo: p)
            let determinant = residues.withUnsafeMutableBufferPointer {
                field.gaussJordan($0, rows: rows, columns: columns, pivotColumns: columns, reduceAbove: false)
            }
            let quotient = field.multiply(determinant, field.inverse(divisorResidue))
            crt.add(residues: { _ in quotient }, modulo: p)
            primesUsed += 1
        }
        let result = MPZStorage(copying: crt.values.at(0, 0))
        // The symmetric residue: values above modulus/2 stand for negatives.
        let half = MPZStorage()
        defer { withExtendedLifetime(half) {} }  // C calls below use their pointers
        __gmpz_fdiv_q_2exp(half.pointer, crt.modulus.pointer, 1)
        if __gmpz_cmp(result.pointer, half.pointer) > 0 { __gmpz_sub(result.pointer, result.pointer, crt.modulus.pointer) }
        __gmpz_mul(result.pointer, result.pointer, divisor.pointer)
        return result
    }

    /// A large divisor of det(A) for this square A: the common denominator of
    /// the solution of A·x = b for a fixed pseudo-random b in [-9, 9]ⁿ (every
    /// denominator of A⁻¹b divides det A, and their lcm is usually most of
    /// it); 1 when that solve fails (A singular modulo the primes tried, or
    /// singular outright).
    /// - Complexity: one `dixonSolve` with one right-hand side.
    func determinantDivisor() -> MPZStorage {
        let system = IntegerMatrix(rows: rows, columns: columns + 1)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for i in 0..<rows {
            for j in 0..<columns { __gmpz_set(system.at(i, j), at(i, j)) }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            __gmpz_set_si(system.at(i, columns), Int((state >> 33) % 19) - 9)
        }
        guard let solution = system.dixonSolve(n: rows) else {
            let one = MPZStorage()
            __gmpz_set_ui(one.pointer, 1)
            return one
        }
        return solution.denominator
    }

    /// Solves [A | B] (A the leading n columns, square) for X with A·X = B by
    /// solving modulo successive primes, reconstructing rationals from the
    /// residues, and checking A·X = B exactly; output-sensitive, as the number
    /// of primes follows the size of X rather than of det(A).
    ///
    /// - Returns: X's numerators over one common denominator, or nil when A
    ///   looks singular (three primes in a row) or the Cramer bound is reached
    ///   without a verified answer; callers then fall back to Bareiss.
    /// - Complexity: O(n²(n + m)) word operations per prime, plus O(n·m·n) big
    ///   multiply-adds for the final check.
    func multimodularSolve(n: Int) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let m = columns - n
        let maximumPrimes = (2 * hadamardBits(columnCount: columns) + 2) / 30 + 2
        let crt = ChineseRemainder(count: n * m)
        var lastPrime: UInt64 = 1 << 30, primesUsed = 0, unluckyInARow = 0
        while primesUsed < maximumPrimes {
            guard let p = PrimeField.primes(count: 1, after: lastPrime).first else { return nil }
            lastPrime = p
            var residues = self.residues(modulo: p)
            let determinant = residues.withUnsafeMutableBufferPointer {
                PrimeField(p: p).gaussJordan($0, rows: n, columns: columns, pivotColumns: n, reduceAbove: true)
            }
            guard determinant != 0 else {
                unluckyInARow += 1
                if unluckyInARow == 3 { return nil }
                continue
            }
            unluckyInARow = 0
            crt.add(residues: { residues[($0 / m) * self.columns + n + $0 % m] }, modulo: p)
            primesUsed += 1
            if let solution = RationalReconstruction.commonDenominator(crt, rows: n, columns: m), isSolution(solution, n: n) {
                return solution
            }
        }
        return nil
    }

    /// Whether A · (numerators / denominator) = B exactly.
    func isSolution(_ solution: (numerators: IntegerMatrix, denominator: MPZStorage), n: Int) -> Bool {
        let m = columns - n
        let sum = MPZStorage()
        defer { withExtendedLifetime((sum, solution.numerators, solution.denominator)) {} }  // C calls below use their pointers
        for i in 0..<n {
            for c in 0..<m {
                __gmpz_mul(sum.pointer, solution.denominator.pointer, at(i, n + c))
                for j in 0..<n { __gmpz_submul(sum.pointer, at(i, j), solution.numerators.at(j, c)) }
                if cgmp_mpz_sgn(sum.pointer) != 0 { return false }
            }
        }
        return true
    }
}

/// Rational reconstruction (Wang's algorithm) of values known modulo M.
enum RationalReconstruction {
    /// Reconstructs every value of `crt` (a rows × columns matrix in row-major
    /// order) as a fraction with one common
    /// denominator, tried first on each value (so a vector of integers, or
    /// of fractions sharing a denominator, costs one multiplication per value).
    /// Returns nil as soon as one value has no fraction with numerator and
    /// denominator below √(M/2).
    static func commonDenominator(_ crt: ChineseRemainder, rows: Int, columns: Int) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let count = crt.values.columns
        let modulus = crt.modulus.pointer
        let bound = MPZStorage(), half = MPZStorage(), scaled = MPZStorage()
        __gmpz_fdiv_q_2exp(half.pointer, modulus, 1)
        __gmpz_sqrt(bound.pointer, half.pointer)
        let denominator = MPZStorage()
        __gmpz_set_ui(denominator.pointer, 1)
        // Numerator i is over the common denominator as it stood at value i;
        // `factors[k]` is what that denominator was multiplied by for the k-th time.
        let numerators = IntegerMatrix(rows: 1, columns: count)
        var factorIndex = [Int](repeating: 0, count: count)
        var factors: [MPZStorage] = []
        defer { withExtendedLifetime((bound, half, scaled, numerators, crt, factors)) {} }  // C calls below use their pointers
        for index in 0..<count {
            __gmpz_mul(scaled.pointer, crt.values.at(0, index), denominator.pointer)
            __gmpz_fdiv_r(scaled.pointer, scaled.pointer, modulus)
            let numerator = numerators.at(0, index)
            if __gmpz_cmp(scaled.pointer, bound.pointer) <= 0 {
                __gmpz_set(numerator, scaled.pointer)
            } else if modulusMinus(scaled.pointer, modulus, isAtMost: bound.pointer) {
                __gmpz_sub(numerator, scaled.pointer, modulus)
            } else {
                let factor = MPZStorage()
                guard wang(scaled.pointer, modulus: modulus, bound: bound.pointer, numerator: numerator,
                           denominator: factor.pointer) else { return nil }
                __gmpz_mul(denominator.pointer, denominator.pointer, factor.pointer)
                factors.append(factor)
            }
            factorIndex[index] = factors.count
        }
        // Bring every numerator over the final denominator.
        let result = IntegerMatrix(rows: rows, columns: columns)
        for index in 0..<count {
            let entry = result.entries + index
            __gmpz_set(entry, numerators.at(0, index))
            for factor in factors[factorIndex[index]...] {
                __gmpz_mul(entry, entry, factor.pointer)
            }
        }
        return (result, denominator)
    }

    /// Whether modulus − value ≤ bound (the value stands for a small negative).
    private static func modulusMinus(_ value: UnsafePointer<__mpz_struct>, _ modulus: UnsafePointer<__mpz_struct>,
                                     isAtMost bound: UnsafePointer<__mpz_struct>) -> Bool {
        let difference = MPZStorage()
        defer { withExtendedLifetime(difference) {} }  // C calls below use their pointers
        __gmpz_sub(difference.pointer, modulus, value)
        return __gmpz_cmp(difference.pointer, bound) <= 0
    }

    /// Finds u/v ≡ value (mod modulus) with |u| ≤ bound, 0 < v ≤ bound, gcd(u, v) = 1.
    private static func wang(_ value: UnsafePointer<__mpz_struct>, modulus: UnsafePointer<__mpz_struct>,
                             bound: UnsafePointer<__mpz_struct>,
                             numerator: UnsafeMutablePointer<__mpz_struct>,
                             denominator: UnsafeMutablePointer<__mpz_struct>) -> Bool {
        let r0 = MPZStorage(copying: modulus), r1 = MPZStorage(copying: value)
        let t0 = MPZStorage(), t1 = MPZStorage(), q = MPZStorage(), gcd = MPZStorage()
        defer { withExtendedLifetime((r0, r1, t0, t1, q, gcd)) {} }  // C calls below use their pointers
        __gmpz_set_ui(t1.pointer, 1)
        while __gmpz_cmp(r1.pointer, bound) > 0 {
            __gmpz_fdiv_qr(q.pointer, r0.pointer, r0.pointer, r1.pointer)
            __gmpz_swap(r0.pointer, r1.pointer)
            __gmpz_submul(t0.pointer, q.pointer, t1.pointer)
            __gmpz_swap(t0.pointer, t1.pointer)
        }
        __gmpz_abs(denominator, t1.pointer)
        guard cgmp_mpz_sgn(t1.pointer) != 0, __gmpz_cmp(denominator, bound) <= 0 else { return false }
        __gmpz_gcd(gcd.pointer, r1.pointer, t1.pointer)
        guard cgmp_mpz_cmp_ui(gcd.pointer, 1) == 0 else { return false }
        if cgmp_mpz_sgn(t1.pointer) < 0 { __gmpz_neg(numerator, r1.pointer) } else { __gmpz_set(numerator, r1.pointer) }
        return true
    }
}
