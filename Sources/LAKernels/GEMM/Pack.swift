/// A read-only matrix view: element (i, j) is at `base[i * rowStride + j * colStride]`.
/// Any strides work (transposed, sliced or broadcast operands), so no
/// operand is ever copied whole: packing reads it in place.
struct StridedMatrix<T> {
    var base: UnsafePointer<T>
    var rowStride: Int
    var colStride: Int

    /// The view of `self` starting at element (`row`, `col`).
    @inline(__always)
    func offset(row: Int, col: Int) -> UnsafePointer<T> {
        base + (row * rowStride + col * colStride)
    }
}

/// Packing copies a block of an operand into the order the micro-kernel reads.
enum Pack {
    /// Packs `rows`×`depth` of A, starting at `a`, into slivers of `mr` rows:
    /// sliver s holds, for each p in 0..<depth, the `mr` values A[s*mr + i, p]
    /// (rows past the end are zero, so edge tiles run the same kernel).
    /// - Complexity: O(roundUp(rows, mr) × depth); writes `into` only.
    static func packA<T: GEMMScalar>(_ a: StridedMatrix<T>, rows: Int, depth: Int, mr: Int,
                                     into destination: UnsafeMutablePointer<T>) {
        packSlivers(a.base, count: rows, depth: depth, width: mr,
                    acrossStride: a.rowStride, depthStride: a.colStride, into: destination)
    }

    /// Packs `depth`×`cols` of B, starting at `b`, into slivers of `nr` columns:
    /// sliver s holds, for each p in 0..<depth, the `nr` values B[p, s*nr + j]
    /// (columns past the end are zero).
    /// - Complexity: O(depth × roundUp(cols, nr)); writes `into` only.
    static func packB<T: GEMMScalar>(_ b: StridedMatrix<T>, depth: Int, cols: Int, nr: Int,
                                     into destination: UnsafeMutablePointer<T>) {
        if b.colStride == 1 && nr % T.Vector.scalarCount == 0 {
            packRowsOfB(b, depth: depth, cols: cols, nr: nr, into: destination)
            return
        }
        packSlivers(b.base, count: cols, depth: depth, width: nr,
                    acrossStride: b.colStride, depthStride: b.rowStride, into: destination)
    }

    /// `packB` for row-major B: reads each row of the panel from start to end
    /// (sequential, so hardware prefetch keeps up even for skinny products
    /// whose B is far larger than the cache) and deals it out to the slivers.
    private static func packRowsOfB<T: GEMMScalar>(_ b: StridedMatrix<T>, depth: Int, cols: Int, nr: Int,
                                                   into destination: UnsafeMutablePointer<T>) {
        let lanes = T.Vector.scalarCount
        let whole = cols / nr * nr
        let sliverSize = nr * depth
        for p in 0..<depth {
            let row = b.base + p * b.rowStride
            var to = destination + p * nr
            var col = 0
            while col < whole {
                for v in stride(from: 0, to: nr, by: lanes) {
                    UnsafeMutableRawPointer(to + v).storeBytes(of: loadVector(row + col + v) as T.Vector, as: T.Vector.self)
                }
                col += nr
                to += sliverSize
            }
            if whole < cols {  // the partial sliver, zero-padded
                for j in 0..<nr { to[j] = whole + j < cols ? row[whole + j] : 0 }
            }
        }
    }

    /// The shared packing loop: `count` lines (rows of A, columns of B), each
    /// `depth` long, grouped `width` at a time and interleaved along depth.
    /// It walks the source along whichever stride is smaller, so both
    /// row-major and transposed operands are read mostly sequentially.
    @inline(__always)
    private static func packSlivers<T: GEMMScalar>(_ source: UnsafePointer<T>, count: Int, depth: Int, width: Int,
                                                   acrossStride: Int, depthStride: Int,
                                                   into destination: UnsafeMutablePointer<T>) {
        var out = destination
        var start = 0
        while start < count {
            let lines = min(width, count - start)
            let first = source + start * acrossStride
            if lines < width || abs(depthStride) < abs(acrossStride) {
                // Four lines at a time: contiguous reads along depth, and each
                // step writes four adjacent values (one store group, not four).
                var line = 0
                while line + 4 <= lines {
                    let from0 = first + line * acrossStride, from1 = from0 + acrossStride
                    let from2 = from1 + acrossStride, from3 = from2 + acrossStride
                    var to = out + line
                    var offset = 0
                    for _ in 0..<depth {
                        to[0] = from0[offset]
                        to[1] = from1[offset]
                        to[2] = from2[offset]
                        to[3] = from3[offset]
                        offset &+= depthStride
                        to += width
                    }
                    line += 4
                }
                for line in line..<lines {
                    var from = first + line * acrossStride
                    var to = out + line
                    for _ in 0..<depth {
                        to.pointee = from.pointee
                        from += depthStride
                        to += width
                    }
                }
                if lines < width {
                    for p in 0..<depth {
                        (out + p * width + lines).initialize(repeating: 0, count: width - lines)
                    }
                }
            } else {
                // Step by step along depth: contiguous reads across lines.
                var from = first
                var to = out
                for _ in 0..<depth {
                    if acrossStride == 1 && width % T.Vector.scalarCount == 0 {
                        // Whole vectors (slivers are 2 vectors wide).
                        for line in stride(from: 0, to: width, by: T.Vector.scalarCount) {
                            UnsafeMutableRawPointer(to + line).storeBytes(of: loadVector(from + line) as T.Vector, as: T.Vector.self)
                        }
                    } else {
                        var element = from
                        for line in 0..<width {
                            to[line] = element.pointee
                            element += acrossStride
                        }
                    }
                    from += depthStride
                    to += width
                }
            }
            out += width * depth
            start += width
        }
    }
}
