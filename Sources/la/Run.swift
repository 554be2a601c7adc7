import ArgumentParser
import Foundation
import LA

/// `la script.la [args...]`, `la -e 'code'`, and `la` reading a program from standard input.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a script file, a string (-e), or standard input.")

    @OptionGroup var options: CommonOptions

    @Option(name: .customShort("e"), help: "Run this source text instead of a file.")
    var source: String?

    @ArgumentParser.Argument(help: "The script to run.")
    var script: String?

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: "Arguments passed to the script as `args`.")
    var arguments: [String] = []

    func run() throws {
        let program: (text: String, name: String, directory: String?)
        if let source {
            program = (source, "<-e>", nil)
            if let script { throw ValidationError("give either -e or a script file, not both (got \(script))") }
        } else if let script {
            guard let data = FileManager.default.contents(atPath: script) else {
                writeToStandardError("la: cannot read '\(script)'\n")
                throw ExitCode(2)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                writeToStandardError("la: '\(script)' is not UTF-8 text\n")
                throw ExitCode(2)
            }
            program = (text, script, (script as NSString).deletingLastPathComponent)
        } else if isatty(STDIN_FILENO) == 0 {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            program = (String(decoding: data, as: UTF8.self), "<stdin>", nil)
        } else {
            try runREPL(options)
            return
        }
        let interpreter = Interpreter(configuration: makeConfiguration(options, arguments: arguments,
                                                                      scriptDirectory: program.directory))
        do {
            _ = try interpreter.run(program.text, name: program.name)
        } catch {
            writeToStandardError(interpreter.render(error, color: standardErrorWantsColor()))
            throw ExitCode(1)
        }
    }
}

/// The interpreter configuration for command-line use: full file access, output to stdout.
func makeConfiguration(_ options: CommonOptions, arguments: [String], scriptDirectory: String?) -> Configuration {
    var configuration = Configuration()
    configuration.exact = options.exact
    configuration.threads = options.threads
    configuration.arguments = arguments
    configuration.fileAccess = .unrestricted
    if let scriptDirectory {
        configuration.moduleDirectories = [scriptDirectory.isEmpty ? "." : scriptDirectory]
    } else {
        configuration.moduleDirectories = ["."]
    }
    configuration.output = { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    if !options.noWarn {
        let color = standardErrorWantsColor()
        configuration.warnings = { warning, source in
            writeToStandardError(DiagnosticRenderer.render(warning, source: source, color: color))
        }
    }
    return configuration
}

func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
func standardErrorWantsColor() -> Bool {
    isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}
