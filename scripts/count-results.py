#!/usr/bin/env python3
"""Count test cases from the runs scripts/test made.

usage: count-results.py meson TESTLOG.json | tap FILE
prints "PASSED FAILED" for that run. A cmocka executable counts one per test
case; an executable that crashed before naming a case counts one failure.
"""
import json
import re
import sys


def meson(path):
    passed = failed = 0
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return 0, 1
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        out = (t.get("stdout") or "") + (t.get("stderr") or "")
        ok = len(re.findall(r"^\[       OK \] ", out, re.M))
        bad = len(re.findall(r"^\[  (?:FAILED|ERROR)  ?\] (?!\d+ test)", out, re.M))
        if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and bad == 0:
            bad = 1
        if t.get("result") == "OK" and ok == 0:
            ok = 1
        passed += ok
        failed += bad
    return passed, failed


def tap(path):
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return 0, 1
    p = re.findall(r"^# pass (\d+)", text, re.M)
    f = re.findall(r"^# fail (\d+)", text, re.M)
    if not p:
        return 0, 1
    return int(p[-1]), int(f[-1]) if f else 0


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    p, f = meson(path) if kind == "meson" else tap(path)
    print(p, f)
