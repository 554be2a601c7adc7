import Testing
@testable import LAKernels

/// CSV interchange with real NumPy: `np.savetxt` output decodes, `np.loadtxt` reads ours.
@Suite(.enabled(if: NumPyScratch.isAvailable, "needs python3 with numpy"))
struct CSVNumPyTests {
    let context = KernelContext(threads: 1)

    @Test func readsSavetxtAndNumPyReadsOurs() throws {
        let scratch = try NumPyScratch()
        defer { scratch.remove() }
        let values = [0.1, -2.5e-300, 1e22, 3, -0.0, 123456.789]
        try scratch.write("ours.csv", Array(try Tensor(values, shape: [3, 2]).encodeCSV(header: ["p", "q"]).utf8))
        let report = try scratch.run("""
        a = np.array([[1 / 3, -2.0], [np.inf, 7e-9]])
        np.savetxt('theirs.csv', a, delimiter=',', header='first,second', comments='')
        print(' '.join(repr(x) for x in a.ravel().tolist()))
        ours = np.loadtxt('ours.csv', delimiter=',', skiprows=1)
        print(ours.shape, ' '.join(repr(x) for x in ours.ravel().tolist()))
        """)
        let lines = report.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        let theirs = try Tensor.decodeCSV(String(decoding: try scratch.read("theirs.csv"), as: UTF8.self), header: true, context: context)
        #expect(theirs.columns == ["first", "second"])
        #expect(theirs.tensor.shape == [2, 2])
        #expect(elementsMatch(theirs.tensor, lines[0].split(separator: " ").map(String.init)))
        #expect(lines[1] == "(3, 2) " + values.map { $0.description }.joined(separator: " "))
    }
}
