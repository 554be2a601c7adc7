/// A number or bool type that can be the element of a tensor converted from
/// or to Swift arrays: `Double` (f64), `Float` (f32), `Int` (i64), `Bool`.
public protocol LATensorScalar: LATensorData where TensorElement == Self {
    /// A tensor of `shape` holding `elements` in row-major order.
    /// - Complexity: O(n); allocates one storage of n elements (not charged to any memory budget).
    static func makeTensor(_ elements: [Self], shape: [Int]) throws -> Tensor
    /// The elements of `tensor` in row-major order.
    /// - Throws: `ConversionError` when the tensor's dtype does not convert to this type.
    static func elements(of tensor: Tensor) throws -> [Self]
}

/// A Swift value that is a tensor's data: a scalar (rank 0) or an array of
/// values of one rank lower (`[[Double]]` has rank 2). Such arrays convert to
/// tensors and back; ragged nested arrays are an error.
public protocol LATensorData: LAConvertible {
    /// The scalar type at the bottom of the nesting.
    associatedtype TensorElement: LATensorScalar
    /// The number of axes: 0 for a scalar, 1 for `[Double]`, 2 for `[[Double]]`.
    static var rank: Int { get }
    /// Appends this value's scalars in row-major order and returns its shape.
    /// - Throws: `ConversionError` when nested arrays have different lengths.
    func appendElements(to elements: inout [TensorElement]) throws -> [Int]
    /// The value of `shape` whose scalars start at `elements[position]`; advances `position`.
    /// The caller guarantees `elements` holds the product of `shape` scalars from `position`.
    static func make(elements: [TensorElement], shape: ArraySlice<Int>, position: inout Int) -> Self
}

extension LATensorScalar {
    /// Rank 0.
    public static var rank: Int { 0 }

    /// Appends the scalar; its shape is `()`.
    public func appendElements(to elements: inout [Self]) -> [Int] {
        elements.append(self)
        return []
    }

    /// The scalar at `position`.
    public static func make(elements: [Self], shape: ArraySlice<Int>, position: inout Int) -> Self {
        defer { position += 1 }
        return elements[position]
    }

    /// The scalar of a 0-D tensor value, or a ConversionError.
    static func scalar(ofTensor value: Value) throws -> Self {
        guard case .tensor(let box) = value, box.tensor.ndim == 0,
              let element = try elements(of: box.tensor).first else {
            throw ConversionError(value, to: Self.self)
        }
        return element
    }
}

/// Arrays of tensor data are tensors of one more axis: `[Double]` is a 1-D
/// tensor, `[[Double]]` a 2-D one. From la, a tensor of that many axes or a
/// tuple of convertible items converts back.
extension Array: LAConvertible, LATensorData where Element: LATensorData {
    public typealias TensorElement = Element.TensorElement

    /// One more than the element's rank.
    public static var rank: Int { Element.rank + 1 }

    /// Appends the items' scalars; throws when the items have different shapes (a ragged array).
    public func appendElements(to elements: inout [TensorElement]) throws -> [Int] {
        var itemShape: [Int]?
        for item in self {
            let shape = try item.appendElements(to: &elements)
            if let itemShape, itemShape != shape {
                throw ConversionError(expected: "a rectangular nested array",
                                      actual: "items of shapes \(Tensor.formatShape(itemShape)) and \(Tensor.formatShape(shape))")
            }
            itemShape = shape
        }
        return [count] + (itemShape ?? [Int](repeating: 0, count: Element.rank))
    }

    /// `shape.first` items, each of the remaining shape.
    public static func make(elements: [TensorElement], shape: ArraySlice<Int>, position: inout Int) -> Self {
        let count = shape.first ?? 0
        var items: [Element] = []
        items.reserveCapacity(count)
        for _ in 0..<count {
            items.append(Element.make(elements: elements, shape: shape.dropFirst(), position: &position))
        }
        return items
    }

    /// A tensor of `rank` axes holding the array's scalars.
    public func laValue() throws -> Value {
        var elements: [TensorElement] = []
        let shape = try appendElements(to: &elements)
        return .tensor(try TensorElement.makeTensor(elements, shape: shape))
    }

