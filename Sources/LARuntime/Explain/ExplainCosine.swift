import LAKernels

/// Worked cosine similarity of two vectors: a·b, the two lengths, the quotient.
enum ExplainCosine {
    /// The lines for two 1-D vectors of one length, or nil otherwise.
    static func lines(_ a: Tensor, _ b: Tensor) throws -> [String]? {
        guard a.ndim == 1, a.shape == b.shape, a.count > 0 else { return nil }
        let dot = try WorkedDot(ExplainNumber.elements(of: a), ExplainNumber.elements(of: b))
        let (normA, lineA) = try length("‖a‖", ExplainNumber.elements(of: a))
        let (normB, lineB) = try length("‖b‖", ExplainNumber.elements(of: b))
        let approx = { (value: Double) in ExplainFormat.approximate(value) }
        return [
            "cos(a, b) = (a · b) / (‖a‖ × ‖b‖)",
            "a · b = \(dot.text)",
            lineA,
            lineB,
            "cos(a, b) = \(dot.total.text) / (\(approx(normA)) × \(approx(normB))) = \(approx(dot.total.double / (normA * normB)))",
        ]
    }

    /// `‖a‖ = √(1² + 2²) = √(1 + 4) = √5 = 2.236`, and the length itself.
    private static func length(_ name: String, _ v: [ExplainNumber]) throws -> (Double, String) {
        let squares = try v.map { try $0.times($0) }
        let sum = try WorkedDot.sum(squares)
        let root = sum.double.squareRoot()
        let written = WorkedDot.joined(v.map { "\($0.parenthesised)²" })
        return (root, "\(name) = √(\(written)) = √(\(WorkedDot.joined(squares.map(\.text)))) = √\(sum.text) = \(ExplainFormat.approximate(root))")
    }
}
