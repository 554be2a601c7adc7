import Testing
@testable import LAKernels

@Suite struct LinalgRREFTests {
    let context = KernelContext(threads: 1)

    private func isClose(_ actual: [Double], _ expected: [Double]) -> Bool {
        actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) < 1e-12 }
    }

    @Test func singularMatrixLosesItsLastRow() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6, 7, 8, 9] as [Int64], shape: [3, 3])
        let form = try Linalg.rref(a, context: context)
        #expect(form.dtype == .f64)
        #expect(form.shape == [3, 3])
        #expect(isClose(form.toDoubles(), [1, 0, -1, 0, 1, 2, 0, 0, 0]))
        #expect(form.toDoubles().suffix(3) == [0, 0, 0])
    }

    @Test func fullRankSquareMatrixReducesToIdentity() throws {
        let a = try LinalgTestData.wellConditioned(7, seed: 3)
        let form = try Linalg.rref(a, context: context)
        #expect(GEMMTestData.maxRelativeError(form.toDoubles(), LinalgTestData.identity(7)) < 1e-12)
    }

    @Test func wideMatrixSkipsAColumnWithoutPivot() throws {
        // Column 2 is twice column 1, so the pivots are in columns 1, 3 (1-based).
        let a = try Tensor([1, 2, 1, 4, 2, 4, 3, 10] as [Double], shape: [2, 4])
        #expect(isClose(try Linalg.rref(a, context: context).toDoubles(), [1, 2, 0, 2, 0, 0, 1, 2]))
    }

    @Test func keepsFloat32() throws {
        let a = try Tensor([2, 4, 1, 3] as [Double], shape: [2, 2], dtype: .f32)
        let form = try Linalg.rref(a, context: context)
        #expect(form.dtype == .f32)
        #expect(form.toDoubles() == [1, 0, 0, 1])
    }

    @Test func rejectsNonMatricesAndNonFiniteEntries() throws {
        #expect(throws: KernelError.self) { try Linalg.rref(try Tensor([1, 2, 3] as [Double], shape: [3]), context: context) }
        #expect(throws: KernelError.self) {
            try Linalg.rref(try Tensor([1, .nan, 3, 4] as [Double], shape: [2, 2]), context: context)
        }
    }
}

@Suite struct EliminationTests {
    /// The steps as compact text, 0-based: "swap 0 1", "divide 0 by 2.0", "2 -= 3.0 * 0".
    private func record(_ rows: [[Double]], reduced: Bool, pivoting: PivotChoice) throws -> (Elimination<Double>, [String]) {
        var elimination = try Elimination(floatRows: rows)
        var steps: [String] = []
        elimination.run(pivotLimit: rows.count, reduced: reduced, pivoting: pivoting) { step, _ in
            switch step {
            case let .swap(a, b): steps.append("swap \(a) \(b)")
            case let .divide(row, pivot): steps.append("divide \(row) by \(pivot)")
            case let .subtractMultiple(target, source, factor): steps.append("\(target) -= \(factor) * \(source)")
            }
        }
        return (elimination, steps)
    }

    @Test func firstNonzeroPivotingSwapsOnlyForAZeroPivot() throws {
        let (elimination, steps) = try record([[0, 1, 2], [1, 0, 3], [4, -3, 8]], reduced: false, pivoting: .firstNonzero)
        #expect(steps == ["swap 0 1", "2 -= 4.0 * 0", "2 -= -3.0 * 1"])
        #expect(elimination.swapCount == 1)
        #expect(elimination.rows == [[1, 0, 3], [0, 1, 2], [0, 0, 2]])
    }

    @Test func partialPivotingTakesTheLargestEntry() throws {
        let (elimination, steps) = try record([[1, 2], [3, 4]], reduced: false, pivoting: .largest)
        #expect(steps.first == "swap 0 1")
        #expect(elimination.rows[0] == [3, 4])
    }

    @Test func gaussJordanDividesPivotsAndClearsAbove() throws {
        let (elimination, steps) = try record([[2, 1], [1, 3]], reduced: true, pivoting: .firstNonzero)
        #expect(steps == ["divide 0 by 2.0", "1 -= 1.0 * 0", "divide 1 by 2.5", "0 -= 0.5 * 1"])
        #expect(elimination.rows == [[1, 0], [0, 1]])
        #expect(elimination.pivotColumns == [0, 1])
    }

    @Test func roundOffBelowTheToleranceIsZero() throws {
        // 0.1 + 0.2 - 0.3 is 5.6e-17 in floats: the matrix is singular and has one pivot.
        let (elimination, _) = try record([[0.1, 0.3], [1, 3]], reduced: true, pivoting: .firstNonzero)
        #expect(elimination.pivotColumns == [0])
        #expect(elimination.rows[1] == [0, 0])
    }

    @Test func raggedRowsAreAShapeError() {
        #expect(throws: KernelError.self) { try Elimination(floatRows: [[1, 2], [3]]) }
    }
}
