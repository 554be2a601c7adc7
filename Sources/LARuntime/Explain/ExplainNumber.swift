import LAKernels

/// A number in a worked line: ints stay ints (checked for overflow), anything else is a float.
enum ExplainNumber {
    case int(Int64)
    case float(Double)

    /// The elements of `tensor` in row-major order (bools count as ints).
    static func elements(of tensor: Tensor) -> [ExplainNumber] {
        switch tensor.dtype {
        case .i64, .bool: tensor.toInt64s().map { .int($0) }
        case .f32, .f64: tensor.toDoubles().map { .float($0) }
        }
    }

    var double: Double {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        }
    }

    var text: String {
        switch self {
        case .int(let value): ExplainFormat.number(value)
        case .float(let value): ExplainFormat.number(value)
        }
    }

    /// The text, in parentheses when negative: `(-3)`.
    var parenthesised: String { ExplainFormat.parenthesised(text) }

    func times(_ other: ExplainNumber) throws -> ExplainNumber {
        guard case .int(let a) = self, case .int(let b) = other else { return .float(double * other.double) }
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw RuntimeError(.overflowError, "explain: \(a) × \(b) overflows a 64-bit int") }
        return .int(product)
    }

    func plus(_ other: ExplainNumber) throws -> ExplainNumber {
        guard case .int(let a) = self, case .int(let b) = other else { return .float(double + other.double) }
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw RuntimeError(.overflowError, "explain: \(a) + \(b) overflows a 64-bit int") }
        return .int(sum)
    }
}

/// A sum of products worked out: `(1×4) + (2×5) + (3×6) = 4 + 10 + 18 = 32`.
/// More than `limit` terms are elided to the first three and the last.
struct WorkedDot {
    static let limit = 8
    var products: String
    var terms: String
    var total: ExplainNumber

    init(_ a: [ExplainNumber], _ b: [ExplainNumber]) throws {
        var productTexts: [String] = []
        var termTexts: [String] = []
        var total = ExplainNumber.int(0)
        for (x, y) in zip(a, b) {
            let product = try x.times(y)
            productTexts.append("(\(x.parenthesised)×\(y.parenthesised))")
            termTexts.append(product.parenthesised)
            total = try total.plus(product)
        }
        products = WorkedDot.joined(productTexts)
        terms = WorkedDot.joined(termTexts)
        self.total = total
    }

    /// `first + second + ... + last`, eliding the middle of long sums.
    static func joined(_ items: [String]) -> String {
        guard items.count > limit, let last = items.last else { return items.joined(separator: " + ") }
        return (items.prefix(3) + ["...", last]).joined(separator: " + ")
    }

    /// `products = terms = total`.
    var text: String { "\(products) = \(terms) = \(total.text)" }
}
