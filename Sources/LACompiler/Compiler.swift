import LASyntax

/// Options for one compilation.
public struct CompilerOptions: Sendable {
    public enum Mode: Sendable, Hashable {
        /// Top-level declarations become globals (a script, or one REPL entry); the
        /// value of a final expression statement is the script's result.
        case script
        /// Top-level declarations are locals of the module function, which returns them as a record.
        case module(name: String)
    }

    public var mode: Mode
    /// Exact mode from the host (`la --exact`), as if the script began with `use exact`.
    public var exact: Bool

    public init(mode: Mode = .script, exact: Bool = false) {
        self.mode = mode
        self.exact = exact
    }
}

/// Turns a syntax tree into bytecode.
///
/// Scoping (SPEC §4): `let` declares in the current block scope; a `let` of a
/// name already declared in the same scope shadows it (as in Swift/Rust: the
/// old binding stays visible to closures that captured it). `fn` declarations
/// are hoisted to the start of their block. Assigning an undeclared name is a
/// NameError at compile time.
public enum Compiler {
    /// Compiles `program` into the chunk of its top-level function.
    /// - Parameter globals: the runtime's global names (builtins and earlier REPL entries);
    ///   new top-level names of a script are added to it.
    /// - Throws: `DiagnosticList` with every error found.
    public static func compile(_ program: Program, globals: GlobalTable, options: CompilerOptions = CompilerOptions()) throws -> Chunk {
        let context = CompileContext(file: program.file, globals: globals, mode: options.mode)
        context.exactMode = options.exact
        let name: String
        switch options.mode {
        case .script: name = "<script>"
        case .module(let module): name = "<module \(module)>"
        }
        let top = FunctionCompiler(parent: nil, context: context, name: name, span: nil)
        top.isScriptTop = options.mode == .script
        let chunk = top.compileTopLevel(program.statements)
        if !context.diagnostics.isEmpty {
            throw DiagnosticList(context.diagnostics)
        }
        return chunk
    }
}

/// State shared by every function of one compilation.
final class CompileContext {
    let file: String
    let sourceFile: SourceFile
    /// The source text as UTF-8, for finding operator tokens inside spans.
    let source: [UInt8]
    let globals: GlobalTable
    let mode: CompilerOptions.Mode
    var diagnostics: [Diagnostic] = []
    /// Global names that existed before this compilation (builtins, earlier REPL entries).
    let preexistingGlobals: Set<String>
    /// Top-level names of this script declared so far (fns are declared up front).
    var declaredGlobals: Set<String> = []
    /// Every top-level name of this script: functions may use names declared later.
    var allTopLevelNames: Set<String> = []
    var exactMode = false

    init(file: SourceFile, globals: GlobalTable, mode: CompilerOptions.Mode) {
        self.file = file.name
        self.sourceFile = file
        self.source = Array(file.text.utf8)
        self.globals = globals
        self.mode = mode
        self.preexistingGlobals = Set(globals.names)
    }

    func error(_ kind: ErrorKind, _ message: String, _ span: SourceSpan?, help: [String] = []) {
        diagnostics.append(Diagnostic(kind, message, file: file, span: span, help: help))
    }
}

/// A declared local variable living in a register.
struct Local {
    var name: String
    var register: Int
    var depth: Int
    var captured = false
}

/// An enclosing loop: where `break` and `continue` go.
struct LoopContext {
    var breakJumps: [Int] = []
    var continueJumps: [Int] = []
    /// The first register of the loop body's locals (closed on break/continue).
    var bodyFirstRegister: Int
}

/// Where a name refers to.
enum NameLocation {
    case register(Int)
    case upvalue(Int)
    case global(Int)
}

/// Compiles one function body; nested function literals get their own compiler.
final class FunctionCompiler {
    let parent: FunctionCompiler?
    let context: CompileContext
    let name: String
    let span: SourceSpan?
    /// True for a script's top-level function: its depth-0 declarations are globals.
    var isScriptTop = false

    var code: [UInt32] = []
    var spans: [SourceSpan?] = []
    var operandSpans: [Int: [SourceSpan]] = [:]
    var constants: [Constant] = []
    var constantIndex: [Constant: Int] = [:]
    var prototypes: [Chunk] = []
    var upvalues: [UpvalueDescriptor] = []
    var parameters: [ParameterInfo] = []

    var locals: [Local] = []
    var scopeDepth = 0
    var freeRegister = 0
    var maxRegisters = 0
    var loops: [LoopContext] = []
    /// The function's result annotation, checked at every `return` of a value.
    var resultCheck: ShapeCheck?
    var resultSpan: SourceSpan?
    /// Span attached to instructions emitted now.
    var currentSpan: SourceSpan?
    private var reportedRegisterOverflow = false

    /// The first register above every local: temporaries start here.
    var localTop: Int { (locals.last?.register ?? -1) + 1 }

    init(parent: FunctionCompiler?, context: CompileContext, name: String, span: SourceSpan?) {
        self.parent = parent
        self.context = context
        self.name = name
        self.span = span
        self.currentSpan = span
    }

    // MARK: Emitting

    @discardableResult
    func emit(_ word: UInt32) -> Int {
        code.append(word)
        spans.append(currentSpan)
        return code.count - 1
    }

    func emitABC(_ op: Opcode, _ a: Int, _ b: Int, _ c: Int) { emit(Instruction.abc(op, a, b, c)) }
    func emitABx(_ op: Opcode, _ a: Int, _ bx: Int) { emit(Instruction.aBx(op, a, bx)) }
    func emitExtra(_ ax: Int) { emit(Instruction.ax(.extraarg, ax)) }

