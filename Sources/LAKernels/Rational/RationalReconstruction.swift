import CGMP

/// Rational reconstruction (Wang's algorithm) of values known modulo M.
enum RationalReconstruction {
    /// Reconstructs every value of `crt` (a rows × columns matrix in row-major
    /// order) as a fraction with one common denominator D, tried first on each
    /// value (so a vector of integers, or of fractions sharing a denominator,
    /// costs one multiplication per value). Returns nil as soon as one value
    /// has no fraction with numerator and denominator below √(M/2).
    ///
    /// Each returned numerator Nᵢ satisfies Nᵢ ≡ D · valueᵢ (mod M), which
    /// `SolutionBound` turns into a proof.
    static func commonDenominator(_ crt: ChineseRemainder, rows: Int, columns: Int) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let count = crt.values.columns
        let modulus = crt.modulus.pointer
        let bound = MPZStorage(), half = MPZStorage(), scaled = MPZStorage()
        __gmpz_fdiv_q_2exp(half.pointer, modulus, 1)
        __gmpz_sqrt(bound.pointer, half.pointer)
        // Values at or above modulus − bound stand for small negatives.
        let negatives = MPZStorage()
        __gmpz_sub(negatives.pointer, modulus, bound.pointer)
        let denominator = MPZStorage(value: 1)
        // Numerator i is over the common denominator as it stood at value i;
        // `factors[k]` is what that denominator was multiplied by for the k-th time.
        var factorIndex = [Int](repeating: 0, count: count)
        var factors: [MPZStorage] = []
        let probe = MPZStorage()
        defer { withExtendedLifetime((bound, half, scaled, negatives, crt, factors, probe)) {} }  // C calls below use their pointers
        func reconstruct(_ index: Int, into numerator: UnsafeMutablePointer<__mpz_struct>) -> Bool {
            __gmpz_mul(scaled.pointer, crt.values.at(0, index), denominator.pointer)
            __gmpz_fdiv_r(scaled.pointer, scaled.pointer, modulus)
            if __gmpz_cmp(scaled.pointer, bound.pointer) <= 0 {
                __gmpz_swap(numerator, scaled.pointer)
            } else if __gmpz_cmp(scaled.pointer, negatives.pointer) >= 0 {
                __gmpz_sub(numerator, scaled.pointer, modulus)
            } else {
                let factor = MPZStorage()
                guard wang(scaled.pointer, modulus: modulus, bound: bound.pointer, numerator: numerator,
                           denominator: factor.pointer) else { return false }
                __gmpz_mul(denominator.pointer, denominator.pointer, factor.pointer)
                factors.append(factor)
            }
            factorIndex[index] = factors.count
            return true
        }
        // Last value first, before anything is allocated: its numerator is
        // usually among the largest, so a modulus that is still too small fails here.
        guard count == 0 || reconstruct(count - 1, into: probe.pointer) else { return nil }
        let numerators = IntegerMatrix(rows: rows, columns: columns)
        if count > 0 { __gmpz_swap(numerators.entries + count - 1, probe.pointer) }
        for index in (0..<max(count - 1, 0)).reversed() {
            guard reconstruct(index, into: numerators.entries + index) else { return nil }
        }
        // Bring every numerator over the final denominator.
        for index in 0..<count {
            for factor in factors[factorIndex[index]...] {
                __gmpz_mul(numerators.entries + index, numerators.entries + index, factor.pointer)
            }
        }
        return (numerators, denominator)
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

/// The proof by bound for reconstructed solutions of A·X = B (A the leading
/// n columns of [A | B]): when A·N ≡ D·B (mod M) — true for residues of the
/// solution modulo primes or a prime power, and numerators from
/// `RationalReconstruction` — and every |A·N − D·B| ≤ n·max|A|·max|N| +
/// |D|·max|B| is below M, then A·N = D·B exactly, with no multiplication.
struct SolutionBound {
    /// bits(n) + bits(max |A|) and bits(max |B|): n·max|A| < 2^productBits, max|B| < 2^rightBits.
    let productBits: Int
    let rightBits: Int

    init(productBits: Int, rightBits: Int) {
        self.productBits = productBits
        self.rightBits = rightBits
    }

    /// - Complexity: O(n · columns) size queries; allocates nothing.
    init(_ system: IntegerMatrix, n: Int) {
        var leftBits = 0, rightBits = 0
        for i in 0..<n {
            for j in 0..<system.columns {
                let bits = Int(__gmpz_sizeinbase(system.at(i, j), 2))
                if j < n { leftBits = max(leftBits, bits) } else { rightBits = max(rightBits, bits) }
            }
        }
        productBits = Int.bitWidth - n.leadingZeroBitCount + leftBits
        self.rightBits = rightBits
    }

    /// How many more bits the modulus needs before A·N ≡ D·B (mod modulus)
    /// proves A·N = D·B (0 when it already does).
    func missingBits(_ solution: (numerators: IntegerMatrix, denominator: MPZStorage), modulus: MPZStorage) -> Int {
        let numerators = solution.numerators
        var numeratorBits = 0
        for index in 0..<(numerators.rows * numerators.columns) {
            numeratorBits = max(numeratorBits, Int(__gmpz_sizeinbase(numerators.entries + index, 2)))
        }
        let denominatorBits = Int(__gmpz_sizeinbase(solution.denominator.pointer, 2))
        // |A·N − D·B| < 2^(needed − 1) ≤ modulus when bits(modulus) ≥ needed.
        let needed = max(productBits + numeratorBits, denominatorBits + rightBits) + 2
        return max(0, needed - Int(__gmpz_sizeinbase(modulus.pointer, 2)))
    }
}
