#!/usr/bin/env python3
"""Differential test: two basenc programs, the same inputs, the same results.

    differential-basenc.py --ours PROG [--gnu PROG] [--count N] [--seed S]

Random data and damaged encodings go through both programs, for every
encoding and mode: encoding with several widths (-w), decoding (-d) and
decoding with -i.  A fixed list of command lines with usage errors runs
too.  For each case stdout, stderr and the exit status must be the same;
the program name at the start of a diagnostic (and in the "Try '... --help'"
line) is normalized, so the two may have different names or paths.  Exit
status 0 when all cases agree, 1 when some differ (each difference
printed, up to --show of them, then a count per encoding and mode).

With --as base32 the programs are base32 programs: no encoding option,
base32 data only.

Both programs run with LC_ALL=C and argv[0] "basenc" (or "base32").
"""
import argparse
import collections
import concurrent.futures
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import basenc_ref  # noqa: E402  (found beside this file)

ENCODINGS = list(basenc_ref.ALPHABETS)
PADDED = ("base64", "base64url", "base32", "base32hex")
WIDTHS = [None, 0, 1, 2, 3, 4, 5, 7, 8, 16, 19, 64, 76, 77, 100]


def normalize(err, names):
    """ERR with each line's leading "NAME: " and the Try line's NAME
    replaced by PROG, for any of NAMES."""
    lines = []
    for line in err.split(b"\n"):
        for name in names:
            if line.startswith(name + b": "):
                line = b"PROG: " + line[len(name) + 2:]
                break
            try_line = b"Try '" + name + b" --help'"
            if line.startswith(try_line):
                line = b"Try 'PROG --help'" + line[len(try_line):]
                break
        lines.append(line)
    return b"\n".join(lines)


class Program:
    def __init__(self, path, argv0):
        self.path = path
        self.argv0 = argv0
        names = {argv0, path, os.path.basename(path)}
        # Longest first, so that a path wins over its base name.
        self.names = sorted((n.encode() for n in names), key=len, reverse=True)
        self.env = {"LC_ALL": "C", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}

    def run(self, args, data):
        p = subprocess.run([self.argv0] + args, executable=self.path,
                           input=data, capture_output=True, env=self.env,
                           timeout=120)
        return p.returncode, p.stdout, normalize(p.stderr, self.names)


# ---------------------------------------------------------------------
# Inputs

def random_size(rng):
    r = rng.random()
    if r < 0.6:
        return rng.randint(0, 24)
    if r < 0.9:
        return rng.randint(25, 300)
    if r < 0.97:
        # Around the decoding reads (4200 bytes of output and multiples).
        return 4200 * rng.randint(1, 2) + rng.randint(-6, 6)
    # Around the 30720-byte encoding reads.
    return 30720 * rng.randint(1, 2) + rng.randint(-6, 6)


def random_bytes(rng, n):
    kind = rng.random()
    if kind < 0.15:
        return bytes(n)
    if kind < 0.25:
        # Leading zero bytes (base58 writes them as '1's).
        z = rng.randint(0, n)
        return bytes(z) + rng.randbytes(n - z)
    return rng.randbytes(n)


# Bytes the damage draws from besides the encoding's own alphabet.
NOISE = b"=\n\r \t*-_+/.~\"'\\,;|\x00\x7f\x80\xff0189OIlwxyzWXYZabcdefg"


def damage(rng, text, enc):
    """TEXT (bytes) with a few random changes."""
    s = bytearray(text)
    alphabet = basenc_ref.ALPHABETS[enc]
    pool = alphabet + NOISE
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3, 5])):
        op = rng.random()
        pos = rng.randint(0, len(s))
        if op < 0.35:
            s[pos:pos] = bytes([rng.choice(pool)])
        elif op < 0.5 and s:
            del s[min(pos, len(s) - 1)]
        elif op < 0.65 and s:
            s[min(pos, len(s) - 1)] = rng.choice(pool)
        elif op < 0.75:
            del s[pos:]
        elif op < 0.85:
            s[pos:pos] = b"=" * rng.randint(1, 9)
        elif op < 0.92:
            s[pos:pos] = b"\n" * rng.randint(1, 3)
        else:
            s = bytearray(s.lower() if rng.random() < 0.5 else s.upper())
    return bytes(s)


def random_text(rng, enc):
    """Encoded text to decode: mostly a damaged valid encoding."""
    r = rng.random()
    if r < 0.15:
        pool = basenc_ref.ALPHABETS[enc] + b"=\n"
        return bytes(rng.choice(pool) for _ in range(rng.randint(0, 40)))
    n = random_size(rng) if r < 0.9 else rng.randint(0, 12)
    if enc == "z85":
        n -= n % 4
    text = basenc_ref.encode(enc, random_bytes(rng, n))
    text = basenc_ref.wrap(text, rng.choice([0, 0, 76, 76, 5, 64]))
    if rng.random() < 0.7:
        text = damage(rng, text, enc)
    return text


