import LASyntax

extension FunctionCompiler {
    /// Compiles a script's or module's top-level statements and finishes the chunk.
    func compileTopLevel(_ statements: [Stmt]) -> Chunk {
        for statement in statements {
            switch statement.kind {
            case .let(let name, _, _): context.allTopLevelNames.insert(name)
            case .letTuple(let names, _, _): context.allTopLevelNames.formUnion(names)
            case .function(let literal): if let name = literal.name { context.allTopLevelNames.insert(name) }
            case .import(let module): context.allTopLevelNames.insert(module)
            default: break
            }
        }
        if isScriptTop {
            // Later script names exist as slots so functions compiled before their declaration can refer to them.
            for name in context.allTopLevelNames.sorted() where context.globals.slot(of: name) == nil {
                context.globals.define(name)
            }
        }
        hoistFunctions(statements)
        for (index, statement) in statements.enumerated() {
            if case .use(let feature) = statement.kind {
                compileUse(feature, first: index == 0, statement.span)
                continue
            }
            let isLast = index == statements.count - 1
            if isLast, isScriptTop, case .expression(let expr) = statement.kind {
                currentSpan = statement.span
                let register = withTemporaries { exprToRegister(expr) }
                emitABC(.return, register, 1, 0)
                return finish()
            }
            compileStatement(statement)
        }
        if case .module = context.mode {
            returnModuleRecord()
        } else {
            emitABC(.return, 0, 0, 0)
        }
        return finish()
    }

    /// A module returns its top-level names as a record, in declaration order.
    private func returnModuleRecord() {
        let exported = locals.filter { $0.depth == 0 && !$0.name.isEmpty }
        let base = freeRegister
        for local in exported {
            emitABC(.move, allocate(), local.register, 0)
        }
        let names = constant(.names(exported.map(\.name)))
        emitABC(.newrecord, base, base, exported.count)
        emitExtra(names)
        emitABC(.return, base, 1, 0)
    }

    private func compileUse(_ feature: String, first: Bool, _ span: SourceSpan) {
        if feature != "exact" {
            context.error(.syntaxError, "unknown feature '\(feature)'; the only one is `use exact`", span)
        } else if !first {
            context.error(.syntaxError, "`use exact` must be the first statement of the script", span)
        } else {
            context.exactMode = true
        }
    }

    /// Declares every `fn name` of a block before its statements run, so they may call each other.
    /// A script's top-level functions capture nothing (they reach globals by slot), so their
    /// closures are also created here: top-level code may call a function declared further down.
    /// In other blocks the closure is created where the declaration stands, so it can capture
    /// the locals declared before it.
    func hoistFunctions(_ statements: [Stmt]) {
        for statement in statements {
            guard case .function(let literal) = statement.kind, let name = literal.name else { continue }
            if declaresGlobals {
                _ = declareGlobal(name)
            } else {
                let register = allocate()
                emitABC(.loadnil, register, 0, 0)
                declareLocal(name, register: register)
            }
        }
        guard declaresGlobals else { return }
        for statement in statements {
            guard case .function(let literal) = statement.kind, let name = literal.name else { continue }
            let savedSpan = currentSpan
            currentSpan = statement.span
            withTemporaries {
                let register = allocate()
                compileFunction(literal, into: register)
                emitABx(.setglobal, register, declareGlobal(name))
            }
            currentSpan = savedSpan
        }
    }

    func compileBlock(_ statements: [Stmt]) {
        beginScope()
        hoistFunctions(statements)
        for statement in statements { compileStatement(statement) }
        endScope()
    }

    func compileStatement(_ statement: Stmt) {
        let savedSpan = currentSpan
        currentSpan = statement.span
        defer {
            currentSpan = savedSpan
            freeRegister = localTop
        }
        switch statement.kind {
        case .expression(let expr):
            withTemporaries { _ = exprToRegister(expr) }
        case .let(let name, let nameSpan, let value):
            compileLet(name, nameSpan, value)
        case .letTuple(let names, _, let value):
            compileLetTuple(names, value)
        case .assign(let target, let value):
            compileAssignment(target, value, span: statement.span)
        case .compoundAssign(let target, let op, let value):
            compileCompoundAssignment(target, op, value, span: statement.span)
        case .if(let branches, let elseBody):
            compileIf(branches, elseBody)
        case .while(let condition, let body):
            compileWhile(condition, body)
        case .for(let variable, _, let sequence, let body):
            compileFor(variable, sequence, body)
        case .break, .continue:
            compileLoopExit(isBreak: statement.kind == .break, statement.span)
        case .return(let value):
            if let value {
                let register = withTemporaries { exprToRegister(value) }
                emitReturn(register)
            } else {
                emitABC(.return, 0, 0, 0)
            }
        case .function(let literal):
            compileFunctionDeclaration(literal)
        case .import(let module):
            let register = allocate()
            emitABx(.import, register, constant(.string(module)))
            bind(module, register: register)
        case .use(let feature):
            compileUse(feature, first: false, statement.span)
        case .assert(let condition, let message):
            compileAssert(condition, message)
        }
    }

    /// Binds `name` to the value just computed into `register` (the next free one).
    func bind(_ name: String, register: Int) {
        if declaresGlobals {
            emitABx(.setglobal, register, declareGlobal(name))
        } else {
            declareLocal(name, register: register)
        }
    }

    private func compileLet(_ name: String, _ nameSpan: SourceSpan, _ value: Expr) {
        let register = allocate()
        withTemporaries { expr(value, into: register) }
        bind(name, register: register)
    }

    private func compileLetTuple(_ names: [String], _ value: Expr) {
        let base = freeRegister
        withTemporaries {
            let source = exprToRegister(value)
            for _ in names { _ = allocate() }
            emitABC(.unpack, base, source, names.count)
        }
        for (offset, name) in names.enumerated() {
            freeRegister = max(freeRegister, base + offset + 1)
            bind(name, register: base + offset)
        }
    }

