import Foundation
import Testing
@testable import LA

/// The library embeds the stdlib's source; this fails when stdlib/*.la
/// changed without `python3 stdlib/embed.py` being run.
@Suite struct EmbeddedStdlibTests {
    @Test func embeddedCopyMatchesStdlibDirectory() throws {
        let directory = repositoryRoot.appendingPathComponent("stdlib")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".la") }
        #expect(Set(files.map { String($0.dropLast(3)) }) == Set(embeddedStdlib.keys))
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(3))
            #expect(embeddedStdlib[name] == text.trimmingTrailingNewlines(), "stdlib/\(file) is stale in EmbeddedStdlib.swift: run python3 stdlib/embed.py")
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
