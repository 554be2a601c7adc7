import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every GMP value is freed when its last reference goes. Measured in a child
/// `la` process (its own peak RSS from wait4), so suites running in parallel
/// in this process cannot disturb the measurement.
@Suite struct ExactMemoryTests {
    /// A script that makes about ten big GMP-backed rationals per iteration.
    static func churn(_ iterations: Int) -> String {
        """
        use exact
        let big = 1234567890123456789012345678901234567890 / 987654321987654321987
        let count = 0
        for i in range(\(iterations)) {
          let small = (i % 1000 + 1) / 7
          let large = big * small + 9223372036854775807
          let back = large / big
          if back > small { count += 1 }
        }
        print(count)
        """
    }

    /// Peak resident memory in KiB of `la -e source`, with its output.
    static func peakMemory(of source: String) throws -> (kib: Int, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("la-memory-\(UUID().uuidString).txt").path
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let arguments = [CommandLineTests.laPath, "-e", source]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, CommandLineTests.laPath, &actions, nil, &argv, environ)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: output)
        return (usage.ru_maxrss, text)
    }

    @Test func hundredsOfThousandsOfBigRationalsDoNotLeak() throws {
        let small = try Self.peakMemory(of: Self.churn(1_000))
        let large = try Self.peakMemory(of: Self.churn(300_000))
        #expect(small.output == "1000\n")
        #expect(large.output == "300000\n")
        // ~3 million GMP values are made and dropped; keeping even one word of
        // each would add over 20 MiB, a leaked mpq_t far more.
        #expect(large.kib - small.kib < 16 * 1024, "peak RSS grew from \(small.kib) KiB to \(large.kib) KiB")
    }
}
