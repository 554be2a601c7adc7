import CGMP

/// Integers known by their residues modulo a growing product M of primes
/// (Garner's incremental Chinese remaindering, values kept in [0, M)), or by
/// their p-adic digits (Dixon lifting, any representative modulo M).
final class ChineseRemainder {
    let values: IntegerMatrix
    let modulus = MPZStorage()

    init(count: Int) {
        values = IntegerMatrix(rows: 1, columns: count)
        __gmpz_set_ui(modulus.pointer, 1)
    }

    /// Lifts every value to also match the reduced residues of `images`
    /// (one image: a field and one residue per value) modulo their primes.
    /// Primes are paired into one modulus below 2⁴⁸ with word arithmetic, so
    /// each pair costs one GMP division and one multiply-add per value.
    /// - Complexity: O(count) big-integer steps on values of M's size per pair.
    func add(_ images: [(field: SmallPrimeField, residues: [Double])]) {
        for start in stride(from: 0, to: images.count, by: 2) {
            let first = images[start]
            let p = first.field.prime
            guard start + 1 < images.count else {
                add(residues: { UInt64(first.field.canonical(first.residues[$0])) }, modulo: UInt64(p))
                continue
            }
            let second = images[start + 1]
            let q = second.field.prime
            // x ≡ r (mod p), x ≡ s (mod q): x = r + p · ((s − r) · p⁻¹ mod q), below p·q.
            let pInverse = second.field.canonical(second.field.inverse(second.field.reduce(Double(p))))
            add(residues: { index in
                let r = first.field.canonical(first.residues[index]), s = second.field.canonical(second.residues[index])
                let difference = (s - r % q + q) % q
                return UInt64(r + p * (difference * pInverse % q))
            }, modulo: UInt64(p * q))
        }
    }

    /// Lifts every value to also match `residues` (in [0, m)) modulo m, for
    /// m < 2⁶² coprime to the current modulus.
    private func add(residues: (Int) -> UInt64, modulo m: UInt64) {
        let inverse = Self.inverse(UInt64(__gmpz_fdiv_ui(modulus.pointer, UInt(m))), modulo: m)
        for index in 0..<values.columns {
            let value = values.at(0, index)
            let current = UInt64(__gmpz_fdiv_ui(value, UInt(m)))
            let difference = (residues(index) + m - current) % m
            let product = difference.multipliedFullWidth(by: inverse)
            let correction = m.dividingFullWidth((product.high, product.low)).remainder
            __gmpz_addmul_ui(value, modulus.pointer, UInt(correction))
        }
        __gmpz_mul_ui(modulus.pointer, modulus.pointer, UInt(m))
    }

    /// a⁻¹ mod m for a coprime to m < 2⁶² (extended Euclid on machine words).
    private static func inverse(_ a: UInt64, modulo m: UInt64) -> UInt64 {
        var (r0, r1) = (Int64(m), Int64(a))
        var (t0, t1) = (Int64(0), Int64(1))
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - q * t1)
        }
        return UInt64(t0 < 0 ? t0 + Int64(m) : t0)
    }

    /// Appends one p-adic digit to every value (value += digit · M; digits
    /// may be negative), then multiplies M by p: after k digits the values
    /// are known modulo pᵏ (as any representative, not necessarily in [0, M)).
    func add(digits: (Int) -> Double, base p: Int) {
        for index in 0..<values.columns {
            let digit = Int(digits(index))
            if digit >= 0 {
                __gmpz_addmul_ui(values.at(0, index), modulus.pointer, UInt(digit))
            } else {
                __gmpz_submul_ui(values.at(0, index), modulus.pointer, UInt(-digit))
            }
        }
        __gmpz_mul_ui(modulus.pointer, modulus.pointer, UInt(p))
    }
}

