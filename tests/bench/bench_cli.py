#!/usr/bin/env python3
"""bench_cli.py - sextet's base64 beside GNU coreutils base64, same files.

Makes a temporary directory with SIZE bytes of random data (default
256 MiB), its 76-column encoding, its unwrapped encoding, the 76-column
encoding with CRLF line ends, and 1 KiB of random data; then, per case:

  1. checks that both programs exit 0 and write identical bytes (and that
     these are the expected ones: the prepared encoding, or the original
     data after decoding); a case whose outputs differ is reported and the
     script exits 1 at the end;
  2. runs the two programs interleaved, sextet then GNU, RUNS times each;
  3. reports, per program, MB/s of INPUT (1 MB = 1e6 bytes of the file
     given to the program) as median and min-max over the runs, the ratio
     sextet/GNU of the medians, and the peak RSS (ru_maxrss of the process,
     from os.wait4) with the difference sextet - GNU.

The start-up case encodes 1 KiB and reports milliseconds per run (median,
min-max); its ratio is GNU ms / sextet ms, so above 1 means sextet is
faster there too.

Cases with output to /dev/null run the program with the file as operand
and standard output on /dev/null.  File-to-file cases do the same with
standard output on a file beside the input (truncated before each run,
outside the timing): the same file system, tmpfs with --tmpdir /dev/shm.
Pipe cases run, through /bin/sh,
    cat FILE | PROG ARGS | cat > /dev/null
and time the whole pipeline; their RSS is the base64 process's own, taken
from one extra run of the same pipeline built by this script (so that the
RSS of sh and cat does not mix in).

The floor: every case but start-up also times cat(1) in the program's
place (cat FILE > /dev/null, cat FILE > OUT, cat FILE | cat | cat), the
kernel's copies alone, interleaved with the others; "vs cat" is the
program's speed over cat's (1.00x: as fast as copying the file).

Only the standard library is used.  Run `bench_cli.py --help`.
"""

import argparse
import base64
import hashlib
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time

# benchlib.py is beside this script (no .pyc left in the tree).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (MBS_LINE, add_output_options,  # noqa: E402
                      check_programs, cpu_line, cpu_model, cpu_snapshot,
                      default_program, file_sha, fmt_num, human, mib,
                      parse_size, print_markdown, print_plain, reap,
                      rss_cell, rss_once, run_hashed, shq, spawn, spread,
                      summary, time_interleaved, time_run)

CHUNK = 57 * 16384  # whole 76-column lines, whole 3-byte groups

# Targets (sextet/GNU, medians) from the performance issue.
TARGETS = {
    "enc76": 3.5,
    "enc0": 4.5,
    "dec76": 11.0,
    "dec0": 8.0,
    "deci": 16.0,
    "lenient": 16.0,
    "startup": 1.0,
    "p_enc76": 1.5,
    "p_dec76": 4.0,
    "p_deci": 6.0,
}

CAT = "/bin/cat"


def make_files(tmp, size):
    """The input files; returns {name: path} and the sha256 of the data."""
    paths = {k: os.path.join(tmp, k) for k in
             ("data", "enc76", "enc0", "crlf76", "small")}
    sha = hashlib.sha256()
    with open(paths["data"], "wb") as data, \
            open(paths["enc76"], "wb") as enc76, \
            open(paths["enc0"], "wb") as enc0, \
            open(paths["crlf76"], "wb") as crlf:
        left = size
        while left > 0:
            block = os.urandom(min(CHUNK, left))
            left -= len(block)
            data.write(block)
            sha.update(block)
            lines = base64.encodebytes(block)  # 76-column lines, LF
            enc76.write(lines)
            crlf.write(lines.replace(b"\n", b"\r\n"))
            enc0.write(base64.b64encode(block))
    with open(paths["small"], "wb") as f:
        f.write(os.urandom(1024))
    return paths, sha.hexdigest()


RSS_RUNS = 3


def rss_probe(env, command, infile, pipe, resfile):
    """Median ru_maxrss (KiB) of COMMAND over RSS_RUNS runs, or None."""
    got = [rss_once(env, command, infile, pipe, resfile)
           for _ in range(RSS_RUNS)]
    if None in got:
        return None
    return statistics.median(got)


