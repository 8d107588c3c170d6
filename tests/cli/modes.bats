#!/usr/bin/env bats
# sextet's own decoding and encoding modes (man/base64.1, OPTIONS): -u, --no-pad,
# --strict, --lenient, --crlf, --mime, --check, their conflicts and
# abbreviations, and the located error messages.  Every test is skipped when
# $BASE64 is GNU base64, which has none of these options.

load helpers

# b64_in FORMAT ARG...: like b64, with the bytes of printf FORMAT on stdin
# (so the input may hold escapes such as \r, \0 and \xff).
b64_in() {
  # shellcheck disable=SC2059
  printf -- "$1" >"$BATS_TEST_TMPDIR/stdin"
  shift
  b64 "$@" <"$BATS_TEST_TMPDIR/stdin"
}

# located LINE COLUMN BYTE REASON: the one-line diagnostic of the new modes.
located() {
  printf '%s: invalid input at line %s, column %s (byte %s): %s' \
    "$BASE64" "$1" "$2" "$3" "$4"
}

# expect_located OUT LINE COLUMN BYTE REASON: exit 1, stdout exactly OUT
# (what was decoded before the error), stderr exactly the located message.
expect_located() {
  expect_status 1 || return 1
  expect_err "$(located "$2" "$3" "$4" "$5")" || return 1
  expect_out "$1"
}

# a_lines N: N lines of 76 'A' (each encodes 57 zero bytes), LF-terminated.
a_lines() {
  awk -v n="$1" 'BEGIN {
    l = sprintf("%76s", ""); gsub(/ /, "A", l)
    for (i = 0; i < n; i++) print l
  }'
}

# big_a N: N letters 'A' (each group of 4 encodes 3 zero bytes), no newline.
big_a() {
  head -c "$1" /dev/zero | tr '\0' A
}

# zeros N: N zero bytes.
zeros() {
  head -c "$1" /dev/zero
}

# ---------------------------------------------------------------------------
# -u, --url-safe, --base64url

@test "-u encodes with '-' and '_' where the standard alphabet has '+' and '/'" {
  ours_only
  b64_in '\xfb\xff\xbf'
  expect_ok $'+/+/\n'
  b64_in '\xfb\xff\xbf' -u
  expect_ok $'-_-_\n'
  b64_in '\xfb\xff\xbf' --url-safe
  expect_ok $'-_-_\n'
  b64_in '\xfb\xff\xbf' --base64url
  expect_ok $'-_-_\n'
}

@test "-u encoding stays padded unless --no-pad" {
  ours_only
  b64_in '\xfb\xff' -u
  expect_ok $'-_8=\n'
  b64_in '\xfb' -u
  expect_ok $'-w==\n'
  b64_in '\xfb\xff' -u --no-pad
  expect_ok $'-_8\n'
}

@test "-u encodes all 256 byte values as the standard encoding with '+/' mapped to '-_'" {
  ours_only
  all_bytes all.bin
  ref_encode <all.bin | tr '+/' '-_' >expected
  b64 -u -w 0 <all.bin
  expect_status 0
  expect_err
  expect_out_file expected
}

@test "-u -d decodes '-' and '_' (all three spellings of the option)" {
  ours_only
  local opt
  for opt in -u --url-safe --base64url; do
    b64_in '-_-_\n' -d "$opt"
    expect_ok $'\xfb\xff\xbf'
  done
}

@test "-u -d round-trips all 256 byte values" {
  ours_only
  all_bytes all.bin
  ref_encode <all.bin | tr '+/' '-_' | ref_wrap 76 >url.b64
  b64 -d -u url.b64
  expect_status 0
  expect_err
  expect_out_file all.bin
}

@test "-u -d rejects '+' and '/' with GNU's 'invalid input' in the default rules" {
  ours_only
  b64_in 'Zm+v' -d -u
  expect_invalid 'f'
  b64_in 'Zm9v/w==' -d -u
  expect_invalid 'foo'
}

@test "-u -d --strict rejects '+' and '/' with a located message and a hint" {
  ours_only
  b64_in 'Zm+v' -d -u --strict
  expect_located 'f' 1 3 2 "unexpected byte 0x2b ('+'); '+' and '/' are standard base64: drop --url-safe"
  b64_in 'Zm9v\nZm/v' -d -u --strict
  expect_located 'foof' 2 3 7 "unexpected byte 0x2f ('/'); '+' and '/' are standard base64: drop --url-safe"
}

@test "-u --check rejects '+' with the located message and writes nothing" {
  ours_only
  b64_in 'Zm+v' -u --check
  expect_located '' 1 3 2 "unexpected byte 0x2b ('+'); '+' and '/' are standard base64: drop --url-safe"
}

@test "-u -d --lenient rejects '+' with the same hint" {
  ours_only
  b64_in 'Zm9v +8=' -d -u --lenient
  expect_located 'foo' 1 6 5 "unexpected byte 0x2b ('+'); '+' and '/' are standard base64: drop --url-safe"
}

@test "-u -d -i drops '+' and '/' as garbage" {
  ours_only
  b64_in 'Zm+9v/\n' -d -u -i
  expect_ok 'foo'
}

