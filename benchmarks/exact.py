#!/usr/bin/env python3
"""Compare la's exact linear algebra with python-flint and SymPy, in one run.

    benchmarks/exact.py [--skip-build] [--no-sympy] [N ...]   (default N: 10 30 60 100)

Builds `la-exact-bench` (release), then for the n x n Hilbert matrix and a
random integer matrix with entries in [-9, 9] (seeded) times det, inv and
solve (right-hand side 1..n) in la, python-flint's `fmpq_mat` and SymPy's
`Matrix`, checks that all three computed the same values (det, or the sum of
the result's entries), and prints a table with the ratios flint/la and
sympy/la (higher is better for la). Timing: best of up to 3 runs, stopping
after 2 s on one operation. SymPy operations are skipped at the next size
once one took over 60 s; `--no-sympy` skips SymPy altogether (quick la/flint
comparisons).
"""
import os
import random
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

import flint

sys.set_int_max_str_digits(0)
import sympy

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYMPY_BUDGET = 60.0


def hilbert(n):
    return [[Fraction(1, i + j + 1) for j in range(n)] for i in range(n)]


def random_integers(n, seed=12345):
    rng = random.Random(seed * 1000 + n)
    while True:
        rows = [[rng.randint(-9, 9) for _ in range(n)] for _ in range(n)]
        if flint.fmpz_mat(rows).det() != 0:
            return [[Fraction(v) for v in row] for row in rows]


def best_time(operation):
    best, spent, result = float("inf"), 0.0, None
    for _ in range(3):
        if spent >= 2:
            break
        start = time.perf_counter()
        result = operation()
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
    return best, result


def run_la(binary, rows):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(" ".join(str(v) for v in row) for row in rows) + "\n")
        path = f.name
    try:
        out = subprocess.run([binary, path], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    results = {}
    for line in out.splitlines():
        op, seconds, digest = line.split()
        results[op] = (float(seconds), Fraction(digest))
    return results


def run_flint(rows):
    n = len(rows)
    m = flint.fmpq_mat(n, n, [flint.fmpq(v.numerator, v.denominator) for row in rows for v in row])
    b = flint.fmpq_mat(n, 1, list(range(1, n + 1)))
    to_fraction = lambda q: Fraction(int(q.p), int(q.q))
    total = lambda mat: sum((to_fraction(mat[i, j]) for i in range(mat.nrows()) for j in range(mat.ncols())), Fraction(0))
    t_det, det = best_time(lambda: m.det())
    t_inv, inv = best_time(lambda: m.inv())
    t_solve, x = best_time(lambda: m.solve(b))
    return {"det": (t_det, to_fraction(det)), "inv": (t_inv, total(inv)), "solve": (t_solve, total(x))}


def run_sympy(rows, skip):
    n = len(rows)
    m = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in row] for row in rows])
    b = sympy.Matrix(list(range(1, n + 1)))
    to_fraction = lambda q: Fraction(int(q.p), int(q.q))
    ops = {"det": lambda: m.det(), "inv": lambda: m.inv(), "solve": lambda: m.LUsolve(b)}
    results = {}
    for op, call in ops.items():
        if op in skip:
            results[op] = None
            continue
        seconds, value = best_time(call)
        digest = to_fraction(value) if op == "det" else sum((to_fraction(v) for v in value), Fraction(0))
        results[op] = (seconds, digest)
    return results


def main():
    flags = {"--skip-build", "--no-sympy"}
    args = [a for a in sys.argv[1:] if a not in flags]
    sizes = [int(a) for a in args] or [10, 30, 60, 100]
    if "--skip-build" not in sys.argv:
        subprocess.run(["swift", "build", "-c", "release", "--product", "la-exact-bench"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, ".build", "release", "la-exact-bench")
    print(f"python-flint {flint.__version__}, SymPy {sympy.__version__}")
    print(f"{'matrix':<10} {'n':>4} {'op':<6} {'la s':>10} {'flint s':>10} {'sympy s':>10} {'flint/la':>9} {'sympy/la':>9}")
    for kind, make in (("hilbert", hilbert), ("random", random_integers)):
        skip = {"det", "inv", "solve"} if "--no-sympy" in sys.argv else set()
        for n in sizes:
            rows = make(n)
            la, fl, sp = run_la(binary, rows), run_flint(rows), run_sympy(rows, skip)
            for op in ("det", "inv", "solve"):
                if la[op][1] != fl[op][1] or (sp[op] and sp[op][1] != la[op][1]):
                    sys.exit(f"MISMATCH {kind} n={n} {op}: la {la[op][1]} flint {fl[op][1]}")
                sympy_s = f"{sp[op][0]:10.4f}" if sp[op] else f"{'skipped':>10}"
                sympy_ratio = f"{sp[op][0] / la[op][0]:9.2f}" if sp[op] else f"{'-':>9}"
                print(f"{kind:<10} {n:>4} {op:<6} {la[op][0]:10.4f} {fl[op][0]:10.4f} {sympy_s} "
                      f"{fl[op][0] / la[op][0]:9.2f} {sympy_ratio}", flush=True)
                if sp[op] and sp[op][0] > SYMPY_BUDGET:
                    skip.add(op)


if __name__ == "__main__":
    main()
