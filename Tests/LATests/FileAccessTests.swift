import Foundation
import LA
import Testing

/// The sandbox of SPEC §10: no file access unless the host grants a directory.
@Suite struct FileAccessTests {
    func makeDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("la-sandbox-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/inner", withIntermediateDirectories: true)
        return path
    }

    func run(_ source: String, access: FileAccess) -> ScriptRun {
        let collector = OutputCollector()
        var configuration = Configuration()
        configuration.fileAccess = access
        configuration.output = { collector.append($0) }
        let interpreter = Interpreter(configuration: configuration)
        do {
            try interpreter.run(source, name: "sandbox.la")
            return ScriptRun(output: collector.lines, error: nil, errorText: "")
        } catch {
            return ScriptRun(output: collector.lines, error: error as? Diagnostic, errorText: interpreter.render(error, color: false))
        }
    }

    @Test func noAccessByDefault() throws {
        let directory = try makeDirectory()
        try "secret".write(toFile: directory + "/f.txt", atomically: true, encoding: .utf8)
        let result = run("print(read_text(\"\(directory)/f.txt\"))", access: .none)
        #expect(result.error?.kind == .ioError)
        #expect(result.errorText.contains("file access is not allowed"))
    }

    @Test func grantedDirectoryIsReadableAndWritable() throws {
        let directory = try makeDirectory()
        let result = run("""
            write_text("inner/note.txt", "hello")
            print(read_text("inner/note.txt"))
            save("m.npy", eye(2))
            print(load("m.npy"))
            """, access: .directory(directory))
        #expect(result.error == nil, "\(result.errorText)")
        #expect(result.output == ["hello", "[[1. 0.]", " [0. 1.]]"])
        // Atomic writes leave no temporary files behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["inner", "m.npy"])
    }

    @Test func pathsCannotEscapeTheDirectory() throws {
        let directory = try makeDirectory()
        let outside = try makeDirectory()
        try "secret".write(toFile: outside + "/f.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.txt", withDestinationPath: outside + "/f.txt")
        try FileManager.default.createSymbolicLink(atPath: directory + "/linkdir", withDestinationPath: outside)
        for path in ["../\((outside as NSString).lastPathComponent)/f.txt", outside + "/f.txt",
                     "link.txt", "linkdir/f.txt", "inner/../../x.txt"] {
            let read = run("read_text(\"\(path)\")", access: .directory(directory))
            #expect(read.error?.kind == .ioError, "reading \(path)")
            let write = run("write_text(\"\(path)\", \"x\")", access: .directory(directory))
            #expect(write.error?.kind == .ioError, "writing \(path)")
        }
        #expect(try String(contentsOfFile: outside + "/f.txt", encoding: .utf8) == "secret")
    }

    @Test func failedWriteLeavesTheOldFile() throws {
        let directory = try makeDirectory()
        try "old".write(toFile: directory + "/keep.txt", atomically: true, encoding: .utf8)
        // The tensor argument fails before anything is written.
        let result = run("write_csv(\"keep.txt\", ones((2, 2, 2)))", access: .directory(directory))
        #expect(result.error?.kind == .shapeError)
        #expect(try String(contentsOfFile: directory + "/keep.txt", encoding: .utf8) == "old")
    }
}
