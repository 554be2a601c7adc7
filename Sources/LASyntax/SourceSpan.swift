/// A position in source text. `line` and `column` are 1-based; `column`
/// counts Unicode scalars from the start of the line; `offset` is the UTF-8
/// byte offset from the start of the file.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
}

/// A half-open range `[start, end)` of source text.
public struct SourceSpan: Sendable, Hashable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The smallest span covering both.
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }
}

/// A named piece of source text; diagnostics render lines from it.
public struct SourceFile: Sendable, Hashable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of 1-based line `line`, without its line ending (`\n` or `\r\n`), or nil past the end.
    public func line(_ line: Int) -> Substring? {
        guard line >= 1 else { return nil }
        // Unicode scalars, not Characters: "\r\n" is a single Character.
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        for _ in 1..<line {
            guard let newline = scalars[start...].firstIndex(of: "\n") else { return nil }
            start = scalars.index(after: newline)
        }
        var end = scalars[start...].firstIndex(of: "\n") ?? scalars.endIndex
        if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }
}
