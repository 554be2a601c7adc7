import Testing
import CGMP
@testable import LAKernels

/// The word-level machinery under exact det / inv / solve, checked against
/// plain integer arithmetic and GMP.
@Suite struct ModularKernelTests {
    static let fields = [SmallPrimeField.primes[0], SmallPrimeField.primes[1], SmallPrimeField.primes[SmallPrimeField.primes.count - 1]]
        .map { SmallPrimeField(prime: $0) }

    @Test func primeTableHoldsDistinctPrimesBelow2To24() {
        let primes = SmallPrimeField.primes
        #expect(primes.count > 15_000)
        #expect(zip(primes, primes.dropFirst()).allSatisfy { $0 > $1 })
        #expect(primes.allSatisfy { $0 > 1 << 23 && $0 < 1 << 24 })
        func isPrime(_ value: Int) -> Bool { !stride(from: 2, through: 4096, by: 1).contains { value % $0 == 0 && value != $0 } }
        #expect((primes.prefix(40) + primes.suffix(40)).allSatisfy(isPrime))
        #expect(primes.first == 16_777_213)  // the largest prime below 2²⁴
    }

    @Test(arguments: fields) func reduceIsExactAndLooselyReduced(field: SmallPrimeField) {
        var generator = SplitMix64(state: UInt64(field.prime))
        let limit = (1 << 53) - 1
        let values = [0, 1, -1, field.prime, -field.prime, field.prime / 2, limit, -limit] + (0..<2000).map { _ in generator.int(-limit...limit) }
        for value in values {
            let reduced = field.reduce(Double(value))
            #expect(abs(reduced) <= Double(field.prime / 2 + 2))
            #expect((value - Int(reduced)) % field.prime == 0, "\(value)")
        }
        #expect(field.lazyUpdates >= 127)
    }