@test "standard -d --strict rejects '-' and '_' with the hint to try --url-safe" {
  ours_only
  b64_in 'Zm-v' -d --strict
  expect_located 'f' 1 3 2 "unexpected byte 0x2d ('-'); '-' and '_' are base64url: try --url-safe"
  b64_in 'Zm9v_w==' -d --strict
  expect_located 'foo' 1 5 4 "unexpected byte 0x5f ('_'); '-' and '_' are base64url: try --url-safe"
}

@test "standard -d rejects '-' and '_' with GNU's plain message" {
  ours_only
  b64_in '-_-_' -d
  expect_invalid ''
}

# ---------------------------------------------------------------------------
# --no-pad

@test "--no-pad encodes lengths 0 to 5 without '='" {
  ours_only
  b64_in '' --no-pad
  expect_ok ''
  b64_in 'a' --no-pad
  expect_ok $'YQ\n'
  b64_in 'aa' --no-pad
  expect_ok $'YWE\n'
  b64_in 'aaa' --no-pad
  expect_ok $'YWFh\n'
  b64_in 'aaaa' --no-pad
  expect_ok $'YWFhYQ\n'
  b64_in 'aaaaa' --no-pad
  expect_ok $'YWFhYWE\n'
}

@test "--no-pad keeps wrapping: -w 4 and -w 0" {
  ours_only
  b64_in 'aaaaa' --no-pad -w 4
  expect_ok $'YWFh\nYWE\n'
  b64_in 'aaaaa' --no-pad -w 0
  expect_ok 'YWFhYWE'
}

@test "--no-pad with -u: a JSON Web Token segment" {
  ours_only
  b64_in '{"a":1}' -u --no-pad -w 0
  expect_ok 'eyJhIjoxfQ'
  b64_in '\xfb' -u --no-pad
  expect_ok $'-w\n'
}

@test "-d --no-pad accepts unpadded input and, outside --strict, padded input" {
  ours_only
  b64_in 'YWFhYQ' -d --no-pad
  expect_ok 'aaaa'
  b64_in 'YWFhYWE\n' -d --no-pad
  expect_ok 'aaaaa'
  b64_in 'YWFhYQ==' -d --no-pad
  expect_ok 'aaaa'
}

@test "-d --no-pad keeps GNU's rules otherwise: partial padding is invalid" {
  ours_only
  b64_in 'Zg=' -d --no-pad
  expect_invalid 'f'
}

@test "-d --no-pad --strict accepts unpadded input, also with -u" {
  ours_only
  b64_in 'YWFhYQ\n' -d --no-pad --strict
  expect_ok 'aaaa'
  b64_in 'eyJhIjoxfQ' -d -u --no-pad --strict
  expect_ok '{"a":1}'
}

@test "-d --no-pad --strict: any '=' is 'padding not allowed (--no-pad)'" {
  ours_only
  b64_in 'YQ==' -d --no-pad --strict
  expect_located 'a' 1 3 2 'padding not allowed (--no-pad)'
  b64_in 'YWFh\nYWE=\n' -d --no-pad --strict
  expect_located 'aaaaa' 2 4 8 'padding not allowed (--no-pad)'
}

@test "-d --no-pad --lenient accepts partial padding" {
  ours_only
  b64_in 'Zg=' -d --no-pad --lenient
  expect_ok 'f'
}

# ---------------------------------------------------------------------------
# --strict: what it accepts

@test "--strict accepts canonical input wrapped at 76 columns" {
  ours_only
  random_file data.bin 1000
  ref_encode <data.bin | ref_wrap 76 >data.b64
  b64 -d --strict data.b64
  expect_status 0
  expect_err
  expect_out_file data.bin
}

@test "--strict accepts other line lengths, no final newline, and no input at all" {
  ours_only
  random_file data.bin 100
  ref_encode <data.bin | ref_wrap 10 >data.b64
  b64 -d --strict data.b64
  expect_status 0
  expect_out_file data.bin
  ref_encode <data.bin >oneline.b64
  b64 -d --strict oneline.b64
  expect_status 0
  expect_out_file data.bin
  b64_in '' -d --strict
  expect_ok ''
  b64_in '\n' -d --strict
  expect_ok ''
}

@test "--strict accepts padded final groups: Zg== and Zm8=" {
  ours_only
  b64_in 'Zm9vZg==\n' -d --strict
  expect_ok 'foof'
  b64_in 'Zm9vZm8=\n' -d --strict
  expect_ok 'foofo'
}

# ---------------------------------------------------------------------------
# --strict: every reason, with its exact message

@test "--strict: unexpected byte 0x2a ('*') at line 2, column 4" {
  ours_only
  b64_in 'Zm9vYmFy\nZm9*' -d --strict
  expect_located 'foobarfo' 2 4 12 "unexpected byte 0x2a ('*')"
}

@test "--strict: unexpected bytes are named in C style: space, tab, 0x80, 0x7f" {
  ours_only
  b64_in 'Zm9v Zm9v' -d --strict
  expect_located 'foo' 1 5 4 "unexpected byte 0x20 (' ')"
  b64_in 'Zm9v\tZm9v' -d --strict
  expect_located 'foo' 1 5 4 "unexpected byte 0x09 ('\\t')"
  b64_in 'Zm9v\x80' -d --strict
  expect_located 'foo' 1 5 4 'unexpected byte 0x80'
  b64_in 'Zm9v\x7f' -d --strict
  expect_located 'foo' 1 5 4 'unexpected byte 0x7f'
}

