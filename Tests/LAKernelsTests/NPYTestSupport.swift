import Foundation
import Testing
@testable import LAKernels

/// Runs real NumPy (`python3`) from tests, in a scratch directory of files.
/// Tests that need it are enabled only when `python3 -c "import numpy"` succeeds.
struct NumPyScratch {
    /// True when python3 with numpy can be run here.
    static let isAvailable: Bool = (try? NumPyScratch.python("import numpy")) != nil

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("la-npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name)))) }

    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path(name))) }

    /// Runs `script` with the scratch directory as the working directory; returns its stdout.
    func run(_ script: String) throws -> String { try NumPyScratch.python("import numpy as np\n" + script, in: directory) }

    /// Runs `python3 -c script`, throwing when it exits with a nonzero status.
    static func python(_ script: String, in directory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonFailure(message: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }

    struct PythonFailure: Error { var message: String }
}

/// A .npy file built by hand around `dict` (the header text), for malformed-input tests.
func handmadeNPY(_ dict: String, version: UInt8 = 1, data: [UInt8] = []) -> [UInt8] {
    let text = Array(dict.utf8) + [0x0A]
    var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
    let width = version == 1 ? 2 : 4
    for i in 0..<width { out.append(UInt8(truncatingIfNeeded: text.count >> (8 * i))) }
    return out + text + data
}

/// Compares decoded elements with NumPy's `repr` of each (`True`, `5`, `1.5`, `nan`, `-inf`).
func elementsMatch(_ tensor: Tensor, _ expected: [String]) -> Bool {
    switch tensor.dtype {
    case .bool: return tensor.toBools().map { $0 ? "True" : "False" } == expected
    case .i64: return tensor.toInt64s().map(String.init) == expected
    case .f32, .f64, .rational:
        let values = tensor.toDoubles()
        guard values.count == expected.count else { return false }
        return zip(values, expected).allSatisfy { value, text in
            guard let want = Double(text) else { return false }
            return want.isNaN ? value.isNaN : value == want && value.sign == want.sign
        }
    }
}

/// The KernelError `decode` throws, or nil when it succeeds (the file-format decoders' tests).
func kernelError(_ decode: () throws -> Void) -> KernelError? {
    do {
        try decode()
        return nil
    } catch {
        return error as? KernelError
    }
}

/// Expects `error` to be a ValueError whose message contains `text`.
func expectValueError(_ error: KernelError?, containing text: String, sourceLocation: SourceLocation) {
    #expect(error?.kind == .value, sourceLocation: sourceLocation)
    #expect(error?.message.contains(text) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
}
