import Testing
import LAKernels
@testable import LARuntime

/// One tensor and the text NumPy 2 printed for it (see Fixtures/printer_golden.py).
struct PrinterGoldenCase: Sendable, CustomTestStringConvertible {
    let name: String
    let dtype: String
    let shape: [Int]
    /// Space-separated element texts, or `@ multiplier modulus offset divisor scale`
    /// for the formula the generator used for large tensors.
    let values: String
    let expected: String

    var testDescription: String { name }

    struct DecodeError: Error, CustomStringConvertible {
        let description: String
    }

    /// The tensor the case describes, built the way the generator built the NumPy array.
    func tensor() throws -> Tensor {
        let tokens = values.split(separator: " ")
        if tokens.first == "@" {
            return try formulaTensor(Array(tokens.dropFirst()))
        }
        switch dtype {
        case "bool":
            return try Tensor(tokens.map { $0 == "1" }, shape: shape)
        case "i64":
            return try Tensor(try tokens.map { try parse(Int64.self, $0) }, shape: shape)
        default:
            return try Tensor(try tokens.map { try parse(Double.self, $0) }, shape: shape, dtype: floatDType())
        }
    }

    private func formulaTensor(_ parameters: [Substring]) throws -> Tensor {
        guard parameters.count == 5 else { throw DecodeError(description: "\(name): bad formula \(values)") }
        let multiplier = try parse(Int64.self, parameters[0])
        let modulus = try parse(Int64.self, parameters[1])
        let offset = try parse(Int64.self, parameters[2])
        let divisor = try parse(Double.self, parameters[3])
        let scale = try parse(Double.self, parameters[4])
        let count = shape.reduce(1, *)
        let integers = (0..<Int64(count)).map { ($0 * multiplier) % modulus - offset }
        switch dtype {
        case "bool": return try Tensor(integers.map { $0 != 0 }, shape: shape)
        case "i64": return try Tensor(integers, shape: shape)
        default: return try Tensor(integers.map { Double($0) / divisor * scale }, shape: shape, dtype: floatDType())
        }
    }

    private func floatDType() throws -> DType {
        switch dtype {
        case "f32": return .f32
        case "f64": return .f64
        default: throw DecodeError(description: "\(name): unknown dtype \(dtype)")
        }
    }

    private func parse<T: LosslessStringConvertible>(_ type: T.Type, _ token: Substring) throws -> T {
        guard let value = T(String(token)) else { throw DecodeError(description: "\(name): bad value \(token)") }
        return value
    }
}

@Suite struct PrinterGoldenTests {
    @Test(arguments: printerGoldenCases)
    func matchesNumPy(_ golden: PrinterGoldenCase) throws {
        let tensor = try golden.tensor()
        #expect(tensor.shape == golden.shape)
        #expect(Printer.format(tensor) == golden.expected)
    }

    @Test(arguments: printerReprCases)
    func matchesPythonRepr(bits: UInt64, repr: String) {
        #expect(Printer.format(Double(bitPattern: bits)) == repr)
    }
}
