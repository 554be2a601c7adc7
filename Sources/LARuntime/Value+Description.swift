import LAKernels
import LASyntax

/// How values print (SPEC §6).
extension Value {
    /// The text `print` writes: strings raw, everything else as `repr` without tensor headers.
    public var printed: String { format(nested: false) }

    /// `printed`, with every float marked `≈` when `exact` (SPEC §5: in exact mode a
    /// reader sees which numbers are exact).
    public func printed(exact: Bool) -> String { format(nested: false, exact: exact) }

    /// Strings quoted; tensors with their `f64[2, 3]` header line (the REPL echo and `repr(x)`).
    public var repr: String { repr(exact: false) }

    /// `repr`, with floats marked `≈` when `exact` (the REPL's echo in exact mode).
    public func repr(exact: Bool) -> String {
        if case .tensor(let box) = self { return Printer.header(box.tensor) + "\n" + printed(exact: exact) }
        return format(nested: true, exact: exact)
    }

    func format(nested: Bool, exact: Bool = false) -> String {
        switch self {
        case .nil: return "nil"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .float(let value): return (exact ? "≈" : "") + Printer.format(value)
        case .rational(let box): return box.value.description
        case .string(let text): return nested ? LiteralText.quoted(text) : text
        case .tuple(let items):
            let inner = items.map { $0.format(nested: true, exact: exact) }.joined(separator: ", ")
            return items.count == 1 ? "(\(inner),)" : "(\(inner))"
        case .record(let record):
            let fields = zip(record.keys, record.values).map { "\($0): \($1.format(nested: true, exact: exact))" }
            return "{" + fields.joined(separator: ", ") + "}"
        case .tensor(let box):
            let text = Printer.format(box.tensor)
            guard exact && box.tensor.dtype.isFloatingPoint else { return text }
            // One mark before the tensor; later lines shift by its width to keep NumPy's columns.
            return "≈" + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n ")
        case .closure(let closure): return "<fn \(closure.name)>"
        case .builtin(let builtin): return "<fn \(builtin.name)>"
        case .dtype(let dtype): return dtype.description
        case .range(let range):
            return range.step == 1 ? "range(\(range.start), \(range.stop))" : "range(\(range.start), \(range.stop), \(range.step))"
        case .slice(let slice):
            if slice.isEllipsis { return "..." }
            return [slice.start, slice.stop, slice.step].map { $0.map(String.init) ?? "" }.joined(separator: ":")
        case .undefined: return "undefined"
        }
    }
}
