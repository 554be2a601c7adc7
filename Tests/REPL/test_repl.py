#!/usr/bin/env python3
"""Drives the `la` REPL through a real pseudo-terminal (SPEC §10).

Usage: python3 test_repl.py PATH_TO_LA
Each test starts a fresh session with its own HOME (so ~/.la_history is a
temporary file); every wait is bounded by TIMEOUT seconds. Exit status 0 when
every test passes, 1 otherwise.
"""
import os
import signal
import sys
import tempfile
import time
import traceback

import pexpect

TIMEOUT = 10
PROMPT = "la> "
MORE = "... "
LEFT, UP = "\x1b[D", "\x1b[A"
CTRL_C = "\x03"


class Session:
    def __init__(self, la, home=None, args=(), env=None, color=False):
        self.home = home or tempfile.mkdtemp(prefix="la-repl-")
        env = dict(os.environ, HOME=self.home, NO_COLOR="1", TERM="xterm", **(env or {}))
        if color:
            del env["NO_COLOR"]
        self.child = pexpect.spawn(la, list(args), env=env, timeout=TIMEOUT,
                                   encoding="utf-8", dimensions=(24, 200))
        self.prompt()

    def prompt(self):
        """Waits for the main prompt; returns what was printed before it."""
        self.child.expect_exact(PROMPT)
        return self.child.before

    def enter(self, line):
        """Types a line and returns the output up to the next main prompt."""
        self.child.send(line)
        return self.submit()

    def submit(self):
        """Presses Enter and returns the output up to the next main prompt.

        The editor redraws the prompt while a line is edited, so wait for the
        newline that ends the line first."""
        self.child.send("\r")
        self.child.expect_exact("\n")
        return self.prompt()

    def close(self):
        self.child.close(force=True)


def lines(text):
    return [line.strip() for line in text.replace("\r", "").split("\n")]


def expect_in(needle, text):
    assert needle in text, f"expected {needle!r} in {text!r}"


def test_editing_a_line(la):
    s = Session(la)
    out = s.enter("1 + 2" + LEFT * 4 + "9")  # cursor back over "+ 2", then insert
    assert "21" in lines(out), "left arrow then insert should give 19 + 2"
    s.close()


def test_editing_non_ascii_text(la):
    s = Session(la, env={"LANG": "C", "LC_ALL": ""})
    out = s.enter('"héllo ×"' + LEFT * 2 + "X")
    assert '"héllo X×"' in lines(out), out
    s.close()


def test_history_recall_with_up_arrow(la):
    s = Session(la)
    assert "42" in lines(s.enter("6 * 7"))
    assert "5" in lines(s.enter("2 + 3"))
    assert "42" in lines(s.enter(UP + UP))  # back to 6 * 7
    s.child.send(":quit\r")
    s.child.expect(pexpect.EOF)
    s.close()
    history = open(os.path.join(s.home, ".la_history")).read()
    expect_in("2\\040+\\0403", history)
    # A new session in the same home recalls the saved lines.
    t = Session(la, home=s.home)
    out = t.enter(UP + UP)  # skip ":quit", recall the previous entry
    assert "42" in lines(out), f"history across sessions: {out!r}"
    t.close()


def test_multi_line_function(la):
    s = Session(la)
    s.child.send("fn twice(a) {\r")
    s.child.expect_exact(MORE)
    s.child.send("  return a * [1,\r")
    s.child.expect_exact(MORE)
    s.child.send("    2]\r")
    s.child.expect_exact(MORE)
    s.enter("}")
    out = s.enter("twice(21)")
    assert lines(out)[-3:-1] == ["i64[2]", "[21 42]"], out
    s.close()


def test_error_then_recovery(la):
    s = Session(la)
    out = s.enter("1 + nope")
    expect_in("NameError", out)
    expect_in("nope", out)
    out = s.enter("[1, 2] + [1, 2, 3]")
    expect_in("ShapeError", out)
    s.enter("let z = 3")
    assert "6" in lines(s.enter("z * 2")), "the session survives errors"
    s.close()


