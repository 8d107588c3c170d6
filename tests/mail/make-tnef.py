#!/usr/bin/env python3
"""make-tnef.py - write a TNEF stream (winmail.dat) for the tests.

    make-tnef.py OUT [--cut N] [--bad-signature] SPEC...

Each SPEC is one attachment, "TITLE|LONG|DATA|FLAGS":
  TITLE  attAttachTitle (an 8.3 name, cp1252), empty: none;
  LONG   PR_ATTACH_LONG_FILENAME in attAttachment (UTF-16LE), empty: none;
  DATA   a file whose bytes are attAttachData ('-': no data attribute);
  FLAGS  'a': the title after the data (as some writers order them);
         'o': the data as PR_ATTACH_DATA_OBJ in attAttachment instead of
              attAttachData;
         'c': a wrong checksum on the data attribute;
         'm': an embedded message as Outlook writes one: DATA as
              PR_ATTACH_DATA_OBJ in attAttachment, and attAttachData
              holding a stand-in text (STANDIN, or the file $STANDIN).
--cut N keeps the first N bytes only; --bad-signature writes a wrong one.
The layout is MS-OXTNEF's: signature, key, then attributes of level,
id, length, data and a 16-bit sum of the data bytes.
"""
import os
import struct
import sys

OEM_CODEPAGE = 0x00069007
RENDDATA = 0x00069002
TITLE = 0x00018010
DATA = 0x0006800F
ATTACHMENT = 0x00069005
STANDIN = (b"This attachment is a MAPI 1.0 embedded message and is not "
           b"supported by this mail system.")


def attribute(level, aid, data, bad_sum=False):
    total = sum(data) & 0xFFFF
    if bad_sum:
        total ^= 1
    return struct.pack("<BII", level, aid, len(data)) + data + \
        struct.pack("<H", total)


def padded(b):
    return b + b"\0" * (-len(b) % 4)


def props(long_name, obj):
    out = []
    if long_name:
        v = (long_name + "\0").encode("utf-16-le")
        out.append(struct.pack("<HHII", 0x001F, 0x3707, 1, len(v)) +
                   padded(v))
    if obj is not None:
        v = b"\x0b\x03\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00" \
            b"\x00\x46" + obj
        out.append(struct.pack("<HHII", 0x000D, 0x3701, 1, len(v)) +
                   padded(v))
    return struct.pack("<I", len(out)) + b"".join(out)


def main(argv):
    out, args = argv[1], argv[2:]
    cut = None
    signature = 0x223E9F78
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--cut":
            cut = int(args.pop(0))
        elif opt == "--bad-signature":
            signature = 0x12345678
        else:
            sys.exit("make-tnef.py: unknown option " + opt)
    s = struct.pack("<IH", signature, 0x1234)
    s += attribute(1, OEM_CODEPAGE, struct.pack("<II", 1252, 0))
    for spec in args:
        title, long_name, path, flags = spec.split("|")
        data = None if path == "-" else open(path, "rb").read()
        s += attribute(2, RENDDATA, b"\0" * 14)
        t = attribute(2, TITLE, title.encode("cp1252") + b"\0") \
            if title else b""
        if "a" not in flags:
            s += t
        if "m" in flags:
            standin = open(os.environ["STANDIN"], "rb").read() \
                if "STANDIN" in os.environ else STANDIN
            s += attribute(2, DATA, standin)
        elif data is not None and "o" not in flags:
            s += attribute(2, DATA, data, "c" in flags)
        if "a" in flags:
            s += t
        if long_name or "o" in flags or "m" in flags:
            s += attribute(2, ATTACHMENT,
                           props(long_name, data if "o" in flags or
                                 "m" in flags else None))
    if cut is not None:
        s = s[:cut]
    with open(out, "wb") as f:
        f.write(s)


if __name__ == "__main__":
    main(sys.argv)
