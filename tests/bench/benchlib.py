"""benchlib.py - what bench_cli.py and bench_basenc.py share.

Running and timing programs (posix_spawn, os.wait4), hashing their
output, their peak RSS measured through sh, interleaved timed runs,
medians and min-max, the tables in plain text and markdown, and the
machine: CPU model and the load other processes put on it.  Both scripts
import it from beside themselves.  Only the standard library is used.
"""

import argparse
import hashlib
import os
import statistics
import sys
import time


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


def shq(s):
    if s and all(c.isalnum() or c in "@%+=:,./-_" for c in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


def file_sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                return h.hexdigest()
            h.update(b)


def add_output_options(ap):
    """The options both scripts end their list with: --tmpdir, --markdown."""
    ap.add_argument("--tmpdir", default=None,
                    help="where to make the temporary directory")
    ap.add_argument("--markdown", action="store_true",
                    help="print the table in markdown")


def check_programs(script, programs):
    """Exit with a message from SCRIPT unless every one of PROGRAMS, and
    /bin/sh and /bin/cat, can be run."""
    for p in programs:
        if not os.access(p, os.X_OK):
            sys.exit("%s: %s is not an executable" % (script, p))
    for p in ("/bin/sh", "/bin/cat"):
        if not os.access(p, os.X_OK):
            sys.exit("%s: %s is needed" % (script, p))


def default_program(name):
    """The build tree's src/NAME: from the current directory (a build
    directory), else from the source tree around these scripts."""
    here = os.path.dirname(os.path.abspath(__file__))
    for p in ("src/" + name, os.path.join(here, "..", "..", "src", name)):
        if os.access(p, os.X_OK):
            return os.path.abspath(p)
    return "src/" + name


# Running programs

def spawn(argv, env, stdin=None, stdout=None, stderr=None):
    """posix_spawn ARGV; returns the pid.  STDIN is a file descriptor or
    a path opened for reading (os.devnull), STDOUT and STDERR file
    descriptors; None leaves this process's own."""
    actions = []
    if isinstance(stdin, str):
        actions.append((os.POSIX_SPAWN_OPEN, 0, stdin, os.O_RDONLY, 0))
    elif stdin is not None:
        actions.append((os.POSIX_SPAWN_DUP2, stdin, 0))
    if stdout is not None:
        actions.append((os.POSIX_SPAWN_DUP2, stdout, 1))
    if stderr is not None:
        actions.append((os.POSIX_SPAWN_DUP2, stderr, 2))
    return os.posix_spawn(argv[0], argv, env, file_actions=actions)


def reap(pid):
    """Wait for PID: its exit status (or -signal)."""
    _, status, _ = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status)


def time_run(argv, env, stdin=None, stdout=None):
    """One timed run of ARGV, from spawning the process to reaping it:
    (seconds, exit status)."""
    t0 = time.perf_counter()
    pid = spawn(argv, env, stdin=stdin, stdout=stdout)
    _, status, _ = os.wait4(pid, 0)
    return time.perf_counter() - t0, os.waitstatus_to_exitcode(status)


def run_hashed(argv, env, stdin=None, stderr=None, copy=None, trim=False):
    """Run ARGV once with its standard output hashed (and written to
    COPY, a binary file, if given): (exit status, sha256, length, sha256
    of all but the final byte if TRIM and that byte is a newline, else
    None)."""
    r, w = os.pipe()
    try:
        pid = spawn(argv, env, stdin=stdin, stdout=w, stderr=stderr)
    finally:
        os.close(w)
    h = hashlib.sha256()
    trimmed = hashlib.sha256() if trim else None  # all but the last byte
    last = b""
    n = 0
    with os.fdopen(r, "rb", buffering=0) as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                break
            h.update(b)
            if trimmed is not None:
                trimmed.update(last + b[:-1])
                last = b[-1:]
            n += len(b)
            if copy is not None:
                copy.write(b)
    status = reap(pid)
    return (status, h.hexdigest(), n,
            trimmed.hexdigest() if last == b"\n" else None)


# Peak RSS

RSS_CODE = ("import resource, sys; open(sys.argv[1], 'w').write('%d %s' % "
            "(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
            "sys.argv[2]))")


