import Testing
@testable import LASyntax

@Suite struct ParserErrorTests {
    @Test(arguments: [
        ("a < b < c", "1:7: comparisons cannot be chained: write 'a < b and b < c' instead of 'a < b < c'"),
        ("x == y != z", "1:8: comparisons cannot be chained: write 'a == b and b != c' instead of 'a == b != c'"),
        ("1 = 2", "1:1: cannot assign to this expression: the left side of '=' must be a name, an index a[i] or a field r.name"),
        ("f() = 3", "1:1: cannot assign to this expression: the left side of '=' must be a name, an index a[i] or a field r.name"),
        ("a + b += 1", "1:1: cannot assign to this expression: the left side of '+=' must be a name, an index a[i] or a field r.name"),
        ("f(k: 1, 2)", "1:9: positional argument after named arguments: put positional arguments first"),
        ("f(k: 1, k: 2)", "1:9: argument 'k' given twice"),
        ("let x = (1 + 2", "1:15: expected ')' to close '(' at 1:9"),
        ("let x = [1, 2", "1:14: expected ']' to close '[' at 1:9"),
        ("f(1 2)", "1:5: expected ')' to close '(' at 1:2"),
        ("A[]", "1:2: empty index: write a[i], a[i, j] or a[:]"),
        ("A[1:2 3]", "1:7: expected ']' to close '[' at 1:2"),
        ("else { }", "1:1: unexpected 'else'"),
        ("}", "1:1: unexpected '}'"),
        (")", "1:1: unexpected ')'"),
        ("let = 3", "1:5: expected a name after 'let', found '='"),
        ("let x 3", "1:7: expected '=' after 'let x', found integer '3'"),
        ("let () = t", "1:5: 'let ()' binds no names"),
        ("let (a, 1) = t", "1:9: expected a name to bind, found integer '1'"),
        ("let x = ", "1:9: expected an expression, found end of file"),
        ("let x = 1 2", "1:11: expected the end of the statement (a new line or ';'), found integer '2'"),
        ("x = * 2", "1:5: expected an expression, found '*'"),
        ("if x y", "1:6: expected '{' to begin the body of if, found name 'y'"),
        ("if x { y", "1:9: expected '}' to close '{' at 1:6"),
        ("while { }", "1:7: expected an expression after 'while', found '{'"),
        ("for i in { }", "1:10: expected an expression after 'for i in', found '{'"),
        ("if {a: 1}.a { }", "1:4: expected an expression after 'if', found '{'"),
        ("for 1 in x { }", "1:5: expected a loop variable after 'for', found integer '1'"),
        ("for i x { }", "1:7: expected 'in' after 'for i', found name 'x'"),
        ("fn f { }", "1:6: expected '(' to begin the parameters of fn f, found '{'"),
        ("fn f(x)", "1:8: expected '=' or '{' to begin the body of fn f, found end of file"),
        ("fn f(x, x) = x", "1:9: duplicate parameter 'x'"),
        ("fn f(a = 1, b) = a", "1:13: parameter 'b' needs a default value because 'a' before it has one"),
        ("fn f(1) = 1", "1:6: expected a parameter name, found integer '1'"),
        ("fn f(x: n) = x", "1:9: expected a shape pattern such as [n, d], found name 'n'"),
        ("fn f(x: [n, 1.5]) = x", "1:13: expected a dimension (a name, an integer, '_' or '...'), found number '1.5'"),
        ("fn f(x: [99999999999999999999]) = x", "1:10: dimension 99999999999999999999 is too large"),
        ("fn f(x) -> n = x", "1:12: expected a shape pattern such as [n, d], found name 'n'"),
        ("import 3", "1:8: expected a module name after 'import', found integer '3'"),
        ("use", "1:4: expected a feature name after 'use', found end of file"),
        ("x.1", "1:2: expected the end of the statement (a new line or ';'), found number '.1'"),
        ("x.(", "1:3: expected a name after '.', found '('"),
        ("{a 1}", "1:4: expected ':' after field name 'a'"),
        ("{1: 2}", "1:2: expected a field name, found integer '1'"),
        ("{a: 1, a: 2}", "1:8: duplicate field 'a' in record"),
        ("{a: 1 b: 2}", "1:7: expected '}' to close '{' at 1:1"),
        ("print(\"\\()\")", "1:8: empty interpolation: put an expression inside '\\()'"),
        ("print(\"\\(a b)\")", "1:12: expected ')' to close '\\(' at 1:8, found name 'b'"),
        ("A[...:]", "1:6: expected ']' to close '[' at 1:2"),
    ])
    func errorMessageAndPosition(source: String, expected: String) {
        #expect(syntaxErrors(source) == [expected])
    }

