import Testing

/// Exact mode from the embedding API (`Configuration.exact`, as `la --exact`), without `use exact`.
@Suite struct ExactModeTests {
    @Test func configurationTurnsOnExactMode() {
        let source = """
            print(1/3 + 1/6, 0.1 + 0.2 == 0.3, 2 ** 64)
            print([1, 2] / 3, sqrt(2))
            fn half(x) = x / 2
            print(half(3), type(half(3)))
            """
        let run = runScript(source, name: "exact.la", exact: true)
        #expect(run.error == nil, "\(run.errorText)")
        #expect(run.output == ["1/2 true 18446744073709551616", "[ 1/3  2/3] ≈1.4142135623730951", "3/2 rational"])
    }

    @Test func withoutItNumbersAreFloats() {
        let run = runScript("print(1/3, 0.1 + 0.2 == 0.3, [1, 2] / 4)", name: "float.la")
        #expect(run.output == ["0.3333333333333333 false [0.25 0.5 ]"])
    }

    @Test func bigLiteralsNeedExactMode() {
        let run = runScript("print(123456789012345678901234567890)", name: "big.la")
        #expect(run.error?.kind.rawValue == "OverflowError")
        let exact = runScript("print(123456789012345678901234567890 * 10)", name: "big.la", exact: true)
        #expect(exact.output == ["1234567890123456789012345678900"])
    }
}