@test "--strict: padding inside the data ('=' first, '=' after one character)" {
  ours_only
  b64_in '=Zm9' -d --strict
  expect_located '' 1 1 0 'padding inside the data'
  b64_in 'Z=m9' -d --strict
  expect_located '' 1 2 1 'padding inside the data'
  b64_in 'Zm9v\nZ===' -d --strict
  expect_located 'foo' 2 2 6 'padding inside the data'
}

@test "--strict: missing padding, placed right after the group" {
  ours_only
  b64_in 'Zm9vYg' -d --strict
  expect_located 'foob' 1 7 6 'missing padding'
  b64_in 'Zm9vYg\n' -d --strict
  expect_located 'foob' 1 7 6 'missing padding'
  b64_in 'Zm9vYmE' -d --strict
  expect_located 'fooba' 1 8 7 'missing padding'
}

@test "--strict: missing padding for a group with only part of it (Zg=)" {
  ours_only
  b64_in 'Zg=' -d --strict
  expect_located 'f' 1 4 3 'missing padding'
  b64_in 'Zm9vYg=\n' -d --strict
  expect_located 'foob' 1 8 7 'missing padding'
}

@test "--strict: padding not allowed (--no-pad)" {
  ours_only
  b64_in 'Zm9vYg==' -d --strict --no-pad
  expect_located 'foob' 1 7 6 'padding not allowed (--no-pad)'
}

@test "--strict: too much padding" {
  ours_only
  b64_in 'Zm9v=' -d --strict
  expect_located 'foo' 1 5 4 'too much padding'
  b64_in 'Zm9vYg===' -d --strict
  expect_located 'foob' 1 9 8 'too much padding'
  b64_in 'Zm9v\n=Zm9' -d --strict
  expect_located 'foo' 2 1 5 'too much padding'
}

@test "--strict: data after padding (concatenated quanta are not canonical)" {
  ours_only
  b64_in 'Zg==Zg==' -d --strict
  expect_located 'f' 1 5 4 'data after padding'
  b64_in 'Zm9vYg==\nx' -d --strict
  expect_located 'foob' 2 1 9 'data after padding'
}

@test "--strict: non-zero unused bits, at the character that carries them" {
  ours_only
  b64_in 'Zm9vYh==' -d --strict
  expect_located 'foob' 1 6 5 'non-zero unused bits (non-canonical encoding)'
  b64_in 'Zm9vYmF=' -d --strict
  expect_located 'fooba' 1 7 6 'non-zero unused bits (non-canonical encoding)'
  b64_in 'SB==' -d --strict
  expect_located 'H' 1 2 1 'non-zero unused bits (non-canonical encoding)'
}

@test "--strict: truncated: 1 character left over" {
  ours_only
  b64_in 'Zm9vY' -d --strict
  expect_located 'foo' 1 5 4 'truncated: 1 character left over'
  b64_in 'Zm9v\nY\n' -d --strict
  expect_located 'foo' 2 1 5 'truncated: 1 character left over'
}

# ---------------------------------------------------------------------------
# --strict: hints

@test "--strict hint: CRLF line endings: try --crlf (stays strict) or --lenient" {
  ours_only
  b64_in 'Zm9v\r\nZm9v\r\n' -d --strict
  expect_located 'foo' 1 5 4 "unexpected byte 0x0d ('\\r'); input has CRLF line endings: try --crlf (stays strict) or --lenient"
  b64_in 'Zm9v\r\nZm9v\r\n' -d --strict --crlf
  expect_ok 'foofoo'
}

@test "--strict hint: CR-only line endings: try --lenient (not --crlf)" {
  ours_only
  b64_in 'Zm9v\rZm9v\r' -d --strict
  expect_located 'foo' 1 5 4 "unexpected byte 0x0d ('\\r'); input has CR line endings: try --lenient"
}

@test "--strict: no line-ending hint for a CR the input does not show the end of" {
  ours_only
  b64_in 'Zm9v\r' -d --strict
  expect_located 'foo' 1 5 4 "unexpected byte 0x0d ('\\r')"
}

@test "no base64url hint for a pasted mail header, only for base64url text" {
  ours_only
  b64_in 'Content-Type: text/plain\n\nZm9v\n' -d --strict
  expect_located $'\x0a\x89\xed\x7a\x7b' 1 8 7 "unexpected byte 0x2d ('-')"
  b64_in 'Content-Transfer-Encoding: base64\n' --check
  expect_located '' 1 8 7 "unexpected byte 0x2d ('-')"
  b64_in 'Zm9v-_-_\n' -d --strict
  expect_located 'foo' 1 5 4 "unexpected byte 0x2d ('-'); '-' and '_' are base64url: try --url-safe"
  b64_in 'abc+/+/A\nZm9v\n' -d --strict -u
  expect_located $'i\xb7' 1 4 3 "unexpected byte 0x2b ('+'); '+' and '/' are standard base64: drop --url-safe"
  b64_in 'Zm9v+/+/;\n' -d --strict -u
  expect_located 'foo' 1 5 4 "unexpected byte 0x2b ('+')"
}

@test "--strict hint: UTF-16LE text with a byte order mark" {
  ours_only
  b64_in '\xff\xfeZ\0m\09\0v\0' -d --strict
  expect_located '' 1 1 0 'unexpected byte 0xff; looks like UTF-16 text'
}

