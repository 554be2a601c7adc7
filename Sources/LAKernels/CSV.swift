// Numeric CSV files as 2-D tensors: `read_csv` and `write_csv` (SPEC §8).
// The kernels see text only; the runtime reads and writes the files.

extension Tensor {
    /// Decodes numeric CSV text into a 2-D tensor of shape (rows, columns): i64 when
    /// every field is an integer that fits 64 bits, else f64. Fields may be quoted
    /// (RFC 4180) and padded with spaces; `nan`, `inf` and `-inf` are accepted; blank
    /// lines are skipped. With `header`, the first record gives the column names.
    /// No data rows give shape (0, columns).
    /// - Throws: ValueError naming the line (and column) of a row with a different
    ///   number of fields, an empty field, a field that is not a number, or bad quoting;
    ///   LimitError when the tensor exceeds the memory budget.
    /// - Complexity: O(text length); allocates the fields of one row at a time, the
    ///   parsed values, and the result's storage (charged to `context`).
    public static func decodeCSV(_ text: String, header: Bool, context: KernelContext) throws -> (columns: [String]?, tensor: Tensor) {
        var reader = CSVRecordReader(text)
        var columns: [String]?
        var width: (count: Int, line: Int)?
        if header, let names = try reader.next() {
            columns = names.fields
            width = (names.fields.count, names.line)
        }
        var values = CSVValues()
        var rows = 0
        while let record = try reader.next() {
            try context.checkCancellation()
            if let width, record.fields.count != width.count {
                throw KernelError(.value, "CSV line \(record.line) has \(record.fields.count) fields, expected \(width.count) as on line \(width.line)")
            }
            width = width ?? (record.fields.count, record.line)
            for (index, field) in record.fields.enumerated() {
                try values.append(field) { problem in
                    let name = columns.map { " ('\($0[index])')" } ?? ""
                    return KernelError(.value, "CSV line \(record.line), column \(index + 1)\(name): \(problem)")
                }
            }
            rows += 1
        }
        let shape = [rows, width?.count ?? 0]
        let tensor = try Tensor(zeros: shape, dtype: values.dtype, context: context)
        switch values.dtype {
        case .i64:
            let p = tensor.storage.pointer(as: Int64.self)
            for (i, v) in values.integers.enumerated() { p[i] = v }
        default:
            let p = tensor.storage.pointer(as: Double.self)
            for (i, v) in values.doubles.enumerated() { p[i] = v }
        }
        return (columns ?? (header ? [] : nil), tensor)
    }
}

/// The numbers of a CSV file in row-major order: integers while every field is one,
/// then all as doubles.
private struct CSVValues {
    private(set) var integers: [Int64] = []
    private(set) var doubles: [Double] = []
    private var isInteger = true

    /// i64 when there are values and all are integers; f64 otherwise (also for no values, like an empty literal).
    var dtype: DType { isInteger && !integers.isEmpty ? .i64 : .f64 }

    /// Parses one field, calling `failure` to build the error for an empty or non-numeric field.
    mutating func append(_ field: String, failure: (String) -> KernelError) throws {
        let text = field.trimmingSpaces
        if text.isEmpty { throw failure("empty field") }
        if isInteger, CSVValues.isIntegerSyntax(text), let value = Int64(text) {
            integers.append(value)
            return
        }
        guard CSVValues.isNumberSyntax(text), let value = Double(text) else {
            throw failure("'\(field)' is not a number")
        }
        if isInteger {
            doubles = integers.map { Double($0) }
            integers = []
            isInteger = false
        }
        doubles.append(value)
    }

    private static func isIntegerSyntax(_ text: Substring) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Decimal numbers and the words nan, inf and infinity (any case, optionally signed);
    /// Swift's `Double(_:)` also takes hexadecimal, which CSV should not.
    private static func isNumberSyntax(_ text: Substring) -> Bool {
        let unsigned = text.first == "-" || text.first == "+" ? text.dropFirst() : text
        if ["nan", "inf", "infinity"].contains(unsigned.lowercased()) { return true }
        return unsigned.allSatisfy { "0123456789.eE+-".contains($0) }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
