import Testing
@testable import LAKernels

/// Malformed and hand-made .npy input, without NumPy: every problem is a thrown
/// KernelError with a message naming it, never a trap.
@Suite struct NPYTests {
    let context = KernelContext(threads: 1)

    func decodeError(_ bytes: [UInt8], context: KernelContext? = nil) -> KernelError? {
        kernelError { _ = try Tensor.decodeNPY(bytes, context: context ?? self.context) }
    }

    func expectValueError(_ bytes: [UInt8], containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        LAKernelsTests.expectValueError(decodeError(bytes), containing: text, sourceLocation: sourceLocation)
    }

    @Test func encodedHeaderIsAlignedAndDecodesBack() throws {
        // A rational tensor is written as its nearest doubles (.npy has no rational type).
        for dtype in DType.allCases where dtype != .rational {
            let tensor = try Tensor([1, 0, 3, 4, 5, 6], shape: [3, 2], dtype: dtype)
            let bytes = tensor.encodeNPY()
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            #expect((10 + headerLength) % 64 == 0)
            #expect(bytes[9 + headerLength] == 0x0A)
            #expect(bytes.count == 10 + headerLength + 6 * dtype.byteWidth)
            let back = try Tensor.decodeNPY(bytes, context: context)
            #expect(back.dtype == dtype && back.shape == [3, 2] && back.toDoubles() == tensor.toDoubles())
        }
    }

    @Test func encodesViewsInLogicalOrder() throws {
        let matrix = try Tensor([Int64(1), 2, 3, 4, 5, 6], shape: [2, 3])
        let secondRow = Tensor(storage: matrix.storage, shape: [3], strides: [1], offset: 3)
        #expect(try Tensor.decodeNPY(secondRow.encodeNPY(), context: context).toInt64s() == [4, 5, 6])
        let everyOther = Tensor(storage: matrix.storage, shape: [3], strides: [2], offset: 0)
        #expect(try Tensor.decodeNPY(everyOther.encodeNPY(), context: context).toInt64s() == [1, 3, 5])
        let broadcast = Tensor(storage: matrix.storage, shape: [2, 2], strides: [0, 1], offset: 1)
        #expect(try Tensor.decodeNPY(broadcast.encodeNPY(), context: context).toInt64s() == [2, 3, 2, 3])
    }

    @Test func headerTooLongForVersion1UsesVersion2() throws {
        let shape = Array(repeating: 1, count: 22_000)
        let bytes = try Tensor([Int64(9)], shape: shape).encodeNPY()
        #expect(bytes[6] == 2 && bytes[7] == 0)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        #expect(headerLength > 65_535 && (12 + headerLength) % 64 == 0)
        let back = try Tensor.decodeNPY(bytes, context: context)
        #expect(back.shape == shape && back.toInt64s() == [9])
    }

    @Test func everyTruncationThrows() throws {
        let files = [
            try Tensor([1.5, -2, 3, 4, 5, 6], shape: [2, 3]).encodeNPY(),
            try Tensor([true, false], shape: [2]).encodeNPY(),
            handmadeNPY("{'descr': '>i2', 'fortran_order': True, 'shape': (2, 2), }", version: 3, data: [0, 1, 0, 2, 0, 3, 0, 4]),
        ]
        for file in files {
            #expect(decodeError(file) == nil)
            for length in 0..<file.count {
                let error = decodeError(Array(file.prefix(length)))
                #expect(error?.kind == .value, "prefix of \(length) bytes")
            }
        }
        expectValueError(Array(files[0].prefix(164)), containing: "truncated .npy data: expected 48 bytes, found 36")
        expectValueError(Array(files[0].prefix(100)), containing: "truncated .npy header: expected 118 bytes, found 90")
    }

