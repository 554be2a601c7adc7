// Writing 1-D and 2-D tensors as CSV text.

extension Tensor {
    /// Encodes a 1-D tensor (one value per line) or a 2-D tensor (one row per line,
    /// values separated by commas) as CSV text ending in a newline, after an optional
    /// header line of column names (quoted per RFC 4180 when they hold a comma, quote,
    /// newline or outer spaces). Floats use the shortest text that reads back to the
    /// same value (`1.0`, `0.1`, `1e-05`, `nan`, `-inf`); ints are plain; bools are `1`/`0`
    /// so `decodeCSV` reads them back as i64.
    /// - Throws: ShapeError for other ranks; ValueError when `header` does not have one
    ///   name per column.
    /// - Complexity: O(count); allocates the returned text.
    public func encodeCSV(header: [String]?) throws -> String {
        guard ndim == 1 || ndim == 2 else {
            throw KernelError(.shape, "CSV holds 1-D or 2-D tensors, got shape \(Tensor.formatShape(shape))", operandShapes: [shape],
                              help: ndim == 0 ? "reshape(x, (1,)) makes a one-value 1-D tensor" : "reshape(x, (-1, \(shape.last ?? 1))) makes it 2-D")
        }
        let columns = ndim == 2 ? shape[1] : 1
        var text = ""
        if let header {
            guard header.count == columns else {
                throw KernelError(.value, "CSV header has \(header.count) names for \(columns) columns")
            }
            text += header.map(Tensor.csvQuoted).joined(separator: ",") + "\n"
        }
        var column = 0
        forEachOffset { offset in
            text += elementText(at: offset)
            column += 1
            if column == columns { text += "\n"; column = 0 } else { text += "," }
        }
        return text
    }

    private func elementText(at offset: Int) -> String {
        switch dtype {
        case .bool: storage.pointer(as: Bool.self)[offset] ? "1" : "0"
        case .i64: String(storage.pointer(as: Int64.self)[offset])
        case .f32: storage.pointer(as: Float.self)[offset].description
        case .f64: storage.pointer(as: Double.self)[offset].description
        case .rational: storage.rationals[offset].description
        }
    }

    private static func csvQuoted(_ name: String) -> String {
        let needsQuotes = name.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || name.first == " " || name.last == " "
        guard needsQuotes else { return name }
        return "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// The string with every `character` replaced by `replacement` (no Foundation in the kernels).
    fileprivate func replacingAll(_ character: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == character { out += replacement } else { out.append(c) } }
        return out
    }
}
