/// The public reductions: each op is a `Reducer` value run by the one reduction driver.

extension Tensor {
    /// A reduction over `axes` (nil: all axes; negative axes count from the end).
    /// A full reduction without keepdims gives a 0-d tensor.
    ///
    /// Result dtypes follow NumPy: `sum`/`prod` of bool or i64 give i64, of floats keep the
    /// float; `mean`/`var`/`std` of bool or i64 give f64; `max`/`min` keep the dtype;
    /// `argmax`/`argmin` give i64 (first index on ties; first NaN wins); `any`/`all` give bool.
    /// Float sums are pairwise in Double. `var`/`std` use ddof 0.
    /// - Throws: IndexError/ValueError for a bad or repeated axis; ValueError for
    ///   `max min argmax argmin` of an empty axis and for `argmax`/`argmin` over several axes;
    ///   OverflowError when an i64 `sum`/`prod` overflows.
    /// - Complexity: O(count) (`var`/`std` make three passes); allocates the result
    ///   (`var`/`std`, and reductions of bool or i64 that compute in another dtype, also a
    ///   converted copy or temporaries the size of the input).
    public func reduce(_ op: ReduceOp, axes: [Int]?, keepdims: Bool, context: KernelContext) throws -> Tensor {
        if dtype == .rational { return try rationalReduce(op, axes: axes, keepdims: keepdims, context: context) }
        if op == .argmax || op == .argmin { return try argReduce(op, axes: axes, keepdims: keepdims, context: context) }
        let normalized = try Tensor.normalizeAxes(axes, rank: ndim)
        let layout = ReductionLayout(self, axes: normalized, keepdims: keepdims)
        switch op {
        case .sum, .prod:
            switch dtype {
            case .bool: return try astype(.i64, context: context).reduce(op, axes: axes, keepdims: keepdims, context: context)
            case .i64: return try reduce(layout, Tensor.intReducer(op), operation: op.rawValue, context: context)
            case .f32: return try reduce(layout, Tensor.floatReducer(op, Float.self, count: layout.reducedCount), operation: op.rawValue, context: context)
            case .f64: return try reduce(layout, Tensor.floatReducer(op, Double.self, count: layout.reducedCount), operation: op.rawValue, context: context)

            case .rational: throw Tensor.rationalUnsupported(op.rawValue)
            }
        case .mean:
            switch dtype {
            case .f32: return try reduce(layout, Tensor.floatReducer(op, Float.self, count: layout.reducedCount), operation: "mean", context: context)
            case .f64: return try reduce(layout, Tensor.floatReducer(op, Double.self, count: layout.reducedCount), operation: "mean", context: context)
            default: return try astype(.f64, context: context).reduce(op, axes: axes, keepdims: keepdims, context: context)
            }
        case .max, .min:
            if layout.reducedCount == 0 && layout.keptCount > 0 {
                throw KernelError(.value, "\(op.rawValue) of an empty axis: a zero-size reduction has no identity, shape \(Tensor.formatShape(shape))")
            }
            switch dtype {
            case .bool: return try reduce(op == .max ? .any : .all, axes: axes, keepdims: keepdims, context: context)
            case .i64: return try reduce(layout, Tensor.intReducer(op), operation: op.rawValue, context: context)
            case .f32: return try reduce(layout, Tensor.floatReducer(op, Float.self, count: layout.reducedCount), operation: op.rawValue, context: context)
            case .f64: return try reduce(layout, Tensor.floatReducer(op, Double.self, count: layout.reducedCount), operation: op.rawValue, context: context)

            case .rational: throw Tensor.rationalUnsupported(op.rawValue)
            }
        case .any, .all:
            guard dtype == .bool else {
                return try astype(.bool, context: context).reduce(op, axes: axes, keepdims: keepdims, context: context)
            }
            return try reduce(layout, Tensor.truthReducer(all: op == .all), operation: op.rawValue, context: context)
        case .var, .std:
            return try variance(axes: normalized, keepdims: keepdims, squareRoot: op == .std, context: context)
        case .argmax, .argmin:
            return try argReduce(op, axes: axes, keepdims: keepdims, context: context)
        }
    }

