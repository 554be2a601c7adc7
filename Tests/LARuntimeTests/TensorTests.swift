import LASyntax
import Testing
@testable import LARuntime

/// Tensor behaviour that needs only the VM's own paths (creation of zeros, scalar indexing,
/// properties); the kernels' tests cover the rest.
@Suite struct TensorTests {
    @Test func scalarIndexingAndAssignment() throws {
        let source = """
        let A = zeros((2, 3))
        A[1, 2] = 5
        A[0, -1] = 7
        print(A[1, 2], A[0, 2], A[0, 0], A.shape, A.ndim, A.size, A.dtype, len(A))
        """
        #expect(try run(source) == "5.0 7.0 0.0 (2, 3) 2 6 f64 2\n")
    }

    @Test func tensorsHaveValueSemantics() throws {
        let source = """
        let a = zeros(3, dtype: i64)
        let b = a
        b[0] = 9
        fn poke(t) { t[1] = 4
          return t }
        let c = poke(a)
        print(a[0], b[0], a[1], c[1])
        """
        #expect(try run(source) == "0 9 0 4\n")
    }

    @Test func indexErrorsNameAxisIndexAndLength() throws {
        let diagnostic = failure("let A = zeros((2, 3))\nprint(A[1, 3])")
        #expect(diagnostic?.kind == .indexError)
        #expect(diagnostic?.message == "index 3 is out of bounds for axis 1 with size 3")
    }

    @Test func globalTensorWritesInALoop() throws {
        let source = """
        let C = zeros((4, 4))
        for i in range(4) { for j in range(4) { C[i, j] = C[i, j] + i * 4 + j } }
        let s = 0.0
        for i in range(4) { for j in range(4) { s += C[i, j] } }
        print(s)
        """
        #expect(try run(source) == "120.0\n")
    }
}
