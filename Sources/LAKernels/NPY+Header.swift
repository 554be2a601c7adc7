// The .npy header: a Python dict literal such as
// `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`.
// NumPy reads it with `ast.literal_eval`; we parse the small literal subset
// it can contain with a strict recursive-descent parser (never `eval`).

/// A Python literal value as it may appear in a .npy header.
indirect enum PythonLiteral {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(key: String, value: PythonLiteral)])
}

/// Parses one Python literal that fills `text` (surrounding whitespace allowed).
/// Nesting is limited so a hostile header cannot exhaust the stack.
struct PythonLiteralParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private static let maxDepth = 32

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// - Throws: ValueError naming the problem and its character offset.
    static func parse(_ text: String) throws -> PythonLiteral {
        var parser = PythonLiteralParser(text)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.scalars.count { throw parser.failure("unexpected text after the dict") }
        return value
    }

    private func failure(_ problem: String) -> KernelError {
        KernelError(.value, "invalid .npy header: \(problem) at character \(position)")
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
    }

    private mutating func parseValue(depth: Int) throws -> PythonLiteral {
        guard depth < PythonLiteralParser.maxDepth else { throw failure("nesting too deep") }
        skipWhitespace()
        guard let c = current else { throw failure("unexpected end") }
        switch c {
        case "{": return try parseDict(depth: depth)
        case "(": return try parseSequence(close: ")", depth: depth)
        case "[": return try parseSequence(close: "]", depth: depth)
        case "'", "\"": return .string(try parseString())
        case "-", "+", "0"..."9": return .integer(try parseInteger())
        default:
            var word = ""
            while let w = current, ("a"..."z").contains(w) || ("A"..."Z").contains(w) {
                word.unicodeScalars.append(w)
                position += 1
            }
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            default: throw failure(word.isEmpty ? "unexpected character '\(c)'" : "unknown name '\(word)'")
            }
        }
    }

    private mutating func parseDict(depth: Int) throws -> PythonLiteral {
        position += 1  // "{"
        var entries: [(key: String, value: PythonLiteral)] = []
        while true {
            skipWhitespace()
            if current == "}" { position += 1; return .dict(entries) }
            guard case .string(let key) = try parseValue(depth: depth + 1) else { throw failure("dict keys must be strings") }
            skipWhitespace()
            guard current == ":" else { throw failure("expected ':'") }
            position += 1
            entries.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            if current == "," { position += 1 } else if current != "}" { throw failure("expected ',' or '}'") }
        }
    }

    /// A tuple `(...)` or list `[...]`; `(x)` without a comma is just `x`, as in Python.
    private mutating func parseSequence(close: Unicode.Scalar, depth: Int) throws -> PythonLiteral {
        position += 1
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipWhitespace()
            if current == close {
                position += 1
                if close == "]" { return .list(items) }
                if items.count == 1 && !sawComma { return items[0] }
                return .tuple(items)
            }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if current == "," { position += 1; sawComma = true } else if current != close { throw failure("expected ',' or '\(close)'") }
        }
    }

    private mutating func parseString() throws -> String {
        guard let quote = current else { throw failure("unexpected end") }
        position += 1
        var text = ""
        while let c = current {
            position += 1
            if c == quote { return text }
            if c == "\\" {
                guard let escaped = current else { break }
                position += 1
                text.unicodeScalars.append(escaped)
            } else {
                text.unicodeScalars.append(c)
            }
        }
        throw failure("unterminated string")
    }

    /// A decimal integer; a trailing `L` (Python 2 long, found in old files) is accepted.
    private mutating func parseInteger() throws -> Int {
        var negative = false
        if current == "-" || current == "+" { negative = current == "-"; position += 1; skipWhitespace() }
        var value = 0
        var digits = 0
        while let c = current, ("0"..."9").contains(c) {
            let digit = Int(c.value - 48)
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.addingReportingOverflow(negative ? -digit : digit)
            if o1 || o2 { throw failure("integer too large") }
            value = next
            digits += 1
            position += 1
        }
        if digits == 0 { throw failure("expected digits") }
        if current == "L" || current == "l" { position += 1 }
        return value
    }
}

/// What the header dict of a .npy file says about its array.
struct NPYHeader {
    var format: NPYElementFormat
    var fortranOrder: Bool
    var shape: [Int]

    /// Reads the dict's three required keys (and no others, as NumPy insists).
    init(dictText: String) throws {
        guard case .dict(let entries) = try PythonLiteralParser.parse(dictText) else {
            throw KernelError(.value, "invalid .npy header: expected a dict")
        }
        var descr: PythonLiteral?, fortran: PythonLiteral?, shapeValue: PythonLiteral?
        for (key, value) in entries {
            switch key {
            case "descr": descr = value
            case "fortran_order": fortran = value
            case "shape": shapeValue = value
            default: throw KernelError(.value, "invalid .npy header: unexpected key '\(key)'")
            }
        }
        guard let descr, let fortran, let shapeValue else {
            throw KernelError(.value, "invalid .npy header: it must have the keys 'descr', 'fortran_order' and 'shape'")
        }
        guard case .bool(let fortranOrder) = fortran else {
            throw KernelError(.value, "invalid .npy header: 'fortran_order' must be True or False")
        }
        guard case .tuple(let dims) = shapeValue else {
            throw KernelError(.value, "invalid .npy header: 'shape' must be a tuple of integers")
        }
        var shape: [Int] = []
        for dim in dims {
            guard case .integer(let n) = dim, n >= 0 else {
                throw KernelError(.value, "invalid .npy header: 'shape' must be a tuple of non-negative integers")
            }
            shape.append(n)
        }
        self.format = try NPYElementFormat(descr: descr)
        self.fortranOrder = fortranOrder
        self.shape = shape
    }
}