    /// sum, mean, prod, max, min of a float tensor; sums accumulate pairwise in Double.
    static func floatReducer<T: KernelFloat>(_ op: ReduceOp, _: T.Type, count: Int) -> Reducer<T, Double, T> {
        let add = Reducer<T, Double, T>(identity: 0, row: pairwiseSum, merge: +, fold: { $0 + Double($1) }, finish: { (T($0), 0) })
        switch op {
        case .mean:
            var mean = add
            mean.finish = { (T($0 / Double(count)), 0) }
            return mean
        case .prod:
            // Products accumulate in T, as NumPy does (a Double product would over- or underflow differently).
            return Reducer(identity: 1, row: { Double(foldRow($0, $1, $2, T(1), *)) },
                           merge: { Double(T($0) * T($1)) }, fold: { Double(T($0) * $1) }, finish: { (T($0), 0) })
        case .max, .min:
            let greater = op == .max
            let pick = { (a: Double, x: Double) -> Double in ((greater ? x > a : x < a) || x.isNaN) ? x : a }
            return Reducer(identity: greater ? -.infinity : .infinity,
                           row: { Double(floatExtremum($0, $1, $2, greater: greater)) },
                           merge: pick, fold: { pick($0, Double($1)) }, finish: { (T($0), 0) })
        default:
            return add
        }
    }

    /// sum, prod, max, min of an i64 tensor; sum and prod report overflow.
    static func intReducer(_ op: ReduceOp) -> Reducer<Int64, (Int64, UInt8), Int64> {
        switch op {
        case .prod:
            return Reducer(identity: (1, 0), row: { foldRow($0, $1, $2, (1, 0), checkedMultiply) },
                           merge: { let r = checkedMultiply($0, $1.0); return (r.0, r.1 | $1.1) }, fold: checkedMultiply, finish: { $0 })
        case .max, .min:
            let greater = op == .max
            let pick = { (a: (Int64, UInt8), x: Int64) -> (Int64, UInt8) in ((greater ? x > a.0 : x < a.0) ? x : a.0, 0) }
            return Reducer(identity: (greater ? .min : .max, 0), row: { foldRow($0, $1, $2, (greater ? .min : .max, 0), pick) },
                           merge: { pick($0, $1.0) }, fold: pick, finish: { $0 })
        default:
            return Reducer(identity: (0, 0), row: { foldRow($0, $1, $2, (0, 0), checkedAdd) },
                           merge: { let r = checkedAdd($0, $1.0); return (r.0, r.1 | $1.1) }, fold: checkedAdd, finish: { $0 })
        }
    }

    /// any (`all == false`) or all of a bool tensor; rows stop at the first deciding element.
    static func truthReducer(all: Bool) -> Reducer<Bool, Bool, Bool> {
        Reducer(identity: all,
                row: { p, stride, n in
                    var j = 0
                    for _ in 0..<n {
                        if p[j] != all { return !all }
                        j &+= stride
                    }
                    return all
                },
                merge: { all ? ($0 && $1) : ($0 || $1) },
                fold: { all ? ($0 && $1) : ($0 || $1) },
                finish: { ($0, 0) })
    }

    /// NumPy's two-pass variance: mean (kept dims), squared deviations, their mean.
    func variance(axes: [Int], keepdims: Bool, squareRoot: Bool, context: KernelContext) throws -> Tensor {
        let mean = try reduce(.mean, axes: axes, keepdims: true, context: context)
        let deviation = try Tensor.binary(.subtract, .tensor(self), .tensor(mean), context: context)
        let squared = try Tensor.binary(.multiply, .tensor(deviation), .tensor(deviation), context: context)
        let variance = try squared.reduce(.mean, axes: axes, keepdims: keepdims, context: context)
        return squareRoot ? try variance.unary(.sqrt, context: context) : variance
    }
}
