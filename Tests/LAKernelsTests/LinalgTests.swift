import Testing
@testable import LAKernels

/// Helpers: row-major products, transposes and well-conditioned random matrices.
enum LinalgTestData {
    static func product(_ a: Tensor, _ b: Tensor) -> [Double] {
        GEMMTestData.naiveProduct(a.toDoubles(), b.toDoubles(), m: a.shape[0], n: b.shape[1], k: a.shape[1])
    }

    static func transpose(_ t: Tensor) -> Tensor { GEMMTestData.swapLastAxes(t) }

    static func identity(_ n: Int) -> [Double] { (0..<(n * n)).map { $0 / n == $0 % n ? 1 : 0 } }

    /// A random n×n matrix plus n·I: diagonally dominant, so well-conditioned.
    static func wellConditioned(_ n: Int, seed: UInt64, dtype: DType = .f64) throws -> Tensor {
        let values = GEMMTestData.values(n * n, seed: seed).enumerated().map { $0.offset / n == $0.offset % n ? $0.element + Double(n) : $0.element }
        return try Tensor(values, shape: [n, n], dtype: dtype)
    }

    /// A random symmetric n×n matrix.
    static func symmetric(_ n: Int, seed: UInt64) throws -> Tensor {
        let r = GEMMTestData.values(n * n, seed: seed)
        return try Tensor((0..<(n * n)).map { r[$0] + r[($0 % n) * n + $0 / n] }, shape: [n, n])
    }

    static func diagonal(_ values: [Double]) throws -> Tensor {
        let n = values.count
        return try Tensor((0..<(n * n)).map { $0 / n == $0 % n ? values[$0 / n] : 0 }, shape: [n, n])
    }
}

@Suite struct LinalgLUTests {
    let context = KernelContext(threads: 1)

    @Test(arguments: [1, 2, 5, 17, 40])
    func inverseTimesMatrixIsIdentity(n: Int) throws {
        let a = try LinalgTestData.wellConditioned(n, seed: UInt64(n))
        let inverse = try Linalg.inv(a, context: context)
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(a, inverse), LinalgTestData.identity(n)) < 1e-12)
        let det = try Linalg.det(a, context: context).toDoubles()[0]
        let detInverse = try Linalg.det(inverse, context: context).toDoubles()[0]
        #expect(abs(det * detInverse - 1) < 1e-10)
    }

    @Test func knownDeterminants() throws {
        #expect(try Linalg.det(try Tensor([1, 2, 3, 4] as [Double], shape: [2, 2]), context: context).toDoubles() == [-2])
        let permuted = try Tensor([0, 1, 0, 0, 0, 1, 1, 0, 0] as [Double], shape: [3, 3])
        #expect(try Linalg.det(permuted, context: context).toDoubles() == [1])
        let singular = try Tensor([1, 2, 2, 4] as [Int64], shape: [2, 2])
        let zero = try Linalg.det(singular, context: context)
        #expect(zero.toDoubles() == [0] && zero.dtype == .f64 && zero.shape == [])
        #expect(try Linalg.det(try Tensor(zeros: [0, 0], dtype: .f64), context: context).toDoubles() == [1])
    }

    @Test func solveMatchesTheSystem() throws {
        let a = try LinalgTestData.wellConditioned(6, seed: 9)
        let b = try GEMMTestData.tensor([6], seed: 10)
        let x = try Linalg.solve(a, b, context: context)
        #expect(x.shape == [6])
        let ax = GEMMTestData.naiveProduct(a.toDoubles(), x.toDoubles(), m: 6, n: 1, k: 6)
        #expect(GEMMTestData.maxRelativeError(ax, b.toDoubles()) < 1e-12)
        let many = try GEMMTestData.tensor([6, 3], seed: 11)
        let xs = try Linalg.solve(a, many, context: context)
        #expect(xs.shape == [6, 3])
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(a, xs), many.toDoubles()) < 1e-12)
    }

    @Test func singularAndMisshapenInputsAreErrors() throws {
        let singular = try Tensor([1, 2, 2, 4] as [Double], shape: [2, 2])
        let error = #expect(throws: KernelError.self) { try Linalg.inv(singular, context: context) }
        #expect(error?.kind == .value && error?.message.hasPrefix("matrix is singular") == true)
        let b = try Tensor([1, 1] as [Double], shape: [2])
        #expect(throws: KernelError.self) { try Linalg.solve(singular, b, context: context) }
        let wide = try Tensor(zeros: [2, 3], dtype: .f64)
        let shape = #expect(throws: KernelError.self) { try Linalg.inv(wide, context: context) }
        #expect(shape?.kind == .shape && shape?.message == "inv: expected a square matrix, got shape (2, 3)")
        #expect(throws: KernelError.self) { try Linalg.det(try Tensor(zeros: [4], dtype: .f64), context: context) }
        let mismatch = #expect(throws: KernelError.self) { try Linalg.solve(try LinalgTestData.wellConditioned(3, seed: 1), b, context: context) }
        #expect(mismatch?.kind == .shape)
    }

    @Test func f32InputGivesF32() throws {
        let a = try LinalgTestData.wellConditioned(4, seed: 3, dtype: .f32)
        let inverse = try Linalg.inv(a, context: context)
        #expect(inverse.dtype == .f32)
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(a, inverse), LinalgTestData.identity(4)) < 1e-5)
    }
}

