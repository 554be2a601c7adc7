#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LAKernels

/// Exact scalar arithmetic (SPEC §5). Rationals mix with ints exactly and with floats
/// as floats. In exact mode ints never overflow (the result becomes a rational with
/// denominator 1), and `/` and negative powers of ints are exact.
extension Value {
    /// An exact number as a value: an int when it is an integer that fits in 64 bits, else a rational.
    static func exact(_ value: Rational) -> Value {
        if value.isInteger, let integer = value.numerator.int64Value { return .int(integer) }
        return .rational(RationalBox(value))
    }

    /// The exact value of an int or a rational; nil for anything else.
    var exactNumber: Rational? {
        switch self {
        case .int(let value): Rational(value)
        case .rational(let box): box.value
        default: nil
        }
    }

    var isRational: Bool {
        if case .rational = self { return true }
        return false
    }
}

extension VM {
    /// `l op r` on ints whose 64-bit result overflowed: the exact result in exact mode, else an OverflowError.
    func overflowed(_ op: BinaryOp, _ l: Int64, _ r: Int64) throws -> Value {
        guard exactMode else { throw overflowError(op.symbol, l, r) }
        return try exactArithmetic(op, Rational(l), Rational(r))
    }

    /// An arithmetic operator on two exact numbers.
    /// - Throws: ZeroDivisionError for `/`, `//` and `%` by zero and for 0 to a negative power.
    func exactArithmetic(_ op: BinaryOp, _ l: Rational, _ r: Rational) throws -> Value {
        switch op {
        case .add: return .exact(l + r)
        case .subtract: return .exact(l - r)
        case .multiply: return .exact(l * r)
        case .divide:
            guard r != .zero else { throw zeroDivision("division by zero: \(l) / 0") }
            return .exact(try l / r)
        case .floorDivide:
            guard r != .zero else { throw zeroDivision("integer division by zero: \(l) // 0") }
            return .exact(Rational(try (l / r).floor))
        case .modulo:
            guard r != .zero else { throw zeroDivision("modulo by zero: \(l) % 0") }
            return .exact(l - r * Rational(try (l / r).floor))
        case .power:
            guard r.isInteger, let wide = r.numerator.int64Value, let exponent = Int(exactly: wide) else {
                return .float(pow(l.doubleValue, r.doubleValue))
            }
            guard l != .zero || exponent >= 0 else { throw zeroDivision("0 cannot be raised to a negative power (\(r))") }
            return .exact(try l.power(exponent))
        default:
            throw RuntimeError(.typeError, "unsupported operator \(op.symbol) for rationals")
        }
    }

    /// Arithmetic with a rational operand and a number: exact with ints and rationals,
    /// a float with floats. Nil when neither operand is a rational or the other is not a number.
    func rationalArithmetic(_ op: BinaryOp, _ x: Value, _ y: Value) throws -> Value? {
        guard x.isRational || y.isRational else { return nil }
        if let l = x.exactNumber, let r = y.exactNumber { return try exactArithmetic(op, l, r) }
        guard let l = x.floatNumber, let r = y.floatNumber else { return nil }
        return try arithmetic(op, .float(l), .float(r))
    }

    /// A comparison with a rational operand: exact against ints and rationals, by value
    /// as doubles against floats. Nil when it does not apply.
    func rationalComparison(_ op: BinaryOp, _ x: Value, _ y: Value) throws -> Value? {
        guard x.isRational || y.isRational else { return nil }
        if let l = x.exactNumber, let r = y.exactNumber {
            switch op {
            case .equal: return .bool(l == r)
            case .notEqual: return .bool(l != r)
            case .less: return .bool(l < r)
            case .lessEqual: return .bool(l <= r)
            case .greater: return .bool(l > r)
            default: return .bool(l >= r)
            }
        }
        guard let l = x.floatNumber, let r = y.floatNumber else { return nil }
        return try compare(op, .float(l), .float(r))
    }

    private func zeroDivision(_ message: String) -> RuntimeError {
        RuntimeError(.zeroDivisionError, message)
    }
}

extension Value {
    /// An int, float or rational as a double; nil for anything else.
    var floatNumber: Double? {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        case .rational(let box): box.value.doubleValue
        default: nil
        }
    }
}
