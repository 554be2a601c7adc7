import LASyntax
import Testing
@testable import LARuntime

/// The `explain(expr)` form: what the compiler passes, what the runtime prints and returns.
@Suite struct ExplainTests {
    @Test func matmulGoldenAndReturnedValue() throws {
        let (output, value) = try runWithResult("""
        let C = explain([[1, 2, 3], [4, 5, 6]] @ [[7, 8], [9, 10], [11, 12]])
        C[1, 0]
        """)
        #expect(output == """
        A (2, 3) @ B (3, 2) -> C (2, 2): each C[i,j] is row i of A · column j of B
        C[0,0] = (1×7) + (2×9) + (3×11) = 7 + 18 + 33 = 58
        C[0,1] = (1×8) + (2×10) + (3×12) = 8 + 20 + 36 = 64
        C[1,0] = (4×7) + (5×9) + (6×11) = 28 + 45 + 66 = 139
        C[1,1] = (4×8) + (5×10) + (6×12) = 32 + 50 + 72 = 154
        C =
        [[ 58  64]
         [139 154]]

        """)
        #expect(value.printed == "139")
    }

    @Test func dotOfVectorsIsOneLine() throws {
        #expect(try run("print(explain(dot([1, 2, 3], [4, 5, 6])) + 1)") == """
        a (3,) · b (3,): the sum of the products of matching entries
        a · b = (1×4) + (2×5) + (3×6) = 4 + 10 + 18 = 32
        33

        """)
    }

    @Test func methodSyntaxAndRecordFieldsReachTheSameExplanation() throws {
        let direct = try run("explain(det([[2.0, 1.0], [4.0, 3.0]]))")
        #expect(direct.hasSuffix("det(A) = (2.0 × 1.0) = 2.0\n"))
        #expect(try run("let A = [[2.0, 1.0], [4.0, 3.0]]\nexplain(A.det())") == direct)
        #expect(try run("let ops = {det: det}\nexplain(ops.det([[2.0, 1.0], [4.0, 3.0]]))") == direct)
    }

    @Test func aUserFunctionNamedSoftmaxIsCalledForTheResult() throws {
        let output = try run("""
        fn softmax(x) = x * 0
        print(sum(explain(softmax([0.0, 0.0]))))
        """)
        #expect(output == """
        softmax(x)[i] = e^(x[i] - max) / Σ_j e^(x[j] - max)
        max = 0.0
        Σ = e^0.0 + e^0.0 = 1.0 + 1.0 = 2.0
        [0] e^(0.0 - 0.0) = 1.0 → 1.0 / 2.0 = 0.5
        [1] e^(0.0 - 0.0) = 1.0 → 1.0 / 2.0 = 0.5
        softmax(x) = [0. 0.]
        0.0

        """)
    }

    @Test func aShadowedExplainIsAnOrdinaryFunction() throws {
        #expect(try run("""
        fn g() {
          let explain = fn(v) = v * 2
          return explain([1, 2] @ [3, 4])
        }
        print(g())
        """) == "22\n")
        #expect(try run("let explain = fn(v) = v + 1\nprint(explain([1, 2] @ [3, 4]))") == "12\n")
    }

    @Test func otherShapesShowTheirValue() throws {
        let nothing = "explain: nothing to explain for this expression; showing its value\n"
        #expect(try run("print(explain(1 + 2) * 10)") == nothing + "3\n30\n")
        #expect(try run("explain(sum([[1, 2], [3, 4]], axis: 0))") == nothing + "[4 6]\n")
        #expect(try run("explain(abs(-2))") == nothing + "2\n")
        #expect(try run("explain(det([[0.0 / 0.0, 1.0], [1.0, 1.0]]))") == nothing + "nan\n")
        #expect(try run("explain(dot(zeros((0,)), zeros((0,))))").hasSuffix("a · b = 0 (an empty sum)\n"))
    }

    @Test func aFailingOperationRaisesItsOwnError() {
        #expect(failure("explain([[1, 2]] @ [[1, 2]])")?.kind == .shapeError)
        #expect(failure("explain(inv([[1.0, 2.0], [2.0, 4.0]]))")?.kind == .valueError)
        #expect(failure("explain([1.0].nosuch())")?.kind == .nameError)
    }

    @Test func largeEliminationsAreCounted() throws {
        let output = try run("explain(rref(eye(7) * 2.0))")
        #expect(output.contains("(7 row operations on a 7×7 matrix, not shown)\n"))
        #expect(!output.contains("R1 ←"))
        #expect(output.contains("pivot columns: 1, 2, 3, 4, 5, 6, 7\n"))
        let det = try run("explain(det(eye(8)[[1, 0, 2, 3, 4, 5, 6, 7]] * 2.0))")
        #expect(det.hasSuffix("(1 row operation on a 8×8 matrix, not shown)\n1 row swap, 8 pivots\ndet(A) = -(product of the pivots) = -256.0\n"))
    }

    @Test func elementsAreFormattedLikeLaScalars() throws {
        #expect(try run("explain([0.1, -2] @ [3, 1e-5])").contains("a · b = (0.1×3.0) + ((-2.0)×1e-05) = 0.30000000000000004 + (-2e-05) = 0.29998\n"))
    }

    @Test func float32ElementsKeepSinglePrecisionDigits() throws {
        let output = try run("explain(tensor([0.1, 0.2], dtype: f32) @ tensor([[1.0], [3.0]], dtype: f32))")
        #expect(output.contains("c[0] = (0.1×1.0) + (0.2×3.0) = 0.1 + 0.6 = 0.70000005\n"))
    }

    @Test func largeSoftmaxAndCosineAreSummarised() throws {
        let softmax = try run("fn softmax(x) = x\nexplain(softmax(zeros((10,))))")
        #expect(softmax.contains("Σ = e^0.0 + e^0.0 + e^0.0 + ... + e^0.0 = 1.0 + 1.0 + 1.0 + ... + 1.0 = 10.0\n"))
        #expect(softmax.contains("[0] e^(0.0 - 0.0) = 1.0 → 1.0 / 10.0 = 0.1\n... (9 more entries)\n"))
        let cosine = try run("fn cosine_similarity(a, b) = 0\nexplain(cosine_similarity(ones((9,)), ones((9,))))")
        #expect(cosine.contains("‖a‖ = √(1.0² + 1.0² + 1.0² + ... + 1.0²) = √(1.0 + 1.0 + 1.0 + ... + 1.0) = √9.0 = 3.0\n"))
    }
}
