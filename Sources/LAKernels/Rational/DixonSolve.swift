import CGMP

extension IntegerMatrix {
    /// Solves [A | B] (A the leading n columns, square) for X with A·X = B by
    /// Dixon's p-adic lifting: one LU factorisation of A modulo a prime p, then
    /// per step one triangular solve with it and one exact update of the residual
    /// (R ← (R − A·digit) / p), reconstructing rationals from X mod pᵏ, proven
    /// by `SolutionBound` (A·X ≡ B mod pᵏ holds by construction). Best for few
    /// right-hand sides.
    ///
    /// - Returns: X's numerators over one common denominator, or nil when A is
    ///   singular modulo three primes or the Cramer bound is reached without
    ///   an answer (callers then fall back to another method).
    /// - Complexity: n³/3 FMAs once, then O(n²·m) word operations per lifting
    ///   step (big-by-word multiply-adds when A's entries are wide); the number
    ///   of steps follows the size of X.
    func dixonSolve(n: Int) -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let left = ChunkedIntegers(self, rows: 0..<n, columns: 0..<n)
        let right = ChunkedIntegers(self, rows: 0..<n, columns: n..<columns)
        if let residual = DoubleResidual(left: left, right: right, n: n) {
            return ModularLU.dixonSolve(left: left, right: right, residual: residual, n: n)
        }
        guard let lu = ModularLU.factorising(left, n: n) else { return nil }
        let bound = SolutionBound(self, n: n)
        let maximumSteps = Self.maximumDixonSteps(hadamardBits: hadamardBits(columnCount: columns), bound: bound)
        if var residual = WordResidual(self, n: n) {
            return lu.lift(&residual, columns: columns - n, bound: bound, maximumSteps: maximumSteps)
        }
        guard var residual = BigResidual(self, left: left, n: n) else { return nil }
        return lu.lift(&residual, columns: columns - n, bound: bound, maximumSteps: maximumSteps)
    }

    /// Lifting steps after which pᵏ exceeds twice the Cramer bound (the
    /// solution's numerators and denominator are minors) times what
    /// `SolutionBound` needs: the answer is found and proven by then.
    static func maximumDixonSteps(hadamardBits: Int, bound: SolutionBound) -> Int {
        (2 * hadamardBits + bound.productBits + bound.rightBits + 4) / 23 + 2
    }
}

extension ModularLU {
    /// `IntegerMatrix.dixonSolve` for single-chunk blocks A (n × n) and B
    /// (n × m) given as doubles, with their `DoubleResidual`: no GMP integers
    /// until the p-adic digits are accumulated.
    static func dixonSolve(left: ChunkedIntegers, right: ChunkedIntegers, residual: DoubleResidual, n: Int)
        -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        guard let lu = factorising(left, n: n) else { return nil }
        let bound = SolutionBound(productBits: Int.bitWidth - n.leadingZeroBitCount + left.bits, rightBits: right.bits)
        let maximumSteps = IntegerMatrix.maximumDixonSteps(hadamardBits: left.hadamardBits(rows: n, right: right), bound: bound)
        var residual = residual
        return lu.lift(&residual, columns: right.count / max(n, 1), bound: bound, maximumSteps: maximumSteps)
    }

    /// The n × n block factorised modulo a prime, trying three primes.
    static func factorising(_ left: ChunkedIntegers, n: Int) -> ModularLU? {
        var residues = [Double](repeating: 0, count: n * n)
        for prime in SmallPrimeField.primes.prefix(3) {
            let field = SmallPrimeField(prime: prime)
            residues.withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress { left.residues(modulo: field, into: base) }
            }
            if let lu = ModularLU(residues, n: n, field: field) { return lu }
        }
        return nil
    }

    /// The lifting loop of Dixon's method for m right-hand sides, over any
    /// residual representation: X mod pᵏ is accumulated digit by digit and
    /// reconstructed on a schedule, until `bound` proves an answer or
    /// `maximumSteps` is reached (then nil).
    func lift<Residual: DixonResidual>(_ residual: inout Residual, columns m: Int, bound: SolutionBound, maximumSteps: Int)
        -> (numerators: IntegerMatrix, denominator: MPZStorage)? {
        let lifted = ChineseRemainder(count: n * m)
        // Column c of the digits is digits[c·n ..< (c+1)·n]; lifted values are row-major.
        var digits = [Double](repeating: 0, count: n * m)
        // Reconstruction costs O(bits) per value, so it is tried on a schedule
        // growing by a quarter (at most 25% more lifting steps than needed).
        var nextAttempt = 1
        for step in 1...max(maximumSteps, 1) {
            residual.reduce(modulo: field, into: &digits)
            digits.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for c in 0..<m { solve(base + c * n) }
            }
            residual.advance(by: digits, field: field)
            lifted.add(digits: { digits[($0 % m) * n + $0 / m] }, base: field.prime)
            guard step >= nextAttempt || step == maximumSteps else { continue }
            guard let candidate = RationalReconstruction.commonDenominator(lifted, rows: n, columns: m) else {
                nextAttempt = step + max(1, step / 4)
                continue
            }
            let missing = bound.missingBits(candidate, modulus: lifted.modulus)
            if missing == 0 { return candidate }
            nextAttempt = step + (missing + 22) / 23
        }
        return nil
    }
}

