#!/usr/bin/env bats
# Input and output errors, SIGPIPE, --help and --version.

load helpers

@test "a missing FILE: 'PROG: nosuch: No such file or directory', exit 1" {
  b64 nosuch </dev/null
  expect_status 1
  expect_out ""
  expect_err "$BASE64: nosuch: No such file or directory"
  b64 -d nosuch </dev/null
  expect_status 1
  expect_out ""
  expect_err "$BASE64: nosuch: No such file or directory"
}

@test "a missing FILE whose name needs shell quotes is quoted: 'a b'" {
  b64 'a b' </dev/null
  expect_status 1
  expect_out ""
  expect_err "$BASE64: 'a b': No such file or directory"
}

@test "a missing FILE containing an apostrophe is double-quoted: \"it's\"" {
  b64 "it's" </dev/null
  expect_status 1
  expect_err "$BASE64: \"it's\": No such file or directory"
}

@test "a missing FILE containing a newline uses \$'...' shell quoting" {
  b64 $'a\nb' </dev/null
  expect_status 1
  expect_err "$BASE64: 'a'\$'\\n''b': No such file or directory"
}

@test "a missing FILE with a path is printed as given" {
  b64 ./nodir/nosuch </dev/null
  expect_status 1
  expect_err "$BASE64: ./nodir/nosuch: No such file or directory"
}

@test "a directory operand: 'PROG: read error: Is a directory', exit 1" {
  mkdir dir
  b64 dir </dev/null
  expect_status 1
  expect_out ""
  expect_err "$BASE64: read error: Is a directory"
  b64 -d dir </dev/null
  expect_status 1
  expect_out ""
  expect_err "$BASE64: read error: Is a directory"
}

@test "closed stdin: 'PROG: read error: Bad file descriptor', exit 1" {
  b64 <&-
  expect_status 1
  expect_out ""
  expect_err "$BASE64: read error: Bad file descriptor"
  b64 -d <&-
  expect_status 1
  expect_out ""
  expect_err "$BASE64: read error: Bad file descriptor"
}

@test "- as the FILE operand reads standard input" {
  printf 'foobar' >in.txt
  b64 - <in.txt
  expect_ok $'Zm9vYmFy\n'
  printf 'Zm9vYmFy\n' >in.txt
  b64 -d - <in.txt
  expect_ok foobar
}

@test "a FILE operand is read instead of standard input" {
  printf 'foobar' >in.txt
  b64_str 'ignored' in.txt
  expect_ok $'Zm9vYmFy\n'
}

# full_check ARG...: run with stdout on /dev/full; expect exactly one
# "write error: No space left on device" line and exit 1.
full_check() {
  status=0
  "$BASE64" "$@" >/dev/full 2>"$ERR" || status=$?
  if ! expect_status 1 ||
    ! expect_err "$BASE64: write error: No space left on device"; then
    echo "options: $*" >&2
    return 1
  fi
}

# full_first ARG...: like full_check, but only the first line of stderr is
# checked (GNU before 9.5 prints a second "write error" line when the
# failing write happens before exit).
full_first() {
  status=0
  "$BASE64" "$@" >/dev/full 2>"$ERR" || status=$?
  expect_status 1 || return 1
  [[ $(head -n 1 "$ERR") == "$BASE64: write error: No space left on device" ]] || {
    echo "options: $*; stderr:" >&2
    cat "$ERR" >&2
    return 1
  }
}

@test "small output to /dev/full: one 'write error: No space left on device', exit 1" {
  needs_dev_full
  printf 'hi\n' >in.txt
  full_check <in.txt
  printf 'aGkK\n' >in.txt
  full_check -d <in.txt
}

@test "large output to /dev/full: 'write error: No space left on device', exit 1" {
  needs_dev_full
  random_file big.bin 1000000
  full_first <big.bin
  head -c 1000000 /dev/zero | tr '\0' A >big.b64
  full_first -d <big.b64
}

