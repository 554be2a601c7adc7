/// A dense row-major matrix of exact rationals: the operand and result type
/// of the exact linear algebra in `ExactElimination.swift`.
public struct RationalMatrix: Sendable, Hashable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row by row (`elements[i * columns + j]` is row i, column j).
    public internal(set) var elements: [Rational]

    /// A matrix from its entries in row-major order.
    /// - Throws: `KernelError(.shape)` when `elements.count != rows * columns`
    ///   or a dimension is negative.
    public init(rows: Int, columns: Int, elements: [Rational]) throws {
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, count == elements.count else {
            throw KernelError(.shape, "matrix of shape (\(rows), \(columns)) cannot hold \(elements.count) elements",
                              operandShapes: [[rows, columns]])
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from a list of equally long rows.
    /// - Throws: `KernelError(.shape)` when the rows differ in length.
    public init(_ rowList: [[Rational]]) throws {
        let width = rowList.first?.count ?? 0
        guard rowList.allSatisfy({ $0.count == width }) else {
            throw KernelError(.shape, "matrix rows have different lengths: \(rowList.map(\.count))")
        }
        try self.init(rows: rowList.count, columns: width, elements: rowList.flatMap { $0 })
    }

    /// A rows × columns matrix of zeros.
    public static func zeros(rows: Int, columns: Int) throws -> RationalMatrix {
        guard rows >= 0, columns >= 0, !rows.multipliedReportingOverflow(by: columns).overflow else {
            throw KernelError(.value, "invalid matrix shape (\(rows), \(columns))")
        }
        return try RationalMatrix(rows: rows, columns: columns,
                                  elements: Array(repeating: .zero, count: rows * columns))
    }

    /// The n × n identity.
    public static func identity(_ n: Int) throws -> RationalMatrix {
        var result = try zeros(rows: n, columns: n)
        for i in 0..<n { result[unchecked: i, i] = .one }
        return result
    }

    /// The entry at (row, column).
    /// - Throws: `KernelError(.index)` when either index is out of range.
    public func element(_ row: Int, _ column: Int) throws -> Rational {
        guard (0..<rows).contains(row), (0..<columns).contains(column) else {
            throw KernelError(.index, "index (\(row), \(column)) is out of bounds for a matrix of shape (\(rows), \(columns))")
        }
        return self[unchecked: row, column]
    }

    /// Entry access for kernels whose loops already bound the indices.
    subscript(unchecked row: Int, column: Int) -> Rational {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// Row `row` as an array.
    func row(_ row: Int) -> ArraySlice<Rational> {
        elements[(row * columns)..<((row + 1) * columns)]
    }

    /// The exact matrix product self · other.
    /// - Throws: `KernelError(.shape)` when the inner dimensions differ.
    /// - Complexity: O(rows · columns · other.columns) rational operations;
    ///   allocates the result.
    public func multiplied(by other: RationalMatrix) throws -> RationalMatrix {
        guard columns == other.rows else {
            throw KernelError(.shape, "matmul: inner dimensions differ: (\(rows), \(columns)) @ (\(other.rows), \(other.columns)), \(columns) ≠ \(other.rows)",
                              operandShapes: [[rows, columns], [other.rows, other.columns]])
        }
        var result = try RationalMatrix.zeros(rows: rows, columns: other.columns)
        for i in 0..<rows {
            for k in 0..<columns {
                let factor = self[unchecked: i, k]
                if factor == .zero { continue }
                for j in 0..<other.columns {
                    result[unchecked: i, j] += factor * other[unchecked: k, j]
                }
            }
        }
        return result
    }

    /// Rows of entries separated by spaces, one row a line ("[1 1/2]\n[1/2 1/3]").
    public var description: String {
        (0..<rows).map { "[" + row($0).map(\.description).joined(separator: " ") + "]" }.joined(separator: "\n")
    }
}