extension IntegerMatrix {
    /// Solves [A | B] (A the leading n columns, square) for X with A·X = B by
    /// solving modulo successive primes (inverting A when B is diagonal, as
    /// for `inv` after rows were scaled), Chinese remaindering, and
    /// reconstructing rationals; the answer is proven by `SolutionBound`.
    /// Output-sensitive: the number of primes follows the size of X rather
    /// than of det(A).
    ///
    /// - Returns: X's numerators over one common denominator, or nil when A
    ///   looks singular (three primes in a row) or the Cramer bound is reached
    ///   without an answer; callers then fall back to Bareiss.
    /// - Complexity: n³ FMAs per prime to invert, or n³/3 + n²·m to solve,
    ///   plus O(n·m) big-integer steps per pair of primes.
    func multimodularSolve(n: Int) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let m = columns - n
        let inverting = m == n && isDiagonal(rows: 0..<n, columns: n..<columns)
        let left = ChunkedIntegers(self, rows: 0..<n, columns: 0..<n)
        let right = inverting ? nil : ChunkedIntegers(self, rows: 0..<n, columns: n..<columns)
        return Self.multimodularSolve(n: n, m: m, bound: SolutionBound(self, n: n), hadamardBits: hadamardBits(columnCount: columns)) { field in
            inverting ? inverse(modulo: field, left: left, n: n, scaledBy: n..<columns)
                : right.flatMap { solution(modulo: field, left: left, right: $0, n: n) }
        }
    }

    /// The loop of `multimodularSolve` for an n × m solution X, given X mod p
    /// for any table prime p (`solveModulo`, nil when A is singular modulo p).
    static func multimodularSolve(n: Int, m: Int, bound: SolutionBound, hadamardBits: Int,
                                  solveModulo: (SmallPrimeField) -> [Double]?) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let maximumPrimes = (2 * hadamardBits + bound.productBits + bound.rightBits + 4) / 23 + 2
        let crt = ChineseRemainder(count: n * m)
        var images: [(field: SmallPrimeField, residues: [Double])] = []
        // Attempts come at even prime counts, so that every Chinese remaindering
        // pass pairs its primes, and 25% apart (at most 25% more primes than needed).
        var primesUsed = 0, unluckyInARow = 0, nextAttempt = 2
        for prime in SmallPrimeField.primes {
            if primesUsed == maximumPrimes { break }
            let field = SmallPrimeField(prime: prime)
            guard let solution = solveModulo(field) else {
                unluckyInARow += 1
                if unluckyInARow == 3 { return nil }
                continue
            }
            unluckyInARow = 0
            primesUsed += 1
            images.append((field, solution))
            guard primesUsed >= nextAttempt || primesUsed == maximumPrimes else { continue }
            crt.add(images)
            images.removeAll(keepingCapacity: true)
            guard let candidate = RationalReconstruction.commonDenominator(crt, rows: n, columns: m) else {
                nextAttempt = primesUsed + max(2, primesUsed / 4)
                nextAttempt += nextAttempt % 2
                continue
            }
            let missing = bound.missingBits(candidate, modulus: crt.modulus)
            if missing == 0 { return candidate }
            nextAttempt = primesUsed + (missing + 22) / 23
            nextAttempt += nextAttempt % 2
        }
        return nil
    }

    /// Whether the square block `rows` × `columns` is diagonal.
    private func isDiagonal(rows: Range<Int>, columns: Range<Int>) -> Bool {
        rows.allSatisfy { i in
            columns.allSatisfy { j in
                i - rows.lowerBound == j - columns.lowerBound || cgmp_mpz_sgn(at(i, j)) == 0
            }
        }
    }

    /// A⁻¹ · diag(B) mod p for B the diagonal block in `scaledBy` (row-major
    /// n × n, reduced): the inverse with column j scaled by Bⱼⱼ; nil when A is
    /// singular modulo p.
    private func inverse(modulo field: SmallPrimeField, left: ChunkedIntegers, n: Int, scaledBy diagonal: Range<Int>) -> [Double]? {
        left.inverse(modulo: field, n: n) { field.residue(of: at($0, diagonal.lowerBound + $0)) }
    }

    /// A⁻¹B mod p (row-major n × m, reduced); nil when A is singular modulo p.
    private func solution(modulo field: SmallPrimeField, left: ChunkedIntegers, right: ChunkedIntegers, n: Int) -> [Double]? {
        var a = [Double](repeating: 0, count: n * n)
        a.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { left.residues(modulo: field, into: base) }
        }
        guard let lu = ModularLU(a, n: n, field: field) else { return nil }
        let m = right.count / max(n, 1)
        var b = [Double](repeating: 0, count: n * m), column = [Double](repeating: 0, count: n)
        b.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            right.residues(modulo: field, into: base)
            column.withUnsafeMutableBufferPointer { columnBuffer in
                guard let y = columnBuffer.baseAddress else { return }
                for c in 0..<m {
                    for i in 0..<n { y[i] = base[i * m + c] }
                    lu.solve(y)
                    for i in 0..<n { base[i * m + c] = y[i] }
                }
            }
        }
        return b
    }
}

