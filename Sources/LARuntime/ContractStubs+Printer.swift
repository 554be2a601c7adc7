import LAKernels
// CONTRACT STUBS for printing. The printer work implements these in
// Printer/*.swift with these signatures, then deletes this file.

/// Formats values the way SPEC §6 prints them.
public enum Printer {
    /// A tensor exactly as NumPy 2's `print(ndarray)` shows it (bools as `true`/`false`).
    public static func format(_ tensor: Tensor) -> String {
        "tensor\(Tensor.formatShape(tensor.shape))"
    }

    /// A float as the shortest text that reads back to the same double:
    /// `0.1`, `1.0`, `1e-05`, `inf`, `nan` (Python's `repr(float)`).
    public static func format(_ value: Double) -> String {
        "\(value)"
    }

    /// The REPL/`repr` header line for a tensor: `f64[2, 3]`.
    public static func header(_ tensor: Tensor) -> String {
        "\(tensor.dtype)[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
    }
}