    /// The nested arrays of a tensor with `rank` axes, or of a tuple of convertible items.
    public init(laValue: Value) throws {
        switch laValue {
        case .tensor(let box) where box.tensor.ndim == Self.rank:
            let elements = try TensorElement.elements(of: box.tensor)
            var position = 0
            self = Self.make(elements: elements, shape: box.tensor.shape[...], position: &position)
        case .tuple(let items):
            self = try items.map { try Element(laValue: $0) }
        default:
            throw ConversionError(laValue, to: Self.self)
        }
    }

    /// "a 2-D tensor of numbers".
    public static var laTypeDescription: String {
        "a \(rank)-D tensor of \(TensorElement.elementDescription)"
    }
}

extension LATensorScalar {
    /// The element kind in a tensor description: "numbers", "ints", "bools".
    static var elementDescription: String {
        switch Self.self {
        case is Int.Type: "ints"
        case is Bool.Type: "bools"
        default: "numbers"
        }
    }
}

extension Double: LATensorScalar {
    /// An la float.
    public func laValue() -> Value { .float(self) }
    /// An la int or float, or a 0-D tensor.
    public init(laValue: Value) throws {
        switch laValue {
        case .float(let value): self = value
        case .int(let value): self = Double(value)
        default: self = try Double.scalar(ofTensor: laValue)
        }
    }
    /// "a number".
    public static var laTypeDescription: String { "a number" }
    /// An f64 tensor.
    public static func makeTensor(_ elements: [Double], shape: [Int]) throws -> Tensor {
        try Tensor(elements, shape: shape, dtype: .f64)
    }
    /// The elements of a tensor of any dtype, as Double.
    public static func elements(of tensor: Tensor) -> [Double] { tensor.toDoubles() }
}

extension Float: LATensorScalar {
    /// An la float.
    public func laValue() -> Value { .float(Double(self)) }
    /// An la int or float, or a 0-D tensor, rounded to Float.
    public init(laValue: Value) throws {
        self = Float(try Double(laValue: laValue))
    }
    /// "a number".
    public static var laTypeDescription: String { "a number" }
    /// An f32 tensor.
    public static func makeTensor(_ elements: [Float], shape: [Int]) throws -> Tensor {
        try Tensor(elements.map(Double.init), shape: shape, dtype: .f32)
    }
    /// The elements of a tensor of any dtype, rounded to Float.
    public static func elements(of tensor: Tensor) -> [Float] { tensor.toDoubles().map(Float.init) }
}

extension Int: LATensorScalar {
    /// An la int.
    public func laValue() -> Value { .int(Int64(self)) }
    /// An la int, or a 0-D i64 tensor.
    public init(laValue: Value) throws {
        switch laValue {
        case .int(let value):
            guard let exact = Int(exactly: value) else { throw ConversionError(laValue, to: Int.self) }
            self = exact
        default: self = try Int.scalar(ofTensor: laValue)
        }
    }
    /// "an int".
    public static var laTypeDescription: String { "an int" }
    /// An i64 tensor.
    public static func makeTensor(_ elements: [Int], shape: [Int]) throws -> Tensor {
        try Tensor(elements.map(Int64.init), shape: shape)
    }
    /// The elements of an i64 or bool tensor; floats do not convert silently.
    public static func elements(of tensor: Tensor) throws -> [Int] {
        guard tensor.dtype == .i64 || tensor.dtype == .bool else {
            throw ConversionError(expected: "a tensor of ints (i64)", actual: Value.tensor(tensor).conversionDescription)
        }
        return tensor.toInt64s().map { Int(truncatingIfNeeded: $0) }
    }
}

extension Bool: LATensorScalar {
    /// An la bool.
    public func laValue() -> Value { .bool(self) }
    /// An la bool, or a 0-D bool tensor.
    public init(laValue: Value) throws {
        switch laValue {
        case .bool(let value): self = value
        default: self = try Bool.scalar(ofTensor: laValue)
        }
    }
    /// "a bool".
    public static var laTypeDescription: String { "a bool" }
    /// A bool tensor.
    public static func makeTensor(_ elements: [Bool], shape: [Int]) throws -> Tensor {
        try Tensor(elements, shape: shape)
    }
    /// The elements of a bool tensor.
    public static func elements(of tensor: Tensor) throws -> [Bool] {
        guard tensor.dtype == .bool else {
            throw ConversionError(expected: "a tensor of bools", actual: Value.tensor(tensor).conversionDescription)
        }
        return tensor.toBools()
    }
}
