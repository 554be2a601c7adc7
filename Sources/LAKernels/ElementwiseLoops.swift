import Synchronization

/// The one general element-wise loop: broadcast operands are walked row by row
/// (axes coalesced, stride 0 on broadcast axes), each row handed to an op-specific
/// row kernel as typed pointers plus strides. Operands whose dtype differs from the
/// type the op reads are converted a block at a time into a small scratch buffer,
/// so an element-wise op allocates only its result.

/// Per-element failures a row kernel reports as bits (OR-ed over a row).
enum ElementFault: UInt8 {
    case overflow = 1, zeroDivision = 2, negativePower = 4, invalidCast = 8

    /// The error for the first fault present in `bits`, naming `operation`.
    static func error(_ bits: UInt8, operation: String) -> KernelError? {
        if bits & zeroDivision.rawValue != 0 { return KernelError(.zeroDivision, "\(operation): integer division or modulo by zero") }
        if bits & negativePower.rawValue != 0 { return KernelError(.value, "\(operation): integers to negative integer powers are not allowed") }
        if bits & invalidCast.rawValue != 0 { return KernelError(.value, "\(operation): cannot convert NaN to i64") }
        if bits & overflow.rawValue != 0 { return KernelError(.overflow, "\(operation): result does not fit in i64") }
        return nil
    }
}

/// The current block of every input: a typed pointer (after conversion) and an element stride.
struct RowBlock {
    var pointers: (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer)
    var strides: (Int, Int, Int)

    @inline(__always) func input<T>(_ i: Int, as _: T.Type) -> (UnsafePointer<T>, Int) {
        switch i {
        case 0: (pointers.0.assumingMemoryBound(to: T.self), strides.0)
        case 1: (pointers.1.assumingMemoryBound(to: T.self), strides.1)
        default: (pointers.2.assumingMemoryBound(to: T.self), strides.2)
        }
    }
}

/// Element counts above which kernels split work across threads, and between cancellation checks.
enum LoopTuning {
    static let parallelThreshold = 1 << 16
    static let cancellationChunk = 1 << 16
    /// Elements converted per scratch block when an input's dtype differs from the one read.
    static let conversionBlock = 1024
    /// Most outputs for which a column-wise reduction gives each thread its own accumulators.
    static let rowSplitLimit = 1 << 16
}

/// The inputs of one element-wise call, broadcast to a common shape with axes coalesced.
struct ElementwisePlan {
    var shape: [Int]
    var inputStrides: [[Int]]
    var inputOffsets: [Int]
    var bases: [UnsafeRawPointer]
    var sourceTypes: [DType]
    var readTypes: [DType]

    /// Drops length-1 axes and merges neighbours that every input walks contiguously.
    mutating func coalesce() {
        var newShape: [Int] = []
        var newStrides = [[Int]](repeating: [], count: inputStrides.count)
        for axis in shape.indices where shape[axis] != 1 {
            if let last = newShape.indices.last,
               inputStrides.indices.allSatisfy({ newStrides[$0][last] == inputStrides[$0][axis] &* shape[axis] }) {
                newShape[last] &*= shape[axis]
                for i in inputStrides.indices { newStrides[i][last] = inputStrides[i][axis] }
            } else {
                newShape.append(shape[axis])
                for i in inputStrides.indices { newStrides[i].append(inputStrides[i][axis]) }
            }
        }
        if newShape.isEmpty {
            newShape = [1]
            for i in inputStrides.indices { newStrides[i] = [0] }
        }
        shape = newShape
        inputStrides = newStrides
    }

