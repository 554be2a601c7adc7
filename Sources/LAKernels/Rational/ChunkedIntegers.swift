import CGMP

/// A block of an `IntegerMatrix` prepared for reduction modulo many primes:
/// every entry split into signed 24-bit chunks (x = Σₜ cₜ · 2²⁴ᵗ, each cₜ
/// carrying x's sign), stored chunk-major as doubles. A residue vector is
/// then a few vectorised multiply-adds per chunk instead of one GMP
/// division per entry and prime.
struct ChunkedIntegers {
    /// The number of entries (row-major over the block).
    let count: Int
    /// Chunks per entry (at least 1).
    let chunkCount: Int
    /// Chunk t of entry e at `chunks[t * count + e]`.
    private let chunks: [Double]

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
}
