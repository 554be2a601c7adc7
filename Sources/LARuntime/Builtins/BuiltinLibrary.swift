/// Every builtin function, gathered from the families (one file each).
enum BuiltinLibrary {
    static func all() -> [Builtin] {
        coreBuiltins() + creationBuiltins() + shapeBuiltins() + mathBuiltins() + reductionBuiltins()
            + linearAlgebraBuiltins() + fileBuiltins()
            + rowEchelonBuiltins() + explainBuiltins() + exactBuiltins()
    }
}
