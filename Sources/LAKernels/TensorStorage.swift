#if canImport(Glibc)
import Glibc
#endif

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
    private let mapping: (base: UnsafeMutableRawPointer, length: Int, aligned: UnsafeMutableRawPointer)?

    /// Allocates zero-filled storage for `count` elements, charged to `context`'s memory budget.
    /// - Throws: LimitError when the size overflows or exceeds the budget.
    public init(dtype: DType, count: Int, context: KernelContext?) throws {
        let (byteCount, overflow) = max(count, 0).multipliedReportingOverflow(by: dtype.byteWidth)
        if overflow { throw KernelError(.limit, "tensor of \(count) elements is too large to allocate") }
        try context?.reserve(bytes: byteCount)
        self.dtype = dtype
        self.count = max(count, 0)
        self.byteCount = byteCount
        self.context = context
        // One extra cache line keeps zero-sized storage a valid, unique pointer.
        if byteCount >= TensorStorage.mappingThreshold, let mapping = TensorStorage.mapZeroedPages(byteCount + 64) {
            self.mapping = mapping
            self.bytes = mapping.aligned
        } else {
            self.mapping = nil
            self.bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCount + 64, alignment: 64)
            self.bytes.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        }
    }

    deinit {
        if let mapping {
            #if canImport(Glibc)
            munmap(mapping.base, mapping.length)
            #endif
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

    /// Buffers at least this large are mapped directly (see `mapZeroedPages`).
    static let mappingThreshold = 4 << 20

    /// Fresh anonymous pages: already zero (no memset pass), 2 MiB aligned and advised
    /// as transparent huge pages. They are first touched by the kernel that fills them,
    /// in parallel, instead of faulting 4 KiB at a time (which costs more than the
    /// arithmetic, 5x in a VM). Nil when mapping fails (the caller falls back to the heap).
    private static func mapZeroedPages(_ bytes: Int) -> (base: UnsafeMutableRawPointer, length: Int, aligned: UnsafeMutableRawPointer)? {
        #if canImport(Glibc)
        let hugePage = 1 << 21
        let (length, overflow) = bytes.addingReportingOverflow(hugePage)
        guard !overflow, let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              Int(bitPattern: base) != -1 else { return nil }
        let aligned = base + (hugePage - Int(bitPattern: base) % hugePage) % hugePage
        _ = madvise(aligned, bytes, 14) // MADV_HUGEPAGE; advice only, failure is harmless
        return (base, length, aligned)
        #else
        return nil
        #endif
    }
}
