import Testing
import CGMP
@testable import LAKernels

@Suite struct ExactLinalgTests {
    func r(_ n: Int64, _ d: Int64 = 1) throws -> Rational { try ExactTestData.r(n, d) }

    /// det(H_n) = c_n⁴ / c_{2n} with c_n = 1!·2!·…·(n−1)!.
    @Test(arguments: Array(1...12) + [25, 40]) func hilbertDeterminantClosedForm(n: Int) throws {
        func superfactorial(_ m: Int) throws -> Rational {
            var product = Rational.one, factorial = Rational.one
            for i in 1..<max(m, 1) {
                factorial *= Rational(Int64(i))
                product *= factorial
            }
            return product
        }
        let expected = try superfactorial(n).power(4) / superfactorial(2 * n)
        let det = try ExactTestData.hilbert(n).det()
        #expect(det == expected)
        #expect(try det.reciprocal().isInteger)
    }

    /// (H⁻¹)ᵢⱼ = (−1)^(i+j) (i+j−1) C(n+i−1, n−j) C(n+j−1, n−i) C(i+j−2, i−1)², 1-based.
    @Test(arguments: Array(1...12) + [25, 40]) func hilbertInverseClosedForm(n: Int) throws {
        let hilbert = try ExactTestData.hilbert(n)
        let inverse = try hilbert.inv()
        for i in 1...n {
            for j in 1...n {
                let magnitude = try Rational(Int64(i + j - 1)) * ExactTestData.binomial(n + i - 1, n - j)
                    * ExactTestData.binomial(n + j - 1, n - i) * ExactTestData.binomial(i + j - 2, i - 1).power(2)
                let expected = (i + j) % 2 == 0 ? magnitude : -magnitude
                let actual = try inverse.element(i - 1, j - 1)
                #expect(actual == expected, "H\(n)⁻¹[\(i), \(j)]")
                #expect(actual.isInteger)
            }
        }
        #expect(try hilbert.multiplied(by: inverse) == RationalMatrix.identity(n))
        #expect(try inverse.multiplied(by: hilbert) == RationalMatrix.identity(n))
    }

    @Test(arguments: [(1, 1), (3, 1), (5, 3), (12, 4), (20, 2), (40, 1), (40, 12), (40, 40)])
    func solveRandomIntegerSystems(n: Int, rhs: Int) throws {
        var seed: UInt64 = 1
        var a = try ExactTestData.randomIntegers(rows: n, columns: n, seed: seed)
        while try a.det() == .zero {
            seed += 1
            a = try ExactTestData.randomIntegers(rows: n, columns: n, seed: seed)
        }
        let b = try ExactTestData.randomIntegers(rows: n, columns: rhs, seed: seed + 1000)
        let x = try a.solve(b)
        #expect(try a.multiplied(by: x) == b)
        let vector = try a.solve(Array(b.elements.prefix(n * rhs).enumerated().filter { $0.offset % rhs == 0 }.map(\.element)))
        #expect(vector == x.elements.enumerated().filter { $0.offset % rhs == 0 }.map(\.element))
        // det(A) agrees with the LU factorisation's pivots and P's sign.
        let (p, l, u) = try a.lu()
        #expect(try p.multiplied(by: a) == l.multiplied(by: u))
        let diagonal = (0..<n).reduce(Rational.one) { $0 * u.elements[$1 * n + $1] }
        #expect(try diagonal == a.det() * p.det())
    }

    /// Results computed with SymPy on the same matrices.
    @Test func matchesSympyOnFixedInputs() throws {
        let m = try RationalMatrix([[r(3, 4), r(-2), r(1, 5)], [r(7), r(-1, 3), r(2)], [r(1, 2), r(6), r(-9)]])
        #expect(try m.det().description == "-7579/60")
        let expected = try RationalMatrix([[r(540, 7579), r(1008, 7579), r(236, 7579)],
                                           [r(-3840, 7579), r(411, 7579), r(6, 7579)],
                                           [r(-230, 689), r(30, 689), r(-75, 689)]])
        #expect(try m.inv() == expected)
        #expect(try m.invWithSteps().inverse == expected)
    }

