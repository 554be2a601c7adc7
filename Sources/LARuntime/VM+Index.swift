import LAKernels
import LASyntax

/// Indexing, members and iteration. Tensor reads and writes that name every axis
/// with an int take a fast path straight to the storage (no allocation).
extension VM {
    func index(_ base: Value, _ items: UnsafeMutablePointer<Value>, count: Int) throws -> Value {
        switch base {
        case .tensor(let box):
            if count == box.tensor.ndim, let offset = try elementOffset(box.tensor, items, count: count) {
                return readElement(box.tensor.storage, offset)
            }
            let indices = try (0..<count).map { try tensorIndex(items[$0]) }
            return try scalarIfZeroDimensional(box.tensor.index(indices, context: kernel))
        case .tuple(let elements):
            return try indexSequence(elements, items, count: count, typeName: "tuple") { .tuple($0) }
        case .string(let text):
            return try indexSequence(text.map { Value.string(String($0)) }, items, count: count, typeName: "string") { parts in
                .string(parts.map(\.stringValue).joined())
            }
        case .range(let range):
            guard count == 1, case .int(let position) = items[0] else {
                throw RuntimeError(.typeError, "a range is indexed with one int")
            }
            let index = try normalized(position, length: range.count, axis: nil)
            return .int(range.element(index))
        case .record(let record):
            guard count == 1, case .string(let key) = items[0] else {
                throw RuntimeError(.typeError, "a record is indexed with a string key, as r[\"name\"]")
            }
            guard let value = record[key] else { throw missingField(key, record) }
            return value
        default:
            throw RuntimeError(.typeError, "a \(base.typeName) cannot be indexed")
        }
    }

    /// Tuple and string indexing: one int, or one slice.
    private func indexSequence(_ elements: [Value], _ items: UnsafeMutablePointer<Value>, count: Int, typeName: String,
                               rebuild: ([Value]) -> Value) throws -> Value {
        guard count == 1 else { throw RuntimeError(.typeError, "a \(typeName) takes one index, got \(count)") }
        switch items[0] {
        case .int(let position):
            return elements[Int(try normalized(position, length: Int64(elements.count), axis: nil))]
        case .slice(let slice) where !slice.isEllipsis:
            let positions = try sliceIndices(slice, length: elements.count)
            return rebuild(positions.map { elements[$0] })
        default:
            throw RuntimeError(.typeError, "a \(typeName) index must be an int or a slice, got \(items[0].typeName)")
        }
    }

    /// The positions a slice selects from a sequence of `length` items (Python semantics).
    private func sliceIndices(_ slice: SliceValue, length: Int) throws -> [Int] {
        let step = slice.step ?? 1
        guard step != 0 else { throw RuntimeError(.valueError, "slice step must not be zero") }
        func clamp(_ value: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
            guard var value else { return defaultValue }
            if value < 0 { value += length }
            return min(max(value, low), high)
        }
        var positions: [Int] = []
        if step > 0 {
            var i = clamp(slice.start, 0, low: 0, high: length)
            let stop = clamp(slice.stop, length, low: 0, high: length)
            while i < stop { positions.append(i); i += step }
        } else {
            var i = clamp(slice.start, length - 1, low: -1, high: length - 1)
            let stop = clamp(slice.stop, -1, low: -1, high: length - 1)
            while i > stop { positions.append(i); i += step }
        }
        return positions
    }

    /// `position` counted from the end when negative, checked against `length`.
    func normalized(_ position: Int64, length: Int64, axis: Int?) throws -> Int64 {
        let index = position < 0 ? position &+ length : position
        guard index >= 0 && index < length else {
            // The kernels' wording, so scalar and view indexing report alike.
            let place = axis.map { "axis \($0) with size" } ?? "length"
            throw RuntimeError(.indexError, "index \(position) is out of bounds for \(place) \(length)",
                               help: [Tensor.validIndicesHelp(axis: axis, length: Int(clamping: length))])
        }
        return index
    }

