import Testing
@testable import LAKernels

/// Round trips through real NumPy: files written by `np.save` decode to the same
/// values, and `np.load` reads what `encodeNPY` writes, byte-identical to `np.save`.
@Suite(.enabled(if: NumPyScratch.isAvailable, "needs python3 with numpy"))
struct NPYNumPyTests {
    let context = KernelContext(threads: 1)

    /// Writes every case with NumPy and prints `name|dtype|shape|values` for each.
    static let writerScript = """
    lines = []
    def save(name, arr, version=None):
        with open(name + '.npy', 'wb') as f:
            if version: np.lib.format.write_array(f, arr, version=version)
            else: np.save(f, arr)
        kind, size = arr.dtype.kind, arr.dtype.itemsize
        la = 'bool' if kind == 'b' else 'i64' if kind in 'iu' else 'f64' if size == 8 else 'f32'
        values = ' '.join(repr(x.item()) for x in arr.ravel(order='C'))
        lines.append('|'.join([name, la, ','.join(map(str, arr.shape)), values]))
    for t in ['i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8']:
        info = np.iinfo(t)
        values = [info.min, info.max, 0, 1, info.max // 3, info.min // 3] if t != 'u8' else [0, 1, 2**63 - 1, 12345, 7, 8]
        for order in '<>':
            save(t + order.replace('<', 'le').replace('>', 'be'), np.array(values, dtype=order + t).reshape(2, 3))
    floats = [0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 0.1, 6e-8, 65504.0]
    for t in ['f2', 'f4', 'f8']:
        for order in '<>':
            save(t + order.replace('<', 'le').replace('>', 'be'), np.array(floats, dtype=order + t).reshape(2, 5))
    save('bool', np.array([[True, False, True], [False, False, True]]))
    save('fortran_f8', np.asfortranarray(np.arange(24, dtype='f8').reshape(2, 3, 4)))
    save('fortran_i4be', np.asfortranarray(np.arange(-6, 6, dtype='>i4').reshape(3, 4)))
    save('fortran_bool', np.asfortranarray(np.array([[True, False, False], [True, True, False]])))
    save('scalar_f8', np.array(3.5))
    save('scalar_i2be', np.array(-7, dtype='>i2'))
    save('scalar_bool', np.array(True))
    save('scalar_f2', np.array(1.5, dtype='f2'))
    save('empty_f8', np.zeros((0,)))
    save('empty_i2be', np.zeros((2, 0, 3), dtype='>i2'))
    save('empty_bool', np.zeros((0, 5), dtype=bool))
    save('v2_f4', np.arange(6, dtype='f4').reshape(2, 3), version=(2, 0))
    save('v3_f8', np.arange(6, dtype='f8').reshape(3, 2) / 7, version=(3, 0))
    save('long_axis', np.arange(300, dtype='<i8') * -3)
    print('\\n'.join(lines))
    """

    @Test func decodesWhatNumPyWrites() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        let manifest = try scratch.run(NPYNumPyTests.writerScript)
        let lines = manifest.split(separator: "\n")
        #expect(lines.count == 36)
        for line in lines {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 4)
            let tensor = try Tensor.decodeNPY(try scratch.read(fields[0] + ".npy"), context: context)
            #expect(tensor.dtype.description == fields[1], "\(fields[0])")
            #expect(tensor.shape == fields[2].split(separator: ",").compactMap { Int($0) }, "\(fields[0])")
            #expect(elementsMatch(tensor, fields[3].split(separator: " ").map(String.init)), "\(fields[0])")
        }
    }

    @Test func u8AboveTheI64RangeIsAnOverflowError() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        _ = try scratch.run("np.save('big.npy', np.array([1, 2**64 - 1], dtype='u8'))")
        #expect {
            try Tensor.decodeNPY(try scratch.read("big.npy"), context: context)
        } throws: { ($0 as? KernelError)?.kind == .overflow }
    }

    @Test func numpyLoadsWhatWeEncodeByteForByte() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        let matrix = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let cases: [(String, Tensor)] = [
            ("bool", try Tensor([true, false, true, true, false, false], shape: [2, 3])),
            ("i64", try Tensor([Int64.min, Int64.max, 0, -1], shape: [4])),
            ("f32", try Tensor([0, -0.0, 0.1, .infinity, -.infinity, .nan], shape: [3, 2], dtype: .f32)),
            ("f64", try Tensor([0.1, 1e300, -5e-324, 2, 3, 4], shape: [3, 1, 2])),
            ("scalar", try Tensor([2.5], shape: [])),
            ("empty", try Tensor([Double](), shape: [0])),
            ("empty3", try Tensor([Int64](), shape: [2, 0, 3])),
            ("wide_empty", try Tensor([Double](), shape: [0, 10_000_000_000_000], dtype: .f32)),
            ("one", try Tensor([Int64(42)], shape: [1])),
            ("transposed", try matrix.transposed(nil)),
            ("many_axes", try Tensor([7.0], shape: Array(repeating: 1, count: 30))),
        ]
        for (name, tensor) in cases { try scratch.write(name + ".npy", tensor.encodeNPY()) }
        let names = cases.map { "'\($0.0)'" }.joined(separator: ", ")
        let report = try scratch.run("""
        import io
        for name in [\(names)]:
            raw = open(name + '.npy', 'rb').read()
            arr = np.load(name + '.npy')
            again = io.BytesIO()
            np.save(again, arr)
            values = ' '.join(repr(x.item()) for x in arr.ravel())
            print('|'.join([name, str(arr.dtype), ','.join(map(str, arr.shape)), str(again.getvalue() == raw), values]))
        """)
        let lines = report.split(separator: "\n")
        #expect(lines.count == cases.count)
        for (line, (name, tensor)) in zip(lines, cases) {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 5)
            #expect(fields[0] == name)
            let numpyName = ["bool": "bool", "i64": "int64", "f32": "float32", "f64": "float64"][tensor.dtype.description]
            #expect(fields[1] == numpyName, "\(name)")
            #expect(fields[2] == tensor.shape.map(String.init).joined(separator: ","), "\(name)")
            #expect(fields[3] == "True", "\(name): np.save writes different bytes")
            #expect(elementsMatch(tensor, fields[4].split(separator: " ").map(String.init)), "\(name)")
        }
    }
}
