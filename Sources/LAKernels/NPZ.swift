// NumPy's .npz files: a ZIP archive of .npy members, as `np.savez` (stored)
// and `np.savez_compressed` (deflated) write it.

extension Tensor {
    /// Decodes the bytes of a NumPy `.npz` file written by `np.savez` or
    /// `np.savez_compressed` (stored or deflated members, ZIP64 extra fields as NumPy
    /// always writes them), in archive order. Names drop the `.npy` suffix
    /// (`np.savez(f, x=a)` gives `"x"`, positional arrays `"arr_0"`...).
    /// - Throws: ValueError for a malformed or truncated archive, corrupt compressed
    ///   data, a size or CRC mismatch, or another compression method; any error of
    ///   `decodeNPY`, with the member's name added to the message; LimitError when a
    ///   member's bytes or tensor exceed the memory budget.
    /// - Complexity: O(file size + decompressed size); allocates each member's bytes
    ///   (decompressed at most to the size its header records) and each tensor's storage.
    public static func decodeNPZ(_ bytes: [UInt8], context: KernelContext) throws -> [(name: String, tensor: Tensor)] {
        let archive = try ZipArchive(bytes)
        var result: [(name: String, tensor: Tensor)] = []
        for member in archive.members {
            // The member's bytes live beside its tensor for a moment; charging them keeps a
            // small file that claims a huge decompressed size within the budget.
            try context.reserve(bytes: member.uncompressedSize)
            defer { context.release(bytes: member.uncompressedSize) }
            let data = try archive.data(of: member)
            let name = member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : member.name
            do {
                result.append((name, try decodeNPY(data, context: context)))
            } catch var error as KernelError {
                error.message = "in .npz member '\(member.name)': \(error.message)"
                throw error
            }
        }
        return result
    }
}