@Suite struct LinalgFactorizationTests {
    let context = KernelContext(threads: 1)

    @Test(arguments: [(5, 3), (4, 4), (3, 6), (1, 1), (30, 20)])
    func qrIsOrthonormalTimesUpperTriangular(shape: (Int, Int)) throws {
        let (m, n) = shape
        let a = try GEMMTestData.tensor([m, n], seed: UInt64(m * 7 + n))
        let (q, r) = try Linalg.qr(a, context: context)
        let k = min(m, n)
        #expect(q.shape == [m, k] && r.shape == [k, n])
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(q, r), a.toDoubles()) < 1e-12)
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(LinalgTestData.transpose(q), q), LinalgTestData.identity(k)) < 1e-12)
        let rv = r.toDoubles()
        #expect((0..<k).allSatisfy { i in (0..<min(i, n)).allSatisfy { rv[i * n + $0] == 0 } })
    }

    @Test func qrSignsFollowLAPACK() throws {
        // NumPy: qr([[1, 2], [3, 4]]) has R = [[-√10, -14/√10], [0, -2/√10]].
        let (_, r) = try Linalg.qr(try Tensor([1, 2, 3, 4] as [Double], shape: [2, 2]), context: context)
        let root10 = Double(10).squareRoot()
        #expect(GEMMTestData.maxRelativeError(r.toDoubles(), [-root10, -14 / root10, 0, -2 / root10]) < 1e-14)
    }

    @Test(arguments: [1, 2, 6, 25])
    func eighReconstructsTheMatrix(n: Int) throws {
        let a = try LinalgTestData.symmetric(n, seed: UInt64(n + 40))
        let (w, v) = try Linalg.eigh(a, context: context)
        let values = w.toDoubles()
        #expect(values == values.sorted())
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(LinalgTestData.transpose(v), v), LinalgTestData.identity(n)) < 1e-12)
        let scaled = try Tensor(LinalgTestData.product(v, try LinalgTestData.diagonal(values)), shape: [n, n])
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(scaled, LinalgTestData.transpose(v)), a.toDoubles()) < 1e-12)
    }

    @Test func eighKnownValuesAndLowerTriangle() throws {
        // Only the lower triangle counts: this is [[2, 1], [1, 2]].
        let a = try Tensor([2, 99, 1, 2] as [Double], shape: [2, 2])
        let (w, _) = try Linalg.eigh(a, context: context)
        #expect(GEMMTestData.maxRelativeError(w.toDoubles(), [1, 3]) < 1e-15)
        let nan = try Tensor([Double.nan, 0, 0, 1], shape: [2, 2])
        #expect(throws: KernelError.self) { try Linalg.eigh(nan, context: context) }
    }

    @Test(arguments: [(6, 4), (4, 6), (5, 5), (1, 3), (20, 12)])
    func svdReconstructsTheMatrix(shape: (Int, Int)) throws {
        let (m, n) = shape
        let a = try GEMMTestData.tensor([m, n], seed: UInt64(m * 3 + n))
        try checkSVD(a)
    }

    @Test func svdOfRankDeficientMatrix() throws {
        // Rank 1: every row a multiple of (1, 2, 3).
        let a = try Tensor([1, 2, 3, 2, 4, 6, -1, -2, -3, 0, 0, 0] as [Double], shape: [4, 3])
        let s = try checkSVD(a)
        #expect(abs(s[0] - (14.0 * 6).squareRoot()) < 1e-12 && s[1] < 1e-12 && s[2] < 1e-12)
        let known = try checkSVD(try LinalgTestData.diagonal([3, -4, 0.5]))
        #expect(GEMMTestData.maxRelativeError(known, [4, 3, 0.5]) < 1e-15)
    }

    /// Checks U·diag(S)·Vt = A, orthonormal U columns and Vt rows, descending S; returns S.
    @discardableResult
    func checkSVD(_ a: Tensor) throws -> [Double] {
        let (m, n) = (a.shape[0], a.shape[1]), k = min(m, n)
        let (u, s, vt) = try Linalg.svd(a, context: context)
        #expect(u.shape == [m, k] && s.shape == [k] && vt.shape == [k, n])
        let values = s.toDoubles()
        #expect(values == values.sorted(by: >) && values.allSatisfy { $0 >= 0 })
        let us = try Tensor(LinalgTestData.product(u, try LinalgTestData.diagonal(values)), shape: [m, k])
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(us, vt), a.toDoubles()) < 1e-12)
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(LinalgTestData.transpose(u), u), LinalgTestData.identity(k)) < 1e-12)
        #expect(GEMMTestData.maxRelativeError(LinalgTestData.product(vt, LinalgTestData.transpose(vt)), LinalgTestData.identity(k)) < 1e-12)
        return values
    }
}

