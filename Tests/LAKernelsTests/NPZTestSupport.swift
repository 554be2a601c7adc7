@testable import LAKernels

/// A ZIP archive of stored members built by hand, laid out as Python's zipfile
/// writes `np.savez` output (ZIP64 extra fields in the local headers).
func handmadeZip(_ members: [(name: String, data: [UInt8])], method: UInt16 = 0, comment: [UInt8] = []) -> [UInt8] {
    func le(_ value: Int, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var out: [UInt8] = []
    var directory: [UInt8] = []
    for (name, data) in members {
        let offset = out.count
        let nameBytes = Array(name.utf8)
        let crc = Int(crc32(data))
        let zip64Extra = le(1, 2) + le(16, 2) + le(data.count, 8) + le(data.count, 8)
        out += le(0x0403_4B50, 4) + le(45, 2) + le(0, 2) + le(Int(method), 2) + le(0, 4) + le(crc, 4)
        out += le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(nameBytes.count, 2) + le(zip64Extra.count, 2)
        out += nameBytes + zip64Extra + data
        directory += le(0x0201_4B50, 4) + le(45, 2) + le(45, 2) + le(0, 2) + le(Int(method), 2) + le(0, 4) + le(crc, 4)
        directory += le(data.count, 4) + le(data.count, 4) + le(nameBytes.count, 2) + le(0, 2) + le(0, 2)
        directory += le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + nameBytes
    }
    let directoryOffset = out.count
    out += directory
    out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(members.count, 2) + le(members.count, 2)
    out += le(directory.count, 4) + le(directoryOffset, 4) + le(comment.count, 2) + comment
    return out
}
