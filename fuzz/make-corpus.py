#!/usr/bin/env python3
"""make-corpus.py - write the seed corpus fuzz/corpus/<target>/.

Each seed is the control bytes a harness reads first (see the comment at
the top of fuzz/fuzz_<target>.c) followed by its data: RFC 4648 section 10
vectors, the examples of SPEC sections 1 and 2, mail-style CRLF lines,
long valid runs for the SIMD loops, and garbage.  Deterministic: rerun it
after changing a harness's control bytes, then commit the result.  Files
named regress-* (findings) are left alone.

    python3 fuzz/make-corpus.py [CORPUS_DIR]
"""
import base64
import os
import random
import struct
import sys

rng = random.Random(4648)

# Flags as the harnesses' control bytes spell them (fz_dec_flags).
URL, NOPAD, STRICT, LENIENT, GARBAGE, CRLF = 1, 2, 4, 8, 16, 32


def b64(data, url=False, pad=True, wrap=0, crlf=False):
    s = base64.urlsafe_b64encode(data) if url else base64.b64encode(data)
    if not pad:
        s = s.rstrip(b"=")
    if wrap:
        nl = b"\r\n" if crlf else b"\n"
        s = b"".join(s[i:i + wrap] + nl for i in range(0, len(s), wrap))
    return s


def rand_bytes(n):
    return bytes(rng.randrange(256) for _ in range(n))


def seed4():
    return struct.pack("<I", rng.randrange(1 << 32))


RFC = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"]
MAIL = b64(rand_bytes(120), wrap=76, crlf=True)
LONG = b64(rand_bytes(600))

# (name, text, decoder flags): valid, invalid and garbage texts.
TEXTS = [
    ("rfc-empty", b"", 0),
    ("rfc-f", b"Zg==", 0),
    ("rfc-fo", b"Zm8=", STRICT),
    ("rfc-foobar", b"Zm9vYmFy", STRICT),
    ("rfc-fooba-lf", b"Zm9v\nYmE=\n", 0),
    ("rfc-foob-nopad", b"Zm9vYg", STRICT | NOPAD),
    ("spec-pad-split", b"Zg=\n=", 0),
    ("spec-concat", b"Zm8=Zm8=", 0),
    ("spec-concat-strict", b"YQ==YQ==", STRICT),
    ("spec-autopad", b"aQ", 0),
    ("spec-partial-pad", b"Zz=", 0),
    ("spec-partial-pad2", b"MTIzNA=\n", 0),
    ("spec-extra-pad", b"Zm9v====", 0),
    ("spec-extra-pad-lenient", b"Zm9v====", LENIENT),
    ("spec-lenient-partial", b"Zg=", LENIENT),
    ("spec-noncanonical", b"Zm9vCh==", 0),
    ("spec-noncanonical2", b"SB==", STRICT),
    ("spec-lone-char", b"Zm9vY", 0),
    ("spec-pad-first", b"=Zm9v", LENIENT),
    ("spec-pad-nopad-strict", b"Zg==", STRICT | NOPAD),
    ("mail-crlf-strict", MAIL, STRICT | CRLF),
    ("mail-crlf-gnu", MAIL, 0),
    ("mail-crlf-lenient", MAIL + b" \t\f\v", LENIENT),
    ("mail-bare-lf", MAIL.replace(b"\r\n", b"\n", 1), STRICT | CRLF),
    ("garbage-star", b"Zm9v*YmFy\n", 0),
    ("garbage-skipped", b"Zm9v*Ym Fy\x00\xff", GARBAGE),
    ("garbage-utf16", "Zm9v".encode("utf-16"), 0),
    ("garbage-bom", b"\xef\xbb\xbfZm9v", LENIENT),
    ("url-in-std", b"-_-_" + b"Zm9v", 0),
    ("std-in-url", b"+/+/", URL),
    ("url-valid", b64(b"\xfb\xff\xfe", url=True), URL | STRICT),
    ("long-valid", LONG, 0),
    ("long-bad-tail", LONG[:-5] + b"*" + LONG[-4:], 0),
    ("long-wrapped", b64(rand_bytes(300), wrap=64), STRICT),
]


