import Testing
@testable import LAKernels

/// Element-wise results may land in a reused mapping; zero-filled tensors must never see stale data.
@Suite struct ElementwiseStorageReuseTests {
    let count = 1 << 20  // 8 MiB of f64: above the mapping threshold

    @Test func zerosAfterAFreedLargeTensorAreZero() throws {
        let context = KernelContext(threads: 2)
        do {
            let t = try Tensor(zeros: [count], dtype: .f64, context: context)
            let p = t.storage.pointer(as: Double.self)
            for i in 0..<count { p[i] = 1 }
        }
        let zeros = try Tensor(zeros: [count], dtype: .f64, context: context)
        #expect(zeros.toDoubles().allSatisfy { $0 == 0 })
        #expect(context.liveBytes.load(ordering: .relaxed) == count * 8)
    }

    @Test func reusedBuffersHoldCorrectResults() throws {
        let context = KernelContext(threads: 2)
        let a = try Tensor((0..<count).map(Double.init), shape: [count], context: context)
        for k in 1...3 {
            let r = try Tensor.binary(.multiply, .tensor(a), .scalar(.int(Int64(k))), context: context)
            let p = r.storage.pointer(as: Double.self)
            #expect((0..<count).allSatisfy { p[$0] == Double($0 * k) })
        }
        #expect(context.liveBytes.load(ordering: .relaxed) == count * 8)
    }
}
