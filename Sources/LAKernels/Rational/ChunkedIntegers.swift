import CGMP

/// A block of integers prepared for reduction modulo many primes: every
/// entry split into signed 24-bit chunks (x = Σₜ cₜ · 2²⁴ᵗ, each cₜ carrying
/// x's sign), stored chunk-major as doubles. A residue vector is then a few
/// vectorised multiply-adds per chunk instead of one GMP division per entry
/// and prime.
struct ChunkedIntegers {
    /// The number of entries (row-major over the block).
    let count: Int
    /// Chunks per entry (at least 1).
    let chunkCount: Int
    /// The largest entry's bit length (|x| < 2^bits).
    let bits: Int
    /// Chunk t of entry e at `chunks[t * count + e]`.
    private let chunks: [Double]

    /// Runs `body` on the chunk-major storage (chunk t of entry e at t · count + e).
    func withChunks<Result>(_ body: (UnsafePointer<Double>) -> Result) -> Result? {
        chunks.withUnsafeBufferPointer { buffer in buffer.baseAddress.map(body) }
    }

    /// The entries themselves when each is one chunk (|x| < 2²⁴), else nil.
    var values: [Double]? { chunkCount == 1 ? chunks : nil }

    /// Single-chunk entries given as doubles (integers below 2²⁴ in magnitude).
    init(values: [Double]) {
        count = values.count
        chunkCount = 1
        let largest = values.reduce(0) { max($0, Int($1.magnitude)) }
        bits = Int.bitWidth - largest.leadingZeroBitCount
        chunks = values
    }

    /// Entries given as machine words, split into chunks.
    init(words: [Int64]) {
        count = words.count
        let largest = words.reduce(UInt64(0)) { max($0, $1.magnitude) }
        bits = UInt64.bitWidth - largest.leadingZeroBitCount
        chunkCount = max(1, (bits + 23) / 24)
        var chunks = [Double](repeating: 0, count: chunkCount * count)
        for (index, word) in words.enumerated() {
            var magnitude = word.magnitude
            for t in 0..<chunkCount {
                chunks[t * count + index] = Double(magnitude & 0xFF_FFFF) * (word < 0 ? -1 : 1)
                magnitude >>= 24
            }
        }
        self.chunks = chunks
    }

    /// The rows of a square rational matrix, each scaled by the lcm of its
    /// denominators, in machine words: nil unless every entry is stored
    /// inline and every scale and scaled entry fits in `Int64`. No GMP
    /// integers are built; also returns the scales and the squared norms of
    /// the scaled rows (summed in doubles, for Hadamard's bound).
    /// - Complexity: O(rows · columns); allocates the chunks.
    static func scaledRows(of matrix: RationalMatrix) -> (chunks: ChunkedIntegers, scales: [Int64], squaredNorms: [Double])? {
        var words = [Int64](repeating: 0, count: matrix.elements.count)
        var scales = [Int64](repeating: 1, count: matrix.rows), squaredNorms = [Double](repeating: 0, count: matrix.rows)
        for i in 0..<matrix.rows {
            var scale: Int64 = 1
            for j in 0..<matrix.columns {
                guard case .small(_, let d) = matrix[unchecked: i, j].representation else { return nil }
                let (lcm, overflow) = (scale / Rational.gcd(scale, d)).multipliedReportingOverflow(by: d)
                guard !overflow else { return nil }
                scale = lcm
            }
            for j in 0..<matrix.columns {
                guard case .small(let n, let d) = matrix[unchecked: i, j].representation else { return nil }
                let (word, overflow) = n.multipliedReportingOverflow(by: scale / d)
                guard !overflow, word != .min else { return nil }
                words[i * matrix.columns + j] = word
                squaredNorms[i] += Double(word) * Double(word)
            }
            scales[i] = scale
        }
        return (ChunkedIntegers(words: words), scales, squaredNorms)
    }

