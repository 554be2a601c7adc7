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
        // Scratch integers in one allocation (this runs on every attempt):
        // the bound √(M/2), M − bound, the value being scaled, the probe, and
        // Wang's six temporaries.
        let scratch = IntegerMatrix(rows: 1, columns: 10)
        let bound = scratch.at(0, 0), negatives = scratch.at(0, 1), scaled = scratch.at(0, 2), probe = scratch.at(0, 3)
        let wangScratch = scratch.at(0, 4)
        __gmpz_fdiv_q_2exp(scaled, modulus, 1)
        __gmpz_sqrt(bound, scaled)
        // Values at or above modulus − bound stand for small negatives.
        __gmpz_sub(negatives, modulus, bound)
        let denominator = MPZStorage(value: 1)
        // Numerator i is over the common denominator as it stood at value i;
        // `factors[k]` is what that denominator was multiplied by for the k-th time.
        var factorIndex = [Int](repeating: 0, count: count)
        var factors: [MPZStorage] = []
        defer { withExtendedLifetime((scratch, crt, factors)) {} }  // C calls below use their pointers
        func reconstruct(_ index: Int, into numerator: UnsafeMutablePointer<__mpz_struct>) -> Bool {
            __gmpz_mul(scaled, crt.values.at(0, index), denominator.pointer)
            __gmpz_fdiv_r(scaled, scaled, modulus)
            if __gmpz_cmp(scaled, bound) <= 0 {
                __gmpz_swap(numerator, scaled)
            } else if __gmpz_cmp(scaled, negatives) >= 0 {
                __gmpz_sub(numerator, scaled, modulus)
            } else {
                let factor = MPZStorage()
                guard wang(scaled, modulus: modulus, bound: bound, numerator: numerator,
                           denominator: factor.pointer, scratch: wangScratch) else { return false }
                __gmpz_mul(denominator.pointer, denominator.pointer, factor.pointer)
                factors.append(factor)
            }
            factorIndex[index] = factors.count
            return true
        }
        // Last value first, before anything is allocated: its numerator is
        // usually among the largest, so a modulus that is still too small fails here.
        guard count == 0 || reconstruct(count - 1, into: probe) else { return nil }
        let numerators = IntegerMatrix(rows: rows, columns: columns)
        if count > 0 { __gmpz_swap(numerators.entries + count - 1, probe) }
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

    /// Finds u/v ≡ value (mod modulus) with |u| ≤ bound, 0 < v ≤ bound, gcd(u, v) = 1,
    /// using six scratch integers at `scratch`.
    private static func wang(_ value: UnsafePointer<__mpz_struct>, modulus: UnsafePointer<__mpz_struct>,
                             bound: UnsafePointer<__mpz_struct>,
                             numerator: UnsafeMutablePointer<__mpz_struct>,
                             denominator: UnsafeMutablePointer<__mpz_struct>,
                             scratch: UnsafeMutablePointer<__mpz_struct>) -> Bool {
        let (r0, r1, t0, t1, q, gcd) = (scratch, scratch + 1, scratch + 2, scratch + 3, scratch + 4, scratch + 5)
        __gmpz_set(r0, modulus)
        __gmpz_set(r1, value)
        __gmpz_set_ui(t0, 0)
        __gmpz_set_ui(t1, 1)
        while __gmpz_cmp(r1, bound) > 0 {
            __gmpz_fdiv_qr(q, r0, r0, r1)
            __gmpz_swap(r0, r1)
            __gmpz_submul(t0, q, t1)
            __gmpz_swap(t0, t1)
        }
        __gmpz_abs(denominator, t1)
        guard cgmp_mpz_sgn(t1) != 0, __gmpz_cmp(denominator, bound) <= 0 else { return false }
        __gmpz_gcd(gcd, r1, t1)
        guard cgmp_mpz_cmp_ui(gcd, 1) == 0 else { return false }
        if cgmp_mpz_sgn(t1) < 0 { __gmpz_neg(numerator, r1) } else { __gmpz_set(numerator, r1) }
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
