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
    greater
        ? extremum(p, stride, n, from: -T.infinity, { T.maximum($0, $1) }, { ($1 > $0 || $1.isNaN) ? $1 : $0 })
        : extremum(p, stride, n, from: T.infinity, { T.minimum($0, $1) }, { ($1 < $0 || $1.isNaN) ? $1 : $0 })
}

/// Folds a row with a NaN-propagating `pick`, in four independent SIMD8 accumulators
/// (hiding the compare-and-blend latency) when the row is contiguous.
@inline(__always)
func extremum<T: KernelFloat>(_ p: UnsafePointer<T>, _ stride: Int, _ n: Int, from initial: T,
                              _ vector: (SIMD8<T>, SIMD8<T>) -> SIMD8<T>, _ pick: (T, T) -> T) -> T {
    var i = 0
    var best = initial
    if stride == 1 && n >= 32 {
        var a0 = SIMD8<T>(repeating: initial), a1 = a0, a2 = a0, a3 = a0
        while i &+ 32 <= n {
            a0 = vector(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<T>.self), a0)
            a1 = vector(UnsafeRawPointer(p + (i &+ 8)).loadUnaligned(as: SIMD8<T>.self), a1)
            a2 = vector(UnsafeRawPointer(p + (i &+ 16)).loadUnaligned(as: SIMD8<T>.self), a2)
            a3 = vector(UnsafeRawPointer(p + (i &+ 24)).loadUnaligned(as: SIMD8<T>.self), a3)
            i &+= 32
        }
        let all = vector(vector(a0, a1), vector(a2, a3))
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
