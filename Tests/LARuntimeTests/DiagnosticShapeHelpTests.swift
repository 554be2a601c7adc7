import Testing
@testable import LARuntime

/// Shape errors name the operation and label every operand as written with its shape;
/// `= help:` suggests the transpose, keepdims, new axis or reshape that would fit.
@Suite struct DiagnosticShapeHelpTests {
    @Test func matmulRightTranspose() {
        let source = """
        let A = ones((2, 3))
        let B = ones((4, 3))
        let C = A @ B
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (4, 3), 3 ≠ 4
         --> test.la:3:11
          |
        3 | let C = A @ B
          |         - ^ - (4, 3)
          |         (2, 3)
          = help: B.T has shape (3, 4); A @ B.T would be (2, 4)

        """)
    }

    @Test func matmulLeftTranspose() {
        let source = """
        let A = ones((3, 2))
        let B = ones((3, 5))
        let C = A @ B
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (3, 2) @ (3, 5), 2 ≠ 3
         --> test.la:3:11
          |
        3 | let C = A @ B
          |         - ^ - (3, 5)
          |         (3, 2)
          = help: A.T has shape (2, 3); A.T @ B would be (2, 5)

        """)
    }

    @Test func matmulSwap() {
        let source = """
        let A = ones((2, 3))
        let B = ones((4, 2))
        let C = A @ B
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4
         --> test.la:3:11
          |
        3 | let C = A @ B
          |         - ^ - (4, 2)
          |         (2, 3)
          = help: the operands fit the other way round: B @ A would be (4, 3)

        """)
    }

    @Test func matmulParenthesisesExpression() {
        let source = """
        let x = ones((2, 3))
        let W = ones((3, 4))
        let y = (x @ W) @ (x @ W)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (2, 4) @ (2, 4), 4 ≠ 2
         --> test.la:3:17
          |
        3 | let y = (x @ W) @ (x @ W)
          |         ------- ^ ------- (2, 4)
          |         (2, 4)
          = help: (x @ W).T has shape (4, 2); (x @ W) @ (x @ W).T would be (2, 2)

        """)
    }

    @Test func matmulUndoesWrittenTranspose() {
        let source = """
        let x = ones((3, 4))
        let W = ones((3, 4))
        let y = x @ W.T @ W.T
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (3, 3) @ (4, 3), 3 ≠ 4
         --> test.la:3:17
          |
        3 | let y = x @ W.T @ W.T
          |         ------- ^ --- (4, 3)
          |         (3, 3)
          = help: W has shape (3, 4); (x @ W.T) @ W would be (3, 4)

        """)
    }

    @Test func matmulCallLabelsArguments() {
        let source = """
        let a = ones((2, 3))
        let b = ones((2, 3))
        let c = matmul(a, b)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (2, 3), 3 ≠ 2
         --> test.la:3:9
          |
        3 | let c = matmul(a, b)
          |         ^^^^^^ -  - (2, 3)
          |                (2, 3)
          = help: b.T has shape (3, 2); a @ b.T would be (2, 2)

        """)
    }

    @Test func dotMethodLabelsReceiver() {
        let source = """
        let a = ones((2, 3))
        let c = a.dot(a)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (2, 3), 3 ≠ 2
         --> test.la:2:11
          |
        2 | let c = a.dot(a)
          |         - ^^^ - (2, 3)
          |         (2, 3)
          = help: a.T has shape (3, 2); a @ a.T would be (2, 2)

        """)
    }

    @Test func broadcastMismatch() {
        let source = """
        let a = ones(3)
        let b = ones(4)
        let c = a + b
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: broadcast: shapes (3,) and (4,) disagree on axis -1: 3 ≠ 4
         --> test.la:3:11
          |
        3 | let c = a + b
          |         - ^ - (4,)
          |         (3,)

        """)
    }

    @Test func broadcastKeepdims() {
        let source = """
        let x = ones((3, 4))
        let y = x - mean(x, axis: 1)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: broadcast: shapes (3, 4) and (3,) disagree on axis -1: 4 ≠ 3
         --> test.la:2:11
          |
        2 | let y = x - mean(x, axis: 1)
          |         - ^ ---------------- (3,)
          |         (3, 4)
          = help: mean(x, axis: 1, keepdims: true) keeps the reduced axis: it has shape (3, 1), which broadcasts against (3, 4)

        """)
    }

    @Test func broadcastNewAxis() {
        let source = """
        let x = ones((4, 3))
        let v = ones(4)
        let y = x * v
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: broadcast: shapes (4, 3) and (4,) disagree on axis -1: 3 ≠ 4
         --> test.la:3:11
          |
        3 | let y = x * v
          |         - ^ - (4,)
          |         (4, 3)
          = help: v[:, nil] (or unsqueeze(v, 1)) has shape (4, 1), which broadcasts against (4, 3)

        """)
    }

    @Test func broadcastTranspose() {
        let source = """
        let a = ones((2, 3))
        let b = ones((3, 2))
        let c = a + b
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: broadcast: shapes (2, 3) and (3, 2) disagree on axis -2: 2 ≠ 3
         --> test.la:3:11
          |
        3 | let c = a + b
          |         - ^ - (3, 2)
          |         (2, 3)
          = help: b.T has shape (2, 3), the same as a

        """)
    }

    @Test func whereLabelsEveryArgument() {
        let source = """
        let c = where(ones(3) > 0, ones(4), ones(5))
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: broadcast: shapes (3,) and (4,) disagree on axis -1: 3 ≠ 4
         --> test.la:1:9
          |
        1 | let c = where(ones(3) > 0, ones(4), ones(5))
          |         ^^^^^ -----------  -------  ------- (5,)
          |                            (4,)
          |               (3,)

        """)
    }

    @Test func concatLabelsTupleOfTensors() {
        let source = """
        let a = ones((2, 3))
        let b = ones((3, 3))
        let c = concat((a, b), 1)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: concat: tensor 1 has shape (3, 3) but tensor 0 has shape (2, 3); shapes must match except on axis 1
         --> test.la:3:9
          |
        3 | let c = concat((a, b), 1)
          |         ^^^^^^ ------ (2, 3), (3, 3)

        """)
    }

    @Test func reshapeSuggestsMinusOne() {
        let source = """
        let a = ones((2, 3))
        let c = reshape(a, (4, 2))
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: cannot reshape a tensor of shape (2, 3) (6 elements) into shape (4, 2)
         --> test.la:2:9
          |
        2 | let c = reshape(a, (4, 2))
          |         ^^^^^^^ - (2, 3)
          = help: the 6 elements fit (3, 2); write -1 for the axis to be computed: (-1, 2)

        """)
    }

    @Test func reductionAxisOutOfRange() {
        let source = """
        let a = ones((2, 3))
        let s = a.sum(axis: 2)
        """
        #expect(renderedFailure(source) == """
        error[IndexError]: sum: axis 2 is out of bounds for a tensor of rank 2
         --> test.la:2:11
          |
        2 | let s = a.sum(axis: 2)
          |         - ^^^
          |         (2, 3)
          = help: valid axes are 0...1, or -2...-1 counting from the end

        """)
    }

    @Test func solveLabelsBothArguments() {
        let source = """
        let A = eye(3)
        let b = ones(4)
        let x = solve(A, b)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: solve: right-hand side (4,) does not fit the (3, 3) matrix; it needs shape (3,) or (3, k)
         --> test.la:3:9
          |
        3 | let x = solve(A, b)
          |         ^^^^^ -  - (4,)
          |               (3, 3)

        """)
    }

    @Test func nonRectangularLiteral() {
        let source = """
        let m = [[1, 2], [3, 4, 5]]
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: tensor literal is not rectangular: row 1 has shape (3,) but row 0 has (2,)
         --> test.la:1:18
          |
        1 | let m = [[1, 2], [3, 4, 5]]
          |          ------  ^^^^^^^^^ (3,)
          |          (2,)

        """)
    }

    @Test func compoundAssignmentPointsAtItsOperator() {
        let source = """
        let x = ones((3, 4))
        x += ones(3)
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: broadcast: shapes (3, 4) and (3,) disagree on axis -1: 4 ≠ 3
         --> test.la:2:3
          |
        2 | x += ones(3)
          | - ^^ ------- (3,)
          | (3, 4)
          = help: ones(3)[:, nil] (or unsqueeze(ones(3), 1)) has shape (3, 1), which broadcasts against (3, 4)

        """)
    }

    @Test func columnWhereAVectorWasMeantSuggestsReshape() {
        let source = """
        let X = ones((2, 3))
        let w = ones((3, 1))
        let y = X * w
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: broadcast: shapes (2, 3) and (3, 1) disagree on axis -2: 2 ≠ 3
         --> test.la:3:11
          |
        3 | let y = X * w
          |         - ^ - (3, 1)
          |         (2, 3)
          = help: reshape(w, (3,)) has shape (3,), which broadcasts against (2, 3)

        """)
    }

    @Test func indexedAssignmentLabelsTargetAndValue() {
        let source = """
        let A = zeros((2, 3))
        A[0] = [1, 2]
        """
        #expect(renderedFailure(source) == """
        error[ShapeError]: could not broadcast a value of shape (2,) into the indexed shape (3,)
         --> test.la:2:1
          |
        2 | A[0] = [1, 2]
          | ^^^^   ------ (2,)
          | (3,)

        """)
    }
}
