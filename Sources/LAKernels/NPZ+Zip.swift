// A reader for the parts of the ZIP format that `np.savez` and
// `np.savez_compressed` write (stored and deflated members): the end of
// central directory record (and its ZIP64 form), central directory entries with
// ZIP64 extra fields, local file headers, and CRC-32 checks of member data.
// Every offset and size comes from the file, so each read is bounds-checked.

/// The members of a ZIP archive, read from its central directory.
struct ZipArchive {
    struct Member {
        var name: String
        var flags: Int
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    private enum Signature {
        static let localHeader: UInt64 = 0x0403_4B50
        static let centralEntry: UInt64 = 0x0201_4B50
        static let end: UInt64 = 0x0605_4B50
        static let zip64End: UInt64 = 0x0606_4B50
        static let zip64Locator: UInt64 = 0x0706_4B50
    }

    private static let endRecordLength = 22
    private static let maxCommentLength = 0xFFFF

    let reader: ByteReader
    let members: [Member]

    /// - Throws: ValueError "not a .npz file" or naming the damaged structure.
    init(_ bytes: [UInt8]) throws {
        reader = ByteReader(bytes: bytes)
        let end = try ZipArchive.findEndRecord(reader)
        var entryCount = try ZipArchive.field(reader, end + 10, 2, "end of central directory")
        var directorySize = try ZipArchive.field(reader, end + 12, 4, "end of central directory")
        var directoryOffset = try ZipArchive.field(reader, end + 16, 4, "end of central directory")
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            (entryCount, directorySize, directoryOffset) = try ZipArchive.readZip64End(reader, endRecord: end)
        }
        guard reader.contains(offset: directoryOffset, length: directorySize) else {
            throw KernelError(.value, "truncated .npz file: the central directory lies beyond the end of the file")
        }
        var members: [Member] = []
        var position = directoryOffset
        for _ in 0..<entryCount {
            let (member, next) = try ZipArchive.readCentralEntry(reader, at: position, directoryEnd: directoryOffset + directorySize)
            members.append(member)
            position = next
        }
        self.members = members
    }

    private static func field(_ reader: ByteReader, _ offset: Int, _ width: Int, _ structure: String) throws -> Int {
        guard let value = reader.int(at: offset, width: width) else {
            throw KernelError(.value, "truncated .npz file: incomplete \(structure)")
        }
        return value
    }

    /// The offset of the end of central directory record, searched backwards past a possible comment.
    private static func findEndRecord(_ reader: ByteReader) throws -> Int {
        let last = reader.count - endRecordLength
        guard last >= 0 else { throw KernelError(.value, "not a .npz file: too short for a ZIP archive") }
        let first = max(0, last - maxCommentLength)
        for offset in stride(from: last, through: first, by: -1) where reader.unsigned(at: offset, width: 4) == Signature.end {
            return offset
        }
        throw KernelError(.value, "not a .npz file: no ZIP end of central directory record")
    }

    /// Entry count, directory size and offset from the ZIP64 end record that the locator before `endRecord` points to.
    private static func readZip64End(_ reader: ByteReader, endRecord: Int) throws -> (Int, Int, Int) {
        let locator = endRecord - 20
        guard reader.unsigned(at: locator, width: 4) == Signature.zip64Locator else {
            throw KernelError(.value, "invalid .npz file: missing ZIP64 end of central directory locator")
        }
        let record = try field(reader, locator + 8, 8, "ZIP64 locator")
        guard reader.unsigned(at: record, width: 4) == Signature.zip64End else {
            throw KernelError(.value, "invalid .npz file: bad ZIP64 end of central directory record")
        }
        let structure = "ZIP64 end of central directory"
        return (try field(reader, record + 32, 8, structure), try field(reader, record + 40, 8, structure),
                try field(reader, record + 48, 8, structure))
    }

