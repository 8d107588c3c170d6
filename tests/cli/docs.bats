#!/usr/bin/env bats
# What a user reads: the man pages render cleanly at a terminal's width,
# --help says what the program does, and every long option of basenc's
# and base32's --help has its entry in their man pages (sextet's own
# text: skipped for GNU base64).

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

@test "man pages of basenc and base32: no troff warning at 80 columns" {
  if ! command -v man >/dev/null; then
    skip "needs man (apt-get install man-db)"
  fi
  local page
  : >"$ERR"
  for page in basenc base32; do
    MANWIDTH=80 man -l "$BATS_TEST_DIRNAME/../../man/$page.1" >/dev/null \
      2>>"$ERR"
  done
  expect_err
}

# long_options PROG: the long options PROG's --help lists, one a line,
# without their dashes.
long_options() {
  "$1" --help | sed -n 's/^  *\(-[[:alnum:]], \)\{0,1\}--\([[:alnum:]][[:alnum:]-]*\).*/\2/p'
}

@test "man pages of basenc and base32: every long option --help lists has an entry" {
  ours_only
  local var prog opt page esc n missing=()
  for var in BASENC BASE32; do
    prog=${!var:-}
    if [[ -z $prog ]]; then
      skip "$var is not set: no ${var,,} to compare its man page with (make check sets it; by hand: $var=src/${var,,})"
    fi
    if ! "$prog" --version 2>/dev/null | head -n 1 | grep -q '(sextet)'; then
      skip "$var=$prog is not sextet's ${var,,}, whose --help the man page documents (point $var at src/${var,,})"
    fi
  done
  for var in BASENC BASE32; do
    prog=${!var}
    page="$BATS_TEST_DIRNAME/../../man/${var,,}.1"
    n=0
    while read -r opt; do
      n=$((n + 1))
      # An item of its own: ".It Fl \-check", ".It Fl d , \-decode",
      # ".It Fl w , \-wrap Ns ...", every '-' of the name written '\-'.
      esc=${opt//-/'\\-'}
      if ! grep -qE "^\.It Fl ([[:alnum:]] , )?\\\\-$esc( |\$)" "$page"; then
        missing+=("${var,,} --$opt")
      fi
    done < <(long_options "$prog")
    # base32 has 8 long options, basenc 21: a --help the pattern no longer
    # reads must not pass as one with nothing to check.
    if ((n < 8)); then
      echo "only $n long options read from $prog --help" >&2
      return 1
    fi
  done
  if ((${#missing[@]})); then
    echo "listed by --help, without an entry (.It Fl) in the man page: ${missing[*]}" >&2
    return 1
  fi
}
