#!/usr/bin/env python3
"""Runs the same programs in la, CPython and Lua 5.4 side by side and prints
time ratios (la time / peer time: below 1.0 means la is faster).

Usage: python3 benchmarks/lang.py [--runs N]
Builds la in release mode first. Each program runs N times per language
(interleaved, so machine noise hits all three alike); the best time counts.
"""
import argparse, os, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = ["fib", "loop", "matmul", "sum"]


def build_la():
    subprocess.run(["swift", "build", "-c", "release", "--product", "la"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "la")


def run(cmd):
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stderr}")
    return elapsed, result.stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    la = build_la()
    lua = shutil.which("lua5.4") or shutil.which("lua")
    peers = {"la": [la], "python3": [sys.executable]}
    if lua:
        peers["lua5.4"] = [lua]
    ext = {"la": "la", "python3": "py", "lua5.4": "lua"}
    print(f"{'program':<8} " + " ".join(f"{name:>10}" for name in peers) + "   la/python3   la/lua5.4")
    for program in PROGRAMS:
        best, outputs = {}, {}
        for _ in range(args.runs):
            for name, cmd in peers.items():
                t, out = run(cmd + [os.path.join(HERE, "lang", f"{program}.{ext[name]}")])
                best[name] = min(best.get(name, float("inf")), t)
                outputs[name] = out
        values = {name: float(out) for name, out in outputs.items()}
        if any(abs(v - values["python3"]) > 1e-9 * abs(values["python3"]) for v in values.values()):
            sys.exit(f"{program}: outputs differ: {outputs}")
        row = f"{program:<8} " + " ".join(f"{best[name]:>9.3f}s" for name in peers)
        row += f"   {best['la'] / best['python3']:>10.2f}"
        row += f"   {best['la'] / best['lua5.4']:>9.2f}" if "lua5.4" in best else "         -"
        print(row)


if __name__ == "__main__":
    main()
