import Foundation
import LA
import Testing
@testable import la

/// The interactive REPL (SPEC §10), driven through a real pseudo-terminal by
/// Tests/REPL/test_repl.py (pexpect), plus its command parsing.
@Suite struct REPLTests {
    @Test func terminalSessionsBehave() throws {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("REPL/test_repl.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, CommandLineTests.laPath]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
    }

    @Test func parsesCommands() throws {
        #expect(try REPLCommand.parse("1 + 1") == nil)
        #expect(try REPLCommand.parse("  :vars ") == .vars)
        #expect(try REPLCommand.parse(":exact on") == .exact(true))
        #expect(try REPLCommand.parse(":exact off") == .exact(false))
        #expect(try REPLCommand.parse(":load my file.la") == .load("my file.la"))
        #expect(try REPLCommand.parse(":q") == .quit)
    }

    @Test func rejectsBadCommands() {
        #expect(throws: REPLError.self) { try REPLCommand.parse(":exact maybe") }
        #expect(throws: REPLError.self) { try REPLCommand.parse(":load") }
        #expect(throws: REPLError.self) { try REPLCommand.parse(":vars now") }
        #expect(throws: REPLError.self) { try REPLCommand.parse(":nonsense") }
    }

    @Test func interpreterListsOnlyUserGlobalsByName() throws {
        let interpreter = Interpreter()
        #expect(interpreter.globals.isEmpty)
        try interpreter.run("let b = 2\nlet a = zeros((2, 3))\nfn f(x) = x")
        #expect(interpreter.globals.map(\.name) == ["a", "b", "f"])
        guard case .tensor(let box)? = interpreter.globals.first(where: { $0.name == "a" })?.value else {
            Issue.record("a should be a tensor")
            return
        }
        #expect(box.tensor.shape == [2, 3])
        #expect(describeGlobal(.tensor(box.tensor)) == "f64[2, 3]")
        #expect(describeGlobal(.int(2)) == "int = 2")
    }

    @Test func echoQuotesStringsAndSkipsNil() {
        #expect(REPLSession.echo(of: .nil) == nil)
        #expect(REPLSession.echo(of: .string("hi")) == "\"hi\"")
        #expect(REPLSession.echo(of: .int(42)) == "42")
    }

    @Test func echoMarksFloatsInExactMode() throws {
        #expect(REPLSession.echo(of: .float(0.5), exact: true) == "≈0.5")
        #expect(REPLSession.echo(of: .float(0.5)) == "0.5")
        let interpreter = Interpreter(configuration: Configuration())
        #expect(!interpreter.isExactMode)
        let floats = try interpreter.run("use exact\nastype([[1, 2], [3, 4]], f64)")
        #expect(interpreter.isExactMode, "use exact stays on for later entries")
        #expect(REPLSession.echo(of: floats, exact: interpreter.isExactMode) == "f64[2, 2]\n≈[[1. 2.]\n  [3. 4.]]")
        #expect(try interpreter.run("repr((1/2, 0.5 * float(1)))").as(String.self) == "(1/2, ≈0.5)")
    }
}
