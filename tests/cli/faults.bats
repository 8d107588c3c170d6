#!/usr/bin/env bats
# I/O faults injected by tests/faults/faultshim.so (LD_PRELOAD): recoverable
# ones (short counts, EINTR, EAGAIN) must not change a byte of the output;
# the others must give GNU's diagnostic and exit 1, never a silent success.
# GNU base64 reads and writes through stdio, which calls glibc's internal
# read and write: the shim cannot reach it, so these tests are sextet's.

load helpers

setup_file() {
  head -c 300000 /dev/urandom >"$BATS_FILE_TMPDIR/data"
}

needs_shim() {
  ours_only
  if [[ -z ${FAULTSHIM:-} || ! -f $FAULTSHIM ]]; then
    skip "the fault shim is not built (FAULTSHIM)"
  fi
}

# faulty RULES ARG...: run the program with the rules; stdin as redirected.
faulty() {
  local rules=$1
  shift
  status=0
  SEXTET_FAULTS=$rules LD_PRELOAD=$FAULTSHIM \
    ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
    "$BASE64" "$@" >"$OUT" 2>"$ERR" || status=$?
}

recoverable=(read:short read:eintr read:eagain write:short write:eintr
  write:eagain "read:short,read:eintr,write:short,write:eagain")

@test "recoverable faults: encoding is byte-identical" {
  needs_shim
  "$BASE64" <"$BATS_FILE_TMPDIR/data" >want
  for r in "${recoverable[@]}"; do
    faulty "$r" <"$BATS_FILE_TMPDIR/data"
    expect_result 0 want || { echo "rules: $r" >&2; return 1; }
  done
}

@test "recoverable faults: decoding is byte-identical" {
  needs_shim
  "$BASE64" <"$BATS_FILE_TMPDIR/data" >enc
  for r in "${recoverable[@]}"; do
    faulty "$r" -d <enc
    expect_result 0 "$BATS_FILE_TMPDIR/data" ||
      { echo "rules: $r" >&2; return 1; }
  done
}

@test "recoverable faults: --lenient on CRLF text and -w 0 are byte-identical" {
  needs_shim
  "$BASE64" --crlf <"$BATS_FILE_TMPDIR/data" >crlf
  "$BASE64" -w 0 <"$BATS_FILE_TMPDIR/data" >w0
  for r in "${recoverable[@]}"; do
    faulty "$r" -d --lenient <crlf
    expect_result 0 "$BATS_FILE_TMPDIR/data" || return 1
    faulty "$r" -w 0 <"$BATS_FILE_TMPDIR/data"
    expect_result 0 w0 || return 1
  done
}

@test "recoverable faults with -o: the file is complete" {
  needs_shim
  "$BASE64" <"$BATS_FILE_TMPDIR/data" >enc
  faulty "read:short,read:eintr,read:eagain" -d -o out <enc
  expect_status 0
  cmp out "$BATS_FILE_TMPDIR/data"
}

@test "EIO reading while encoding: what was read is encoded, then 'read error'" {
  needs_shim
  faulty read:eio@5000 <"$BATS_FILE_TMPDIR/data"
  head -c 5000 "$BATS_FILE_TMPDIR/data" | "$BASE64" >want
  expect_result 1 want "$BASE64: read error: Input/output error"
}

@test "EIO reading while encoding to a full device: 'read error', then 'write error'" {
  # GNU's error() flushes the small output before "read error"; the write
  # fails there, and close_stdout says "write error" with no reason.
  needs_shim
  needs_dev_full
  status=0
  SEXTET_FAULTS=read:eio@100 LD_PRELOAD=$FAULTSHIM \
    ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
    "$BASE64" <"$BATS_FILE_TMPDIR/data" >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: read error: Input/output error" "$BASE64: write error"
}

@test "EIO reading while decoding: earlier blocks written, then 'read error'" {
  needs_shim
  "$BASE64" <"$BATS_FILE_TMPDIR/data" >enc
  faulty read:eio@300000 -d <enc
  expect_status 1
  expect_err "$BASE64: read error: Input/output error"
  # Whatever was written is a prefix of the data, and short of all of it.
  [[ $(wc -c <"$OUT") -lt 300000 ]]
  cmp -n "$(wc -c <"$OUT")" "$OUT" "$BATS_FILE_TMPDIR/data"
}

@test "EIO reading with -o: no file is created" {
  needs_shim
  "$BASE64" <"$BATS_FILE_TMPDIR/data" >enc
  faulty read:eio@1000 -d -o out <enc
  expect_status 1
  expect_err "$BASE64: read error: Input/output error"
  [[ ! -e out ]]
  [[ -z $(find . -name '.base64-*') ]]
}

@test "ENOSPC writing: one 'write error', exit 1, output a prefix" {
  needs_shim
  "$BASE64" <"$BATS_FILE_TMPDIR/data" >want
  for args in "" "-w 0"; do
    # shellcheck disable=SC2086
    faulty write:enospc@70000 $args <"$BATS_FILE_TMPDIR/data"
    expect_status 1
    expect_err "$BASE64: write error: No space left on device"
    [[ $(wc -c <"$OUT") -eq 70000 ]]
  done
  faulty write:enospc@70000 <"$BATS_FILE_TMPDIR/data"
  cmp -n 70000 "$OUT" want
}

@test "ENOSPC writing while decoding: one 'write error', exit 1" {
  needs_shim
  "$BASE64" <"$BATS_FILE_TMPDIR/data" >enc
  faulty write:enospc@1000 -d <enc
  expect_status 1
  expect_err "$BASE64: write error: No space left on device"
  cmp -n 1000 "$OUT" "$BATS_FILE_TMPDIR/data"
}

@test "EPIPE writing: 'write error: Broken pipe', exit 1" {
  needs_shim
  faulty write:epipe@100 <"$BATS_FILE_TMPDIR/data"
  expect_status 1
  expect_err "$BASE64: write error: Broken pipe"
}

@test "a write that makes no progress is an error, not a silent truncation" {
  needs_shim
  faulty write:zero@4096 <"$BATS_FILE_TMPDIR/data"
  expect_status 1
  expect_err "$BASE64: write error: Input/output error"
}
