/// Decimal digit generation for binary floats with NumPy's Dragon4 semantics
/// (Steele & White / Burger & Dybvig with exact big-integer arithmetic).
///
/// In unique mode it emits the shortest digits that read back to the same
/// value, with IEEE round-half-even acceptance of the interval boundaries
/// (the same digits as Python's `repr`). A maximum cutoff stops earlier and
/// rounds the exact value; a minimum cutoff continues past uniqueness with
/// the exact value's digits. Both behaviours are what NumPy's array printer
/// relies on, so they are reproduced exactly here.
enum Dragon4 {
    /// Whether cutoffs count digits after the decimal point or in total.
    enum CutoffMode { case fractionLength, totalLength }

    /// `digits` (each 0...9, first one nonzero unless the value is zero) and
    /// the decimal exponent of the first digit.
    struct Digits {
        var digits: [UInt8]
        var exponent: Int
    }

    /// The digits of a finite `value` (its sign is ignored).
    ///
    /// - Parameters:
    ///   - cutoffMax: print at most this many digits (per `mode`), rounding the rest.
    ///   - cutoffMin: print at least this many digits, even past uniqueness.
    /// - Complexity: O(d · n) for d digits over n-limb integers (n ≤ ~70).
    static func digits(of value: BinaryFloat, mode: CutoffMode, cutoffMax: Int?, cutoffMin: Int?) -> Digits {
        if value.mantissa == 0 { return Digits(digits: [0], exponent: 0) }

        // value = scaledValue / scale; the margins are half the distances to
        // the neighbouring floats, on the same scale. Everything is doubled
        // (quadrupled with unequal margins) so the margins are integers.
        var scaledValue = DigitBigInt(value.mantissa)
        var scale: DigitBigInt
        var marginLow: DigitBigInt
        let highMarginFactor: UInt32 = value.hasUnequalMargins ? 2 : 1
        let extraShift = value.hasUnequalMargins ? 2 : 1
        if value.exponent > 0 {
            scaledValue.shiftLeft(value.exponent + extraShift)
            scale = DigitBigInt(UInt64(1) << UInt64(extraShift))
            marginLow = DigitBigInt.powerOfTwo(value.exponent)
        } else {
            scaledValue.shiftLeft(extraShift)
            scale = DigitBigInt.powerOfTwo(-value.exponent + extraShift)
            marginLow = DigitBigInt(1)
        }

        // An estimate of floor(log10(value)) + 1 that is exact or one too low.
        let log10Of2 = 0.30102999566398119521373889472449
        var digitExponent = Int((Double(value.mantissaBit + value.exponent) * log10Of2 - 0.69).rounded(.up))
        if mode == .fractionLength, let cutoffMax, digitExponent <= -cutoffMax {
            // Nothing to print before the cutoff: start at the cutoff digit and let rounding decide.
            digitExponent = -cutoffMax + 1
        }
        if digitExponent > 0 {
            scale.multiplyByPowerOfTen(digitExponent)
        } else if digitExponent < 0 {
            scaledValue.multiplyByPowerOfTen(-digitExponent)
            marginLow.multiplyByPowerOfTen(-digitExponent)
        }
        if scaledValue >= scale {
            digitExponent += 1
        } else {
            scaledValue.multiply(by: 10)
            marginLow.multiply(by: 10)
        }

        var cutoffMaxExponent: Int?
        if let cutoffMax {
            cutoffMaxExponent = mode == .totalLength ? digitExponent - cutoffMax : -cutoffMax
        }
        var cutoffMinExponent = digitExponent
        if let cutoffMin {
            cutoffMinExponent = min(digitExponent, mode == .totalLength ? digitExponent - cutoffMin : -cutoffMin)
        }
        var result = Digits(digits: [], exponent: digitExponent - 1)

        let isEven = value.mantissa & 1 == 0
        var digit: UInt8 = 0
        var low = false
        var high = false
        while true {
            digitExponent -= 1
            digit = scaledValue.divideReturningDigit(by: scale)
            var marginHigh = marginLow
            marginHigh.multiply(by: highMarginFactor)
            let valueHigh = scaledValue + marginHigh
            low = isEven ? scaledValue <= marginLow : scaledValue < marginLow
            high = isEven ? valueHigh >= scale : valueHigh > scale
            if ((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent {
                break
            }
            result.digits.append(digit)
            scaledValue.multiply(by: 10)
            marginLow.multiply(by: 10)
        }

        // Round the last digit: toward the nearer neighbour, ties to an even digit.
        var roundDown = low
        if low == high {
            var twice = scaledValue
            twice.multiply(by: 2)
            roundDown = twice == scale ? digit & 1 == 0 : twice < scale
        }
        if roundDown {
            result.digits.append(digit)
        } else if digit < 9 {
            result.digits.append(digit + 1)
        } else {
            while result.digits.last == 9 { result.digits.removeLast() }
            if let last = result.digits.indices.last {
                result.digits[last] += 1
            } else {
                result.digits = [1]
                result.exponent += 1
            }
        }
        return result
    }
}