@test "--strict hint: UTF-16LE text without a byte order mark" {
  ours_only
  b64_in 'Z\0m\09\0v\0' -d --strict
  expect_located '' 1 2 1 'unexpected byte 0x00; looks like UTF-16 text'
}

@test "--strict hint: the input's first bytes arrive in two reads from a pipe" {
  ours_only
  # The first read takes 'Z' alone, the error is in the second: the hint
  # still sees the input's first four bytes, not the second read's.
  b64 -d --strict < <(printf 'Z'; sleep 0.3; printf '\0m\09\0v\0')
  expect_located '' 1 2 1 'unexpected byte 0x00; looks like UTF-16 text'
}

@test "--strict hint: UTF-16BE text with a byte order mark" {
  ours_only
  b64_in '\xfe\xff\0Z\0m\09\0v' -d --strict
  expect_located '' 1 1 0 'unexpected byte 0xfe; looks like UTF-16 text'
}

@test "--strict hint: UTF-16BE text without a byte order mark" {
  ours_only
  b64_in '\0Z\0m\09\0v' -d --strict
  expect_located '' 1 1 0 'unexpected byte 0x00; looks like UTF-16 text'
}

@test "--strict hint: input starts with a UTF-8 byte order mark" {
  ours_only
  b64_in '\xef\xbb\xbfZm9v\n' -d --strict
  expect_located '' 1 1 0 'unexpected byte 0xef; input starts with a UTF-8 byte order mark'
}

@test "--strict: no hint for a lone bad byte" {
  ours_only
  b64_in 'Zm9v\x80\n' -d --strict
  expect_located 'foo' 1 5 4 'unexpected byte 0x80'
}

# ---------------------------------------------------------------------------
# --strict --crlf

@test "--strict --crlf accepts CRLF line ends, with or without a final one" {
  ours_only
  random_file data.bin 500
  ref_encode <data.bin | ref_wrap 76 | sed 's/$/\r/' >data.b64
  b64 -d --strict --crlf data.b64
  expect_status 0
  expect_err
  expect_out_file data.bin
  b64_in 'Zm9v\r\nZm9v' -d --strict --crlf
  expect_ok 'foofoo'
}

@test "--strict --crlf: a bare LF is an error, with its hint" {
  ours_only
  b64_in 'Zm9v\r\nZm9v\nZm9v\r\n' -d --strict --crlf
  expect_located 'foofoo' 2 5 10 "unexpected byte 0x0a ('\\n'); --crlf wants every line to end with CR LF"
  b64_in 'Zm9v\n' -d --strict --crlf
  expect_located 'foo' 1 5 4 "unexpected byte 0x0a ('\\n'); --crlf wants every line to end with CR LF"
}

@test "--strict --crlf: a CR not followed by LF is an unexpected byte" {
  ours_only
  b64_in 'Zm9v\rZm9v\r\n' -d --strict --crlf
  expect_located 'foo' 1 5 4 "unexpected byte 0x0d ('\\r')"
}

@test "-d --crlf without --strict accepts a CR right before a LF, nothing else" {
  ours_only
  b64_in 'Zm9v\r\nZm9v\r\n' -d --crlf
  expect_ok 'foofoo'
  b64_in 'Zm9v\nZm9v\n' -d --crlf
  expect_ok 'foofoo'
  b64_in 'Zm9v\r\r\n' -d --crlf
  expect_invalid 'foo'
  b64_in 'Zm\r9v\r\n' -d --crlf
  expect_invalid 'f'
}

# ---------------------------------------------------------------------------
# --lenient

@test "--lenient skips every kind of ASCII white space: SP HT LF VT FF CR" {
  ours_only
  b64_in 'Z m\t9\nv\v\fZ\rm\r\n9v' -d --lenient
  expect_ok 'foofoo'
  b64_in ' \t\n\v\f\r' -d --lenient
  expect_ok ''
}

@test "--lenient decodes mail-style CRLF lines" {
  ours_only
  random_file data.bin 500
  ref_encode <data.bin | ref_wrap 76 | sed 's/$/\r/' >data.b64
  b64 -d --lenient data.b64
  expect_status 0
  expect_err
  expect_out_file data.bin
}

@test "--lenient accepts missing padding: Zg, Zm9" {
  ours_only
  b64_in 'Zg' -d --lenient
  expect_ok 'f'
  b64_in 'Zm9vZm9\n' -d --lenient
  expect_ok 'foofo'
}

@test "--lenient accepts partial padding: Zg=" {
  ours_only
  b64_in 'Zg=' -d --lenient
  expect_ok 'f'
  b64_in 'Zg=\n' -d --lenient
  expect_ok 'f'
}

@test "--lenient accepts extra padding: Zm9v====, Zg===, Zm9=====" {
  ours_only
  b64_in 'Zm9v====' -d --lenient
  expect_ok 'foo'
  b64_in 'Zg===' -d --lenient
  expect_ok 'f'
  b64_in 'Zm9=====' -d --lenient
  expect_ok 'fo'
}

@test "--lenient decodes concatenated quanta, padded or not" {
  ours_only
  b64_in 'Zm8=Zm8=' -d --lenient
  expect_ok 'fofo'
  b64_in 'Zg=Zg' -d --lenient
  expect_ok 'ff'
  b64_in 'Zm9====Zm9v' -d --lenient
  expect_ok 'fofoo'
  b64_in 'Zg==\n Zg' -d --lenient
  expect_ok 'ff'
}

