#!/usr/bin/env bats
# base32: "basenc --base32" as a program of its own, as GNU coreutils 9.10
# has it.  The program is "$BASE32"; every test skips when it is unset or
# names a file that does not exist.

# (SUT_VAR and CTX are read by basenc-helpers.bash; single quotes keep
# the '$' of z85 text.)
# shellcheck disable=SC2034,SC2016
SUT_VAR=BASE32
load basenc-helpers

# enc32_a N: the base32 encoding of N letters 'a' (one line, no newline).
enc32_a() {
  local n=$1
  awk -v n="$((n / 5))" 'BEGIN { for (i = 0; i < n; i++) printf "MFQWCYLB" }'
  case $((n % 5)) in
    1) printf 'ME======' ;;
    2) printf 'MFQQ====' ;;
    3) printf 'MFQWC===' ;;
    4) printf 'MFQWCYI=' ;;
  esac
}

# check_a N ARG...: N letters 'a' encode with the ARGs (-wCOLS form for
# the width; default 76) as enc32_a wrapped, and that text decodes back,
# also with one newline put at each of its first eleven positions.
check_a() {
  local n=$1 cols=76 a i
  shift
  for a in "$@"; do
    case $a in
      -w*) cols=${a#-w} ;;
    esac
  done
  enc32_a "$n" | ref_wrap "$cols" >want
  a_string "$n" >data
  CTX="$n letters 'a', options: $*"
  bn "$@" data </dev/null
  bn_expect_file 0 want
  for ((i = 0; i <= 10; i++)); do
    { head -c "$i" want; printf '\n'; tail -c +"$((i + 1))" want; } >text
    CTX="$n letters 'a' encoded, a newline put at $i"
    bn -d text </dev/null
    bn_expect_file 0 data
  done
}

# ---------------------------------------------------------------------
# Encoding

@test "empty input: no output, encoding and decoding, whatever the width" {
  enc_ok '' '' ''
  enc_ok '-w 0' '' ''
  enc_ok '-w 1' '' ''
  dec_ok '' '' ''
  dec_ok '' '\n\n\n' ''
  dec_ok '-i' '' ''
}

@test "RFC 4648 section 10 vectors, encoding and decoding" {
  local v
  for v in f:MY====== fo:MZXQ==== foo:MZXW6=== foob:MZXW6YQ= \
    fooba:MZXW6YTB foobar:MZXW6YTBOI======; do
    enc_ok '' "${v%%:*}" "${v#*:}\n"
    enc_ok -w0 "${v%%:*}" "${v#*:}"
    dec_ok '' "${v#*:}" "${v%%:*}"
    dec_ok '' "${v#*:}\n" "${v%%:*}"
  done
}

@test "1 to 5 letters 'a' and back, with newlines early in the text" {
  local n
  for n in 1 2 3 4 5; do
    check_a "$n"
  done
}

@test "-w 0: no newline at all; -w 08 is 8" {
  enc_ok '--wrap 0' a 'ME======'
  enc_ok '--wrap 08' a 'ME======\n'
  enc_ok '-w 08' aaaaaa 'MFQWCYLB\nME======\n'
}

@test "--wrap=5 for 39..46 letters 'a'" {
  local n
  for ((n = 39; n <= 46; n++)); do
    check_a "$n" -w5
  done
}

@test "the default width is 76: exactly 76 columns, then the rest" {
  # 45 bytes are 72 characters, 50 are 80.
  check_a 45
  check_a 50
  check_a 400
  enc_ok '' "$(a_string 50)" "$(enc32_a 50 | head -c 76)\nCYLB\n"
}

@test "random data of 0..20 bytes: the reference encoding, and back" {
  needs_python3 "compute the reference encodings"
  roundtrip base32 '' {0..20}
  roundtrip base32 -w7 {0..20}
  roundtrip base32 -w0 {0..20}
}

