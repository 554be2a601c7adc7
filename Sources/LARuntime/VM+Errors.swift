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