    private func compileFunctionDeclaration(_ literal: FunctionLiteral) {
        guard let name = literal.name else { return }
        if declaresGlobals {
            return  // created by hoistFunctions
        } else if let local = resolveLocal(name), locals[local].depth == scopeDepth {
            compileFunction(literal, into: locals[local].register)
        }
    }

    private func compileIf(_ branches: [ConditionalBranch], _ elseBody: [Stmt]?) {
        var endJumps: [Int] = []
        for (index, branch) in branches.enumerated() {
            let falseJumps = withTemporaries { jumpIfFalse(branch.condition) }
            compileBlock(branch.body)
            if index < branches.count - 1 || elseBody != nil {
                endJumps.append(emitJump(.jmp))
            }
            falseJumps.forEach { patch($0) }
        }
        if let elseBody { compileBlock(elseBody) }
        endJumps.forEach { patch($0) }
    }

    private func compileWhile(_ condition: Expr, _ body: [Stmt]) {
        let start = code.count
        let exitJumps = withTemporaries { jumpIfFalse(condition) }
        loops.append(LoopContext(bodyFirstRegister: freeRegister))
        compileBlock(body)
        let loop = loops.removeLast()
        loop.continueJumps.forEach { patch($0, to: start) }
        emitLoop(.jmp, 0, to: start)
        exitJumps.forEach { patch($0) }
        loop.breakJumps.forEach { patch($0) }
    }

    private func compileFor(_ variable: String, _ sequence: Expr, _ body: [Stmt]) {
        if let bounds = rangeArguments(sequence) {
            compileNumericFor(variable, bounds, body)
            return
        }
        beginScope()
        let base = allocate()
        expr(sequence, into: base)
        declareLocal("", register: base)
        declareLocal("", register: allocate())
        let prep = emitJump(.iterprep, base)
        let bodyStart = code.count
        compileLoopBody(variable, register: allocate(), body) { loop in
            patch(prep)
            loop.continueJumps.forEach { patch($0) }
            emitLoop(.iternext, base, to: bodyStart)
        }
        endScope()
    }

    /// `for i in range(...)` with the builtin `range`: a counted loop that allocates nothing.
    private func compileNumericFor(_ variable: String, _ bounds: [Expr], _ body: [Stmt]) {
        beginScope()
        let base = allocate()
        let stop = allocate()
        let step = allocate()
        withTemporaries {
            switch bounds.count {
            case 1:
                emit(Instruction.aSBx(.loadint, base, 0))
                expr(bounds[0], into: stop)
                emit(Instruction.aSBx(.loadint, step, 1))
            default:
                expr(bounds[0], into: base)
                expr(bounds[1], into: stop)
                if bounds.count == 3 { expr(bounds[2], into: step) } else { emit(Instruction.aSBx(.loadint, step, 1)) }
            }
        }
        for register in [base, stop, step] { declareLocal("", register: register) }
        let prep = emitJump(.forprep, base)
        let bodyStart = code.count
        compileLoopBody(variable, register: allocate(), body) { loop in
            loop.continueJumps.forEach { patch($0) }
            emitLoop(.forloop, base, to: bodyStart)
            patch(prep)
        }
        endScope()
    }

    /// The loop body with `variable` in `register`, then `footer` (which emits the back edge).
    private func compileLoopBody(_ variable: String, register: Int, _ body: [Stmt], footer: (LoopContext) -> Void) {
        loops.append(LoopContext(bodyFirstRegister: register))
        beginScope()
        declareLocal(variable, register: register)
        hoistFunctions(body)
        for statement in body { compileStatement(statement) }
        endScope()
        let loop = loops.removeLast()
        footer(loop)
        loop.breakJumps.forEach { patch($0) }
    }

    /// The arguments of `range(...)` when `sequence` is a call of the builtin range.
    private func rangeArguments(_ sequence: Expr) -> [Expr]? {
        guard case .call(let callee, let arguments) = sequence.kind, case .name("range") = callee.kind,
              (1...3).contains(arguments.count), arguments.allSatisfy({ $0.label == nil }) else { return nil }
        guard case .global = resolve("range"), context.globals.builtinNames.contains("range"),
              !context.allTopLevelNames.contains("range") else { return nil }
        return arguments.map(\.value)
    }

    private func compileLoopExit(isBreak: Bool, _ span: SourceSpan) {
        guard var loop = loops.popLast() else {
            context.error(.syntaxError, "\(isBreak ? "break" : "continue") outside a loop", span)
            return
        }
        emitABC(.close, loop.bodyFirstRegister, 0, 0)
        let jump = emitJump(.jmp)
        if isBreak { loop.breakJumps.append(jump) } else { loop.continueJumps.append(jump) }
        loops.append(loop)
    }

    private func compileAssert(_ condition: Expr, _ message: Expr?) {
        withTemporaries {
            var operands = (255, 255)
            let passJump: Int
            if case .binary(let op, let lhs, let rhs) = condition.kind, let opcode = comparisonOpcodes[op] {
                let left = exprToRegister(lhs)
                let right = exprToRegister(rhs)
                let result = allocate()
                emitBinary(opcode, result, left, right, lhs.span, rhs.span, span: condition.span)
                operands = (left, right)
                passJump = emitJump(.jmpif, result)
            } else {
                let result = exprToRegister(condition)
                passJump = emitJump(.jmpif, result)
            }
            let messageRegister = message.map { exprToRegister($0) } ?? 255
            emitABC(.assertfail, messageRegister, operands.0, operands.1)
            patch(passJump)
        }
    }
}