@test "round trip around the 30720-byte encoding blocks and 5120-byte decoding blocks" {
  needs_python3 "compute the reference encodings"
  local w
  for w in -w0 -w76; do
    roundtrip base32 "$w" 5114 5115 5119 5120 5121 5125 5126 10234 10235 \
      10239 10240 10241 10245 10246 30714 30715 30719 30720 30721 30725 \
      30726 61434 61435 61439 61440 61441 61445 61446
  done
}

@test "3072 letters 'a' (4915 characters) and 3072+-1..3, decoded" {
  local n
  for n in 3069 3070 3071 3072 3073 3074 3075; do
    enc32_a "$n" >text
    a_string "$n" >want
    CTX="$n letters 'a'"
    bn --decode text </dev/null
    bn_expect_file 0 want
  done
}

@test "a text of 8192 characters after 1..3 newlines: the last character read alone" {
  local k
  a_string 5120 >want
  for k in 0 1 2 3; do
    { newlines "$k"; enc32_a 5120; } >text
    CTX="$k newlines first"
    bn -d text </dev/null
    bn_expect_file 0 want
  done
}

@test "the text of 3072 letters 'a' after 1..3 newlines" {
  local k
  a_string 3072 >want
  for k in 1 2 3; do
    { newlines "$k"; enc32_a 3072; } >text
    CTX="$k newlines first"
    bn -d text </dev/null
    bn_expect_file 0 want
  done
}

# ---------------------------------------------------------------------
# Decoding

@test "decoding rules (the same as basenc --base32)" {
  b32_decoding_table ''
}

@test "the GNU vectors" {
  enc_ok '' '\xfd\xd8\x07\xd1\xa5' '7XMAPUNF\n'
  enc_ok '' '\xff\x00' '74AA====\n'
  dec_ok '' '7XMAPUNF' '\xfd\xd8\x07\xd1\xa5'
  dec_ok -i '&7XMAPUNF' '\xfd\xd8\x07\xd1\xa5'
  dec_ok '' '74AA====' '\xff\x00'
  dec_ok -i '74AA====' '\xff\x00'
  dec_ok '' 'MFRGG' abc
  dec_ok '' 'MFRGG===' abc
  dec_ok '' 'MFRGGZDFMFRGG' abcdeabc
  dec_ok '' 'MFRGGZDF\nMFRGG' abcdeabc
  dec_bad '' 'MFRGGZDF=' abcde
  dec_bad '' 'MFRGGZDF=\n' abcde
}

@test "a newline at every position of a padded text" {
  with_newline_at_every_position '' 'MZXW6YQ=' foob
  with_newline_at_every_position '' 'MZXW6YTBOI======' foobar
}

@test "base32hex text is not base32: '0', '1', '8', '9' are invalid" {
  # "fooba" in base32hex; its letters are base32 letters of other values.
  dec_bad '' 'CPNMUOJ1' '\x13\xda\xca\x39'
  dec_ok '' 'CPNMUOJQ' '\x13\xda\xca\x39\x30'
  dec_bad '' 'CO======' '\x13'
  dec_bad '' '8' ''
  dec_bad '' '9' ''
}

@test "an invalid character after the first 8192-character read: all of it written" {
  a_string 5120 >want
  enc32_a 5120 >text
  printf 'MFRGG*' >>text
  printf abc >>want
  bn -d text </dev/null
  bn_expect_file 1 want "$NAME: invalid input"
}

@test "-i when encoding changes nothing" {
  enc_ok -i 'f*' 'MYVA====\n'
  enc_ok '--ignore-garbage -w 4' 'f*' 'MYVA\n====\n'
}

@test "--decode, -d and --dec are one option; -di bundles" {
  dec_ok '' 'ME' a
  bn_in 'ME' --decode
  bn_ok a
  bn_in 'ME' --dec
  bn_ok a
  bn_in '*ME' -di
  bn_ok a
  bn_in '*ME' --ig -d
  bn_ok a
}

# ---------------------------------------------------------------------
# The command line

