/// Vectorised single-precision exp and tanh: the f32 softmax and the tanh form of gelu
/// spend most of their time here, and libm's scalar `expf`/`tanhf` are 4x slower than
/// NumPy's SIMD loops.

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

    /// tanh lane-wise, within 3 ulp (Cephes `tanhf`): an odd polynomial below |x| = 0.625,
    /// else `1 - 2 / (e^{2|x|} + 1)` with the sign restored. NaN gives NaN, ±0 gives ±0, ±inf gives ±1.
    @inline(__always)
    func hyperbolicTangent() -> SIMD8<Float> {
        let x = self
        let z = x * x
        var p = SIMD8<Float>(repeating: -5.704_988_727_45e-3)
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = p * z * x + x
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let e = (magnitude + magnitude).exponential()
        var large = 1 - 2 / (e + 1)
        large = large.replacing(with: -large, where: x .< 0)
        // NaN and ±0 pass through unchanged (the polynomial would turn -0 into +0).
        return large.replacing(with: small, where: magnitude .< 0.625).replacing(with: x, where: (x .!= x) .| (x .== 0))
    }
}
