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
and standard output on /dev/null.  Pipe cases run, through /bin/sh,
    cat FILE | PROG ARGS | cat > /dev/null
and time the whole pipeline; their RSS is the base64 process's own, taken
from one extra run of the same pipeline built by this script (so that the
RSS of sh and cat does not mix in).

Only the standard library is used.  Run `bench_cli.py --help`.
"""

import argparse
import base64
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time

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


def parse_size(text):
    """'256M', '64MiB', '1G', '4096' -> bytes (binary multiples)."""
    t = text.strip().lower()
    for suffix in ("ib", "b"):
        if t.endswith(suffix) and len(t) > len(suffix) and \
                t[-len(suffix) - 1] in "kmg":
            t = t[:-len(suffix)]
            break
    mult = 1
    if t and t[-1] in "kmg":
        mult = 1024 ** ("kmg".index(t[-1]) + 1)
        t = t[:-1]
    try:
        n = int(float(t) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError("bad size: %r" % text)
    if n <= 0:
        raise argparse.ArgumentTypeError("size must be positive")
    return n


def human(n):
    for unit, div in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= div and n % div == 0:
            return "%d %s" % (n // div, unit)
    return "%d bytes" % n


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


def file_sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                return h.hexdigest()
            h.update(b)


def spawn(argv, env, stdin=None, stdout=None):
    """posix_spawn ARGV with optional fds for stdin/stdout; returns pid."""
    actions = []
    if stdin is not None:
        actions.append((os.POSIX_SPAWN_DUP2, stdin, 0))
    if stdout is not None:
        actions.append((os.POSIX_SPAWN_DUP2, stdout, 1))
    return os.posix_spawn(argv[0], argv, env, file_actions=actions)


RSS_CODE = ("import resource, sys; open(sys.argv[1], 'w').write('%d %s' % "
            "(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
            "sys.argv[2]))")


RSS_RUNS = 3


def rss_probe(env, command, infile, pipe, resfile):
    """Median ru_maxrss (KiB) of COMMAND over RSS_RUNS runs, or None."""
    got = [rss_once(env, command, infile, pipe, resfile)
           for _ in range(RSS_RUNS)]
    if None in got:
        return None
    return statistics.median(got)


def rss_once(env, command, infile, pipe, resfile):
    """Run COMMAND as described in Runner.rss; its ru_maxrss or None."""
    report = "s=$?; exec %s -c %s %s \"$s\"" % (
        shq(sys.executable), shq(RSS_CODE), shq(resfile))
    # As an element of a pipeline: sh forks it as a subshell with few
    # pages of its own, which lowers the floor.  The program's standard
    # input is unused in the /dev/null form (it reads the operand).
    if pipe:
        line = "cat %s | (%s; %s) | cat > /dev/null" % (shq(infile),
                                                       command, report)
    else:
        line = ": | (%s %s > /dev/null; %s)" % (command, shq(infile), report)
    try:
        os.unlink(resfile)
    except FileNotFoundError:
        pass
    pid = spawn(["/bin/sh", "-c", line], env)
    reap(pid)
    try:
        with open(resfile) as f:
            kib, status = f.read().split()
    except (OSError, ValueError):
        return None
    return int(kib) if status == "0" else None


def reap(pid):
    """Wait for PID: (exit status or -signal, ru_maxrss in KiB)."""
    _, status, ru = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), ru.ru_maxrss


class Runner:
    def __init__(self, name, path, env):
        self.name = name
        self.path = path
        self.env = env
        self.devnull = os.open(os.devnull, os.O_WRONLY)

    def shell_line(self, args, infile, tail):
        q = [shq(self.path)] + [shq(a) for a in args]
        return "cat %s | %s | %s" % (shq(infile), " ".join(q), tail)

    def timed(self, case, args):
        """One timed run: (seconds, exit status)."""
        if case.pipe:
            argv = ["/bin/sh", "-c",
                    self.shell_line(args, case.infile, "cat > /dev/null")]
            out = None
        else:
            argv = [self.path] + args + [case.infile]
            out = self.devnull
        t0 = time.perf_counter()
        pid = spawn(argv, self.env, stdout=out)
        _, status, _ = os.wait4(pid, 0)
        return time.perf_counter() - t0, os.waitstatus_to_exitcode(status)

    def rss(self, case, args, resfile):
        """Peak RSS (KiB) of the base64 process, median of 3 more runs.

        The kernel keeps, across execve, the peak RSS of the process that
        called it: a child spawned from this Python would never report
        less than Python's own RSS.  So a subshell of sh forks the program
        (the floor is then the subshell's small RSS), reaps it, and execs
        a Python that reads RUSAGE_CHILDREN: the program's ru_maxrss.
        """
        return rss_probe(self.env, "%s%s" % (
            shq(self.path), "".join(" " + shq(a) for a in args)),
            case.infile, case.pipe, resfile)

    def output(self, case, args):
        """Run once, hashing standard output: (status, sha256, length)."""
        if case.pipe:
            argv = ["/bin/sh", "-c", self.shell_line(args, case.infile,
                                                     "cat")]
        else:
            argv = [self.path] + args + [case.infile]
        r, w = os.pipe()
        try:
            pid = spawn(argv, self.env, stdout=w)
        finally:
            os.close(w)
        h = hashlib.sha256()
        n = 0
        with os.fdopen(r, "rb", buffering=0) as f:
            while True:
                b = f.read(1 << 20)
                if not b:
                    break
                h.update(b)
                n += len(b)
        status, _ = reap(pid)
        return status, h.hexdigest(), n


def shq(s):
    if s and all(c.isalnum() or c in "@%+=:,./-_" for c in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


class Case:
    def __init__(self, key, label, ours, gnu, infile, expect, pipe=False,
                 startup=False):
        self.key = key
        self.label = label
        self.ours_args = ours
        self.gnu_args = gnu
        self.infile = infile
        self.expect = expect       # sha256 of the correct output
        self.pipe = pipe
        self.startup = startup
        self.nbytes = os.path.getsize(infile)


def run_case(case, ours, gnu, runs, resfile):
    """Check, then time interleaved; returns a result dict."""
    res = {"case": case, "error": None}
    outs = []
    for prog, args in ((ours, case.ours_args), (gnu, case.gnu_args)):
        outs.append(prog.output(case, args))
    (s_o, h_o, n_o), (s_g, h_g, n_g) = outs
    problems = []
    if s_o != 0:
        problems.append("sextet exited %d" % s_o)
    if s_g != 0:
        problems.append("GNU exited %d" % s_g)
    if (h_o, n_o) != (h_g, n_g):
        problems.append("outputs differ (sextet %d bytes, GNU %d bytes)"
                        % (n_o, n_g))
    if case.expect is not None and h_o != case.expect:
        problems.append("sextet output is not the expected one")
    if case.expect is not None and h_g != case.expect:
        problems.append("GNU output is not the expected one")
    if problems:
        res["error"] = "; ".join(problems)
        return res

    times = {"ours": [], "gnu": []}
    for _ in range(runs):
        for key, prog, args in (("ours", ours, case.ours_args),
                                ("gnu", gnu, case.gnu_args)):
            t, status = prog.timed(case, args)
            if status != 0:
                res["error"] = "%s exited %d in a timed run" % (prog.name,
                                                               status)
                return res
            times[key].append(t)
    rss = {}
    for key, prog, args in (("ours", ours, case.ours_args),
                            ("gnu", gnu, case.gnu_args)):
        rss[key] = prog.rss(case, args, resfile)
        if rss[key] is None:
            res["error"] = "%s failed in the RSS run" % prog.name
            return res

    for key in ("ours", "gnu"):
        ts = times[key]
        if case.startup:
            vals = [t * 1e3 for t in ts]          # ms per run
        else:
            vals = [case.nbytes / t / 1e6 for t in ts]  # MB/s of input
        res[key] = {
            "median": statistics.median(vals),
            "min": min(vals),
            "max": max(vals),
            "rss": rss[key],
        }
    if case.startup:
        res["ratio"] = res["gnu"]["median"] / res["ours"]["median"]
    else:
        res["ratio"] = res["ours"]["median"] / res["gnu"]["median"]
    target = TARGETS.get(case.key)
    res["target"] = target
    res["met"] = None if target is None else res["ratio"] >= target
    return res


def fmt_num(v):
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def mib(kib):
    return "?" if kib is None else "%.2f MiB" % (kib / 1024)


def table_rows(results, floors):
    head = ["case", "unit", "sextet median", "sextet min-max",
            "GNU median", "GNU min-max", "ratio", "target", "met",
            "RSS sextet", "RSS GNU", "RSS diff"]
    rows = []
    for res in results:
        c = res["case"]
        if res["error"]:
            rows.append([c.label, "", "FAILED: " + res["error"]] +
                        [""] * (len(head) - 3))
            continue
        o, g = res["ours"], res["gnu"]
        unit = "ms/run" if c.startup else "MB/s"
        t = res["target"]
        diff = o["rss"] - g["rss"]
        floor = floors[c.pipe]

        def rss_cell(kib):
            mark = "*" if floor is not None and kib <= floor else ""
            return mib(kib) + mark
        rows.append([
            c.label, unit,
            fmt_num(o["median"]),
            "%s-%s" % (fmt_num(o["min"]), fmt_num(o["max"])),
            fmt_num(g["median"]),
            "%s-%s" % (fmt_num(g["min"]), fmt_num(g["max"])),
            "%.2fx" % res["ratio"],
            ">= %.1fx" % t if t is not None else "",
            ("yes" if res["met"] else "NO") if t is not None else "",
            rss_cell(o["rss"]),
            rss_cell(g["rss"]),
            "%+.2f MiB" % (diff / 1024),
        ])
    return head, rows


def print_plain(head, rows, sections):
    widths = [len(h) for h in head]
    for r in rows:
        for i, cell in enumerate(r):
            if not cell.startswith("FAILED"):
                widths[i] = max(widths[i], len(cell))
    right = set(range(2, len(head)))

    def line(cells):
        out = []
        for i, cell in enumerate(cells):
            if cell.startswith("FAILED"):
                out.append(cell)
                break
            out.append(cell.rjust(widths[i]) if i in right
                       else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    print(line(head))
    for i, r in enumerate(rows):
        if i in sections:
            print(sections[i])
        print(line(r))


def print_markdown(head, rows, sections):
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|")
    for i, r in enumerate(rows):
        if i in sections:
            print("| **" + sections[i].strip(" -:") + "**" +
                  " |" * len(head))
        cells = [c.replace("|", "\\|") for c in r]
        print("| " + " | ".join(cells) + " |")


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


def cpu_snapshot():
    """(busy CPU seconds of the whole machine, CPU seconds of this script
    and its reaped children), or None without /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu" or len(fields) < 8:
        return None
    # user nice system idle iowait irq softirq: busy = all but idle, iowait
    ticks = [int(x) for x in fields[1:8]]
    busy = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")
    t = os.times()
    return busy, t.user + t.system + t.children_user + t.children_system


def other_load(before, after, seconds):
    """Average number of CPUs kept busy by other processes, as text."""
    if before is None or after is None or seconds <= 0:
        return "?"
    other = (after[0] - before[0]) - (after[1] - before[1])
    return "%.2f" % max(0.0, other / seconds)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for ln in f:
                if ln.startswith("model name"):
                    return ln.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def default_ours():
    here = os.path.dirname(os.path.abspath(__file__))
    for p in ("src/base64", os.path.join(here, "..", "..", "src", "base64")):
        if os.access(p, os.X_OK):
            return os.path.abspath(p)
    return "src/base64"


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
                    help="set SEXTET_IMPL=NAME for sextet (default: unset, "
                    "sextet picks)")
    ap.add_argument("--tmpdir", default=None,
                    help="where to make the temporary directory")
    ap.add_argument("--markdown", action="store_true",
                    help="print the table in markdown")
    opts = ap.parse_args()
    if opts.runs < 1 or opts.startup_runs < 1:
        ap.error("--runs and --startup-runs must be at least 1")

    ours_path = os.path.abspath(opts.ours or default_ours())
    gnu_path = os.path.abspath(opts.gnu)
    for p in (ours_path, gnu_path):
        if not os.access(p, os.X_OK):
            sys.exit("bench_cli.py: %s is not an executable" % p)
    for p in ("/bin/sh", "/bin/cat"):
        if not os.access(p, os.X_OK):
            sys.exit("bench_cli.py: %s is needed" % p)

    base_env = dict(os.environ)
    base_env.pop("SEXTET_IMPL", None)
    base_env["LC_ALL"] = "C"
    ours_env = dict(base_env)
    if opts.impl:
        ours_env["SEXTET_IMPL"] = opts.impl
    ours = Runner("sextet", ours_path, ours_env)
    gnu = Runner("GNU", gnu_path, base_env)

    snap0, wall0 = cpu_snapshot(), time.monotonic()
    tmp = tempfile.mkdtemp(prefix="sextet-bench.", dir=opts.tmpdir)
    try:
        sys.stderr.write("bench_cli.py: preparing %s of data in %s\n"
                         % (human(opts.size), tmp))
        files, data_sha = make_files(tmp, opts.size)
        resfile = os.path.join(tmp, "rss")
        floors = {pipe: rss_probe(base_env, "/bin/true", files["small"], pipe,
                                  resfile) for pipe in (False, True)}
        sha = {k: file_sha(files[k]) for k in ("enc76", "enc0")}
        p = files
        R = opts.runs
        cases = [
            (Case("enc76", "encode 76-col", [], [], p["data"], sha["enc76"]),
             R),
            (Case("enc0", "encode -w0", ["-w0"], ["-w0"], p["data"],
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
            results.append(run_case(case, ours, gnu, runs, resfile))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    snap1, wall1 = cpu_snapshot(), time.monotonic()

    print("sextet: %s (%s)" % (ours_path, first_line(ours_path, ours_env)))
    print("GNU:    %s (%s)" % (gnu_path, first_line(gnu_path, base_env)))
    print("SEXTET_IMPL: %s" % (opts.impl or "unset (auto)"))
    print("cpu: %s, %d CPUs; other processes kept %s CPUs busy on average "
          "during the run" % (cpu_model(), os.cpu_count() or 0,
                              other_load(snap0, snap1, wall1 - wall0)))
    print("data: %s random; %d runs per program and case, interleaved "
          "(sextet, GNU, sextet, ...); start-up: %d runs"
          % (human(opts.size), opts.runs, opts.startup_runs))
    print("MB/s = MB (1e6 bytes) of input file per second of wall time; "
          "median and min-max over the runs.")
    print("ratio = sextet/GNU of the medians (start-up: GNU ms / sextet ms).")
    print("RSS = peak resident set (ru_maxrss) of the base64 process, median "
          "of %d extra runs forked by sh;" % RSS_RUNS)
    print("      diff = sextet - GNU.  Floor, the RSS /bin/true shows when run "
          "the same way: %s (to /dev/null), %s (pipes);"
          % (mib(floors[False]), mib(floors[True])))
    print("      a * marks a figure at or below it: the process's own peak "
          "is at most that.")
    print()
    head, rows = table_rows(results, floors)
    pipe_start = next(i for i, (c, _) in enumerate(cases) if c.pipe)
    sections = {0: "-- output to /dev/null: base64 ARGS FILE > /dev/null",
                pipe_start: "-- pipes: cat FILE | base64 ARGS | "
                "cat > /dev/null"}
    if opts.markdown:
        print_markdown(head, rows, sections)
    else:
        print_plain(head, rows, sections)
    met = [r for r in results if not r["error"] and r["target"] is not None]
    print()
    print("targets met: %d of %d" % (sum(1 for r in met if r["met"]),
                                     len(met)))
    failed = [r for r in results if r["error"]]
    if failed:
        print("FAILED cases: %d (see table)" % len(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
