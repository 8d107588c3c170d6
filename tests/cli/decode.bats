#!/usr/bin/env bats
# Decoding (default mode): what is accepted, what is invalid, and what is
# written before the error.

load helpers

# dec_ok INPUT EXPECTED ARG...: decoding INPUT succeeds with EXPECTED.
dec_ok() {
  local input=$1 expected=$2
  shift 2
  b64_str "$input" -d "$@"
  expect_ok "$expected" || {
    printf 'input: %q, options: -d %s\n' "$input" "$*" >&2
    return 1
  }
}

# dec_bad INPUT PREFIX ARG...: decoding INPUT writes PREFIX, then
# "PROG: invalid input", exit 1.
dec_bad() {
  local input=$1 prefix=$2
  shift 2
  b64_str "$input" -d "$@"
  expect_invalid "$prefix" || {
    printf 'input: %q, options: -d %s\n' "$input" "$*" >&2
    return 1
  }
}

@test "decodes the RFC 4648 section 10 test vectors, with and without final newline" {
  local v
  dec_ok "" ""
  for v in f:Zg== fo:Zm8= foo:Zm9v foob:Zm9vYg== fooba:Zm9vYmE= \
    foobar:Zm9vYmFy; do
    dec_ok "${v#*:}" "${v%%:*}"
    dec_ok "${v#*:}"$'\n' "${v%%:*}"
  done
}

@test "--decode is the long form of -d" {
  b64_str $'Zm9vYmFy\n' --decode
  expect_ok foobar
}

@test "empty input and input of only newlines decode to nothing, exit 0" {
  dec_ok "" ""
  dec_ok $'\n' ""
  dec_ok $'\n\n\n\n\n' ""
}

@test "a newline is skipped at every position inside and between quanta" {
  local v enc i
  for v in foobar:Zm9vYmFy foob:Zm9vYg== fooba:Zm9vYmE= f:Zg==; do
    enc=${v#*:}
    for ((i = 0; i <= ${#enc}; i++)); do
      dec_ok "${enc:0:i}"$'\n'"${enc:i}" "${v%%:*}"
    done
  done
}

@test "runs of newlines anywhere are skipped" {
  dec_ok $'\n\nZ\n\nm\n9\n\n\nv\n\n\nYm\nFy\n\n' foobar
  dec_ok $'Zm9v\nYmFy\n' foobar
}

@test "a newline inside the padding is skipped: 'Zg=\\n=' decodes to 'f'" {
  dec_ok $'Zg=\n=' f
  dec_ok $'Zg=\n=\n' f
  dec_ok $'Zg\n=\n=\n' f
}

@test "CR is invalid without -i: the decoded prefix is written, then the error" {
  dec_bad $'Zm9v\r\n' foo
  dec_bad $'Zm9v\r' foo
  dec_bad $'Zm\r9v' f
  dec_bad $'\rZm9v' ""
}

@test "space and tab are invalid without -i" {
  dec_bad 'Zm9v YmFy' foo
  dec_bad $'Zm9v\tYmFy' foo
  dec_bad 'Zm 9v' f
  dec_bad $'Zm\t9v' f
  dec_bad 'Zm9v ' foo
  dec_bad ' Zm9v' ""
}

@test "every byte outside the alphabet except LF is invalid without -i" {
  local i oct
  for ((i = 0; i < 256; i++)); do
    printf -v oct '%03o' "$i"
    case $i in
      10 | 43 | 47 | 4[89] | 5[0-7] | 6[5-9] | [78][0-9] | 9[0]) continue ;;
      9[7-9] | 1[01][0-9] | 12[0-2]) continue ;;
    esac
    printf '%b' "Zm9v\\0${oct}YmFy" >in.txt
    b64 -d <in.txt
    expect_invalid foo || {
      echo "byte $i" >&2
      return 1
    }
  done
}

@test "-i drops every non-alphabet byte except '='" {
  local i oct
  : >in.txt
  for ((i = 0; i < 256; i++)); do
    printf -v oct '%03o' "$i"
    case $i in
      61 | 43 | 47 | 4[89] | 5[0-7] | 6[5-9] | [78][0-9] | 9[0]) continue ;;
      9[7-9] | 1[01][0-9] | 12[0-2]) continue ;;
    esac
    printf '%b' "\\0${oct}" >>in.txt
  done
  [[ $(wc -c <in.txt) -eq 191 ]]
  # garbage before, between and after the quanta, and inside them
  {
    cat in.txt
    printf 'Zm'
    cat in.txt
    printf '9vYm'
    cat in.txt
    printf 'Fy'
    cat in.txt
  } >garbled
  b64 -d -i <garbled
  expect_ok foobar
  b64 --decode --ignore-garbage <garbled
  expect_ok foobar
}

