#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seedable pseudo-random generator owned by one interpreter (no global state):
/// xoshiro256** (Blackman & Vigna), its 256-bit state seeded through splitmix64.
/// A value type, so copying it forks the sequence; one seed always gives the same sequence.
public struct RandomSource: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Chunk of samples between cancellation checks.
    private static let chunk = 1 << 16

    public init(seed: UInt64) {
        var mix = seed
        state = (RandomSource.splitMix(&mix), RandomSource.splitMix(&mix),
                 RandomSource.splitMix(&mix), RandomSource.splitMix(&mix))
    }

    /// splitmix64: spreads one 64-bit seed over the state (never all zero).
    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform samples in [0, 1), f64.
    /// - Throws: ShapeError/LimitError for a bad or too large shape; LimitError on cancellation.
    /// - Complexity: O(count); allocates the result only.
    public mutating func uniform(_ shape: [Int], context: KernelContext) throws -> Tensor {
        try fill(shape, context: context) { p, n, source in
            for i in 0..<n { p[i] = source.nextUniform() }
        }
    }

    /// Standard normal samples (mean 0, variance 1), f64, by the Box–Muller transform.
    /// - Throws: ShapeError/LimitError for a bad or too large shape; LimitError on cancellation.
    /// - Complexity: O(count); allocates the result only.
    public mutating func normal(_ shape: [Int], context: KernelContext) throws -> Tensor {
        try fill(shape, context: context) { p, n, source in
            var i = 0
            while i < n {
                // 1 - u lies in (0, 1], so the logarithm is finite.
                let radius = (-2 * log(1 - source.nextUniform())).squareRoot()
                let angle = 2 * Double.pi * source.nextUniform()
                p[i] = radius * cos(angle)
                if i + 1 < n { p[i + 1] = radius * sin(angle) }
                i += 2
            }
        }
    }

    /// A new f64 tensor of `shape` filled chunk by chunk by `body(pointer, count, &self)`.
    private mutating func fill(_ shape: [Int], context: KernelContext,
                               _ body: (UnsafeMutablePointer<Double>, Int, inout RandomSource) -> Void) throws -> Tensor {
        let result = try Tensor(zeros: shape, dtype: .f64, context: context)
        let p = result.storage.pointer(as: Double.self)
        let total = result.count
        var start = 0
        while start < total {
            try context.checkCancellation()
            let n = min(RandomSource.chunk, total - start)
            body(p + start, n, &self)
            start += n
        }
        return result
    }
}
