import Testing
@testable import LAKernels

@Suite struct TensorLayoutTests {
    @Test func contiguousStridesAreRowMajor() {
        #expect(Tensor.contiguousStrides([2, 3, 4]) == [12, 4, 1])
        #expect(Tensor.contiguousStrides([]) == [])
    }

    @Test func storageRoundTripsValues() throws {
        let t = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
        #expect(t.toDoubles() == [1, 2, 3, 4, 5, 6])
        #expect(t.isContiguous)
    }

    @Test func stridedViewVisitsLogicalOrder() throws {
        let t = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
        let transposed = Tensor(storage: t.storage, shape: [3, 2], strides: [1, 3], offset: 0)
        #expect(transposed.toDoubles() == [1, 4, 2, 5, 3, 6])
        #expect(!transposed.isContiguous)
        #expect(try transposed.contiguousCopy().toDoubles() == [1, 4, 2, 5, 3, 6])
    }

    @Test func allocationBeyondBudgetIsLimitError() {
        let context = KernelContext(threads: 1, memoryBudget: 1024)
        #expect(throws: KernelError.self) { try Tensor(zeros: [1000], dtype: .f64, context: context) }
        #expect(throws: KernelError.self) { try Tensor(zeros: [Int.max, 4], dtype: .f64) }
    }

    @Test func freedStorageReturnsBudget() throws {
        let context = KernelContext(threads: 1, memoryBudget: 1 << 20)
        do { _ = try Tensor(zeros: [1000], dtype: .f64, context: context) }
        #expect(context.liveBytes.load(ordering: .relaxed) == 0)
    }
}

@Suite struct ParallelTests {
    @Test func parallelRangesCoverEveryIndexOnce() {
        let context = KernelContext(threads: 2)
        let total = 10_007
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: total)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        context.parallelRanges(total, minimumChunk: 100) { range in
            for i in range { counts[i] += 1 }
        }
        #expect(counts.allSatisfy { $0 == 1 })
    }
}