class Runner:
    """One program to time: sextet (per implementation), GNU or a peer.

    COMMAND is a list of words.  By default a case's GNU-style arguments
    (-w 0, -d, -d -i) and then the input file are appended; a peer whose
    options differ places them itself with the words {args} (replaced by
    the arguments) and {file} (the input file).  In the pipe cases the
    input comes on standard input and {file} is dropped.
    """

    def __init__(self, key, name, command, env, impl="-", peer=False,
                 assigns=(), floor=False):
        self.key = key
        self.name = name
        self.command = command
        self.path = command[0]
        self.env = env
        self.impl = impl
        self.peer = peer
        self.assigns = list(assigns)  # a peer's VAR=VALUE words, as given
        self.floor = floor            # cat: the case's arguments dropped
        self.devnull = os.open(os.devnull, os.O_WRONLY)

    def argv(self, args, infile):
        """The words to run for ARGS on INFILE (None: standard input)."""
        if self.floor:
            return list(self.command) + ([infile] if infile else [])
        words = []
        placed_args = placed_file = False
        for w in self.command:
            if w == "{args}":
                words.extend(args)
                placed_args = True
            elif w == "{file}":
                if infile is not None:
                    words.append(infile)
                placed_file = True
            else:
                words.append(w)
        if not placed_args:
            words.extend(args)
        if not placed_file and infile is not None:
            words.append(infile)
        return words

    def shell_words(self, args, infile=None):
        return " ".join(shq(w) for w in self.argv(args, infile))

    def shell_line(self, args, infile, tail):
        return "cat %s | %s | %s" % (shq(infile), self.shell_words(args),
                                     tail)

    def timed(self, case, args):
        """One timed run: (seconds, exit status)."""
        if case.pipe:
            argv = ["/bin/sh", "-c",
                    self.shell_line(args, case.infile, "cat > /dev/null")]
            return time_run(argv, self.env)
        argv = self.argv(args, case.infile)
        if case.outfile is None:
            return time_run(argv, self.env, stdout=self.devnull)
        out = os.open(case.outfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                      0o600)
        try:
            return time_run(argv, self.env, stdout=out)
        finally:
            os.close(out)

    def rss(self, case, args, resfile):
        """Peak RSS (KiB) of the base64 process, median of 3 more runs
        (how: benchlib.rss_once)."""
        return rss_probe(self.env, self.shell_words(args), case.infile,
                         case.pipe, resfile)

    def output(self, case, args):
        """Run once, hashing standard output: (status, sha256, length,
        sha256 without a final newline or None if it has none)."""
        if case.pipe:
            argv = ["/bin/sh", "-c", self.shell_line(args, case.infile,
                                                     "cat")]
        else:
            argv = self.argv(args, case.infile)
        return run_hashed(argv, self.env, trim=True)


class Case:
    def __init__(self, key, label, ours, gnu, infile, expect, pipe=False,
                 startup=False, tofile=False):
        self.key = key
        self.label = label
        self.ours_args = ours
        self.gnu_args = gnu
        self.infile = infile
        self.expect = expect       # sha256 of the correct output
        self.pipe = pipe
        self.startup = startup
        # File to file: standard output on a file beside the input.
        self.outfile = os.path.join(os.path.dirname(infile),
                                    "out." + key) if tofile else None
        self.nbytes = os.path.getsize(infile)


def case_args(case, prog):
    return case.gnu_args if prog.key == "gnu" or prog.peer else \
        case.ours_args


