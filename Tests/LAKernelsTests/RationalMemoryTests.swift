import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import LAKernels

/// Every GMP value is freed when its last Swift reference goes.
@Suite struct RationalMemoryTests {
    /// Resident set size in pages, from /proc/self/statm (nil where unavailable).
    static func residentPages() -> Int? {
        #if canImport(Glibc)
        guard let file = fopen("/proc/self/statm", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        guard fgets(&line, Int32(line.count), file) != nil else { return nil }
        let text = String(decoding: line.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ")
        return fields.count > 1 ? Int(fields[1]) : nil
        #else
        return nil
        #endif
    }

    @Test func millionsOfRationalsDoNotLeak() throws {
        let big = try ExactTestData.fraction("1234567890123456789012345678901234567890", "987654321987654321987")
        func churn(_ iterations: Int) throws -> Rational {
            var checksum = Rational.zero
            for i in 0..<iterations {
                let small = try Rational(numerator: Int64(i % 1000) + 1, denominator: 7)
                let large = big * small + Rational(Int64.max)   // GMP path: several mpq_t per iteration
                let back = try large / big                       // and a division
                if i % 100_000 == 0 { checksum += back.isInteger ? .one : small }
                _ = large.numerator.description.count + back.denominator.bitWidth
            }
            return checksum
        }
        _ = try churn(50_000)  // warm up allocator pools
        guard let before = Self.residentPages() else { return }
        let checksum = try churn(1_000_000)
        guard let after = Self.residentPages() else { return }
        #expect(checksum != .zero)
        // ~10 GMP allocations per iteration: a leak would add hundreds of MiB. RSS is the
        // whole process's, and other suites allocate in parallel, so the bound leaves room.
        let growthKiB = (after - before) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
        #expect(growthKiB < 64 * 1024, "RSS grew by \(growthKiB) KiB")
    }
}
