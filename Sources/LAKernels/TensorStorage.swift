#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A reference-counted, untyped, 64-byte-aligned buffer of tensor elements.
/// Tensors share storage and copy it on write (see `Tensor.makeUnique`).
public final class TensorStorage: @unchecked Sendable {
    public let dtype: DType
    /// Number of elements.
    public let count: Int
    public let bytes: UnsafeMutableRawPointer
    private let byteCount: Int
    private let context: KernelContext?
    /// Set when the buffer is a private anonymous mapping rather than a heap block.
    private let mapping: StorageMapping?
    /// The elements of a `rational` tensor (empty for other dtypes). A Swift array keeps
    /// the reference counts of big rationals right; raw-byte copies never touch it.
    public var rationals: [Rational]

    /// Allocates zero-filled storage for `count` elements, charged to `context`'s memory budget.
    /// - Throws: LimitError when the size overflows or exceeds the budget.
    public convenience init(dtype: DType, count: Int, context: KernelContext?) throws {
        try self.init(dtype: dtype, count: count, context: context, zeroed: true)
    }

    /// Allocates storage; with `zeroed` false the buffer may hold stale data, for
    /// kernels that overwrite every element.
    init(dtype: DType, count: Int, context: KernelContext?, zeroed: Bool) throws {
        let (byteCount, overflow) = max(count, 0).multipliedReportingOverflow(by: dtype.byteWidth)
        if overflow { throw KernelError(.limit, "tensor of \(count) elements is too large to allocate") }
        try context?.reserve(bytes: byteCount)
        self.dtype = dtype
        self.count = max(count, 0)
        self.byteCount = byteCount
        self.context = context
        self.rationals = dtype == .rational ? Array(repeating: .zero, count: max(count, 0)) : []
        // One extra cache line keeps zero-sized storage a valid, unique pointer.
        if byteCount >= StorageMapping.threshold,
           let mapping = context?.storagePool.take(bytes: byteCount + 64) ?? StorageMapping(bytes: byteCount + 64) {
            if zeroed && mapping.isReused { mapping.aligned.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount) }
            self.mapping = mapping
            self.bytes = mapping.aligned
        } else {
            self.mapping = nil
            self.bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCount + 64, alignment: 64)
            if zeroed { self.bytes.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount) }
        }
    }

    deinit {
        if let mapping {
            if let context { context.storagePool.recycle(mapping, budget: context.memoryBudget) } else { mapping.unmap() }
        } else {
            bytes.deallocate()
        }
        context?.release(bytes: byteCount)
    }

    /// Typed access to the elements. `T` must match `dtype`'s layout.
    @inlinable
    public func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        bytes.assumingMemoryBound(to: T.self)
    }
}

/// A large buffer mapped straight from the kernel: fresh pages are already zero (no
/// memset pass), 2 MiB aligned and advised as transparent huge pages, and first touched
/// by the kernel that fills them, in parallel. Faulting 4 KiB pages one at a time costs
/// more than the arithmetic (5x in a VM).
struct StorageMapping: @unchecked Sendable {
    /// Buffers at least this large are mapped.
    static let threshold = 4 << 20

    let base: UnsafeMutableRawPointer
    let length: Int
    let aligned: UnsafeMutableRawPointer
    /// Usable bytes from `aligned`.
    let capacity: Int
    /// True when taken from a pool: the pages hold a previous tensor's data.
    var isReused = false

    /// Nil when mapping fails (the caller falls back to the heap).
    init?(bytes: Int) {
        #if canImport(Glibc)
        let hugePage = 1 << 21
        let (length, overflow) = bytes.addingReportingOverflow(hugePage)
        guard !overflow, let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              Int(bitPattern: base) != -1 else { return nil }
        self.base = base
        self.length = length
        self.aligned = base + (hugePage - Int(bitPattern: base) % hugePage) % hugePage
        self.capacity = bytes
        _ = madvise(aligned, bytes, 14) // MADV_HUGEPAGE; advice only, failure is harmless
        #else
        return nil
        #endif
    }

    func unmap() {
        #if canImport(Glibc)
        munmap(base, length)
        #endif
    }
}

/// A few recently freed mappings of one context, reused by the next allocations of a
/// similar size: `a * b + c * d` then clears fresh pages once instead of per operation.
/// Holds at most `maximumEntries` mappings and a quarter of the memory budget.
final class StoragePool: Sendable {
    static let maximumEntries = 4
    private let entries = Mutex<[StorageMapping]>([])

    /// A pooled mapping with `bytes ≤ capacity ≤ 2·bytes`, if any.
    func take(bytes: Int) -> StorageMapping? {
        entries.withLock { entries in
            guard let i = entries.firstIndex(where: { $0.capacity >= bytes && $0.capacity / 2 <= bytes }) else { return nil }
            var mapping = entries.remove(at: i)
            mapping.isReused = true
            return mapping
        }
    }

    /// Keeps `mapping` for reuse, evicting the oldest entries beyond the limits.
    func recycle(_ mapping: StorageMapping, budget: Int) {
        let evicted: [StorageMapping] = entries.withLock { entries in
            entries.append(mapping)
            var evicted: [StorageMapping] = []
            while entries.count > StoragePool.maximumEntries || entries.reduce(0, { $0 &+ $1.capacity }) > budget / 4 {
                evicted.append(entries.removeFirst())
            }
            return evicted
        }
        for mapping in evicted { mapping.unmap() }
    }

    deinit {
        entries.withLock { entries in
            for mapping in entries { mapping.unmap() }
        }
    }
}
