@testable import LAKernels

/// Shared inputs for the rational and exact linear algebra tests.
enum ExactTestData {
    /// n/d from decimal texts (either may exceed Int64).
    static func fraction(_ n: String, _ d: String = "1") throws -> Rational {
        guard let numerator = BigInt(integerText: n), let denominator = BigInt(integerText: d) else {
            throw KernelError(.value, "bad test literal \(n)/\(d)")
        }
        return try Rational(numerator: numerator, denominator: denominator)
    }

    static func r(_ n: Int64, _ d: Int64 = 1) throws -> Rational { try Rational(numerator: n, denominator: d) }

    /// The n × n Hilbert matrix, H[i][j] = 1 / (i + j + 1).
    static func hilbert(_ n: Int) throws -> RationalMatrix {
        try RationalMatrix(rows: n, columns: n, elements: (0..<(n * n)).map { try r(1, Int64($0 / n + $0 % n + 1)) })
    }

    /// A deterministic pseudo-random n × m integer matrix with entries in [-9, 9] (SplitMix64).
    static func randomIntegers(rows: Int, columns: Int, seed: UInt64) throws -> RationalMatrix {
        var state = seed
        let values = (0..<(rows * columns)).map { _ -> Rational in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Rational(Int64(z % 19) - 9)
        }
        return try RationalMatrix(rows: rows, columns: columns, elements: values)
    }

    /// The binomial coefficient C(n, k) as an exact integer.
    static func binomial(_ n: Int, _ k: Int) throws -> Rational {
        guard k >= 0, k <= n else { return .zero }
        var result = Rational.one
        for i in 0..<k { result = try result * Rational(Int64(n - i)) / Rational(Int64(i + 1)) }
        return result
    }
}