def impls_flags(flags, k):
    """fuzz_impls' byte 0 for a text meant for decoder FLAGS: its alphabet,
    padding and line end, and its mode (bits 2-4: GNU, GNU -i, strict,
    lenient, lenient -i); a text for plain GNU takes the K-th mode."""
    if flags & STRICT:
        mode = 2
    elif flags & LENIENT:
        mode = 4 if flags & GARBAGE else 3
    elif flags & GARBAGE:
        mode = 1
    else:
        mode = k % 5
    return flags & (URL | NOPAD | CRLF) | mode << 2


def write(d, name, blob):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(blob)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "corpus")
    for t in ("decode", "roundtrip", "split", "impls", "offlen", "cli"):
        d = os.path.join(root, t)
        if os.path.isdir(d):
            for f in os.listdir(d):
                if not f.startswith("regress-"):
                    os.remove(os.path.join(d, f))

    # decode: flags, implementation, seed, text.
    for k, (name, text, flags) in enumerate(TEXTS):
        write(os.path.join(root, "decode"), name,
              bytes([flags, k]) + seed4() + text)
    write(os.path.join(root, "decode"), "refused-strict-lenient",
          bytes([64, 0]) + seed4() + b"Zm9v")

    # roundtrip: flags (URL, NOPAD, CRLF) for all parts, width (0: no line
    # breaks), data.  The RFC vectors go through the eight flag sets.
    rt = os.path.join(root, "roundtrip")
    for k, data in enumerate(RFC):
        write(rt, "rfc-%d" % k,
              bytes([(0, URL, NOPAD, CRLF, URL | NOPAD, URL | CRLF,
                      NOPAD | CRLF, URL | NOPAD | CRLF)[k],
                     (0, 76, 4, 1)[k % 4]]) + data)
    write(rt, "binary-100-w76", bytes([0, 76]) + rand_bytes(100))
    write(rt, "binary-40-w1-crlf", bytes([CRLF, 1]) + rand_bytes(40))
    write(rt, "binary-57-w4", bytes([URL | NOPAD, 4]) + rand_bytes(57))
    for name, text, flags in TEXTS:
        if name in ("rfc-foobar", "rfc-foob-nopad", "mail-crlf-strict",
                    "url-valid", "spec-concat", "long-wrapped",
                    "spec-extra-pad"):
            write(rt, "text-" + name,
                  bytes([flags & (URL | NOPAD | CRLF), 19]) + text)

    # split: decoder flags, implementation, encoder flags, width, seed.
    sp = os.path.join(root, "split")
    for k, (name, text, flags) in enumerate(TEXTS):
        if k % 2 == 0 or name.startswith(("mail", "long")):
            write(sp, name, bytes([flags, k, k & (URL | NOPAD | CRLF),
                                   (0, 76, 1, 5, 64)[k % 5]]) + seed4() + text)

    # impls: flags and decoding mode (impls_flags), width, how (0 as is,
    # 1 encoded, 2 encoded and wrapped; bits 2-5 edits), implementation
    # (k: each seed another one), seed.
    im = os.path.join(root, "impls")
    for k, (name, text, flags) in enumerate(TEXTS):
        if name.startswith(("long", "mail", "garbage", "url", "spec-concat",
                            "rfc-foobar")):
            write(im, "text-" + name,
                  bytes([impls_flags(flags, k), 76, 0, k]) + seed4() + text)
    for k, n in enumerate((31, 48, 95, 96, 191, 250, 700, 1500)):
        how = 1 + k % 2 | ((k * 3) % 16) << 2
        write(im, "synth-%d" % n,
              bytes([(0, CRLF, NOPAD)[k % 3] | k % 5 << 2 | (k & 4) << 4,
                     (0, 76, 64, 5)[k % 4], how, k]) +
              seed4() + rand_bytes(n))

    # offlen: decoder flags, implementation, encoder flags, width, source,
    # offset, length, split, shortfall, 24 helper bytes, data.
    of = os.path.join(root, "offlen")
    helpers = [
        struct.pack("<QQB", 0, 0, 0),
        struct.pack("<QQB", 1 | 0xfffc, 2 | 76 << 2, NOPAD),
        struct.pack("<QQB", 3, 1, CRLF),
        struct.pack("<QQB", 2 | 5 << 2, 2 | 1 << 2, 0),
        struct.pack("<QQB", (1 << 64) - 1, (1 << 64) - 1, CRLF | NOPAD),
    ]
    for k, (name, text, flags) in enumerate(TEXTS):
        if k % 3 == 0 or name.startswith("long"):
            ctl = bytes([flags, k, k & (URL | NOPAD | CRLF),
                         (0, 76, 3)[k % 3], k & 1])
            ctl += struct.pack("<HHHB", k % 3, 0xffff, len(text) // 2, k)
            write(of, name, ctl + helpers[k % 5] + text)
    for k, n in enumerate((1, 2, 3, 47, 48, 49, 100, 1000)):
        ctl = bytes([k & 3, k, k & 3, (0, 76, 1)[k % 3], 1])
        ctl += struct.pack("<HHHB", k, n, n // 3, k)
        write(of, "synth-%d" % n, ctl + helpers[k % 5] + rand_bytes(n))

    # cli: op/options, spellings, -w value, implementation, seed, faults,
    # read sizes, fault position, input.
    cl = os.path.join(root, "cli")

    def cli(name, c0, c1, w, faults, rmode, where, data, impl=0):
        write(cl, name, bytes([c0, c1, w, impl]) + seed4() +
              bytes([faults, rmode]) + struct.pack("<H", where) + data)

    D = 1
    MODE = {"gnu": 0, "i": 1, "strict": 2, "lenient": 3, "lenient-i": 4,
            "mime": 5}
    text = b"The quick brown fox jumps over the lazy dog.\n" * 3
    cli("enc-default", 0, 0, 0, 0, 0, 0, text)
    cli("enc-w0-eintr", 0, 1 << 3, 0, 0x05, 0, 0, text)
    cli("enc-w5-short-writes", 0, 2 << 3, 5, 0x1a, 100, 0, text)
    cli("enc-url-nopad-abbrev", 32 | 64, 1 | 3 << 3 | 0xc0, 7, 0, 200, 0,
        rand_bytes(50))
    cli("enc-mime", 0, 4, 0, 0, 150, 0, rand_bytes(200), impl=2)
    cli("enc-crlf-w1", 128, 1 << 3, 1, 0x0f, 10, 0, b"foobar")
    cli("enc-write-error", 0, 0, 0, 0x40, 0, 37, text)
    cli("enc-big-block", 0, 3 << 3, 0, 0x80, 255, 0x0100, rand_bytes(97))
    cli("dec-gnu", D, 0, 0, 0, 0, 0, b64(text, wrap=76))
    cli("dec-gnu-invalid", D, 0, 0, 0x05, 0, 0, b"Zm9v\nYm*Fy\n")
    cli("dec-gnu-i", D | MODE["i"] << 1, 0, 0, 0, 30, 0, b"Zm9v*\r\nYmFy")
    cli("dec-strict-crlf", D | MODE["strict"] << 1 | 128, 0xc0, 0, 0x0a, 5, 0,
        MAIL)
    cli("dec-strict-error", D | MODE["strict"] << 1, 0, 0, 0, 0, 0,
        b"Zm9v\nYmE=\nYmFy\n")
    cli("dec-lenient", D | MODE["lenient"] << 1, 0, 0, 0, 70, 0,
        b" Zm 9v\r\nYg\tZg==\n")
    cli("dec-lenient-i-error", D | MODE["lenient-i"] << 1, 0, 0, 0, 0, 0,
        b"Z=m9v")
    cli("dec-mime", D | MODE["mime"] << 1, 0, 0, 0, 0, 0, MAIL + b"--end--")
    cli("dec-check-cr-hint", D | 16, 0x40, 0, 0, 0, 0, b"Zm9v\r\nYmFy\r\n")
    cli("dec-url-hint", D | MODE["strict"] << 1, 0, 0, 0, 0, 0, b"Zm9v-_8=")
    cli("dec-write-error", D, 0, 0, 0x40, 0, 5, b64(text))
    cli("dec-big-block", D, 0, 0, 0x80, 200, 0x0301, b64(rand_bytes(120),
                                                          wrap=76))
    cli("dec-w-ignored", D, 1 << 3, 3, 0, 0, 0, b"Zm9vYmFy")

    # Lines for the line step (many whole lines of one length, LF or CR
    # LF, some with an edit); their own generator, so that the seeds
    # above stay as they are.
    lr = random.Random(76)

    def lr_bytes(n):
        return bytes(lr.randrange(256) for _ in range(n))

    for k, (width, flags) in enumerate(((76, 0), (64, CRLF), (100, NOPAD),
                                        (76, CRLF), (128, 0), (64, 0))):
        how = 1 | (k % 3) << 2
        write(im, "lines-%d-%d" % (width, k),
              bytes([flags | (k + 2) % 5 << 2, width, how, k]) +
              struct.pack("<I", lr.randrange(1 << 32)) + lr_bytes(3000))
    for k, (width, crlf, flags) in enumerate(((76, False, 0),
                                              (76, True, LENIENT),
                                              (64, True, STRICT | CRLF),
                                              (64, False, GARBAGE))):
        write(os.path.join(root, "decode"), "lines-%d-%d" % (width, k),
              bytes([flags, k]) + struct.pack("<I", lr.randrange(1 << 32)) +
              b64(lr_bytes(2000), wrap=width, crlf=crlf))

    basex(root)


def basex(root):
    """fuzz_basex: kind (enum bx_kind: 0 base32, 1 base32hex, 2 base16,
    3 base2msbf, 4 base2lsbf, 5 z85), flags (bit 0 BX_SKIP_GARBAGE, bit 1
    BX_NO_PAD, bits 2-3 the text: 0 the data, 1 the data mapped into the
    alphabet, 2 the encoding edited, 3 the encoding), width, seed, data.
    Its own generator, so that the seeds above stay as they are; keeps
    regress-* and todo-* files."""
    d = os.path.join(root, "basex")
    if os.path.isdir(d):
        for f in os.listdir(d):
            if not f.startswith(("regress-", "todo-")):
                os.remove(os.path.join(d, f))
    xr = random.Random(85)

    def xr_bytes(n):
        return bytes(xr.randrange(256) for _ in range(n))

    def seed(name, kind, flags, width, data):
        write(d, name, bytes([kind, flags, width]) +
              struct.pack("<I", xr.randrange(1 << 32)) + data)

    SKIP, NOPAD, MAPPED, EDITED, ENCODED = 1, 2, 4, 8, 12
    seed("b32-rfc-foobar", 0, ENCODED, 0, b"foobar")
    seed("b32-rules", 0, 0, 0, b"MFRGG===\nMFRGGZDF\nMFRGH===")
    seed("b32-short-pad", 0, 0, 0, b"MFRGGZDFMF!=")
    seed("b32-i-garbage", 0, SKIP, 0, b"*MFRGG===*ME==*====\x00")
    seed("b32hex-nopad-w3", 1, NOPAD | ENCODED, 3, b"fooba" + xr_bytes(20))
    seed("b32hex-wxyz", 1, 0, 0, b"WWWWWWWWCO======ZZ")
    seed("b16-mapped", 2, MAPPED, 0, xr_bytes(64))
    seed("b16-lower-odd", 2, 0, 0, b"666f6F\n626172\n6")
    seed("b16-long-edited-w76", 2, EDITED, 76, xr_bytes(1000))
    seed("b2msbf-edited-w8", 3, EDITED, 8, xr_bytes(30))
    seed("b2lsbf-text-w76", 4, 0, 76, b"0110000101100010\n0110")
    seed("z85-hello", 5, 0, 0, b"HelloWorld")
    seed("z85-overflow", 5, 0, 0, b"Hello#####%nSc0")
    seed("z85-i-nul", 5, SKIP, 0, b'Hel"loWorld\x00')
    seed("z85-length-w5", 5, ENCODED, 5, xr_bytes(7))
    seed("z85-mapped-w1", 5, MAPPED, 1, xr_bytes(40))


if __name__ == "__main__":
    main()
