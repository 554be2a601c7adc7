#!/usr/bin/env python3
"""Generates PrinterGoldenCases.swift: NumPy 2's own print output for the
printer golden tests.

Run from anywhere with NumPy 2 installed:
    python3 Tests/LARuntimeTests/Fixtures/printer_golden.py
It rewrites PrinterGoldenCases.swift next to this script. The expected text
of every case is `str(array)` under default print options (what
`print(array)` writes), with `True`/`False` respelled `true`/`false`: la pads
them exactly as NumPy pads its words (` true` like ` True`), so only the
spelling changes. Values are written as exact text (Python `repr` of the
double, or of the float32 widened to double) so Swift reads back identical bits.
"""
import os
import random
import struct

import numpy as np

assert np.__version__.split(".")[0] == "2", "NumPy 2 is required"
np.set_printoptions()  # defaults

DTYPES = {"bool": np.bool_, "i64": np.int64, "f32": np.float32, "f64": np.float64}


def la_text(array):
    return str(array).replace("True", "true").replace("False", "false")


def value_tokens(array):
    flat = array.reshape(-1)
    if array.dtype == np.bool_:
        return " ".join("1" if v else "0" for v in flat)
    if array.dtype == np.int64:
        return " ".join(str(int(v)) for v in flat)
    return " ".join(repr(float(v)) for v in flat)


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


cases = []


def case(name, values, dtype, shape=None):
    array = np.array(values, dtype=DTYPES[dtype])
    if shape is not None:
        array = array.reshape(shape)
    cases.append((name, dtype, list(array.shape), value_tokens(array), la_text(array)))


def recipe(name, dtype, shape, multiplier, modulus, offset, divisor=1.0, scale=1.0):
    """A large case given by a formula both languages evaluate identically:
    element i is ((i * multiplier) % modulus - offset), for floats then
    divided by `divisor` and multiplied by `scale` in double arithmetic."""
    size = int(np.prod(shape))
    ints = [(i * multiplier) % modulus - offset for i in range(size)]
    if dtype == "i64":
        values = ints
    else:
        values = [float(k) / divisor * scale for k in ints]
    array = np.array(values, dtype=DTYPES[dtype]).reshape(shape)
    tokens = "@ %d %d %d %r %r" % (multiplier, modulus, offset, divisor, scale)
    cases.append((name, dtype, list(array.shape), tokens, la_text(array)))


def both(name, values, shape=None):
    case(name + " f32", values, "f32", shape)
    case(name + " f64", values, "f64", shape)


nan, inf = float("nan"), float("inf")

# Integers: negative, wide, extremes, wrapping.
case("small ints", [1, 2, 3], "i64")
case("negative ints", [-1, 10, -100], "i64")
case("wide ints", [1, 123456789012, -5], "i64")
case("int64 extremes", [-9223372036854775808, 9223372036854775807, 0], "i64")
case("int matrix", [[1, -2, 3], [40, 5, -600]], "i64")
case("wrapped ints", [i * 1000003 for i in range(30)], "i64")
case("wrapped negative ints", [(-1) ** i * i * 987654321 for i in range(25)], "i64")

# Floats with 0 to more than 8 decimals.
both("whole and half", [1.0, 2.5])
both("tenths", [0.1, 0.2, 0.3])
both("decimals 1-8", [1.5, 2.25, 3.125, 4.0625, 5.03125, 6.015625, 7.0078125, 8.00390625])
both("thirds", [1 / 3, 2 / 3, 1.0])
both("pi e", [3.141592653589793, 2.718281828459045])
both("more than 8 decimals", [0.123456789123, 12.987654321987])
both("rounds to even", [0.125, 0.375, 100.12345678901])
both("integers as floats", [1.0, 2.0, 300.0, -4.0])
both("zeros", [0.0, 0.0])
both("negative zero", [-0.0, 1.5])
both("only negative zero", [-0.0])
both("negative values", [-1.25, 3.5, -100.0])

# Scientific switch and its thresholds.
both("tiny and one", [1e-5, 1.0])
both("1e-4 and one", [1e-4, 1.0])
both("ratio 1000", [1000.0, 1.0])
both("ratio above 1000", [1001.0, 1.0])
both("1e8 and one", [1e8, 1.0])
both("just below 1e8", [99999999.0, 1.0])
both("1e6 and one", [1e6, 1.0])
both("just below 1e6", [999999.0, 1.0])
both("mixed huge tiny", [1e10, -1e-10, 3.5])
case("three digit exponents", [1e300, 1e-300, -2.5e150], "f64")
case("f64 sci needs long mantissa", [0.1, 1.2345678e10, 3.0], "f64")
case("f32 sci pads exact digits", [0.1, 1.2345678e10, 3.0], "f32")
case("f32 sci 9 digits", [0.1, 1.00000005e10], "f32")
both("sci exact digits past shortest", [0.3, 1.2345678e-5])
both("sci exact digits three", [0.7, 1.2345678e10, 3.3])
both("sci with zero", [0.0, 1e-7, 2.0])
both("sci negative", [-1e-5, 1e5, -3.25])
both("big whole numbers", [123456789.0, 2.0])

