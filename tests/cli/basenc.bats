#!/usr/bin/env bats
# basenc: every encoding, encoding and decoding, and the command line, as
# GNU coreutils 9.10 has them.  The program is "$BASENC"; every test skips
# when it is unset or names a file that does not exist.

# (SUT_VAR and CTX are read by basenc-helpers.bash; single quotes keep
# the '$' of z85 text.)
# shellcheck disable=SC2034,SC2016
SUT_VAR=BASENC
load basenc-helpers

# All encoding options, in the order of GNU's --help.
ENCODINGS=(base64 base64url base58 base32 base32hex base16 base2msbf
  base2lsbf z85)

# ---------------------------------------------------------------------
# The command line

@test "no encoding option: 'missing encoding type', the Try line, exit 1, nothing read" {
  bn_in 'abc'
  bn_usage "missing encoding type"
  bn_in 'YWJj' -d
  bn_usage "missing encoding type"
  bn_in 'abc' -i -w 5
  bn_usage "missing encoding type"
  printf abc >file
  bn file </dev/null
  bn_usage "missing encoding type"
}

@test "the missing encoding is reported before an extra operand or a missing file" {
  bn A B </dev/null
  bn_usage "missing encoding type"
  bn nosuch </dev/null
  bn_usage "missing encoding type"
}

@test "an unknown long option: unrecognized option, the Try line, exit 1" {
  bn --base64 --foobar </dev/null
  bn_usage "unrecognized option '--foobar'"
  bn --foobar </dev/null
  bn_usage "unrecognized option '--foobar'"
  bn --base64 --foobar=1 </dev/null
  bn_usage "unrecognized option '--foobar=1'"
  bn --base63 </dev/null
  bn_usage "unrecognized option '--base63'"
}

@test "an unknown short option: invalid option -- 'x', also inside a bundle" {
  bn --base64 -x </dev/null
  bn_usage "invalid option -- 'x'"
  bn --base64 -dx </dev/null
  bn_usage "invalid option -- 'x'"
}

@test "the first bad option is the one reported" {
  bn -x --bogus </dev/null
  bn_usage "invalid option -- 'x'"
  bn --foo -w x </dev/null
  bn_usage "unrecognized option '--foo'"
  bn -w x --foo </dev/null
  bn_fatal "invalid wrap size: 'x'"
  bn --foo --help </dev/null
  bn_usage "unrecognized option '--foo'"
}

@test "-w and --wrap without their argument" {
  bn --base32 -w </dev/null
  bn_usage "option requires an argument -- 'w'"
  bn --base32 --wrap </dev/null
  bn_usage "option '--wrap' requires an argument"
  bn --base32 --wr </dev/null
  bn_usage "option '--wrap' requires an argument"
}

@test "an option that takes no argument given one names the whole option" {
  bn --base64=1 </dev/null
  bn_usage "option '--base64' doesn't allow an argument"
  bn --base32h=1 </dev/null
  bn_usage "option '--base32hex' doesn't allow an argument"
  bn --base64 --decode=1 </dev/null
  bn_usage "option '--decode' doesn't allow an argument"
  bn --base64 --dec=1 </dev/null
  bn_usage "option '--decode' doesn't allow an argument"
  bn --base64 --help=1 </dev/null
  bn_usage "option '--help' doesn't allow an argument"
  bn --base64 --version=1 </dev/null
  bn_usage "option '--version' doesn't allow an argument"
}

@test "an ambiguous abbreviation lists the candidates in the option table's order" {
  bn --base3 </dev/null
  bn_usage "option '--base3' is ambiguous; possibilities: '--base32' '--base32hex'"
  bn --base6 </dev/null
  bn_usage "option '--base6' is ambiguous; possibilities: '--base64' '--base64url'"
  bn --base2 </dev/null
  bn_usage "option '--base2' is ambiguous; possibilities: '--base2msbf' '--base2lsbf'"
  bn --base </dev/null
  bn_usage "option '--base' is ambiguous; possibilities: '--base64' '--base64url' '--base58' '--base32' '--base32hex' '--base16' '--base2msbf' '--base2lsbf'"
}

@test "an ambiguous abbreviation with a value keeps the value in the message" {
  bn --base3=1 </dev/null
  bn_usage "option '--base3=1' is ambiguous; possibilities: '--base32' '--base32hex'"
}

@test "unique abbreviations of the encoding options select them" {
  enc_ok --base32h 'f' 'CO======\n'
  enc_ok --base64u '\xfb\xff' '-_8=\n'
  enc_ok --base64 '\xfb\xff' '+/8=\n'
  enc_ok --base5 'Hello World!' '2NEpo7TZRRrLZSi2U\n'
  enc_ok --base1 'f' '66\n'
  enc_ok --base2m 'a' '01100001\n'
  enc_ok --base2l 'a' '10000110\n'
  enc_ok --z 'ABCD' 'k%^}b\n'
}

@test "unique abbreviations of --decode, --ignore-garbage, --wrap" {
  dec_ok --base16 '666F' fo
  bn_in '666F' --base16 --dec
  bn_ok fo
  bn_in '666F' --base16 --d
  bn_ok fo
  bn_in '6*6' --base16 --d --ig
  bn_ok f
  bn_in '6*6' --base16 --d --i
  bn_ok f
  enc_ok '--base16 --w 3' 'fo' '666\nF\n'
  enc_ok '--base16 --wr=3' 'fo' '666\nF\n'
}

@test "the last encoding option wins" {
  enc_ok '--base64 --base32' f 'MY======\n'
  enc_ok '--base32 --base64' f 'Zg==\n'
  enc_ok '--z85 --base16' f '66\n'
  enc_ok '--base16 --base2lsbf' f '01100110\n'
  enc_ok '--base2lsbf --base2msbf' f '01100110\n'
  enc_ok '--base2msbf --base2lsbf' '\x01' '10000000\n'
  enc_ok '--base32 --base32hex' f 'CO======\n'
  enc_ok '--base64 --base64url' '\xfb\xff' '-_8=\n'
  enc_ok '--base64url --base58' 'Hello World!' '2NEpo7TZRRrLZSi2U\n'
  enc_ok '--base58 --z85 --base58' '\0\0' '11\n'
  dec_ok '--base16 --base32' 'MY' f
  bn_in f --base16 --z85
  bn_fatal "invalid input (length must be multiple of 4 characters)"
}

