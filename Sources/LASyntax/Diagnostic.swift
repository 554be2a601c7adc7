/// The kinds of error of SPEC §7.
public enum ErrorKind: String, Sendable, CaseIterable {
    case syntaxError = "SyntaxError"
    case nameError = "NameError"
    case typeError = "TypeError"
    case shapeError = "ShapeError"
    case indexError = "IndexError"
    case valueError = "ValueError"
    case zeroDivisionError = "ZeroDivisionError"
    case overflowError = "OverflowError"
    case recursionError = "RecursionError"
    case assertionError = "AssertionError"
    case limitError = "LimitError"
    case ioError = "IOError"
}

/// A secondary span with a short text, e.g. an operand and its shape.
public struct DiagnosticLabel: Sendable, Hashable {
    public var span: SourceSpan
    public var text: String

    public init(span: SourceSpan, text: String) {
        self.span = span
        self.text = text
    }
}

/// One frame of the la call stack at the point an error was raised.
public struct StackFrame: Sendable, Hashable {
    /// The function's name (`<script>` for top-level code, `<fn>` for anonymous ones).
    public var function: String
    public var file: String
    /// Where the call into the next frame happened, or the error itself for the innermost frame.
    public var location: SourceLocation?

    public init(function: String, file: String, location: SourceLocation?) {
        self.function = function
        self.file = file
        self.location = location
    }
}

/// Whether a diagnostic stopped the script or only warns about it.
public enum Severity: Sendable, Hashable {
    case error
    /// Printed once per location; the script goes on (e.g. a broadcast that builds an n×n table).
    case warning
}

/// Every la error: a kind, a message, where it happened, and how to fix it.
public struct Diagnostic: Error, Sendable, Hashable {
    public var kind: ErrorKind
    /// `.error` unless the diagnostic is a warning (rendered `warning: ...`, no kind).
    public var severity: Severity = .error
    public var message: String
    /// The name of the source file the span points into.
    public var file: String
    public var span: SourceSpan?
    /// Text under the primary caret (optional).
    public var primaryLabel: String?
    public var labels: [DiagnosticLabel]
    public var notes: [String]
    public var help: [String]
    /// Innermost frame first.
    public var stack: [StackFrame]

    public init(_ kind: ErrorKind, _ message: String, file: String = "<input>", span: SourceSpan? = nil,
                primaryLabel: String? = nil, labels: [DiagnosticLabel] = [], notes: [String] = [],
                help: [String] = [], stack: [StackFrame] = []) {
        self.kind = kind
        self.message = message
        self.file = file
        self.span = span
        self.primaryLabel = primaryLabel
        self.labels = labels
        self.notes = notes
        self.help = help
        self.stack = stack
    }
}

/// One or more diagnostics, e.g. every syntax error found in a file.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
