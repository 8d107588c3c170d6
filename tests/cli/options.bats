#!/usr/bin/env bats
# Option syntax: -w values, bundling, abbreviations, ordering, '--'.

load helpers

# wrap_ok VALUE EXPECTED: encoding "abcdefgh" with -w VALUE gives EXPECTED.
wrap_ok() {
  b64_str abcdefgh -w "$1"
  expect_ok "$2" || {
    echo "-w '$1'" >&2
    return 1
  }
}

# wrap_bad VALUE: -w VALUE is refused with "invalid wrap size", no output.
wrap_bad() {
  b64_str abcdefgh -w "$1"
  : >empty
  expect_result 1 empty "$BASE64: invalid wrap size: '$1'" || {
    echo "-w '$1'" >&2
    return 1
  }
}

@test "-w value 08 has a leading zero and means 8" {
  wrap_ok 08 $'YWJjZGVm\nZ2g=\n'
  wrap_ok 0000000000000000000000000000000008 $'YWJjZGVm\nZ2g=\n'
}

@test "-w value may start with blanks: ' 8' and a tab before 8 mean 8" {
  wrap_ok ' 8' $'YWJjZGVm\nZ2g=\n'
  wrap_ok $'\t8' $'YWJjZGVm\nZ2g=\n'
  wrap_ok '  +8' $'YWJjZGVm\nZ2g=\n'
}

@test "-w value may have a plus sign: +8 means 8" {
  wrap_ok +8 $'YWJjZGVm\nZ2g=\n'
}

@test "-w -0 is accepted and means no wrapping" {
  wrap_ok -0 'YWJjZGVmZ2g='
  wrap_ok -00 'YWJjZGVmZ2g='
}

@test "-w 0 disables wrapping and the final newline" {
  wrap_ok 0 'YWJjZGVmZ2g='
  wrap_ok 00 'YWJjZGVmZ2g='
}

@test "-w value too large to store means no wrapping" {
  wrap_ok 99999999999999999999999 'YWJjZGVmZ2g='
  wrap_ok 18446744073709551616 'YWJjZGVmZ2g='
}

@test "-w 9223372036854775807 is a real width: one line plus final newline" {
  wrap_ok 9223372036854775807 $'YWJjZGVmZ2g=\n'
}

@test "-w 9223372036854775808 is beyond the signed 64-bit range: no wrapping" {
  wrap_ok 9223372036854775808 'YWJjZGVmZ2g='
}

@test "-w with a hexadecimal value 0x0 is an invalid wrap size" {
  wrap_bad 0x0
}

@test "-w with a suffix 1k is an invalid wrap size" {
  wrap_bad 1k
  wrap_bad 5x
}

@test "-w with a negative value -1 is an invalid wrap size" {
  wrap_bad -1
  wrap_bad -18446744073709551616
}

@test "-w with an empty value is an invalid wrap size (-w '' and --wrap=)" {
  wrap_bad ''
  b64_str abc --wrap=
  expect_status 1
  expect_out ""
  expect_err "$BASE64: invalid wrap size: ''"
}

@test "-w with a trailing space '8 ' is an invalid wrap size" {
  wrap_bad '8 '
  wrap_bad ' '
}

@test "-w with a lone sign or a doubled sign is an invalid wrap size" {
  wrap_bad +
  wrap_bad -
  wrap_bad +-1
  wrap_bad --8
}

@test "the invalid wrap size message is one line with no Try line, bundled -w5x too" {
  b64_str abc -w5x
  expect_status 1
  expect_out ""
  expect_err "$BASE64: invalid wrap size: '5x'"
}

@test "the last -w wins" {
  b64_str a -w 2 -w 0
  expect_ok 'YQ=='
  b64_str a -w 0 -w 2
  expect_ok $'YQ\n==\n'
  b64_str a --wrap=0 -w3 --wrap 1
  expect_ok $'Y\nQ\n=\n=\n'
}

@test "-w is validated but otherwise ignored when decoding" {
  b64_str $'Zm9vYmFy\n' -d -w 3
  expect_ok foobar
  b64_str $'Zm9vYmFy\n' -d -w 0
  expect_ok foobar
  b64_str $'Zm9vYmFy\n' -d -w 0x0
  expect_status 1
  expect_out ""
  expect_err "$BASE64: invalid wrap size: '0x0'"
}

@test "an invalid -w value is reported even before a bad operand list" {
  b64 -w x a b </dev/null
  expect_status 1
  expect_out ""
  expect_err "$BASE64: invalid wrap size: 'x'"
}

