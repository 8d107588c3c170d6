#!/usr/bin/env bats
# sextet's own options on basenc and base32: --check, -o, --no-pad, the
# base64 decoding modes through basenc, and the one table of which option
# applies to which encoding.  GNU has none of these: every test skips for
# a GNU program.

# (SUT_VAR is read by basenc-helpers.bash.)
# shellcheck disable=SC2034
SUT_VAR=BASENC
load basenc-helpers

# Skip unless $PROG is sextet's.
sextet_only() {
  if ! "$PROG" --version 2>/dev/null | head -n 1 | grep -q '(sextet)'; then
    skip "sextet-specific options"
  fi
}

# b32 ARG...: run base32 ($BASE32) as bn runs basenc.
b32() {
  if [[ -z ${BASE32:-} || ! -x $BASE32 ]]; then
    skip "BASE32 is not set to a program"
  fi
  status=0
  "$BASE32" "$@" >"$OUT" 2>"$ERR" || status=$?
}

@test "--check: valid input, every encoding: exit 0, nothing written" {
  sextet_only
  local e
  printf 'Hello, world!...' >data
  for e in "${ENCODINGS[@]}"; do
    bn "--$e" data </dev/null
    expect_status 0
    cp "$OUT" text
    CTX="--$e --check"
    bn "--$e" --check text </dev/null
    bn_ok ''
  done
}

@test "--check: an invalid input is located: line, column, byte, reason" {
  sextet_only
  bn_in 'MFRGG===\nMF*GG===\n' --base32 --check
  bn_expect 1 '' "$NAME: invalid input at line 2, column 3 (byte 11): unexpected byte 0x2a ('*')"
  bn_in '666\n6F' --base16 --check
  bn_expect 1 '' "$NAME: invalid input at line 2, column 3 (byte 6): input ends inside a group"
  bn_in 'HelloWorld\n#####' --z85 --check
  bn_expect 1 '' "$NAME: invalid input at line 2, column 1 (byte 11): group worth more than 0xFFFFFFFF"
  bn_in '0110000\n2' --base2msbf --check
  bn_expect 1 '' "$NAME: invalid input at line 2, column 1 (byte 8): unexpected byte 0x32 ('2')"
  bn_in 'MFRGH===' --base32 --check
  bn_expect 1 '' "$NAME: invalid input at line 1, column 5 (byte 4): non-zero unused bits in the last character"
  bn_in 'ME=A====' --base32 --check
  bn_expect 1 '' "$NAME: invalid input at line 1, column 4 (byte 3): '=' padding out of place or incomplete"
}

@test "--check: base32's group characters on two lines: the offending one's own line" {
  sextet_only
  bn_in 'MFRG\nG*==' --base32 --check
  bn_expect 1 '' "$NAME: invalid input at line 2, column 2 (byte 6): unexpected byte 0x2a ('*')"
}

@test "--check: a short last base32 group ending in '=' is located at that '='" {
  sextet_only
  bn_in 'MFRGG=' --base32 --check
  bn_expect 1 '' "$NAME: invalid input at line 1, column 6 (byte 5): '=' padding out of place or incomplete"
  bn_in 'MFRGG====\n' --base32 --check
  bn_expect 1 '' "$NAME: invalid input at line 1, column 9 (byte 8): '=' padding out of place or incomplete"
}

@test "--check hints name basenc's options, not base64's" {
  sextet_only
  bn_in 'YW+J' --base64url --check
  bn_expect 1 '' "$NAME: invalid input at line 1, column 3 (byte 2): unexpected byte 0x2b ('+'); '+' and '/' are standard base64: try --base64"
  bn_in 'YW-J' --base64 --check
  bn_expect 1 '' "$NAME: invalid input at line 1, column 3 (byte 2): unexpected byte 0x2d ('-'); '-' and '_' are base64url: try --base64url"
}

@test "--check with base58 and base64: located too" {
  sextet_only
  bn_in '2NEpo7TZ\nRRrLZS0i2U' --base58 --check
  bn_expect 1 '' "$NAME: invalid input at line 2, column 7 (byte 15): unexpected byte 0x30 ('0')"
  bn_in 'QUJD\nQU*D' --base64 --check
  bn_expect 1 '' "$NAME: invalid input at line 2, column 3 (byte 7): unexpected byte 0x2a ('*')"
}

