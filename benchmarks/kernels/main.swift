// la-kernel-bench: times la's tensor kernels on fixed workloads.
//
//   la-kernel-bench [--threads N] [--calls N | --fastest] [WORKLOAD ...]
//
// `--calls N` runs each workload exactly N times without timing, for
// `perf stat` (CPU cycles per call do not depend on load from other processes).
// Prints one line per workload: `name<TAB>wall seconds<TAB>CPU seconds<TAB>detail`
// (per call, each from the best round; CPU time is summed over threads). With no
// workload names it runs them all. benchmarks/kernels.py runs this and NumPy
// on the same workloads and prints the comparison table.
import Dispatch
import LAKernels
#if canImport(Glibc)
import Glibc
#endif

/// A workload: a name, a description, and a closure that builds inputs and
/// returns the operation to time.
struct Workload {
    let name: String
    let detail: String
    let prepare: (KernelContext) throws -> () throws -> Void
}

/// Deterministic pseudo-random values in [-1, 1) (SplitMix64).
func randomTensor(_ shape: [Int], dtype: DType, seed: UInt64) throws -> Tensor {
    var state = seed
    let count = try Tensor.elementCount(shape)
    var values = [Double](repeating: 0, count: count)
    for i in 0..<count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        values[i] = Double(z >> 11) / Double(1 << 52) - 1
    }
    return try Tensor(values, shape: shape, dtype: dtype)
}

/// The tensor with its last two axes swapped (a view, like `x.T` on a matrix).
func swapLastAxes(_ t: Tensor) -> Tensor {
    var shape = t.shape, strides = t.strides
    shape.swapAt(shape.count - 1, shape.count - 2)
    strides.swapAt(strides.count - 1, strides.count - 2)
    return Tensor(storage: t.storage, shape: shape, strides: strides, offset: t.offset)
}

func matmulWorkload(_ dtype: DType, _ n: Int) -> Workload {
    Workload(name: "matmul_\(dtype)_\(n)", detail: "\(n)x\(n) @ \(n)x\(n) \(dtype)") { context in
        let a = try randomTensor([n, n], dtype: dtype, seed: 1), b = try randomTensor([n, n], dtype: dtype, seed: 2)
        return { _ = try Tensor.matmul(a, b, context: context) }
    }
}

func skinnyWorkload(_ dtype: DType) -> Workload {
    Workload(name: "skinny_\(dtype)", detail: "32x768 @ 768x3072 \(dtype)") { context in
        let a = try randomTensor([32, 768], dtype: dtype, seed: 3), b = try randomTensor([768, 3072], dtype: dtype, seed: 4)
        return { _ = try Tensor.matmul(a, b, context: context) }
    }
}

func attentionWorkload(_ dtype: DType) -> Workload {
    Workload(name: "attention_\(dtype)", detail: "(32,12,128,64): Q@K^T then @V \(dtype)") { context in
        let shape = [32, 12, 128, 64]
        let q = try randomTensor(shape, dtype: dtype, seed: 5), k = try randomTensor(shape, dtype: dtype, seed: 6)
        let v = try randomTensor(shape, dtype: dtype, seed: 7)
        return {
            let scores = try Tensor.matmul(q, swapLastAxes(k), context: context)
            _ = try Tensor.matmul(scores, v, context: context)
        }
    }
}

/// `a*b + c*d` on 10M f64 elements.
func fusedWorkload() -> Workload {
    Workload(name: "axpy_f64", detail: "a*b + c*d, 10M f64") { context in
        let t = try (1...4).map { try randomTensor([10_000_000], dtype: .f64, seed: UInt64($0)) }
        return {
            let ab = try Tensor.binary(.multiply, .tensor(t[0]), .tensor(t[1]), context: context)
            let cd = try Tensor.binary(.multiply, .tensor(t[2]), .tensor(t[3]), context: context)
            _ = try Tensor.binary(.add, .tensor(ab), .tensor(cd), context: context)
        }
    }
}

