import Testing
@testable import LAKernels

/// Rational tensors through `where`, `cumsum`, batched `@` and exact element-wise functions.
@Suite struct RationalTensorKernelTests {
    let context = KernelContext(threads: 1)

    /// A rational tensor of `shape` whose element i is (i·7 mod 11 − 5) / (i mod 4 + 1).
    func sample(_ shape: [Int], salt: Int = 0) throws -> Tensor {
        let count = shape.reduce(1, *)
        let values = try (0..<count).map { i in
            try Rational(numerator: Int64(((i + salt) * 7) % 11 - 5), denominator: Int64((i + salt) % 4 + 1))
        }
        return try Tensor(rationals: values, shape: shape, context: context)
    }

    /// The product of two 2-D rational tensors through `RationalMatrix` (the reference).
    func referenceProduct(_ a: Tensor, _ b: Tensor) throws -> [Rational] {
        let left = try RationalMatrix(rows: a.shape[0], columns: a.shape[1], elements: try a.rationalElements())
        let right = try RationalMatrix(rows: b.shape[0], columns: b.shape[1], elements: try b.rationalElements())
        return try left.multiplied(by: right).elements
    }

    @Test func batchedMatmulBroadcastsAndMatchesEachProduct() throws {
        let a = try sample([2, 1, 3, 4])
        let b = try sample([3, 4, 2], salt: 5)
        let product = try Tensor.matmul(a, b, context: context)
        #expect(product.dtype == .rational && product.shape == [2, 3, 3, 2])
        for i in 0..<2 {
            for j in 0..<3 {
                let expected = try referenceProduct(try a.index([.int(i), .int(0)], context: context), try b.index([.int(j)], context: context))
                #expect(try product.index([.int(i), .int(j)], context: context).rationalElements() == expected)
            }
        }
    }

