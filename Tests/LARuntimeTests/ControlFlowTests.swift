import LASyntax
import Testing
@testable import LARuntime

@Suite struct ControlFlowTests {
    @Test func ifElseIfElse() throws {
        let source = """
        fn grade(x) {
          if x >= 90 { return "A" } else if x >= 80 { return "B" } else { return "C" }
        }
        print(grade(95), grade(85), grade(10))
        """
        #expect(try run(source) == "A B C\n")
    }

    @Test func whileLoopSums() throws {
        #expect(try run("let i = 0\nlet s = 0\nwhile i < 100 { s += i * i\n i += 1 }\nprint(s)") == "328350\n")
    }

    @Test func forOverRangeForms() throws {
        let source = """
        let out = ()
        for i in range(3) { out = out + (i,) }
        for i in range(5, 8) { out = out + (i,) }
        for i in range(10, 0, -4) { out = out + (i,) }
        for i in range(0) { out = out + ("never",) }
        print(out)
        """
        #expect(try run(source) == "(0, 1, 2, 5, 6, 7, 10, 6, 2)\n")
    }

    @Test func forOverTupleStringAndRangeValue() throws {
        let source = """
        let total = 0
        for x in (1, 2, 3) { total += x }
        let r = range(4)
        for x in r { total += x }
        let letters = ""
        for c in "héllo" { letters = c + letters }
        print(total, letters, len(r), r)
        """
        #expect(try run(source) == "12 olléh 4 range(0, 4)\n")
    }

    @Test func breakAndContinue() throws {
        let source = """
        let found = ()
        for i in range(100) {
          if i % 2 == 0 { continue }
          if i > 9 { break }
          found = found + (i,)
        }
        let j = 0
        while true { j += 1
          if j == 5 { break } }
        print(found, j)
        """
        #expect(try run(source) == "(1, 3, 5, 7, 9) 5\n")
    }

    @Test func andOrShortCircuit() throws {
        let source = """
        fn boom() { error("evaluated") }
        print(false and boom(), true or boom(), true and not false, false or false)
        """
        #expect(try run(source) == "false true true false\n")
    }

    @Test func comparisonsInConditions() throws {
        let source = """
        let hits = ()
        for i in range(10) {
          if i < 3 or i >= 8 { hits = hits + (i,) }
          if not (i != 5) and 2.5 > 1 { hits = hits + ("five",) }
        }
        let n = 0
        while not (n == 4) { n += 1 }
        print(hits, n)
        """
        #expect(try run(source) == "(0, 1, 2, \"five\", 8, 9) 4\n")
    }

    @Test func truthinessIsStrict() throws {
        let diagnostic = failure("if 1 { print(1) }")
        #expect(diagnostic?.kind == .typeError)
        let tensor = failure("let t = zeros(3)\nif t { print(1) }")
        #expect(tensor?.kind == .typeError)
        #expect(tensor?.message.contains("any()") == true)
    }

    @Test func assertReportsMessageAndValues() throws {
        #expect(try run("assert 1 + 1 == 2, \"math\"\nprint(\"fine\")") == "fine\n")
        let diagnostic = failure("let x = 3\nassert x == 4, \"x is four\"")
        #expect(diagnostic?.kind == .assertionError)
        #expect(diagnostic?.message == "x is four (left: 3, right: 4)")
        #expect(failure("assert false")?.message == "assertion failed")
    }

    @Test func finalExpressionIsTheResult() throws {
        let (_, value) = try runWithResult("let x = 20\nx * 2 + 2")
        guard case .int(42) = value else {
            Issue.record("expected 42, got \(value.printed)")
            return
        }
    }

    @Test func stepBudgetStopsInfiniteLoops() throws {
        let diagnostic = failure("while true { }", stepBudget: 100_000)
        #expect(diagnostic?.kind == .limitError)
    }
}