    /// One central directory entry at `offset`, and the offset of the next.
    private static func readCentralEntry(_ reader: ByteReader, at offset: Int, directoryEnd: Int) throws -> (Member, Int) {
        guard offset <= directoryEnd - 46, reader.unsigned(at: offset, width: 4) == Signature.centralEntry else {
            throw KernelError(.value, "invalid .npz file: bad central directory entry at byte \(offset)")
        }
        let structure = "central directory entry"
        let nameLength = try field(reader, offset + 28, 2, structure)
        let extraLength = try field(reader, offset + 30, 2, structure)
        let commentLength = try field(reader, offset + 32, 2, structure)
        let next = offset + 46 + nameLength + extraLength + commentLength
        guard next <= directoryEnd, let nameBytes = reader.slice(at: offset + 46, length: nameLength),
              let extra = reader.slice(at: offset + 46 + nameLength, length: extraLength) else {
            throw KernelError(.value, "invalid .npz file: central directory entry at byte \(offset) runs past the directory")
        }
        var member = Member(
            name: String(decoding: nameBytes, as: UTF8.self),
            flags: try field(reader, offset + 8, 2, structure),
            method: try field(reader, offset + 10, 2, structure),
            crc: UInt32(try field(reader, offset + 16, 4, structure)),
            compressedSize: try field(reader, offset + 20, 4, structure),
            uncompressedSize: try field(reader, offset + 24, 4, structure),
            localHeaderOffset: try field(reader, offset + 42, 4, structure))
        try applyZip64Extra(ByteReader(bytes: Array(extra)), to: &member)
        return (member, next)
    }

    /// Replaces the 32-bit fields saturated at 0xFFFFFFFF with the ZIP64 extra field's
    /// 64-bit values, which appear in this order and only for the saturated fields.
    private static func applyZip64Extra(_ extra: ByteReader, to member: inout Member) throws {
        var position = 0
        while let id = extra.int(at: position, width: 2), let size = extra.int(at: position + 2, width: 2) {
            let body = position + 4
            position = body + size
            guard id == 0x0001 else { continue }
            var cursor = body
            func next(_ value: inout Int) throws {
                guard value == 0xFFFF_FFFF else { return }
                guard cursor + 8 <= body + size, let wide = extra.int(at: cursor, width: 8) else {
                    throw KernelError(.value, "invalid .npz file: short ZIP64 extra field for '\(member.name)'")
                }
                value = wide
                cursor += 8
            }
            try next(&member.uncompressedSize)
            try next(&member.compressedSize)
            try next(&member.localHeaderOffset)
        }
    }

    /// The bytes of `member`, stored or deflated, checked against its size and CRC-32.
    /// - Throws: ValueError for an encrypted member or another compression method, a bad
    ///   local header, data past the end of the file, corrupt deflate data or a CRC mismatch.
    func data(of member: Member) throws -> [UInt8] {
        let name = member.name
        if member.flags & 1 != 0 { throw KernelError(.value, "encrypted .npz member '\(name)' is not supported") }
        guard member.method == 0 || member.method == 8 else {
            throw KernelError(.value, "unsupported compression method \(member.method) for .npz member '\(name)'")
        }
        let offset = member.localHeaderOffset
        guard reader.unsigned(at: offset, width: 4) == Signature.localHeader,
              let nameLength = reader.int(at: offset + 26, width: 2), let extraLength = reader.int(at: offset + 28, width: 2) else {
            throw KernelError(.value, "invalid .npz file: bad local header for member '\(name)'")
        }
        guard let stored = reader.slice(at: offset + 30 + nameLength + extraLength, length: member.compressedSize) else {
            throw KernelError(.value, "truncated .npz file: the data of member '\(name)' lies beyond the end of the file")
        }
        let bytes = member.method == 8
            ? try Inflater.inflate(Array(stored), limit: member.uncompressedSize, memberName: name)
            : Array(stored)
        guard bytes.count == member.uncompressedSize else {
            throw KernelError(.value, "corrupt .npz file: member '\(name)' has \(bytes.count) bytes, its header says \(member.uncompressedSize)")
        }
        guard crc32(bytes) == member.crc else {
            throw KernelError(.value, "corrupt .npz file: CRC-32 mismatch in member '\(name)'")
        }
        return bytes
    }
}

/// The CRC-32 (IEEE 802.3, reflected) that ZIP stores for each member.
/// - Complexity: O(bytes.count); allocates a 256-entry table.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
}
