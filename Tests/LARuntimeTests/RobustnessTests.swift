import LACompiler
import LASyntax
import Testing
@testable import LARuntime

/// Bad programs end in a diagnostic of the right kind, never a trap.
@Suite struct RobustnessTests {
    @Test(arguments: [
        ("let (a, b) = 5", ErrorKind.typeError),
        ("range(1, 2, 0)", .valueError),
        ("for i in range(0, 10, 0) { }", .valueError),
        ("for i in range(\"a\") { }", .typeError),
        ("let x = (1, 2).T", .typeError),
        ("let r = {a: 1}\nr[0] = 1", .typeError),
        ("let s = \"abc\"\ns[0] = \"x\"", .typeError),
        ("nil + 1", .typeError),
        ("\"a\" * 2", .typeError),
        ("let t = (1,)\nprint(t[9223372036854775807])", .indexError),
        ("print(-9223372036854775807 - 2)", .overflowError),
        ("print(-9223372036854775807 // -1 * -1 // 0)", .zeroDivisionError),
        ("let f = fn(a, a) = a", .syntaxError),
        ("f(1, x: 2, x: 3)", .syntaxError),
        ("print(zeros(-1))", .shapeError),
        ("for x in 5 { }", .typeError),
        ("fn f(n) { return f }\nf(1)(2)(3)(4)(nil)\nlet z = 1 < nil", .typeError),
    ])
    func failsCleanly(source: String, kind: ErrorKind) {
        #expect(failure(source)?.kind == kind, "\(source)")
    }

    @Test func extremeIntegers() throws {
        #expect(try run("print((-2) ** 63, 2 ** 62, -9223372036854775807 - 1)") == "-9223372036854775808 4611686018427387904 -9223372036854775808\n")
        #expect(try run("print(range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904).len())") == "4\n")
    }

    @Test func tooManyRegistersIsAnError() {
        let elements = (0..<300).map(String.init).joined(separator: ", ")
        let diagnostic = failure("let t = (\(elements))")
        #expect(diagnostic?.kind == .syntaxError)
        #expect(diagnostic?.message.contains("registers") == true)
    }

    @Test func theRuntimeIsUsableAfterAnError() throws {
        let runtime = Runtime(options: RuntimeOptions(output: { _ in }, recursionLimit: 100))
        let deep = try Parser.parse(SourceFile(name: "a", text: "fn down(n) = down(n + 1)\ndown(0)"))
        #expect(throws: Diagnostic.self) { try runtime.run(deep) }
        let after = try runtime.run(Parser.parse(SourceFile(name: "b", text: "fn up(n) = n + 1\nup(41)")))
        #expect(after.printed == "42")
    }

    @Test func hostCallsIntoLaFunctions() throws {
        let runtime = Runtime(options: RuntimeOptions(output: { _ in }))
        _ = try runtime.run(Parser.parse(SourceFile(name: "a", text: "fn scale(x, by = 3) = x * by")))
        let scale = try #require(runtime.global("scale"))
        #expect(try runtime.call(scale, [.int(5)]).printed == "15")
        #expect(throws: Diagnostic.self) { try runtime.call(scale, []) }
    }

    @Test func invalidBytecodeIsRejectedWhenLoaded() {
        let runtime = Runtime(options: RuntimeOptions(output: { _ in }))
        let chunk = Chunk(name: "<script>", file: "bad", span: nil, parameters: [], registerCount: 1,
                          code: [0xFF], constants: [], spans: [nil], operandSpans: [:],
                          prototypes: [], upvalues: [], exactMode: false)
        #expect {
            try runtime.run(chunk)
        } throws: { error in
            (error as? Diagnostic)?.message.contains("invalid instruction") == true
        }
    }
}
