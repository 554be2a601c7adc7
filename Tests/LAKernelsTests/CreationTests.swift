import Testing
@testable import LAKernels

@Suite struct CreationTests {
    let context = KernelContext(threads: 1)

    @Test func literalsTakeTheSmallestDType() throws {
        func dtype(_ s: [Scalar]) throws -> DType { try Tensor(scalars: s, shape: [s.count], dtype: nil, context: context).dtype }
        #expect(try dtype([.bool(true), .bool(false)]) == .bool)
        #expect(try dtype([.int(1), .int(2)]) == .i64)
        #expect(try dtype([.bool(true), .int(2)]) == .i64)
        #expect(try dtype([.int(1), .float(2.5)]) == .f64)
        #expect(try dtype([.bool(true), .float(2.5)]) == .f64)
        #expect(try dtype([]) == .f64)
        let mixed = try Tensor(scalars: [.bool(true), .int(2), .float(-0.5), .int(4)], shape: [2, 2], dtype: nil, context: context)
        #expect(mixed.toDoubles() == [1, 2, -0.5, 4])
        let forced = try Tensor(scalars: [.float(2.9), .float(-2.9)], shape: [2], dtype: .i64, context: context)
        #expect(forced.toInt64s() == [2, -2])
        let f32 = try Tensor(scalars: [.int(16_777_217)], shape: [], dtype: .f32, context: context)
        #expect(f32.toDoubles() == [16_777_216])
        #expect(throws: KernelError.self) { try Tensor(scalars: [.int(1)], shape: [2], dtype: nil, context: context) }
        #expect(throws: KernelError.self) { try Tensor(scalars: [.float(.infinity)], shape: [1], dtype: .i64, context: context) }
    }

    @Test func fullAndEye() throws {
        let f = try Tensor.full([2, 3], .float(1.5), dtype: nil, context: context)
        #expect(f.dtype == .f64)
        #expect(f.toDoubles() == Array(repeating: 1.5, count: 6))
        #expect(try Tensor.full([4], .int(7), dtype: .f32, context: context).toDoubles() == [7, 7, 7, 7])
        #expect(try Tensor.full([2], .bool(true), dtype: nil, context: context).toBools() == [true, true])
        #expect(try Tensor.full([0, 3], .int(1), dtype: nil, context: context).shape == [0, 3])
        #expect(throws: KernelError.self) { try Tensor.full([-1], .int(1), dtype: nil, context: context) }
        for dtype in DType.allCases {
            for n in [0, 1, 2, 5] {
                let e = try Tensor.eye(n, dtype: dtype, context: context)
                #expect(e.shape == [n, n])
                #expect(e.dtype == dtype)
                #expect(e.toDoubles() == multiIndices([n, n]).map { $0[0] == $0[1] ? 1 : 0 })
            }
        }
        #expect(throws: KernelError.self) { try Tensor.eye(-1, dtype: .f64, context: context) }
        #expect(throws: KernelError.self) { try Tensor.eye(Int.max, dtype: .f64, context: context) }
    }

    @Test func integerRangesFollowTheLengthRule() throws {
        var data = TestData(seed: 7)
        for _ in 0..<500 {
            let start = data.int(-20...20), stop = data.int(-20...20)
            let step = data.pick([1, 2, 3, 7, -1, -2, -5])
            let r = try Tensor.arange(start: .int(Int64(start)), stop: .int(Int64(stop)), step: .int(Int64(step)), context: context)
            #expect(r.dtype == .i64)
            #expect(r.toInt64s() == Array(stride(from: start, to: stop, by: step)).map(Int64.init))
        }
        // Extremes: the distance overflows i64 but the values do not.
        let wide = try Tensor.arange(start: .int(.min), stop: .int(.max), step: .int(.max), context: context)
        #expect(wide.toInt64s() == [.min, -1, .max - 1])
        #expect(throws: KernelError.self) { try Tensor.arange(start: .int(0), stop: .int(.max), step: .int(1), context: context) }
        #expect(throws: KernelError.self) { try Tensor.arange(start: .int(0), stop: .int(5), step: .int(0), context: context) }
        #expect(try Tensor.arange(start: .bool(false), stop: .int(3), step: .bool(true), context: context).toInt64s() == [0, 1, 2])
    }

    @Test func floatRangesFollowTheLengthRule() throws {
        // np.arange(0, 1, 0.1) has 10 elements; np.arange(1, 0, -0.3) has 4.
        let tenths = try Tensor.arange(start: .int(0), stop: .int(1), step: .float(0.1), context: context)
        #expect(tenths.dtype == .f64)
        #expect(tenths.toDoubles() == (0..<10).map { Double($0) * 0.1 })
        // NumPy steps by (start + step) - start, so its values are matched to the bit.
        let down = try Tensor.arange(start: .float(1), stop: .int(0), step: .float(-0.3), context: context)
        #expect(down.toDoubles() == [1.0, 0.7, 0.3999999999999999, 0.09999999999999987])
        let up = try Tensor.arange(start: .float(-3.7), stop: .float(-0.5), step: .float(0.3), context: context)
        #expect(up.count == 11)
        #expect(Array(up.toDoubles().prefix(4)) == [-3.7, -3.4000000000000004, -3.1000000000000005, -2.8000000000000007])
        #expect(try Tensor.arange(start: .float(5), stop: .float(1), step: .float(1), context: context).shape == [0])
        #expect(throws: KernelError.self) { try Tensor.arange(start: .float(0), stop: .float(.infinity), step: .float(1), context: context) }
        #expect(throws: KernelError.self) { try Tensor.arange(start: .float(0), stop: .float(1), step: .float(0), context: context) }
        #expect(throws: KernelError.self) { try Tensor.arange(start: .float(0), stop: .float(1e300), step: .float(1e-300), context: context) }
        #expect(try Tensor.arange(start: .float(0), stop: .float(-1e300), step: .float(1e-300), context: context).shape == [0])
    }

    @Test func linspaceIncludesBothEnds() throws {
        let l = try Tensor.linspace(0, 1, count: 5, context: context)
        #expect(l.toDoubles() == [0, 0.25, 0.5, 0.75, 1])
        let thirds = try Tensor.linspace(1, 2, count: 4, context: context).toDoubles()
        #expect(thirds.first == 1 && thirds.last == 2)
        #expect(zip(thirds, [1, 4.0 / 3, 5.0 / 3, 2]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(try Tensor.linspace(3, 9, count: 1, context: context).toDoubles() == [3])
        #expect(try Tensor.linspace(3, 9, count: 0, context: context).shape == [0])
        #expect(try Tensor.linspace(2, 2, count: 3, context: context).toDoubles() == [2, 2, 2])
        #expect(throws: KernelError.self) { try Tensor.linspace(0, 1, count: -1, context: context) }
    }
}
