/// Row kernels for reductions: pairwise float sums and NaN-propagating extrema,
/// with SIMD8 accumulators on contiguous rows.

/// The sum of `n` elements at `stride`, accumulated in Double by pairwise summation
/// (blocks of `leaf` summed in SIMD lanes, halves combined recursively), so the error
/// grows like O(log n) as in NumPy, and f32 input gets a Double-accurate sum.
/// - Complexity: O(n); allocates nothing.
func pairwiseSum<T: KernelFloat>(_ p: UnsafePointer<T>, _ stride: Int, _ n: Int) -> Double {
    let leaf = 256
    if n > leaf {
        let half = (n / 2) & ~7
        return pairwiseSum(p, stride, half) + pairwiseSum(p + half &* stride, stride, n - half)
    }
    var i = 0
    var total = 0.0
    if stride == 1 {
        var a = SIMD8<Double>(), b = SIMD8<Double>()
        while i &+ 16 <= n {
            a += T.widen(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<T>.self))
            b += T.widen(UnsafeRawPointer(p + (i &+ 8)).loadUnaligned(as: SIMD8<T>.self))
            i &+= 16
        }
        total = (a + b).sum()
    }
    var j = i &* stride
    while i < n {
        total += Double(p[j])
        i &+= 1
        j &+= stride
    }
    return total
}

/// NaN-propagating maximum (`greater`) or minimum of a non-empty row.
/// - Complexity: O(n); allocates nothing.
@inline(__always)
func floatExtremum<T: KernelFloat>(_ p: UnsafePointer<T>, _ stride: Int, _ n: Int, greater: Bool) -> T {
    @inline(__always) func pick(_ a: T, _ x: T) -> T {
        ((greater ? x > a : x < a) || x.isNaN) ? x : a
    }
    var i = 0
    var best = greater ? -T.infinity : T.infinity
    if stride == 1 && n >= 32 {
        // Four independent accumulators hide the compare-and-blend latency.
        var acc = (SIMD8<T>(repeating: best), SIMD8<T>(repeating: best), SIMD8<T>(repeating: best), SIMD8<T>(repeating: best))
        @inline(__always) func load(_ k: Int) -> SIMD8<T> { UnsafeRawPointer(p + k).loadUnaligned(as: SIMD8<T>.self) }
        @inline(__always) func step(_ a: SIMD8<T>, _ v: SIMD8<T>) -> SIMD8<T> { greater ? T.maximum(v, a) : T.minimum(v, a) }
        while i &+ 32 <= n {
            acc.0 = step(acc.0, load(i))
            acc.1 = step(acc.1, load(i &+ 8))
            acc.2 = step(acc.2, load(i &+ 16))
            acc.3 = step(acc.3, load(i &+ 24))
            i &+= 32
        }
        let all = step(step(acc.0, acc.1), step(acc.2, acc.3))
        for lane in 0..<8 { best = pick(best, all[lane]) }
    }
    var j = i &* stride
    while i < n {
        best = pick(best, p[j])
        i &+= 1
        j &+= stride
    }
    return best
}

/// A strided row folded with `f` from `initial` (for the reductions without a fast path).
@inline(__always)
func foldRow<T, A>(_ p: UnsafePointer<T>, _ stride: Int, _ n: Int, _ initial: A, _ f: (A, T) -> A) -> A {
    var acc = initial
    var j = 0
    for _ in 0..<n {
        acc = f(acc, p[j])
        j &+= stride
    }
    return acc
}

/// i64 addition and multiplication that remember overflow instead of trapping.
@inline(__always)
func checkedAdd(_ a: (Int64, UInt8), _ b: Int64) -> (Int64, UInt8) {
    let (v, o) = a.0.addingReportingOverflow(b)
    return (v, a.1 | (o ? ElementFault.overflow.rawValue : 0))
}

@inline(__always)
func checkedMultiply(_ a: (Int64, UInt8), _ b: Int64) -> (Int64, UInt8) {
    let (v, o) = a.0.multipliedReportingOverflow(by: b)
    return (v, a.1 | (o ? ElementFault.overflow.rawValue : 0))
}
