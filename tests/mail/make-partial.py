#!/usr/bin/env python3
"""make-partial.py - split a message into message/partial fragments
(RFC 2046 5.2.2) for the tests.

    make-partial.py WHOLE N OUT-PREFIX [--id ID] [--total every|last|none]
                    [--crlf]

WHOLE is the message to split; it is cut at line boundaries into N
bodies of about equal size.  Fragment K (1-based) goes to OUT-PREFIX.K:
its own header block (From, Subject, Message-ID, MIME-Version and the
message/partial Content-Type with id, number and, as --total says, total
on every fragment, on the last one only (as RFC 2046 shows), or on none),
a blank line, then the body.  The enclosed message's header block is the
start of fragment 1's body, as RFC 2046 5.2.2.1 places it.  --crlf writes
every line end as CR LF.
"""
import sys


def main():
    args = sys.argv[1:]
    opts = {"--id": "frag@example.org", "--total": "last"}
    crlf = "--crlf" in args
    args = [a for a in args if a != "--crlf"]
    for k in ("--id", "--total"):
        if k in args:
            i = args.index(k)
            opts[k] = args[i + 1]
            del args[i:i + 2]
    whole, n, prefix = args[0], int(args[1]), args[2]
    with open(whole, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    size = sum(len(x) for x in lines)
    bodies, cur, got = [], [], 0
    for line in lines:
        cur.append(line)
        got += len(line)
        if len(bodies) < n - 1 and got >= size * (len(bodies) + 1) / n:
            bodies.append(b"".join(cur))
            cur = []
    bodies.append(b"".join(cur))
    while len(bodies) < n:
        bodies.append(b"")
    eol = b"\r\n" if crlf else b"\n"
    for k, body in enumerate(bodies, 1):
        total = ""
        if opts["--total"] == "every" or (opts["--total"] == "last" and
                                          k == n):
            total = "; total=%d" % n
        head = ("From: sender@example.org\nSubject: split (%d/%d)\n"
                "Message-ID: <part%d.%s>\nMIME-Version: 1.0\n"
                "Content-Type: message/partial; id=\"%s\"; number=%d%s\n"
                "\n" % (k, n, k, opts["--id"], opts["--id"], k, total))
        data = head.encode() + body
        if crlf:
            data = b"".join(x.rstrip(b"\r\n") + eol
                            for x in data.splitlines(keepends=True))
        with open("%s.%d" % (prefix, k), "wb") as f:
            f.write(data)


main()
