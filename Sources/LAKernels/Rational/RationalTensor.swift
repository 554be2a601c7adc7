/// Tensors of exact rationals (dtype `rational`): construction, conversion and
/// element-wise arithmetic. Elements live in `TensorStorage.rationals`; views
/// (transpose, slices, reshape, broadcast) share it like any other storage.
extension Tensor {
    /// The error of a kernel without a rational path.
    static func rationalUnsupported(_ operation: String = "this operation") -> KernelError {
        KernelError(.type, "\(operation) is not supported for rational tensors",
                    help: "convert first with astype(x, f64)")
    }

    /// A contiguous rational tensor of `shape` holding `rationals` in row-major order.
    /// - Throws: ShapeError when the counts differ; LimitError beyond the memory budget.
    /// - Complexity: O(count); allocates the storage.
    public init(rationals: [Rational], shape: [Int], context: KernelContext? = nil) throws {
        let count = try Tensor.elementCount(shape)
        guard count == rationals.count else {
            throw KernelError(.shape, "\(rationals.count) rationals do not fill shape \(Tensor.formatShape(shape))")
        }
        let storage = try TensorStorage(dtype: .rational, count: count, context: context)
        storage.rationals = rationals
        self.init(storage: storage, shape: shape, strides: Tensor.contiguousStrides(shape), offset: 0)
    }

    /// The exact value of every element in row-major order (a float's exact binary value).
    /// - Throws: ValueError for NaN or an infinity.
    /// - Complexity: O(count); allocates the array.
    public func rationalElements() throws -> [Rational] {
        var out: [Rational] = []
        out.reserveCapacity(count)
        switch dtype {
        case .rational:
            let elements = storage.rationals
            forEachOffset { out.append(elements[$0]) }
        case .bool:
            let p = storage.pointer(as: Bool.self)
            forEachOffset { out.append(p[$0] ? .one : .zero) }
        case .i64:
            let p = storage.pointer(as: Int64.self)
            forEachOffset { out.append(Rational(p[$0])) }
        case .f32, .f64:
            for value in toDoubles() { out.append(try Rational(exactly: value)) }
        }
        return out
    }

    /// A contiguous copy in `dtype` where one side is rational: exact into rational,
    /// the nearest double into floats, truncation toward zero into i64, nonzero into bool.
    /// - Throws: OverflowError for a value outside i64; ValueError for a NaN or infinite float.
    func rationalCast(to dtype: DType, context: KernelContext?) throws -> Tensor {
        let values = try rationalElements()
        switch dtype {
        case .rational: return try Tensor(rationals: values, shape: shape, context: context)
        case .f64, .f32: return try Tensor(values.map(\.doubleValue), shape: shape, dtype: dtype, context: context)
        case .bool: return try Tensor(values.map { $0 != .zero }, shape: shape, context: context)
        case .i64:
            let integers = try values.map { value -> Int64 in
                let truncated = value.signum < 0 ? -Rational((-value).floor) : Rational(value.floor)
                guard let integer = truncated.numerator.int64Value else {
                    throw KernelError(.overflow, "\(value) does not fit in i64")
                }
                return integer
            }
            return try Tensor(integers, shape: shape, context: context)
        }
    }

    /// `a op b` element-wise with broadcasting, computed exactly; comparisons give bool.
    /// - Throws: ZeroDivisionError for `/`, `//`, `%` by zero; TypeError for `**` with a
    ///   non-integer exponent and for `and`/`or`; ShapeError when shapes do not broadcast.
    /// - Complexity: O(count of the broadcast shape) rational operations; allocates the result
    ///   and the element offset lists of both operands.
    static func rationalBinary(_ op: BinaryOp, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        let left = try a.asRationalTensor(context: context), right = try b.asRationalTensor(context: context)
        let shape = try broadcastShapes(left.shape, right.shape)
        let leftView = try left.broadcast(to: shape), rightView = try right.broadcast(to: shape)
        let leftOffsets = leftView.storageOffsets(), rightOffsets = rightView.storageOffsets()
        let l = leftView.storage.rationals, r = rightView.storage.rationals
        context.work.add(leftOffsets.count, ordering: .relaxed)
        if let comparison = op.rationalComparison {
            var out: [Bool] = []
            out.reserveCapacity(leftOffsets.count)
            for i in leftOffsets.indices {
                if i & 1023 == 1023 { try context.checkCancellation() }
                out.append(comparison(l[leftOffsets[i]], r[rightOffsets[i]]))
            }
            return try Tensor(out, shape: shape, context: context)
        }
        var out: [Rational] = []
        out.reserveCapacity(leftOffsets.count)
        for i in leftOffsets.indices {
            if i & 1023 == 1023 { try context.checkCancellation() }
            out.append(try op.applyExactly(l[leftOffsets[i]], r[rightOffsets[i]]))
        }
        return try Tensor(rationals: out, shape: shape, context: context)
    }

