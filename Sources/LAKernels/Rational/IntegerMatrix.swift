import CGMP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A row-major matrix of GMP integers, the working storage of fraction-free
/// (Bareiss) elimination. Every entry is initialised on creation and cleared
/// on deinit; a reference type because it is only ever mutated in place by
/// the one kernel that created it.
final class IntegerMatrix {
    let rows: Int
    let columns: Int
    let entries: UnsafeMutablePointer<__mpz_struct>

    /// A rows × columns matrix of zeros (dimensions already validated).
    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        entries = .allocate(capacity: rows * columns)
        for index in 0..<(rows * columns) { __gmpz_init(entries + index) }
    }

    deinit {
        for index in 0..<(rows * columns) { __gmpz_clear(entries + index) }
        entries.deallocate()
    }

    /// The entry at (row, column); indices come from loops bounded by the shape.
    @inline(__always)
    func at(_ row: Int, _ column: Int) -> UnsafeMutablePointer<__mpz_struct> {
        entries + (row * columns + column)
    }

    /// Swaps two rows in O(columns) without copying any limbs.
    func swapRows(_ a: Int, _ b: Int) {
        guard a != b else { return }
        for column in 0..<columns { __gmpz_swap(at(a, column), at(b, column)) }
    }

    /// The rows of `[left | right]` (right may be absent), each scaled by the
    /// lcm of its denominators so that every entry becomes an integer. The
    /// scaling does not change the solutions of `left · X = right`; `det`
    /// divides by the product of the scales.
    ///
    /// - Complexity: O(rows · columns) big-integer operations; allocates the
    ///   matrix and one scale per row.
    static func clearingDenominators(_ left: RationalMatrix, _ right: RationalMatrix?) -> (IntegerMatrix, [MPZStorage]) {
        let rightColumns = right?.columns ?? 0
        let result = IntegerMatrix(rows: left.rows, columns: left.columns + rightColumns)
        let numerator = MPZStorage(), denominator = MPZStorage()
        defer { withExtendedLifetime((numerator, denominator)) {} }  // C calls below use their pointers
        var scales: [MPZStorage] = []
        scales.reserveCapacity(left.rows)
        for row in 0..<left.rows {
            // Entry `column` of row `row` of [left | right].
            func value(_ column: Int) -> Rational {
                column < left.columns ? left[unchecked: row, column] : right.map { $0[unchecked: row, column - left.columns] } ?? .zero
            }
            // The lcm of word-sized denominators is gathered in a word while it fits.
            let scale = MPZStorage(value: 1)
            var wordScale: Int64 = 1
            for column in 0..<result.columns where !value(column).isInteger {
                if case .small(_, let d) = value(column).representation {
                    let (lcm, overflow) = (wordScale / Rational.gcd(wordScale, d)).multipliedReportingOverflow(by: d)
                    if overflow {
                        __gmpz_lcm_ui(scale.pointer, scale.pointer, UInt(wordScale))
                        wordScale = d
                    } else {
                        wordScale = lcm
                    }
                    continue
                }
                value(column).store(numerator: numerator.pointer, denominator: denominator.pointer)
                __gmpz_lcm(scale.pointer, scale.pointer, denominator.pointer)
            }
            __gmpz_lcm_ui(scale.pointer, scale.pointer, UInt(wordScale))
            let unscaled = cgmp_mpz_cmp_ui(scale.pointer, 1) == 0
            for column in 0..<result.columns {
                let entry = result.at(row, column)
                switch value(column).representation {
                case .small(let n, let d) where unscaled || d == 1:
                    __gmpz_set_si(entry, Int(n))
                    if !unscaled { __gmpz_mul(entry, entry, scale.pointer) }
                case .small(let n, let d):
                    __gmpz_divexact_ui(entry, scale.pointer, UInt(d))
                    if n != 1 { __gmpz_mul_si(entry, entry, Int(n)) }
                case .big(let storage):
                    __gmpz_divexact(denominator.pointer, scale.pointer, storage.denominator)
                    __gmpz_mul(entry, storage.numerator, denominator.pointer)
                }
            }
            scales.append(scale)
        }
        return (result, scales)
    }

    /// Fraction-free Gaussian elimination (Bareiss) in place, choosing pivots
    /// only in columns `0..<pivotColumns` (updates still reach every column).
    /// Each pivot is the first nonzero entry at or below the current row.
    /// Afterwards the matrix is a fraction-free echelon form: the entry at the
    /// k-th pivot is the k × k leading minor of the row-permuted input.
    ///
    /// - Returns: the pivot columns in order and whether an odd number of row
    ///   swaps happened.
    /// - Complexity: O(rows · columns · rank) big-integer multiply/divide
    ///   steps on entries that grow linearly with the step (Bareiss keeps them
    ///   minors, never larger); allocates two temporaries.
    func eliminate(pivotColumns: Int) -> (pivots: [Int], oddSwaps: Bool) {
        let previous = MPZStorage(), product = MPZStorage()
        defer { withExtendedLifetime((previous, product)) {} }  // C calls below use their pointers
        __gmpz_set_ui(previous.pointer, 1)
        var pivots: [Int] = []
        var oddSwaps = false
        var row = 0
        for column in 0..<min(pivotColumns, columns) where row < rows {
            guard let pivotRow = (row..<rows).first(where: { cgmp_mpz_sgn(at($0, column)) != 0 }) else { continue }
            if pivotRow != row {
                swapRows(pivotRow, row)
                oddSwaps.toggle()
            }
            let pivot = at(row, column)
            let dividing = cgmp_mpz_cmp_ui(previous.pointer, 1) != 0
            for target in (row + 1)..<rows {
                let factor = at(target, column)
                for j in (column + 1)..<columns {
                    let entry = at(target, j)
                    // entry ← (pivot·entry − factor·pivotRow[j]) / previous, an exact division.
                    __gmpz_mul(product.pointer, pivot, entry)
                    __gmpz_submul(product.pointer, factor, at(row, j))
                    if dividing {
                        __gmpz_divexact(entry, product.pointer, previous.pointer)
                    } else {
                        __gmpz_swap(entry, product.pointer)
                    }
                }
                __gmpz_set_ui(factor, 0)
            }
            __gmpz_set(previous.pointer, pivot)
            pivots.append(column)
            row += 1
        }
        return (pivots, oddSwaps)
    }

    /// The determinant of this square matrix by Bareiss elimination (which consumes it).
    func bareissDeterminant() -> MPZStorage {
        let (pivots, oddSwaps) = eliminate(pivotColumns: columns)
        let result = MPZStorage()
        guard pivots.count == rows, rows > 0 else { return result }
        __gmpz_set(result.pointer, at(rows - 1, columns - 1))
        if oddSwaps { __gmpz_neg(result.pointer, result.pointer) }
        return result
    }

    /// An upper bound on log₂ of Hadamard's bound (the product of the row
    /// norms) for any minor of the leading `columnCount` columns. Rows of
    /// moderate entries sum their squares in doubles (rounded up by a bit);
    /// rows with huge entries use √columnCount times the largest entry.
    func hadamardBits(columnCount: Int) -> Int {
        var halfLog2Columns = 0
        while 1 << (2 * halfLog2Columns) < columnCount { halfLog2Columns += 1 }
        var squaredNorms: [Double] = [], extraBits = 0
        for row in 0..<rows {
            var largest = 0
            for column in 0..<columnCount { largest = max(largest, ChunkedIntegers.bitLength(at(row, column))) }
            if largest < 400 {
                squaredNorms.append((0..<columnCount).reduce(0.0) { sum, column in
                    let value = __gmpz_get_d(at(row, column))
                    return sum + value * value
                })
            } else {
                extraBits += largest + halfLog2Columns
            }
        }
        return Self.hadamardBits(squaredNorms: squaredNorms) + extraBits
    }

    /// ⌈log₂ Π √sᵢ⌉ + 1 for squared row norms sᵢ summed in doubles: each sum
    /// is within a factor 1 + 2⁻⁴⁰ of the true one (entries below 2⁴⁰⁰, sums
    /// of fewer than 2³⁰ terms), and 2⁻²⁰ per row more covers log2's error.
    static func hadamardBits(squaredNorms: [Double]) -> Int {
        let bits = squaredNorms.reduce(0.0) { $1 > 0 ? $0 + 0.5 * log2($1) + 0x1p-20 : $0 }
        return Int(bits.rounded(.up)) + 1
    }
}
