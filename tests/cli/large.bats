#!/usr/bin/env bats
# Round trips of random data, large inputs, and bounded memory.

load helpers

# Address-space limit for the memory tests, in KiB (ulimit -v).
MEM_LIMIT_KB=100000

# Skip the ulimit -v tests for sanitizer builds, which reserve terabytes of
# address space up front, and under an emulator.
needs_plain_build() {
  local path
  # .ci/cross runs the program under qemu-user: the limit would bound the
  # emulator, not the program.
  if [[ -n ${SEXTET_EMULATOR:-} ]]; then
    skip "run by $SEXTET_EMULATOR: ulimit -v cannot bound its memory (a native build runs it)"
  fi
  path=$(command -v "$BASE64")
  if grep -aqE '__(asan|tsan|msan)_init' "$path" 2>/dev/null; then
    skip "sanitizer build: ulimit -v cannot bound its memory (a build without --enable-sanitizers runs it)"
  fi
}

# round_trip FILE ARG...: encode FILE with ARG..., decode it back, compare.
round_trip() {
  local file=$1
  shift
  status=0
  "$BASE64" "$@" <"$file" >enc.txt 2>"$ERR" || status=$?
  expect_status 0 || return 1
  expect_err || return 1
  b64 -d <enc.txt
  expect_result 0 "$file" || {
    echo "round trip of $(wc -c <"$file") bytes, options: $*" >&2
    return 1
  }
}

@test "random files of 0..100 bytes survive encode then decode" {
  local n
  for ((n = 0; n <= 100; n++)); do
    random_file in.bin "$n"
    round_trip in.bin
  done
}

@test "random files of 0..100 bytes survive a -w0 and a -w1 round trip" {
  local n
  for ((n = 0; n <= 100; n += 3)); do
    random_file in.bin "$n"
    round_trip in.bin -w0
    round_trip in.bin -w1
  done
}

@test "a 1 MiB random file survives the round trip, wrapped and unwrapped" {
  random_file in.bin 1048576
  round_trip in.bin
  round_trip in.bin -w0
  round_trip in.bin -w 1000
}

@test "200 KB random files survive round trips at widths 4 to 1000 (whole lines in bulk)" {
  local w
  random_file in.bin 200000
  for w in 4 16 32 60 64 68 76 77 100 128 1000; do
    round_trip in.bin -w "$w" || return 1
  done
}

@test "-d -i decodes 76-column text whose lines all end in CR LF" {
  random_file in.bin 300000
  "$BASE64" <in.bin | sed 's/$/\r/' >crlf.txt
  b64 -d -i <crlf.txt
  expect_result 0 in.bin
}

@test "a full-length line ending in padding between runs of 76-column lines decodes" {
  # 56 bytes encode to one full 76-column line ending in '='.
  random_file a.bin 57000
  random_file b.bin 56
  random_file c.bin 57000
  cat a.bin b.bin c.bin >want.bin
  { "$BASE64" <a.bin; "$BASE64" <b.bin; "$BASE64" <c.bin; } >cat.txt
  [[ $(sed -n 1001p cat.txt) == *= && $(sed -n 1001p cat.txt | wc -c) == 77 ]]
  b64 -d <cat.txt
  expect_result 0 want.bin
}

@test "--strict locates a bad byte deep inside 76-column text" {
  ours_only
  head -c 57000 /dev/zero | "$BASE64" | \
    sed '500s/^\(.\{32\}\)./\1*/' >bad.txt
  b64 -d --strict <bad.txt
  expect_status 1
  [[ $(head -n 1 "$ERR") == "$BASE64: invalid input at line 500, column 33 (byte 38455): "* ]]
}

@test "--strict --crlf locates a bad byte deep inside CR LF text" {
  ours_only
  head -c 57000 /dev/zero | "$BASE64" --crlf | \
    sed '700s/^\(.\{75\}\)./\1-/' >bad.txt
  b64 -d --strict --crlf <bad.txt
  expect_status 1
  [[ $(head -n 1 "$ERR") == "$BASE64: invalid input at line 700, column 76 (byte 54597): "* ]]
}

@test "a 3 MiB + 1 byte random file survives the round trip" {
  random_file in.bin 3145729
  round_trip in.bin
  round_trip in.bin -w0
}

