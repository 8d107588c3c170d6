#!/usr/bin/env bats
# -o FILE and --extract=DIR where users meet: another user's links, files
# and FIFOs in a sticky world-writable directory, with the kernel's link
# protections (fs.protected_symlinks, protected_regular, protected_fifos)
# switched on for the test and restored after it.  Each case is compared
# with what the shell's '>' (or 'cd', for a directory) does to the same
# name: -o must refuse exactly where '>' refuses, with the same message,
# and otherwise write where '>' writes.  Needs root (to switch the sysctls
# and to act as user nobody); skipped, saying why, where that is
# impossible.  Every test is skipped for GNU base64, which has no -o.

load helpers

PROTECT=(fs.protected_symlinks fs.protected_regular fs.protected_fifos)

teardown() {
  local kv
  for kv in "${SAVED_SYSCTL[@]}"; do
    sysctl -qw "$kv" || echo "could not restore $kv" >&2
  done
  if [[ -n ${STICKY:-} ]]; then
    rm -rf "$STICKY"
  fi
}

# protect SYMLINKS REGULAR FIFOS: set the three sysctls (saved first, for
# teardown), make a sticky world-writable directory $STICKY owned by root
# (as /tmp is), and $VICTIM, a file of root's that only root may read.
protect() {
  ours_only
  if [[ $(id -u) != 0 ]]; then
    skip "needs root, to switch fs.protected_* and to act as user nobody"
  fi
  if ! command -v setpriv >/dev/null; then
    skip "needs setpriv (apt-get install util-linux)"
  fi
  local k v vals=("$@") i=0
  # One test at a time may own the sysctls, whatever else runs the suite
  # at the same time (make -j check in two builds): the lock is held until
  # the test's process ends, after teardown has restored them.
  exec {PROTECT_LOCK}>/run/sextet-protect.lock
  if ! flock -w 600 "$PROTECT_LOCK"; then
    echo "another run held the fs.protected_* lock for 10 minutes" >&2
    return 1
  fi
  SAVED_SYSCTL=()
  for k in "${PROTECT[@]}"; do
    if ! v=$(sysctl -n "$k" 2>/dev/null); then
      skip "the kernel has no $k"
    fi
    SAVED_SYSCTL+=("$k=$v")
  done
  for k in "${PROTECT[@]}"; do
    if ! sysctl -qw "$k=${vals[i]}" 2>/dev/null; then
      skip "cannot set $k (read-only /proc/sys: a container?)"
    fi
    i=$((i + 1))
  done
  STICKY=$(mktemp -d /tmp/sextet-sticky.XXXXXX)
  chmod 1777 "$STICKY"
  if ! as_nobody test -w "$STICKY"; then
    skip "user nobody cannot reach $STICKY"
  fi
  mkdir "$BATS_TEST_TMPDIR/private"
  chmod 700 "$BATS_TEST_TMPDIR/private"
  VICTIM="$BATS_TEST_TMPDIR/private/victim"
  printf 'secret\n' >"$VICTIM"
  chmod 600 "$VICTIM"
}

# as_nobody COMMAND...: run COMMAND as user nobody, group nogroup, with a
# umask of its own (the tests must not depend on the caller's).
as_nobody() {
  setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
    sh -c 'umask 022; exec "$@"' sh "$@"
}

