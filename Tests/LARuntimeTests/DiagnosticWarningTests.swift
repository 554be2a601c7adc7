import LASyntax
import Testing
@testable import LARuntime

/// The warning for a broadcast that silently builds an n×n table: its text, that it is
/// reported once per source location, and that ordinary broadcasts stay quiet.
@Suite struct DiagnosticWarningTests {
    @Test func vectorAgainstColumnWarnsOncePerLocation() throws {
        let source = """
        let a = ones(3)
        let b = ones((3, 1))
        for i in range(4) { let c = a + b }
        print((b * a).shape)
        """
        let run = try renderedWarnings(source)
        #expect(run.output == "(3, 3)\n")
        #expect(run.warnings == [
            """
            warning: broadcasting (3,) with (3, 1) gives a (3, 3) result
             --> test.la:3:31
              |
            3 | for i in range(4) { let c = a + b }
              |                             - ^ - (3, 1)
              |                             (3,)
              = help: for an element-wise result make the shapes equal: a[:, nil] has shape (3, 1), or reshape(b, (3,)) has shape (3,)
              = help: if the (3, 3) table is intended, `la --no-warn` silences this warning

            """,
            """
            warning: broadcasting (3, 1) with (3,) gives a (3, 3) result
             --> test.la:4:10
              |
            4 | print((b * a).shape)
              |        - ^ - (3,)
              |        (3, 1)
              = help: for an element-wise result make the shapes equal: a[:, nil] has shape (3, 1), or reshape(b, (3,)) has shape (3,)
              = help: if the (3, 3) table is intended, `la --no-warn` silences this warning

            """,
        ])
    }

    @Test func rowAgainstColumnSuggestsTranspose() throws {
        let run = try renderedWarnings("let r = ones((1, 2))\nlet c = ones((2, 1))\nlet d = c - r")
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.hasPrefix("warning: broadcasting (2, 1) with (1, 2) gives a (2, 2) result\n") == true)
        #expect(run.warnings.first?.contains("= help: for an element-wise result make the shapes equal: r.T has shape (2, 1)") == true)
    }

    @Test func ordinaryBroadcastsAndOuterTablesOfOtherSizesAreQuiet() throws {
        let source = """
        let x = ones((3, 4))
        let y = x - mean(x, axis: 1, keepdims: true) + ones(4) * 2
        let t = ones(3)[:, nil] * ones(5)
        let one = ones(1) + ones((1, 1))
        print(y.shape, t.shape, one.shape)
        """
        let run = try renderedWarnings(source)
        #expect(run.output == "(3, 4) (3, 5) (1, 1)\n")
        #expect(run.warnings.isEmpty)
    }

    @Test func warningsAreDiscardedByDefault() throws {
        // The default sink is silent: the run neither fails nor prints anything extra.
        #expect(try run("let a = ones(2) + ones((2, 1))\nprint(a.shape)") == "(2, 2)\n")
    }

    @Test func outerPairRecognisesOnlySameLengthVectorAndColumn() {
        #expect(ShapeHelp.isOuterPair([3], [3, 1]))
        #expect(ShapeHelp.isOuterPair([3, 1], [1, 3]))
        #expect(!ShapeHelp.isOuterPair([3], [4, 1]))
        #expect(!ShapeHelp.isOuterPair([1], [1, 1]))
        #expect(!ShapeHelp.isOuterPair([3, 1], [3, 1]))
    }

    @Test func operandTextsAreParenthesisedUnlessOneTerm() {
        #expect(ShapeHelp.transposed("W") == "W.T")
        #expect(ShapeHelp.transposed("W.T") == "W")
        #expect(ShapeHelp.transposed("x @ W") == "(x @ W).T")
        #expect(ShapeHelp.transposed("(x @ W)") == "(x @ W).T")
        #expect(ShapeHelp.transposed("f(x)[0]") == "f(x)[0].T")
        #expect(ShapeHelp.grouped("-x") == "(-x)")
        #expect(ShapeHelp.grouped("(a) + (b)") == "((a) + (b))")
    }
}