@test "no encoding option needed, and basenc's options are unknown" {
  enc_ok '' f 'MY======\n'
  bn --base32 </dev/null
  bn_usage "unrecognized option '--base32'"
  bn --base64 </dev/null
  bn_usage "unrecognized option '--base64'"
  bn --b </dev/null
  bn_usage "unrecognized option '--b'"
}

@test "an unknown option, -w without its argument" {
  bn -z </dev/null
  bn_usage "invalid option -- 'z'"
  bn --foobar </dev/null
  bn_usage "unrecognized option '--foobar'"
  bn -w </dev/null
  bn_usage "option requires an argument -- 'w'"
  bn --wrap </dev/null
  bn_usage "option '--wrap' requires an argument"
  bn --decode=x </dev/null
  bn_usage "option '--decode' doesn't allow an argument"
}

@test "invalid -w values: 'NAME: invalid wrap size: 'VALUE'', exit 1" {
  local v
  for v in 0x0 1k -1 '' x; do
    bn -w "$v" </dev/null
    bn_fatal "invalid wrap size: '$v'"
  done
}

@test "-w beyond intmax_t is taken as 0" {
  enc_ok '-w 99999999999999999999' f 'MY======'
}

@test "two operands: extra operand names the second" {
  bn a b </dev/null
  bn_usage "extra operand 'b'"
  bn -di --wrap=40 a b </dev/null
  bn_usage "extra operand 'b'"
}

@test "a missing file, a directory, closed stdin" {
  bn nosuch </dev/null
  bn_fatal "nosuch: No such file or directory"
  bn -d nosuch </dev/null
  bn_fatal "nosuch: No such file or directory"
  mkdir dir
  bn dir </dev/null
  bn_fatal "read error: Is a directory"
  bn -d dir </dev/null
  bn_fatal "read error: Is a directory"
  bn <&-
  bn_fatal "read error: Bad file descriptor"
}

@test "'-' is stdin; options may follow the operand" {
  bn_in 'f' -
  bn_ok 'MY======\n'
  bn_in 'MY' - -d
  bn_ok f
  printf f >file
  bn file -w 3 </dev/null
  bn_ok 'MY=\n===\n==\n'
}

@test "--help: exit 0, nothing on stderr, 'Usage: NAME [OPTION]... [FILE]'" {
  bn --help </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $NAME [OPTION]... [FILE]" ]]
  bn --he -x </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $NAME [OPTION]... [FILE]" ]]
}

@test "--version: exit 0, first line 'base32 (PACKAGE) VERSION'" {
  bn --version </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") =~ ^base32\ \((GNU\ coreutils|sextet)\)\ [0-9][0-9A-Za-z.+~-]*$ ]]
  bn --v </dev/null
  expect_status 0
  [[ $(head -n 1 "$OUT") =~ ^base32\ \((GNU\ coreutils|sextet)\)\ [0-9][0-9A-Za-z.+~-]*$ ]]
}

@test "diagnostics and the usage line use argv[0] as given" {
  if [[ -n $BN_WRAPPER ]]; then
    skip "$PROG is a wrapper script that sets argv[0] itself (run the program itself)"
  fi
  status=0
  (exec -a my-b32 "$PROG" --foobar) </dev/null >"$OUT" 2>"$ERR" ||
    status=$?
  bn_expect 1 "" "my-b32: unrecognized option '--foobar'" \
    "Try 'my-b32 --help' for more information."
  status=0
  (exec -a my-b32 "$PROG" -d) <<<'M' >"$OUT" 2>"$ERR" || status=$?
  bn_expect 1 "" "my-b32: invalid input"
  status=0
  (exec -a my-b32 "$PROG" --help) </dev/null >"$OUT" 2>"$ERR" ||
    status=$?
  [[ $(head -n 1 "$OUT") == "Usage: my-b32 [OPTION]... [FILE]" ]]
}

@test "a full output device: 'NAME: write error: No space left on device'" {
  needs_dev_full
  status=0
  printf abc | "$PROG" >/dev/full 2>"$ERR" || status=$?
  : >"$OUT"
  bn_expect 1 "" "$NAME: write error: No space left on device"
}
