#!/usr/bin/env python3
"""make-corpus-mail.py - write the seed corpora of the e-mail harnesses:
fuzz/corpus/mime, fuzz/corpus/qp, fuzz/corpus/ew, fuzz/corpus/tnef (TNEF
streams by tests/mail/make-tnef.py) and fuzz/corpus/mail.

Each seed is the harness's control bytes (see the comment at the top of
fuzz/fuzz_<target>.c) followed by its data: messages with every structure
the parser knows, quoted-printable edge cases, encoded-words and
Content-Disposition values with RFC 2231 names; for --list and --extract,
messages whose attachments take the names fuzz_mail.c puts in the
directory first, repeat names, nest, or name paths out of it, with the
faults the harness injects.  Deterministic; files named regress-*, todo-*
or ext-* (messages from other projects, fuzz/README) are left alone.

    python3 fuzz/make-corpus-mail.py [CORPUS_DIR]
"""
import base64
import os
import struct
import subprocess
import sys
import tempfile

SEED = struct.pack("<I", 2045)

MIXED = (b"From: a@b\nMIME-Version: 1.0\n"
         b"Content-Type: multipart/mixed; boundary=\"XX\"\n\npreamble\n"
         b"--XX\nContent-Type: text/plain\n\nhello\n"
         b"--XX\nContent-Type: application/pdf; name=\"../x.pdf\"\n"
         b"Content-Transfer-Encoding: base64\n\nSGVsbG8g\nd29ybGQ=\n"
         b"--XX\nContent-Type: multipart/alternative; boundary=\"XX-a\"\n\n"
         b"--XX-a\nContent-Type: text/plain\n"
         b"Content-Transfer-Encoding: quoted-printable\n\n"
         b"soft=\nbreak =3D  \n--XX-a\nContent-Type: text/html\n\n<p>\n"
         b"--XX-a--\n--XX\nContent-Type: message/rfc822\n\n"
         b"Subject: in\nContent-Type: multipart/mixed; boundary=in\n\n"
         b"--in\nContent-Disposition: attachment; "
         b"filename*0*=utf-8''%E2%82%AC; filename*1=\" r.txt\"\n\n"
         b"inner\n--in--\n--XX--\nepilogue\n")

MIME = {
    "mixed-nested": MIXED,
    "mixed-crlf": MIXED.replace(b"\n", b"\r\n"),
    "truncated": b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\n"
                 b"one\n--b\n\ntwo\n",
    "no-boundary-param": b"Content-Type: multipart/mixed\n\n--b\nx\n",
    "boundary-never": b"Content-Type: multipart/mixed; boundary=b\n\nx\n",
    "bad-base64": b"Content-Transfer-Encoding: base64\n\nSGVs\nb=G8g\n"
                  b"d29y\nQ\n",
    "digest": b"Content-Type: multipart/digest; boundary=d\n\n--d\n\n"
               b"Subject: m1\n\nfirst\n--d\nContent-Type: text/plain\n\n"
               b"plain\n--d--\n",
    "mbox": b"From a Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From x\n\n"
            b"From b Mon Jan  1 00:00:00 2024\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed; boundary=q\n\n--q\n\nA\n"
            b"--q--\n\nFrom c\n\nlast\n",
    "prefix-boundaries": b"Content-Type: multipart/mixed; boundary=b\n\n"
                         b"--b\nContent-Type: multipart/mixed; "
                         b"boundary=b-\n\n--b-\n\ninner\n--b---\n--b\n\n"
                         b"outer\n--b--\n",
    "not-a-message": b"just some text\n",
    "plain": b"Subject: hi\n\nbody\n",
    "raw-encoding": b"Content-Transfer-Encoding: x-gzip64\n\nbegin\n",
    # uuencode (src/mime/uu.h): a part that is one, blocks in a text.
    "uu-part": b"Content-Type: application/octet-stream; name=a.bin\n"
               b"Content-Transfer-Encoding: x-uuencode\n\n"
               b"begin 644 b.bin\n#86)C\n`\nend\n",
    "uu-in-text": b"Subject: files\n\nhello\nbegin 644 a.txt\n"
                  b"&:&5L;&\\*\n \nend\nbetween\nbegin-base64 600 b\n"
                  b"aGk=\n====\nbegin 644 cut\nM\n",
    "folded-name": b"Content-Type: application/pdf;\n name=\"a\n b.pdf\"\n\n"
                   b"x\n",
    "long-line": b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\n" +
                 b"x" * 1500 + b"\r\n--b--\r\n",
    "rfc822-top": b"Content-Type: message/rfc822\n\nSubject: x\n\ninside\n",
}

