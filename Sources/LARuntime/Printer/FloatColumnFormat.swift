/// The element formatter NumPy builds for a float array (`FloatingFormat`
/// in `numpy/_core/arrayprint.py` with the default print options:
/// precision 8, floatmode `maxprec`, no `suppress`, sign `-`).
///
/// One pass over the shown elements decides between positional and
/// scientific notation and finds the widths that align every element on
/// its decimal point; `format` then renders each element at those widths.
struct FloatColumnFormat {
    private static let maxPrecision = 8

    private let scientific: Bool
    private let precision: Int
    private let minDigits: Int?
    private let trim: FloatFormat.Trim
    private let padLeft: Int
    private let padRight: Int
    private let exponentDigits: Int

    /// - Complexity: O(n) digit generations for the n shown elements.
    init<F: BinaryFloatingPoint>(_ values: [F]) {
        let finite = values.filter { $0.isFinite }
        scientific = Self.needsScientific(finite)
        var precision = Self.maxPrecision
        var minDigits: Int? = nil
        var trim = FloatFormat.Trim.zeros
        var padLeft = 0
        var padRight = 0
        var exponentDigits = 2
        // With no finite element (only nan/inf) the padding below alone sizes the column.
        if scientific {
            let parts = finite.map {
                Self.split(FloatFormat.scientific(BinaryFloat($0), precision: precision, trim: .zeros))
            }
            // Every element then shows as many fraction digits as the longest needs.
            exponentDigits = parts.map { $0.exponent.utf8.count - 1 }.max() ?? 2
            precision = parts.map { $0.fraction.utf8.count }.max() ?? 0
            minDigits = precision
            trim = .keep
            padLeft = parts.map { $0.whole.utf8.count }.max() ?? 0
            padRight = exponentDigits + 2 + precision
        } else if !finite.isEmpty {
            // At most 8 fraction digits, fewer when the shortest unique digits need fewer.
            let parts = finite.map {
                Self.split(FloatFormat.positional(BinaryFloat($0), precision: precision, trim: .zeros))
            }
            minDigits = 0
            padLeft = parts.map { $0.whole.utf8.count }.max() ?? 0
            padRight = parts.map { $0.fraction.utf8.count }.max() ?? 0
        }
        if finite.count != values.count {
            // Make room for `nan`, `inf` and `-inf`, right-aligned with the column.
            let negativeInfinity = values.contains { $0.isInfinite && $0 < 0 }
            let pointAndRight = padRight + 1
            padLeft = max(padLeft, 3 - pointAndRight, 3 + (negativeInfinity ? 1 : 0) - pointAndRight)
        }
        self.precision = precision
        self.minDigits = minDigits
        self.trim = trim
        self.padLeft = padLeft
        self.padRight = padRight
        self.exponentDigits = exponentDigits
    }

    /// One element, padded to the column width.
    func format<F: BinaryFloatingPoint>(_ value: F) -> String {
        let bits = BinaryFloat(value)
        if !value.isFinite {
            let text = value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: max(padLeft + padRight + 1 - text.utf8.count, 0)) + text
        }
        if scientific {
            return FloatFormat.scientific(bits, precision: precision, minDigits: minDigits, trim: trim,
                                          padLeft: padLeft, exponentDigits: exponentDigits)
        }
        return FloatFormat.positional(bits, precision: precision, minDigits: minDigits, trim: trim,
                                      padLeft: padLeft, padRight: padRight)
    }

    /// NumPy's switch: scientific when the largest nonzero magnitude reaches
    /// 10^min(8, type precision) (1e8 for f64, 1e6 for f32), the smallest is
    /// below 1e-4, or they differ by more than a factor 1000. The comparisons
    /// run in the element type, as NumPy's do.
    private static func needsScientific<F: BinaryFloatingPoint>(_ finite: [F]) -> Bool {
        var largest: F? = nil
        var smallest: F? = nil
        for value in finite where value != 0 {
            let magnitude = abs(value)
            largest = max(largest ?? magnitude, magnitude)
            smallest = min(smallest ?? magnitude, magnitude)
        }
        guard let largest, let smallest else { return false }
        // NumPy's finfo precision: floor(-log10(epsilon)) = floor(fraction bits · log10 2).
        let decimalPrecision = Int(Double(F.significandBitCount) * 0.30102999566398119)
        var cutoff: F = 1
        for _ in 0..<min(8, decimalPrecision) { cutoff *= 10 }
        return largest >= cutoff || smallest < F(0.0001) || largest / smallest > 1000
    }

    /// `-1.25e+03` → whole `-1`, fraction `25`, exponent `+03` (empty when positional).
    private static func split(_ text: String) -> (whole: Substring, fraction: Substring, exponent: Substring) {
        let mantissa = text.prefix { $0 != "e" }
        let exponent = text.dropFirst(mantissa.count + 1)
        let whole = mantissa.prefix { $0 != "." }
        return (whole, mantissa.dropFirst(whole.count + 1), exponent)
    }
}
