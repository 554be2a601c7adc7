import Testing
@testable import LAKernels

@Suite struct RandomTests {
    let context = KernelContext(threads: 1)

    func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance)
    }

    /// The first outputs for seed 42, from a direct Python port of the reference
    /// C code of splitmix64 and xoshiro256** (Blackman & Vigna).
    @Test func matchesTheReferenceAlgorithm() {
        var source = RandomSource(seed: 42)
        let outputs = (0..<4).map { _ in source.next() }
        #expect(outputs == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102,
                            12_544_586_762_248_559_009, 17_057_574_109_182_124_193])
    }

    @Test func sameSeedGivesTheSameSequence() throws {
        var a = RandomSource(seed: 42), b = RandomSource(seed: 42), c = RandomSource(seed: 43)
        let first = try a.uniform([1000], context: context).toDoubles()
        #expect(first == (try b.uniform([1000], context: context).toDoubles()))
        #expect(first != (try c.uniform([1000], context: context).toDoubles()))
        #expect(try a.normal([3, 5], context: context).toDoubles() == (try b.normal([3, 5], context: context).toDoubles()))
        // The generator moves on: the next draw differs from the first.
        #expect(try a.uniform([1000], context: context).toDoubles() != first)
        // Copying the source forks the sequence.
        var fork = a
        #expect(fork.next() == a.next())
    }

    @Test func uniformIsInUnitIntervalWithTheRightMoments() throws {
        var source = RandomSource(seed: 1)
        let sample = try source.uniform([100_000], context: context)
        #expect(sample.dtype == .f64)
        let values = sample.toDoubles()
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let (mean, variance) = moments(values)
        #expect(abs(mean - 0.5) < 0.01)
        #expect(abs(variance - 1.0 / 12) < 0.005)
        // Each tenth of the interval gets about a tenth of the samples.
        var bins = [Int](repeating: 0, count: 10)
        for v in values { bins[Int(v * 10)] += 1 }
        #expect(bins.allSatisfy { abs($0 - 10_000) < 500 })
    }

    @Test func normalHasTheRightMoments() throws {
        var source = RandomSource(seed: 2)
        let values = try source.normal([100_001], context: context).toDoubles()
        #expect(values.allSatisfy { $0.isFinite })
        let (mean, variance) = moments(values)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
        let withinOne = Double(values.filter { abs($0) < 1 }.count) / Double(values.count)
        #expect(abs(withinOne - 0.6827) < 0.01)
        let skew = values.reduce(0) { $0 + $1 * $1 * $1 } / Double(values.count)
        #expect(abs(skew) < 0.05)
    }

    @Test func shapesBudgetAndCancellation() throws {
        var source = RandomSource(seed: 3)
        #expect(try source.normal([2, 0, 3], context: context).shape == [2, 0, 3])
        #expect(try source.uniform([], context: context).shape == [])
        #expect(throws: KernelError.self) { try source.uniform([-1], context: context) }
        let small = KernelContext(threads: 1, memoryBudget: 100)
        #expect(throws: KernelError.self) { try source.uniform([100], context: small) }
        let cancelled = KernelContext(threads: 1)
        cancelled.cancellation.store(true, ordering: .relaxed)
        #expect(throws: KernelError(.limit, "execution cancelled")) { try source.normal([10], context: cancelled) }
    }
}
