import LAKernels
import LASyntax

/// One parameter of a builtin: its name and, if optional, its default.
public struct BuiltinParameter {
    public var name: String
    /// nil for a required parameter.
    public var defaultValue: Value?

    public static func required(_ name: String) -> BuiltinParameter { BuiltinParameter(name: name, defaultValue: nil) }
    public static func optional(_ name: String, _ defaultValue: Value = .nil) -> BuiltinParameter {
        BuiltinParameter(name: name, defaultValue: defaultValue)
    }
}

/// A function implemented natively. Its parameters are declared as data, so
/// arity, named-argument and default handling is the same for every builtin.
public final class Builtin {
    public let name: String
    public let parameters: [BuiltinParameter]
    /// Extra positional arguments are collected in `BuiltinArguments.rest` (as `print` needs).
    public let isVariadic: Bool
    let body: (inout BuiltinArguments) throws -> Value

    public init(_ name: String, _ parameters: [BuiltinParameter], variadic: Bool = false,
                _ body: @escaping (inout BuiltinArguments) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.isVariadic = variadic
        self.body = body
    }

    /// Binds positional and named arguments to the declared parameters and runs the body.
    func call(positional: ArraySlice<Value>, named: [(String, Value)], vm: VM) throws -> Value {
        var values = [Value](repeating: .undefined, count: parameters.count)
        var rest: [Value] = []
        for (index, value) in positional.enumerated() {
            if index < parameters.count {
                values[index] = value
            } else if isVariadic {
                rest.append(value)
            } else {
                throw RuntimeError(.typeError, "\(name)() takes \(arityText) but \(positional.count) were given")
            }
        }
        for (label, value) in named {
            guard let index = parameters.firstIndex(where: { $0.name == label }) else {
                throw RuntimeError(.typeError, "\(name)() has no parameter named '\(label)'",
                                   help: parameters.isEmpty ? [] : ["its parameters are: " + parameters.map(\.name).joined(separator: ", ")])
            }
            if case .undefined = values[index] {
                values[index] = value
            } else {
                throw RuntimeError(.typeError, "\(name)() got two values for '\(label)'")
            }
        }
        for (index, parameter) in parameters.enumerated() {
            guard case .undefined = values[index] else { continue }
            guard let defaultValue = parameter.defaultValue else {
                throw RuntimeError(.typeError, "\(name)() missing argument '\(parameter.name)'")
            }
            values[index] = defaultValue
        }
        var arguments = BuiltinArguments(function: name, parameters: parameters, values: values, rest: rest, vm: vm)
        do {
            return try body(&arguments)
        } catch let error as KernelError {
            // Keep what the builtin was given, so the diagnostic can label each argument with its shape.
            throw BuiltinFailure(error: error, arguments: Array(positional) + named.map(\.1))
        }
    }

    private var arityText: String {
        let required = parameters.filter { $0.defaultValue == nil }.count
        let noun = parameters.count == 1 ? "argument" : "arguments"
        return required == parameters.count ? "\(parameters.count) \(noun)" : "\(required) to \(parameters.count) \(noun)"
    }
}

/// The bound arguments of one builtin call, with typed accessors that raise uniform TypeErrors.
public struct BuiltinArguments {
    public let function: String
    let parameters: [BuiltinParameter]
    public var values: [Value]
    /// Extra positional arguments of a variadic builtin.
    public var rest: [Value]
    let vm: VM

    public subscript(index: Int) -> Value { values[index] }

    var context: KernelContext { vm.kernel }

    /// `zeros() expects a shape tuple for 'shape', got string`.
    func typeError(_ index: Int, expected: String) -> RuntimeError {
        RuntimeError(.typeError, "\(function)() expects \(expected) for '\(parameters[index].name)', got \(values[index].typeName)")
    }

    func isNil(_ index: Int) -> Bool {
        if case .nil = values[index] { return true }
        return false
    }

    func int(_ index: Int) throws -> Int {
        switch values[index] {
        case .int(let value): return Int(value)
        case .bool(let value): return value ? 1 : 0
        default: throw typeError(index, expected: "an int")
        }
    }

    func double(_ index: Int) throws -> Double {
        switch values[index] {
        case .int(let value): return Double(value)
        case .float(let value): return value
        case .rational(let box): return box.value.doubleValue
        case .bool(let value): return value ? 1 : 0
        default: throw typeError(index, expected: "a number")
        }
    }

    func bool(_ index: Int) throws -> Bool {
        guard case .bool(let value) = values[index] else { throw typeError(index, expected: "a bool") }
        return value
    }

    func string(_ index: Int) throws -> String {
        guard case .string(let value) = values[index] else { throw typeError(index, expected: "a string") }
        return value
    }

    /// A shape: an int or a tuple of ints.
    func shape(_ index: Int) throws -> [Int] {
        switch values[index] {
        case .int(let n): return [Int(n)]
        case .tuple(let items):
            return try items.map { item in
                guard case .int(let n) = item else { throw typeError(index, expected: "a shape tuple of ints") }
                return Int(n)
            }
        default: throw typeError(index, expected: "a shape tuple")
        }
    }

    /// nil (all axes), an int, or a tuple of ints.
    func axes(_ index: Int) throws -> [Int]? {
        if isNil(index) { return nil }
        return try shape(index)
    }

    func dtype(_ index: Int) throws -> DType? {
        switch values[index] {
        case .nil: return nil
        case .dtype(let dtype): return dtype
        case .builtin(let builtin) where builtin.name == "rational": return .rational
        default: throw typeError(index, expected: "a dtype (bool, i64, f32, f64 or rational)")
        }
    }

    /// A tensor argument; numbers, bools and nested tuples of them are converted.
    func tensor(_ index: Int) throws -> Tensor {
        if case .tensor(let box) = values[index] { return box.tensor }
        guard let tensor = try vm.makeTensor(from: values[index], dtype: nil) else {
            throw typeError(index, expected: "a tensor")
        }
        return tensor
    }

    /// A tensor or a scalar, as kernels take it.
    func operand(_ index: Int) throws -> Operand {
        switch values[index] {
        case .tensor(let box): return .tensor(box.tensor)
        case .int(let value): return .scalar(.int(value))
        case .float(let value): return .scalar(.float(value))
        case .bool(let value): return .scalar(.bool(value))
        case .rational(let box): return .tensor(try Tensor(rationals: [box.value], shape: [], context: context))
        case .tuple: return .tensor(try tensor(index))
        default: throw typeError(index, expected: "a tensor or a number")
        }
    }
}
