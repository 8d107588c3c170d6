#!/usr/bin/env bats
# -o FILE / --output=FILE: the output goes to a temporary file beside FILE,
# renamed over FILE only when everything succeeded (SPEC.md section 2).
# Every test is skipped when $BASE64 is GNU base64, which has no -o.

load helpers

teardown() {
  # A tmpfs mounted by the ENOSPC test must go, even if the test failed.
  if [[ -n ${MNT:-} ]]; then
    cd / || return 1
    umount "$MNT" || true
  fi
}

# workdir: move to an empty directory of the test's own (the test's
# scratch directory also holds the captured stdout and stderr).
workdir() {
  mkdir "$BATS_TEST_TMPDIR/work" && cd "$BATS_TEST_TMPDIR/work" || return 1
}

# listing: the names in the current directory, dot files included, one a
# line, sorted.
listing() {
  # shellcheck disable=SC2012 # the names are plain here
  LC_ALL=C ls -A | LC_ALL=C sort
}

# expect_listing NAME...: the current directory holds exactly these names
# (so no temporary file was left behind).
expect_listing() {
  local want
  want=$(printf '%s\n' "$@" | LC_ALL=C sort)
  if [[ $(listing) != "$want" ]]; then
    echo "directory holds:" >&2
    listing | cat -v >&2
    echo "expected:" >&2
    printf '%s\n' "$want" >&2
    return 1
  fi
}

# expect_file_is FILE STRING: FILE holds exactly the bytes of STRING.
expect_file_is() {
  printf '%s' "$2" >"$BATS_TEST_TMPDIR/expected-file"
  if ! cmp "$BATS_TEST_TMPDIR/expected-file" "$1"; then
    echo "$1 holds:" >&2
    show "$1" >&2
    return 1
  fi
}

# mode_of FILE: its permission bits in octal.
mode_of() {
  stat -c %a "$1"
}

