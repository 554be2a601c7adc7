import LAKernels

/// Exact linear algebra (SPEC §5): `det inv solve rank rref lu` of rational matrices
/// (and of integer matrices in exact mode) run on `RationalMatrix`.
extension BuiltinArguments {
    /// The argument as an exact matrix when it is a rational tensor, or an integer or
    /// bool tensor in exact mode; nil when the float kernels apply.
    /// - Throws: ShapeError when such a tensor does not have 2 axes.
    func exactMatrix(_ index: Int) throws -> RationalMatrix? {
        guard let tensor = exactTensor(index) else { return nil }
        guard tensor.ndim == 2 else {
            throw RuntimeError(.shapeError, "\(function)() needs a matrix (2 axes), got shape \(Tensor.formatShape(tensor.shape))")
        }
        return try RationalMatrix(rows: tensor.shape[0], columns: tensor.shape[1], elements: try tensor.rationalElements())
    }

    /// The argument as a tensor with exact elements, or nil (floats, non-tensors, ints outside exact mode).
    func exactTensor(_ index: Int) -> Tensor? {
        let tensor: Tensor
        switch values[index] {
        case .tensor(let box): tensor = box.tensor
        case .tuple: guard let converted = try? self.tensor(index) else { return nil }; tensor = converted
        default: return nil
        }
        if tensor.dtype == .rational { return tensor }
        return vm.exactMode && (tensor.dtype == .i64 || tensor.dtype == .bool) ? tensor : nil
    }

    /// `solve(a, b)` exactly when one side is exact and the other holds no floats
    /// (b may be a vector or a matrix); nil when the float path applies.
    func exactSolve() throws -> Value? {
        let exactA = exactTensor(0), exactB = exactTensor(1)
        guard exactA != nil || exactB != nil,
              let a = exactA ?? integerTensor(0), let b = exactB ?? integerTensor(1) else { return nil }
        guard a.ndim == 2 else {
            throw RuntimeError(.shapeError, "solve() needs a matrix A (2 axes), got shape \(Tensor.formatShape(a.shape))")
        }
        let matrix = try RationalMatrix(rows: a.shape[0], columns: a.shape[1], elements: try a.rationalElements())
        let rhs = try b.rationalElements()
        if b.ndim == 1 {
            return .tensor(try Tensor(rationals: try matrix.solve(rhs), shape: [rhs.count], context: context))
        }
        guard b.ndim == 2 else {
            throw RuntimeError(.shapeError, "solve() needs b with 1 or 2 axes, got shape \(Tensor.formatShape(b.shape))")
        }
        let x = try matrix.solve(try RationalMatrix(rows: b.shape[0], columns: b.shape[1], elements: rhs))
        return .tensor(try x.tensor(context: context))
    }

    /// An i64 or bool tensor argument (exact in any mode), else nil.
    private func integerTensor(_ index: Int) -> Tensor? {
        guard case .tensor(let box) = values[index], box.tensor.dtype == .i64 || box.tensor.dtype == .bool else { return nil }
        return box.tensor
    }
}

extension RationalMatrix {
    /// The matrix as a rational tensor of shape (rows, columns).
    func tensor(context: KernelContext) throws -> Tensor {
        try Tensor(rationals: elements, shape: [rows, columns], context: context)
    }
}