@test "-i: garbage between padding characters is dropped: 'Zg=*=' gives 'f'" {
  dec_ok 'Zg=*=' f -i
  dec_ok 'Zg==*' f -i
  dec_ok '*' "" -i
  dec_ok $'**\n**' "" -i
}

@test "-i: a misplaced '=' is still invalid" {
  dec_bad 'Z=g=' "" -i
  dec_bad 'Zm9v=YmFy' foo -i
  dec_bad 'YWJj=' abc -i
  dec_bad 'Zg=' f -i
}

@test "concatenated padded quanta decode: 'Zm8=Zm8=' gives 'fofo'" {
  dec_ok 'Zm8=Zm8=' fofo
  dec_ok 'Zg==Zg==' ff
  dec_ok 'Zg==Zm8=Zm9v' ffofoo
  dec_ok $'Zg==\nZm8=\n' ffo
  dec_ok 'Zg==Zg==' ff -i
}

@test "a final group of 2 or 3 characters without '=' is padded automatically" {
  needs_gnu95
  dec_ok aQ i
  dec_ok Zzw 'g<'
  dec_ok $'aQ\n' i
  dec_ok Zm9vYg foob
  dec_ok Zm9vYmE fooba
  dec_ok $'Zm9v\nYmE\n' fooba
  dec_ok 'aQ*' i -i
}

@test "a group with only part of its padding is invalid: 'Zz=' writes 'g' then fails" {
  dec_bad 'Zz=' g
  dec_bad 'Zg=' f
}

@test "'MTIzNA=' writes '1234' then fails, with or without a final newline" {
  dec_bad 'MTIzNA=' 1234
  dec_bad $'MTIzNA=\n' 1234
}

@test "a single leftover character is invalid and writes nothing for it" {
  dec_bad a ""
  dec_bad $'a\n' ""
  dec_bad Zm9vY foo
  dec_bad $'Zm9vY\n' foo
  dec_bad $'Zm9v\nY' foo
  dec_bad Zm9vY foo -i
}

@test "extra padding is invalid: 'Zm9v=' and 'Zm9v====' write 'foo' then fail" {
  dec_bad 'Zm9v=' foo
  dec_bad 'Zm9v====' foo
  dec_bad $'Zm9v\n=' foo
}

@test "padding with no data before it is invalid" {
  dec_bad '=' ""
  dec_bad '==' ""
  dec_bad 'Z===' ""
  dec_bad '=Zg==' ""
}

@test "canonical final quanta decode: 'Zm9vCg==', 'SA==', 'SGVsbG8='" {
  dec_ok 'Zm9vCg==' $'foo\n'
  dec_ok 'SA==' H
  dec_ok 'SGVsbG8=' Hello
}

@test "non-zero unused bits are invalid: 'SB==' writes 'H' then fails" {
  needs_gnu95
  dec_bad 'SB==' H
}

@test "non-zero unused bits are invalid: 'SGVsbG9=' writes 'Hello' then fails" {
  needs_gnu95
  dec_bad 'SGVsbG9=' Hello
}

@test "non-zero unused bits are invalid: 'Zm9vCh==' writes 'foo' and the complete byte, then fails" {
  needs_gnu95
  dec_bad 'Zm9vCh==' $'foo\n'
}

@test "an invalid byte inside a quantum still writes that quantum's complete bytes" {
  dec_bad 'YW*h' a
  dec_bad 'YWF*' aa
  dec_bad 'Zm9vYW*h' fooa
}

@test "a long valid prefix is written in full before the error" {
  enc_a 12288 | ref_wrap 76 >in.txt
  printf '*' >>in.txt
  a_string 12288 >want
  b64 -d <in.txt
  expect_status 1
  expect_err "$BASE64: invalid input"
  expect_out_file want

  enc_a 12288 | ref_wrap 76 >in.txt
  printf 'YW*h\n' >>in.txt
  printf a >>want
  b64 -d <in.txt
  expect_status 1
  expect_err "$BASE64: invalid input"
  expect_out_file want
}

@test "all 256 byte values decode back from their encoding" {
  all_bytes want
  b64 -d <"$FIXTURES/all-bytes.b64"
  expect_status 0
  expect_err
  expect_out_file want
  tr -d '\n' <"$FIXTURES/all-bytes.b64" >one-line
  b64 -d <one-line
  expect_status 0
  expect_out_file want
}

@test "decoding reads a FILE operand" {
  printf 'Zm9vYmFy\n' >in.txt
  b64 -d in.txt
  expect_ok foobar
}
