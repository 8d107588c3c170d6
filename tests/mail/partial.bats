#!/usr/bin/env bats
# message/partial (RFC 2046 5.2.2): fragments found in any of the inputs
# are joined by id in number order and the whole message is listed and
# extracted where its fragment 1 is (man/base64.1, E-MAIL).

load helpers

PARTIAL="$BATS_TEST_DIRNAME/make-partial.py"

# whole_msg DATA NAME: a multipart/mixed message with a text part and
# DATA as a base64 attachment NAME, to whole.eml.
whole_msg() {
  {
    printf 'From: a@example.org\nSubject: big file\nMIME-Version: 1.0\n'
    printf 'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
    printf 'Content-Type: text/plain\n\nthe file, split by the sender\n--b1\n'
    printf 'Content-Type: application/octet-stream; name="%s"\n' "$2"
    printf 'Content-Transfer-Encoding: base64\n\n'
    base64 -w 76 "$1"
    printf -- '--b1--\n'
  } > whole.eml
}

# split_msg N [OPTION...]: whole.eml into frag.1 ... frag.N.
split_msg() {
  local n=$1
  shift
  python3 "$PARTIAL" whole.eml "$n" frag "$@"
}

# mbox FILE...: the messages FILE... as one mbox, to stdout.
mbox() {
  local f
  for f in "$@"; do
    printf 'From sender@example.org Sat Jan  1 00:00:00 2000\n'
    sed 's/^\(>*From \)/>\1/' "$f"
    printf '\n'
  done
}

@test "message/partial: three fragments as operands are joined, bytes exact" {
  needs python3 "split the message" python3
  head -c 20000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  split_msg 3
  run mail_list frag.1 frag.2 frag.3
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf '1:1.1\ttext/plain\t7bit\t29\tok\t-\t-\n1:1.2\tapplication/octet-stream\tbase64\t20000\tok\tbig.bin\tbig.bin')" ]
  [ ! -s stderr ]
  mkdir out
  run mail_extract out frag.1 frag.2 frag.3
  [ "$status" -eq 0 ]
  [ "$output" = "out/big.bin" ]
  cmp out/big.bin data.bin
  [ "$(ls -A out)" = big.bin ]
}

@test "message/partial: the joined message sits where fragment 1 is, whatever the order of the others" {
  needs python3 "split the message" python3
  head -c 9000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  split_msg 3
  msg_with_attachment 'attachment; filename="before.txt"'
  cp msg.eml before.eml
  msg_with_attachment 'attachment; filename="after.txt"'
  cp msg.eml after.eml
  # Operands: 3, before, 1, after, 2.
  run mail_list frag.3 before.eml frag.1 after.eml frag.2
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '2:1\t-\n2:2\tbefore.txt\n3:1.1\t-\n3:1.2\tbig.bin\n4:1\t-\n4:2\tafter.txt')" ]
  # The same messages in one mbox.
  mbox frag.3 before.eml frag.1 after.eml frag.2 > all.mbox
  run mail_list all.mbox
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '2:1\t-\n2:2\tbefore.txt\n3:1.1\t-\n3:1.2\tbig.bin\n4:1\t-\n4:2\tafter.txt')" ]
  mkdir out
  run mail_extract out all.mbox
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'out/before.txt\nout/big.bin\nout/after.txt')" ]
  cmp out/big.bin data.bin
  # A fragment after other messages of the same input: those are listed
  # once, before it; the same from a pipe and from a maildir.
  mbox before.eml frag.2 frag.1 after.eml frag.3 > mixed.mbox
  want=$(printf '1:1\t-\n1:2\tbefore.txt\n3:1.1\t-\n3:1.2\tbig.bin\n4:1\t-\n4:2\tafter.txt')
  run mail_list mixed.mbox
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$want" ]
  run bash -c 'cat mixed.mbox | "$BASE64" --list 2> stderr'
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$want" ]
  run mail_list < mixed.mbox
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$want" ]
  mkdir -p md/cur md/new md/tmp
  cp before.eml md/cur/1; cp frag.2 md/cur/2; cp frag.1 md/new/3
  cp after.eml md/new/4; cp frag.3 md/new/5
  run mail_list md
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$want" ]
  rm -r out && mkdir out
  run mail_extract out md
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'out/before.txt\nout/big.bin\nout/after.txt')" ]
  cmp out/big.bin data.bin
}