/// Max-subtracted softmax over the last axis of a 4096×4096 f32 matrix.
func softmaxWorkload() -> Workload {
    Workload(name: "softmax_f32", detail: "softmax(x, axis: -1), 4096x4096 f32") { context in
        let x = try randomTensor([4096, 4096], dtype: .f32, seed: 8)
        return {
            let top = try x.reduce(.max, axes: [-1], keepdims: true, context: context)
            let e = try Tensor.binary(.subtract, .tensor(x), .tensor(top), context: context).unary(.exp, context: context)
            let total = try e.reduce(.sum, axes: [-1], keepdims: true, context: context)
            _ = try Tensor.binary(.divide, .tensor(e), .tensor(total), context: context)
        }
    }
}

func reductionWorkload(_ op: ReduceOp) -> Workload {
    Workload(name: "\(op)_f64", detail: "\(op) of 10M f64") { context in
        let x = try randomTensor([10_000_000], dtype: .f64, seed: 9)
        return { _ = try x.reduce(op, axes: nil, keepdims: false, context: context) }
    }
}

/// Cosine similarity of a query against 100,000 f32 embeddings of 768 (the issue's shape), then the top 5.
/// The top-5 selection is a linear scan here (NumPy: argpartition), as la has no top-k op.
func cosineTopWorkload() -> Workload {
    Workload(name: "cosine_top5_f32", detail: "cosine(q, E[100000,768]) top 5, f32") { context in
        let embeddings = try randomTensor([100_000, 768], dtype: .f32, seed: 10)
        let query = try randomTensor([768], dtype: .f32, seed: 11)
        return {
            let dots = try Tensor.matmul(embeddings, query, context: context)
            let squares = try Tensor.binary(.multiply, .tensor(embeddings), .tensor(embeddings), context: context)
            let norms = try squares.reduce(.sum, axes: [1], keepdims: false, context: context).unary(.sqrt, context: context)
            let queryNorm = try Tensor.binary(.multiply, .tensor(query), .tensor(query), context: context)
                .reduce(.sum, axes: nil, keepdims: false, context: context).unary(.sqrt, context: context)
            let scale = try Tensor.binary(.multiply, .tensor(norms), .tensor(queryNorm), context: context)
            let cosine = try Tensor.binary(.divide, .tensor(dots), .tensor(scale), context: context)
            let values = cosine.storage.pointer(as: Float.self)
            var best = [(Float, Int)](repeating: (-.infinity, -1), count: 5)
            for i in 0..<cosine.count where values[i] > best[4].0 {
                best[4] = (values[i], i)
                best.sort { $0.0 > $1.0 }
            }
        }
    }
}

/// The two halves of `attention_*`, for finding which one is slow.
func attentionHalfWorkload(_ dtype: DType, scores: Bool) -> Workload {
    Workload(name: "attention_\(scores ? "scores" : "values")_\(dtype)",
             detail: scores ? "(32,12,128,64) @ its transpose" : "(32,12,128,128) @ (32,12,128,64)") { context in
        let q = try randomTensor([32, 12, 128, scores ? 64 : 128], dtype: dtype, seed: 5)
        let k = try randomTensor([32, 12, 128, 64], dtype: dtype, seed: 6)
        let right = scores ? swapLastAxes(k) : k
        return { _ = try Tensor.matmul(q, right, context: context) }
    }
}

/// The matrix-vector product inside `cosine_top5_f32`, for finding its share.
func matvecWorkload() -> Workload {
    Workload(name: "matvec_f32", detail: "E[100000,768] @ q[768] f32") { context in
        let embeddings = try randomTensor([100_000, 768], dtype: .f32, seed: 10)
        let query = try randomTensor([768], dtype: .f32, seed: 11)
        return { _ = try Tensor.matmul(embeddings, query, context: context) }
    }
}

