#!/usr/bin/env python3
"""bench_mail.py - extracting one big base64 attachment from a message
(base64 --extract) against decoding the same body alone (base64 -d
--mime), interleaved runs, medians (the aim: extraction at no less than
80 % of the speed of the bare decode).

  python3 tests/bench/bench_mail.py [--ours src/base64] [--size 100M]
      [--runs 7] [--tmpdir DIR]
"""
import argparse
import base64
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    if text[-1].upper() in units:
        return int(text[:-1]) * units[text[-1].upper()]
    return int(text)


def make_message(tmp, size):
    """A multipart message with one attachment of SIZE random bytes (CRLF
    lines, as mail has them), and the attachment's body alone."""
    data = os.urandom(size)
    body = base64.encodebytes(data).replace(b"\n", b"\r\n")
    head = (b"From: a@example.org\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            b"--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            b"--b\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Disposition: attachment; filename=\"big.bin\"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n")
    msg = os.path.join(tmp, "msg.eml")
    with open(msg, "wb") as f:
        f.write(head + body + b"--b--\r\n")
    part = os.path.join(tmp, "body.b64")
    with open(part, "wb") as f:
        f.write(body)
    return msg, part, data


def timed(argv, cwd, outfile=None):
    """Seconds for ARGV; its stdout to OUTFILE (a file written, as
    --extract writes one) or /dev/null."""
    out = open(outfile, "wb") if outfile else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, check=True, stdout=out)
        return time.perf_counter() - start
    finally:
        if outfile:
            out.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", default="src/base64")
    ap.add_argument("--size", default="100M")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--tmpdir", default=None)
    opts = ap.parse_args()
    ours = os.path.abspath(opts.ours)
    size = parse_size(opts.size)
    tmp = tempfile.mkdtemp(prefix="sextet-bench-mail.", dir=opts.tmpdir)
    try:
        msg, part, data = make_message(tmp, size)
        ext, dec = [], []
        for _ in range(opts.runs):
            out = os.path.join(tmp, "out")
            os.mkdir(out)
            ext.append(timed([ours, "--extract=out", msg], tmp))
            with open(os.path.join(out, "big.bin"), "rb") as f:
                if f.read() != data:
                    sys.exit("bench_mail.py: --extract wrote wrong data")
            shutil.rmtree(out)
            dec.append(timed([ours, "-d", "--mime", part], tmp,
                             os.path.join(tmp, "dec.bin")))
        te, td = statistics.median(ext), statistics.median(dec)
        mb = size / 1e6
        print("attachment of %d MiB, %d interleaved runs, medians"
              % (size >> 20, opts.runs))
        print("  base64 --extract        %8.1f MB/s" % (mb / te))
        print("  base64 -d --mime (body) %8.1f MB/s" % (mb / td))
        print("  extract / decode        %8.0f %%  (target >= 80 %%)"
              % (100 * td / te))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
