// Element formats of .npy data (NumPy's `descr` strings such as '<f8') and
// their conversion to la's dtypes: bool, i64, f32 and f64 are read as they
// are; narrower integers widen to i64 and half floats to f32.

/// One element format of .npy data that la can read.
struct NPYElementFormat: Equatable {
    enum Kind: Equatable { case bool, signed, unsigned, float }

    var kind: Kind
    /// Bytes per element.
    var width: Int
    var bigEndian: Bool

    /// Parses a `descr` value: a byte order (`<`, `>`, `|`, `=`), a kind and a size.
    /// - Throws: ValueError "unsupported dtype '...'" for objects, strings,
    ///   structured and other formats la has no dtype for.
    init(descr: PythonLiteral) throws {
        guard case .string(let text) = descr else {
            throw KernelError(.value, "unsupported dtype: structured arrays cannot be loaded (descr is not a string)")
        }
        let unsupported = KernelError(.value, "unsupported dtype '\(text)'")
        var characters = Substring(text)
        var bigEndian = false  // '=' and '|' are native order, little-endian on every platform la runs on
        if let first = characters.first, "<>|=".contains(first) {
            bigEndian = first == ">"
            characters = characters.dropFirst()
        }
        let digits = characters.dropFirst()
        guard let kindCharacter = characters.first, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let width = Int(digits) else { throw unsupported }
        let kind: Kind
        switch (kindCharacter, width) {
        case ("b", 1): kind = .bool
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("f", 2), ("f", 4), ("f", 8): kind = .float
        default: throw unsupported
        }
        self.init(kind: kind, width: width, bigEndian: bigEndian)
    }

    init(kind: Kind, width: Int, bigEndian: Bool) {
        self.kind = kind
        self.width = width
        self.bigEndian = bigEndian
    }

    /// The format NumPy writes for `dtype` (little-endian).
    init(_ dtype: DType) {
        switch dtype {
        case .rational: self.init(kind: .float, width: 8, bigEndian: false)  // encoded as its nearest doubles
        case .bool: self.init(kind: .bool, width: 1, bigEndian: false)
        case .i64: self.init(kind: .signed, width: 8, bigEndian: false)
        case .f32: self.init(kind: .float, width: 4, bigEndian: false)
        case .f64: self.init(kind: .float, width: 8, bigEndian: false)
        }
    }

    /// The `descr` string NumPy writes for this format.
    var descr: String {
        let order = width == 1 ? "|" : (bigEndian ? ">" : "<")
        let kindCharacter = switch kind { case .bool: "b"; case .signed: "i"; case .unsigned: "u"; case .float: "f" }
        return "\(order)\(kindCharacter)\(width)"
    }

    /// The la dtype this format is read into.
    var dtype: DType {
        switch kind {
        case .bool: .bool
        case .signed, .unsigned: .i64
        case .float: width == 8 ? .f64 : .f32
        }
    }

    /// True when the file's bytes are exactly la's storage of `dtype`, so they can be copied as they are
    /// (bools and u8 are checked element by element instead).
    var matchesStorage: Bool {
        !bigEndian && (kind == .signed || kind == .float) && width == dtype.byteWidth
    }

    /// Converts `count` elements from `source` into `target` (contiguous storage of `dtype`).
    /// - Throws: OverflowError for a u8 value above the i64 range.
    /// - Complexity: O(count); allocates nothing.
    func convert(_ source: UnsafeRawBufferPointer, count: Int, into target: TensorStorage) throws {
        @inline(__always)
        func raw(_ i: Int) -> UInt64 {
            let base = i &* width
            var value: UInt64 = 0
            for k in 0..<width {
                let byte = UInt64(source[base &+ (bigEndian ? k : width &- 1 &- k)])
                value = value << 8 | byte
            }
            return value
        }
        switch (kind, width) {
        case (.bool, _):
            // Any nonzero byte is true (Swift's Bool must hold exactly 0 or 1).
            let p = target.pointer(as: Bool.self)
            for i in 0..<count { p[i] = source[i] != 0 }
        case (.signed, _):
            let p = target.pointer(as: Int64.self)
            let unused = UInt64(64 &- 8 &* width)
            for i in 0..<count { p[i] = Int64(bitPattern: raw(i) << unused) >> unused }
        case (.unsigned, _):
            let p = target.pointer(as: Int64.self)
            for i in 0..<count {
                guard let value = Int64(exactly: raw(i)) else {
                    throw KernelError(.overflow, "u8 value \(raw(i)) at element \(i) does not fit in i64")
                }
                p[i] = value
            }
        case (.float, 2):
            let p = target.pointer(as: Float.self)
            for i in 0..<count { p[i] = NPYElementFormat.float(halfBits: UInt16(truncatingIfNeeded: raw(i))) }
        case (.float, 4):
            let p = target.pointer(as: Float.self)
            for i in 0..<count { p[i] = Float(bitPattern: UInt32(truncatingIfNeeded: raw(i))) }
        case (.float, _):
            let p = target.pointer(as: Double.self)
            for i in 0..<count { p[i] = Double(bitPattern: raw(i)) }
        }
    }

    /// An IEEE half-precision value widened exactly to Float
    /// (written out because `Float16` is missing on some platforms).
    static func float(halfBits bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10 & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:  // zero or subnormal: mantissa × 2⁻²⁴
            let magnitude = Float(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        case 0x1F:  // infinity or NaN, keeping the payload
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:  // rebias the exponent from 15 to 127
            return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }
}
