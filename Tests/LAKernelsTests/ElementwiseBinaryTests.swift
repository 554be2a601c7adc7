import Foundation
import Testing
@testable import LAKernels

/// A scalar Swift reference for one binary op on values already promoted to `dtype`
/// (nil when the op is an error for these values).
func referenceBinary(_ op: BinaryOp, _ a: Double, _ b: Double, compute: DType) -> Double? {
    func bool(_ v: Bool) -> Double { v ? 1 : 0 }
    let isInt = compute == .i64
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .floorDivide:
        if isInt && b == 0 { return nil }
        return b == 0 ? a / b : (a / b).rounded(.down)
    case .modulo:
        if isInt && b == 0 { return nil }
        if b == 0 { return .nan }
        let r = a - (a / b).rounded(.down) * b
        return r == 0 ? (b < 0 ? -0.0 : 0.0) : r
    case .power:
        if isInt && b < 0 { return nil }
        return Foundation.pow(a, b)
    case .maximum: return a.isNaN || b.isNaN ? .nan : max(a, b)
    case .minimum: return a.isNaN || b.isNaN ? .nan : min(a, b)
    case .equal: return bool(a == b)
    case .notEqual: return bool(a != b)
    case .less: return bool(a < b)
    case .lessEqual: return bool(a <= b)
    case .greater: return bool(a > b)
    case .greaterEqual: return bool(a >= b)
    case .and: return bool(a != 0 && b != 0)
    case .or: return bool(a != 0 || b != 0)
    }
}

@Suite struct ElementwiseBinaryTests {
    let context = KernelContext(threads: 2)

    /// Every op, every dtype pair, every broadcast pair and layout, against the scalar reference.
    @Test(arguments: BinaryOp.allCases)
    func matchesScalarReference(op: BinaryOp) throws {
        var rng = SplitMix64(state: UInt64(op.hashValue & 0xffff) &+ 17)
        let dtypes: [DType] = [.bool, .i64, .f32, .f64]
        for (shapeA, shapeB) in broadcastPairs {
            for da in dtypes {
                for db in dtypes {
                    let layoutA = TestLayout.allCases[rng.int(0...2)], layoutB = TestLayout.allCases[rng.int(0...2)]
                    var va = randomValues(shapeA.reduce(1, *), dtype: da, rng: &rng)
                    let vb = randomValues(shapeB.reduce(1, *), dtype: db, rng: &rng)
                    if op == .power { va = va.map { max(-3, min(3, $0)) } }
                    let a = try makeTensor(va, shape: shapeA, dtype: da, layout: layoutA)
                    let b = try makeTensor(vb, shape: shapeB, dtype: db, layout: layoutB)
                    try check(op, a, b, va, vb)
                }
            }
        }
    }

    func check(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ va: [Double], _ vb: [Double]) throws {
        let compute = op.computeType(DType.join(a.dtype, b.dtype))
        let shape = try Tensor.broadcastShapes(a.shape, b.shape)
        var expected: [Double] = []
        var failing = false
        forEachIndex(shape) { _, index in
            let x = va[broadcastPosition(index, into: a.shape)], y = vb[broadcastPosition(index, into: b.shape)]
            guard let r = referenceBinary(op, x, y, compute: compute) else { failing = true; return }
            expected.append(compute == .f32 && !op.isComparison && op != .and && op != .or ? Double(Float(r)) : r)
        }
        let label = "\(op) \(a.dtype)\(a.shape) \(b.dtype)\(b.shape)"
        if failing {
            #expect(throws: KernelError.self, "\(label)") { try Tensor.binary(op, .tensor(a), .tensor(b), context: context) }
            return
        }
        let result = try Tensor.binary(op, .tensor(a), .tensor(b), context: context)
        #expect(result.shape == shape, "\(label)")
        let tolerance = compute == .f32 ? 1e-6 : 1e-15
        #expect(sameValues(result.toDoubles(), expected, tolerance: tolerance), "\(label): \(result.toDoubles()) vs \(expected)")
    }