    @Test func badMagicVersionAndHeaderLength() {
        expectValueError(Array("PK\u{3}\u{4} not numpy".utf8), containing: "not a .npy file: bad magic")
        expectValueError([0x93, 0x4E, 0x55], containing: "truncated .npy file")
        var version4 = handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", data: [UInt8](repeating: 0, count: 8))
        version4[6] = 4
        expectValueError(version4, containing: "unsupported .npy format version 4.0")
        var beyond = handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (), }")
        beyond[8] = 0xFF
        beyond[9] = 0x7F
        expectValueError(beyond, containing: "truncated .npy header: expected 32767 bytes")
        let huge: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0, 0, 0x20, 0]  // 2 MiB header
        expectValueError(huge, containing: "exceeds the limit of 1048576 bytes")
    }

    @Test func absurdShapes() {
        let overflowing = handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }")
        expectValueError(overflowing, containing: "is too large")
        let bytesOverflow = handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }")
        expectValueError(bytesOverflow, containing: "is too large")
        let hugeInteger = handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }")
        expectValueError(hugeInteger, containing: "integer too large")
        let short = handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (100,), }", data: [UInt8](repeating: 0, count: 120))
        expectValueError(short, containing: "truncated .npy data: expected 800 bytes, found 120")
        let negative = handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }")
        expectValueError(negative, containing: "non-negative")
    }

    @Test func unsupportedDTypes() {
        for descr in ["|O", "<U5", "|S3", "<c16", "<M8[ns]", "<f16", "<i3", "|V8", "", "<", "f+8"] {
            let bytes = handmadeNPY("{'descr': '\(descr)', 'fortran_order': False, 'shape': (0,), }")
            expectValueError(bytes, containing: "unsupported dtype '\(descr)'")
        }
        let structured = handmadeNPY("{'descr': [('a', '<i4'), ('b', '<f8')], 'fortran_order': False, 'shape': (0,), }")
        expectValueError(structured, containing: "structured")
    }

    @Test func malformedHeaderDicts() {
        let cases: [(String, String)] = [
            ("{'descr': '<f8', 'shape': (), }", "it must have the keys"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (), 'extra': 1}", "unexpected key 'extra'"),
            ("{'descr': '<f8', 'fortran_order': 0, 'shape': ()}", "'fortran_order' must be True or False"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': [2]}", "'shape' must be a tuple"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,)}", "expected ',' or ')'"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} junk", "unexpected text after the dict"),
            ("{'descr': '<f8', 'fortran_order': Flase, 'shape': ()}", "unknown name 'Flase'"),
            ("{'descr: '<f8'}", "expected ':'"),
            ("{'descr': '<f8", "unterminated string"),
            ("{'descr' '<f8'}", "expected ':'"),
            ("{1: 2}", "dict keys must be strings"),
            ("(1, 2)", "expected a dict"),
            ("", "unexpected end"),
            ("{'shape': " + String(repeating: "(", count: 100_000), "nesting too deep"),
        ]
        for (dict, message) in cases {
            expectValueError(handmadeNPY(dict), containing: message)
        }
    }

    @Test func handwrittenHeadersInEveryByteOrder() throws {
        // '=' and '|' are native (little-endian) order; '(2)' is the int 2, not a tuple, so it is rejected.
        let native = handmadeNPY("{\"descr\": \"=i4\", \"fortran_order\": False, \"shape\": (2,)}", data: [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF])
        #expect(try Tensor.decodeNPY(native, context: context).toInt64s() == [1, -2])
        let pipe = handmadeNPY("{'descr': '|u1', 'fortran_order': False, 'shape': (3L,)}", data: [0, 128, 255])
        #expect(try Tensor.decodeNPY(pipe, context: context).toInt64s() == [0, 128, 255])
        let big = handmadeNPY("{'descr': '>u2', 'fortran_order': False, 'shape': (1,)}", data: [0x12, 0x34])
        #expect(try Tensor.decodeNPY(big, context: context).toInt64s() == [0x1234])
        let bools = handmadeNPY("{'descr': '|b1', 'fortran_order': False, 'shape': (3,)}", data: [0, 7, 1])
        #expect(try Tensor.decodeNPY(bools, context: context).toBools() == [false, true, true])
        expectValueError(handmadeNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}"), containing: "'shape' must be a tuple")
    }

    @Test func fortranOrderIsAColumnMajorView() throws {
        let data: [UInt8] = (0..<6).flatMap { i -> [UInt8] in [UInt8(i), 0, 0, 0, 0, 0, 0, 0] }
        let bytes = handmadeNPY("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }", data: data)
        let tensor = try Tensor.decodeNPY(bytes, context: context)
        #expect(tensor.shape == [2, 3])
        #expect(tensor.toInt64s() == [0, 2, 4, 1, 3, 5])
        // Re-encoding writes C order.
        #expect(try Tensor.decodeNPY(tensor.encodeNPY(), context: context).toInt64s() == [0, 2, 4, 1, 3, 5])
    }

    @Test func memoryBudgetIsALimitError() throws {
        let bytes = try Tensor([Double](repeating: 1, count: 100), shape: [100]).encodeNPY()
        let small = KernelContext(threads: 1, memoryBudget: 400)
        #expect(decodeError(bytes, context: small)?.kind == .limit)
        // Widening i1 to i64 needs eight times the file's data.
        let narrow = handmadeNPY("{'descr': '|i1', 'fortran_order': False, 'shape': (100,)}", data: [UInt8](repeating: 1, count: 100))
        #expect(decodeError(narrow, context: small)?.kind == .limit)
    }

    @Test func halfFloatsWidenExactly() {
        #expect(NPYElementFormat.float(halfBits: 0x3C00) == 1)
        #expect(NPYElementFormat.float(halfBits: 0xC000) == -2)
        #expect(NPYElementFormat.float(halfBits: 0x7BFF) == 65504)
        #expect(NPYElementFormat.float(halfBits: 0x0001) == 0x1p-24)
        #expect(NPYElementFormat.float(halfBits: 0x8000).sign == .minus)
        #expect(NPYElementFormat.float(halfBits: 0x7C00) == .infinity)
        #expect(NPYElementFormat.float(halfBits: 0x7E00).isNaN)
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        for bits in 0...UInt16.max where !Float16(bitPattern: bits).isNaN {
            #expect(NPYElementFormat.float(halfBits: bits) == Float(Float16(bitPattern: bits)))
        }
        #endif
    }
}