@test "--lenient ignores unused bits: Zm9vYh== and SB==" {
  ours_only
  b64_in 'Zm9vYh==' -d --lenient
  expect_ok 'foob'
  b64_in 'SB==' -d --lenient
  expect_ok 'H'
}

@test "--lenient error: a single character left over" {
  ours_only
  b64_in 'Zm9vY' -d --lenient
  expect_located 'foo' 1 5 4 'truncated: 1 character left over'
  b64_in 'Zm9v\n Y\n\n' -d --lenient
  expect_located 'foo' 2 2 6 'truncated: 1 character left over'
}

@test "--lenient error: '=' before any data" {
  ours_only
  b64_in '=Zm9v' -d --lenient
  expect_located '' 1 1 0 'padding inside the data'
  b64_in ' \n=Zm9v' -d --lenient
  expect_located '' 2 1 2 'padding inside the data'
}

@test "--lenient error: '=' right after a single character" {
  ours_only
  b64_in 'Zm9vY=' -d --lenient
  expect_located 'foo' 1 6 5 'padding inside the data'
  b64_in 'Zm9vY ===' -d --lenient
  expect_located 'foo' 1 7 6 'padding inside the data'
}

@test "--lenient error: any other byte" {
  ours_only
  b64_in 'Zm9v*Zm9v' -d --lenient
  expect_located 'foo' 1 5 4 "unexpected byte 0x2a ('*')"
  b64_in 'Zm9v\nZm.v' -d --lenient
  expect_located 'foof' 2 3 7 "unexpected byte 0x2e ('.')"
}

@test "--lenient keeps the hints: base64url, UTF-16, UTF-8 byte order mark" {
  ours_only
  b64_in 'Z-m9v' -d --lenient
  expect_located '' 1 2 1 "unexpected byte 0x2d ('-'); '-' and '_' are base64url: try --url-safe"
  b64_in 'Z\0m\09\0v\0' -d --lenient
  expect_located '' 1 2 1 'unexpected byte 0x00; looks like UTF-16 text'
  b64_in '\xef\xbb\xbfZm9v' -d --lenient
  expect_located '' 1 1 0 'unexpected byte 0xef; input starts with a UTF-8 byte order mark'
}

@test "--lenient -i drops other bytes" {
  ours_only
  b64_in 'Zm9v*Zm9v' -d --lenient -i
  expect_ok 'foofoo'
  b64_in '> Zm9v.,;:!\n> Zm9v\n' -d --lenient -i
  expect_ok 'foofoo'
}

@test "--lenient -i still rejects a single leftover character and a leading '='" {
  ours_only
  b64_in 'Zm9vY*' -d --lenient -i
  expect_located 'foo' 1 5 4 'truncated: 1 character left over'
  b64_in '*=Zm9v' -d --lenient -i
  expect_located '' 1 2 1 'padding inside the data'
}

# ---------------------------------------------------------------------------
# What was decoded before the error

@test "--strict and --lenient write the bytes decoded before the error, as GNU" {
  ours_only
  b64_in 'Zm9vYmFy\nYmF6\n*' -d --strict
  expect_located 'foobarbaz' 3 1 14 "unexpected byte 0x2a ('*')"
  b64_in 'Zm9vYmFy\nYmF6\n*' -d --lenient
  expect_located 'foobarbaz' 3 1 14 "unexpected byte 0x2a ('*')"
}

@test "--strict and --lenient write the complete bytes of the failing group" {
  ours_only
  b64_in 'Zm9vYm*' -d --strict
  expect_located 'foob' 1 7 6 "unexpected byte 0x2a ('*')"
  b64_in 'Zm9vYmF*' -d --lenient
  expect_located 'fooba' 1 8 7 "unexpected byte 0x2a ('*')"
}

# ---------------------------------------------------------------------------
# --check

@test "--check: valid input, exit 0, nothing on stdout or stderr" {
  ours_only
  random_file data.bin 1000
  ref_encode <data.bin | ref_wrap 76 >data.b64
  b64 --check data.b64
  expect_ok ''
  b64 --check <data.b64
  expect_ok ''
}

@test "--check: invalid input, exit 1, the located message, no stdout" {
  ours_only
  b64_in 'Zm9vYmFy\nZm9*\n' --check
  expect_located '' 2 4 12 "unexpected byte 0x2a ('*')"
}

@test "--check implies -d: plain text is invalid base64" {
  ours_only
  b64_in 'hello world\n' --check
  expect_located '' 1 6 5 "unexpected byte 0x20 (' ')"
  b64_in 'Zm9v\n' --check -d
  expect_ok ''
}

@test "--check alone follows GNU's rules: auto padding yes, CR and non-zero bits no" {
  ours_only
  b64_in 'Zm9vYg' --check
  expect_ok ''
  b64_in 'Zm9v\r\n' --check
  expect_located '' 1 5 4 "unexpected byte 0x0d ('\\r'); input has CRLF line endings: try --lenient"
  b64_in 'Zm9vYh==' --check
  expect_located '' 1 6 5 'non-zero unused bits (non-canonical encoding)'
}

