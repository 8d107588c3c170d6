#!/usr/bin/env bats
# The e-mail options on the command line: their spellings, what they do
# not go with, and the pump's sources and sinks under them (stdin, -o).

load helpers

@test "--extract alone writes into the current directory; the next word is the message" {
  msg_with_attachment 'filename="hello.txt"'
  mkdir here && cd here
  run "$BASE64" --extract ../msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "./hello.txt" ]
  [ "$(cat hello.txt)" = "Hello world" ]
}

@test "--extract=DIR, an abbreviation --ext=DIR, and the message on stdin" {
  msg_with_attachment 'filename="hello.txt"'
  mkdir a b
  run "$BASE64" --extract=a <msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "a/hello.txt" ]
  run "$BASE64" --ext=b msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "b/hello.txt" ]
}

@test "-z and --zero end each path with NUL" {
  msg_with_attachment 'filename="hello.txt"'
  mkdir a b
  "$BASE64" --extract=a -z msg.eml >paths
  [ "$(od -An -c paths | tr -s ' ')" = " a / h e l l o . t x t \\0" ]
  "$BASE64" --extract=b --zero msg.eml >paths
  [ "$(tr '\0' '|' <paths)" = "b/hello.txt|" ]
}

@test "--list -o FILE writes the listing into FILE atomically" {
  msg_with_attachment 'filename="hello.txt"'
  "$BASE64" --list msg.eml >want
  printf 'old\n' >listing
  chmod 600 listing
  run "$BASE64" --list -o listing msg.eml
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  cmp want listing
  [ "$(stat -c %a listing)" = 600 ]
}

@test "--decode-header -o FILE, and a closed stdin is a read error" {
  printf 'Subject: =?utf-8?B?4oKsIHJlcG9ydA==?=\n' >h.txt
  run "$BASE64" --decode-header -o out h.txt
  [ "$status" -eq 0 ]
  [ "$(cat out)" = "Subject: € report" ]
  status=0
  "$BASE64" --decode-header <&- >out2 2>err || status=$?
  [ "$status" -eq 1 ]
  [ "$(cat err)" = "$BASE64: read error: Bad file descriptor" ]
}

@test "the e-mail modes do not go together, nor with -d, --check, or -o for --extract" {
  local pair
  for pair in "--list --extract" "--list --decode-header" \
    "--extract --decode-header" "--list -d" "--extract --check" \
    "--decode-header --check" "--extract=. -o x"; do
    # shellcheck disable=SC2086 # the pair is two words
    run "$BASE64" $pair /dev/null
    [ "$status" -eq 1 ] || { echo "$pair: status $status" >&2; return 1; }
    [[ ${lines[0]} == "$BASE64: options "*" are mutually exclusive" ]] ||
      { echo "$pair: $output" >&2; return 1; }
  done
  [ ! -e x ]
}

@test "--list=x and --decode-header=x take no argument" {
  run "$BASE64" --list=x /dev/null
  [ "$status" -eq 1 ]
  [ "${lines[0]}" = "$BASE64: option '--list' doesn't allow an argument" ]
}

@test "--help lists the e-mail options" {
  run "$BASE64" --help
  [ "$status" -eq 0 ]
  [[ $output == *"--list"* && $output == *"--extract[=DIR]"* ]]
  [[ $output == *"-z, --zero"* && $output == *"--all"* ]]
  [[ $output == *"--decode-header"* ]]
}

@test "every row of the man page's extension table names the extension --extract uses" {
  local man="$BATS_TEST_DIRNAME/../../man/base64.1" type ext n=0
  [ -f "$man" ]
  while read -r type ext; do
    printf 'MIME-Version: 1.0\nContent-Type: %s\nContent-Disposition: attachment\nContent-Transfer-Encoding: base64\n\naGk=\n' \
      "$type" >one.eml
    run "$BASE64" --list one.eml
    [ "$status" -eq 0 ] || { echo "$type: $output" >&2; return 1; }
    [ "$(printf '%s' "$output" | cut -f 7)" = "part-1$ext" ] ||
      { echo "$type: $output, want part-1$ext" >&2; return 1; }
    n=$((n + 1))
  done < <(sed -n 's/^\.It Pa \(\.[a-z0-9]*\) Ta Li \([^ ]*\)$/\2 \1/p' "$man"
    # the two Office Open XML types, given in prose after the table
    printf '%s .docx\n%s .xlsx\n' \
      application/vnd.openxmlformats-officedocument.wordprocessingml.document \
      application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)
  [ "$n" -ge 22 ]
  grep -q '^\.Li application/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$' "$man"
  grep -q '^\.Li application/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet \.$' "$man"
  printf 'MIME-Version: 1.0\nContent-Type: application/x-unknown\nContent-Disposition: attachment\n\nhi\n' >one.eml
  run "$BASE64" --list one.eml
  [ "$(printf '%s' "$output" | cut -f 7)" = "part-1" ]
}

@test "without O_TMPFILE: --extract still writes whole files, and a signal leaves no temporary name" {
  if [[ -z ${FAULTSHIM:-} || ! -f $FAULTSHIM ]]; then
    skip "the fault shim is not built (FAULTSHIM)"
  fi
  local shim=(SEXTET_FAULTS=open:notmpfile LD_PRELOAD="$FAULTSHIM"
    ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS})
  msg_with_attachment 'filename="hello.txt"'
  mkdir out
  run env "${shim[@]}" "$BASE64" --extract=out msg.eml
  [ "$status" -eq 0 ]
  [ "$(ls -A out)" = hello.txt ]
  # Killed in the middle of an attachment: the part's file is unfinished.
  mkdir out2
  mkfifo in
  env --default-signal "${shim[@]}" "$BASE64" --extract=out2 <in \
    >/dev/null 2>&1 &
  local pid=$! i
  exec 4>in
  printf 'MIME-Version: 1.0\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=a.bin\nContent-Transfer-Encoding: base64\n\n' >&4
  head -c 300000 /dev/zero | base64 >&4
  for ((i = 0; i < 100; i++)); do
    [ -n "$(ls -A out2)" ] && break
    sleep 0.05
  done
  # Without O_TMPFILE the unfinished file has a temporary name.
  [[ $(ls -A out2) == .base64-?????? ]]
  kill -s TERM "$pid"
  local st=0
  wait "$pid" || st=$?
  exec 4>&-
  [ "$st" -eq 143 ]
  [ -z "$(ls -A out2)" ]
}
