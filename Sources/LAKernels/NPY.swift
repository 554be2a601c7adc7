// NumPy's .npy file format (numpy/lib/format.py), versions 1.0, 2.0 and 3.0:
// the magic "\x93NUMPY", a version, a little-endian header length, a header
// dict padded with spaces and '\n' to a multiple of 64 bytes, then the raw data.
// The kernels see bytes only; the runtime reads and writes the files.

enum NPYFormat {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    /// The header plus everything before it is a multiple of this (NumPy's ARRAY_ALIGN).
    static let alignment = 64
    /// Headers larger than this are refused (NumPy itself refuses above 10 000 bytes by default).
    static let maxHeaderLength = 1 << 20
    /// NumPy leaves room to grow the first (C) or last (Fortran) axis to this many digits.
    static let growthAxisDigits = 21
}

extension Tensor {
    /// Decodes the bytes of a NumPy `.npy` file.
    ///
    /// Reads format versions 1.0–3.0, either byte order, C or Fortran order, 0-d and
    /// empty arrays. `|b1` gives bool, `i8` i64, `f4` f32, `f8` f64; `i1 i2 i4 u1 u2 u4 u8`
    /// widen to i64 and `f2` to f32. A Fortran-order file gives a column-major view
    /// (strides reversed) over one storage, without a second copy. Bytes after the data
    /// are ignored, as `np.load` ignores them.
    /// - Throws: ValueError for a malformed file or a dtype la cannot hold (the message
    ///   names the problem, e.g. "not a .npy file: bad magic"); OverflowError for a u8
    ///   value above the i64 range; LimitError when the array exceeds the memory budget.
    /// - Complexity: O(header + data); allocates the result's storage, charged to `context`.
    public static func decodeNPY(_ bytes: [UInt8], context: KernelContext) throws -> Tensor {
        let reader = ByteReader(bytes: bytes)
        let (header, dataOffset) = try readNPYHeader(reader)
        let format = header.format
        // The product of the shape and the item size, checked before anything is allocated.
        var count = 1, byteCount = format.width
        for n in header.shape {
            let (elements, overflow1) = count.multipliedReportingOverflow(by: n)
            let (size, overflow2) = byteCount.multipliedReportingOverflow(by: n)
            if overflow1 || overflow2 {
                throw KernelError(.value, "invalid .npy header: shape \(formatShape(header.shape)) is too large")
            }
            (count, byteCount) = (elements, size)
        }
        let available = bytes.count - dataOffset
        guard byteCount <= available else {
            throw KernelError(.value, "truncated .npy data: expected \(byteCount) bytes, found \(available)")
        }
        let storage = try TensorStorage(dtype: format.dtype, count: count, context: context)
        try bytes.withUnsafeBytes { all in
            let data = UnsafeRawBufferPointer(rebasing: all[dataOffset..<(dataOffset + byteCount)])
            if format.matchesStorage {
                if let base = data.baseAddress { storage.bytes.copyMemory(from: base, byteCount: byteCount) }
            } else {
                try format.convert(data, count: count, into: storage)
            }
        }
        let strides = header.fortranOrder ? fortranStrides(header.shape) : contiguousStrides(header.shape)
        return Tensor(storage: storage, shape: header.shape, strides: strides, offset: 0)
    }

    /// Column-major strides for `shape`.
    private static func fortranStrides(_ shape: [Int]) -> [Int] {
        contiguousStrides(shape.reversed()).reversed()
    }