@test "message/partial: inputs that cannot be read before the first fragment are said once, and the reading again starts at the right one" {
  needs python3 "split the message" python3
  head -c 4000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  split_msg 2
  msg_with_attachment 'attachment; filename="before.txt"'
  mkdir -p md/cur md/new md/tmp
  cp msg.eml md/cur/1
  ln -s ../cur/1 md/cur/2           # a link: not read
  mkfifo md/cur/3                    # a FIFO: not read
  cp frag.1 md/cur/4
  cp frag.2 md/new/5
  run mail_list missing.eml md
  [ "$status" -eq 1 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '1:1\t-\n1:2\tbefore.txt\n2:1.1\t-\n2:1.2\tbig.bin')" ]
  [ "$(grep -c 'missing.eml' stderr)" -eq 1 ]
  mkdir out
  run mail_extract out missing.eml md
  [ "$status" -eq 1 ]
  [ "$output" = "$(printf 'out/before.txt\nout/big.bin')" ]
  cmp out/big.bin data.bin
}

@test "message/partial: total= on every fragment, CR LF line ends, a pipe, process substitutions" {
  needs python3 "split the message" python3
  head -c 30000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  split_msg 4 --total every --crlf
  grep -q $'total=4\r$' frag.1
  mkdir out
  run mail_extract out frag.4 frag.2 frag.1 frag.3
  [ "$status" -eq 0 ]
  cmp out/big.bin data.bin
  # Standard input that is a pipe is read twice through a copy.
  mbox frag.2 frag.1 frag.4 frag.3 > all.mbox
  rm -r out && mkdir out
  run bash -c 'cat all.mbox | "$BASE64" --extract=out 2> stderr'
  [ "$status" -eq 0 ]
  cmp out/big.bin data.bin
  # Operands that are pipes.
  rm -r out && mkdir out
  run bash -c '"$BASE64" --extract=out <(cat frag.1) <(cat frag.2) <(cat frag.3) <(cat frag.4) 2> stderr'
  [ "$status" -eq 0 ]
  cmp out/big.bin data.bin
  # No temporary file is left in TMPDIR.
  mkdir tmp
  rm -r out && mkdir out
  run bash -c 'cat all.mbox | TMPDIR=$PWD/tmp "$BASE64" --extract=out 2> stderr'
  [ "$status" -eq 0 ]
  cmp out/big.bin data.bin
  [ -z "$(ls -A tmp)" ]
}

@test "message/partial: a missing fragment: nothing extracted, the missing numbers named, exit 2" {
  needs python3 "split the message" python3
  head -c 9000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  split_msg 5
  mkdir out
  run mail_extract out frag.1 frag.3 frag.5
  [ "$status" -eq 2 ]
  [ -z "$output" ]
  [ -z "$(ls -A out)" ]
  [ "$(grep -c 'message/partial' stderr)" -eq 1 ]
  grep -q 'part 1:1: message/partial id "frag@example.org": missing fragments 2, 4 (of 5); not joined' stderr
  # --list shows each fragment, damaged, with no file.
  run mail_list frag.1 frag.3 frag.5
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,2,5,7)" = "$(printf '1:1\tmessage/partial\tdamaged\t-\n2:1\tmessage/partial\tdamaged\t-\n3:1\tmessage/partial\tdamaged\t-')" ]
  # The last one (the one with total=) missing.
  run mail_list frag.1 frag.2
  [ "$status" -eq 2 ]
  grep -q 'missing the last fragment (no fragment gives total=)' stderr
  run mail_list frag.2 frag.5
  [ "$status" -eq 2 ]
  grep -q 'missing fragments 1, 3, 4 (of 5)' stderr
  # Other parts of the run are extracted still.
  msg_with_attachment 'attachment; filename="other.txt"'
  run mail_extract out frag.1 msg.eml frag.2
  [ "$status" -eq 2 ]
  [ "$output" = "out/other.txt" ]
}

