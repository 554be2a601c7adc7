/// Renders diagnostics the way SPEC §7 shows them, after rustc:
///
/// ```
/// error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4
///  --> model.la:3:11
///   |
/// 3 | let C = A @ B
///   |         - ^ - (4, 2)
///   |         (2, 3)
///   = help: B.T has shape (2, 4); A @ B.T would be (2, 2)
///   in fn layer at model.la:9
/// ```
///
/// - The primary span is underlined with one `^` per character, each label's
///   span with `-`; a span reaching past its line is underlined to the line's
///   end, and an empty span gets one mark.
/// - The rightmost label is written after its marks when nothing is marked to
///   its right; the others go on lines of their own, rightmost first, each
///   starting under its span.
/// - Labels on other lines than the primary span's show those lines too, in
///   line order; the gutter is as wide as the widest line number.
/// - Columns count Unicode scalars; a tab in the code is shown as one space
///   so that the marks stay under the code they point at.
/// - Stack frames: each frame that is not `<script>` prints
///   `in fn NAME at FILE:LINE`, where the line is the call site held by the
///   next (outer) frame. The innermost frame's own location is the error site
///   already shown above, so it is not repeated.
///   A line repeated more than three times in a row is shown three times, then
///   `[the line above repeated N more times]`.
/// - Without a span, the header is followed only by notes, help and frames.
public enum DiagnosticRenderer {
    /// The full text of `diagnostic` (ending in a newline). `source` supplies the
    /// code lines to show; `color` adds ANSI colours.
    public static func render(_ diagnostic: Diagnostic, source: SourceFile?, color: Bool) -> String {
        let style = RenderStyle(enabled: color)
        let title = diagnostic.severity == .warning ? style.warning("warning") : style.header("error[\(diagnostic.kind.rawValue)]")
        var lines = [title + style.bold(": \(diagnostic.message)")]
        var gutter = " "
        if let span = diagnostic.span {
            let snippet = Snippet(diagnostic: diagnostic, primary: span, source: source)
            gutter = String(repeating: " ", count: snippet.gutterWidth)
            lines.append(gutter + style.gutter("-->") + " \(diagnostic.file):\(span.start.line):\(span.start.column)")
            lines += snippet.render(style: style)
        }
        lines += diagnostic.notes.map { gutter + style.gutter(" =") + style.bold(" note") + ": \($0)" }
        lines += diagnostic.help.map { gutter + style.gutter(" =") + style.bold(" help") + ": \($0)" }
        lines += frameLines(diagnostic.stack).map { gutter + " " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `in fn NAME at FILE:LINE` for every function frame, innermost first; a line
    /// repeated more than three times in a row (deep recursion) is shown three times
    /// and then counted, as Python does.
    private static func frameLines(_ stack: [StackFrame]) -> [String] {
        var lines: [String] = []
        var repeats = 0
        for line in allFrameLines(stack) {
            if line == lines.last {
                repeats += 1
                if repeats < 3 { lines.append(line) }
                continue
            }
            if repeats >= 3 { lines.append("[the line above repeated \(repeats - 2) more times]") }
            repeats = 0
            lines.append(line)
        }
        if repeats >= 3 { lines.append("[the line above repeated \(repeats - 2) more times]") }
        return lines
    }

    private static func allFrameLines(_ stack: [StackFrame]) -> [String] {
        stack.indices.compactMap { index in
            let frame = stack[index]
            guard frame.function != "<script>" else { return nil }
            let callSite = index + 1 < stack.count ? stack[index + 1] : nil
            guard let callSite, let location = callSite.location else { return "in fn \(frame.function)" }
            return "in fn \(frame.function) at \(callSite.file):\(location.line)"
        }
    }
}

/// ANSI styling, or none.
struct RenderStyle {
    var enabled: Bool

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func header(_ text: String) -> String { wrap(text, "1;31") }
    func warning(_ text: String) -> String { wrap(text, "1;33") }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func gutter(_ text: String) -> String { wrap(text, "1;34") }
    func primary(_ text: String) -> String { wrap(text, "1;31") }
    func secondary(_ text: String) -> String { wrap(text, "1;34") }
}

/// The code lines a diagnostic points into, with their marks and labels.
private struct Snippet {
    struct Mark {
        var column: Int
        var width: Int
        var isPrimary: Bool
        var label: String?
        var end: Int { column + width }
    }

    /// Shown lines in order, each with its text and marks.
    var lines: [(number: Int, text: [Unicode.Scalar], marks: [Mark])] = []
    var gutterWidth = 1

    init(diagnostic: Diagnostic, primary: SourceSpan, source: SourceFile?) {
        let spans = [(primary, true, diagnostic.primaryLabel)]
            + diagnostic.labels.map { ($0.span, false, Optional($0.text)) }
        let sourceLines = source.map { Snippet.splitLines($0.text) } ?? []
        var byLine: [Int: [Mark]] = [:]
        for (span, isPrimary, label) in spans {
            let number = span.start.line
            guard number >= 1, number <= sourceLines.count else { continue }
            let column = max(1, span.start.column)
            let end = span.end.line == number ? span.end.column : sourceLines[number - 1].count + 1
            byLine[number, default: []].append(Mark(column: column, width: max(1, end - column),
                                                    isPrimary: isPrimary, label: label))
        }
        lines = byLine.keys.sorted().map { ($0, sourceLines[$0 - 1], byLine[$0] ?? []) }
        gutterWidth = String(lines.map(\.number).max() ?? primary.start.line).count
    }

    /// The source split into lines of scalars (a `\r` before a newline is dropped).
    static func splitLines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if lines[lines.count - 1].last == "\r" { lines[lines.count - 1].removeLast() }
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        return lines
    }

    func render(style: RenderStyle) -> [String] {
        guard !lines.isEmpty else { return [] }
        let blank = String(repeating: " ", count: gutterWidth)
        let bar = style.gutter(" |")
        var output = [blank + bar]
        for line in lines {
            let number = String(line.number)
            let code = String(String.UnicodeScalarView(line.text.map { $0 == "\t" ? " " : $0 }))
            output.append(style.gutter(number + String(repeating: " ", count: gutterWidth - number.count)) + bar
                          + (code.isEmpty ? "" : " " + code))
            output += markRows(line.marks, style: style).map { blank + bar + " " + $0 }
        }
        return output
    }

    /// The row of `^`/`-` marks with the inline label, then one row per other label.
    private func markRows(_ marks: [Mark], style: RenderStyle) -> [String] {
        let rightEdge = marks.map(\.end).max() ?? 1
        var cells = Array(repeating: Character(" "), count: rightEdge - 1)
        var primaryCells = Array(repeating: false, count: rightEdge - 1)
        for mark in marks.sorted(by: { !$0.isPrimary && $1.isPrimary }) {
            for cell in (mark.column - 1)..<(mark.end - 1) {
                cells[cell] = mark.isPrimary ? "^" : "-"
                primaryCells[cell] = mark.isPrimary
            }
        }
        var row = ""
        var cell = 0
        while cell < cells.count {
            var runEnd = cell
            while runEnd < cells.count, cells[runEnd] == cells[cell], primaryCells[runEnd] == primaryCells[cell] {
                runEnd += 1
            }
            let run = String(cells[cell..<runEnd])
            row += cells[cell] == " " ? run : (primaryCells[cell] ? style.primary(run) : style.secondary(run))
            cell = runEnd
        }
        let labelled = marks.filter { $0.label != nil }.sorted { $0.column > $1.column }
        var below = labelled
        if let rightmost = labelled.first, let text = rightmost.label, rightmost.end == rightEdge {
            row += " " + paint(text, rightmost, style)
            below.removeFirst()
        }
        return [row] + below.map { mark in
            String(repeating: " ", count: mark.column - 1) + paint(mark.label ?? "", mark, style)
        }
    }

    private func paint(_ text: String, _ mark: Mark, _ style: RenderStyle) -> String {
        mark.isPrimary ? style.primary(text) : style.secondary(text)
    }
}