    @Test func rrefAndRankOfSingularMatrices() throws {
        let s = try RationalMatrix([[r(1), r(2), r(3), r(4)], [r(2), r(4), r(6), r(8)], [r(1), r(0), r(-1), r(1, 2)]])
        let (form, pivots) = s.rref()
        // SymPy: Matrix(...).rref()
        #expect(try form == RationalMatrix([[r(1), r(0), r(-1), r(1, 2)], [r(0), r(1), r(2), r(7, 4)], [r(0), r(0), r(0), r(0)]]))
        #expect(pivots == [0, 1])
        #expect(s.rank == 2)
        let square = try RationalMatrix([[r(1), r(2), r(3)], [r(4), r(5), r(6)], [r(7), r(8), r(9)]])
        #expect(square.rank == 2)
        #expect(try square.det() == .zero)
        #expect(throws: KernelError(.value, "matrix is singular")) { try square.inv() }
        #expect(throws: KernelError(.value, "matrix is singular")) { try square.invWithSteps() }
        #expect(throws: KernelError(.value, "matrix is singular")) { try square.solve([r(1), r(2), r(3)]) }
        #expect(try RationalMatrix.zeros(rows: 3, columns: 2).rank == 0)
        let (p, l, u) = try square.lu()
        #expect(try p.multiplied(by: square) == l.multiplied(by: u))
    }

    @Test func stepsReplayToTheResult() throws {
        let a = try RationalMatrix([[r(0), r(2), r(1)], [r(1), r(1, 2), r(0)], [r(3), r(0), r(1)]])
        let (inverse, steps) = try a.invWithSteps()
        #expect(steps.first == .swap(0, 1))
        #expect(steps.first?.description == "R0 ↔ R1")
        // Applying the recorded operations to I gives the inverse; to A, the identity.
        func replay(_ start: RationalMatrix) -> RationalMatrix {
            var m = start
            for step in steps {
                switch step {
                case let .swap(i, j): m.swapRows(i, j)
                case let .scale(row, factor):
                    for j in 0..<m.columns { m[unchecked: row, j] *= factor }
                case let .addMultiple(target, source, factor): m.addMultiple(of: source, times: factor, to: target, from: 0)
                }
            }
            return m
        }
        #expect(try replay(RationalMatrix.identity(3)) == inverse)
        #expect(try replay(a) == RationalMatrix.identity(3))
        #expect(try inverse == a.inv())
        let (form, _, rrefSteps) = a.rrefWithSteps()
        #expect(try form == RationalMatrix.identity(3))
        #expect(rrefSteps == steps)
    }

    @Test func shapeErrors() throws {
        let rect = try RationalMatrix.zeros(rows: 2, columns: 3)
        #expect(throws: KernelError.self) { try rect.det() }
        #expect(throws: KernelError.self) { try rect.inv() }
        #expect(throws: KernelError.self) { try rect.multiplied(by: rect) }
        #expect(throws: KernelError.self) { try RationalMatrix.identity(2).solve([r(1)]) }
        #expect(throws: KernelError.self) { try RationalMatrix(rows: 2, columns: 2, elements: [r(1)]) }
        #expect(throws: KernelError.self) { try RationalMatrix([[r(1)], [r(1), r(2)]]) }
        #expect(throws: KernelError.self) { try rect.element(2, 0) }
        #expect(try RationalMatrix.identity(0).det() == .one)
    }
}

