import LASyntax
import Testing
@testable import LACompiler

/// The `explain(expr)` form: which calls become a call of the hidden explain builtin.
@Suite struct ExplainFormTests {
    private func compile(_ source: String, withForm: Bool = true) throws -> Chunk {
        let globals = GlobalTable()
        let names = ["explain", "det", "print"] + (withForm ? [ExplainForm.builtinName] : [])
        for name in names { globals.define(name, isBuiltin: true) }
        return try Compiler.compile(Parser.parse(SourceFile(name: "t.la", text: source)), globals: globals)
    }

    /// The positional argument counts of the chunk's CALLs, in order.
    private func callArguments(_ chunk: Chunk) -> [Int] {
        chunk.code.filter { Instruction.opcode($0) == .call }.map(Instruction.b)
    }

    @Test func matmulPassesTheOperatorAndBothOperands() throws {
        let chunk = try compile("let A = [[1.0]]\nexplain(A @ A)")
        #expect(chunk.constants.contains(.string("@")))
        // operation, is-method flag, callee, two operands
        #expect(callArguments(chunk) == [5])
    }

    @Test func callsPassTheCalleeNameAndArguments() throws {
        let chunk = try compile("explain(det([[1.0]]))")
        #expect(chunk.constants.contains(.string("det")))
        #expect(callArguments(chunk) == [4])
        let method = try compile("let A = [[1.0]]\nexplain(A.det())")
        #expect(method.constants.contains(.string("det")))
        #expect(callArguments(method) == [4])
    }

    @Test func otherShapesAreOrdinaryCalls() throws {
        // explain(value) alone, or the inner call and then explain(value).
        #expect(callArguments(try compile("explain(1 + 2)")) == [1])
        #expect(callArguments(try compile("explain(det([[1.0]], k: 1))")) == [1, 1])
        #expect(callArguments(try compile("explain(det([[1.0]]))", withForm: false)) == [1, 1])
        let shadowed = try compile("fn f(explain) = explain(det([[1.0]]))")
        #expect(shadowed.prototypes.map(callArguments) == [[1, 1]])
        #expect(callArguments(try compile("let explain = print\nexplain(det([[1.0]]))")) == [1, 1])
    }
}
