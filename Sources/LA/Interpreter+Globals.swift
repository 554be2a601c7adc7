extension Interpreter {
    /// Defines or replaces the global `name`, visible to every later `run`:
    /// `try interpreter.define("X", [[1.0, 2.0], [3.0, 4.0]])`.
    /// - Throws: `ConversionError` when the value has no la form (a ragged nested array).
    public func define(_ name: String, _ value: some LAConvertible) throws {
        runtime.define(name, try value.laValue())
    }

    /// The current value of the global `name` (defined by a script, by `define`,
    /// or a builtin), or nil when it is not defined.
    public func global(_ name: String) -> Value? {
        runtime.global(name)
    }
}

extension Value {
    /// A record whose fields may have different Swift types:
    /// `try .makeRecord(["w": [1.0, 2.0], "bias": 0.5])`. The fields are sorted by name.
    /// - Throws: `ConversionError` when a field has no la form.
    public static func makeRecord(_ fields: [String: any LAConvertible]) throws -> Value {
        var record = Record()
        for key in fields.keys.sorted() {
            if let field = fields[key] { record.set(key, try field.laValue()) }
        }
        return .record(record)
    }
}
