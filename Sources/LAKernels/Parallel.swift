import Dispatch

extension KernelContext {
    /// Runs `body(i)` for every `i` in `0..<count`, spread over up to `threads`
    /// threads. Runs inline when there is one iteration or one thread: waking a
    /// Dispatch worker costs about 12 µs, so callers pass small counts for small work.
    /// `body` must be safe to call concurrently for distinct `i`.
    public func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        if count == 1 || threads == 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { i in box.value(i) }
        }
    }

    /// Splits `0..<total` into at most `threads` contiguous ranges of at least
    /// `minimumChunk` elements and runs `body` on each, in parallel when there is more than one.
    public func parallelRanges(_ total: Int, minimumChunk: Int, _ body: (Range<Int>) -> Void) {
        if total <= 0 { return }
        let chunks = max(1, min(threads, total / max(minimumChunk, 1)))
        let size = (total + chunks - 1) / chunks
        parallelFor(chunks) { chunk in
            let start = chunk * size
            let end = min(total, start + size)
            if start < end { body(start..<end) }
        }
    }
}

/// Carries a non-Sendable value into `concurrentPerform`, whose iterations
/// touch disjoint data by construction.
struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