    @Test(arguments: [BinaryOp.add, .multiply, .divide, .subtract, .maximum, .less, .modulo])
    func scalarOperandsBroadcastOnEitherSide(op: BinaryOp) throws {
        var rng = SplitMix64(state: 99)
        for dtype in [DType.i64, .f32, .f64] {
            for layout in TestLayout.allCases {
                let values = randomValues(35, dtype: dtype, rng: &rng).map { $0 == 0 ? 1 : $0 }
                let t = try makeTensor(values, shape: [5, 7], dtype: dtype, layout: layout)
                for scalar in [Scalar.int(3), .float(-2.5)] {
                    let compute = op.computeType(Tensor.promotedType(.tensor(t), .scalar(scalar)))
                    let right = try Tensor.binary(op, .tensor(t), .scalar(scalar), context: context)
                    let left = try Tensor.binary(op, .scalar(scalar), .tensor(t), context: context)
                    let round = { (r: Double) in compute == .f32 && !op.isComparison ? Double(Float(r)) : r }
                    let s = Double(scalar: scalar)
                    #expect(sameValues(right.toDoubles(), values.map { round(referenceBinary(op, $0, s, compute: compute) ?? .nan) }, tolerance: 1e-6))
                    #expect(sameValues(left.toDoubles(), values.map { round(referenceBinary(op, s, $0, compute: compute) ?? .nan) }, tolerance: 1e-6))
                }
            }
        }
    }

    /// Big enough for the threaded and SIMD paths, with tails that are not a multiple of 8.
    @Test func largeContiguousAndBroadcastOperandsMatchReference() throws {
        var rng = SplitMix64(state: 5)
        let rows = 301, columns = 517
        let va = (0..<(rows * columns)).map { _ in rng.unit() * 4 - 2 }
        let vb = (0..<columns).map { _ in rng.unit() + 0.5 }
        for dtype in [DType.f32, .f64] {
            let a = try Tensor(va, shape: [rows, columns], dtype: dtype)
            let b = try Tensor(vb, shape: [columns], dtype: dtype)
            for op in [BinaryOp.add, .subtract, .multiply, .divide, .maximum, .minimum] {
                let result = try Tensor.binary(op, .tensor(a), .tensor(b), context: context).toDoubles()
                let fa = a.toDoubles(), fb = b.toDoubles()
                var expected = [Double](repeating: 0, count: fa.count)
                for i in 0..<fa.count {
                    let r = referenceBinary(op, fa[i], fb[i % columns], compute: dtype) ?? .nan
                    expected[i] = dtype == .f32 ? Double(Float(r)) : r
                }
                #expect(result == expected, "\(op) \(dtype)")
            }
        }
    }

    @Test func maximumAndMinimumPropagateNaN() throws {
        for dtype in [DType.f32, .f64] {
            let a = try Tensor([.nan, 1, 2, .nan, 5, 6, 7, 8, 9, 10], shape: [10], dtype: dtype)
            let b = try Tensor([0, .nan, 3, 4, 1, 1, .nan, 1, 1, 1], shape: [10], dtype: dtype)
            for op in [BinaryOp.maximum, .minimum] {
                let r = try Tensor.binary(op, .tensor(a), .tensor(b), context: context).toDoubles()
                #expect(r[0].isNaN && r[1].isNaN && r[3].isNaN && r[6].isNaN)
                #expect(r[2] == (op == .maximum ? 3 : 2))
            }
        }
    }

    @Test func integerOverflowIsAnOverflowError() throws {
        let big = try Tensor([Int64.max, 1], shape: [2])
        let small = try Tensor([Int64.min, 1], shape: [2])
        #expect(KernelError.kind(.overflow) { _ = try Tensor.binary(.add, .tensor(big), .scalar(.int(1)), context: context) })
        #expect(KernelError.kind(.overflow) { _ = try Tensor.binary(.subtract, .tensor(small), .scalar(.int(1)), context: context) })
        #expect(KernelError.kind(.overflow) { _ = try Tensor.binary(.multiply, .tensor(big), .scalar(.int(2)), context: context) })
        #expect(KernelError.kind(.overflow) { _ = try Tensor.binary(.power, .scalar(.int(3)), .scalar(.int(40)), context: context) })
        #expect(KernelError.kind(.overflow) { _ = try Tensor.binary(.floorDivide, .tensor(small), .scalar(.int(-1)), context: context) })
        #expect(try Tensor.binary(.modulo, .tensor(small), .scalar(.int(-1)), context: context).toInt64s() == [0, 0])
        #expect(try Tensor.binary(.power, .scalar(.int(-2)), .scalar(.int(63)), context: context).toInt64s() == [Int64.min])
        #expect(try Tensor.binary(.power, .scalar(.int(2)), .scalar(.int(62)), context: context).toInt64s() == [1 << 62])
    }

    @Test func overflowIsFoundInTheThreadedPath() throws {
        var values = [Int64](repeating: 1, count: 200_000)
        values[150_001] = Int64.max
        let t = try Tensor(values, shape: [values.count])
        #expect(KernelError.kind(.overflow) { _ = try Tensor.binary(.add, .tensor(t), .tensor(t), context: context) })
    }