@test "two operands: extra operand names the second, before any file is opened" {
  bn --base64 A B </dev/null
  bn_usage "extra operand 'B'"
  bn --base64 A B C </dev/null
  bn_usage "extra operand 'B'"
  bn -d --base32 -i -w 40 a b </dev/null
  bn_usage "extra operand 'b'"
  bn --base64 - - </dev/null
  bn_usage "extra operand '-'"
}

@test "a missing file: 'NAME: FILE: No such file or directory', exit 1, encoding or decoding" {
  bn --base64 nosuch </dev/null
  bn_fatal "nosuch: No such file or directory"
  bn --base16 -d nosuch </dev/null
  bn_fatal "nosuch: No such file or directory"
}

@test "a missing file's name is quoted when the shell would need it" {
  bn --base64 'a b' </dev/null
  bn_fatal "'a b': No such file or directory"
  bn --base64 "it's" </dev/null
  bn_fatal "\"it's\": No such file or directory"
  bn --base64 $'x\ny' </dev/null
  bn_fatal "'x'\$'\\n''y': No such file or directory"
}

@test "a directory as input: 'NAME: read error: Is a directory', exit 1" {
  mkdir dir
  bn --base64 dir </dev/null
  bn_fatal "read error: Is a directory"
  bn --z85 -d dir </dev/null
  bn_fatal "read error: Is a directory"
}

@test "closed stdin: 'NAME: read error: Bad file descriptor', exit 1" {
  bn --base32 <&-
  bn_fatal "read error: Bad file descriptor"
  bn --base32 -d <&-
  bn_fatal "read error: Bad file descriptor"
}

@test "a full output device: 'NAME: write error: No space left on device', exit 1" {
  needs_dev_full
  status=0
  printf abc | "$PROG" --base64 >/dev/full 2>"$ERR" || status=$?
  : >"$OUT"
  bn_expect 1 "" "$NAME: write error: No space left on device"
  status=0
  printf YWJj | "$PROG" --base64 -d >/dev/full 2>"$ERR" || status=$?
  bn_expect 1 "" "$NAME: write error: No space left on device"
}

# GNU's error() flushes standard output before "invalid input"; the write
# fails there, and close_stdout says "write error" with no reason, unless
# closing descriptor 1 fails as well (closed from the start, and not
# taken by the input FILE): then EBADF's.
@test "invalid input after decoded bytes to a failing output: 'invalid input', 'write error'" {
  needs_dev_full
  local args enc text
  for args in "--base64 YWJj!" "--base64url YWJj!" "--base32 MFRGG===!" \
      "--base32hex C5H66===!" "--base16 616263!" "--base2msbf 01100001!" \
      "--base2lsbf 10000110!" "--z85 vqG:5!"; do
    CTX=$args
    read -r enc text <<<"$args"
    status=0
    printf '%s' "$text" | "$PROG" "$enc" -d >/dev/full 2>"$ERR" || status=$?
    : >"$OUT"
    bn_expect 1 "" "$NAME: invalid input" "$NAME: write error"
    status=0
    printf '%s' "$text" >in
    "$PROG" "$enc" -d in >&- 2>"$ERR" || status=$?
    bn_expect 1 "" "$NAME: invalid input" "$NAME: write error"
    status=0
    "$PROG" "$enc" -d <in >&- 2>"$ERR" || status=$?
    bn_expect 1 "" "$NAME: invalid input" \
      "$NAME: write error: Bad file descriptor"
  done
}

# GNU's decoder gives a block's bytes (up to 4200) to one fwrite: 4096 of
# them go past its 4096-byte stdio buffer straight to write(2), which
# fails before the invalid byte is looked at; 4095 wait in the buffer.
@test "exactly 4096 decoded bytes, then invalid input, to /dev/full: only the write error" {
  needs_dev_full
  local enc
  for enc in --base16 --base32 --base64 --base2msbf; do
    CTX=$enc
    head -c 4096 /dev/zero | "$PROG" "$enc" >in
    printf '!' >>in
    status=0
    "$PROG" "$enc" -d in >/dev/full 2>"$ERR" || status=$?
    : >"$OUT"
    bn_expect 1 "" "$NAME: write error: No space left on device"
    head -c 4095 /dev/zero | "$PROG" "$enc" >in
    printf '!' >>in
    status=0
    "$PROG" "$enc" -d in >/dev/full 2>"$ERR" || status=$?
    bn_expect 1 "" "$NAME: invalid input" "$NAME: write error"
  done
}

@test "'-' is standard input, encoding and decoding" {
  bn_in 'abc' --base64 -
  bn_ok 'YWJj\n'
  bn_in 'YWJj' --base64 -d -
  bn_ok abc
}

@test "a FILE operand is read instead of standard input" {
  printf 'fo' >file
  bn_in 'ignored' --base16 file
  bn_ok '666F\n'
  printf '666F' >text
  bn_in 'ignored' --base16 -d text
  bn_ok fo
}

@test "options after the operand still count" {
  printf 'fo' >file
  bn file --base16 -w 3
  bn_ok '666\nF\n'
  printf '666F' >text
  bn text -d --base16
  bn_ok fo
}

@test "with POSIXLY_CORRECT, an option after the operand is an extra operand" {
  printf 'fo' >file
  status=0
  POSIXLY_CORRECT=1 "$PROG" --base16 file -d >"$OUT" 2>"$ERR" </dev/null ||
    status=$?
  bn_usage "extra operand '-d'"
}

