import LAKernels

extension BuiltinLibrary {
    /// load, save (.npy, and .npz for load), read_csv, write_csv, read_text, write_text.
    static func fileBuiltins() -> [Builtin] {
        [
            Builtin("load", [.required("path")]) { args in
                let path = try args.string(0)
                let bytes = try args.readFile(0)
                if path.hasSuffix(".npz") {
                    var record = Record()
                    for (name, tensor) in try Tensor.decodeNPZ(bytes, context: args.context) {
                        record.set(name, .tensor(tensor))
                    }
                    return .record(record)
                }
                return .tensor(try Tensor.decodeNPY(bytes, context: args.context))
            },
            Builtin("save", [.required("path"), .required("x")]) { args in
                try args.writeFile(0, try args.tensor(1).encodeNPY())
                return .nil
            },
            Builtin("read_csv", [.required("path"), .optional("header", .bool(false))]) { args in
                let text = try args.text(of: try args.readFile(0))
                let (columns, tensor) = try Tensor.decodeCSV(text, header: try args.bool(1), context: args.context)
                guard let columns else { return .tensor(tensor) }
                return .tuple([.tuple(columns.map { .string($0) }), .tensor(tensor)])
            },
            Builtin("write_csv", [.required("path"), .required("x"), .optional("header")]) { args in
                var header: [String]?
                if case .tuple(let names) = args[2] {
                    header = try names.map { name in
                        guard case .string(let text) = name else { throw args.typeError(2, expected: "a tuple of strings") }
                        return text
                    }
                } else if !args.isNil(2) {
                    throw args.typeError(2, expected: "a tuple of strings")
                }
                try args.writeFile(0, Array(try args.tensor(1).encodeCSV(header: header).utf8))
                return .nil
            },
            Builtin("read_text", [.required("path")]) { args in
                .string(try args.text(of: try args.readFile(0)))
            },
            Builtin("write_text", [.required("path"), .required("text")]) { args in
                try args.writeFile(0, Array(try args.string(1).utf8))
                return .nil
            },
        ]
    }
}

extension BuiltinArguments {
    /// The bytes of the file named by argument `index`, through the host's file system.
    func readFile(_ index: Int) throws -> [UInt8] {
        let path = try string(index)
        do {
            return try fileSystem().read(path)
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw RuntimeError(.ioError, "\(function)(): cannot read '\(path)': \(error)")
        }
    }

    /// Writes the file named by argument `index` atomically, through the host's file system.
    func writeFile(_ index: Int, _ bytes: [UInt8]) throws {
        let path = try string(index)
        do {
            try fileSystem().write(path, bytes)
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw RuntimeError(.ioError, "\(function)(): cannot write '\(path)': \(error)")
        }
    }

    /// `bytes` as UTF-8 text, or a ValueError.
    func text(of bytes: [UInt8]) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RuntimeError(.valueError, "\(function)(): the file is not UTF-8 text")
        }
        return text
    }

    private func fileSystem() throws -> any FileSystem {
        guard let fileSystem = vm.options.fileSystem else {
            throw RuntimeError(.ioError, "\(function)(): file access is not allowed here (the host granted no directory)")
        }
        return fileSystem
    }
}