extension ChunkedIntegers {
    /// The determinant of this n × n block (row-major) from its residues
    /// modulo enough primes: det / divisor is recovered by Chinese
    /// remaindering (its size bounded by Hadamard's bound, `hadamardBits`,
    /// over the divisor's), then multiplied back. `divisor` must divide the
    /// determinant (1 always does).
    ///
    /// - Returns: nil only if the bound needs more primes than are tabulated.
    /// - Complexity: n³/3 FMAs per prime, one prime per 23 bits of Hadamard's
    ///   bound left after dividing by the divisor.
    func multimodularDeterminant(n: Int, hadamardBits: Int, divisor: MPZStorage) -> MPZStorage? {
        let quotientBits = max(hadamardBits - Int(__gmpz_sizeinbase(divisor.pointer, 2)) + 2, 1)
        var residues = [Double](repeating: 0, count: n * n)
        var images: [(field: SmallPrimeField, residues: [Double])] = []
        var modulusBits = 0
        for prime in SmallPrimeField.primes {
            if modulusBits >= quotientBits + 1 { break }
            let field = SmallPrimeField(prime: prime)
            let divisorResidue = field.residue(of: divisor.pointer)
            if divisorResidue == 0 { continue }
            let determinant = residues.withUnsafeMutableBufferPointer { buffer -> Double in
                guard let base = buffer.baseAddress else { return 1 }
                self.residues(modulo: field, into: base)
                return field.factorise(base, n: n, stride: n) ?? 0
            }
            images.append((field, [field.multiply(determinant, field.inverse(divisorResidue))]))
            modulusBits += 23  // each prime exceeds 2²³
        }
        guard modulusBits >= quotientBits + 1 else { return nil }
        let crt = ChineseRemainder(count: 1)
        crt.add(images)
        let result = MPZStorage(copying: crt.values.at(0, 0))
        // The symmetric residue: values above modulus/2 stand for negatives.
        let half = MPZStorage()
        defer { withExtendedLifetime(half) {} }  // C calls below use their pointers
        __gmpz_fdiv_q_2exp(half.pointer, crt.modulus.pointer, 1)
        if __gmpz_cmp(result.pointer, half.pointer) > 0 { __gmpz_sub(result.pointer, result.pointer, crt.modulus.pointer) }
        __gmpz_mul(result.pointer, result.pointer, divisor.pointer)
        return result
    }

    /// The inverse of A from this n × n block S = diag(scales) · A (rows
    /// scaled to integers) as numerators over a common denominator:
    /// `IntegerMatrix.multimodularSolve` of S·X = diag(scales), i.e. S⁻¹ with
    /// column j scaled by scalesⱼ modulo each prime. `squaredNorms` are S's
    /// squared row norms (for Hadamard's bound).
    /// - Returns: nil when A looks singular or the bound is reached (callers fall back).
    func multimodularInverse(n: Int, scales: [Int64], squaredNorms: [Double]) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let largestScale = scales.reduce(0) { max($0, $1) }
        let bound = SolutionBound(productBits: Int.bitWidth - n.leadingZeroBitCount + bits,
                                  rightBits: Int64.bitWidth - largestScale.leadingZeroBitCount)
        // Rows of [S | diag(scales)].
        let hadamardBits = IntegerMatrix.hadamardBits(squaredNorms: zip(squaredNorms, scales).map { $0 + Double($1) * Double($1) })
        return IntegerMatrix.multimodularSolve(n: n, m: n, bound: bound, hadamardBits: hadamardBits) { field in
            inverse(modulo: field, n: n) { field.reduce(Double(scales[$0] % Int64(field.prime))) }
        }
    }

    /// The inverse of this n × n block modulo p with column j multiplied by
    /// `columnScale(j)` (a reduced residue; row-major, reduced); nil when the
    /// block is singular modulo p.
    func inverse(modulo field: SmallPrimeField, n: Int, columnScale: (Int) -> Double) -> [Double]? {
        var residues = [Double](repeating: 0, count: n * n)
        let invertible = residues.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            self.residues(modulo: field, into: base)
            guard field.invert(base, n: n, stride: n) else { return false }
            for j in 0..<n {
                let scale = columnScale(j)
                if scale == 1 { continue }
                for i in 0..<n { base[i * n + j] = field.multiply(base[i * n + j], scale) }
            }
            return true
        }
        return invertible ? residues : nil
    }

    /// The fixed pseudo-random right-hand side in [-9, 9]ⁿ of `determinantDivisor`.
    private static func divisorRightHandSide(_ n: Int) -> [Double] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        return (0..<n).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(Int((state >> 33) % 19) - 9)
        }
    }

    /// The determinant of this n × n block: `multimodularDeterminant`, from
    /// n = `RationalMatrix.divisorThreshold` on with `determinantDivisor`.
    /// - Returns: nil only if the bound needs more primes than are tabulated.
    func determinant(n: Int, hadamardBits: Int) -> MPZStorage? {
        multimodularDeterminant(n: n, hadamardBits: hadamardBits,
                                divisor: n >= RationalMatrix.divisorThreshold ? determinantDivisor(n: n) : MPZStorage(value: 1))
    }

    /// A large divisor of det(A) for this n × n block: the common denominator
    /// of the solution of A·x = b for a fixed pseudo-random b in [-9, 9]ⁿ
    /// (every denominator of A⁻¹b divides det A, and their lcm is usually most
    /// of it); 1 unless the block is single-chunk and small enough for a
    /// `DoubleResidual`, or when the solve fails (A singular modulo the primes
    /// tried, or singular outright).
    /// - Complexity: one Dixon solve with one right-hand side.
    func determinantDivisor(n: Int) -> MPZStorage {
        let right = ChunkedIntegers(values: Self.divisorRightHandSide(n))
        guard let residual = DoubleResidual(left: self, right: right, n: n),
              let solution = ModularLU.dixonSolve(left: self, right: right, residual: residual, n: n) else { return MPZStorage(value: 1) }
        return solution.denominator
    }
}