@Suite struct LinalgNormTests {
    let context = KernelContext(threads: 1)

    @Test func vectorNorms() throws {
        let v = try Tensor([3, -4] as [Double], shape: [2])
        #expect(try Linalg.norm(v, context: context).toDoubles() == [5])
        #expect(try Linalg.norm(v, ord: .one, context: context).toDoubles() == [7])
        #expect(try Linalg.norm(v, ord: .infinity, context: context).toDoubles() == [4])
        #expect(throws: KernelError.self) { try Linalg.norm(v, ord: .frobenius, context: context) }
        let ints = try Tensor([3, 4] as [Int64], shape: [2])
        #expect(try Linalg.norm(ints, context: context).dtype == .f64)
    }

    @Test func matrixNorms() throws {
        let m = try Tensor([1, -2, 3, 4] as [Double], shape: [2, 2])
        #expect(try Linalg.norm(m, context: context).toDoubles() == [Double(30).squareRoot()])
        #expect(try Linalg.norm(m, ord: .frobenius, context: context).toDoubles() == [Double(30).squareRoot()])
        #expect(try Linalg.norm(m, ord: .one, context: context).toDoubles() == [6])
        #expect(try Linalg.norm(m, ord: .infinity, context: context).toDoubles() == [7])
        let two = try Linalg.norm(try LinalgTestData.diagonal([3, -4]), ord: .two, context: context).toDoubles()[0]
        #expect(abs(two - 4) < 1e-15)
        #expect(throws: KernelError.self) { try Linalg.norm(try Tensor(zeros: [2, 2, 2], dtype: .f64), ord: .one, context: context) }
    }

    @Test func normAlongAnAxis() throws {
        let m = try Tensor([3, 0, 4, 1] as [Double], shape: [2, 2], dtype: .f32)
        let columns = try Linalg.norm(m, axis: 0, context: context)
        #expect(columns.shape == [2] && columns.dtype == .f32 && columns.toDoubles() == [5, 1])
        #expect(try Linalg.norm(m, ord: .one, axis: -1, context: context).toDoubles() == [3, 5])
        let error = #expect(throws: KernelError.self) { try Linalg.norm(m, axis: 2, context: context) }
        #expect(error?.kind == .index)
    }

    @Test func trace() throws {
        let m = try Tensor([1, 2, 3, 4, 5, 6] as [Int64], shape: [2, 3])
        let t = try Linalg.trace(m, context: context)
        #expect(t.dtype == .i64 && t.toInt64s() == [6])
        let f = try Linalg.trace(LinalgTestData.transpose(try GEMMTestData.tensor([3, 3], seed: 1)), context: context)
        let values = try GEMMTestData.tensor([3, 3], seed: 1).toDoubles()
        #expect(abs(f.toDoubles()[0] - (values[0] + values[4] + values[8])) < 1e-15)
        let big = try Tensor([Int64.max, 0, 0, 1], shape: [2, 2])
        #expect(throws: KernelError.self) { try Linalg.trace(big, context: context) }
    }
}
