import LACompiler
import LAKernels

/// Building tensors from la values: literals, `tensor(x)` and tuple arguments.
extension VM {
    /// `[e0, e1, ...]` from evaluated elements: scalars make a 1-D tensor; equal-shaped
    /// tensors (inner rows) are stacked. A row that differs is a ShapeError pointing at it.
    func tensorLiteral(_ elements: UnsafeBufferPointer<Value>) throws -> Value {
        .tensor(try tensor(fromElements: Array(elements), dtype: nil, isLiteral: true))
    }

    /// A tensor from a number, bool, tensor or nested tuple; nil for other values.
    func makeTensor(from value: Value, dtype: DType?) throws -> Tensor? {
        switch value {
        case .tensor(let box):
            guard let dtype, dtype != box.tensor.dtype else { return box.tensor }
            return try box.tensor.astype(dtype, context: kernel)
        case .int(let v): return try Tensor(scalars: [.int(v)], shape: [], dtype: dtype, context: kernel)
        case .float(let v): return try Tensor(scalars: [.float(v)], shape: [], dtype: dtype, context: kernel)
        case .bool(let v): return try Tensor(scalars: [.bool(v)], shape: [], dtype: dtype, context: kernel)
        case .rational(let box):
            let tensor = try Tensor(rationals: [box.value], shape: [], context: kernel)
            guard let dtype, dtype != .rational else { return tensor }
            return try tensor.astype(dtype, context: kernel)
        case .tuple(let items): return try tensor(fromElements: items, dtype: dtype, isLiteral: false)
        case .range(let range):
            return try Tensor.arange(start: .int(range.start), stop: .int(range.stop), step: .int(range.step), context: kernel)
        default: return nil
        }
    }

    private func tensor(fromElements elements: [Value], dtype: DType?, isLiteral: Bool) throws -> Tensor {
        if elements.isEmpty { return try Tensor(scalars: [], shape: [0], dtype: dtype ?? .f64, context: kernel) }
        var scalars: [Scalar] = []
        var rows: [Tensor] = []
        var firstShape = "()"  // of element 0: "()" for a number
        // Exact elements make a rational tensor unless a float joins them (SPEC §5).
        var exact: [Rational] = [], hasRational = false, hasFloat = false
        for (position, element) in elements.enumerated() {
            if let value = element.exactNumber { exact.append(value) }
            switch element {
            case .rational(let box):
                scalars.append(.float(box.value.doubleValue))
                hasRational = true
            case .int(let v): scalars.append(.int(v))
            case .float(let v):
                scalars.append(.float(v))
                hasFloat = true
            case .bool(let v):
                scalars.append(.bool(v))
                exact.append(v ? .one : .zero)
            case .tensor, .tuple:
                guard let row = try makeTensor(from: element, dtype: nil) else { continue }
                rows.append(row)
                if position == 0 { firstShape = Tensor.formatShape(row.shape) }
            default:
                throw RuntimeError(.typeError, "a tensor holds numbers and bools, but element \(position) is a \(element.typeName)")
            }
            if !scalars.isEmpty && !rows.isEmpty || (rows.count > 1 && rows[rows.count - 1].shape != rows[0].shape) {
                let isRow: Bool
                if case .int = element { isRow = false } else if case .float = element { isRow = false }
                else if case .bool = element { isRow = false } else { isRow = true }
                let shape = isRow ? rows.last.map { Tensor.formatShape($0.shape) } ?? "()" : "()"
                var error = RuntimeError(.shapeError, "tensor \(isLiteral ? "literal" : "data") is not rectangular: row \(position) has shape \(shape) but row 0 has \(firstShape)")
                error.operand = position
                error.operandLabels = [(0, firstShape), (position, shape)]
                throw error
            }
        }
        let wantsRational = dtype == nil ? !hasFloat && (hasRational || (exactMode && isLiteral && exact.count > 0))
                                         : dtype == .rational
        if rows.isEmpty, wantsRational, exact.count == scalars.count, !elements.allSatisfy(\.isBool) {
            return try Tensor(rationals: exact, shape: [exact.count], context: kernel)
        }
        if rows.isEmpty {
            return try Tensor(scalars: scalars, shape: [scalars.count], dtype: dtype, context: kernel)
        }
        let stacked = try Tensor.stack(rows, axis: 0, context: kernel)
        guard let dtype, dtype != stacked.dtype else { return stacked }
        return try stacked.astype(dtype, context: kernel)
    }

    /// The runtime value of a chunk constant.
    func makeConstant(_ constant: Constant) throws -> Value {
        switch constant {
        case .int(let v): return .int(v)
        case .float(let v): return .float(v)
        case .exact(let text): return .exact(try Rational(parsing: text))
        case .string(let text): return .string(text)
        case .names(let names): return .tuple(names.map { .string($0) })
        case .ellipsis: return .slice(SliceValue(start: nil, stop: nil, step: nil, isEllipsis: true))
        case .shapeCheck: return .nil  // read from the chunk by CHECKSHAPE
        case .tensorLiteral(let elements, let shape) where elements.contains(where: \.isExact):
            let rationals = try elements.map { element -> Rational in
                switch element {
                case .exact(let text): return try Rational(parsing: text)
                case .int(let v): return Rational(v)
                case .bool(let v): return v ? .one : .zero
                case .float(let v): return try Rational(exactly: v)
                }
            }
            return .tensor(try Tensor(rationals: rationals, shape: shape, context: kernel))
        case .tensorLiteral(let elements, let shape):
            let scalars: [Scalar] = elements.map {
                switch $0 {
                case .bool(let v): .bool(v)
                case .int(let v): .int(v)
                case .float(let v): .float(v)
                case .exact(let text): .float(Double(text) ?? .nan)  // not reached: exact literals are rational
                }
            }
            return .tensor(try Tensor(scalars: scalars, shape: shape, dtype: elements.isEmpty ? .f64 : nil, context: kernel))
        }
    }
}

extension LiteralScalar {
    var isExact: Bool {
        if case .exact = self { return true }
        return false
    }
}

extension Value {
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}