def rss_once(env, command, infile, pipe, resfile, stdin=None):
    """Peak RSS (KiB) of COMMAND (a shell line) in one run, or None.

    Linux keeps, across execve, the peak RSS of the process that called
    it, so a program spawned straight from this Python never reports less
    than Python's own RSS.  Instead a subshell of sh forks the program
    (the floor is then the subshell's small RSS), reaps it, and execs a
    Python that reads getrusage(RUSAGE_CHILDREN): the program's figure,
    written to RESFILE with its exit status.  With PIPE the program runs
    in `cat INFILE | COMMAND | cat > /dev/null`, else its output goes to
    /dev/null.  STDIN is the shell's (see spawn).
    """
    report = "s=$?; exec %s -c %s %s \"$s\"" % (
        shq(sys.executable), shq(RSS_CODE), shq(resfile))
    # As an element of a pipeline: sh forks it as a subshell with few
    # pages of its own, which lowers the floor.  The program's standard
    # input is unused in the /dev/null form (it reads the operand).
    if pipe:
        line = "cat %s | (%s; %s) | cat > /dev/null" % (shq(infile),
                                                       command, report)
    else:
        line = ": | (%s > /dev/null; %s)" % (command, report)
    try:
        os.unlink(resfile)
    except FileNotFoundError:
        pass
    reap(spawn(["/bin/sh", "-c", line], env, stdin=stdin))
    try:
        with open(resfile) as f:
            kib, status = f.read().split()
    except (OSError, ValueError):
        return None
    return int(kib) if status == "0" else None


# Timing and figures

def time_interleaved(progs, runs, run_one, droppable=lambda p: False):
    """RUNS rounds of one run of each of PROGS in turn, so that slow
    drifts of the machine hit them alike; run_one(p) -> (seconds, exit
    status).  Returns (times, failed): times {p.key: [seconds]} of the
    programs that never exited non-zero, failed [(p, status)] of those
    that did.  A droppable program that fails only leaves the runs; any
    other ends them at once, as the last entry of FAILED."""
    times = {p.key: [] for p in progs}
    failed = []
    for _ in range(runs):
        for p in progs:
            if p.key not in times:
                continue
            t, status = run_one(p)
            if status != 0:
                failed.append((p, status))
                del times[p.key]
                if droppable(p):
                    continue
                return times, failed
            times[p.key].append(t)
    return times, failed


def summary(vals):
    """{"median", "min", "max"} of VALS."""
    return {"median": statistics.median(vals), "min": min(vals),
            "max": max(vals)}


def fmt_num(v):
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def spread(r):
    """A summary's min-max, as text."""
    return "%s-%s" % (fmt_num(r["min"]), fmt_num(r["max"]))


def mib(kib):
    return "?" if kib is None else "%.2f MiB" % (kib / 1024)


def rss_cell(kib, floor, missing="?"):
    """KIB as MiB, marked * at or below FLOOR (the RSS of /bin/true run
    the same way); MISSING for None."""
    if kib is None:
        return missing
    return mib(kib) + ("*" if floor is not None and kib <= floor else "")


# Tables: HEAD the column titles, ROWS lists of cells, SECTIONS
# {row index: title} printed before that row.

def print_plain(head, rows, sections, right, notes=("FAILED",)):
    """Columns padded to their widths, those in RIGHT right-aligned.  A
    cell starting with one of NOTES ends its row and is not measured."""
    widths = [len(h) for h in head]
    for r in rows:
        for i, cell in enumerate(r):
            if not cell.startswith(notes):
                widths[i] = max(widths[i], len(cell))

    def line(cells):
        out = []
        for i, cell in enumerate(cells):
            if cell.startswith(notes):
                out.append(cell)
                break
            out.append(cell.rjust(widths[i]) if i in right
                       else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    print(line(head))
    for i, r in enumerate(rows):
        if i in sections:
            print("-- " + sections[i])
        print(line(r))


def print_markdown(head, rows, sections, right):
    """A markdown table, the columns in RIGHT right-aligned; short rows
    are filled with empty cells."""
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" if i in right else "---"
                         for i in range(len(head))) + "|")
    for i, r in enumerate(rows):
        if i in sections:
            print("| **" + sections[i] + "**" + " |" * len(head))
        cells = [c.replace("|", "\\|") for c in r]
        cells += [""] * (len(head) - len(cells))
        print("| " + " | ".join(cells) + " |")


# The machine

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


def cpu_line(model, before, after, seconds):
    """The header line on the CPU and the load of other processes."""
    return ("cpu: %s, %d CPUs; other processes kept %s CPUs busy on average "
            "during the run" % (model, os.cpu_count() or 0,
                                other_load(before, after, seconds)))


MBS_LINE = ("MB/s = MB (1e6 bytes) of input file per second of wall time; "
            "median and min-max over the runs.")