@test "'--' ends the options: what follows is a file name" {
  printf 'fo' >-w
  bn --base16 -- -w </dev/null
  bn_ok '666F\n'
  bn --base16 -- --help </dev/null
  bn_fatal "--help: No such file or directory"
}

@test "--help: exit 0, nothing on stderr, first line 'Usage: NAME [OPTION]... [FILE]'" {
  bn --help </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $NAME [OPTION]... [FILE]" ]]
}

@test "--help needs no encoding option and wins over options after it" {
  bn --help --foobar </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $NAME [OPTION]... [FILE]" ]]
  bn -d --he A B </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $NAME [OPTION]... [FILE]" ]]
}

@test "--version: exit 0, nothing on stderr, first line 'basenc (PACKAGE) VERSION'" {
  bn --version </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") =~ ^basenc\ \((GNU\ coreutils|sextet)\)\ [0-9][0-9A-Za-z.+~-]*$ ]]
  bn --base64 --vers </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") =~ ^basenc\ \((GNU\ coreutils|sextet)\)\ [0-9][0-9A-Za-z.+~-]*$ ]]
}

@test "diagnostics and the usage line use argv[0] as given" {
  if [[ -n $BN_WRAPPER ]]; then
    skip "$PROG is a wrapper script that sets argv[0] itself (run the program itself)"
  fi
  status=0
  (exec -a my-basenc "$PROG" --base64 --foobar) </dev/null >"$OUT" \
    2>"$ERR" || status=$?
  bn_expect 1 "" "my-basenc: unrecognized option '--foobar'" \
    "Try 'my-basenc --help' for more information."
  status=0
  (exec -a my-basenc "$PROG" --base64 -d) <<<'*' >"$OUT" 2>"$ERR" ||
    status=$?
  bn_expect 1 "" "my-basenc: invalid input"
  status=0
  (exec -a my-basenc "$PROG" --help) </dev/null >"$OUT" 2>"$ERR" ||
    status=$?
  [[ $(head -n 1 "$OUT") == "Usage: my-basenc [OPTION]... [FILE]" ]]
}

# ---------------------------------------------------------------------
# -w / --wrap

@test "empty input gives no output at all, for every encoding, encoding and decoding" {
  local e
  for e in "${ENCODINGS[@]}"; do
    enc_ok "--$e" '' ''
    enc_ok "--$e -w 5" '' ''
    enc_ok "--$e -w0" '' ''
    dec_ok "--$e" '' ''
    dec_ok "--$e -i" '' ''
    dec_ok "--$e" '\n\n' ''
  done
}

@test "the default width is 76 for every encoding, with a final newline" {
  needs_python3 "compute the reference encodings"
  local e
  for e in "${ENCODINGS[@]}"; do
    roundtrip "$e" '' 200
  done
}

@test "a line of exactly 76 characters ends with one newline, no empty line" {
  enc_ok --base16 "$(a_string 38)" "$(printf '61%.0s' {1..38})\n"
  enc_ok --base2msbf "$(a_string 19)" \
    "$(printf '01100001%.0s' {1..9})0110\n0001$(printf '01100001%.0s' {1..9})\n"
}

@test "-w 0 disables wrapping and the final newline; -w N wraps at N" {
  needs_python3 "compute the reference encodings"
  local e w
  for e in "${ENCODINGS[@]}"; do
    random_file data 40
    ref_file "$e" 0 data line
    for w in 0 1 2 3 5 7 8 64 77; do
      ref_wrap "$w" <line >want
      CTX="--$e -w $w, 40 random bytes ($BATS_TEST_TMPDIR/data)"
      bn "--$e" -w "$w" data </dev/null
      bn_expect_file 0 want
      bn "--$e" -d <want
      bn_expect_file 0 data
    done
  done
}

@test "-w forms: -w N, -wN, --wrap N, --wrap=N; the last one counts" {
  enc_ok '--base16 -w 3' 'fo' '666\nF\n'
  enc_ok '--base16 -w3' 'fo' '666\nF\n'
  enc_ok '--base16 --wrap 3' 'fo' '666\nF\n'
  enc_ok '--base16 --wrap=3' 'fo' '666\nF\n'
  enc_ok '--base16 -w 5 -w 0' 'fo' '666F'
  enc_ok '--base16 -w0 -w 3' 'fo' '666\nF\n'
}

@test "-w takes decimal digits after optional blanks and a sign" {
  enc_ok '--base16 -w 08' 'abcde' '61626364\n65\n'
  enc_ok '--base16 -w +3' 'fo' '666\nF\n'
  enc_ok '--base16 -w -0' 'fo' '666F'
  bn_in 'fo' --base16 -w ' 3'
  bn_ok '666\nF\n'
  bn_in 'fo' --base16 -w $'\t3'
  bn_ok '666\nF\n'
}

@test "-w of the largest intmax_t wraps nowhere but keeps the final newline" {
  enc_ok '--base32 -w 9223372036854775807' 'f' 'MY======\n'
  enc_ok '--base32 -w 9223372036854775807' '' ''
}

@test "-w beyond intmax_t is taken as 0: no newline at all" {
  enc_ok '--base32 -w 9223372036854775808' 'f' 'MY======'
  enc_ok '--base32 -w 99999999999999999999999' 'f' 'MY======'
}

@test "invalid -w values: 'NAME: invalid wrap size: 'VALUE'', exit 1, no Try line" {
  local v
  for v in abc 1k -1 0x0 1.5 1e3 '5 ' '0 ' 3d '' -99999999999999999999; do
    bn --base64 -w "$v" </dev/null
    bn_fatal "invalid wrap size: '$v'"
  done
  bn --base64 --wrap=1k </dev/null
  bn_fatal "invalid wrap size: '1k'"
}

@test "an invalid -w value is quoted with C escapes" {
  bn --base16 -w "a'b" </dev/null
  bn_fatal "invalid wrap size: 'a\\'b'"
}

