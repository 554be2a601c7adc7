/// The instruction set of the la register VM: the one table of opcodes.
///
/// Every instruction is one `UInt32` word, laid out as in Lua 5.4:
/// ```
///  31      24 23      16 15       8 7        0
/// |    C     |    B     |    A     |  opcode  |   format ABC
/// |         Bx          |    A     |  opcode  |   format ABx  (sBx = Bx - 32767)
/// |              Ax                |  opcode  |   format Ax   (EXTRAARG only)
/// ```
/// Notation: `R[x]` is register x of the current frame, `K[x]` constant x of
/// the function's pool, `U[x]` upvalue x of the running closure, `G[x]` global
/// slot x, `P[x]` nested prototype x, `pc` the index of the next instruction.
/// "truth(v)" is SPEC §3's truth value (a bool or a one-element tensor).
/// An `EXTRAARG` word following an instruction is part of it; the VM consumes it.
public enum Opcode: UInt8, CaseIterable, Sendable {
    case move, loadk, loadint, loadnil, loadtrue, loadfalse
    case getglobal, setglobal, getupval, setupval, close, closure
    case add, sub, mul, div, idiv, mod, pow, matmul
    case addk, subk, mulk, divk
    case eq, ne, lt, le, gt, ge
    case eqk, nek, ltk, lek, gtk, gek
    case neg, not, plus, truth
    case jmp, jmpif, jmpifnot, testcmp
    case call, `self`, `return`, `default`
    case newtuple, newrecord, newtensor, concat, slice, unpack
    case getindex, setindex, getmember, setmember
    case forprep, forloop, iterprep, iternext
    case `import`, assertfail, checkshape, extraarg

