// formula-eval DATA.csv FORMULA
//
// Evaluates an la formula over a CSV table and prints the result. The table is
// the matrix `X` (rows × columns); with a header row each column is also a
// vector named after it. The host reads the file; the script itself gets no
// file access, a step budget, a memory budget and a 10-second watchdog.
import Foundation
import LA

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    exit(status)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    fail("usage: formula-eval DATA.csv FORMULA\n  e.g. formula-eval data.csv 'mean(X, axis: 0)'", status: 2)
}
let (path, formula) = (arguments[1], arguments[2])

let table: CSVTable
do {
    table = try CSVTable(parsing: String(contentsOfFile: path, encoding: .utf8))
} catch {
    fail("formula-eval: cannot read \(path): \(error)", status: 1)
}

var configuration = Configuration()
configuration.output = { FileHandle.standardOutput.write(Data($0.utf8)) }
configuration.limits = Limits(steps: 100_000_000, memoryBytes: 1 << 30)
let interpreter = Interpreter(configuration: configuration)

// A watchdog: cancel() may be called from any thread.
let watchdog = DispatchWorkItem { interpreter.cancel() }
DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: watchdog)

do {
    try interpreter.define("X", table.rows)
    for (index, name) in (table.columnNames ?? []).enumerated() {
        try interpreter.define(name, table.rows.map { $0.indices.contains(index) ? $0[index] : .nan })
    }
    // Host functions scripts can call: the column names, and a formatted percentage.
    interpreter.register("columns") { table.columnNames?.count ?? table.rows.first?.count ?? 0 }
    interpreter.register("percent", parameters: ["x"]) { (x: Double) in String(format: "%.1f%%", x * 100) }
    let result = try interpreter.run(formula, name: "formula")
    watchdog.cancel()
    print(result.printed)
} catch let error as ConversionError {
    fail("formula-eval: \(path): \(error)", status: 1)
} catch {
    fail(interpreter.render(error, color: false), status: 1)
}
