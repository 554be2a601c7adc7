import LACompiler
import LAKernels

extension BuiltinLibrary {
    /// `explain(x)` and the builtin behind the compiler's `explain(expr)` form (see `ExplainForm`).
    static func explainBuiltins() -> [Builtin] {
        [
            Builtin("explain", [.required("x")]) { args in
                args.vm.options.output(Explain.nothingToExplain(args[0]).joined(separator: "\n") + "\n")
                return args[0]
            },
            Builtin(ExplainForm.builtinName, [.required("operation"), .required("method"), .required("callee")],
                    variadic: true) { args in
                try Explain.run(operation: try args.string(0), isMethod: try args.bool(1), callee: args[2],
                                operands: args.rest, vm: args.vm)
            },
        ]
    }
}

/// `explain(expr)` (SPEC §8): performs the operation, prints its worked
/// computation through the print sink, and returns the operation's result.
enum Explain {
    /// Runs `operation` (`"@"` or a callee's name) on `operands` and prints how it is computed.
    /// For `x.f(...)` (`isMethod`), a record `x` with a field `f` supplies the callee, as uniform
    /// call syntax does; otherwise `callee` is called with `x` as the first operand.
    static func run(operation: String, isMethod: Bool, callee: Value, operands: [Value], vm: VM) throws -> Value {
        var callee = callee
        var operands = operands
        if isMethod, case .record(let record)? = operands.first, let field = record[operation] {
            callee = field
            operands.removeFirst()
        }
        let result = try perform(operation, callee: callee, operands: operands, vm: vm)
        let tensors = operands.compactMap { try? vm.makeTensor(from: $0, dtype: nil) }
        let lines = tensors.count == operands.count ? try explanation(operation, tensors, result: result) : nil
        vm.options.output((lines ?? nothingToExplain(result)).joined(separator: "\n") + "\n")
        return result
    }

    private static func perform(_ operation: String, callee: Value, operands: [Value], vm: VM) throws -> Value {
        if operation == "@" {
            guard operands.count == 2 else { throw RuntimeError(.typeError, "explain: @ needs two operands") }
            return try vm.matmul(operands[0], operands[1])
        }
        switch callee {
        case .closure, .builtin: return try vm.callNative(callee, arguments: operands)
        case .nil: throw RuntimeError(.nameError, "explain: \(operation) is not declared")
        default: throw RuntimeError(.typeError, "explain: \(operation) is a \(callee.typeName), not a function")
        }
    }

    /// The worked lines for a known operation on numeric operands, or nil when there is nothing to show.
    private static func explanation(_ operation: String, _ operands: [Tensor], result: Value) throws -> [String]? {
        switch (operation, operands.count) {
        case ("@", 2), ("dot", 2), ("matmul", 2):
            return try ExplainMatmul.lines(operands[0], operands[1], result: result)
        case ("softmax", 1):
            return ExplainSoftmax.lines(operands[0], result: result)
        case ("cosine_similarity", 2):
            return try ExplainCosine.lines(operands[0], operands[1])
        case ("det", 1):
            return try ExplainElimination.det(operands[0], result: result)
        case ("inv", 1):
            return try ExplainElimination.inv(operands[0], result: result)
        case ("solve", 2):
            return try ExplainElimination.solve(operands[0], operands[1], result: result)
        case ("rref", 1):
            return try ExplainElimination.rref(operands[0], result: result)
        default:
            return nil
        }
    }

    /// What `explain` prints for an expression it cannot work through.
    static func nothingToExplain(_ value: Value) -> [String] {
        ["explain: nothing to explain for this expression; showing its value", value.printed]
    }

    /// `name = value`, on one line when the value prints on one line, else with the value below.
    static func resultLines(_ name: String, _ value: Value) -> [String] {
        let text = value.printed
        return text.contains("\n") ? ["\(name) ="] + text.split(separator: "\n").map(String.init) : ["\(name) = \(text)"]
    }

    /// `1 row swap`, `3 row swaps`.
    static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(plural ?? noun + "s")"
    }

    /// `(2, 3)`: a shape as la prints tuples.
    static func shape(_ tensor: Tensor) -> String { Tensor.formatShape(tensor.shape) }
}

/// The text of every number a worked line shows. Floats print as la prints
/// scalars; this is the one place exact mode will switch to fractions.
enum ExplainFormat {
    static func number(_ value: Double) -> String { Printer.format(value) }

    static func number(_ value: Int64) -> String { String(value) }

    /// An f32 with float32's own shortest digits, as la prints f32 elements.
    static func number(_ value: Float) -> String {
        FloatFormat.shortest(BinaryFloat(value), magnitude: Double(value.magnitude), upperBound: 1e6)
    }

    /// `value` rounded to `digits` significant digits (`0.3679`), for results a
    /// reader checks roughly: exponentials, square roots, quotients.
    static func approximate(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite, value != 0 else { return number(value) }
        let text = FloatFormat.scientific(BinaryFloat(value), precision: max(digits - 1, 0), trim: .pointAndZeros)
        return number(Double(text) ?? value)
    }

    /// A negative number or a fraction in parentheses, as inside a product: `(-3)`, `(5/2)`.
    static func parenthesised(_ text: String) -> String {
        text.hasPrefix("-") || text.contains("/") ? "(\(text))" : text
    }

    /// A matrix as rows of right-aligned columns, `[ 1.0  2.0 | 1.0  0.0 ]`, with a
    /// bar before column `split` (the right-hand side of an augmented matrix).
    static func matrix(_ rows: [[String]], split: Int? = nil) -> [String] {
        let columnCount = rows.first?.count ?? 0
        let widths = (0..<columnCount).map { j in rows.map { $0.indices.contains(j) ? $0[j].count : 0 }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { j, text in
                let width = widths.indices.contains(j) ? widths[j] : 0
                let padded = String(repeating: " ", count: max(width - text.count, 0)) + text
                return j == 0 ? padded : (j == split ? " | " : "  ") + padded
            }
            return "[ " + cells.joined() + " ]"
        }
    }
}