    /// The table: the operand format and the effect of each opcode, one line each.
    public var info: (format: OperandFormat, effect: String) {
        switch self {
        case .move: (.ab, "R[A] = R[B]")
        case .loadk: (.aBx, "R[A] = K[Bx]")
        case .loadint: (.aSBx, "R[A] = sBx (an int)")
        case .loadnil: (.a, "R[A] = nil")
        case .loadtrue: (.a, "R[A] = true")
        case .loadfalse: (.a, "R[A] = false")
        case .getglobal: (.aBx, "R[A] = G[Bx]; NameError if the global is not yet defined")
        case .setglobal: (.aBx, "G[Bx] = R[A]; R[A] = nil (a move: R[A] is always a temporary)")
        case .getupval: (.ab, "R[A] = U[B]")
        case .setupval: (.ab, "U[B] = R[A]; R[A] = nil (a move: R[A] is always a temporary)")
        case .close: (.a, "close every open upvalue that refers to R[A] or above")
        case .closure: (.aBx, "R[A] = a new closure of P[Bx], capturing its upvalues")
        case .add: (.abc, "R[A] = R[B] + R[C]")
        case .sub: (.abc, "R[A] = R[B] - R[C]")
        case .mul: (.abc, "R[A] = R[B] * R[C]")
        case .div: (.abc, "R[A] = R[B] / R[C]")
        case .idiv: (.abc, "R[A] = R[B] // R[C]")
        case .mod: (.abc, "R[A] = R[B] % R[C]")
        case .pow: (.abc, "R[A] = R[B] ** R[C]")
        case .matmul: (.abc, "R[A] = R[B] @ R[C]")
        case .addk: (.abc, "R[A] = R[B] + K[C]")
        case .subk: (.abc, "R[A] = R[B] - K[C]")
        case .mulk: (.abc, "R[A] = R[B] * K[C]")
        case .divk: (.abc, "R[A] = R[B] / K[C]")
        case .eq: (.abc, "R[A] = R[B] == R[C] (element-wise on tensors)")
        case .ne: (.abc, "R[A] = R[B] != R[C]")
        case .lt: (.abc, "R[A] = R[B] < R[C]")
        case .le: (.abc, "R[A] = R[B] <= R[C]")
        case .gt: (.abc, "R[A] = R[B] > R[C]")
        case .ge: (.abc, "R[A] = R[B] >= R[C]")
        case .eqk: (.abc, "R[A] = R[B] == K[C]")
        case .nek: (.abc, "R[A] = R[B] != K[C]")
        case .ltk: (.abc, "R[A] = R[B] < K[C]")
        case .lek: (.abc, "R[A] = R[B] <= K[C]")
        case .gtk: (.abc, "R[A] = R[B] > K[C]")
        case .gek: (.abc, "R[A] = R[B] >= K[C]")
        case .neg: (.ab, "R[A] = -R[B]")
        case .not: (.ab, "R[A] = not truth(R[B])")
        case .plus: (.ab, "R[A] = +R[B] (checks R[B] is numeric)")
        case .truth: (.ab, "R[A] = truth(R[B]) as a bool")
        case .jmp: (.aSBx, "pc += sBx")
        case .jmpif: (.aSBx, "if truth(R[A]) { pc += sBx }")
        case .jmpifnot: (.aSBx, "if not truth(R[A]) { pc += sBx }")
        case .testcmp: (.abc, "if (R[A] op RK[B]) != (C & 16 != 0) { pc += 1 } (skips the JMP after it, which is taken when the comparison equals C & 16 != 0); op = comparisons[C & 7]; RK[B] = K[B] if C & 8 else R[B]")
        case .call: (.abc, "R[A] = R[A](R[A+1] ... R[A+B], named R[A+B+1] ... R[A+B+C]); when C > 0 an EXTRAARG Ax = K index of the names follows")
        case .`self`: (.abc, "uniform call x.f(...): R[A] = f, R[A+1] = x, B+C argument registers follow; EXTRAARG Ax = K index of \"f\" | skip << 16. If x is a record with field f: R[A] = x.f, shift the arguments down one register, pc += skip (to the field call)")
        case .`return`: (.ab, "return R[A] if B == 1, else nil")
        case .`default`: (.aSBx, "if R[A] holds an argument { pc += sBx } (else fall into the default's code)")
        case .newtuple: (.abc, "R[A] = (R[B], ..., R[B+C-1])")
        case .newrecord: (.abc, "R[A] = {K[Ax][0]: R[B], ...} with C fields; EXTRAARG Ax = K index of the field names")
        case .newtensor: (.abc, "R[A] = [R[B], ..., R[B+C-1]] (scalars, or equal-shaped tensors stacked)")
        case .concat: (.abc, "R[A] = str(R[B]) + ... + str(R[B+C-1]) (string interpolation)")
        case .slice: (.ab, "R[A] = the slice R[B]:R[B+1]:R[B+2] (nil parts are omitted)")
        case .unpack: (.abc, "R[A], ..., R[A+C-1] = the C items of R[B] (a tuple, or a tensor's first axis); ValueError on a count mismatch")
        case .getindex: (.abc, "R[A] = R[B][R[B+1], ..., R[B+(C & 127)]]; if C & 128 { R[B] = nil } (drops a temporary so a later in-place write need not copy)")
        case .setindex: (.abc, "T[R[A], ..., R[A+B-1]] = R[C] in place; EXTRAARG Ax names the target T (see Target)")
        case .getmember: (.ab, "R[A] = R[B].name (a record field or a property); EXTRAARG Ax = K index of name | 1 << 23 when R[B] is a temporary to drop")
        case .setmember: (.aBx, "T.K[Bx] = R[A] in place; EXTRAARG Ax names the target T (see Target)")
        case .forprep: (.aSBx, "numeric for: start, stop, step in R[A], R[A+1], R[A+2]; R[A+1] = trip count; if 0 { pc += sBx } else R[A+3] = start")
        case .forloop: (.aSBx, "R[A+1] -= 1; if R[A+1] > 0 { R[A] += R[A+2]; R[A+3] = R[A]; pc += sBx }")
        case .iterprep: (.aSBx, "for-in: check R[A] is iterable; R[A+1] = 0; pc += sBx (to ITERNEXT)")
        case .iternext: (.aSBx, "if R[A+1] < len(R[A]) { R[A+2] = R[A][R[A+1]]; R[A+1] += 1; pc += sBx }")
        case .`import`: (.aBx, "R[A] = the module named K[Bx], as a record (loaded once per runtime)")
        case .assertfail: (.abc, "raise AssertionError; message R[A] unless A == 255; operand values R[B], R[C] unless 255")
        case .checkshape: (.aBx, "check R[A]'s shape against the annotation K[Bx] (a ShapeCheck), binding its new dimension names into registers")
        case .extraarg: (.ax, "an extra operand Ax of the previous instruction")
        }
    }