@test "large output to /dev/full: the write error is printed exactly once" {
  needs_gnu95
  needs_dev_full
  random_file big.bin 1000000
  full_check <big.bin
  head -c 1000000 /dev/zero | tr '\0' A >big.b64
  full_check -d <big.b64
}

@test "--help and --version to /dev/full fail with a write error, exit 1" {
  needs_dev_full
  full_check --help </dev/null
  full_check --version </dev/null
}

@test "empty output to /dev/full is not an error" {
  needs_dev_full
  status=0
  "$BASE64" </dev/null >/dev/full 2>"$ERR" || status=$?
  expect_status 0
  expect_err
}

# closed_check ARG...: run with stdout closed; expect exactly one
# "write error: Bad file descriptor" line and exit 1.
closed_check() {
  status=0
  "$BASE64" "$@" >&- 2>"$ERR" || status=$?
  if ! expect_status 1 ||
    ! expect_err "$BASE64: write error: Bad file descriptor"; then
    echo "options: $*" >&2
    return 1
  fi
}

@test "closed stdout: one 'write error: Bad file descriptor', exit 1" {
  printf 'hi\n' >in.txt
  closed_check <in.txt
  printf 'aGkK\n' >in.txt
  closed_check -d <in.txt
  closed_check --help </dev/null
  closed_check --version </dev/null
}

@test "large output to a closed stdout: 'write error: Bad file descriptor', exit 1" {
  random_file big.bin 1000000
  status=0
  "$BASE64" <big.bin >&- 2>"$ERR" || status=$?
  expect_status 1
  [[ $(head -n 1 "$ERR") == "$BASE64: write error: Bad file descriptor" ]]
  head -c 1000000 /dev/zero | tr '\0' A >big.b64
  status=0
  "$BASE64" -d <big.b64 >&- 2>"$ERR" || status=$?
  expect_status 1
  [[ $(head -n 1 "$ERR") == "$BASE64: write error: Bad file descriptor" ]]
}

@test "large output to a closed stdout: the write error is printed exactly once" {
  needs_gnu95
  random_file big.bin 1000000
  closed_check <big.bin
  head -c 1000000 /dev/zero | tr '\0' A >big.b64
  closed_check -d <big.b64
}

@test "closed stdout with empty input writes nothing and succeeds" {
  status=0
  "$BASE64" </dev/null >&- 2>"$ERR" || status=$?
  expect_status 0
  expect_err
}

@test "a reader that goes away ends base64 by SIGPIPE, silently" {
  local -a st
  needs_env_signals
  random_file big.bin 4000000
  env --default-signal=PIPE "$BASE64" <big.bin 2>"$ERR" | head -c 10 >"$OUT"
  st=("${PIPESTATUS[@]}")
  [[ ${st[0]} == $((128 + 13)) ]] || {
    echo "base64 status ${st[0]}, expected death by SIGPIPE (141)" >&2
    return 1
  }
  expect_err
  head -c 9 big.bin | ref_encode | head -c 10 >want
  expect_out_file want
}

@test "with the reader gone, 'yes | head -c 1000000 | base64 | head -c 10' prints nothing on stderr" {
  needs_env_signals
  (yes 2>/dev/null | head -c 1000000 |
    env --default-signal=PIPE "$BASE64" 2>"$ERR" | head -c 10 >"$OUT"
    echo "${PIPESTATUS[2]}" >status)
  # Ended by the signal, as in the test before: not an exit of its own.
  [[ $(cat status) == $((128 + 13)) ]] || {
    echo "base64 status $(cat status), expected death by SIGPIPE (141)" >&2
    return 1
  }
  expect_err
  expect_out 'eQp5CnkKeQ'
}

