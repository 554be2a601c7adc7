/// An IEEE binary float taken apart for exact decimal conversion:
/// a finite value is `(isNegative ? -1 : 1) · mantissa · 2^exponent`.
///
/// Keeping the source format's own mantissa width matters: a `Float` is
/// printed with float32 uniqueness (`Float(0.1)` prints `0.1`), exactly as
/// NumPy prints float32 elements.
struct BinaryFloat {
    enum Kind { case finite, infinity, nan }

    let kind: Kind
    /// The sign bit, so `-0.0` and `-inf` keep their sign.
    let isNegative: Bool
    let mantissa: UInt64
    let exponent: Int
    /// Index of the highest set bit of `mantissa` (0 when it is zero).
    let mantissaBit: Int
    /// True when the next value up is twice as far away as the next value
    /// down (the value is an exact power of two above the smallest normal).
    let hasUnequalMargins: Bool

    init<F: BinaryFloatingPoint>(_ value: F) {
        let fraction = UInt64(value.significandBitPattern)
        let biasedExponent = Int(value.exponentBitPattern)
        let fractionBits = F.significandBitCount
        let bias = (1 << (F.exponentBitCount - 1)) - 1
        isNegative = value.sign == .minus
        if biasedExponent == (1 << F.exponentBitCount) - 1 {
            kind = fraction == 0 ? .infinity : .nan
            mantissa = 0
            exponent = 0
            mantissaBit = 0
            hasUnequalMargins = false
        } else if biasedExponent != 0 {
            kind = .finite
            mantissa = (1 << UInt64(fractionBits)) | fraction
            exponent = biasedExponent - bias - fractionBits
            mantissaBit = fractionBits
            hasUnequalMargins = biasedExponent != 1 && fraction == 0
        } else {
            kind = .finite
            mantissa = fraction
            exponent = 1 - bias - fractionBits
            mantissaBit = fraction == 0 ? 0 : 63 - fraction.leadingZeroBitCount
            hasUnequalMargins = false
        }
    }
}
