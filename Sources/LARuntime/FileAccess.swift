/// The file-system sandbox of an interpreter.
public enum FileAccess: Sendable, Equatable {
    /// No file access at all (the default for embedding).
    case none
    /// Only inside this directory; paths may not escape it (`..` or symlinks).
    case directory(String)
    /// Any path the process can reach (the `la` command).
    case unrestricted
}