@test "--check --strict and --check --lenient use those rules" {
  ours_only
  b64_in 'Zm9vYg' --check --strict
  expect_located '' 1 7 6 'missing padding'
  b64_in 'Zm9v\r\nYh==\r\n' --check --lenient
  expect_ok ''
  b64_in 'Zm9v\r\nYh==\r\n' --check --mime
  expect_ok ''
}

# ---------------------------------------------------------------------------
# Conflicts

@test "--strict and --lenient are mutually exclusive, in either order" {
  ours_only
  b64 -d --strict --lenient </dev/null
  expect_usage_error 'options --strict and --lenient are mutually exclusive'
  b64 --lenient -d --strict </dev/null
  expect_usage_error 'options --strict and --lenient are mutually exclusive'
  b64 --strict --lenient </dev/null
  expect_usage_error 'options --strict and --lenient are mutually exclusive'
}

@test "--strict and -i are mutually exclusive (-i, --ignore-garbage, bundled -di)" {
  ours_only
  b64 -d --strict -i </dev/null
  expect_usage_error 'options --strict and --ignore-garbage are mutually exclusive'
  b64 --ignore-garbage --strict -d </dev/null
  expect_usage_error 'options --strict and --ignore-garbage are mutually exclusive'
  b64 -di --strict </dev/null
  expect_usage_error 'options --strict and --ignore-garbage are mutually exclusive'
}

@test "--strict and --mime are mutually exclusive" {
  ours_only
  b64 -d --strict --mime </dev/null
  expect_usage_error 'options --strict and --mime are mutually exclusive'
  b64 --mime --strict </dev/null
  expect_usage_error 'options --strict and --mime are mutually exclusive'
}

@test "--check and -o are mutually exclusive, and no file is made" {
  ours_only
  b64 --check -o f </dev/null
  expect_usage_error 'options --check and --output are mutually exclusive'
  b64 --output=f --check </dev/null
  expect_usage_error 'options --check and --output are mutually exclusive'
  b64 -o f -d --check </dev/null
  expect_usage_error 'options --check and --output are mutually exclusive'
  [[ ! -e f ]]
}

@test "conflicts are usage errors, reported before the input is opened" {
  ours_only
  b64 --strict --lenient no-such-file
  expect_usage_error 'options --strict and --lenient are mutually exclusive'
  b64 --check -o f no-such-file
  expect_usage_error 'options --check and --output are mutually exclusive'
}

@test "options that go together: --lenient -i, --mime --lenient, --mime -i, repeats" {
  ours_only
  b64_in 'Zm9v*' -d --lenient -i
  expect_ok 'foo'
  b64_in 'Zm9v*' -d --mime --lenient
  expect_ok 'foo'
  b64_in 'Zm9v*' -d --mime -i
  expect_ok 'foo'
  b64_in 'Zm9v' -d --strict --strict
  expect_ok 'foo'
  b64_in 'Zm9v' --check --check
  expect_ok ''
}

# ---------------------------------------------------------------------------
# Abbreviations and option errors

@test "abbreviations: --str, --len, --no, --url, --base, --cr, --ch, --mi, --out" {
  ours_only
  b64_in 'Zm9vYg' -d --str
  expect_located 'foob' 1 7 6 'missing padding'
  b64_in 'Zm9v\r\n' -d --len
  expect_ok 'foo'
  b64_in 'a' --no
  expect_ok $'YQ\n'
  b64_in '\xfb\xff' --url
  expect_ok $'-_8=\n'
  b64_in '\xfb\xff' --base
  expect_ok $'-_8=\n'
  b64_in 'foo' --cr
  expect_ok $'Zm9v\r\n'
  b64_in 'Zm9v*' --ch
  expect_located '' 1 5 4 "unexpected byte 0x2a ('*')"
  b64_in 'Zm9v*' -d --mi
  expect_ok 'foo'
  b64_in 'foo' --out=f
  expect_ok ''
  printf 'Zm9v\n' >expected
  cmp expected f
}

@test "the shortest unambiguous prefixes: --u, --b, --n, --s, --le, --m, --o" {
  ours_only
  b64_in '\xfb\xff' --u
  expect_ok $'-_8=\n'
  b64_in '\xfb\xff' --b
  expect_ok $'-_8=\n'
  b64_in 'a' --n
  expect_ok $'YQ\n'
  b64_in 'Zm9vYg' -d --s
  expect_located 'foob' 1 7 6 'missing padding'
  b64_in 'Zg=' -d --le
  expect_ok 'f'
  b64_in 'foo' --m
  expect_ok $'Zm9v\r\n'
  b64_in 'foo' --o f
  expect_ok ''
  [[ -f f ]]
}

@test "--l is ambiguous between --lenient and --list" {
  ours_only
  b64_in 'Zg=' -d --l
  expect_usage_error "option '--l' is ambiguous; possibilities: '--lenient' '--list'"
}

@test "GNU's abbreviations keep their meaning beside sextet's options: --d, --de, --dec, --decode" {
  local a
  for a in --d --de --dec --deco --decod; do
    b64_in 'Zm9v' "$a"
    expect_ok 'foo' || { echo "$a" >&2; return 1; }
  done
  if ! is_gnu; then
    # A longer prefix reaches sextet's option: header text is copied.
    b64_in 'Zm9v' --decode-h
    expect_ok 'Zm9v'
  fi
}

@test "--c is ambiguous between --crlf and --check" {
  ours_only
  b64 --c </dev/null
  expect_usage_error "option '--c' is ambiguous; possibilities: '--crlf' '--check'"
}

