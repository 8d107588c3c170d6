#!/usr/bin/env python3
"""Reference encoders for the basenc and base32 tests.

    basenc_ref.py ENCODING [COLS] <DATA
    basenc_ref.py ENCODING COLS FILE...

writes the encoding of stdin (the second form: of each FILE, into
FILE.ref), named as basenc's option without the
dashes (base64 base64url base58 base32 base32hex base16 base2msbf
base2lsbf z85), wrapped as GNU wraps it: a newline after every COLS
characters and one at the end unless the text is empty or already ends
with one; no COLS (or 0) means one line with no newline at all.  Z85
input must be a multiple of 4 bytes long: otherwise exit 2, no output.

Nothing here runs the programs under test; tests/cli/differential-basenc.py
imports the module for the same encoders.
"""
import base64
import sys

B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B32HEX = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"
Z85 = (b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
       b".-:+=^!/*?&<>()[]{}@%$#")
B58 = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

# The alphabet of each encoding, '=' not included.
ALPHABETS = {
    "base64": b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "base64url":
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    "base58": B58,
    "base32": B32,
    "base32hex": B32HEX,
    "base16": b"0123456789ABCDEF",
    "base2msbf": b"01",
    "base2lsbf": b"01",
    "z85": Z85,
}


class NotMultipleOf4(ValueError):
    """Z85 input whose length is not a multiple of 4."""


def z85(data):
    if len(data) % 4:
        raise NotMultipleOf4(len(data))
    out = bytearray()
    for i in range(0, len(data), 4):
        v = int.from_bytes(data[i:i + 4], "big")
        digits = []
        for _ in range(5):
            v, r = divmod(v, 85)
            digits.append(Z85[r])
        out += bytes(reversed(digits))
    return bytes(out)


def base58(data):
    zeros = len(data) - len(data.lstrip(b"\0"))
    v = int.from_bytes(data[zeros:], "big")
    # Ten digits per division by a machine-word-sized power of 58 keeps
    # inputs of tens of kilobytes fast; least significant digit first.
    digits = bytearray()
    while v:
        v, r = divmod(v, 58 ** 10)
        for _ in range(10):
            r, d = divmod(r, 58)
            digits.append(d)
    while digits and digits[-1] == 0:
        digits.pop()
    return b"1" * zeros + bytes(B58[d] for d in reversed(digits))


def base2(data, msb_first):
    bits = "".join(format(b, "08b") for b in data)
    if not msb_first:
        bits = "".join(bits[i:i + 8][::-1] for i in range(0, len(bits), 8))
    return bits.encode()


def encode(name, data):
    """The unwrapped encoding of DATA (bytes) as ENCODING NAME."""
    if name == "base64":
        return base64.b64encode(data)
    if name == "base64url":
        return base64.urlsafe_b64encode(data)
    if name == "base32":
        return base64.b32encode(data)
    if name == "base32hex":
        # (b32hexencode is Python 3.10's; translate for older ones.)
        return base64.b32encode(data).translate(bytes.maketrans(B32, B32HEX))
    if name == "base16":
        return base64.b16encode(data)
    if name == "base2msbf":
        return base2(data, True)
    if name == "base2lsbf":
        return base2(data, False)
    if name == "z85":
        return z85(data)
    if name == "base58":
        return base58(data)
    raise KeyError(name)


def wrap(text, cols):
    """TEXT with a newline after every COLS characters, GNU's way."""
    if not cols or not text:
        return text
    lines = [text[i:i + cols] for i in range(0, len(text), cols)]
    return b"\n".join(lines) + b"\n"


def main(argv):
    if len(argv) < 2 or argv[1] not in ALPHABETS:
        sys.stderr.write("usage: basenc_ref.py ENCODING [COLS [FILE...]]\n")
        return 2
    cols = int(argv[2]) if len(argv) >= 3 else 0
    try:
        if len(argv) <= 3:
            text = encode(argv[1], sys.stdin.buffer.read())
            sys.stdout.buffer.write(wrap(text, cols))
        for name in argv[3:]:
            with open(name, "rb") as f:
                text = encode(argv[1], f.read())
            with open(name + ".ref", "wb") as f:
                f.write(wrap(text, cols))
    except NotMultipleOf4:
        sys.stderr.write("basenc_ref.py: z85 input length is not a multiple of 4\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
