import LAKernels
import LASyntax

extension BuiltinLibrary {
    /// print, len, range, type, str, repr, int, float, error, time.
    static func coreBuiltins() -> [Builtin] {
        [
            Builtin("print", [], variadic: true) { args in
                args.vm.options.output(args.rest.map { $0.printed(exact: args.vm.exactMode) }.joined(separator: " ") + "\n")
                return .nil
            },
            Builtin("len", [.required("x")]) { args in
                switch args[0] {
                case .tuple(let items): return .int(Int64(items.count))
                case .string(let text): return .int(Int64(text.count))
                case .record(let record): return .int(Int64(record.keys.count))
                case .range(let range): return .int(range.count)
                case .tensor(let box):
                    guard let length = box.tensor.shape.first else { throw args.typeError(0, expected: "a tensor with at least one axis") }
                    return .int(Int64(length))
                default: throw args.typeError(0, expected: "a tuple, string, record, range or tensor")
                }
            },
            Builtin("range", [.required("start"), .optional("stop"), .optional("step", .int(1))]) { args in
                let first = Int64(try args.int(0))
                let step = Int64(try args.int(2))
                if args.isNil(1) { return .range(try RangeValue(start: 0, stop: first, step: step)) }
                return .range(try RangeValue(start: first, stop: Int64(try args.int(1)), step: step))
            },
            Builtin("type", [.required("x")]) { args in .string(args[0].typeName) },
            Builtin("str", [.required("x")]) { args in .string(args[0].printed(exact: args.vm.exactMode)) },
            Builtin("repr", [.required("x")]) { args in .string(args[0].repr(exact: args.vm.exactMode)) },
            Builtin("int", [.required("x")]) { args in try convertToInt(args) },
            Builtin("float", [.required("x")]) { args in try convertToFloat(args) },
            Builtin("error", [.required("message")]) { args in
                throw RuntimeError(.valueError, args[0].printed)
            },
            Builtin("time", []) { args in
                let elapsed = ContinuousClock.now - args.vm.startTime
                let (seconds, attoseconds) = elapsed.components
                return .float(Double(seconds) + Double(attoseconds) * 1e-18)
            },
        ]
    }

    private static func convertToInt(_ args: BuiltinArguments) throws -> Value {
        switch args[0] {
        case .int: return args[0]
        case .rational(let box):
            // Truncation toward zero, as for floats.
            let floor = Value.exact(Rational(box.value.floor))
            return box.value.signum < 0 && !box.value.isInteger ? try args.vm.add(floor, .int(1)) : floor
        case .bool(let value): return .int(value ? 1 : 0)
        case .float(let value): return .int(try truncated(value))
        case .string(let text):
            guard let value = Int64(text.filter { $0 != "_" }) else {
                throw RuntimeError(.valueError, "int() cannot read \(LiteralText.quoted(text)) as an integer")
            }
            return .int(value)
        case .tensor(let box):
            switch try box.tensor.item() {
            case .int(let value): return .int(value)
            case .bool(let value): return .int(value ? 1 : 0)
            case .float(let value): return .int(try truncated(value))
            }
        default: throw args.typeError(0, expected: "a number, string or one-element tensor")
        }
    }

    private static func truncated(_ value: Double) throws -> Int64 {
        guard let result = Int64(exactly: value.rounded(.towardZero)) else {
            throw RuntimeError(value.isNaN ? .valueError : .overflowError, "int() cannot convert \(value) to a 64-bit int")
        }
        return result
    }

    private static func convertToFloat(_ args: BuiltinArguments) throws -> Value {
        switch args[0] {
        case .float: return args[0]
        case .int(let value): return .float(Double(value))
        case .rational(let box): return .float(box.value.doubleValue)
        case .bool(let value): return .float(value ? 1 : 0)
        case .string(let text):
            guard let value = Double(text.filter { $0 != "_" }) else {
                throw RuntimeError(.valueError, "float() cannot read \(LiteralText.quoted(text)) as a number")
            }
            return .float(value)
        case .tensor(let box): return .float(try box.tensor.item().doubleValue)
        default: throw args.typeError(0, expected: "a number, string or one-element tensor")
        }
    }
}
