# shellcheck shell=bash
# Common setup for the sextet CLI tests (bats).
#
# The program under test is "$BASE64".  The suite is meant to pass against
# GNU coreutils base64 as well as against sextet:
#   BASE64=/usr/bin/base64 bats tests/cli
#   BASE64="$PWD/src/base64" bats tests/cli
#
# Each test runs in its own scratch directory ($BATS_TEST_TMPDIR) and writes
# nowhere else; fixtures are read from $BATS_TEST_DIRNAME/fixtures.

export LC_ALL=C
unset POSIXLY_CORRECT
# GNU 9.10's --help marks up the option names for the terminal that
# TERM names, even into a file or a pipe.
unset TERM

# Used by the .bats files.
# shellcheck disable=SC2034
FIXTURES="$BATS_TEST_DIRNAME/fixtures"
ALPHABET='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

# Runs before every test.  The .bats files do not define their own setup.
setup() {
  if [[ -z ${BASE64:-} ]]; then
    echo "BASE64 is not set: point it at the base64 program to test," \
      "e.g. BASE64=/usr/bin/base64 bats tests/cli" >&2
    return 1
  fi
  # Keep argv[0] stable across the cd below.
  if [[ $BASE64 == */* && $BASE64 != /* ]]; then
    BASE64="$PWD/$BASE64"
  fi
  if [[ $BASE64 == */* && ! -x $BASE64 ]]; then
    echo "BASE64=$BASE64 is not an executable file" >&2
    return 1
  fi
  OUT="$BATS_TEST_TMPDIR/stdout"
  ERR="$BATS_TEST_TMPDIR/stderr"
  cd "$BATS_TEST_TMPDIR" || return 1
}

# First line of "$BASE64 --version".
version_line() {
  "$BASE64" --version 2>/dev/null </dev/null | sed -n 1p
}

is_gnu() {
  [[ $(version_line) == "base64 (GNU coreutils) "* ]]
}

# needs_gnu MAJOR MINOR WHY: skip, saying WHY, when the program is a GNU
# base64 older than MAJOR.MINOR.
needs_gnu() {
  local re='^base64 \(GNU coreutils\) ([0-9]+)\.([0-9]+)'
  if [[ $(version_line) =~ $re ]]; then
    local major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]}
    if ((major < $1 || (major == $1 && minor < $2))); then
      skip "$3"
    fi
  fi
}

# GNU before 9.5: no auto-padding, no rejection of non-canonical
# encodings, a second "write error" line after a write fails before exit.
needs_gnu95() {
  needs_gnu 9 5 "needs GNU 9.5+ rules"
}

# GNU before 9.10 took its quotation marks and close_stdout's "write
# error" from coreutils' catalog (9.10 from gnulib's: gnu_quote,
# gnulib_text).
needs_gnu910() {
  needs_gnu 9 10 "needs GNU 9.10's catalogs (gnulib's marks)"
}

# gnulib_text LOCALE MSGID: gnulib's translation of MSGID in LOCALE, or
# MSGID where gnulib's catalog (Debian: gnulib-l10n) lacks it.
gnulib_text() {
  LC_ALL=$1 gettext -d gnulib "$2" 2>/dev/null || printf '%s' "$2"
}

# gnu_quote LOCALE TEXT: TEXT between the quotation marks GNU 9.10's
# quote() uses in LOCALE: gnulib's translations of ` and ', else U+2018
# and U+2019 in a UTF-8 locale, else apostrophes.
gnu_quote() {
  local l r utf8=0
  [[ $(LC_ALL=$1 locale charmap 2>/dev/null) == UTF-8 ]] && utf8=1
  l=$(gnulib_text "$1" '`')
  r=$(gnulib_text "$1" "'")
  if [[ $l == '`' ]]; then
    if ((utf8)); then l=$'\xe2\x80\x98'; else l="'"; fi
  fi
  if [[ $r == "'" ]] && ((utf8)); then
    r=$'\xe2\x80\x99'
  fi
  printf '%s%s%s' "$l" "$2" "$r"
}

# Skip for GNU base64: the test checks sextet-specific behaviour.
ours_only() {
  if is_gnu; then
    skip "sextet-specific behaviour"
  fi
}

