/// `arange` and `linspace` with exact rational values.
extension Tensor {
    /// start, start + step, … up to but excluding `stop`, as a rational tensor.
    /// - Throws: ValueError for a zero step; LimitError when the length does not fit in
    ///   memory or in Int.
    /// - Complexity: O(length) rational additions; allocates the result.
    public static func exactArange(start: Rational, stop: Rational, step: Rational, context: KernelContext) throws -> Tensor {
        guard step != .zero else { throw KernelError(.value, "arange: step must not be zero") }
        let steps = try (stop - start) / step
        let length = max(-Rational((-steps).floor), .zero)  // the ceiling, at least 0
        guard let wide = length.numerator.int64Value, let count = Int(exactly: wide) else {
            throw KernelError(.limit, "arange: \(length) elements are too many")
        }
        return try filled(count: count, context: context) { start + Rational(Int64($0)) * step }
    }

    /// `count` evenly spaced rationals from `start` to `stop`, both included (`start` alone
    /// for a count of 1).
    /// - Throws: ValueError for a negative count; LimitError beyond the memory budget.
    /// - Complexity: O(count) rational operations; allocates the result.
    public static func exactLinspace(_ start: Rational, _ stop: Rational, count: Int, context: KernelContext) throws -> Tensor {
        guard count >= 0 else { throw KernelError(.value, "linspace: count must be non-negative, got \(count)") }
        let step = count > 1 ? try (stop - start) / Rational(Int64(count - 1)) : .zero
        return try filled(count: count, context: context) { start + Rational(Int64($0)) * step }
    }

    /// A 1-D rational tensor whose element i is `value(i)`; the budget is checked before any
    /// element is made.
    private static func filled(count: Int, context: KernelContext, _ value: (Int) -> Rational) throws -> Tensor {
        let result = try Tensor(zeros: [count], dtype: .rational, context: context)
        context.work.add(count, ordering: .relaxed)
        for i in 0..<count {
            if i & 1023 == 1023 { try context.checkCancellation() }
            result.storage.rationals[i] = value(i)
        }
        return result
    }
}

extension Tensor {
    /// A rational tensor of `shape` with every element `value`.
    /// - Throws: ShapeError for a negative axis; LimitError beyond the memory budget.
    /// - Complexity: O(count); allocates the result.
    public static func full(_ shape: [Int], rational value: Rational, context: KernelContext) throws -> Tensor {
        let result = try Tensor(zeros: shape, dtype: .rational, context: context)
        result.storage.rationals = Array(repeating: value, count: result.count)
        return result
    }
}