    /// Emits a jump with a placeholder offset; `patch` fixes it later.
    func emitJump(_ op: Opcode, _ a: Int = 0) -> Int { emit(Instruction.aSBx(op, a, 0)) }

    /// Points the jump at `position` to the next instruction to be emitted.
    func patch(_ position: Int) { patch(position, to: code.count) }

    func patch(_ position: Int, to target: Int) {
        let offset = target - (position + 1)
        guard abs(offset) < Instruction.sBxBias else {
            context.error(.syntaxError, "function too large: a jump spans more than 32767 instructions", currentSpan)
            return
        }
        let word = code[position]
        guard let op = Instruction.opcode(word) else { return }
        code[position] = Instruction.aSBx(op, Instruction.a(word), offset)
    }

    /// Emits a backward jump to `target`.
    func emitLoop(_ op: Opcode, _ a: Int, to target: Int) {
        let position = emit(Instruction.aSBx(op, a, 0))
        patch(position, to: target)
    }

    func constant(_ value: Constant) -> Int {
        if let index = constantIndex[value] { return index }
        constants.append(value)
        let index = constants.count - 1
        if index > Instruction.maxBx {
            context.error(.syntaxError, "function too large: more than 65536 constants", currentSpan)
            return 0
        }
        constantIndex[value] = index
        return index
    }

    // MARK: Registers

    func allocate() -> Int {
        let register = freeRegister
        if register >= 250 {
            if !reportedRegisterOverflow {
                reportedRegisterOverflow = true
                context.error(.syntaxError, "function too complex: it needs more than 250 registers (split it into smaller functions)", currentSpan)
            }
            return 249
        }
        freeRegister += 1
        maxRegisters = max(maxRegisters, freeRegister)
        return register
    }

    /// Runs `body`, then releases the temporaries it allocated.
    func withTemporaries<T>(_ body: () -> T) -> T {
        let saved = freeRegister
        defer { freeRegister = max(saved, localTop) }
        return body()
    }

    // MARK: Scopes and names

    func beginScope() { scopeDepth += 1 }

    func endScope() {
        scopeDepth -= 1
        var anyCaptured = false
        while let last = locals.last, last.depth > scopeDepth {
            anyCaptured = anyCaptured || last.captured
            locals.removeLast()
        }
        if anyCaptured { emitABC(.close, localTop, 0, 0) }
        freeRegister = localTop
    }

    /// True when declarations at the current depth are script globals.
    var declaresGlobals: Bool { isScriptTop && scopeDepth == 0 }

    /// Makes `name` a local in `register` (which must be the next free one).
    func declareLocal(_ name: String, register: Int) {
        locals.append(Local(name: name, register: register, depth: scopeDepth))
        freeRegister = max(freeRegister, register + 1)
    }

    /// Declares a script global and returns its slot.
    func declareGlobal(_ name: String) -> Int {
        context.declaredGlobals.insert(name)
        return context.globals.define(name)
    }

    func resolveLocal(_ name: String) -> Int? {
        locals.lastIndex { $0.name == name }
    }

    func resolveUpvalue(_ name: String) -> Int? {
        guard let parent else { return nil }
        if let local = parent.resolveLocal(name) {
            parent.locals[local].captured = true
            return addUpvalue(UpvalueDescriptor(fromParentRegister: true, index: parent.locals[local].register, name: name))
        }
        if let upvalue = parent.resolveUpvalue(name) {
            return addUpvalue(UpvalueDescriptor(fromParentRegister: false, index: upvalue, name: name))
        }
        return nil
    }

    private func addUpvalue(_ descriptor: UpvalueDescriptor) -> Int {
        if let existing = upvalues.firstIndex(of: descriptor) { return existing }
        upvalues.append(descriptor)
        if upvalues.count > 255 {
            context.error(.syntaxError, "function captures more than 255 variables", currentSpan)
        }
        return upvalues.count - 1
    }

    /// Where `name` lives, or nil when it is not declared (or not visible yet).
    func resolve(_ name: String) -> NameLocation? {
        if let local = resolveLocal(name) { return .register(locals[local].register) }
        if let upvalue = resolveUpvalue(name) { return .upvalue(upvalue) }
        let visible: Bool
        if isScriptTop {
            visible = context.declaredGlobals.contains(name) || context.preexistingGlobals.contains(name)
        } else {
            visible = context.allTopLevelNames.contains(name) || context.preexistingGlobals.contains(name)
        }
        if visible, let slot = context.globals.slot(of: name) { return .global(slot) }
        return nil
    }

    func undeclared(_ name: String, _ span: SourceSpan, assigning: Bool) {
        let similar = similarVisibleName(to: name).map { ["did you mean `\($0)`?"] } ?? []
        if assigning {
            context.error(.nameError, "\(name) is not declared; declare it with let", span,
                          help: similar + ["write `let \(name) = ...` to declare it"])
        } else {
            context.error(.nameError, "\(name) is not declared", span, help: similar)
        }
    }

    // MARK: Finishing

    func finish() -> Chunk {
        Chunk(name: name, file: context.file, span: span, parameters: parameters, registerCount: max(maxRegisters, 1),
              code: code, constants: constants, spans: spans, operandSpans: operandSpans,
              prototypes: prototypes, upvalues: upvalues, exactMode: context.exactMode,
              source: context.sourceFile)
    }
}
