import LAKernels

/// A number type whose eliminations `explain` can show. Its text is the one
/// formatting function of the steps: floats print as la prints them, and an
/// exact rational type conforms with its fractions.
protocol ExplainableScalar: EliminationScalar {
    var explainText: String { get }
    /// The elements of `tensor` in row-major order, or nil when one cannot be shown (NaN, ±inf).
    static func elements(of tensor: Tensor) -> [Self]?
    /// An elimination of `rows` with this type's round-off tolerance.
    static func elimination(_ rows: [[Self]]) throws -> Elimination<Self>
}

extension Double: ExplainableScalar {
    var explainText: String { ExplainFormat.number(self) }

    static func elements(of tensor: Tensor) -> [Double]? {
        let values = tensor.toDoubles()
        return values.allSatisfy(\.isFinite) ? values : nil
    }

    static func elimination(_ rows: [[Double]]) throws -> Elimination<Double> { try Elimination(floatRows: rows) }
}

/// Gaussian elimination shown as textbook row operations, swapping rows only
/// when a pivot is zero (the steps a person does by hand; the result printed
/// last is the builtin's own) (`R2 ← R2 − 3.0·R1`,
/// `swap R1 ↔ R2`, `R1 ← R1 / 2.0`; rows counted from 1), each followed by
/// the matrix, for `det`, `inv` (on [A | I]), `solve` (on [A | b]) and `rref`.
enum ExplainElimination {
    /// Matrices with more rows or coefficient columns are summarised.
    static let maxShownSize = 6

    static func det(_ a: Tensor, result: Value) throws -> [String]? {
        a.dtype == .rational ? try det(a, as: ExactEntry.self, result: result) : try det(a, as: Double.self, result: result)
    }

    static func inv(_ a: Tensor, result: Value) throws -> [String]? {
        a.dtype == .rational ? try inv(a, as: ExactEntry.self, result: result) : try inv(a, as: Double.self, result: result)
    }

    static func solve(_ a: Tensor, _ b: Tensor, result: Value) throws -> [String]? {
        a.dtype == .rational || b.dtype == .rational
            ? try solve(a, b, as: ExactEntry.self, result: result) : try solve(a, b, as: Double.self, result: result)
    }

    static func rref(_ a: Tensor, result: Value) throws -> [String]? {
        a.dtype == .rational ? try rref(a, as: ExactEntry.self, result: result) : try rref(a, as: Double.self, result: result)
    }

    private static func det<Scalar: ExplainableScalar>(_ a: Tensor, as _: Scalar.Type, result: Value) throws -> [String]? {
        guard let rows = squareRows(a, as: Scalar.self) else { return nil }
        var lines = ["det(A) for A \(Explain.shape(a)): eliminate below each pivot (a row swap flips the sign),"
                     + " then det = ± the product of the pivots"]
        let (elimination, steps) = recorded(try Scalar.elimination(rows), pivotLimit: rows.count, reduced: false, split: nil)
        lines += steps
        let pivots = (0..<rows.count).map { elimination.rows[$0][$0] }
        guard elimination.pivotColumns.count == rows.count else {
            return lines + ["a column has no pivot, so A is singular: det = 0"] + Explain.resultLines("det(A)", result)
        }
        let sign = elimination.swapCount % 2 == 0 ? "" : "-"
        let swaps = elimination.swapCount == 0 ? "no row swaps" : Explain.counted(elimination.swapCount, "row swap")
        guard rows.count <= maxShownSize else {
            return lines + ["\(swaps), \(rows.count) pivots", "det(A) = \(sign)(product of the pivots) = \(result.printed)"]
        }
        let product = pivots.map { ExplainFormat.parenthesised($0.explainText) }.joined(separator: " × ")
        return lines + ["\(swaps), pivots \(pivots.map(\.explainText).joined(separator: ", "))",
                        "det(A) = \(sign)(\(product)) = \(result.printed)"]
    }

    private static func inv<Scalar: ExplainableScalar>(_ a: Tensor, as _: Scalar.Type, result: Value) throws -> [String]? {
        guard let rows = squareRows(a, as: Scalar.self) else { return nil }
        let n = rows.count
        let augmented = rows.enumerated().map { i, row in row + (0..<n).map { $0 == i ? Scalar.one : Scalar.zero } }
        let header = "inv(A) for A \(Explain.shape(a)): row-reduce [A | I] until the left half is I; the right half is then A⁻¹"
        return try reduced(header, augmented, pivotLimit: n, split: n) + Explain.resultLines("inv(A)", result)
    }

