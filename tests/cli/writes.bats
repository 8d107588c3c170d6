#!/usr/bin/env bats
# The write(2) calls the output goes out in, watched with strace.  Once
# the input has ended (a regular file read to its end, a pipe whose
# writers are gone), what remains goes out in the same write as what
# precedes it: a small input in one write, as GNU's, so that a reader of
# the output (base64 FILE | tee OUT | head -3) never sees the end arrive
# on its own after it stopped reading.  Streaming from a pipe that is
# still open is tests/cli/streams.bats's business.  GNU's behaviour: these
# run against GNU base64 too.

load helpers

# writes ARG...: run the program under strace with stdin as redirected;
# stdout to $OUT; the sizes of its writes to standard output, one a line,
# in $BATS_TEST_TMPDIR/writes.  One trace file per thread (-ff), so that
# no call is split into "unfinished" and "resumed" halves when the
# program runs with another thread (qemu-user's, in the cross runs);
# LeakSanitizer, which cannot run under ptrace, is kept out of it.
writes() {
  if ! command -v strace >/dev/null; then
    skip "needs strace (apt-get install strace)"
  fi
  rm -f "$BATS_TEST_TMPDIR"/trace.*
  status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
    strace -ff -qq -e trace=write -e signal=none \
    -o "$BATS_TEST_TMPDIR/trace" "$BASE64" "$@" >"$OUT" 2>"$ERR" ||
    status=$?
  cat "$BATS_TEST_TMPDIR"/trace.* |
    sed -n 's/^write(1, .*) *= \([0-9]*\)$/\1/p' >"$BATS_TEST_TMPDIR/writes"
}

# expect_writes N...: the writes were exactly of these sizes.
expect_writes() {
  local got want
  got=$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/writes")
  want="$* "
  if [[ $got != "$want" ]]; then
    echo "writes to stdout: '$got', expected '$want'" >&2
    return 1
  fi
}

# last_write: the size of the last write to standard output.
last_write() {
  tail -n 1 "$BATS_TEST_TMPDIR/writes"
}

# closed_pipe FILE: open descriptor 6 on a pipe that holds FILE's bytes
# and has no writer left, so that a reader sees the data, then the end,
# without any wait on another process.
closed_pipe() {
  mkfifo "$BATS_TEST_TMPDIR/p"
  exec 5<>"$BATS_TEST_TMPDIR/p"
  exec 6<"$BATS_TEST_TMPDIR/p"
  cat "$1" >&5
  exec 5>&-
}

@test "a small file is encoded in one write" {
  local n
  for n in 1 749 3000; do
    head -c "$n" /dev/urandom >in
    writes in
    expect_status 0
    ref_encode <in | ref_wrap 76 >want
    expect_out_file want
    expect_writes "$(wc -c <want)"
  done
}

@test "a small file is decoded in one write" {
  head -c 2000 /dev/urandom >bin
  ref_encode <bin | ref_wrap 76 >in
  writes -d in
  expect_status 0
  expect_out_file bin
  expect_writes 2000
}

@test "-w 0 on a small file: one write, no newline" {
  printf 'fooba' >in
  writes -w 0 in
  expect_status 0
  expect_out 'Zm9vYmE='
  expect_writes 8
}

@test "a pipe that holds all the input and no writer: one write" {
  printf 'foobar\n' >in
  closed_pipe in
  writes <&6
  exec 6<&-
  expect_status 0
  expect_out $'Zm9vYmFyCg==\n'
  expect_writes 13
}

@test "a file of whole read blocks: the end is not written on its own" {
  # One and two whole blocks of the encoder's reads (288 KiB, PUMP_ENC_IN
  # in src/cli/cli.h), so the last read returns nothing and only the
  # final newline remains.
  local n
  for n in 294912 589824; do
    head -c "$n" /dev/urandom >in
    writes in
    expect_status 0
    ref_encode <in | ref_wrap 76 >want
    expect_out_file want
    if (($(last_write) < 1000)); then
      echo "$n bytes: a last write of $(last_write) bytes" >&2
      return 1
    fi
  done
}

@test "decoding a file of whole read blocks: the end is not written on its own" {
  # One and two whole blocks of the decoder's reads (PUMP_DEC_IN in
  # src/cli/cli.h, 384 KiB).
  local n
  for n in 393216 786432; do
    head -c "$n" /dev/urandom | ref_encode | ref_wrap 0 | head -c "$n" >in
    writes -d in
    expect_status 0
    if (($(last_write) < 1000)); then
      echo "$n bytes: a last write of $(last_write) bytes" >&2
      return 1
    fi
  done
}
