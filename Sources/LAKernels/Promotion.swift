/// Type promotion for element-wise operations (SPEC §2, NumPy NEP 50).
///
/// The lattice is a linear order held in `DType.promotionOrder`, with `rational`
/// between `i64` and `f32`.

/// The kind of a dtype or scalar: weak scalars compare kinds, not dtypes.
enum NumericKind: Int, Comparable {
    case boolean, integer, floating

    static func < (a: NumericKind, b: NumericKind) -> Bool { a.rawValue < b.rawValue }
}

extension DType {
    /// The promotion lattice, smallest first: the join of two dtypes is the later one.
    static let promotionOrder: [DType] = [.bool, .i64, .rational, .f32, .f64]

    /// Position in `promotionOrder`.
    var promotionRank: Int { DType.promotionOrder.firstIndex(of: self) ?? 0 }

    var kind: NumericKind {
        switch self {
        case .bool: .boolean
        // A weak int scalar keeps a rational tensor rational; a float makes it f64.
        case .i64, .rational: .integer
        case .f32, .f64: .floating
        }
    }

    /// The least upper bound of two dtypes in the promotion lattice.
    static func join(_ a: DType, _ b: DType) -> DType {
        a.promotionRank >= b.promotionRank ? a : b
    }

    /// The dtype a float-valued function (`/`, `sqrt`, `mean`, ...) gives for this input:
    /// floats keep their width, bool and i64 become f64.
    var floatResult: DType { isFloatingPoint ? self : .f64 }
}

extension Scalar {
    var kind: NumericKind {
        switch self {
        case .bool: .boolean
        case .int: .integer
        case .float: .floating
        }
    }

    /// The dtype a scalar has when it stands alone (a strong value).
    var defaultDType: DType {
        switch self {
        case .bool: .bool
        case .int: .i64
        case .float: .f64
        }
    }
}

extension Operand {
    /// The dtype this operand contributes to promotion when mixed with a tensor of `other`.
    /// A weak scalar adopts `other` when its kind is not above `other`'s kind (NEP 50).
    func promotionDType(against other: DType?) -> DType {
        switch self {
        case .tensor(let t):
            return t.dtype
        case .scalar(let s):
            guard let other else { return s.defaultDType }
            return s.kind <= other.kind ? other : s.defaultDType
        }
    }

    var shape: [Int] {
        if case .tensor(let t) = self { return t.shape }
        return []
    }
}

extension Tensor {
    /// The dtype `a op b` computes in before the op's own result rule
    /// (e.g. `/` then moves integers to f64): the lattice join, with weak scalars.
    /// - Complexity: O(1).
    static func promotedType(_ a: Operand, _ b: Operand) -> DType {
        promotedType([a, b])
    }

    /// The promoted dtype of several operands: tensors join strongly, then each
    /// scalar joins weakly against the tensors' dtype (all scalars: strong join).
    static func promotedType(_ operands: [Operand]) -> DType {
        var tensorJoin: DType?
        for case .tensor(let t) in operands {
            tensorJoin = tensorJoin.map { DType.join($0, t.dtype) } ?? t.dtype
        }
        var result = tensorJoin
        for case .scalar(let s) in operands {
            let weak = Operand.scalar(s).promotionDType(against: tensorJoin)
            result = result.map { DType.join($0, weak) } ?? weak
        }
        return result ?? .f64
    }
}