QP = {
    "soft-breaks": b"soft=\nbreak=\r\nend= \t\r\n",
    "escapes": b"=C3=A9=c3=a9 =ZZ =4 =4g =",
    "trailing-blanks": b"a  \t\nb \r\nc\r \r\nd  ",
    "bare-cr": b"a\rb \rc=\rd",
    "blank-run": b"x" + b" " * 300 + b"\ny",
}

EW = {
    "b-word": b"\x00Subject: =?utf-8?B?4oKsIHJlcG9ydA==?=",
    "q-joined": b"\x00=?utf-8?q?a?= =?utf-8?B?4oI=?= =?utf-8?B?rA==?= x",
    "bad-words": b"\x00=?utf-8?X?a?= =?utf-8?B?a*b?= =?nope?q?a?= "
                 b"=?utf-8?q?=FF?=",
    "lenient-quoted": b"\x01\"=?utf-8?q?a=FFb?=\" (=?iso-8859-1?q?=E9?=)",
    "glued": b"\x00abc=?utf-8?q?x?=def =?utf-8?q?abc",
    "name-mode": b"\x02report=?utf-8?q?=E2=82=AC?=.pdf",
    "param-2231": b"\x06attachment; filename*0*=iso-8859-1'fr'%E9t%E9; "
                  b"filename*2=x; filename*1=\".txt\"",
    "param-traversal": b"\x04attachment; filename=\"..\\\\..\\\\C:\\\\w.ini\"",
    "param-controls": b"\x04a; filename=\"\t\x01\x7f\xc2\x85.. -x\"",
}


# fuzz_mail.c's byte 0: options, O_TMPFILE refused, the fault (bits 5-7).
LIST, ALL, STRICT, NUL, NOTMP = 1, 2, 4, 8, 16
SHORT, WRITE, FSYNC, CLOSE, LINK, CREATE, OUTPUT = (k << 5 for k in
                                                    range(1, 8))


def multipart(parts, boundary=b"b", kind=b"mixed"):
    """A multipart body (with its Content-Type field) of PARTS, each a
    (header fields, body) pair."""
    out = b"Content-Type: multipart/" + kind + b"; boundary=\"" + \
        boundary + b"\"\n\n"
    for head, body in parts:
        out += b"--" + boundary + b"\n" + head + b"\n" + body + b"\n"
    return out + b"--" + boundary + b"--\n"


def attach(name, body=b"data\n", b64=False, ctype=b"application/pdf"):
    """An attachment part named NAME (a filename parameter as written)."""
    head = (b"Content-Type: " + ctype + b"\n"
            b"Content-Disposition: attachment; filename=" + name + b"\n")
    if b64:
        head += b"Content-Transfer-Encoding: base64\n"
        body = base64.encodebytes(body)
    return (head, body)


TOP = b"From: a@b\nSubject: files\nMIME-Version: 1.0\n"

