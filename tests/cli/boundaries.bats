#!/usr/bin/env bats
# Decoding across internal buffer boundaries: inputs around 4 KiB of
# encoded text, with 0..3 leading newlines, wrapped at many widths.

load helpers

# with_newlines K TEXT: the file in.txt, K newlines (0..3) then TEXT.
# (Builtins only: bats traces every command, and these run thousands of
# times.)
with_newlines() {
  local nls=$'\n\n\n'
  printf '%s%s' "${nls:0:$1}" "$2" >in.txt
}

# check_decodes WANT K TEXT: TEXT after K newlines decodes to the file
# WANT exactly.
check_decodes() {
  with_newlines "$2" "$3"
  b64 -d <in.txt
  expect_result 0 "$1"
}

# check_a_width WIDTH: for 3072-4 .. 3072+3 letters 'a', the reference
# encoding wrapped at WIDTH (0: one line) with 0..3 leading newlines
# decodes back exactly.
check_a_width() {
  local w=$1 n k text
  for ((n = 3072 - 4; n <= 3072 + 3; n++)); do
    a_string "$n" >want
    enc_a "$n" | ref_wrap "$w" >enc.txt
    # (read -d '' keeps the final newline; it fails at the end of input.)
    IFS= read -r -d '' text <enc.txt || true
    for k in 0 1 2 3; do
      check_decodes want "$k" "$text" || {
        echo "$n letters 'a', width $w, $k leading newlines" >&2
        return 1
      }
    done
  done
}

# check_random_width WIDTH: the same for 4096-4 .. 4096+4 random bytes.
check_random_width() {
  local w=$1 n k text
  for ((n = 4096 - 4; n <= 4096 + 4; n++)); do
    random_file want "$n"
    ref_encode <want | ref_wrap "$w" >enc.txt
    IFS= read -r -d '' text <enc.txt || true
    for k in 0 1 2 3; do
      check_decodes want "$k" "$text" || {
        echo "$n random bytes, width $w, $k leading newlines" >&2
        return 1
      }
    done
  done
}

@test "3072 +-4 letters 'a' encoded on one line decode exactly after 0..3 newlines" {
  check_a_width 0
}

@test "3072 +-4 letters 'a' wrapped at width 1 decode exactly after 0..3 newlines" {
  check_a_width 1
}

@test "3072 +-4 letters 'a' wrapped at width 2 decode exactly after 0..3 newlines" {
  check_a_width 2
}

@test "3072 +-4 letters 'a' wrapped at width 3 decode exactly after 0..3 newlines" {
  check_a_width 3
}

@test "3072 +-4 letters 'a' wrapped at width 4 decode exactly after 0..3 newlines" {
  check_a_width 4
}

@test "3072 +-4 letters 'a' wrapped at width 5 decode exactly after 0..3 newlines" {
  check_a_width 5
}

@test "3072 +-4 letters 'a' wrapped at width 60 decode exactly after 0..3 newlines" {
  check_a_width 60
}

@test "3072 +-4 letters 'a' wrapped at width 76 decode exactly after 0..3 newlines" {
  check_a_width 76
}

@test "3072 +-4 letters 'a' wrapped at width 1000 decode exactly after 0..3 newlines" {
  check_a_width 1000
}

@test "4096 +-4 random bytes encoded on one line decode exactly after 0..3 newlines" {
  check_random_width 0
}

@test "4096 +-4 random bytes wrapped at width 1 decode exactly after 0..3 newlines" {
  check_random_width 1
}

@test "4096 +-4 random bytes wrapped at width 2 decode exactly after 0..3 newlines" {
  check_random_width 2
}

@test "4096 +-4 random bytes wrapped at width 3 decode exactly after 0..3 newlines" {
  check_random_width 3
}

@test "4096 +-4 random bytes wrapped at width 4 decode exactly after 0..3 newlines" {
  check_random_width 4
}

@test "4096 +-4 random bytes wrapped at width 5 decode exactly after 0..3 newlines" {
  check_random_width 5
}

@test "4096 +-4 random bytes wrapped at width 60 decode exactly after 0..3 newlines" {
  check_random_width 60
}

@test "4096 +-4 random bytes wrapped at width 76 decode exactly after 0..3 newlines" {
  check_random_width 76
}

@test "4096 +-4 random bytes wrapped at width 1000 decode exactly after 0..3 newlines" {
  check_random_width 1000
}

@test "encoding 3072 +-4 letters 'a' and 4096 +-4 random bytes matches the reference" {
  local n
  for ((n = 3072 - 4; n <= 3072 + 3; n++)); do
    a_string "$n" >in.bin
    enc_a "$n" | ref_wrap 76 >want
    b64 <in.bin
    expect_result 0 want || {
      echo "$n letters 'a'" >&2
      return 1
    }
  done
  for ((n = 4096 - 4; n <= 4096 + 4; n++)); do
    random_file in.bin "$n"
    ref_encode <in.bin | ref_wrap 76 >want
    b64 <in.bin
    expect_result 0 want || {
      echo "$n random bytes" >&2
      return 1
    }
  done
}

@test "encoding with -w0 across the 30 KiB encoder block boundary matches the reference" {
  local n
  for n in 30717 30718 30719 30720 30721 30722 30723 61440 61441; do
    random_file in.bin "$n"
    ref_encode <in.bin >want
    b64 -w0 <in.bin
    expect_result 0 want || {
      echo "$n random bytes" >&2
      return 1
    }
  done
}
