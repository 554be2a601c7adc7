/// The arithmetic Gaussian elimination needs. `Double` conforms; an exact
/// number type can conform too, and then the same steps run exactly.
public protocol EliminationScalar: Equatable {
    static var zero: Self { get }
    static var one: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    /// The entry's size for choosing pivots (its magnitude, or an approximation of it);
    /// entries at most the elimination's tolerance count as zero.
    var pivotWeight: Double { get }
    var isNegative: Bool { get }
}

extension Double: EliminationScalar {
    public static var one: Double { 1 }
    public var pivotWeight: Double { magnitude }
    public var isNegative: Bool { self < 0 }
}

/// One elementary row operation (rows are 0-based).
public enum EliminationStep<Scalar: EliminationScalar> {
    /// Exchange two rows.
    case swap(Int, Int)
    /// Divide a row by its pivot, making the pivot 1.
    case divide(row: Int, by: Scalar)
    /// `rows[target] -= factor × rows[source]`.
    case subtractMultiple(target: Int, source: Int, factor: Scalar)
}

/// How an elimination picks each pivot among the rows not yet used.
public enum PivotChoice: Sendable {
    /// The largest entry (partial pivoting): the numerically stable choice for floats.
    case largest
    /// The first nonzero entry, swapping only when the pivot is zero: the steps a
    /// person does by hand, and the natural choice for exact numbers.
    case firstNonzero
}

/// Gaussian elimination on a small dense matrix, one
/// row operation at a time, so that callers (rref, explain) can show every step.
public struct Elimination<Scalar: EliminationScalar> {
    /// The matrix as it stands after the steps run so far.
    public private(set) var rows: [[Scalar]]
    public let columnCount: Int
    /// The column of each pivot found, in order (row i holds pivot i).
    public private(set) var pivotColumns: [Int] = []
    /// How many row exchanges were made (the determinant's sign is (-1)^swapCount).
    public private(set) var swapCount = 0
    /// Entries whose `pivotWeight` is at most this count as zero (float round-off).
    public let tolerance: Double

    /// - Throws: `KernelError(.shape)` when the rows differ in length.
    public init(rows: [[Scalar]], tolerance: Double) throws {
        let columnCount = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columnCount }) else {
            throw KernelError(.shape, "elimination: the rows of the matrix differ in length")
        }
        self.rows = rows
        self.columnCount = columnCount
        self.tolerance = tolerance
    }

    /// Eliminates over the columns `0..<pivotLimit` (the coefficient part of an
    /// augmented matrix). `reduced` runs Gauss–Jordan to reduced row echelon form
    /// (pivots divided to 1, cleared above and below); otherwise it stops at row
    /// echelon form (cleared below only), as a determinant needs. `observe`
    /// receives each step and the matrix after it.
    /// - Complexity: O(m · n · min(m, pivotLimit)) scalar operations for an m×n matrix;
    ///   one matrix copy is passed to `observe` per step.
    public mutating func run(pivotLimit: Int, reduced: Bool, pivoting: PivotChoice = .largest,
                             observe: (EliminationStep<Scalar>, [[Scalar]]) -> Void = { _, _ in }) {
        var row = 0
        for column in 0..<min(pivotLimit, columnCount) where row < rows.count {
            guard let pivotRow = pivotRow(column: column, from: row, pivoting) else { continue }
            if pivotRow != row {
                rows.swapAt(pivotRow, row)
                swapCount += 1
                observe(.swap(row, pivotRow), rows)
            }
            let pivot = rows[row][column]
            if reduced && pivot != .one {
                rows[row] = rows[row].map { cleaned($0 / pivot) }
                rows[row][column] = .one
                observe(.divide(row: row, by: pivot), rows)
            }
            for target in (reduced ? 0 : row + 1)..<rows.count where target != row {
                let entry = rows[target][column]
                if entry.pivotWeight <= tolerance {
                    rows[target][column] = .zero
                    continue
                }
                let factor = reduced ? entry : entry / pivot
                subtract(factor, timesRow: row, fromRow: target, pivotColumn: column)
                observe(.subtractMultiple(target: target, source: row, factor: factor), rows)
            }
            pivotColumns.append(column)
            row += 1
        }
    }

    /// The pivot's row at or below `from` for `column`, or nil when every candidate is negligible.
    private func pivotRow(column: Int, from: Int, _ pivoting: PivotChoice) -> Int? {
        let candidates = from..<rows.count
        switch pivoting {
        case .firstNonzero:
            return candidates.first { rows[$0][column].pivotWeight > tolerance }
        case .largest:
            guard let best = candidates.max(by: { rows[$0][column].pivotWeight < rows[$1][column].pivotWeight }) else { return nil }
            return rows[best][column].pivotWeight > tolerance ? best : nil
        }
    }

    /// `rows[target] -= factor × rows[source]`, with the pivot column made exactly
    /// zero and round-off below the tolerance cleared.
    private mutating func subtract(_ factor: Scalar, timesRow source: Int, fromRow target: Int, pivotColumn: Int) {
        for j in 0..<columnCount {
            let value = rows[target][j] - factor * rows[source][j]
            rows[target][j] = j == pivotColumn ? .zero : cleaned(value)
        }
    }

    /// Zero for values within round-off of it (and for a float's -0.0), else the value.
    private func cleaned(_ value: Scalar) -> Scalar {
        value.pivotWeight <= tolerance ? .zero : value
    }
}

extension Elimination where Scalar == Double {
    /// A float elimination with the usual round-off tolerance,
    /// max(m, n) · ε · max|entry| (as NumPy's `matrix_rank` uses).
    public init(floatRows rows: [[Double]]) throws {
        let largest = rows.lazy.flatMap { $0 }.reduce(0) { max($0, $1.magnitude) }
        let size = max(rows.count, rows.first?.count ?? 0)
        try self.init(rows: rows, tolerance: Double(size) * Double.ulpOfOne * largest)
    }
}
