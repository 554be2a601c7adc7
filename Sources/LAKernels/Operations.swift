// The operation vocabulary of the kernels: one closed set of primitive ops
// grouped by kind (unary, binary, reduce), plus indexing items.

/// Element-wise operations of one operand.
public enum UnaryOp: String, Sendable, CaseIterable {
    case negate, abs, sign, sqrt, exp, log, log2, log10, sin, cos, tan, tanh, erf, floor, ceil, round
    case isnan, isinf, not
}

/// Element-wise operations of two broadcast operands.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, subtract, multiply, divide, floorDivide, modulo, power
    case maximum, minimum
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case and, or
}

/// Reductions over one or more axes.
public enum ReduceOp: String, Sendable, CaseIterable {
    case sum, mean, prod, max, min, argmax, argmin, `var`, std, any, all
}

/// A scalar operand of an element-wise operation. Python-style scalars are
/// *weak* (SPEC §2): they adopt the tensor's dtype when of the same kind.
public enum Scalar: Sendable, Hashable {
    case bool(Bool)
    case int(Int64)
    case float(Double)
}

/// One item of an index expression `a[...]`.
public enum TensorIndex: Sendable {
    case int(Int)
    /// `start:stop:step`; nil parts take NumPy's defaults.
    case slice(start: Int?, stop: Int?, step: Int?)
    case ellipsis
    case newAxis
    /// An integer tensor (gather) or a bool tensor (mask).
    case tensor(Tensor)
}

/// Either side of an element-wise operation.
public enum Operand: Sendable {
    case tensor(Tensor)
    case scalar(Scalar)
}
