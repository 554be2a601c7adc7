import LAKernels

/// A rational entry of an elimination that `explain` shows with exact fractions
/// (SPEC §8: in exact mode the row operations of det, inv, solve and rref are
/// exact). A wrapper because `Rational`'s `/` throws on a zero divisor, while the
/// elimination divides only by nonzero pivots.
struct ExactEntry: ExplainableScalar {
    let value: Rational

    static var zero: ExactEntry { ExactEntry(value: .zero) }
    static var one: ExactEntry { ExactEntry(value: .one) }
    static func + (lhs: ExactEntry, rhs: ExactEntry) -> ExactEntry { ExactEntry(value: lhs.value + rhs.value) }
    static func - (lhs: ExactEntry, rhs: ExactEntry) -> ExactEntry { ExactEntry(value: lhs.value - rhs.value) }
    static func * (lhs: ExactEntry, rhs: ExactEntry) -> ExactEntry { ExactEntry(value: lhs.value * rhs.value) }
    /// Pivots are nonzero (weight above the zero tolerance), so the quotient always exists.
    static func / (lhs: ExactEntry, rhs: ExactEntry) -> ExactEntry { ExactEntry(value: (try? lhs.value / rhs.value) ?? .zero) }

    /// Any nonzero value weighs more than the zero tolerance, however tiny its double.
    var pivotWeight: Double {
        value == .zero ? 0 : max(value.doubleValue.magnitude, Double.leastNonzeroMagnitude)
    }

    var isNegative: Bool { value.signum < 0 }
    var explainText: String { value.description }

    static func elements(of tensor: Tensor) -> [ExactEntry]? {
        (try? tensor.rationalElements())?.map { ExactEntry(value: $0) }
    }

    static func elimination(_ rows: [[ExactEntry]]) throws -> Elimination<ExactEntry> {
        try Elimination(rows: rows, tolerance: 0)
    }
}
