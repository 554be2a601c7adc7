// Test support for the indexing and shape tests: deterministic random data,
// strided layouts of known values, and a naive reference model of indexing.
@testable import LAKernels

/// Deterministic test data from a fixed seed.
struct TestData {
    var source: RandomSource

    init(seed: UInt64) { source = RandomSource(seed: seed) }

    /// A uniformly chosen integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(source.next() % UInt64(range.count))
    }

    mutating func bool() -> Bool { source.next() & 1 == 1 }

    mutating func pick<T>(_ options: [T]) -> T { options[int(0...(options.count - 1))] }

    /// Axis lengths worth testing: empty, one, small, primes.
    mutating func shape(maxRank: Int) -> [Int] {
        (0..<int(0...maxRank)).map { _ in pick([0, 1, 1, 2, 3, 3, 5, 7]) }
    }

    /// A tensor of `shape` and `dtype` with distinct-ish small values that every dtype holds exactly.
    mutating func tensor(_ shape: [Int], dtype: DType) throws -> Tensor {
        let count = try Tensor.elementCount(shape)
        let values = (0..<count).map { _ in Double(int(-50...50)) }
        return try Tensor(values, shape: shape, dtype: dtype)
    }

    /// The same logical values as `t` in a non-contiguous layout: a reversed-axes,
    /// step-2 (sometimes negative) view of a larger tensor, so strides are neither
    /// row-major nor positive and the offset is not 0.
    mutating func stridedCopy(of t: Tensor, context: KernelContext) throws -> Tensor {
        let padded = t.shape.reversed().map { 2 * $0 + 1 }
        let base = try Tensor.full(padded, .int(99), dtype: t.dtype, context: context).transposed(nil)
        var items: [TensorIndex] = []
        for n in t.shape {
            items.append(n == 0 || bool() ? .slice(start: 1, stop: 2 * n + 1, step: 2) : .slice(start: 2 * n - 1, stop: nil, step: -2))
        }
        let view = try base.index(items, context: context)
        try Tensor.copyElements(from: t, into: view, context: context)
        return view
    }
}

/// Row-major multi-indices of `shape`, in order.
func multiIndices(_ shape: [Int]) -> [[Int]] {
    var result: [[Int]] = [[]]
    for n in shape {
        result = result.flatMap { prefix in (0..<n).map { prefix + [$0] } }
    }
    return result
}

/// The row-major flat position of `index` in `shape`.
func flatPosition(_ index: [Int], in shape: [Int]) -> Int {
    zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
}

/// A reference item: basic items, or one index array given by shape and values.
enum ReferenceItem {
    case int(Int), slice(Int?, Int?, Int?), ellipsis, newAxis
    case array(shape: [Int], values: [Int])

    var tensorIndex: TensorIndex {
        get throws {
            switch self {
            case .int(let i): return .int(i)
            case .slice(let a, let b, let c): return .slice(start: a, stop: b, step: c)
            case .ellipsis: return .ellipsis
            case .newAxis: return .newAxis
            case .array(let shape, let values): return .tensor(try Tensor(values.map(Int64.init), shape: shape))
            }
        }
    }
}

