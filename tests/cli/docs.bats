#!/usr/bin/env bats
# What a user reads: the man page renders cleanly at a terminal's width,
# and --help says what the program does (sextet's own text: skipped for
# GNU base64).

load helpers

@test "man page: no troff warning at 80 columns" {
  if ! command -v man >/dev/null; then
    skip "needs man (apt-get install man-db)"
  fi
  MANWIDTH=80 man -l "$BATS_TEST_DIRNAME/../../man/base64.1" >/dev/null \
    2>"$ERR"
  expect_err
}

@test "--help: the exit statuses, 2 included" {
  ours_only
  b64 --help
  expect_status 0
  grep -q '^Exit status is 0 on success and 1 on any error; with --list or --extract,$' "$OUT"
  grep -q '^2 when everything was written but some part is damaged or truncated\.$' "$OUT"
}

@test "--help: -o is refused where '>' is, and says what SIGKILL can leave" {
  ours_only
  b64 --help
  expect_status 0
  grep -q "refused where '>'" "$OUT"
  grep -q 'SIGKILL can leave a \.base64-\* file' "$OUT"
}