@test "short options bundle: -di decodes ignoring garbage" {
  b64_str 'Zm9v*YmFy' -di
  expect_ok foobar
  b64_str 'Zm9v*YmFy' -id
  expect_ok foobar
}

@test "short options bundle with an argument: -dw0 decodes, -w5 wraps at 5" {
  b64_str $'Zm9vYmFy\n' -dw0
  expect_ok foobar
  b64_str abcdefgh -w5
  expect_ok $'YWJjZ\nGVmZ2\ng=\n'
  b64_str abcdefgh -iw5
  expect_ok $'YWJjZ\nGVmZ2\ng=\n'
  b64_str $'Zm9vYmFy\n' -dw 7
  expect_ok foobar
}

@test "-w takes its argument from the next word" {
  b64_str abcdefgh -w 5
  expect_ok $'YWJjZ\nGVmZ2\ng=\n'
  b64_str abcdefgh --wrap 5
  expect_ok $'YWJjZ\nGVmZ2\ng=\n'
  b64_str abcdefgh -w -5x
  expect_status 1
  expect_err "$BASE64: invalid wrap size: '-5x'"
}

@test "long options abbreviate: --dec, --de and --d mean --decode" {
  local opt
  for opt in --dec --de --d --decode; do
    b64_str $'Zm9vYmFy\n' "$opt"
    expect_ok foobar
  done
}

@test "long options abbreviate: --wr=2, --w 2 and --w=2 mean --wrap=2" {
  b64_str abcd --wr=2
  expect_ok $'YW\nJj\nZA\n==\n'
  b64_str abcd --w 2
  expect_ok $'YW\nJj\nZA\n==\n'
  b64_str abcd --w=2
  expect_ok $'YW\nJj\nZA\n==\n'
  b64_str abcd --wra 2
  expect_ok $'YW\nJj\nZA\n==\n'
}

@test "long options abbreviate: --ig and --i mean --ignore-garbage" {
  b64_str 'Zm9v*YmFy' -d --ig
  expect_ok foobar
  b64_str 'Zm9v*YmFy' --i --d
  expect_ok foobar
}

@test "long options abbreviate: --he prints the help, --v prints the version" {
  b64 --he </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $BASE64 [OPTION]... [FILE]" ]]
  cp "$OUT" abbreviated
  b64 --help </dev/null
  expect_out_file abbreviated

  b64 --v </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "base64 ("* ]]
  cp "$OUT" abbreviated
  b64 --version </dev/null
  expect_out_file abbreviated
}

@test "options may follow the FILE operand" {
  printf 'Zm9vYmFy\n' >in.txt
  b64 in.txt -d
  expect_ok foobar
  printf 'abcdefgh' >plain.txt
  b64 plain.txt -w 5
  expect_ok $'YWJjZ\nGVmZ2\ng=\n'
  b64 plain.txt --wrap=0
  expect_ok 'YWJjZGVmZ2g='
}

@test "-- ends the options: a file literally named -d is encoded" {
  printf 'hello' >-d
  b64 -- -d
  expect_ok $'aGVsbG8=\n'
  printf 'aGVsbG8=\n' >-w
  b64 -d -- -w
  expect_ok hello
}

@test "after --, a second operand is still an extra operand" {
  b64 -- -d x </dev/null
  expect_usage_error "extra operand 'x'"
}

@test "- as the operand reads standard input, also after --" {
  b64_str foobar -
  expect_ok $'Zm9vYmFy\n'
  b64_str foobar -- -
  expect_ok $'Zm9vYmFy\n'
  b64_str $'Zm9vYmFy\n' -d -
  expect_ok foobar
}

@test "a lone -- with no operand reads standard input" {
  b64_str foobar --
  expect_ok $'Zm9vYmFy\n'
}

@test "repeating options is harmless" {
  b64_str $'Zm9vYmFy\n' -d -d
  expect_ok foobar
  b64_str $'Zm9vYmFy\n' --decode -d --decode
  expect_ok foobar
  b64_str 'Zm9v*YmFy' -d -i -i --ignore-garbage
  expect_ok foobar
  b64_str 'Zm9v*YmFy' -ddii
  expect_ok foobar
  b64_str foobar -i -i
  expect_ok $'Zm9vYmFy\n'
}

@test "the invalid wrap size message escapes the value C-style: '1\\n', 'it\\'s'" {
  b64_str abc -w $'1\n'
  expect_status 1
  expect_out ""
  expect_err "$BASE64: invalid wrap size: '1\\n'"
  b64_str abc "--wrap=it's"
  expect_status 1
  expect_err "$BASE64: invalid wrap size: 'it\\'s'"
}
