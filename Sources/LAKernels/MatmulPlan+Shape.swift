extension Tensor {
    /// The shape of `a @ b` under NumPy `matmul` rules, without computing it
    /// (lets diagnostics check whether a suggested fix would fit).
    /// - Throws: ShapeError when the shapes do not fit.
    /// - Complexity: O(rank); allocates only the result shape.
    public static func matmulShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        try MatmulPlan(a, b, suggest: false).resultShape
    }
}
