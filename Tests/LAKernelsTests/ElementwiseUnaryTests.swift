import Foundation
import Testing
@testable import LAKernels

/// A scalar Swift reference for one unary op.
func referenceUnary(_ op: UnaryOp, _ x: Double) -> Double {
    switch op {
    case .negate: -x
    case .abs: Swift.abs(x)
    case .sign: x.isNaN ? .nan : (x > 0 ? 1 : (x < 0 ? -1 : 0))
    case .sqrt: Foundation.sqrt(x)
    case .exp: Foundation.exp(x)
    case .log: Foundation.log(x)
    case .log2: Foundation.log2(x)
    case .log10: Foundation.log10(x)
    case .sin: Foundation.sin(x)
    case .cos: Foundation.cos(x)
    case .tan: Foundation.tan(x)
    case .tanh: Foundation.tanh(x)
    case .erf: Foundation.erf(x)
    case .floor: Foundation.floor(x)
    case .ceil: Foundation.ceil(x)
    case .round: x.rounded(.toNearestOrEven)
    case .isnan: x.isNaN ? 1 : 0
    case .isinf: x.isInfinite ? 1 : 0
    case .not: x == 0 ? 1 : 0
    }
}

@Suite struct ElementwiseUnaryTests {
    let context = KernelContext(threads: 2)

    func expectedDType(_ op: UnaryOp, _ dtype: DType) -> DType {
        switch op {
        case .isnan, .isinf, .not: .bool
        case .sqrt, .exp, .log, .log2, .log10, .sin, .cos, .tan, .tanh, .erf: dtype.isFloatingPoint ? dtype : .f64
        default: dtype == .bool ? .i64 : dtype
        }
    }

    @Test(arguments: UnaryOp.allCases)
    func matchesScalarReference(op: UnaryOp) throws {
        var rng = SplitMix64(state: 7)
        for shape in propertyShapes {
            for dtype in [DType.bool, .i64, .f32, .f64] {
                for layout in TestLayout.allCases {
                    var values = randomValues(shape.reduce(1, *), dtype: dtype, rng: &rng)
                    if dtype.isFloatingPoint && values.count > 2 { values[0] = .nan; values[1] = -.infinity; values[2] = 2.5 }
                    let t = try makeTensor(values, shape: shape, dtype: dtype, layout: layout)
                    let result = try t.unary(op, context: context)
                    let resultType = expectedDType(op, dtype)
                    #expect(result.dtype == resultType, "\(op) \(dtype)")
                    #expect(result.shape == shape)
                    let inputs = t.toDoubles()
                    let expected = inputs.map { x in
                        resultType == .f32 ? Double(Float(referenceUnary(op, x))) : referenceUnary(op, x)
                    }
                    let tolerance = resultType == .f32 ? 2e-7 : 1e-15
                    #expect(sameValues(result.toDoubles(), expected, tolerance: tolerance), "\(op) \(dtype) \(shape) \(layout)")
                }
            }
        }
    }

