/// The host's file system as scripts see it. The VM never touches files on
/// its own (Wren's rule): `load`, `save`, `read_csv`, `write_csv`,
/// `read_text` and `write_text` go through this hook, which the embedding
/// layer implements with its sandbox. Without one, file access is an IOError.
public protocol FileSystem: Sendable {
    /// The whole content of the file at `path`.
    func read(_ path: String) throws -> [UInt8]
    /// Replaces the file at `path` with `bytes` atomically: on failure the old
    /// file (or no file) remains, never a half-written one.
    func write(_ path: String, _ bytes: [UInt8]) throws
}

/// A file-system failure with the message a script's IOError shows.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
