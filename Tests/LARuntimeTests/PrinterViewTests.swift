import Testing
import LAKernels
@testable import LARuntime

/// The printer reads elements through a tensor's strides and offset, so views
/// print exactly like their contiguous copies.
@Suite struct PrinterViewTests {
    @Test func transposedViewPrintsLikeItsCopy() throws {
        let matrix = try Tensor([1, 2.5, 3, 4, 5, 6.25] as [Double], shape: [2, 3])
        let transposed = Tensor(storage: matrix.storage, shape: [3, 2], strides: [1, 3], offset: 0)
        #expect(Printer.format(transposed) == "[[1.   4.  ]\n [2.5  5.  ]\n [3.   6.25]]")
        #expect(Printer.format(transposed) == Printer.format(try transposed.contiguousCopy()))
    }

    @Test func offsetRowAndScalarViews() throws {
        let matrix = try Tensor([1, 2, 3, 40, 50, 60] as [Int64], shape: [2, 3])
        let secondRow = Tensor(storage: matrix.storage, shape: [3], strides: [1], offset: 3)
        #expect(Printer.format(secondRow) == "[40 50 60]")
        let element = Tensor(storage: matrix.storage, shape: [], strides: [], offset: 4)
        #expect(Printer.format(element) == "50")
    }

    @Test func broadcastViewPrintsRepeatedRows() throws {
        let row = try Tensor([true, false, true], shape: [3])
        let broadcast = Tensor(storage: row.storage, shape: [2, 3], strides: [0, 1], offset: 0)
        #expect(Printer.format(broadcast) == "[[ true false  true]\n [ true false  true]]")
    }

    @Test func summarisedViewOfLargeStorage() throws {
        let values = (0..<3000).map { Int64($0) }
        let matrix = try Tensor(values, shape: [1000, 3])
        let column = Tensor(storage: matrix.storage, shape: [1000], strides: [3], offset: 1)
        // 1000 elements is not above the threshold: every element prints.
        #expect(Printer.format(column).split(separator: " ").count > 900)
        let tall = Tensor(storage: matrix.storage, shape: [3, 1000], strides: [1, 3], offset: 0)
        #expect(Printer.format(tall) == """
            [[   0    3    6 ... 2991 2994 2997]
             [   1    4    7 ... 2992 2995 2998]
             [   2    5    8 ... 2993 2996 2999]]
            """)
    }
}
