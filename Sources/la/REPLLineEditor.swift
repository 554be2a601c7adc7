import CEdit
import Foundation

/// Reads REPL input lines with libedit: emacs-style editing, arrow keys, and
/// history kept across sessions in a file (`~/.la_history`).
final class REPLLineEditor {
    /// One read from the terminal.
    enum Input: Equatable {
        /// A line the user entered, without its newline.
        case line(String)
        /// Ctrl-C: the line being edited was discarded.
        case cancelled
        /// Ctrl-D on an empty line, or the end of the input.
        case endOfInput
    }

    /// Most entries kept in the history file.
    static let historySize: Int32 = 1000

    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    /// Shared with the C callbacks through EL_CLIENTDATA; owned here.
    private let state: UnsafeMutablePointer<la_edit_state>
    /// The prompt text the C side points at while a line is read.
    private var prompt: UnsafeMutablePointer<CChar>?

    /// Opens an editor on standard input/output.
    /// - Throws: `REPLError` when libedit cannot be set up.
    init(historyPath: String?) throws {
        Self.useUTF8Characters()
        guard let history = la_history_open(Self.historySize) else {
            throw REPLError("cannot set up the line editor's history")
        }
        state = .allocate(capacity: 1)
        state.initialize(to: la_edit_state(prompt: nil, cancelled: 0))
        guard let editor = la_edit_open("la", history, state) else {
            history_end(history)
            state.deallocate()
            throw REPLError("cannot set up the line editor")
        }
        self.editor = editor
        self.history = history
        self.historyPath = historyPath
        if let historyPath { _ = la_history_load(history, historyPath) }
    }

    /// libedit edits multibyte characters only under a UTF-8 `LC_CTYPE`:
    /// take the user's locale, or C.UTF-8 when theirs is not UTF-8.
    private static func useUTF8Characters() {
        if setlocale(LC_CTYPE, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(prompt)
        state.deallocate()
    }

    /// Shows `prompt` and reads one edited line.
    func readLine(prompt text: String) -> Input {
        free(prompt)
        prompt = strdup(text)
        state.pointee.prompt = UnsafePointer(prompt)
        state.pointee.cancelled = 0
        el_resize(editor)  // the window may have changed size since the last line
        var count: Int32 = 0
        guard let raw = el_gets(editor, &count), count > 0 else { return .endOfInput }
        if state.pointee.cancelled != 0 { return .cancelled }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a non-blank line to the history and saves the history file.
    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        _ = la_history_enter(history, line)
        if let historyPath { _ = la_history_save(history, historyPath) }
    }
}

/// A problem of the REPL itself (not of the la code it runs).
struct REPLError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
