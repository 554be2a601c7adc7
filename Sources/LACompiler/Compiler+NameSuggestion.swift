/// "did you mean `total`?" for an undeclared name: the closest visible name within a
/// small edit distance (NameError help).
extension FunctionCompiler {
    /// The visible name closest to `name` (at most 1 edit for short names, 2 for longer), if any.
    func similarVisibleName(to name: String) -> String? {
        var candidates = Set(context.preexistingGlobals)
        candidates.formUnion(isScriptTop ? context.declaredGlobals : context.allTopLevelNames)
        var compiler: FunctionCompiler? = self
        while let current = compiler {
            candidates.formUnion(current.locals.map(\.name))
            compiler = current.parent
        }
        candidates.remove(name)
        let limit = name.count <= 3 ? 1 : 2
        let target = Array(name.unicodeScalars)
        // Fewest edits first; among equals the longest shared start (`sqr` → `sqrt`, not `qr`).
        let scored = candidates.compactMap { candidate -> (name: String, distance: Int, sharedStart: Int)? in
            let scalars = Array(candidate.unicodeScalars)
            guard abs(scalars.count - target.count) <= limit else { return nil }
            let distance = Self.editDistance(target, scalars)
            let sharedStart = zip(target, scalars).prefix { $0 == $1 }.count
            return distance <= limit ? (candidate, distance, sharedStart) : nil
        }
        return scored.min { ($0.distance, -$0.sharedStart, $0.name) < ($1.distance, -$1.sharedStart, $1.name) }?.name
    }

    /// Levenshtein distance, with a transposition of neighbours counting as one edit.
    /// - Complexity: O(a.count × b.count); names are short.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, table[i - 2][j - 2] + 1) }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }
}
