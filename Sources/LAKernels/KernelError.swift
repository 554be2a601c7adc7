/// An error raised by a kernel. The language runtime turns it into a
/// diagnostic of the same kind, adding source spans.
public struct KernelError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case shape = "ShapeError"
        case index = "IndexError"
        case value = "ValueError"
        case type = "TypeError"
        case zeroDivision = "ZeroDivisionError"
        case overflow = "OverflowError"
        case limit = "LimitError"
    }

    public var kind: Kind
    public var message: String
    /// The shapes of the operands involved, in order, for shape errors
    /// (lets the diagnostics layer label each operand as written).
    public var operandShapes: [[Int]]
    /// The axis that disagrees, when there is one.
    public var axis: Int?
    /// A suggested fix, e.g. "B.T has shape (2, 4)".
    public var help: String?

    public init(_ kind: Kind, _ message: String, operandShapes: [[Int]] = [], axis: Int? = nil, help: String? = nil) {
        self.kind = kind
        self.message = message
        self.operandShapes = operandShapes
        self.axis = axis
        self.help = help
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