/// The two engines behind `det` and `solve` (multimodular and Bareiss) agree.
@Suite struct ExactEngineAgreementTests {
    @Test(arguments: [(2, UInt64(5)), (6, 9), (15, 21), (25, 33)])
    func determinantEnginesAgree(n: Int, seed: UInt64) throws {
        for matrix in [try ExactTestData.randomIntegers(rows: n, columns: n, seed: seed), try ExactTestData.hilbert(n)] {
            let integers = IntegerMatrix.clearingDenominators(matrix, nil).0
            let chunks = ChunkedIntegers(integers, rows: 0..<n, columns: 0..<n)
            let bits = integers.hadamardBits(columnCount: n)
            let plain = try #require(chunks.multimodularDeterminant(n: n, hadamardBits: bits, divisor: MPZStorage(value: 1)))
            let modular = try #require(chunks.multimodularDeterminant(n: n, hadamardBits: bits, divisor: chunks.determinantDivisor(n: n)))
            withExtendedLifetime((plain, modular)) { #expect(__gmpz_cmp(plain.pointer, modular.pointer) == 0) }
            let bareiss = IntegerMatrix.clearingDenominators(matrix, nil).0.bareissDeterminant()
            withExtendedLifetime((modular, bareiss)) { #expect(__gmpz_cmp(modular.pointer, bareiss.pointer) == 0) }
        }
    }

    /// Small integers take the path without GMP integers; from n = 120
    /// (`RationalMatrix.divisorThreshold`) on,
    /// `det` first divides out a Dixon divisor.
    @Test(arguments: [(5, UInt64(3)), (25, 7), (130, 11)] as [(Int, UInt64)])
    func smallIntegerDeterminantPathsAgree(n: Int, seed: UInt64) throws {
        let matrix = try ExactTestData.randomIntegers(rows: n, columns: n, seed: seed)
        let chunks = try #require(ChunkedIntegers(smallIntegersOf: matrix))
        #expect((n >= RationalMatrix.divisorThreshold) == (n == 130))
        let divisor = chunks.determinantDivisor(n: n)
        let one = MPZStorage(value: 1)
        let plain = try #require(chunks.multimodularDeterminant(n: n, hadamardBits: chunks.hadamardBits(rows: n), divisor: one))
        let divided = try #require(chunks.multimodularDeterminant(n: n, hadamardBits: chunks.hadamardBits(rows: n), divisor: divisor))
        withExtendedLifetime((plain, divided, divisor)) {
            #expect(__gmpz_cmp(plain.pointer, divided.pointer) == 0)
            #expect(__gmpz_divisible_p(plain.pointer, divisor.pointer) != 0)
            #expect(__gmpz_sizeinbase(divisor.pointer, 2) > 1)
        }
        #expect(try matrix.det() == Rational(numerator: BigInt(storage: plain), denominator: BigInt(1)))
        if n < 30 {
            let bareiss = IntegerMatrix.clearingDenominators(matrix, nil).0.bareissDeterminant()
            withExtendedLifetime((plain, bareiss)) { #expect(__gmpz_cmp(plain.pointer, bareiss.pointer) == 0) }
        }
    }

    @Test(arguments: [(4, UInt64(2)), (9, 4), (16, 8), (30, 3)])
    func solveEnginesAgree(n: Int, seed: UInt64) throws {
        let a = try ExactTestData.randomIntegers(rows: n, columns: n, seed: seed)
        let b = try RationalMatrix(rows: n, columns: 2, elements: (0..<(2 * n)).map { try ExactTestData.r(Int64($0) - 3, 7) })
        let (matrix, _) = IntegerMatrix.clearingDenominators(a, b)
        let solution = try #require(matrix.multimodularSolve(n: n))
        let modular = try RationalMatrix(rows: n, columns: 2, elements: (0..<(2 * n)).map {
            Rational(numerator: solution.numerators.entries + $0, nonzeroDenominator: solution.denominator.pointer)
        })
        #expect(try modular == a.solveByBareiss(IntegerMatrix.clearingDenominators(a, b).0, rhs: b))
        #expect(try a.multiplied(by: modular) == b)
        let lifted = try #require(matrix.dixonSolve(n: n))
        let dixon = try RationalMatrix(rows: n, columns: 2, elements: (0..<(2 * n)).map {
            Rational(numerator: lifted.numerators.entries + $0, nonzeroDenominator: lifted.denominator.pointer)
        })
        #expect(dixon == modular)
    }

    /// Hilbert's scaled entries (38 bits at n = 14) exceed doubles, so Dixon
    /// lifts an `Int128` residual; scaled by 2¹⁰⁰ they exceed that too, and
    /// the residual is big integers.
    @Test(arguments: [false, true])
    func dixonWithWideResidualsAgreesWithBareiss(scaled: Bool) throws {
        let twoTo100 = try ExactTestData.fraction("1267650600228229401496703205376")
        let h = try ExactTestData.hilbert(14)
        let a = try scaled ? RationalMatrix(rows: 14, columns: 14, elements: h.elements.map { $0 * twoTo100 }) : h
        let b = try RationalMatrix(rows: 14, columns: 1, elements: (1...14).map { Rational(Int64($0)) })
        let (matrix, _) = IntegerMatrix.clearingDenominators(a, b)
        #expect((WordResidual(matrix, n: 14) == nil) == scaled)
        let lifted = try #require(matrix.dixonSolve(n: 14))
        let dixon = (0..<14).map { Rational(numerator: lifted.numerators.entries + $0, nonzeroDenominator: lifted.denominator.pointer) }
        #expect(try dixon == a.solveByBareiss(IntegerMatrix.clearingDenominators(a, b).0, rhs: b).elements)
        #expect(try a.multiplied(by: RationalMatrix(rows: 14, columns: 1, elements: dixon)) == b)
    }

    @Test func singularMatrixFallsBackAndThrows() throws {
        let a = try RationalMatrix((0..<6).map { i in try (0..<6).map { j in try ExactTestData.r(Int64(i * 6 + j)) } })
        #expect(IntegerMatrix.clearingDenominators(a, try RationalMatrix.identity(6)).0.multimodularSolve(n: 6) == nil)
        #expect(IntegerMatrix.clearingDenominators(a, try RationalMatrix.identity(6)).0.dixonSolve(n: 6) == nil)
        #expect(throws: KernelError(.value, "matrix is singular")) { try a.inv() }
        #expect(try a.det() == .zero)
    }

    /// A = L·U with L unit lower triangular and U upper triangular with the
    /// given diagonal: det A is the diagonal's product, and A is singular
    /// modulo every prime on it.
    static func withDeterminantFactors(_ diagonal: [Int], n: Int) throws -> RationalMatrix {
        var l = try RationalMatrix.identity(n), u = try RationalMatrix.identity(n)
        var state: UInt64 = 99
        for i in 0..<n {
            for j in 0..<n {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let value = Rational(Int64((state >> 33) % 7) - 3)
                if j < i { l[unchecked: i, j] = value } else if j > i { u[unchecked: i, j] = value }
            }
            u[unchecked: i, i] = Rational(Int64(i < diagonal.count ? diagonal[i] : 1))
        }
        return try l.multiplied(by: u)
    }

    /// Singular modulo the first two table primes (methods skip them) or the
    /// first three (Dixon and multimodular solves give up; Bareiss answers).
    @Test(arguments: [2, 3])
    func singularModuloTablePrimes(count: Int) throws {
        let primes = Array(SmallPrimeField.primes.prefix(count))
        let a = try Self.withDeterminantFactors(primes, n: 6)
        let product = primes.reduce(BigInt(1)) { $0 * BigInt(Int64($1)) }
        #expect(try a.det() == Rational(numerator: product, denominator: BigInt(1)))
        #expect(BigInt(storage: IntegerMatrix.clearingDenominators(a, nil).0.bareissDeterminant()) == product)
        for m in [1, 3, 6] {
            let b = try ExactTestData.randomIntegers(rows: 6, columns: m, seed: UInt64(m))
            let x = try a.solve(b)
            #expect(try a.multiplied(by: x) == b)
            #expect(try x == a.solveByBareiss(IntegerMatrix.clearingDenominators(a, b).0, rhs: b))
        }
        let inverse = try a.inv()
        #expect(try a.multiplied(by: inverse) == RationalMatrix.identity(6))
    }

    /// Entries beyond 2⁵³ (chunked residues) and 2³¹ (big-integer Dixon
    /// residual), with wide denominators, against Bareiss.
    @Test func wideEntriesAgreeWithBareiss() throws {
        let twoTo80 = try ExactTestData.fraction("1208925819614629174706176")
        var state: UInt64 = 5
        func next() -> Rational {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Rational(Int64(truncatingIfNeeded: state >> 20) % 1_000_003)
        }
        let n = 7
        let a = try RationalMatrix(rows: n, columns: n, elements: (0..<(n * n)).map { index in
            let numerator = next() * twoTo80 + next()
            return index % 3 == 0 ? try numerator / ((next() * next()).magnitude + Rational(1)) : numerator
        })
        let bareissDet = BigInt(storage: IntegerMatrix.clearingDenominators(a, nil).0.bareissDeterminant())
        let scaleProduct = IntegerMatrix.clearingDenominators(a, nil).1.reduce(BigInt(1)) { $0 * BigInt(storage: $1) }
        #expect(try a.det() == Rational(numerator: bareissDet, denominator: scaleProduct))
        for m in [1, 3, 7] {
            let b = try RationalMatrix(rows: n, columns: m, elements: (0..<(n * m)).map { _ in next() * twoTo80 })
            let x = try a.solve(b)
            #expect(try x == a.solveByBareiss(IntegerMatrix.clearingDenominators(a, b).0, rhs: b))
            #expect(try a.multiplied(by: x) == b)
        }
        #expect(try a.multiplied(by: a.inv()) == RationalMatrix.identity(n))
    }

    /// Word-sized fractions: rows scaled in machine words, then residues.
    @Test(arguments: [4, 9, 17])
    func smallFractionsAgreeWithBareiss(n: Int) throws {
        let numerators = try ExactTestData.randomIntegers(rows: n, columns: n, seed: UInt64(n))
        var state: UInt64 = 17
        let a = try RationalMatrix(rows: n, columns: n, elements: numerators.elements.map { numerator in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return try numerator / Rational(Int64((state >> 33) % 6) + 1)
        })
        let identity = try RationalMatrix.identity(n)
        let inverse = try a.inv()
        #expect(try inverse == a.solveByBareiss(IntegerMatrix.clearingDenominators(a, identity).0, rhs: identity))
        #expect(try a.multiplied(by: inverse) == identity)
        let bareiss = IntegerMatrix.clearingDenominators(a, nil)
        let scales = bareiss.1.reduce(BigInt(1)) { $0 * BigInt(storage: $1) }
        #expect(try a.det() == Rational(numerator: BigInt(storage: bareiss.0.bareissDeterminant()), denominator: scales))
    }

    @Test func emptyAndOneByOne() throws {
        let empty = try RationalMatrix.zeros(rows: 0, columns: 0)
        #expect(try empty.det() == .one)
        #expect(try empty.inv() == empty)
        #expect(try empty.solve([]) == [])
        let single = try RationalMatrix([[ExactTestData.r(-3, 7)]])
        #expect(try single.det() == ExactTestData.r(-3, 7))
        #expect(try single.inv() == RationalMatrix([[ExactTestData.r(-7, 3)]]))
        #expect(try single.solve([ExactTestData.r(2)]) == [ExactTestData.r(-14, 3)])
        #expect(throws: KernelError(.value, "matrix is singular")) { try RationalMatrix([[Rational.zero]]).inv() }
    }
}
