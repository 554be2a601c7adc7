import LAKernels

/// Formats values the way SPEC §6 prints them.
public enum Printer {
    /// A tensor exactly as NumPy 2's `print(ndarray)` shows it with default
    /// print options, except that bools are spelled `true`/`false`.
    ///
    /// A 0-d tensor prints as its scalar (`5.0`, `7`, `true`); a tensor with
    /// no elements prints `[]` whatever its shape.
    /// - Complexity: O(m) for the m elements shown (at most about 1000);
    ///   allocates the text and one string per shown element.
    public static func format(_ tensor: Tensor) -> String {
        if tensor.ndim == 0 { return formatScalar(of: tensor) }
        if tensor.count == 0 { return "[]" }
        return TensorFormat(tensor).render()
    }

    /// A float as the shortest text that reads back to the same double:
    /// `0.1`, `1.0`, `1e-05`, `1e+16`, `inf`, `-inf`, `nan`, `-0.0`
    /// (Python's `repr(float)`: scientific below 1e-4 and from 1e16 up).
    public static func format(_ value: Double) -> String {
        FloatFormat.shortest(BinaryFloat(value), magnitude: abs(value), upperBound: 1e16)
    }

    /// The REPL/`repr` header line for a tensor: `f64[2, 3]`, `i64[3]`, `f32[]`.
    public static func header(_ tensor: Tensor) -> String {
        "\(tensor.dtype)[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// The element of a 0-d tensor as NumPy's scalar `str` shows it. A float32
    /// keeps its own shortest digits and, like NumPy, goes scientific from 1e6.
    private static func formatScalar(of tensor: Tensor) -> String {
        let storage = tensor.storage
        switch tensor.dtype {
        case .bool:
            return storage.pointer(as: Bool.self)[tensor.offset] ? "true" : "false"
        case .i64:
            return String(storage.pointer(as: Int64.self)[tensor.offset])
        case .f32:
            let value = storage.pointer(as: Float.self)[tensor.offset]
            return FloatFormat.shortest(BinaryFloat(value), magnitude: Double(abs(value)), upperBound: 1e6)
        case .f64:
            return format(storage.pointer(as: Double.self)[tensor.offset])
        case .rational:
            return storage.rationals[tensor.offset].description
        }
    }
}
