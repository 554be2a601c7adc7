import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Per-interpreter settings and accounting for kernel work: the thread count,
/// the memory budget for tensor storage, cancellation, and a work counter.
///
/// There is no global mutable state in the kernels: every operation that
/// allocates or runs in parallel receives a context. Many contexts may be
/// used from different threads at once.
public final class KernelContext: Sendable {
    /// Threads used by parallel kernels (at least 1).
    public let threads: Int
    /// The most bytes of tensor storage that may be live at once.
    public let memoryBudget: Int
    /// Bytes of tensor storage currently live that were allocated through this context.
    public let liveBytes = Atomic<Int>(0)
    /// Set from any thread to stop kernel work; kernels check it per tile or chunk.
    public let cancellation = Atomic<Bool>(false)
    /// Element operations performed, for the embedding API's step budget.
    public let work = Atomic<Int>(0)
    /// Large freed buffers kept for reuse by later allocations (see `StoragePool`).
    let storagePool = StoragePool()

    /// - Parameters:
    ///   - threads: kernel threads; nil means `LA_THREADS` if set, else all cores.
    ///   - memoryBudget: bytes; nil means the machine's physical memory.
    public init(threads: Int? = nil, memoryBudget: Int? = nil) {
        self.threads = max(1, threads ?? KernelContext.defaultThreads())
        self.memoryBudget = max(0, memoryBudget ?? KernelContext.physicalMemory())
    }

    public var isCancelled: Bool { cancellation.load(ordering: .relaxed) }

    /// Throws a LimitError when cancellation was requested.
    public func checkCancellation() throws {
        if isCancelled { throw KernelError(.limit, "execution cancelled") }
    }

    /// Reserves `bytes` of the memory budget, or throws a LimitError.
    public func reserve(bytes: Int) throws {
        var current = liveBytes.load(ordering: .relaxed)
        while true {
            let (after, overflow) = current.addingReportingOverflow(bytes)
            if overflow || after > memoryBudget {
                throw KernelError(.limit, "tensor allocation of \(bytes) bytes exceeds the memory budget of \(memoryBudget) bytes")
            }
            let (exchanged, original) = liveBytes.compareExchange(expected: current, desired: after, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Returns `bytes` to the budget (called when storage is freed).
    public func release(bytes: Int) {
        liveBytes.subtract(bytes, ordering: .relaxed)
    }

    static func defaultThreads() -> Int {
        #if canImport(Glibc)
        if let text = getenv("LA_THREADS"), let n = Int(String(cString: text)), n > 0 { return n }
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return cores > 0 ? cores : 1
        #else
        return 1
        #endif
    }

    static func physicalMemory() -> Int {
        #if canImport(Glibc)
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0 && size > 0 {
            let (bytes, overflow) = pages.multipliedReportingOverflow(by: size)
            if !overflow { return bytes }
        }
        #endif
        return Int.max
    }
}