# nan and inf.
both("nan and one", [nan, 1.0])
both("all nonfinite", [inf, -inf, nan])
both("only nan", [nan])
both("only inf", [inf, inf])
both("nan inf sci", [1e10, nan, -inf, 1.0])
both("nan with tiny", [1.0, nan, 1e-10])
both("inf in wide column", [inf, 1e-10, -1e200])
both("nan positional wide", [nan, 12345.678, -0.5])

# Ranks 1 to 4.
case("2x3x4 ints", list(range(24)), "i64", (2, 3, 4))
both("2x3x4 floats", [i * 0.5 for i in range(24)], (2, 3, 4))
case("2x2x2x2 ints", list(range(16)), "i64", (2, 2, 2, 2))
both("2x2x2x3 floats", [i / 7 for i in range(24)], (2, 2, 2, 3))
case("1x1 ints", [7], "i64", (1, 1))
case("column", [1, 22, 333], "i64", (3, 1))
both("3x1x2", [1.5, -2.0, 3.25, 4.0, 5.0, 6.125], (3, 1, 2))

# Line wrapping.
both("wrapped floats", [i * 1.5 for i in range(40)])
both("wrapped linspace", list(np.linspace(0, 1, 30)))
both("wrapped 2d rows", [[i * j / 3 for i in range(30)] for j in range(3)])
case("wrapped wide ints", [i * 123456 for i in range(100)], "i64")
both("wrapped sci", [10.0 ** (i % 20 - 10) * (i + 1) for i in range(30)])
case("wrapped 3d", list(range(2 * 2 * 40)), "i64", (2, 2, 40))

# Summarisation above 1000 elements.
recipe("arange 2000", "i64", (2000,), 1, 2000, 0)
for dtype in ["f32", "f64"]:
    recipe("arange 2000 halves " + dtype, dtype, (2000,), 1, 2000, 0, 2.0)
    recipe("100x100 " + dtype, dtype, (100, 100), 7919, 10007, 5003, 1000.0)
    recipe("10x10x20 floats " + dtype, dtype, (10, 10, 20), 613, 1009, 504, 7.0)
    recipe("summarised sci " + dtype, dtype, (1500,), 7919, 10007, 5003, 1e7)
    recipe("summarised huge " + dtype, dtype, (1200,), 31, 997, 0, 1.0, 1e9)
recipe("arange 1001", "i64", (1001,), 1, 1001, 0)
recipe("arange 1000 not summarised", "i64", (1000,), 1, 1000, 0)
recipe("10x10x20 ints", "i64", (10, 10, 20), 1, 2000, 0)
recipe("3x400 keeps short axis", "i64", (3, 400), 1, 1200, 0)
recipe("2000 bools", "bool", (2000,), 1, 3, 0)
recipe("summary widths from corners", "i64", (2000,), 1000003, 1000000007, 500000000)
recipe("4d summarised", "i64", (8, 8, 4, 5), 1, 1280, 0)
recipe("1000x1000 f64", "f64", (1000, 1000), 1, 7, 3, 4.0)

# Empty and 0-d.
for dtype in DTYPES:
    case("empty " + dtype, [], dtype)
    case("empty 2x0 " + dtype, [], dtype, (2, 0))
    case("empty 0x3 " + dtype, [], dtype, (0, 3))
for value in [5.0, -0.0, 1e16, 1e-5, 0.1, nan, -inf, 123456789.0, 1e-4, 9.999999999999999e-05]:
    case("0-d f64 %r" % value, value, "f64")
for value in [0.1, 16777217.0, 1e6, 999999.0, 1e-4, 1.0001e-4, 3.4e38, 1e-45, -2.5, nan]:
    case("0-d f32 %r" % value, value, "f32")
case("0-d i64", -7, "i64")
case("0-d true", True, "bool")
case("0-d false", False, "bool")

# Bools.
case("bool pair", [True, False], "bool")
case("bool all true", [True, True], "bool")
case("bool all false", [False], "bool")
case("bool matrix", [[True, True], [False, True]], "bool")
case("bool 3d", [i % 2 == 0 for i in range(12)], "bool", (2, 3, 2))
case("bool wrapped", [i % 5 < 2 for i in range(40)], "bool")


