import LASyntax
import Testing
@testable import LARuntime

@Suite struct ShapeAnnotationTests {
    let layer = """
    fn layer(x: [n, d], w: [d, e]) -> [n, e] {
      print(n, d, e)
      return zeros((n, e))
    }

    """

    @Test func dimensionNamesBindAsInts() throws {
        #expect(try run(layer + "let y = layer(zeros((2, 3)), zeros((3, 4)))\nprint(y.shape)") == "2 3 4\n(2, 4)\n")
    }

    @Test func mismatchNamesArgumentAxisAndOrigin() throws {
        let diagnostic = failure(layer + "layer(zeros((2, 3)), zeros((5, 4)))")
        #expect(diagnostic?.kind == .shapeError)
        #expect(diagnostic?.message == "layer(): w has shape (5, 4), which does not match [d, e] at axis 0: d = 5 here, but d = 3 from x: [n, d]")
    }

    @Test func mismatchPointsAtTheCallArgumentWithTheAnnotationInANote() throws {
        // Line 5 of the source: `layer(zeros((2, 3)), zeros((5, 4)))`; the second argument starts at column 22.
        let positional = failure(layer + "layer(zeros((2, 3)), zeros((5, 4)))")
        #expect(positional?.span?.start.line == 5 && positional?.span?.start.column == 22)
        #expect(positional?.notes == ["w: [d, e] is declared at test.la:1:24"])
        #expect(positional?.stack.allSatisfy { $0.function != "layer" } == true, "the error now sits at the call")
        // A named argument, from inside another function: its span is the whole `w: ...` argument.
        let named = failure(layer + "fn outer() = layer(w: zeros((5, 4)), x: zeros((2, 3)))\nouter()")
        #expect(named?.span?.start.line == 5 && named?.span?.start.column == 20)
        #expect(named?.stack.first?.function == "outer")
        // The result's annotation stays where it is written: the function body produced it.
        let result = failure("fn bad(x: [n]) -> [n] { return zeros(n + 1) }\nbad(zeros(2))")
        #expect(result?.span?.start.line == 1 && result?.notes.isEmpty == true)
    }

    @Test func rankExactSizesEllipsisAndResult() throws {
        #expect(failure(layer + "layer(zeros(3), zeros((3, 4)))")?.message == "layer(): x has shape (3,), but [n, d] needs 2 axes")
        let source = """
        fn last(x: [..., 3]) = x.shape
        fn bad(x: [n]) -> [n] { return zeros(n + 1) }
        print(last(zeros((2, 5, 3))), last(zeros(3)))
        """
        #expect(try run(source) == "(2, 5, 3) (3,)\n")
        #expect(failure("fn last(x: [..., 3]) = x\nlast(zeros((3, 2)))")?.kind == .shapeError)
        #expect(failure("fn bad(x: [n]) -> [n] { return zeros(n + 1) }\nbad(zeros(2))")?.message
                == "bad(): result has shape (3,), which does not match [n] at axis 0: n = 3 here, but n = 2 from x: [n]")
        #expect(failure("fn f(x: [n]) = n\nf(\"s\")")?.kind == .typeError)
    }
}
