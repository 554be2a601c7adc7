import LAKernels
import LASyntax

/// An error raised inside the VM or a builtin, before the VM attaches the source
/// span and the call stack to turn it into a `Diagnostic`.
struct RuntimeError: Error {
    var kind: ErrorKind
    var message: String
    var help: [String]
    /// The operand of the failing instruction to point at (an element of a tensor literal).
    var operand: Int?
    /// Texts to show under operands of the failing instruction (e.g. the shapes of two rows).
    var operandLabels: [(operand: Int, text: String)] = []

    init(_ kind: ErrorKind, _ message: String, help: [String] = []) {
        self.kind = kind
        self.message = message
        self.help = help
    }
}

extension ErrorKind {
    /// The language error kind of a kernel error.
    init(_ kind: KernelError.Kind) {
        switch kind {
        case .shape: self = .shapeError
        case .index: self = .indexError
        case .value: self = .valueError
        case .type: self = .typeError
        case .zeroDivision: self = .zeroDivisionError
        case .overflow: self = .overflowError
        case .limit: self = .limitError
        }
    }
}