    @Test func diagnosticsCarryKindFileAndTokenSpan() throws {
        let errors = diagnostics("let x = 1\nlet y = x +* 2\n", file: "prog.la")
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.kind == .syntaxError)
        #expect(error.file == "prog.la")
        #expect(error.message == "expected an expression, found '*'")
        #expect(error.span?.start == LASyntax.SourceLocation(offset: 21, line: 2, column: 12))
        #expect(error.span?.end == LASyntax.SourceLocation(offset: 22, line: 2, column: 13))
    }

    @Test func lexicalErrorsAreReportedOnceWithTheirSpan() {
        #expect(syntaxErrors("let s = \"abc\nlet t = 1") ==
                ["1:9: unterminated string: add a closing '\"' before the end of the line"])
        #expect(syntaxErrors("let n = 1e") == ["1:9: malformed number '1e': exponent has no digits"])
        #expect(syntaxErrors("x = a $ b") == ["1:7: unexpected character '$'"])
    }

    @Test func threeErrorsGiveThreeDiagnostics() {
        let source = """
            let a = 1
            let = 2
            print(a)
            let b = (a + ) * 2
            if a { print(b) }
            let c = a < b < 3
            print(c)
            """
        #expect(syntaxErrors(source) == [
            "2:5: expected a name after 'let', found '='",
            "4:14: expected an expression, found ')'",
            "6:15: comparisons cannot be chained: write 'a < b and b < c' instead of 'a < b < c'",
        ])
    }

    @Test func recoveryInsideBlocksKeepsParsingTheBlockAndWhatFollows() {
        let source = """
            fn f(x) {
              let y = x +
              let z = )
              return z
            }
            fn g() { 1 = 2 }
            } stray
            let ok = 1 $ 2
            let fine = "unterminated
            for i in x { else }
            """
        #expect(syntaxErrors(source) == [
            "3:3: expected an expression, found 'let'",
            "6:10: cannot assign to this expression: the left side of '=' must be a name, an index a[i] or a field r.name",
            "7:1: unexpected '}'",
            "8:12: unexpected character '$'",
            "9:12: unterminated string: add a closing '\"' before the end of the line",
            "10:14: unexpected 'else'",
        ])
    }

    @Test func lexicalAndSyntaxErrorsOnOneLineAreBothReportedInOrder() {
        #expect(syntaxErrors("let = 1 $") == ["1:5: expected a name after 'let', found '='",
                                              "1:9: unexpected character '$'"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for (open, close, depth) in [("(", ")", 100_000), ("[", "]", 100_000), ("-", "", 10_000),
                                     ("not ", "", 10_000), ("f(", ")", 10_000), ("a[", "]", 10_000)] {
            let source = "let x = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
            let errors = syntaxErrors(source)
            #expect(errors.count == 1)
            #expect(errors.first?.contains("nesting too deep: more than 256 levels") == true)
        }
        let blocks = String(repeating: "if x {\n", count: 1000) + String(repeating: "}\n", count: 1000)
        #expect(syntaxErrors(blocks).first?.contains("nesting too deep") == true)
        let records = "x = " + String(repeating: "{a: ", count: 1000) + "1" + String(repeating: "}", count: 1000)
        #expect(syntaxErrors(records).first?.contains("nesting too deep") == true)
        // Long left-associative chains build tall trees without recursing; they are bounded too.
        for (term, separator) in [("1", " + "), ("b", "."), ("()", ""), ("[0]", ""), ("x", " and "), ("2", " ** ")] {
            let chain = "y = a" + separator + Array(repeating: term, count: 10_000).joined(separator: separator)
            let errors = syntaxErrors(chain)
            #expect(errors.count == 1)
            #expect(errors.first?.contains("nesting too deep") == true)
        }
        let strings = "x = " + String(repeating: "\"\\(", count: 100) + String(repeating: ")\"", count: 100)
        #expect(syntaxErrors(strings).first?.contains("nested too deeply") == true)
        #expect(syntaxErrors(strings).count == 1)
    }

    @Test func nestingJustUnderTheLimitParses() {
        let depth = Parser.maxNestingDepth - 2
        let source = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(sexpr(source) == "1")
        let sum = "x = " + Array(repeating: "a * b", count: 100).joined(separator: " + ")
        #expect(syntaxErrors(sum).isEmpty)
        let terms = "x = " + Array(repeating: "a", count: 250).joined(separator: " + ")
        #expect(syntaxErrors(terms).isEmpty)
        let members = "x = a" + String(repeating: ".b", count: 200)
        #expect(syntaxErrors(members).isEmpty)
        let blocks = String(repeating: "while x {\n", count: 100) + String(repeating: "}\n", count: 100)
        #expect(syntaxErrors(blocks).isEmpty)
    }

    @Test func anUnclosedBracketReportsTheOpenerPosition() {
        #expect(syntaxErrors("let x = f(1,\n  2\nlet y = 3") == ["2:4: expected ')' to close '(' at 1:10"])
        // The statement after it is parsed again, so its own errors are reported too.
        #expect(syntaxErrors("let x = [1, 2\n\n# comment\n  let = 1\nprint(x)") ==
                ["1:14: expected ']' to close '[' at 1:9", "4:7: expected a name after 'let', found '='"])
        #expect(syntaxErrors("if x {\n  f(a,\n  return 1\n}\nlet = 2") ==
                ["3:3: expected an expression, found 'return'", "5:5: expected a name after 'let', found '='"])
    }
}
