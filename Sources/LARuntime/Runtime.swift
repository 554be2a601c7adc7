import LACompiler
import LAKernels
import LASyntax

/// Settings of one runtime (the embedding layer builds these from its configuration).
public struct RuntimeOptions: Sendable {
    /// Receives everything `print` writes (each call's text ends in a newline).
    public var output: @Sendable (String) -> Void
    /// The script's command-line arguments, visible as the global `args`.
    public var arguments: [String]
    /// The deepest la call nesting allowed.
    public var recursionLimit: Int
    /// True when the host chose `recursionLimit`: reaching it is then a LimitError (SPEC §10)
    /// rather than the language's RecursionError (SPEC §4).
    public var recursionLimitIsHostLimit: Bool
    /// The nesting beyond which a script gets a RecursionError unless the host sets its own limit.
    public static let languageRecursionLimit = 10_000
    /// Exact mode requested by the host (`la --exact`); scripts may also say `use exact`.
    public var exact: Bool
    /// Steps a run may take before a LimitError; nil: no limit. A step is one instruction
    /// (checked every 4096) or 64 element operations of kernel work (`VM.workPerStep`)
    /// (checked after each tensor operation and builtin call).
    public var stepBudget: Int?
    /// Source of `import name`: the module's text, or nil when there is none.
    public var moduleLoader: @Sendable (String) -> SourceFile?
    /// Seed of the random generator; nil seeds from the clock.
    public var seed: UInt64?
    /// Files scripts may read and write; nil: none (every file builtin is an IOError).
    public var fileSystem: (any FileSystem)?
    /// Receives each warning (a `Diagnostic` of severity `.warning`) with the source it points
    /// into; a runtime reports a warning once per source location. Default: discarded.
    public var warnings: @Sendable (Diagnostic, SourceFile?) -> Void

    public init(output: @escaping @Sendable (String) -> Void = { print($0, terminator: "") },
                arguments: [String] = [], recursionLimit: Int = RuntimeOptions.languageRecursionLimit,
                recursionLimitIsHostLimit: Bool = false, exact: Bool = false,
                stepBudget: Int? = nil, moduleLoader: @escaping @Sendable (String) -> SourceFile? = { _ in nil },
                seed: UInt64? = nil, fileSystem: (any FileSystem)? = nil,
                warnings: @escaping @Sendable (Diagnostic, SourceFile?) -> Void = { _, _ in }) {
        self.output = output
        self.arguments = arguments
        self.recursionLimit = recursionLimit
        self.recursionLimitIsHostLimit = recursionLimitIsHostLimit
        self.exact = exact
        self.stepBudget = stepBudget
        self.moduleLoader = moduleLoader
        self.seed = seed
        self.fileSystem = fileSystem
        self.warnings = warnings
    }
}

/// Compiles and runs la programs. One runtime owns its globals, modules and random
/// generator; separate runtimes share nothing. Not thread-safe: use one per thread.
/// Cancellation: set `kernel.cancellation` from any thread; the VM checks it every 4096 instructions.
public final class Runtime {
    public let options: RuntimeOptions
    public let kernel: KernelContext
    let globals = GlobalTable()
    let vm: VM
    private var modules: [String: Value] = [:]
    private var loadingModules: Set<String> = []

    public init(options: RuntimeOptions = RuntimeOptions(), kernel: KernelContext = KernelContext()) {
        self.options = options
        self.kernel = kernel
        var vmOptions = options
        vmOptions.warnings = WarningFilter(options.warnings).report
        vm = VM(options: vmOptions, kernel: kernel, globals: globals)
        for builtin in BuiltinLibrary.all() { define(builtin.name, .builtin(builtin), isBuiltin: true) }
        // `rational` is the conversion function; `dtype: rational` accepts it as the dtype.
        for dtype in DType.allCases where dtype != .rational { define(dtype.description, .dtype(dtype), isBuiltin: true) }
        define("args", .tuple(options.arguments.map { .string($0) }), isBuiltin: true)
        // NumPy's constants (np.inf, np.nan, np.pi), so `norm(x, ord: inf)` reads as in NumPy.
        for (name, value) in [("inf", Double.infinity), ("nan", Double.nan), ("pi", Double.pi)] {
            define(name, .float(value), isBuiltin: true)
        }
        vm.importModule = { [unowned self] name in try self.importModule(name) }
    }

