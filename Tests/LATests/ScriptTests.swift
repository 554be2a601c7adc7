import Foundation
import LA
import Testing

/// Runs every `Tests/Scripts/**/*.la` (clox style): `# expect: TEXT` lines give
/// the expected output lines in order; `# error: Kind at LINE:COL` says the
/// script must stop with that error kind at that source location.
@Suite struct ScriptTests {
    static let scriptsDirectory = repositoryRoot.appendingPathComponent("Tests/Scripts")

    static func scripts() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: scriptsDirectory.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".la") { found.append(path) }
        }
        return found.sorted()
    }

    @Test(arguments: scripts())
    func script(_ relativePath: String) throws {
        let url = Self.scriptsDirectory.appendingPathComponent(relativePath)
        let source = try String(contentsOf: url, encoding: .utf8)
        let expectation = ScriptExpectation(source: source)
        let run = runScript(source, name: relativePath, directory: url.deletingLastPathComponent().path)
        #expect(run.output == expectation.output, "output of \(relativePath)")
        if let expected = expectation.error {
            #expect(run.error?.kind.rawValue == expected.kind, "error kind of \(relativePath): \(run.errorText)")
            #expect(run.error?.span?.start.line == expected.line, "error line of \(relativePath): \(run.errorText)")
            #expect(run.error?.span?.start.column == expected.column, "error column of \(relativePath): \(run.errorText)")
        } else {
            #expect(run.error == nil, "unexpected error in \(relativePath): \(run.errorText)")
        }
    }
}

/// What a script's comments say it must do.
struct ScriptExpectation {
    var output: [String] = []
    var error: (kind: String, line: Int, column: Int)?

    init(source: String) {
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if let range = line.range(of: "# expect: ") {
                output.append(String(line[range.upperBound...]))
            } else if let range = line.range(of: "# error: ") {
                // "Kind at LINE:COL"
                let words = line[range.upperBound...].split(separator: " ")
                let position = words.count == 3 ? words[2].split(separator: ":") : []
                if words.count == 3, position.count == 2, let l = Int(position[0]), let c = Int(position[1]) {
                    error = (String(words[0]), l, c)
                }
            }
        }
    }
}
