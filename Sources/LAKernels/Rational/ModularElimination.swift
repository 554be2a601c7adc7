import CGMP

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
    /// - Complexity: O(rows² · columns) word operations; allocates nothing.
    func gaussJordan(_ a: UnsafeMutableBufferPointer<UInt64>, rows: Int, columns: Int,
                     pivotColumns: Int, reduceAbove: Bool) -> UInt64 {
        var determinant: UInt64 = 1
        for k in 0..<min(pivotColumns, rows) {
            guard let pivotRow = (k..<rows).first(where: { a[$0 * columns + k] != 0 }) else { return 0 }
            if pivotRow != k {
                for j in k..<columns { a.swapAt(pivotRow * columns + j, k * columns + j) }
                determinant = determinant == 0 ? 0 : p - determinant
            }
            let pivot = a[k * columns + k]
            determinant = multiply(determinant, pivot)
            let scale = inverse(pivot)
            for j in k..<columns { a[k * columns + j] = multiply(a[k * columns + j], scale) }
            for i in (reduceAbove ? 0 : k + 1)..<rows where i != k {
                let factor = a[i * columns + k]
                if factor == 0 { continue }
                let negated = p - factor
                for j in k..<columns {
                    a[i * columns + j] = reduce(a[i * columns + j] &+ negated &* a[k * columns + j])
                }
            }
        }
        return determinant
    }
}

extension IntegerMatrix {
    /// The entries reduced into [0, p).
    func residues(modulo p: UInt64) -> [UInt64] {
        (0..<(rows * columns)).map { UInt64(__gmpz_fdiv_ui(entries + $0, UInt(p))) }
    }

    /// An upper bound on log₂ of Hadamard's bound for any minor of the leading
    /// `columnCount` columns: each row's norm is at most √columnCount times its
    /// largest entry.
    func hadamardBits(columnCount: Int) -> Int {
        var halfLog2Columns = 0
        while 1 << (2 * halfLog2Columns) < columnCount { halfLog2Columns += 1 }
        var bits = 0
        for row in 0..<rows {
            let largest = (0..<columnCount).map { Int(__gmpz_sizeinbase(at(row, $0), 2)) }.max() ?? 0
            bits += largest + halfLog2Columns
        }
        return bits + 1
    }
}
