#!/usr/bin/env bats
# -o FILE / --output=FILE: the output goes to a temporary file beside FILE,
# renamed over FILE only when everything succeeded (man/base64.1, -o).
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

# wait_for_temp NAME PID: wait until process PID has its new output file
# open (unnamed, or a temporary name, in the directory of -o NAME) and
# sleeps waiting for more input; fails after about 10 seconds.  (Killing it
# the instant the file appears would hit the gap between creating the file
# and arming its removal, which is not what these tests are about.)
wait_for_temp() {
  local i stat dir fd target found=
  dir=$(cd "$(dirname "$1")" && pwd -P)
  if [[ ! -d /proc/self/fd ]]; then
    sleep 1 # no /proc: give it time
    return 0
  fi
  if [[ ! -d /proc/$2/fd ]]; then
    echo "process $2 is gone" >&2
    return 1
  fi
  for ((i = 0; i < 200; i++)); do
    for fd in /proc/"$2"/fd/*; do
      target=$(readlink "$fd" 2>/dev/null) || continue
      if [[ $target == "$dir"/* && $target != "$dir/in" &&
        $target != "$dir/$(basename "$1")" ]]; then
        found=1
      fi
    done
    [[ -n $found ]] && break
    sleep 0.05
  done
  if [[ -z $found ]]; then
    echo "no new file for $1 was opened" >&2
    return 1
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
# While it waits, the new file must exist: under a temporary name when
# $TEMP_NAMED is set (the shim took O_TMPFILE or /proc away), else with
# no name at all.  Every check returns explicitly, so that the function
# fails even where a caller's context turns errexit off.
killed_mid_stream() {
  local sig=$1 pid want
  shift
  mkfifo in || return 1
  # Every signal at its default action: a background job of a script
  # starts with SIGINT and SIGQUIT ignored, and one run under nohup with
  # SIGHUP ignored, which the program then keeps ignored.
  env --default-signal ${SHIM_ENV[@]+"${SHIM_ENV[@]}"} \
    "$BASE64" "$@" -o f <in >"$OUT" 2>"$ERR" 3>&- &
  pid=$!
  exec 4>in
  printf 'Zm9vYmFy\nZm9v\n' >&4
  if ! wait_for_temp f "$pid"; then
    kill -s KILL "$pid"
    exec 4>&-
    return 1
  fi
  want=in
  if [[ -n ${TEMP_NAMED:-} ]]; then
    want=$'.base64-*\nin'
  fi
  if [[ $(listing | sed 's/^\.base64-....../.base64-*/') != "$want" ]]; then
    echo "while writing, the directory holds:" >&2
    listing >&2
    kill -s KILL "$pid"
    exec 4>&-
    return 1
  fi
  kill -s "$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  exec 4>&-
  expect_status $((128 + $(kill -l "$sig"))) || return 1
  expect_listing in || return 1
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

@test "a replaced FILE keeps its mode, whatever the umask: 600, 755, 444" {
  ours_only
  workdir
  printf old >f
  chmod 600 f
  (umask 022 && printf x | "$BASE64" -o f)
  [[ $(mode_of f) == 600 ]]
  expect_file_is f $'eA==\n'
  chmod 755 f
  (umask 077 && printf x | "$BASE64" -o f)
  [[ $(mode_of f) == 755 ]]
  chmod 4751 f
  (umask 077 && printf x | "$BASE64" -o f)
  [[ $(mode_of f) == 4751 ]]
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
  env --default-signal "$BASE64" -d -o f <in >"$OUT" 2>"$ERR" 3>&- &
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
    env --default-signal "$BASE64" -d -o f >"$OUT" 2>"$ERR" 3>&- &
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

# ---------------------------------------------------------------------------
# Descriptors closed at start: the new file never takes 0, 1 or 2

@test "closed stdin: -o FILE reports the read error and keeps FILE" {
  ours_only
  workdir
  printf 'precious\n' >t
  b64 -d -o t <&-
  expect_status 1
  expect_err "$BASE64: read error: Bad file descriptor"
  expect_file_is t $'precious\n'
  b64 -o t <&-
  expect_status 1
  expect_err "$BASE64: read error: Bad file descriptor"
  expect_file_is t $'precious\n'
  expect_listing t
}

@test "closed stdout: -o FILE still writes FILE, exit 0" {
  ours_only
  workdir
  printf 'abc' >in
  status=0
  "$BASE64" -o t in >&- 2>"$ERR" || status=$?
  expect_status 0
  expect_err
  expect_file_is t $'YWJj\n'
}

@test "closed stderr: -o FILE holds only the encoding" {
  ours_only
  workdir
  printf 'abc' >in
  status=0
  "$BASE64" -o t in 2>&- || status=$?
  expect_status 0
  expect_file_is t $'YWJj\n'
  status=0
  printf 'YWJj*' | "$BASE64" -d -o t 2>&- || status=$?
  expect_status 1
  expect_file_is t $'YWJj\n'
}

@test "all three closed: -o FILE with a FILE operand works" {
  ours_only
  workdir
  printf 'abc' >in
  status=0
  "$BASE64" -o t in <&- >&- 2>&- || status=$?
  expect_status 0
  expect_file_is t $'YWJj\n'
}

# ---------------------------------------------------------------------------
# Open descriptors: written in place, at their position

@test "-o /dev/stdout writes into stdout at its position" {
  ours_only
  workdir
  printf 'abc' >x
  { echo header; "$BASE64" -o /dev/stdout x; echo footer; } >f
  expect_file_is f $'header\nYWJj\nfooter\n'
  printf 'log line\n' >log
  "$BASE64" -o /dev/stdout x >>log
  expect_file_is log $'log line\nYWJj\n'
  expect_listing f log x
}

@test "-o /dev/fd/1, /proc/self/fd/1 and -o - are stdout too" {
  ours_only
  workdir
  printf 'abc' >x
  for name in /dev/fd/1 /proc/self/fd/1 -; do
    { echo header; "$BASE64" -o "$name" x; } >f
    expect_file_is f $'header\nYWJj\n' || { echo "-o $name" >&2; return 1; }
  done
}

@test "-o /dev/stderr and -o /dev/fd/5 write into those descriptors" {
  ours_only
  workdir
  printf 'abc' >x
  { echo header >&2; "$BASE64" -o /dev/stderr x; } 2>f
  expect_file_is f $'header\nYWJj\n'
  printf 'first\n' >g
  "$BASE64" -d -o /dev/fd/5 <<<'YWJj' 5>>g
  expect_file_is g $'first\nabc'
  printf 'first\n' >g
  "$BASE64" -d -o /proc/self/fd/5 <<<'YWJj' 5>>g
  expect_file_is g $'first\nabc'
}

@test "-o /dev/fd/N with N not open: an error, nothing created" {
  ours_only
  workdir
  printf 'abc' >x
  b64 -o /dev/fd/7 x 7>&-
  expect_status 1
  [[ $(cat "$ERR") == "$BASE64: /dev/fd/7: "* ]]
  expect_listing x
}

@test "-o onto a FIFO writes into it" {
  ours_only
  workdir
  mkfifo p
  cat p >got &
  local pid=$!
  printf 'abc' | "$BASE64" -o p
  wait "$pid"
  expect_file_is got $'YWJj\n'
  [[ -p p ]]
}

# ---------------------------------------------------------------------------
# Metadata and permissions

@test "as root: a replaced FILE keeps its owner and group" {
  ours_only
  workdir
  if [[ $(id -u) != 0 ]]; then
    skip "changing owners needs root"
  fi
  printf old >f
  chown nobody:nogroup f
  chmod 640 f
  printf x | "$BASE64" -o f
  [[ $(stat -c %U:%G f) == nobody:nogroup ]]
  [[ $(mode_of f) == 640 ]]
  expect_file_is f $'eA==\n'
}

# as_nobody COMMAND...: run a command as user nobody (needs root and setpriv).
as_nobody() {
  setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

needs_nobody() {
  if [[ $(id -u) != 0 ]] || ! command -v setpriv >/dev/null; then
    skip "needs root and setpriv to act as another user"
  fi
  chmod 755 "$BATS_TEST_TMPDIR"
  chmod 777 "$BATS_TEST_TMPDIR/work"
  if ! as_nobody "$BASE64" --version >/dev/null 2>&1; then
    skip "user nobody cannot run $BASE64 here (a directory on its path is private)"
  fi
}

@test "a FILE the user may not write is refused with the shell's message" {
  ours_only
  workdir
  needs_nobody
  printf 'precious\n' >f
  chmod 444 f
  chown nobody f
  status=0
  printf x | as_nobody "$BASE64" -o f >"$OUT" 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: f: Permission denied"
  expect_file_is f $'precious\n'
  expect_listing f
}

@test "a FILE of another user, writable: replaced, and the lost owner is said" {
  ours_only
  workdir
  needs_nobody
  printf 'old\n' >f
  chmod 666 f
  status=0
  printf x | as_nobody "$BASE64" -o f >"$OUT" 2>"$ERR" || status=$?
  expect_status 0
  expect_err "$BASE64: failed to preserve ownership for 'f': Operation not permitted"
  expect_file_is f $'eA==\n'
  [[ $(mode_of f) == 666 ]]
}

@test "a FILE in a directory the user may not write: refused, FILE kept" {
  ours_only
  workdir
  needs_nobody
  mkdir d
  # Searchable, not writable, by others, whatever the umask.
  chmod 755 d
  printf 'old\n' >d/f
  chmod 666 d/f
  status=0
  printf x | as_nobody "$BASE64" -o d/f >"$OUT" 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: d/f: Permission denied"
  expect_file_is d/f $'old\n'
  [[ -z $(ls -A d | grep -v '^f$') ]]
}

@test "a FILE with two hard links: FILE is replaced, the other name keeps the old data" {
  ours_only
  workdir
  printf 'old\n' >f
  ln f g
  printf x | "$BASE64" -o f
  expect_file_is f $'eA==\n'
  expect_file_is g $'old\n'
  [[ $(stat -c %h g) == 1 ]]
}

# ---------------------------------------------------------------------------
# Symbolic links and names

@test "-o onto a dangling symlink creates the file it names; the link stays" {
  ours_only
  workdir
  ln -s target link
  printf abc | "$BASE64" -o link
  [[ -L link ]]
  [[ $(readlink link) == target ]]
  expect_file_is target $'YWJj\n'
  mkdir d
  ln -s ../made d/rel
  printf abc | "$BASE64" -o d/rel
  [[ -L d/rel ]]
  expect_file_is made $'YWJj\n'
  expect_listing d link made target
}

@test "-o onto a symlink to a symlink to a file replaces the file" {
  ours_only
  workdir
  printf old >file
  chmod 600 file
  ln -s file l1
  ln -s l1 l2
  printf abc | "$BASE64" -o l2
  [[ -L l1 && -L l2 ]]
  expect_file_is file $'YWJj\n'
  [[ $(mode_of file) == 600 ]]
  expect_listing file l1 l2
}

@test "-o onto a symlink loop: the shell's error, nothing created" {
  ours_only
  workdir
  ln -s loop loop
  printf abc >in
  b64 -o loop in
  expect_status 1
  expect_err "$BASE64: loop: Too many levels of symbolic links"
  expect_listing in loop
}

@test "-o onto a dangling symlink into a missing directory: No such file" {
  ours_only
  workdir
  ln -s nodir/target link
  printf abc >in
  b64 -o link in
  expect_status 1
  expect_err "$BASE64: link: No such file or directory"
  expect_listing in link
}

@test "-o FILE with names of 248 to 255 bytes works; 256 is too long" {
  ours_only
  workdir
  local n name
  printf abc >in
  for n in 248 250 254 255; do
    name=$(a_string "$n")
    b64 -o "$name" in
    expect_status 0 || return 1
    expect_file_is "$name" $'YWJj\n'
    rm "$name"
  done
  name=$(a_string 256)
  b64 -o "$name" in
  expect_status 1
  expect_err "$BASE64: $name: File name too long"
  expect_listing in
}

# ---------------------------------------------------------------------------
# Every terminating signal cleans up; the new file has no name meanwhile

@test "no named temporary file exists while FILE is being written" {
  ours_only
  workdir
  mkfifo in
  "$BASE64" -d -o f <in >"$OUT" 2>"$ERR" &
  local pid=$!
  exec 4>in
  printf 'Zm9v\n' >&4
  wait_for_temp f "$pid"
  expect_listing in
  exec 4>&-
  wait "$pid"
  expect_file_is f foo
}

@test "SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGINT: no FILE, no temporary file" {
  ours_only
  workdir
  local sig
  for sig in QUIT ALRM USR1 USR2 INT PIPE; do
    echo "signal $sig"
    killed_mid_stream "$sig" -d
    rm in
  done
}

@test "SIGKILL: no FILE, no temporary file, an old FILE unchanged" {
  ours_only
  workdir
  printf 'precious\n' >f
  mkfifo in
  "$BASE64" -d -o f <in >"$OUT" 2>"$ERR" &
  local pid=$!
  exec 4>in
  printf 'Zm9vYmFy\n' >&4
  wait_for_temp f "$pid"
  kill -s KILL "$pid"
  status=0
  wait "$pid" || status=$?
  exec 4>&-
  expect_status $((128 + 9))
  expect_file_is f $'precious\n'
  expect_listing f in
}

@test "SIGXFSZ (ulimit -f): no FILE, no temporary file" {
  ours_only
  workdir
  head -c 300000 /dev/zero >big
  status=0
  (ulimit -f 100 && exec env --default-signal "$BASE64" -o f big) \
    >"$OUT" 2>"$ERR" || status=$?
  expect_status $((128 + $(kill -l XFSZ)))
  expect_listing big
}

# ---------------------------------------------------------------------------
# A file system without unnamed files (O_TMPFILE refused, by the fault
# shim): the new file has a temporary name, and every way out removes it.

needs_no_tmpfile() {
  if [[ -z ${FAULTSHIM:-} || ! -f $FAULTSHIM ]]; then
    skip "the fault shim is not built (FAULTSHIM)"
  fi
  SHIM_ENV=(SEXTET_FAULTS=open:notmpfile LD_PRELOAD="$FAULTSHIM"
    ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS})
  TEMP_NAMED=1
}

@test "without O_TMPFILE: FILE is written, keeps its mode, nothing is left" {
  ours_only
  workdir
  needs_no_tmpfile
  printf 'old\n' >f
  chmod 640 f
  printf abc | env "${SHIM_ENV[@]}" "$BASE64" -o f
  expect_file_is f $'YWJj\n'
  [[ $(mode_of f) == 640 ]]
  status=0
  printf 'YWJj*' | env "${SHIM_ENV[@]}" "$BASE64" -d -o f >"$OUT" 2>"$ERR" ||
    status=$?
  expect_status 1
  expect_err "$BASE64: invalid input"
  expect_file_is f $'YWJj\n'
  expect_listing f
}

@test "without O_TMPFILE: a temporary name exists while writing, removed by signals" {
  ours_only
  workdir
  needs_no_tmpfile
  local sig
  for sig in TERM QUIT ALRM USR1 USR2 XFSZ HUP INT PIPE; do
    echo "signal $sig"
    killed_mid_stream "$sig" -d
    rm in
  done
}

@test "fsync fails: a write error naming FILE, FILE kept, nothing left" {
  ours_only
  workdir
  if [[ -z ${FAULTSHIM:-} || ! -f $FAULTSHIM ]]; then
    skip "the fault shim is not built (FAULTSHIM)"
  fi
  printf 'precious\n' >f
  status=0
  printf abc | SEXTET_FAULTS=fsync:eio LD_PRELOAD=$FAULTSHIM \
    ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
    "$BASE64" -o f >"$OUT" 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: write error: f: Input/output error"
  expect_file_is f $'precious\n'
  expect_listing f
}

@test "extended attributes of a replaced FILE are kept" {
  ours_only
  workdir
  printf 'old\n' >f
  if ! python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.sextet", b"kept")' f 2>/dev/null; then
    skip "no user extended attributes here"
  fi
  printf abc | "$BASE64" -o f
  expect_file_is f $'YWJj\n'
  [[ $(python3 -c 'import os, sys; print(os.getxattr(sys.argv[1], "user.sextet").decode())' f) == kept ]]
}
