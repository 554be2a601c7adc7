import LACompiler
import LAKernels
import LASyntax

extension VM {
    /// The dispatch loop: runs frames until the frame at `entryDepth - 1` (entered from native code) returns.
    func execute(entryDepth: Int) throws -> Value {
        // Each pass of the outer loop loads the running frame into locals; calls and
        // returns store the pc and continue it.
        // Instructions left before the next cancellation and budget check (a local: it is hot).
        var fuel = 0
        frameLoop: while let frame = frames.last {
            // The callee register keeps the closure alive; unowned(unsafe) avoids a retain per call.
            unowned(unsafe) let closure = frame.closure
            unowned(unsafe) let prototype = closure.prototype
            let code = prototype.code
            let k = prototype.constants
            let base = frame.base
            var regs = stack + base
            var pc = frame.pc
            do {
                while true {
                    if fuel <= 0 { fuel = try refuel() }
                    fuel &-= 1
                    let word = code[pc]
                    pc &+= 1
                    let a = Int((word >> 8) & 0xFF)
                    // Valid: `Prototype.init` checked every word's opcode.
                    let op = unsafeBitCast(UInt8(truncatingIfNeeded: word), to: Opcode.self)
                    switch op {
                    case .move:
                        regs.store(a, regs[Instruction.b(word)])
                    case .loadk:
                        regs.store(a, k[Instruction.bx(word)])
                    case .loadint:
                        regs.store(a, .int(Int64(Instruction.sBx(word))))
                    case .loadnil:
                        regs.store(a, .nil)
                    case .loadtrue:
                        regs.store(a, .bool(true))
                    case .loadfalse:
                        regs.store(a, .bool(false))
                    case .getglobal:
                        let slot = Instruction.bx(word)
                        switch globals[slot] {
                        case .closure(let function):
                            // Functions are the common case: copying just the reference avoids the outlined copy of a whole value.
                            regs.store(a, .closure(function))
                        case .undefined:
                            throw RuntimeError(.nameError, "\(globalTable.names[slot]) is used before its declaration")
                        case let value:
                            regs.store(a, value)
                        }
                    case .setglobal:
                        globals[Instruction.bx(word)] = regs[a].take()
                    case .getupval:
                        let upvalue = closure.upvalues[Instruction.b(word)]
                        regs.store(a, upvalue.isOpen ? stack[upvalue.stackIndex] : upvalue.closed)
                    case .setupval:
                        let upvalue = closure.upvalues[Instruction.b(word)]
                        if upvalue.isOpen { stack[upvalue.stackIndex] = regs[a].take() } else { upvalue.closed = regs[a].take() }
                    case .close:
                        closeUpvalues(from: base + a)
                    case .closure:
                        let child = prototype.prototypes[Instruction.bx(word)]
                        let upvalues = child.chunk.upvalues.map { descriptor in
                            descriptor.fromParentRegister ? captureUpvalue(base + descriptor.index) : closure.upvalues[descriptor.index]
                        }
                        regs.store(a, .closure(Closure(prototype: child, upvalues: upvalues)))
                    case .add: regs.store(a, try add(regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .sub: regs.store(a, try subtract(regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .mul: regs.store(a, try multiply(regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .div: regs.store(a, try arithmetic(.divide, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .idiv: regs.store(a, try arithmetic(.floorDivide, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .mod: regs.store(a, try arithmetic(.modulo, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .pow: regs.store(a, try arithmetic(.power, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .matmul: regs.store(a, try matmul(regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .addk: regs.store(a, try add(regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .subk: regs.store(a, try subtract(regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .mulk: regs.store(a, try multiply(regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .divk: regs.store(a, try arithmetic(.divide, regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .eq: regs.store(a, try compareFast(.equal, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .ne: regs.store(a, try compareFast(.notEqual, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .lt: regs.store(a, try compareFast(.less, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .le: regs.store(a, try compareFast(.lessEqual, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .gt: regs.store(a, try compareFast(.greater, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .ge: regs.store(a, try compareFast(.greaterEqual, regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .eqk: regs.store(a, try compareFast(.equal, regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .nek: regs.store(a, try compareFast(.notEqual, regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .ltk: regs.store(a, try compareFast(.less, regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .lek: regs.store(a, try compareFast(.lessEqual, regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .gtk: regs.store(a, try compareFast(.greater, regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .gek: regs.store(a, try compareFast(.greaterEqual, regs[Instruction.b(word)], k[Instruction.c(word)]))
                    case .neg: regs.store(a, try negate(regs[Instruction.b(word)]))
                    case .not: regs.store(a, .bool(try !truth(regs[Instruction.b(word)])))
                    case .plus: regs.store(a, try unaryPlus(regs[Instruction.b(word)]))
                    case .truth: regs.store(a, .bool(try truth(regs[Instruction.b(word)])))
                    case .jmp:
                        pc &+= Instruction.sBx(word)
                    case .jmpif:
                        if try truth(regs[a]) { pc &+= Instruction.sBx(word) }
                    case .jmpifnot:
                        if try !truth(regs[a]) { pc &+= Instruction.sBx(word) }
                    case .testcmp:
                        let c = Instruction.c(word)
                        let b = Instruction.b(word)
                        let right = c & TestCompare.constantOperand != 0 ? k[b] : regs[b]
                        let holds: Bool
                        if case .int(let l) = regs[a], case .int(let r) = right {
                            // Ints compare without building a bool value.
                            holds = VM.ordered(c & 7, l, r)
                        } else {
                            let result = try compareFast(VM.comparisonOps[c & 7], regs[a], right)
                            if case .bool(let value) = result { holds = value } else { holds = try truth(result) }
                        }
                        if holds != (c & TestCompare.expectTrue != 0) { pc &+= 1 }
                    case .call:
                        let named = Instruction.c(word)
                        // Fast path: an la function called with exactly its required parameters.
                        // The callee register keeps the closure alive, so it is read without a retain.
                        if named == 0, let unmanaged = regs.unretainedClosure(a) {
                            unowned(unsafe) let callee = unmanaged.takeUnretainedValue()
                            if callee.prototype.fixedArity == Instruction.b(word), frames.count < recursionLimit,
                               base + a + 1 + callee.prototype.registerCount <= stackCapacity {
                                frames.setTopPC(pc)
                                frames.append(CallFrame(closure: callee, pc: 0, base: base + a + 1, returnsToNative: false))
                                continue frameLoop
                            }
                        }
                        var names: [String] = []
                        if named > 0 {
                            names = k[Instruction.ax(code[pc])].stringList
                            pc &+= 1
                        }
                        frames.setTopPC(pc)
                        if try invoke(calleeIndex: base + a, positional: Instruction.b(word), names: names, returnsToNative: false) {
                            continue frameLoop
                        } else {
                            regs = stack + base
                        }
                    case .`self`:
                        let extra = Instruction.ax(code[pc])
                        pc &+= 1
                        let argumentCount = Instruction.b(word) + Instruction.c(word)
                        if case .record(let record) = regs[a + 1], let field = record[k[extra & 0xFFFF].stringValue] {
                            regs.store(a, field)
                            for offset in 0..<argumentCount - 1 { regs[a + 1 + offset] = regs[a + 2 + offset] }
                            regs[a + argumentCount] = .nil
                            pc &+= extra >> 16
                        } else if case .nil = regs[a] {
                            let name = k[extra & 0xFFFF].stringValue
                            throw RuntimeError(.nameError, "\(name) is not a function in scope, and a \(regs[a + 1].typeName) has no field \(name)")
                        }
                    case .`return`:
                        // Moving the result out saves a copy and a reference count.
                        let result = Instruction.b(word) == 1 ? regs[a].take() : .nil
                        closeUpvalues(from: base)
                        for offset in 0..<prototype.registerCount where !regs[offset].isTrivial { regs[offset] = .nil }
                        let finished = frames.removeLast()
                        if finished.returnsToNative {
                            stack[finished.resultIndex] = .nil
                            return result
                        }
                        stack[finished.resultIndex] = result
                        continue frameLoop
                    case .`default`:
                        if case .undefined = regs[a] {} else { pc &+= Instruction.sBx(word) }
                    case .newtuple:
                        regs.store(a, .tuple(Array(UnsafeBufferPointer(start: regs + Instruction.b(word), count: Instruction.c(word)))))
                    case .newrecord:
                        let keys = k[Instruction.ax(code[pc])].stringList
                        pc &+= 1
                        let values = Array(UnsafeBufferPointer(start: regs + Instruction.b(word), count: Instruction.c(word)))
                        regs.store(a, .record(Record(keys: keys, values: values)))
                    case .newtensor:
                        let elements = UnsafeBufferPointer(start: regs + Instruction.b(word), count: Instruction.c(word))
                        regs.store(a, try tensorLiteral(elements))
                    case .concat:
                        var text = ""
                        for value in UnsafeBufferPointer(start: regs + Instruction.b(word), count: Instruction.c(word)) {
                            text += value.printed
                        }
                        regs.store(a, .string(text))
                    case .slice:
                        let b = Instruction.b(word)
                        let slice = SliceValue(start: try sliceBound(regs[b]), stop: try sliceBound(regs[b + 1]),
                                               step: try sliceBound(regs[b + 2]))
                        regs.store(a, .slice(slice))
                    case .unpack:
                        let items = try unpack(regs[Instruction.b(word)], count: Instruction.c(word))
                        for (offset, item) in items.enumerated() { regs[a + offset] = item }
                    case .getindex:
                        let b = Instruction.b(word)
                        let c = Instruction.c(word)
                        let result = try index(regs[b], regs + b + 1, count: c & 127)
                        if c & 128 != 0 { regs[b] = .nil }
                        regs.store(a, result)
                    case .setindex:
                        let target = Instruction.ax(code[pc])
                        pc &+= 1
                        let value = regs[Instruction.c(word)]
                        let indices = regs + a
                        let count = Instruction.b(word)
                        try withTarget(target, closure: closure, regs: regs) { container in
                            try assignIndex(&container, indices, count: count, value)
                        }
                    case .getmember:
                        let extra = Instruction.ax(code[pc])
                        pc &+= 1
                        let b = Instruction.b(word)
                        let result = try member(regs[b], k[extra & 0xFFFF].stringValue)
                        if extra & (1 << 23) != 0 { regs[b] = .nil }
                        regs.store(a, result)
                    case .setmember:
                        let target = Instruction.ax(code[pc])
                        pc &+= 1
                        let name = k[Instruction.bx(word)].stringValue
                        let value = regs[a]
                        try withTarget(target, closure: closure, regs: regs) { container in
                            try assignMember(&container, name, value)
                        }
                    case .forprep:
                        guard case .int(let start) = regs[a], case .int(let stop) = regs[a + 1], case .int(let step) = regs[a + 2] else {
                            throw RuntimeError(.typeError, "range() expects ints, got \(regs[a].typeName), \(regs[a + 1].typeName), \(regs[a + 2].typeName)")
                        }
                        guard step != 0 else { throw RuntimeError(.valueError, "range() step must not be zero") }
                        let count = RangeValue.tripCount(start: start, stop: stop, step: step)
                        if count == 0 {
                            pc &+= Instruction.sBx(word)
                        } else {
                            regs[a + 1] = .int(count)
                            regs[a + 3] = .int(start)
                        }
                    case .forloop:
                        if case .int(let remaining) = regs[a + 1], remaining > 1,
                           case .int(let counter) = regs[a], case .int(let step) = regs[a + 2] {
                            // The trip count bounds the counter, so this cannot overflow.
                            let next = counter &+ step
                            regs.store(a, .int(next))
                            regs[a + 1] = .int(remaining &- 1)
                            regs[a + 3] = .int(next)
                            pc &+= Instruction.sBx(word)
                        }
                    case .iterprep:
                        _ = try iterationCount(regs[a])
                        regs[a + 1] = .int(0)
                        pc &+= Instruction.sBx(word)
                    case .iternext:
                        if case .int(let position) = regs[a + 1], position < (try iterationCount(regs[a])) {
                            regs[a + 2] = try iterationElement(regs[a], position)
                            regs[a + 1] = .int(position + 1)
                            pc &+= Instruction.sBx(word)
                        }
                    case .`import`:
                        frames.setTopPC(pc)
                        let module = try importModule(k[Instruction.bx(word)].stringValue)
                        regs = stack + base
                        regs.store(a, module)
                    case .assertfail:
                        throw assertionError(message: a == 255 ? nil : regs[a],
                                             operands: Instruction.b(word) == 255 ? nil : (regs[Instruction.b(word)], regs[Instruction.c(word)]))
                    case .checkshape:
                        if case .shapeCheck(let check) = prototype.chunk.constants[Instruction.bx(word)] {
                            try checkShape(regs[a], check, regs)
                        }
                    case .extraarg:
                        break
                    }
                }
            } catch {
                if !frames.isEmpty { frames.setTopPC(pc) }
                let diagnostic = diagnose(error, entryDepth: entryDepth)
                unwind(to: entryDepth)
                throw diagnostic
            }
        }
        return .nil
    }

    /// Gives `body` in-place access to the variable an EXTRAARG target word names.
    @inline(__always)
    func withTarget(_ target: Int, closure: Closure, regs: UnsafeMutablePointer<Value>,
                    _ body: (inout Value) throws -> Void) throws {
        let index = target & ((1 << 22) - 1)
        switch UInt32(target >> 22) {
        case TargetKind.register.rawValue:
            try body(&regs[index])
        case TargetKind.upvalue.rawValue:
            let upvalue = closure.upvalues[index]
            if upvalue.isOpen { try body(&stack[upvalue.stackIndex]) } else { try body(&upvalue.closed) }
        default:
            if case .undefined = globals[index] {
                throw RuntimeError(.nameError, "\(globalTable.names[index]) is used before its declaration")
            }
            try body(&globals[index])
        }
    }

    /// Pops the frames entered since `entryDepth - 1` (inclusive) after an error.
    func unwind(to entryDepth: Int) {
        let keep = max(entryDepth - 1, 0)
        guard frames.count > keep else { return }
        let entry = frames[keep]
        closeUpvalues(from: entry.base)
        let top = stackTop
        for index in entry.resultIndex..<max(top, entry.resultIndex) { stack[index] = .nil }
        frames.removeLast(frames.count - keep)
    }
}

extension Value {
    /// The string of a string constant (names in instructions are always strings).
    var stringValue: String {
        if case .string(let text) = self { return text }
        return ""
    }

    /// The strings of a names constant.
    var stringList: [String] {
        if case .tuple(let items) = self { return items.map(\.stringValue) }
        return []
    }
}
