import Testing
import LASyntax

@Suite struct SourceFileTests {
    @Test func linesAreOneBased() {
        let file = SourceFile(name: "t.la", text: "let a = 1\nlet b = 2\n")
        #expect(file.line(1) == "let a = 1")
        #expect(file.line(2) == "let b = 2")
        #expect(file.line(3) == "")
        #expect(file.line(4) == nil)
        #expect(file.line(0) == nil)
    }
}

@Suite struct SourceFileLineEndingTests {
    @Test func crlfLinesAreSplitWithoutCarriageReturns() {
        let file = SourceFile(name: "t.la", text: "let a = 1\r\nlet b = 2\r\n")
        #expect(file.line(1) == "let a = 1")
        #expect(file.line(2) == "let b = 2")
        #expect(file.line(3) == "")
    }
}