@test "an option's name given as -w's value is the value" {
  bn --wr --base64 </dev/null
  bn_fatal "invalid wrap size: '--base64'"
  bn --base64 -w3d </dev/null
  bn_fatal "invalid wrap size: '3d'"
}

@test "-i when encoding changes nothing" {
  enc_ok '--base64 -i' 'f*' 'Zio=\n'
  enc_ok '--z85 --ignore-garbage' 'f*\0\0' 'w?0=X\n'
  enc_ok '--base16 -i -w 2' 'f*' '66\n2A\n'
}

@test "-w is checked when decoding too, and otherwise ignored there" {
  bn_in '666F' --base16 -d -w x
  bn_fatal "invalid wrap size: 'x'"
  dec_ok '--base16 -w 1' '666F' fo
  dec_ok '--base16 -w 0' '666F' fo
}

# ---------------------------------------------------------------------
# Encoding: test vectors, round trips against the reference

@test "RFC 4648 section 10 vectors: base64, base32, base32hex, base16" {
  local v
  for v in f:Zg==:MY======:CO======:66 fo:Zm8=:MZXQ====:CPNG====:666F \
    foo:Zm9v:MZXW6===:CPNMU===:666F6F \
    foob:Zm9vYg==:MZXW6YQ=:CPNMUOG=:666F6F62 \
    fooba:Zm9vYmE=:MZXW6YTB:CPNMUOJ1:666F6F6261 \
    foobar:Zm9vYmFy:MZXW6YTBOI======:CPNMUOJ1E8======:666F6F626172; do
    IFS=: read -r plain b64 b32 b32h b16 <<<"$v"
    enc_ok --base64 "$plain" "$b64\n"
    enc_ok --base32 "$plain" "$b32\n"
    enc_ok --base32hex "$plain" "$b32h\n"
    enc_ok --base16 "$plain" "$b16\n"
    dec_ok --base64 "$b64" "$plain"
    dec_ok --base32 "$b32" "$plain"
    dec_ok --base32hex "$b32h" "$plain"
    dec_ok --base16 "$b16" "$plain"
  done
}

@test "base64url differs from base64 in its 62nd and 63rd characters only" {
  enc_ok --base64 'T\x0f\xdc\xf0\x0f\xafJ' 'VA/c8A+vSg==\n'
  enc_ok --base64url 'T\x0f\xdc\xf0\x0f\xafJ' 'VA_c8A-vSg==\n'
  enc_ok --base64url '\xfb\xef\xbe' '----\n'
  enc_ok --base64url '\xff\xff\xff' '____\n'
}

@test "base32hex: the extended hex alphabet, padded with '='" {
  enc_ok --base32hex '\xfd\xd8\x07\xd1\xa5' 'VNC0FKD5\n'
  enc_ok --base32 '\xfd\xd8\x07\xd1\xa5' '7XMAPUNF\n'
  enc_ok --base32hex '\xff\x00' 'VS00====\n'
  enc_ok --base32 '\xff\x00' '74AA====\n'
}

@test "base16 encodes in upper case" {
  enc_ok --base16 '\xfd\xd8\x07\xd1\xa5' 'FDD807D1A5\n'
  enc_ok --base16 '\x00\x0f\xf0\xff' '000FF0FF\n'
}

@test "base2msbf and base2lsbf: eight digits a byte, in opposite bit orders" {
  enc_ok --base2msbf '\xc1' '11000001\n'
  enc_ok --base2lsbf '\x83' '11000001\n'
  enc_ok --base2msbf 'ab' '0110000101100010\n'
  enc_ok --base2lsbf 'ab' '1000011001000110\n'
  enc_ok '--base2msbf -w 3' 'ab' '011\n000\n010\n110\n001\n0\n'
}

@test "base2msbf and base2lsbf of all 256 byte values match the reference" {
  needs_python3 "compute the reference encodings"
  all_bytes data
  ref_file base2msbf 76 data want
  bn --base2msbf data </dev/null
  bn_expect_file 0 want
  ref_file base2lsbf 0 data want
  bn --base2lsbf -w0 data </dev/null
  bn_expect_file 0 want
}

@test "z85: the ZeroMQ vectors and the largest value" {
  enc_ok --z85 '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b' 'HelloWorld\n'
  enc_ok --z85 'ABCD' 'k%^}b\n'
  enc_ok --z85 '\xff\xff\xff\xff' '%nSc0\n'
  enc_ok --z85 '\0\0\0\0' '00000\n'
}

@test "z85 of a length that is not a multiple of 4: an error, nothing written" {
  local v
  for v in A AB ABC ABCDE ABCDEFGHI; do
    bn_in "$v" --z85
    bn_fatal "invalid input (length must be multiple of 4 characters)"
    bn_in "$v" --z85 -w0
    bn_fatal "invalid input (length must be multiple of 4 characters)"
  done
}

@test "z85 of 30721 bytes: the first 30720-byte block is written, then the error" {
  needs_python3 "compute the reference encodings"
  head -c 30721 /dev/zero >data
  head -c 30720 data | ref z85 76 >want
  # The last line's newline is not written: it would come with the next
  # character.
  head -c -1 want >want2
  bn --z85 data </dev/null
  bn_expect_file 1 want2 \
    "$NAME: invalid input (length must be multiple of 4 characters)"
  [[ $(wc -c <"$OUT") -eq 38905 ]]
  head -c 30720 data | ref z85 0 >want
  bn --z85 -w0 data </dev/null
  bn_expect_file 1 want \
    "$NAME: invalid input (length must be multiple of 4 characters)"
}

@test "z85 refused after a block that fills its last line: that line's newline is not written" {
  needs_python3 "compute the reference encodings"
  # 30720 bytes are 38400 characters: 384 lines of 100, 480 of 80.
  head -c 30723 /dev/zero >data
  head -c 30720 data | ref z85 100 | head -c -1 >want
  bn --z85 -w 100 data </dev/null
  bn_expect_file 1 want \
    "$NAME: invalid input (length must be multiple of 4 characters)"
  head -c 30720 data | ref z85 80 | head -c -1 >want
  bn --z85 -w80 data </dev/null
  bn_expect_file 1 want \
    "$NAME: invalid input (length must be multiple of 4 characters)"
}

