import CGMP

/// Owns one GMP integer (`mpz_t`) at a stable address and clears it on deinit.
/// Only `BigInt` (copy-on-write) and the exact kernels in this folder use it;
/// it is mutated only while uniquely referenced, hence `@unchecked Sendable`.
final class MPZStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<__mpz_struct>

    init() {
        pointer = .allocate(capacity: 1)
        __gmpz_init(pointer)
    }

    convenience init(value: Int) {
        self.init()
        __gmpz_set_si(pointer, value)
    }

    convenience init(copying source: UnsafePointer<__mpz_struct>) {
        self.init()
        __gmpz_set(pointer, source)
    }

    deinit {
        __gmpz_clear(pointer)
        pointer.deallocate()
    }
}

/// An arbitrary-precision signed integer with value semantics (copy-on-write
/// over a GMP `mpz_t`).
///
/// - Complexity: arithmetic is GMP's (addition O(n), multiplication
///   sub-quadratic in the number of limbs n); every result allocates one
///   `mpz_t` unless the left operand of a compound assignment is unique.
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    var storage: MPZStorage

    init(storage: MPZStorage) { self.storage = storage }

    /// Runs `body` on a fresh integer and wraps it (the common shape of every operation).
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInt {
        let result = MPZStorage()
        body(result.pointer)
        return BigInt(storage: result)
    }

    /// The value of a machine integer.
    public init(_ value: Int64) {
        storage = MPZStorage()
        __gmpz_set_si(storage.pointer, Int(value))
    }

    /// Parses an optionally signed decimal integer of any length ("-123", "+7");
    /// `nil` when the text is not one (GMP would otherwise accept spaces and other bases).
    public init?(integerText text: some StringProtocol) {
        var digits = Substring(text)
        if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let normalized = text.first == "-" ? "-" + digits : String(digits)
        storage = MPZStorage()
        guard __gmpz_set_str(storage.pointer, normalized, 10) == 0 else { return nil }
    }

    /// -1, 0 or 1.
    public var signum: Int { Int(cgmp_mpz_sgn(storage.pointer)) }

    /// The value as `Int64`, or `nil` when it does not fit.
    public var int64Value: Int64? {
        cgmp_mpz_fits_slong_p(storage.pointer) != 0 ? Int64(__gmpz_get_si(storage.pointer)) : nil
    }

    /// The number of bits of |self| (0 for zero).
    public var bitWidth: Int { signum == 0 ? 0 : Int(__gmpz_sizeinbase(storage.pointer, 2)) }

    /// Decimal text, e.g. "-42".
    public var description: String {
        let size = Int(__gmpz_sizeinbase(storage.pointer, 10)) + 2
        var buffer = [CChar](repeating: 0, count: size)
        buffer.withUnsafeMutableBufferPointer { raw in _ = __gmpz_get_str(raw.baseAddress, 10, storage.pointer) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func == (lhs: BigInt, rhs: BigInt) -> Bool {
        __gmpz_cmp(lhs.storage.pointer, rhs.storage.pointer) == 0
    }

    public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        __gmpz_cmp(lhs.storage.pointer, rhs.storage.pointer) < 0
    }

    public func hash(into hasher: inout Hasher) {
        Self.hashValue(of: storage.pointer, into: &hasher)
    }

    /// Hashes the sign and limbs of a GMP integer (shared with `Rational`).
    static func hashValue(of value: UnsafePointer<__mpz_struct>, into hasher: inout Hasher) {
        hasher.combine(cgmp_mpz_sgn(value))
        let limbs = cgmp_mpz_size(value)
        for index in 0..<limbs { hasher.combine(__gmpz_getlimbn(value, index)) }
    }

    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { __gmpz_add($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { __gmpz_sub($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { __gmpz_mul($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    public static prefix func - (value: BigInt) -> BigInt {
        make { __gmpz_neg($0, value.storage.pointer) }
    }

    /// Adds in place, reusing the storage when it is not shared.
    public static func += (lhs: inout BigInt, rhs: BigInt) {
        if isKnownUniquelyReferenced(&lhs.storage) {
            __gmpz_add(lhs.storage.pointer, lhs.storage.pointer, rhs.storage.pointer)
        } else {
            lhs = lhs + rhs
        }
    }

    /// Multiplies in place, reusing the storage when it is not shared.
    public static func *= (lhs: inout BigInt, rhs: BigInt) {
        if isKnownUniquelyReferenced(&lhs.storage) {
            __gmpz_mul(lhs.storage.pointer, lhs.storage.pointer, rhs.storage.pointer)
        } else {
            lhs = lhs * rhs
        }
    }

    /// The quotient rounded towards −∞ (Python's `//`).
    /// - Throws: `KernelError(.zeroDivision)` when `divisor` is zero.
    public func floorDivided(by divisor: BigInt) throws -> BigInt {
        guard divisor.signum != 0 else { throw KernelError(.zeroDivision, "integer division by zero") }
        return BigInt.make { __gmpz_fdiv_q($0, storage.pointer, divisor.storage.pointer) }
    }

    /// The absolute value.
    public var magnitude: BigInt { BigInt.make { __gmpz_abs($0, storage.pointer) } }

    /// The non-negative greatest common divisor.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        make { __gmpz_gcd($0, a.storage.pointer, b.storage.pointer) }
    }
}
