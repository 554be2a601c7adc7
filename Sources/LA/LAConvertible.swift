/// A Swift type that converts to and from la values: what `Interpreter.define`
/// accepts, what `Value.as(_:)` returns, and the parameter and result types of
/// functions registered with `Interpreter.register`.
///
/// la's own types conform: `Bool`, `Int`, `Double`, `Float`, `String`,
/// `Tensor` and `Value` itself; arrays of numbers or bools (nested to any
/// depth) convert to tensors, and `[String: T]` dictionaries to records.
public protocol LAConvertible {
    /// The la value for this Swift value.
    /// - Throws: `ConversionError` when the value has no la form (a ragged nested array).
    func laValue() throws -> Value
    /// The Swift value of `laValue`.
    /// - Throws: `ConversionError` naming the expected and the actual la type.
    init(laValue: Value) throws
    /// What the la value must be, for error messages: "a number", "a 2-D tensor".
    static var laTypeDescription: String { get }
}

/// A failed conversion between an la value and a Swift value.
public struct ConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was needed, e.g. "a 2-D tensor".
    public var expected: String
    /// What was found, e.g. "tensor of shape (3,) and dtype f64".
    public var actual: String

    /// A conversion that needed `expected` and found `actual`.
    public init(expected: String, actual: String) {
        self.expected = expected
        self.actual = actual
    }

    /// A conversion of `value` to `T` that failed.
    public init<T: LAConvertible>(_ value: Value, to type: T.Type) {
        self.init(expected: T.laTypeDescription, actual: value.conversionDescription)
    }

    /// "expected a number, got string".
    public var description: String { "expected \(expected), got \(actual)" }
}

extension Value {
    /// This value as a Swift value of type `T`: `try value.as([Double].self)`.
    /// - Throws: `ConversionError` naming the expected and the actual la type.
    public func `as`<T: LAConvertible>(_ type: T.Type) throws -> T {
        try T(laValue: self)
    }

    /// The la type of this value for conversion errors, with a tensor's shape and dtype.
    public var conversionDescription: String {
        guard case .tensor(let box) = self else { return typeName }
        return "tensor of shape \(Tensor.formatShape(box.tensor.shape)) and dtype \(box.tensor.dtype)"
    }
}

extension Value: LAConvertible {
    /// The value itself.
    public func laValue() -> Value { self }
    /// The value itself.
    public init(laValue: Value) { self = laValue }
    /// Any la value converts.
    public static var laTypeDescription: String { "any value" }
}

extension String: LAConvertible {
    /// An la string.
    public func laValue() -> Value { .string(self) }
    /// The text of an la string.
    public init(laValue: Value) throws {
        guard case .string(let text) = laValue else { throw ConversionError(laValue, to: String.self) }
        self = text
    }
    /// "a string".
    public static var laTypeDescription: String { "a string" }
}

extension Tensor: LAConvertible {
    /// An la tensor sharing this tensor's storage (copy-on-write keeps both independent).
    public func laValue() -> Value { .tensor(self) }
    /// The tensor of an la tensor value.
    public init(laValue: Value) throws {
        guard case .tensor(let box) = laValue else { throw ConversionError(laValue, to: Tensor.self) }
        self = box.tensor
    }
    /// "a tensor".
    public static var laTypeDescription: String { "a tensor" }
}

/// `[String: T]` is an la record. Dictionaries are unordered, so the record's
/// fields are sorted by name.
extension Dictionary: LAConvertible where Key == String, Value: LAConvertible {
    /// An la record with the entries sorted by key.
    public func laValue() throws -> LARuntime.Value {
        try .makeRecord(mapValues { $0 as any LAConvertible })
    }

    /// The fields of an la record, each converted to `Value`.
    public init(laValue: LARuntime.Value) throws {
        guard case .record(let record) = laValue else { throw ConversionError(laValue, to: Self.self) }
        var fields: [String: Value] = [:]
        for (key, value) in zip(record.keys, record.values) {
            do {
                fields[key] = try Value(laValue: value)
            } catch let error as ConversionError {
                throw ConversionError(expected: "\(error.expected) in field '\(key)'", actual: error.actual)
            }
        }
        self = fields
    }

    /// "a record of …".
    public static var laTypeDescription: String { "a record of \(Value.laTypeDescription)" }
}