    /// Calls `body(block, outIndex, length)` for the rows covering flat indices `range`.
    func walk(_ range: Range<Int>, scratch: UnsafeMutableRawPointer?, _ body: (RowBlock, Int, Int) -> Void) {
        let rank = shape.count
        let inputs = bases.count
        let inner = shape[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var row = range.lowerBound / inner
        var column = range.lowerBound % inner
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            index[axis] = row % shape[axis]
            row /= shape[axis]
        }
        var position = inputOffsets
        for i in 0..<inputs {
            for axis in 0..<(rank - 1) { position[i] &+= index[axis] &* inputStrides[i][axis] }
        }
        let needsConversion = (0..<inputs).contains { sourceTypes[$0] != readTypes[$0] }
        let blockLimit = needsConversion ? LoopTuning.conversionBlock : Int.max
        var flat = range.lowerBound
        var pointers = [UnsafeRawPointer](repeating: bases[0], count: 3)
        var strides = [0, 0, 0]
        while flat < range.upperBound {
            let length = min(inner - column, range.upperBound - flat)
            var done = 0
            while done < length {
                let block = min(length - done, blockLimit)
                for i in 0..<inputs {
                    let innerStride = inputStrides[i][rank - 1]
                    let element = position[i] &+ (column &+ done) &* innerStride
                    let source = bases[i] + element &* sourceTypes[i].byteWidth
                    if sourceTypes[i] == readTypes[i] {
                        pointers[i] = source
                        strides[i] = innerStride
                    } else if let scratch {
                        let slot = scratch + i &* LoopTuning.conversionBlock &* 8
                        ElementwisePlan.convert(source, from: sourceTypes[i], to: readTypes[i], stride: innerStride, count: block, into: slot)
                        pointers[i] = UnsafeRawPointer(slot)
                        strides[i] = innerStride == 0 ? 0 : 1
                    }
                }
                body(RowBlock(pointers: (pointers[0], pointers[1], pointers[2]), strides: (strides[0], strides[1], strides[2])),
                     flat &+ done, block)
                done &+= block
            }
            flat &+= length
            column = 0
            var axis = rank - 2
            while axis >= 0 {
                index[axis] &+= 1
                for i in 0..<inputs { position[i] &+= inputStrides[i][axis] }
                if index[axis] < shape[axis] { break }
                for i in 0..<inputs { position[i] &-= inputStrides[i][axis] &* shape[axis] }
                index[axis] = 0
                axis -= 1
            }
        }
    }

    static func convert(_ source: UnsafeRawPointer, from: DType, to: DType, stride: Int, count: Int, into: UnsafeMutableRawPointer) {
        // A stride-0 (broadcast) input needs only its one element converted.
        let n = stride == 0 ? 1 : count
        switch to {
        case .bool: Bool.convert(source, dtype: from, stride: stride, count: n, into: into.assumingMemoryBound(to: Bool.self))
        case .i64, .rational: Int64.convert(source, dtype: from, stride: stride, count: n, into: into.assumingMemoryBound(to: Int64.self))
        case .f32: Float.convert(source, dtype: from, stride: stride, count: n, into: into.assumingMemoryBound(to: Float.self))
        case .f64: Double.convert(source, dtype: from, stride: stride, count: n, into: into.assumingMemoryBound(to: Double.self))
        }
    }
}

extension Tensor {
    /// A contiguous tensor for a kernel that writes every element: its buffer is not
    /// cleared and may hold stale data (a fresh heap block or a reused mapping).
    /// - Complexity: O(1); allocates the storage only.
    init(uninitialized shape: [Int], dtype: DType, context: KernelContext) throws {
        let count = try Tensor.elementCount(shape)
        let storage = try TensorStorage(dtype: dtype, count: count, context: context, zeroed: false)
        self.init(storage: storage, shape: shape, strides: Tensor.contiguousStrides(shape), offset: 0)
    }

    /// Runs `body` over the broadcast of `operands` (at most 3), input `i` read as `readTypes[i]`,
    /// writing a new contiguous tensor of `R`. Scalars are converted to their read type.
    /// Returns the result and the OR of the fault bits the row kernels reported.
    /// - Complexity: O(count) work, split over threads above `LoopTuning.parallelThreshold`;
    ///   allocates the result and, when a dtype conversion is needed, a scratch block per thread.
    static func elementwise<R: KernelElement>(
        _ operands: [Operand], readTypes: [DType], result _: R.Type, context: KernelContext,
        _ body: (RowBlock, UnsafeMutablePointer<R>, Int) -> UInt8
    ) throws -> (Tensor, UInt8) {
        var shape: [Int] = []
        for operand in operands {
            if case .tensor(let t) = operand, t.dtype == .rational { throw Tensor.rationalUnsupported() }
            shape = try broadcastShapes(shape, operand.shape)
        }
        guard R.dtype != .rational else { throw Tensor.rationalUnsupported() }
        let out = try Tensor(uninitialized: shape, dtype: R.dtype, context: context)
        let count = out.count
        context.work.add(count, ordering: .relaxed)
        if count == 0 { return (out, 0) }
        let scalarSlots = UnsafeMutableRawPointer.allocate(byteCount: 8 * max(operands.count, 1), alignment: 8)
        defer { scalarSlots.deallocate() }
        var plan = ElementwisePlan(shape: shape, inputStrides: [], inputOffsets: [],
                                   bases: [], sourceTypes: [], readTypes: readTypes)
        for (i, operand) in operands.enumerated() {
            switch operand {
            case .tensor(let t):
                let view = try t.broadcast(to: shape)
                plan.inputStrides.append(view.strides)
                plan.inputOffsets.append(view.offset)
                plan.bases.append(UnsafeRawPointer(view.storage.bytes))
                plan.sourceTypes.append(view.dtype)
            case .scalar(let s):
                let slot = scalarSlots + 8 * i
                switch readTypes[i] {
                case .bool: slot.storeBytes(of: Bool(scalar: s), as: Bool.self)
                case .i64, .rational: slot.storeBytes(of: Int64(scalar: s), as: Int64.self)
                case .f32: slot.storeBytes(of: Float(scalar: s), as: Float.self)
                case .f64: slot.storeBytes(of: Double(scalar: s), as: Double.self)
                }
                plan.inputStrides.append([Int](repeating: 0, count: shape.count))
                plan.inputOffsets.append(0)
                plan.bases.append(UnsafeRawPointer(slot))
                plan.sourceTypes.append(readTypes[i])
            }
        }
        plan.coalesce()
        let output = out.storage.pointer(as: R.self)
        let faults = Atomic<UInt8>(0)
        let needsScratch = plan.sourceTypes != plan.readTypes
        func chunk(_ range: Range<Int>) {
            let scratch = needsScratch
                ? UnsafeMutableRawPointer.allocate(byteCount: 3 * LoopTuning.conversionBlock * 8, alignment: 64) : nil
            defer { scratch?.deallocate() }
            var bits: UInt8 = 0
            var start = range.lowerBound
            while start < range.upperBound, !context.isCancelled {
                let end = min(range.upperBound, start + LoopTuning.cancellationChunk)
                plan.walk(start..<end, scratch: scratch) { block, index, length in
                    bits |= body(block, output + index, length)
                }
                start = end
            }
            if bits != 0 { faults.bitwiseOr(bits, ordering: .relaxed) }
        }
        if count >= LoopTuning.parallelThreshold {
            context.parallelRanges(count, minimumChunk: LoopTuning.parallelThreshold / 2, chunk)
        } else {
            chunk(0..<count)
        }
        try context.checkCancellation()
        return (out, faults.load(ordering: .relaxed))
    }