@test "z85 of 2 x 30720 + 3 bytes: two blocks written, then the error" {
  needs_python3 "compute the reference encodings"
  random_file data 61443
  head -c 61440 data | ref z85 0 >want
  bn --z85 -w0 data </dev/null
  bn_expect_file 1 want \
    "$NAME: invalid input (length must be multiple of 4 characters)"
}

@test "base58: the vectors, leading zero bytes as '1's" {
  enc_ok --base58 'Hello World!' '2NEpo7TZRRrLZSi2U\n'
  enc_ok --base58 '\0\0\x28\x7f\xb4\xcd' '11233QC4\n'
  enc_ok --base58 '\0' '1\n'
  enc_ok --base58 '\0\0\0' '111\n'
  enc_ok --base58 '\0\0\x01' '112\n'
  enc_ok --base58 '1\0' '4jH\n'
  enc_ok --base58 'a' '2g\n'
  enc_ok --base58 '\x39' 'z\n'
  enc_ok --base58 '\x3a' '21\n'
}

@test "base58: all 58 digits in one 42-byte value" {
  local bytes='\x3b\xf4\x5c\x25\x32\x95\xa0\xca\x62\xc9\x86\x1c\x4e\x11'
  bytes+='\xe8\x46\x0d\xbb\x98\x97\x44\x72\x1f\xe9\x0b\x57\x30\x38\xff'
  bytes+='\xfd\xac\xcd\xdf\x5d\x6d\x3d\xc6\x2a\x64\x11\x55\xa5'
  local digits=213456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz
  enc_ok '--base58 -w0' "$bytes" "$digits"
  dec_ok --base58 "$digits" "$bytes"
}

@test "base58 output is wrapped like the others" {
  enc_ok '--base58 -w 5' 'Hello World!' '2NEpo\n7TZRR\nrLZSi\n2U\n'
  enc_ok '--base58 -w0' 'Hello World!' '2NEpo7TZRRrLZSi2U'
}

@test "base58 of 32768 zero bytes is 32768 '1's, and back" {
  head -c 32768 /dev/zero >zeros
  head -c 32768 /dev/zero | tr '\0' 1 >ones
  bn --base58 -w0 zeros </dev/null
  bn_expect_file 0 ones
  bn --base58 -d ones </dev/null
  bn_expect_file 0 zeros
  ref_wrap 76 <ones >want
  bn --base58 zeros </dev/null
  bn_expect_file 0 want
}

@test "round trip of 0..20 random bytes for every encoding, default width" {
  needs_python3 "compute the reference encodings"
  local e
  for e in "${ENCODINGS[@]}"; do
    if [[ $e == z85 ]]; then
      roundtrip z85 '' 0 4 8 12 16 20
    else
      roundtrip "$e" '' {0..20}
    fi
  done
}

@test "round trip of 0..20 random bytes for every encoding, -w0 and -w3" {
  needs_python3 "compute the reference encodings"
  local e w
  for e in "${ENCODINGS[@]}"; do
    for w in -w0 -w3; do
      if [[ $e == z85 ]]; then
        roundtrip z85 "$w" 0 4 8 12 16 20
      else
        roundtrip "$e" "$w" {0..20}
      fi
    done
  done
}

@test "round trip around the 30720-byte encoding blocks, every encoding" {
  needs_python3 "compute the reference encodings"
  local e
  for e in base64 base64url base32 base32hex base16; do
    roundtrip "$e" '' 30712 30716 30717 30718 30719 30720 30721 30722 \
      30723 30724 30728 61436 61439 61440 61441 61444
  done
  roundtrip z85 '' 30712 30716 30720 30724 30728 61436 61440 61444
  roundtrip base2msbf -w0 30719 30720 30721
  roundtrip base2lsbf '' 30719 30720 30721
  roundtrip base58 '' 30721
  roundtrip base58 -w0 61441
}

@test "round trip around the 4200-byte decoding blocks, every encoding" {
  needs_python3 "compute the reference encodings"
  local e w
  for e in base64 base64url base32 base32hex base16 base2msbf base2lsbf; do
    for w in -w0 -w76; do
      roundtrip "$e" "$w" 4195 4196 4199 4200 4201 4204 4205 8395 8396 \
        8399 8400 8401 8404 8405
    done
  done
  roundtrip z85 -w0 4196 4200 4204 8396 8400 8404
  roundtrip z85 -w76 4196 4200 4204 8396 8400 8404
}

# ---------------------------------------------------------------------
# Decoding

@test "decoding accepts a newline at every position, and runs of them" {
  with_newline_at_every_position --base64 'Zm9vYg==' foob
  with_newline_at_every_position --base64url 'VA_c8A-vSg==' 'T\x0f\xdc\xf0\x0f\xafJ'
  with_newline_at_every_position --base32 'MZXW6YQ=' foob
  with_newline_at_every_position --base32hex 'CPNMUOG=' foob
  with_newline_at_every_position --base16 '666F6f62' foob
  with_newline_at_every_position --base2msbf '0110011001101111' fo
  with_newline_at_every_position --base2lsbf '0110011011110110' fo
  with_newline_at_every_position --z85 'HelloWorld' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  with_newline_at_every_position --base58 '2NEpo7TZRRrLZSi2U' 'Hello World!'
}

@test "a carriage return is not a newline: invalid in every encoding without -i" {
  dec_bad --base64 'Zm9v\r\n' foo
  dec_bad --base64url 'Zm9v\r\n' foo
  dec_bad --base32 'MZXW6YTB\r\n' fooba
  dec_bad --base32hex 'CPNMUOJ1\r\n' fooba
  dec_bad --base16 '666F\r\n' fo
  dec_bad --base2msbf '01100110\r\n' f
  dec_bad --base2lsbf '01100110\r\n' f
  dec_bad --z85 'HelloWorld\r\n' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_bad --base58 '2NEpo7TZRRrLZSi2U\r\n' ''
}