# wait_for_temp NAME PID: wait until the temporary file for -o NAME exists
# (.NAME.XXXXXX in the same directory) and process PID, having made it,
# sleeps waiting for more input; fails after about 10 seconds.  (Killing it
# the instant the file appears would hit the gap between creating the file
# and arming its removal, which is not what these tests are about.)
wait_for_temp() {
  local i stat
  for ((i = 0; i < 200; i++)); do
    if compgen -G ".$1.*" >/dev/null; then
      break
    fi
    sleep 0.05
  done
  if ((i == 200)); then
    echo "no temporary file .$1.* appeared" >&2
    return 1
  fi
  if [[ ! -r /proc/$2/stat ]]; then
    sleep 0.5 # no /proc: give it time
    return 0
  fi
  for ((i = 0; i < 200; i++)); do
    stat=$(cat "/proc/$2/stat" 2>/dev/null) || return 0
    stat=${stat##*) }
    if [[ $stat == S* ]]; then
      return 0
    fi
    sleep 0.05
  done
  echo "process $2 never waited for input" >&2
  return 1
}

# killed_mid_stream SIGNAL DECODE-OPTION...: start the program on a FIFO
# with -o f, feed it part of its input, send SIGNAL while it waits for the
# rest, and check that it died of SIGNAL leaving no f and no temporary file.
killed_mid_stream() {
  local sig=$1 pid
  shift
  mkfifo in
  "$BASE64" "$@" -o f <in >"$OUT" 2>"$ERR" 3>&- &
  pid=$!
  exec 4>in
  printf 'Zm9vYmFy\nZm9v\n' >&4
  wait_for_temp f "$pid"
  [[ ! -e f ]]
  kill -s "$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  exec 4>&-
  expect_status $((128 + $(kill -l "$sig")))
  expect_listing in
}

# ---------------------------------------------------------------------------
# Writing FILE

@test "-o FILE: encoding goes to FILE, nothing to stdout" {
  ours_only
  workdir
  printf 'foobar' >in
  b64 -o f in
  expect_ok ''
  expect_file_is f $'Zm9vYmFy\n'
  expect_listing f in
}

@test "--output=FILE: decoding goes to FILE, nothing to stdout" {
  ours_only
  workdir
  printf 'Zm9vYmFy\n' >in.b64
  b64 -d --output=f in.b64
  expect_ok ''
  expect_file_is f 'foobar'
  expect_listing f in.b64
}

@test "-o FILE with the new modes: -u --no-pad, --mime, --lenient" {
  ours_only
  workdir
  printf '\373\377' | "$BASE64" -u --no-pad -o f
  expect_file_is f $'-_8\n'
  printf 'foo' | "$BASE64" --mime -o f
  expect_file_is f $'Zm9v\r\n'
  printf 'Zm9v\r\nZg\r\n' | "$BASE64" -d --lenient -o f
  expect_file_is f 'foof'
}

@test "-o FILE: large binary data round-trips through two files" {
  ours_only
  workdir
  random_file data.bin 3000000
  ref_encode <data.bin | ref_wrap 76 >expected.b64
  b64 -o data.b64 data.bin
  expect_ok ''
  cmp expected.b64 data.b64
  b64 -d -o back.bin data.b64
  expect_ok ''
  cmp data.bin back.bin
}

@test "-o FILE: empty input makes an empty FILE" {
  ours_only
  workdir
  b64 -o f </dev/null
  expect_ok ''
  [[ -f f && ! -s f ]]
  b64 -d -o g </dev/null
  expect_ok ''
  [[ -f g && ! -s g ]]
}

@test "-o FILE replaces an existing FILE: the old content is gone" {
  ours_only
  workdir
  printf 'old content that is longer than the new one\n' >f
  printf 'Zm9v\n' | "$BASE64" -d -o f
  expect_file_is f 'foo'
  expect_listing f
}

@test "-o FILE into a subdirectory: FILE and no temporary file there" {
  ours_only
  workdir
  mkdir sub
  printf 'foo' >in
  b64 -o sub/f in
  expect_ok ''
  expect_file_is sub/f $'Zm9v\n'
  cd sub
  expect_listing f
}

@test "a new FILE gets 0666 less the umask: 644 under 022, 600 under 077" {
  ours_only
  workdir
  (umask 022 && printf x | "$BASE64" -o f22)
  [[ $(mode_of f22) == 644 ]]
  (umask 077 && printf x | "$BASE64" -o f77)
  [[ $(mode_of f77) == 600 ]]
  (umask 027 && printf 'eA==' | "$BASE64" -d -o f27)
  [[ $(mode_of f27) == 640 ]]
}

@test "a replaced FILE gets the umask mode too, not its old mode" {
  ours_only
  workdir
  printf old >f
  chmod 600 f
  (umask 022 && printf x | "$BASE64" -o f)
  [[ $(mode_of f) == 644 ]]
  chmod 755 f
  (umask 077 && printf x | "$BASE64" -o f)
  [[ $(mode_of f) == 600 ]]
  expect_file_is f $'eA==\n'
}

# ---------------------------------------------------------------------------
# Atomicity

@test "a decode error creates no FILE and leaves no temporary file" {
  ours_only
  workdir
  printf 'Zm9vYmFy\nZm9v*\n' >in.b64
  b64 -d -o f in.b64
  expect_status 1
  expect_err "$BASE64: invalid input"
  expect_out ''
  expect_listing in.b64
}

@test "a located decode error (--strict) creates no FILE either" {
  ours_only
  workdir
  printf 'Zm9vYmFy\nZm9vYg\n' >in.b64
  b64 -d --strict -o f in.b64
  expect_status 1
  expect_err "$BASE64: invalid input at line 2, column 7 (byte 15): missing padding"
  expect_out ''
  expect_listing in.b64
}

@test "a decode error keeps an existing FILE and its content" {
  ours_only
  workdir
  printf 'precious\n' >f
  chmod 640 f
  printf 'Zm9vYmFy\nZm9v*\n' >in.b64
  b64 -d -o f in.b64
  expect_status 1
  expect_err "$BASE64: invalid input"
  expect_out ''
  expect_file_is f $'precious\n'
  [[ $(mode_of f) == 640 ]]
  expect_listing f in.b64
}

@test "a decode error far into a large input leaves no FILE and no temporary file" {
  ours_only
  workdir
  random_file data.bin 1500000
  { ref_encode <data.bin | ref_wrap 76; printf '*\n'; } >in.b64
  b64 -d -o f in.b64
  expect_status 1
  expect_err "$BASE64: invalid input"
  expect_out ''
  expect_listing data.bin in.b64
}

@test "a read error (the input is a directory) creates no FILE" {
  ours_only
  workdir
  mkdir dir
  b64 -o f dir
  expect_status 1
  expect_err "$BASE64: read error: Is a directory"
  expect_out ''
  b64 -d -o f dir
  expect_status 1
  expect_err "$BASE64: read error: Is a directory"
  expect_listing dir
}

@test "a missing input file creates no FILE" {
  ours_only
  workdir
  b64 -o f no-such-file
  expect_status 1
  expect_err "$BASE64: no-such-file: No such file or directory"
  expect_listing
}

@test "SIGTERM in the middle of the stream: no FILE, no temporary file" {
  ours_only
  workdir
  killed_mid_stream TERM -d
}

@test "SIGTERM while encoding: no FILE, no temporary file" {
  ours_only
  workdir
  killed_mid_stream TERM
}

@test "SIGHUP in the middle of the stream: no FILE, no temporary file" {
  ours_only
  workdir
  killed_mid_stream HUP -d
}

@test "SIGTERM keeps an existing FILE unchanged" {
  ours_only
  workdir
  printf 'precious\n' >f
  mkfifo in
  "$BASE64" -d -o f <in >"$OUT" 2>"$ERR" 3>&- &
  local pid=$!
  exec 4>in
  printf 'Zm9v\n' >&4
  wait_for_temp f "$pid"
  kill -s TERM "$pid"
  status=0
  wait "$pid" || status=$?
  exec 4>&-
  expect_status 143
  expect_file_is f $'precious\n'
  expect_listing f in
}

@test "SIGTERM with a slow pipe as input (sleep between two writes)" {
  ours_only
  workdir
  (printf 'Zm9vYmFy\n'; sleep 3; printf 'Zm9v\n') 3>&- |
    "$BASE64" -d -o f >"$OUT" 2>"$ERR" 3>&- &
  local pid=$!
  wait_for_temp f "$pid"
  kill -s TERM "$pid"
  status=0
  wait "$pid" || status=$?
  expect_status 143
  expect_listing
}

@test "no space left on the device: exit 1, the message names FILE, nothing left" {
  ours_only
  workdir
  if [[ $(id -u) != 0 ]]; then
    skip "mounting a tmpfs needs root"
  fi
  mkdir mnt
  if ! mount -t tmpfs -o size=64k tmpfs mnt 2>/dev/null; then
    skip "cannot mount a tmpfs here"
  fi
  MNT=$PWD/mnt
  head -c 200000 /dev/zero >zeros
  b64 -o mnt/f zeros
  expect_status 1
  expect_err "$BASE64: write error: mnt/f: No space left on device"
  expect_out ''
  cd mnt
  expect_listing
}

@test "no space left on the device keeps an existing FILE" {
  ours_only
  workdir
  if [[ $(id -u) != 0 ]]; then
    skip "mounting a tmpfs needs root"
  fi
  mkdir mnt
  if ! mount -t tmpfs -o size=64k tmpfs mnt 2>/dev/null; then
    skip "cannot mount a tmpfs here"
  fi
  MNT=$PWD/mnt
  printf 'old\n' >mnt/g
  head -c 200000 /dev/zero | tr '\0' a >as
  ref_encode <as | ref_wrap 76 >as.b64
  b64 -d -o mnt/g as.b64
  expect_status 1
  expect_err "$BASE64: write error: mnt/g: No space left on device"
  expect_out ''
  expect_file_is mnt/g $'old\n'
  cd mnt
  expect_listing g
}

@test "FILE in a directory that does not exist: error, exit 1" {
  ours_only
  workdir
  printf foo >in
  b64 -o no-such-dir/f in
  expect_status 1
  expect_err "$BASE64: no-such-dir/f: No such file or directory"
  expect_out ''
  expect_listing in
}

@test "FILE that is a directory: error, exit 1, the directory untouched" {
  ours_only
  workdir
  mkdir d
  printf foo >in
  b64 -o d in
  expect_status 1
  expect_err "$BASE64: d: Is a directory"
  expect_out ''
  expect_listing d in
  [[ -z $(ls -A d) ]]
}

@test "a FILE name that needs quoting is quoted in the message" {
  ours_only
  workdir
  printf 'precious\n' >'a b'
  b64 -o 'a b' 'a b'
  expect_status 1
  expect_err "$BASE64: 'a b': input file is output file"
}

# ---------------------------------------------------------------------------
# Refusing to overwrite the input

@test "-o f f: input file is output file, f unchanged" {
  ours_only
  workdir
  printf 'Zm9v\n' >f
  b64 -o f f
  expect_status 1
  expect_err "$BASE64: f: input file is output file"
  expect_out ''
  expect_file_is f $'Zm9v\n'
  b64 -d -o f f
  expect_status 1
  expect_err "$BASE64: f: input file is output file"
  expect_file_is f $'Zm9v\n'
  expect_listing f
}

# shellcheck disable=SC2094 # reading and naming the same file is the point
@test "-o f < f: input file is output file, f unchanged" {
  ours_only
  workdir
  printf 'Zm9v\n' >f
  b64 -o f <f
  expect_status 1
  expect_err "$BASE64: f: input file is output file"
  expect_out ''
  expect_file_is f $'Zm9v\n'
  b64 -d -o f <f
  expect_status 1
  expect_err "$BASE64: f: input file is output file"
  expect_file_is f $'Zm9v\n'
  expect_listing f
}

@test "the same file under another name is still refused: ./f, an absolute path, a symlink" {
  ours_only
  workdir
  printf 'Zm9v\n' >f
  ln -s f link
  b64 -d -o ./f f
  expect_status 1
  expect_err "$BASE64: ./f: input file is output file"
  b64 -d -o "$PWD/f" <f
  expect_status 1
  expect_err "$BASE64: $PWD/f: input file is output file"
  b64 -d -o link f
  expect_status 1
  expect_err "$BASE64: link: input file is output file"
  expect_file_is f $'Zm9v\n'
  expect_listing f link
}

# ---------------------------------------------------------------------------
# FILE that is not a regular file

@test "BUG: -o onto a device node must not replace the node by a regular file" {
  ours_only
  workdir
  # As root, "base64 -d -o /dev/null" would otherwise replace /dev/null.
  # A private copy of the null device (major 1, minor 3) shows it safely.
  if ! mknod null c 1 3 2>/dev/null; then
    skip "cannot make a device node here"
  fi
  b64 -o null </dev/null
  # Writing into the device or refusing are both acceptable; replacing it
  # is not.
  [[ -c null ]]
  expect_listing null
}
