import Testing
@testable import LASyntax

@Suite struct LexerTests {
    static func lex(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        Lexer.tokenize(SourceFile(name: "t.la", text: text))
    }

    /// `line:column-line:column message` of each lexical error.
    static func errors(_ text: String) -> [String] {
        lex(text).diagnostics.map { d in
            let s = d.span.map { "\($0.start.line):\($0.start.column)-\($0.end.line):\($0.end.column)" } ?? "?"
            return "\(s) \(d.message)"
        }
    }

    @Test func everyOperatorAndPunctuation() {
        let spellings = ["+", "-", "*", "/", "//", "%", "@", "**", "==", "!=", "<", "<=", ">", ">=", "=", "+=",
                         "-=", "*=", "/=", "@=", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "...", "->"]
        // Separated by spaces each lexes alone; the list covers every operator kind.
        #expect(tokens(spellings.joined(separator: " ")) == spellings)
        let operatorKinds = TokenKind.allCases.filter(\.isOperatorOrPunctuation).map(\.rawValue)
        #expect(Set(operatorKinds) == Set(spellings))
    }

    @Test func longestOperatorWins() {
        #expect(tokens("a//b**c<=d->e...f") == ["id:a", "//", "id:b", "**", "id:c", "<=", "id:d", "->", "id:e",
                                              "...", "id:f"])
        #expect(tokens("x.T") == ["id:x", ".", "id:T"])
        #expect(tokens("a[..., 1]") == ["id:a", "[", "...", ",", "int:1", "]"])
    }

    @Test func everyKeyword() {
        let words = "let fn return if else while for in break continue and or not true false nil import use assert"
        #expect(tokens(words) == words.split(separator: " ").map(String.init))
        #expect(tokens("lets iff notx") == ["id:lets", "id:iff", "id:notx"])
    }

    @Test func identifiersWithUnicodeLetters() {
        #expect(tokens("θ α Δx _tmp x2 Aᵀ naïve x̂") == ["id:θ", "id:α", "id:Δx", "id:_tmp", "id:x2", "id:Aᵀ",
                                                       "id:naïve", "id:x̂"])
    }

    @Test func columnsCountUnicodeScalars() {
        let (toks, _) = Self.lex("let Δx = 1\n  θ")
        let spans = toks.map { "\($0.span.start.line):\($0.span.start.column)-\($0.span.end.column)" }
        #expect(spans == ["1:1-4", "1:5-7", "1:8-9", "1:10-11", "1:11-1", "2:3-4", "2:4-4"])
        // UTF-8 offsets: Δ is two bytes.
        #expect(toks[2].span.start.offset == 8)
    }

    @Test func numbers() {
        #expect(tokens("42 1_000_000 3.14 .5 1e-3 2.5E+4 7e2 0") ==
                ["int:42", "int:1000000", "float:3.14", "float:.5", "float:1e-3", "float:2.5E+4", "float:7e2", "int:0"])
        // A huge integer lexes; the compiler decides whether it fits.
        #expect(tokens("123456789012345678901234567890") == ["int:123456789012345678901234567890"])
        // `1.` followed by a name is member access, not a float.
        #expect(tokens("1.T") == ["int:1", ".", "id:T"])
    }

    @Test func malformedNumbers() {
        #expect(Self.errors("1e") == ["1:1-1:3 malformed number '1e': exponent has no digits"])
        #expect(Self.errors("x = 1e+") == ["1:5-1:8 malformed number '1e+': exponent has no digits"])
        #expect(Self.errors("1__0") == ["1:1-1:5 malformed number '1__0': '_' must separate two digits"])
        #expect(Self.errors("10_") == ["1:1-1:4 malformed number '10_': '_' must separate two digits"])
        #expect(Self.errors("1.2.3") == ["1:1-1:6 malformed number '1.2.3': more than one decimal point"])
        #expect(Self.errors("12ab") == ["1:1-1:5 malformed number '12ab': unexpected 'a' after the digits"])
        #expect(tokens("1e") == ["error"])
    }

    @Test func stringsAndEscapes() throws {
        let (toks, errors) = Self.lex(#""a\tb\n\\ \"q\" \u{1F600}\u{3B8}" """#)
        #expect(errors.isEmpty)
        #expect(toks.first?.stringParts == [.text("a\tb\n\\ \"q\" 😀θ")])
        #expect(Self.lex(#""""#).tokens.first?.stringParts == [.text("")])
    }

    @Test func interpolationLexesTheInnerExpression() throws {
        let (toks, errors) = Self.lex(#""C = \(A @ B)!""#)
        #expect(errors.isEmpty)
        let parts = try #require(toks.first?.stringParts)
        #expect(parts.count == 3)
        guard case .interpolation(let inner, let span) = parts[1] else {
            Issue.record("expected an interpolation")
            return
        }
        #expect(inner.map(\.kind) == [.identifier, .at, .identifier, .eof])
        #expect(inner[0].span.start.column == 8)
        #expect(span.start.column == 6 && span.end.column == 14)
    }

    @Test func interpolationWithNestedParenthesesAndStrings() {
        #expect(sexpr(#"print("a \(f((1 + 2) * 3, "x\(y)z")) b")"#)
                == #"(call print (str "a " (call f (* (+ 1 2) 3) (str "x" y "z")) " b"))"#)
    }

    @Test func stringErrors() {
        #expect(Self.errors("let s = \"abc\nlet t = 1") ==
                ["1:9-1:13 unterminated string: add a closing '\"' before the end of the line"])
        #expect(Self.errors(#"x = "a\qb""#) ==
                [#"1:7-1:9 unknown escape '\q' in string; the escapes are \n \t \\ \" \u{...} \(...)"#])
        #expect(Self.errors(#""\u{110000}" "\u{}" "\u12""#) == [
            #"1:2-1:12 invalid unicode escape '\u{110000}': expected \u{...} with 1 to 8 hex digits naming a Unicode scalar"#,
            #"1:15-1:19 invalid unicode escape '\u{}': expected \u{...} with 1 to 8 hex digits naming a Unicode scalar"#,
            #"1:22-1:24 invalid unicode escape '\u': expected \u{...} with 1 to 8 hex digits naming a Unicode scalar"#,
        ])
        #expect(Self.errors(#""a \(b + c"#).count == 1)
        #expect(Self.errors(#""a \(b + c"#).first?.hasSuffix("unterminated string: add a closing '\"' before the end of the line") == true)
        #expect(Self.errors("'single'").first == "1:1-1:2 unexpected character ''': strings use double quotes, \"like this\"")
    }

    @Test func unknownCharacters() {
        #expect(Self.errors("a $ b ! c → d") == ["1:3-1:4 unexpected character '$'",
                                                 "1:7-1:8 unexpected character '!': write 'not x' for negation",
                                                 "1:11-1:12 unexpected character '→'"])
        #expect(Self.errors("a && b || c ^ 2") == ["1:3-1:5 unexpected characters '&&': write 'and'",
                                                   "1:8-1:10 unexpected characters '||': write 'or'",
                                                   "1:13-1:14 unexpected character '^': write '**' for powers"])
        #expect(tokens("a $ b") == ["id:a", "error", "id:b"])
    }

    @Test func commentsAndShebang() {
        #expect(tokens("#!/usr/bin/env la\nlet x = 1 # one\n# only a comment\nx") ==
                ["let", "id:x", "=", "int:1", "⏎", "id:x"])
    }

    @Test func newlinesEndStatementsButContinueInsideBracketsAndAfterOperators() {
        #expect(tokens("a\nb;c") == ["id:a", "⏎", "id:b", ";", "id:c"])
        #expect(tokens("f(1,\n2\n)\n[3\n]") == ["id:f", "(", "int:1", ",", "int:2", ")", "⏎", "[", "int:3", "]"])
        #expect(tokens("x = a +\n b and\n c") == ["id:x", "=", "id:a", "+", "id:b", "and",
                                                  "id:c"])
        #expect(tokens("let y =\n 2") == ["let", "id:y", "=", "int:2"])
        // Blank lines collapse; a leading newline is dropped.
        #expect(tokens("\n\na\n\n\nb\n") == ["id:a", "⏎", "id:b", "⏎"])
        // Inside braces (blocks, records) newlines are kept for the parser.
        #expect(tokens("{\na\n}") == ["{", "⏎", "id:a", "⏎", "}"])
        // A block inside parentheses makes newlines significant again.
        #expect(tokens("f(fn(x) {\na\nb\n})") == ["id:f", "(", "fn", "(", "id:x", ")", "{", "⏎", "id:a", "⏎", "id:b",
                                                 "⏎", "}", ")"])
    }

    @Test func newlineContinuesAfterEveryBinaryOperatorCommaAndArrow() {
        for op in ["+", "-", "*", "/", "//", "%", "@", "**", "==", "!=", "<", "<=", ">", ">=", "and", "or", "not",
                   "=", "+=", "-=", "*=", "/=", "@=", ",", "->", "."] {
            #expect(!tokens("a \(op)\n b").contains("⏎"), "after \(op)")
        }
        for end in ["a", "1", "\"s\"", ")", "]", "}", "true", "nil", "break"] {
            #expect(tokens("\(end)\nb").contains("⏎"), "after \(end)")
        }
    }

    @Test func anOpenBracketBeforeAStatementKeywordEndsTheLine() {
        #expect(tokens("f(a\nlet b = 1\nc") == ["id:f", "(", "id:a", "⏎", "let", "id:b", "=", "int:1", "⏎", "id:c"])
        // Other words continue the bracket as usual.
        #expect(tokens("f(a\n letter)") == ["id:f", "(", "id:a", "id:letter", ")"])
    }

    @Test func hashInsideAStringIsText() {
        #expect(Self.lex(#""a # b" # c"#).tokens.first?.stringParts == [.text("a # b")])
        #expect(tokens(#""a # b" # c"#) == ["str"])
    }

    @Test func carriageReturnsAreWhitespace() {
        #expect(tokens("a\r\nb\r\n") == ["id:a", "⏎", "id:b", "⏎"])
    }

    @Test func eofPointsAtTheEndOfTheLastLine() {
        let toks = Self.lex("ab\n").tokens
        #expect(toks.last?.kind == .eof)
        #expect(toks.last?.span.start.line == 1 && toks.last?.span.start.column == 3)
    }
}
