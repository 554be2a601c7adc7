import Foundation

/// Finds the source of `import NAME`: `NAME.la` in the configured directories
/// (when the sandbox allows reading them), else the embedded stdlib.
struct ModuleLoader: Sendable {
    let directories: [String]
    let fileAccess: FileAccess
    let sources: SourceRegistry

    func load(_ name: String) -> SourceFile? {
        guard isModuleName(name) else { return nil }
        if fileAccess != .none {
            for directory in directories {
                let path = (directory as NSString).appendingPathComponent(name + ".la")
                if FileManager.default.fileExists(atPath: path),
                   let data = FileManager.default.contents(atPath: path),
                   let text = String(data: data, encoding: .utf8) {
                    let file = SourceFile(name: path, text: text)
                    sources.add(file)
                    return file
                }
            }
        }
        guard let text = embeddedStdlib[name] else { return nil }
        let file = SourceFile(name: "<stdlib>/\(name).la", text: text + "\n")
        sources.add(file)
        return file
    }

    /// Module names are identifiers, so `import` can never name a path.
    private func isModuleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