/// The residual R of Dixon lifting (initially B; each step R ← (R − A·digits) / p).
/// Digits are reduced residues, column-major (column c at c·n ..< (c+1)·n).
protocol DixonResidual {
    /// R mod p, reduced.
    func reduce(modulo field: SmallPrimeField, into digits: inout [Double])
    /// R ← (R − A · digits) / p, an exact division.
    mutating func advance(by digits: [Double], field: SmallPrimeField)
}

/// The residual in doubles, when n · max|A| ≤ 2²⁸ and max|B| ≤ 2⁴⁰ (small
/// integer data): then |R| ≤ 2⁴⁰ throughout and every partial sum of
/// R − A·digits stays below 2⁵², so a step is exact vectorised dot products
/// and one exact division per entry, with no allocation.
struct DoubleResidual: DixonResidual {
    /// A row-major, R column-major.
    private let a: [Double]
    private let n: Int
    private var residual: [Double]

    /// From single-chunk blocks A (n × n) and B (n × m, row-major); nil
    /// unless they meet the bounds above.
    init?(left: ChunkedIntegers, right: ChunkedIntegers, n: Int) {
        guard let a = left.values, let b = right.values, n < 1 << 20,
              Int.bitWidth - n.leadingZeroBitCount + left.bits <= 28, right.bits <= 40 else { return nil }
        let m = b.count / max(n, 1)
        self.n = n
        self.a = a
        residual = (0..<(n * m)).map { b[($0 % n) * m + $0 / n] }
    }

    func reduce(modulo field: SmallPrimeField, into digits: inout [Double]) {
        for index in residual.indices { digits[index] = field.reduce(residual[index]) }
    }

    mutating func advance(by digits: [Double], field: SmallPrimeField) {
        let n = self.n
        a.withUnsafeBufferPointer { aBuffer in
            digits.withUnsafeBufferPointer { digitBuffer in
                residual.withUnsafeMutableBufferPointer { residualBuffer in
                    guard let a = aBuffer.baseAddress, let d = digitBuffer.baseAddress, let r = residualBuffer.baseAddress else { return }
                    for index in 0..<residualBuffer.count {
                        let (c, i) = index.quotientAndRemainder(dividingBy: n)
                        r[index] = (r[index] - SmallPrimeField.unreducedDot(a + i * n, d + c * n, count: n)) / field.p
                    }
                }
            }
        }
    }
}

/// The residual in 128-bit words, when n · max|A| · 2²⁴ and max|B| stay
/// below 2¹²⁵ (as for moderately wide data): then |R| ≤ max(max|B|, n·max|A|)
/// throughout and R − A·digits is summed exactly in `Int128`, with no
/// allocation per step.
struct WordResidual: DixonResidual {
    private let a: [Int128]
    private let n: Int
    /// Row-major n × m.
    private var residual: [Int128]

    init?(_ system: IntegerMatrix, n: Int) {
        var leftBits = 0, rightBits = 0
        for i in 0..<n {
            for j in 0..<system.columns {
                let bits = ChunkedIntegers.bitLength(system.at(i, j))
                if j < n { leftBits = max(leftBits, bits) } else { rightBits = max(rightBits, bits) }
            }
        }
        guard Int.bitWidth - n.leadingZeroBitCount + leftBits + 24 <= 125, rightBits <= 125 else { return nil }
        self.n = n
        let m = system.columns - n
        a = (0..<(n * n)).map { Self.value(system.at($0 / n, $0 % n)) }
        residual = (0..<(n * m)).map { Self.value(system.at($0 / m, n + $0 % m)) }
    }

    /// A GMP integer below 2¹²⁷ in magnitude as `Int128` (from its limbs).
    private static func value(_ entry: UnsafePointer<__mpz_struct>) -> Int128 {
        let limbs = Int(entry.pointee._mp_size.magnitude)
        let low = limbs > 0 ? UInt64(entry.pointee._mp_d[0]) : 0, high = limbs > 1 ? UInt64(entry.pointee._mp_d[1]) : 0
        let value = Int128(Int64(bitPattern: high)) << 64 | Int128(low)
        return entry.pointee._mp_size < 0 ? -value : value
    }

    func reduce(modulo field: SmallPrimeField, into digits: inout [Double]) {
        let m = residual.count / max(n, 1)
        for index in residual.indices {
            let (i, c) = index.quotientAndRemainder(dividingBy: m)
            // (Double(Int128) is a slow generic conversion; the remainder fits Int64.)
            digits[c * n + i] = field.reduce(Double(Int64(truncatingIfNeeded: residual[index] % Int128(field.prime))))
        }
    }

