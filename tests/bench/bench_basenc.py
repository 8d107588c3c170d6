#!/usr/bin/env python3
"""bench_basenc.py - sextet's basenc beside GNU coreutils basenc, per encoding.

Makes a temporary directory with SIZE bytes of random data (default
256 MiB) and, one encoding at a time, its 76-column encoding made by this
script (Python's base64 module and a few lines for base2 and Z85, so
independently of both programs); then, per encoding:

  1. encode: `basenc --ENC DATA > /dev/null`; the check (before any
     timing) runs each program once, hashes its standard output and wants
     exit status 0 and exactly the prepared encoding;
  2. decode: `basenc --ENC -d TEXT > /dev/null` on the prepared 76-column
     text; the check wants exit status 0 and exactly the random data;
  3. the floor: `cat TEXT > /dev/null`, the kernel's copy of the file out
     of the page cache, as its own row (and once for the data file).

Timing: RUNS runs per program, interleaved (every sextet implementation,
then GNU, then again), each timed from spawning the process to reaping it.
Per case: MB/s of INPUT (1 MB = 1e6 bytes of the file given to the
program), median and min-max; the ratio sextet/GNU as the median of the
rounds' ratios (each round's sextet run against the GNU run beside it, so
that the machine's drifts cancel); the target for the encoding with PASS
or FAIL; the peak RSS of each program.

base58 reads its whole input and its conversion is quadratic-ish, so it
runs on its own smaller data (--base58-size, default 1 MiB).  Python has
no base58 encoder fast enough, so its reference text is GNU's output:
sextet's must be the same bytes, and both programs must decode it back to
the data.

Only the standard library is used.  Run `bench_basenc.py --help`.
"""

import argparse
import base64
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# benchlib.py is beside this script (no .pyc left in the tree).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (MBS_LINE, add_output_options,  # noqa: E402
                      check_programs, cpu_line, cpu_model, cpu_snapshot,
                      default_program, file_sha, fmt_num, human, mib,
                      parse_size, print_markdown, print_plain, rss_cell,
                      rss_once, run_hashed, shq, spread, summary,
                      time_interleaved, time_run)

WRAP = 76          # the programs' default line length
# Whole input groups of every encoding (3 bytes for base64, 5 for
# base32, 4 for Z85, 1 for base16 and base2): a chunk encodes on its own.
CHUNK = 60 * 16384

ENCODINGS = ["base64", "base64url", "base32", "base32hex", "base16",
             "base2msbf", "base2lsbf", "z85", "base58"]

# Targets (sextet/GNU, paired_ratio()), encoding and decoding alike.
TARGETS = {
    "base16": 8.0,
    "base32": 6.0,
    "base32hex": 6.0,
    "z85": 3.0,
    "base2msbf": 3.0,
    "base2lsbf": 3.0,
}

IMPLS = ("auto", "scalar", "ssse3", "avx2", "avx512", "neon")

B32_TO_B32HEX = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
                                b"0123456789ABCDEFGHIJKLMNOPQRSTUV")
