import LASyntax

let arithmeticOpcodes: [BinaryOperator: Opcode] = [
    .add: .add, .subtract: .sub, .multiply: .mul, .divide: .div,
    .floorDivide: .idiv, .modulo: .mod, .power: .pow, .matmul: .matmul,
]

let comparisonOpcodes: [BinaryOperator: Opcode] = [
    .equal: .eq, .notEqual: .ne, .less: .lt, .lessEqual: .le, .greater: .gt, .greaterEqual: .ge,
]

/// Opcodes whose right operand may be a constant, and their constant form.
let constantOperandOpcodes: [Opcode: Opcode] = [
    .add: .addk, .sub: .subk, .mul: .mulk, .div: .divk,
    .eq: .eqk, .ne: .nek, .lt: .ltk, .le: .lek, .gt: .gtk, .ge: .gek,
]

extension FunctionCompiler {
    /// Compiles `e` so that its value ends up in `dest`. `dest` is written only by the
    /// last instruction, so `x = f(x)` may compile straight into x's register.
    func expr(_ e: Expr, into dest: Int) {
        let savedSpan = currentSpan
        currentSpan = e.span
        defer { currentSpan = savedSpan }
        withTemporaries { compileExpr(e, into: dest) }
    }

    /// The register holding `e`'s value: a local's own register, else a new temporary.
    func exprToRegister(_ e: Expr) -> Int {
        if case .name(let name) = e.kind, let local = resolveLocal(name) {
            return locals[local].register
        }
        let register = allocate()
        expr(e, into: register)
        return register
    }

    private func compileExpr(_ e: Expr, into dest: Int) {
        switch e.kind {
        case .int(let text):
            compileInt(text, negated: false, into: dest, e.span)
        case .float(let text):
            emitABx(.loadk, dest, constant(floatLiteral(text, negated: false)))
        case .string(let parts):
            compileString(parts, into: dest)
        case .bool(let value):
            emitABC(value ? .loadtrue : .loadfalse, dest, 0, 0)
        case .nil:
            emitABC(.loadnil, dest, 0, 0)
        case .name(let name):
            compileName(name, into: dest, e.span)
        case .tensor(let elements):
            compileTensorLiteral(elements, into: dest, e.span)
        case .tuple(let elements):
            let base = compileConsecutive(elements)
            emitABC(.newtuple, dest, base, elements.count)
        case .record(let fields):
            compileRecord(fields, into: dest)
        case .unary(let op, let operand):
            compileUnary(op, operand, into: dest)
        case .binary(let op, let lhs, let rhs):
            compileBinary(op, lhs, rhs, into: dest, e.span)
        case .call(let callee, let arguments):
            compileCall(callee, arguments, into: dest, e.span)
        case .index(let base, let items):
            // The base is copied into a temporary that GETINDEX drops afterwards.
            let baseRegister = allocate()
            expr(base, into: baseRegister)
            let count = compileIndexItems(items)
            emitABC(.getindex, dest, baseRegister, count | 128)
        case .member(let base, let name):
            let isTemporary = !isLocalName(base)
            let baseRegister = exprToRegister(base)
            emitABC(.getmember, dest, baseRegister, 0)
            emitExtra(constant(.string(name)) | (isTemporary && dest != baseRegister ? 1 << 23 : 0))
        case .function(let literal):
            compileFunction(literal, into: dest)
        }
    }

    func isLocalName(_ e: Expr) -> Bool {
        if case .name(let name) = e.kind, resolveLocal(name) != nil { return true }
        return false
    }

    /// Compiles `elements` into consecutive new registers and returns the first.
    func compileConsecutive(_ elements: [Expr]) -> Int {
        let base = freeRegister
        let registers = elements.map { _ in allocate() }
        for (element, register) in zip(elements, registers) { expr(element, into: register) }
        return base
    }

    func compileInt(_ text: String, negated: Bool, into dest: Int, _ span: SourceSpan) {
        guard let value = Int64(negated ? "-" + text : text) else {
            if context.exactMode {
                emitABx(.loadk, dest, constant(.exact(negated ? "-" + text : text)))
                return
            }
            context.error(.overflowError, "integer literal \(negated ? "-" : "")\(text) does not fit in 64 bits", span,
                          help: ["write it as a float (\(text).0), or use exact mode (`use exact`)"])
            return
        }
        if value > -Int64(Instruction.sBxBias) && value < Int64(Instruction.sBxBias) {
            emit(Instruction.aSBx(.loadint, dest, Int(value)))
        } else {
            emitABx(.loadk, dest, constant(.int(value)))
        }
    }

    /// A decimal literal's constant: exact text in exact mode (`0.1` is 1/10), else a double.
    func floatLiteral(_ text: String, negated: Bool) -> Constant {
        if context.exactMode { return .exact(negated ? "-" + text : text) }
        let value = Double(text) ?? .nan
        return .float(negated ? -value : value)
    }