    private static func solve<Scalar: ExplainableScalar>(_ a: Tensor, _ b: Tensor, as _: Scalar.Type,
                                                         result: Value) throws -> [String]? {
        guard let rows = squareRows(a, as: Scalar.self), (1...2).contains(b.ndim), b.shape[0] == rows.count,
              let right = Scalar.elements(of: b) else { return nil }
        let width = b.ndim == 1 ? 1 : b.shape[1]
        let augmented = rows.enumerated().map { i, row in row + right[(i * width)..<((i + 1) * width)] }
        let header = "solve(A, b) for A \(Explain.shape(a)), b \(Explain.shape(b)): row-reduce [A | b] until the left half is I;"
            + " the right half is then x"
        return try reduced(header, augmented, pivotLimit: rows.count, split: rows.count) + Explain.resultLines("x", result)
    }

    private static func rref<Scalar: ExplainableScalar>(_ a: Tensor, as _: Scalar.Type, result: Value) throws -> [String]? {
        guard let rows = matrixRows(a, as: Scalar.self) else { return nil }
        let header = "rref(A) for A \(Explain.shape(a)): make each pivot 1 and clear the rest of its column"
        return try reduced(header, rows, pivotLimit: a.shape[1], split: nil, listsPivots: true) + Explain.resultLines("rref(A)", result)
    }

    /// The header, then the Gauss–Jordan steps on `rows` (with the pivot columns when `listsPivots`).
    private static func reduced<Scalar: ExplainableScalar>(_ header: String, _ rows: [[Scalar]], pivotLimit: Int, split: Int?,
                                                           listsPivots: Bool = false) throws -> [String] {
        let (elimination, steps) = recorded(try Scalar.elimination(rows), pivotLimit: pivotLimit, reduced: true, split: split)
        guard listsPivots else { return [header] + steps }
        let pivots = elimination.pivotColumns.map { String($0 + 1) }.joined(separator: ", ")
        return [header] + steps + ["pivot columns: \(pivots.isEmpty ? "none" : pivots)"]
    }

    /// Runs the elimination and returns it with the lines that show it: the
    /// starting matrix and every step with the matrix after it, or for large
    /// matrices the number of steps only.
    private static func recorded<Scalar: ExplainableScalar>(
        _ start: Elimination<Scalar>, pivotLimit: Int, reduced: Bool, split: Int?
    ) -> (Elimination<Scalar>, [String]) {
        var elimination = start
        let shown = start.rows.count <= maxShownSize && pivotLimit <= maxShownSize
        var lines = shown ? matrix(start.rows, split: split) : []
        var stepCount = 0
        elimination.run(pivotLimit: pivotLimit, reduced: reduced, pivoting: .firstNonzero) { step, after in
            stepCount += 1
            guard shown else { return }
            lines.append(text(of: step))
            lines += matrix(after, split: split)
        }
        if !shown {
            lines.append("(\(Explain.counted(stepCount, "row operation")) on a \(start.rows.count)×\(start.columnCount) matrix, not shown)")
        }
        return (elimination, lines)
    }

    /// A step in textbook notation with rows counted from 1.
    static func text<Scalar: ExplainableScalar>(of step: EliminationStep<Scalar>) -> String {
        switch step {
        case let .swap(a, b):
            return "swap R\(a + 1) ↔ R\(b + 1)"
        case let .divide(row, pivot):
            return "R\(row + 1) ← R\(row + 1) / \(ExplainFormat.parenthesised(pivot.explainText))"
        case let .subtractMultiple(target, source, factor):
            let (sign, magnitude) = factor.isNegative ? ("+", Scalar.zero - factor) : ("−", factor)
            return "R\(target + 1) ← R\(target + 1) \(sign) \(magnitude.explainText)·R\(source + 1)"
        }
    }

    private static func matrix<Scalar: ExplainableScalar>(_ rows: [[Scalar]], split: Int?) -> [String] {
        ExplainFormat.matrix(rows.map { $0.map(\.explainText) }, split: split).map { "  " + $0 }
    }

    private static func squareRows<Scalar: ExplainableScalar>(_ a: Tensor, as _: Scalar.Type) -> [[Scalar]]? {
        guard a.ndim == 2, a.shape[0] == a.shape[1] else { return nil }
        return matrixRows(a, as: Scalar.self)
    }

    /// The rows of a non-empty 2-D matrix of finite numbers (elimination steps on NaN or
    /// infinity would show nothing a reader can follow), else nil.
    private static func matrixRows<Scalar: ExplainableScalar>(_ a: Tensor, as _: Scalar.Type) -> [[Scalar]]? {
        guard a.ndim == 2, a.count > 0, let values = Scalar.elements(of: a) else { return nil }
        let width = a.shape[1]
        return (0..<a.shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
    }
}
