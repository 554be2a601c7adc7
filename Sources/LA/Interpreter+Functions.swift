extension Interpreter {
    // MARK: Calling la functions from Swift

    /// Calls the la function (or builtin) bound to the global `name` with
    /// positional arguments converted from Swift: `try interpreter.call("f", 1.0, [1, 2])`.
    /// - Throws: `Diagnostic` (a NameError when `name` is not defined, or the
    ///   error the function raised), `ConversionError` for an argument with no la form.
    @discardableResult
    public func call(_ name: String, _ arguments: any LAConvertible...) throws -> Value {
        guard let function = global(name) else {
            throw Diagnostic(.nameError, "\(name) is not defined")
        }
        return try callFunction(function, arguments: arguments)
    }

    /// Calls an la function value (e.g. one a script returned) with positional arguments.
    /// - Throws: `Diagnostic` when the call fails, `ConversionError` for an argument with no la form.
    @discardableResult
    public func callFunction(_ function: Value, _ arguments: any LAConvertible...) throws -> Value {
        try callFunction(function, arguments: arguments)
    }

    /// Calls an la function value with an array of positional arguments.
    /// - Throws: `Diagnostic` when the call fails, `ConversionError` for an argument with no la form.
    @discardableResult
    public func callFunction(_ function: Value, arguments: [any LAConvertible]) throws -> Value {
        let values = try arguments.map { try $0.laValue() }
        beginTopLevelEntry()
        return try runtime.call(function, values)
    }

    // MARK: Registering Swift functions

    /// Makes a Swift function callable from scripts as `name()`.
    ///
    /// The closure is kept by the interpreter: capture the interpreter itself
    /// `weak` or `unowned` to avoid a reference cycle.
    public func register<Result: LAConvertible>(_ name: String, _ body: @escaping () throws -> Result) {
        registerNative(name, arity: 0, parameters: []) { _ in try body() }
    }

    /// Makes a Swift function of one argument callable from scripts as `name(a)`.
    /// The argument is converted to `A`; a value that does not convert is a
    /// TypeError naming the function and the parameter. An error the closure
    /// throws is a ValueError (a `Diagnostic` keeps its kind) at the call site.
    /// - Parameter parameters: the parameter names scripts may use as labels
    ///   (default `a`); also used in error messages.
    public func register<A: LAConvertible, Result: LAConvertible>(
        _ name: String, parameters: [String] = ["a"], _ body: @escaping (A) throws -> Result) {
        registerNative(name, arity: 1, parameters: parameters) { arguments in
            try body(arguments.convert(0))
        }
    }

    /// Makes a Swift function of two arguments callable from scripts:
    /// `interpreter.register("scale", parameters: ["x", "k"]) { (x: [Double], k: Double) in x.map { $0 * k } }`.
    /// Arguments convert as for the one-argument form.
    public func register<A: LAConvertible, B: LAConvertible, Result: LAConvertible>(
        _ name: String, parameters: [String] = ["a", "b"], _ body: @escaping (A, B) throws -> Result) {
        registerNative(name, arity: 2, parameters: parameters) { arguments in
            try body(arguments.convert(0), arguments.convert(1))
        }
    }

    /// Makes a Swift function of three arguments callable from scripts.
    /// Arguments convert as for the one-argument form.
    public func register<A: LAConvertible, B: LAConvertible, C: LAConvertible, Result: LAConvertible>(
        _ name: String, parameters: [String] = ["a", "b", "c"], _ body: @escaping (A, B, C) throws -> Result) {
        registerNative(name, arity: 3, parameters: parameters) { arguments in
            try body(arguments.convert(0), arguments.convert(1), arguments.convert(2))
        }
    }

    /// Registers a builtin whose body receives the bound arguments and returns
    /// a Swift value; errors become diagnostics that the VM places at the call site.
    /// Missing parameter names are `arg1`, `arg2`, …; extra ones are ignored.
    private func registerNative(_ name: String, arity: Int, parameters names: [String],
                                _ body: @escaping (HostArguments) throws -> any LAConvertible) {
        let parameters = (0..<arity).map { $0 < names.count ? names[$0] : "arg\($0 + 1)" }
        runtime.register(Builtin(name, parameters.map { .required($0) }) { arguments in
            let host = HostArguments(function: name, parameters: parameters, values: arguments.values)
            let result: any LAConvertible
            do {
                result = try body(host)
            } catch let error as Diagnostic {
                throw error
            } catch let error as KernelError {
                throw error
            } catch {
                throw Diagnostic(.valueError, "\(name)(): \(error)")
            }
            do {
                return try result.laValue()
            } catch {
                throw Diagnostic(.valueError, "\(name)() returned a value with no la form: \(error)")
            }
        })
    }
}

/// The arguments of one call of a registered Swift function.
private struct HostArguments {
    let function: String
    let parameters: [String]
    let values: [Value]

    /// Argument `index` as `T`, or a TypeError naming the function and parameter.
    func convert<T: LAConvertible>(_ index: Int) throws -> T {
        let parameter = index < parameters.count ? parameters[index] : "argument \(index + 1)"
        guard index < values.count else {
            throw Diagnostic(.typeError, "\(function)() missing argument '\(parameter)'")
        }
        do {
            return try T(laValue: values[index])
        } catch let error as ConversionError {
            throw Diagnostic(.typeError, "\(function)() expects \(error.expected) for '\(parameter)', got \(error.actual)")
        }
    }
}
