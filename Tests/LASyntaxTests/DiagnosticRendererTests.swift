import Testing
import LASyntax

@Suite struct DiagnosticRendererTests {
    static func location(_ line: Int, _ column: Int) -> LASyntax.SourceLocation {
        LASyntax.SourceLocation(offset: 0, line: line, column: column)
    }

    static func span(_ line: Int, _ column: Int, width: Int = 1) -> SourceSpan {
        SourceSpan(start: location(line, column), end: location(line, column + width))
    }

    static let model = SourceFile(name: "model.la", text: """
        # a model
        fn layer(A, B) {
          let C = A @ B
          return C
        }

        let A = ones((2, 3))
        let B = ones((4, 2))
        layer(A, B)

        """)

    /// SPEC §7's example, character for character.
    @Test func specExample() {
        let diagnostic = Diagnostic(
            .shapeError, "matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4", file: "model.la",
            span: Self.span(3, 13),
            labels: [DiagnosticLabel(span: Self.span(3, 11), text: "(2, 3)"),
                     DiagnosticLabel(span: Self.span(3, 15), text: "(4, 2)")],
            help: ["B.T has shape (2, 4); A @ B.T would be (2, 2)"],
            stack: [StackFrame(function: "layer", file: "model.la", location: Self.location(3, 13)),
                    StackFrame(function: "<script>", file: "model.la", location: Self.location(9, 1))])
        // The SPEC shows the line without indentation; this source indents it by two.
        #expect(DiagnosticRenderer.render(diagnostic, source: Self.model, color: false) == """
            error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4
             --> model.la:3:13
              |
            3 |   let C = A @ B
              |           - ^ - (4, 2)
              |           (2, 3)
              = help: B.T has shape (2, 4); A @ B.T would be (2, 2)
              in fn layer at model.la:9

            """)
    }

    @Test func specExampleUnindented() {
        let source = SourceFile(name: "model.la", text: "\n\nlet C = A @ B\n")
        let diagnostic = Diagnostic(
            .shapeError, "matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4", file: "model.la",
            span: Self.span(3, 11),
            labels: [DiagnosticLabel(span: Self.span(3, 9), text: "(2, 3)"),
                     DiagnosticLabel(span: Self.span(3, 13), text: "(4, 2)")],
            help: ["B.T has shape (2, 4); A @ B.T would be (2, 2)"],
            stack: [StackFrame(function: "layer", file: "model.la", location: Self.location(3, 11)),
                    StackFrame(function: "<script>", file: "model.la", location: Self.location(9, 1))])
        #expect(DiagnosticRenderer.render(diagnostic, source: source, color: false) == """
            error[ShapeError]: matmul: inner dimensions differ: (2, 3) @ (4, 2), 3 ≠ 4
             --> model.la:3:11
              |
            3 | let C = A @ B
              |         - ^ - (4, 2)
              |         (2, 3)
              = help: B.T has shape (2, 4); A @ B.T would be (2, 2)
              in fn layer at model.la:9

            """)
    }

    @Test func withoutSpanOnlyTheHeader() {
        let diagnostic = Diagnostic(.valueError, "boom")
        #expect(DiagnosticRenderer.render(diagnostic, source: nil, color: false) == "error[ValueError]: boom\n")
    }

    @Test func withoutSourceTextOnlyTheLocation() {
        let diagnostic = Diagnostic(.indexError, "index 5 is out of range for axis 0 with size 3", file: "gone.la",
                                    span: Self.span(7, 3), help: ["valid indices are -3 to 2"])
        #expect(DiagnosticRenderer.render(diagnostic, source: nil, color: false) == """
            error[IndexError]: index 5 is out of range for axis 0 with size 3
             --> gone.la:7:3
              = help: valid indices are -3 to 2

            """)
    }

    @Test func syntaxErrorFromTheParser() throws {
        let source = SourceFile(name: "bad.la", text: "let x = 1\nlet y = (x + 2\nlet z = y\n")
        let errors = diagnostics(source.text, file: "bad.la")
        let first = try #require(errors.first)
        #expect(DiagnosticRenderer.render(first, source: source, color: false) == """
            error[SyntaxError]: expected ')' to close '(' at 2:9
             --> bad.la:2:15
              |
            2 | let y = (x + 2
              |               ^

            """)
    }

    @Test func caretPerCharacterPrimaryLabelNotesAndWideGutter() {
        let text = String(repeating: "\n", count: 11) + "let total = θ_values + 1\n"
        let diagnostic = Diagnostic(
            .nameError, "'θ_values' is not defined", file: "w.la", span: Self.span(12, 13, width: 8),
            primaryLabel: "not in scope", notes: ["names are visible from their declaration on"],
            help: ["declare it with let"])
        #expect(DiagnosticRenderer.render(diagnostic, source: SourceFile(name: "w.la", text: text), color: false) == """
            error[NameError]: 'θ_values' is not defined
              --> w.la:12:13
               |
            12 | let total = θ_values + 1
               |             ^^^^^^^^ not in scope
               = note: names are visible from their declaration on
               = help: declare it with let

            """)
    }

    @Test func labelLeftOfAnUnlabelledPrimaryGoesBelow() {
        let diagnostic = Diagnostic(
            .typeError, "cannot add", file: "t.la", span: Self.span(1, 11),
            labels: [DiagnosticLabel(span: Self.span(1, 1, width: 9), text: "string")])
        #expect(DiagnosticRenderer.render(diagnostic, source: SourceFile(name: "t.la", text: "\"a\" + 2.0 + x"),
                                          color: false) == """
            error[TypeError]: cannot add
             --> t.la:1:11
              |
            1 | "a" + 2.0 + x
              | --------- ^
              | string

            """)
    }

    @Test func multiLineSpanShowsFirstLineToItsEndAndLabelsOnOtherLines() {
        let source = SourceFile(name: "m.la", text: "let a = [1,\n  2]\nlet b = a +\n  c\n")
        let diagnostic = Diagnostic(
            .shapeError, "bad", file: "m.la",
            span: SourceSpan(start: Self.location(3, 9), end: Self.location(4, 4)),
            labels: [DiagnosticLabel(span: Self.span(1, 9, width: 3), text: "(2,)")],
            stack: [StackFrame(function: "<fn>", file: "m.la", location: Self.location(3, 9)),
                    StackFrame(function: "outer", file: "m.la", location: Self.location(20, 3)),
                    StackFrame(function: "<script>", file: "main.la", location: nil)])
        #expect(DiagnosticRenderer.render(diagnostic, source: source, color: false) == """
            error[ShapeError]: bad
             --> m.la:3:9
              |
            1 | let a = [1,
              |         --- (2,)
            3 | let b = a +
              |         ^^^
              in fn <fn> at m.la:20
              in fn outer

            """)
    }

    @Test func colorWrapsHeaderGutterAndMarks() {
        let source = SourceFile(name: "c.la", text: "x +\n")
        let diagnostic = Diagnostic(.syntaxError, "oops", file: "c.la", span: Self.span(1, 3))
        let esc = "\u{1B}"
        #expect(DiagnosticRenderer.render(diagnostic, source: source, color: true) == """
            \(esc)[1;31merror[SyntaxError]\(esc)[0m\(esc)[1m: oops\(esc)[0m
             \(esc)[1;34m-->\(esc)[0m c.la:1:3
             \(esc)[1;34m |\(esc)[0m
            \(esc)[1;34m1\(esc)[0m\(esc)[1;34m |\(esc)[0m x +
             \(esc)[1;34m |\(esc)[0m   \(esc)[1;31m^\(esc)[0m

            """)
    }

    @Test func tabsShowAsOneSpaceSoMarksLineUp() {
        let source = SourceFile(name: "t.la", text: "\tlet x = $\n")
        let errors = diagnostics(source.text)
        #expect(errors.count == 1)
        if let first = errors.first {
            #expect(DiagnosticRenderer.render(first, source: source, color: false).hasSuffix("""
                1 |  let x = $
                  |          ^

                """))
        }
    }
}
