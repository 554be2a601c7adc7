import LASyntax

extension CompileContext {
    /// The span of the operator token of a binary expression. nil if the text
    /// there is not the operator (never expected).
    func operatorSpan(_ op: BinaryOperator, after lhs: SourceSpan, before rhs: SourceSpan) -> SourceSpan? {
        tokenSpan(op.rawValue, after: lhs, before: rhs)
    }

    /// The span of `text` when it is the first token after `lhs`, skipping
    /// whitespace, closing parentheses and comments; nil otherwise.
    private func tokenSpan(_ text: String, after lhs: SourceSpan, before rhs: SourceSpan) -> SourceSpan? {
        var offset = lhs.end.offset
        var line = lhs.end.line
        var column = lhs.end.column
        let end = min(rhs.start.offset, source.count)
        while offset < end {
            let byte = source[offset]
            if byte == UInt8(ascii: "#") {
                while offset < end, source[offset] != UInt8(ascii: "\n") { offset += 1 }
                continue
            }
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                    || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: ")") else { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            offset += 1
        }
        let token = Array(text.utf8)
        guard offset + token.count <= end, Array(source[offset..<offset + token.count]) == token else { return nil }
        let start = SourceLocation(offset: offset, line: line, column: column)
        let stop = SourceLocation(offset: offset + token.count, line: line, column: column + token.count)
        return SourceSpan(start: start, end: stop)
    }

    /// The span of `op=` in a compound assignment (`+=`), or nil if the text there is not that.
    func compoundOperatorSpan(_ op: BinaryOperator, after lhs: SourceSpan, before rhs: SourceSpan) -> SourceSpan? {
        guard var span = operatorSpan(op, after: lhs, before: rhs), span.end.offset < source.count,
              source[span.end.offset] == UInt8(ascii: "=") else { return nil }
        span.end = SourceLocation(offset: span.end.offset + 1, line: span.end.line, column: span.end.column + 1)
        return span
    }
}