# The names x/ holds before every run (fuzz_mail.c), taken again.
COLLIDE = TOP + multipart([
    attach(b"report.pdf", b"new report\n"),
    attach(b"invoice.pdf", b"%PDF-1.4 invoice", b64=True),
    attach(b"notes.txt", b"through a dangling link?\n",
           ctype=b"text/plain"),
    attach(b"docs", b"not a directory\n"),
    attach(b"report.pdf", b"newer report\n"),
    attach(b"report-3.pdf", b"a name numbering gives too\n"),
    attach(b"\"part-1.txt\"", b"kept? no: numbered\n"),
])

DUPLICATES = TOP + multipart([
    attach(b"same.bin", bytes(range(40)), b64=True),
    attach(b"same.bin", b"two\n"),
    attach(b"same-2.bin", b"literally the second's name\n"),
    attach(b"same.bin", b"four\n"),
    attach(b"SAME.bin", b"case differs\n"),
    (b"Content-Type: application/octet-stream; name=\"same.bin\"\n", b"6\n"),
])

NESTED = TOP + multipart([
    (b"Content-Type: text/plain\n", b"body text\n"),
    (multipart([
        (b"Content-Type: text/plain\n", b"alt text\n"),
        (multipart([
            attach(b"inner.png", b"\x89PNG....", b64=True,
                   ctype=b"image/png"),
            attach(b"report.pdf", b"deep report\n"),
        ], b"c", b"related")[:-1], b""),
    ], b"b-alt", b"alternative")[:-1], b""),
    (b"Content-Type: message/rfc822\n",
     b"Subject: forwarded\nMIME-Version: 1.0\n" + multipart([
         attach(b"report.pdf", b"forwarded report\n"),
         attach(b"fwd.txt", b"forwarded text\n", ctype=b"text/plain"),
     ], b"fwd")),
])

TRAVERSAL = TOP + multipart([
    attach(b"\"../outside/target\"", b"over the target?\n"),
    attach(b"\"..\\..\\outside\\absent\"", b"through the link?\n"),
    attach(b"/etc/passwd", b"root:x:0:0\n"),
    attach(b"\"....\"", b"dots only\n"),
    attach(b"\"..\"", b"dot dot\n"),
    attach(b".base64-AAAAAA", b"a temporary's name\n"),
    attach(b"\"a/../../b\"", b"b\n"),
    (b"Content-Type: application/octet-stream\n"
     b"Content-Disposition: attachment;\n"
     b" filename*=utf-8''..%2F..%2Foutside%2Ftarget\n", b"2231\n"),
    (b"Content-Type: application/octet-stream;\n"
     b" name=\"=?utf-8?q?=2E=2E=2Finvoice=2Epdf?=\"\n", b"2047\n"),
    attach(b"\"-rf \t\x01notes.txt\"", b"controls, dashes\n"),
])

NAMELESS = TOP + multipart([
    (b"Content-Type: text/plain\n", b"part one: part-1.txt is taken\n"),
    (b"Content-Type: text/html\n", b"<p>two</p>\n"),
    (b"Content-Type: application/pdf\n"
     b"Content-Transfer-Encoding: base64\n", b"JVBERi0xLjQK\n"),
    (b"Content-Type: image/gif\n", b"GIF89a"),
])

DAMAGED = TOP + multipart([
    attach(b"good.bin", b"whole\n", b64=True),
    (b"Content-Type: application/pdf\n"
     b"Content-Disposition: attachment; filename=report.pdf\n"
     b"Content-Transfer-Encoding: base64\n", b"SGVs*bG8g\nd29y=bGQ=\n"),
    attach(b"after.bin", b"after the damage\n"),
])

TRUNCATED = (TOP + b"Content-Type: multipart/mixed; boundary=t\n\n--t\n" +
             b"Content-Disposition: attachment; filename=whole.txt\n\n"
             b"whole\n--t\n"
             b"Content-Disposition: attachment; filename=cut.txt\n"
             b"Content-Transfer-Encoding: base64\n\nY3V0IG9m")

