#!/usr/bin/env bats
# A realistic e-mail: fixtures/mail/message.eml is a multipart/mixed message
# (CRLF line ends throughout, as on the wire) with a text part and a binary
# attachment, fixtures/mail/attachment.bin, whose body is base64 in 76-column
# CRLF-terminated lines, as mail software writes it.
#
# attachment.bin is 3001 bytes from a 32-bit linear congruential generator
# (x = 1664525 x + 1013904223 mod 2^32, seed 2026, the top byte of each x);
# the body in message.eml was made with GNU base64 -w 76 and sed 's/$/\r/'.
#
# Every test is skipped when $BASE64 is GNU base64: --lenient and --mime are
# sextet's own (the GNU-only tests here are still checked against sextet).

load helpers

MAIL="$BATS_TEST_DIRNAME/fixtures/mail"

# body_block: the base64 body of the attachment, copied byte for byte from
# message.eml: the lines after the blank line that ends its headers, up to
# (not including) the next boundary line.
body_block() {
  awk '
    state == 2 && /^--=_sextet_4711_boundary/ { exit }
    state == 2 { print }
    state == 1 && $0 == "\r" { state = 2 }
    /^Content-Disposition: attachment;/ { state = 1 }
  ' "$MAIL/message.eml"
}

# Runs at the start of every test: the body block in ./part.txt.
extract() {
  body_block >"$BATS_TEST_TMPDIR/part.txt"
}

@test "the fixture is intact: CRLF line ends and a body block of 76-column lines" {
  ours_only
  extract
  # Every line of the message ends with CR LF (a checkout that converted
  # them would make the other tests meaningless).
  [[ $(grep -c $'\r$' "$MAIL/message.eml") == $(wc -l <"$MAIL/message.eml") ]]
  [[ $(wc -c <"$MAIL/attachment.bin") == 3001 ]]
  # 4004 base64 characters: 52 lines of 76 and one of 52, each + CR LF.
  [[ $(wc -l <part.txt) == 53 ]]
  [[ $(wc -c <part.txt) == $((4004 + 2 * 53)) ]]
  [[ $(awk 'length($0) != 77' part.txt | wc -l) == 1 ]]
  [[ $(tail -n 1 part.txt) == *$'==\r' ]]
}

@test "--lenient decodes the body block to the attachment" {
  ours_only
  extract
  b64 -d --lenient part.txt
  expect_status 0
  expect_err
  expect_out_file "$MAIL/attachment.bin"
}

@test "--mime decodes the body block to the attachment" {
  ours_only
  extract
  b64 -d --mime <part.txt
  expect_status 0
  expect_err
  expect_out_file "$MAIL/attachment.bin"
}

@test "--mime -o FILE writes the attachment (the man page's example)" {
  ours_only
  extract
  b64 -d --mime -o calib-7.bin part.txt
  expect_ok ''
  cmp "$MAIL/attachment.bin" calib-7.bin
}

@test "--mime encoding of the attachment reproduces the body block byte for byte" {
  ours_only
  extract
  b64 --mime "$MAIL/attachment.bin"
  expect_status 0
  expect_err
  expect_out_file part.txt
}

@test "plain GNU-mode -d fails on the body block at its first CR" {
  ours_only
  extract
  # The first line decodes (57 bytes), then the CR is invalid.
  head -c 57 "$MAIL/attachment.bin" >first-line
  b64 -d part.txt
  expect_result 1 first-line "$BASE64: invalid input"
}

@test "-d -i decodes the body block: CR is garbage" {
  ours_only
  extract
  b64 -d -i part.txt
  expect_status 0
  expect_err
  expect_out_file "$MAIL/attachment.bin"
}

@test "--strict rejects the body block with the CR hint; --strict --crlf accepts it" {
  ours_only
  extract
  head -c 57 "$MAIL/attachment.bin" >first-line
  b64 -d --strict part.txt
  expect_result 1 first-line "$BASE64: invalid input at line 1, column 77 (byte 76): unexpected byte 0x0d ('\\r'); input has CRLF line endings: try --crlf (stays strict) or --lenient"
  b64 -d --strict --crlf part.txt
  expect_status 0
  expect_err
  expect_out_file "$MAIL/attachment.bin"
}

@test "--check --mime and --check --strict --crlf validate the body block" {
  ours_only
  extract
  b64 --check --mime part.txt
  expect_ok ''
  b64 --check --strict --crlf part.txt
  expect_ok ''
}

@test "a body block saved with LF line ends decodes with plain -d, --lenient and --mime" {
  ours_only
  extract
  tr -d '\r' <part.txt >part-lf.txt
  local opt
  for opt in --decode --lenient --mime; do
    b64 -d "$opt" part-lf.txt
    expect_status 0
    expect_err
    expect_out_file "$MAIL/attachment.bin"
  done
}

@test "--mime decodes a quoted body block ('> ' before each line) as RFC 2045 asks" {
  ours_only
  extract
  # A reply quotes the lines; '>' and the space are not in the alphabet.
  sed 's/^/> /' part.txt >quoted.txt
  b64 -d --mime quoted.txt
  expect_status 0
  expect_err
  expect_out_file "$MAIL/attachment.bin"
  # --lenient alone skips the space but not '>'.
  b64 -d --lenient quoted.txt
  expect_status 1
  expect_err "$BASE64: invalid input at line 1, column 1 (byte 0): unexpected byte 0x3e ('>')"
  expect_out ''
}

@test "a truncated body block (a lone last character) is reported at its place" {
  ours_only
  extract
  # Keep the first line and one character of the second.
  head -c $((78 + 1)) part.txt >cut.txt
  head -c 57 "$MAIL/attachment.bin" >first-line
  b64 -d --mime cut.txt
  expect_result 1 first-line "$BASE64: invalid input at line 2, column 1 (byte 78): truncated: 1 character left over"
}
