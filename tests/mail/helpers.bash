# shellcheck shell=bash
# Setup for tests/mail/*.bats: the e-mail options (man/base64.1), run as
# "$BASE64 --list" etc.  GNU base64 has none of them: every test skips
# there.

export LC_ALL=C

# mail_setup: what every test of these files does first (their setup
# unless a file adds to it).
mail_setup() {
  if [[ -z ${BASE64:-} ]]; then
    echo "BASE64 is not set: point it at the base64 program to test" >&2
    return 1
  fi
  if [[ $BASE64 == */* && $BASE64 != /* ]]; then
    BASE64="$PWD/$BASE64"
  fi
  if [[ $("$BASE64" --version 2>/dev/null </dev/null | sed -n 1p) == \
    "base64 (GNU coreutils) "* ]]; then
    skip "sextet-specific behaviour"
  fi
  cd "$BATS_TEST_TMPDIR" || return 1
}

setup() { mail_setup; }

# needs COMMAND WHAT PACKAGE: skip, saying so, unless COMMAND is there to
# do WHAT.
needs() {
  command -v "$1" >/dev/null || skip "$1 is needed to $2 (apt-get install $3)"
}

# Diagnostics go to ./stderr, so "run" sees standard output alone.

# mail_list [OPTION...] [FILE]
mail_list() { "$BASE64" --list "$@" 2> stderr; }

# mail_extract DIR [OPTION...] [FILE]
mail_extract() {
  local dir=$1
  shift
  "$BASE64" --extract="$dir" "$@" 2> stderr
}

# mail_decode_header [--lenient] [FILE]
mail_decode_header() { "$BASE64" --decode-header "$@" 2> stderr; }

# crlf FILE: rewrite FILE with CRLF line ends.
crlf() { sed 's/$/\r/' "$1" > "$1.tmp" && mv "$1.tmp" "$1"; }

# msg_with_attachment NAME-PARAMS [B64-BODY]: a multipart/mixed message
# with a text part and one attachment whose Content-Disposition
# parameters are NAME-PARAMS, written to msg.eml.
msg_with_attachment() {
  local params=$1 body=${2:-SGVsbG8gd29ybGQK}
  cat > msg.eml <<EOM
From: a@example.org
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain

text
--b1
Content-Type: application/octet-stream
Content-Disposition: attachment; $params
Content-Transfer-Encoding: base64

$body
--b1--
EOM
}