    /// The storage offset when every item is an int, else nil. IndexError names the axis.
    @inline(__always)
    private func elementOffset(_ tensor: Tensor, _ items: UnsafeMutablePointer<Value>, count: Int) throws -> Int? {
        var offset = tensor.offset
        for axis in 0..<count {
            guard case .int(let position) = items[axis] else { return nil }
            let length = tensor.shape[axis]
            let index = try normalized(position, length: Int64(length), axis: axis)
            offset &+= Int(index) &* tensor.strides[axis]
        }
        return offset
    }

    @inline(__always)
    private func readElement(_ storage: TensorStorage, _ offset: Int) -> Value {
        switch storage.dtype {
        case .f64: .float(storage.pointer(as: Double.self)[offset])
        case .i64: .int(storage.pointer(as: Int64.self)[offset])
        case .f32: .float(Double(storage.pointer(as: Float.self)[offset]))
        case .bool: .bool(storage.pointer(as: Bool.self)[offset])
        case .rational: .exact(storage.rationals[offset])
        }
    }

    /// `container[items] = value`, in place when the container is not shared.
    func assignIndex(_ container: inout Value, _ items: UnsafeMutablePointer<Value>, count: Int, _ value: Value) throws {
        if case .tensor = container {
            try assignTensorIndex(&container, items, count: count, value)
            return
        }
        if case .record = container {
            guard count == 1, case .string(let key) = items[0] else {
                throw RuntimeError(.typeError, "a record is indexed with a string key, as r[\"name\"]")
            }
            try assignMember(&container, key, value)
            return
        }
        if case .tuple = container {
            throw RuntimeError(.typeError, "tuples are immutable; build a new one instead")
        }
        throw RuntimeError(.typeError, "a \(container.typeName) does not support item assignment")
    }

    private func assignTensorIndex(_ container: inout Value, _ items: UnsafeMutablePointer<Value>, count: Int, _ value: Value) throws {
        // Taking the value out leaves the box singly referenced unless another variable shares it.
        guard case .tensor(var box) = container.take() else { return }
        defer { container = .tensor(box) }
        if !isKnownUniquelyReferenced(&box) { box = TensorBox(box.tensor) }
        // A rational mixed with a float gives a float (SPEC §5), in a store as in arithmetic:
        // the tensor becomes f64 rather than keep a double's exact binary fraction.
        if box.tensor.dtype == .rational && value.isFloatValued {
            box.tensor = try box.tensor.astype(.f64, context: kernel)
        }
        if count == box.tensor.ndim, let scalar = scalarOperand(value),
           let offset = try elementOffset(box.tensor, items, count: count) {
            try box.tensor.makeUnique(context: kernel)
            // makeUnique keeps the layout when it did not copy, and a copy is contiguous from 0.
            let target = try elementOffset(box.tensor, items, count: count) ?? offset
            try writeElement(box.tensor.storage, target, scalar)
            return
        }
        let indices = try (0..<count).map { try tensorIndex(items[$0]) }
        guard let operand = operand(value) ?? value.asTensorValue(self).flatMap(operand) else {
            throw RuntimeError(.typeError, "cannot store a \(value.typeName) in a tensor")
        }
        try box.tensor.assign(indices, operand, context: kernel)
    }

    private func scalarOperand(_ value: Value) -> Scalar? {
        switch value {
        case .int(let v): .int(v)
        case .float(let v): .float(v)
        case .bool(let v): .bool(v)
        default: nil
        }
    }

    /// Stores a scalar, converting to the tensor's dtype as NumPy does (floats truncate into ints).
    private func writeElement(_ storage: TensorStorage, _ offset: Int, _ scalar: Scalar) throws {
        switch storage.dtype {
        case .f64: storage.pointer(as: Double.self)[offset] = scalar.doubleValue
        case .rational:
            switch scalar {
            case .int(let v): storage.rationals[offset] = Rational(v)
            case .bool(let v): storage.rationals[offset] = v ? .one : .zero
            case .float(let v): storage.rationals[offset] = try Rational(exactly: v)
            }
        case .f32: storage.pointer(as: Float.self)[offset] = Float(scalar.doubleValue)
        case .bool: storage.pointer(as: Bool.self)[offset] = scalar.doubleValue != 0
        case .i64:
            switch scalar {
            case .int(let v): storage.pointer(as: Int64.self)[offset] = v
            case .bool(let v): storage.pointer(as: Int64.self)[offset] = v ? 1 : 0
            case .float(let v):
                guard let int = Int64(exactly: v.rounded(.towardZero)) else {
                    throw RuntimeError(.overflowError, "\(v) does not fit in an i64 tensor")
                }
                storage.pointer(as: Int64.self)[offset] = int
            }
        }
    }