@test "3 MiB + 1 letters 'a' encode to exactly the expected 76-column lines" {
  a_string 3145729 >in.bin
  enc_a 3145729 | fold -b -w 76 >want
  echo >>want
  b64 <in.bin
  expect_status 0
  expect_err
  expect_out_file want
  [[ $(wc -c <"$OUT") -eq $((4194308 + 55189)) ]]
}

@test "the encoding of 3 MiB + 1 random bytes has only 76-column lines but the last" {
  random_file in.bin 3145729
  b64 <in.bin
  expect_status 0
  expect_err
  # 4194308 characters: 55188 lines of 76 and a last one of 20.
  [[ $(wc -c <"$OUT") -eq $((4194308 + 55189)) ]]
  [[ $(awk 'length($0) != 76 { print NR ":" length($0) }' "$OUT") == 55189:20 ]]
  [[ $(tail -n 1 "$OUT") =~ ^[A-Za-z0-9+/]{18}==$ ]]
  [[ $(tail -c 1 "$OUT" | od -An -c | tr -d ' ') == '\n' ]]
}

@test "decoding concatenated encodings of random files gives the files back to back" {
  random_file a.bin 1000
  random_file b.bin 2001
  "$BASE64" <a.bin >both.b64
  "$BASE64" <b.bin >>both.b64
  cat a.bin b.bin >want
  b64 -d <both.b64
  # 1000 = 3 * 333 + 1: the first encoding ends in '==' padding, and
  # quanta may follow a padded one.
  expect_status 0
  expect_err
  expect_out_file want
}

@test "encoding 150 MB of zeros runs in bounded memory" {
  needs_plain_build
  head -c 150000000 /dev/zero |
    (ulimit -v "$MEM_LIMIT_KB" && exec "$BASE64") 2>"$ERR" |
    tail -c 150 >"$OUT"
  pipe_ok "${PIPESTATUS[@]}"
  expect_err
  # 150000000 bytes -> 200000000 characters: 2631578 lines of 76 and a
  # last one of 72, no padding.
  {
    a_string 76 | tr a A
    echo
    a_string 72 | tr a A
    echo
  } >want
  expect_out_file want
}

@test "decoding one 160 MB line (no newline at all) runs in bounded memory" {
  needs_plain_build
  head -c 160000000 /dev/zero | tr '\0' A |
    (ulimit -v "$MEM_LIMIT_KB" && exec "$BASE64" -d) 2>"$ERR" |
    cmp - <(head -c 120000000 /dev/zero)
  pipe_ok "${PIPESTATUS[@]}"
  expect_err
}

@test "decoding 120 MB of zeros encoded with -w0 runs in bounded memory" {
  needs_plain_build
  head -c 120000000 /dev/zero | "$BASE64" -w0 |
    (ulimit -v "$MEM_LIMIT_KB" && exec "$BASE64" -d) 2>"$ERR" |
    cmp - <(head -c 120000000 /dev/zero)
  pipe_ok "${PIPESTATUS[@]}"
  expect_err
}

@test "decoding 120 MB of zeros as wrapped text runs in bounded memory" {
  needs_plain_build
  head -c 120000000 /dev/zero | "$BASE64" |
    (ulimit -v "$MEM_LIMIT_KB" && exec "$BASE64" -d) 2>"$ERR" |
    cmp - <(head -c 120000000 /dev/zero)
  pipe_ok "${PIPESTATUS[@]}"
  expect_err
}

@test "encoding the endless /dev/zero streams at constant memory" {
  needs_plain_build
  # The whole 30.8 MB compared, not its last line: a program that stopped
  # early at a line's end would leave the same last line.
  (ulimit -v "$MEM_LIMIT_KB" && exec "$BASE64" </dev/zero) 2>/dev/null |
    head -c $((77 * 400000)) |
    cmp - <(yes "$(a_string 76 | tr a A)" | head -c $((77 * 400000)))
}

@test "decoding an endless single line streams at constant memory" {
  needs_plain_build
  tr '\0' A </dev/zero 2>/dev/null |
    (ulimit -v "$MEM_LIMIT_KB" && exec "$BASE64" -d) 2>/dev/null |
    head -c 30000000 | cmp - <(head -c 30000000 /dev/zero)
}
