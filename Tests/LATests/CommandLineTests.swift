import Foundation
import Testing

/// Runs the built `la` executable as a user would (SPEC §10).
@Suite struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `la` binary next to the test bundle in the build folder.
    static var laPath: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The runner may live inside a bundle folder (…/laPackageTests.xctest/…).
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("la").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("la").path
    }

    func la(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.laPath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func temporaryScript(_ text: String, name: String = "script.la") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("la-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func runsAStringWithDashE() throws {
        let result = try la(["-e", "print(1 + 1)"])
        #expect(result.status == 0)
        #expect(result.stdout == "2\n")
    }

    @Test func runsAFileWithArguments() throws {
        let path = try temporaryScript("print(args)\nprint(len(args))\n")
        let result = try la([path, "alpha", "--beta"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "(\"alpha\", \"--beta\")\n2\n")
    }

    @Test func scriptErrorExitsWithOneAndADiagnostic() throws {
        let path = try temporaryScript("let A = ones((2, 3))\nlet B = ones((4, 2))\nlet C = A @ B\n", name: "model.la")
        let result = try la([path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4\n"))
        #expect(result.stderr.contains("model.la:3:11"))
    }

    @Test func usageErrorExitsWithTwo() throws {
        #expect(try la(["--threads", "zero", "-e", "1"]).status == 2)
        #expect(try la(["/nonexistent/script.la"]).status == 2)
    }

    @Test func checkReportsEverySyntaxError() throws {
        let path = try temporaryScript("let a = 1 +* 2\nlet = 4\nprint(\"ok\")\nlet c = ]\n")
        let result = try la(["check", path])
        #expect(result.status == 1)
        let headers = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error[SyntaxError]") }
        #expect(headers.count == 3, "\(result.stderr)")
    }

    @Test func checkAcceptsAValidScriptWithoutRunningIt() throws {
        let path = try temporaryScript("print(\"side effect\")\n")
        let result = try la(["check", path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func disasmShowsBytecode() throws {
        let path = try temporaryScript("let x = 1 + 2\nprint(x)\n")
        let result = try la(["disasm", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
    }

    @Test func readsAProgramFromStandardInput() throws {
        let result = try la([], stdin: "print(\"from stdin\")\n")
        #expect(result.status == 0)
        #expect(result.stdout == "from stdin\n")
    }

    @Test func shebangScriptRunsDirectly() throws {
        let path = try temporaryScript("#!/usr/bin/env la\nprint(6 * 7)\n")
        let result = try la([path])
        #expect(result.stdout == "42\n")
    }
}