    /// Checks the magic and version, then parses the header dict.
    /// - Returns: the header and the offset where the data starts.
    private static func readNPYHeader(_ reader: ByteReader) throws -> (NPYHeader, Int) {
        let magic = NPYFormat.magic
        guard reader.slice(at: 0, length: magic.count).map({ Array($0) == magic }) == true else {
            throw KernelError(.value, reader.count < magic.count && reader.bytes == Array(magic.prefix(reader.count))
                ? "truncated .npy file: \(reader.count) bytes is too short for the header"
                : "not a .npy file: bad magic")
        }
        guard let major = reader.int(at: 6, width: 1), let minor = reader.int(at: 7, width: 1) else {
            throw KernelError(.value, "truncated .npy file: \(reader.count) bytes is too short for the header")
        }
        let lengthWidth: Int
        switch (major, minor) {
        case (1, 0): lengthWidth = 2
        case (2, 0), (3, 0): lengthWidth = 4
        default: throw KernelError(.value, "unsupported .npy format version \(major).\(minor)")
        }
        guard let headerLength = reader.int(at: 8, width: lengthWidth) else {
            throw KernelError(.value, "truncated .npy file: \(reader.count) bytes is too short for the header")
        }
        guard headerLength <= NPYFormat.maxHeaderLength else {
            throw KernelError(.value, "invalid .npy header: its length \(headerLength) exceeds the limit of \(NPYFormat.maxHeaderLength) bytes")
        }
        let headerStart = 8 + lengthWidth
        guard let headerBytes = reader.slice(at: headerStart, length: headerLength) else {
            throw KernelError(.value, "truncated .npy header: expected \(headerLength) bytes, found \(reader.count - headerStart)")
        }
        // Versions 1 and 2 store the header in Latin-1, version 3 in UTF-8.
        let text = major == 3
            ? String(decoding: headerBytes, as: UTF8.self)
            : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        return (try NPYHeader(dictText: text), headerStart + headerLength)
    }

    /// Encodes the tensor as a `.npy` file, byte for byte what `np.save` writes for the
    /// same array: version 1.0 (2.0 when the header needs more than 64 KiB), a
    /// little-endian dtype (`|b1 <i8 <f4 <f8`), C order, the header padded to a
    /// multiple of 64 bytes and ending in '\n'.
    /// - Complexity: O(count); allocates the returned bytes only.
    public func encodeNPY() -> [UInt8] {
        if dtype == .rational, let doubles = try? Tensor(toDoubles(), shape: shape) { return doubles.encodeNPY() }
        let format = NPYElementFormat(dtype)
        var out = Tensor.npyHeader(descr: format.descr, shape: shape)
        let width = dtype.byteWidth
        let (dataBytes, overflow) = count.multipliedReportingOverflow(by: width)
        if !overflow { out.reserveCapacity(out.count + dataBytes) }
        let source = UnsafeRawPointer(storage.bytes)
        // Storage is little-endian on every platform la runs on, so elements copy byte for byte.
        if isContiguous && !overflow {
            out.append(contentsOf: UnsafeRawBufferPointer(start: source + offset &* width, count: dataBytes))
            return out
        }
        forEachOffset { elementOffset in
            let element = UnsafeRawBufferPointer(start: source + elementOffset &* width, count: width)
            out.append(contentsOf: element)
        }
        return out
    }

    /// The magic, version, length and padded header dict of a C-order array (NumPy's `_wrap_header`).
    static func npyHeader(descr: String, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first {
            dict += String(repeating: " ", count: max(0, NPYFormat.growthAxisDigits - String(first).count))
        }
        let text = Array(dict.utf8)
        let textLength = text.count + 1  // with the final '\n'
        func padding(lengthWidth: Int) -> Int {
            NPYFormat.alignment - (NPYFormat.magic.count + 2 + lengthWidth + textLength) % NPYFormat.alignment
        }
        // Version 1.0 has a 2-byte header length; 2.0 (4 bytes) only when that is too small.
        var lengthWidth = 2
        if textLength + padding(lengthWidth: 2) > Int(UInt16.max) { lengthWidth = 4 }
        let pad = padding(lengthWidth: lengthWidth)
        var out = NPYFormat.magic + [lengthWidth == 2 ? 1 : 2, 0]
        appendLittleEndian(UInt64(textLength + pad), width: lengthWidth, to: &out)
        out += text
        out += [UInt8](repeating: 0x20, count: pad)
        out.append(0x0A)
        return out
    }
}
