import Testing
import LASyntax

@Suite struct ParserExpressionTests {
    @Test func literalsAndNames() {
        #expect(sexpr("42; 1_000; 3.14; .5; 1e-3; true; false; nil; θ; \"hi\\n\"") ==
                "42\n1000\n3.14\n.5\n1e-3\ntrue\nfalse\nnil\nθ\n\"hi\\n\"")
        #expect(sexpr(#""a\(x)b\(y + 1)""#) == #"(str "a" x "b" (+ y 1))"#)
    }

    @Test(arguments: [
        ("-2 ** 2", "(- (** 2 2))"),
        ("2 ** 3 ** 2", "(** 2 (** 3 2))"),
        ("2 ** -1", "(** 2 (- 1))"),
        ("-a * b", "(* (- a) b)"),
        ("+a - -b", "(- (+ a) (- b))"),
        ("not a == b", "(not (== a b))"),
        ("not a and b", "(and (not a) b)"),
        ("not not a", "(not (not a))"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c and d", "(or (and a b) (and c d))"),
        ("a + b * c @ d", "(+ a (@ (* b c) d))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b // c % d", "(% (// (/ a b) c) d)"),
        ("a + b < c * d", "(< (+ a b) (* c d))"),
        ("a != b", "(!= a b)"),
        ("a <= b or a >= b or a > b", "(or (or (<= a b) (>= a b)) (> a b))"),
        ("(a < b) < c", "(< (< a b) c)"),
        ("-x.T", "(- (. x T))"),
        ("-f(x)[0] ** 2", "(- (** (index (call f x) 0) 2))"),
        ("(a + b) * c", "(* (+ a b) c)"),
    ])
    func precedence(source: String, expected: String) {
        #expect(sexpr(source) == expected)
    }

    @Test func calls() {
        #expect(sexpr("f()") == "(call f)")
        #expect(sexpr("f(a, b)") == "(call f a b)")
        #expect(sexpr("zeros((2, 3), dtype: f32)") == "(call zeros (tuple 2 3) dtype:f32)")
        #expect(sexpr("f(a, k: v, m: 2,)") == "(call f a k:v m:2)")
        #expect(sexpr("A.sum(axis: 0)") == "(call (. A sum) axis:0)")
        #expect(sexpr("f(a)(b)") == "(call (call f a) b)")
        #expect(sexpr("f(\n  a,\n  b\n)") == "(call f a b)")
    }

    @Test func indexing() {
        #expect(sexpr("A[i, j]") == "(index A i j)")
        #expect(sexpr("A[0]") == "(index A 0)")
        #expect(sexpr("A[:, 1]") == "(index A (: _ _ _) 1)")
        #expect(sexpr("A[1:]; A[:2]; A[1:2]; A[::2]; A[1::2]; A[:2:]; A[1:2:3]; A[::]") ==
                "(index A (: 1 _ _))\n(index A (: _ 2 _))\n(index A (: 1 2 _))\n(index A (: _ _ 2))\n"
                + "(index A (: 1 _ 2))\n(index A (: _ 2 _))\n(index A (: 1 2 3))\n(index A (: _ _ _))")
        #expect(sexpr("A[..., nil, -1]") == "(index A ... nil (- 1))")
        #expect(sexpr("A[mask > 0]") == "(index A (> mask 0))")
        #expect(sexpr("A[0][1]") == "(index (index A 0) 1)")
    }

    @Test func members() {
        #expect(sexpr("x.T") == "(. x T)")
        #expect(sexpr("r.lr.value") == "(. (. r lr) value)")
        #expect(sexpr("x.shape[0]") == "(index (. x shape) 0)")
    }

    @Test func tensorsTuplesAndRecords() {
        #expect(sexpr("[]") == "(tensor)")
        #expect(sexpr("[1, 2, 3]") == "(tensor 1 2 3)")
        #expect(sexpr("[[1, 2], [3, 4],]") == "(tensor (tensor 1 2) (tensor 3 4))")
        #expect(sexpr("[\n  [1, 2],\n  [3, 4]\n]") == "(tensor (tensor 1 2) (tensor 3 4))")
        #expect(sexpr("()") == "(tuple)")
        #expect(sexpr("(5,)") == "(tuple 5)")
        #expect(sexpr("(1, \"a\", x)") == "(tuple 1 \"a\" x)")
        #expect(sexpr("(5)") == "5")
        #expect(sexpr("{lr: 0.1, W: w}") == "(record lr:0.1 W:w)")
        #expect(sexpr("{}") == "(record)")
        #expect(sexpr("{\n  lr: 0.1,\n  \"W\": w,\n}") == "(record lr:0.1 W:w)")
        #expect(sexpr("{a: {b: 1}}.a.b") == "(. (. (record a:(record b:1)) a) b)")
    }

    @Test func anonymousFunctions() {
        #expect(sexpr("fn(x) = x * 2") == "(fn (x) = (* x 2))")
        #expect(sexpr("fn(x) { return x * 2 }") == "(fn (x) {(return (* x 2))})")
        #expect(sexpr("map(fn(x) = x + 1, xs)") == "(call map (fn (x) = (+ x 1)) xs)")
        #expect(sexpr("f(fn(a, b) {\n  let c = a\n  return c + b\n}, 3)") ==
                "(call f (fn (a b) {(let c a) (return (+ c b))}) 3)")
        #expect(sexpr("fn() = fn(y) = y") == "(fn () = (fn (y) = y))")
    }

    @Test func spansCoverTheWholeExpression() throws {
        let program = try Parser.parse(SourceFile(name: "t.la", text: "let v = f(a, k: 2)[0].T + (1)"))
        guard case .let(_, let nameSpan, let value) = program.statements.first?.kind else {
            Issue.record("expected a let")
            return
        }
        #expect(nameSpan.start.column == 5 && nameSpan.end.column == 6)
        #expect(value.span.start.column == 9 && value.span.end.column == 30)
        guard case .binary(_, let left, let right) = value.kind else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(left.span.start.column == 9 && left.span.end.column == 24)
        #expect(right.span.start.column == 27 && right.span.end.column == 30)
    }
}
