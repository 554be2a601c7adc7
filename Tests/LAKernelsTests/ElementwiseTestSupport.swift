import Testing
@testable import LAKernels

/// A small seeded generator so property tests are reproducible.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// How a test tensor lays out its elements in storage.
enum TestLayout: CaseIterable {
    case contiguous
    /// Storage holds the axes reversed; the view transposes them back.
    case transposed
    /// Every other element along each axis, from a nonzero offset.
    case strided
}

/// A tensor of `shape` and `dtype` whose row-major logical elements are `values`, laid out as `layout`.
func makeTensor(_ values: [Double], shape: [Int], dtype: DType, layout: TestLayout) throws -> Tensor {
    let logical = try Tensor(values, shape: shape, dtype: dtype)
    let rank = shape.count
    switch layout {
    case .contiguous:
        return logical
    case .transposed:
        let reversedShape = Array(shape.reversed())
        let reversedStrides = Tensor.contiguousStrides(reversedShape)
        var storageValues = [Double](repeating: 0, count: values.count)
        forEachIndex(shape) { flat, index in
            var position = 0
            for k in 0..<rank { position += index[k] * reversedStrides[rank - 1 - k] }
            storageValues[position] = values[flat]
        }
        let base = try Tensor(storageValues, shape: reversedShape, dtype: dtype)
        return Tensor(storage: base.storage, shape: shape, strides: Array(reversedStrides.reversed()), offset: 0)
    case .strided:
        let strides = Tensor.contiguousStrides(shape).map { $0 * 2 }
        let span = zip(shape, strides).reduce(1) { $0 + max($1.0 - 1, 0) * $1.1 }
        var storageValues = [Double](repeating: -7, count: span + 1)
        forEachIndex(shape) { flat, index in
            var position = 1
            for k in 0..<rank { position += index[k] * strides[k] }
            storageValues[position] = values[flat]
        }
        let base = try Tensor(storageValues, shape: [storageValues.count], dtype: dtype)
        return Tensor(storage: base.storage, shape: shape, strides: strides, offset: 1)
    }
}

/// Calls `body(flat, multiIndex)` for every index of `shape` in row-major order.
func forEachIndex(_ shape: [Int], _ body: (Int, [Int]) -> Void) {
    let count = shape.reduce(1, *)
    var index = [Int](repeating: 0, count: shape.count)
    for flat in 0..<count {
        body(flat, index)
        var axis = shape.count - 1
        while axis >= 0 {
            index[axis] += 1
            if index[axis] < shape[axis] { break }
            index[axis] = 0
            axis -= 1
        }
    }
}

/// The flat row-major position in `shape` of `index` (a result index) broadcast into `shape`.
func broadcastPosition(_ index: [Int], into shape: [Int]) -> Int {
    let lead = index.count - shape.count
    var position = 0
    for k in 0..<shape.count {
        position = position * shape[k] + (shape[k] == 1 ? 0 : index[lead + k])
    }
    return position
}

/// Random small values typical for `dtype` (exact in every dtype, so references are exact).
func randomValues(_ count: Int, dtype: DType, rng: inout SplitMix64) -> [Double] {
    (0..<count).map { _ in
        switch dtype {
        case .bool: Double(rng.int(0...1))
        case .i64: Double(rng.int(-9...9))
        case .f32, .f64, .rational: Double(rng.int(-40...40)) / 4
        }
    }
}

/// Element-wise equality treating NaN as equal to NaN, with a relative tolerance.
func sameValues(_ a: [Double], _ b: [Double], tolerance: Double = 0) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        if x.isNaN && y.isNaN { continue }
        if x == y { continue }
        if abs(x - y) <= tolerance * max(abs(x), abs(y)) { continue }
        return false
    }
    return true
}

/// Shapes that exercise empty axes, length 1, primes and several ranks.
let propertyShapes: [[Int]] = [[], [0], [1], [7], [3, 5], [2, 0, 3], [4, 1, 3], [2, 3, 5], [13, 2], [1, 1, 11]]

/// Pairs of broadcast-compatible shapes.
let broadcastPairs: [([Int], [Int])] = [
    ([3, 5], [3, 5]), ([3, 5], [5]), ([3, 1], [1, 4]), ([], [2, 3]), ([2, 1, 3], [4, 1]),
    ([0, 3], [1, 3]), ([7], [1]), ([2, 3, 5], [2, 3, 5]), ([5, 1, 1], [1, 3, 2]),
]

extension KernelError {
    static func kind(_ kind: KernelError.Kind, _ body: () throws -> Void) -> Bool {
        do { try body() } catch let error as KernelError { return error.kind == kind } catch { return false }
        return false
    }
}
