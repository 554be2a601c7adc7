import LA
import Testing

/// Swift functions registered for scripts, and la functions called from Swift.
@Suite struct EmbeddingFunctionTests {
    @Test func registeredFunctionsConvertTheirArguments() throws {
        let interpreter = Interpreter()
        interpreter.register("scale", parameters: ["x", "k"]) { (x: [Double], k: Double) -> [Double] in
            x.map { $0 * k }
        }
        interpreter.register("greeting") { "hello" }
        interpreter.register("shout") { (text: String) in text.uppercased() }
        interpreter.register("clamp3", parameters: ["x", "lo", "hi"]) { (x: Double, lo: Double, hi: Double) in
            min(max(x, lo), hi)
        }
        #expect(try interpreter.run("scale([1.0, 2.0, 3.0], 2)").as([Double].self) == [2, 4, 6])
        #expect(try interpreter.run("scale(k: 0.5, x: [4.0])").as([Double].self) == [2])
        #expect(try interpreter.run("shout(greeting())").as(String.self) == "HELLO")
        #expect(try interpreter.run("clamp3(7, 0, 5) + clamp3(-1, 0, 5)").as(Double.self) == 5)
        // Results are ordinary la values.
        #expect(try interpreter.run("sum(scale([1.0, 2.0], 3))").as(Double.self) == 9)
    }

    @Test func conversionFailureIsATypeErrorNamingFunctionAndParameter() throws {
        let interpreter = Interpreter()
        interpreter.register("scale", parameters: ["x", "k"]) { (x: [Double], k: Double) -> [Double] in x.map { $0 * k } }
        let diagnostic = try #require(runError(interpreter, "let v = [1.0]\nscale(v, \"two\")"))
        #expect(diagnostic.kind == .typeError)
        #expect(diagnostic.message == "scale() expects a number for 'k', got string")
        #expect(diagnostic.span?.start.line == 2)
        // Arity is checked like any builtin's.
        #expect(runError(interpreter, "scale([1.0])")?.message == "scale() missing argument 'k'")
    }

    struct HostFailure: Error, CustomStringConvertible {
        var description: String { "the sensor is offline" }
    }

    @Test func swiftErrorsBecomeValueErrorsAtTheCallSiteWithTheStack() throws {
        let interpreter = Interpreter()
        interpreter.register("read_sensor") { (id: Int) -> Double in throw HostFailure() }
        let diagnostic = try #require(runError(interpreter, """
            fn measure(id) {
              return read_sensor(id) * 2
            }
            measure(7)
            """, name: "host.la"))
        #expect(diagnostic.kind == .valueError)
        #expect(diagnostic.message == "read_sensor(): the sensor is offline")
        #expect(diagnostic.file == "host.la")
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.stack.map(\.function) == ["measure", "<script>"])
    }

    @Test func thrownDiagnosticsKeepTheirKind() throws {
        let interpreter = Interpreter()
        interpreter.register("lookup") { (key: String) -> Double in
            throw Diagnostic(.indexError, "no entry named '\(key)'")
        }
        let diagnostic = try #require(runError(interpreter, "1 + lookup(\"w\")"))
        #expect(diagnostic.kind == .indexError)
        #expect(diagnostic.message == "no entry named 'w'")
        #expect(diagnostic.span?.start.line == 1)
        // The interpreter works normally after the error.
        #expect(try interpreter.run("2 + 2").as(Int.self) == 4)
    }

    @Test func kernelErrorsKeepTheirKindAndBadResultsAreValueErrors() throws {
        let interpreter = Interpreter()
        interpreter.register("reshape_host") { (values: [Double]) -> Tensor in
            try Tensor(values, shape: [2, 2])
        }
        interpreter.register("ragged") { () -> [[Double]] in [[1.0], [2.0, 3.0]] }
        #expect(try interpreter.run("sum(reshape_host([1.0, 2.0, 3.0, 4.0]))").as(Double.self) == 10)
        let shape = try #require(runError(interpreter, "reshape_host([1.0])"))
        #expect(shape.kind == .shapeError)
        #expect(shape.message == "1 values do not fill shape (2, 2)")
        let ragged = try #require(runError(interpreter, "ragged()"))
        #expect(ragged.kind == .valueError)
        #expect(ragged.message == "ragged() returned a value with no la form: expected a rectangular nested array, got items of shapes (1,) and (2,)")
    }

    @Test func callsScriptFunctionsFromSwift() throws {
        let interpreter = Interpreter()
        try interpreter.run("""
            fn f(x, v) = x * sum(v)
            fn affine(W, b) = fn(x) = W @ x + b
            """)
        #expect(try interpreter.call("f", 1.5, [1, 2]).as(Double.self) == 4.5)
        let layer = try interpreter.call("affine", [[2.0, 0.0], [0.0, 3.0]], [1.0, 1.0])
        #expect(try interpreter.callFunction(layer, [1.0, 1.0]).as([Double].self) == [3, 4])
        // Builtins are functions too.
        #expect(try interpreter.call("sqrt", 16.0).as(Double.self) == 4)
    }

    @Test func callErrorsAreDiagnostics() throws {
        let interpreter = Interpreter()
        try interpreter.run("fn f(x) = x @ x")
        #expect(throws: Diagnostic(.nameError, "g is not defined")) { try interpreter.call("g") }
        do {
            try interpreter.call("f", [[1.0, 2.0, 3.0]])
            Issue.record("expected a ShapeError")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.kind == .shapeError)
            #expect(diagnostic.stack.first?.function == "f")
        }
        do {
            try interpreter.call("f", 1.0, 2.0)
            Issue.record("expected a TypeError")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.kind == .typeError)
        }
    }

    @Test func hostFunctionsMayCallBackIntoScripts() throws {
        let interpreter = Interpreter()
        interpreter.register("apply_twice", parameters: ["name", "x"]) { [unowned interpreter] (name: String, x: Double) -> Value in
            let once = try interpreter.call(name, x)
            return try interpreter.call(name, once)
        }
        #expect(try interpreter.run("fn inc(x) = x + 1\napply_twice(\"inc\", 1.5)").as(Double.self) == 3.5)
    }

    func runError(_ interpreter: Interpreter, _ source: String, name: String = "<input>") -> Diagnostic? {
        do {
            try interpreter.run(source, name: name)
            return nil
        } catch {
            return error as? Diagnostic
        }
    }
}
