#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LAKernels

/// Worked softmax over the last axis, the stable way: subtract the row's
/// maximum, exponentiate, divide by the sum. Rounded values keep 4 significant digits.
enum ExplainSoftmax {
    /// Rows of a 2-D input shown in full; the rest are counted.
    static let maxShownRows = 3

    /// The lines for softmax of a 1-D or 2-D `x`, or nil for other ranks.
    static func lines(_ x: Tensor, result: Value) -> [String]? {
        guard (1...2).contains(x.ndim), let length = x.shape.last, length > 0 else { return nil }
        let values = x.toDoubles()
        var lines = ["softmax(x)[i] = e^(x[i] - max) / Σ_j e^(x[j] - max)"]
        if x.ndim == 1 {
            lines += worked(values)
        } else {
            let rowCount = x.shape[0]
            for i in 0..<min(rowCount, maxShownRows) {
                lines.append("row \(i):")
                lines += worked(Array(values[(i * length)..<((i + 1) * length)])).map { "  " + $0 }
            }
            if rowCount > maxShownRows { lines.append("... (\(Explain.counted(rowCount - maxShownRows, "more row")))") }
        }
        return lines + Explain.resultLines("softmax(x)", result)
    }

    /// One row: its maximum, the sum of the shifted exponentials, then each quotient.
    private static func worked(_ row: [Double]) -> [String] {
        let largest = row.max() ?? 0
        let exponentials = row.map { exp($0 - largest) }
        let sum = exponentials.reduce(0, +)
        let approx = { (value: Double) in ExplainFormat.approximate(value) }
        let shown = row.count <= WorkedDot.limit ? row.indices : 0..<1
        var lines = [
            "max = \(ExplainFormat.number(largest))",
            "Σ = " + WorkedDot.joined(row.map { "e^\(ExplainFormat.parenthesised(approx($0 - largest)))" })
                + " = " + WorkedDot.joined(exponentials.map(approx)) + " = \(approx(sum))",
        ]
        for i in shown {
            let difference = "\(ExplainFormat.number(row[i])) - \(ExplainFormat.parenthesised(ExplainFormat.number(largest)))"
            lines.append("[\(i)] e^(\(difference)) = \(approx(exponentials[i])) → "
                         + "\(approx(exponentials[i])) / \(approx(sum)) = \(approx(exponentials[i] / sum))")
        }
        if shown.count < row.count { lines.append("... (\(Explain.counted(row.count - shown.count, "more entry", plural: "more entries")))") }
        return lines
    }
}