    /// One index item as the kernels take it.
    func tensorIndex(_ item: Value) throws -> TensorIndex {
        switch item {
        case .int(let value): return .int(Int(value))
        case .nil: return .newAxis
        case .slice(let slice): return slice.isEllipsis ? .ellipsis : .slice(start: slice.start, stop: slice.stop, step: slice.step)
        case .tensor(let box): return .tensor(box.tensor)
        case .tuple:
            guard let tensor = try makeTensor(from: item, dtype: nil) else { fallthrough }
            return .tensor(tensor)
        default:
            throw RuntimeError(.typeError, "a tensor index must be an int, a slice, ..., nil or a tensor, got \(item.typeName)")
        }
    }

    func sliceBound(_ value: Value) throws -> Int? {
        switch value {
        case .nil: return nil
        case .int(let v): return Int(v)
        default: throw RuntimeError(.typeError, "slice bounds must be ints, got \(value.typeName)")
        }
    }

    // MARK: Members

    /// `x.name`: a record field, or a property of a tensor.
    func member(_ base: Value, _ name: String) throws -> Value {
        if case .record(let record) = base {
            guard let value = record[name] else { throw missingField(name, record) }
            return value
        }
        if case .tensor(let box) = base {
            let tensor = box.tensor
            switch name {
            case "T": return .tensor(try tensor.transposed(nil))
            case "shape": return .tuple(tensor.shape.map { .int(Int64($0)) })
            case "ndim": return .int(Int64(tensor.ndim))
            case "size": return .int(Int64(tensor.count))
            case "dtype": return .dtype(tensor.dtype)
            default: break
            }
        }
        throw RuntimeError(.typeError, "a \(base.typeName) has no property '\(name)'",
                           help: ["to call a function with it, write x.\(name)()"])
    }

    func assignMember(_ container: inout Value, _ name: String, _ value: Value) throws {
        guard case .record = container, case .record(var record) = container.take() else {
            throw RuntimeError(.typeError, "cannot set field '\(name)' of a \(container.typeName); only records have fields")
        }
        record.set(name, value)
        container = .record(record)
    }

    private func missingField(_ name: String, _ record: Record) -> RuntimeError {
        RuntimeError(.nameError, "the record has no field '\(name)'",
                     help: record.keys.isEmpty ? [] : ["its fields are: " + record.keys.joined(separator: ", ")])
    }

    // MARK: Iteration and unpacking

    /// How many items `for x in value` visits.
    func iterationCount(_ value: Value) throws -> Int64 {
        switch value {
        case .range(let range): return range.count
        case .tuple(let items): return Int64(items.count)
        case .string(let text): return Int64(text.count)
        case .tensor(let box):
            guard let length = box.tensor.shape.first else {
                throw RuntimeError(.typeError, "cannot iterate over a 0-d tensor")
            }
            return Int64(length)
        default:
            throw RuntimeError(.typeError, "cannot iterate over a \(value.typeName)")
        }
    }

    func iterationElement(_ value: Value, _ position: Int64) throws -> Value {
        switch value {
        case .range(let range): return .int(range.element(position))
        case .tuple(let items): return items[Int(position)]
        case .string(let text): return .string(String(text[text.index(text.startIndex, offsetBy: Int(position))]))
        default:
            var item = Value.int(position)
            return try index(value, &item, count: 1)
        }
    }

    /// The items of `value` for `let (a, b) = value`.
    func unpack(_ value: Value, count: Int) throws -> [Value] {
        let available = try iterationCount(value)
        guard available == Int64(count) else {
            throw RuntimeError(.valueError, "cannot unpack \(available) values into \(count) names")
        }
        return try (0..<Int64(count)).map { try iterationElement(value, $0) }
    }
}

extension Scalar {
    var doubleValue: Double {
        switch self {
        case .bool(let v): v ? 1 : 0
        case .int(let v): Double(v)
        case .float(let v): v
        }
    }
}