def run_case(case, ours, gnu, peers, cat, runs, resfile):
    """Check, then time every program interleaved; returns a result dict
    with one entry per program key (or its error).  sextet and GNU must
    be right for the case to count; a peer that is wrong or fails is only
    marked in its own cells."""
    res = {"case": case, "error": None, "progs": {}}
    progs = ours + [gnu] + peers
    outs = {p.key: p.output(case, case_args(case, p)) for p in progs}
    problems = []
    for p in ours + [gnu]:
        status, digest, _, _ = outs[p.key]
        if status != 0:
            problems.append("%s exited %d" % (p.name, status))
        elif case.expect is not None and digest != case.expect:
            problems.append("%s output is not the expected one" % p.name)
    ref = outs[gnu.key]
    for p in ours:
        if outs[p.key][0] == 0 and outs[p.key][1:3] != ref[1:3]:
            problems.append("outputs differ (%s %d bytes, GNU %d bytes)"
                            % (p.name, outs[p.key][2], ref[2]))
    if problems:
        res["error"] = "; ".join(problems)
        return res
    live = list(ours) + [gnu] + ([] if case.startup else [cat])
    notes = {}
    for p in peers:
        status, digest, _, trimmed = outs[p.key]
        want = case.expect or ref[1]
        if status != 0:
            res["progs"][p.key] = {"error": "exit %d" % status}
        elif digest == want:
            live.append(p)
        elif trimmed == want:
            # simdutf's fastbase64 ends -w0 output with a newline: timed,
            # and marked
            notes[p.key] = "+LF"
            live.append(p)
        else:
            res["progs"][p.key] = {"error": "wrong output"}

    times, failed = time_interleaved(
        live, runs, lambda p: p.timed(case, case_args(case, p)),
        droppable=lambda p: p.peer)
    for p, status in failed:
        if p.peer:
            res["progs"][p.key] = {"error": "exit %d" % status}
        else:
            res["error"] = "%s exited %d in a timed run" % (p.name, status)
            return res
    for p in live:
        if p.key not in times:
            continue
        rss = None if p.floor else p.rss(case, case_args(case, p), resfile)
        if rss is None and not p.peer and not p.floor:
            res["error"] = "%s failed in the RSS run" % p.name
            return res
        ts = times[p.key]
        if case.startup:
            vals = [t * 1e3 for t in ts]          # ms per run
        else:
            vals = [case.nbytes / t / 1e6 for t in ts]  # MB/s of input
        res["progs"][p.key] = dict(summary(vals), rss=rss,
                                   note=notes.get(p.key, ""))
    return res


def ratio(case, a, b):
    """How much faster A is than B (medians); None if either is missing."""
    if a is None or b is None or "median" not in a or "median" not in b:
        return None
    if case.startup:
        return b["median"] / a["median"]
    return a["median"] / b["median"]


def table_rows(results, floors, ours, gnu, peers, cat, cpu):
    """One row per case and sextet implementation; GNU, cat and the peers
    are timed once per case and repeated on each of its rows."""
    head = ["case", "impl", "unit", "sextet median", "sextet min-max",
            "GNU median", "GNU min-max", "ratio", "target", "met",
            "cat median", "vs cat"]
    for p in peers:
        head += [p.name + " median", "vs " + p.name]
    head += ["RSS sextet", "RSS GNU", "RSS diff", "cpu"]
    rows = []
    sections = {}
    titles = {
        "null": "output to /dev/null: base64 ARGS FILE > /dev/null",
        "file": "file to file: base64 ARGS FILE > OUT (OUT beside FILE)",
        "pipe": "pipes: cat FILE | base64 ARGS | cat > /dev/null",
    }
    last = None
    for res in results:
        c = res["case"]
        kind = "pipe" if c.pipe else "file" if c.outfile else "null"
        if kind != last:
            sections[len(rows)] = titles[kind]
            last = kind
        if res["error"]:
            rows.append([c.label, "", "", "FAILED: " + res["error"]] +
                        [""] * (len(head) - 4))
            continue
        g = res["progs"][gnu.key]
        floor = floors[c.pipe]
        for o_prog in ours:
            o = res["progs"][o_prog.key]
            r = ratio(c, o, g)
            t = TARGETS.get(c.key)
            row = [
                c.label, o_prog.impl,
                "ms/run" if c.startup else "MB/s",
                fmt_num(o["median"]), spread(o),
                fmt_num(g["median"]), spread(g),
                "%.2fx" % r,
                ">= %.1fx" % t if t is not None else "",
                ("yes" if r >= t else "NO") if t is not None else "",
            ]
            k = res["progs"].get(cat.key)
            if k is None or "median" not in k:
                row += ["", ""]
            else:
                row += [fmt_num(k["median"]), "%.2fx" % ratio(c, o, k)]
            for p in peers:
                pr = res["progs"].get(p.key, {"error": "?"})
                if "error" in pr:
                    row += [pr["error"], ""]
                else:
                    row += [fmt_num(pr["median"]) +
                            (" (%s)" % pr["note"] if pr["note"] else ""),
                            "%.2fx" % ratio(c, o, pr)]
            diff = o["rss"] - g["rss"]
            row += [rss_cell(o["rss"], floor), rss_cell(g["rss"], floor),
                    "%+.2f MiB" % (diff / 1024), cpu]
            rows.append(row)
    return head, rows, sections


