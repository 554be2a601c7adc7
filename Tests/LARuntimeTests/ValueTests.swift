import LASyntax
import Testing
@testable import LARuntime

@Suite struct ValueTests {
    @Test func integerArithmetic() throws {
        #expect(try run("print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1, 7 / 2, 6 / 3)") == "3 -4 1 2 -2 1024 0.5 3.5 2.0\n")
        #expect(try run("print(1 + 0.5, 2 * 1.5, 3 - 0.5, (-2) ** 2, -2 ** 2)") == "1.5 3.0 2.5 4 -4\n")
    }

    @Test func overflowAndZeroDivision() throws {
        #expect(failure("print(9223372036854775807 + 1)")?.kind == .overflowError)
        #expect(failure("print(3037000500 * 3037000500)")?.kind == .overflowError)
        #expect(failure("print(2 ** 64)")?.kind == .overflowError)
        #expect(failure("print(-(-9223372036854775807 - 1))")?.kind == .overflowError)
        #expect(failure("let x = 99999999999999999999")?.kind == .overflowError)
        #expect(try run("print(-9223372036854775808)") == "-9223372036854775808\n")
        #expect(failure("print(1 // 0)")?.kind == .zeroDivisionError)
        #expect(failure("print(1 % 0)")?.kind == .zeroDivisionError)
        #expect(try run("print(1 / 0, -1.0 / 0)") == "inf -inf\n")
    }

    @Test func comparisonsAndEquality() throws {
        #expect(try run("print(1 < 2, 2 <= 1.5, \"a\" < \"b\", (1, 2) == (1, 2), nil == nil, 1 == \"1\", 1 == 1.0)") == "true false true true true false true\n")
        #expect(failure("print(1 < \"a\")")?.kind == .typeError)
    }

    @Test func stringsConcatenateAndInterpolate() throws {
        #expect(try run("let n = 3\nprint(\"a\" + \"b\", \"n = \\(n), n² = \\(n * n), t = \\((1, \"x\"))\")") == "ab n = 3, n² = 9, t = (1, \"x\")\n")
        #expect(try run("print(\"héllo\"[1], \"abcdef\"[1:4], \"abc\"[-1])") == "é bcd c\n")
    }

    @Test func tuplesIndexSliceAndConcatenate() throws {
        #expect(try run("let t = (1, 2, 3) + (4,)\nprint(t, t[0], t[-1], t[1:3], len(t), (5,), ())") == "(1, 2, 3, 4) 1 4 (2, 3) 4 (5,) ()\n")
        #expect(failure("let t = (1, 2)\nprint(t[2])")?.kind == .indexError)
        #expect(failure("let t = (1, 2)\nt[0] = 5")?.kind == .typeError)
    }

    @Test func destructuring() throws {
        #expect(try run("let (a, b, c) = (1, \"two\", 3.0)\nprint(c, b, a)") == "3.0 two 1\n")
        #expect(failure("let (a, b) = (1, 2, 3)")?.kind == .valueError)
        #expect(try run("fn f() { let (x, y) = (2, 3)\n return x * y }\nprint(f())") == "6\n")
    }

    @Test func recordsHaveValueSemantics() throws {
        let source = """
        let r = {lr: 0.1, steps: 10}
        let s = r
        s.lr = 0.5
        s["steps"] += 5
        r.extra = "new"
        print(r, s, r.lr, r["steps"])
        fn bump(config) { config.steps = 99
          return config }
        let t = bump(r)
        print(r.steps, t.steps)
        """
        #expect(try run(source) == "{lr: 0.1, steps: 10, extra: \"new\"} {lr: 0.5, steps: 15} 0.1 10\n10 99\n")
        #expect(failure("let r = {a: 1}\nprint(r.b)")?.kind == .nameError)
    }

    @Test func nestedMemberAssignment() throws {
        #expect(try run("let m = {inner: {x: 1}}\nm.inner.x = 7\nm.inner.x += 1\nprint(m)") == "{inner: {x: 8}}\n")
    }

    @Test func typesAndConversions() throws {
        let source = """
        print(type(nil), type(true), type(1), type(1.5), type("s"), type((1,)), type({a: 1}), type(print), type(fn() = 1), type(f64))
        print(int(3.9), int(-3.9), int("42"), float(2), float("1.5"), str(12) + "!", repr("q"), f32)
        """
        #expect(try run(source) == "nil bool int float string tuple record function function dtype\n3 -3 42 2.0 1.5 12! \"q\" f32\n")
        #expect(failure("int(\"x\")")?.kind == .valueError)
        #expect(failure("error(\"custom\")")?.message == "custom")
    }

    @Test func printFormatsNestedValues() throws {
        #expect(try run("print(\"raw\", (\"quoted\", nil, true), {s: \"q\\n\"}, print)") == "raw (\"quoted\", nil, true) {s: \"q\\n\"} <fn print>\n")
        #expect(try run("fn named() = 1\nprint(named, time() >= 0.0, args)") == "<fn named> true ()\n")
    }
}
