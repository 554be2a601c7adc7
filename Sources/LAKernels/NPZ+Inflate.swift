// DEFLATE decompression (RFC 1951) for the members `np.savez_compressed` writes
// (ZIP method 8). A compact canonical-Huffman decoder after zlib's `puff.c`:
// it favours being short and obviously bounds-checked over speed.

/// Decompresses one raw DEFLATE stream into at most `limit` bytes.
struct Inflater {
    private let input: [UInt8]
    private let limit: Int
    private let memberName: String
    private var position = 0
    private var bitBuffer = 0
    private var bitCount = 0
    private var output: [UInt8] = []

    /// A canonical Huffman code: how many codes have each length 0...15, and the symbols in code order.
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        /// - Throws: when the lengths over-subscribe the code space (incomplete codes are allowed).
        init(lengths: [Int], failure: (String) -> KernelError) throws {
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1...15 {
                left = left << 1 - counts[length]
                if left < 0 { throw failure("over-subscribed Huffman code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                       4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which a dynamic block lists its code-length code lengths.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The decompressed bytes of `input`.
    /// - Throws: ValueError naming `memberName` for corrupt or truncated data, or output beyond `limit`.
    /// - Complexity: O(input + output); allocates the output.
    static func inflate(_ input: [UInt8], limit: Int, memberName: String) throws -> [UInt8] {
        var inflater = Inflater(input: input, limit: limit, memberName: memberName)
        var last = false
        while !last {
            last = try inflater.bits(1) == 1
            switch try inflater.bits(2) {
            case 0: try inflater.storedBlock()
            case 1: try inflater.fixedBlock()
            case 2: try inflater.dynamicBlock()
            default: throw inflater.failure("invalid block type")
            }
        }
        return inflater.output
    }

    private init(input: [UInt8], limit: Int, memberName: String) {
        self.input = input
        self.limit = limit
        self.memberName = memberName
        output.reserveCapacity(min(limit, 1 << 26))
    }

    private func failure(_ problem: String) -> KernelError {
        KernelError(.value, "corrupt compressed data in .npz member '\(memberName)': \(problem)")
    }

    /// The next `count` (≤ 16) bits, least significant first.
    private mutating func bits(_ count: Int) throws -> Int {
        while bitCount < count {
            guard position < input.count else { throw failure("data ends early") }
            bitBuffer |= Int(input[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & (1 << count - 1)
        bitBuffer >>= count
        bitCount -= count
        return value
    }

    private mutating func storedBlock() throws {
        bitBuffer = 0  // skip to the byte boundary
        bitCount = 0
        guard let length = ByteReader(bytes: input).int(at: position, width: 2),
              let complement = ByteReader(bytes: input).int(at: position + 2, width: 2) else { throw failure("data ends early") }
        guard length == ~complement & 0xFFFF else { throw failure("stored block length check failed") }
        position += 4
        guard length <= input.count - position else { throw failure("data ends early") }
        try reserveOutput(length)
        output.append(contentsOf: input[position..<(position + length)])
        position += length
    }

    private mutating func reserveOutput(_ count: Int) throws {
        guard count <= limit - output.count else { throw failure("more data than the \(limit) bytes recorded") }
    }

    private mutating func fixedBlock() throws {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        let literals = try Huffman(lengths: lengths, failure: failure)
        let distances = try Huffman(lengths: [Int](repeating: 5, count: 30), failure: failure)
        try codes(literals: literals, distances: distances)
    }

    private mutating func dynamicBlock() throws {
        let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw failure("too many length or distance codes") }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[Inflater.codeLengthOrder[i]] = try bits(3) }
        let codeLengths = try Huffman(lengths: codeLengthLengths, failure: failure)
        var lengths: [Int] = []
        let total = literalCount + distanceCount
        while lengths.count < total {
            let symbol = try decode(codeLengths)
            var repeated = 0, count = 1
            switch symbol {
            case 0..<16: repeated = symbol
            case 16:
                guard let previous = lengths.last else { throw failure("repeat with no previous length") }
                repeated = previous
                count = 3 + (try bits(2))
            case 17: count = 3 + (try bits(3))
            default: count = 11 + (try bits(7))
            }
            guard count <= total - lengths.count else { throw failure("too many code lengths") }
            lengths += [Int](repeating: repeated, count: count)
        }
        guard lengths[256] != 0 else { throw failure("no end-of-block code") }
        let literals = try Huffman(lengths: Array(lengths[0..<literalCount]), failure: failure)
        let distances = try Huffman(lengths: Array(lengths[literalCount...]), failure: failure)
        try codes(literals: literals, distances: distances)
    }

    /// One symbol of `code`, read bit by bit.
    private mutating func decode(_ code: Huffman) throws -> Int {
        var value = 0, first = 0, index = 0
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw failure("invalid Huffman code")
    }

    /// Literals and back-references until the end-of-block symbol.
    private mutating func codes(literals: Huffman, distances: Huffman) throws {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                try reserveOutput(1)
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Inflater.lengthBase.count else { throw failure("invalid length code") }
            let length = Inflater.lengthBase[lengthIndex] + (try bits(Inflater.lengthExtra[lengthIndex]))
            let distanceIndex = try decode(distances)
            guard distanceIndex < Inflater.distanceBase.count else { throw failure("invalid distance code") }
            let distance = Inflater.distanceBase[distanceIndex] + (try bits(Inflater.distanceExtra[distanceIndex]))
            guard distance <= output.count else { throw failure("distance reaches before the start") }
            try reserveOutput(length)
            // Byte by byte: the source may overlap the bytes being written.
            for _ in 0..<length { output.append(output[output.count - distance]) }
        }
    }
}