    private func compileString(_ parts: [StringPart], into dest: Int) {
        if parts.isEmpty { emitABx(.loadk, dest, constant(.string(""))); return }
        if parts.count == 1, case .text(let text) = parts[0] {
            emitABx(.loadk, dest, constant(.string(text)))
            return
        }
        let base = freeRegister
        let registers = parts.map { _ in allocate() }
        for (part, register) in zip(parts, registers) {
            switch part {
            case .text(let text): emitABx(.loadk, register, constant(.string(text)))
            case .expr(let value): expr(value, into: register)
            }
        }
        emitABC(.concat, dest, base, parts.count)
    }

    private func compileName(_ name: String, into dest: Int, _ span: SourceSpan) {
        switch resolve(name) {
        case .register(let register): if register != dest { emitABC(.move, dest, register, 0) }
        case .upvalue(let index): emitABC(.getupval, dest, index, 0)
        case .global(let slot): emitABx(.getglobal, dest, slot)
        case nil:
            undeclared(name, span, assigning: false)
        }
    }

    private func compileRecord(_ fields: [RecordField], into dest: Int) {
        var seen: Set<String> = []
        for field in fields where !seen.insert(field.name).inserted {
            context.error(.syntaxError, "duplicate field '\(field.name)' in record", field.span)
        }
        let base = compileConsecutive(fields.map(\.value))
        emitABC(.newrecord, dest, base, fields.count)
        emitExtra(constant(.names(fields.map(\.name))))
    }

    private func compileUnary(_ op: UnaryOperator, _ operand: Expr, into dest: Int) {
        if op == .negate {
            switch operand.kind {
            case .int(let text): compileInt(text, negated: true, into: dest, operand.span); return
            case .float(let text): emitABx(.loadk, dest, constant(floatLiteral(text, negated: true))); return
            default: break
            }
        }
        let register = exprToRegister(operand)
        switch op {
        case .negate: emitABC(.neg, dest, register, 0)
        case .plus: emitABC(.plus, dest, register, 0)
        case .not: emitABC(.not, dest, register, 0)
        }
    }

