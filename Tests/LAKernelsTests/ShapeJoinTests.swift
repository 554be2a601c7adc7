import Testing
@testable import LAKernels

@Suite struct ShapeJoinTests {
    let context = KernelContext(threads: 1)

    @Test func concatMatchesReference() throws {
        var data = TestData(seed: 6)
        for _ in 0..<200 {
            var shape = data.shape(maxRank: 3)
            if shape.isEmpty { shape = [data.int(0...3)] }
            let axis = data.int(0...(shape.count - 1))
            var parts: [Tensor] = []
            for _ in 0..<data.int(1...4) {
                var partShape = shape
                partShape[axis] = data.pick([0, 1, 2, 5])
                let part = try data.tensor(partShape, dtype: data.pick(DType.allCases))
                parts.append(data.bool() ? try data.stridedCopy(of: part, context: context) : part)
            }
            let spelledAxis = data.bool() ? axis - shape.count : axis
            let result = try Tensor.concat(parts, axis: spelledAxis, context: context)
            // Reference: walk the result and find which part each element comes from.
            var expectedShape = shape
            expectedShape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
            let partValues = parts.map { $0.toDoubles() }
            let expected = multiIndices(expectedShape).map { index -> Double in
                var position = index
                for (k, part) in parts.enumerated() {
                    if position[axis] < part.shape[axis] {
                        let v = partValues[k][flatPosition(position, in: part.shape)]
                        return result.dtype == .bool ? (v != 0 ? 1 : 0) : v
                    }
                    position[axis] -= part.shape[axis]
                }
                return .nan
            }
            let widest = parts.map(\.dtype.rawValue).max()
            #expect(result.dtype.rawValue == widest)
            #expect(result.shape == expectedShape)
            #expect(result.toDoubles() == expected)
        }
    }

    @Test func stackAddsAnAxis() throws {
        let a = try Tensor([1, 2, 3] as [Int64], shape: [3])
        let b = try Tensor([4, 5, 6] as [Double], shape: [3])
        let rows = try Tensor.stack([a, b], axis: 0, context: context)
        #expect(rows.shape == [2, 3])
        #expect(rows.dtype == .f64)
        #expect(rows.toDoubles() == [1, 2, 3, 4, 5, 6])
        let columns = try Tensor.stack([a, b], axis: -1, context: context)
        #expect(columns.shape == [3, 2])
        #expect(columns.toDoubles() == [1, 4, 2, 5, 3, 6])
        let scalars = try Tensor.stack([try Tensor([true], shape: []), try Tensor([false], shape: [])], axis: 0, context: context)
        #expect(scalars.shape == [2])
        #expect(scalars.toBools() == [true, false])
        #expect(throws: KernelError.self) { try Tensor.stack([a, b], axis: 2, context: context) }
    }

    @Test func joinErrorsNameTheOffendingTensor() throws {
        let a = try Tensor(zeros: [2, 3], dtype: .f64)
        let b = try Tensor(zeros: [2, 4], dtype: .f64)
        #expect(throws: KernelError(.shape,
                                    "concat: tensor 1 has shape (2, 4) but tensor 0 has shape (2, 3); shapes must match except on axis 0",
                                    operandShapes: [[2, 3], [2, 4]], axis: 0)) {
            try Tensor.concat([a, b], axis: 0, context: context)
        }
        #expect(try Tensor.concat([a, b], axis: 1, context: context).shape == [2, 7])
        #expect(throws: KernelError.self) { try Tensor.concat([a, try Tensor(zeros: [6], dtype: .f64)], axis: 0, context: context) }
        #expect(throws: KernelError.self) { try Tensor.concat([], axis: 0, context: context) }
        #expect(throws: KernelError.self) { try Tensor.stack([], axis: 0, context: context) }
        #expect(throws: KernelError.self) { try Tensor.concat([try Tensor([1] as [Double], shape: [])], axis: 0, context: context) }
        #expect(throws: KernelError.self) { try Tensor.concat([a], axis: 2, context: context) }
        #expect(throws: KernelError(.shape,
                                    "stack: tensor 1 has shape (2, 4) but tensor 0 has shape (2, 3); all must have the same shape",
                                    operandShapes: [[2, 3], [2, 4]])) {
            try Tensor.stack([a, b], axis: 0, context: context)
        }
    }

    @Test func joinRespectsTheMemoryBudget() throws {
        let small = KernelContext(threads: 1, memoryBudget: 1000)
        let a = try Tensor(zeros: [100], dtype: .f64)
        #expect(throws: KernelError.self) { try Tensor.concat([a, a], axis: 0, context: small) }
        #expect(small.liveBytes.load(ordering: .relaxed) == 0)
    }

    @Test func cancelledCopyStops() throws {
        let cancelled = KernelContext(threads: 1)
        cancelled.cancellation.store(true, ordering: .relaxed)
        let a = try Tensor(zeros: [300_000], dtype: .f64)
        #expect(throws: KernelError(.limit, "execution cancelled")) {
            try Tensor.concat([a, a], axis: 0, context: cancelled)
        }
    }
}
