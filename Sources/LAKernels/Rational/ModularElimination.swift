/// Elimination of residue matrices modulo a `SmallPrimeField`, in place on
/// row-major storage (row i starts at `a + i * stride`), with lazy reduction:
/// entries absorb one unreduced product per step and the active block is
/// reduced every `lazyUpdates` steps. Entries must start loosely reduced.
extension SmallPrimeField {
    /// Reduces column `column` of rows `rows` and returns the first row with
    /// a nonzero entry there (loosely reduced residues are zero only when 0).
    private func pivotRow(_ a: UnsafeMutablePointer<Double>, stride: Int, column: Int, rows: Range<Int>) -> Int? {
        var found: Int?
        for i in rows {
            let entry = reduce(a[i * stride + column])
            a[i * stride + column] = entry
            if found == nil, entry != 0 { found = i }
        }
        return found
    }

    /// Swaps rows i and j over columns `0..<count`.
    private func swapRows(_ a: UnsafeMutablePointer<Double>, stride: Int, _ i: Int, _ j: Int, count: Int) {
        guard i != j else { return }
        for column in 0..<count { swap(&a[i * stride + column], &a[j * stride + column]) }
    }

    /// Reduces rows `rows` over columns `columns`.
    private func reduce(_ a: UnsafeMutablePointer<Double>, stride: Int, rows: Range<Int>, columns: Range<Int>) {
        for i in rows { reduce(a + i * stride + columns.lowerBound, count: columns.count) }
    }

    /// LU factorisation with row pivoting of the n × n block: afterwards rows
    /// are permuted (row k was swapped with row `pivotRows[k]` at step k, as
    /// in LAPACK's getrf), the strict lower part holds the multipliers of L
    /// (unit diagonal implicit) and the upper part U, all reduced; the pivot
    /// inverses go to `pivotInverses`. Both outputs are optional (n entries each).
    ///
    /// - Returns: det of the block, reduced; nil when it is singular modulo p
    ///   (elimination stops there).
    /// - Complexity: n³/3 FMAs plus O(n²) reductions; allocates nothing.
    func factorise(_ a: UnsafeMutablePointer<Double>, n: Int, stride: Int,
                   pivotRows: UnsafeMutablePointer<Int>? = nil, pivotInverses: UnsafeMutablePointer<Double>? = nil) -> Double? {
        var determinant = 1.0
        var sinceReduction = 0
        for k in 0..<n {
            if sinceReduction == lazyUpdates {
                reduce(a, stride: stride, rows: k..<n, columns: k..<n)
                sinceReduction = 0
            }
            guard let pivotRow = pivotRow(a, stride: stride, column: k, rows: k..<n) else { return nil }
            if pivotRow != k {
                swapRows(a, stride: stride, pivotRow, k, count: n)
                determinant = -determinant
            }
            pivotRows?[k] = pivotRow
            let row = a + k * stride
            reduce(row + k + 1, count: n - k - 1)
            determinant = multiply(determinant, row[k])
            let pivotInverse = inverse(row[k])
            pivotInverses?[k] = pivotInverse
            for i in (k + 1)..<n {
                let target = a + i * stride
                let multiplier = multiply(target[k], pivotInverse)
                target[k] = multiplier
                if multiplier != 0 {
                    Self.addMultiple(-multiplier, of: row + k + 1, to: target + k + 1, count: n - k - 1)
                }
            }
            sinceReduction += 1
        }
        return determinant
    }

    /// Inverts the n × n block in place by Gauss–Jordan elimination (each
    /// eliminated column of A holds the matching column of the inverse
    /// being built, so no identity is stored).
    ///
    /// - Returns: false when the block is singular modulo p (the block is then garbage).
    /// - Complexity: n³ FMAs plus O(n²) reductions; allocates the n swaps.
    func invert(_ a: UnsafeMutablePointer<Double>, n: Int, stride: Int) -> Bool {
        var swaps = [Int](repeating: 0, count: n)
        var sinceReduction = 0
        for k in 0..<n {
            if sinceReduction == lazyUpdates {
                reduce(a, stride: stride, rows: 0..<n, columns: 0..<n)
                sinceReduction = 0
            }
            guard let pivotRow = pivotRow(a, stride: stride, column: k, rows: k..<n) else { return false }
            swapRows(a, stride: stride, pivotRow, k, count: n)
            swaps[k] = pivotRow
            let row = a + k * stride
            let pivotInverse = inverse(row[k])
            row[k] = 1
            for j in 0..<n { row[j] = multiply(reduce(row[j]), pivotInverse) }
            for i in 0..<n where i != k {
                let target = a + i * stride
                let factor = reduce(target[k])
                target[k] = 0
                if factor != 0 { Self.addMultiple(-factor, of: row, to: target, count: n) }
            }
            sinceReduction += 1
        }
        // The inverse of the row-permuted matrix; undo the swaps on its columns.
        for k in Swift.stride(from: n - 1, through: 0, by: -1) where swaps[k] != k {
            for i in 0..<n { swap(&a[i * stride + k], &a[i * stride + swaps[k]]) }
        }
        reduce(a, stride: stride, rows: 0..<n, columns: 0..<n)
        return true
    }
}

/// A square matrix factorised modulo a prime (`SmallPrimeField.factorise`),
/// for solving many right-hand sides at O(n²) each.
struct ModularLU {
    let field: SmallPrimeField
    let n: Int
    /// L (strictly lower, unit diagonal implicit) and U, row-major n × n.
    let factors: [Double]
    let pivotRows: [Int]
    let pivotInverses: [Double]

    /// Factorises the n × n row-major residues; nil when singular modulo p.
    /// - Complexity: n³/3 FMAs; the factors take over `residues`' storage.
    init?(_ residues: [Double], n: Int, field: SmallPrimeField) {
        var factors = residues
        var pivotRows = [Int](repeating: 0, count: n), pivotInverses = [Double](repeating: 0, count: n)
        let factorised = factors.withUnsafeMutableBufferPointer { a in
            pivotRows.withUnsafeMutableBufferPointer { rows in
                pivotInverses.withUnsafeMutableBufferPointer { inverses in
                    guard let base = a.baseAddress else { return Double?(1) }
                    return field.factorise(base, n: n, stride: n, pivotRows: rows.baseAddress, pivotInverses: inverses.baseAddress)
                }
            }
        }
        guard factorised != nil else { return nil }
        self.field = field
        self.n = n
        self.factors = factors
        self.pivotRows = pivotRows
        self.pivotInverses = pivotInverses
    }

    /// Overwrites the n reduced residues y with A⁻¹ y mod p (reduced): the
    /// row swaps, then forward and back substitution as dot products.
    /// - Complexity: n² FMAs; allocates nothing.
    func solve(_ y: UnsafeMutablePointer<Double>) {
        for (k, pivotRow) in pivotRows.enumerated() where pivotRow != k { swap(&y[k], &y[pivotRow]) }
        factors.withUnsafeBufferPointer { buffer in
            guard let f = buffer.baseAddress else { return }
            for i in 1..<max(n, 1) { y[i] = field.reduce(y[i] - field.dot(f + i * n, y, count: i)) }
            for i in stride(from: n - 1, through: 0, by: -1) {
                let rest = field.dot(f + i * n + i + 1, y + i + 1, count: n - i - 1)
                y[i] = field.multiply(field.reduce(y[i] - rest), pivotInverses[i])
            }
        }
    }
}