MBOX = (b"From a Mon Jan  1 00:00:00 2024\n" + TOP +
        multipart([attach(b"report.pdf", b"first message\n")], b"m1") +
        b"\nFrom b Mon Jan  1 00:00:00 2024\n" + TOP +
        multipart([attach(b"report.pdf", b"second message\n"),
                   attach(b"invoice.pdf", b"second invoice\n")], b"m2"))


def fragment(number, total, body, fid=b"p1"):
    """An mbox message that is message/partial fragment NUMBER."""
    return (b"From a Mon Jan  1 00:00:00 2024\nMIME-Version: 1.0\n"
            b"Content-Type: message/partial; id=\"" + fid +
            b"\"; number=" + str(number).encode() +
            (b"; total=" + str(total).encode() if total else b"") +
            b"\n\n" + body + b"\n")


# message/partial (RFC 2046 5.2.2): the whole message cut in three, the
# fragments out of order around another message; a group missing one.
WHOLE = TOP + multipart([attach(b"report.pdf", b"joined\n"),
                         attach(b"joined.bin", b"j" * 200, b64=True)], b"w")
CUTS = [k + 1 for k, c in enumerate(WHOLE) if c == 10]
CUT1, CUT2 = CUTS[len(CUTS) // 3], CUTS[2 * len(CUTS) // 3]
PARTIAL = (fragment(2, 0, WHOLE[CUT1:CUT2]) + MBOX + b"\n" +
           fragment(1, 0, WHOLE[:CUT1]) + fragment(3, 3, WHOLE[CUT2:]) +
           fragment(1, 2, b"Subject: lost\n\nfirst half", b"p2"))

ESCAPES = TOP + multipart([
    attach(b"\"tab\there\"", b"1\n"),
    attach(b"\"back\\slash.txt\"", b"2\n"),
    (b"Content-Type: text/plain; name=\"=?utf-8?q?new=0Aline=C2=85?=\"\n",
     b"3\n"),
])

BIG = TOP + multipart([
    attach(b"big.bin", bytes((k * 7) & 255 for k in range(2400)), b64=True),
    attach(b"small.txt", b"after the big one\n"),
    attach(b"report.pdf", b"x" * 300),
])

UU = (b"Subject: files\n\nbegin 644 one.bin\n#86)C\n`\nend\n"
      b"begin-base64 644 two.bin\naGVsbG8K\n====\n"
      b"begin 644 bad.bin\n#8\x7f)C\n`\nend\nbegin 644 open.bin\n#86)C\n")

TNEF_TOP = (b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
            b"--b\nContent-Type: application/ms-tnef\n"
            b"Content-Disposition: attachment; filename=winmail.dat\n"
            b"Content-Transfer-Encoding: binary\n\n")

MAIL = {
    # (byte 0, B1, B2, message)
    "uuencode": (0, 0, 0, UU),
    "uuencode-list-strict": (LIST | STRICT, 0, 0, UU),
    "collide": (0, 0, 0, COLLIDE),
    "collide-list": (LIST, 0, 0, COLLIDE),
    "collide-no-tmpfile": (NOTMP, 0, 0, COLLIDE),
    "duplicates": (NUL, 0, 0, DUPLICATES),
    "duplicates-list": (LIST | ALL, 0, 0, DUPLICATES),
    "nested": (0, 0, 0, NESTED),
    "nested-all-list": (LIST | ALL, 0, 0, NESTED),
    "traversal": (0, 0, 0, TRAVERSAL),
    "traversal-no-tmpfile": (NOTMP | NUL, 0, 0, TRAVERSAL),
    "nameless-all": (ALL, 0, 0, NAMELESS),
    "damaged": (0, 0, 0, DAMAGED),
    "damaged-strict": (STRICT, 0, 0, DAMAGED),
    "damaged-strict-list": (LIST | STRICT, 0, 0, DAMAGED),
    "truncated": (ALL, 0, 0, TRUNCATED),
    "mbox": (0, 0, 0, MBOX),
    "partial": (0, 0, 0, PARTIAL),
    "partial-list": (LIST, 0, 0, PARTIAL),
    "partial-fault-create": (CREATE, 1, 0, PARTIAL),
    "escapes-list": (LIST, 0, 0, ESCAPES),
    "escapes": (0, 0, 0, ESCAPES),
    "short-writes": (SHORT | NUL, 0, 0, BIG),
    "fault-write-first": (WRITE, 0, 0, BIG),
    "fault-write-mid": (WRITE | NOTMP, 0, 9, BIG),
    "fault-fsync": (FSYNC, 1, 0, BIG),
    "fault-fsync-no-tmpfile": (FSYNC | NOTMP, 2, 0, COLLIDE),
    "fault-close": (CLOSE, 1, 0, COLLIDE),
    "fault-close-no-tmpfile": (CLOSE | NOTMP, 0, 0, COLLIDE),
    "fault-link": (LINK, 2, 0, COLLIDE),
    "fault-link-no-tmpfile": (LINK | NOTMP, 1, 0, DUPLICATES),
    "fault-create": (CREATE, 2, 0, DUPLICATES),
    "fault-create-no-tmpfile": (CREATE | NOTMP, 0, 0, BIG),
    "fault-output": (OUTPUT, 0, 5, DUPLICATES),
    "fault-output-list": (LIST | OUTPUT, 0, 9, NESTED),
}


def tnef(*specs, options=()):
    """A TNEF stream from tests/mail/make-tnef.py (its SPECs, with data
    files written here)."""
    here = os.path.dirname(os.path.abspath(__file__))
    tool = os.path.join(here, "..", "tests", "mail", "make-tnef.py")
    with tempfile.TemporaryDirectory() as d:
        args = []
        for k, (title, long_name, data, flags) in enumerate(specs):
            path = os.path.join(d, "data%d" % k)
            with open(path, "wb") as f:
                f.write(data)
            args.append("|".join((title, long_name, path, flags)))
        out = os.path.join(d, "out")
        subprocess.run([sys.executable, tool, out, *options, *args],
                       check=True)
        with open(out, "rb") as f:
            return f.read()


def tnef_seeds():
    two = (("A.TXT", "", b"first file\n", ""),
           ("LONGNA~1.BIN", "long name.bin", bytes(range(256)), ""))
    return {
        "two-files": tnef(*two),
        "name-after-data": tnef(("EMPTY", "", b"", "a"),
                                ("B.TXT", "", b"b\n", "a")),
        "data-object": tnef(("", "obj.doc", b"\xd0\xcf\x11\xe0" * 8, "o")),
        "bad-checksum": tnef(("C.TXT", "", b"c\n", "c")),
        "cut": tnef(*two, options=("--cut", "100")),
    }


def write(corpus, target, seeds, prefix=b""):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    for name in os.listdir(d):
        if not name.startswith(("regress-", "todo-", "ext-")):
            os.unlink(os.path.join(d, name))
    for name, data in sorted(seeds.items()):
        with open(os.path.join(d, name), "wb") as f:
            f.write(prefix + data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here,
                                                                "corpus")
    write(corpus, "mime", MIME, SEED)
    write(corpus, "qp", QP, SEED)
    write(corpus, "ew", EW)
    tnefs = tnef_seeds()
    write(corpus, "tnef", tnefs, SEED)
    write(corpus, "mail", {name: bytes([c, b1, b2]) + msg
                           for name, (c, b1, b2, msg) in MAIL.items()})
    # A TNEF stream as a binary part, where mutations reach the reader.
    for name, data in (("tnef-binary", tnefs["two-files"]),
                       ("tnef-name-after-data", tnefs["name-after-data"])):
        with open(os.path.join(corpus, "mail", name), "wb") as f:
            f.write(bytes([0, 0, 0]) + TNEF_TOP + data + b"\n--b--\n")


if __name__ == "__main__":
    main()
