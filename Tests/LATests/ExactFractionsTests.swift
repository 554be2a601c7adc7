import Foundation
import Testing

/// Exact linear algebra in la against Python's `fractions.Fraction`: the same matrices go
/// through an la script in exact mode and through textbook Gauss–Jordan elimination on
/// Fractions in python3, and every printed number must agree.
@Suite struct ExactFractionsTests {
    /// Integer matrices with entries in [-9, 9] (some singular), then one with fractions,
    /// as nested la/Python list literals; seeded so a failure reproduces.
    static func matrices() -> [String] {
        var state: UInt64 = 0x5EED_1A
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var result: [String] = []
        for n in [1, 2, 3, 4, 5, 6, 8, 12] {
            for variant in 0..<3 {
                var rows = (0..<n).map { _ in (0..<n).map { _ in String(next(19) - 9) } }
                if variant == 2 && n > 1 { rows[n - 1] = rows[0] }  // a repeated row: singular
                if variant == 1 { rows = rows.map { $0.map { "\($0)/\(next(7) + 1)" } } }
                result.append("[" + rows.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]")
            }
        }
        return result
    }

    static let laProgram = """
        use exact
        fn report(A) {
            let n = shape(A)[0]
            let b = arange(1, n + 1)
            print(det(A), rank(A))
            if det(A) == 0 { return nil }
            let X = inv(A)
            let x = solve(A, b)
            for i in range(n) {
                print(x[i])
                for j in range(n) { print(X[i, j]) }
            }
        }

        """

    /// The same report computed with Fractions; `/` inside the literals is Fraction division.
    static let pythonProgram = #"""
        from fractions import Fraction as F

        def eliminate(rows, extra):
            # Gauss–Jordan on [A | extra]; returns (det, rank, reduced extra or None).
            n = len(rows)
            m = [list(r) + list(e) for r, e in zip(rows, extra)]
            det, rank, row = F(1), 0, 0
            for col in range(n):
                pivot = next((r for r in range(row, n) if m[r][col] != 0), None)
                if pivot is None:
                    det = F(0)
                    continue
                if pivot != row:
                    m[row], m[pivot] = m[pivot], m[row]
                    det = -det
                det *= m[row][col]
                p = m[row][col]
                m[row] = [v / p for v in m[row]]
                for r in range(n):
                    if r != row and m[r][col] != 0:
                        f = m[r][col]
                        m[r] = [a - f * b for a, b in zip(m[r], m[row])]
                row += 1
                rank += 1
            return det, rank, [r[n:] for r in m]

        def report(A):
            A = [[F(v) for v in r] for r in A]
            n = len(A)
            extra = [[F(i + 1)] + [F(int(i == j)) for j in range(n)] for i in range(n)]
            det, rank, reduced = eliminate(A, extra)
            print(det, rank)
            if det == 0:
                return
            for i in range(n):
                print(reduced[i][0])
                for j in range(n):
                    print(reduced[i][1 + j])

        """#

    @Test func detRankInvSolveMatchFractions() throws {
        let calls = Self.matrices().map { "report(\($0))" }.joined(separator: "\n")
        let la = runScript(Self.laProgram + calls, name: "fractions.la")
        try #require(la.error == nil, "\(la.errorText)")
        // Python reads `-3/4` inside a literal as float division: make every entry a Fraction.
        let pythonCalls = Self.matrices().map { matrix in
            "report(" + matrix.replacingOccurrences(of: #"(-?\d+)/(\d+)"#, with: "F($1, $2)", options: .regularExpression) + ")"
        }.joined(separator: "\n")
        let python = try runPython(Self.pythonProgram + pythonCalls)
        #expect(la.output.count > 300, "the report covers every matrix")
        #expect(la.output == python)
    }

    /// Runs `source` with python3 and returns its output lines.
    func runPython(_ source: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", source]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed")
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
