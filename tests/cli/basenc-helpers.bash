# shellcheck shell=bash
# Common setup for the basenc and base32 tests (bats), on top of
# helpers.bash (whose expect_* functions are used as they are).
#
# A .bats file names the variable that holds its program, then loads this:
#   SUT_VAR=BASENC
#   load basenc-helpers
# and the suite runs against GNU coreutils as well as against sextet:
#   BASENC=/usr/bin/basenc BASE32=/usr/bin/base32 \
#     bats tests/cli/basenc.bats tests/cli/base32.bats
# Every test skips, saying why, when the variable is unset or names a file
# that does not exist (sextet's programs before they are built).
#
# Diagnostics start with the program's argv[0].  That is the variable's
# value as given, except for a wrapper script that runs the program through
# the dynamic loader with "--argv0 NAME" (GNU's oracle wrappers do): the
# name is then NAME.  $NAME holds it for the tests.

load helpers

# The directory of this file, for basenc_ref.py.
BN_DIR=$BATS_TEST_DIRNAME

# Runs once per file: the interpreter behind "python3", found once (a
# version manager's shim can take a second to start it, each time).
setup_file() {
  BN_PYTHON=python3
  if command -v python3 >/dev/null; then
    BN_PYTHON=$(python3 -c 'import sys; print(sys.executable)') ||
      BN_PYTHON=python3
  fi
  export BN_PYTHON
}

# Runs before every test (replaces helpers.bash's, which wants $BASE64).
# (BN_WRAPPER is read by the .bats files.)
# shellcheck disable=SC2034
setup() {
  local var=${SUT_VAR:?the .bats file sets SUT_VAR before loading basenc-helpers}
  local want=${var,,}
  PROG=${!var:-}
  if [[ -z $PROG ]]; then
    # (skip takes its message as one word.)
    skip "$var is not set: no $want to test (make check sets it once src/$want is built; by hand: $var=/usr/bin/$want bats tests/cli/$want.bats)"
  fi
  if [[ $PROG == */* && $PROG != /* ]]; then
    PROG="$PWD/$PROG"
  fi
  if [[ $PROG != */* ]]; then
    PROG=$(command -v "$PROG") || PROG=""
    if [[ -z $PROG ]]; then
      skip "$var=${!var} is not a command in PATH (give its path)"
    fi
  fi
  if [[ ! -e $PROG ]]; then
    skip "$var=$PROG does not exist (build it: make)"
  fi
  if [[ ! -x $PROG || -d $PROG ]]; then
    echo "$var=$PROG is not an executable file" >&2
    return 1
  fi
  NAME=$PROG
  # Set when the program is a script that fixes argv[0] itself.
  BN_WRAPPER=""
  if [[ $(head -c 2 "$PROG") == '#!' ]]; then
    local re='--argv0 ([^ ]+) '
    if [[ $(head -n 20 "$PROG") =~ $re ]]; then
      NAME=${BASH_REMATCH[1]}
      BN_WRAPPER=1
    fi
  fi
  OUT="$BATS_TEST_TMPDIR/stdout"
  ERR="$BATS_TEST_TMPDIR/stderr"
  CTX=""
  cd "$BATS_TEST_TMPDIR" || return 1
}

# bn ARG...: run the program; stdin is whatever the caller redirected.
# stdout goes to $OUT, stderr to $ERR, the exit status to $status.  With
# SEXTET_VALGRIND=1 as in helpers.bash's b64.
bn() {
  status=0
  if [[ -n ${SEXTET_VALGRIND:-} ]]; then
    valgrind -q --error-exitcode=97 --leak-check=full \
      --errors-for-leak-kinds=definite "$PROG" "$@" \
      >"$OUT" 2>"$ERR" || status=$?
  else
    "$PROG" "$@" >"$OUT" 2>"$ERR" || status=$?
  fi
}

# bn_in BYTES ARG...: bn with exactly the bytes of the printf %b escape
# string BYTES on stdin ('\n', '\0', '\x80', '\\' for a backslash).
bn_in() {
  printf '%b' "$1" >"$BATS_TEST_TMPDIR/stdin"
  CTX="input (printf %b): '$1'"
  shift
  bn "$@" <"$BATS_TEST_TMPDIR/stdin"
}

# bn_report MESSAGE...: say what failed, and in what context.
bn_report() {
  printf '%s\n' "$@" >&2
  if [[ -n $CTX ]]; then
    echo "context: $CTX" >&2
  fi
}