    /// Compiles a script. Top-level names become globals of this runtime, so a later
    /// program (the next REPL entry) sees them.
    /// - Throws: `DiagnosticList` with every compile error.
    public func compile(_ program: Program) throws -> Chunk {
        try Compiler.compile(program, globals: globals, options: CompilerOptions(mode: .script, exact: vm.exactMode))
    }

    /// True once exact mode is on: from the options, or after a script with `use exact` ran.
    public var exactMode: Bool { vm.exactMode }

    /// Compiles and runs a script; returns the value of its final expression statement (else nil).
    /// - Throws: `DiagnosticList` for compile errors, `Diagnostic` for a runtime error.
    public func run(_ program: Program) throws -> Value {
        try run(compile(program))
    }

    /// Runs a compiled script.
    public func run(_ chunk: Chunk) throws -> Value {
        let prototype = try load(chunk)
        if chunk.exactMode { vm.exactMode = true }
        return try vm.run(prototype)
    }

    /// The bytecode listing of a program (`la disasm`).
    public func disassemble(_ program: Program) throws -> String {
        Disassembler.listing(try compile(program))
    }

    /// Defines or replaces a global visible to later programs.
    public func define(_ name: String, _ value: Value) {
        define(name, value, isBuiltin: false)
    }

    /// Makes a native function callable from scripts under its name.
    public func register(_ builtin: Builtin) {
        define(builtin.name, .builtin(builtin), isBuiltin: true)
    }

    /// True while a script or call runs: a native function that calls back in is nested.
    public var isRunning: Bool { vm.nativeDepth > 0 }

    /// The current value of a global, or nil when it is not defined.
    public func global(_ name: String) -> Value? {
        guard let slot = globals.slot(of: name), slot < vm.globals.count else { return nil }
        if case .undefined = vm.globals[slot] { return nil }
        return vm.globals[slot]
    }

    /// The globals defined by scripts or by `define`, sorted by name, with their
    /// current values. Builtins no script replaced, and names compiled but never
    /// assigned, are left out (the REPL's `:vars`).
    public var userGlobals: [(name: String, value: Value)] {
        globals.names.sorted().compactMap { name in
            guard !globals.builtinNames.contains(name), let value = global(name) else { return nil }
            return (name, value)
        }
    }

    /// Calls an la function value (a closure or builtin) with positional arguments.
    /// - Throws: `Diagnostic` when the call fails.
    public func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        do {
            return try vm.callNative(function, arguments: arguments)
        } catch let error as RuntimeError {
            throw Diagnostic(error.kind, error.message, help: error.help)
        } catch let error as KernelError {
            throw Diagnostic(ErrorKind(error.kind), error.message, help: error.help.map { [$0] } ?? [])
        } catch let failure as BuiltinFailure {
            throw Diagnostic(ErrorKind(failure.error.kind), failure.error.message, help: failure.error.help.map { [$0] } ?? [])
        }
    }

    private func define(_ name: String, _ value: Value, isBuiltin: Bool) {
        let slot = globals.define(name, isBuiltin: isBuiltin)
        vm.syncGlobals()
        vm.globals[slot] = value
    }

    private func load(_ chunk: Chunk) throws -> Prototype {
        do {
            return try Prototype(chunk) { try vm.makeConstant($0) }
        } catch let error as KernelError {
            throw Diagnostic(ErrorKind(error.kind), error.message, file: chunk.file)
        } catch let error as RuntimeError {
            throw Diagnostic(error.kind, error.message, file: chunk.file)
        }
    }

    /// `import name`: the module's top-level names as a record, loaded once.
    private func importModule(_ name: String) throws -> Value {
        if let module = modules[name] { return module }
        guard !loadingModules.contains(name) else {
            throw RuntimeError(.valueError, "circular import of module '\(name)'")
        }
        guard let source = options.moduleLoader(name) else {
            throw RuntimeError(.ioError, "cannot find module '\(name)' (looked for \(name).la)")
        }
        loadingModules.insert(name)
        defer { loadingModules.remove(name) }
        let program = try Parser.parse(source)
        let chunk = try Compiler.compile(program, globals: globals, options: CompilerOptions(mode: .module(name: name)))
        let module = try vm.callNative(.closure(Closure(prototype: try load(chunk), upvalues: [])), arguments: [])
        modules[name] = module
        return module
    }
}
