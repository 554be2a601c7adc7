import Testing
@testable import LAKernels

@Suite struct CSVTests {
    let context = KernelContext(threads: 1)

    func decode(_ text: String, header: Bool = false) throws -> (columns: [String]?, tensor: Tensor) {
        try Tensor.decodeCSV(text, header: header, context: context)
    }

    func expectValueError(_ text: String, header: Bool = false, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try decode(text, header: header)
            Issue.record("no error for \(text)", sourceLocation: sourceLocation)
        } catch {
            let error = error as? KernelError
            #expect(error?.kind == .value, sourceLocation: sourceLocation)
            #expect(error?.message == message, sourceLocation: sourceLocation)
        }
    }

    @Test func integersWithAHeader() throws {
        let (columns, tensor) = try decode("a,b,c\n1,2,3\n-4,+5,6\n", header: true)
        #expect(columns == ["a", "b", "c"])
        #expect(tensor.dtype == .i64 && tensor.shape == [2, 3])
        #expect(tensor.toInt64s() == [1, 2, 3, -4, 5, 6])
    }

    @Test func floatsAndSpecialValues() throws {
        let text = "1.5, 2\r\n nan ,-inf\r\n\r\n\"3e2\",Infinity\n.5,-0.0"
        let (columns, tensor) = try decode(text)
        #expect(columns == nil)
        #expect(tensor.dtype == .f64 && tensor.shape == [4, 2])
        let values = tensor.toDoubles()
        #expect(values[0] == 1.5 && values[1] == 2 && values[2].isNaN && values[3] == -.infinity)
        #expect(Array(values[4...]) == [300, .infinity, 0.5, 0])
        #expect(values[7].sign == .minus)
    }

    @Test func integersThatDoNotFitGiveFloats() throws {
        let tensor = try decode("1\n99999999999999999999\n").tensor
        #expect(tensor.dtype == .f64 && tensor.toDoubles() == [1, 1e20])
        let later = try decode("1,2\n3,4.5\n").tensor
        #expect(later.dtype == .f64 && later.toDoubles() == [1, 2, 3, 4.5])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let (columns, tensor) = try decode("\u{FEFF}a,b\n1,2\n", header: true)
        #expect(columns == ["a", "b"] && tensor.toInt64s() == [1, 2])
        #expect(try decode("\u{FEFF}7\n").tensor.toInt64s() == [7])
    }

    @Test func oneColumnIsAColumnVector() throws {
        let tensor = try decode("x\n1\n2\n3", header: true).tensor
        #expect(tensor.shape == [3, 1] && tensor.toInt64s() == [1, 2, 3])
    }

    @Test func quotedHeaderNames() throws {
        let text = "\"a,b\",\"say \"\"hi\"\"\", \"two\nlines\",plain\n1,2,3,4\n5,6,7\n"
        let columns = try decode("\"a,b\",\"say \"\"hi\"\"\", \"two\nlines\",plain\n1,2,3,4\n", header: true).columns
        #expect(columns == ["a,b", "say \"hi\"", "two\nlines", "plain"])
        // The quoted newline counts: the short row is on line 4.
        expectValueError(text, header: true, "CSV line 4 has 3 fields, expected 4 as on line 1")
    }

    @Test func emptyInput() throws {
        let none = try decode("")
        #expect(none.columns == nil && none.tensor.shape == [0, 0])
        let headerOnly = try decode("a,b\n", header: true)
        #expect(headerOnly.columns == ["a", "b"] && headerOnly.tensor.shape == [0, 2] && headerOnly.tensor.dtype == .f64)
        #expect(try decode("", header: true).columns == [])
    }

    @Test func badInputNamesLineAndColumn() {
        expectValueError("1,2,3\n4,5\n", "CSV line 2 has 2 fields, expected 3 as on line 1")
        expectValueError("a,b,c\n1,,3\n", header: true, "CSV line 2, column 2 ('b'): empty field")
        expectValueError("1,2\n3,abc\n", "CSV line 2, column 2: 'abc' is not a number")
        expectValueError("0x10\n", "CSV line 1, column 1: '0x10' is not a number")
        expectValueError("1_0\n", "CSV line 1, column 1: '1_0' is not a number")
        expectValueError("1-2\n", "CSV line 1, column 1: '1-2' is not a number")
        expectValueError("\"1,2\n", "CSV line 1: unterminated quoted field")
        expectValueError("\"1\"x,2\n", "CSV line 1: unexpected text after a closing quote")
    }

    @Test func memoryBudgetIsALimitError() {
        let small = KernelContext(threads: 1, memoryBudget: 16)
        #expect { try Tensor.decodeCSV("1,2,3\n", header: false, context: small) } throws: { ($0 as? KernelError)?.kind == .limit }
    }

    @Test func encodesShortestText() throws {
        let floats = try Tensor([1, 0.1, 1e-5, .nan, -.infinity, -0.0], shape: [2, 3])
        #expect(try floats.encodeCSV(header: ["x", "y,z", "say \"q\""]) == "x,\"y,z\",\"say \"\"q\"\"\"\n1.0,0.1,1e-05\nnan,-inf,-0.0\n")
        #expect(try Tensor([Int64(3), -4, 5], shape: [3]).encodeCSV(header: nil) == "3\n-4\n5\n")
        #expect(try Tensor([0.1, 2], shape: [1, 2], dtype: .f32).encodeCSV(header: nil) == "0.1,2.0\n")
        #expect(try Tensor([true, false], shape: [2, 1]).encodeCSV(header: [" padded"]) == "\" padded\"\n1\n0\n")
        let transposed = try Tensor([Int64(1), 2, 3, 4, 5, 6], shape: [2, 3]).transposed(nil)
        #expect(try transposed.encodeCSV(header: nil) == "1,4\n2,5\n3,6\n")
        #expect(try Tensor([Double](), shape: [0]).encodeCSV(header: ["a"]) == "a\n")
    }

    @Test func encodeErrors() throws {
        #expect { try Tensor([1.0], shape: []).encodeCSV(header: nil) } throws: { ($0 as? KernelError)?.kind == .shape }
        #expect { try Tensor([Double](repeating: 0, count: 8), shape: [2, 2, 2]).encodeCSV(header: nil) } throws: {
            ($0 as? KernelError)?.kind == .shape
        }
        #expect { try Tensor([1, 2], shape: [1, 2]).encodeCSV(header: ["only"]) } throws: {
            ($0 as? KernelError)?.message == "CSV header has 1 names for 2 columns"
        }
    }

    @Test func roundTripsEveryDouble() throws {
        var random = SplitMix64(state: 42)
        var values: [Double] = []
        while values.count < 300 {
            let value = Double(bitPattern: random.next())
            if !value.isNaN { values.append(value) }
        }
        let tensor = try Tensor(values, shape: [100, 3])
        let back = try decode(try tensor.encodeCSV(header: ["a", "b", "c"]), header: true)
        #expect(back.columns == ["a", "b", "c"])
        #expect(back.tensor.toDoubles().map(\.bitPattern) == values.map(\.bitPattern))
    }
}
