import Foundation
import LA
import Testing

/// An interpreter made with the default configuration touches no file and no process.
@Suite struct EmbeddingSandboxTests {
    func makeDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("la-embed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func failure(_ interpreter: Interpreter, _ source: String) -> Diagnostic? {
        do {
            try interpreter.run(source)
            return nil
        } catch let list as DiagnosticList {
            return list.diagnostics.first
        } catch {
            return error as? Diagnostic
        }
    }

    @Test func defaultConfigurationGrantsNoFileAccess() throws {
        #expect(Configuration().fileAccess == .none)
        let directory = try makeDirectory()
        try "1,2\n3,4\n".write(toFile: directory + "/data.csv", atomically: true, encoding: .utf8)
        try "text".write(toFile: directory + "/note.txt", atomically: true, encoding: .utf8)
        let interpreter = Interpreter()
        let attempts = [
            "load", "read_csv", "read_text",
        ].map { "\($0)(\"\(directory)/\($0 == "read_text" ? "note.txt" : "data.csv")\")" } + [
            "save(\"\(directory)/out.npy\", eye(2))",
            "write_csv(\"\(directory)/out.csv\", eye(2))",
            "write_text(\"\(directory)/out.txt\", \"x\")",
        ]
        for source in attempts {
            let diagnostic = failure(interpreter, source)
            #expect(diagnostic?.kind == .ioError, "\(source)")
            #expect(diagnostic?.message.contains("file access is not allowed") == true, "\(source)")
        }
        // Nothing was written.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["data.csv", "note.txt"])
    }

    @Test func importReadsOnlyTheEmbeddedStdlibWithoutFileAccess() throws {
        let directory = try makeDirectory()
        try "fn relu(x) = 42\n".write(toFile: directory + "/nn.la", atomically: true, encoding: .utf8)
        try "let secret = 1\n".write(toFile: directory + "/mine.la", atomically: true, encoding: .utf8)
        var configuration = Configuration()
        configuration.moduleDirectories = [directory]
        let sandboxed = Interpreter(configuration: configuration)
        // The stdlib's nn, not the file beside it.
        #expect(try sandboxed.run("import nn\nnn.relu([-1.0, 2.0])").as([Double].self) == [0, 2])
        let missing = failure(sandboxed, "import mine")
        #expect(missing?.kind == .ioError)
        #expect(missing?.message == "cannot find module 'mine' (looked for mine.la)")
        // The same directory is read once the host grants access (the control).
        configuration.fileAccess = .directory(directory)
        let granted = Interpreter(configuration: configuration)
        #expect(try granted.run("import mine\nmine.secret").as(Int.self) == 1)
    }

    @Test func noBuiltinReachesProcesses() throws {
        let interpreter = Interpreter()
        for name in ["system", "exec", "popen", "shell", "spawn", "subprocess", "getenv", "env", "exit", "os"] {
            #expect(interpreter.global(name) == nil, "\(name) should not exist")
            #expect(failure(interpreter, "\(name)(\"ls\")")?.kind == .nameError, "\(name)")
        }
    }
}