    /// `f` applied to every element of `operand` read as `T`, giving `R`.
    /// - Complexity: O(count); allocates the result only.
    @inline(__always)
    static func map<T: KernelElement, R: KernelElement>(
        _ operand: Operand, as _: T.Type, to _: R.Type, context: KernelContext, _ f: (T) -> R
    ) throws -> Tensor {
        try elementwise([operand], readTypes: [T.dtype], result: R.self, context: context) { block, out, n in
            let (a, sa) = block.input(0, as: T.self)
            mapRow(a, sa, out, n, f)
            return 0
        }.0
    }

    /// `f` applied to every element; `f` returns the value and fault bits.
    /// - Throws: the error of the first fault kind reported, naming `operation`.
    @inline(__always)
    static func mapChecked<T: KernelElement, R: KernelElement>(
        _ tensor: Tensor, to _: R.Type, operation: String = "astype", context: KernelContext, _ f: (T) -> (R, UInt8)
    ) throws -> Tensor {
        let (out, bits) = try elementwise([.tensor(tensor)], readTypes: [T.dtype], result: R.self, context: context) { block, out, n in
            let (a, sa) = block.input(0, as: T.self)
            var bits: UInt8 = 0
            var j = 0
            for i in 0..<n {
                let (value, fault) = f(a[j])
                out[i] = value
                bits |= fault
                j &+= sa
            }
            return bits
        }
        if let error = ElementFault.error(bits, operation: operation) { throw error }
        return out
    }
}

/// `out[i] = f(a[i * sa])`, with the contiguous case separate so it vectorises.
@inline(__always)
func mapRow<T, R>(_ a: UnsafePointer<T>, _ sa: Int, _ out: UnsafeMutablePointer<R>, _ n: Int, _ f: (T) -> R) {
    if sa == 1 {
        for i in 0..<n { out[i] = f(a[i]) }
    } else if sa == 0 {
        let x = f(a[0])
        for i in 0..<n { out[i] = x }
    } else {
        var j = 0
        for i in 0..<n { out[i] = f(a[j]); j &+= sa }
    }
}

/// `out[i] = f(a[i * sa], b[i * sb])`, with contiguous and scalar-broadcast cases separate so they vectorise.
@inline(__always)
func zipRow<T, U, R>(_ a: UnsafePointer<T>, _ sa: Int, _ b: UnsafePointer<U>, _ sb: Int,
                     _ out: UnsafeMutablePointer<R>, _ n: Int, _ f: (T, U) -> R) {
    if sa == 1 && sb == 1 {
        for i in 0..<n { out[i] = f(a[i], b[i]) }
    } else if sa == 1 && sb == 0 {
        let y = b[0]
        for i in 0..<n { out[i] = f(a[i], y) }
    } else if sa == 0 && sb == 1 {
        let x = a[0]
        for i in 0..<n { out[i] = f(x, b[i]) }
    } else {
        var j = 0, k = 0
        for i in 0..<n { out[i] = f(a[j], b[k]); j &+= sa; k &+= sb }
    }
}
