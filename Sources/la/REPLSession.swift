import Foundation
import LA

/// The interactive la session (SPEC §10): reads entries with line editing,
/// runs them in one interpreter whose globals persist, and echoes values.
final class REPLSession {
    static let prompt = "la> "
    static let continuationPrompt = "... "

    private var configuration: Configuration
    private var interpreter: Interpreter
    private var timing = false
    /// Entries run so far; names each entry's source so diagnostics show its lines.
    private var entryCount = 0
    private let editor: REPLLineEditor
    private let interrupts = REPLInterrupts()

    init(configuration: Configuration, historyPath: String?) throws {
        self.configuration = configuration
        interpreter = Interpreter(configuration: configuration)
        editor = try REPLLineEditor(historyPath: historyPath)
    }

    /// `~/.la_history`, or nil when there is no home directory.
    static var defaultHistoryPath: String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".la_history")
    }

    /// Reads and runs entries until `:quit` or Ctrl-D.
    func run() {
        say("la \(configuration.exact ? "(exact mode) " : "")— :help for commands, Ctrl-D to leave\n")
        var pending: [String] = []
        while true {
            switch editor.readLine(prompt: pending.isEmpty ? Self.prompt : Self.continuationPrompt) {
            case .endOfInput:
                say("\n")
                return
            case .cancelled:
                pending.removeAll()
            case .line(let line):
                editor.remember(line)
                if pending.isEmpty {
                    if line.allSatisfy(\.isWhitespace) { continue }
                    switch runCommand(line) {
                    case .notACommand: break
                    case .done: continue
                    case .quit: return
                    }
                }
                pending.append(line)
                let entry = pending.joined(separator: "\n") + "\n"
                if Parser.isIncomplete(SourceFile(name: "<repl>", text: entry)) { continue }
                pending.removeAll()
                evaluate(entry, name: nextEntryName(), echo: true)
            }
        }
    }

    private func nextEntryName() -> String {
        entryCount += 1
        return "<repl-\(entryCount)>"
    }

    /// Runs `source`, showing its value (when `echo`) or its error; Ctrl-C stops it.
    private func evaluate(_ source: String, name: String, echo: Bool) {
        let interpreter = self.interpreter
        let clock = ContinuousClock()
        let start = clock.now
        let (outcome, interrupted) = interrupts.watching(interpreter) {
            Result { try interpreter.run(source, name: name) }
        }
        let elapsed = clock.now - start
        switch outcome {
        case .success(let value):
            if echo, let text = Self.echo(of: value, exact: interpreter.isExactMode) { say(text + "\n") }
        case .failure(let error as Diagnostic) where interrupted && error.kind == .limitError:
            say("\ninterrupted\n")
        case .failure(let error):
            writeToStandardError(interpreter.render(error, color: standardErrorWantsColor()))
        }
        if timing { say("time: \(Self.format(elapsed))\n") }
    }

    /// What the REPL shows for a value: tensors with their `f64[2, 3]` header,
    /// strings quoted, floats marked `≈` in exact mode, nothing for nil.
    static func echo(of value: Value, exact: Bool = false) -> String? {
        switch value {
        case .nil, .undefined: return nil
        default: return value.repr(exact: exact)
        }
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1e3 + Double(attoseconds) / 1e15
        return String(format: "%.3f ms", milliseconds)
    }

    private enum CommandOutcome { case notACommand, done, quit }

    /// Runs `line` if it is a `:command` (reporting a bad one).
    private func runCommand(_ line: String) -> CommandOutcome {
        do {
            guard let command = try REPLCommand.parse(line) else { return .notACommand }
            if command == .quit { return .quit }
            perform(command)
        } catch {
            writeToStandardError("\(error)\n")
        }
        return .done
    }

    /// Carries out every command but `:quit`, which ends `run`.
    private func perform(_ command: REPLCommand) {
        switch command {
        case .help:
            say(REPLCommand.helpText)
        case .exact(let on):
            configuration.exact = on
            interpreter = Interpreter(configuration: configuration)
            say("exact mode \(on ? "on" : "off"); globals were reset\n")
        case .time:
            timing.toggle()
            say("timing \(timing ? "on" : "off")\n")
        case .load(let path):
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8) else {
                writeToStandardError("cannot read '\(path)' as UTF-8 text\n")
                return
            }
            evaluate(text, name: path, echo: false)
        case .reset:
            interpreter = Interpreter(configuration: configuration)
            say("globals reset\n")
        case .vars:
            let globals = interpreter.globals
            if globals.isEmpty { say("no variables\n") }
            let width = globals.map(\.name.count).max() ?? 0
            for (name, value) in globals {
                say(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + describeGlobal(value) + "\n")
            }
        case .quit:
            return
        }
    }

    private func say(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
