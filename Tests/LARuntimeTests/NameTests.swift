import LASyntax
import Testing
@testable import LARuntime

@Suite struct NameTests {
    @Test func assigningAnUndeclaredNameIsACompileError() throws {
        let diagnostic = failure("print(\"never runs\")\nx = 5")
        #expect(diagnostic?.kind == .nameError)
        #expect(diagnostic?.message == "x is not declared; declare it with let")
        #expect(diagnostic?.span?.start.line == 2)
        #expect(failure("fn f() { y += 1 }")?.kind == .nameError)
    }

    @Test func everyCompileErrorIsReported() throws {
        do {
            _ = try run("a = 1\nprint(b)\nbreak")
            Issue.record("expected compile errors")
        } catch let list as DiagnosticList {
            #expect(list.diagnostics.map(\.kind) == [.nameError, .nameError, .syntaxError])
        }
    }

    @Test func shadowingInTheSameScope() throws {
        #expect(try run("let x = 1\nlet f = fn() = x\nlet x = x + 10\nprint(x, f())") == "11 11\n")
        #expect(try run("fn g() { let x = 1\n let h = fn() = x\n let x = 5\n return (x, h()) }\nprint(g())") == "(5, 1)\n")
    }

    @Test func blockScopes() throws {
        #expect(try run("let x = 1\nif true { let x = 2\n print(x) }\nprint(x)") == "2\n1\n")
        #expect(failure("if true { let y = 2 }\nprint(y)")?.kind == .nameError)
    }

    @Test func namesAreVisibleFromTheirDeclaration() throws {
        #expect(failure("print(later)\nlet later = 1")?.kind == .nameError)
        #expect(failure("fn f() = later\nf()\nlet later = 1")?.kind == .nameError)
        #expect(try run("fn f() = later\nlet later = 1\nprint(f())") == "1\n")
    }

    @Test func useExactOnlyFirst() throws {
        #expect(try run("use exact\nprint(1)") == "1\n")
        #expect(failure("print(1)\nuse exact")?.kind == .syntaxError)
        #expect(failure("use magic")?.kind == .syntaxError)
    }

    @Test func replStyleRunsShareGlobals() throws {
        let runtime = Runtime(options: RuntimeOptions(output: { _ in }))
        _ = try runtime.run(Parser.parse(SourceFile(name: "1", text: "let total = 40\nfn add(x) = total + x")))
        let value = try runtime.run(Parser.parse(SourceFile(name: "2", text: "add(2)")))
        #expect(value.printed == "42")
        #expect(runtime.global("total")?.printed == "40")
    }
}
