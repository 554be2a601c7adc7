import LAKernels

extension BuiltinLibrary {
    /// rref: the reduced row echelon form of a float matrix.
    static func rowEchelonBuiltins() -> [Builtin] {
        [
            Builtin("rref", [.required("a")]) { args in
                if let matrix = try args.exactMatrix(0) { return .tensor(try matrix.rref().form.tensor(context: args.context)) }
                return .tensor(try Linalg.rref(try args.tensor(0), context: args.context))
            },
        ]
    }
}
