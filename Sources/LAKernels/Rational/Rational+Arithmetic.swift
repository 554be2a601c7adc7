import CGMP

/// Field arithmetic. Each operator first tries the inline `Int64` path with
/// overflow-checked steps and falls back to GMP when any step overflows.
extension Rational {
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if case let (.small(a, b), .small(c, d)) = (lhs.representation, rhs.representation),
           let sum = smallSum(a, b, c, d) {
            return sum
        }
        return bigOperation(lhs, rhs, __gmpq_add)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        lhs + (-rhs)
    }

    public static prefix func - (value: Rational) -> Rational {
        switch value.representation {
        case .small(let numerator, let denominator):
            // Inline numerators exclude Int64.min, so negation cannot overflow.
            return Rational(uncheckedNumerator: -numerator, denominator: denominator)
        case .big(let storage):
            let result = MPQStorage()
            __gmpq_neg(result.pointer, storage.pointer)
            return Rational(normalised: result)
        }
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if case let (.small(a, b), .small(c, d)) = (lhs.representation, rhs.representation),
           let product = smallProduct(a, b, c, d) {
            return product
        }
        return bigOperation(lhs, rhs, __gmpq_mul)
    }

    /// Exact division.
    /// - Throws: `KernelError(.zeroDivision)` when `rhs` is zero.
    public static func / (lhs: Rational, rhs: Rational) throws -> Rational {
        lhs * (try rhs.reciprocal())
    }

    /// 1 / self.
    /// - Throws: `KernelError(.zeroDivision)` when self is zero.
    public func reciprocal() throws -> Rational {
        switch representation {
        case .small(let numerator, let denominator):
            guard numerator != 0 else { throw KernelError(.zeroDivision, "division by zero") }
            return Rational(uncheckedNumerator: numerator < 0 ? -denominator : denominator,
                            denominator: numerator < 0 ? -numerator : numerator)
        case .big(let storage):
            let result = MPQStorage()
            __gmpq_inv(result.pointer, storage.pointer)
            return Rational(normalised: result)
        }
    }

    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
    public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
    public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }

    /// |self|.
    public var magnitude: Rational { signum < 0 ? -self : self }

    /// Runs a GMP binary operation into a fresh `mpq_t` (results of `mpq_add`
    /// and friends are canonical).
    static func bigOperation(
        _ lhs: Rational, _ rhs: Rational,
        _ operation: (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void
    ) -> Rational {
        let result = MPQStorage()
        lhs.withMPQ { x in rhs.withMPQ { y in operation(result.pointer, x, y) } }
        return Rational(normalised: result)
    }

    /// a/b + c/d in Int64 (the algorithm of Python's `Fraction._add`), or nil on overflow.
    static func smallSum(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
        let g = gcd(b, d)
        if g == 1 {
            guard let ad = multiply(a, d), let cb = multiply(c, b),
                  let numerator = add(ad, cb), let denominator = multiply(b, d) else { return nil }
            return inline(numerator, denominator)
        }
        let s = b / g
        guard let left = multiply(a, d / g), let right = multiply(c, s), let t = add(left, right) else { return nil }
        let g2 = gcd(t, g)
        guard let denominator = multiply(s, d / g2) else { return nil }
        return inline(t / g2, denominator)
    }

    /// (a/b)·(c/d) in Int64 with cross-cancellation first, or nil on overflow.
    static func smallProduct(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
        let g1 = gcd(a, d), g2 = gcd(c, b)
        guard let numerator = multiply(a / g1, c / g2),
              let denominator = multiply(b / g2, d / g1) else { return nil }
        return inline(numerator, denominator)
    }

    /// A coprime pair as an inline value, or nil when the numerator is Int64.min.
    private static func inline(_ numerator: Int64, _ denominator: Int64) -> Rational? {
        numerator == .min ? nil : Rational(uncheckedNumerator: numerator, denominator: numerator == 0 ? 1 : denominator)
    }

    private static func multiply(_ x: Int64, _ y: Int64) -> Int64? {
        let (value, overflow) = x.multipliedReportingOverflow(by: y)
        return overflow ? nil : value
    }

    private static func add(_ x: Int64, _ y: Int64) -> Int64? {
        let (value, overflow) = x.addingReportingOverflow(y)
        return overflow ? nil : value
    }

    /// Non-negative gcd of inline parts (never Int64.min, so magnitudes fit);
    /// gcd(0, 0) is taken as 1 so callers can always divide by it.
    static func gcd(_ x: Int64, _ y: Int64) -> Int64 {
        var u = x.magnitude, v = y.magnitude
        while v != 0 { (u, v) = (v, u % v) }
        return u == 0 ? 1 : Int64(u)
    }
}