@test "BUG: --c=1 is ambiguous and quoted with its argument, as glibc getopt does" {
  ours_only
  # glibc: "ls: option '--co=x' is ambiguous; possibilities: '--color' '--context'"
  b64 --c=1 </dev/null
  expect_usage_error "option '--c=1' is ambiguous; possibilities: '--crlf' '--check'"
}

@test "the new flags take no argument: --strict=1, --url=1, --base=x, --no-pad=1, --check=yes" {
  ours_only
  b64 --strict=1 </dev/null
  expect_usage_error "option '--strict' doesn't allow an argument"
  b64 --url=1 </dev/null
  expect_usage_error "option '--url-safe' doesn't allow an argument"
  b64 --base=x </dev/null
  expect_usage_error "option '--base64url' doesn't allow an argument"
  b64 --no-pad=1 </dev/null
  expect_usage_error "option '--no-pad' doesn't allow an argument"
  b64 --check=yes </dev/null
  expect_usage_error "option '--check' doesn't allow an argument"
  b64 --lenient= </dev/null
  expect_usage_error "option '--lenient' doesn't allow an argument"
}

@test "-o and --output need an argument" {
  ours_only
  b64 -o </dev/null
  expect_usage_error "option requires an argument -- 'o'"
  b64 --output </dev/null
  expect_usage_error "option '--output' requires an argument"
  b64 --out </dev/null
  expect_usage_error "option '--output' requires an argument"
}

@test "-u bundles with the other short options: -du, -dui, -uw0" {
  ours_only
  b64_in '-_-_' -du
  expect_ok $'\xfb\xff\xbf'
  b64_in '-_*-_' -dui
  expect_ok $'\xfb\xff\xbf'
  b64_in '\xfb\xff\xbf' -uw0
  expect_ok '-_-_'
}

# ---------------------------------------------------------------------------
# --crlf and --mime encoding

@test "--crlf encodes 76-column lines ended by CRLF, with a final CRLF" {
  ours_only
  random_file data.bin 500
  ref_encode <data.bin | ref_wrap 76 | sed 's/$/\r/' >expected
  b64 --crlf data.bin
  expect_status 0
  expect_err
  expect_out_file expected
}

@test "--crlf: a full last line ends with one CRLF; empty input gives nothing" {
  ours_only
  a_string 57 >a57
  b64 --crlf a57
  expect_ok "$(enc_a 57)"$'\r\n'
  b64 --crlf </dev/null
  expect_ok ''
}

@test "--crlf -w0 writes no line end at all" {
  ours_only
  random_file data.bin 500
  ref_encode <data.bin >expected
  b64 --crlf -w 0 data.bin
  expect_status 0
  expect_out_file expected
}

@test "--crlf -w 10 and --crlf -u --no-pad" {
  ours_only
  a_string 10 >a10
  b64 --crlf -w 10 a10
  expect_ok $'YWFhYWFhYW\r\nFhYQ==\r\n'
  b64_in '\xfb\xff\xfb\xff\xfb\xff\xfb' --crlf -u --no-pad -w 4
  expect_ok $'-__7\r\n__v_\r\n-w\r\n'
}

@test "--mime encodes exactly as -w 76 --crlf" {
  ours_only
  random_file data.bin 1000
  ref_encode <data.bin | ref_wrap 76 | sed 's/$/\r/' >expected
  b64 --mime data.bin
  expect_status 0
  expect_err
  expect_out_file expected
  b64 --mime </dev/null
  expect_ok ''
}

@test "--mime decodes as --lenient -i" {
  ours_only
  local in
  for in in 'Zm9v*Zm\n9v\r\n' 'Zg' 'Zg=' 'Zm9v====' 'Zm9vYh==' \
    '> Zm9v\r\n> Zm9v\r\n' 'Zm9vY' 'Zm9vY*' '=Zm9v' 'Zm9vY=' '\t\x80Zm9v'; do
    b64_in "$in" -d --lenient -i
    mv "$OUT" want.out
    mv "$ERR" want.err
    local want_status=$status
    b64_in "$in" -d --mime
    expect_status "$want_status"
    cmp want.out "$OUT"
    cmp want.err "$ERR"
  done
  b64_in 'Zm9v*Zm\n9v\r\n' -d --mime
  expect_ok 'foofoo'
  b64_in 'Zm9vY' -d --mime
  expect_located 'foo' 1 5 4 'truncated: 1 character left over'
}

# ---------------------------------------------------------------------------
# Positions across read buffers

@test "an error beyond 1 MiB is placed at its exact line, column and byte" {
  ours_only
  # 14000 lines of 76 'A' + LF (77 bytes each); a '*' at byte 1048676,
  # which is line 13620 (1048676 / 77 = 13619 rest 13), column 14.
  awk 'BEGIN {
    l = sprintf("%76s", ""); gsub(/ /, "A", l)
    for (i = 0; i < 14000; i++)
      print (i == 13619 ? substr(l, 1, 13) "*" substr(l, 15) : l)
  }' >big.b64
  [[ $(head -c 1048677 big.b64 | tail -c 1) == '*' ]]
  # Before it: 13619 lines of 57 bytes and 3 groups of 3 bytes.
  zeros $((13619 * 57 + 9)) >prefix
  b64 -d --strict big.b64
  expect_status 1
  expect_err "$(located 13620 14 1048676 "unexpected byte 0x2a ('*')")"
  expect_out_file prefix
  b64 -d --lenient <big.b64
  expect_status 1
  expect_err "$(located 13620 14 1048676 "unexpected byte 0x2a ('*')")"
  expect_out_file prefix
  b64 --check big.b64
  expect_located '' 13620 14 1048676 "unexpected byte 0x2a ('*')"
}