    /// `op(self)` for a rational tensor: `negate abs sign floor ceil round` exactly (rational),
    /// `isnan isinf` all false, `not` on nonzero; float functions of the nearest doubles (f64)
    /// (exact mode asks `exactUnary` first).
    /// - Complexity: O(count); allocates the result and the element list.
    func rationalUnary(_ op: UnaryOp, context: KernelContext) throws -> Tensor {
        switch op {
        case .isnan, .isinf, .not: return try rationalCast(to: .bool, context: context).unary(op, context: context)
        case _ where op.isFloatFunction: break
        default: if let exact = try exactUnary(op, context: context) { return exact }
        }
        return try rationalCast(to: .f64, context: context).unary(op, context: context)
    }

    /// `op(self)` computed exactly for a rational or i64 tensor: a rational tensor when every
    /// element's result is rational (`sqrt([4, 9/4])` is `[2 3/2]`, see `UnaryOp.exactResult`),
    /// nil when some element's is not or the dtype is another.
    /// - Complexity: O(count) rational operations; allocates the result and the element list.
    public func exactUnary(_ op: UnaryOp, context: KernelContext) throws -> Tensor? {
        guard dtype == .rational || dtype == .i64 else { return nil }
        let values = try rationalElements()
        context.work.add(values.count, ordering: .relaxed)
        var results: [Rational] = []
        results.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            if i & 1023 == 1023 { try context.checkCancellation() }
            guard let result = op.exactResult(value) else { return nil }
            results.append(result)
        }
        return try Tensor(rationals: results, shape: shape, context: context)
    }

    /// `where(truth, a, b)` for a bool tensor `truth` when `a` and `b` promote to rational:
    /// exact, broadcasting all three.
    /// - Complexity: O(count of the broadcast shape); allocates the result and offset lists.
    static func rationalSelect(_ truth: Tensor, _ a: Operand, _ b: Operand, context: KernelContext) throws -> Tensor {
        let x = try a.asRationalTensor(context: context), y = try b.asRationalTensor(context: context)
        let shape = try broadcastShapes(broadcastShapes(truth.shape, x.shape), y.shape)
        let views = try [truth, x, y].map { try $0.broadcast(to: shape) }
        let offsets = views.map { $0.storageOffsets() }
        let flags = views[0].storage.pointer(as: Bool.self)
        let xs = views[1].storage.rationals, ys = views[2].storage.rationals
        context.work.add(offsets[0].count, ordering: .relaxed)
        var out: [Rational] = []
        out.reserveCapacity(offsets[0].count)
        for i in offsets[0].indices {
            if i & 1023 == 1023 { try context.checkCancellation() }
            out.append(flags[offsets[0][i]] ? xs[offsets[1][i]] : ys[offsets[2][i]])
        }
        return try Tensor(rationals: out, shape: shape, context: context)
    }

    /// The storage offset of every element, in row-major order.
    func storageOffsets() -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(count)
        forEachOffset { offsets.append($0) }
        return offsets
    }
}

extension Operand {
    /// The operand as a rational tensor (a scalar becomes 0-d).
    func asRationalTensor(context: KernelContext) throws -> Tensor {
        switch self {
        case .tensor(let t): return t.dtype == .rational ? t : try t.rationalCast(to: .rational, context: context)
        case .scalar(let s):
            let value: Rational
            switch s {
            case .bool(let v): value = v ? .one : .zero
            case .int(let v): value = Rational(v)
            case .float(let v): value = try Rational(exactly: v)
            }
            return try Tensor(rationals: [value], shape: [], context: context)
        }
    }
}

extension BinaryOp {
    /// The comparison as a predicate on rationals; nil for other operators.
    var rationalComparison: ((Rational, Rational) -> Bool)? {
        switch self {
        case .equal: (==)
        case .notEqual: (!=)
        case .less: (<)
        case .lessEqual: (<=)
        case .greater: (>)
        case .greaterEqual: (>=)
        default: nil
        }
    }

    /// The arithmetic operator applied to two rationals.
    func applyExactly(_ l: Rational, _ r: Rational) throws -> Rational {
        switch self {
        case .add: return l + r
        case .subtract: return l - r
        case .multiply: return l * r
        case .divide:
            guard r != .zero else { throw KernelError(.zeroDivision, "division by zero: \(l) / 0") }
            return try l / r
        case .floorDivide:
            guard r != .zero else { throw KernelError(.zeroDivision, "division by zero: \(l) // 0") }
            return Rational(try (l / r).floor)
        case .modulo:
            guard r != .zero else { throw KernelError(.zeroDivision, "modulo by zero: \(l) % 0") }
            return l - r * Rational(try (l / r).floor)
        case .power:
            guard r.isInteger, let wide = r.numerator.int64Value, let exponent = Int(exactly: wide) else {
                throw KernelError(.type, "a rational tensor can only be raised to an integer power, not \(r)")
            }
            return try l.power(exponent)
        case .maximum: return max(l, r)
        case .minimum: return min(l, r)
        default: throw Tensor.rationalUnsupported("'\(symbol)'")
        }
    }
}

extension Operand {
    var isRationalTensor: Bool {
        if case .tensor(let t) = self { return t.dtype == .rational }
        return false
    }

    /// A rational tensor converted to f64; other operands unchanged.
    func floatIfRational(context: KernelContext) throws -> Operand {
        guard case .tensor(let t) = self, t.dtype == .rational else { return self }
        return .tensor(try t.rationalCast(to: .f64, context: context))
    }
}
