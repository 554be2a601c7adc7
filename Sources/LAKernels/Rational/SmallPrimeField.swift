import CGMP

/// Arithmetic modulo a prime 2²³ < p < 2²⁴, carried out exactly in `Double`
/// so that it vectorises (four lanes per AVX2 instruction).
///
/// Residues are integers kept *loosely reduced*: |r| ≤ p/2 + 2 (`bound`).
/// A product of two such residues is below 2⁴⁶, so a reduced residue can
/// absorb `lazyUpdates` (127) such products before the sum could leave the
/// range |x| < 2⁵³ where doubles hold integers exactly: elimination adds each
/// product with one FMA and reduces only every `lazyUpdates` steps.
/// `reduce` rounds x/p with one FMA (x · (1/p) + 1.5·2⁵², product exact,
/// one rounding to an integer) and subtracts quotient · p with another
/// (exact, because the result is a small integer): no division.
struct SmallPrimeField {
    /// The prime, as an integer and as a double.
    let prime: Int
    let p: Double
    /// 1/p rounded to the nearest double.
    let reciprocal: Double
    /// How many products of reduced residues a reduced residue can absorb
    /// before it must be reduced again (exactness below 2⁵³).
    let lazyUpdates: Int

    /// Adding 1.5·2⁵² to a double below 2⁵¹ in magnitude rounds it to an integer.
    static let roundingShift = 6_755_399_441_055_744.0

    /// A field for `prime`, which must be a prime in (2²³, 2²⁴).
    init(prime: Int) {
        self.prime = prime
        p = Double(prime)
        reciprocal = 1 / Double(prime)
        // |x/p − round(x · reciprocal)| ≤ 1/2 + 2⁻²³ for |x| < 2⁵³, so |reduce(x)| ≤ p/2 + 2.
        let bound = prime / 2 + 2
        lazyUpdates = ((1 << 53) - bound) / (bound * bound)
    }

    /// A residue congruent to x with |result| ≤ p/2 + 2, for an integer |x| < 2⁵³.
    @inline(__always) func reduce(_ x: Double) -> Double {
        let quotient = Self.roundingShift.addingProduct(x, reciprocal) - Self.roundingShift
        return x.addingProduct(-quotient, p)
    }

    /// `reduce` on four lanes.
    @inline(__always) func reduce(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let shift = SIMD4<Double>(repeating: Self.roundingShift)
        let quotient = shift.addingProduct(x, SIMD4(repeating: reciprocal)) - shift
        return x.addingProduct(-quotient, SIMD4(repeating: p))
    }

    /// a · b reduced, for reduced a and b.
    @inline(__always) func multiply(_ a: Double, _ b: Double) -> Double { reduce(a * b) }

    /// The representative in [0, p) of a reduced residue.
    @inline(__always) func canonical(_ r: Double) -> Int {
        let value = Int(r)
        return value < 0 ? value + prime : value
    }

    /// a⁻¹ for a reduced residue a ≢ 0 (extended Euclid; 32-bit divisions,
    /// which are several times faster than 64-bit ones on x86).
    func inverse(_ a: Double) -> Double {
        var (r0, r1) = (UInt32(prime), UInt32(canonical(a)))
        var (t0, t1) = (0, 1)
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - Int(q) * t1)
        }
        return reduce(Double(t0))
    }

    /// The residue of a GMP integer, reduced.
    func residue(of value: UnsafePointer<__mpz_struct>) -> Double {
        reduce(Double(__gmpz_fdiv_ui(value, UInt(prime))))
    }

    /// Reduces `count` residues in place.
    func reduce(_ values: UnsafeMutablePointer<Double>, count: Int) {
        var j = 0
        while j + 4 <= count {
            let raw = UnsafeMutableRawPointer(values + j)
            raw.storeBytes(of: reduce(raw.loadUnaligned(as: SIMD4<Double>.self)), as: SIMD4<Double>.self)
            j += 4
        }
        while j < count {
            values[j] = reduce(values[j])
            j += 1
        }
    }

    /// target[j] += factor · source[j] for j in 0..<count, without reducing
    /// (the caller accounts for one more lazy update of every target entry).
    @inline(__always)
    static func addMultiple(_ factor: Double, of source: UnsafePointer<Double>,
                            to target: UnsafeMutablePointer<Double>, count: Int) {
        let factors = SIMD4<Double>(repeating: factor)
        var j = 0
        while j + 8 <= count {
            let s0 = UnsafeRawPointer(source + j).loadUnaligned(as: SIMD4<Double>.self)
            let s1 = UnsafeRawPointer(source + j + 4).loadUnaligned(as: SIMD4<Double>.self)
            let t0 = UnsafeMutableRawPointer(target + j), t1 = UnsafeMutableRawPointer(target + j + 4)
            t0.storeBytes(of: t0.loadUnaligned(as: SIMD4<Double>.self).addingProduct(factors, s0), as: SIMD4<Double>.self)
            t1.storeBytes(of: t1.loadUnaligned(as: SIMD4<Double>.self).addingProduct(factors, s1), as: SIMD4<Double>.self)
            j += 8
        }
        if j + 4 <= count {
            let s = UnsafeRawPointer(source + j).loadUnaligned(as: SIMD4<Double>.self)
            let t = UnsafeMutableRawPointer(target + j)
            t.storeBytes(of: t.loadUnaligned(as: SIMD4<Double>.self).addingProduct(factors, s), as: SIMD4<Double>.self)
            j += 4
        }
        while j < count {
            target[j] = target[j].addingProduct(factor, source[j])
            j += 1
        }
    }

    /// Σ a[j] · b[j] over j in 0..<count, reduced, for reduced a and b (the
    /// sum is reduced every `lazyUpdates` − 4 terms, so any count is exact).
    func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        let block = lazyUpdates - 4
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(start + block, count)
            total = reduce(total + Self.unreducedDot(a + start, b + start, count: end - start))
            start = end
        }
        return total
    }

    /// Σ a[j] · b[j] over j in 0..<count in plain double arithmetic: exact
    /// when Σ |a[j] · b[j]| < 2⁵³ (every partial sum is then an exact integer).
    @inline(__always)
    static func unreducedDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        var lanes = SIMD4<Double>(repeating: 0)
        var j = 0
        while j + 4 <= count {
            lanes = lanes.addingProduct(UnsafeRawPointer(a + j).loadUnaligned(as: SIMD4<Double>.self),
                                        UnsafeRawPointer(b + j).loadUnaligned(as: SIMD4<Double>.self))
            j += 4
        }
        var sum = lanes.sum()
        while j < count {
            sum = sum.addingProduct(a[j], b[j])
            j += 1
        }
        return sum
    }

    /// The primes in (2²⁴ − 2¹⁸, 2²⁴), largest first (about 15,800 of them,
    /// 380,000 bits of modulus): sieved once per process, then immutable.
    static let primes: [Int] = {
        let top = 1 << 24, low = top - (1 << 18)
        var composite = [Bool](repeating: false, count: top - low)
        // Odd divisors suffice once even numbers are skipped; composite divisors are harmless.
        for divisor in stride(from: 3, to: 1 << 12, by: 2) {
            var multiple = (low + divisor - 1) / divisor * divisor
            while multiple < top {
                composite[multiple - low] = true
                multiple += divisor
            }
        }
        return stride(from: top - 1, to: low, by: -2).filter { !composite[$0 - low] }
    }()
}
