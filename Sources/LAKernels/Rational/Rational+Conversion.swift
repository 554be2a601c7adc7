import CGMP

/// Conversions between rationals, doubles and literal text.
extension Rational {
    /// The exact value of a double (`0.1` gives 3602879701896397/36028797018963968).
    /// - Throws: `KernelError(.value)` for nan and ±inf.
    public init(exactly double: Double) throws {
        guard double.isFinite else {
            throw KernelError(.value, "cannot convert \(double) to a rational")
        }
        let storage = MPQStorage()
        __gmpq_set_d(storage.pointer, double)  // exact for finite doubles
        __gmpq_canonicalize(storage.pointer)
        self.init(normalised: storage)
    }

    /// Parses an exact decimal literal: optional sign, digits with an optional
    /// fraction, optional exponent ("123", "-0.1", "1e-3", "2.5E+10").
    /// - Throws: `KernelError(.value)` for malformed text, `KernelError(.limit)`
    ///   when the exponent's magnitude exceeds 100 000 (the value would need
    ///   megabytes of digits).
    public init(parsing text: some StringProtocol) throws {
        let bytes = Array(text.utf8)
        let invalid = KernelError(.value, "invalid decimal literal '\(text)'")
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte)
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty else { throw invalid }
        var exponent = 0
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"),
                  let parsed = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)) else { throw invalid }
            guard parsed.magnitude <= 100_000 else {
                throw KernelError(.limit, "decimal literal exponent too large: '\(text)'")
            }
            exponent = parsed
        }
        guard let mantissa = BigInt(integerText: (negative ? "-" : "") + String(decoding: digits, as: UTF8.self)) else {
            throw invalid
        }
        let scale = exponent - fractionDigits
        let power = BigInt.make { __gmpz_ui_pow_ui($0, 10, UInt(scale.magnitude)) }
        self = scale >= 0 ? Rational(mantissa * power) : try Rational(numerator: mantissa, denominator: power)
    }

    /// An integer literal of any size, or nil when the text is not an optionally
    /// signed run of decimal digits.
    public init?(integerText text: some StringProtocol) {
        guard let value = BigInt(integerText: text) else { return nil }
        self.init(value)
    }

    /// The double nearest to this value (ties to even); ±inf beyond the double range.
    ///
    /// - Complexity: O(1) when both parts are at most 2^53; otherwise one
    ///   big-integer division on ~55 significant bits plus shifts.
    public var doubleValue: Double {
        if case let .small(numerator, denominator) = representation,
           numerator.magnitude <= 1 << 53, denominator <= 1 << 53 {
            // Both parts are exact doubles, and IEEE division rounds correctly.
            return Double(numerator) / Double(denominator)
        }
        return withMPQ { Rational.correctlyRounded(cgmp_mpq_numref(UnsafeMutablePointer(mutating: $0)),
                                                   cgmp_mpq_denref(UnsafeMutablePointer(mutating: $0))) }
    }

    /// Rounds n/d (d > 0) to the nearest double, ties to even, including the subnormal range.
    private static func correctlyRounded(_ n: UnsafePointer<__mpz_struct>, _ d: UnsafePointer<__mpz_struct>) -> Double {
        let sign = cgmp_mpz_sgn(n)
        guard sign != 0 else { return 0 }
        let a = MPZStorage(), b = MPZStorage(), quotient = MPZStorage(), remainder = MPZStorage()
        defer { withExtendedLifetime((a, b, quotient, remainder)) {} }  // C calls below use their pointers
        __gmpz_abs(a.pointer, n)
        __gmpz_set(b.pointer, d)
        // floor(log2(a/b)) is bits(a) - bits(b) or one less.
        var log2 = Int(__gmpz_sizeinbase(a.pointer, 2)) - Int(__gmpz_sizeinbase(b.pointer, 2))
        shifted(a.pointer, b.pointer, by: -log2, into: quotient.pointer, remainder: remainder.pointer)
        if cgmp_mpz_cmp_ui(quotient.pointer, 0) == 0 { log2 -= 1 }
        if log2 > 1023 { return sign < 0 ? -.infinity : .infinity }
        // The unit in the last place of the result, then two guard bits below it.
        let ulpExponent = max(log2 - 52, -1074)
        shifted(a.pointer, b.pointer, by: 2 - ulpExponent, into: quotient.pointer, remainder: remainder.pointer)
        let sticky = cgmp_mpz_sgn(remainder.pointer) != 0
        let guardBits = __gmpz_get_ui(quotient.pointer) & 3
        __gmpz_fdiv_q_2exp(quotient.pointer, quotient.pointer, 2)
        var mantissa = UInt64(__gmpz_get_ui(quotient.pointer))
        if guardBits & 2 != 0 && (guardBits & 1 != 0 || sticky || mantissa & 1 != 0) { mantissa += 1 }
        let magnitude = Double(sign: .plus, exponent: ulpExponent, significand: Double(mantissa))
        return sign < 0 ? -magnitude : magnitude
    }

    /// quotient = floor(a·2^shift / b), remainder its remainder.
    private static func shifted(_ a: UnsafePointer<__mpz_struct>, _ b: UnsafePointer<__mpz_struct>, by shift: Int,
                                into quotient: UnsafeMutablePointer<__mpz_struct>,
                                remainder: UnsafeMutablePointer<__mpz_struct>) {
        let numerator = MPZStorage(), denominator = MPZStorage()
        defer { withExtendedLifetime((numerator, denominator)) {} }  // C calls below use their pointers
        __gmpz_mul_2exp(numerator.pointer, a, UInt(max(shift, 0)))
        __gmpz_mul_2exp(denominator.pointer, b, UInt(max(-shift, 0)))
        __gmpz_fdiv_qr(quotient, remainder, numerator.pointer, denominator.pointer)
    }

    /// The closest rational with denominator at most `maxDenominator`
    /// (Python's `Fraction.limit_denominator`: continued-fraction convergents,
    /// then the better of the last convergent and the best semiconvergent;
    /// ties go to the convergent).
    /// - Throws: `KernelError(.value)` when `maxDenominator` < 1.
    /// - Complexity: O(log maxDenominator) big-integer steps.
    public func limitDenominator(_ maxDenominator: Int64) throws -> Rational {
        guard maxDenominator >= 1 else {
            throw KernelError(.value, "max_den must be at least 1, got \(maxDenominator)")
        }
        let bound = BigInt(maxDenominator)
        if denominator <= bound { return self }
        var (p0, q0, p1, q1) = (BigInt(0), BigInt(1), BigInt(1), BigInt(0))
        var (n, d) = (numerator, denominator)
        while true {
            let a = try n.floorDivided(by: d)
            let q2 = q0 + a * q1
            if q2 > bound { break }
            (p0, q0, p1, q1) = (p1, q1, p0 + a * p1, q2)
            (n, d) = (d, n - a * d)
        }
        let k = try (bound - q0).floorDivided(by: q1)
        let semiconvergent = try Rational(numerator: p0 + k * p1, denominator: q0 + k * q1)
        let convergent = try Rational(numerator: p1, denominator: q1)
        return (convergent - self).magnitude <= (semiconvergent - self).magnitude ? convergent : semiconvergent
    }
}
