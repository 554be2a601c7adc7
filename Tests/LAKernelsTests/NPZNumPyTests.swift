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

    @Test func compressedIsAClearError() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        _ = try scratch.run("np.savez_compressed('packed.npz', a=np.zeros(100))")
        #expect {
            try Tensor.decodeNPZ(try scratch.read("packed.npz"), context: context)
        } throws: { error in
            let error = error as? KernelError
            return error?.kind == .value && error?.message.contains("compressed .npz is not supported") == true
        }
    }
}
