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

extension UnaryOp {
    /// The op's result on `value` when that result is rational, else nil: `- abs sign floor
    /// ceil round` (half to even) always; `sqrt` of a square; the points where a
    /// transcendental function is rational: `exp(0)`, `log(1)`, `log2(2^k)`, `log10(10^k)`
    /// and `sin cos tan tanh erf` at 0. Nil for `isnan isinf not`.
    /// - Complexity: a few GMP operations on `value`'s size.
    public func exactResult(_ value: Rational) -> Rational? {
        switch self {
        case .negate: return -value
        case .abs: return value.magnitude
        case .sign: return Rational(Int64(value.signum))
        case .floor: return Rational(value.floor)
        case .ceil: return -Rational((-value).floor)
        case .round: return value.roundedHalfToEven
        case .sqrt: return value.squareRoot
        case .exp: return value == .zero ? .one : nil
        case .log: return value == .one ? .zero : nil
        case .log2: return value.exactLogarithm(base: 2)
        case .log10: return value.exactLogarithm(base: 10)
        case .cos: return value == .zero ? .one : nil
        case .sin, .tan, .tanh, .erf: return value == .zero ? .zero : nil
        case .isnan, .isinf, .not: return nil
        }
    }
}

extension Rational {
    /// The nearest integer, ties to the even one (as `round` on floats).
    var roundedHalfToEven: Rational {
        let down = Rational(floor), up = down + .one
        let twiceFraction = (self - down) * Rational(2)
        if twiceFraction != .one { return twiceFraction < .one ? down : up }
        let half = Rational(uncheckedNumerator: 1, denominator: 2)
        return (down * half).isInteger ? down : up
    }

    /// k when self is `base`^k for an integer k (positive or negative), else nil; `base` is 2 or 10.
    /// - Complexity: two GMP powers (the candidate k comes from the bit length: k·log₂(base)
    ///   rounded down, divided by log₂(base) in millionths, lands on k or k − 1).
    func exactLogarithm(base: Int64) -> Rational? {
        guard signum > 0 else { return nil }
        let one = BigInt(1)
        let (target, sign): (BigInt, Int) = isInteger ? (numerator, 1) : (denominator, -1)
        guard isInteger || numerator == one else { return nil }
        let log2BaseMillionths = base == 2 ? 1_000_000 : 3_321_928
        let estimate = (target.bitWidth - 1) * 1_000_000 / log2BaseMillionths
        for k in [estimate, estimate + 1] {
            if let power = try? Rational(base).power(k), power == Rational(target) { return Rational(Int64(sign * k)) }
        }
        return nil
    }
}
