import Foundation
import LA
import LASyntax

/// The package root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The result of running a script in a fresh interpreter.
struct ScriptRun {
    var output: [String]
    var error: Diagnostic?
    var errorText: String
}

/// Collects `print` output from a script; safe to call from the interpreter's thread.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ piece: String) { lock.withLock { text += piece } }
    var lines: [String] {
        lock.withLock {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }
}

/// Runs `source` with output captured, the way `la FILE` would.
func runScript(_ source: String, name: String, directory: String? = nil, exact: Bool = false) -> ScriptRun {
    let collector = OutputCollector()
    var configuration = Configuration()
    configuration.output = { collector.append($0) }
    configuration.exact = exact
    configuration.fileAccess = .unrestricted
    if let directory { configuration.moduleDirectories = [directory] }
    let interpreter = Interpreter(configuration: configuration)
    do {
        _ = try interpreter.run(source, name: name)
        return ScriptRun(output: collector.lines, error: nil, errorText: "")
    } catch {
        let first = (error as? Diagnostic) ?? (error as? DiagnosticList)?.diagnostics.first
        return ScriptRun(output: collector.lines, error: first, errorText: interpreter.render(error, color: false))
    }
}
