import LAKernels

/// NumPy's `_formatArray` for tensors of rank ≥ 1 with at least one element:
/// brackets, row breaks (one blank line more per extra axis), wrapping at
/// 75 columns with a hanging indent, and `...` summarisation.
struct TensorFormat {
    /// NumPy's default `linewidth`.
    static let lineWidth = 75
    /// Above this many elements NumPy summarises (`threshold`).
    static let summaryThreshold = 1000
    /// Elements kept at each end of a summarised axis (`edgeitems`).
    static let edgeItems = 3

    /// The formatted shown elements, row-major over `shownShape`.
    private let words: [String]
    /// The axis lengths after summarisation (each summarised axis keeps 2·edgeItems).
    private let shownShape: [Int]
    /// Per axis: whether `...` stands between its leading and trailing edge items.
    private let summarized: [Bool]

    /// - Complexity: O(n) in the number of shown elements (at most 1000, or
    ///   6 per summarised axis), whatever the tensor's size.
    init(_ tensor: Tensor) {
        let summarize = tensor.count > Self.summaryThreshold
        var kept = [[Int]]()
        var summarized = [Bool]()
        for length in tensor.shape {
            if summarize && length > 2 * Self.edgeItems {
                kept.append(Array(0..<Self.edgeItems) + Array((length - Self.edgeItems)..<length))
                summarized.append(true)
            } else {
                kept.append(Array(0..<length))
                summarized.append(false)
            }
        }
        self.shownShape = kept.map(\.count)
        self.summarized = summarized
        self.words = Self.formatElements(of: tensor, at: Self.storageOffsets(tensor, kept: kept))
    }

    /// The storage offsets of the kept indices' cartesian product, row-major.
    private static func storageOffsets(_ tensor: Tensor, kept: [[Int]]) -> [Int] {
        var offsets = [tensor.offset]
        for (axis, indices) in kept.enumerated() {
            let stride = tensor.strides[axis]
            offsets = offsets.flatMap { base in indices.map { base + $0 * stride } }
        }
        return offsets
    }

    /// Each shown element as NumPy's format function for the dtype renders
    /// it; the formats are sized from the shown elements only, as in NumPy.
    private static func formatElements(of tensor: Tensor, at offsets: [Int]) -> [String] {
        let storage = tensor.storage
        switch tensor.dtype {
        case .bool:
            // NumPy pads `True` to `False`'s width (` True`); la's words are
            // `true`/`false`, padded the same way to ` true` so columns align.
            let pointer = storage.pointer(as: Bool.self)
            return offsets.map { pointer[$0] ? " true" : "false" }
        case .i64:
            let pointer = storage.pointer(as: Int64.self)
            let values = offsets.map { pointer[$0] }
            let width = max(String(values.max() ?? 0).utf8.count, String(values.min() ?? 0).utf8.count)
            return values.map { padded(String($0), to: width) }
        case .f32:
            let pointer = storage.pointer(as: Float.self)
            let values = offsets.map { pointer[$0] }
            let format = FloatColumnFormat(values)
            return values.map { format.format($0) }
        case .f64:
            let pointer = storage.pointer(as: Double.self)
            let values = offsets.map { pointer[$0] }
            let format = FloatColumnFormat(values)
            return values.map { format.format($0) }
        case .rational:
            // Right-aligned in one column width, with a sign column as NumPy keeps for
            // floats (SPEC §6: `[[   1  1/2]`).
            let values = offsets.map { storage.rationals[$0] }
            let width = values.map { $0.description.utf8.count + ($0.signum < 0 ? 0 : 1) }.max() ?? 0
            return values.map { padded($0.description, to: width) }
        }
    }

    private static func padded(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(width - text.utf8.count, 0)) + text
    }

    /// The whole text, as `print(ndarray)` shows it.
    func render() -> String {
        render(axis: 0, start: 0, hangingIndent: " ", width: Self.lineWidth)
    }

    /// The text of the sub-array whose first shown element is `words[start]`.
    private func render(axis: Int, start: Int, hangingIndent: String, width: Int) -> String {
        let length = shownShape[axis]
        let axesLeft = shownShape.count - axis
        var text = ""
        if axesLeft == 1 {
            // Elements separated by spaces, wrapped before the closing bracket's column.
            let elementWidth = width - 1
            var line = hangingIndent
            for i in 0..<length {
                Self.extendLine(&text, &line, word: words[start + i], width: elementWidth, prefix: hangingIndent)
                if i < length - 1 { line += " " }
                if summarized[axis] && i == Self.edgeItems - 1 {
                    Self.extendLine(&text, &line, word: "...", width: elementWidth, prefix: hangingIndent)
                    line += " "
                }
            }
            text += line
        } else {
            // Sub-arrays on their own lines, one blank line per axis beyond the second-to-last.
            let separator = String(repeating: "\n", count: axesLeft - 1)
            let block = shownShape[(axis + 1)...].reduce(1, *)
            for i in 0..<length {
                text += hangingIndent
                text += render(axis: axis + 1, start: start + i * block,
                               hangingIndent: hangingIndent + " ", width: width - 1)
                if i < length - 1 { text += separator }
                if summarized[axis] && i == Self.edgeItems - 1 {
                    text += hangingIndent + "..." + separator
                }
            }
        }
        return "[" + text.dropFirst(hangingIndent.utf8.count) + "]"
    }

    /// Appends `word` to `line`, first moving `line` into `text` when the word
    /// would pass `width` (unless the line holds nothing but its indent).
    private static func extendLine(_ text: inout String, _ line: inout String, word: String, width: Int, prefix: String) {
        let lineLength = line.utf8.count
        if lineLength + word.utf8.count > width && lineLength > prefix.utf8.count {
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed.removeLast() }
            text += trimmed + "\n"
            line = prefix
        }
        line += word
    }
}
