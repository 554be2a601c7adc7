import LASyntax
import Testing
@testable import LACompiler

/// A global table with the builtins these tests call.
private func builtins() -> GlobalTable {
    let globals = GlobalTable()
    for name in ["print", "range"] { globals.define(name, isBuiltin: true) }
    return globals
}

private func compile(_ source: String, globals: GlobalTable = builtins()) throws -> Chunk {
    try Compiler.compile(Parser.parse(SourceFile(name: "t.la", text: source)), globals: globals)
}

private func opcodes(_ chunk: Chunk) -> [Opcode] {
    chunk.code.compactMap(Instruction.opcode)
}

@Suite struct OpcodeTableTests {
    @Test func everyOpcodeIsDocumented() {
        for op in Opcode.allCases {
            #expect(!op.info.effect.isEmpty, "\(op) has no effect line")
            #expect(op.mnemonic == String(describing: op).uppercased())
        }
        #expect(Opcode.add.info.effect == "R[A] = R[B] + R[C]")
    }

    @Test func instructionWordsRoundTrip() {
        let word = Instruction.abc(.add, 3, 200, 255)
        #expect(Instruction.opcode(word) == .add)
        #expect(Instruction.a(word) == 3 && Instruction.b(word) == 200 && Instruction.c(word) == 255)
        let jump = Instruction.aSBx(.jmp, 0, -5)
        #expect(Instruction.sBx(jump) == -5)
        #expect(Instruction.bx(Instruction.aBx(.loadk, 1, 65535)) == 65535)
        #expect(Instruction.ax(Instruction.ax(.extraarg, 0xABCDEF)) == 0xABCDEF)
    }
}

@Suite struct CompilerTests {
    @Test func nestedScopesReuseRegisters() throws {
        let chunk = try compile("""
        fn f() {
          let a = 1
          if true { let b = 2
            let c = 3 }
          let d = 4
          return d
        }
        """)
        let function = try #require(chunk.prototypes.first)
        // a in R0; b, c in R1, R2 inside the block; d reuses R1 after the block ends.
        let loads = function.code.filter { Instruction.opcode($0) == .loadint }.map { (Instruction.a($0), Instruction.sBx($0)) }
        #expect(loads.map(\.0) == [0, 1, 2, 1])
        #expect(loads.map(\.1) == [1, 2, 3, 4])
        #expect(function.registerCount == 3)
    }

    @Test func upvaluesCaptureRegistersAndUpvalues() throws {
        let chunk = try compile("""
        fn outer() {
          let x = 1
          let y = 2
          fn middle() { fn inner() = x + y
            return inner }
          return middle
        }
        """)
        let outer = try #require(chunk.prototypes.first)
        let middle = try #require(outer.prototypes.first)
        let inner = try #require(middle.prototypes.first)
        #expect(middle.upvalues.map(\.name) == ["x", "y"])
        #expect(middle.upvalues.map(\.fromParentRegister) == [true, true])
        // The hoisted `middle` takes R0, so x and y live in R1 and R2.
        #expect(middle.upvalues.map(\.index) == [1, 2])
        #expect(inner.upvalues.map(\.fromParentRegister) == [false, false])
        #expect(opcodes(inner).filter { $0 == .getupval }.count == 2)
    }

    @Test func capturedBlockLocalsAreClosed() throws {
        let chunk = try compile("for i in range(3) { let f = fn() = i }")
        #expect(opcodes(chunk).contains(.close))
        #expect(opcodes(chunk).contains(.forprep) && opcodes(chunk).contains(.forloop))
        #expect(!opcodes(chunk).contains(.call), "range() in a for loop compiles to a counted loop")
    }

    @Test func rangeShadowedByAUserFunctionIsCalled() throws {
        let builtin = try compile("for i in range(3) { }")
        #expect(!opcodes(builtin).contains(.call))
        let shadowed = try compile("fn range(n) = (1, 2)\nfor i in range(3) { }")
        #expect(opcodes(shadowed).contains(.iterprep))
    }

    @Test func constantOperandsUseKForms() throws {
        let chunk = try compile("fn f(n) = n - 1 < 2")
        let function = try #require(chunk.prototypes.first)
        #expect(opcodes(function).prefix(2) == [.subk, .ltk])
    }

    @Test func comparisonConditionsTestAndJump() throws {
        let chunk = try compile("fn f(n) { if n < 2 { return n }\n return 0 }")
        let function = try #require(chunk.prototypes.first)
        #expect(Array(opcodes(function).prefix(3)) == [.testcmp, .jmp, .return])
        let flags = Instruction.c(function.code[0])
        #expect(Opcode.comparisons[flags & 7] == .lt)
        #expect(flags & TestCompare.constantOperand != 0 && flags & TestCompare.expectTrue == 0)
    }

    @Test func constantTensorLiteralsAreOneConstant() throws {
        let chunk = try compile("let a = [[1, 2], [3, -4]]")
        #expect(chunk.constants.contains(.tensorLiteral(elements: [.int(1), .int(2), .int(3), .int(-4)], shape: [2, 2])))
        #expect(!opcodes(chunk).contains(.newtensor))
    }

    @Test func compileErrorsAreAllReportedWithSpans() throws {
        do {
            _ = try compile("x = 1\ncontinue\nlet y = 123456789012345678901234")
            Issue.record("expected errors")
        } catch let list as DiagnosticList {
            #expect(list.diagnostics.map(\.kind) == [.nameError, .syntaxError, .overflowError])
            #expect(list.diagnostics.map { $0.span?.start.line } == [1, 2, 3])
        }
    }

    @Test func useExactIsRecorded() throws {
        #expect(try compile("use exact\nlet x = 1").exactMode)
        #expect(!(try compile("let x = 1").exactMode))
    }

    @Test func binaryOperandSpansAreKept() throws {
        let chunk = try compile("fn f(a, b) = a @ b")
        let function = try #require(chunk.prototypes.first)
        let pc = try #require(function.code.firstIndex { Instruction.opcode($0) == .matmul })
        #expect(function.operandSpans[pc]?.map(\.start.column) == [14, 18])
    }
}

@Suite struct DisassemblerTests {
    @Test func listingShowsFunctionsOpcodesAndConstants() throws {
        let chunk = try compile("fn add(a, b = 2) = a + b\nprint(add(1) * 1000000)")
        let text = Disassembler.listing(chunk)
        #expect(text.contains("function <script>()"))
        #expect(text.contains("function add(a, b=…)"))
        #expect(text.contains("DEFAULT"))
        #expect(text.contains("MULK"))
        #expect(text.contains("; 1000000"))
    }
}