# Python's b85encode is Z85's arithmetic (big-endian 32-bit words, five
# digits, most significant first) with another alphabet.
B85_TO_Z85 = bytes.maketrans(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    b"abcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~",
    b"0123456789abcdefghijklmnopqrstuvwxyz"
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#")
BIT_REVERSE = bytes(int("{:08b}".format(i)[::-1], 2) for i in range(256))


def bits_msb_first(block):
    """'0' and '1' per bit, each byte's most significant bit first."""
    if not block:
        return b""
    n = 8 * len(block)
    return format(int.from_bytes(block, "big"), "0%db" % n).encode("ascii")


ENCODERS = {
    "base64": base64.b64encode,
    "base64url": base64.urlsafe_b64encode,
    "base32": base64.b32encode,
    "base32hex": lambda b: base64.b32encode(b).translate(B32_TO_B32HEX),
    "base16": base64.b16encode,
    "base2msbf": bits_msb_first,
    "base2lsbf": lambda b: bits_msb_first(b.translate(BIT_REVERSE)),
    "z85": lambda b: base64.b85encode(b).translate(B85_TO_Z85),
}


class Lines:
    """Writes text to a file in LF-ended lines of WRAP columns, as the
    programs do by default, and hashes what it writes."""

    def __init__(self, f):
        self.f = f
        self.carry = b""
        self.sha = hashlib.sha256()

    def _out(self, b):
        self.f.write(b)
        self.sha.update(b)

    def write(self, text):
        text = self.carry + text
        whole = len(text) - len(text) % WRAP
        if whole:
            self._out(b"\n".join([text[i:i + WRAP]
                                  for i in range(0, whole, WRAP)]) + b"\n")
        self.carry = text[whole:]

    def close(self):
        if self.carry:
            self._out(self.carry + b"\n")
        self.carry = b""
        return self.sha.hexdigest()


def settle(f):
    """Flush F to the disk, so that write-back does not run during the
    timed runs (the pages stay in the page cache)."""
    f.flush()
    try:
        os.fsync(f.fileno())
    except OSError:
        pass


def make_data(path, size):
    """SIZE random bytes in PATH; returns their sha256."""
    sha = hashlib.sha256()
    with open(path, "wb") as f:
        left = size
        while left > 0:
            block = os.urandom(min(CHUNK, left))
            left -= len(block)
            f.write(block)
            sha.update(block)
        settle(f)
    return sha.hexdigest()


def make_text(data_path, enc, path):
    """The 76-column encoding of DATA_PATH in ENC, in PATH; its sha256."""
    encode = ENCODERS[enc]
    with open(data_path, "rb") as data, open(path, "wb") as f:
        out = Lines(f)
        while True:
            block = data.read(CHUNK)
            if not block:
                break
            out.write(encode(block))
        digest = out.close()
        settle(f)
    return digest


class Program:
    """One program to run: sextet under one implementation, GNU, or cat."""

    def __init__(self, key, name, path, env, impl=""):
        self.key = key
        self.name = name
        self.path = path
        self.env = env
        self.impl = impl
        self.devnull = os.open(os.devnull, os.O_WRONLY)

    def label(self):
        return "%s %s" % (self.name, self.impl) if self.impl else self.name

    def timed(self, args, infile):
        """One run, output to /dev/null: (seconds, exit status)."""
        return time_run([self.path] + args + [infile], self.env,
                        stdin=os.devnull, stdout=self.devnull)

    def output(self, args, infile, errfile, save=None):
        """Run once with standard output hashed (and written to SAVE if
        given): (exit status, sha256, length, first line of stderr)."""
        argv = [self.path] + args + [infile]
        err = os.open(errfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        copy = None
        try:
            copy = open(save, "wb") if save else None
            status, digest, n, _ = run_hashed(argv, self.env,
                                              stdin=os.devnull, stderr=err,
                                              copy=copy)
            if copy:
                settle(copy)
        finally:
            os.close(err)
            if copy:
                copy.close()
        with open(errfile, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
        return status, digest, n, lines[0] if lines else ""

    def rss(self, args, infile, resfile):
        return rss_run(self.env, [self.path] + args + [infile], resfile)


def rss_run(env, words, resfile):
    """Peak RSS (KiB) of the command WORDS, output to /dev/null, or None
    (benchlib.rss_once)."""
    return rss_once(env, " ".join(shq(w) for w in words), None, False,
                    resfile, stdin=os.devnull)


class Case:
    """One row group: a program case (sextet and GNU) or a floor (cat)."""

    def __init__(self, label, enc, args, infile, expect, floor=False):
        self.label = label
        self.enc = enc
        self.args = args
        self.infile = infile
        self.expect = expect      # sha256 of the right output, or None
        self.floor = floor
        self.nbytes = os.path.getsize(infile)
        self.target = None if floor else TARGETS.get(enc)


def describe(prog, status, errline):
    text = "%s exited %d" % (prog.label(), status)
    return text + (" (%s)" % errline if errline else "")


def run_case(case, progs, runs, tmp, reference=None, save=None):
    """Check, then time PROGS interleaved (in their order).  Returns a
    result dict.  When CASE.expect is None, REFERENCE's output is the
    expected one (written to SAVE if given; SAVE is removed if REFERENCE
    fails) and every program must write the same bytes."""
    res = {"case": case, "error": None, "progs": {}}
    errfile = os.path.join(tmp, "stderr")
    problems = []
    want = case.expect
    if want is None:
        status, want, n, errline = reference.output(case.args, case.infile,
                                                    errfile, save)
        if status != 0:
            if save:
                os.unlink(save)
            res["error"] = describe(reference, status, errline)
            return res
    for p in progs:
        if p is reference:
            continue
        status, digest, n, errline = p.output(case.args, case.infile,
                                              errfile)
        if status != 0:
            problems.append(describe(p, status, errline))
        elif digest != want:
            problems.append("%s: output (%d bytes) is not the %s" % (
                p.label(), n, "expected one" if reference is None else
                "same as %s's" % reference.label()))
    if problems:
        res["error"] = "; ".join(problems)
        return res
    times, failed = time_interleaved(
        progs, runs, lambda p: p.timed(case.args, case.infile))
    if failed:
        p, status = failed[-1]
        res["error"] = "%s in a timed run" % describe(p, status, "")
        return res
    resfile = os.path.join(tmp, "rss")
    for p in progs:
        rss = None if case.floor else p.rss(case.args, case.infile, resfile)
        if rss is None and not case.floor:
            res["error"] = "%s failed in the RSS run" % p.label()
            return res
        vals = [case.nbytes / t / 1e6 for t in times[p.key]]
        res["progs"][p.key] = dict(summary(vals), rss=rss,
                                   times=times[p.key])
    return res


def paired_ratio(res, ours_key, gnu_key):
    """sextet/GNU for a case: the median over the rounds of GNU's time
    over sextet's in the same round (time_interleaved runs them one after
    the other), which a machine whose speed drifts between rounds moves
    far less than the ratio of the two medians."""
    pairs = zip(res["progs"][ours_key]["times"],
                res["progs"][gnu_key]["times"])
    return statistics.median(g / o for o, g in pairs)


HEAD = ["case", "program", "input MB", "MB/s median", "min-max",
        "GNU median", "GNU min-max", "ratio", "target", "result",
        "RSS", "RSS GNU"]


def table_rows(results, ours, gnu, cat, rss_floor):
    """Rows (lists of cells) and section titles {row index: title}.
    RESULTS holds result dicts, ("section", title) and ("note", cells)."""
    rows, sections = [], {}
    for res in results:
        if isinstance(res, tuple):
            if res[0] == "section":
                sections[len(rows)] = res[1]
            else:
                rows.append(res[1])
            continue
        c = res["case"]
        mb = ("%.1f" if c.nbytes >= 1e6 else "%.3f") % (c.nbytes / 1e6)
        if res["error"]:
            rows.append([c.label, "", mb, "FAILED: " + res["error"]])
            continue
        if c.floor:
            r = res["progs"][cat.key]
            rows.append([c.label, cat.label(), mb, fmt_num(r["median"]),
                         spread(r)] + [""] * 7)
            continue
        g = res["progs"][gnu.key]
        for o_prog in ours:
            o = res["progs"][o_prog.key]
            ratio = paired_ratio(res, o_prog.key, gnu.key)
            t = c.target
            rows.append([
                c.label, o_prog.label(), mb,
                fmt_num(o["median"]), spread(o),
                fmt_num(g["median"]), spread(g),
                "%.2fx" % ratio,
                ">= %gx" % t if t is not None else "-",
                ("PASS" if ratio >= t else "FAIL") if t is not None else "",
                rss_cell(o["rss"], rss_floor, ""),
                rss_cell(g["rss"], rss_floor, ""),
            ])
    return rows, sections


def tally(results, ours, gnu):
    """(passed, failed) over every case and implementation with a target."""
    passed = failed = 0
    for res in results:
        if isinstance(res, tuple) or res["error"] or res["case"].floor or \
                res["case"].target is None:
            continue
        for o in ours:
            if paired_ratio(res, o.key, gnu.key) >= res["case"].target:
                passed += 1
            else:
                failed += 1
    return passed, failed


# A cell starting so ends its row in the plain table.
NOTES = ("FAILED", "SKIPPED")


def first_line(argv, env):
    try:
        out = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout
    except OSError:
        return "?"
    lines = out.decode("utf-8", "replace").splitlines()
    return lines[0] if lines else "?"


def probe(argv, env):
    """Run ARGV on empty input: None if it exits 0, else a reason."""
    try:
        p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as e:
        return str(e)
    if p.returncode == 0:
        return None
    lines = p.stderr.decode("utf-8", "replace").splitlines()
    return lines[0] if lines else "exit status %d" % p.returncode


def parse_list(text, known, what, ap):
    names = []
    for w in text.split(","):
        w = w.strip()
        if w.startswith("--"):
            w = w[2:]
        if not w:
            continue
        if known is not None and w not in known:
            ap.error("unknown %s %r (one of: %s)" % (what, w,
                                                     ", ".join(known)))
        if w not in names:
            names.append(w)
    if not names:
        ap.error("empty %s list" % what)
    return names


def progress(text):
    sys.stderr.write("bench_basenc.py: %s\n" % text)
    sys.stderr.flush()


def main():
    ap = argparse.ArgumentParser(
        description="Benchmark sextet's basenc against GNU basenc, "
        "every encoding.")
    ap.add_argument("--size", type=parse_size, default=None,
                    help="random data size (default 256M, 16M with --quick; "
                    "K, M, G are binary multiples; rounded down to a "
                    "multiple of 4 for z85)")
    ap.add_argument("--base58-size", type=parse_size, default=1 << 20,
                    help="random data size for base58 (default 1M)")
    ap.add_argument("--runs", type=int, default=None,
                    help="timed runs per program and case (default 5, "
                    "3 with --quick)")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: --size 16M --runs 3 unless given")
    ap.add_argument("--encodings", default=",".join(ENCODINGS),
                    help="comma-separated subset of: %s (default: all)"
                    % ",".join(ENCODINGS))
    ap.add_argument("--ours", default=None,
                    help="sextet's basenc (default: ./src/basenc)")
    ap.add_argument("--gnu", default="/usr/bin/basenc",
                    help="GNU basenc (default /usr/bin/basenc)")
    ap.add_argument("--impl", default=None,
                    help="run sextet with SEXTET_IMPL=NAME; a comma-separated "
                    "list (scalar,ssse3,avx2,avx512,neon,auto) times each, "
                    "one row per case and implementation (default: unset, "
                    "sextet picks)")
    add_output_options(ap)
    opts = ap.parse_args()
    size = opts.size or ((16 << 20) if opts.quick else (256 << 20))
    runs = opts.runs or (3 if opts.quick else 5)
    if runs < 1:
        ap.error("--runs must be at least 1")
    encodings = parse_list(opts.encodings, ENCODINGS, "encoding", ap)
    if "z85" in encodings:
        if size < 4:
            ap.error("--size must be at least 4 for z85")
        size -= size % 4

    ours_path = os.path.abspath(opts.ours or default_program("basenc"))
    gnu_path = os.path.abspath(opts.gnu)
    check_programs("bench_basenc.py", (ours_path, gnu_path))
    cat_path = "/bin/cat"

    start = time.time()
    snap0, wall0 = cpu_snapshot(), time.monotonic()
    base_env = dict(os.environ)
    base_env.pop("SEXTET_IMPL", None)
    base_env["LC_ALL"] = "C"

    # Implementations: each is asked first; one this build or CPU lacks
    # is reported as SKIPPED with sextet's reason, never dropped silently.
    ours, notes, broken = [], [], False
    impls = parse_list(opts.impl, None, "implementation", ap) \
        if opts.impl is not None else [None]
    for name in impls:
        env = dict(base_env)
        if name:
            env["SEXTET_IMPL"] = name
        why = probe([ours_path, "--base16"], env)
        label = "sextet " + (name or "auto")
        if why is None:
            ours.append(Program("sextet:%s" % (name or "auto"), "sextet",
                                ours_path, env, impl=name or "auto"))
        elif "is not available" in why:
            notes.append(["(all cases)", label, "", "SKIPPED: " + why])
            progress("%s: SKIPPED: %s" % (label, why))
        else:
            notes.append(["(all cases)", label, "", "FAILED: " + why])
            progress("%s: FAILED: %s" % (label, why))
            broken = True
    gnu = Program("gnu", "GNU", gnu_path, base_env)
    cat = Program("cat", "cat", cat_path, base_env)

    # An encoding GNU lacks (base58 before 9.8) is SKIPPED likewise.
    enc_skip = {}
    for enc in encodings:
        why = probe([gnu_path, "--" + enc], base_env)
        if why is not None:
            enc_skip[enc] = why
            progress("--%s: SKIPPED: GNU basenc: %s" % (enc, why))

    results = [("note", n) for n in notes]
    if ours:
        tmp = tempfile.mkdtemp(prefix="sextet-bench-basenc.",
                               dir=opts.tmpdir)
        try:
            rss_floor = run_all(results, tmp, encodings, enc_skip, size,
                                opts.base58_size, runs, ours, gnu, cat)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    else:
        rss_floor = None
    snap1, wall1 = cpu_snapshot(), time.monotonic()

    print("date: %s" % time.strftime("%Y-%m-%d %H:%M:%S %z",
                                     time.localtime(start)))
    print(cpu_line(cpu_model(), snap0, snap1, wall1 - wall0))
    print("sextet: %s (%s)" % (ours_path,
                               first_line([ours_path, "--version"],
                                          base_env)))
    print("GNU:    %s (%s)" % (gnu_path,
                               first_line([gnu_path, "--version"],
                                          base_env)))
    print("cat:    %s (%s)" % (cat_path,
                               first_line([cat_path, "--version"],
                                          base_env)))
    print("SEXTET_IMPL: %s" % (",".join(impls) if opts.impl is not None
                               else "unset (auto)"))
    print("data: %s random%s; %d runs per program and case, interleaved "
          "(sextet, GNU, sextet, ...); cat alone"
          % (human(size), ", base58: %s" % human(opts.base58_size)
             if "base58" in encodings else "", runs))
    print("cases: basenc --ENC DATA, basenc --ENC -d TEXT (76 columns), "
          "cat FILE; output to /dev/null, files in the page cache")
    print(MBS_LINE)
    print("ratio = sextet/GNU, the median of each round's ratio (sextet's "
          "run against GNU's beside it); result = PASS when it reaches "
          "the target (figures as measured).")
    print("RSS = peak resident set (ru_maxrss) of the program, one extra "
          "run forked by sh; the same for /bin/true: %s," % mib(rss_floor))
    print("      and a * marks a figure at or below it: the program's own "
          "peak is at most that.")
    print()
    rows, sections = table_rows(results, ours, gnu, cat, rss_floor)
    if opts.markdown:
        print_markdown(HEAD, rows, sections, set(range(2, len(HEAD))))
    else:
        print_plain(HEAD, rows, sections, set(range(2, 10)),
                    notes=NOTES)
    passed, failed = tally(results, ours, gnu)
    print()
    print("targets: %d PASS, %d FAIL" % (passed, failed))
    nfailed = sum(1 for r in results if isinstance(r, dict) and r["error"])
    if nfailed:
        print("FAILED cases: %d (see table)" % nfailed)
    return 1 if nfailed or broken else 0


def run_all(results, tmp, encodings, enc_skip, size, b58_size, runs, ours,
            gnu, cat):
    """Prepare the files and run every case into RESULTS; returns the
    RSS floor (KiB or None).  A text file is removed once its encoding
    is done, so the directory holds the data and one text at a time."""
    progs = ours + [gnu]
    data = os.path.join(tmp, "data")
    rss_floor = rss_run(cat.env, ["/bin/true"], os.path.join(tmp, "rss"))
    main_encs = [e for e in encodings if e != "base58"]
    if main_encs:
        progress("preparing %s of random data in %s" % (human(size), tmp))
        data_sha = make_data(data, size)
        results.append(("section", "%s random data" % human(size)))
        results.append(run_case(Case("cat data", None, [], data, data_sha,
                                     floor=True), [cat], runs, tmp))
    for enc in main_encs:
        if enc in enc_skip:
            results.append(("note", ["--" + enc, "", "",
                                     "SKIPPED: GNU basenc: " +
                                     enc_skip[enc]]))
            continue
        text = os.path.join(tmp, "text")
        progress("--%s: preparing the 76-column text" % enc)
        text_sha = make_text(data, enc, text)
        progress("--%s: encode, decode and cat, %d runs each" % (enc, runs))
        results.append(run_case(Case("--%s" % enc, enc, ["--" + enc], data,
                                     text_sha), progs, runs, tmp))
        results.append(run_case(Case("--%s -d" % enc, enc,
                                     ["--" + enc, "-d"], text, data_sha),
                                progs, runs, tmp))
        results.append(run_case(Case("cat %s text" % enc, enc, [], text,
                                     text_sha, floor=True), [cat], runs, tmp))
        os.unlink(text)
    if "base58" in encodings:
        if "base58" in enc_skip:
            results.append(("note", ["--base58", "", "",
                                     "SKIPPED: GNU basenc: " +
                                     enc_skip["base58"]]))
        else:
            b58_data = os.path.join(tmp, "data58")
            b58_text = os.path.join(tmp, "text58")
            progress("--base58: %s of random data, %d runs each"
                     % (human(b58_size), runs))
            b58_sha = make_data(b58_data, b58_size)
            results.append(("section", "base58: %s random data (reference "
                            "text: GNU's output)" % human(b58_size)))
            results.append(run_case(Case("cat data", None, [], b58_data,
                                         b58_sha, floor=True), [cat], runs,
                                    tmp))
            # GNU's output is the reference, and the text to decode.
            results.append(run_case(Case("--base58", "base58", ["--base58"],
                                         b58_data, None), progs, runs, tmp,
                                    reference=gnu, save=b58_text))
            if os.path.exists(b58_text):
                text_sha = file_sha(b58_text)
                results.append(run_case(Case("--base58 -d", "base58",
                                             ["--base58", "-d"], b58_text,
                                             b58_sha), progs, runs, tmp))
                results.append(run_case(Case("cat base58 text", "base58", [],
                                             b58_text, text_sha, floor=True),
                                        [cat], runs, tmp))
    return rss_floor


if __name__ == "__main__":
    sys.exit(main())