# shell_writes [--as-nobody] PATH: what '>' does to PATH: its status in
# $SH_STATUS, its message (without bash's "bash: " prefix) in $SH_MSG.
shell_writes() {
  local who=()
  if [[ $1 == --as-nobody ]]; then
    who=(as_nobody)
    shift
  fi
  SH_STATUS=0
  SH_MSG=$("${who[@]}" timeout 20 bash -c 'printf x > "$1"' sh "$1" 2>&1) ||
    SH_STATUS=$?
  SH_MSG=${SH_MSG#sh: }
  SH_MSG=${SH_MSG#line 1: }
}

# decode_to [--as-nobody] PATH: "hacked\n" decoded with -o PATH.
decode_to() {
  local who=()
  if [[ $1 == --as-nobody ]]; then
    who=(as_nobody)
    shift
  fi
  printf 'aGFja2VkCg==\n' >"$BATS_TEST_TMPDIR/stdin"
  chmod 644 "$BATS_TEST_TMPDIR/stdin"
  status=0
  # (A FIFO without a reader would block the open: a bound, for the
  # versions that open it without the refusal '>' gets.)
  "${who[@]}" timeout 20 "$BASE64" -d -o "$1" <"$BATS_TEST_TMPDIR/stdin" \
    >"$OUT" 2>"$ERR" || status=$?
}

# expect_refused_like_shell PATH: the shell refused PATH ($SH_STATUS,
# $SH_MSG) and so did we: exit 1, the same message after our name.
expect_refused_like_shell() {
  if [[ $SH_STATUS == 0 ]]; then
    echo "the shell's '>' was not refused: the test set-up is wrong" >&2
    return 1
  fi
  expect_status 1
  expect_err "$BASE64: $SH_MSG"
}

# expect_no_temp DIR...: no temporary file of ours left in the DIRs.
expect_no_temp() {
  local d left
  for d in "$@"; do
    left=$(find "$d" -maxdepth 1 -name '.base64-*')
    if [[ -n $left ]]; then
      echo "left behind: $left" >&2
      return 1
    fi
  done
}

# expect_file FILE CONTENT [OWNER MODE]
expect_file() {
  printf '%s' "$2" >"$BATS_TEST_TMPDIR/want"
  if ! cmp -s "$BATS_TEST_TMPDIR/want" "$1"; then
    echo "$1 holds:" >&2
    od -c "$1" >&2
    return 1
  fi
  if [[ $# -gt 2 && $(stat -c '%U %a' "$1") != "$3 $4" ]]; then
    echo "$1: $(stat -c '%U %a' "$1"), expected $3 $4" >&2
    return 1
  fi
}

@test "protected_symlinks: another user's link to a file of root's is refused as '>' refuses it" {
  protect 1 1 1
  as_nobody ln -s "$VICTIM" "$STICKY/evil"
  shell_writes "$STICKY/evil"
  decode_to "$STICKY/evil"
  expect_refused_like_shell
  [[ $SH_MSG == "$STICKY/evil: Permission denied" ]]
  expect_file "$VICTIM" $'secret\n' root 600
  [[ -L $STICKY/evil ]]
  expect_no_temp "$STICKY" "${VICTIM%/*}"
}

@test "protected_symlinks: another user's link to a missing file is refused; nothing is created" {
  protect 1 1 1
  as_nobody ln -s "${VICTIM%/*}/missing" "$STICKY/evil"
  shell_writes "$STICKY/evil"
  decode_to "$STICKY/evil"
  expect_refused_like_shell
  [[ ! -e ${VICTIM%/*}/missing ]]
  expect_no_temp "$STICKY" "${VICTIM%/*}"
}

@test "protected_symlinks: as nobody, a third user's link is refused as '>' refuses it" {
  protect 1 1 1
  printf 'mine\n' >"$STICKY/target"
  chown nobody "$STICKY/target"
  ln -s "$STICKY/target" "$STICKY/link"
  chown -h daemon "$STICKY/link"
  shell_writes --as-nobody "$STICKY/link"
  decode_to --as-nobody "$STICKY/link"
  expect_refused_like_shell
  expect_file "$STICKY/target" $'mine\n'
  expect_no_temp "$STICKY"
}

@test "protected_symlinks off: the link is followed as '>' follows it; the file keeps owner and mode" {
  protect 0 0 0
  as_nobody ln -s "$VICTIM" "$STICKY/evil"
  shell_writes "$STICKY/evil"
  [[ $SH_STATUS == 0 ]]
  printf 'secret\n' >"$VICTIM"
  decode_to "$STICKY/evil"
  expect_status 0
  expect_err
  expect_file "$VICTIM" $'hacked\n' root 600
  [[ -L $STICKY/evil ]]
  expect_no_temp "$STICKY" "${VICTIM%/*}"
}

@test "protected_symlinks off: a dangling link's target is created, as by '>'" {
  protect 0 0 0
  as_nobody ln -s "${VICTIM%/*}/new" "$STICKY/evil"
  decode_to "$STICKY/evil"
  expect_status 0
  expect_err
  expect_file "${VICTIM%/*}/new" $'hacked\n'
  [[ -L $STICKY/evil ]]
  expect_no_temp "$STICKY" "${VICTIM%/*}"
}

@test "a dangling link's target, created for -o, is removed again when decoding fails" {
  protect 0 0 0
  ln -s "${VICTIM%/*}/new" "$STICKY/link"
  printf 'aGFja2VkCg==*\n' >"$BATS_TEST_TMPDIR/stdin"
  status=0
  "$BASE64" -d -o "$STICKY/link" <"$BATS_TEST_TMPDIR/stdin" >"$OUT" \
    2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: invalid input"
  [[ ! -e ${VICTIM%/*}/new ]]
  [[ -L $STICKY/link ]]
  expect_no_temp "$STICKY" "${VICTIM%/*}"
}

@test "protected_regular: another user's file is refused as '>' refuses it, and stays theirs" {
  protect 1 1 1
  as_nobody sh -c 'printf "theirs\n" >"$1"; chmod 666 "$1"' sh "$STICKY/theirs"
  shell_writes "$STICKY/theirs"
  decode_to "$STICKY/theirs"
  expect_refused_like_shell
  [[ $SH_MSG == "$STICKY/theirs: Permission denied" ]]
  expect_file "$STICKY/theirs" $'theirs\n' nobody 666
  expect_no_temp "$STICKY"
}

@test "protected_regular off: another user's file is written as '>' writes it (owner and mode kept)" {
  protect 0 0 0
  as_nobody sh -c 'printf "theirs\n" >"$1"; chmod 644 "$1"' sh "$STICKY/theirs"
  decode_to "$STICKY/theirs"
  expect_status 0
  expect_file "$STICKY/theirs" $'hacked\n' nobody 644
  expect_no_temp "$STICKY"
}

@test "protected_fifos: another user's FIFO is refused as '>' refuses it" {
  protect 1 1 1
  as_nobody mkfifo -m 666 "$STICKY/fifo"
  shell_writes "$STICKY/fifo"
  decode_to "$STICKY/fifo"
  expect_refused_like_shell
  [[ -p $STICKY/fifo ]]
  expect_no_temp "$STICKY"
}

@test "protected_fifos off: another user's FIFO is written in place, as by '>'" {
  protect 0 0 0
  as_nobody mkfifo -m 666 "$STICKY/fifo"
  cat "$STICKY/fifo" >"$BATS_TEST_TMPDIR/read" &
  decode_to "$STICKY/fifo"
  wait "$!"
  expect_status 0
  expect_file "$BATS_TEST_TMPDIR/read" $'hacked\n'
  [[ -p $STICKY/fifo ]]
}

@test "a link inside the path (DIR/NAME) is followed as '>' follows it, link protections on" {
  protect 1 1 1
  mkdir "$BATS_TEST_TMPDIR/private/dir"
  as_nobody ln -s "$BATS_TEST_TMPDIR/private/dir" "$STICKY/d"
  shell_writes "$STICKY/d/viashell"
  [[ $SH_STATUS == 0 ]]
  decode_to "$STICKY/d/new"
  expect_status 0
  expect_file "$BATS_TEST_TMPDIR/private/dir/new" $'hacked\n'
  expect_no_temp "$BATS_TEST_TMPDIR/private/dir"
}

@test "--extract=DIR: another user's link as DIR is refused as 'cd' refuses it" {
  protect 1 1 1
  mkdir "$BATS_TEST_TMPDIR/private/dir"
  as_nobody ln -s "$BATS_TEST_TMPDIR/private/dir" "$STICKY/d"
  SH_STATUS=0
  SH_MSG=$(cd "$STICKY/d" 2>&1) || SH_STATUS=$?
  [[ $SH_STATUS != 0 && $SH_MSG == *"$STICKY/d: Permission denied" ]]
  status=0
  printf 'Content-Disposition: attachment; filename=a.txt\n\nhi\n' |
    "$BASE64" --extract="$STICKY/d" >"$OUT" 2>"$ERR" || status=$?
  expect_status 1
  expect_err "$BASE64: $STICKY/d: Permission denied"
  [[ -z $(ls -A "$BATS_TEST_TMPDIR/private/dir") ]]
}

@test "--extract into a sticky directory: another user's link with an attachment's name is not followed" {
  protect 0 0 0
  as_nobody ln -s "$VICTIM" "$STICKY/a.txt"
  status=0
  printf 'Content-Disposition: attachment; filename=a.txt\n\nhi\n' |
    "$BASE64" --extract="$STICKY" >"$OUT" 2>"$ERR" || status=$?
  expect_status 0
  expect_file "$VICTIM" $'secret\n' root 600
  expect_file "$STICKY/a-2.txt" $'hi\n'
  [[ -L $STICKY/a.txt ]]
  expect_no_temp "$STICKY"
}

# payload_msgs DIR: in DIR, messages whose attachments are inside
# payloads: a uuencoded block uu.bin (uu.eml), a file tn.bin in TNEF
# (tnef.eml), a file sm.bin inside S/MIME signed data (signed.eml) and a
# file pt.bin in a message sent as two message/partial fragments (frag.1,
# frag.2); each file's bytes in DIR/NAME.want.
payload_msgs() {
  local d=$1 mail=$BATS_TEST_DIRNAME/../mail
  command -v python3 >/dev/null || skip "needs python3 to write the messages"
  command -v openssl >/dev/null || skip "needs openssl to sign a message"
  mkdir -p "$d"
  (
    cd "$d" || exit 1
    printf 'uuencoded\n' >uu.bin.want
    printf 'in tnef\n' >tn.bin.want
    printf 'signed\n' >sm.bin.want
    printf 'joined\n' >pt.bin.want
    python3 -c 'import binascii,sys; sys.stdout.write("Subject: x\n\nbegin 644 uu.bin\n" + binascii.b2a_uu(open("uu.bin.want","rb").read()).decode() + "`\nend\n")' >uu.eml
    python3 "$mail/make-tnef.py" w.dat 'TN.BIN|tn.bin|tn.bin.want|'
    { printf 'MIME-Version: 1.0\nContent-Type: application/ms-tnef\n'
      printf 'Content-Transfer-Encoding: base64\n\n'; base64 w.dat; } >tnef.eml
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
      -nodes -keyout k.pem -out c.pem -subj /CN=sextet-test -days 1 2>/dev/null
    { printf 'Content-Type: application/octet-stream\n'
      printf 'Content-Disposition: attachment; filename=sm.bin\n'
      printf 'Content-Transfer-Encoding: base64\n\n'; base64 sm.bin.want; } >inner.eml
    openssl smime -sign -nodetach -in inner.eml -signer c.pem -inkey k.pem \
      -out signed.eml
    { printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n'
      printf -- '--b\n\ntext\n--b\nContent-Disposition: attachment; filename=pt.bin\n'
      printf 'Content-Transfer-Encoding: base64\n\n'; base64 pt.bin.want
      printf -- '--b--\n'; } >whole.eml
    python3 "$mail/make-partial.py" whole.eml 2 frag
  ) || return 1
  chmod -R a+rX "$d"
}

@test "--extract into a sticky directory: links planted with the names of files inside uuencode, TNEF, S/MIME and message/partial are not followed" {
  protect 0 0 0
  payload_msgs "$BATS_TEST_TMPDIR/in"
  local n
  for n in uu.bin tn.bin sm.bin pt.bin; do
    as_nobody ln -s "$VICTIM" "$STICKY/$n"
  done
  status=0
  (cd "$BATS_TEST_TMPDIR/in" && "$BASE64" --extract="$STICKY" uu.eml \
    tnef.eml signed.eml frag.2 frag.1) >"$OUT" 2>"$ERR" || status=$?
  expect_status 0
  expect_file "$VICTIM" $'secret\n' root 600
  for n in uu tn sm pt; do
    [[ -L $STICKY/$n.bin ]]
    cmp "$STICKY/$n-2.bin" "$BATS_TEST_TMPDIR/in/$n.bin.want"
  done
  expect_no_temp "$STICKY"
}

@test "--extract as nobody, link protections on: root's links with the names of files inside payloads are not followed" {
  protect 1 1 1
  payload_msgs "$STICKY/in"
  # A file of nobody's: the links would let the kernel write it.
  as_nobody mkdir "$STICKY/home"
  as_nobody sh -c "printf 'mine\n' > '$STICKY/home/file'"
  local n
  for n in uu.bin tn.bin sm.bin pt.bin; do
    ln -s "$STICKY/home/file" "$STICKY/$n"
  done
  status=0
  (cd "$STICKY/in" && as_nobody "$BASE64" --extract="$STICKY" uu.eml \
    tnef.eml signed.eml frag.1 frag.2) >"$OUT" 2>"$ERR" || status=$?
  expect_status 0
  expect_file "$STICKY/home/file" $'mine\n' nobody 644
  for n in uu tn sm pt; do
    [[ -L $STICKY/$n.bin ]]
    cmp "$STICKY/$n-2.bin" "$STICKY/in/$n.bin.want"
    [[ $(stat -c %U "$STICKY/$n-2.bin") == nobody ]]
  done
  expect_no_temp "$STICKY"
}
