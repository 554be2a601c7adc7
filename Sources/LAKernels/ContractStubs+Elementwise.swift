// CONTRACT STUBS for element-wise work, promotion and reductions.
// The kernels work implements each in its own file (Promotion.swift,
// Elementwise.swift, Reduce.swift) with these signatures, then deletes this file.

extension Tensor {
    /// `a op b` element-wise with broadcasting and type promotion (scalars are weak).
    /// At least one operand is normally a tensor; two scalars give a 0-d tensor.
    public static func binary(_ op: BinaryOp, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "binary \(op) not implemented")
    }

    /// `op(self)` element-wise.
    public func unary(_ op: UnaryOp, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "unary \(op) not implemented")
    }

    /// `where(condition, a, b)` with broadcasting of all three.
    public static func select(_ condition: Operand, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "where not implemented")
    }

    /// A reduction over `axes` (nil: all axes; negative axes count from the end).
    /// A full reduction without keepdims gives a 0-d tensor.
    public func reduce(_ op: ReduceOp, axes: [Int]?, keepdims: Bool, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "reduce \(op) not implemented")
    }

    /// Cumulative sum along `axis` (nil: over the flattened tensor).
    public func cumsum(axis: Int?, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "cumsum not implemented")
    }

    /// The elements converted to `dtype` (float → i64 truncates; out of range is an OverflowError).
    public func astype(_ dtype: DType, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "astype not implemented")
    }
}
