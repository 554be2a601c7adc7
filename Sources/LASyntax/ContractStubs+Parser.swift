// CONTRACT STUBS for the front end. The syntax work implements these in
// Lexer.swift / Parser*.swift / DiagnosticRenderer.swift with these
// signatures, then deletes this file.

/// Turns source text into a syntax tree.
public enum Parser {
    /// Parses a whole file. Throws a `DiagnosticList` holding every syntax
    /// error found (the parser recovers and continues after each one).
    public static func parse(_ file: SourceFile) throws -> Program {
        throw DiagnosticList([Diagnostic(.syntaxError, "parser not implemented", file: file.name)])
    }
}

/// Renders diagnostics the way SPEC §7 shows them.
public enum DiagnosticRenderer {
    /// The full text of `diagnostic` (ending in a newline). `source` supplies the
    /// code lines to show; `color` adds ANSI colours.
    public static func render(_ diagnostic: Diagnostic, source: SourceFile?, color: Bool) -> String {
        "error[\(diagnostic.kind.rawValue)]: \(diagnostic.message)\n"
    }
}