# b64 ARG...: run the program; stdin is whatever the caller redirected.
# stdout goes to $OUT, stderr to $ERR, the exit status to $status.
# With SEXTET_VALGRIND=1 the program runs under valgrind's memcheck, which
# keeps argv[0] as given (so messages still name "$BASE64"); any memory
# error or definite leak makes the run fail with status 97 and a report on
# stderr.
b64() {
  status=0
  if [[ -n ${SEXTET_VALGRIND:-} ]]; then
    valgrind -q --error-exitcode=97 --leak-check=full \
      --errors-for-leak-kinds=definite "$BASE64" "$@" \
      >"$OUT" 2>"$ERR" || status=$?
  else
    "$BASE64" "$@" >"$OUT" 2>"$ERR" || status=$?
  fi
}

# b64_str STRING ARG...: like b64, with exactly the bytes of STRING on stdin.
b64_str() {
  printf '%s' "$1" >"$BATS_TEST_TMPDIR/stdin"
  shift
  b64 "$@" <"$BATS_TEST_TMPDIR/stdin"
}

# pipe_ok STATUS...: called with "${PIPESTATUS[@]}" right after a
# pipeline, fails unless every command of it exited 0.  Outside pipefail
# a pipeline's status is its last command's: the program's own exit
# status, earlier in the pipe, would be lost.
pipe_ok() {
  local i
  for ((i = 1; i <= $#; i++)); do
    if [[ ${!i} != 0 ]]; then
      echo "command $i of the pipeline exited ${!i} (all: $*)" >&2
      return 1
    fi
  done
}

# show FILE: dump a file readably for failure messages.
show() {
  od -An -c "$1" | head -n 20
}

# expect_status N
expect_status() {
  if [[ $status != "$1" ]]; then
    echo "exit status: expected $1, got $status" >&2
    echo "stderr:" >&2
    head -n 20 "$ERR" | cat -v >&2
    return 1
  fi
}

# expect_out_file FILE: stdout must equal FILE byte for byte.
expect_out_file() {
  if ! cmp -s "$1" "$OUT"; then
    echo "stdout differs from $1" >&2
    cmp "$1" "$OUT" >&2 || true
    echo "expected:" >&2
    show "$1" >&2
    echo "got:" >&2
    show "$OUT" >&2
    return 1
  fi
}

# expect_out STRING: stdout must be exactly the bytes of STRING.
expect_out() {
  printf '%s' "$1" >"$BATS_TEST_TMPDIR/expected"
  expect_out_file "$BATS_TEST_TMPDIR/expected"
}

# expect_err LINE...: stderr must be exactly these lines (none: empty).
expect_err() {
  local want="$BATS_TEST_TMPDIR/expected-err"
  : >"$want"
  if (($#)); then
    printf '%s\n' "$@" >"$want"
  fi
  # (Nothing expected: a test, not a cmp process, thousands of times.)
  if { ((!$#)) && [[ -s $ERR || ! -f $ERR ]]; } ||
    { (($#)) && ! cmp -s "$want" "$ERR"; }; then
    echo "stderr differs; expected:" >&2
    cat "$want" >&2
    echo "got:" >&2
    cat "$ERR" >&2
    return 1
  fi
}

# expect_result STATUS FILE [LINE...]: exit STATUS, stdout exactly FILE,
# stderr exactly the LINEs (none: empty).
expect_result() {
  local want_status=$1 want_out=$2
  shift 2
  expect_status "$want_status" || return 1
  expect_err "$@" || return 1
  expect_out_file "$want_out"
}

# expect_ok STRING: exit 0, stdout exactly STRING, nothing on stderr.
expect_ok() {
  expect_status 0 || return 1
  expect_err || return 1
  expect_out "$1"
}

# expect_invalid STRING: exit 1, stdout exactly STRING (the decoded prefix),
# stderr exactly "PROG: invalid input".
expect_invalid() {
  expect_status 1 || return 1
  expect_err "$BASE64: invalid input" || return 1
  expect_out "$1"
}

# expect_usage_error MESSAGE: exit 1, no stdout, MESSAGE and the Try line.
expect_usage_error() {
  expect_status 1 || return 1
  expect_err "$BASE64: $1" "Try '$BASE64 --help' for more information." ||
    return 1
  expect_out ""
}

# ref_encode: reference base64 encoder (stdin -> stdout, one line, no
# newline), independent of the program under test.
ref_encode() {
  od -An -v -tu1 | awk -v A="$ALPHABET" '
    function put(i) { printf "%s", substr(A, i + 1, 1) }
    {
      for (f = 1; f <= NF; f++) {
        q[n++] = $f
        if (n == 3) {
          put(int(q[0] / 4)); put((q[0] % 4) * 16 + int(q[1] / 16))
          put((q[1] % 16) * 4 + int(q[2] / 64)); put(q[2] % 64)
          n = 0
        }
      }
    }
    END {
      if (n == 1) {
        put(int(q[0] / 4)); put((q[0] % 4) * 16); printf "=="
      } else if (n == 2) {
        put(int(q[0] / 4)); put((q[0] % 4) * 16 + int(q[1] / 16))
        put((q[1] % 16) * 4); printf "="
      }
    }'
}

# ref_wrap COLS: wrap one unterminated line as GNU does: a newline after
# every COLS characters and a final newline if the output would not end
# with one; COLS 0 means no newline at all; empty stays empty.
ref_wrap() {
  local s
  s=$(cat)
  if [[ -z $s ]]; then
    return 0
  elif (($1 == 0)); then
    printf '%s' "$s"
  else
    printf '%s\n' "$s" | fold -b -w "$1"
  fi
}

# enc_a N: the base64 encoding of N letters 'a' (unwrapped, no newline).
# (No shell loops here: bats traces every command, which makes them slow.)
enc_a() {
  local n=$1
  awk -v n="$((n / 3))" 'BEGIN { for (i = 0; i < n; i++) printf "YWFh" }'
  case $((n % 3)) in
    1) printf 'YQ==' ;;
    2) printf 'YWE=' ;;
  esac
}

# a_string N: N letters 'a', no newline.
a_string() {
  head -c "$1" /dev/zero | tr '\0' a
}

# newlines N: N newline characters.
newlines() {
  head -c "$1" /dev/zero | tr '\0' '\n'
}

# random_file PATH SIZE: SIZE random bytes.
random_file() {
  head -c "$2" /dev/urandom >"$1"
}

# all_bytes PATH: the 256 byte values 0..255 in order.
all_bytes() {
  local fmt
  printf -v fmt '\\%03o' {0..255}
  printf '%b' "$fmt" >"$1"
}

# Skip messages say what is missing and, in parentheses, what would bring
# it (a Debian package, a command): `make check` ends with a summary of
# them (tests/skips.sh), grouped by message, and CI fails on a skip it
# does not expect (.ci/count.sh).

# Skip unless env(1) can reset signal dispositions (coreutils 8.31+).
needs_env_signals() {
  if ! env --default-signal=PIPE true 2>/dev/null; then
    skip "env --default-signal is not available (coreutils 8.31 or later)"
  fi
}

# needs_locale NAME: skip unless the locale NAME is installed.  The
# message gives the line of /etc/locale.gen that makes it (Debian's list
# of them, /usr/share/i18n/SUPPORTED, comes with the package locales).
needs_locale() {
  local entry
  if [[ -z $(LC_ALL=$1 locale 2>&1 >/dev/null) ]]; then
    return 0
  fi
  entry=$(grep -m 1 "^$1 " /usr/share/i18n/SUPPORTED 2>/dev/null) ||
    case $1 in
      *.UTF-8) entry="$1 UTF-8" ;;
      *) entry="$1 ISO-8859-1" ;;
    esac
  # (skip takes its message as one word.)
  skip "locale $1 is not installed (apt-get install locales; echo '$entry' >>/etc/locale.gen; locale-gen)"
}

# needs_catalog DOMAIN LANG: skip unless the message catalog of DOMAIN
# (coreutils, libc) in language LANG is installed where gettext looks.
needs_catalog() {
  local pkg=$1
  if [[ $1 == libc ]]; then
    pkg=libc-l10n
  fi
  if [[ ! -f /usr/share/locale/$2/LC_MESSAGES/$1.mo ]]; then
    skip "no $2 message catalog for $1 in /usr/share/locale (apt-get install $pkg)"
  fi
}

# needs_dev_full: skip unless /dev/full (writes fail with ENOSPC) is there.
needs_dev_full() {
  if [[ ! -c /dev/full || ! -w /dev/full ]]; then
    skip "no writable /dev/full (mknod -m 666 /dev/full c 1 7)"
  fi
}

# needs_python3 WHAT: skip unless python3 is there to do WHAT.
needs_python3() {
  if ! command -v python3 >/dev/null; then
    skip "python3 is needed to $1 (apt-get install python3)"
  fi
}