let allWorkloads: [Workload] =
    [DType.f64, .f32].flatMap { dtype in [4, 64, 256, 512, 1024, 2048].map { matmulWorkload(dtype, $0) } }
    + [skinnyWorkload(.f32), skinnyWorkload(.f64), attentionWorkload(.f32)]
    + [attentionHalfWorkload(.f32, scores: true), attentionHalfWorkload(.f32, scores: false)]
    + [fusedWorkload(), softmaxWorkload(), reductionWorkload(.sum), reductionWorkload(.mean), cosineTopWorkload()]
    + [matvecWorkload()]

/// CPU time of the whole process (all threads), in seconds.
func processCPUTime() -> Double {
    #if canImport(Glibc)
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    #else
    return 0
    #endif
}

/// The best wall and CPU seconds per call over several rounds, each
/// repeating `operation` until it has taken at least 50 ms.
func bestTime(_ operation: () throws -> Void) throws -> (wall: Double, cpu: Double) {
    try operation()  // warm up: page in buffers, wake threads
    var best = (wall: Double.infinity, cpu: Double.infinity)
    for _ in 0..<5 {
        var calls = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUTime()
        var elapsed: UInt64 = 0
        repeat {
            try operation()
            calls += 1
            elapsed = DispatchTime.now().uptimeNanoseconds - start
        } while elapsed < 50_000_000
        best.wall = min(best.wall, Double(elapsed) / 1e9 / Double(calls))
        best.cpu = min(best.cpu, (processCPUTime() - cpuStart) / Double(calls))
    }
    return best
}

/// The fastest and the median wall seconds of single calls over about one second.
func fastestTime(_ operation: () throws -> Void) throws -> (fastest: Double, median: Double) {
    try operation()
    var times = [Double]()
    let start = DispatchTime.now().uptimeNanoseconds
    repeat {
        let callStart = DispatchTime.now().uptimeNanoseconds
        try operation()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - callStart) / 1e9)
    } while DispatchTime.now().uptimeNanoseconds - start < 1_000_000_000
    times.sort()
    return (times[0], times[times.count / 2])
}

var arguments = Array(CommandLine.arguments.dropFirst())
var threads: Int?
if let flag = arguments.firstIndex(of: "--threads"), flag + 1 < arguments.count {
    threads = Int(arguments[flag + 1])
    arguments.removeSubrange(flag...(flag + 1))
}
/// With `--fastest`, the shortest single call (and the median) over 1 s of calls, instead of
/// the best 50 ms round: on a loaded machine a call of a few ms often runs
/// without being preempted even when no 50 ms round does.
var fastestCall = false
if let flag = arguments.firstIndex(of: "--fastest") {
    fastestCall = true
    arguments.remove(at: flag)
}
var fixedCalls: Int?
if let flag = arguments.firstIndex(of: "--calls"), flag + 1 < arguments.count {
    fixedCalls = Int(arguments[flag + 1])
    arguments.removeSubrange(flag...(flag + 1))
}
let context = KernelContext(threads: threads)
let selected = arguments.isEmpty ? allWorkloads : allWorkloads.filter { arguments.contains($0.name) }
for name in arguments where !allWorkloads.contains(where: { $0.name == name }) {
    print("unknown workload \(name); known: \(allWorkloads.map(\.name).joined(separator: " "))")
}
for workload in selected {
    do {
        let operation = try workload.prepare(context)
        if let fixedCalls {
            for _ in 0..<fixedCalls { try operation() }
            print("\(workload.name)\t\(fixedCalls) calls\t\(workload.detail)")
            continue
        }
        if fastestCall {
            let (fastest, median) = try fastestTime(operation)
            print("\(workload.name)\t\(fastest)\t\(median)\tfastest and median call, \(workload.detail)")
            continue
        }
        let (wall, cpu) = try bestTime(operation)
        print("\(workload.name)\t\(wall)\t\(cpu)\t\(workload.detail)")
    } catch {
        print("\(workload.name)\terror\t\(error)")
    }
}
