import LASyntax
@testable import LARuntime

/// Runs `source` as `test.la` and returns the diagnostic la prints for it, rendered
/// without colour (every syntax error for a file that does not parse), or nil when it runs.
func renderedFailure(_ source: String, recursionLimit: Int = 10_000, stepBudget: Int? = nil) -> String? {
    let file = SourceFile(name: "test.la", text: source)
    let runtime = Runtime(options: RuntimeOptions(output: { _ in }, recursionLimit: recursionLimit,
                                                  stepBudget: stepBudget, seed: 1))
    do {
        _ = try runtime.run(Parser.parse(file))
        return nil
    } catch let list as DiagnosticList {
        return list.diagnostics.map { DiagnosticRenderer.render($0, source: file, color: false) }.joined()
    } catch let diagnostic as Diagnostic {
        return DiagnosticRenderer.render(diagnostic, source: file, color: false)
    } catch {
        return "unexpected error: \(error)"
    }
}

/// Runs `source` as `test.la` and returns what it printed and every warning, rendered without colour.
func renderedWarnings(_ source: String) throws -> (output: String, warnings: [String]) {
    let output = OutputBuffer()
    let warnings = OutputBuffer()
    let options = RuntimeOptions(output: { output.append($0) }, seed: 1, warnings: { warning, source in
        warnings.append(DiagnosticRenderer.render(warning, source: source, color: false) + "\u{0}")
    })
    _ = try Runtime(options: options).run(Parser.parse(SourceFile(name: "test.la", text: source)))
    return (output.contents, warnings.contents.split(separator: "\u{0}").map(String.init))
}
