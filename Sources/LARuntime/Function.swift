import LACompiler

/// A chunk made ready to run: code and constants in stable memory, nested prototypes loaded.
public final class Prototype {
    public let chunk: Chunk
    let code: UnsafeMutablePointer<UInt32>
    let constants: UnsafeMutablePointer<Value>
    let constantCount: Int
    let prototypes: [Prototype]
    let registerCount: Int
    let parameterCount: Int
    /// The parameter count when no parameter has a default, else -1: a call with exactly
    /// this many positional arguments (and no named ones) needs no argument binding.
    let fixedArity: Int

    /// - Throws: ValueError when a word's opcode is not an `Opcode` (the dispatch loop relies on this).
    init(_ chunk: Chunk, makeConstant: (Constant) throws -> Value) throws {
        if let word = chunk.code.first(where: { Instruction.opcode($0) == nil }) {
            throw RuntimeError(.valueError, "invalid instruction \(word)")
        }
        self.chunk = chunk
        code = .allocate(capacity: max(chunk.code.count, 1))
        code.initialize(from: chunk.code, count: chunk.code.count)
        let values = try chunk.constants.map(makeConstant)
        constantCount = values.count
        constants = .allocate(capacity: max(values.count, 1))
        constants.initialize(from: values, count: values.count)
        prototypes = try chunk.prototypes.map { try Prototype($0, makeConstant: makeConstant) }
        registerCount = chunk.registerCount
        parameterCount = chunk.parameters.count
        fixedArity = chunk.hasOnlyRequiredParameters ? parameterCount : -1
    }

    deinit {
        code.deinitialize(count: chunk.code.count)
        code.deallocate()
        constants.deinitialize(count: constantCount)
        constants.deallocate()
    }
}

/// A function value over la code: a prototype plus its captured variables.
public final class Closure {
    public let prototype: Prototype
    var upvalues: [Upvalue]

    init(prototype: Prototype, upvalues: [Upvalue]) {
        self.prototype = prototype
        self.upvalues = upvalues
    }

    public var name: String { prototype.chunk.name }
}

/// A captured variable. While open it refers to a register of a live frame (by
/// absolute stack index, which survives stack growth); when that frame's scope
/// ends the value moves into `closed`.
final class Upvalue {
    var stackIndex: Int
    var isOpen = true
    var closed: Value = .nil

    init(stackIndex: Int) { self.stackIndex = stackIndex }
}
