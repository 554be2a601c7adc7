import LACompiler
import LAKernels

/// Shape annotations (SPEC §4): `fn attention(Q: [n, d], K: [m, d]) -> [n, e]`.
extension VM {
    /// Checks `value`'s shape against `check`, writing newly bound dimension names into `regs`.
    func checkShape(_ value: Value, _ check: ShapeCheck, _ regs: UnsafeMutablePointer<Value>) throws {
        let shape: [Int]
        switch value {
        case .tensor(let box): shape = box.tensor.shape
        case .int, .float, .bool: shape = []
        default:
            throw RuntimeError(.typeError, "\(check.function): \(check.subject) must be a tensor of shape \(check.pattern), got \(value.typeName)")
        }
        let axes = try alignedAxes(shape, check)
        for (dim, axis) in zip(check.dims, axes) {
            guard let axis else { continue }
            let size = shape[axis]
            switch dim {
            case .bind(_, let register):
                regs[register] = .int(Int64(size))
            case .match(let name, let register, let origin):
                if case .int(let expected) = regs[register], expected != Int64(size) {
                    throw mismatch(check, shape, axis: axis, "\(name) = \(size) here, but \(name) = \(expected) from \(origin)")
                }
            case .exact(let expected):
                if expected != size { throw mismatch(check, shape, axis: axis, "it must be \(expected)") }
            case .any, .ellipsis:
                break
            }
        }
    }

    /// The axis of `shape` each pattern dimension describes (nil for `...`); `...` absorbs leading axes.
    private func alignedAxes(_ shape: [Int], _ check: ShapeCheck) throws -> [Int?] {
        let fixed = check.dims.filter { $0 != .ellipsis }.count
        let hasEllipsis = check.dims.contains(.ellipsis)
        guard hasEllipsis ? shape.count >= fixed : shape.count == fixed else {
            throw RuntimeError(.shapeError, "\(check.function): \(check.subject) has shape \(Tensor.formatShape(shape)), "
                               + "but \(check.pattern) needs \(hasEllipsis ? "at least " : "")\(fixed) ax\(fixed == 1 ? "is" : "es")")
        }
        var axes: [Int?] = []
        var axis = 0
        for dim in check.dims {
            if dim == .ellipsis {
                axes.append(nil)
                axis += shape.count - fixed
            } else {
                axes.append(axis)
                axis += 1
            }
        }
        return axes
    }

    private func mismatch(_ check: ShapeCheck, _ shape: [Int], axis: Int, _ detail: String) -> RuntimeError {
        RuntimeError(.shapeError, "\(check.function): \(check.subject) has shape \(Tensor.formatShape(shape)), "
                     + "which does not match \(check.pattern) at axis \(axis): \(detail)")
    }
}
