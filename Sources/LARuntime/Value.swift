import LAKernels

/// A value of the la language.
///
/// Numbers are unboxed payloads, so arithmetic on ints and floats does no
/// reference counting. Tensors sit behind one reference (`TensorBox`) to keep
/// the enum small; value semantics come from copy-on-write in place updates.
public enum Value {
    // The cases holding references come first: the layout numbers them 0...8, so
    // `isTrivial` (checked on every register write and return) is one compare.
    /// An exact rational (SPEC §5) that is not a 64-bit integer; behind one reference to keep the enum small.
    case rational(RationalBox)
    case string(String)
    case tuple([Value])
    case record(Record)
    case tensor(TensorBox)
    /// A closure over la code.
    case closure(Closure)
    /// A function implemented natively.
    case builtin(Builtin)
    /// The lazy result of `range(...)`.
    case range(RangeValue)
    /// A slice `a:b:c` or `...`; appears only as an index item.
    case slice(SliceValue)
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case dtype(DType)
    case `nil`
    /// Internal marker: an omitted argument (before its default runs) or a global not yet defined.
    case undefined

    /// Wraps a tensor.
    public static func tensor(_ tensor: Tensor) -> Value { .tensor(TensorBox(tensor)) }

    /// Returns the value and leaves nil in its place (a move, without reference counting).
    @inline(__always)
    mutating func take() -> Value {
        let value = self
        self = .nil
        return value
    }

    /// True for cases without references, whose storage can be overwritten without destroying it.
    @inline(__always)
    var isTrivial: Bool {
        switch self {
        case .rational, .string, .tuple, .record, .tensor, .closure, .builtin, .range, .slice: false
        default: true
        }
    }

    /// The type's name, as `type(x)` returns it.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .rational: "rational"
        case .string: "string"
        case .tuple: "tuple"
        case .record: "record"
        case .tensor: "tensor"
        case .closure, .builtin: "function"
        case .dtype: "dtype"
        case .range: "range"
        case .slice: "slice"
        case .undefined: "undefined"
        }
    }
}

/// The one reference to a tensor held by a value. Writes replace or mutate it only
/// when uniquely referenced, so no variable observes another's change.
public final class TensorBox {
    public var tensor: Tensor
    public init(_ tensor: Tensor) { self.tensor = tensor }
}

/// The one reference to a rational held by a value.
public final class RationalBox {
    public let value: Rational
    public init(_ value: Rational) { self.value = value }
}

/// A record: string keys in insertion order, with value semantics.
public struct Record {
    public private(set) var keys: [String]
    public private(set) var values: [Value]

    public init(keys: [String] = [], values: [Value] = []) {
        self.keys = keys
        self.values = values
    }

    public subscript(key: String) -> Value? {
        keys.firstIndex(of: key).map { values[$0] }
    }

    /// Replaces the field `key`, or appends it.
    public mutating func set(_ key: String, _ value: Value) {
        if let index = keys.firstIndex(of: key) {
            values[index] = value
        } else {
            keys.append(key)
            values.append(value)
        }
    }
}

/// `range(start, stop, step)`: the ints it yields are computed on demand.
public final class RangeValue {
    public let start: Int64
    public let stop: Int64
    public let step: Int64
    /// How many ints the range yields.
    public let count: Int64

    /// - Throws: ValueError when `step` is 0.
    init(start: Int64, stop: Int64, step: Int64) throws {
        guard step != 0 else { throw RuntimeError(.valueError, "range() step must not be zero") }
        self.start = start
        self.stop = stop
        self.step = step
        self.count = RangeValue.tripCount(start: start, stop: stop, step: step)
    }

    /// The number of values of `start, start+step, ...` before `stop` (step ≠ 0), without overflow.
    static func tripCount(start: Int64, stop: Int64, step: Int64) -> Int64 {
        let distance = step > 0 ? Int128(stop) - Int128(start) : Int128(start) - Int128(stop)
        if distance <= 0 { return 0 }
        let magnitude = Int128(step.magnitude)
        return Int64(clamping: (distance + magnitude - 1) / magnitude)
    }

    /// The `index`-th value (0 ≤ index < count).
    func element(_ index: Int64) -> Int64 {
        Int64(Int128(start) + Int128(index) * Int128(step))
    }
}

/// An index item that is not a plain value: a slice `a:b:c` or `...`.
public final class SliceValue {
    public let start: Int?
    public let stop: Int?
    public let step: Int?
    public let isEllipsis: Bool

    init(start: Int?, stop: Int?, step: Int?, isEllipsis: Bool = false) {
        self.start = start
        self.stop = stop
        self.step = step
        self.isEllipsis = isEllipsis
    }
}

extension UnsafeMutablePointer where Pointee == Value {
    /// `self[index] = value`, skipping the out-of-line destroy when the old value holds no reference.
    @inline(__always)
    func store(_ index: Int, _ value: Value) {
        if self[index].isTrivial {
            (self + index).initialize(to: value)
        } else {
            self[index] = value
        }
    }

    /// The closure in register `index`, if it holds one, without retaining it: valid while the register keeps it.
    @inline(__always)
    func unretainedClosure(_ index: Int) -> Unmanaged<Closure>? {
        // Moved out and back in: matching on an owned value binds without a retain.
        let value = (self + index).move()
        defer { (self + index).initialize(to: value) }
        guard case .closure(let closure) = value else { return nil }
        return Unmanaged.passUnretained(closure)
    }
}
