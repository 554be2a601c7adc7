/// The element type of a tensor.
///
/// The promotion order is `bool < i64 < rational < f32 < f64` (SPEC §2).
/// Rational elements live in `TensorStorage.rationals`, not in the raw bytes;
/// kernels without a rational path report it as unsupported.
public enum DType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case bool
    case i64
    // Declared in promotion order, so raw values compare like the lattice.
    case rational
    case f32
    case f64

    /// Bytes per element in storage.
    public var byteWidth: Int {
        switch self {
        case .bool: 1
        case .i64, .f64: 8
        case .f32: 4
        // The raw buffer of a rational tensor is unused zeros (its elements are in `rationals`).
        case .rational: 8
        }
    }

    public var isFloatingPoint: Bool { self == .f32 || self == .f64 }

    /// The la spelling: `bool i64 f32 f64 rational`.
    public var description: String {
        switch self {
        case .bool: "bool"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .rational: "rational"
        }
    }
}