@test "-i drops carriage returns, blanks and other bytes outside the alphabet" {
  dec_ok '--base64 -i' ' Zm9v\r\nYm\tFy\x80\xff' foobar
  dec_ok '--base64url -i' ' Zm9v\r\nYm\tFy\x80\xff' foobar
  dec_ok '--base32 -i' ' MZXW\r\n6YTB\t\x80' fooba
  dec_ok '--base32hex -i' ' CPNM\r\nUOJ1\t\x80' fooba
  dec_ok '--base16 -i' ' 66\r\n6F\t\x80' fo
  dec_ok '--base2msbf -i' ' 0110\r\n0110\t\x80' f
  dec_ok '--base2lsbf -i' ' 0110\r\n0110\t\x80' f
  dec_ok '--z85 -i' ' Hello\r\nWorld\t\x80' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_ok '--base58 -i' ' 2NEpo7TZ\r\nRRrLZSi2U\t\x80' 'Hello World!'
}

@test "-i keeps '=' for base64, base64url, base32, base32hex" {
  dec_ok '--base64 -i' 'QQ=*=' A
  dec_bad '--base64 -i' '=QQ' ''
  dec_bad '--base64url -i' '=QUJD=' ''
  dec_bad '--base32 -i' '=ME' ''
  dec_bad '--base32hex -i' '=CO' ''
}

@test "-i drops '=' for the encodings that do not pad: base16, base2, base58" {
  dec_ok '--base16 -i' '=F=D=' '\xfd'
  dec_ok '--base2msbf -i' '=0110=0001=' a
  dec_ok '--base2lsbf -i' '=1000=0110=' a
  dec_ok '--base58 -i' '2NEpo7TZ=RRrLZSi2U=' 'Hello World!'
}

@test "'=' is a z85 digit: kept by -i, and one alone is an incomplete group" {
  dec_ok '--z85 -i' '=====' '\xcf\xcc\x0b\x9a'
  dec_bad '--z85 -i' 'Hello=' '\x86\x4f\xd2\x6f'
  dec_bad --z85 'Hello=' '\x86\x4f\xd2\x6f'
}

@test "base64: padding optional at the end, non-zero pad bits refused" {
  dec_ok --base64 'QQ' A
  dec_ok --base64 'QWI' Ab
  dec_ok --base64 'QQ==' A
  dec_ok --base64 'QWI=' Ab
  dec_ok --base64 'aQ' i
  dec_ok --base64 'Zzw' 'g<'
  dec_bad --base64 'Q' ''
  dec_bad --base64 'QUJDR' ABC
  dec_bad --base64 'Zz=' g
  dec_bad --base64 'Z===' ''
  dec_bad --base64 'SB==' H
  dec_bad --base64 'SGVsbG9=' Hello
  dec_bad --base64 'MTIzNA=' 1234
  dec_bad --base64 'MTIzNA=\n' 1234
  dec_bad --base64 'QUJDRB==' ABCD
}

@test "base64: a padded group may be followed by more groups" {
  dec_ok --base64 'MTIzNA==MTIzNA' 12341234
  dec_ok --base64 'MTIzNA==\nMTIzNA' 12341234
  dec_ok --base64 'QWI=\nQQ' AbA
  dec_ok --base64 'QWI=\nQWI=' AbAb
  dec_ok --base64 'QUJDRA==QUJD' ABCDABC
}

@test "base64: '-' and '_' are not base64, '+' and '/' are" {
  dec_ok --base64 '+/+/' '\xfb\xff\xbf'
  dec_bad --base64 '-_-_' ''
  dec_bad --base64 'QUJD-' ABC
  dec_ok '--base64 -i' '-_QUJD-_' ABC
}

@test "base64: an 'abc' run of 8000 characters (larger than a read) decodes" {
  awk 'BEGIN { for (i = 0; i < 2000; i++) printf "YWJj" }' >text
  awk 'BEGIN { for (i = 0; i < 2000; i++) printf "abc" }' >want
  bn --base64 -d text </dev/null
  bn_expect_file 0 want
}

@test "base64url: the GNU vectors, with and without -i, with newlines" {
  dec_ok --base64url 'VA_c8A-vSg==' 'T\x0f\xdc\xf0\x0f\xafJ'
  dec_ok '--base64url -i' '&VA_c8A-vSg==' 'T\x0f\xdc\xf0\x0f\xafJ'
  dec_ok '--base64url -i' '/VA_c8A-vSg==+' 'T\x0f\xdc\xf0\x0f\xafJ'
  dec_ok --base64url 'VA\n_c\n8A\n-v\nSg\n==\n' 'T\x0f\xdc\xf0\x0f\xafJ'
  dec_ok '--base64url -i' 'VA\n_c\n8A\n-v\nSg\n==\n' 'T\x0f\xdc\xf0\x0f\xafJ'
  dec_ok --base64url '-_-_' '\xfb\xff\xbf'
  dec_ok --base64url 'QUJDRA' ABCD
  dec_ok --base64url 'QUJDRA==QUJD' ABCDABC
  dec_bad --base64url 'QUJDRA=' ABCD
  dec_bad --base64url 'QUJDRB==' ABCD
  dec_bad --base64url 'QUJD*' ABC
}

@test "base64url: a '+' or '/' fails the whole read, nothing of it is written" {
  dec_bad --base64url 'VA/c8A+vSg==' ''
  dec_bad --base64url '+/+/' ''
  dec_bad --base64url 'QUJD+' ''
  dec_bad --base64url 'QUJDQUJDQUJD/' ''
  dec_ok '--base64url -i' '+/+/' ''
}