@test "-o FILE: the same bytes as standard output, every encoding, both ways" {
  sextet_only
  local e
  printf 'Hello, world!...' >data
  for e in "${ENCODINGS[@]}"; do
    CTX="--$e -o"
    bn "--$e" data </dev/null
    cp "$OUT" want
    bn "--$e" -o out data </dev/null
    bn_ok ''
    cmp want out
    bn "--$e" -d -o back out </dev/null
    bn_ok ''
    cmp data back
  done
}

@test "-o FILE with an invalid input: FILE keeps its content and mode, exit 1" {
  sextet_only
  printf 'old\n' >out
  chmod 640 out
  bn_in 'MFRGG===\nMF*' --base32 -d -o out
  bn_expect 1 '' "$NAME: invalid input"
  [[ $(cat out) == old ]]
  [[ $(stat -c %a out) == 640 ]]
  bn_in 'abc' --z85 -o out
  bn_expect 1 '' "$NAME: invalid input (length must be multiple of 4 characters)"
  [[ $(cat out) == old ]]
  bn_in '2NEpo7TZ0' --base58 -d -o out
  bn_expect 1 '' "$NAME: invalid input"
  [[ $(cat out) == old ]]
}

@test "--no-pad: base32, base32hex, base64, base64url encode without '=', and decode back" {
  sextet_only
  enc_ok '--base32 --no-pad' 'f' 'MY\n'
  enc_ok '--base32 --no-pad' 'fooba' 'MZXW6YTB\n'
  enc_ok '--base32hex --no-pad' 'foob' 'CPNMUOG\n'
  enc_ok '--base64 --no-pad' 'fo' 'Zm8\n'
  enc_ok '--base64url --no-pad' '\xfb\xff' '-_8\n'
  enc_ok '--base32 --no-pad -w 3' 'foo' 'MZX\nW6\n'
  dec_ok '--base32' 'MZXW6' foo
  dec_ok '--base32hex' 'CPNMUOG' foob
}

@test "an option with an encoding it does not apply to: refused, naming both" {
  sextet_only
  local e
  for e in base58 base16 base2msbf base2lsbf z85; do
    bn_in 'x' "--$e" --no-pad
    bn_usage "option --no-pad does not apply to --$e"
  done
  for e in base58 base32 base32hex base16 base2msbf base2lsbf z85; do
    if [[ $e == base58 || $e == base2* || $e == z85 ]]; then
      bn_in 'x' "--$e" --strict -d
      bn_usage "option --strict does not apply to --$e"
      bn_in 'x' "--$e" --lenient -d
      bn_usage "option --lenient does not apply to --$e"
    fi
    bn_in 'x' "--$e" --crlf
    bn_usage "option --crlf does not apply to --$e"
    bn_in 'x' "--$e" --mime
    bn_usage "option --mime does not apply to --$e"
  done
  # The encoding that counts is the last one given.
  bn_in 'x' --strict --base64 --z85 -d
  bn_usage "option --strict does not apply to --z85"
  bn_in 'QUJD' --strict --z85 --base64 -d
  bn_ok ABC
}