    mutating func advance(by digits: [Double], field: SmallPrimeField) {
        let m = residual.count / max(n, 1)
        for i in 0..<n {
            for c in 0..<m {
                // Wrapping operations: the bounds above rule out overflow, and checked
                // 128-bit arithmetic costs several times more.
                var sum = residual[i * m + c]
                for j in 0..<n { sum &-= a[i * n + j] &* Int128(Int64(digits[c * n + j])) }
                residual[i * m + c] = sum / Int128(field.prime)
            }
        }
    }
}

/// The residual in big integers, for any [A | B] with n < 2¹⁴. A·digits is
/// computed from A's 24-bit chunks: per chunk t an exact dot product Sₜ in
/// doubles (blocks of 32 terms, each below 2⁴⁸) summed in `Int64` (|Sₜ| <
/// 2⁶²), then Σₜ (Sₜ + 2⁶²) · 2²⁴ᵗ is assembled in machine limbs and the
/// constant bias Σₜ 2⁶² · 2²⁴ᵗ added back: four GMP calls per entry and step
/// instead of n.
struct BigResidual: DixonResidual {
    private let left: ChunkedIntegers
    private let n: Int
    private let residual: IntegerMatrix
    /// Σₜ 2⁶² · 2²⁴ᵗ over A's chunks.
    private let bias = MPZStorage()

    init?(_ system: IntegerMatrix, left: ChunkedIntegers, n: Int) {
        guard n < 1 << 14 else { return nil }
        self.left = left
        self.n = n
        residual = IntegerMatrix(rows: n, columns: system.columns - n)
        for i in 0..<n {
            for c in 0..<residual.columns { __gmpz_set(residual.at(i, c), system.at(i, n + c)) }
        }
        let term = MPZStorage()
        defer { withExtendedLifetime(term) {} }  // C calls below use its pointer
        for t in 0..<left.chunkCount {
            __gmpz_set_ui(term.pointer, 1 << 62)
            __gmpz_mul_2exp(term.pointer, term.pointer, UInt(24 * t))
            __gmpz_add(bias.pointer, bias.pointer, term.pointer)
        }
    }

    func reduce(modulo field: SmallPrimeField, into digits: inout [Double]) {
        for i in 0..<n {
            for c in 0..<residual.columns { digits[c * n + i] = field.residue(of: residual.at(i, c)) }
        }
    }

    func advance(by digits: [Double], field: SmallPrimeField) {
        let chunkCount = left.chunkCount
        // Σₜ (Sₜ + 2⁶²)·2²⁴ᵗ < 2^(24·(chunkCount − 1) + 64): that many limbs plus one for carries.
        var limbs = [UInt64](repeating: 0, count: (24 * (chunkCount - 1) + 64) / 64 + 2)
        let product = MPZStorage()
        defer { withExtendedLifetime((product, bias)) {} }  // C calls below use their pointers
        left.withChunks { chunks in
            digits.withUnsafeBufferPointer { digitBuffer in
                limbs.withUnsafeMutableBufferPointer { limbBuffer in
                    guard let d = digitBuffer.baseAddress, let out = limbBuffer.baseAddress else { return }
                    for i in 0..<n {
                        for c in 0..<residual.columns {
                            limbBuffer.update(repeating: 0)
                            for t in 0..<chunkCount {
                                let row = chunks + t * n * n + i * n
                                var sum: Int64 = 0
                                for start in stride(from: 0, to: n, by: 32) {
                                    sum += Int64(SmallPrimeField.unreducedDot(row + start, d + c * n + start, count: min(32, n - start)))
                                }
                                Self.add(UInt64(sum + (1 << 62)), shiftedBy: 24 * t, to: out)
                            }
                            let entry = residual.at(i, c)
                            __gmpz_import(product.pointer, limbBuffer.count, -1, 8, 0, 0, out)
                            __gmpz_sub(entry, entry, product.pointer)
                            __gmpz_add(entry, entry, bias.pointer)
                            __gmpz_divexact_ui(entry, entry, UInt(field.prime))
                        }
                    }
                }
            }
        }
    }

    /// limbs += value · 2^shift (little-endian 64-bit limbs, room for the carry).
    private static func add(_ value: UInt64, shiftedBy shift: Int, to limbs: UnsafeMutablePointer<UInt64>) {
        var index = shift >> 6
        let offset = shift & 63
        var addend = value << offset, next = offset == 0 ? 0 : value >> (64 - offset), carry = false
        while addend != 0 || next != 0 || carry {
            let (sum, overflow) = limbs[index].addingReportingOverflow(addend)
            let (total, overflowCarry) = sum.addingReportingOverflow(carry ? 1 : 0)
            limbs[index] = total
            carry = overflow || overflowCarry
            (addend, next) = (next, 0)
            index += 1
        }
    }
}