@test "base64url: a '+' after a full 5600-character read writes the first read only" {
  head -c 4200 /dev/zero >zeros
  awk 'BEGIN { for (i = 0; i < 1400; i++) printf "AAAA" }' >text
  cp text text2
  printf 'QUJD+' >>text
  bn --base64url -d text </dev/null
  bn_expect_file 1 zeros "$NAME: invalid input"
  printf 'QUJD*' >>text2
  cp zeros want
  printf ABC >>want
  bn --base64url -d text2 </dev/null
  bn_expect_file 1 want "$NAME: invalid input"
}

@test "base64url: a refused read also takes back the bytes of a quantum the read before left open" {
  needs_python3 "compute the reference encodings"
  # 76-column lines: the first 5600-character read ends inside a quantum
  # (5600 = 72 lines of 77 characters and 56 more), whose bytes GNU had
  # not written yet.
  head -c 6000 /dev/zero | tr '\0' '\377' >data
  ref base64url 76 <data >text
  printf '+\n' >>text
  # 72 lines of 57 bytes, then 56 characters: 14 whole quanta.
  head -c $((72 * 57 + 14 * 3)) data >want
  bn --base64url -d text </dev/null
  bn_expect_file 1 want "$NAME: invalid input"
}

@test "base32: decoding rules" {
  b32_decoding_table --base32
}

@test "base32: the GNU vectors" {
  dec_ok --base32 '7XMAPUNF' '\xfd\xd8\x07\xd1\xa5'
  dec_ok '--base32 -i' '&7XMAPUNF' '\xfd\xd8\x07\xd1\xa5'
  dec_ok --base32 '74AA====' '\xff\x00'
  dec_ok '--base32 -i' '74AA====' '\xff\x00'
  dec_ok --base32 'IE' A
  dec_ok --base32 'IFBA' AB
  dec_ok --base32 'IFBEG' ABC
  dec_ok --base32 'IFBA====\nIFBA====' ABAB
  dec_ok --base32 'MFRGGZDF\nMFRGG' abcdeabc
}

@test "base32hex: decoding rules" {
  dec_ok --base32hex 'VNC0FKD5' '\xfd\xd8\x07\xd1\xa5'
  dec_ok --base32hex 'C5H66===' abc
  dec_ok --base32hex 'C5H66' abc
  dec_ok --base32hex 'VS00====' '\xff\x00'
  dec_ok --base32hex 'VS0\n0==\n==\n' '\xff\x00'
  dec_ok '--base32hex -i' 'VS0\n0==\n==\n' '\xff\x00'
  dec_ok --base32hex 'VVVVVVVV' '\xff\xff\xff\xff\xff'
  dec_bad --base32hex 'c5h66===' ''
  dec_bad --base32hex 'VNC0FKD5/' '\xfd\xd8\x07\xd1\xa5'
  dec_bad --base32hex 'C5H66=' ''
  dec_bad --base32hex 'C5H67===' abc
  dec_bad --base32hex 'C5' a
}

@test "base32hex: W, X, Y, Z decode as the base32 letters they are" {
  # Characters outside 0-9A-V reach the base32 decoder unchanged, where
  # W..Z are values 22..25.
  dec_ok --base32hex 'WWWWWWWW' '\xb5\xad\x6b\x5a\xd6'
  dec_ok --base32hex 'ZZZZZZZZ' '\xce\x73\x9c\xe7\x39'
  dec_bad --base32hex 'VNC0FKD5W' '\xfd\xd8\x07\xd1\xa5'
  # -i drops them as outside the base32hex alphabet.
  dec_ok '--base32hex -i' 'WWWWWWWW' ''
  dec_ok '--base32hex -i' 'WVNC0FKD5' '\xfd\xd8\x07\xd1\xa5'
  dec_ok '--base32hex -i' '/VNC0FKD5' '\xfd\xd8\x07\xd1\xa5'
  dec_ok '--base32hex -i' 'wC5H66' abc
}

@test "base16: upper, lower and mixed case; newlines anywhere" {
  dec_ok --base16 'FDD807D1A5' '\xfd\xd8\x07\xd1\xa5'
  dec_ok --base16 'fdd807d1a5' '\xfd\xd8\x07\xd1\xa5'
  dec_ok '--base16 -i' 'fdd807d1a5' '\xfd\xd8\x07\xd1\xa5'
  dec_ok --base16 'FdD8' '\xfd\xd8'
  dec_ok --base16 'AB\nCD' '\xab\xcd'
  dec_ok --base16 'F\nD\n\nD\n8\n' '\xfd\xd8'
  dec_ok --base16 '\n' ''
}

@test "base16: an odd digit count, '=', anything else: the bytes before, then the error" {
  dec_bad --base16 'F' ''
  dec_bad --base16 'FD8' '\xfd'
  dec_bad --base16 'FD=' '\xfd'
  dec_bad --base16 'FD==' '\xfd'
  dec_bad --base16 '=' ''
  dec_bad --base16 '.' ''
  dec_bad --base16 'G' ''
  dec_bad --base16 'FDG' '\xfd'
  dec_bad --base16 'FD D8' '\xfd'
  dec_bad --base16 'F D' ''
  dec_bad --base16 'FD\0' '\xfd'
}

@test "base16 with -i: the GNU vectors; an odd count stays invalid" {
  dec_ok '--base16 -i' '&FDD807D1A5' '\xfd\xd8\x07\xd1\xa5'
  dec_ok '--base16 -i' 'FDD807D1A5G' '\xfd\xd8\x07\xd1\xa5'
  dec_ok '--base16 -i' 'F D' '\xfd'
  dec_bad '--base16 -i' 'FD8' '\xfd'
  dec_bad '--base16 -i' 'F' ''
}

