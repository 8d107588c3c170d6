#!/usr/bin/env bats
# Option syntax where popt and glibc's getopt part ways: the program must
# behave as getopt does (attached '=', bundles, abbreviations taking the
# next word, order of actions before an error).

load helpers

@test "-w=5: the '=' belongs to the argument, as with getopt" {
  b64_str abc -w=5
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '=5'"
  b64_str abc -dw=5
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '=5'"
  b64_str abc -w==5
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '==5'"
  b64_str abc -w=
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '='"
}

@test "an '=' elsewhere stays: -w5=, -w -=5, --wrap==5" {
  b64_str abc -w5=
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '5='"
  b64_str abc -w -=5
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '-=5'"
  b64_str abc --wrap==5
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '=5'"
  b64_str abc -w =5
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '=5'"
}

@test "-d=1 is -d then the unknown option '='" {
  b64 -d=1 </dev/null
  expect_usage_error "invalid option -- '='"
}

@test "a long name after one dash is a bundle: -decode is -d then 'e'" {
  b64 -decode </dev/null
  expect_usage_error "invalid option -- 'e'"
}

@test "an abbreviation takes its argument from the next word, even one with a dash" {
  b64_str abc --wr -5
  expect_result 1 /dev/null "$BASE64: invalid wrap size: '-5'"
  b64_str YWJj --wr 2 --dec --w 0
  expect_ok abc
  b64_str abcd --w 2 --i
  expect_ok $'YW\nJj\nZA\n==\n'
}

@test "an abbreviation before the FILE operand and before a bad option" {
  printf 'Zm9vYmFy\n' >in.txt
  b64 --dec in.txt
  expect_ok foobar
  b64 --dec in.txt --foobar
  expect_usage_error "unrecognized option '--foobar'"
}

@test "options before a bad option act first: --help, --version, -w" {
  b64 --help --foobar </dev/null
  expect_status 0
  [[ $(head -n 1 "$OUT") == "Usage: $BASE64 [OPTION]... [FILE]" ]]
  b64 --vers -x </dev/null
  expect_status 0
  [[ $(head -n 1 "$OUT") == "base64 ("* ]]
  b64 -w x --foobar </dev/null
  expect_result 1 /dev/null "$BASE64: invalid wrap size: 'x'"
  b64 --foobar --help </dev/null
  expect_usage_error "unrecognized option '--foobar'"
}

@test "POSIXLY_CORRECT: options end at the first operand" {
  POSIXLY_CORRECT=1 b64 a -d </dev/null
  expect_usage_error "extra operand '-d'"
}

@test "POSIX_ME_HARDER is not POSIXLY_CORRECT: options may follow the operand" {
  printf 'Zm9vYmFy\n' >in.txt
  POSIX_ME_HARDER=1 b64 in.txt -d
  expect_ok foobar
}

@test "-o=FILE writes the file named '=FILE', as getopt would hand it over" {
  ours_only
  printf 'abc' >in
  b64 -o=out in
  expect_ok ''
  [[ -f =out && ! -e out ]]
  [[ $(cat =out) == YWJj ]]
}

# popt's aliases replace "!#:+" in an option's argument by the next
# argument; getopt hands every argument over as it is.
@test "an option argument holding '!#:+' is taken as it is: -w" {
  printf 'abc' >in
  b64 -w '1!#:+' in
  expect_status 1
  expect_err "$BASE64: invalid wrap size: '1!#:+'"
  b64 --wrap='!#:+4' in
  expect_status 1
  expect_err "$BASE64: invalid wrap size: '!#:+4'"
}

@test "an option argument holding '!#:+' is taken as it is: -o names that file" {
  ours_only
  printf 'abc' >in
  b64 -o 'x!#:+' in
  expect_ok ''
  [[ $(cat 'x!#:+') == YWJj ]]
  [[ ! -e xin ]]
  b64 -d --output=$'y\001\002!#:+!#:+\003' <<<'YWJj'
  expect_ok ''
  [[ $(cat $'y\001\002!#:+!#:+\003') == abc ]]
}

@test "an operand holding '!#:+' is a file name like any other" {
  printf 'abc' >'a!#:+'
  b64 'a!#:+'
  expect_ok $'YWJj\n'
  b64 'no!#:+'
  expect_status 1
  expect_err "$BASE64: 'no!#:+': No such file or directory"
}
