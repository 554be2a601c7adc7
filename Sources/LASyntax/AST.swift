/// The syntax tree the parser produces and the compiler consumes.
/// Every node carries the span of the source it came from, so any later
/// stage can point a diagnostic at the code as written.

/// An expression node.
public struct Expr: Sendable, Hashable {
    public var kind: ExprKind
    public var span: SourceSpan

    public init(_ kind: ExprKind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

public indirect enum ExprKind: Sendable, Hashable {
    /// Integer literal. `text` is the digits with `_` removed (it may exceed
    /// 64 bits: outside exact mode the compiler reports an OverflowError).
    case int(text: String)
    /// Decimal literal such as `3.14`, `.5`, `1e-3`; `text` has `_` removed.
    case float(text: String)
    /// String literal; interpolations `\(expr)` appear as `.expr` parts.
    case string([StringPart])
    case bool(Bool)
    case `nil`
    case name(String)
    /// `[a, b, c]`: a tensor literal (nested brackets give more axes).
    case tensor([Expr])
    /// `(a, b)`, `(a,)`, `()`. A parenthesised single expression is not a tuple.
    case tuple([Expr])
    /// `{lr: 0.1, W: w}`, fields in source order.
    case record([RecordField])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `callee(args)`; positional arguments precede named ones.
    case call(callee: Expr, arguments: [Argument])
    /// `base[i, j]`.
    case index(base: Expr, indices: [IndexItem])
    /// `base.name`: a record field, a property (`.T`, `.shape`) or uniform call syntax.
    case member(base: Expr, name: String)
    /// `fn(x) = x * 2` or `fn(x) { ... }`.
    case function(FunctionLiteral)
}

public enum StringPart: Sendable, Hashable {
    case text(String)
    case expr(Expr)
}

public struct RecordField: Sendable, Hashable {
    public var name: String
    public var value: Expr
    public var span: SourceSpan
    public init(name: String, value: Expr, span: SourceSpan) {
        self.name = name
        self.value = value
        self.span = span
    }
}

public struct Argument: Sendable, Hashable {
    /// The name for `k: v` arguments, nil for positional ones.
    public var label: String?
    public var value: Expr
    public var span: SourceSpan
    public init(label: String?, value: Expr, span: SourceSpan) {
        self.label = label
        self.value = value
        self.span = span
    }
}

/// One item inside `[...]` of an index expression.
public enum IndexItem: Sendable, Hashable {
    /// An integer, a tensor (gather or mask), or `nil` (new axis).
    case expr(Expr)
    /// `a:b:c` with any part omitted.
    case slice(start: Expr?, stop: Expr?, step: Expr?, span: SourceSpan)
    /// `...`
    case ellipsis(SourceSpan)
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case plus = "+"
    case not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", floorDivide = "//", modulo = "%", matmul = "@"
    case power = "**"
}

/// One dimension of a shape annotation `[n, d]`.
public enum ShapeDim: Sendable, Hashable {
    case name(String, SourceSpan)
    case int(Int, SourceSpan)
    /// `_`: any one axis.
    case any(SourceSpan)
    /// `...`: any number of leading axes.
    case ellipsis(SourceSpan)
}

public struct ShapePattern: Sendable, Hashable {
    public var dims: [ShapeDim]
    public var span: SourceSpan
    public init(dims: [ShapeDim], span: SourceSpan) {
        self.dims = dims
        self.span = span
    }
}

public struct Parameter: Sendable, Hashable {
    public var name: String
    /// Evaluated at each call when the argument is omitted.
    public var defaultValue: Expr?
    public var shape: ShapePattern?
    public var span: SourceSpan
    public init(name: String, defaultValue: Expr?, shape: ShapePattern?, span: SourceSpan) {
        self.name = name
        self.defaultValue = defaultValue
        self.shape = shape
        self.span = span
    }
}

public enum FunctionBody: Sendable, Hashable {
    /// `= expr`
    case expression(Expr)
    case block([Stmt])
}

public struct FunctionLiteral: Sendable, Hashable {
    /// nil for anonymous functions.
    public var name: String?
    public var parameters: [Parameter]
    public var result: ShapePattern?
    public var body: FunctionBody
    public var span: SourceSpan
    public init(name: String?, parameters: [Parameter], result: ShapePattern?, body: FunctionBody, span: SourceSpan) {
        self.name = name
        self.parameters = parameters
        self.result = result
        self.body = body
        self.span = span
    }
}

/// A statement node.
public struct Stmt: Sendable, Hashable {
    public var kind: StmtKind
    public var span: SourceSpan
    public init(_ kind: StmtKind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

public indirect enum StmtKind: Sendable, Hashable {
    case expression(Expr)
    /// `let x = e`
    case `let`(name: String, nameSpan: SourceSpan, value: Expr)
    /// `let (a, b) = e`
    case letTuple(names: [String], nameSpans: [SourceSpan], value: Expr)
    /// `target = e` where target is a name, an index or a member expression.
    case assign(target: Expr, value: Expr)
    /// `target op= e` for `+= -= *= /= @=`.
    case compoundAssign(target: Expr, op: BinaryOperator, value: Expr)
    /// `if c { } else if d { } else { }`: the branches in order; `elseBody` is nil without `else`.
    case `if`(branches: [ConditionalBranch], elseBody: [Stmt]?)
    case `while`(condition: Expr, body: [Stmt])
    case `for`(variable: String, variableSpan: SourceSpan, sequence: Expr, body: [Stmt])
    case `break`
    case `continue`
    case `return`(Expr?)
    /// `fn name(...) { }` or `fn name(...) = e`.
    case function(FunctionLiteral)
    /// `import nn`
    case `import`(module: String)
    /// `use exact` (the parser accepts any identifier; the compiler checks it and its position).
    case use(feature: String)
    /// `assert cond, "message"`
    case assert(condition: Expr, message: Expr?)
}

public struct ConditionalBranch: Sendable, Hashable {
    public var condition: Expr
    public var body: [Stmt]
    public init(condition: Expr, body: [Stmt]) {
        self.condition = condition
        self.body = body
    }
}

/// A parsed file.
public struct Program: Sendable, Hashable {
    public var statements: [Stmt]
    public var file: SourceFile
    public init(statements: [Stmt], file: SourceFile) {
        self.statements = statements
        self.file = file
    }
}
