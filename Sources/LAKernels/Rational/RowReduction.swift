/// One elementary row operation of a recorded elimination (rows are 0-based).
public enum RowOperation: Sendable, Hashable, CustomStringConvertible {
    /// Exchange two rows.
    case swap(Int, Int)
    /// Multiply a row by a nonzero factor.
    case scale(row: Int, by: Rational)
    /// Add `factor` times row `source` to row `target`.
    case addMultiple(target: Int, source: Int, factor: Rational)

    /// "R0 ↔ R2", "R1 ← 1/2·R1", "R2 ← R2 + -3·R0".
    public var description: String {
        switch self {
        case let .swap(a, b): return "R\(a) ↔ R\(b)"
        case let .scale(row, factor): return "R\(row) ← \(factor)·R\(row)"
        case let .addMultiple(target, source, factor): return "R\(target) ← R\(target) + \(factor)·R\(source)"
        }
    }
}

/// Row reduction with rational arithmetic (Gauss–Jordan), which can record
/// its steps for `explain`, and the LU factorisation.
extension RationalMatrix {
    /// The reduced row echelon form and its pivot columns.
    /// - Complexity: O(rows² · columns) rational operations; allocates a copy.
    public func rref() -> (form: RationalMatrix, pivots: [Int]) {
        let result = gaussJordan(pivotColumns: columns, recordSteps: false)
        return (result.form, result.pivots)
    }

    /// The reduced row echelon form, its pivot columns and the row operations
    /// that produce it, in order.
    /// - Complexity: as `rref()`, plus one recorded step per operation.
    public func rrefWithSteps() -> (form: RationalMatrix, pivots: [Int], steps: [RowOperation]) {
        gaussJordan(pivotColumns: columns, recordSteps: true)
    }

    /// The inverse by Gauss–Jordan on [self | I], with the row operations
    /// that turn self into I (and so I into the inverse).
    /// - Throws: `KernelError(.shape)` unless square, `KernelError(.value,
    ///   "matrix is singular")` when singular.
    /// - Complexity: O(n³) rational operations; allocates the n × 2n augmented matrix.
    public func invWithSteps() throws -> (inverse: RationalMatrix, steps: [RowOperation]) {
        try requireSquare("inv")
        let n = rows
        let identity = try RationalMatrix.identity(n)
        var augmented: [Rational] = []
        augmented.reserveCapacity(2 * n * n)
        for i in 0..<n { augmented += row(i); augmented += identity.row(i) }
        let reduced = try RationalMatrix(rows: n, columns: 2 * n, elements: augmented)
            .gaussJordan(pivotColumns: n, recordSteps: true)
        guard reduced.pivots.count == n else { throw KernelError(.value, "matrix is singular") }
        let inverse = (0..<n).flatMap { reduced.form.row($0).suffix(n) }
        return (try RationalMatrix(rows: n, columns: n, elements: inverse), reduced.steps)
    }

    /// Gauss–Jordan elimination choosing pivots in columns `0..<pivotColumns`,
    /// each the first nonzero entry at or below the current row.
    func gaussJordan(pivotColumns: Int, recordSteps: Bool) -> (form: RationalMatrix, pivots: [Int], steps: [RowOperation]) {
        var form = self
        var pivots: [Int] = []
        var steps: [RowOperation] = []
        var row = 0
        for column in 0..<min(pivotColumns, columns) where row < rows {
            guard let pivotRow = (row..<rows).first(where: { form[unchecked: $0, column] != .zero }) else { continue }
            if pivotRow != row {
                form.swapRows(pivotRow, row)
                if recordSteps { steps.append(.swap(row, pivotRow)) }
            }
            let pivot = form[unchecked: row, column]
            if pivot != .one, let factor = try? pivot.reciprocal() {
                for j in column..<columns { form[unchecked: row, j] *= factor }
                if recordSteps { steps.append(.scale(row: row, by: factor)) }
            }
            for target in 0..<rows where target != row {
                let factor = -form[unchecked: target, column]
                if factor == .zero { continue }
                form.addMultiple(of: row, times: factor, to: target, from: column)
                if recordSteps { steps.append(.addMultiple(target: target, source: row, factor: factor)) }
            }
            pivots.append(column)
            row += 1
        }
        return (form, pivots, steps)
    }

    /// The factorisation P · self = L · U: P a permutation matrix, L unit
    /// lower triangular (rows × rows), U upper (row echelon) with self's shape.
    /// Each pivot is the first nonzero entry at or below the current row;
    /// columns without one are skipped, so singular and rectangular inputs
    /// factor too.
    /// - Complexity: O(rows² · columns) rational operations; allocates P, L and U.
    public func lu() throws -> (p: RationalMatrix, l: RationalMatrix, u: RationalMatrix) {
        var upper = self
        var lower = try RationalMatrix.identity(rows)
        var permutation = Array(0..<rows)
        var row = 0
        for column in 0..<columns where row < rows {
            guard let pivotRow = (row..<rows).first(where: { upper[unchecked: $0, column] != .zero }) else { continue }
            if pivotRow != row {
                upper.swapRows(pivotRow, row)
                permutation.swapAt(pivotRow, row)
                for j in 0..<row { lower.swapEntries((pivotRow, j), (row, j)) }
            }
            let pivot = upper[unchecked: row, column]
            for target in (row + 1)..<rows {
                let entry = upper[unchecked: target, column]
                if entry == .zero { continue }
                guard let multiplier = try? entry / pivot else { continue }  // pivot is nonzero
                lower[unchecked: target, row] = multiplier
                upper.addMultiple(of: row, times: -multiplier, to: target, from: column)
            }
            row += 1
        }
        var p = try RationalMatrix.zeros(rows: rows, columns: rows)
        for (i, source) in permutation.enumerated() { p[unchecked: i, source] = .one }
        return (p, lower, upper)
    }

    mutating func swapRows(_ a: Int, _ b: Int) {
        for j in 0..<columns { swapEntries((a, j), (b, j)) }
    }

    mutating func swapEntries(_ a: (Int, Int), _ b: (Int, Int)) {
        elements.swapAt(a.0 * columns + a.1, b.0 * columns + b.1)
    }

    /// row[target] += factor · row[source], for columns from `firstColumn` on
    /// (entries left of it are zero in the source row).
    mutating func addMultiple(of source: Int, times factor: Rational, to target: Int, from firstColumn: Int) {
        for j in firstColumn..<columns {
            let value = self[unchecked: source, j]
            if value != .zero { self[unchecked: target, j] += factor * value }
        }
    }
}
