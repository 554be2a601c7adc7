import Foundation
import Testing
@testable import LAKernels

/// Naive reductions over row-major Double values, for reference.
struct NaiveReduction {
    var shape: [Int]
    var axes: Set<Int>

    /// The groups of input values that reduce into each output element, in output order.
    func groups(_ values: [Double]) -> [[Double]] {
        let outShape = shape.indices.map { axes.contains($0) ? 1 : shape[$0] }
        var groups = [[Double]](repeating: [], count: outShape.reduce(1, *))
        forEachIndex(shape) { flat, index in
            var o = 0
            for k in shape.indices { o = o * outShape[k] + (axes.contains(k) ? 0 : index[k]) }
            groups[o].append(values[flat])
        }
        return groups
    }

    func resultShape(keepdims: Bool) -> [Int] {
        shape.indices.compactMap { axes.contains($0) ? (keepdims ? 1 : nil) : shape[$0] }
    }
}

func referenceReduce(_ op: ReduceOp, _ g: [Double]) -> Double {
    let mean = g.reduce(0, +) / Double(g.count)
    switch op {
    case .sum: return g.reduce(0, +)
    case .mean: return mean
    case .prod: return g.reduce(1, *)
    case .max: return g.contains(where: \.isNaN) ? .nan : g.max() ?? .nan
    case .min: return g.contains(where: \.isNaN) ? .nan : g.min() ?? .nan
    case .argmax: return Double(g.firstIndex(where: \.isNaN) ?? g.firstIndex(of: g.max() ?? 0) ?? 0)
    case .argmin: return Double(g.firstIndex(where: \.isNaN) ?? g.firstIndex(of: g.min() ?? 0) ?? 0)
    case .var: return g.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(g.count)
    case .std: return sqrt(g.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(g.count))
    case .any: return g.contains { $0 != 0 } ? 1 : 0
    case .all: return g.allSatisfy { $0 != 0 } ? 1 : 0
    }
}

func expectedReduceDType(_ op: ReduceOp, _ dtype: DType) -> DType {
    switch op {
    case .sum, .prod: dtype == .bool ? .i64 : dtype
    case .mean, .var, .std: dtype.floatResult
    case .max, .min: dtype
    case .argmax, .argmin: .i64
    case .any, .all: .bool
    }
}

@Suite struct ReduceTests {
    let context = KernelContext(threads: 2)

    static let axisChoices: [[Int]?] = [nil, [0], [-1], [0, 2], [1, 2], [2, 0], [0, 1, 2], []]

    @Test(arguments: ReduceOp.allCases)
    func matchesNaiveReference(op: ReduceOp) throws {
        var rng = SplitMix64(state: 23)
        let shapes: [[Int]] = [[3, 5, 7], [2, 1, 4], [4, 0, 3], [1, 1, 1], [13, 2, 3]]
        for shape in shapes {
            for dtype in [DType.bool, .i64, .f32, .f64] {
                for layout in TestLayout.allCases {
                    for axes in Self.axisChoices {
                        for keepdims in [false, true] {
                            var values = randomValues(shape.reduce(1, *), dtype: dtype, rng: &rng)
                            if op == .prod && dtype != .bool {
                                // Powers of two keep long products exact and inside i64.
                                let factors: [Double] = dtype == .i64 ? [-1, 1, 2, 1] : [-1, 0.5, 2, 1]
                                values = values.map { factors[Int(Swift.abs($0 * 4)) % 4] }
                            }
                            let t = try makeTensor(values, shape: shape, dtype: dtype, layout: layout)
                            try check(op, t, values, axes: axes, keepdims: keepdims)
                        }
                    }
                }
            }
        }
    }

    func check(_ op: ReduceOp, _ t: Tensor, _ values: [Double], axes: [Int]?, keepdims: Bool) throws {
        let label = "\(op) \(t.dtype)\(t.shape) axes \(String(describing: axes)) keepdims \(keepdims)"
        let isArg = op == .argmax || op == .argmin
        if isArg, let axes, axes.count != 1 {
            #expect(KernelError.kind(.value) { _ = try t.reduce(op, axes: axes, keepdims: keepdims, context: context) }, "\(label)")
            return
        }
        let normalized = Set((axes ?? Array(t.shape.indices)).map { $0 < 0 ? $0 + t.ndim : $0 })
        let naive = NaiveReduction(shape: isArg && axes == nil ? [t.count] : t.shape,
                                   axes: isArg && axes == nil ? [0] : normalized)
        let groups = naive.groups(values)
        if [.max, .min, .argmax, .argmin].contains(op) && groups.contains(where: \.isEmpty) && !groups.isEmpty {
            #expect(KernelError.kind(.value) { _ = try t.reduce(op, axes: axes, keepdims: keepdims, context: context) }, "\(label)")
            return
        }
        let result = try t.reduce(op, axes: axes, keepdims: keepdims, context: context)
        let shape = isArg && axes == nil ? (keepdims ? t.shape.map { _ in 1 } : []) : naive.resultShape(keepdims: keepdims)
        #expect(result.shape == shape, "\(label)")
        let dtype = expectedReduceDType(op, t.dtype)
        #expect(result.dtype == dtype, "\(label)")
        let expected = groups.map { g in dtype == .f32 ? Double(Float(referenceReduce(op, g))) : referenceReduce(op, g) }
        let tolerance = dtype == .f32 ? 1e-6 : 1e-12
        #expect(sameValues(result.toDoubles(), expected, tolerance: tolerance), "\(label): \(result.toDoubles()) vs \(expected)")
    }

