import Testing
@testable import LAKernels

@Suite struct IndexAssignTests {
    let context = KernelContext(threads: 1)

    /// A random value broadcastable to `shape`: some axes set to 1, some leading axes dropped.
    func broadcastableValue(to shape: [Int], dtype: DType, data: inout TestData) throws -> Tensor {
        var valueShape = shape.map { data.int(0...2) == 0 ? 1 : $0 }
        valueShape.removeFirst(data.int(0...valueShape.count))
        let value = try data.tensor(valueShape, dtype: dtype)
        return data.bool() ? try data.stridedCopy(of: value, context: context) : value
    }

    @Test func assignmentMatchesReference() throws {
        var data = TestData(seed: 3)
        for trial in 0..<300 {
            let shape = data.shape(maxRank: 4)
            let dtype = DType.allCases[trial % DType.allCases.count]
            let valueDType = data.bool() ? dtype : data.pick(DType.allCases)
            let original = try data.tensor(shape, dtype: dtype)
            let before = original.toDoubles()
            var target = data.bool() ? try data.stridedCopy(of: original, context: context) : original
            let items = randomItems(for: shape, data: &data, allowArray: trial % 2 == 0)
            let (indexedShape, sources) = referenceIndex(shape: shape, items)
            let value = try broadcastableValue(to: indexedShape, dtype: valueDType, data: &data)
            try target.assign(items.map { try $0.tensorIndex }, .tensor(value), context: context)
            // Reference: write the broadcast value's elements in order (a repeated index keeps the last).
            var expected = original.toDoubles()
            let broadcastValues = try value.broadcast(to: indexedShape).toDoubles()
            for (source, v) in zip(sources, broadcastValues) {
                expected[source] = dtype == .bool ? (v != 0 ? 1 : 0) : v
            }
            #expect(target.shape == shape)
            #expect(target.dtype == dtype)
            #expect(target.toDoubles() == expected, "shape \(shape) items \(items) value \(value.shape)")
            #expect(original.toDoubles() == before, "the write must not show through the original")
        }
    }

    @Test func scalarAssignmentBroadcastsAndConverts() throws {
        var a = try Tensor([1, 2, 3, 4, 5, 6] as [Int64], shape: [2, 3])
        try a.assign([.slice(start: nil, stop: nil, step: nil), .int(1)], .scalar(.float(-7.9)), context: context)
        #expect(a.toInt64s() == [1, -7, 3, 4, -7, 6])
        try a.assign([.int(0)], .scalar(.bool(true)), context: context)
        #expect(a.toInt64s() == [1, 1, 1, 4, -7, 6])
        #expect(throws: KernelError.self) { try a.assign([.int(0)], .scalar(.float(1e300)), context: context) }
        #expect(throws: KernelError.self) { try a.assign([.int(0)], .scalar(.float(.nan)), context: context) }
        var b = try Tensor([0, 0, 0] as [Double], shape: [3], dtype: .bool)
        try b.assign([.int(1)], .scalar(.float(0.5)), context: context)
        #expect(b.toBools() == [false, true, false])
    }

    @Test func maskAssignmentWritesSelected() throws {
        var a = try Tensor([1, -2, 3, -4, 5, -6] as [Double], shape: [2, 3])
        let negative = try Tensor(a.toDoubles().map { $0 < 0 }, shape: [2, 3])
        try a.assign([.tensor(negative)], .scalar(.int(0)), context: context)
        #expect(a.toDoubles() == [1, 0, 3, 0, 5, 0])
        try a.assign([.tensor(negative)], .tensor(try Tensor([7, 8, 9] as [Double], shape: [3])), context: context)
        #expect(a.toDoubles() == [1, 7, 3, 8, 5, 9])
    }

    @Test func maskAssignmentThroughATransposedTensor() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6] as [Int64], shape: [2, 3])
        var t = try a.transposed(nil)   // [[1, 4], [2, 5], [3, 6]]
        let even = try Tensor(t.toInt64s().map { $0 % 2 == 0 }, shape: [3, 2])
        try t.assign([.tensor(even)], .tensor(try Tensor([-4, -2, -6] as [Int64], shape: [3])), context: context)
        #expect(t.toInt64s() == [1, -4, -2, 5, 3, -6])
        #expect(a.toInt64s() == [1, 2, 3, 4, 5, 6])
    }

    @Test func writesNeverShowThroughAnotherValue() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
        var b = a
        try b.assign([.int(0), .int(0)], .scalar(.float(9)), context: context)
        #expect(a.toDoubles() == [1, 2, 3, 4, 5, 6])
        #expect(b.toDoubles() == [9, 2, 3, 4, 5, 6])
        // A view shares storage with `a`; writing through it copies first.
        var column = try a.index([.slice(start: nil, stop: nil, step: nil), .int(1)], context: context)
        let columnBefore = column
        try column.assign([.ellipsis], .scalar(.int(0)), context: context)
        #expect(a.toDoubles() == [1, 2, 3, 4, 5, 6])
        #expect(columnBefore.toDoubles() == [2, 5])
        #expect(column.toDoubles() == [0, 0])
    }

    @Test func overlappingSourceIsReadBeforeWriting() throws {
        var a = try Tensor([1, 2, 3, 4, 5] as [Int64], shape: [5])
        let shifted = try a.index([.slice(start: nil, stop: -1, step: nil)], context: context)
        try a.assign([.slice(start: 1, stop: nil, step: nil)], .tensor(shifted), context: context)
        #expect(a.toInt64s() == [1, 1, 2, 3, 4])
        var b = try Tensor([1, 2, 3, 4] as [Int64], shape: [2, 2])
        try b.assign([], .tensor(b.transposed(nil)), context: context)
        #expect(b.toInt64s() == [1, 3, 2, 4])
    }

    @Test func repeatedIndicesKeepTheLastWrite() throws {
        var a = try Tensor(zeros: [3], dtype: .f64)
        let indices = try Tensor([0, 2, 0, -1] as [Int64], shape: [4])
        try a.assign([.tensor(indices)], .tensor(try Tensor([1, 2, 3, 4] as [Double], shape: [4])), context: context)
        #expect(a.toDoubles() == [3, 0, 4])
    }

    @Test func valueThatDoesNotBroadcastIsShapeError() throws {
        var a = try Tensor(zeros: [2, 3], dtype: .f64)
        let value = try Tensor([1, 2] as [Double], shape: [2])
        #expect(throws: KernelError.self) { try a.assign([], .tensor(value), context: context) }
        do {
            try a.assign([.int(0)], .tensor(value), context: context)
            Issue.record("expected a ShapeError")
        } catch let error as KernelError {
            #expect(error.kind == .shape)
            #expect(error.message.contains("(2,)") && error.message.contains("(3,)"))
        }
        // Extra leading length-1 axes are accepted, as in NumPy.
        try a.assign([.int(1)], .tensor(try Tensor([1, 2, 3] as [Double], shape: [1, 1, 3])), context: context)
        #expect(a.toDoubles() == [0, 0, 0, 1, 2, 3])
        #expect(throws: KernelError(.index, "index 2 is out of bounds for axis 0 with size 2", axis: 0,
                                 help: "valid indices for axis 0 are 0...1, or -2...-1 counting from the end")) {
            try a.assign([.int(2)], .scalar(.int(1)), context: context)
        }
    }
}
