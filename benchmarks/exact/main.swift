// la-exact-bench: times exact det / inv / solve on a matrix read from a file.
//
//     la-exact-bench MATRIX_FILE [OP COUNT]
//
// The file holds one row per line, entries as integers or "p/q" separated by
// spaces; the right-hand side of solve is the vector (1, 2, …, n). For each
// operation prints one line: `op seconds digest`, where the digest (det
// itself, or the sum of all entries of the result) lets the driver check
// that la computed the same values as the reference libraries. Time is the
// best of up to 3 runs, stopping once 2 s have been spent on one operation.
// With OP (det, inv or solve) and COUNT it runs only that operation COUNT
// times and prints the mean, for profilers.
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

func sum(_ values: [Rational]) -> Rational { values.reduce(.zero, +) }

/// Times `operation` (best of up to 3 runs stopping after 2 s, or the mean
/// of `count` runs) and prints its digest, computed outside the timed region
/// as the Python side does for python-flint and SymPy.
func time<Result>(_ name: String, repeating count: Int?, _ operation: () throws -> Result,
                  digest: (Result) -> Rational) throws {
    var best = Double.infinity, spent = 0.0, result: Result?
    if let count {
        let start = now()
        for _ in 0..<count { result = try operation() }
        best = (now() - start) / Double(count)
    } else {
        for _ in 0..<3 where spent < 2 {
            let start = now()
            result = try operation()
            let elapsed = now() - start
            best = min(best, elapsed)
            spent += elapsed
        }
    }
    print(name, best, result.map(digest) ?? .zero)
}

let arguments = CommandLine.arguments
let operations = ["det", "inv", "solve"]
guard arguments.count == 2 || (arguments.count == 4 && operations.contains(arguments[2]) && (Int(arguments[3]) ?? 0) > 0) else {
    print("usage: la-exact-bench MATRIX_FILE [det|inv|solve COUNT]")
    exit(2)
}
do {
    let matrix = try readMatrix(arguments[1])
    let rhs = (1...matrix.rows).map { Rational(Int64($0)) }
    let only = arguments.count == 4 ? arguments[2] : nil
    let count = arguments.count == 4 ? Int(arguments[3]) : nil
    if only == nil || only == "det" {
        try time("det", repeating: count, { try matrix.det() }, digest: { $0 })
    }
    if only == nil || only == "inv" {
        try time("inv", repeating: count, { try matrix.inv() }, digest: { sum($0.elements) })
    }
    if only == nil || only == "solve" {
        try time("solve", repeating: count, { try matrix.solve(rhs) }, digest: sum)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
