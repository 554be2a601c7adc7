import CGMP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Arithmetic modulo a prime p < 2³¹, so that a product of two residues plus
/// a residue fits in `UInt64`.
struct PrimeField {
    let p: UInt64
    /// ⌊2⁶⁴ / p⌋, for Barrett reduction (a multiply instead of a division).
    let barrett: UInt64

    init(p: UInt64) {
        self.p = p
        barrett = UInt64.max / p
    }

    /// x mod p for x < 2⁶³: the estimated quotient is at most one too small.
    @inline(__always) func reduce(_ x: UInt64) -> UInt64 {
        let quotient = x.multipliedFullWidth(by: barrett).high
        let remainder = x &- quotient &* p
        return remainder >= p ? remainder &- p : remainder
    }

    /// The primes used for multimodular work, in order: the successive primes above 2³⁰.
    static func primes(count: Int, after previous: UInt64 = 1 << 30) -> [UInt64] {
        let candidate = MPZStorage()
        __gmpz_set_ui(candidate.pointer, UInt(previous))
        return (0..<count).map { _ in
            __gmpz_nextprime(candidate.pointer, candidate.pointer)
            return UInt64(__gmpz_get_ui(candidate.pointer))
        }
    }

    @inline(__always) func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 { reduce(a &* b) }

    /// a⁻¹ mod p for a ≠ 0 (extended Euclid on values below 2³¹).
    func inverse(_ a: UInt64) -> UInt64 {
        var (r0, r1) = (Int64(p), Int64(a))
        var (t0, t1) = (Int64(0), Int64(1))
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - q * t1)
        }
        return UInt64(t0 < 0 ? t0 + Int64(p) : t0)
    }

    /// Gauss–Jordan elimination in place on a row-major rows × columns matrix
    /// of residues, pivoting in columns `0..<pivotColumns`, and scaling each
    /// pivot row to a leading 1. Returns the determinant of the leading
    /// square block mod p (0 when a pivot is missing, and then stops early).
    ///
    /// With `pivotRows` (forward elimination only), it also keeps the
    /// factorisation for `ModularLU`: whole rows are swapped and the chosen
    /// pivot rows appended, each eliminated entry keeps its multiplier, and
    /// the diagonal keeps the pivot's inverse (the unit diagonal is implicit).
    ///
    /// - Complexity: O(rows² · columns) word operations; allocates nothing.
    func gaussJordan(_ a: UnsafeMutableBufferPointer<UInt64>, rows: Int, columns: Int,
                     pivotColumns: Int, reduceAbove: Bool, pivotRows: UnsafeMutablePointer<[Int]>? = nil) -> UInt64 {
        let keepFactors = pivotRows != nil
        var determinant: UInt64 = 1
        for k in 0..<min(pivotColumns, rows) {
            guard let pivotRow = (k..<rows).first(where: { a[$0 * columns + k] != 0 }) else { return 0 }
            pivotRows?.pointee.append(pivotRow)
            if pivotRow != k {
                for j in (keepFactors ? 0 : k)..<columns { a.swapAt(pivotRow * columns + j, k * columns + j) }
                determinant = determinant == 0 ? 0 : p - determinant
            }
            let pivot = a[k * columns + k]
            determinant = multiply(determinant, pivot)
            let scale = inverse(pivot)
            a[k * columns + k] = keepFactors ? scale : 1
            for j in (k + 1)..<columns { a[k * columns + j] = multiply(a[k * columns + j], scale) }
            for i in (reduceAbove ? 0 : k + 1)..<rows where i != k {
                let factor = a[i * columns + k]
                if factor == 0 { continue }
                let negated = p - factor
                a[i * columns + k] = keepFactors ? factor : 0
                for j in (k + 1)..<columns {
                    a[i * columns + j] = reduce(a[i * columns + j] &+ negated &* a[k * columns + j])
                }
            }
        }
        return determinant
    }
}

