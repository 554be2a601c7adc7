// la-exact-bench: times exact det / inv / solve on a matrix read from a file.
//
//     la-exact-bench MATRIX_FILE
//
// The file holds one row per line, entries as integers or "p/q" separated by
// spaces; the right-hand side of solve is the vector (1, 2, …, n). For each
// operation prints one line: `op seconds digest`, where the digest (det
// itself, or the sum of all entries of the result) lets the driver check
// that la computed the same values as the reference libraries. Time is the
// best of up to 3 runs, stopping once 2 s have been spent on one operation.
import LAKernels

#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

func parseEntry(_ text: Substring) throws -> Rational {
    let parts = text.split(separator: "/")
    guard let numerator = BigInt(integerText: parts.first ?? ""),
          let denominator = parts.count == 2 ? BigInt(integerText: parts[1]) : BigInt(1), parts.count <= 2 else {
        throw KernelError(.value, "bad matrix entry '\(text)'")
    }
    return try Rational(numerator: numerator, denominator: denominator)
}

func readMatrix(_ path: String) throws -> RationalMatrix {
    guard let file = fopen(path, "r") else { throw KernelError(.value, "cannot open \(path)") }
    defer { fclose(file) }
    var text: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        text += buffer.prefix(count)
    }
    let rows = try String(decoding: text, as: UTF8.self).split(separator: "\n").map { line in
        try line.split(separator: " ").map(parseEntry)
    }
    return try RationalMatrix(rows)
}

func sum(_ matrix: RationalMatrix) -> Rational { matrix.elements.reduce(.zero, +) }

func time(_ name: String, _ operation: () throws -> Rational) throws {
    var best = Double.infinity, digest = Rational.zero, spent = 0.0
    for _ in 0..<3 where spent < 2 {
        let start = now()
        digest = try operation()
        let elapsed = now() - start
        best = min(best, elapsed)
        spent += elapsed
    }
    print(name, best, digest)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: la-exact-bench MATRIX_FILE")
    exit(2)
}
do {
    let matrix = try readMatrix(arguments[1])
    let rhs = (1...matrix.rows).map { Rational(Int64($0)) }
    try time("det") { try matrix.det() }
    try time("inv") { try sum(matrix.inv()) }
    try time("solve") { try matrix.solve(rhs).reduce(.zero, +) }
} catch {
    print("error: \(error)")
    exit(1)
}
