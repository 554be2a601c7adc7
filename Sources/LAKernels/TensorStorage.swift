/// A reference-counted, untyped, 64-byte-aligned buffer of tensor elements.
/// Tensors share storage and copy it on write (see `Tensor.makeUnique`).
public final class TensorStorage: @unchecked Sendable {
    public let dtype: DType
    /// Number of elements.
    public let count: Int
    public let bytes: UnsafeMutableRawPointer
    private let byteCount: Int
    private let context: KernelContext?

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
        self.bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCount + 64, alignment: 64)
        self.bytes.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    }

    deinit {
        bytes.deallocate()
        context?.release(bytes: byteCount)
    }

    /// Typed access to the elements. `T` must match `dtype`'s layout.
    @inlinable
    public func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        bytes.assumingMemoryBound(to: T.self)
    }
}
