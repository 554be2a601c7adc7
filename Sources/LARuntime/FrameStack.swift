/// The VM's call frames in one fixed allocation: pushing and popping a frame is a
/// pointer bump, with no array bookkeeping on the call path. Capacity is the recursion
/// limit plus a margin; `VM.invoke` checks the limit before every push.
struct FrameStack {
    private let storage: UnsafeMutablePointer<CallFrame>
    let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    /// Frees the storage (called by the owner's deinit).
    func deallocate() {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always) var last: CallFrame? { count > 0 ? storage[count - 1] : nil }

    /// The frame at `index` (0 ≤ index < count).
    subscript(index: Int) -> CallFrame {
        get { storage[index] }
        nonmutating _modify { yield &storage[index] }
    }

    /// Sets the saved pc of the top frame.
    @inline(__always) func setTopPC(_ pc: Int) {
        storage[count - 1].pc = pc
    }

    /// - Precondition: `count < capacity` (guaranteed by the recursion limit check).
    @inline(__always) mutating func append(_ frame: CallFrame) {
        (storage + count).initialize(to: frame)
        count += 1
    }

    @inline(__always) @discardableResult
    mutating func removeLast() -> CallFrame {
        count -= 1
        return (storage + count).move()
    }

    mutating func removeLast(_ n: Int) {
        for _ in 0..<n { removeLast() }
    }

    /// Frames from `start` to the top, innermost first.
    func reversed(from start: Int) -> [CallFrame] {
        guard start < count else { return [] }
        return (start..<count).reversed().map { storage[$0] }
    }
}
