// Splitting CSV text into records of fields (RFC 4180): fields separated by
// commas, records by LF or CRLF, fields optionally in double quotes, where a
// quoted field may hold commas, newlines and doubled quotes (""). Blank lines
// are skipped.

/// One record of a CSV text: its fields and the line it starts on (1-based).
struct CSVRecord {
    var line: Int
    var fields: [String]
}

/// Reads CSV records one at a time from UTF-8 text.
struct CSVRecordReader {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""),
                       newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// A leading UTF-8 byte order mark (as spreadsheet programs write) is skipped.
    init(_ text: String) {
        bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next non-blank record, or nil at the end of the text.
    /// - Throws: ValueError for an unterminated quoted field or text after a closing quote.
    mutating func next() throws -> CSVRecord? {
        while position < bytes.count {
            let start = line
            var fields: [String] = []
            var endOfRecord = false
            while !endOfRecord {
                fields.append(try readField())
                endOfRecord = !consumeComma()
            }
            consumeNewline()
            let blank = fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" }
            if !blank { return CSVRecord(line: start, fields: fields) }
        }
        return nil
    }

    private func at(_ byte: UInt8) -> Bool { position < bytes.count && bytes[position] == byte }

    private mutating func consumeComma() -> Bool {
        if at(CSVRecordReader.comma) { position += 1; return true }
        return false
    }

    private mutating func consumeNewline() {
        if at(CSVRecordReader.carriageReturn) { position += 1 }
        if at(CSVRecordReader.newline) { position += 1; line += 1 }
    }

    private var atFieldEnd: Bool {
        position >= bytes.count || at(CSVRecordReader.comma) || at(CSVRecordReader.newline) || at(CSVRecordReader.carriageReturn)
    }

    private mutating func readField() throws -> String {
        // Spaces before an opening quote are allowed, as many writers pad fields.
        let start = position
        while at(UInt8(ascii: " ")) { position += 1 }
        if at(CSVRecordReader.quote) { return try readQuotedField() }
        position = start
        while !atFieldEnd { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func readQuotedField() throws -> String {
        let openingLine = line
        position += 1
        var content: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw KernelError(.value, "CSV line \(openingLine): unterminated quoted field")
            }
            let byte = bytes[position]
            position += 1
            if byte == CSVRecordReader.quote {
                if at(CSVRecordReader.quote) { content.append(byte); position += 1; continue }
                break
            }
            if byte == CSVRecordReader.newline { line += 1 }
            content.append(byte)
        }
        while at(UInt8(ascii: " ")) { position += 1 }
        guard atFieldEnd else {
            throw KernelError(.value, "CSV line \(line): unexpected text after a closing quote")
        }
        return String(decoding: content, as: UTF8.self)
    }
}