    /// The entries of a rational matrix when all are integers below 2²⁴ in
    /// magnitude (nil otherwise), without building GMP integers.
    /// - Complexity: O(rows · columns); allocates the values.
    init?(smallIntegersOf matrix: RationalMatrix) {
        var values = [Double](repeating: 0, count: matrix.elements.count)
        var largest: Int64 = 0
        for (index, element) in matrix.elements.enumerated() {
            guard case .small(let numerator, 1) = element.representation, numerator.magnitude < 1 << 24 else { return nil }
            largest = max(largest, Int64(numerator.magnitude))
            values[index] = Double(numerator)
        }
        count = values.count
        chunkCount = 1
        bits = Int64.bitWidth - largest.leadingZeroBitCount
        chunks = values
    }

    /// The chunks of `matrix`'s entries in `rows` × `columns`.
    /// - Complexity: O(count · chunkCount); allocates the chunks.
    init(_ matrix: IntegerMatrix, rows: Range<Int>, columns: Range<Int>) {
        count = rows.count * columns.count
        var bits = 0
        for i in rows {
            for j in columns { bits = max(bits, Self.bitLength(matrix.at(i, j))) }
        }
        let chunkCount = max(1, (bits + 23) / 24)
        self.chunkCount = chunkCount
        self.bits = bits
        var chunks = [Double](repeating: 0, count: chunkCount * count)
        var index = 0
        for i in rows {
            for j in columns {
                // The limbs of |entry| (GMP's documented mpz layout: signed size, limb array).
                let entry = matrix.at(i, j).pointee
                let sign = entry._mp_size < 0 ? -1 : 1
                let limbs = Int(entry._mp_size.magnitude)
                for t in 0..<chunkCount {
                    let bit = 24 * t, limb = bit >> 6, offset = bit & 63
                    guard limb < limbs else { break }
                    var value = UInt64(entry._mp_d[limb]) >> offset
                    if offset > 40, limb + 1 < limbs { value |= UInt64(entry._mp_d[limb + 1]) << (64 - offset) }
                    chunks[t * count + index] = Double(sign * Int(value & 0xFF_FFFF))
                }
                index += 1
            }
        }
        self.chunks = chunks
    }

    /// The number of bits of |value| (0 for zero), from its top limb.
    static func bitLength(_ value: UnsafePointer<__mpz_struct>) -> Int {
        let limbs = Int(value.pointee._mp_size.magnitude)
        guard limbs > 0 else { return 0 }
        return limbs * 64 - UInt64(value.pointee._mp_d[limbs - 1]).leadingZeroBitCount
    }

    /// Writes every entry's residue modulo `field`'s prime, loosely reduced, to `out`.
    /// - Complexity: count · chunkCount FMAs; allocates nothing.
    func residues(modulo field: SmallPrimeField, into out: UnsafeMutablePointer<Double>) {
        // |cₜ · (2²⁴ᵗ mod p)| < 2⁴⁷: 60 such terms stay below 2⁵³.
        let termsPerReduction = 60
        chunks.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            out.update(from: base, count: count)
            let chunkWeight = field.reduce(Double(1 << 24))
            var weight = 1.0
            for t in 1..<max(chunkCount, 1) {
                weight = field.multiply(weight, chunkWeight)
                SmallPrimeField.addMultiple(weight, of: base + t * count, to: out, count: count)
                if t % termsPerReduction == 0 { field.reduce(out, count: count) }
            }
        }
        field.reduce(out, count: count)
    }

    /// An upper bound on log₂ of Hadamard's bound for the rows of
    /// [self | right], both single-chunk blocks with `rows` rows (the
    /// squared row norms are summed in doubles, as in `IntegerMatrix.hadamardBits`).
    func hadamardBits(rows: Int, right: ChunkedIntegers? = nil) -> Int {
        guard let left = values else { return 0 }
        let rightValues = right?.values ?? []
        let leftColumns = count / max(rows, 1), rightColumns = rightValues.count / max(rows, 1)
        var squaredNorms = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            for j in 0..<leftColumns { squaredNorms[i] += left[i * leftColumns + j] * left[i * leftColumns + j] }
            for j in 0..<rightColumns { squaredNorms[i] += rightValues[i * rightColumns + j] * rightValues[i * rightColumns + j] }
        }
        return IntegerMatrix.hadamardBits(squaredNorms: squaredNorms)
    }
}
