/// A small unsigned big integer holding exactly the operations the Dragon4
/// digit generator needs: shifts, multiplication by small factors and powers
/// of ten, addition, comparison and a quotient-below-ten division.
///
/// Limbs are 32-bit, least significant first, with no trailing zero limbs
/// (zero is the empty array). Values stay below about 2^2300 for binary64
/// inputs, so every operation is a short loop over a few dozen limbs.
struct DigitBigInt: Comparable {
    private(set) var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    /// 2^exponent.
    static func powerOfTwo(_ exponent: Int) -> DigitBigInt {
        var result = DigitBigInt(1)
        result.shiftLeft(exponent)
        return result
    }

    var isZero: Bool { limbs.isEmpty }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    /// self <<= bits.
    mutating func shiftLeft(_ bits: Int) {
        guard bits > 0, !isZero else { return }
        let limbShift = bits / 32
        let bitShift = UInt32(bits % 32)
        if bitShift != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let limb = limbs[i]
                limbs[i] = (limb << bitShift) | carry
                carry = limb >> (32 - bitShift)
            }
            if carry != 0 { limbs.append(carry) }
        }
        limbs.insert(contentsOf: repeatElement(0, count: limbShift), at: 0)
    }

    /// self *= factor.
    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    /// self *= 10^exponent.
    mutating func multiplyByPowerOfTen(_ exponent: Int) {
        var remaining = exponent
        while remaining >= 9 {
            multiply(by: 1_000_000_000)
            remaining -= 9
        }
        var factor: UInt32 = 1
        for _ in 0..<remaining { factor *= 10 }
        multiply(by: factor)
    }

    static func + (lhs: DigitBigInt, rhs: DigitBigInt) -> DigitBigInt {
        var result = lhs
        if result.limbs.count < rhs.limbs.count {
            result.limbs.append(contentsOf: repeatElement(0, count: rhs.limbs.count - result.limbs.count))
        }
        var carry: UInt64 = 0
        for i in result.limbs.indices {
            let sum = UInt64(result.limbs[i]) + (i < rhs.limbs.count ? UInt64(rhs.limbs[i]) : 0) + carry
            result.limbs[i] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        if carry != 0 { result.limbs.append(UInt32(carry)) }
        return result
    }

    /// self -= other; requires self >= other.
    private mutating func subtract(_ other: DigitBigInt) {
        var borrow: Int64 = 0
        for i in limbs.indices {
            var difference = Int64(limbs[i]) - (i < other.limbs.count ? Int64(other.limbs[i]) : 0) - borrow
            borrow = 0
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            }
            limbs[i] = UInt32(truncatingIfNeeded: difference)
        }
        normalize()
    }

    /// Replaces self by `self mod divisor` and returns the quotient, which the
    /// caller guarantees is below 10 (so repeated subtraction is cheap).
    mutating func divideReturningDigit(by divisor: DigitBigInt) -> UInt8 {
        var quotient: UInt8 = 0
        while self >= divisor {
            subtract(divisor)
            quotient += 1
        }
        return quotient
    }

    static func < (lhs: DigitBigInt, rhs: DigitBigInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for i in stride(from: lhs.limbs.count - 1, through: 0, by: -1) where lhs.limbs[i] != rhs.limbs[i] {
            return lhs.limbs[i] < rhs.limbs[i]
        }
        return false
    }
}
