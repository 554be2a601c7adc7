/// Text for one float, in NumPy's `format_float_positional` /
/// `format_float_scientific` conventions (always with unique digits), plus
/// the scalar `repr`/`str` that switches between them.
enum FloatFormat {
    /// What happens to trailing zeros and the decimal point (NumPy's `trim`).
    enum Trim {
        /// `'k'`: keep trailing zeros and the point.
        case keep
        /// `'.'`: drop trailing zeros, keep the point (`1.`).
        case zeros
        /// `'0'`: drop trailing zeros but keep one after the point (`1.0`).
        case leaveOneZero
        /// `'-'`: drop trailing zeros and a bare point (`1`).
        case pointAndZeros
    }

    /// Positional text such as `-12.5`.
    ///
    /// - Parameters:
    ///   - precision: at most this many digits after the point (nil: as many as unique needs).
    ///   - minDigits: at least this many digits after the point.
    ///   - padLeft: pad with spaces until this many characters precede the point.
    ///   - padRight: pad with spaces until this many characters follow the point.
    static func positional(_ value: BinaryFloat, precision: Int? = nil, minDigits: Int? = nil,
                           trim: Trim, padLeft: Int = 0, padRight: Int? = nil) -> String {
        if let special = nonFinite(value) { return special }
        let result = Dragon4.digits(of: value, mode: .fractionLength, cutoffMax: precision, cutoffMin: minDigits)
        let digits = result.digits.map { UInt8(ascii: "0") + $0 }
        var text: [UInt8] = value.isNegative ? [UInt8(ascii: "-")] : []
        let signWidth = text.count
        var wholeDigits: Int
        var fractionDigits = 0
        if result.exponent >= 0 {
            wholeDigits = result.exponent + 1
            if digits.count <= wholeDigits {
                text += digits
                text += repeatElement(UInt8(ascii: "0"), count: wholeDigits - digits.count)
            } else {
                text += digits[..<wholeDigits]
                text.append(UInt8(ascii: "."))
                text += digits[wholeDigits...]
                fractionDigits = digits.count - wholeDigits
            }
        } else {
            wholeDigits = 1
            text += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            text += repeatElement(UInt8(ascii: "0"), count: -(result.exponent + 1))
            text += digits
            fractionDigits = digits.count - (result.exponent + 1)
        }
        if trim != .pointAndZeros && fractionDigits == 0 { text.append(UInt8(ascii: ".")) }
        applyTrim(trim, to: &text, fractionDigits: &fractionDigits, minDigits: minDigits ?? 0)
        // Only positional text drops a point left bare by trimming (NumPy keeps `1.e+05`).
        if trim == .pointAndZeros && text.last == UInt8(ascii: ".") { text.removeLast() }

        if let padRight, padRight >= fractionDigits {
            if trim == .pointAndZeros && fractionDigits == 0 { text.append(UInt8(ascii: " ")) }
            text += repeatElement(UInt8(ascii: " "), count: padRight - fractionDigits)
        }
        let leftShift = padLeft - (wholeDigits + signWidth)
        if leftShift > 0 { text.insert(contentsOf: repeatElement(UInt8(ascii: " "), count: leftShift), at: 0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Scientific text such as `-1.25e+03`.
    ///
    /// - Parameters:
    ///   - precision: at most this many digits after the point (nil: as many as unique needs).
    ///   - minDigits: at least this many digits after the point.
    ///   - padLeft: pad with spaces until this many characters precede the point.
    ///   - exponentDigits: at least this many exponent digits (default 2).
    static func scientific(_ value: BinaryFloat, precision: Int? = nil, minDigits: Int? = nil,
                           trim: Trim, padLeft: Int = 0, exponentDigits: Int = 2) -> String {
        if let special = nonFinite(value) { return special }
        var text: [UInt8] = []
        let leftChars = value.isNegative ? 2 : 1
        if padLeft > leftChars { text += repeatElement(UInt8(ascii: " "), count: padLeft - leftChars) }
        if value.isNegative { text.append(UInt8(ascii: "-")) }
        let result = Dragon4.digits(of: value, mode: .totalLength,
                                    cutoffMax: precision.map { $0 + 1 }, cutoffMin: minDigits.map { $0 + 1 })
        let digits = result.digits.map { UInt8(ascii: "0") + $0 }
        text.append(digits[0])
        var fractionDigits = digits.count - 1
        if fractionDigits > 0 {
            text.append(UInt8(ascii: "."))
            text += digits[1...]
        } else if trim != .pointAndZeros {
            text.append(UInt8(ascii: "."))
        }
        applyTrim(trim, to: &text, fractionDigits: &fractionDigits, minDigits: minDigits ?? 0)

        var exponent = String(result.exponent.magnitude)
        if exponent.utf8.count < exponentDigits {
            exponent = String(repeating: "0", count: exponentDigits - exponent.utf8.count) + exponent
        }
        return String(decoding: text, as: UTF8.self) + (result.exponent < 0 ? "e-" : "e+") + exponent
    }

    /// The shortest text that reads back to the same value, positional when
    /// `1e-4 <= |value| < upperBound` (or zero) and scientific otherwise:
    /// Python's `repr(float)` with `upperBound` 1e16, NumPy's float32 `str`
    /// with 1e6.
    static func shortest(_ value: BinaryFloat, magnitude: Double, upperBound: Double) -> String {
        if magnitude == 0 || (magnitude >= 1e-4 && magnitude < upperBound) {
            return positional(value, trim: .leaveOneZero)
        }
        return scientific(value, trim: .pointAndZeros)
    }

    private static func nonFinite(_ value: BinaryFloat) -> String? {
        switch value.kind {
        case .finite: nil
        case .nan: "nan"
        case .infinity: value.isNegative ? "-inf" : "inf"
        }
    }

    /// Adds or removes trailing zeros after the generated digits; `text`
    /// already ends with its fraction digits (or the bare point).
    private static func applyTrim(_ trim: Trim, to text: inout [UInt8], fractionDigits: inout Int, minDigits: Int) {
        switch trim {
        case .leaveOneZero where fractionDigits == 0:
            text.append(UInt8(ascii: "0"))
            fractionDigits += 1
        case .keep where minDigits > fractionDigits:
            text += repeatElement(UInt8(ascii: "0"), count: minDigits - fractionDigits)
            fractionDigits = minDigits
        default:
            break
        }
        guard trim != .keep, fractionDigits > 0 else { return }
        while text.last == UInt8(ascii: "0") {
            text.removeLast()
            fractionDigits -= 1
        }
        if text.last == UInt8(ascii: ".") && trim == .leaveOneZero {
            text.append(UInt8(ascii: "0"))
            fractionDigits += 1
        }
    }
}