    @Test func matmulReadsTransposedViewsVectorsAndIntegers() throws {
        let a = try sample([4, 3])
        let at = try a.transposed(nil)  // 3×4, a strided view
        let square = try Tensor.matmul(at, a, context: context)
        #expect(try square.rationalElements() == (try referenceProduct(try at.contiguousCopy(context: context), a)))
        let vector = try sample([3], salt: 2)
        let left = try Tensor.matmul(vector, at, context: context)
        let row = try vector.reshaped([1, 3], context: context)
        #expect(left.shape == [4])
        #expect(try left.rationalElements() == (try referenceProduct(row, try at.contiguousCopy(context: context))))
        let batch = try sample([2, 4, 3], salt: 1)
        let batchedVector = try Tensor.matmul(batch, vector, context: context)
        #expect(batchedVector.shape == [2, 4])
        let column = try vector.reshaped([3, 1], context: context)
        let expected = try referenceProduct(try batch.index([.int(0)], context: context), column) + referenceProduct(try batch.index([.int(1)], context: context), column)
        #expect(try batchedVector.rationalElements() == expected)
        let integers = try Tensor([Int64(1), 2, 3], shape: [3], context: context)
        #expect(try Tensor.matmul(integers, vector, context: context).rationalElements()
                == [try zip([Rational(1), Rational(2), Rational(3)], vector.rationalElements()).reduce(.zero) { $0 + $1.0 * $1.1 }])
    }

    @Test func cumsumRunsAlongEachAxisExactly() throws {
        let t = try sample([2, 3, 4])
        let values = try t.rationalElements()
        func element(_ i: Int, _ j: Int, _ k: Int) -> Rational { values[(i * 3 + j) * 4 + k] }
        for axis in 0..<3 {
            let sums = try t.cumsum(axis: axis, context: context)
            #expect(sums.dtype == .rational && sums.shape == [2, 3, 4])
            var expected: [Rational] = []
            for i in 0..<2 {
                for j in 0..<3 {
                    for k in 0..<4 {
                        let index = [i, j, k]
                        expected.append((0...index[axis]).reduce(Rational.zero) { total, step in
                            var at = index
                            at[axis] = step
                            return total + element(at[0], at[1], at[2])
                        })
                    }
                }
            }
            #expect(try sums.rationalElements() == expected, "axis \(axis)")
        }
        let flat = try t.transposed(nil).cumsum(axis: nil, context: context)
        let order = try t.transposed(nil).rationalElements()
        #expect(try flat.rationalElements().last == order.reduce(.zero, +))
        #expect(try Tensor(rationals: [], shape: [0, 3], context: context).cumsum(axis: 0, context: context).shape == [0, 3])
    }

    @Test func whereIsExactAndMixesWithFloatsAsFloats() throws {
        let a = try sample([2, 3])
        let condition = try Tensor.binary(.greater, .tensor(a), .scalar(.int(0)), context: context)
        let chosen = try Tensor.select(.tensor(condition), .tensor(a), .scalar(.int(0)), context: context)
        #expect(chosen.dtype == .rational)
        #expect(try chosen.rationalElements() == (try a.rationalElements()).map { $0 > .zero ? $0 : .zero })
        let mixed = try Tensor.select(.tensor(condition), .tensor(a), .scalar(.float(0.5)), context: context)
        #expect(mixed.dtype == .f64)
        #expect(mixed.toDoubles() == (try a.rationalElements()).map { $0 > .zero ? $0.doubleValue : 0.5 })
        // A rational condition is read exactly: a tiny nonzero value is true.
        let tiny = try Rational(numerator: BigInt(1), denominator: BigInt(integerText: "1" + String(repeating: "0", count: 400)) ?? BigInt(1))
        let flags = try Tensor(rationals: [tiny, .zero], shape: [2], context: context)
        #expect(try Tensor.select(.tensor(flags), .scalar(.int(1)), .scalar(.int(2)), context: context).toInt64s() == [1, 2])
        let row = try sample([3], salt: 3)
        let broadcast = try Tensor.select(.scalar(.bool(false)), .tensor(a), .tensor(row), context: context)
        #expect(broadcast.shape == [2, 3])
        #expect(try broadcast.rationalElements() == (try row.rationalElements()) + (try row.rationalElements()))
    }

    @Test func exactFunctionsGiveRationalsOnlyWhenEveryResultIsRational() throws {
        let squares = try Tensor(rationals: [Rational(4), try Rational(numerator: 9, denominator: 4), .zero], shape: [3], context: context)
        #expect(try squares.exactUnary(.sqrt, context: context)?.rationalElements()
                == [Rational(2), try Rational(numerator: 3, denominator: 2), .zero])
        let mixed = try Tensor(rationals: [Rational(4), Rational(2)], shape: [2], context: context)
        #expect(try mixed.exactUnary(.sqrt, context: context) == nil)
        #expect(try mixed.unary(.sqrt, context: context).toDoubles() == [2, 2.0.squareRoot()], "outside exact mode: floats")
        let powers = try Tensor([Int64(8), 1, 1024], shape: [3], context: context)
        #expect(try powers.exactUnary(.log2, context: context)?.rationalElements() == [Rational(3), .zero, Rational(10)])
        let tenths = try Tensor(rationals: [try Rational(numerator: 1, denominator: 1000), Rational(100)], shape: [2], context: context)
        #expect(try tenths.exactUnary(.log10, context: context)?.rationalElements() == [Rational(-3), Rational(2)])
        #expect(try Tensor([Int64(999)], shape: [1], context: context).exactUnary(.log10, context: context) == nil)
        let halves = try [1, 3, 5, -1, -3, 7].map { try Rational(numerator: Int64($0), denominator: 2) }
        let rounded = try Tensor(rationals: halves, shape: [6], context: context).unary(.round, context: context)
        #expect(rounded.dtype == .rational)
        #expect(try rounded.rationalElements() == [0, 2, 2, 0, -2, 4].map { Rational(Int64($0)) }, "ties go to even")
        #expect(UnaryOp.sin.exactResult(.zero) == .zero && UnaryOp.cos.exactResult(.zero) == .one)
        #expect(UnaryOp.exp.exactResult(.one) == nil && UnaryOp.isnan.exactResult(.zero) == nil)
    }

    @Test func exactRangesAndFills() throws {
        let quarter = try Rational(numerator: 1, denominator: 4)
        let range = try Tensor.exactArange(start: .zero, stop: .one, step: quarter, context: context)
        #expect(try range.rationalElements() == (0..<4).map { Rational(Int64($0)) * quarter })
        let down = try Tensor.exactArange(start: .one, stop: .zero, step: -quarter, context: context)
        #expect(try down.count == 4 && down.rationalElements().last == quarter)
        #expect(try Tensor.exactArange(start: .one, stop: .zero, step: quarter, context: context).shape == [0])
        #expect(throws: KernelError.self) { try Tensor.exactArange(start: .zero, stop: .one, step: .zero, context: context) }
        let tiny = try Rational(numerator: BigInt(1), denominator: BigInt(integerText: "1" + String(repeating: "0", count: 30)) ?? BigInt(1))
        #expect(throws: KernelError.self, "10^30 elements do not fit") {
            try Tensor.exactArange(start: .zero, stop: .one, step: tiny, context: context)
        }
        let spaced = try Tensor.exactLinspace(.zero, .one, count: 4, context: context)
        #expect(try spaced.rationalElements() == [.zero, try Rational(numerator: 1, denominator: 3), try Rational(numerator: 2, denominator: 3), .one])
        #expect(try Tensor.exactLinspace(quarter, .one, count: 1, context: context).rationalElements() == [quarter])
        #expect(throws: KernelError.self) { try Tensor.exactLinspace(.zero, .one, count: -1, context: context) }
        let filled = try Tensor.full([2, 3], rational: quarter, context: context)
        #expect(try filled.shape == [2, 3] && filled.rationalElements() == Array(repeating: quarter, count: 6))
        let trace = try Linalg.trace(try sample([3, 3]), context: context)
        let elements = try sample([3, 3]).rationalElements()
        #expect(try trace.rationalElements() == [elements[0] + elements[4] + elements[8]])
    }

    @Test func wholeNumberRationalTensorsIndexLikeIntegers() throws {
        let v = try Tensor([Int64(10), 20, 30], shape: [3], context: context)
        let picks = try Tensor(rationals: [Rational(2), Rational(-3)], shape: [2], context: context)
        #expect(try v.index([.tensor(picks)], context: context).toInt64s() == [30, 10])
        let half = try Tensor(rationals: [try Rational(numerator: 1, denominator: 2)], shape: [1], context: context)
        #expect(throws: KernelError.self) { try v.index([.tensor(half)], context: context) }
        let huge = try Tensor(rationals: [Rational(BigInt(integerText: "1" + String(repeating: "0", count: 30)) ?? BigInt(0))],
                              shape: [1], context: context)
        do {
            _ = try v.index([.tensor(huge)], context: context)
            Issue.record("an index beyond Int64 must fail")
        } catch let error as KernelError {
            #expect(error.kind == .index)
        }
    }
}