@test "base2msbf: decoding rules" {
  dec_ok --base2msbf '11000001' '\xc1'
  dec_ok --base2msbf '110\n00001' '\xc1'
  dec_ok '--base2msbf -i' '110x00001' '\xc1'
  dec_ok '--base2msbf -i' '=11000001=' '\xc1'
  dec_ok --base2msbf '0110000101100010' ab
  dec_ok --base2msbf '011\n000\n010\n110\n001\n0' ab
  dec_bad --base2msbf '110x00001' ''
  dec_bad --base2msbf '11000001x' '\xc1'
  dec_bad --base2msbf '1' ''
  dec_bad --base2msbf '1000100' ''
  dec_bad --base2msbf '100010000000000' '\x88'
  dec_bad --base2msbf '01100001=' a
  dec_bad --base2msbf '0110 0001' ''
  dec_bad --base2msbf '2' ''
  dec_bad '--base2msbf -i' '01100001x0110001' a
}

@test "base2lsbf: decoding rules" {
  dec_ok --base2lsbf '11000001' '\x83'
  dec_ok --base2lsbf '110\n00001' '\x83'
  dec_ok '--base2lsbf -i' '110x00001' '\x83'
  dec_ok --base2lsbf '1000011001000110' ab
  dec_ok --base2lsbf '100\n001\n100\n100\n011\n0' ab
  dec_bad --base2lsbf '110x00001' ''
  dec_bad --base2lsbf '11000001x' '\x83'
  dec_bad --base2lsbf '1' ''
  dec_bad --base2lsbf '1000100' ''
  dec_bad --base2lsbf '100010000000000' '\x11'
}

@test "z85: decoding the vectors, groups of 5 across newlines" {
  dec_ok --z85 'HelloWorld' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_ok '--z85 -i' '~HelloWorld' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_ok '--z85 -i' ' HelloWorld' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_ok --z85 '%j$qP' '\xff\xdd\xbb\x99'
  dec_ok '--z85 -i' '%j~$qP' '\xff\xdd\xbb\x99'
  dec_ok --z85 'hello' 5jXu
  dec_ok --z85 'he\nl\nlo' 5jXu
  dec_ok --z85 'ABCDE' '\x71\x61\x9e\xb6'
  dec_ok --z85 '%nSc0' '\xff\xff\xff\xff'
  dec_ok --z85 '0000000000' '\0\0\0\0\0\0\0\0'
}

@test "z85: a length that is not a multiple of 5: the whole groups, then the error" {
  dec_bad --z85 'A' ''
  dec_bad --z85 'AB' ''
  dec_bad --z85 'ABC' ''
  dec_bad --z85 'ABCD' ''
  dec_bad --z85 'ABCDEF' '\x71\x61\x9e\xb6'
  dec_bad --z85 'helloX' 5jXu
  dec_bad --z85 'HelloWorl' '\x86\x4f\xd2\x6f'
}

@test "z85: characters outside the alphabet: the whole groups before, then the error" {
  dec_bad --z85 ' j$qP' ''
  dec_bad --z85 '%j$q~' ''
  dec_bad --z85 '%j$"P' ''
  dec_bad --z85 'Hello World' '\x86\x4f\xd2\x6f'
  dec_bad --z85 'HelloWorld\x7f' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_bad --z85 'abcde_' '\x1f\x85\x9a\x24'
  dec_bad --z85 '\0' ''
}

@test "z85: a group worth more than 0xFFFFFFFF is invalid, nothing of it written" {
  local v
  for v in '%nSc1' '%nSd0' '%nTc0' '%oSc0' '$nSc0' '#0000' '#####'; do
    dec_bad --z85 "$v" ''
  done
  dec_bad --z85 'Hello#0000' '\x86\x4f\xd2\x6f'
}

@test "z85 with -i: the quote, comma, backslash and such are dropped" {
  dec_ok '--z85 -i' 'Hello"World' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_ok '--z85 -i' "Hello|,;'\\\\_\`World" '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_ok '--z85 -i' 'Hello\x80World\xff' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_ok '--z85 -i' 'HelloWorld\x7f' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
}

@test "z85 with -i keeps NUL bytes, which then are invalid" {
  dec_bad '--z85 -i' 'HelloWorld\0' '\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b'
  dec_bad '--z85 -i' 'Hello\0World' '\x86\x4f\xd2\x6f'
  dec_bad '--z85 -i' '\0' ''
}

@test "base58: decoding the vectors" {
  dec_ok --base58 '2NEpo7TZRRrLZSi2U' 'Hello World!'
  dec_ok '--base58 -i' '&2NEpo7TZRRrLZSi2U' 'Hello World!'
  dec_ok --base58 '11233QC4' '\0\0\x28\x7f\xb4\xcd'
  dec_ok --base58 '1' '\0'
  dec_ok --base58 '11' '\0\0'
  dec_ok --base58 '4jH' '1\0'
  dec_ok --base58 'z' '\x39'
  dec_ok --base58 '111z' '\0\0\0\x39'
  dec_ok --base58 '2NEpo7TZRRrLZSi2U\n' 'Hello World!'
  dec_ok '--base58 -i' '2NEpo7TZRRrLZSi2U\n' 'Hello World!'
}

@test "base58: 0, O, I, l and anything else invalid; nothing at all is written" {
  local c
  for c in 0 O I l = + / ' ' '\0' '\r' '\x80'; do
    dec_bad --base58 "$c" ''
    dec_bad --base58 "2NEpo7TZRRrLZSi2U$c" ''
    dec_bad --base58 "2NEpo7TZ${c}RRrLZSi2U" ''
  done
  dec_ok '--base58 -i' '0OIl2NEpo7TZRRrLZSi2U' 'Hello World!'
}

@test "base58: an invalid character after 10000 valid ones: still nothing written" {
  head -c 10000 /dev/zero | tr '\0' 1 >text
  printf 0 >>text
  bn --base58 -d text </dev/null
  bn_invalid ''
}

@test "decoding with a file operand and with '-' gives the same as stdin" {
  printf 'MZXW6===' >text
  bn --base32 -d text </dev/null
  bn_ok foo
  bn --base32 -d - <text
  bn_ok foo
  printf 'MZXW6==' >bad
  bn --base32 -d bad </dev/null
  bn_invalid ''
}
