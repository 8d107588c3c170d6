# shellcheck shell=bash
# Setup for tests/mail/*.bats: the e-mail options (issue 10).
#
# Until the options reach the command line the tests run the driver
# through tests/mail/maildrv ($MAILDRV); the three functions below are the
# one place that says how, so switching to "$BASE64 --list" etc. is a
# three-line change.  Without $MAILDRV every test is skipped.

export LC_ALL=C

setup() {
  if [[ -z ${MAILDRV:-} ]]; then
    skip "MAILDRV is not set (the mail driver is not built)"
  fi
  cd "$BATS_TEST_TMPDIR" || return 1
}

# Diagnostics go to ./stderr, so "run" sees standard output alone.

# mail_list [OPTION...] [FILE]
mail_list() { "$MAILDRV" list "$@" 2> stderr; }

# mail_extract DIR [OPTION...] [FILE]
mail_extract() {
  local dir=$1
  shift
  "$MAILDRV" "extract=$dir" "$@" 2> stderr
}

# mail_decode_header [--lenient] [FILE]
mail_decode_header() { "$MAILDRV" decode-header "$@" 2> stderr; }

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