@test "message/partial: second copies are ignored, disagreeing totals and missing ids are reported" {
  needs python3 "split the message" python3
  head -c 5000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  split_msg 2
  mkdir out
  run mail_extract out frag.1 frag.2 frag.1 frag.2
  [ "$status" -eq 0 ]
  [ "$output" = "out/big.bin" ]
  cmp out/big.bin data.bin
  # total=2 on one, total=3 on the other.
  sed 's/number=1/number=1; total=3/' frag.1 > bad.1
  run mail_list bad.1 frag.2
  [ "$status" -eq 2 ]
  grep -q 'disagree on total=' stderr
  # number beyond total.
  sed 's/number=2; total=2/number=3; total=2/' frag.2 > bad.2
  run mail_list frag.1 bad.2
  [ "$status" -eq 2 ]
  grep -q 'fragment 3 is beyond total=2' stderr
  # No id: not joinable.
  sed 's/ id="[^"]*";//' frag.1 > noid.1
  run mail_list noid.1
  [ "$status" -eq 2 ]
  grep -q 'part 1: message/partial without an id (of at most 256 bytes) and a number (1 to 100000); not joined' stderr
  # Two groups, told apart by id.
  python3 "$PARTIAL" whole.eml 2 other --id other@example.org
  run mail_list other.2 frag.1 other.1 frag.2
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '2:1.1\t-\n2:1.2\tbig.bin\n3:1.1\t-\n3:1.2\tbig-2.bin')" ]
}

@test "message/partial: a damaged part of the joined message is located in it" {
  needs python3 "split the message" python3
  head -c 3000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  # A bad byte on the line after the first base64 line.
  awk '{print} /^Content-Transfer-Encoding: base64/ {h=1} h && /^$/ {n++} n==1 && h && !done && /^[A-Za-z0-9+\/]+$/ {print "!!"; done=1}' whole.eml > w2 && mv w2 whole.eml
  split_msg 2
  run mail_list frag.1 frag.2
  [ "$status" -eq 2 ]
  grep -q 'part 1:1.2: invalid base64 at line [0-9]*, column 1 of the joined message/partial' stderr
  line=$(grep -n '^!!$' whole.eml | cut -d: -f1)
  grep -q "at line $line, column 1 of the joined" stderr
}

@test "message/partial: extracted bytes equal munpack's (total= on the last fragment only, LF)" {
  needs python3 "split the message" python3
  needs munpack "compare with munpack" mpack
  head -c 50000 /dev/urandom > data.bin
  whole_msg data.bin big.bin
  split_msg 3
  mkdir mp out
  export TMPDIR=$PWD
  for k in 1 2 3; do munpack -q -f -C "$PWD/mp" "$PWD/frag.$k" > /dev/null 2>&1; done
  cmp mp/big.bin data.bin
  run mail_extract out frag.1 frag.2 frag.3
  [ "$status" -eq 0 ]
  cmp out/big.bin mp/big.bin
}

# SEXTET_CORPORA: a directory of public sample messages from other
# projects' test suites (not in this tree: their licences are theirs),
# where the machine has one; its mail2/real/mimekit holds MimeKit's
# message/partial samples.
@test "message/partial: the public samples (MimeKit, RFC 2046) join as their whole message" {
  corpora=${SEXTET_CORPORA:-}
  d=$corpora/mail2/real/mimekit
  [[ -n $corpora && -r $d/message-partial.0.eml ]] || skip "no public sample corpus (SEXTET_CORPORA)"
  mkdir out whole
  run mail_extract out "$d/message-partial.2.eml" "$d/message-partial.0.eml" "$d/message-partial.1.eml"
  [ "$status" -eq 0 ]
  [ "$output" = "out/earrings.jpg" ]
  run mail_extract whole "$d/message-partial.whole.eml"
  [ "$status" -eq 0 ]
  cmp out/earrings.jpg whole/earrings.jpg
  run mail_list "$corpora/mail2/payload/partial/mimekit-fragments.mbox"
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '3:1.1\t-\n3:1.2\tearrings.jpg')" ]
  # The RFC 2046 example: two fragments, joined (its audio body is
  # placeholder text, so damaged base64).
  run mail_list "$d/rfc2046.1.eml" "$d/rfc2046.0.eml"
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,2)" = "$(printf '2:1.1\taudio/basic')" ]
  ! grep -q 'not joined' stderr
}
