#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The floating-point element types with the libm functions the kernels call,
/// so float kernels are written once, generic over `Float` and `Double`.
protocol KernelFloat: BinaryFloatingPoint, KernelElement, SIMDScalar, Codable {
    static func power(_ a: Self, _ b: Self) -> Self
    static func remainderTowardZero(_ a: Self, _ b: Self) -> Self
    static func logarithm(_ x: Self) -> Self
    static func logarithm2(_ x: Self) -> Self
    static func logarithm10(_ x: Self) -> Self
    static func sine(_ x: Self) -> Self
    static func cosine(_ x: Self) -> Self
    static func tangent(_ x: Self) -> Self
    static func errorFunction(_ x: Self) -> Self
    /// Lanes converted to Double (for accumulating sums).
    static func widen(_ v: SIMD8<Self>) -> SIMD8<Double>
    // Lane-wise SIMD8 arithmetic, written per concrete type: in generic code the SIMD
    // operators resolve to a lane-by-lane fallback that runs ~50x slower.
    static func add(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self>
    static func subtract(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self>
    static func multiply(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self>
    static func divide(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self>
    /// NaN-propagating lane-wise maximum and minimum (NumPy `maximum`/`minimum`).
    static func maximum(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self>
    static func minimum(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self>
    /// `out[i] = e^a[i·stride]` (SIMD for f32, so strided and contiguous rows round alike),
    /// written per concrete type so the vector body is inlined into the loop.
    static func exponentialRow(_ a: UnsafePointer<Self>, _ stride: Int, _ out: UnsafeMutablePointer<Self>, _ n: Int)
    /// `out[i] = tanh(a[i·stride])`, like `exponentialRow`.
    static func hyperbolicTangentRow(_ a: UnsafePointer<Self>, _ stride: Int, _ out: UnsafeMutablePointer<Self>, _ n: Int)
}

extension Float: KernelFloat {
    @inline(__always) static func power(_ a: Float, _ b: Float) -> Float { powf(a, b) }
    @inline(__always) static func remainderTowardZero(_ a: Float, _ b: Float) -> Float { fmodf(a, b) }
    @inline(__always) static func logarithm(_ x: Float) -> Float { logf(x) }
    @inline(__always) static func logarithm2(_ x: Float) -> Float { log2f(x) }
    @inline(__always) static func logarithm10(_ x: Float) -> Float { log10f(x) }
    @inline(__always) static func sine(_ x: Float) -> Float { sinf(x) }
    @inline(__always) static func cosine(_ x: Float) -> Float { cosf(x) }
    @inline(__always) static func tangent(_ x: Float) -> Float { tanf(x) }
    @inline(__always) static func errorFunction(_ x: Float) -> Float { erff(x) }
    @inline(__always) static func widen(_ v: SIMD8<Float>) -> SIMD8<Double> { SIMD8<Double>(v) }
    static func exponentialRow(_ a: UnsafePointer<Float>, _ stride: Int, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        vectorRow(a, stride, out, n) { $0.exponential() }
    }
    static func hyperbolicTangentRow(_ a: UnsafePointer<Float>, _ stride: Int, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        vectorRow(a, stride, out, n) { $0.hyperbolicTangent() }
    }
    @inline(__always) static func add(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a + b }
    @inline(__always) static func subtract(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a - b }
    @inline(__always) static func multiply(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a * b }
    @inline(__always) static func divide(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a / b }
    @inline(__always) static func maximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        b.replacing(with: a, where: a .> b).replacing(with: a, where: a .!= a)
    }
    @inline(__always) static func minimum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        b.replacing(with: a, where: a .< b).replacing(with: a, where: a .!= a)
    }
}

extension Double: KernelFloat {
    @inline(__always) static func power(_ a: Double, _ b: Double) -> Double { pow(a, b) }
    @inline(__always) static func remainderTowardZero(_ a: Double, _ b: Double) -> Double { fmod(a, b) }
    @inline(__always) static func logarithm(_ x: Double) -> Double { log(x) }
    @inline(__always) static func logarithm2(_ x: Double) -> Double { log2(x) }
    @inline(__always) static func logarithm10(_ x: Double) -> Double { log10(x) }
    @inline(__always) static func sine(_ x: Double) -> Double { sin(x) }
    @inline(__always) static func cosine(_ x: Double) -> Double { cos(x) }
    @inline(__always) static func tangent(_ x: Double) -> Double { tan(x) }
    @inline(__always) static func errorFunction(_ x: Double) -> Double { erf(x) }
    @inline(__always) static func widen(_ v: SIMD8<Double>) -> SIMD8<Double> { v }
    static func exponentialRow(_ a: UnsafePointer<Double>, _ stride: Int, _ out: UnsafeMutablePointer<Double>, _ n: Int) {
        mapRow(a, stride, out, n) { exp($0) }
    }
    static func hyperbolicTangentRow(_ a: UnsafePointer<Double>, _ stride: Int, _ out: UnsafeMutablePointer<Double>, _ n: Int) {
        mapRow(a, stride, out, n) { tanh($0) }
    }
    @inline(__always) static func add(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> { a + b }
    @inline(__always) static func subtract(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> { a - b }
    @inline(__always) static func multiply(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> { a * b }
    @inline(__always) static func divide(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> { a / b }
    @inline(__always) static func maximum(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
        b.replacing(with: a, where: a .> b).replacing(with: a, where: a .!= a)
    }
    @inline(__always) static func minimum(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
        b.replacing(with: a, where: a .< b).replacing(with: a, where: a .!= a)
    }
}

/// Python/NumPy floor division and modulo on floats (NumPy's `npy_divmod`):
/// the quotient is floored and the remainder takes the divisor's sign.
/// Division by zero follows IEEE (`a / 0` for the quotient, NaN for the remainder).
@inline(__always)
func floatDivMod<T: KernelFloat>(_ a: T, _ b: T) -> (quotient: T, remainder: T) {
    if b == 0 { return (a / b, T.remainderTowardZero(a, b)) }
    var mod = T.remainderTowardZero(a, b)
    var div = (a - mod) / b
    if mod != 0 {
        if (b < 0) != (mod < 0) {
            mod += b
            div -= 1
        }
    } else {
        mod = b < 0 ? -0.0 : 0.0
    }
    if div != 0 {
        var floored = div.rounded(.down)
        if div - floored > 0.5 { floored += 1 }
        return (floored, mod)
    }
    return ((a / b).sign == .minus ? -0.0 : 0.0, mod)
}

/// Python floor division and modulo on i64, reporting faults instead of trapping.
@inline(__always)
func intDivMod(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64, fault: UInt8) {
    if b == 0 { return (0, 0, ElementFault.zeroDivision.rawValue) }
    if b == -1 {
        let (q, overflow) = Int64(0).subtractingReportingOverflow(a)
        return (q, 0, overflow ? ElementFault.overflow.rawValue : 0)
    }
    var q = a / b
    var r = a % b
    if r != 0 && ((r < 0) != (b < 0)) {
        q -= 1
        r += b
    }
    return (q, r, 0)
}

/// `a ** b` on i64; negative exponents and overflow are faults.
@inline(__always)
func intPower(_ a: Int64, _ b: Int64) -> (Int64, UInt8) {
    if b < 0 { return (0, ElementFault.negativePower.rawValue) }
    guard let result = a.checkedPower(b) else { return (0, ElementFault.overflow.rawValue) }
    return (result, 0)
}

extension Int64 {
    /// `self ** exponent` for `exponent ≥ 0` by repeated squaring; nil when it overflows 64 bits.
    @inlinable
    public func checkedPower(_ exponent: Int64) -> Int64? {
        var result: Int64 = 1
        var base = self
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: base)
                if overflow { return nil }
                result = product
            }
            remaining >>= 1
            if remaining > 0 {
                let (square, overflow) = base.multipliedReportingOverflow(by: base)
                if overflow { return nil }
                base = square
            }
        }
        return result
    }
}

/// `out[i] = f(a[i·stride])` over an f32 row in SIMD8 chunks (gathered when strided); the
/// tail goes through the same vector code (zero-padded), so every element rounds alike.
@inline(__always)
func vectorRow(_ a: UnsafePointer<Float>, _ stride: Int, _ out: UnsafeMutablePointer<Float>, _ n: Int,
               _ f: (SIMD8<Float>) -> SIMD8<Float>) {
    var i = 0
    if stride == 1 {
        while i &+ 8 <= n {
            let v = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: f(v), as: SIMD8<Float>.self)
            i &+= 8
        }
    }
    while i < n {
        let m = Swift.min(8, n &- i)
        var lanes = SIMD8<Float>()
        for k in 0..<m { lanes[k] = a[(i &+ k) &* stride] }
        let r = f(lanes)
        for k in 0..<m { out[i &+ k] = r[k] }
        i &+= m
    }
}
