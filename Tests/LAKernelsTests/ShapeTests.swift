import Testing
@testable import LAKernels

@Suite struct ShapeTests {
    let context = KernelContext(threads: 1)

    /// A random shape with the same element count as `shape`, using at most one -1.
    func reshapeTarget(for shape: [Int], data: inout TestData) -> [Int] {
        let count = shape.reduce(1, *)
        var target: [Int] = []
        var remaining = count
        while remaining > 1, let factor = (2...remaining).first(where: { remaining % $0 == 0 }) {
            target.append(data.bool() ? factor : 1)
            if target.last == factor { remaining /= factor }
        }
        if count == 0 { target = data.pick([[0], [0, 3], [2, 0, 1]]) }
        if count > 1 || count == 0 { target.append(remaining == 1 && count != 0 ? 1 : remaining) }
        if count > 0, !target.isEmpty, data.bool() { target[data.int(0...(target.count - 1))] = -1 }
        return target.filter { $0 != 1 || data.bool() }
    }

    @Test func reshapeKeepsRowMajorOrder() throws {
        var data = TestData(seed: 4)
        for trial in 0..<300 {
            let shape = data.shape(maxRank: 4)
            let contiguous = try data.tensor(shape, dtype: DType.allCases[trial % 4])
            let tensor = data.bool() ? try data.stridedCopy(of: contiguous, context: context) : contiguous
            let target = reshapeTarget(for: shape, data: &data)
            let result = try tensor.reshaped(target, context: context)
            #expect(result.count == contiguous.count)
            #expect(zip(result.shape, target).allSatisfy { $1 == -1 || $0 == $1 }, "\(shape) → \(target)")
            #expect(result.toDoubles() == contiguous.toDoubles())
            if tensor.isContiguous { #expect(result.storage === tensor.storage) }
            let flat = try tensor.reshaped([-1], context: context)
            #expect(flat.shape == [contiguous.count])
            #expect(flat.toDoubles() == contiguous.toDoubles())
        }
    }

    @Test func reshapeIsAViewWhereNumPyGivesOne() throws {
        let a = try Tensor.arange(start: .int(0), stop: .int(24), step: .int(1), context: context).reshaped([4, 6], context: context)
        let all = TensorIndex.slice(start: nil, stop: nil, step: nil)
        // Every other column: rows stay contiguous groups of 3 with stride 2.
        let columns = try a.index([all, .slice(start: nil, stop: nil, step: 2)], context: context)
        let split = try columns.reshaped([2, 2, 3], context: context)
        #expect(split.storage === a.storage)
        #expect(split.toInt64s() == columns.toInt64s())
        // A transpose can gain length-1 axes as a view, but flattening copies.
        let transposed = try a.transposed(nil)
        #expect(try transposed.reshaped([6, 1, 4], context: context).storage === a.storage)
        let flat = try transposed.reshaped([-1], context: context)
        #expect(flat.storage !== a.storage)
        #expect(flat.toInt64s() == (0..<6).flatMap { i in (0..<4).map { j in Int64(j * 6 + i) } })
        // A broadcast view keeps stride 0 through a reshape that splits it.
        let row = try Tensor([1, 2, 3] as [Int64], shape: [3]).broadcast(to: [4, 3])
        let split2 = try row.reshaped([2, 2, 3], context: context)
        #expect(split2.storage === row.storage)
        #expect(split2.toInt64s() == row.toInt64s())
    }

    @Test func badReshapesAreErrors() throws {
        let a = try Tensor(zeros: [2, 3], dtype: .f64)
        func kind(_ shape: [Int]) -> KernelError.Kind? {
            do { _ = try a.reshaped(shape, context: context); return nil } catch let e as KernelError { return e.kind } catch { return nil }
        }
        #expect(kind([-1, -1]) == .value)
        #expect(kind([-2, -3]) == .value)
        #expect(kind([4]) == .shape)
        #expect(kind([4, -1]) == .shape)
        #expect(kind([0, -1]) == .shape)
        #expect(kind([Int.max, Int.max]) == .shape)
        #expect(kind([3, -1]) == nil)
        #expect(throws: KernelError(.shape, "cannot reshape a tensor of shape (2, 3) (6 elements) into shape (4,)",
                                    operandShapes: [[2, 3], [4]])) {
            try a.reshaped([4], context: context)
        }
        let empty = try Tensor(zeros: [0, 3], dtype: .f64)
        #expect(throws: KernelError.self) { try empty.reshaped([-1, 0], context: context) }
        #expect(try empty.reshaped([3, -1], context: context).shape == [3, 0])
    }

    @Test func transposeMatchesReference() throws {
        var data = TestData(seed: 5)
        for trial in 0..<200 {
            let shape = data.shape(maxRank: 4)
            let contiguous = try data.tensor(shape, dtype: DType.allCases[trial % 4])
            let tensor = data.bool() ? try data.stridedCopy(of: contiguous, context: context) : contiguous
            var axes = Array(shape.indices)
            for i in axes.indices.reversed() where i > 0 { axes.swapAt(i, data.int(0...i)) }
            let spelled = axes.map { data.bool() ? $0 - shape.count : $0 }
            let result = try tensor.transposed(spelled)
            #expect(result.shape == axes.map { shape[$0] })
            #expect(result.storage === tensor.storage)
            let values = contiguous.toDoubles()
            let expected = multiIndices(result.shape).map { out in
                var source = [Int](repeating: 0, count: shape.count)
                for (i, axis) in axes.enumerated() { source[axis] = out[i] }
                return values[flatPosition(source, in: shape)]
            }
            #expect(result.toDoubles() == expected)
            #expect(try tensor.transposed(nil).shape == shape.reversed())
        }
    }

    @Test func badPermutationsAreErrors() throws {
        let a = try Tensor(zeros: [2, 3, 4], dtype: .i64)
        #expect(throws: KernelError.self) { try a.transposed([0, 1]) }
        #expect(throws: KernelError(.value, "transpose: axis 1 is repeated in (0, 1, 1)")) { try a.transposed([0, 1, 1]) }
        #expect(throws: KernelError.self) { try a.transposed([0, 1, 3]) }
        #expect(throws: KernelError.self) { try a.transposed([0, -1, 2]) }
        #expect(try a.transposed([-1, 0, 1]).shape == [4, 2, 3])
    }

    @Test func squeezeAndUnsqueeze() throws {
        let a = try Tensor([1, 2, 3] as [Double], shape: [1, 3, 1])
        #expect(try a.squeezed(axis: nil).shape == [3])
        #expect(try a.squeezed(axis: -1).shape == [1, 3])
        #expect(try a.squeezed(axis: 0).toDoubles() == [1, 2, 3])
        #expect(throws: KernelError.self) { try a.squeezed(axis: 1) }
        #expect(throws: KernelError(.index, "squeeze: axis 3 is out of bounds; valid axes are -3...2", axis: 3)) {
            try a.squeezed(axis: 3)
        }
        #expect(try a.unsqueezed(axis: 0).shape == [1, 1, 3, 1])
        #expect(try a.unsqueezed(axis: 3).shape == [1, 3, 1, 1])
        #expect(try a.unsqueezed(axis: -1).shape == [1, 3, 1, 1])
        #expect(try a.unsqueezed(axis: -4).shape == [1, 1, 3, 1])
        #expect(throws: KernelError.self) { try a.unsqueezed(axis: 4) }
        #expect(throws: KernelError.self) { try a.unsqueezed(axis: -5) }
        let scalar = try Tensor([5] as [Double], shape: [])
        #expect(try scalar.unsqueezed(axis: 0).shape == [1])
        #expect(try scalar.squeezed(axis: nil).shape == [])
        // Views of a strided tensor keep its values.
        let column = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2])
            .index([.slice(start: nil, stop: nil, step: -1), .slice(start: 1, stop: 2, step: nil)], context: context)
        #expect(try column.squeezed(axis: 1).toDoubles() == [6, 4, 2])
        #expect(try column.squeezed(axis: 1).unsqueezed(axis: 0).toDoubles() == [6, 4, 2])
    }
}
