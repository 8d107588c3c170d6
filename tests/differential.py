#!/usr/bin/env python3
"""Differential test: GNU base64 and sextet against an executable model.

The model states GNU's decoding rules (coreutils 9.10) in a few lines; with
the 9.5 rules switched off (automatic padding of a final group, rejection
of non-zero unused bits) it states the rules of older releases.  Random
inputs are decoded by both programs and each must agree with the model
for its version: stdout bytes, exit status and stderr.  Encoding must be
byte-identical between the two programs.  Exit status 0 when all agree.

A program may be a wrapper script that runs GNU's binary through a
dynamic loader with "--argv0 NAME" (.ci/gnu-newest makes such): its
diagnostics then start with NAME, not with its path.
"""
import argparse
import base64
import random
import re
import subprocess
import sys

ALPHA = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
VAL = {c: i for i, c in enumerate(ALPHA)}
PAD = ord("=")


def model(data, ignore_garbage, rules95):
    """Return (decoded bytes, exit status) under GNU's rules."""
    chars = [c for c in data
             if c != 10 and (not ignore_garbage or c in VAL or c == PAD)]
    out = bytearray()
    i = 0
    while i < len(chars):
        g = chars[i:i + 4]
        i += 4
        if len(g) < 4 and rules95 and g[-1] != PAD:
            g = g + [PAD] * (4 - len(g))
        if len(g) < 2 or g[0] not in VAL or g[1] not in VAL:
            return out, 1
        out.append((VAL[g[0]] << 2 | VAL[g[1]] >> 4) & 255)
        if len(g) == 2:
            return out, 1
        if g[2] == PAD:
            if len(g) != 4 or g[3] != PAD:
                return out, 1
            if rules95 and VAL[g[1]] & 15:
                return out, 1
            continue
        if g[2] not in VAL:
            return out, 1
        out.append((VAL[g[1]] << 4 | VAL[g[2]] >> 2) & 255)
        if len(g) == 3:
            return out, 1
        if g[3] == PAD:
            if rules95 and VAL[g[2]] & 3:
                return out, 1
            continue
        if g[3] not in VAL:
            return out, 1
        out.append((VAL[g[2]] << 6 | VAL[g[3]]) & 255)
    return out, 0


def gnu_has_95_rules(prog):
    first = subprocess.run([prog, "--version"], capture_output=True,
                           text=True).stdout.split("\n")[0]
    m = re.search(r"\(GNU coreutils\) (\d+)\.(\d+)", first)
    return m is None or (int(m.group(1)), int(m.group(2))) >= (9, 5)


def diag_name(prog):
    """The name PROG's diagnostics start with: its path, or NAME for a
    wrapper script that passes "--argv0 NAME" to a loader."""
    try:
        with open(prog, "rb") as f:
            head = f.read(4096)
    except OSError:
        return prog
    m = re.search(rb"--argv0 (\S+) ", head) if head.startswith(b"#!") else None
    return m.group(1).decode() if m else prog


def run(prog, args, data):
    p = subprocess.run([prog] + args, input=data, capture_output=True,
                       env={"LC_ALL": "C"})
    return p.stdout, p.returncode, p.stderr


def random_input(rng):
    n = rng.randint(0, 48)
    kind = rng.random()
    if kind < 0.45:
        return bytes(rng.choice(ALPHA + b"==\n") for _ in range(n))
    if kind < 0.85:
        s = bytearray(base64.b64encode(
            bytes(rng.randrange(256) for _ in range(n))))
        for _ in range(rng.randint(0, 3)):
            s.insert(rng.randrange(len(s) + 1), rng.choice(b"\n=*\r \t-_A"))
        if s and rng.random() < 0.3:
            del s[rng.randrange(len(s))]
        return bytes(s)
    return bytes(rng.randrange(256) for _ in range(n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ours", required=True)
    ap.add_argument("--gnu", default="/usr/bin/base64")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    progs = [("sextet", a.ours, True), ("gnu", a.gnu, gnu_has_95_rules(a.gnu))]
    bad = 0
    for _ in range(a.count):
        data = random_input(rng)
        ign = rng.random() < 0.4
        args = ["-d", "-i"] if ign else ["-d"]
        for name, prog, rules95 in progs:
            out, status, err = run(prog, args, data)
            want, want_status = model(data, ign, rules95)
            want_err = (diag_name(prog) + ": invalid input\n").encode() \
                if want_status else b""
            if (out, status, err) != (bytes(want), want_status, want_err):
                bad += 1
                print(f"{name} {args} input={data!r}: got {(out, status, err)!r}"
                      f" want {(bytes(want), want_status, want_err)!r}")
        raw = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
        wrap = ["-w", str(rng.randint(0, 80))] if rng.random() < 0.7 else []
        ours, gnu = run(a.ours, wrap, raw), run(a.gnu, wrap, raw)
        if ours != gnu:
            bad += 1
            print(f"encode {wrap} input={raw!r}: sextet {ours!r} gnu {gnu!r}")
    print(f"differential: seed {seed}, {a.count} decode and {a.count} encode"
          f" inputs, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
