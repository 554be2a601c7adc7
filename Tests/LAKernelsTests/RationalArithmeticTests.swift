import Testing
@testable import LAKernels

@Suite struct RationalArithmeticTests {
    func r(_ n: Int64, _ d: Int64 = 1) throws -> Rational { try ExactTestData.r(n, d) }

    @Test func normalisesSignAndCommonFactors() throws {
        #expect(try r(2, -4).description == "-1/2")
        #expect(try r(-6, -9).description == "2/3")
        #expect(try r(0, -5).description == "0")
        #expect(try r(0, -5) == .zero)
        #expect(try r(12, 4).description == "3")
        #expect(try r(12, 4).isInteger)
        #expect(try !r(1, 3).isInteger)
        #expect(try r(1, 3).hashValue == r(-2, -6).hashValue)
    }

    @Test func zeroDenominatorAndDivisionThrow() throws {
        #expect(throws: KernelError(.zeroDivision, "rational with zero denominator: 1/0")) { try r(1, 0) }
        #expect(throws: KernelError.self) { try r(1, 2) / .zero }
        #expect(throws: KernelError.self) { try Rational.zero.reciprocal() }
    }

    @Test func fieldOperations() throws {
        let a = try r(1, 3), b = try r(-2, 7)
        #expect((a + b).description == "1/21")
        #expect((a - b).description == "13/21")
        #expect((a * b).description == "-2/21")
        #expect(try (a / b).description == "-7/6")
        #expect((-a).description == "-1/3")
        #expect(b < a && !(a < b) && a > b)
        #expect(try r(-1, 2) < r(-1, 3))
    }

    /// Results computed with Python's fractions.Fraction (see the test's inputs).
    @Test func matchesPythonFractionExpressions() throws {
        let a = try r(1, 3), b = try r(-2, 7), c = try ExactTestData.fraction("100000000000000000001", "3")
        #expect(try ((a - b) / c).description == "13/700000000000000000007")
        #expect(try ((c * c - a) / (b + .one)).description == "70000000000000000001399999999999999999986/45")
        let expression = try Rational.one / Rational(3) + r(2, 3).power(5) - r(7, 9).power(-2)
        #expect(expression.description == "-14146/11907")
    }

    @Test func overflowFallsBackToGMPAndBackInline() throws {
        let max = Rational(Int64.max)
        #expect((max + .one).description == "9223372036854775808")
        #expect((Rational(Int64.min) - .one).description == "-9223372036854775809")
        #expect(Rational(Int64.min).description == "-9223372036854775808")
        #expect((-Rational(Int64.min)).description == "9223372036854775808")
        #expect((Rational(1 << 62) * Rational(4)).description == "18446744073709551616")
        #expect((try r(1, 1 << 62) * r(1, 4)).description == "1/18446744073709551616")
        // Back below the limit, the value is inline again and equals one built directly.
        let back = max + .one - .one
        #expect(back == max)
        #expect(back.hashValue == max.hashValue)
        if case .small = back.representation {} else { Issue.record("expected inline representation") }
        let big = try r(Int64.max, Int64.max - 1) * r(Int64.max - 2, 3)
        #expect(big.description == "\(BigInt(Int64.max) * BigInt(Int64.max - 2))/\(BigInt(Int64.max - 1) * BigInt(3))")
    }

    @Test func smallAndBigPathsAgree() throws {
        // The same sums computed inline and through GMP (forced by a huge detour).
        let huge = try ExactTestData.fraction("123456789012345678901234567890", "7")
        for (n, d) in [(Int64(3), Int64(10)), (-7, 12), (5, 1), (1_000_003, 999_983)] {
            let x = try r(n, d), y = try r(d, n + 1)
            #expect(x + y == (x + huge) + y - huge)
            #expect(try x * y == (x * huge) * y / huge)
        }
    }

    @Test func parsesDecimalLiteralsExactly() throws {
        #expect(try Rational(parsing: "0.1") == r(1, 10))
        #expect(try Rational(parsing: "1e-3").description == "1/1000")
        #expect(try Rational(parsing: "-12.50").description == "-25/2")
        #expect(try Rational(parsing: "2.5E+10").description == "25000000000")
        #expect(try Rational(parsing: "123").description == "123")
        #expect(try Rational(parsing: "1.").description == "1")
        #expect(try Rational(parsing: ".5").description == "1/2")
        for bad in ["", "-", "1e", "1.2.3", "abc", "1e+x", "0x10", " 1"] {
            #expect(throws: KernelError.self, "\(bad)") { try Rational(parsing: bad) }
        }
        #expect(throws: KernelError.self) { try Rational(parsing: "1e999999999") }
        #expect(Rational(integerText: "-123456789012345678901234567890")?.description == "-123456789012345678901234567890")
        #expect(Rational(integerText: "12a") == nil)
        #expect(Rational(integerText: "") == nil)
    }

    @Test func exactValueOfDoubles() throws {
        // Python: Fraction(0.1), Fraction(-2.5).
        #expect(try Rational(exactly: 0.1).description == "3602879701896397/36028797018963968")
        #expect(try Rational(exactly: -2.5).description == "-5/2")
        let tiny = try Rational(exactly: 5e-324)
        #expect(tiny.numerator == BigInt(1))
        #expect(try tiny.denominator == Rational(2).power(1074).numerator)
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect(throws: KernelError.self) { try Rational(exactly: bad) }
        }
    }

    @Test func doubleValueRoundsCorrectly() throws {
        let samples: [Double] = [0.1, -1 / 3, 1e300, -2.2250738585072014e-308, 5e-324, 1.5e-315, 123456789.125, 0.7]
        for x in samples {
            #expect(try Rational(exactly: x).doubleValue == x)
            let ulp = try Rational(exactly: x.nextUp) - Rational(exactly: x)
            let just = try ulp / Rational(2) - ulp / ExactTestData.fraction("1000000000000000000000000")
            #expect(try (Rational(exactly: x) + just).doubleValue == x, "below half an ulp above \(x)")
            let tie = try (Rational(exactly: x) + ulp / Rational(2)).doubleValue
            #expect(tie == (x.significandBitPattern & 1 == 0 ? x : x.nextUp), "tie above \(x)")
        }
        #expect(try r(1, 3).doubleValue == 1.0 / 3.0)
        #expect(try Rational(2).power(1024).doubleValue == .infinity)
        #expect(try (-Rational(2).power(1100)).doubleValue == -.infinity)
        #expect(try Rational(2).power(-1080).doubleValue == 0)
    }

    @Test func squareRootsAndPowers() throws {
        #expect(try r(9, 4).squareRoot == r(3, 2))
        #expect(try r(2, 1).squareRoot == nil)
        #expect(try r(-4, 1).squareRoot == nil)
        #expect(try r(4, 3).squareRoot == nil)
        let bigSquare = try ExactTestData.fraction("152415787532388367504942236884722755800955129", "4")
        #expect(bigSquare.squareRoot?.description == "12345678901234567890123/2")
        #expect(try r(-2, 3).power(3).description == "-8/27")
        #expect(try r(-2, 3).power(-3).description == "-27/8")
        #expect(try r(-1, 1).power(Int.max) == r(-1, 1))
        #expect(try Rational(2).power(100).description == "1267650600228229401496703205376")
        #expect(throws: KernelError.self) { try Rational.zero.power(-1) }
        #expect(throws: KernelError.self) { try Rational(3).power(Int.max) }
    }
}