@test "positions through a pipe are the same as from a file" {
  ours_only
  a_lines 14000 >big.b64
  printf 'Zm9v=\n' >>big.b64
  # 14000 * 77 = 1078000 bytes before the last line.
  status=0
  # shellcheck disable=SC2002 # a pipe, not a file, on purpose
  cat big.b64 | "$BASE64" --check --strict >"$OUT" 2>"$ERR" || status=$?
  expect_located '' 14001 5 1078004 'too much padding'
}

@test "an error at the last byte of a read block, the first of the next, and the one after" {
  ours_only
  local off
  for off in 262143 262144 262145; do
    { big_a "$off"; printf '*AAAA\n'; } >blk.b64
    b64 --check --strict blk.b64
    expect_located '' 1 $((off + 1)) "$off" "unexpected byte 0x2a ('*')"
  done
}

@test "missing padding after a 1 MiB line is placed after its last group" {
  ours_only
  big_a 1048578 >long.b64
  # 262144 whole groups give 786432 bytes; 'AA' gives one more.
  zeros 786433 >prefix
  b64 -d --strict long.b64
  expect_status 1
  expect_err "$(located 1 1048579 1048578 'missing padding')"
  expect_out_file prefix
}

@test "--strict --crlf: a CRLF split across two read blocks is one line end" {
  ours_only
  # The CR is the last byte of the first read block (PUMP_DEC_IN in
  # src/cli/cli.h, 384 KiB), the LF the first byte of the next.
  { big_a 393215; printf '\r\nA\r\n'; } >split.b64
  zeros 294912 >expected
  b64 -d --strict --crlf split.b64
  expect_status 0
  expect_err
  expect_out_file expected
}

@test "--strict --crlf: a bare LF at the start of a read block is still caught" {
  ours_only
  # The LF is the first byte of the second read block (PUMP_DEC_IN).
  { big_a 393216; printf '\nAAAA\r\n'; } >split.b64
  zeros 294912 >prefix
  b64 -d --strict --crlf split.b64
  expect_status 1
  expect_err "$(located 1 393217 393216 "unexpected byte 0x0a ('\\n'); --crlf wants every line to end with CR LF")"
  expect_out_file prefix
}

# ---------------------------------------------------------------------------
# The default mode is unchanged

@test "encoding ignores the decode-only options --strict, --lenient and -i" {
  ours_only
  random_file data.bin 300
  ref_encode <data.bin | ref_wrap 76 >expected
  local opt
  for opt in --strict --lenient -i; do
    b64 "$opt" data.bin
    expect_status 0
    expect_err
    expect_out_file expected
  done
}

@test "decoding with -u, --no-pad, --crlf or -w keeps GNU's plain 'invalid input'" {
  ours_only
  local opt
  for opt in -u --no-pad --crlf -w5; do
    b64_in 'Zm9v*' -d "$opt"
    expect_invalid 'foo'
  done
}

@test "options that do not apply leave decoding exactly as plain -d" {
  ours_only
  local case in rest want_status opt
  # INPUT:STATUS:OUTPUT (printf formats): what plain -d must give, GNU's
  # rules, so that the options are not only compared with a plain -d
  # that failed the same way.
  for case in 'Zm9v\n:0:foo' 'Zg=\n=:0:f' 'Zm8=Zm8=:0:fofo' 'aQ:0:i' \
    'Zz=:1:g' 'Zm9v=:1:foo' 'Zm9vCh==:1:foo\n' 'Zm9v\r\n:1:foo' \
    'Zm 9v:1:f' 'Y:1:' '\n\n:0:' ':0:'; do
    in=${case%%:*}
    rest=${case#*:}
    want_status=${rest%%:*}
    # shellcheck disable=SC2059
    printf -- "${rest#*:}" >want.out
    b64_in "$in" -d
    if ((want_status == 0)); then
      expect_result 0 want.out
    else
      expect_result 1 want.out "$BASE64: invalid input"
    fi || {
      echo "plain -d of '$in'" >&2
      return 1
    }
    mv "$ERR" want.err
    for opt in --no-pad --crlf -w5; do
      b64_in "$in" -d "$opt"
      if [[ $in == 'Zm9v\r\n' && $opt == --crlf ]]; then
        continue # --crlf accepts the CR before the LF
      fi
      expect_status "$want_status"
      cmp want.out "$OUT"
      cmp want.err "$ERR"
    done
  done
}

@test "-u keeps GNU's decoding rules otherwise: LF in padding, auto padding, bits" {
  ours_only
  b64_in 'Zg=\n=' -d -u
  expect_ok 'f'
  b64_in 'aQ' -d -u
  expect_ok 'i'
  b64_in 'Zm8=Zm8=' -d -u
  expect_ok 'fofo'
  b64_in 'Zm9vCh==' -d -u
  expect_invalid $'foo\n'
  b64_in 'Zz=' -d -u
  expect_invalid 'g'
}
