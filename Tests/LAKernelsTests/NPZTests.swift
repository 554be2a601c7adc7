import Testing
@testable import LAKernels

/// Hand-built and damaged .npz archives, without NumPy.
@Suite struct NPZTests {
    let context = KernelContext(threads: 1)

    func decodeError(_ bytes: [UInt8]) -> KernelError? {
        kernelError { _ = try Tensor.decodeNPZ(bytes, context: context) }
    }

    func expectValueError(_ bytes: [UInt8], containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        LAKernelsTests.expectValueError(decodeError(bytes), containing: text, sourceLocation: sourceLocation)
    }

    var members: [(name: String, data: [UInt8])] {
        get throws {
            [("x.npy", try Tensor([1.5, 2.5], shape: [2]).encodeNPY()),
             ("counts.npy", try Tensor([Int64(7), 8, 9], shape: [3, 1]).encodeNPY()),
             ("raw", try Tensor([true], shape: []).encodeNPY())]
        }
    }

    @Test func readsStoredMembersInOrder() throws {
        let decoded = try Tensor.decodeNPZ(handmadeZip(try members, comment: Array("a comment".utf8)), context: context)
        #expect(decoded.map(\.name) == ["x", "counts", "raw"])
        #expect(decoded[0].tensor.toDoubles() == [1.5, 2.5])
        #expect(decoded[1].tensor.shape == [3, 1] && decoded[1].tensor.toInt64s() == [7, 8, 9])
        #expect(decoded[2].tensor.shape == [] && decoded[2].tensor.toBools() == [true])
        #expect(try Tensor.decodeNPZ(handmadeZip([]), context: context).isEmpty)
    }

    @Test func everyTruncationThrows() throws {
        let file = handmadeZip(try members)
        for length in 0..<file.count {
            #expect(decodeError(Array(file.prefix(length))) != nil, "prefix of \(length) bytes")
        }
    }

    @Test func damagedArchives() throws {
        expectValueError(Array("hello".utf8), containing: "not a .npz file: too short")
        expectValueError([UInt8](repeating: 0, count: 100), containing: "no ZIP end of central directory record")
        var corrupt = handmadeZip(try members)
        corrupt[120] ^= 0xFF  // inside the first member's data
        expectValueError(corrupt, containing: "CRC-32 mismatch in member 'x.npy'")
        // Stored .npy bytes labelled as deflated do not decompress to the recorded size.
        expectValueError(handmadeZip(try members, method: 8), containing: "member 'x.npy'")
        expectValueError(handmadeZip(try members, method: 12), containing: "unsupported compression method 12")
        let notNPY = handmadeZip([("junk.npy", Array("not numpy at all".utf8))])
        expectValueError(notNPY, containing: "in .npz member 'junk.npy': not a .npy file: bad magic")
        // A central directory offset pointing past the end of the file.
        var misplaced = handmadeZip(try members)
        misplaced[misplaced.count - 6] = 0xFF
        misplaced[misplaced.count - 5] = 0xFF
        expectValueError(misplaced, containing: "central directory lies beyond the end of the file")
    }

    @Test func memberSizesAreChargedToTheBudget() throws {
        let file = handmadeZip([("big.npy", try Tensor([Double](repeating: 0, count: 100), shape: [100]).encodeNPY())])
        let small = KernelContext(threads: 1, memoryBudget: 500)
        #expect { try Tensor.decodeNPZ(file, context: small) } throws: { ($0 as? KernelError)?.kind == .limit }
        let roomy = KernelContext(threads: 1, memoryBudget: 4096)
        #expect(try Tensor.decodeNPZ(file, context: roomy).first?.tensor.count == 100)
        #expect(roomy.liveBytes.load(ordering: .relaxed) == 0)  // released once the tensor is gone
    }

    @Test func inflatesFixedAndStoredBlocks() throws {
        // Raw DEFLATE streams from zlib: a fixed-Huffman block with back-references, and a stored block.
        let fixed: [UInt8] = [75, 76, 74, 78, 68, 69, 10, 57, 137, 16, 164, 8, 0]
        #expect(try Inflater.inflate(fixed, limit: 100, memberName: "m") == Array("abcabcabcabcabcabc la la la!".utf8))
        let stored: [UInt8] = [1, 2, 0, 253, 255, 104, 105]
        #expect(try Inflater.inflate(stored, limit: 2, memberName: "m") == Array("hi".utf8))
        var badLength = stored
        badLength[3] = 0
        #expect(throws: KernelError.self) { try Inflater.inflate(badLength, limit: 2, memberName: "m") }
        #expect(throws: KernelError.self) { try Inflater.inflate([0x07], limit: 2, memberName: "m") }  // block type 3
        #expect(throws: KernelError.self) { try Inflater.inflate(fixed, limit: 10, memberName: "m") }  // larger than recorded
        for length in 0..<fixed.count {
            #expect(throws: KernelError.self) { try Inflater.inflate(Array(fixed.prefix(length)), limit: 100, memberName: "m") }
        }
    }

    @Test func zip64EndRecords() throws {
        // Saturate the end record's fields and add a ZIP64 end record and locator before it.
        func le(_ value: Int, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let plain = handmadeZip(try members)
        let end = plain.count - 22
        let directorySize = Int(plain[end + 12]) | Int(plain[end + 13]) << 8
        let directoryOffset = Int(plain[end + 16]) | Int(plain[end + 17]) << 8
        var file = Array(plain.prefix(end))
        let record = file.count
        file += le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4)
        file += le(3, 8) + le(3, 8) + le(directorySize, 8) + le(directoryOffset, 8)
        file += le(0x0706_4B50, 4) + le(0, 4) + le(record, 8) + le(1, 4)
        file += le(0x0605_4B50, 4) + le(0, 4) + le(0xFFFF, 2) + le(0xFFFF, 2) + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(0, 2)
        #expect(try Tensor.decodeNPZ(file, context: context).map(\.name) == ["x", "counts", "raw"])
        var badLocator = file
        badLocator[file.count - 42] = 0
        expectValueError(badLocator, containing: "missing ZIP64 end of central directory locator")
    }
}
