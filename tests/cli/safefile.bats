#!/usr/bin/env bats
# Every path through src/cli/safefile.c, the one module that makes files
# for -o and --extract: the unnamed method (O_TMPFILE, linked in through
# /proc/self/fd), and the named one, which a file system without
# O_TMPFILE or a system without /proc gets (both simulated by the fault
# shim).  For each: a new FILE, a replaced FILE keeping its mode, a failure
# leaving nothing, a signal leaving nothing, --extract publishing under
# free names only.  Sextet's own options: skipped for GNU base64.

load helpers

# The three ways the module can be made to work.
METHODS=(unnamed notmpfile noproc)

# use METHOD: the environment that forces it, in $RUN (a command prefix).
use() {
  RUN=(env)
  TEMP_NAMED=
  case $1 in
  unnamed) ;;
  notmpfile | noproc)
    if [[ -z ${FAULTSHIM:-} || ! -f $FAULTSHIM ]]; then
      skip "the fault shim is not built (FAULTSHIM)"
    fi
    local rule=open:notmpfile
    [[ $1 == noproc ]] && rule=proc:none
    RUN=(env SEXTET_FAULTS=$rule LD_PRELOAD="$FAULTSHIM"
      ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS})
    TEMP_NAMED=1
    ;;
  esac
}

# run_in DIR ARG...: the program in a fresh directory DIR under the
# method's environment, stdin from "$BATS_TEST_TMPDIR/stdin".
run_in() {
  local dir=$1
  shift
  rm -rf "$dir"
  mkdir "$dir"
  status=0
  (cd "$dir" && exec "${RUN[@]}" "$BASE64" "$@") \
    <"$BATS_TEST_TMPDIR/stdin" >"$OUT" 2>"$ERR" || status=$?
}

# wait_new_file DIR PID: wait until process PID has its new file in DIR
# (a temporary name there, or an unnamed file of DIR open); fails after
# about 10 seconds.
wait_new_file() {
  local i fd
  for ((i = 0; i < 200; i++)); do
    if [[ -n $TEMP_NAMED ]]; then
      compgen -G "$1/.base64-*" >/dev/null && return 0
    else
      for fd in /proc/"$2"/fd/*; do
        [[ $(readlink "$fd" 2>/dev/null) == "$1/"*"(deleted)" ]] && return 0
      done
    fi
    sleep 0.05
  done
  echo "no new file appeared in $1" >&2
  return 1
}

# names DIR: the names in DIR, dot files included, sorted, space-separated.
names() {
  # shellcheck disable=SC2012 # the names are plain here
  echo $(LC_ALL=C ls -A "$1" | LC_ALL=C sort)
}

@test "safefile: a new FILE appears whole with the umask's mode, nothing else" {
  ours_only
  local m
  printf 'Zm9vYmFy\n' >stdin
  for m in "${METHODS[@]}"; do
    echo "method $m"
    use "$m"
    run_in "d-$m" -d -o f
    expect_status 0
    expect_err
    [[ $(cat "d-$m/f") == foobar ]]
    [[ $(names "d-$m") == f ]]
    [[ $(stat -c %a "d-$m/f") == $(printf '%o' $((0666 & ~$(umask)))) ]]
  done
}

@test "safefile: a replaced FILE keeps its mode; a failure keeps it whole" {
  ours_only
  local m
  for m in "${METHODS[@]}"; do
    echo "method $m"
    use "$m"
    mkdir "d-$m"
    printf 'old\n' >"d-$m/f"
    chmod 604 "d-$m/f"
    printf 'Zm9vYmFy\n' >stdin
    status=0
    (cd "d-$m" && exec "${RUN[@]}" "$BASE64" -d -o f) <stdin >"$OUT" \
      2>"$ERR" || status=$?
    expect_status 0
    [[ $(cat "d-$m/f") == foobar && $(stat -c %a "d-$m/f") == 604 ]]
    printf 'Zm9v*\n' >stdin
    status=0
    (cd "d-$m" && exec "${RUN[@]}" "$BASE64" -d -o f) <stdin >"$OUT" \
      2>"$ERR" || status=$?
    expect_status 1
    expect_err "$BASE64: invalid input"
    [[ $(cat "d-$m/f") == foobar ]]
    [[ $(names "d-$m") == f ]]
  done
}

@test "safefile: while writing, the new file is unnamed or has a temporary name; SIGTERM removes it" {
  ours_only
  local m pid dir
  for m in "${METHODS[@]}"; do
    echo "method $m"
    use "$m"
    dir="$BATS_TEST_TMPDIR/d-$m"
    mkdir "$dir"
    mkfifo "$dir/in"
    (cd "$dir" && exec env --default-signal "${RUN[@]}" "$BASE64" -d -o f \
      <in >"$OUT" 2>"$ERR" 3>&-) &
    pid=$!
    exec 4>"$dir/in"
    printf 'Zm9v\n' >&4
    wait_new_file "$dir" "$pid"
    if [[ -n $TEMP_NAMED ]]; then
      [[ $(names "$dir") == ".base64-"??????" in" ]]
    else
      [[ $(names "$dir") == in ]]
    fi
    kill -s TERM "$pid"
    status=0
    wait "$pid" || status=$?
    exec 4>&-
    expect_status $((128 + 15))
    [[ $(names "$dir") == in ]]
  done
}

@test "safefile: --extract publishes under free names only, never through a link" {
  ours_only
  local m msg
  msg=$'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n'
  msg+=$'--b\nContent-Disposition: attachment; filename=a.txt\n\none\n'
  msg+=$'--b\nContent-Disposition: attachment; filename=a.txt\n\ntwo\n--b--\n'
  printf '%s' "$msg" >stdin
  printf 'secret\n' >victim
  for m in "${METHODS[@]}"; do
    echo "method $m"
    use "$m"
    rm -rf "d-$m"
    mkdir "d-$m"
    ln -s ../victim "d-$m/a.txt"
    status=0
    (cd "d-$m" && exec "${RUN[@]}" "$BASE64" --extract) <stdin >"$OUT" \
      2>"$ERR" || status=$?
    expect_status 0
    expect_err
    [[ $(cat victim) == secret ]]
    [[ $(names "d-$m") == "a-2.txt a-3.txt a.txt" ]]
    [[ -L d-$m/a.txt ]]
    [[ $(cat "d-$m/a-2.txt") == one && $(cat "d-$m/a-3.txt") == two ]]
  done
}

@test "safefile: without O_TMPFILE, SIGKILL leaves the temporary name (as the man page says), FILE unchanged" {
  ours_only
  use notmpfile
  local pid
  mkdir d
  printf 'precious\n' >d/f
  mkfifo d/in
  (cd d && exec "${RUN[@]}" "$BASE64" -d -o f <in >"$OUT" 2>"$ERR") &
  pid=$!
  exec 4>d/in
  printf 'Zm9v\n' >&4
  wait_new_file "$PWD/d" "$pid"
  kill -s KILL "$pid"
  wait "$pid" || true
  exec 4>&-
  [[ $(cat d/f) == precious ]]
  [[ $(names d) == ".base64-"??????" f in" ]]
}