    /// The vectorised f32 exp and tanh against the correctly rounded value, over their whole range.
    @Test(arguments: [(UnaryOp.exp, -110.0, 90.0, UInt32(2)), (.tanh, -12, 12, 3), (.tanh, -0.001, 0.001, 3)])
    func vectorisedFloatFunctionsAreWithinAFewUlp(op: UnaryOp, low: Double, high: Double, ulps: UInt32) throws {
        let n = 200_003
        var values = (0..<n).map { low + (high - low) * Double($0) / Double(n) }
        values += [0, -0.0, .infinity, -.infinity, .nan, 88.72, 88.73, -87.3, -103.9, 1e-30, -1e-30, 0.625, -0.625]
        let t = try Tensor(values, shape: [values.count], dtype: .f32)
        let result = try t.unary(op, context: context)
        let out = result.storage.pointer(as: Float.self)
        let input = t.storage.pointer(as: Float.self)
        var worst: UInt32 = 0
        for i in 0..<values.count {
            let exact = Float(referenceUnary(op, Double(input[i])))
            if exact.isNaN { #expect(out[i].isNaN); continue }
            #expect(out[i].sign == exact.sign || exact == 0, "\(op)(\(input[i]))")
            let distance = out[i].bitPattern > exact.bitPattern ? out[i].bitPattern - exact.bitPattern : exact.bitPattern - out[i].bitPattern
            worst = max(worst, distance)
        }
        #expect(worst <= ulps, "\(op): worst error \(worst) ulp")
    }

    @Test func roundIsHalfToEven() throws {
        let t = try Tensor([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999], shape: [6])
        #expect(try t.unary(.round, context: context).toDoubles() == [0, 2, 2, -0, -2, 2])
    }

    @Test func negatingTheSmallestIntegerIsAnOverflowError() throws {
        let t = try Tensor([Int64.min, 3], shape: [2])
        #expect(KernelError.kind(.overflow) { _ = try t.unary(.negate, context: context) })
        #expect(KernelError.kind(.overflow) { _ = try t.unary(.abs, context: context) })
    }

    @Test func selectBroadcastsAllThreeOperands() throws {
        var rng = SplitMix64(state: 3)
        let shapes: [([Int], [Int], [Int])] = [([3, 1], [1, 4], [4]), ([2, 3], [], [2, 3]), ([0, 2], [2], [1]), ([5], [5], [5])]
        for (sc, sa, sb) in shapes {
            for layout in TestLayout.allCases {
                let vc = randomValues(sc.reduce(1, *), dtype: .bool, rng: &rng)
                let va = randomValues(sa.reduce(1, *), dtype: .f64, rng: &rng)
                let vb = randomValues(sb.reduce(1, *), dtype: .i64, rng: &rng)
                let c = try makeTensor(vc, shape: sc, dtype: .bool, layout: layout)
                let a = try makeTensor(va, shape: sa, dtype: .f64, layout: layout)
                let b = try makeTensor(vb, shape: sb, dtype: .i64, layout: .contiguous)
                let result = try Tensor.select(.tensor(c), .tensor(a), .tensor(b), context: context)
                let shape = try Tensor.broadcastShapes(try Tensor.broadcastShapes(sc, sa), sb)
                var expected: [Double] = []
                forEachIndex(shape) { _, index in
                    expected.append(vc[broadcastPosition(index, into: sc)] != 0
                        ? va[broadcastPosition(index, into: sa)] : vb[broadcastPosition(index, into: sb)])
                }
                #expect(result.shape == shape)
                #expect(result.dtype == .f64)
                #expect(result.toDoubles() == expected)
            }
        }
    }

    @Test func selectReadsTheConditionByTruthiness() throws {
        let c = try Tensor([0, 2, -1, 0] as [Int64], shape: [4])
        let r = try Tensor.select(.tensor(c), .scalar(.int(1)), .scalar(.int(0)), context: context)
        #expect(r.dtype == .i64)
        #expect(r.toInt64s() == [0, 1, 1, 0])
    }

    @Test func astypeConvertsEveryPair() throws {
        var rng = SplitMix64(state: 11)
        for from in [DType.bool, .i64, .f32, .f64] {
            for to in [DType.bool, .i64, .f32, .f64] {
                let values = randomValues(24, dtype: from, rng: &rng)
                let t = try makeTensor(values, shape: [4, 6], dtype: from, layout: .transposed)
                let r = try t.astype(to, context: context)
                #expect(r.dtype == to)
                #expect(r.isContiguous)
                let expected = t.toDoubles().map { x -> Double in
                    switch to {
                    case .bool: x != 0 ? 1 : 0
                    case .i64: x.rounded(.towardZero)
                    default: x
                    }
                }
                #expect(r.toDoubles() == expected, "\(from) → \(to)")
            }
        }
    }

    @Test func floatToIntegerTruncatesAndChecksRange() throws {
        let t = try Tensor([2.9, -2.9, 0.5, -0.0], shape: [4])
        #expect(try t.astype(.i64, context: context).toInt64s() == [2, -2, 0, 0])
        #expect(KernelError.kind(.value) { _ = try Tensor([.nan], shape: [1]).astype(.i64, context: context) })
        #expect(KernelError.kind(.overflow) { _ = try Tensor([.infinity], shape: [1]).astype(.i64, context: context) })
        #expect(KernelError.kind(.overflow) { _ = try Tensor([1e19], shape: [1], dtype: .f32).astype(.i64, context: context) })
        #expect(try Tensor([.nan, 0, -0.0], shape: [3]).astype(.bool, context: context).toBools() == [true, false, false])
    }
}