    private func compileBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, into dest: Int, _ span: SourceSpan) {
        if op == .and || op == .or {
            let result = allocate()
            let shortJumps = op == .and ? jumpIfFalse(lhs) : jumpIfTrue(lhs)
            let rhsJumps = op == .and ? jumpIfFalse(rhs) : jumpIfTrue(rhs)
            emitABC(op == .and ? .loadtrue : .loadfalse, result, 0, 0)
            let end = emitJump(.jmp)
            (shortJumps + rhsJumps).forEach { patch($0) }
            emitABC(op == .and ? .loadfalse : .loadtrue, result, 0, 0)
            patch(end)
            emitABC(.move, dest, result, 0)
            return
        }
        guard let opcode = arithmeticOpcodes[op] ?? comparisonOpcodes[op] else { return }
        let left = exprToRegister(lhs)
        // Errors of the operation itself point at the operator, as SPEC §7 shows.
        let span = context.operatorSpan(op, after: lhs.span, before: rhs.span) ?? span
        if let constantOpcode = constantOperandOpcodes[opcode], let k = smallNumericConstant(rhs) {
            emitBinary(constantOpcode, dest, left, k, lhs.span, rhs.span, span: span)
            return
        }
        let right = exprToRegister(rhs)
        emitBinary(opcode, dest, left, right, lhs.span, rhs.span, span: span)
    }

    func emitBinary(_ op: Opcode, _ dest: Int, _ left: Int, _ right: Int, _ leftSpan: SourceSpan, _ rightSpan: SourceSpan, span: SourceSpan) {
        let savedSpan = currentSpan
        currentSpan = span
        emitABC(op, dest, left, right)
        operandSpans[code.count - 1] = [leftSpan, rightSpan]
        currentSpan = savedSpan
    }

    /// The constant index of a number literal when it fits the C operand.
    private func smallNumericConstant(_ e: Expr) -> Int? {
        let value: Constant
        switch e.kind {
        case .int(let text): guard let int = Int64(text) else { return nil }; value = .int(int)
        case .float(let text): value = floatLiteral(text, negated: false)
        default: return nil
        }
        if let existing = constantIndex[value] { return existing < 256 ? existing : nil }
        guard constants.count < 256 else { return nil }
        return constant(value)
    }

    // MARK: Conditions

    /// Emits code that jumps when `e` is false; returns the jumps to patch to the false target.
    func jumpIfFalse(_ e: Expr) -> [Int] {
        switch e.kind {
        case .binary(.and, let lhs, let rhs):
            return jumpIfFalse(lhs) + jumpIfFalse(rhs)
        case .binary(.or, let lhs, let rhs):
            let trueJumps = jumpIfTrue(lhs)
            let falseJumps = jumpIfFalse(rhs)
            trueJumps.forEach { patch($0) }
            return falseJumps
        case .unary(.not, let operand):
            return jumpIfTrue(operand)
        default:
            if let jump = compareAndJump(e, jumpWhen: false) { return [jump] }
            return withTemporaries { emitConditionJump(.jmpifnot, e) }
        }
    }

    /// A comparison as a condition: `TESTCMP` (no bool is stored) then the jump it may skip.
    /// Returns the jump, or nil when `e` is not a comparison.
    private func compareAndJump(_ e: Expr, jumpWhen outcome: Bool) -> Int? {
        guard case .binary(let op, let lhs, let rhs) = e.kind, let opcode = comparisonOpcodes[op],
              let kind = Opcode.comparisons.firstIndex(of: opcode) else { return nil }
        return withTemporaries {
            let left = exprToRegister(lhs)
            var flags = kind | (outcome ? TestCompare.expectTrue : 0)
            let right: Int
            if let k = smallNumericConstant(rhs) {
                right = k
                flags |= TestCompare.constantOperand
            } else {
                right = exprToRegister(rhs)
            }
            emitBinary(.testcmp, left, right, flags, lhs.span, rhs.span, span: e.span)
            return emitJump(.jmp)
        }
    }

    /// Evaluates `e` and emits the conditional jump `op`, which reports a
    /// truthiness error (a tensor of several elements) at `e` itself.
    private func emitConditionJump(_ op: Opcode, _ e: Expr) -> [Int] {
        let register = exprToRegister(e)
        let savedSpan = currentSpan
        currentSpan = e.span
        defer { currentSpan = savedSpan }
        return [emitJump(op, register)]
    }

    /// Emits code that jumps when `e` is true; returns the jumps to patch to the true target.
    func jumpIfTrue(_ e: Expr) -> [Int] {
        switch e.kind {
        case .binary(.or, let lhs, let rhs):
            return jumpIfTrue(lhs) + jumpIfTrue(rhs)
        case .binary(.and, let lhs, let rhs):
            let falseJumps = jumpIfFalse(lhs)
            let trueJumps = jumpIfTrue(rhs)
            falseJumps.forEach { patch($0) }
            return trueJumps
        case .unary(.not, let operand):
            return jumpIfFalse(operand)
        default:
            if let jump = compareAndJump(e, jumpWhen: true) { return [jump] }
            return withTemporaries { emitConditionJump(.jmpif, e) }
        }
    }

    // MARK: Indexing and literals

    /// Compiles index items into consecutive new registers; returns how many.
    func compileIndexItems(_ items: [IndexItem]) -> Int {
        if items.count > 127 {
            context.error(.syntaxError, "too many indices (at most 127)", currentSpan)
        }
        let registers = items.map { _ in allocate() }
        for (item, register) in zip(items, registers) {
            switch item {
            case .expr(let e):
                expr(e, into: register)
            case .slice(let start, let stop, let step, _):
                withTemporaries {
                    let parts = [start, stop, step].map { _ in allocate() }
                    for (part, partRegister) in zip([start, stop, step], parts) {
                        if let part { expr(part, into: partRegister) } else { emitABC(.loadnil, partRegister, 0, 0) }
                    }
                    emitABC(.slice, register, parts[0], 0)
                }
            case .ellipsis:
                emitABx(.loadk, register, constant(.ellipsis))
            }
        }
        return min(items.count, 127)
    }

    /// The text of a number literal, or of a negated one (`-0.5`); nil for other expressions.
    private func exactNumberText(_ e: Expr) -> String? {
        switch e.kind {
        case .int(let text), .float(let text): return text
        case .unary(.negate, let inner):
            switch inner.kind {
            case .int(let text), .float(let text): return "-" + text
            default: return nil
            }
        default: return nil
        }
    }

    private func compileTensorLiteral(_ elements: [Expr], into dest: Int, _ span: SourceSpan) {
        if let (scalars, shape) = constantTensor(elements) {
            emitABx(.loadk, dest, constant(.tensorLiteral(elements: scalars, shape: shape)))
            return
        }
        let base = compileConsecutive(elements)
        emitABC(.newtensor, dest, base, elements.count)
        operandSpans[code.count - 1] = elements.map(\.span)
    }

    /// The elements and shape of a rectangular literal made only of number and bool literals.
    private func constantTensor(_ elements: [Expr]) -> ([LiteralScalar], [Int])? {
        if elements.isEmpty { return ([], [0]) }
        var scalars: [LiteralScalar] = []
        var rowShape: [Int]?
        var hasScalar = false  // a number before a row is not rectangular: the VM reports it with spans
        for element in elements {
            if case .tensor(let row) = element.kind {
                guard !hasScalar, !row.isEmpty, let (rowScalars, shape) = constantTensor(row) else { return nil }
                if let rowShape, rowShape != shape { return nil }
                rowShape = shape
                scalars += rowScalars
            } else {
                guard rowShape == nil, let scalar = literalScalar(element) else { return nil }
                scalars.append(scalar)
                hasScalar = true
            }
        }
        return (scalars, [elements.count] + (rowShape ?? []))
    }

    private func literalScalar(_ e: Expr) -> LiteralScalar? {
        if context.exactMode, let text = exactNumberText(e) { return .exact(text) }
        switch e.kind {
        case .int(let text): return Int64(text).map { .int($0) }
        case .float(let text): return Double(text).map { .float($0) }
        case .bool(let value): return .bool(value)
        case .unary(.negate, let inner):
            switch inner.kind {
            case .int(let text): return Int64("-" + text).map { .int($0) }
            case .float(let text): return Double(text).map { .float(-$0) }
            default: return nil
            }
        default: return nil
        }
    }
}
