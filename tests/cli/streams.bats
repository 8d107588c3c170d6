#!/usr/bin/env bats
# Streams (man/base64.1, DESCRIPTION): what one read() returns is coded and written
# before the next read may block; a read of 0 is end of input, once (one ^D
# at a terminal); descriptors 0-2 closed at start stay closed for the
# program's own files; an invalid input with a failing stdout reports both.
# The tests also run against GNU base64, but for the streaming ones: GNU
# collects a 30 KiB block before it writes.

load helpers

# wait_for_file FILE STRING: wait (about 10 s at most) until FILE holds
# exactly STRING; fail with what it holds otherwise.
wait_for_file() {
  local i
  for ((i = 0; i < 200; i++)); do
    if [[ -f $1 && $(cat "$1"; printf x) == "$2x" ]]; then
      return 0
    fi
    sleep 0.05
  done
  echo "$1 holds:" >&2
  show "$1" >&2
  echo "expected:" >&2
  printf '%s' "$2" | od -An -c >&2
  return 1
}

# streamed INPUT EXPECTED ARG...: feed INPUT to the program through a pipe
# that stays open, and check that EXPECTED arrives on its stdout before
# the pipe is closed; then, the pipe closed, that the program exits 0
# with nothing on stderr.
streamed() {
  local input=$1 expected=$2 pid arrived=0
  shift 2
  ours_only
  mkfifo in
  "$BASE64" "$@" <in >"$OUT" 2>"$ERR" &
  pid=$!
  exec 4>in
  printf '%b' "$input" >&4
  wait_for_file "$OUT" "$expected" || arrived=1
  exec 4>&-
  status=0
  wait "$pid" || status=$?
  ((arrived == 0)) || return 1
  expect_status 0 || return 1
  expect_err
}

@test "encoding: a short write into a pipe is encoded before the pipe ends" {
  streamed 'abc' 'YWJj'
}

@test "encoding: -w 0 and the complete groups of a longer piece, at once" {
  streamed 'hello world' 'aGVsbG8gd29y' -w 0
}

@test "encoding with a short wrap: full lines come out at once" {
  streamed 'abcdef' $'YWJj\nZGVm\n' -w 4
}

@test "decoding: a line is decoded before the pipe ends" {
  streamed 'YWJj\n' 'abc' -d
}

@test "decoding -i: a line is decoded before the pipe ends" {
  streamed 'YW Jj\n' 'abc' -d -i
}

@test "the pieces of a slow writer each come out as they arrive" {
  local pid
  ours_only
  mkfifo in
  "$BASE64" -d <in >"$OUT" 2>"$ERR" &
  pid=$!
  exec 4>in
  printf 'Zm9v\n' >&4
  wait_for_file "$OUT" 'foo'
  printf 'YmFy\n' >&4
  wait_for_file "$OUT" 'foobar'
  exec 4>&-
  wait "$pid"
  expect_err
}

# at_terminal INPUT ARG...: run the program with a pseudo-terminal as
# stdin, type INPUT (Python escapes: \x04 is ^D), and fail if it has not
# ended 5 seconds later.  Its stdout and stderr go to $OUT and $ERR.
at_terminal() {
  local input=$1
  shift
  needs_python3 "drive a pseudo-terminal"
  status=0
  python3 - "$input" "$BASE64" "$@" >"$OUT" 2>"$ERR" <<'EOF' || status=$?
import os, pty, sys, time, signal
typed = sys.argv[1].encode().decode("unicode_escape").encode("latin-1")
master, slave = pty.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    os.close(master)
    os.dup2(slave, 0)
    os.close(slave)
    os.execv(sys.argv[2], sys.argv[2:])
os.close(slave)
# Type the input a piece at a time, as a person would: each ^D alone.
pieces = []
cur = b""
for b in typed:
    if b == 4:
        if cur:
            pieces.append(cur)
        pieces.append(b"\x04")
        cur = b""
    else:
        cur += bytes([b])
if cur:
    pieces.append(cur)
for p in pieces:
    os.write(master, p)
    time.sleep(0.3)
deadline = time.time() + 5
while time.time() < deadline:
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        sys.exit(os.waitstatus_to_exitcode(st))
    time.sleep(0.05)
os.kill(pid, signal.SIGKILL)
os.waitpid(pid, 0)
sys.stderr.write("still waiting for input after one ^D\n")
sys.exit(99)
EOF
}

