import ArgumentParser
import LA

/// `la repl` (and `la` alone on a terminal): the interactive session.
struct REPL: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the interactive REPL.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        try runREPL(options)
    }
}

/// Runs a REPL session with the command-line configuration; exit status 2 if it cannot start.
func runREPL(_ options: CommonOptions) throws {
    let configuration = makeConfiguration(options, arguments: [], scriptDirectory: nil)
    do {
        try REPLSession(configuration: configuration, historyPath: REPLSession.defaultHistoryPath).run()
    } catch {
        writeToStandardError("la: \(error)\n")
        throw ExitCode(2)
    }
}
