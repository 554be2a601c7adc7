import Foundation

/// An la interpreter: parses, compiles and runs scripts with the settings of
/// one `Configuration`. Globals persist across `run` calls (as in a REPL).
///
/// The host exchanges values with scripts through `LAConvertible`: `define`
/// and `global` for globals, `register` for Swift functions scripts call, and
/// `call` for la functions Swift calls (see docs/embedding.md).
///
/// One interpreter is used from one thread at a time; separate interpreters
/// share nothing and may run on different threads at once. `cancel()` may be
/// called from any thread.
public final class Interpreter: @unchecked Sendable {
    /// The settings this interpreter was created with.
    public let configuration: Configuration
    let runtime: Runtime
    let kernel: KernelContext
    private let sources: SourceRegistry

    /// An interpreter with its own globals, modules, kernel threads and budgets.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let kernel = KernelContext(threads: configuration.threads, memoryBudget: configuration.limits.memoryBytes)
        let sources = SourceRegistry()
        let loader = ModuleLoader(directories: configuration.moduleDirectories,
                                  fileAccess: configuration.fileAccess, sources: sources)
        let options = RuntimeOptions(output: configuration.output,
                                     arguments: configuration.arguments,
                                     recursionLimit: configuration.limits.recursionDepth ?? RuntimeOptions.languageRecursionLimit,
                                     recursionLimitIsHostLimit: configuration.limits.recursionDepth != nil,
                                     exact: configuration.exact,
                                     stepBudget: configuration.limits.steps,
                                     moduleLoader: { loader.load($0) },
                                     fileSystem: SandboxedFileSystem(configuration.fileAccess),
                                     warnings: configuration.warnings)
        self.kernel = kernel
        self.sources = sources
        self.runtime = Runtime(options: options, kernel: kernel)
    }

    /// Parses, compiles and runs `source`.
    /// - Returns: the value of the script's last expression statement, or nil.
    /// - Throws: `DiagnosticList` for syntax and compile errors, `Diagnostic` for runtime errors.
    @discardableResult
    public func run(_ source: String, name: String = "<input>") throws -> Value {
        let file = SourceFile(name: name, text: source)
        sources.add(file)
        beginTopLevelEntry()
        return try runtime.run(try Parser.parse(file))
    }

    /// Every syntax and compile error in `source`, without running it.
    public func check(_ source: String, name: String = "<input>") -> [Diagnostic] {
        let file = SourceFile(name: name, text: source)
        sources.add(file)
        do {
            _ = try Runtime(options: RuntimeOptions(), kernel: kernel).compile(try Parser.parse(file))
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch let diagnostic as Diagnostic {
            return [diagnostic]
        } catch {
            return [Diagnostic(.valueError, "\(error)", file: name)]
        }
    }

    /// The bytecode listing of `source` (`la disasm`).
    public func disassemble(_ source: String, name: String = "<input>") throws -> String {
        let file = SourceFile(name: name, text: source)
        sources.add(file)
        return try runtime.disassemble(try Parser.parse(file))
    }

    /// The globals that scripts have defined, sorted by name, with their
    /// current values; builtins are left out (the REPL's `:vars`).
    public var globals: [(name: String, value: Value)] { runtime.userGlobals }

    /// True when exact mode is on: `Configuration.exact`, or once a script with `use exact` ran
    /// (it stays on for later runs, as in the REPL).
    public var isExactMode: Bool { runtime.exactMode }

    /// Stops the running script (from any thread) with a LimitError. A kernel in
    /// progress (a large matmul) stops at its next tile. The next `run` or `call`
    /// starts uncancelled.
    public func cancel() {
        kernel.cancellation.store(true, ordering: .relaxed)
    }

    /// Clears a cancellation left from the previous run, unless a host function
    /// is re-entering a run in progress (which must stay cancellable).
    func beginTopLevelEntry() {
        if !runtime.isRunning { kernel.cancellation.store(false, ordering: .relaxed) }
    }

    /// The diagnostic text of an error thrown by this interpreter, with the
    /// source lines it points at (SPEC §7).
    public func render(_ error: Error, color: Bool) -> String {
        switch error {
        case let diagnostic as Diagnostic:
            return DiagnosticRenderer.render(diagnostic, source: sources.file(named: diagnostic.file), color: color)
        case let list as DiagnosticList:
            return list.diagnostics.map { render($0, color: color) }.joined()
        default:
            return "error: \(error)\n"
        }
    }
}

/// The source files an interpreter has seen, so diagnostics can show their lines.
final class SourceRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: SourceFile] = [:]

    func add(_ file: SourceFile) {
        lock.withLock { files[file.name] = file }
    }

    func file(named name: String) -> SourceFile? {
        lock.withLock { files[name] }
    }
}
