import Foundation

/// A numeric table read from CSV text: an optional header row of column
/// names, then rows of numbers.
struct CSVTable {
    var columnNames: [String]?
    var rows: [[Double]]

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `text`; the first line is a header when any of its fields is not a number.
    init(parsing text: String) throws {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        lines.removeAll { $0.isEmpty }
        guard let first = lines.first else { throw ParseError(description: "the file has no rows") }
        let firstFields = CSVTable.fields(of: first)
        if firstFields.contains(where: { Double($0) == nil }) {
            columnNames = firstFields
            lines.removeFirst()
        }
        rows = try lines.enumerated().map { index, line in
            try CSVTable.fields(of: line).map { field in
                guard let value = Double(field) else {
                    throw ParseError(description: "data row \(index + 1): '\(field)' is not a number")
                }
                return value
            }
        }
    }

    private static func fields(of line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