def width_args(rng):
    w = rng.choice(WIDTHS)
    if w is None:
        return []
    return rng.choice([["-w", str(w)], ["-w%d" % w], ["--wrap=%d" % w],
                       ["--wrap", str(w)]])


# Command lines that fail before any input is read.
USAGE_CASES = [
    [], ["-d"], ["A", "B"], ["--base64", "A", "B"], ["--base64", "-", "-"],
    ["--foobar"], ["--base64", "--foobar=1"], ["-x"], ["--base64", "-dx"],
    ["--base3"], ["--base"], ["--base2"], ["--base6"], ["--base3=1"],
    ["--base64=1"], ["--base32h=1"], ["--base64", "--decode=1"],
    ["--base64", "-w"], ["--base64", "--wrap"], ["--base64", "--wr"],
    ["--base64", "-w", "1k"], ["--base64", "-w", "-1"],
    ["--base64", "-w", "0x0"], ["--base64", "-w", ""],
    ["--base64", "-w", "5 "], ["--base64", "-w", "a'b"],
    ["-w", "x", "--foo"], ["--foo", "-w", "x"], ["--base58", "nosuch"],
    ["--z85", "-d", "nosuch"], ["--base16", "/"], ["--base16", "-d", "/"],
    ["--base16", "--", "--help"],
]
USAGE_CASES_BASE32 = [
    ["a", "b"], ["-di", "--wrap=40", "a", "b"], ["--base32"], ["--b"],
    ["-z"], ["-w"], ["--wrap"], ["-w", "1k"], ["-w0x0"], ["-w", "-1"],
    ["--decode=x"], ["nosuch"], ["-d", "nosuch"], ["/"],
]


def cases(rng, count, single, encodings):
    """(label, args, stdin) for COUNT rounds of random cases."""
    encs = [single] if single else encodings
    opt = (lambda e: []) if single else (lambda e: ["--" + e])
    for i in range(count):
        enc = encs[i % len(encs)]
        n = random_size(rng)
        if enc == "z85" and rng.random() < 0.8:
            n -= n % 4
        data = random_bytes(rng, n)
        yield (enc, "encode"), opt(enc) + width_args(rng), data
        text = random_text(rng, enc)
        yield (enc, "decode"), opt(enc) + ["-d"], text
        yield (enc, "decode -i"), opt(enc) + ["-d", "-i"], damage(rng, text, enc)
    for args in (USAGE_CASES_BASE32 if single else USAGE_CASES):
        yield ("command line", "usage"), args, b""


def show(x, limit=160):
    r = repr(x)
    return r if len(r) <= limit else r[:limit] + "...(%d bytes)" % len(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", required=True, help="the program under test")
    ap.add_argument("--gnu", default=None,
                    help="the reference program (default /usr/bin/basenc,"
                    " or /usr/bin/base32 with --as base32)")
    ap.add_argument("--count", type=int, default=1000,
                    help="rounds of random cases, 3 cases each (default %(default)s)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--as", dest="single", choices=["base32"], default=None,
                    help="the programs are base32 programs")
    ap.add_argument("--encodings", default=",".join(ENCODINGS),
                    help="comma-separated, of %(default)s")
    ap.add_argument("--show", type=int, default=20,
                    help="print at most this many differences (default %(default)s)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    encodings = a.encodings.split(",")
    for e in encodings:
        if e not in ENCODINGS:
            ap.error("unknown encoding %r" % e)
    argv0 = a.single or "basenc"
    ours = Program(a.ours, argv0)
    gnu = Program(a.gnu or "/usr/bin/" + argv0, argv0)

    def check(case):
        label, args, data = case
        return label, args, data, ours.run(args, data), gnu.run(args, data)

    total = 0
    diffs = collections.Counter()
    shown = 0
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for label, args, data, o, g in pool.map(
                check, cases(rng, a.count, a.single, encodings)):
            total += 1
            if o == g:
                continue
            diffs[label] += 1
            if shown < a.show:
                shown += 1
                print("DIFF %s %s: %s" % (" ".join(label), args, show(data)))
                for name, r in (("ours", o), ("gnu ", g)):
                    print("  %s: exit %d, stdout %s, stderr %s"
                          % (name, r[0], show(r[1], 100), show(r[2], 200)))
    print("differential-basenc: seed %d, %d cases, %d differences"
          % (seed, total, sum(diffs.values())))
    for label, n in sorted(diffs.items()):
        print("  %-14s %-10s %d" % (label[0], label[1], n))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
