/// A compact S-expression text of a syntax tree, for tests and for tools
/// such as a disassembler's `--ast` view: `let y = -2 ** x` is
/// `(let y (- (** 2 x)))`. Operators print as written; spans are left out.
public protocol SExpressionConvertible {
    /// The S-expression text of this node.
    var sexpr: String { get }
}

extension Program: SExpressionConvertible {
    /// One statement per line.
    public var sexpr: String { statements.map(\.sexpr).joined(separator: "\n") }
}

extension Expr: SExpressionConvertible {
    public var sexpr: String {
        switch kind {
        case .int(let text), .float(let text): return text
        case .string(let parts):
            if case .text(let text)? = parts.first, parts.count == 1 { return LiteralText.quoted(text) }
            return list("str", parts.map { part in
                switch part {
                case .text(let text): return LiteralText.quoted(text)
                case .expr(let expr): return expr.sexpr
                }
            })
        case .bool(let value): return value ? "true" : "false"
        case .nil: return "nil"
        case .name(let name): return name
        case .tensor(let elements): return list("tensor", elements.map(\.sexpr))
        case .tuple(let elements): return list("tuple", elements.map(\.sexpr))
        case .record(let fields): return list("record", fields.map { "\($0.name):\($0.value.sexpr)" })
        case .unary(let op, let operand): return list(op.rawValue, [operand.sexpr])
        case .binary(let op, let left, let right): return list(op.rawValue, [left.sexpr, right.sexpr])
        case .call(let callee, let arguments):
            return list("call", [callee.sexpr] + arguments.map { ($0.label.map { "\($0):" } ?? "") + $0.value.sexpr })
        case .index(let base, let indices): return list("index", [base.sexpr] + indices.map(\.sexpr))
        case .member(let base, let name): return list(".", [base.sexpr, name])
        case .function(let function): return function.sexpr
        }
    }
}

extension IndexItem: SExpressionConvertible {
    /// `(: start stop step)` with `_` for an omitted part; `...` for an ellipsis.
    public var sexpr: String {
        switch self {
        case .expr(let expr): return expr.sexpr
        case .slice(let start, let stop, let step, _):
            return list(":", [start, stop, step].map { $0?.sexpr ?? "_" })
        case .ellipsis: return "..."
        }
    }
}

extension FunctionLiteral: SExpressionConvertible {
    /// `(fn name (params) -> [shape] = expr)` or `(fn name (params) {body})`.
    public var sexpr: String {
        var items = name.map { [$0] } ?? []
        items.append("(" + parameters.map(\.sexpr).joined(separator: " ") + ")")
        if let result { items += ["->", result.sexpr] }
        switch body {
        case .expression(let expr): items += ["=", expr.sexpr]
        case .block(let statements): items.append(block(statements))
        }
        return list("fn", items)
    }
}

extension Parameter: SExpressionConvertible {
    /// `x`, or `(x [n d] = default)` when it has a shape or a default.
    public var sexpr: String {
        guard shape != nil || defaultValue != nil else { return name }
        var items: [String] = []
        if let shape { items.append(shape.sexpr) }
        if let defaultValue { items += ["=", defaultValue.sexpr] }
        return list(name, items)
    }
}

extension ShapePattern: SExpressionConvertible {
    /// `[n d _ ... 3]`
    public var sexpr: String {
        "[" + dims.map { dim in
            switch dim {
            case .name(let name, _): return name
            case .int(let size, _): return String(size)
            case .any: return "_"
            case .ellipsis: return "..."
            }
        }.joined(separator: " ") + "]"
    }
}

extension Stmt: SExpressionConvertible {
    public var sexpr: String {
        switch kind {
        case .expression(let expr): return expr.sexpr
        case .let(let name, _, let value): return list("let", [name, value.sexpr])
        case .letTuple(let names, _, let value):
            return list("let", ["(" + names.joined(separator: " ") + ")", value.sexpr])
        case .assign(let target, let value): return list("=", [target.sexpr, value.sexpr])
        case .compoundAssign(let target, let op, let value): return list(op.rawValue + "=", [target.sexpr, value.sexpr])
        case .if(let branches, let elseBody):
            var items = branches.map { "(\($0.condition.sexpr) \(block($0.body)))" }
            if let elseBody { items += ["else", block(elseBody)] }
            return list("if", items)
        case .while(let condition, let body): return list("while", [condition.sexpr, block(body)])
        case .for(let variable, _, let sequence, let body): return list("for", [variable, sequence.sexpr, block(body)])
        case .break: return "(break)"
        case .continue: return "(continue)"
        case .return(let value): return list("return", value.map { [$0.sexpr] } ?? [])
        case .function(let function): return function.sexpr
        case .import(let module): return list("import", [module])
        case .use(let feature): return list("use", [feature])
        case .assert(let condition, let message): return list("assert", [condition.sexpr] + (message.map { [$0.sexpr] } ?? []))
        }
    }
}

private func list(_ head: String, _ items: [String]) -> String {
    "(" + ([head] + items).joined(separator: " ") + ")"
}

private func block(_ statements: [Stmt]) -> String {
    "{" + statements.map(\.sexpr).joined(separator: " ") + "}"
}