def test_errors_are_coloured_on_a_terminal_unless_no_color(la):
    s = Session(la, color=True)
    expect_in("\x1b[1;31merror[NameError]", s.enter("nope"))
    s.close()
    t = Session(la)
    out = t.enter("nope")
    assert "\x1b[" not in out and "error[NameError]" in out, out
    t.close()


def test_ctrl_c_stops_a_computation_and_cancels_a_line(la):
    s = Session(la)
    s.child.send("while true {}\r")
    time.sleep(0.5)
    s.child.send(CTRL_C)
    out = s.prompt()
    expect_in("interrupted", out)
    assert "2" in lines(s.enter("1 + 1"))
    s.child.send("abc" + CTRL_C)  # discards the typed line
    s.prompt()
    assert "5" in lines(s.enter("2 + 3")), "the cancelled text must not leak into the next line"
    s.child.send("fn h() {\r")
    s.child.expect_exact(MORE)
    s.child.send(CTRL_C)  # discards the whole unfinished entry
    s.prompt()
    assert "9" in lines(s.enter("4 + 5"))
    s.child.kill(signal.SIGINT)  # a stray SIGINT at the prompt does not end the session
    time.sleep(0.2)
    assert "7" in lines(s.enter("3 + 4"))
    s.close()


def test_ctrl_d_exits(la):
    s = Session(la)
    # A Ctrl-D typed before the editor has switched the terminal out of
    # canonical mode would be taken by the terminal driver instead.
    time.sleep(0.2)
    s.child.sendeof()
    s.child.expect(pexpect.EOF)
    s.child.close()
    assert s.child.exitstatus == 0, s.child.exitstatus


def test_vars_lists_globals(la):
    s = Session(la)
    expect_in("no variables", s.enter(":vars"))
    s.enter("let A = [[1.0, 2, 3], [4, 5, 6]]")
    s.enter("let count = 3")
    s.enter('let name = "la"')
    s.enter("fn g() = 1")
    out = lines(s.enter(":vars"))
    for expected in ["A      f64[2, 3]", "count  int = 3", 'name   string = "la"', "g      function"]:
        assert expected in out, f"{expected!r} not in {out!r}"
    s.close()


def test_echo_of_values(la):
    s = Session(la)
    out = lines(s.enter("[[1, 2], [3, 4]]"))
    assert out[-4:-1] == ["i64[2, 2]", "[[1 2]", "[3 4]]"], out
    assert '"hi"' in lines(s.enter('"hi"'))
    assert lines(s.enter("let q = 1")) == [""], "nil results print nothing"
    s.close()


def test_commands(la):
    s = Session(la, args=["repl"])
    expect_in(":exact on|off", s.enter(":help"))
    s.enter("let kept = 1")
    expect_in("globals were reset", s.enter(":exact on"))
    expect_in("NameError", s.enter("kept"))
    expect_in("timing on", s.enter(":time"))
    expect_in(" ms", s.enter("1 + 1"))
    expect_in("timing off", s.enter(":time"))
    script = os.path.join(s.home, "defs.la")
    with open(script, "w") as f:
        f.write("let loaded = 40\nfn add2(x) = x + 2\n")
    s.enter(":load " + script)
    assert "42" in lines(s.enter("add2(loaded)"))
    expect_in("globals reset", s.enter(":reset"))
    expect_in("no variables", s.enter(":vars"))
    expect_in("unknown command", s.enter(":frobnicate"))
    s.child.send(":quit\r")
    s.child.expect(pexpect.EOF)
    s.close()


def main():
    la = sys.argv[1]
    tests = [value for name, value in sorted(globals().items()) if name.startswith("test_")]
    failures = 0
    for test in tests:
        try:
            test(la)
            print(f"ok   {test.__name__}")
        except Exception:
            failures += 1
            print(f"FAIL {test.__name__}")
            traceback.print_exc()
    print(f"{len(tests) - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
