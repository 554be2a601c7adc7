import Testing
@testable import LAKernels

/// .npz files written by real NumPy.
@Suite(.enabled(if: NumPyScratch.isAvailable, "needs python3 with numpy"))
struct NPZNumPyTests {
    let context = KernelContext(threads: 1)

    @Test func decodesSavez() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        let report = try scratch.run("""
        arrays = dict(weights=np.arange(12, dtype='>f4').reshape(3, 4) / 3, mask=np.array([True, False]),
                      scalar=np.array(5), empty=np.zeros((0, 2)))
        np.savez('named.npz', np.arange(3), np.array([[1.5, 2.5]]), **arrays)
        np.savez('nothing.npz')
        for name, arr in np.load('named.npz').items():
            print('|'.join([name, ','.join(map(str, arr.shape)), ' '.join(repr(x.item()) for x in arr.ravel())]))
        """)
        let expected = report.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        let decoded = try Tensor.decodeNPZ(try scratch.read("named.npz"), context: context)
        #expect(decoded.map(\.name) == ["weights", "mask", "scalar", "empty", "arr_0", "arr_1"])
        #expect(decoded.map(\.name) == expected.map { $0[0] })
        for ((name, tensor), fields) in zip(decoded, expected) {
            try #require(fields.count == 3)
            #expect(tensor.shape == fields[1].split(separator: ",").compactMap { Int($0) }, "\(name)")
            #expect(elementsMatch(tensor, fields[2].split(separator: " ").map(String.init)), "\(name)")
        }
        #expect(try Tensor.decodeNPZ(try scratch.read("nothing.npz"), context: context).isEmpty)
    }

    @Test func everyTruncationOfARealFileThrows() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        _ = try scratch.run("np.savez('small.npz', a=np.arange(3, dtype='i2'), b=np.array(True))")
        let file = try scratch.read("small.npz")
        #expect(try Tensor.decodeNPZ(file, context: context).count == 2)
        for length in 0..<file.count {
            #expect(throws: KernelError.self, "prefix of \(length) bytes") {
                try Tensor.decodeNPZ(Array(file.prefix(length)), context: context)
            }
        }
    }

    @Test func decodesSavezCompressed() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        let report = try scratch.run("""
        rng = np.random.default_rng(7)
        arrays = dict(ramp=np.arange(20000, dtype='f8') / 7, noise=rng.standard_normal((50, 40)).astype('f4'),
                      zeros=np.zeros(70000, dtype='i8'), flags=rng.random(999) < 0.5, tiny=np.array(3))
        np.savez_compressed('packed.npz', **arrays)
        for name, arr in arrays.items():
            print('|'.join([name, ','.join(map(str, arr.shape)), ' '.join(repr(x) for x in arr.ravel().tolist())]))
        """)
        let expected = report.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        let decoded = try Tensor.decodeNPZ(try scratch.read("packed.npz"), context: context)
        #expect(decoded.map(\.name) == ["ramp", "noise", "zeros", "flags", "tiny"])
        #expect(decoded.count == expected.count)
        for ((name, tensor), fields) in zip(decoded, expected) {
            try #require(fields.count == 3)
            #expect(tensor.shape == fields[1].split(separator: ",").compactMap { Int($0) }, "\(name)")
            #expect(elementsMatch(tensor, fields[2].split(separator: " ").map(String.init)), "\(name)")
        }
    }

    @Test func damagedCompressedFilesThrow() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        _ = try scratch.run("np.savez_compressed('small.npz', a=np.arange(40) % 7, b=np.linspace(0, 1, 30))")
        let file = try scratch.read("small.npz")
        #expect(try Tensor.decodeNPZ(file, context: context).count == 2)
        for length in 0..<file.count {
            #expect(throws: KernelError.self, "prefix of \(length) bytes") {
                try Tensor.decodeNPZ(Array(file.prefix(length)), context: context)
            }
        }
        // Random damage either still decodes or throws a KernelError; it never traps.
        var random = SplitMix64(state: 11)
        for _ in 0..<2000 {
            var damaged = file
            for _ in 0..<random.int(1...3) { damaged[random.int(0...(file.count - 1))] = UInt8(truncatingIfNeeded: random.next()) }
            do { _ = try Tensor.decodeNPZ(damaged, context: context) } catch { #expect(error is KernelError) }
        }
    }

    @Test func inflatesEveryBlockTypeThatZlibWrites() throws {
        let report = try NumPyScratch.python("""
        import zlib, random
        random.seed(5)
        payloads = [b'', b'a', bytes(range(256)) * 3, b'la ' * 5000, bytes(random.getrandbits(8) for _ in range(3000)),
                    bytes(random.choice(b'abcd') for _ in range(70000))]
        for data in payloads:
            for level in (0, 1, 6, 9):
                c = zlib.compressobj(level, zlib.DEFLATED, -15)
                print(c.compress(data).hex() + c.flush().hex(), data.hex())
        """)
        let lines = report.split(separator: "\n")
        #expect(lines.count == 24)
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false).map(hexBytes)
            try #require(parts.count == 2)
            #expect(try Inflater.inflate(parts[0], limit: parts[1].count, memberName: "m") == parts[1])
            if !parts[1].isEmpty {
                #expect(throws: KernelError.self) { try Inflater.inflate(parts[0], limit: parts[1].count - 1, memberName: "m") }
            }
        }
    }
}

/// Bytes from hexadecimal text (two digits each).
func hexBytes(_ text: Substring) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count - 1, by: 2).compactMap { UInt8(String(decoding: digits[$0...($0 + 1)], as: UTF8.self), radix: 16) }
}
