import LA
import Testing

/// Globals defined from Swift values and results read back as Swift values.
@Suite struct EmbeddingConversionTests {
    @Test func scalarsAndStringsRoundTrip() throws {
        let interpreter = Interpreter()
        try interpreter.define("n", 3)
        try interpreter.define("x", 2.5)
        try interpreter.define("flag", true)
        try interpreter.define("name", "la")
        #expect(try interpreter.run("n * 2").as(Int.self) == 6)
        #expect(try interpreter.run("x * n").as(Double.self) == 7.5)
        #expect(try interpreter.run("not flag").as(Bool.self) == false)
        #expect(try interpreter.run("name + \"!\"").as(String.self) == "la!")
        #expect(try interpreter.run("type(n) + type(x)").as(String.self) == "intfloat")
        // An int reads back as a Double; a 0-D tensor as its scalar.
        #expect(try interpreter.run("n").as(Double.self) == 3)
        #expect(try interpreter.run("tensor(4.5)").as(Double.self) == 4.5)
    }

    @Test func arraysBecomeTensorsAndComeBack() throws {
        let interpreter = Interpreter()
        try interpreter.define("v", [1.0, 2.0, 3.0])
        try interpreter.define("M", [[1.0, 2.0], [3.0, 4.0]])
        try interpreter.define("f", [Float(1.5), 2.5])
        try interpreter.define("ids", [1, 2, 3])
        #expect(try interpreter.run("v * 2").as([Double].self) == [2, 4, 6])
        #expect(try interpreter.run("M @ M").as([[Double]].self) == [[7, 10], [15, 22]])
        #expect(try interpreter.run("str(f.dtype) + str(ids.dtype) + str(M.shape)").as(String.self) == "f32i64(2, 2)")
        #expect(try interpreter.run("f * 2").as([Float].self) == [3, 5])
        #expect(try interpreter.run("ids + 1").as([Int].self) == [2, 3, 4])
        #expect(try interpreter.run("v > 1.5").as([Bool].self) == [false, true, true])
        // A tuple of numbers converts too.
        #expect(try interpreter.run("(1, 2.5)").as([Double].self) == [1, 2.5])
    }

    @Test func raggedArraysAreRejected() throws {
        let interpreter = Interpreter()
        #expect(throws: ConversionError(expected: "a rectangular nested array", actual: "items of shapes (2,) and (1,)")) {
            try interpreter.define("M", [[1.0, 2.0], [3.0]])
        }
        #expect(interpreter.global("M") == nil)
    }

    @Test func tensorsAreSharedWithValueSemantics() throws {
        let interpreter = Interpreter()
        let tensor = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        try interpreter.define("T", tensor)
        try interpreter.run("T[0, 0] = 100")
        let back = try #require(interpreter.global("T")).as(Tensor.self)
        #expect(back.shape == [2, 3])
        #expect(back.toDoubles() == [100, 2, 3, 4, 5, 6])
        // The script's write did not reach the host's tensor.
        #expect(tensor.toDoubles() == [1, 2, 3, 4, 5, 6])
    }

    @Test func dictionariesBecomeRecords() throws {
        let interpreter = Interpreter()
        try interpreter.define("p", ["lr": 0.1, "momentum": 0.9])
        try interpreter.define("layer", try Value.makeRecord(["W": [[1.0, 0.0], [0.0, 2.0]], "name": "dense"]))
        #expect(try interpreter.run("p.lr + p.momentum").as(Double.self) == 1.0)
        #expect(try interpreter.run("layer.name").as(String.self) == "dense")
        let record = try interpreter.run("{a: 1, b: [1.0, 2.0], c: \"x\"}").as([String: Value].self)
        #expect(record.keys.sorted() == ["a", "b", "c"])
        #expect(try record["b"]?.as([Double].self) == [1, 2])
        #expect(try interpreter.run("{a: 1.5, b: 2}").as([String: Double].self) == ["a": 1.5, "b": 2])
    }

    @Test func wrongTypesNameExpectedAndActual() throws {
        let interpreter = Interpreter()
        let text = try interpreter.run("\"hello\"")
        #expect(throws: ConversionError(expected: "a number", actual: "string")) { try text.as(Double.self) }
        let vector = try interpreter.run("[1.0, 2.0]")
        #expect(throws: ConversionError(expected: "a 2-D tensor of numbers", actual: "tensor of shape (2,) and dtype f64")) {
            try vector.as([[Double]].self)
        }
        #expect(throws: ConversionError(expected: "a tensor of ints (i64)", actual: "tensor of shape (2,) and dtype f64")) {
            try vector.as([Int].self)
        }
        #expect(throws: ConversionError(expected: "an int", actual: "float")) { try interpreter.run("1.5").as(Int.self) }
        #expect(throws: ConversionError(expected: "a record of any value", actual: "tuple")) {
            try interpreter.run("(1, 2)").as([String: Value].self)
        }
        let error = ConversionError(expected: "a bool", actual: "nil")
        #expect(error.description == "expected a bool, got nil")
    }

    @Test func globalReadsScriptVariablesAndIsNilWhenUndefined() throws {
        let interpreter = Interpreter()
        try interpreter.run("let total = sum([1, 2, 3])")
        #expect(try interpreter.global("total")?.as(Int.self) == 6)
        #expect(interpreter.global("missing") == nil)
    }
}
