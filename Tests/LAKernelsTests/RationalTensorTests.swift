import Testing
@testable import LAKernels

/// Rational tensors: storage, views and copies, exact element-wise ops, reductions, matmul, casts.
@Suite struct RationalTensorTests {
    let context = KernelContext(threads: 1)

    func fraction(_ n: Int64, _ d: Int64) throws -> Rational { try Rational(numerator: n, denominator: d) }

    /// H[i, j] = 1/(i + j + 1).
    func hilbert(_ n: Int) throws -> Tensor {
        let values = try (0..<n * n).map { try fraction(1, Int64($0 / n + $0 % n + 1)) }
        return try Tensor(rationals: values, shape: [n, n], context: context)
    }

    @Test func bigValuesSurviveCopiesAndWritesStayPrivate() throws {
        let big = try Rational(parsing: "123456789012345678901234567890.5")
        var a = try Tensor(rationals: [big, .one, big * big, .zero], shape: [2, 2], context: context)
        let transposed = try a.transposed(nil)
        let copy = try transposed.contiguousCopy(context: context)
        #expect(try copy.rationalElements() == [big, big * big, .one, .zero])
        let shared = a
        try a.makeUnique(context: context)
        a.storage.rationals[0] = .one
        #expect(try a.rationalElements()[0] == .one)
        #expect(try shared.rationalElements()[0] == big, "a write after makeUnique must not reach another tensor")
    }

    @Test func elementwiseIsExactAndBroadcasts() throws {
        let h = try hilbert(3)
        let rowValues: [Rational] = [.one, try fraction(1, 2), try fraction(-1, 3)]
        let row = try Tensor(rationals: rowValues, shape: [3], context: context)
        let entries = try h.rationalElements()
        let sum = try Tensor.binary(.add, .tensor(h), .tensor(row), context: context)
        let quotient = try Tensor.binary(.divide, .tensor(h), .scalar(.int(3)), context: context)
        #expect(sum.dtype == .rational && quotient.dtype == .rational)
        let expectedSum: [Rational] = entries.indices.map { entries[$0] + rowValues[$0 % 3] }
        #expect(try sum.rationalElements() == expectedSum)
        let three = Rational(3)
        let expectedQuotient: [Rational] = try entries.map { try $0 / three }
        #expect(try quotient.rationalElements() == expectedQuotient)
        let less = try Tensor.binary(.less, .tensor(h), .tensor(row), context: context)
        #expect(less.dtype == .bool)
        let expectedLess: [Bool] = entries.indices.map { entries[$0] < rowValues[$0 % 3] }
        #expect(less.toBools() == expectedLess)
        #expect(throws: KernelError.self) { try Tensor.binary(.divide, .tensor(h), .scalar(.int(0)), context: context) }
    }

    @Test func floatsTurnRationalsIntoFloats() throws {
        let h = try hilbert(2)
        let result = try Tensor.binary(.multiply, .tensor(h), .scalar(.float(0.5)), context: context)
        #expect(result.dtype == .f64)
        #expect(result.toDoubles() == [0.5, 0.25, 0.25, 1.0 / 6])
    }

    @Test func reductionsOverAxesAreExact() throws {
        let h = try hilbert(3)
        let rows = try h.reduce(.sum, axes: [1], keepdims: false, context: context)
        #expect(try rows.rationalElements() == [try fraction(11, 6), try fraction(13, 12), try fraction(47, 60)])
        let total = try h.reduce(.sum, axes: nil, keepdims: true, context: context)
        #expect(total.shape == [1, 1])
        let expectedTotal = try fraction(11, 6) + fraction(13, 12) + fraction(47, 60)
        #expect(try total.rationalElements() == [expectedTotal])
        #expect(try h.reduce(.max, axes: [0], keepdims: false, context: context).rationalElements()
                == [.one, try fraction(1, 2), try fraction(1, 3)])
    }

    @Test func matmulMatchesRationalMatrix() throws {
        let h = try hilbert(4)
        let product = try Tensor.matmul(h, h, context: context)
        let matrix = try RationalMatrix(rows: 4, columns: 4, elements: try h.rationalElements())
        #expect(try product.rationalElements() == (try matrix.multiplied(by: matrix)).elements)
        let inverse = try matrix.inv()
        let identity = try Tensor.matmul(h, try Tensor(rationals: inverse.elements, shape: [4, 4], context: context), context: context)
        #expect(try identity.rationalElements() == (try RationalMatrix.identity(4)).elements)
    }

    @Test func castsRoundTrip() throws {
        let ints = try Tensor([Int64(-3), 7], shape: [2], context: context)
        let exact = try ints.astype(.rational, context: context)
        #expect(try exact.rationalElements() == [Rational(-3), Rational(7)])
        let halves = try Tensor.binary(.divide, .tensor(exact), .scalar(.int(2)), context: context)
        #expect(try halves.astype(.i64, context: context).toInt64s() == [-1, 3], "truncation toward zero")
        #expect(try halves.astype(.f64, context: context).toDoubles() == [-1.5, 3.5])
        #expect(try Tensor([0.1], shape: [1]).astype(.rational, context: context).rationalElements() == [try Rational(exactly: 0.1)])
    }

    @Test func savingWritesTheNearestDoubles() throws {
        let h = try hilbert(2)
        let back = try Tensor.decodeNPY(h.encodeNPY(), context: context)
        #expect(back.dtype == .f64 && back.shape == [2, 2])
        #expect(back.toDoubles() == [1, 0.5, 0.5, 1.0 / 3])
    }
}
