@testable import LASyntax

/// Parses `text` and returns its S-expression, or the diagnostics' messages if it fails.
func sexpr(_ text: String) -> String {
    do {
        return try Parser.parse(SourceFile(name: "t.la", text: text)).sexpr
    } catch let list as DiagnosticList {
        return list.diagnostics.map { "error: \($0.message)" }.joined(separator: "\n")
    } catch {
        return "unexpected error \(error)"
    }
}

/// One syntax error, summarised as `line:column: message`.
func syntaxErrors(_ text: String) -> [String] {
    do {
        _ = try Parser.parse(SourceFile(name: "t.la", text: text))
        return []
    } catch let list as DiagnosticList {
        return list.diagnostics.map { diagnostic in
            let at = diagnostic.span.map { "\($0.start.line):\($0.start.column)" } ?? "?"
            return "\(at): \(diagnostic.message)"
        }
    } catch {
        return ["unexpected error \(error)"]
    }
}

/// The diagnostics of a failing parse (empty when it succeeds).
func diagnostics(_ text: String, file: String = "t.la") -> [Diagnostic] {
    do {
        _ = try Parser.parse(SourceFile(name: file, text: text))
        return []
    } catch let list as DiagnosticList {
        return list.diagnostics
    } catch {
        return []
    }
}

/// The tokens of `text` as `kind:text` strings (newlines as `⏎`), without the final eof.
func tokens(_ text: String) -> [String] {
    Lexer.tokenize(SourceFile(name: "t.la", text: text)).tokens.dropLast().map { token in
        switch token.kind {
        case .newline: return "⏎"
        case .identifier: return "id:\(token.text)"
        case .integer: return "int:\(token.text)"
        case .float: return "float:\(token.text)"
        case .string: return "str"
        case .error: return "error"
        default: return token.kind.rawValue
        }
    }
}
