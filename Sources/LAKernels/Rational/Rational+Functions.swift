import CGMP

/// Functions with exact rational results.
extension Rational {
    /// The exact square root when numerator and denominator are both perfect
    /// squares (`sqrt(9/4)` is 3/2), else nil (also for negative values).
    public var squareRoot: Rational? {
        guard signum >= 0 else { return nil }
        return withMPQ { value -> Rational? in
            let mutableValue = UnsafeMutablePointer(mutating: value)
            let numerator = cgmp_mpq_numref(mutableValue), denominator = cgmp_mpq_denref(mutableValue)
            guard __gmpz_perfect_square_p(numerator) != 0, __gmpz_perfect_square_p(denominator) != 0 else { return nil }
            let root = MPQStorage()
            __gmpz_sqrt(root.numerator, numerator)
            __gmpz_sqrt(root.denominator, denominator)
            return Rational(normalised: root)  // roots of coprime squares are coprime
        }
    }

    /// The largest number of bits a power may have (about 8 MiB of limbs).
    public static let maximumPowerBits = 1 << 26

    /// self raised to an integer power; negative exponents give the reciprocal's power.
    /// - Throws: `KernelError(.zeroDivision)` for 0 to a negative power,
    ///   `KernelError(.limit)` when the result would exceed `maximumPowerBits`.
    /// - Complexity: GMP's `mpz_pow_ui` on both parts.
    public func power(_ exponent: Int) throws -> Rational {
        if exponent == 0 { return .one }
        if self == .zero || self == .one { return exponent < 0 && self == .zero ? try reciprocal() : self }
        if self == -.one { return exponent % 2 == 0 ? .one : self }
        if exponent < 0 {
            guard exponent != .min else { throw KernelError(.limit, "power too large: \(self) ** \(exponent)") }
            return try reciprocal().power(-exponent)
        }
        let bits = max(numerator.bitWidth, denominator.bitWidth)
        let (estimate, overflow) = bits.multipliedReportingOverflow(by: exponent)
        guard !overflow, estimate <= Rational.maximumPowerBits else {
            throw KernelError(.limit, "power too large: \(self) ** \(exponent) would need about \(overflow ? Int.max : estimate) bits")
        }
        return withMPQ { value in
            let mutableValue = UnsafeMutablePointer(mutating: value)
            let result = MPQStorage()
            __gmpz_pow_ui(result.numerator, cgmp_mpq_numref(mutableValue), UInt(exponent))
            __gmpz_pow_ui(result.denominator, cgmp_mpq_denref(mutableValue), UInt(exponent))
            return Rational(normalised: result)  // powers of coprime parts stay coprime
        }
    }

    /// The largest integer not above self.
    public var floor: BigInt {
        withMPQ { value in
            let mutableValue = UnsafeMutablePointer(mutating: value)
            return BigInt.make { __gmpz_fdiv_q($0, cgmp_mpq_numref(mutableValue), cgmp_mpq_denref(mutableValue)) }
        }
    }
}
