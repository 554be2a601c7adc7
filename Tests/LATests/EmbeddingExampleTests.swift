import Foundation
import Testing

/// Builds examples/embedding (a separate package depending on la by path) and
/// runs its `formula-eval` tool on a small CSV file.
@Suite(.serialized) struct EmbeddingExampleTests {
    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs `executable` with `arguments`; stdout and stderr are captured together.
    func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    @Test func formulaEvalBuildsAndEvaluatesFormulasOverACSVFile() throws {
        let package = repositoryRoot.appendingPathComponent("examples/embedding").path
        let scratch = repositoryRoot.appendingPathComponent(".build-embedding-example").path
        let arguments = ["swift", "build", "--package-path", package, "--scratch-path", scratch]
        var build = try run("/usr/bin/env", arguments)
        if build.status != 0 {
            // Incremental builds can go stale when la's enums change shape; start clean once.
            try? FileManager.default.removeItem(atPath: scratch)
            build = try run("/usr/bin/env", arguments)
        }
        try #require(build.status == 0, "swift build failed:\n\(build.output)")
        let tool = scratch + "/debug/formula-eval"

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("la-formula-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = directory.appendingPathComponent("data.csv").path
        try "height,weight\n1.5,50\n1.7,70\n1.9,90\n".write(toFile: data, atomically: true, encoding: .utf8)

        let mean = try run(tool, [data, "mean(X, axis: 0)"])
        #expect(mean.status == 0)
        #expect(mean.output == "[ 1.7 70. ]\n")
        // Header columns are vectors; host functions are callable.
        let column = try run(tool, [data, "percent(max(weight) / sum(weight))"])
        #expect(column.output == "42.9%\n")
        // la diagnostics come back as the tool's error output.
        let shapes = try run(tool, [data, "X @ X"])
        #expect(shapes.status == 1)
        #expect(shapes.output.hasPrefix("error[ShapeError]: matmul: inner dimensions differ: (3, 2) @ (3, 2)"))
        // The formula runs sandboxed: the host reads the CSV, the script reads nothing.
        let sandboxed = try run(tool, [data, "read_text(\"\(data)\")"])
        #expect(sandboxed.status == 1)
        #expect(sandboxed.output.hasPrefix("error[IOError]"))
        let usage = try run(tool, [data])
        #expect(usage.status == 2)
    }
}
