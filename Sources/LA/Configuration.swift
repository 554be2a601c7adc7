/// Everything a host decides about an interpreter, in one value (Wren's
/// `WrenConfiguration` is the model). The defaults are the safe ones for
/// embedding: no file access, output discarded unless a sink is given.
public struct Configuration: Sendable {
    /// Exact mode (SPEC §5), as if the script began with `use exact`.
    public var exact = false
    /// Kernel threads; nil means `LA_THREADS` if set, else all cores.
    public var threads: Int?
    /// Receives everything `print` writes (already newline-terminated).
    public var output: @Sendable (String) -> Void = { _ in }
    /// The script's command-line arguments, visible as `args`.
    public var arguments: [String] = []
    /// Directories searched, in order, for `import NAME` as `NAME.la` before the stdlib.
    /// Searched only when `fileAccess` allows reading them.
    public var moduleDirectories: [String] = []
    /// What the script's file functions may touch.
    public var fileAccess: FileAccess = .none
    /// Limits that stop a runaway script with a LimitError.
    public var limits = Limits()
    /// Receives each warning (once per source location) with the source it points into;
    /// render it with `DiagnosticRenderer.render`. Default: discarded (the `la` command prints to stderr).
    public var warnings: @Sendable (Diagnostic, SourceFile?) -> Void = { _, _ in }

    /// The embedding defaults: no file access, output discarded, no step or memory limit.
    public init() {}
}

/// Resource limits; nil means unlimited.
public struct Limits: Sendable, Equatable {
    /// The most steps a single `run` or `call` may take: one per VM instruction,
    /// plus one per 64 element operations of kernel work (a 1000×1000 matmul
    /// is about 16 million steps).
    public var steps: Int?
    /// The most bytes of tensor storage the scripts may have live at once (nil:
    /// physical memory). Tensors defined by the host are not charged.
    public var memoryBytes: Int?
    /// The deepest la call nesting a script may reach. nil: the language's own limit of
    /// 10,000 calls, beyond which a script gets a RecursionError (SPEC §4); a depth the
    /// host sets stops the script with a LimitError instead, like the other limits (SPEC §10).
    public var recursionDepth: Int?

    /// Limits; nil means unlimited (for `recursionDepth`: the language's limit).
    public init(steps: Int? = nil, memoryBytes: Int? = nil, recursionDepth: Int? = nil) {
        self.steps = steps
        self.memoryBytes = memoryBytes
        self.recursionDepth = recursionDepth
    }
}
