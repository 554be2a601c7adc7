import Testing
import LASyntax

@Suite struct ParserStatementTests {
    @Test func letAndDestructuring() {
        #expect(sexpr("let x = 1 + 2") == "(let x (+ 1 2))")
        #expect(sexpr("let (Q, R) = qr(A)") == "(let (Q R) (call qr A))")
        #expect(sexpr("let (a,) = t") == "(let (a) t)")
    }

    @Test func assignments() {
        #expect(sexpr("x = 1") == "(= x 1)")
        #expect(sexpr("A[0, :] = 0") == "(= (index A 0 (: _ _ _)) 0)")
        #expect(sexpr("r.lr = 0.2") == "(= (. r lr) 0.2)")
        #expect(sexpr("x += 1; x -= 1; x *= 2; x /= 2; W @= M") ==
                "(+= x 1)\n(-= x 1)\n(*= x 2)\n(/= x 2)\n(@= W M)")
        #expect(sexpr("A[i] += 1") == "(+= (index A i) 1)")
        #expect(sexpr("x =\n  y") == "(= x y)")
    }

    @Test func conditionals() {
        #expect(sexpr("if c { a }") == "(if (c {a}))")
        #expect(sexpr("if c { a } else { b }") == "(if (c {a}) else {b})")
        #expect(sexpr("if c { a } else if d { b } else if e { f } else { g }") ==
                "(if (c {a}) (d {b}) (e {f}) else {g})")
        #expect(sexpr("if c {\n  a\n  b\n}\nelse {\n  d\n}\nx") == "(if (c {a b}) else {d})\nx")
        #expect(sexpr("if x > 0 and not done { }") == "(if ((and (> x 0) (not done)) {}))")
    }

    @Test func loops() {
        #expect(sexpr("while i < 10 { i += 1 }") == "(while (< i 10) {(+= i 1)})")
        #expect(sexpr("for i in range(10) { print(i) }") == "(for i (call range 10) {(call print i)})")
        #expect(sexpr("for row in A {\n  if row[0] > 0 { break }\n  continue\n}") ==
                "(for row A {(if ((> (index row 0) 0) {(break)})) (continue)})")
    }

    @Test func returns() {
        #expect(sexpr("fn f() { return }") == "(fn f () {(return)})")
        #expect(sexpr("fn f() { return 1 }") == "(fn f () {(return 1)})")
        #expect(sexpr("fn f() {\n  return\n  x\n}") == "(fn f () {(return) x})")
        #expect(sexpr("fn f() { return; x }") == "(fn f () {(return) x})")
    }

    @Test func functionDeclarations() {
        #expect(sexpr("fn double(x) = x * 2") == "(fn double (x) = (* x 2))")
        #expect(sexpr("fn name(a, b, scale = 1.0) {\n  return (a + b) * scale\n}") ==
                "(fn name (a b (scale = 1.0)) {(return (* (+ a b) scale))})")
        #expect(sexpr("""
            fn attention(Q: [n, d], K: [m, d], V: [m, e]) -> [n, e] {
              return softmax(Q @ K.T / sqrt(d)) @ V
            }
            """) == "(fn attention ((Q [n d]) (K [m d]) (V [m e])) -> [n e] "
                + "{(return (@ (call softmax (/ (@ Q (. K T)) (call sqrt d))) V))})")
        #expect(sexpr("fn f(x: [..., 3, _], y: [] = 0) = x") == "(fn f ((x [... 3 _]) (y [] = 0)) = x)")
        #expect(sexpr("fn f(\n  a,\n  b\n) = a") == "(fn f (a b) = a)")
    }

    @Test func importUseAssert() {
        #expect(sexpr("use exact\nimport nn") == "(use exact)\n(import nn)")
        #expect(sexpr("assert x > 0") == "(assert (> x 0))")
        #expect(sexpr("assert x > 0, \"x must be positive\"") == "(assert (> x 0) \"x must be positive\")")
    }

    @Test func separatorsAndEmptyStatements() {
        #expect(sexpr("a; b\n\n;c;") == "a\nb\nc")
        #expect(sexpr("") == "")
        #expect(sexpr("# only a comment\n") == "")
        #expect(sexpr("#!/usr/bin/env la\nprint(1)") == "(call print 1)")
    }

    @Test func statementSpans() throws {
        let program = try Parser.parse(SourceFile(name: "t.la", text: "x = 1\nif c {\n  y\n} else {\n  z\n}"))
        let spans = program.statements.map { "\($0.span.start.line):\($0.span.start.column)-\($0.span.end.line):\($0.span.end.column)" }
        #expect(spans == ["1:1-1:6", "2:1-6:2"])
    }

    @Test func seedStyleScript() {
        let script = """
            #!/usr/bin/env la
            # Attention, by hand.
            import nn
            let Q = randn((4, 8))
            let K = randn((4, 8))
            let scores = Q @ K.T / sqrt(8)
            let weights = softmax(scores, axis: -1)
            print("weights sum to \\(weights.sum(axis: -1))")
            for i in range(4) {
              assert abs(sum(weights[i, :]) - 1) < 1e-9, "row \\(i)"
            }
            """
        #expect(sexpr(script) == """
            (import nn)
            (let Q (call randn (tuple 4 8)))
            (let K (call randn (tuple 4 8)))
            (let scores (/ (@ Q (. K T)) (call sqrt 8)))
            (let weights (call softmax scores axis:(- 1)))
            (call print (str "weights sum to " (call (. weights sum) axis:(- 1))))
            (for i (call range 4) {(assert (< (call abs (- (call sum (index weights i (: _ _ _))) 1)) 1e-9) (str "row " i))})
            """)
    }
}

@Suite struct SExpressionTests {
    @Test func stringsAreQuotedWithEscapes() {
        #expect(sexpr(#"x = "tab\there \"q\" back\\slash""#) == #"(= x "tab\there \"q\" back\\slash")"#)
        #expect(sexpr(#""\(a)""#) == "(str a)")
    }

    @Test func programKeepsItsFile() throws {
        let file = SourceFile(name: "k.la", text: "x")
        #expect(try Parser.parse(file).file == file)
    }
}

@Suite struct IncompleteInputTests {
    @Test(arguments: ["if x {", "if x {\n  y\n", "f(1,", "let a = [1,\n 2", "x = 1 +", "fn f(x) {\n", "let r = {", "if x { } else"])
    func incomplete(source: String) {
        #expect(Parser.isIncomplete(SourceFile(name: "<repl>", text: source)))
    }

    @Test(arguments: ["x = 1", "if x { }", "let = 1\nif x {", "\"abc", "f(1))", ""])
    func completeOrWrong(source: String) {
        #expect(!Parser.isIncomplete(SourceFile(name: "<repl>", text: source)))
    }
}
