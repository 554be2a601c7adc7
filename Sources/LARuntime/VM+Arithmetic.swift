#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LAKernels
import LASyntax

/// Scalar arithmetic follows Python: ints are 64-bit and overflow is an OverflowError;
/// `/` gives a float; `//` floors; `%` takes the divisor's sign; int `//` and `%` by zero
/// are ZeroDivisionErrors; float division by zero follows IEEE as NumPy does
/// (`1 / 0` is `inf`, `0.0 / 0` is `nan`). Anything involving a tensor goes to the kernels.
extension VM {
    @inline(__always)
    func add(_ x: Value, _ y: Value) throws -> Value {
        if case .int(let l) = x, case .int(let r) = y {
            let (sum, overflow) = l.addingReportingOverflow(r)
            if overflow { return try overflowed(.add, l, r) }
            return .int(sum)
        }
        if case .float(let l) = x, case .float(let r) = y { return .float(l + r) }
        if case .float(let l) = x, case .int(let r) = y { return .float(l + Double(r)) }
        if case .int(let l) = x, case .float(let r) = y { return .float(Double(l) + r) }
        return try arithmetic(.add, x, y)
    }

    @inline(__always)
    func subtract(_ x: Value, _ y: Value) throws -> Value {
        if case .int(let l) = x, case .int(let r) = y {
            let (difference, overflow) = l.subtractingReportingOverflow(r)
            if overflow { return try overflowed(.subtract, l, r) }
            return .int(difference)
        }
        if case .float(let l) = x, case .float(let r) = y { return .float(l - r) }
        if case .float(let l) = x, case .int(let r) = y { return .float(l - Double(r)) }
        if case .int(let l) = x, case .float(let r) = y { return .float(Double(l) - r) }
        return try arithmetic(.subtract, x, y)
    }

    @inline(__always)
    func multiply(_ x: Value, _ y: Value) throws -> Value {
        if case .int(let l) = x, case .int(let r) = y {
            let (product, overflow) = l.multipliedReportingOverflow(by: r)
            if overflow { return try overflowed(.multiply, l, r) }
            return .int(product)
        }
        if case .float(let l) = x, case .float(let r) = y { return .float(l * r) }
        if case .float(let l) = x, case .int(let r) = y { return .float(l * Double(r)) }
        if case .int(let l) = x, case .float(let r) = y { return .float(Double(l) * r) }
        return try arithmetic(.multiply, x, y)
    }

    func overflowError(_ op: String, _ l: Int64, _ r: Int64) -> RuntimeError {
        RuntimeError(.overflowError, "integer overflow: \(l) \(op) \(r) does not fit in 64 bits",
                     help: ["use floats (e.g. \(l).0) for values this large"])
    }

    /// Any arithmetic operator on any operands.
    func arithmetic(_ op: BinaryOp, _ x: Value, _ y: Value) throws -> Value {
        switch (x, y) {
        case (.int(let l), .int(let r)): return try integerArithmetic(op, l, r)
        case (.int(let l), .float(let r)): return .float(floatArithmetic(op, Double(l), r))
        case (.float(let l), .int(let r)): return .float(floatArithmetic(op, l, Double(r)))
        case (.float(let l), .float(let r)): return .float(floatArithmetic(op, l, r))
        case (.string(let l), .string(let r)) where op == .add: return .string(l + r)
        case (.tuple(let l), .tuple(let r)) where op == .add: return .tuple(l + r)
        default:
            if let result = try rationalArithmetic(op, x, y) { return result }
            guard let left = operand(x), let right = operand(y), x.isTensorLike || y.isTensorLike else {
                let joinsText = op == .add && (x.typeName == "string") != (y.typeName == "string")
                var error = RuntimeError(.typeError, "unsupported operand types for \(op.symbol): \(x.typeName) and \(y.typeName)",
                                         help: joinsText ? ["to join text and a value, convert it with str(...) or interpolate: \"n = \\(n)\""] : [])
                error.operandLabels = [(0, x.typeName), (1, y.typeName)]
                throw error
            }
            let result = try Tensor.binary(op, left, right, context: kernel)
            try checkStepBudget()
            warnIfOuterBroadcast(x, y)
            return .tensor(result)
        }
    }

