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

    /// The element at `indices` (one per axis, negative counts from the end).
    public func scalar(at indices: [Int]) throws -> Scalar {
        throw KernelError(.value, "scalar(at:) not implemented")
    }

    /// The only element of a one-element tensor.
    public func item() throws -> Scalar {
        throw KernelError(.value, "item not implemented")
    }

    /// A tensor from elements in row-major order. `dtype` nil picks the smallest
    /// dtype that holds every element (bool < i64 < f64); `[]` is f64.
    public init(scalars: [Scalar], shape: [Int], dtype: DType?, context: KernelContext) throws {
        throw KernelError(.value, "init(scalars:) not implemented")
    }

    /// Reshape; one axis may be -1. A view when the layout allows, else a copy.
    public func reshaped(_ newShape: [Int], context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "reshape not implemented")
    }

    /// Permute axes (nil reverses them, as `.T`). A view.
    public func transposed(_ axes: [Int]?) throws -> Tensor {
        throw KernelError(.value, "transpose not implemented")
    }

    /// Remove `axis` (nil: every axis of length 1). A view.
    public func squeezed(axis: Int?) throws -> Tensor {
        throw KernelError(.value, "squeeze not implemented")
    }

    /// Insert a length-1 axis at `axis`. A view.
    public func unsqueezed(axis: Int) throws -> Tensor {
        throw KernelError(.value, "unsqueeze not implemented")
    }

    /// Join along an existing axis.
    public static func concat(_ tensors: [Tensor], axis: Int, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "concat not implemented")
    }

    /// Join along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "stack not implemented")
    }

    /// `value` repeated over `shape` (`dtype` nil: the scalar's own dtype).
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType?, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "full not implemented")
    }

    /// The n×n identity.
    public static func eye(_ n: Int, dtype: DType, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "eye not implemented")
    }

    /// `start, start+step, ...` below `stop` (NumPy arange; i64 when all are ints).
    public static func arange(start: Scalar, stop: Scalar, step: Scalar, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "arange not implemented")
    }

    /// `count` evenly spaced values from `start` to `stop` inclusive.
    public static func linspace(_ start: Double, _ stop: Double, count: Int, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "linspace not implemented")
    }
}

/// A seedable pseudo-random generator owned by one interpreter (no global state).
public struct RandomSource: Sendable {
    public init(seed: UInt64) {}

    /// Uniform samples in [0, 1), f64.
    public mutating func uniform(_ shape: [Int], context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "rand not implemented")
    }

    /// Standard normal samples, f64.
    public mutating func normal(_ shape: [Int], context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "randn not implemented")
    }
}