# Randomised comparison: random shapes, dtypes and magnitudes.
def random_values(r, dtype, size):
    if dtype == "bool":
        return [r.random() < 0.5 for _ in range(size)]
    if dtype == "i64":
        width = r.choice([1, 2, 4, 9, 18])
        return [r.randint(-(10 ** width), 10 ** width) for _ in range(size)]
    kind = r.choice(["uniform", "normal", "integral", "rounded", "wide", "special"])
    scale = 10.0 ** r.randint(-12, 12)
    values = []
    for _ in range(size):
        if kind == "uniform":
            v = r.uniform(-1, 1) * scale
        elif kind == "normal":
            v = r.gauss(0, 1) * scale
        elif kind == "integral":
            v = float(r.randint(-1000, 1000))
        elif kind == "rounded":
            v = round(r.uniform(-100, 100), r.randint(0, 6))
        elif kind == "wide":
            v = r.uniform(-1, 1) * 10.0 ** r.randint(-20, 20)
        else:
            v = r.choice([nan, inf, -inf, -0.0, 0.0, r.uniform(-5, 5), r.uniform(0, 1) * scale])
        values.append(v)
    return values


r = random.Random(7)
for index in range(200):
    dtype = r.choice(list(DTYPES))
    ndim = r.choice([0, 1, 1, 1, 2, 2, 2, 3, 3, 4])
    if ndim == 0:
        shape = ()
    elif ndim == 1:
        shape = (r.choice([1, 2, 5, 10, 30, 80, 1200]),)
    else:
        shape = tuple(r.randint(1, {2: 7, 3: 5, 4: 4}[ndim]) for _ in range(ndim))
    size = int(np.prod(shape))
    if size > 1000 or index % 40 == 39:
        # Summarised: a formula keeps the fixture small.
        shape = shape if size > 1000 else (r.randint(20, 50), r.randint(25, 60))
        modulus = r.choice([3, 1000, 100003, 10 ** 12 + 39])
        divisor = r.choice([1.0, 3.0, 1000.0, 1e9])
        scale = 10.0 ** r.randint(-8, 8)
        recipe("random %d %s%s" % (index, dtype, list(shape)), dtype, shape,
               r.randint(1, 10 ** 6), modulus, modulus // 2, divisor, scale)
        continue
    values = random_values(r, dtype, size)
    case("random %d %s%s" % (index, dtype, list(shape)), values if shape else values[0], dtype, shape)

# Random bit patterns: subnormals, extremes, long exponents.
for index in range(40):
    f32 = np.array([r.getrandbits(32) for _ in range(5)], dtype=np.uint32).view(np.float32)
    case("bits f32 %d" % index, [float(v) for v in f32], "f32")
    case("bits 0-d f32 %d" % index, float(f32[0]), "f32")
    f64 = np.array([r.getrandbits(64) for _ in range(4)], dtype=np.uint64).view(np.float64)
    case("bits f64 %d" % index, [float(v) for v in f64], "f64")

# Scalar repr cases: random bit patterns and decimal-looking doubles.
reprs = []
for _ in range(150):
    bits = r.getrandbits(64)
    value = struct.unpack("<d", struct.pack("<Q", bits))[0]
    reprs.append((bits, repr(value)))
for _ in range(150):
    value = round(r.uniform(-1, 1), r.randint(0, 17)) * 10.0 ** r.randint(-25, 25)
    bits = struct.unpack("<Q", struct.pack("<d", value))[0]
    reprs.append((bits, repr(value)))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "PrinterGoldenCases.swift"), "w") as out:
    out.write("// Generated by printer_golden.py with NumPy %s; do not edit by hand.\n\n" % np.__version__)
    out.write("/// NumPy's `print(array)` text for each case (bools respelled `true`/`false`).\n")
    out.write("let printerGoldenCases: [PrinterGoldenCase] = [\n")
    for name, dtype, shape, tokens, expected in cases:
        out.write("    PrinterGoldenCase(name: %s, dtype: %s, shape: %s, values: %s,\n                      expected: %s),\n"
                  % (swift_string(name), swift_string(dtype), shape, swift_string(tokens), swift_string(expected)))
    out.write("]\n\n")
    out.write("/// Python's `repr(float)` of doubles given by their bit patterns.\n")
    out.write("let printerReprCases: [(bits: UInt64, repr: String)] = [\n")
    for bits, text in reprs:
        out.write("    (0x%016x, %s),\n" % (bits, swift_string(text)))
    out.write("]\n")
print("wrote %d tensor cases and %d repr cases" % (len(cases), len(reprs)))
