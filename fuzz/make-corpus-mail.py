#!/usr/bin/env python3
"""make-corpus-mail.py - write the seed corpora of the e-mail harnesses:
fuzz/corpus/mime, fuzz/corpus/qp and fuzz/corpus/ew (issue 10).

Each seed is the harness's control bytes (see the comment at the top of
fuzz/fuzz_<target>.c) followed by its data: messages with every structure
the parser knows, quoted-printable edge cases, encoded-words and
Content-Disposition values with RFC 2231 names.  Deterministic; files
named regress-* or todo-* are left alone.

    python3 fuzz/make-corpus-mail.py [CORPUS_DIR]
"""
import os
import struct
import sys

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
    "raw-encoding": b"Content-Transfer-Encoding: x-uuencode\n\nbegin\n",
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


def write(corpus, target, seeds, prefix=b""):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    for name in os.listdir(d):
        if not name.startswith(("regress-", "todo-")):
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


if __name__ == "__main__":
    main()
