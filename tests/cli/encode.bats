#!/usr/bin/env bats
# Encoding (default mode): exact bytes, wrapping, final newline.

load helpers

# enc_check INPUT EXPECTED ARG...: encoding INPUT gives exactly EXPECTED.
enc_check() {
  local input=$1 expected=$2
  shift 2
  printf '%s' "$expected" >want
  enc_check_file "$input" want "$@"
}

# enc_check_file INPUT FILE ARG...: encoding INPUT gives exactly FILE.
enc_check_file() {
  local input=$1 want=$2
  shift 2
  b64_str "$input" "$@"
  expect_result 0 "$want" || {
    echo "input: ${#input} bytes '${input:0:60}', options: $*" >&2
    return 1
  }
}

# check_a N WIDTH ARG...: N letters 'a' encode as the reference wrapped at
# WIDTH.
check_a() {
  local n=$1 w=$2
  shift 2
  enc_a "$n" | ref_wrap "$w" >want
  enc_check_file "$(a_string "$n")" want "$@"
}

@test "encodes the RFC 4648 section 10 test vectors, one line each" {
  enc_check "" ""
  enc_check f $'Zg==\n'
  enc_check fo $'Zm8=\n'
  enc_check foo $'Zm9v\n'
  enc_check foob $'Zm9vYg==\n'
  enc_check fooba $'Zm9vYmE=\n'
  enc_check foobar $'Zm9vYmFy\n'
}

@test "encodes the RFC 4648 test vectors with -w0 and no newline at all" {
  enc_check f 'Zg==' -w0
  enc_check fo 'Zm8=' -w0
  enc_check foo 'Zm9v' -w0
  enc_check foob 'Zm9vYg==' -w0
  enc_check fooba 'Zm9vYmE=' -w0
  enc_check foobar 'Zm9vYmFy' -w0
}

@test "empty input gives empty output and exit 0, whatever the wrap width" {
  enc_check "" ""
  enc_check "" "" -w0
  enc_check "" "" -w1
  enc_check "" "" -w 76
}

@test "57 input bytes give exactly one full 76-column line and one newline" {
  enc_check "$(a_string 57)" "$(enc_a 57)"$'\n'
  [[ $(wc -c <"$OUT") -eq 77 ]]
}

@test "58 input bytes wrap after 76 columns: a full line then a 4-character line" {
  local want
  want="$(enc_a 57)"$'\n'"YQ=="$'\n'
  enc_check "$(a_string 58)" "$want"
}

@test "114 input bytes give exactly two full 76-column lines, no empty line" {
  local want
  want="$(enc_a 57)"$'\n'"$(enc_a 57)"$'\n'
  enc_check "$(a_string 114)" "$want"
}

@test "default wrap is 76 columns for 1..400 input bytes" {
  local n
  for ((n = 1; n <= 400; n += 7)); do
    check_a "$n" 76
  done
}

@test "-w0 writes no newline for 1, 57, 58, 1000 and 3000 input bytes" {
  local n
  for n in 1 57 58 1000 3000; do
    enc_check "$(a_string "$n")" "$(enc_a "$n")" -w0
  done
}

@test "-w1 puts every output character on its own line for 39..46 input bytes" {
  local n
  for ((n = 39; n <= 46; n++)); do
    check_a "$n" 1 -w1
  done
}

@test "-w5 wraps after every 5 characters for 39..46 input bytes" {
  local n
  for ((n = 39; n <= 46; n++)); do
    check_a "$n" 5 -w5
    check_a "$n" 5 --wrap=5
  done
}

@test "output that fills the last line exactly ends with a single newline" {
  enc_check aaa $'YWFh\n' -w4
  enc_check aaa $'YW\nFh\n' -w2
  enc_check aaaaaa $'YWFhYWFh\n' -w8
  enc_check aaaaaa $'YWFh\nYWFh\n' -w4
}

@test "wrap widths 1..12, 75, 77 and 1000 match the reference for 0..50 bytes" {
  local w n
  for w in {1..12} 75 77 1000; do
    for n in 0 1 2 3 4 29 50; do
      check_a "$n" "$w" -w "$w"
    done
  done
}

@test "all 256 byte values encode exactly (default wrap)" {
  all_bytes in.bin
  b64 <in.bin
  expect_status 0
  expect_err
  expect_out_file "$FIXTURES/all-bytes.b64"
}

@test "all 256 byte values encode exactly with -w0" {
  all_bytes in.bin
  b64 -w0 <in.bin
  expect_ok "$(tr -d '\n' <"$FIXTURES/all-bytes.b64")"
}

@test "random binary inputs of 0..100 bytes match the reference encoder" {
  local n
  for ((n = 0; n <= 100; n++)); do
    random_file in.bin "$n"
    ref_encode <in.bin | ref_wrap 76 >want
    b64 <in.bin
    expect_status 0
    expect_err
    expect_out_file want || {
      echo "size $n" >&2
      return 1
    }
  done
}

@test "-i is ignored when encoding" {
  enc_check 'a*b' $'YSpi\n' -i
  enc_check 'a*b' $'YSpi\n' --ignore-garbage
  enc_check 'Zm9vYmFy' $'Wm05dlltRnk=\n' -i
  all_bytes in.bin
  b64 -i <in.bin
  expect_status 0
  expect_out_file "$FIXTURES/all-bytes.b64"
}

@test "encoding reads a FILE operand" {
  printf 'foobar' >in.txt
  b64 in.txt
  expect_ok $'Zm9vYmFy\n'
}

@test "a NUL byte and high bytes are encoded like any other byte" {
  printf '\0\0\0' >in.bin
  b64 <in.bin
  expect_ok $'AAAA\n'
  printf '\377\376\375' >in.bin
  b64 <in.bin
  expect_ok $'//79\n'
}
