import LAKernels
import LASyntax

/// One operand of a failing operation: its source text as written and its shape.
struct WrittenOperand {
    var text: String
    var shape: [Int]
}

/// The `= help:` lines for shape errors and broadcast warnings, quoting the
/// operands as the user wrote them (SPEC §7: suggest a transpose, reshape or
/// keepdims when one would make the shapes fit).
enum ShapeHelp {
    /// Help for a shape error between two operands, or none when no simple fix fits.
    static func suggestions(for error: KernelError, _ left: WrittenOperand, _ right: WrittenOperand) -> [String] {
        if error.message.hasPrefix("matmul: inner dimensions differ") { return matmul(left, right) }
        if error.message.hasPrefix("broadcast:") { return broadcast(left, right) }
        return []
    }

    /// A transpose of the right operand, of the left one, or the operands swapped, whichever fits first.
    static func matmul(_ left: WrittenOperand, _ right: WrittenOperand) -> [String] {
        let (a, b) = (left.shape, right.shape)
        if b.count >= 2, let result = try? Tensor.matmulShape(a, swapped(b)) {
            let t = transposed(right.text)
            return ["\(t) has shape \(format(swapped(b))); \(grouped(left.text)) @ \(t) would be \(format(result))"]
        }
        if a.count >= 2, let result = try? Tensor.matmulShape(swapped(a), b) {
            let t = transposed(left.text)
            return ["\(t) has shape \(format(swapped(a))); \(t) @ \(grouped(right.text)) would be \(format(result))"]
        }
        if let result = try? Tensor.matmulShape(b, a) {
            return ["the operands fit the other way round: \(grouped(right.text)) @ \(grouped(left.text)) would be \(format(result))"]
        }
        return []
    }

    /// keepdims for a reduced operand, a new axis for a missing one, or a transpose.
    static func broadcast(_ left: WrittenOperand, _ right: WrittenOperand) -> [String] {
        for (small, big) in [(left, right), (right, left)] {
            guard let axis = missingAxis(small.shape, of: big.shape) else { continue }
            var kept = small.shape
            kept.insert(1, at: axis)
            if small.text.contains("axis:"), small.text.hasSuffix(")") {
                let call = small.text.dropLast() + ", keepdims: true)"
                return ["\(call) keeps the reduced axis: it has shape \(format(kept)), which broadcasts against \(format(big.shape))"]
            }
            let indexed = grouped(small.text) + "[" + String(repeating: ":, ", count: axis) + "nil]"
            return ["\(indexed) (or unsqueeze(\(small.text), \(axis))) has shape \(format(kept)), which broadcasts against \(format(big.shape))"]
        }
        if left.shape.count == 2, right.shape.count == 2, swapped(right.shape) == left.shape {
            return ["\(transposed(right.text)) has shape \(format(left.shape)), the same as \(left.text)"]
        }
        for (column, other) in [(left, right), (right, left)] {
            // A column (n, 1) where a vector (n,) was meant: the other operand's last axis is n.
            guard column.shape.count == 2, column.shape[1] == 1, let n = other.shape.last, n == column.shape[0],
                  (try? Tensor.broadcastShapes([n], other.shape)) != nil else { continue }
            return ["reshape(\(column.text), (\(n),)) has shape (\(n),), which broadcasts against \(format(other.shape))"]
        }
        return []
    }

    /// The message and help of the warning for `left op right` when one operand is `(n,)`
    /// or `(1, n)` and the other `(n, 1)`, n > 1: broadcasting silently builds an n×n table.
    static func outerBroadcastWarning(_ left: WrittenOperand, _ right: WrittenOperand) -> (message: String, help: [String])? {
        guard isOuterPair(left.shape, right.shape) else { return nil }
        let n = max(left.shape.max() ?? 1, right.shape.max() ?? 1)
        let (row, column) = left.shape.last == 1 ? (right, left) : (left, right)
        let fixedRow = row.shape.count == 1 ? grouped(row.text) + "[:, nil]" : transposed(row.text)
        let message = "broadcasting \(format(left.shape)) with \(format(right.shape)) gives a \(format([n, n])) result"
        return (message, [
            "for an element-wise result make the shapes equal: \(fixedRow) has shape \(format(column.shape)), "
                + "or reshape(\(column.text), (\(n),)) has shape (\(n),)",
            "if the \(format([n, n])) table is intended, `la --no-warn` silences this warning",
        ])
    }

    /// True for `(n,)`/`(1, n)` against `(n, 1)` in either order, n > 1 (cheap: checked on every mixed-shape op).
    static func isOuterPair(_ a: [Int], _ b: [Int]) -> Bool {
        func isRow(_ s: [Int]) -> Bool { (s.count == 1 && s[0] > 1) || (s.count == 2 && s[0] == 1 && s[1] > 1) }
        func isColumn(_ s: [Int]) -> Bool { s.count == 2 && s[1] == 1 && s[0] > 1 }
        return (isRow(a) && isColumn(b) && a.last == b.first) || (isColumn(a) && isRow(b) && b.last == a.first)
    }

    /// The axis of `big` that `small` lacks (its size > 1), when `small` is `big` with one axis removed.
    private static func missingAxis(_ small: [Int], of big: [Int]) -> Int? {
        guard small.count + 1 == big.count else { return nil }
        return big.indices.first { axis in
            big[axis] != 1 && Array(big[..<axis] + big[(axis + 1)...]) == small
        }
    }

    private static func swapped(_ s: [Int]) -> [Int] {
        guard s.count >= 2 else { return s }
        return s.dropLast(2) + [s[s.count - 1], s[s.count - 2]]
    }

    private static func format(_ shape: [Int]) -> String { Tensor.formatShape(shape) }

    /// `text.T`, undoing a written `.T`, with parentheses when `text` is not one postfix term.
    static func transposed(_ text: String) -> String {
        if text.hasSuffix(".T"), isTerm(String(text.dropLast(2))) { return String(text.dropLast(2)) }
        return grouped(text) + ".T"
    }

    /// `text`, parenthesised unless it is a single postfix term.
    static func grouped(_ text: String) -> String { isTerm(text) ? text : "(\(text))" }

    /// A name with calls, indexing and members (`W`, `x.T`, `f(x)[0]`), or a parenthesised expression:
    /// nothing outside brackets but identifier characters and dots.
    static func isTerm(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var depth = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth < 0 { return false }
            default:
                if depth == 0, !(scalar == "." || scalar == "_" || scalar.properties.isAlphabetic
                                 || scalar.properties.numericType != nil) {
                    return false
                }
            }
        }
        return depth == 0
    }
}