/// A square matrix factorised modulo a prime by `PrimeField.gaussJordan`
/// with `pivotRows`, for solving many right-hand sides at O(n²) each.
struct ModularLU {
    let field: PrimeField
    let n: Int
    let factors: [UInt64]
    let pivotRows: [Int]

    /// Factorises the leading n × n block of a row-major matrix with `columns`
    /// columns; nil when it is singular modulo p.
    /// - Complexity: O(n³) word operations; allocates the n × n factors.
    init?(_ residues: [UInt64], n: Int, columns: Int, field: PrimeField) {
        var factors = (0..<(n * n)).map { residues[($0 / n) * columns + $0 % n] }
        var pivotRows: [Int] = []
        pivotRows.reserveCapacity(n)
        let determinant = factors.withUnsafeMutableBufferPointer { buffer in
            withUnsafeMutablePointer(to: &pivotRows) {
                field.gaussJordan(buffer, rows: n, columns: n, pivotColumns: n, reduceAbove: false, pivotRows: $0)
            }
        }
        guard determinant != 0 else { return nil }
        self.field = field
        self.n = n
        self.factors = factors
        self.pivotRows = pivotRows
    }

    /// Overwrites the n × m row-major residues y with A⁻¹ y mod p: all the
    /// recorded swaps first (whole-row swaps moved the multipliers with their
    /// rows, so they describe elimination of the permuted matrix), then the
    /// scalings and eliminations, then back substitution.
    /// - Complexity: O(n² · m) word operations; allocates nothing.
    func solve(_ y: inout [UInt64], m: Int) {
        let p = field.p
        for (k, pivotRow) in pivotRows.enumerated() where pivotRow != k {
            for c in 0..<m { y.swapAt(pivotRow * m + c, k * m + c) }
        }
        for k in 0..<n {
            for c in 0..<m { y[k * m + c] = field.multiply(y[k * m + c], factors[k * n + k]) }
            for i in (k + 1)..<n {
                let negated = p - factors[i * n + k]
                for c in 0..<m { y[i * m + c] = field.reduce(y[i * m + c] &+ negated &* y[k * m + c]) }
            }
        }
        for k in stride(from: n - 1, through: 0, by: -1) {
            for j in (k + 1)..<n {
                let negated = p - factors[k * n + j]
                for c in 0..<m { y[k * m + c] = field.reduce(y[k * m + c] &+ negated &* y[j * m + c]) }
            }
        }
    }
}

extension IntegerMatrix {
    /// The entries reduced into [0, p).
    func residues(modulo p: UInt64) -> [UInt64] {
        (0..<(rows * columns)).map { UInt64(__gmpz_fdiv_ui(entries + $0, UInt(p))) }
    }

    /// An upper bound on log₂ of Hadamard's bound (the product of the row
    /// norms) for any minor of the leading `columnCount` columns. Rows of
    /// moderate entries sum their squares in doubles (rounded up by a bit);
    /// rows with huge entries use √columnCount times the largest entry.
    func hadamardBits(columnCount: Int) -> Int {
        var halfLog2Columns = 0
        while 1 << (2 * halfLog2Columns) < columnCount { halfLog2Columns += 1 }
        var bits = 0.0
        for row in 0..<rows {
            let largest = (0..<columnCount).map { Int(__gmpz_sizeinbase(at(row, $0), 2)) }.max() ?? 0
            if largest < 400 {
                let squares = (0..<columnCount).reduce(0.0) { sum, column in
                    let value = __gmpz_get_d(at(row, column))
                    return sum + value * value
                }
                // The double sum is within a factor 1 + 2⁻⁴⁰ of the true one; 2⁻²⁰ more covers log2's error.
                if squares > 0 { bits += 0.5 * log2(squares) + 0x1p-20 }
            } else {
                bits += Double(largest + halfLog2Columns)
            }
        }
        return Int(bits.rounded(.up)) + 1
    }
}
