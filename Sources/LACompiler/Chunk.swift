import LASyntax

/// A constant in a function's pool. The runtime turns each into a value once, at load time.
public enum Constant: Sendable, Hashable {
    case int(Int64)
    case float(Double)
    /// An exact-mode number literal as written (with a leading `-` when negated): a decimal,
    /// or an integer too large for 64 bits. The runtime reads it as a rational.
    case exact(String)
    case string(String)
    /// Argument or field names of a call or record literal.
    case names([String])
    /// A tensor literal whose elements are all number or bool literals, in row-major order.
    case tensorLiteral(elements: [LiteralScalar], shape: [Int])
    /// `...` inside an index.
    case ellipsis
    /// A shape annotation to check (see `ShapeCheck`); not a value.
    case shapeCheck(ShapeCheck)
}

/// A compiled shape annotation `Q: [n, d]` (SPEC §4): how to check one value's shape
/// and which registers receive the dimension names it binds.
public struct ShapeCheck: Sendable, Hashable {
    public enum Dim: Sendable, Hashable {
        /// A name seen for the first time: its size goes into the register.
        case bind(name: String, register: Int)
        /// A name bound earlier (in `origin`, e.g. `Q: [n, d]`): the size must equal the register's int.
        case match(name: String, register: Int, origin: String)
        case exact(Int)
        case any
        case ellipsis
    }

    /// `attention()`.
    public var function: String
    /// The parameter checked, or "result".
    public var subject: String
    /// The annotation as written, e.g. `[n, d]`.
    public var pattern: String
    public var dims: [Dim]

    public init(function: String, subject: String, pattern: String, dims: [Dim]) {
        self.function = function
        self.subject = subject
        self.pattern = pattern
        self.dims = dims
    }
}

/// One element of a constant tensor literal.
public enum LiteralScalar: Sendable, Hashable {
    case bool(Bool)
    case int(Int64)
    case float(Double)
    /// A number in exact mode, as written (see `Constant.exact`): the literal is a rational tensor.
    case exact(String)
}

/// How a closure finds one of its upvalues when it is created.
public struct UpvalueDescriptor: Sendable, Hashable {
    /// True: register `index` of the enclosing function; false: upvalue `index` of the enclosing closure.
    public var fromParentRegister: Bool
    public var index: Int
    public var name: String
}

/// What the VM needs to bind arguments to one parameter.
public struct ParameterInfo: Sendable, Hashable {
    public var name: String
    /// True when the parameter has a default, evaluated by the prologue at each call.
    public var hasDefault: Bool
}

/// The bytecode of one function (or of a whole script), with its debug information.
public final class Chunk: Sendable {
    /// `<script>`, `<module nn>`, the declared name, or `<fn>` for anonymous functions.
    public let name: String
    public let file: String
    public let span: SourceSpan?
    public let parameters: [ParameterInfo]
    /// Registers the frame needs.
    public let registerCount: Int
    public let code: [UInt32]
    public let constants: [Constant]
    /// The source span of the expression or statement each instruction came from.
    public let spans: [SourceSpan?]
    /// Spans of the operands of instructions that may fail on an operand: both sides of
    /// a binary op, the elements of a tensor literal, the arguments of a call.
    public let operandSpans: [Int: [SourceSpan]]
    public let prototypes: [Chunk]
    public let upvalues: [UpvalueDescriptor]
    /// `use exact` was the script's first statement (its semantics come with exact mode).
    public let exactMode: Bool
    /// The source the chunk was compiled from, so diagnostics can quote operands as written.
    public let source: SourceFile?

    public init(name: String, file: String, span: SourceSpan?, parameters: [ParameterInfo], registerCount: Int,
                code: [UInt32], constants: [Constant], spans: [SourceSpan?], operandSpans: [Int: [SourceSpan]],
                prototypes: [Chunk], upvalues: [UpvalueDescriptor], exactMode: Bool, source: SourceFile? = nil) {
        self.name = name
        self.file = file
        self.span = span
        self.parameters = parameters
        self.registerCount = registerCount
        self.code = code
        self.constants = constants
        self.spans = spans
        self.operandSpans = operandSpans
        self.prototypes = prototypes
        self.upvalues = upvalues
        self.exactMode = exactMode
        self.source = source
    }

    /// True when every parameter is required (the VM's fast call path).
    public var hasOnlyRequiredParameters: Bool { !parameters.contains { $0.hasDefault } }
}

/// The names of global slots, shared between the compiler and the runtime that owns the values.
/// Builtins are registered first; a script's top-level declarations add more.
/// Not thread-safe: one table belongs to one runtime.
public final class GlobalTable {
    public private(set) var names: [String] = []
    private var slots: [String: Int] = [:]
    /// Names whose slot holds a builtin that no script has redefined.
    public private(set) var builtinNames: Set<String> = []

    public init() {}

    public func slot(of name: String) -> Int? { slots[name] }

    /// The slot of `name`, created if new.
    @discardableResult
    public func define(_ name: String, isBuiltin: Bool = false) -> Int {
        if isBuiltin { builtinNames.insert(name) } else { builtinNames.remove(name) }
        if let slot = slots[name] { return slot }
        names.append(name)
        slots[name] = names.count - 1
        return names.count - 1
    }

    public var count: Int { names.count }
}

extension ShapeCheck {
    /// A shape annotation as written: `[n, d]`, `[..., 3, _]`.
    public static func text(_ pattern: ShapePattern) -> String {
        "[" + pattern.dims.map { dim in
            switch dim {
            case .name(let name, _): name
            case .int(let size, _): String(size)
            case .any: "_"
            case .ellipsis: "..."
            }
        }.joined(separator: ", ") + "]"
    }
}
