import CGMP

/// Owns one GMP rational (`mpq_t`) at a stable address; cleared on deinit.
/// Immutable once it is wrapped in a `Rational`, hence `@unchecked Sendable`.
final class MPQStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<__mpq_struct>

    init() {
        pointer = .allocate(capacity: 1)
        __gmpq_init(pointer)
    }

    deinit {
        __gmpq_clear(pointer)
        pointer.deallocate()
    }

    var numerator: UnsafeMutablePointer<__mpz_struct> { cgmp_mpq_numref(pointer) }
    var denominator: UnsafeMutablePointer<__mpz_struct> { cgmp_mpq_denref(pointer) }
}

/// An exact rational number, always normalised: numerator and denominator
/// coprime, denominator positive, zero is 0/1.
///
/// Values whose numerator and denominator fit in `Int64` (numerator ≠
/// `Int64.min`) are stored inline and computed with overflow-checked machine
/// arithmetic; anything larger lives in a GMP `mpq_t`. The representation is
/// canonical (a value that fits is always stored inline), so equality and
/// hashing compare representations.
///
/// - Complexity: small-path operations are O(1) and allocate nothing; a
///   big-path operation allocates one `mpq_t` and costs GMP's arithmetic on
///   the operands' limbs.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    enum Representation: @unchecked Sendable {
        case small(numerator: Int64, denominator: Int64)
        case big(MPQStorage)
    }

    var representation: Representation

    /// Wraps parts already known to be normalised and to fit inline.
    init(uncheckedNumerator numerator: Int64, denominator: Int64) {
        representation = .small(numerator: numerator, denominator: denominator)
    }

    /// Wraps a canonical `mpq_t`, moving it inline when it fits.
    init(normalised storage: MPQStorage) {
        if let numerator = Rational.inlineValue(storage.numerator),
           let denominator = Rational.inlineValue(storage.denominator) {
            representation = .small(numerator: numerator, denominator: denominator)
        } else {
            representation = .big(storage)
        }
    }

    /// Builds a rational from a numerator and a nonzero denominator held in GMP
    /// integers, normalising it. Used by the exact matrix kernels.
    init(numerator: UnsafePointer<__mpz_struct>, nonzeroDenominator denominator: UnsafePointer<__mpz_struct>) {
        let storage = MPQStorage()
        __gmpz_set(storage.numerator, numerator)
        __gmpz_set(storage.denominator, denominator)
        __gmpq_canonicalize(storage.pointer)
        self.init(normalised: storage)
    }

    /// The integer `value`.
    public init(_ value: Int64) {
        if value == .min {
            let storage = MPQStorage()
            __gmpq_set_si(storage.pointer, Int(value), 1)
            representation = .big(storage)
        } else {
            representation = .small(numerator: value, denominator: 1)
        }
    }

    /// The integer `value`.
    public init(_ value: BigInt) {
        let storage = MPQStorage()
        __gmpz_set(storage.numerator, value.storage.pointer)
        self.init(normalised: storage)
    }

    /// `numerator / denominator`, normalised.
    /// - Throws: `KernelError(.zeroDivision)` when `denominator` is zero.
    public init(numerator: BigInt, denominator: BigInt) throws {
        guard denominator.signum != 0 else {
            throw KernelError(.zeroDivision, "rational with zero denominator: \(numerator)/0")
        }
        self.init(numerator: numerator.storage.pointer, nonzeroDenominator: denominator.storage.pointer)
    }

    /// `numerator / denominator`, normalised.
    /// - Throws: `KernelError(.zeroDivision)` when `denominator` is zero.
    public init(numerator: Int64, denominator: Int64) throws {
        try self.init(numerator: BigInt(numerator), denominator: BigInt(denominator))
    }

    public static let zero = Rational(uncheckedNumerator: 0, denominator: 1)
    public static let one = Rational(uncheckedNumerator: 1, denominator: 1)

    /// The numerator (carries the sign).
    public var numerator: BigInt {
        switch representation {
        case .small(let numerator, _): return BigInt(numerator)
        case .big(let storage): return BigInt(storage: MPZStorage(copying: storage.numerator))
        }
    }

    /// The denominator (always positive).
    public var denominator: BigInt {
        switch representation {
        case .small(_, let denominator): return BigInt(denominator)
        case .big(let storage): return BigInt(storage: MPZStorage(copying: storage.denominator))
        }
    }

    /// -1, 0 or 1.
    public var signum: Int {
        switch representation {
        case .small(let numerator, _): return numerator.signum() == 0 ? 0 : (numerator < 0 ? -1 : 1)
        case .big(let storage): return Int(cgmp_mpq_sgn(storage.pointer))
        }
    }

    /// Whether the denominator is 1.
    public var isInteger: Bool {
        switch representation {
        case .small(_, let denominator): return denominator == 1
        case .big(let storage): return cgmp_mpz_cmp_ui(storage.denominator, 1) == 0
        }
    }

    /// "1/3", "-2/5", or "4" for integers.
    public var description: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// Runs `body` with this value as an `mpq_t`; inline values are copied
    /// into a temporary that is cleared afterwards.
    func withMPQ<Result>(_ body: (UnsafePointer<__mpq_struct>) throws -> Result) rethrows -> Result {
        switch representation {
        case .big(let storage):
            return try withExtendedLifetime(storage) { try body(storage.pointer) }
        case .small(let numerator, let denominator):
            var temporary = __mpq_struct()
            __gmpq_init(&temporary)
            defer { __gmpq_clear(&temporary) }
            __gmpq_set_si(&temporary, Int(numerator), UInt(denominator))
            return try body(&temporary)
        }
    }

    /// Writes the numerator and denominator into GMP integers.
    func store(numerator: UnsafeMutablePointer<__mpz_struct>, denominator: UnsafeMutablePointer<__mpz_struct>) {
        switch representation {
        case .small(let n, let d):
            __gmpz_set_si(numerator, Int(n))
            __gmpz_set_si(denominator, Int(d))
        case .big(let storage):
            __gmpz_set(numerator, storage.numerator)
            __gmpz_set(denominator, storage.denominator)
        }
    }

    /// The value as `Int64` when it fits inline (not `Int64.min`).
    static func inlineValue(_ value: UnsafePointer<__mpz_struct>) -> Int64? {
        guard cgmp_mpz_fits_slong_p(value) != 0 else { return nil }
        let int = Int64(__gmpz_get_si(value))
        return int == .min ? nil : int
    }

    public static func == (lhs: Rational, rhs: Rational) -> Bool {
        switch (lhs.representation, rhs.representation) {
        case let (.small(a, b), .small(c, d)): return a == c && b == d
        case (.small, .big), (.big, .small): return false
        case let (.big(x), .big(y)): return __gmpq_equal(x.pointer, y.pointer) != 0
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch representation {
        case .small(let numerator, let denominator):
            hasher.combine(numerator)
            hasher.combine(denominator)
        case .big(let storage):
            BigInt.hashValue(of: storage.numerator, into: &hasher)
            BigInt.hashValue(of: storage.denominator, into: &hasher)
        }
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if case let (.small(a, b), .small(c, d)) = (lhs.representation, rhs.representation) {
            // a/b < c/d ⇔ a·d < c·b (denominators positive); 128-bit products cannot overflow.
            let left = a.multipliedFullWidth(by: d), right = c.multipliedFullWidth(by: b)
            return (left.high, left.low) < (right.high, right.low)
        }
        return lhs.withMPQ { x in rhs.withMPQ { y in __gmpq_cmp(x, y) < 0 } }
    }
}
