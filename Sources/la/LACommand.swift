import ArgumentParser
import Foundation
import LA

/// The `la` command (SPEC §10). A thin shell over `LA.Interpreter`.
@main
struct LACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "la",
        abstract: "Run la, a scripting language for tensors.",
        discussion: "Exit status: 0 success, 1 a script error, 2 a usage error.",
        subcommands: [Run.self, REPL.self, Check.self, Disasm.self],
        defaultSubcommand: Run.self
    )

    /// Like ArgumentParser's `main()`, but usage errors exit with status 2 (SPEC §10).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            writeToStandardError(fullMessage(for: error) + "\n")
            Foundation.exit(2)
        }
    }
}

/// Options every subcommand that runs or compiles code shares.
struct CommonOptions: ParsableArguments {
    @Flag(name: .long, help: "Exact mode: rationals instead of floats (as `use exact`).")
    var exact = false

    @Option(name: .long, help: "Kernel threads (default: all cores, or LA_THREADS).")
    var threads: Int?

    @Flag(name: .customLong("no-warn"), help: "Do not print warnings (e.g. a broadcast that builds an n×n table).")
    var noWarn = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }
}