    /// The upper-case mnemonic used by the disassembler, e.g. `ADD`.
    public var mnemonic: String { String(describing: self).uppercased() }
}

extension Opcode {
    /// The comparison a TESTCMP performs, by the index in its C operand's low 3 bits.
    public static let comparisons: [Opcode] = [.eq, .ne, .lt, .le, .gt, .ge]
}

/// The flag bits of TESTCMP's C operand (the low 3 bits index `Opcode.comparisons`).
public enum TestCompare {
    public static let constantOperand = 8
    public static let expectTrue = 16
}

/// How an opcode uses the bits after its opcode byte.
public enum OperandFormat: Sendable {
    case a, ab, abc, aBx, aSBx, ax
}

/// Where `SETINDEX`/`SETMEMBER` write: encoded in the EXTRAARG word as `kind << 22 | index`.
public enum TargetKind: UInt32, Sendable {
    case register = 0, upvalue = 1, global = 2
}

/// Packing and unpacking of instruction words.
public enum Instruction {
    /// The offset subtracted from Bx to get sBx.
    public static let sBxBias = 32767
    public static let maxBx = 65535
    public static let maxAx = (1 << 24) - 1

    @inline(__always) public static func abc(_ op: Opcode, _ a: Int, _ b: Int, _ c: Int) -> UInt32 {
        UInt32(op.rawValue) | UInt32(truncatingIfNeeded: a & 0xFF) << 8
            | UInt32(truncatingIfNeeded: b & 0xFF) << 16 | UInt32(truncatingIfNeeded: c & 0xFF) << 24
    }

    @inline(__always) public static func aBx(_ op: Opcode, _ a: Int, _ bx: Int) -> UInt32 {
        UInt32(op.rawValue) | UInt32(truncatingIfNeeded: a & 0xFF) << 8 | UInt32(truncatingIfNeeded: bx & 0xFFFF) << 16
    }

    @inline(__always) public static func aSBx(_ op: Opcode, _ a: Int, _ sbx: Int) -> UInt32 {
        aBx(op, a, sbx + sBxBias)
    }

    @inline(__always) public static func ax(_ op: Opcode, _ ax: Int) -> UInt32 {
        UInt32(op.rawValue) | UInt32(truncatingIfNeeded: ax & maxAx) << 8
    }

    @inline(__always) public static func opcode(_ word: UInt32) -> Opcode? { Opcode(rawValue: UInt8(truncatingIfNeeded: word)) }
    @inline(__always) public static func a(_ word: UInt32) -> Int { Int((word >> 8) & 0xFF) }
    @inline(__always) public static func b(_ word: UInt32) -> Int { Int((word >> 16) & 0xFF) }
    @inline(__always) public static func c(_ word: UInt32) -> Int { Int(word >> 24) }
    @inline(__always) public static func bx(_ word: UInt32) -> Int { Int(word >> 16) }
    @inline(__always) public static func sBx(_ word: UInt32) -> Int { Int(word >> 16) - sBxBias }
    @inline(__always) public static func ax(_ word: UInt32) -> Int { Int(word >> 8) }
}
