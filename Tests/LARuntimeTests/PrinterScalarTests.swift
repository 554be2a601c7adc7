import Testing
import LAKernels
@testable import LARuntime

/// `Printer.format(Double)` is Python's `repr(float)`; `header` is the REPL line.
@Suite struct PrinterScalarTests {
    @Test(arguments: [
        (1.0, "1.0"), (0.1, "0.1"), (1e-05, "1e-05"), (1e16, "1e+16"),
        (123456789012345.0, "123456789012345.0"), (9999999999999998.0, "9999999999999998.0"),
        (0.0001, "0.0001"), (9.999999999999999e-05, "9.999999999999999e-05"),
        (-0.0, "-0.0"), (0.0, "0.0"), (1.5e-7, "1.5e-07"), (1e22, "1e+22"), (-2.5, "-2.5"),
        (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.30000000000000004, "0.30000000000000004"), (100.0, "100.0"), (1e100, "1e+100"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"),
    ])
    func pythonRepr(value: Double, expected: String) {
        #expect(Printer.format(value) == expected)
    }

    @Test func headers() throws {
        #expect(Printer.header(try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])) == "f64[2, 3]")
        #expect(Printer.header(try Tensor([1, 2, 3] as [Int64], shape: [3])) == "i64[3]")
        #expect(Printer.header(try Tensor([1] as [Double], shape: [], dtype: .f32)) == "f32[]")
        #expect(Printer.header(try Tensor([true], shape: [1, 1])) == "bool[1, 1]")
    }
}
