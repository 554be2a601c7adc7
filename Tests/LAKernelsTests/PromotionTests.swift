import Testing
@testable import LAKernels

@Suite struct PromotionTests {
    let context = KernelContext(threads: 1)

    func tensor(_ dtype: DType) throws -> Operand {
        .tensor(try Tensor([1, 2, 3], shape: [3], dtype: dtype))
    }

    @Test func latticeJoinIsTheLargerDType() {
        let order: [DType] = [.bool, .i64, .rational, .f32, .f64]
        for (i, a) in order.enumerated() {
            for (j, b) in order.enumerated() {
                #expect(DType.join(a, b) == order[max(i, j)], "join(\(a), \(b))")
            }
        }
    }

    @Test(arguments: [
        (DType.bool, DType.bool, BinaryOp.add, DType.i64),
        (.bool, .i64, .add, .i64), (.i64, .f32, .add, .f32), (.f32, .f64, .multiply, .f64),
        (.i64, .i64, .divide, .f64), (.f32, .f32, .divide, .f32), (.bool, .bool, .divide, .f64),
        (.i64, .i64, .floorDivide, .i64), (.f32, .i64, .modulo, .f32),
        (.i64, .f64, .less, .bool), (.f32, .f32, .and, .bool), (.bool, .bool, .maximum, .bool),
        (.i64, .i64, .power, .i64),
    ])
    func tensorTensorResultDType(a: DType, b: DType, op: BinaryOp, expected: DType) throws {
        let result = try Tensor.binary(op, tensor(a), tensor(b), context: context)
        #expect(result.dtype == expected)
        let swapped = try Tensor.binary(op, tensor(b), tensor(a), context: context)
        #expect(swapped.dtype == expected)
    }

    @Test(arguments: [
        (DType.f32, Scalar.float(0.5), DType.f32), (.i64, .float(0.5), .f64), (.i64, .int(1), .i64),
        (.bool, .int(1), .i64), (.bool, .bool(true), .bool), (.f32, .int(3), .f32), (.f64, .int(3), .f64),
        (.bool, .float(2.5), .f64), (.i64, .bool(true), .i64), (.f32, .bool(false), .f32),
    ])
    func weakScalarsAdoptTheTensorKind(dtype: DType, scalar: Scalar, expected: DType) throws {
        // maximum keeps the promoted dtype for every kind, so it shows the promotion itself.
        let right = try Tensor.binary(.maximum, tensor(dtype), .scalar(scalar), context: context)
        let left = try Tensor.binary(.maximum, .scalar(scalar), tensor(dtype), context: context)
        #expect(right.dtype == expected)
        #expect(left.dtype == expected)
    }

    @Test func weakFloatScalarKeepsF32Precision() throws {
        let x = try Tensor([1, 2, 3], shape: [3], dtype: .f32)
        let y = try Tensor.binary(.multiply, .tensor(x), .scalar(.float(0.1)), context: context)
        #expect(y.dtype == .f32)
        #expect(y.toDoubles() == [1, 2, 3].map { Double(Float($0) * Float(0.1)) })
    }

    @Test func twoScalarsGiveAZeroDimensionalStrongResult() throws {
        let sum = try Tensor.binary(.add, .scalar(.int(2)), .scalar(.float(0.5)), context: context)
        #expect(sum.shape == [])
        #expect(sum.dtype == .f64)
        #expect(sum.toDoubles() == [2.5])
        let ints = try Tensor.binary(.add, .scalar(.int(2)), .scalar(.bool(true)), context: context)
        #expect(ints.dtype == .i64)
        #expect(ints.toInt64s() == [3])
    }

    @Test func selectPromotesBranchesWithWeakScalars() throws {
        let c = Operand.tensor(try Tensor([true, false], shape: [2]))
        let f = Operand.tensor(try Tensor([1, 2], shape: [2], dtype: .f32))
        #expect(try Tensor.select(c, f, .scalar(.int(0)), context: context).dtype == .f32)
        let i = Operand.tensor(try Tensor([1, 2] as [Int64], shape: [2]))
        #expect(try Tensor.select(c, i, .scalar(.float(0.5)), context: context).dtype == .f64)
        #expect(try Tensor.select(c, i, f, context: context).dtype == .f32)
    }
}
