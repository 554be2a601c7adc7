/// A readable listing of bytecode, for `la disasm` and for tests.
public enum Disassembler {
    /// Lists `chunk` and then, indented, every nested prototype.
    public static func listing(_ chunk: Chunk) -> String {
        var out = ""
        write(chunk, indent: "", into: &out)
        return out
    }

    private static func write(_ chunk: Chunk, indent: String, into out: inout String) {
        let parameters = chunk.parameters.map { $0.hasDefault ? "\($0.name)=…" : $0.name }.joined(separator: ", ")
        out += "\(indent)function \(chunk.name)(\(parameters)): \(chunk.registerCount) registers, "
            + "\(chunk.constants.count) constants, \(chunk.upvalues.count) upvalues\(chunk.exactMode ? ", exact" : "")\n"
        for (index, upvalue) in chunk.upvalues.enumerated() {
            out += "\(indent)  upvalue \(index): \(upvalue.name) ← \(upvalue.fromParentRegister ? "R" : "U")[\(upvalue.index)]\n"
        }
        for (pc, word) in chunk.code.enumerated() {
            out += indent + line(pc: pc, word: word, chunk: chunk) + "\n"
        }
        for prototype in chunk.prototypes {
            write(prototype, indent: indent + "    ", into: &out)
        }
    }

    /// One instruction: `0004  [3]  ADD  2 0 1  ; comment`.
    public static func line(pc: Int, word: UInt32, chunk: Chunk) -> String {
        let lineNumber = (pc < chunk.spans.count ? chunk.spans[pc]?.start.line : nil).map { "[\($0)]" } ?? "[-]"
        let position = String(pc).leftPadded(to: 4, with: "0")
        guard let op = Instruction.opcode(word) else {
            return "\(position)  \(lineNumber.padded(to: 6)) <invalid \(word)>"
        }
        let a = Instruction.a(word), b = Instruction.b(word), c = Instruction.c(word)
        let operands: String
        var comment = ""
        switch op.info.format {
        case .a: operands = "\(a)"
        case .ab: operands = "\(a) \(b)"
        case .abc: operands = "\(a) \(b) \(c)"
        case .aBx: operands = "\(a) \(Instruction.bx(word))"
        case .aSBx:
            let offset = Instruction.sBx(word)
            operands = "\(a) \(offset)"
            if op != .loadint { comment = "to \(pc + 1 + offset)" }
        case .ax: operands = "\(Instruction.ax(word))"
        }
        switch op {
        case .loadk, .import, .checkshape:
            comment = describe(constant: Instruction.bx(word), in: chunk)
        case .setmember:
            comment = describe(constant: Instruction.bx(word), in: chunk)
        case .addk, .subk, .mulk, .divk, .eqk, .nek, .ltk, .lek, .gtk, .gek:
            comment = describe(constant: c, in: chunk)
        case .closure:
            let index = Instruction.bx(word)
            comment = index < chunk.prototypes.count ? chunk.prototypes[index].name : ""
        default: break
        }
        let text = "\(position)  \(lineNumber.padded(to: 6)) \(op.mnemonic.padded(to: 10)) \(operands)"
        return comment.isEmpty ? text : text.padded(to: 40) + " ; " + comment
    }

    private static func describe(constant index: Int, in chunk: Chunk) -> String {
        guard index < chunk.constants.count else { return "K[\(index)]?" }
        switch chunk.constants[index] {
        case .int(let value): return String(value)
        case .float(let value): return String(value)
        case .exact(let text): return "exact \(text)"
        case .string(let text): return "\"\(text)\""
        case .names(let names): return "(" + names.joined(separator: ", ") + ")"
        case .tensorLiteral(let elements, let shape): return "tensor \(shape) of \(elements.count) elements"
        case .ellipsis: return "..."
        case .shapeCheck(let check): return "\(check.subject): \(check.pattern)"
        }
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func leftPadded(to width: Int, with pad: Character) -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
