/// A vectorised single-precision exp: the f32 softmax spends most of its time here,
/// and libm's scalar `expf` is 4x slower than NumPy's SIMD loop.

extension SIMD8 where Scalar == Float {
    /// e^x lane-wise, within 2 ulp of the correctly rounded result over the whole f32 range
    /// (Cephes `expf`: x = n·ln2 + r with |r| ≤ ln2/2, a degree-7 polynomial for e^r, then
    /// scaling by 2^n in two halves so subnormal and overflowing results come out right).
    /// NaN gives NaN, +inf gives +inf, -inf gives 0.
    @inline(__always)
    func exponential() -> SIMD8<Float> {
        let x = self
        var c = x.replacing(with: 88.8, where: x .> 88.8)
        c = c.replacing(with: -104, where: c .< -104)
        // Round c·log2(e) to an integer with the 1.5·2^23 trick: the low bits of `t` hold n.
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let t = c * 1.442_695_04 + magic
        let n = t - magic
        var r = c - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * (r * r) + r + 1
        let bits = unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let half = bits &>> 1
        let scale1 = unsafeBitCast((half &+ 127) &<< 23, to: SIMD8<Float>.self)
        let scale2 = unsafeBitCast((bits &- half &+ 127) &<< 23, to: SIMD8<Float>.self)
        return (y * scale1 * scale2).replacing(with: x, where: x .!= x)
    }
}
