import LAKernels

/// A number in a worked line: ints stay ints (checked for overflow), rationals stay
/// exact fractions (with ints), f32 elements stay single precision (and print as
/// such), anything else is an f64.
enum ExplainNumber {
    case int(Int64)
    case exact(Rational)
    case float(Double)
    case single(Float)

    /// The elements of `tensor` in row-major order (bools count as ints).
    static func elements(of tensor: Tensor) throws -> [ExplainNumber] {
        switch tensor.dtype {
        case .i64, .bool: tensor.toInt64s().map { .int($0) }
        case .rational: try tensor.rationalElements().map { .exact($0) }
        case .f32: tensor.toDoubles().map { .single(Float($0)) }
        case .f64: tensor.toDoubles().map { .float($0) }
        }
    }

    var double: Double {
        switch self {
        case .int(let value): Double(value)
        case .exact(let value): value.doubleValue
        case .float(let value): value
        case .single(let value): Double(value)
        }
    }

    /// The exact value of an int or a rational; nil for floats.
    private var exactValue: Rational? {
        switch self {
        case .int(let value): Rational(value)
        case .exact(let value): value
        case .float, .single: nil
        }
    }

    var text: String {
        switch self {
        case .int(let value): ExplainFormat.number(value)
        case .exact(let value): value.description
        case .float(let value): ExplainFormat.number(value)
        case .single(let value): ExplainFormat.number(value)
        }
    }

    /// The text, in parentheses when negative or a fraction, as a factor: `(-3)`, `(1/2)`.
    var parenthesised: String { ExplainFormat.parenthesised(text) }

    /// The text, in parentheses when negative, as a term of a sum: `1/2 + (-3)`.
    var summand: String { text.hasPrefix("-") ? "(\(text))" : text }

    func times(_ other: ExplainNumber) throws -> ExplainNumber {
        if case .single(let a) = self, case .single(let b) = other { return .single(a * b) }
        guard case .int(let a) = self, case .int(let b) = other else {
            if let x = exactValue, let y = other.exactValue { return .exact(x * y) }
            return .float(double * other.double)
        }
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw RuntimeError(.overflowError, "explain: \(a) × \(b) overflows a 64-bit int") }
        return .int(product)
    }

    func plus(_ other: ExplainNumber) throws -> ExplainNumber {
        if case .single(let a) = self, case .single(let b) = other { return .single(a + b) }
        guard case .int(let a) = self, case .int(let b) = other else {
            if let x = exactValue, let y = other.exactValue { return .exact(x + y) }
            return .float(double + other.double)
        }
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
        let pairs = zip(a, b)
        let values = try pairs.map { try $0.times($1) }
        products = WorkedDot.joined(pairs.map { "(\($0.parenthesised)×\($1.parenthesised))" })
        terms = WorkedDot.joined(values.map(\.summand))
        total = try WorkedDot.sum(values)
    }

    /// The sum, in the terms' own kind (an empty sum is the int 0).
    static func sum(_ values: [ExplainNumber]) throws -> ExplainNumber {
        guard let first = values.first else { return .int(0) }
        return try values.dropFirst().reduce(first) { try $0.plus($1) }
    }

    /// `first + second + ... + last`, eliding the middle of long sums.
    static func joined(_ items: [String]) -> String {
        guard items.count > limit, let last = items.last else { return items.joined(separator: " + ") }
        return (items.prefix(3) + ["...", last]).joined(separator: " + ")
    }

    /// `products = terms = total`.
    var text: String { products.isEmpty ? "0 (an empty sum)" : "\(products) = \(terms) = \(total.text)" }
}
