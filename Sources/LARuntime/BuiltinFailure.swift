import LAKernels

/// A kernel error raised inside a builtin, together with the arguments the builtin
/// was given (positional, then named, in call order), so the diagnostic can label
/// each argument as written in the source with its shape.
struct BuiltinFailure: Error {
    var error: KernelError
    var arguments: [Value]

    /// The label under each argument: a tensor's shape, the shapes of a tuple of
    /// tensors, or nil for anything else.
    var argumentLabels: [String?] {
        arguments.map { argument in
            switch argument {
            case .tensor(let box):
                return Tensor.formatShape(box.tensor.shape)
            case .tuple(let items):
                let shapes = items.compactMap { item -> String? in
                    if case .tensor(let box) = item { return Tensor.formatShape(box.tensor.shape) }
                    return nil
                }
                return shapes.count == items.count && !shapes.isEmpty ? shapes.joined(separator: ", ") : nil
            default:
                return nil
            }
        }
    }
}