@test "terminal: 'abc', Enter, one ^D ends encoding" {
  at_terminal 'abc\n\x04'
  expect_status 0
  expect_err
  expect_out $'YWJjCg==\n'
}

@test "terminal: 'YWJj', Enter, one ^D ends decoding" {
  at_terminal 'YWJj\n\x04' -d
  expect_status 0
  expect_err
  expect_out 'abc'
}

@test "terminal: ^D on an empty line at once gives empty output" {
  at_terminal '\x04'
  expect_status 0
  expect_err
  expect_out ''
  at_terminal '\x04' -d
  expect_status 0
  expect_err
  expect_out ''
}

@test "terminal: two lines, then one ^D" {
  at_terminal 'YWJj\nZGVm\n\x04' -d
  expect_status 0
  expect_err
  expect_out 'abcdef'
}

# ---------------------------------------------------------------------------
# Descriptors closed at start

@test "closed stdin with a FILE operand: the file is read" {
  printf 'abc' >f
  b64 f <&-
  expect_ok $'YWJj\n'
}

@test "closed stdin, decoding from '-': read error, exit 1" {
  b64 -d - <&-
  expect_status 1
  expect_err "$BASE64: read error: Bad file descriptor"
}

@test "closed stderr: the output is still right and nothing else lands in it" {
  printf 'abc' >f
  status=0
  "$BASE64" f >"$OUT" 2>&- || status=$?
  expect_status 0
  expect_out $'YWJj\n'
}

# ---------------------------------------------------------------------------
# Invalid input and a failing stdout: both are reported, "invalid input"
# first (GNU writes the small decoded prefix when it closes stdout), and
# the write error without a reason (GNU's error() flushed stdout before
# its message: close_stdout finds the stream failed, with errno 0), but
# where closing descriptor 1 fails too (it was closed all along: EBADF).

@test "invalid input to /dev/full: 'invalid input', then a write error" {
  printf 'YWJj*' >in
  status=0
  "$BASE64" -d in >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: invalid input" "$BASE64: write error"
}

@test "invalid input to a closed stdout: 'invalid input', then a write error" {
  status=0
  printf 'YWJj*' | "$BASE64" -d >&- 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: invalid input" \
    "$BASE64: write error: Bad file descriptor"
}

@test "invalid input from a FILE to a closed stdout: the write error without a reason" {
  # GNU's input takes descriptor 1, which its close then closes fine.
  printf 'YWJj*' >in
  status=0
  "$BASE64" -d in >&- 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: invalid input" "$BASE64: write error"
}

@test "a slow pipe, then invalid input, to /dev/full: 'invalid input', then 'write error'" {
  # We write what a slow pipe gave before waiting for more; GNU holds it
  # in its stdio buffer.  A failing write waits for GNU's moment to show
  # (here: its error() flush before "invalid input").  Whether or not the
  # pause lets that write happen, the messages are the same.
  needs_dev_full
  status=0
  { printf 'YWJj\n'; sleep 0.3; printf '!'; } |
    "$BASE64" -d >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: invalid input" "$BASE64: write error"
  status=0
  { printf 'YWJj\n'; sleep 0.3; printf 'YWJj'; } |
    "$BASE64" -d >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: write error: No space left on device"
}

@test "exactly 4096 decoded bytes, then invalid input, to /dev/full: both messages" {
  # GNU's base64 decodes 3072 bytes a block: its 4096 came in two fwrites
  # and wait in its stdio buffer until error() flushes them.
  needs_dev_full
  head -c 4096 /dev/zero | "$BASE64" >in
  printf '!' >>in
  status=0
  "$BASE64" -d in >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: invalid input" "$BASE64: write error"
}

@test "invalid input with nothing decoded and a closed stdout: only 'invalid input'" {
  status=0
  printf '*' | "$BASE64" -d >&- 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: invalid input"
}

@test "--strict: the located message, then the write error" {
  ours_only
  status=0
  printf 'YWJj*' | "$BASE64" -d --strict >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  [[ $(sed -n 1p "$ERR") == "$BASE64: invalid input at line 1, column 5 (byte 4): unexpected byte 0x2a ('*')" ]]
  [[ $(sed -n 2p "$ERR") == "$BASE64: write error: No space left on device" ]]
}