def targets_met(results, ours, gnu):
    """(met, counted) over every case and implementation with a target."""
    met = counted = 0
    for res in results:
        t = TARGETS.get(res["case"].key)
        if res["error"] or t is None:
            continue
        for o in ours:
            counted += 1
            r = ratio(res["case"], res["progs"][o.key],
                      res["progs"][gnu.key])
            met += r >= t
    return met, counted


def first_line(path, env):
    r, w = os.pipe()
    try:
        pid = spawn([path, "--version"], env, stdout=w)
    finally:
        os.close(w)
    with os.fdopen(r, "rb") as f:
        out = f.read()
    reap(pid)
    return out.decode("utf-8", "replace").splitlines()[0] if out else "?"


def main():
    ap = argparse.ArgumentParser(
        description="Benchmark sextet's base64 against GNU base64.")
    ap.add_argument("--size", type=parse_size, default=256 << 20,
                    help="random data size (default 256M; K, M, G are "
                    "binary multiples)")
    ap.add_argument("--runs", type=int, default=7,
                    help="timed runs per program and case (default 7)")
    ap.add_argument("--startup-runs", type=int, default=300,
                    help="timed runs per program for start-up (default 300)")
    ap.add_argument("--ours", default=None,
                    help="sextet's base64 (default: ./src/base64)")
    ap.add_argument("--gnu", default="/usr/bin/base64",
                    help="GNU base64 (default /usr/bin/base64)")
    ap.add_argument("--impl", default=None,
                    help="set SEXTET_IMPL=NAME for sextet; a comma-separated "
                    "list (auto,avx2,scalar) times each, one row per case "
                    "and implementation (default: unset, sextet picks)")
    ap.add_argument("--peer", action="append", default=[],
                    metavar="NAME=COMMAND",
                    help="also time COMMAND (split like a shell would; "
                    "leading VAR=VALUE words set its environment; {args} "
                    "and {file} place the GNU-style arguments and the "
                    "input file, else both are appended) and show it as "
                    "NAME; repeatable")
    add_output_options(ap)
    opts = ap.parse_args()
    if opts.runs < 1 or opts.startup_runs < 1:
        ap.error("--runs and --startup-runs must be at least 1")

    ours_path = os.path.abspath(opts.ours or default_program("base64"))
    gnu_path = os.path.abspath(opts.gnu)
    check_programs("bench_cli.py", (ours_path, gnu_path))

    base_env = dict(os.environ)
    base_env.pop("SEXTET_IMPL", None)
    base_env["LC_ALL"] = "C"
    ours = []
    for name in (opts.impl or "").split(",") if opts.impl else [None]:
        env = dict(base_env)
        if name:
            env["SEXTET_IMPL"] = name
        ours.append(Runner("sextet:%s" % (name or "auto"), "sextet",
                           [ours_path], env, impl=name or "auto"))
    gnu = Runner("gnu", "GNU", [gnu_path], base_env)
    cat = Runner("cat", "cat", [CAT], base_env, floor=True)
    peers = []
    for spec in opts.peer:
        name, eq, command = spec.partition("=")
        words = shlex.split(command)
        # Leading VAR=VALUE words: the peer's environment (as a shell
        # would take them; running env(1) would add an exec to its time).
        env, assigns = dict(base_env), []
        while words and "=" in words[0] and \
                words[0].partition("=")[0].isidentifier():
            assigns.append(words.pop(0))
            var, _, value = assigns[-1].partition("=")
            env[var] = value
        if not eq or not name or not words:
            ap.error("--peer takes NAME=COMMAND, got %r" % spec)
        if "/" not in words[0]:
            found = shutil.which(words[0])
            if found is None:
                ap.error("--peer %s: %s not found" % (name, words[0]))
            words[0] = found
        if not os.access(words[0], os.X_OK):
            ap.error("--peer %s: %s is not an executable" % (name, words[0]))
        peers.append(Runner("peer:" + name, name, words, env, peer=True,
                            assigns=assigns))

    snap0, wall0 = cpu_snapshot(), time.monotonic()
    tmp = tempfile.mkdtemp(prefix="sextet-bench.", dir=opts.tmpdir)
    try:
        sys.stderr.write("bench_cli.py: preparing %s of data in %s\n"
                         % (human(opts.size), tmp))
        files, data_sha = make_files(tmp, opts.size)
        resfile = os.path.join(tmp, "rss")
        floors = {pipe: rss_probe(base_env, "/bin/true" + (
            "" if pipe else " " + shq(files["small"])), files["small"], pipe,
            resfile) for pipe in (False, True)}
        sha = {k: file_sha(files[k]) for k in ("enc76", "enc0")}
        p = files
        R = opts.runs
        cases = [
            (Case("enc76", "encode 76-col", [], [], p["data"], sha["enc76"]),
             R),
            # -w 0 as two words: the peers' option parsers all take it.
            (Case("enc0", "encode -w0", ["-w", "0"], ["-w", "0"], p["data"],
                  sha["enc0"]), R),
            (Case("dec76", "decode wrapped", ["-d"], ["-d"], p["enc76"],
                  data_sha), R),
            (Case("dec0", "decode unwrapped", ["-d"], ["-d"], p["enc0"],
                  data_sha), R),
            (Case("deci", "decode -i (wrapped)", ["-d", "-i"], ["-d", "-i"],
                  p["enc76"], data_sha), R),
            (Case("lenient", "--lenient CRLF / GNU -d -i",
                  ["-d", "--lenient"], ["-d", "-i"], p["crlf76"], data_sha),
             R),
            (Case("startup", "start-up (encode 1 KiB)", [], [], p["small"],
                  None, startup=True), opts.startup_runs),
            (Case("f_enc76", "encode 76-col", [], [], p["data"],
                  sha["enc76"], tofile=True), R),
            (Case("f_dec76", "decode wrapped", ["-d"], ["-d"], p["enc76"],
                  data_sha, tofile=True), R),
            (Case("p_enc76", "encode 76-col", [], [], p["data"],
                  sha["enc76"], pipe=True), R),
            (Case("p_dec76", "decode wrapped", ["-d"], ["-d"], p["enc76"],
                  data_sha, pipe=True), R),
            (Case("p_deci", "decode -i (wrapped)", ["-d", "-i"],
                  ["-d", "-i"], p["enc76"], data_sha, pipe=True), R),
        ]
        results = []
        for case, runs in cases:
            sys.stderr.write("bench_cli.py: %s%s, %d runs each\n"
                             % ("pipe: " if case.pipe else "", case.label,
                                runs))
            results.append(run_case(case, ours, gnu, peers, cat, runs,
                                    resfile))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    snap1, wall1 = cpu_snapshot(), time.monotonic()

    cpu = cpu_model()
    print("sextet: %s (%s)" % (ours_path, first_line(ours_path, base_env)))
    print("GNU:    %s (%s)" % (gnu_path, first_line(gnu_path, base_env)))
    for p in peers:
        print("peer %s: %s" % (p.name, " ".join(shq(w) for w in p.assigns) +
            (" " if p.assigns else "") + " ".join(
            w if w in ("{args}", "{file}") else shq(w) for w in p.command)))
    print("SEXTET_IMPL: %s" % (opts.impl or "unset (auto)"))
    print(cpu_line(cpu, snap0, snap1, wall1 - wall0))
    print("data: %s random; %d runs per program and case, interleaved "
          "(sextet, GNU, peers, sextet, ...); start-up: %d runs"
          % (human(opts.size), opts.runs, opts.startup_runs))
    print(MBS_LINE)
    print("ratio = sextet/GNU of the medians (start-up: GNU ms / sextet ms); "
          "vs PEER = sextet/PEER likewise.")
    print("RSS = peak resident set (ru_maxrss) of the base64 process, median "
          "of %d extra runs forked by sh;" % RSS_RUNS)
    print("      diff = sextet - GNU.  Floor, the RSS /bin/true shows when run "
          "the same way: %s (to /dev/null), %s (pipes);"
          % (mib(floors[False]), mib(floors[True])))
    print("      a * marks a figure at or below it: the process's own peak "
          "is at most that.")
    print("(+LF) after a peer's figure: its output was the right one plus a "
          "final newline (simdutf's -w0); timed all the same.")
    print()
    head, rows, sections = table_rows(results, floors, ours, gnu, peers,
                                      cat, cpu)
    right = set(range(3, len(head) - 1))
    if opts.markdown:
        print_markdown(head, rows, sections, right)
    else:
        print_plain(head, rows, sections, right)
    met, counted = targets_met(results, ours, gnu)
    print()
    print("targets met: %d of %d" % (met, counted))
    failed = [r for r in results if r["error"]]
    if failed:
        print("FAILED cases: %d (see table)" % len(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
