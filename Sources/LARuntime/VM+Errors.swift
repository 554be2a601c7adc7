import LACompiler
import LAKernels
import LASyntax

/// Turning errors into diagnostics with the span of the failing instruction and the la call stack.
extension VM {
    /// The diagnostic for `error` raised while the frames above `entryDepth - 1` ran.
    func diagnose(_ error: Error, entryDepth: Int) -> Diagnostic {
        let stackFrames = callStack(entryDepth: entryDepth)
        if var diagnostic = error as? Diagnostic {
            // Raised by a nested run (an import or a native call back into la): extend its stack.
            // One without a span was raised by native code (a host function): it happened here.
            if diagnostic.span == nil, let frame = frames.last {
                let chunk = frame.closure.prototype.chunk
                let pc = instructionIndex(before: frame.pc, in: chunk)
                diagnostic.file = chunk.file
                diagnostic.span = pc < chunk.spans.count ? chunk.spans[pc] : nil
            }
            diagnostic.stack += stackFrames
            return diagnostic
        }
        guard let frame = frames.last else { return Diagnostic(.valueError, "\(error)") }
        let chunk = frame.closure.prototype.chunk
        // A LimitError is raised between instructions (when the VM refuels), so the place
        // the script stopped is the instruction about to run, not the one before it.
        let stoppedBetween = (error as? RuntimeError)?.kind == .limitError && frame.pc < chunk.spans.count
        let pc = stoppedBetween ? frame.pc : instructionIndex(before: frame.pc, in: chunk)
        var span = pc < chunk.spans.count ? chunk.spans[pc] : nil
        let operandSpans = chunk.operandSpans[pc] ?? []
        var diagnostic: Diagnostic
        switch error {
        case let error as RuntimeError:
            if let operand = error.operand, operand < operandSpans.count { span = operandSpans[operand] }
            diagnostic = Diagnostic(error.kind, error.message, file: chunk.file, span: span, help: error.help)
            for (operand, text) in error.operandLabels where operand < operandSpans.count {
                if operand == error.operand {
                    diagnostic.primaryLabel = text
                } else {
                    diagnostic.labels.append(DiagnosticLabel(span: operandSpans[operand], text: text))
                }
            }
            if error.kind == .shapeError || error.kind == .typeError,
               let moved = argumentDiagnostic(diagnostic, chunk: chunk, pc: pc, stack: stackFrames, entryDepth: entryDepth) {
                return moved
            }
        case let error as KernelError:
            diagnostic = kernelDiagnostic(error, arguments: nil, chunk: chunk, span: span, operandSpans: operandSpans)
        case let failure as BuiltinFailure:
            diagnostic = kernelDiagnostic(failure.error, arguments: failure, chunk: chunk, span: span,
                                          operandSpans: operandSpans)
        case let error as DiagnosticList:
            diagnostic = error.diagnostics.first ?? Diagnostic(.syntaxError, "invalid module", file: chunk.file)
        default:
            diagnostic = Diagnostic(.valueError, "\(error)", file: chunk.file, span: span)
        }
        diagnostic.stack = stackFrames
        return diagnostic
    }

    /// A parameter's shape annotation rejected its argument: the mistake is at the call, so
    /// the diagnostic points at that argument in the caller and a note shows the annotation.
    /// Nil when the failing instruction is not a parameter check or the caller is not an la
    /// call that recorded its argument spans.
    private func argumentDiagnostic(_ diagnostic: Diagnostic, chunk: Chunk, pc: Int, stack: [StackFrame],
                                    entryDepth: Int) -> Diagnostic? {
        guard pc < chunk.code.count, Instruction.opcode(chunk.code[pc]) == .checkshape,
              case .shapeCheck(let check) = chunk.constants[Instruction.bx(chunk.code[pc])],
              let parameter = chunk.parameters.firstIndex(where: { $0.name == check.subject }),
              let callee = frames.last, !callee.returnsToNative,
              frames.count >= 2, frames.count - 2 >= entryDepth - 1 else { return nil }
        let caller = frames[frames.count - 2]
        let callerChunk = caller.closure.prototype.chunk
        let callIndex = instructionIndex(before: caller.pc, in: callerChunk)
        guard callIndex < callerChunk.code.count, Instruction.opcode(callerChunk.code[callIndex]) == .call,
              let spans = callerChunk.operandSpans[callIndex] else { return nil }
        // Arguments are recorded callee first, then positional ones, then named ones in order.
        let word = callerChunk.code[callIndex]
        let positional = Instruction.b(word)
        var argument: Int?
        if parameter < positional {
            argument = parameter
        } else if Instruction.c(word) > 0, callIndex + 1 < callerChunk.code.count,
                  case .names(let names) = callerChunk.constants[Instruction.ax(callerChunk.code[callIndex + 1])] {
            argument = names.firstIndex(of: check.subject).map { positional + $0 }
        }
        guard let argument, argument + 1 < spans.count else { return nil }
        var moved = diagnostic
        moved.file = callerChunk.file
        moved.span = spans[argument + 1]
        moved.primaryLabel = nil
        moved.labels = []
        if let declared = diagnostic.span {
            moved.notes.append("\(check.subject): \(check.pattern) is declared at \(chunk.file):\(declared.start.line):\(declared.start.column)")
        }
        moved.stack = Array(stack.dropFirst())
        return moved
    }

    /// Innermost first: each frame's function and where it was (the failing or calling instruction).
    private func callStack(entryDepth: Int) -> [StackFrame] {
        let first = max(entryDepth - 1, 0)
        guard first < frames.count else { return [] }
        return frames.reversed(from: first).map { frame in
            let chunk = frame.closure.prototype.chunk
            let pc = instructionIndex(before: frame.pc, in: chunk)
            let span = pc < chunk.spans.count ? chunk.spans[pc] : nil
            return StackFrame(function: chunk.name, file: chunk.file, location: span?.start)
        }
    }

    /// The instruction that ran last before `pc`, skipping EXTRAARG words.
    private func instructionIndex(before pc: Int, in chunk: Chunk) -> Int {
        var index = max(pc - 1, 0)
        while index > 0, index < chunk.code.count, Instruction.opcode(chunk.code[index]) == .extraarg { index -= 1 }
        return index
    }

    /// The AssertionError of `assert cond, message`, showing the compared values when known.
    func assertionError(message: Value?, operands: (Value, Value)?) -> RuntimeError {
        var text = message.map(\.printed) ?? "assertion failed"
        if let (left, right) = operands {
            text += " (left: \(left.repr), right: \(right.repr))"
        }
        return RuntimeError(.assertionError, text)
    }
}
