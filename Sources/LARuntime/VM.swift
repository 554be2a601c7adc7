import LACompiler
import LAKernels
import LASyntax

/// One activation of an la function on the VM's explicit frame stack.
struct CallFrame {
    /// Kept alive by the callee register `stack[resultIndex]`, which holds the function value
    /// for the whole call (the callee's registers start above it), so no reference count is paid per call.
    unowned(unsafe) let closure: Closure
    /// The next instruction (saved while a callee runs).
    var pc: Int
    /// Absolute stack index of register 0.
    let base: Int
    /// Absolute stack index that receives the result: the callee register, just below the frame.
    @inline(__always) var resultIndex: Int { base - 1 }
    /// Entered from native code (`VM.call` or the runtime): returning leaves the dispatch loop.
    let returnsToNative: Bool
}

/// The register machine. la calls never recurse natively: frames live in `frames`
/// and registers in one growable stack. Only native re-entry (a builtin calling
/// back into la, or an import) nests `execute`, and that depth is bounded too.
/// The hot state is marked `@exclusivity(unchecked)`: the VM is single-threaded and
/// never holds overlapping accesses to it, and the dynamic checks cost a fifth of the run time.
final class VM {
    let kernel: KernelContext
    let options: RuntimeOptions
    let globalTable: GlobalTable
    @exclusivity(unchecked) var globals: [Value] = []
    @exclusivity(unchecked) var stack: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) var stackCapacity: Int
    @exclusivity(unchecked) var frames: FrameStack
    /// Open upvalues, ascending by stack index.
    @exclusivity(unchecked) var openUpvalues: [Upvalue] = []
    var random: RandomSource
    /// Instructions granted so far in this run, for the step budget.
    var stepsUsed = 0
    /// `kernel.work` when this run began: kernel work since then is charged to the step budget.
    var workAtStart = 0
    var nativeDepth = 0
    /// Exact mode (SPEC §5): set by `options.exact` or once a script with `use exact` runs.
    var exactMode = false
    /// The origin of `time()`.
    let startTime = ContinuousClock.now
    /// Loads a module by name (set by the runtime).
    var importModule: (String) throws -> Value = { name in
        throw RuntimeError(.ioError, "cannot import '\(name)': no module loader")
    }

    static let fuelTank = 4096
    static let maxNativeDepth = 200
    /// The frame stack is allocated up front, so the configurable limit has a ceiling.
    static let maxRecursionLimit = 1_000_000
    /// `options.recursionLimit`, clamped to 1...maxRecursionLimit.
    let recursionLimit: Int

    init(options: RuntimeOptions, kernel: KernelContext, globals: GlobalTable) {
        self.options = options
        self.kernel = kernel
        self.globalTable = globals
        exactMode = options.exact
        self.random = RandomSource(seed: options.seed ?? UInt64(truncatingIfNeeded: ContinuousClock.now.hashValue))
        recursionLimit = min(max(options.recursionLimit, 1), VM.maxRecursionLimit)
        frames = FrameStack(capacity: recursionLimit + 16)
        stackCapacity = 1024
        stack = .allocate(capacity: stackCapacity)
        stack.initialize(repeating: .nil, count: stackCapacity)
    }

    deinit {
        frames.deallocate()
        stack.deinitialize(count: stackCapacity)
        stack.deallocate()
    }

    /// Makes the globals array as long as the table of names.
    func syncGlobals() {
        while globals.count < globalTable.count { globals.append(.undefined) }
    }

    /// Grows the register stack so that indices below `top` are valid.
    func ensureStack(_ top: Int) throws {
        if top <= stackCapacity { return }
        var capacity = stackCapacity
        while capacity < top { capacity *= 2 }
        guard capacity <= 1 << 26 else { throw RuntimeError(.recursionError, "the register stack is exhausted") }
        let grown = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        grown.moveInitialize(from: stack, count: stackCapacity)
        (grown + stackCapacity).initialize(repeating: .nil, count: capacity - stackCapacity)
        stack.deallocate()
        stack = grown
        stackCapacity = capacity
    }

    /// The first free stack index above the running frame.
    var stackTop: Int {
        guard let frame = frames.last else { return 0 }
        return frame.base + frame.closure.prototype.registerCount
    }

    // MARK: Entering from native code

    /// Runs a loaded top-level prototype to completion.
    func run(_ prototype: Prototype) throws -> Value {
        syncGlobals()
        return try callNative(.closure(Closure(prototype: prototype, upvalues: [])), arguments: [])
    }

    /// Calls an la or builtin function from native code and returns its result.
    func callNative(_ function: Value, arguments: [Value]) throws -> Value {
        if nativeDepth == 0 { resetStepBudget() }
        guard nativeDepth < VM.maxNativeDepth else {
            throw RuntimeError(.recursionError, "maximum recursion depth exceeded in native calls")
        }
        nativeDepth += 1
        defer { nativeDepth -= 1 }
        let calleeIndex = stackTop
        try ensureStack(calleeIndex + arguments.count + 1)
        stack[calleeIndex] = function
        for (offset, argument) in arguments.enumerated() { stack[calleeIndex + 1 + offset] = argument }
        let entryDepth = frames.count + 1
        if try invoke(calleeIndex: calleeIndex, positional: arguments.count, names: [], returnsToNative: true) {
            return try execute(entryDepth: entryDepth)
        }
        let result = stack[calleeIndex]
        stack[calleeIndex] = .nil
        return result
    }

    // MARK: Calls

    /// Calls the function at `stack[calleeIndex]` with the arguments after it. Builtins run
    /// now and leave their result in `stack[calleeIndex]` (returns false); la functions get
    /// a new frame (returns true) that the dispatch loop then runs.
    func invoke(calleeIndex: Int, positional: Int, names: [String], returnsToNative: Bool) throws -> Bool {
        let argumentStart = calleeIndex + 1
        switch stack[calleeIndex] {
        case .closure(let closure):
            let prototype = closure.prototype
            guard frames.count < recursionLimit else {
                if options.recursionLimitIsHostLimit {
                    throw RuntimeError(.limitError, "recursion limit of \(recursionLimit) nested calls reached")
                }
                throw RuntimeError(.recursionError, "maximum recursion depth \(recursionLimit) exceeded")
            }
            try ensureStack(argumentStart + prototype.registerCount)
            if !(names.isEmpty && positional == prototype.fixedArity) {
                try bindArguments(prototype.chunk, at: argumentStart, positional: positional, names: names)
            }
            frames.append(CallFrame(closure: closure, pc: 0, base: argumentStart, returnsToNative: returnsToNative))
            return true
        case .builtin(let builtin):
            let values = Array(UnsafeBufferPointer(start: stack + argumentStart, count: positional + names.count))
            let named = Array(zip(names, values[positional...]))
            // Drop the argument registers so a later in-place write need not copy.
            for offset in 0..<values.count { stack[argumentStart + offset] = .nil }
            let result = try builtin.call(positional: values[..<positional], named: named, vm: self)
            try checkStepBudget()
            stack[calleeIndex] = result
            return false
        case .nil:
            throw RuntimeError(.typeError, "nil is not a function (was the function declared further down and not yet defined?)")
        case let other:
            throw RuntimeError(.typeError, "a \(other.typeName) is not a function")
        }
    }

    /// Places the arguments of a call with named arguments or defaults into the parameter registers.
    private func bindArguments(_ chunk: Chunk, at start: Int, positional: Int, names: [String]) throws {
        let parameters = chunk.parameters
        let name = chunk.name
        guard positional <= parameters.count else {
            throw RuntimeError(.typeError, "\(name)() takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s") but \(positional) were given")
        }
        var bound = [Value](repeating: .undefined, count: parameters.count)
        for index in 0..<positional { bound[index] = stack[start + index] }
        for (offset, label) in names.enumerated() {
            guard let index = parameters.firstIndex(where: { $0.name == label }) else {
                throw RuntimeError(.typeError, "\(name)() has no parameter named '\(label)'",
                                   help: ["its parameters are: " + parameters.map(\.name).joined(separator: ", ")])
            }
            guard case .undefined = bound[index] else {
                throw RuntimeError(.typeError, "\(name)() got two values for '\(label)'")
            }
            bound[index] = stack[start + positional + offset]
        }
        for (index, parameter) in parameters.enumerated() {
            if case .undefined = bound[index], !parameter.hasDefault {
                throw RuntimeError(.typeError, "\(name)() missing argument '\(parameter.name)'")
            }
        }
        for offset in 0..<(positional + names.count) { stack[start + offset] = .nil }
        for (index, value) in bound.enumerated() { stack[start + index] = value }
    }

    // MARK: Upvalues

    func captureUpvalue(_ stackIndex: Int) -> Upvalue {
        var position = openUpvalues.count
        while position > 0, openUpvalues[position - 1].stackIndex >= stackIndex {
            if openUpvalues[position - 1].stackIndex == stackIndex { return openUpvalues[position - 1] }
            position -= 1
        }
        let upvalue = Upvalue(stackIndex: stackIndex)
        openUpvalues.insert(upvalue, at: position)
        return upvalue
    }

    /// Moves the values of open upvalues at `stackIndex` or above into the upvalues.
    @inline(__always)
    func closeUpvalues(from stackIndex: Int) {
        while let last = openUpvalues.last, last.stackIndex >= stackIndex {
            last.closed = stack[last.stackIndex]
            last.isOpen = false
            openUpvalues.removeLast()
        }
    }

    // MARK: Budget

    /// Kernel element operations charged as one step: a step is roughly what one
    /// instruction costs, and a kernel does dozens of element operations in that time.
    static let workPerStep = 64

    /// Checks cancellation and the step budget; returns the instructions to run before the next check.
    func refuel() throws -> Int {
        stepsUsed += VM.fuelTank
        if kernel.isCancelled { throw RuntimeError(.limitError, "execution cancelled") }
        try checkStepBudget()
        return VM.fuelTank
    }

    /// Starts a new top-level run with the whole step budget.
    func resetStepBudget() {
        stepsUsed = 0
        workAtStart = kernel.work.load(ordering: .relaxed)
    }

    /// Throws a LimitError when instructions plus kernel work exceed the step budget.
    /// Called after tensor operations too, so one huge kernel call is charged at once.
    @inline(__always)
    func checkStepBudget() throws {
        guard let budget = options.stepBudget else { return }
        let work = (kernel.work.load(ordering: .relaxed) &- workAtStart) / VM.workPerStep
        if stepsUsed &+ max(work, 0) > budget {
            throw RuntimeError(.limitError, "step budget of \(budget) steps exceeded")
        }
    }
}