# bn_expect_file STATUS FILE [LINE...]: exit STATUS, stdout exactly FILE,
# stderr exactly the LINEs (none: empty).
bn_expect_file() {
  local want_status=$1 want_out=$2 want_err="$BATS_TEST_TMPDIR/expected-err"
  shift 2
  : >"$want_err"
  if (($#)); then
    printf '%s\n' "$@" >"$want_err"
  fi
  if [[ $status != "$want_status" ]]; then
    bn_report "exit status: expected $want_status, got $status" "stderr:" \
      "$(head -n 5 "$ERR" | cat -v)"
    return 1
  fi
  # (No stderr expected: a test, not a cmp process, thousands of times.)
  if { (($#)) && ! cmp -s "$want_err" "$ERR"; } || { ((!$#)) && [[ -s $ERR ]]; }; then
    bn_report "stderr differs; expected:" "$(cat -v "$want_err")" "got:" \
      "$(head -n 10 "$ERR" | cat -v)"
    return 1
  fi
  if ! cmp -s "$want_out" "$OUT"; then
    bn_report "stdout differs ($(wc -c <"$OUT") bytes, expected" \
      "$(wc -c <"$want_out")): $(cmp "$want_out" "$OUT" 2>&1)" \
      "expected:" "$(show "$want_out")" "got:" "$(show "$OUT")"
    return 1
  fi
}

# bn_expect STATUS OUT [LINE...]: like bn_expect_file with stdout the
# bytes of the printf %b escape string OUT.
bn_expect() {
  local want_status=$1
  printf '%b' "$2" >"$BATS_TEST_TMPDIR/expected"
  shift 2
  bn_expect_file "$want_status" "$BATS_TEST_TMPDIR/expected" "$@"
}

# bn_ok OUT: exit 0, stdout OUT (%b escapes), nothing on stderr.
bn_ok() {
  bn_expect 0 "$1"
}

# bn_invalid PREFIX: exit 1, stdout PREFIX (%b escapes: what was decoded
# before the error), stderr exactly "NAME: invalid input".
bn_invalid() {
  bn_expect 1 "$1" "$NAME: invalid input"
}

# bn_usage MESSAGE: exit 1, no stdout, "NAME: MESSAGE" and the Try line.
bn_usage() {
  bn_expect 1 "" "$NAME: $1" "Try '$NAME --help' for more information."
}

# bn_fatal MESSAGE: exit 1, no stdout, the one line "NAME: MESSAGE".
bn_fatal() {
  bn_expect 1 "" "$NAME: $1"
}

# dec_ok OPTIONS INPUT OUT: decoding INPUT (%b escapes) with the
# space-separated OPTIONS (and -d) succeeds with OUT (%b escapes).
dec_ok() {
  local opts
  read -r -a opts <<<"$1"
  bn_in "$2" "${opts[@]}" -d
  CTX="$CTX, options: $1 -d"
  bn_ok "$3"
}

# dec_bad OPTIONS INPUT PREFIX: decoding INPUT writes PREFIX (%b escapes),
# then "NAME: invalid input", exit 1.
dec_bad() {
  local opts
  read -r -a opts <<<"$1"
  bn_in "$2" "${opts[@]}" -d
  CTX="$CTX, options: $1 -d"
  bn_invalid "$3"
}

# enc_ok OPTIONS INPUT OUT: encoding INPUT (%b escapes) with OPTIONS
# gives exactly OUT (%b escapes), exit 0.
enc_ok() {
  local opts
  read -r -a opts <<<"$1"
  bn_in "$2" "${opts[@]}"
  CTX="$CTX, options: $1"
  bn_ok "$3"
}

# ref ENCODING COLS <DATA >TEXT: the reference encoding (basenc_ref.py),
# wrapped at COLS (0: one line, no newline).
ref() {
  "$BN_PYTHON" "$BN_DIR/basenc_ref.py" "$1" "$2"
}

# ref_file ENCODING COLS DATA TEXT: ref from file DATA into file TEXT;
# fails when the reference fails.
ref_file() {
  "$BN_PYTHON" "$BN_DIR/basenc_ref.py" "$1" "$2" <"$3" >"$4"
}

# roundtrip ENCODING OPTIONS SIZE...: for each SIZE, SIZE random bytes
# encode (with the space-separated OPTIONS, which may set the width in the
# -wCOLS form; default 76) exactly as the reference does, and the text
# decodes back to the bytes, from a file operand (even sizes) or from
# stdin as '-' (odd sizes).
roundtrip() {
  local enc=$1 cols=76 a n opts files=() eo=("--$1")
  # (base32 takes no encoding option.)
  if [[ $SUT_VAR == BASE32 ]]; then
    eo=()
  fi
  read -r -a opts <<<"$2"
  shift 2
  for a in "${opts[@]}"; do
    case $a in
      -w*) cols=${a#-w} ;;
    esac
  done
  for n in "$@"; do
    random_file "data$n" "$n"
    files+=("data$n")
  done
  # (One reference run for all the sizes: python3 starts slowly.)
  "$BN_PYTHON" "$BN_DIR/basenc_ref.py" "$enc" "$cols" "${files[@]}"
  for n in "$@"; do
    CTX="${eo[*]} ${opts[*]}, $n random bytes ($BATS_TEST_TMPDIR/data$n)"
    bn "${eo[@]}" "${opts[@]}" "data$n" </dev/null
    bn_expect_file 0 "data$n.ref"
    if ((n % 2)); then
      bn -d "${eo[@]}" - <"data$n.ref"
    else
      bn "${eo[@]}" -d "data$n.ref" </dev/null
    fi
    bn_expect_file 0 "data$n"
  done
}

# with_newline_at_every_position OPTIONS TEXT OUT: TEXT (no escapes) with
# one newline put at each position in turn decodes to OUT (%b escapes), and
# so does TEXT with a run of three newlines at every third position.
with_newline_at_every_position() {
  local i t=$2
  for ((i = 0; i <= ${#t}; i++)); do
    dec_ok "$1" "${t:0:i}\n${t:i}" "$3"
  done
  for ((i = 0; i <= ${#t}; i += 3)); do
    dec_ok "$1" "${t:0:i}\n\n\n${t:i}" "$3"
  done
}

# b32_decoding_table OPTIONS: the base32 decoding rules (GNU 9.5 and
# later), for "basenc --base32" and for base32 alike.
b32_decoding_table() {
  local o=$1
  # Full groups, padded groups of each length, the same unpadded.
  dec_ok "$o" 'MFRGGZDF' abcde
  dec_ok "$o" 'ME======' a
  dec_ok "$o" 'MFQQ====' aa
  dec_ok "$o" 'MFQWC===' aaa
  dec_ok "$o" 'MFQWCYI=' aaaa
  dec_ok "$o" 'ME' a
  dec_ok "$o" 'MFQQ' aa
  dec_ok "$o" 'MFQWC' aaa
  dec_ok "$o" 'MFQWCYI' aaaa
  dec_ok "$o" 'MFRGGZDFMFRGG' abcdeabc
  # Padded groups one after the other, with or without a newline between.
  dec_ok "$o" 'MFRGG===MFRGG===' abcabc
  dec_ok "$o" 'MFRGG===\nMFRGG' abcabc
  dec_ok "$o" 'IFBA====\nIE' ABA
  # A newline inside the padding.
  dec_ok "$o" 'MFRGG=\n==' abc
  dec_ok "$o" 'M\nF\nR\nG\nG\n=\n=\n=\n' abc
  # Lengths no group can have (1, 3, 6 characters): what the complete
  # bytes give is written first.
  dec_bad "$o" 'M' ''
  dec_bad "$o" 'MFR' 'a'
  dec_bad "$o" 'MFRGGZDFM' 'abcde'
  dec_bad "$o" 'MFRGGZDFMFR' 'abcdea'
  dec_bad "$o" 'MFQWCY' 'aaa'
  dec_bad "$o" 'MFQ=====' 'a'
  dec_bad "$o" 'MFQWCY==' 'aaa'
  # Non-zero bits after the last byte: the byte is written, then the error.
  dec_bad "$o" 'MF======' 'a'
  dec_bad "$o" 'MF' 'a'
  dec_bad "$o" 'MFRGH===' 'abc'
  dec_bad "$o" 'MFQWCYJ=' 'aaaa'
  # Padding that does not complete the group: nothing of the group.
  dec_bad "$o" 'MFRGG=' ''
  dec_bad "$o" 'MFRGG==' ''
  dec_bad "$o" 'MFQQ===' ''
  dec_bad "$o" 'MFRGGZDF=' 'abcde'
  dec_bad "$o" 'MFRGGZDF=\n' 'abcde'
  # Too much padding: the group is written, the extra '=' is invalid.
  dec_bad "$o" 'MFRGG====' 'abc'
  dec_bad "$o" 'MFRGGZDF========' 'abcde'
  # Padding alone.
  dec_bad "$o" '=' ''
  dec_bad "$o" '========' ''
  # Lower case is not base32.
  dec_bad "$o" 'mfrgg===' ''
  dec_bad "$o" 'MFRGGzdf' 'abc'
  # A character outside the alphabet: the bytes its group's characters
  # before it complete are written.
  dec_bad "$o" 'MFRGG*' 'abc'
  dec_bad "$o" 'MFRGGZD*' 'abcd'
  dec_bad "$o" 'MFRGGZDF*' 'abcde'
  dec_bad "$o" 'MFRGGZDFMFRGG*' 'abcdeabc'
  dec_bad "$o" 'MFRGGZDF\r\n' 'abcde'
  dec_bad "$o" 'MFRG GZDF' 'ab'
  dec_bad "$o" '0' ''
  dec_bad "$o" '1' ''
  dec_bad "$o" '8' ''
  # With -i: everything but the alphabet and '=' is dropped first.
  dec_ok "$o -i" '*MFRGG===*' abc
  dec_ok "$o -i" 'ME==*====' a
  dec_ok "$o -i" 'M1E8' a
  dec_ok "$o -i" 'mfrggME======' a
  dec_ok "$o -i" 'ME======\r\n' a
  dec_ok "$o -i" 'ME======ME' aa
  dec_bad "$o -i" 'MFRGG=' ''
  dec_bad "$o -i" '=ME' ''
  dec_ok "$o -i" '' ''
  dec_ok "$o -i" '*' ''
}
