import LASyntax
import Synchronization
@testable import LARuntime

/// Collects what a script prints.
final class OutputBuffer: Sendable {
    private let text = Mutex("")
    func append(_ piece: String) { text.withLock { $0 += piece } }
    var contents: String { text.withLock { $0 } }
}

/// Runs la source and returns what it printed.
@discardableResult
func run(_ source: String, recursionLimit: Int = 10_000, stepBudget: Int? = nil,
         modules: [String: String] = [:]) throws -> String {
    try runWithResult(source, recursionLimit: recursionLimit, stepBudget: stepBudget, modules: modules).output
}

func runWithResult(_ source: String, recursionLimit: Int = 10_000, stepBudget: Int? = nil,
                   modules: [String: String] = [:]) throws -> (output: String, value: Value) {
    let output = OutputBuffer()
    let options = RuntimeOptions(output: { output.append($0) }, recursionLimit: recursionLimit, stepBudget: stepBudget,
                                 moduleLoader: { name in modules[name].map { SourceFile(name: "\(name).la", text: $0) } },
                                 seed: 1)
    let runtime = Runtime(options: options)
    let value = try runtime.run(Parser.parse(SourceFile(name: "test.la", text: source)))
    return (output.contents, value)
}

/// The diagnostic a failing script raises (runtime or the first compile error).
func failure(_ source: String, recursionLimit: Int = 10_000, stepBudget: Int? = nil) -> Diagnostic? {
    do {
        _ = try run(source, recursionLimit: recursionLimit, stepBudget: stepBudget)
        return nil
    } catch let diagnostic as Diagnostic {
        return diagnostic
    } catch let list as DiagnosticList {
        return list.diagnostics.first
    } catch {
        return nil
    }
}
