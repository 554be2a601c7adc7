import Testing
@testable import LAKernels

@Suite struct IndexTests {
    let context = KernelContext(threads: 1)

    /// Random shapes, items and layouts against the naive reference.
    func checkAgainstReference(seed: UInt64, allowArray: Bool) throws {
        var data = TestData(seed: seed)
        for trial in 0..<300 {
            let shape = data.shape(maxRank: 4)
            let dtype = DType.allCases[trial % DType.allCases.count]
            let contiguous = try data.tensor(shape, dtype: dtype)
            let tensor = data.bool() ? try data.stridedCopy(of: contiguous, context: context) : contiguous
            let items = randomItems(for: shape, data: &data, allowArray: allowArray)
            let expected = referenceIndex(shape: shape, items)
            let result = try tensor.index(items.map { try $0.tensorIndex }, context: context)
            let values = contiguous.toDoubles()
            #expect(result.shape == expected.shape, "shape \(shape) items \(items)")
            #expect(result.toDoubles() == expected.sources.map { values[$0] }, "shape \(shape) items \(items)")
            #expect(result.dtype == dtype)
            let isBasic = !items.contains { if case .array = $0 { return true }; return false }
            if isBasic { #expect(result.storage === tensor.storage, "basic indexing must be a view") }
        }
    }

    @Test func basicIndexingMatchesReference() throws {
        try checkAgainstReference(seed: 1, allowArray: false)
    }

    @Test func singleIndexTensorMatchesReference() throws {
        try checkAgainstReference(seed: 2, allowArray: true)
    }

    @Test func viewsOfViewsIndexCorrectly() throws {
        // Slice of a transpose of a slice, then an index tensor on it.
        let a = try Tensor.arange(start: .int(0), stop: .int(60), step: .int(1), context: context).reshaped([3, 4, 5], context: context)
        let v = try a.index([.slice(start: nil, stop: nil, step: -1)], context: context).transposed([2, 0, 1])
        let w = try v.index([.slice(start: 1, stop: nil, step: 2), .int(-1), .slice(start: nil, stop: nil, step: -2)], context: context)
        // NumPy: a[::-1].transpose(2, 0, 1)[1::2, -1, ::-2] == [[16, 6], [18, 8]]
        #expect(w.shape == [2, 2])
        #expect(w.toInt64s() == [16, 6, 18, 8])
        let g = try w.index([.tensor(try Tensor([1, 0, -1] as [Int64], shape: [3]))], context: context)
        #expect(g.toInt64s() == [18, 8, 16, 6, 18, 8])
    }

    @Test func integersOnEveryAxisGiveZeroD() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6] as [Int64], shape: [2, 3])
        let x = try a.index([.int(1), .int(-1)], context: context)
        #expect(x.shape == [])
        #expect(try x.item() == .int(6))
        #expect(try a.scalar(at: [-2, 1]) == .int(2))
        // A 0-d integer tensor is an integer index (NumPy): a view, bounds-checked like one.
        let row = try a.index([.tensor(try Tensor([-1] as [Int64], shape: []))], context: context)
        #expect(row.storage === a.storage)
        #expect(row.toInt64s() == [4, 5, 6])
        let noColumns = TensorIndex.tensor(try Tensor([] as [Int64], shape: [0]))
        #expect(throws: KernelError(.index, "index 2 is out of bounds for axis 0 with size 2", axis: 0,
                                 help: "valid indices for axis 0 are 0...1, or -2...-1 counting from the end")) {
            try a.index([.tensor(try Tensor([2] as [Int64], shape: [])), noColumns], context: context)
        }
    }

    /// Expected values computed with NumPy 2 on `np.arange(24).reshape(2, 3, 4)`.
    @Test func severalIndexTensorsFollowNumPy() throws {
        let a = try Tensor.arange(start: .int(0), stop: .int(24), step: .int(1), context: context).reshaped([2, 3, 4], context: context)
        func ints(_ v: [Int64], _ shape: [Int]) throws -> TensorIndex { .tensor(try Tensor(v, shape: shape)) }
        // Non-adjacent index tensors: broadcast axes go first. a[[0, 1], :, [1, 2]]
        let x = try a.index([try ints([0, 1], [2]), .slice(start: nil, stop: nil, step: nil), try ints([1, 2], [2])], context: context)
        #expect(x.shape == [2, 3])
        #expect(x.toInt64s() == [1, 5, 9, 14, 18, 22])
        // Adjacent tensors broadcast (2,1) with (2,): a[[[0], [1]], [0, 2]]
        let y = try a.index([try ints([0, 1], [2, 1]), try ints([0, 2], [2])], context: context)
        #expect(y.shape == [2, 2, 4])
        #expect(y.toInt64s() == [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23])
        // Adjacent after a slice stay in place: a[:, [0, 2], [1, 3]]
        let z = try a.index([.slice(start: nil, stop: nil, step: nil), try ints([0, 2], [2]), try ints([1, 3], [2])], context: context)
        #expect(z.shape == [2, 2])
        #expect(z.toInt64s() == [1, 11, 13, 23])
        // An integer counts as an index tensor: a[0, :, [1, 2]] has shape (2, 3).
        let w = try a.index([.int(0), .slice(start: nil, stop: nil, step: nil), try ints([1, 2], [2])], context: context)
        #expect(w.shape == [2, 3])
        #expect(w.toInt64s() == [1, 5, 9, 2, 6, 10])
    }

    @Test func boolMasksSelectTrueElements() throws {
        let a = try Tensor.arange(start: .int(0), stop: .int(24), step: .int(1), context: context).reshaped([2, 3, 4], context: context)
        let values = a.toInt64s()
        // A full mask gives the selected elements, row-major.
        let full = try Tensor(values.map { $0 % 5 == 0 }, shape: [2, 3, 4])
        #expect(try a.index([.tensor(full)], context: context).toInt64s() == values.filter { $0 % 5 == 0 })
        // A mask over the middle axis: a[:, [True, False, True]]
        let middle = try Tensor([true, false, true], shape: [3])
        let m = try a.index([.ellipsis, .tensor(middle), .slice(start: nil, stop: nil, step: nil)], context: context)
        #expect(m.shape == [2, 2, 4])
        #expect(m.toInt64s() == [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23])
        // A 2-D mask over the first two axes: a[[[T, F, F], [F, T, T]]] has shape (3, 4).
        let lead = try Tensor([true, false, false, false, true, true], shape: [2, 3])
        let l = try a.index([.tensor(lead)], context: context)
        #expect(l.shape == [3, 4])
        #expect(l.toInt64s() == Array(0...3) + Array(16...23))
        // A mask over a transposed, reversed view selects in the view's row-major order.
        let view = try a.index([.int(1)], context: context).transposed(nil)
            .index([.slice(start: nil, stop: nil, step: -1)], context: context)   // [[15, 19, 23], [14, 18, 22], ...]
        let odd = try Tensor(view.toInt64s().map { $0 % 2 == 1 }, shape: [4, 3])
        #expect(try view.index([.tensor(odd)], context: context).toInt64s() == view.toInt64s().filter { $0 % 2 == 1 })
        // A 0-d mask adds an axis: a[True] is (1, 2, 3, 4), a[False] is (0, 2, 3, 4).
        #expect(try a.index([.tensor(try Tensor([true], shape: []))], context: context).shape == [1, 2, 3, 4])
        #expect(try a.index([.tensor(try Tensor([false], shape: []))], context: context).shape == [0, 2, 3, 4])
    }

    @Test func outOfBoundsNamesAxisIndexAndSize() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2])
        #expect(throws: KernelError(.index, "index 5 is out of bounds for axis 0 with size 3", axis: 0,
                                 help: "valid indices for axis 0 are 0...2, or -3...-1 counting from the end")) {
            try a.index([.int(5)], context: context)
        }
        #expect(throws: KernelError(.index, "index -3 is out of bounds for axis 1 with size 2", axis: 1,
                                 help: "valid indices for axis 1 are 0...1, or -2...-1 counting from the end")) {
            try a.index([.int(0), .int(-3)], context: context)
        }
        let gather = try Tensor([0, 2] as [Int64], shape: [2])
        #expect(throws: KernelError(.index, "index 2 is out of bounds for axis 1 with size 2", axis: 1,
                                 help: "valid indices for axis 1 are 0...1, or -2...-1 counting from the end")) {
            try a.index([.slice(start: nil, stop: nil, step: nil), .tensor(gather)], context: context)
        }
        #expect(throws: KernelError(.index, "index 3 is out of bounds for axis 1 with size 2", axis: 1,
                                 help: "valid indices for axis 1 are 0...1, or -2...-1 counting from the end")) {
            try a.scalar(at: [0, 3])
        }
        let empty = try Tensor(zeros: [0], dtype: .f64)
        #expect(throws: KernelError(.index, "index 0 is out of bounds for axis 0 with size 0", axis: 0,
                                 help: "nothing to index: the length is 0")) {
            try empty.index([.int(0)], context: context)
        }
    }

    @Test func malformedIndicesAreErrors() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2])
        let all = TensorIndex.slice(start: nil, stop: nil, step: nil)
        func kind(_ items: [TensorIndex]) -> KernelError.Kind? {
            do { _ = try a.index(items, context: context); return nil } catch let e as KernelError { return e.kind } catch { return nil }
        }
        #expect(kind([.int(0), .int(0), .int(0)]) == .index)
        #expect(kind([all, all, all]) == .index)
        #expect(kind([.ellipsis, .int(0), .ellipsis]) == .index)
        #expect(kind([.slice(start: nil, stop: nil, step: 0)]) == .value)
        #expect(kind([.tensor(try Tensor([0.0], shape: [1]))]) == .index)
        #expect(kind([.tensor(try Tensor([true, false], shape: [2]))]) == .index)
        let i2 = TensorIndex.tensor(try Tensor([0, 1] as [Int64], shape: [2]))
        let i3 = TensorIndex.tensor(try Tensor([0, 1, 0] as [Int64], shape: [3]))
        #expect(kind([i2, i3]) == .index)
        #expect(kind([i2, i2]) == nil)
        #expect(throws: KernelError.self) { try a.scalar(at: [0]) }
        #expect(throws: KernelError.self) { try a.item() }
    }

    @Test func extremeSliceBoundsClamp() throws {
        let a = try Tensor([1, 2, 3, 4, 5] as [Int64], shape: [5])
        func slice(_ start: Int?, _ stop: Int?, _ step: Int?) throws -> [Int64] {
            try a.index([.slice(start: start, stop: stop, step: step)], context: context).toInt64s()
        }
        #expect(try slice(Int.min, Int.max, 1) == [1, 2, 3, 4, 5])
        #expect(try slice(Int.max, Int.min, -1) == [5, 4, 3, 2, 1])
        #expect(try slice(nil, nil, Int.min) == [5])
        #expect(try slice(nil, nil, Int.max) == [1])
        #expect(try slice(-100, 100, -1) == [])
    }
}
