import LACompiler
import LAKernels
import LASyntax

/// Kernel errors as diagnostics that label each operand as written with its shape and
/// suggest a fix; the warning for a broadcast that silently builds an n×n table.
extension VM {
    /// The diagnostic of a kernel error raised by the instruction at `span`. `arguments` are
    /// the values a failing builtin was given (then `operandSpans` are the callee's span and
    /// the arguments'); nil for an operator, whose two operand spans match the error's shapes.
    func kernelDiagnostic(_ error: KernelError, arguments: BuiltinFailure?, chunk: Chunk, span: SourceSpan?,
                          operandSpans: [SourceSpan]) -> Diagnostic {
        var diagnostic = Diagnostic(ErrorKind(error.kind), error.message, file: chunk.file, span: span,
                                    help: error.help.map { [$0] } ?? [])
        var operands: [(span: SourceSpan, shape: [Int])] = []
        if let arguments {
            let argumentSpans = Array(operandSpans.dropFirst())
            diagnostic.labels = zip(argumentSpans, arguments.argumentLabels).compactMap { span, label in
                label.map { DiagnosticLabel(span: span, text: $0) }
            }
            operands = matchingArguments(error.operandShapes, arguments.arguments, argumentSpans)
            // With the arguments marked, the caret goes under the function's name (as under an operator).
            if let callee = operandSpans.first {
                let name = Self.functionName(callee, receiver: argumentSpans.first)
                if !diagnostic.labels.isEmpty { diagnostic.span = name }
                if error.kind == .index, error.axis != nil {
                    diagnostic.message = Self.naming(error.message, function: chunk.source.flatMap { Self.text(of: name, in: $0) })
                }
            }
        } else if error.kind == .shape, error.operandShapes.count == 2, operandSpans.count == 2 {
            operands = Array(zip(operandSpans, error.operandShapes))
            diagnostic.labels = operands.map { DiagnosticLabel(span: $0.span, text: Tensor.formatShape($0.shape)) }
        }
        if operands.count == 2, let left = written(operands[0], chunk), let right = written(operands[1], chunk) {
            let help = ShapeHelp.suggestions(for: error, left, right)
            if !help.isEmpty { diagnostic.help = help }
        }
        return diagnostic
    }

    /// The tensor arguments whose shapes are the error's two operand shapes, in that order.
    private func matchingArguments(_ shapes: [[Int]], _ arguments: [BuiltinFailure.Argument],
                                   _ spans: [SourceSpan]) -> [(span: SourceSpan, shape: [Int])] {
        guard shapes.count == 2 else { return [] }
        var used = Set<Int>()
        var found: [(span: SourceSpan, shape: [Int])] = []
        for shape in shapes {
            let index = arguments.indices.first { index in
                guard !used.contains(index), index < spans.count, case .tensor(let argumentShape) = arguments[index] else {
                    return false
                }
                return argumentShape == shape
            }
            guard let index else { return [] }
            used.insert(index)
            found.append((spans[index], shape))
        }
        return found
    }

    /// `message` starting with the operation's name: `sum: axis 2 is out of bounds ...`,
    /// unless the kernel already named it. Only for axis errors, which shared kernel code
    /// raises without knowing which operation asked (other kernel messages name it).
    private static func naming(_ message: String, function: String?) -> String {
        guard let function, !function.isEmpty, function.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic
                                                                                    || $0.properties.numericType != nil }),
              message.split(separator: " ").first?.hasSuffix(":") == false else { return message }
        return "\(function): \(message)"
    }

    /// The name part of a callee span: `dot` of `a.dot`, whose receiver `a` gets a label of its own.
    private static func functionName(_ callee: SourceSpan, receiver: SourceSpan?) -> SourceSpan {
        guard let receiver, receiver.start == callee.start, receiver.end < callee.end,
              receiver.end.line == callee.end.line else { return callee }
        let dot = receiver.end
        return SourceSpan(start: SourceLocation(offset: dot.offset + 1, line: dot.line, column: dot.column + 1), end: callee.end)
    }

    private func written(_ operand: (span: SourceSpan, shape: [Int]), _ chunk: Chunk) -> WrittenOperand? {
        chunk.source.flatMap { Self.text(of: operand.span, in: $0) }.map { WrittenOperand(text: $0, shape: operand.shape) }
    }

    /// The source text a span covers, or nil when it lies outside the file.
    static func text(of span: SourceSpan, in file: SourceFile) -> String? {
        let bytes = file.text.utf8
        guard span.start.offset >= 0, span.start.offset <= span.end.offset, span.end.offset <= bytes.count else { return nil }
        let start = bytes.index(bytes.startIndex, offsetBy: span.start.offset)
        let end = bytes.index(bytes.startIndex, offsetBy: span.end.offset)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Reports the outer-broadcast warning when tensors `x` and `y` of an operator are
    /// `(n,)`/`(1, n)` against `(n, 1)`. Costs two shape checks on the common path.
    func warnIfOuterBroadcast(_ x: Value, _ y: Value) {
        guard case .tensor(let left) = x, case .tensor(let right) = y,
              ShapeHelp.isOuterPair(left.tensor.shape, right.tensor.shape),
              let frame = frames.last else { return }
        let chunk = frame.closure.prototype.chunk
        guard let pc = operatorInstruction(reading: left, right, in: chunk, base: frame.base),
              let spans = chunk.operandSpans[pc], spans.count == 2,
              let leftOperand = written((spans[0], left.tensor.shape), chunk),
              let rightOperand = written((spans[1], right.tensor.shape), chunk),
              let warning = ShapeHelp.outerBroadcastWarning(leftOperand, rightOperand) else { return }
        var diagnostic = Diagnostic(.shapeError, warning.message, file: chunk.file, span: chunk.spans[pc],
                                    labels: zip(spans, [left, right]).map {
                                        DiagnosticLabel(span: $0.0, text: Tensor.formatShape($0.1.tensor.shape))
                                    },
                                    help: warning.help)
        diagnostic.severity = .warning
        options.warnings(diagnostic, chunk.source)
    }

    /// The binary instruction of `chunk` whose operand registers hold exactly these tensors.
    /// The dispatch loop keeps the pc in a local, so the running instruction is found by
    /// its operands (only when a warning is due); equal operands in two places warn at the first.
    private func operatorInstruction(reading left: TensorBox, _ right: TensorBox, in chunk: Chunk, base: Int) -> Int? {
        let registers = chunk.registerCount
        return chunk.operandSpans.keys.sorted().first { pc in
            guard pc < chunk.code.count, pc < chunk.spans.count, chunk.operandSpans[pc]?.count == 2 else { return false }
            let word = chunk.code[pc]
            guard let opcode = Instruction.opcode(word), Self.tensorOperators.contains(opcode) else { return false }
            let (b, c) = (Instruction.b(word), Instruction.c(word))
            guard b < registers, c < registers, base + registers <= stackCapacity,
                  case .tensor(let x) = stack[base + b], case .tensor(let y) = stack[base + c] else { return false }
            return x === left && y === right
        }
    }

    private static let tensorOperators: Set<Opcode> = [.add, .sub, .mul, .div, .idiv, .mod, .pow,
                                                        .eq, .ne, .lt, .le, .gt, .ge]
}