@test "--strict and --lenient on base32, base32hex and base16: canonical only, best effort; located errors" {
  sextet_only
  bn_in 'MZXW6YTB\nMZXW6===\n' --base32 -d --strict
  bn_ok foobafoo
  bn_in 'MZXW6===\nMZXW6YTB\n' --base32 -d --strict
  bn_expect 1 'foo' "$NAME: invalid input at line 2, column 1 (byte 9): data after '=' padding"
  bn_in 'MZXW6====\n' --base32 -d --strict
  bn_expect 1 'foo' "$NAME: invalid input at line 1, column 9 (byte 8): '=' padding out of place or incomplete"
  bn_in 'MZXW6\n' --base32 -d --strict
  bn_expect 1 '' "$NAME: invalid input at line 2, column 1 (byte 6): missing '=' padding"
  bn_in 'MZXW6' --base32 -d --strict --no-pad
  bn_ok foo
  bn_in 'MZXW6===' --base32 -d --strict --no-pad
  bn_expect 1 '' "$NAME: invalid input at line 1, column 6 (byte 5): '=' padding out of place or incomplete"
  bn_in 'MZXW7===' --base32 -d --strict
  bn_expect 1 'foo' "$NAME: invalid input at line 1, column 5 (byte 4): non-zero unused bits in the last character"
  bn_in 'CPNMU===' --base32hex -d --strict
  bn_ok foo
  bn_in ' MZXW 6=\r\n==\t' --base32 -d --lenient
  bn_ok foo
  bn_in 'MZXW6=' --base32 -d --lenient
  bn_ok foo
  bn_in '==MZXW7=====\nMZXW6' --base32 -d --lenient
  bn_ok foofoo
  bn_in 'MZXW6=MZ' --base32 -d --lenient
  bn_expect 1 'foo' "$NAME: invalid input at line 1, column 7 (byte 6): '=' padding out of place or incomplete"
  bn_in 'cafe\nBABE' --base16 -d --strict
  bn_expect 1 '\xca\xfe' "$NAME: invalid input at line 2, column 1 (byte 5): hex digit in the other case"
  bn_in 'CAFE\nBABE' --base16 -d --strict
  bn_ok '\xca\xfe\xba\xbe'
  bn_in 'ca fe\r\n' --base16 -d --lenient
  bn_ok '\xca\xfe'
  bn_in 'x' --base16 --strict --lenient -d
  bn_usage "options --strict and --lenient are mutually exclusive"
}

@test "basenc --base64 and --base64url take base64's decoding modes" {
  sextet_only
  bn_in 'QUJD\r\nQUJD\r\n' --base64 -d --strict --crlf
  bn_ok ABCABC
  bn_in 'QUJ' --base64 -d --strict
  bn_expect 1 'AB' "$NAME: invalid input at line 1, column 4 (byte 3): missing padding"
  bn_in ' QU JD\n' --base64url -d --lenient
  bn_ok ABC
  bn_in '-_-_' --base64url -d --strict
  bn_ok '\xfb\xff\xbf'
  printf 'ABC' >data
  bn --base64 --mime data </dev/null
  bn_ok 'QUJD\r\n'
}

@test "base32: -o, --check, --no-pad, --strict and --lenient; base64's line-end modes are not its options" {
  sextet_only
  b32 --version </dev/null
  printf 'fooba!' >data
  b32 --no-pad -o out data </dev/null
  expect_status 0
  [[ $(cat out) == MZXW6YTBEE ]]
  printf 'MZXW6YTB\nEE*\n' >text
  b32 --check text </dev/null
  expect_status 1
  [[ $(cat "$ERR") == "$BASE32: invalid input at line 2, column 3 (byte 11): unexpected byte 0x2a ('*')" ]]
  b32 -d --strict text </dev/null
  expect_status 1
  [[ $(cat "$ERR") == "$BASE32: invalid input at line 2, column 3 (byte 11): unexpected byte 0x2a ('*')" ]]
  printf 'MZXW6YTBEE\n' >text
  b32 -d --strict text </dev/null
  expect_status 1
  [[ $(cat "$ERR") == "$BASE32: invalid input at line 2, column 1 (byte 11): missing '=' padding" ]]
  printf 'MZXW6YTB EE=\r\n' >text
  b32 -d --lenient -o out text </dev/null
  expect_status 0
  [[ $(cat out) == 'fooba!' ]]
  b32 --crlf text </dev/null
  expect_status 1
  [[ $(head -n 1 "$ERR") == "$BASE32: unrecognized option '--crlf'" ]]
}

@test "--help names the encodings and the options, and says what applies where" {
  sextet_only
  bn --help </dev/null
  expect_status 0
  local o
  for o in "${ENCODINGS[@]}" decode ignore-garbage wrap no-pad strict \
    lenient crlf mime output check; do
    grep -q -- "--$o" "$OUT"
  done
  grep -q -- '--no-pad applies to the padded encodings' "$OUT"
  ! grep -q -- '--url-safe\|--list\|--extract' "$OUT"
}
