import Foundation

/// The file system scripts see under a `FileAccess` policy: everything, or
/// only paths inside one directory. Paths are resolved with symlinks
/// followed, so neither `..` nor a link can lead outside the directory.
struct SandboxedFileSystem: FileSystem {
    /// The real path of the sandbox directory, or nil for unrestricted access.
    let root: String?

    /// nil when `access` grants nothing.
    init?(_ access: FileAccess) {
        switch access {
        case .none: return nil
        case .unrestricted: root = nil
        case .directory(let directory): root = SandboxedFileSystem.realPath(directory) ?? directory
        }
    }

    func read(_ path: String) throws -> [UInt8] {
        let resolved = try resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw FileSystemError("no such file")
        }
        if isDirectory.boolValue { throw FileSystemError("it is a directory") }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw FileSystemError("permission denied")
        }
        return [UInt8](data)
    }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        let resolved = try resolve(path)
        do {
            // .atomic writes a temporary file beside the target, then renames it.
            try Data(bytes).write(to: URL(fileURLWithPath: resolved), options: .atomic)
        } catch {
            let parent = (resolved as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw FileSystemError("no such directory '\(parent)'")
            }
            throw FileSystemError("permission denied")
        }
    }

    /// The absolute path `path` names, checked to lie inside the sandbox.
    /// Relative paths are relative to the sandbox directory (or the working directory).
    private func resolve(_ path: String) throws -> String {
        guard !path.isEmpty, !path.contains("\0") else { throw FileSystemError("invalid path") }
        guard let root else { return path }
        let absolute = path.hasPrefix("/") ? path : (root as NSString).appendingPathComponent(path)
        // Resolve the parent (which must exist) and, if present, the file itself.
        let parent = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        guard let realParent = SandboxedFileSystem.realPath(parent) else { throw FileSystemError("no such directory") }
        var resolved = (realParent as NSString).appendingPathComponent(name)
        if let realFile = SandboxedFileSystem.realPath(resolved) { resolved = realFile }
        guard resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw FileSystemError("the path is outside the directory this interpreter may use")
        }
        return resolved
    }

    /// The canonical path with symlinks, `.` and `..` resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