    /// Views with negative strides (reversed slices) reduce and combine like their copies.
    @Test func reversedViewsMatchTheirCopies() throws {
        var rng = SplitMix64(state: 31)
        let values = (0..<(40 * 37)).map { _ in rng.unit() * 10 - 5 }
        let base = try Tensor(values, shape: [40, 37])
        let reversed = Tensor(storage: base.storage, shape: [40, 37], strides: [-37, -1], offset: 40 * 37 - 1)
        let copy = try reversed.contiguousCopy()
        for op in [ReduceOp.sum, .max, .argmin, .mean] {
            for axes in [nil, [0], [1]] as [[Int]?] {
                let a = try reversed.reduce(op, axes: axes, keepdims: false, context: context).toDoubles()
                let b = try copy.reduce(op, axes: axes, keepdims: false, context: context).toDoubles()
                #expect(sameValues(a, b, tolerance: 1e-12), "\(op) \(String(describing: axes))")
            }
        }
        let sum = try Tensor.binary(.add, .tensor(reversed), .tensor(base), context: context).toDoubles()
        #expect(sum == zip(copy.toDoubles(), values).map { $0 + $1 })
        #expect(try reversed.cumsum(axis: 1, context: context).toDoubles() == copy.cumsum(axis: 1, context: context).toDoubles())
    }

    @Test func badAxesNameTheAxisAndRank() throws {
        let t = try Tensor(zeros: [2, 3], dtype: .f64)
        do {
            _ = try t.reduce(.sum, axes: [2], keepdims: false, context: context)
            Issue.record("expected an error")
        } catch let error as KernelError {
            #expect(error.kind == .index)
            #expect(error.message.contains("2") && error.message.contains("rank 2"))
        }
        #expect(KernelError.kind(.value) { _ = try t.reduce(.sum, axes: [1, -1], keepdims: false, context: context) })
        #expect(KernelError.kind(.index) { _ = try t.reduce(.argmax, axes: [-3], keepdims: false, context: context) })
        #expect(KernelError.kind(.index) { _ = try t.cumsum(axis: 5, context: context) })
    }

    @Test func argmaxTiesTakeTheFirstIndex() throws {
        let t = try Tensor([1, 5, 5, 2, 5, 0] as [Int64], shape: [2, 3])
        #expect(try t.reduce(.argmax, axes: nil, keepdims: false, context: context).toInt64s() == [1])
        #expect(try t.reduce(.argmax, axes: [1], keepdims: false, context: context).toInt64s() == [1, 1])
        #expect(try t.reduce(.argmin, axes: [0], keepdims: true, context: context).toInt64s() == [0, 0, 1])
        let f = try Tensor([1, .nan, 3, .nan], shape: [4])
        #expect(try f.reduce(.argmax, axes: nil, keepdims: false, context: context).toInt64s() == [1])
        #expect(try f.reduce(.max, axes: nil, keepdims: false, context: context).toDoubles()[0].isNaN)
    }

    @Test func fullReductionIsZeroDimensional() throws {
        let t = try Tensor([1, 2, 3, 4] as [Int64], shape: [2, 2])
        let s = try t.reduce(.sum, axes: nil, keepdims: false, context: context)
        #expect(s.shape == [])
        #expect(s.toInt64s() == [10])
        #expect(try t.reduce(.sum, axes: nil, keepdims: true, context: context).shape == [1, 1])
        #expect(try t.reduce(.mean, axes: nil, keepdims: false, context: context).toDoubles() == [2.5])
    }

    @Test func emptyReductionsGiveIdentitiesOrErrors() throws {
        let e = try Tensor(zeros: [0], dtype: .f64)
        #expect(try e.reduce(.sum, axes: nil, keepdims: false, context: context).toDoubles() == [0])
        #expect(try e.reduce(.prod, axes: nil, keepdims: false, context: context).toDoubles() == [1])
        #expect(try e.reduce(.mean, axes: nil, keepdims: false, context: context).toDoubles()[0].isNaN)
        #expect(try e.reduce(.all, axes: nil, keepdims: false, context: context).toBools() == [true])
        #expect(KernelError.kind(.value) { _ = try e.reduce(.max, axes: nil, keepdims: false, context: context) })
        #expect(KernelError.kind(.value) { _ = try e.reduce(.argmin, axes: nil, keepdims: false, context: context) })
    }