    private func integerArithmetic(_ op: BinaryOp, _ l: Int64, _ r: Int64) throws -> Value {
        switch op {
        case .add: return try add(.int(l), .int(r))
        case .subtract: return try subtract(.int(l), .int(r))
        case .multiply: return try multiply(.int(l), .int(r))
        case .divide: return exactMode ? try exactArithmetic(.divide, Rational(l), Rational(r)) : .float(Double(l) / Double(r))
        case .floorDivide:
            guard r != 0 else { throw RuntimeError(.zeroDivisionError, "integer division by zero: \(l) // 0") }
            let (quotient, overflow) = l.dividedReportingOverflow(by: r)
            if overflow { return try overflowed(.floorDivide, l, r) }
            return .int(quotient * r != l && (l < 0) != (r < 0) ? quotient - 1 : quotient)
        case .modulo:
            guard r != 0 else { throw RuntimeError(.zeroDivisionError, "integer modulo by zero: \(l) % 0") }
            let (remainder, overflow) = l.remainderReportingOverflow(dividingBy: r)
            if overflow { return .int(0) }
            return .int(remainder != 0 && (remainder < 0) != (r < 0) ? remainder + r : remainder)
        case .power:
            if r < 0 { return exactMode ? try exactArithmetic(.power, Rational(l), Rational(r)) : .float(pow(Double(l), Double(r))) }
            guard let result = l.checkedPower(r) else { return try overflowed(.power, l, r) }
            return .int(result)
        default:
            throw RuntimeError(.typeError, "unsupported operator \(op.symbol) for ints")
        }
    }

    private func floatArithmetic(_ op: BinaryOp, _ l: Double, _ r: Double) -> Double {
        switch op {
        case .add: return l + r
        case .subtract: return l - r
        case .multiply: return l * r
        case .divide: return l / r
        case .floorDivide: return (l / r).rounded(.down)
        case .modulo:
            if r == 0 { return .nan }
            let remainder = fmod(l, r)
            return remainder != 0 && (remainder < 0) != (r < 0) ? remainder + r : remainder
        case .power: return pow(l, r)
        default: return .nan
        }
    }

    func matmul(_ x: Value, _ y: Value) throws -> Value {
        guard case .tensor(let left)? = x.asTensorValue(self), case .tensor(let right)? = y.asTensorValue(self) else {
            throw RuntimeError(.typeError, "@ needs tensors, got \(x.typeName) and \(y.typeName); use * for scalars")
        }
        let product = try Tensor.matmul(left.tensor, right.tensor, context: kernel)
        try checkStepBudget()
        return try scalarIfZeroDimensional(product)
    }

    /// The kernel comparison of each entry of `Opcode.comparisons`, for TESTCMP.
    static let comparisonOps: [BinaryOp] = [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual]

    /// `compare` with the int and float cases inlined into the dispatch loop.
    @inline(__always)
    func compareFast(_ op: BinaryOp, _ x: Value, _ y: Value) throws -> Value {
        if case .int(let l) = x, case .int(let r) = y { return .bool(ordered(op, l, r)) }
        if case .float(let l) = x, case .float(let r) = y { return .bool(ordered(op, l, r)) }
        return try compare(op, x, y)
    }

    /// Comparison operators: numbers and strings compare as values; tensors element-wise;
    /// `==`/`!=` on other values compare structurally.
    func compare(_ op: BinaryOp, _ x: Value, _ y: Value) throws -> Value {
        switch (x, y) {
        case (.int(let l), .int(let r)): return .bool(ordered(op, l, r))
        case (.float(let l), .float(let r)): return .bool(ordered(op, l, r))
        case (.int(let l), .float(let r)): return .bool(ordered(op, Double(l), r))
        case (.float(let l), .int(let r)): return .bool(ordered(op, l, Double(r)))
        case (.string(let l), .string(let r)): return .bool(ordered(op, l, r))
        default: if let result = try rationalComparison(op, x, y) { return result }
        }
        if x.isTensorLike || y.isTensorLike, let left = operand(x), let right = operand(y) {
            let result = try Tensor.binary(op, left, right, context: kernel)
            try checkStepBudget()
            warnIfOuterBroadcast(x, y)
            return .tensor(result)
        }
        switch op {
        case .equal: return .bool(try structurallyEqual(x, y))
        case .notEqual: return .bool(try !structurallyEqual(x, y))
        default:
            throw RuntimeError(.typeError, "cannot compare \(x.typeName) and \(y.typeName) with \(op.symbol)")
        }
    }

    /// `ordered(comparisonOps[index], l, r)` without loading the table.
    @inline(__always)
    static func ordered(_ index: Int, _ l: Int64, _ r: Int64) -> Bool {
        switch index {
        case 0: l == r
        case 1: l != r
        case 2: l < r
        case 3: l <= r
        case 4: l > r
        default: l >= r
        }
    }

    @inline(__always)
    private func ordered<T: Comparable>(_ op: BinaryOp, _ l: T, _ r: T) -> Bool {
        switch op {
        case .equal: l == r
        case .notEqual: l != r
        case .less: l < r
        case .lessEqual: l <= r
        case .greater: l > r
        default: l >= r
        }
    }