@test "with SIGPIPE ignored: 'write error: Broken pipe' and exit 1" {
  local -a st
  random_file big.bin 4000000
  (
    trap '' PIPE
    "$BASE64" <big.bin 2>"$ERR" | head -c 10 >"$OUT"
    echo "${PIPESTATUS[0]}" >status
  )
  [[ $(cat status) == 1 ]] || {
    echo "base64 status $(cat status), expected 1" >&2
    return 1
  }
  [[ $(head -n 1 "$ERR") == "$BASE64: write error: Broken pipe" ]] || {
    echo "stderr:" >&2
    cat "$ERR" >&2
    return 1
  }
}

@test "with SIGPIPE ignored, decoding also fails with 'write error: Broken pipe'" {
  head -c 4000000 /dev/zero | tr '\0' A >big.b64
  (
    trap '' PIPE
    "$BASE64" -d <big.b64 2>"$ERR" | head -c 10 >"$OUT"
    echo "${PIPESTATUS[0]}" >status
  )
  [[ $(cat status) == 1 ]]
  [[ $(head -n 1 "$ERR") == "$BASE64: write error: Broken pipe" ]]
  head -c 10 /dev/zero >want
  expect_out_file want
}

@test "with SIGPIPE ignored, the Broken pipe write error is printed exactly once" {
  needs_gnu95
  random_file big.bin 4000000
  (
    trap '' PIPE
    "$BASE64" <big.bin 2>"$ERR" | head -c 10 >/dev/null
    echo "${PIPESTATUS[0]}" >status
  )
  [[ $(cat status) == 1 ]]
  expect_err "$BASE64: write error: Broken pipe"
  head -c 4000000 /dev/zero | tr '\0' A >big.b64
  (
    trap '' PIPE
    "$BASE64" -d <big.b64 2>"$ERR" | head -c 10 >/dev/null
    echo "${PIPESTATUS[0]}" >status
  )
  [[ $(cat status) == 1 ]]
  expect_err "$BASE64: write error: Broken pipe"
}

@test "--help: exit 0, usage line first, every option listed" {
  b64 --help </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $BASE64 [OPTION]... [FILE]" ]]
  # (GNU 9.10 puts the description on the next line.)
  grep -Eq '^ +-d, --decode( |$)' "$OUT"
  grep -Eq '^ +-i, --ignore-garbage( |$)' "$OUT"
  grep -Eq '^ +-w, --wrap=COLS( |$)' "$OUT"
  grep -Eq '^ +--help( |$)' "$OUT"
  grep -Eq '^ +--version( |$)' "$OUT"
}

@test "--help wins over other options and operands and reads nothing" {
  b64 -d nosuch --help <&-
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") == "Usage: $BASE64 [OPTION]... [FILE]" ]]
}

@test "--version: exit 0, first line names base64 and a version" {
  b64 --version </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") =~ ^base64\ \(.+\)\ [0-9] ]]
}

@test "--version of sextet: first line is 'base64 (sextet) VERSION'" {
  ours_only
  b64 --version </dev/null
  expect_status 0
  expect_err
  [[ $(head -n 1 "$OUT") =~ ^base64\ \(sextet\)\ [0-9][0-9A-Za-z.+~-]*$ ]]
}

@test "diagnostics and the usage line use argv[0] as given" {
  status=0
  (exec -a my-b64 "$BASE64" --foobar) </dev/null >"$OUT" 2>"$ERR" ||
    status=$?
  expect_status 1
  expect_err "my-b64: unrecognized option '--foobar'" \
    "Try 'my-b64 --help' for more information."
  status=0
  (exec -a my-b64 "$BASE64" nosuch) </dev/null >"$OUT" 2>"$ERR" ||
    status=$?
  expect_status 1
  expect_err "my-b64: nosuch: No such file or directory"
  (exec -a my-b64 "$BASE64" --help) </dev/null >"$OUT"
  [[ $(head -n 1 "$OUT") == "Usage: my-b64 [OPTION]... [FILE]" ]]
}
