import LAKernels

/// Worked matrix products (`A @ B`, `dot`, `matmul`): one line per result entry,
/// each a row of A times a column of B, as a textbook writes it.
enum ExplainMatmul {
    /// Results with at most this many rows and columns are shown entry by entry.
    static let maxShownDimension = 6

    /// The lines for `a @ b`, or nil when the shapes do not multiply.
    static func lines(_ a: Tensor, _ b: Tensor, result: Value) throws -> [String]? {
        let left = try ExplainNumber.elements(of: a)
        let right = try ExplainNumber.elements(of: b)
        let small = { (entries: Int, inner: Int) in entries <= maxShownDimension && inner <= WorkedDot.limit }
        switch (a.ndim, b.ndim) {
        case (1, 1):
            guard a.shape == b.shape else { return nil }
            let header = "a \(Explain.shape(a)) · b \(Explain.shape(b)): the sum of the products of matching entries"
            return [header, "a · b = " + (try WorkedDot(left, right)).text]
        case (2, 2):
            let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
            guard b.shape[0] == k else { return nil }
            let header = "A \(Explain.shape(a)) @ B \(Explain.shape(b)) -> C (\(m), \(n)): each C[i,j] is row i of A · column j of B"
            let lines = try worked(header, formula: "C[i,j] = Σ_k A[i,k]×B[k,j]", count: m * n,
                                   small: small(max(m, n), k)) { index in
                let (i, j) = index.quotientAndRemainder(dividingBy: n)
                return ("C[\(i),\(j)]", try WorkedDot(row(i, of: left, width: k), column(j, of: right, rows: k, width: n)))
            }
            return lines + Explain.resultLines("C", result)
        case (2, 1):
            let (m, k) = (a.shape[0], a.shape[1])
            guard b.shape[0] == k else { return nil }
            let header = "A \(Explain.shape(a)) @ b \(Explain.shape(b)) -> c (\(m),): each c[i] is row i of A · b"
            let lines = try worked(header, formula: "c[i] = Σ_k A[i,k]×b[k]", count: m, small: small(m, k)) { i in
                ("c[\(i)]", try WorkedDot(row(i, of: left, width: k), right))
            }
            return lines + Explain.resultLines("c", result)
        case (1, 2):
            let (k, n) = (b.shape[0], b.shape[1])
            guard a.shape[0] == k else { return nil }
            let header = "a \(Explain.shape(a)) @ B \(Explain.shape(b)) -> c (\(n),): each c[j] is a · column j of B"
            let lines = try worked(header, formula: "c[j] = Σ_k a[k]×B[k,j]", count: n, small: small(n, k)) { j in
                ("c[\(j)]", try WorkedDot(left, column(j, of: right, rows: k, width: n)))
            }
            return lines + Explain.resultLines("c", result)
        default:
            guard a.ndim >= 1, b.ndim >= 1 else { return nil }
            let header = "A \(Explain.shape(a)) @ B \(Explain.shape(b)): a batch of matrix products over the leading axes,"
                + " each entry a row of A · a column of B"
            return [header] + Explain.resultLines("C", result)
        }
    }

    /// Every entry's line when `small`; else the formula, the first entry and a count of the rest.
    /// `entry(i)` names and works out the i-th entry in row-major order.
    private static func worked(_ header: String, formula: String, count: Int, small: Bool,
                               entry: (Int) throws -> (name: String, dot: WorkedDot)) throws -> [String] {
        if small { return try [header] + (0..<count).map { let (name, dot) = try entry($0); return "\(name) = \(dot.text)" } }
        guard count > 0 else { return [header] }
        let (name, first) = try entry(0)
        var lines = [header, formula, "\(name) = \(first.text)"]
        if count > 1 { lines.append("... (\(Explain.counted(count - 1, "more entry", plural: "more entries")))") }
        return lines
    }

    private static func row(_ i: Int, of values: [ExplainNumber], width: Int) -> [ExplainNumber] {
        Array(values[(i * width)..<((i + 1) * width)])
    }

    private static func column(_ j: Int, of values: [ExplainNumber], rows: Int, width: Int) -> [ExplainNumber] {
        (0..<rows).map { values[$0 * width + j] }
    }
}
