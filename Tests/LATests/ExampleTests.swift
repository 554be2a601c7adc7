import Foundation
import LA
import Testing

/// Every `examples/NAME.la` must print exactly `examples/NAME.out`: its
/// output, followed by the diagnostic when the example fails on purpose.
@Suite struct ExampleTests {
    static let directory = repositoryRoot.appendingPathComponent("examples")

    static func examples() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".la") }.sorted()
    }

    @Test func everyExampleHasExpectedOutput() {
        #expect(Self.examples().count >= 10)
        for example in Self.examples() {
            let expected = Self.directory.appendingPathComponent(example.dropLast(3) + ".out").path
            #expect(FileManager.default.fileExists(atPath: expected), "examples/\(example) has no .out file")
        }
    }

    @Test(arguments: examples())
    func example(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let source = try String(contentsOf: url, encoding: .utf8)
        let expected = try String(contentsOf: Self.directory.appendingPathComponent(name.dropLast(3) + ".out"), encoding: .utf8)
        let run = runScript(source, name: "examples/\(name)", directory: Self.directory.path)
        let actual = run.output.map { $0 + "\n" }.joined() + run.errorText
        #expect(actual == expected, "examples/\(name)")
    }
}
