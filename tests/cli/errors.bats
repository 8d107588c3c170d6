#!/usr/bin/env bats
# Usage errors: exact two-line diagnostics, exit 1, nothing on stdout.

load helpers

@test "unknown long option: unrecognized option '--foobar'" {
  b64 --foobar </dev/null
  expect_usage_error "unrecognized option '--foobar'"
}

@test "unknown long option with a value: the whole word is quoted, '--foobar=1'" {
  b64 --foobar=1 </dev/null
  expect_usage_error "unrecognized option '--foobar=1'"
}

@test "unknown short option: invalid option -- 'x'" {
  b64 -x </dev/null
  expect_usage_error "invalid option -- 'x'"
}

@test "unknown short option inside a bundle: -dx and -xd report 'x'" {
  b64 -dx </dev/null
  expect_usage_error "invalid option -- 'x'"
  b64 -xd </dev/null
  expect_usage_error "invalid option -- 'x'"
}

@test "-w with no argument: option requires an argument -- 'w'" {
  b64 -w </dev/null
  expect_usage_error "option requires an argument -- 'w'"
  b64 -dw </dev/null
  expect_usage_error "option requires an argument -- 'w'"
}

@test "--wrap with no argument: option '--wrap' requires an argument" {
  b64 --wrap </dev/null
  expect_usage_error "option '--wrap' requires an argument"
  b64 --wrap=3 --wrap </dev/null
  expect_usage_error "option '--wrap' requires an argument"
}

@test "an abbreviated --wrap with no argument names the full option" {
  b64 --wr </dev/null
  expect_usage_error "option '--wrap' requires an argument"
}

@test "--decode with a value: option '--decode' doesn't allow an argument" {
  b64 --decode=1 </dev/null
  expect_usage_error "option '--decode' doesn't allow an argument"
  b64 --dec=1 </dev/null
  expect_usage_error "option '--decode' doesn't allow an argument"
}

@test "--ignore-garbage with a value: option '--ignore-garbage' doesn't allow an argument" {
  b64 --ignore-garbage=x </dev/null
  expect_usage_error "option '--ignore-garbage' doesn't allow an argument"
}

@test "--help with a value: option '--help' doesn't allow an argument" {
  b64 --help=1 </dev/null
  expect_usage_error "option '--help' doesn't allow an argument"
}

@test "--version with a value: option '--version' doesn't allow an argument" {
  b64 --version=1 </dev/null
  expect_usage_error "option '--version' doesn't allow an argument"
}

@test "two operands: extra operand names the second one" {
  printf 'abc' >A
  printf 'abc' >B
  b64 A B </dev/null
  expect_usage_error "extra operand 'B'"
}

@test "three operands: extra operand still names the second one" {
  b64 A B C </dev/null
  expect_usage_error "extra operand 'B'"
}

@test "extra operand is reported before the first FILE is opened" {
  b64 nosuch B </dev/null
  expect_usage_error "extra operand 'B'"
  mkdir dir
  b64 dir B </dev/null
  expect_usage_error "extra operand 'B'"
}

@test "extra operand with options mixed in: -di --wrap=40 a b" {
  b64 -di --wrap=40 a b </dev/null
  expect_usage_error "extra operand 'b'"
}

@test "extra operand is quoted for the shell when needed" {
  b64 a 'b c' </dev/null
  expect_usage_error "extra operand 'b c'"
  b64 - - </dev/null
  expect_usage_error "extra operand '-'"
}

@test "an option error wins over an extra operand given before it" {
  b64 a b --foobar </dev/null
  expect_usage_error "unrecognized option '--foobar'"
  b64 a b -w </dev/null
  expect_usage_error "option requires an argument -- 'w'"
}

@test "an unknown option is rejected even when the input would be valid" {
  b64_str $'Zm9v\n' -d --foobar
  expect_usage_error "unrecognized option '--foobar'"
}

@test "---: three dashes is an unrecognized option" {
  b64 --- </dev/null
  expect_usage_error "unrecognized option '---'"
}

@test "extra operand uses C-style escapes inside the quotes: 'it\\'s' and 'b\\nc'" {
  b64 a "it's" </dev/null
  expect_usage_error "extra operand 'it\\'s'"
  b64 a $'b\nc' </dev/null
  expect_usage_error "extra operand 'b\\nc'"
}