/// Naive NumPy indexing for basic items plus at most one index array: the result
/// shape and, for each result element in row-major order, the flat position of
/// the source element it is. Written from the NumPy rules independently of the kernels.
func referenceIndex(shape: [Int], _ items: [ReferenceItem]) -> (shape: [Int], sources: [Int]) {
    // Expand `...` and pad with full slices.
    let consumed = items.filter {
        switch $0 { case .newAxis, .ellipsis: false; default: true }
    }.count
    let fill = Array(repeating: ReferenceItem.slice(nil, nil, nil), count: shape.count - consumed)
    var expanded: [ReferenceItem] = []
    var sawEllipsis = false
    for item in items {
        if case .ellipsis = item { expanded += fill; sawEllipsis = true } else { expanded.append(item) }
    }
    if !sawEllipsis { expanded += fill }
    let hasArray = expanded.contains { if case .array = $0 { return true }; return false }
    // Per item: the source positions along its axis for each of its output coordinates.
    enum Part { case fixed(Int), range([Int]), new, array([Int], [Int]) }
    var parts: [Part] = []
    var axis = 0
    var advancedPositions: [Int] = []
    for (position, item) in expanded.enumerated() {
        switch item {
        case .newAxis: parts.append(.new)
        case .ellipsis: break
        case .int(let i):
            let n = shape[axis]
            parts.append(.fixed(i < 0 ? i + n : i))
            if hasArray { advancedPositions.append(position) }
            axis += 1
        case .slice(let start, let stop, let step):
            parts.append(.range(referenceSlice(start, stop, step ?? 1, length: shape[axis])))
            axis += 1
        case .array(let s, let values):
            let n = shape[axis]
            parts.append(.array(s, values.map { $0 < 0 ? $0 + n : $0 }))
            advancedPositions.append(position)
            axis += 1
        }
    }
    let adjacent = zip(advancedPositions, advancedPositions.dropFirst()).allSatisfy { $1 == $0 + 1 }
    let arrayShape: [Int] = parts.compactMap { part -> [Int]? in if case .array(let s, _) = part { return s }; return nil }.first ?? []
    // Output axes from non-advanced parts, with the array's axes inserted.
    var restShape: [Int] = []
    var insertion = 0
    for (position, part) in parts.enumerated() {
        if hasArray && adjacent && position == advancedPositions.first { insertion = restShape.count }
        switch part {
        case .range(let r): restShape.append(r.count)
        case .new: restShape.append(1)
        case .fixed, .array: break   // integers drop their axis; the array's axes are inserted below
        }
    }
    let resultShape = hasArray ? Array(restShape[..<insertion]) + arrayShape + Array(restShape[insertion...]) : restShape
    var sources: [Int] = []
    for out in multiIndices(resultShape) {
        let arrayIndex = hasArray ? Array(out[insertion..<(insertion + arrayShape.count)]) : []
        var rest = hasArray ? Array(out[..<insertion]) + Array(out[(insertion + arrayShape.count)...]) : out
        var source: [Int] = []
        for part in parts {
            switch part {
            case .fixed(let k): source.append(k)
            case .range(let r): source.append(r[rest.removeFirst()])
            case .new: rest.removeFirst()
            case .array(let s, let values): source.append(values[flatPosition(arrayIndex, in: s)])
            }
        }
        sources.append(flatPosition(source, in: shape))
    }
    return (resultShape, sources)
}

/// Python's slice semantics, written as the obvious loop.
func referenceSlice(_ start: Int?, _ stop: Int?, _ step: Int, length: Int) -> [Int] {
    func resolve(_ bound: Int?, _ forwardDefault: Int, _ backwardDefault: Int) -> Int {
        guard var b = bound else { return step > 0 ? forwardDefault : backwardDefault }
        if b < 0 { b += length }
        return step > 0 ? min(max(b, 0), length) : min(max(b, -1), length - 1)
    }
    var i = resolve(start, 0, length - 1)
    let end = resolve(stop, length, -1)
    var result: [Int] = []
    while step > 0 ? i < end : i > end {
        result.append(i)
        i += step
    }
    return result
}

/// A random index item list for `shape`, valid by construction: one item per
/// axis (some covered by `...` or left implicit), a few new axes, and at most
/// one index array when `allowArray`.
func randomItems(for shape: [Int], data: inout TestData, allowArray: Bool) -> [ReferenceItem] {
    var items: [ReferenceItem] = []
    var usedArray = false
    for n in shape {
        let roll = data.int(0...5)
        if roll <= 1 && n > 0 {
            items.append(.int(data.int(-n...(n - 1))))
        } else if roll == 2 && allowArray && !usedArray {
            usedArray = true
            let arrayShape = n == 0 ? [data.pick([0, 2])] : data.shape(maxRank: 2)
            let count = arrayShape.reduce(1, *)
            items.append(.array(shape: n == 0 ? [0] : arrayShape,
                                values: n == 0 ? [] : (0..<count).map { _ in data.int(-n...(n - 1)) }))
        } else {
            let bound = { (d: inout TestData) -> Int? in d.int(0...3) == 0 ? nil : d.int(-(n + 2)...(n + 2)) }
            let step: Int? = data.int(0...2) == 0 ? nil : data.pick([1, 2, 3, -1, -2, -3])
            items.append(.slice(bound(&data), bound(&data), step))
        }
    }
    // Cover a run of axes with `...`, or leave a suffix implicit.
    let start = data.int(0...items.count)
    let end = data.int(start...items.count)
    if data.bool() {
        let covered = items[start..<end].contains { if case .array = $0 { return true }; return false }
        if !covered { items.replaceSubrange(start..<end, with: [.ellipsis]) }
    } else if !items[start...].contains(where: { if case .array = $0 { return true }; return false }) {
        items.removeSubrange(start...)
    }
    for _ in 0..<data.int(0...2) {
        items.insert(.newAxis, at: data.int(0...items.count))
    }
    return items
}
