// Bounds-checked little-endian reads over a file's bytes, shared by the
// .npy and .npz (ZIP) decoders. Every read returns nil instead of trapping
// when it would run past the end, so callers turn it into a clear error.

struct ByteReader {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    /// The unsigned little-endian integer of `width` (≤ 8) bytes at `offset`, or nil when out of range.
    func unsigned(at offset: Int, width: Int) -> UInt64? {
        guard offset >= 0, width >= 0, width <= 8, offset <= bytes.count - width else { return nil }
        var value: UInt64 = 0
        for i in stride(from: width - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(bytes[offset + i])
        }
        return value
    }

    /// `unsigned(at:width:)` as an Int, or nil when out of range or too large for Int.
    func int(at offset: Int, width: Int) -> Int? {
        unsigned(at: offset, width: width).flatMap { Int(exactly: $0) }
    }

    /// True when `length` bytes starting at `offset` lie inside the file.
    func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count && length <= bytes.count - offset
    }

    /// The bytes `offset..<offset+length`, or nil when out of range.
    func slice(at offset: Int, length: Int) -> ArraySlice<UInt8>? {
        contains(offset: offset, length: length) ? bytes[offset..<(offset + length)] : nil
    }
}

/// Appends `value`'s `width` low bytes to `out`, least significant first.
func appendLittleEndian(_ value: UInt64, width: Int, to out: inout [UInt8]) {
    for i in 0..<width { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
}
