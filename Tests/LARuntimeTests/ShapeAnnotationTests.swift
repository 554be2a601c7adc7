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
