import LAKernels

/// A kernel error raised inside a builtin, with the shapes of the arguments the
/// builtin was given (positional, then named, in call order), so the diagnostic
/// can label each argument as written in the source with its shape.
struct BuiltinFailure: Error {
    /// What the diagnostic needs to know of one argument.
    enum Argument: Sendable {
        case tensor(shape: [Int])
        /// A tuple of tensors (as `concat` and `stack` take).
        case tensors(shapes: [[Int]])
        case other
    }

    var error: KernelError
    var arguments: [Argument]

    init(error: KernelError, arguments: [Value]) {
        self.error = error
        self.arguments = arguments.map { argument in
            switch argument {
            case .tensor(let box):
                return .tensor(shape: box.tensor.shape)
            case .tuple(let items):
                let shapes = items.compactMap { item -> [Int]? in
                    if case .tensor(let box) = item { return box.tensor.shape }
                    return nil
                }
                return shapes.count == items.count && !shapes.isEmpty ? .tensors(shapes: shapes) : .other
            default:
                return .other
            }
        }
    }

    /// The label under each argument: a tensor's shape, the shapes of a tuple of tensors, or nil.
    var argumentLabels: [String?] {
        arguments.map { argument in
            switch argument {
            case .tensor(let shape): Tensor.formatShape(shape)
            case .tensors(let shapes): shapes.map(Tensor.formatShape).joined(separator: ", ")
            case .other: nil
            }
        }
    }
}