    /// Runs `body` on the array's storage (nil for an empty array).
    @discardableResult
    static func withBase<T>(_ array: inout [Double], _ body: (UnsafeMutablePointer<Double>) -> T) -> T? {
        array.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map(body) }
    }

    /// A random n × n matrix of reduced residues, and the same as integers in [0, p).
    static func residueMatrix(_ n: Int, field: SmallPrimeField, seed: UInt64) -> (doubles: [Double], integers: [Int]) {
        var generator = SplitMix64(state: seed)
        let integers = (0..<(n * n)).map { _ in Int(generator.next() % UInt64(field.prime)) }
        return (integers.map { field.reduce(Double($0)) }, integers)
    }

    /// det mod p by schoolbook elimination on integers.
    static func referenceDeterminant(_ matrix: [Int], n: Int, p: Int) -> Int {
        var a = matrix, determinant = 1
        func power(_ base: Int, _ exponent: Int) -> Int {
            var (result, base, exponent) = (1, base % p, exponent)
            while exponent > 0 {
                if exponent & 1 == 1 { result = result * base % p }
                base = base * base % p
                exponent >>= 1
            }
            return result
        }
        for k in 0..<n {
            guard let pivot = (k..<n).first(where: { a[$0 * n + k] != 0 }) else { return 0 }
            if pivot != k {
                for j in 0..<n { a.swapAt(pivot * n + j, k * n + j) }
                determinant = (p - determinant) % p
            }
            determinant = determinant * a[k * n + k] % p
            let inverse = power(a[k * n + k], p - 2)
            for i in (k + 1)..<n {
                let factor = a[i * n + k] * inverse % p
                for j in k..<n { a[i * n + j] = ((a[i * n + j] - factor * a[k * n + j]) % p + p) % p }
            }
        }
        return determinant
    }

    /// n = 140 passes `lazyUpdates` (127), so the periodic reductions run.
    @Test(arguments: [1, 2, 7, 33, 140])
    func factoriseInvertAndSolveAgreeWithIntegers(n: Int) throws {
        for field in Self.fields.prefix(2) {
            let p = field.prime
            let (doubles, integers) = Self.residueMatrix(n, field: field, seed: UInt64(n * 31 + p))
            var factors = doubles
            let determinant = try #require(Self.withBase(&factors) { field.factorise($0, n: n, stride: n) } ?? nil)
            #expect(field.canonical(determinant) == Self.referenceDeterminant(integers, n: n, p: p))

            var inverse = doubles
            #expect(Self.withBase(&inverse) { field.invert($0, n: n, stride: n) } == true)
            for i in 0..<n {
                for j in 0..<n {
                    let entry = (0..<n).reduce(0) { ($0 + integers[i * n + $1] * field.canonical(inverse[$1 * n + j])) % p }
                    #expect(entry == (i == j ? 1 : 0), "(A·A⁻¹)[\(i), \(j)]")
                }
            }

            let lu = try #require(ModularLU(doubles, n: n, field: field))
            var generator = SplitMix64(state: 7)
            let b = (0..<n).map { _ in generator.int(-(p / 2)...(p / 2)) }
            var x = b.map(Double.init)
            Self.withBase(&x) { lu.solve($0) }
            for i in 0..<n {
                let row = (0..<n).reduce(0) { ($0 + integers[i * n + $1] * field.canonical(x[$1])) % p }
                #expect(row == (b[i] % p + p) % p)
            }
        }
    }

    @Test func singularModuloPrimeIsReported() throws {
        let field = Self.fields[0]
        // Row 2 = row 0 + p · row 1: singular modulo p only.
        let p = Double(field.prime)
        let rows: [[Double]] = [[3, 1, 4], [1, 5, 9], [3 + p, 1 + 5 * p, 4 + 9 * p]]
        let residues = rows.flatMap { $0 }.map { field.reduce($0) }
        var a = residues, b = residues
        #expect(Self.withBase(&a) { field.factorise($0, n: 3, stride: 3) } == .some(nil))
        #expect(Self.withBase(&b) { field.invert($0, n: 3, stride: 3) } == false)
        #expect(ModularLU(residues, n: 3, field: field) == nil)
    }

    @Test func chunkedResiduesMatchGMP() throws {
        let texts = ["0", "1", "-1", "16777215", "-16777216", "9007199254740993", "-123456789012345678901234567890",
                     "1" + String(repeating: "0", count: 700), "-" + String(repeating: "9", count: 620)]
        let matrix = IntegerMatrix(rows: 3, columns: 3)
        for (index, text) in texts.enumerated() {
            let value = try #require(BigInt(integerText: text))
            __gmpz_set(matrix.entries + index, value.storage.pointer)
        }
        // 700 decimal digits are 2326 bits, 97 chunks: the sum is reduced once on the way.
        let chunks = ChunkedIntegers(matrix, rows: 0..<3, columns: 0..<3)
        #expect(chunks.chunkCount == 97)
        let block = ChunkedIntegers(matrix, rows: 1..<3, columns: 1..<3)
        for field in Self.fields {
            var residues = [Double](repeating: 0, count: 9)
            Self.withBase(&residues) { chunks.residues(modulo: field, into: $0) }
            for index in 0..<9 {
                #expect(abs(residues[index]) <= Double(field.prime / 2 + 2))
                #expect(field.canonical(residues[index]) == Int(__gmpz_fdiv_ui(matrix.entries + index, UInt(field.prime))))
            }
            var blockResidues = [Double](repeating: 0, count: 4)
            Self.withBase(&blockResidues) { block.residues(modulo: field, into: $0) }
            #expect(blockResidues == [residues[4], residues[5], residues[7], residues[8]])
        }
    }

    @Test func wordChunksAndScaledRowsMatchIntegers() throws {
        let words: [Int64] = [0, 1, -1, Int64.max, -Int64.max, (1 << 40) + 7, -(1 << 24), 16_777_215]
        let chunks = ChunkedIntegers(words: words)
        #expect(chunks.chunkCount == 3)
        for field in Self.fields {
            var residues = [Double](repeating: 0, count: words.count)
            Self.withBase(&residues) { chunks.residues(modulo: field, into: $0) }
            for (word, residue) in zip(words, residues) {
                #expect(field.canonical(residue) == Int((word % Int64(field.prime) + Int64(field.prime)) % Int64(field.prime)))
            }
        }
        // Rows scaled by the lcm of their denominators; nil once a scale or entry overflows a word.
        let matrix = try RationalMatrix([[ExactTestData.r(1, 6), ExactTestData.r(-3, 4)], [ExactTestData.r(5), ExactTestData.r(2, 3)]])
        let scaled = try #require(ChunkedIntegers.scaledRows(of: matrix))
        #expect(scaled.scales == [12, 3])
        var residues = [Double](repeating: 0, count: 4)
        Self.withBase(&residues) { scaled.chunks.residues(modulo: Self.fields[0], into: $0) }
        #expect(residues == [2, -9, 15, 2])
        let huge = try RationalMatrix([[ExactTestData.r(1, Int64.max), ExactTestData.r(1, Int64.max - 1)], [ExactTestData.r(1), ExactTestData.r(1)]])
        #expect(ChunkedIntegers.scaledRows(of: huge) == nil)
    }

    @Test(arguments: [1, 2, 3, 6])
    func chineseRemainderRecoversValues(primeCount: Int) throws {
        let values = [try #require(BigInt(integerText: "123456789012345678901234567")), BigInt(0), BigInt(42)]
        let crt = ChineseRemainder(count: values.count)
        crt.add(SmallPrimeField.primes.prefix(primeCount).map { prime in
            let field = SmallPrimeField(prime: prime)
            return (field, values.map { field.residue(of: $0.storage.pointer) })
        })
        let modulusBits = Int(__gmpz_sizeinbase(crt.modulus.pointer, 2))
        #expect(modulusBits > 23 * primeCount)
        for (index, value) in values.enumerated() {
            let expected = MPZStorage(copying: value.storage.pointer)
            __gmpz_fdiv_r(expected.pointer, expected.pointer, crt.modulus.pointer)
            #expect(__gmpz_cmp(crt.values.entries + index, expected.pointer) == 0)
        }
    }

    @Test func solutionBoundAsksForMoreBitsUntilTheCheckIsProven() throws {
        // A = [[2^100, 1], [0, 1]], B = [3, 5]: |A·N − D·B| may reach n·2^100·max|N|.
        let system = IntegerMatrix(rows: 2, columns: 3)
        __gmpz_ui_pow_ui(system.at(0, 0), 2, 100)
        __gmpz_set_ui(system.at(0, 1), 1)
        __gmpz_set_ui(system.at(1, 1), 1)
        __gmpz_set_ui(system.at(0, 2), 3)
        __gmpz_set_ui(system.at(1, 2), 5)
        let bound = SolutionBound(system, n: 2)
        #expect(bound.productBits == 2 + 101)
        #expect(bound.rightBits == 3)
        let numerators = IntegerMatrix(rows: 2, columns: 1)
        __gmpz_set_si(numerators.at(0, 0), -2)
        __gmpz_set_ui(numerators.at(1, 0), 5)
        let candidate = (numerators: numerators, denominator: MPZStorage(value: 1 << 40))
        let small = MPZStorage()
        __gmpz_ui_pow_ui(small.pointer, 2, 60)
        // Needs 2^max(103 + 3, 41 + 3) · 2 ≤ modulus: 108 bits, 47 missing from a 61-bit modulus.
        #expect(bound.missingBits(candidate, modulus: small) == 47)
        __gmpz_ui_pow_ui(small.pointer, 2, 107)
        #expect(bound.missingBits(candidate, modulus: small) == 0)
    }
}
