// CONTRACT STUB for matrix multiplication. The GEMM work implements it in
// GEMM/ and Linalg.swift with this signature, then deletes this file.

extension Tensor {
    /// NumPy `matmul`: 1-D·1-D is a 0-d dot product, 2-D@2-D a matrix, leading axes batch and broadcast.
    public static func matmul(_ a: Tensor, _ b: Tensor, context: KernelContext) throws -> Tensor {
        throw KernelError(.value, "matmul not implemented")
    }
}
