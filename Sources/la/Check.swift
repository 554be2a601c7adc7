import ArgumentParser
import Foundation
import LA

/// `la check script.la`: parse and compile only, reporting every error found.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and compile a script; report every error.")

    @OptionGroup var options: CommonOptions

    @ArgumentParser.Argument(help: "The script to check.")
    var script: String

    func run() throws {
        let text = try readScript(script)
        let interpreter = Interpreter(configuration: makeConfiguration(options, arguments: [], scriptDirectory: nil))
        let diagnostics = interpreter.check(text, name: script)
        for diagnostic in diagnostics {
            writeToStandardError(interpreter.render(diagnostic, color: standardErrorWantsColor()))
        }
        if !diagnostics.isEmpty {
            writeToStandardError("\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s") in \(script)\n")
            throw ExitCode(1)
        }
    }
}

/// `la disasm script.la`: print the bytecode.
struct Disasm: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a script's bytecode.")

    @OptionGroup var options: CommonOptions

    @ArgumentParser.Argument(help: "The script to disassemble.")
    var script: String

    func run() throws {
        let text = try readScript(script)
        let interpreter = Interpreter(configuration: makeConfiguration(options, arguments: [], scriptDirectory: nil))
        do {
            print(try interpreter.disassemble(text, name: script), terminator: "")
        } catch {
            writeToStandardError(interpreter.render(error, color: standardErrorWantsColor()))
            throw ExitCode(1)
        }
    }
}

/// The UTF-8 text of `path`, or exit status 2 with a message.
func readScript(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path),
          let text = String(data: data, encoding: .utf8) else {
        writeToStandardError("la: cannot read '\(path)' as UTF-8 text\n")
        throw ExitCode(2)
    }
    return text
}
