// CONTRACT STUBS for indexing, shape operations and creation.
// The kernels work implements each in its own file (Index.swift, Shape.swift,
// Creation.swift, Random.swift) with these signatures, then deletes this file.

extension Tensor {
    /// `self[items]` with NumPy semantics: basic indexing gives a view, advanced a copy.
    /// Indexing every axis with integers gives a 0-d tensor (the runtime turns it into a scalar).
    public func index(_ items: [TensorIndex], context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "index not implemented")
    }

    /// `self[items] = value`, broadcasting `value`; copies storage first if shared (copy-on-write).
    public mutating func assign(_ items: [TensorIndex], _ value: Operand, context: KernelContext) throws {
        throw KernelError(.value, "assign not implemented")
    }
}