    @Test func integerDivisionByZeroIsAZeroDivisionError() throws {
        let t = try Tensor([4, 5] as [Int64], shape: [2])
        #expect(KernelError.kind(.zeroDivision) { _ = try Tensor.binary(.floorDivide, .tensor(t), .scalar(.int(0)), context: context) })
        #expect(KernelError.kind(.zeroDivision) { _ = try Tensor.binary(.modulo, .tensor(t), .scalar(.int(0)), context: context) })
        // `/` is float division: IEEE results, no error.
        let q = try Tensor.binary(.divide, .tensor(t), .scalar(.int(0)), context: context)
        #expect(q.toDoubles() == [.infinity, .infinity])
        let f = try Tensor([1, -1, 0], shape: [3], dtype: .f64)
        let r = try Tensor.binary(.floorDivide, .tensor(f), .scalar(.float(0)), context: context).toDoubles()
        #expect(r[0] == .infinity && r[1] == -.infinity && r[2].isNaN)
        #expect(try Tensor.binary(.modulo, .tensor(f), .scalar(.float(0)), context: context).toDoubles().allSatisfy(\.isNaN))
    }

    @Test func negativeIntegerPowerIsAValueError() throws {
        let t = try Tensor([2, 3] as [Int64], shape: [2])
        #expect(KernelError.kind(.value) { _ = try Tensor.binary(.power, .tensor(t), .scalar(.int(-1)), context: context) })
        #expect(try Tensor.binary(.power, .tensor(t), .scalar(.float(-1)), context: context).toDoubles() == [0.5, 1.0 / 3])
    }

    @Test func moduloTakesTheDivisorSign() throws {
        let a = try Tensor([7, -7, 7, -7] as [Int64], shape: [4])
        let b = try Tensor([3, 3, -3, -3] as [Int64], shape: [4])
        #expect(try Tensor.binary(.modulo, .tensor(a), .tensor(b), context: context).toInt64s() == [1, 2, -2, -1])
        #expect(try Tensor.binary(.floorDivide, .tensor(a), .tensor(b), context: context).toInt64s() == [2, -3, -3, 2])
        let fa = try a.astype(.f64, context: context), fb = try b.astype(.f64, context: context)
        #expect(try Tensor.binary(.modulo, .tensor(fa), .tensor(fb), context: context).toDoubles() == [1, 2, -2, -1])
        #expect(try Tensor.binary(.floorDivide, .tensor(fa), .tensor(fb), context: context).toDoubles() == [2, -3, -3, 2])
    }

    /// Signed zeros and infinities as NumPy gives them (checked against NumPy 2.4).
    @Test func floatFloorDivisionAndModuloEdgeCases() throws {
        let a = try Tensor([-0.0, 0, 5, -5, 5, -5], shape: [6])
        let b = try Tensor([1.5, -5, .infinity, .infinity, -.infinity, -.infinity], shape: [6])
        let q = try Tensor.binary(.floorDivide, .tensor(a), .tensor(b), context: context).toDoubles()
        #expect(q.map(\.sign) == [.minus, .minus, .plus, .minus, .minus, .plus])
        #expect(q == [0, 0, 0, -1, -1, 0])
        let r = try Tensor.binary(.modulo, .tensor(a), .tensor(b), context: context).toDoubles()
        #expect(r == [0, 0, 5, .infinity, -.infinity, -5])
        #expect(r[1].sign == .minus)
    }

    @Test func incompatibleShapesAreAShapeError() throws {
        let a = try Tensor(zeros: [2, 3], dtype: .f64), b = try Tensor(zeros: [4], dtype: .f64)
        #expect(KernelError.kind(.shape) { _ = try Tensor.binary(.add, .tensor(a), .tensor(b), context: context) })
    }

    @Test func workIsCountedAndCancellationStops() throws {
        let counting = KernelContext(threads: 1)
        let t = try Tensor(zeros: [10, 10], dtype: .f64)
        _ = try Tensor.binary(.add, .tensor(t), .scalar(.int(1)), context: counting)
        #expect(counting.work.load(ordering: .relaxed) == 100)
        let cancelled = KernelContext(threads: 2)
        cancelled.cancellation.store(true, ordering: .relaxed)
        #expect(KernelError.kind(.limit) { _ = try Tensor.binary(.add, .tensor(t), .tensor(t), context: cancelled) })
        #expect(KernelError.kind(.limit) { _ = try t.reduce(.sum, axes: nil, keepdims: false, context: cancelled) })
    }
}