    /// `==` outside tensors: same type and equal parts (tensors inside tuples: same shape and elements).
    func structurallyEqual(_ x: Value, _ y: Value) throws -> Bool {
        switch (x, y) {
        case (.nil, .nil): return true
        case (.bool(let l), .bool(let r)): return l == r
        case (.int, .int), (.int, .float), (.float, .int), (.float, .float), (.rational, .int), (.rational, .float),
             (.rational, .rational), (.int, .rational), (.float, .rational):
            if case .bool(let result) = try compare(.equal, x, y) { return result }
            return false
        case (.tuple(let l), .tuple(let r)):
            guard l.count == r.count else { return false }
            for (a, b) in zip(l, r) where try !structurallyEqual(a, b) { return false }
            return true
        case (.record(let l), .record(let r)):
            guard l.keys == r.keys else { return false }
            for (a, b) in zip(l.values, r.values) where try !structurallyEqual(a, b) { return false }
            return true
        case (.tensor(let l), .tensor(let r)):
            guard l.tensor.shape == r.tensor.shape else { return false }
            let equal = try Tensor.binary(.equal, .tensor(l.tensor), .tensor(r.tensor), context: kernel)
            return try truthOfScalar(equal.reduce(.all, axes: nil, keepdims: false, context: kernel).item())
        case (.dtype(let l), .dtype(let r)): return l == r
        // `rational` names both the conversion function and the dtype.
        case (.dtype(let dtype), .builtin(let builtin)), (.builtin(let builtin), .dtype(let dtype)):
            return dtype == .rational && builtin.name == "rational"
        case (.closure(let l), .closure(let r)): return l === r
        case (.builtin(let l), .builtin(let r)): return l === r
        case (.range(let l), .range(let r)): return l.start == r.start && l.step == r.step && l.count == r.count
        default: return false
        }
    }

    func negate(_ x: Value) throws -> Value {
        switch x {
        case .int(let value):
            guard value != .min else {
                if exactMode { return .exact(-Rational(value)) }
                throw RuntimeError(.overflowError, "integer overflow: -(\(value)) does not fit in 64 bits")
            }
            return .int(-value)
        case .float(let value): return .float(-value)
        case .rational(let box): return .exact(-box.value)
        case .tensor(let box): return .tensor(try box.tensor.unary(.negate, context: kernel))
        default: throw RuntimeError(.typeError, "cannot negate a \(x.typeName)")
        }
    }

    func unaryPlus(_ x: Value) throws -> Value {
        switch x {
        case .int, .float, .rational, .tensor: return x
        default: throw RuntimeError(.typeError, "unary + needs a number or a tensor, got \(x.typeName)")
        }
    }

    /// SPEC §3's truth value: a bool, or a tensor of exactly one element.
    @inline(__always)
    func truth(_ x: Value) throws -> Bool {
        if case .bool(let value) = x { return value }
        return try truthSlow(x)
    }

    private func truthSlow(_ x: Value) throws -> Bool {
        guard case .tensor(let box) = x else {
            throw RuntimeError(.typeError, "a condition must be a bool, got \(x.typeName)",
                               help: ["compare explicitly, e.g. `x != 0` or `x != nil`"])
        }
        let count = box.tensor.count
        guard count == 1 else {
            throw RuntimeError(.typeError, "the truth value of a tensor with \(count) elements is ambiguous; use any() or all()")
        }
        return try truthOfScalar(box.tensor.item())
    }

    func truthOfScalar(_ scalar: Scalar) -> Bool {
        switch scalar {
        case .bool(let value): value
        case .int(let value): value != 0
        case .float(let value): value != 0
        }
    }

    /// The kernel operand for a number, bool, tensor or tuple of numbers; nil otherwise.
    func operand(_ x: Value) -> Operand? {
        switch x {
        case .int(let value): return .scalar(.int(value))
        case .float(let value): return .scalar(.float(value))
        case .bool(let value): return .scalar(.bool(value))
        case .tensor(let box): return .tensor(box.tensor)
        case .rational(let box): return (try? Tensor(rationals: [box.value], shape: [], context: kernel)).map { .tensor($0) }
        default: return nil
        }
    }

    /// A 0-d tensor becomes the scalar it holds (SPEC §2: full reductions and dot products are scalars).
    func scalarIfZeroDimensional(_ tensor: Tensor) throws -> Value {
        guard tensor.ndim == 0 else { return .tensor(tensor) }
        if tensor.dtype == .rational { return .exact(tensor.storage.rationals[tensor.offset]) }
        return Value(try tensor.item())
    }
}

extension Value {
    /// A kernel scalar as a value.
    init(_ scalar: Scalar) {
        switch scalar {
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .float(let value): self = .float(value)
        }
    }

    var isTensorLike: Bool {
        if case .tensor = self { return true }
        return false
    }

    /// A float, a float tensor, or a tuple holding one: a value that makes a rational
    /// tensor f64 when stored into it.
    var isFloatValued: Bool {
        switch self {
        case .float: true
        case .tensor(let box): box.tensor.dtype.isFloatingPoint
        case .tuple(let items): items.contains { $0.isFloatValued }
        default: false
        }
    }

    /// The value as a tensor value (tuples of numbers are converted), or nil.
    func asTensorValue(_ vm: VM) -> Value? {
        if case .tensor = self { return self }
        if case .tuple = self, let tensor = try? vm.makeTensor(from: self, dtype: nil) { return .tensor(tensor) }
        return nil
    }
}