    @Test func integerSumOverflowIsAnOverflowError() throws {
        let t = try Tensor([Int64.max, 1, 0, 0], shape: [2, 2])
        #expect(KernelError.kind(.overflow) { _ = try t.reduce(.sum, axes: nil, keepdims: false, context: context) })
        #expect(KernelError.kind(.overflow) { _ = try t.reduce(.sum, axes: [1], keepdims: false, context: context) })
        #expect(try t.reduce(.sum, axes: [0], keepdims: false, context: context).toInt64s() == [Int64.max, 1])
        // Large enough for the threaded column-wise path, with the overflow split across threads.
        var column = [Int64](repeating: 1, count: 140_000)
        column[0] = Int64.max
        let tall = try Tensor(column, shape: [70_000, 2])
        #expect(KernelError.kind(.overflow) { _ = try tall.reduce(.sum, axes: [0], keepdims: false, context: context) })
        let big = try Tensor([Int64(1) << 40, 1 << 40], shape: [2])
        #expect(KernelError.kind(.overflow) { _ = try big.reduce(.prod, axes: nil, keepdims: false, context: context) })
    }

    /// 10M copies of 0.1 in f32: a naive f32 loop drifts by percent; pairwise stays near the exact value.
    @Test func floatSumsArePairwiseAccurate() throws {
        let n = 10_000_000
        var t = try Tensor(zeros: [n], dtype: .f32)
        let p = t.storage.pointer(as: Float.self)
        for i in 0..<n { p[i] = 0.1 }
        let exact = Double(Float(0.1)) * Double(n)
        let sum = try t.reduce(.sum, axes: nil, keepdims: false, context: context).toDoubles()[0]
        #expect(Swift.abs(sum - exact) / exact < 1e-6)
        let mean = try t.reduce(.mean, axes: nil, keepdims: false, context: context).toDoubles()[0]
        #expect(Swift.abs(mean - Double(Float(0.1))) < 1e-7)
        // The same through the column-wise path (sum over a leading axis) and a strided view.
        t = Tensor(storage: t.storage, shape: [n / 2], strides: [2], offset: 0)
        let strided = try t.reduce(.sum, axes: [0], keepdims: false, context: context).toDoubles()[0]
        #expect(Swift.abs(strided - exact / 2) / exact < 1e-6)
        var f64 = [Double](repeating: 0, count: 1 << 20)
        var rng = SplitMix64(state: 1)
        for i in f64.indices { f64[i] = rng.unit() }
        let reference = f64.sorted().reduce(0, +)
        let d = try Tensor(f64, shape: [f64.count]).reduce(.sum, axes: nil, keepdims: false, context: context).toDoubles()[0]
        #expect(Swift.abs(d - reference) / reference < 1e-13)
    }

    @Test func largeReductionsOverEachAxisMatchReference() throws {
        var rng = SplitMix64(state: 8)
        let rows = 700, columns = 301
        let values = (0..<(rows * columns)).map { _ in Double(rng.int(-20...20)) / 8 }
        for dtype in [DType.f32, .f64, .i64] {
            let v = dtype == .i64 ? values.map { ($0 * 8).rounded() } : values
            let t = try Tensor(v, shape: [rows, columns], dtype: dtype)
            for op in [ReduceOp.sum, .max, .min, .mean, .argmax] {
                for axis in [0, 1] {
                    let result = try t.reduce(op, axes: [axis], keepdims: false, context: context).toDoubles()
                    let groups = NaiveReduction(shape: [rows, columns], axes: [axis]).groups(v)
                    #expect(sameValues(result, groups.map { referenceReduce(op, $0) }, tolerance: 1e-6), "\(op) \(dtype) axis \(axis)")
                }
            }
        }
    }

    @Test func cumsumMatchesRunningSums() throws {
        var rng = SplitMix64(state: 4)
        for dtype in [DType.bool, .i64, .f32, .f64] {
            for layout in TestLayout.allCases {
                let shape = [3, 4, 5]
                let values = randomValues(60, dtype: dtype, rng: &rng)
                let t = try makeTensor(values, shape: shape, dtype: dtype, layout: layout)
                let flat = try t.cumsum(axis: nil, context: context)
                #expect(flat.shape == [60])
                #expect(flat.dtype == (dtype == .bool ? .i64 : dtype))
                var running = 0.0
                #expect(flat.toDoubles() == values.map { running += $0; return running })
                for axis in [0, 1, -1] {
                    let r = try t.cumsum(axis: axis, context: context)
                    let a = axis < 0 ? axis + 3 : axis
                    var expected = values
                    forEachIndex(shape) { flatIndex, index in
                        if index[a] > 0 { expected[flatIndex] += expected[flatIndex - Tensor.contiguousStrides(shape)[a]] }
                    }
                    #expect(r.shape == shape)
                    #expect(r.toDoubles() == expected, "\(dtype) \(layout) axis \(axis)")
                }
            }
        }
        let overflow = try Tensor([Int64.max, 1], shape: [2])
        #expect(KernelError.kind(.overflow) { _ = try overflow.cumsum(axis: nil, context: context) })
    }
}
