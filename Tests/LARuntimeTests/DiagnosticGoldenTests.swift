import Testing
@testable import LARuntime

/// The full text la prints for each error kind of SPEC §7 (rendered without colour).
@Suite struct DiagnosticGoldenTests {
    @Test func syntaxError() {
        let source = """
        let x = (1 + 2
        print(x
        """
        #expect(renderedFailure(source) == """
        error[SyntaxError]: expected ')' to close '(' at 1:9
         --> test.la:2:1
          |
        2 | print(x
          | ^^^^^

        """)
    }

    @Test func nameError() {
        let source = """
        let total = 0
        print(totl)
        """
        #expect(renderedFailure(source) == """
        error[NameError]: totl is not declared
         --> test.la:2:7
          |
        2 | print(totl)
          |       ^^^^
          = help: did you mean `total`?

        """)
    }

    @Test func typeError() {
        let source = """
        let s = "n = " + 3
        """
        #expect(renderedFailure(source) == """
        error[TypeError]: unsupported operand types for +: string and int
         --> test.la:1:16
          |
        1 | let s = "n = " + 3
          |         ------ ^ - int
          |         string
          = help: to join text and a value, convert it with str(...) or interpolate: "n = \\(n)"

        """)
    }

    @Test func indexError() {
        let source = """
        let x = zeros((3, 4))
        print(x[5, 0])
        """
        #expect(renderedFailure(source) == """
        error[IndexError]: index 5 is out of bounds for axis 0 with size 3
         --> test.la:2:7
          |
        2 | print(x[5, 0])
          |       ^^^^^^^
          = help: valid indices for axis 0 are 0...2, or -3...-1 counting from the end

        """)
    }

    @Test func valueError() {
        let source = """
        error("learning rate must be positive")
        """
        #expect(renderedFailure(source) == """
        error[ValueError]: learning rate must be positive
         --> test.la:1:1
          |
        1 | error("learning rate must be positive")
          | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

        """)
    }

    @Test func zeroDivisionError() {
        let source = """
        let n = 0
        print(7 // n)
        """
        #expect(renderedFailure(source) == """
        error[ZeroDivisionError]: integer division by zero: 7 // 0
         --> test.la:2:9
          |
        2 | print(7 // n)
          |         ^^

        """)
    }

    @Test func overflowError() {
        let source = """
        let big = 9223372036854775807
        print(big + 1)
        """
        #expect(renderedFailure(source) == """
        error[OverflowError]: integer overflow: 9223372036854775807 + 1 does not fit in 64 bits
         --> test.la:2:11
          |
        2 | print(big + 1)
          |           ^
          = help: use floats (e.g. 9223372036854775807.0) for values this large

        """)
    }

    @Test func recursionError() {
        let source = """
        fn f(n) = f(n + 1)
        f(0)
        """
        #expect(renderedFailure(source, recursionLimit: 100) == """
        error[RecursionError]: maximum recursion depth 100 exceeded
         --> test.la:1:11
          |
        1 | fn f(n) = f(n + 1)
          |           ^^^^^^^^
          in fn f at test.la:1
          in fn f at test.la:1
          in fn f at test.la:1
          [the line above repeated 95 more times]
          in fn f at test.la:2

        """)
    }

    @Test func assertionError() {
        let source = """
        let x = 3
        assert x == 4, "x should be 4"
        """
        #expect(renderedFailure(source) == """
        error[AssertionError]: x should be 4 (left: 3, right: 4)
         --> test.la:2:1
          |
        2 | assert x == 4, "x should be 4"
          | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

        """)
    }

    @Test func shapeErrorInFunction() {
        let source = """
        fn layer(x, W) = x @ W
        let x = ones((2, 3))
        let W = ones((4, 3))
        layer(x, W)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (4, 3), 3 ≠ 4
         --> test.la:1:20
          |
        1 | fn layer(x, W) = x @ W
          |                  - ^ - (4, 3)
          |                  (2, 3)
          = help: W.T has shape (3, 4); x @ W.T would be (2, 4)
          in fn layer at test.la:4

        """)
    }

    @Test func nameErrorSuggestsTheClosestVisibleName() {
        #expect(failure("fn f(alpha) = alpah * 2\nf(1)")?.help == ["did you mean `alpha`?"])
        #expect(failure("print(sqr(4))")?.help == ["did you mean `sqrt`?"])
        #expect(failure("let count = 0\ncuont = 2")?.help == ["did you mean `count`?", "write `let cuont = ...` to declare it"])
        #expect(failure("print(xyzzy)")?.help == [])
    }

    @Test func limitError() {
        let source = """
        let i = 0
        while true { i += 1 }
        """
        // The loop is stopped where it was about to test its condition again.
        let text = renderedFailure(source, stepBudget: 10_000)
        #expect(text?.hasPrefix("error[LimitError]: step budget of 10000 ") == true)
        #expect(text?.hasSuffix("""
         --> test.la:2:7
          |
        2 | while true { i += 1 }
          |       ^^^^

        """) == true)
    }

    @Test func ioError() {
        #expect(renderedFailure("let t = read_text(\"data.txt\")") == """
        error[IOError]: read_text(): file access is not allowed here (the host granted no directory)
         --> test.la:1:9
          |
        1 | let t = read_text("data.txt")
          |         ^^^^^^^^^^^^^^^^^^^^^

        """)
    }
}
