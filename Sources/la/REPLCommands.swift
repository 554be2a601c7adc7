import Foundation
import LA

/// A REPL command: an input line starting with `:`.
enum REPLCommand: Equatable {
    case help
    case exact(Bool)
    case time
    case load(String)
    case reset
    case vars
    case quit

    /// The command spelled by `line`; nil when the line is la code.
    /// - Throws: `REPLError` for an unknown command or bad arguments.
    static func parse(_ line: String) throws -> REPLCommand? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(":") else { return nil }
        let words = trimmed.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = words.first ?? ""
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        let command: REPLCommand
        switch name {
        case "help", "h", "?": command = .help
        case "exact":
            switch argument {
            case "on": return .exact(true)
            case "off": return .exact(false)
            default: throw REPLError("usage: :exact on|off")
            }
        case "time": command = .time
        case "load":
            guard !argument.isEmpty else { throw REPLError("usage: :load file.la") }
            return .load(argument)
        case "reset": command = .reset
        case "vars": command = .vars
        case "quit", "q", "exit": command = .quit
        default: throw REPLError("unknown command ':\(name)' (type :help for the list)")
        }
        guard argument.isEmpty else { throw REPLError(":\(name) takes no argument") }
        return command
    }

    static let helpText = """
        Type la code to run it; the value of an expression is shown.
        Input continues on a `... ` line while brackets or a block are open.
          :help           this text
          :exact on|off   exact mode (rationals); starts a new session, so globals reset
          :time           toggle showing how long each evaluation takes
          :load FILE      run FILE in this session
          :reset          forget every global
          :vars           list the globals with their types (tensors: dtype and shape)
          :quit           leave (also Ctrl-D on an empty line)
        Ctrl-C discards the line being typed, or stops a running computation.

        """
}

/// One line of `:vars`: tensors show dtype and shape, other values their type and `repr`.
func describeGlobal(_ value: Value) -> String {
    switch value {
    case .tensor(let box): return Printer.header(box.tensor)
    case .closure, .builtin: return "function"
    default:
        let repr = value.repr
        let shown = repr.count > 60 ? repr.prefix(57) + "..." : Substring(repr)
        return "\(value.typeName) = \(shown)"
    }
}
