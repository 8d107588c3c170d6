#!/usr/bin/env bats
# --list and --extract on crafted messages, one per trap man/base64.1's
# E-MAIL section guards against: path traversal, RFC 2231 and 2047 names, duplicates,
# symlinks, nesting, quoted-printable, broken structure, corrupt base64,
# 8-bit and long names, mbox, CRLF, non-MIME input.

load helpers

@test "list: one line per leaf part, tab-separated, in document order" {
  msg_with_attachment 'filename="hello.txt"'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "$(printf '1\ttext/plain\t7bit\t4\tok\t-\t-')" ]
  [ "${lines[1]}" = "$(printf '2\tapplication/octet-stream\tbase64\t12\tok\thello.txt\thello.txt')" ]
  [ "${#lines[@]}" -eq 2 ]
}

@test "extract: writes the attachment, prints DIR/FILE, exit 0" {
  msg_with_attachment 'filename="hello.txt"'
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/hello.txt" ]
  [ "$(cat out/hello.txt)" = "Hello world" ]
  [ "$(ls -A out)" = "hello.txt" ]
}

@test "extract: ../ names stay inside DIR" {
  msg_with_attachment 'filename="../../etc/passwd"'
  mkdir -p d/out
  run mail_extract d/out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "d/out/passwd" ]
  [ ! -e d/passwd ] && [ ! -e passwd ]
}

@test "extract: an absolute name stays inside DIR" {
  msg_with_attachment 'filename="/tmp/evil"'
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/evil" ]
}

@test "extract: a Windows ..\\ name keeps only its last component" {
  msg_with_attachment 'filename="..\..\Windows\win.ini"'
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/win.ini" ]
}

@test "extract: a symlink planted in DIR is not followed, the name counts as taken" {
  msg_with_attachment 'filename="target.txt"'
  mkdir out
  ln -s "$BATS_TEST_TMPDIR/victim" out/target.txt
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/target-2.txt" ]
  [ ! -e victim ]
  [ -L out/target.txt ]
  [ "$(cat out/target-2.txt)" = "Hello world" ]
}

@test "extract: an existing file is never overwritten" {
  msg_with_attachment 'filename="keep.txt"'
  mkdir out
  echo precious > out/keep.txt
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/keep-2.txt" ]
  [ "$(cat out/keep.txt)" = precious ]
}

@test "extract: duplicate names are numbered, and --list shows the same" {
  cat > dup.eml <<'EOM'
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: application/pdf; name=invoice.pdf

one
--b
Content-Type: application/pdf; name=invoice.pdf

two
--b
Content-Disposition: attachment; filename=invoice.pdf

three
--b--
EOM
  run mail_list dup.eml
  [ "$(printf '%s\n' "${lines[@]}" | cut -f7)" = "$(printf 'invoice.pdf\ninvoice-2.pdf\ninvoice-3.pdf')" ]
  mkdir out
  run mail_extract out dup.eml
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'out/invoice.pdf\nout/invoice-2.pdf\nout/invoice-3.pdf')" ]
  [ "$(cat out/invoice-3.pdf)" = three ]
}

@test "names: RFC 2231 continuations with a charset" {
  msg_with_attachment "filename*0*=iso-8859-1''r%E9sum%E9; filename*1=\".pdf\""
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f6)" = "résumé.pdf" ]
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/résumé.pdf" ]
}

@test "names: RFC 2231 sections out of order" {
  msg_with_attachment 'filename*1="b.txt"; filename*0="a"'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f7)" = "ab.txt" ]
}

@test "names: RFC 2047 encoded-word in a name" {
  msg_with_attachment 'filename="=?utf-8?B?4oKsIHJlcG9ydC5wZGY=?="'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f6)" = "€ report.pdf" ]
}

@test "names: bidi controls are removed from FILE (invoice<RLO>fdp.exe)" {
  # U+202E RIGHT-TO-LEFT OVERRIDE makes "invoice\u202efdp.exe" show as
  # "invoiceexe.pdf"; every embedding, override, isolate and mark goes.
  msg_with_attachment "filename*=UTF-8''invoice%E2%80%AEfdp.exe"
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  # NAME shows the name as sent, the control escaped (a terminal would
  # obey it).
  [ "$(echo "${lines[1]}" | cut -f6-)" = 'invoice\xe2\x80\xaefdp.exe'$'\t''invoicefdp.exe' ]
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/invoicefdp.exe" ]
  local c all=""
  # (UTF-8 bytes: printf's \u depends on the locale.)
  for c in '\xe2\x80\xaa' '\xe2\x80\xab' '\xe2\x80\xac' '\xe2\x80\xad' \
    '\xe2\x80\xae' '\xe2\x81\xa6' '\xe2\x81\xa7' '\xe2\x81\xa8' '\xe2\x81\xa9' \
    '\xe2\x80\x8e' '\xe2\x80\x8f'; do
    all+=$(printf "$c")
  done
  # In an RFC 2047 name too, at the start (then the dots rule applies).
  msg_with_attachment "filename=\"=?utf-8?B?$(printf '%s.a%sb.txt' "$all" "$all" | base64 -w0)?=\""
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f7)" = "ab.txt" ]
  # Other format characters stay (U+200D ZERO WIDTH JOINER in emoji).
  msg_with_attachment "filename*=UTF-8''a%E2%80%8Db.txt"
  run mail_list msg.eml
  [ "$(echo "${lines[1]}" | cut -f7)" = $'a\xe2\x80\x8db.txt' ]
}

@test "names: RFC 2231 sections sort by number (filename*10 after filename*2)" {
  msg_with_attachment "filename*10=k.txt; filename*0=a; filename*1=b; filename*2=c; filename*3=d; filename*4=e; filename*5=f; filename*6=g; filename*7=h; filename*8=i; filename*9=j"
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f7)" = "abcdefghijk.txt" ]
}

@test "names: a character split over two encoded-words, and misused charset labels" {
  # U+20AC is E2 82 AC: E2 82 in one word, AC in the next.
  msg_with_attachment 'filename="=?utf-8?B?4oI=?= =?utf-8?B?rA==?=.txt"'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f7)" = "€.txt" ]
  # shift_jis 0x8160 is U+FF5E (as Windows means it), not U+301C.
  msg_with_attachment "filename*=shift_jis''a%81%60b.txt"
  run mail_list msg.eml
  [ "$(echo "${lines[1]}" | cut -f7)" = $'a\xef\xbd\x9eb.txt' ]
  # iso-8859-8-i (logical order) is ISO-8859-8: 0xE0 is U+05D0.
  msg_with_attachment "filename*=iso-8859-8-i''%E0.txt"
  run mail_list msg.eml
  [ "$(echo "${lines[1]}" | cut -f7)" = $'\xd7\x90.txt' ]
}

@test "names: 8-bit raw bytes that are not UTF-8 become %XX" {
  printf 'Content-Type: text/plain; name="caf\351.txt"\n\nx\n' > raw.eml
  run mail_list raw.eml
  [ "$status" -eq 0 ]
  [ "$(echo "$output" | cut -f6)" = "caf%E9.txt" ]
  mkdir out
  run mail_extract out raw.eml
  [ "$status" -eq 0 ]
  [ "$output" = "out/caf%E9.txt" ]
}

@test "names: control characters escaped in NAME, _ in FILE" {
  printf 'Content-Disposition: attachment; filename="a\tb\\c.txt"\n\nx\n' > ctl.eml
  run mail_list ctl.eml
  [ "$status" -eq 0 ]
  [ "$(echo "$output" | cut -f6-)" = 'a\tb\\c.txt'$'\t''c.txt' ]
}

@test "names: quoted-pairs in a quoted filename (RFC 822 3.4.4)" {
  msg_with_attachment 'filename="a;b \"c\".txt"'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(cut -f6,7 <<< "${lines[1]}")" = "$(printf 'a;b "c".txt\ta;b "c".txt')" ]
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = 'out/a;b "c".txt' ]
  [ "$(cat 'out/a;b "c".txt')" = "Hello world" ]
}

@test "names: other backslashes in a quoted filename stay literal, and the path is still cut" {
  msg_with_attachment 'filename="..\..\evil.bat"'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(cut -f6,7 <<< "${lines[1]}")" = "$(printf '..\\\\..\\\\evil.bat\tevil.bat')" ]
  msg_with_attachment 'filename="C:\\temp\\x.txt"'
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = out/x.txt ]
}

@test "names: quoted-pairs in RFC 2231 continuations" {
  msg_with_attachment 'filename*0="a\"b"; filename*1="c.txt"'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(cut -f6 <<< "${lines[1]}")" = 'a"bc.txt' ]
}

@test "names: a 300-byte name is cut to 255 bytes keeping the extension" {
  long=$(printf 'x%.0s' {1..296})
  msg_with_attachment "filename=\"$long.pdf\""
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  f=${output#out/}
  [ "${#f}" -eq 255 ]
  [[ $f == *.pdf ]]
  [ -f "$output" ]
}

@test "names: an empty or dots-only name: NAME as given, FILE part-PATH" {
  msg_with_attachment 'filename=""'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f6,7)" = "$(printf -- '-\tpart-2.bin')" ]
  msg_with_attachment 'filename="..."'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[1]}" | cut -f6,7)" = "$(printf -- '...\tpart-2.bin')" ]
}

@test "names: nameless parts have no FILE; --all names them part-PATH" {
  cat > nameless.eml <<'EOM'
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/html

<p>hi</p>
--b
Content-Type: application/octet-stream
Content-Disposition: attachment

data
--b--
EOM
  run mail_list nameless.eml
  [ "$status" -eq 0 ]
  [ "$(echo "${lines[0]}" | cut -f7)" = "-" ]
  [ "$(echo "${lines[1]}" | cut -f7)" = "part-2.bin" ]
  mkdir out
  run mail_extract out --all nameless.eml
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'out/part-1.html\nout/part-2.bin')" ]
}

@test "structure: nested message/rfc822 and alternative inside mixed" {
  cat > nest.eml <<'EOM'
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/alternative; boundary=alt

--alt
Content-Type: text/plain

plain
--alt
Content-Type: text/html

<b>html</b>
--alt--
--outer
Content-Type: message/rfc822

Subject: forwarded
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=inner

--inner
Content-Type: text/plain

inner text
--inner
Content-Type: application/pdf; name=deep.pdf
Content-Transfer-Encoding: base64

JVBERi0=
--inner--
--outer--
EOM
  run mail_list nest.eml
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,2)" = "$(printf '1.1\ttext/plain\n1.2\ttext/html\n2.1\ttext/plain\n2.2\tapplication/pdf')" ]
  mkdir out
  run mail_extract out nest.eml
  [ "$output" = "out/deep.pdf" ]
  [ "$(cat out/deep.pdf)" = "%PDF-" ]
}

@test "structure: quoted-printable is decoded" {
  printf 'Content-Transfer-Encoding: quoted-printable\nContent-Disposition: attachment; filename=q.txt\n\ncaf=C3=A9 soft=\nbreak  \nend=3D\n' > qp.eml
  mkdir out
  run mail_extract out qp.eml
  [ "$status" -eq 0 ]
  [ "$(cat out/q.txt)" = "$(printf 'café softbreak\nend=')" ]
}

@test "damaged quoted-printable: a bad escape is kept, STATUS damaged, line and column, exit 2; --strict refuses it" {
  printf 'MIME-Version: 1.0\nContent-Transfer-Encoding: quoted-printable\nContent-Disposition: attachment; filename=q.txt\n\nfine=20line\nbad =ZZ here\n' > qp.eml
  run mail_list qp.eml
  [ "$status" -eq 2 ]
  [ "$(cut -f4,5,7 <<< "$output")" = "$(printf '23\tdamaged\tq.txt')" ]
  [ "$(cat stderr)" = "$BASE64: part 1: invalid quoted-printable at line 6, column 5" ]
  mkdir out
  run mail_extract out qp.eml
  [ "$status" -eq 2 ]
  [ "$output" = out/q.txt ]
  [ "$(cat out/q.txt)" = "$(printf 'fine line\nbad =ZZ here')" ]
  mkdir strict
  run mail_extract strict --strict qp.eml
  [ "$status" -eq 1 ]
  [ -z "$output" ]
  [ -z "$(ls -A strict)" ]
  grep -q "part 1: not written (--strict)" stderr
  run mail_list --strict qp.eml
  [ "$status" -eq 1 ]
  [ "$(cut -f5,7 <<< "$output")" = "$(printf 'damaged\t-')" ]
}

@test "damaged quoted-printable: bytes RFC 2045 forbids (8-bit, controls, a lone CR) are kept and reported" {
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: quoted-printable\n\nok\ncaf\303\251\n--b\nContent-Transfer-Encoding: quoted-printable\n\na\001b\n--b\nContent-Transfer-Encoding: quoted-printable\n\nc\rd\n--b--\n' > forbid.eml
  run mail_list forbid.eml
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,4,5)" = "$(printf '1\t8\tdamaged\n2\t3\tdamaged\n3\t3\tdamaged')" ]
  [ "$(sed -n 1p stderr)" = "$BASE64: part 1: invalid quoted-printable at line 8, column 4" ]
  [ "$(sed -n 2p stderr)" = "$BASE64: part 2: invalid quoted-printable at line 12, column 2" ]
  [ "$(sed -n 3p stderr)" = "$BASE64: part 3: invalid quoted-printable at line 16, column 2" ]
  mkdir out
  run mail_extract out --all forbid.eml
  [ "$status" -eq 2 ]
  [ "$(cat out/part-1.txt)" = "$(printf 'ok\ncaf\303\251')" ]
  [ "$(od -An -c out/part-3.txt | tr -s ' ')" = " c \r d" ]
}

@test "quoted-printable: '=' ending a part is a soft line break, not damage" {
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: quoted-printable\nContent-Disposition: attachment; filename=a.txt\n\nno final line break=\r\n--b--\r\n' > soft.eml
  run mail_list soft.eml
  [ "$status" -eq 0 ]
  [ "$(cut -f4,5 <<< "$output")" = "$(printf '19\tok')" ]
  mkdir out
  run mail_extract out soft.eml
  [ "$status" -eq 0 ]
  [ "$(cat out/a.txt)" = "no final line break" ]
  [ "$(stat -c %s out/a.txt)" -eq 19 ]
}

@test "structure: a missing closing boundary: truncated, written, exit 2" {
  printf 'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Disposition: attachment; filename=t.txt\n\npartial\n' > trunc.eml
  run mail_list trunc.eml
  [ "$status" -eq 2 ]
  [ "$(echo "${lines[0]}" | cut -f5)" = truncated ]
  mkdir out
  run mail_extract out trunc.eml
  [ "$status" -eq 2 ]
  [ -f out/t.txt ]
}

@test "structure: a boundary that never appears: no part, a message, exit 2" {
  printf 'Content-Type: multipart/mixed; boundary=nowhere\n\njust text\n' > never.eml
  run mail_list never.eml
  [ "$status" -eq 2 ]
  grep -q "boundary never appears" stderr
  [ -z "$output" ]
}

@test "structure: corrupt base64 is damaged, reported with line and column, exit 2" {
  msg_with_attachment 'filename=c.bin' 'SGVs*bG8g
d29y!bGQK'
  run mail_list msg.eml
  [ "$status" -eq 2 ]
  [ "$(cut -f5 <<< "${lines[1]}")" = damaged ]
  [ "$(cat stderr)" = "$BASE64: part 2: invalid base64 at line 14, column 5" ]
  printf 'Content-Disposition: attachment; filename=c.bin\nContent-Transfer-Encoding: base64\n\nSGVsbG8g\nQ\n' > bad.eml
  run mail_list bad.eml
  [ "$status" -eq 2 ]
  grep -q "part 1: invalid base64 at line 5, column 1" stderr
  [ "$(cut -f5 <<< "$output")" = damaged ]
  mkdir out
  run mail_extract out bad.eml
  [ "$status" -eq 2 ]
  [ "$(cat out/c.bin)" = "Hello " ]
  mkdir strict
  run mail_extract strict --strict bad.eml
  [ "$status" -eq 1 ]
  [ -z "$(ls -A strict)" ]
  run mail_list --strict bad.eml
  [ "$status" -eq 1 ]
}

@test "damaged base64: garbage between groups and inside a group is reported, dropped, exit 2; --strict refuses the part" {
  msg_with_attachment 'filename=g.bin' 'SGVsbG8g
!!!!
d29y*bGQK'
  run mail_list msg.eml
  [ "$status" -eq 2 ]
  [ "$(cut -f2- <<< "${lines[1]}")" = "$(printf 'application/octet-stream\tbase64\t12\tdamaged\tg.bin\tg.bin')" ]
  [ "$(cat stderr)" = "$BASE64: part 2: invalid base64 at line 15, column 1" ]
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 2 ]
  [ "$output" = out/g.bin ]
  [ "$(cat out/g.bin)" = "Hello world" ]
  [ "$(cat stderr)" = "$BASE64: part 2: invalid base64 at line 15, column 1" ]
  mkdir strict
  run mail_extract strict --strict msg.eml
  [ "$status" -eq 1 ]
  [ -z "$output" ]
  [ -z "$(ls -A strict)" ]
  [ "$(sed -n 2p stderr)" = "$BASE64: part 2: not written (--strict)" ]
  run mail_list --strict msg.eml
  [ "$status" -eq 1 ]
  [ "$(cut -f5,7 <<< "${lines[1]}")" = "$(printf 'damaged\t-')" ]
}

@test "damaged base64: text after the padding, a part of garbage only, an 8-bit byte" {
  cat > sib.eml <<'EOM'
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Disposition: attachment; filename=sig.bin
Content-Transfer-Encoding: base64

SGk=
-- 
John
--b
Content-Disposition: attachment; filename=junk.bin
Content-Transfer-Encoding: base64

%%%% not base64 at all %%%%
--b
Content-Disposition: attachment; filename=eight.bin
Content-Transfer-Encoding: base64

SGVsébG8=
--b--
EOM
  sed -i 's/\\xe9/\xe9/' sib.eml
  run mail_list sib.eml
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f5)" = "$(printf 'damaged\ndamaged\ndamaged')" ]
  [ "$(sed -n 1p stderr)" = "$BASE64: part 1: invalid base64 at line 9, column 1" ]
  [ "$(sed -n 2p stderr)" = "$BASE64: part 2: invalid base64 at line 15, column 1" ]
  [ "$(sed -n 3p stderr)" = "$BASE64: part 3: invalid base64 at line 20, column 5" ]
  mkdir out
  run mail_extract out --strict sib.eml
  [ "$status" -eq 1 ]
  [ -z "$(ls -A out)" ]
}

@test "base64 white space is not damage: blanks, tabs, trailing spaces, CRLF" {
  msg_with_attachment 'filename=w.bin' "$(printf 'SGVs bG8g  \n\td29y\tbGQK \n   ')"
  crlf msg.eml
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(cut -f4,5 <<< "${lines[1]}")" = "$(printf '12\tok')" ]
  [ ! -s stderr ]
  mkdir out
  run mail_extract out --strict msg.eml
  [ "$status" -eq 0 ]
  [ "$(cat out/w.bin)" = "Hello world" ]
}

@test "names: --list --strict gives a part --strict would refuse no file, and its name to the next" {
  cat > twice.eml <<'EOM'
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Disposition: attachment; filename=same.txt
Content-Transfer-Encoding: base64

SGVsbG8g
Q
--b
Content-Disposition: attachment; filename=same.txt
Content-Transfer-Encoding: base64

b2sK
--b--
EOM
  mkdir out
  run mail_extract out --strict twice.eml
  [ "$status" -eq 1 ]
  [ "$output" = out/same.txt ]
  [ "$(cat out/same.txt)" = ok ]
  run mail_list --strict twice.eml
  [ "$status" -eq 1 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f5,7)" = "$(printf 'damaged\t-\nok\tsame.txt')" ]
  run mail_list twice.eml
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f7)" = "$(printf 'same.txt\nsame-2.txt')" ]
}

@test "structure: unknown encoding is copied raw, raw alone exits 0" {
  printf 'Content-Disposition: attachment; filename=u.gz\nContent-Transfer-Encoding: x-gzip64\n\nH4sI\n' > raw.eml
  run mail_list raw.eml
  [ "$status" -eq 0 ]
  [ "$(cut -f3,5 <<< "$output")" = "$(printf 'x-gzip64\traw')" ]
}

@test "mbox: three messages, N: prefixes, >From unquoted" {
  cat > box.mbox <<'EOM'
From alice Mon Jan  1 00:00:00 2024
MIME-Version: 1.0
Content-Disposition: attachment; filename=one.txt

>From the start

From bob Mon Jan  1 00:00:00 2024
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=z

--z
Content-Disposition: attachment; filename=two.txt

two
--z--

From carol Mon Jan  1 00:00:00 2024
MIME-Version: 1.0
Content-Disposition: attachment; filename=three.txt

three
EOM
  run mail_list box.mbox
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1)" = "$(printf '1:1\n2:1\n3:1')" ]
  mkdir out
  run mail_extract out box.mbox
  [ "$(cat out/one.txt)" = "From the start" ]
  [ "$(cat out/three.txt)" = three ]
}

@test "mbox: an unquoted 'From ' in a body is body text (RFC 4155 From_ lines only)" {
  # The shape of CPython's mailbox_01.mbox: "From time to time" after a
  # blank line has no sender and date, so it does not start a message.
  printf '%s\n' 'From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info' \
    'From: foo' 'Subject: unquoted From' '' 'Hello' '' 'From time to time' \
    > box.mbox
  run mail_list box.mbox
  [ "$status" -eq 1 ]
  [ "$output" = "$(printf '1:1\ttext/plain\t7bit\t25\tok\t-\t-')" ]
  grep -q "no MIME structure" stderr
  ! grep -q "not a mail message" stderr
}

@test "mbox: a From_ line separates only after a blank line, with a date" {
  cat > box.mbox <<'EOM'
From alice@example.org Mon Jan  1 00:00:00 2024
MIME-Version: 1.0
Content-Disposition: attachment; filename=one.txt

one
From bob Mon Jan  1 00:00:00 2024
From here to there

From ship Mon Jan 1 00:00 2024
MIME-Version: 1.0
Content-Disposition: attachment; filename=two.txt

two

From - Fri Jun  9 23:17:56 2000
MIME-Version: 1.0
Content-Disposition: attachment; filename=three.txt

three

From "Joe Q. Public"@example.org Tue Dec  2 10:00:00 PST 2025 remote from x
MIME-Version: 1.0
Content-Disposition: attachment; filename=four.txt

four
EOM
  run mail_list box.mbox
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '1:1\tone.txt\n2:1\ttwo.txt\n3:1\tthree.txt\n4:1\tfour.txt')" ]
  mkdir out
  run mail_extract out box.mbox
  [ "$status" -eq 0 ]
  [ "$(cat out/one.txt)" = "$(printf 'one\nFrom bob Mon Jan  1 00:00:00 2024\nFrom here to there')" ] || {
    cat -A out/one.txt; false; }
  [ "$(cat out/two.txt)" = two ]
  [ "$(cat out/four.txt)" = four ]
}

# att_msg FILE NAME BODY: a one-part message whose attachment NAME holds
# BODY.
att_msg() {
  printf 'Subject: %s\nContent-Disposition: attachment; filename=%s\n\n%s\n' \
    "$2" "$2" "$3" > "$1"
}

@test "several operands: read in order as one mailbox, numbered on, '-' is stdin" {
  att_msg m1 a.txt one
  att_msg m2 b.txt two
  att_msg m3 a.txt three
  printf '%s\n' 'From x Mon Jan  1 00:00:00 2024' \
    'Content-Disposition: attachment; filename=c.txt' '' c '' \
    'From y Mon Jan  1 00:00:00 2024' \
    'Content-Disposition: attachment; filename=d.txt' '' d > box
  run mail_list m1 box - m3 < m2
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '1:1\ta.txt\n2:1\tc.txt\n3:1\td.txt\n4:1\tb.txt\n5:1\ta-2.txt')" ]
  mkdir out
  run mail_extract out m1 box - m3 < m2
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'out/%s\n' a.txt c.txt d.txt b.txt a-2.txt)" ]
  [ "$(cat out/a.txt)" = one ] && [ "$(cat out/a-2.txt)" = three ]
  [ "$(cat out/b.txt)" = two ]
}

@test "several operands: one that cannot be read is reported, the others are read, exit 1" {
  att_msg m1 a.txt one
  run mail_list missing m1
  [ "$status" -eq 1 ]
  [ "$(cut -f1,7 <<< "$output")" = "$(printf '1:1\ta.txt')" ]
  grep -q "missing: No such file or directory" stderr
  # A diagnostic with a line names the operand.
  printf 'MIME-Version: 1.0\nContent-Disposition: attachment; filename=x\nContent-Transfer-Encoding: base64\n\nYW*J\n' > bad.eml
  run mail_list m1 bad.eml
  [ "$status" -eq 2 ]
  grep -q "bad.eml: part 2:1: invalid base64 at line 5, column 3" stderr || { cat stderr; false; }
  # -o must not be one of them.
  cp m1 m2
  run "$BASE64" --list m1 m2 -o m2
  [ "$status" -eq 1 ]
  cmp m1 m2
}

@test "maildir: cur/ then new/, each by name; tmp/, dot files and links are not read" {
  mkdir -p md/cur md/new md/tmp
  att_msg md/cur/2:2,S b.txt b
  att_msg md/cur/10:2,S a.txt a
  att_msg md/new/1 c.txt c
  att_msg md/tmp/0 never.txt x
  att_msg md/cur/.hidden never2.txt x
  att_msg secret.eml secret.txt x
  ln -s ../../secret.eml md/cur/3
  mkfifo md/new/fifo
  run mail_list md
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '1:1\ta.txt\n2:1\tb.txt\n3:1\tc.txt')" ]
  # With other operands, numbered on.
  att_msg m d.txt d
  run mail_list m md
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" = "$(printf '1:1\td.txt\n2:1\ta.txt\n3:1\tb.txt\n4:1\tc.txt')" ]
  # A directory that is no maildir is an error.
  mkdir plain
  run mail_list plain
  [ "$status" -eq 1 ]
  grep -q "plain: Is a directory" stderr
}

# uu_file DATA NAME [blanks]: a uuencoded block (begin 644 NAME ... end)
# of file DATA, by Python's binascii (a space, not '`', for zero with
# "blanks", and then trailing blanks stripped, as mail relays do).
uu_file() {
  python3 - "$1" "$2" "${3:-}" <<'EOP'
import binascii, sys
data = open(sys.argv[1], "rb").read()
blanks = sys.argv[3] == "blanks"
out = ["begin 644 " + sys.argv[2]]
for i in range(0, len(data), 45):
    line = binascii.b2a_uu(data[i:i + 45], backtick=not blanks).decode()
    out.append(line.rstrip("\n").rstrip(" ") if blanks else line.rstrip("\n"))
out += ["" if blanks else "`", "end"]
print("\n".join(out))
EOP
}

@test "uuencode: blocks in a plain message's text are attachments, bytes exact" {
  needs python3 "write the uuencoded blocks" python3
  head -c 4000 /dev/urandom > one.bin
  printf 'hello\n' > two.txt
  {
    printf 'From: a@example.org\nSubject: files\n\nHere they are:\n\n'
    uu_file one.bin 'one file.bin'
    printf '\nand the other:\n'
    printf 'begin-base64 600 two.txt\n%s\n====\nbye\n' "$(base64 -w 60 two.txt)"
  } > plain.eml
  run mail_list plain.eml
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf '1/1\tapplication/octet-stream\tx-uuencode\t4000\tok\tone file.bin\tone file.bin\n1/2\tapplication/octet-stream\tx-uuencode-base64\t6\tok\ttwo.txt\ttwo.txt\n1\ttext/plain\t7bit\t%s\tok\t-\t-' "$(sed 1,3d plain.eml | wc -c)")" ]
  mkdir out
  run mail_extract out plain.eml
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'out/one file.bin\nout/two.txt')" ]
  cmp out/'one file.bin' one.bin
  cmp out/two.txt two.txt
  # The same from a text/plain part of a multipart, CRLF line ends.
  { printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\n'
    sed 1,3d plain.eml; printf -- '--b--\n'; } | sed 's/$/\r/' > mixed.eml
  rm -r out && mkdir out
  run mail_extract out mixed.eml
  [ "$status" -eq 0 ]
  cmp out/'one file.bin' one.bin
  cmp out/two.txt two.txt
}

@test "uuencode: trailing blanks stripped in transit (lines of zero bytes become 'M') decode the same" {
  needs python3 "write the uuencoded blocks" python3
  # Zero bytes make lines of blanks: 45 of them, "M" and 60 blanks.
  { head -c 3000 /dev/urandom; head -c 90 /dev/zero; head -c 100 /dev/urandom; } > data.bin
  { printf 'Subject: x\n\n'; uu_file data.bin data.bin blanks; } > msg.eml
  grep -qx 'M' msg.eml
  ! grep -q ' $' msg.eml
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  cmp out/data.bin data.bin
}

@test "uuencode: an x-uuencode part is decoded, named by its MIME name before the begin line's" {
  needs python3 "write the uuencoded blocks" python3
  head -c 1000 /dev/urandom > data.bin
  for enc in x-uuencode uuencode x-uue; do
    { printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\ntext\n--b\n'
      printf 'Content-Type: application/octet-stream; name="mime.bin"\n'
      printf 'Content-Transfer-Encoding: %s\n\n' "$enc"
      uu_file data.bin begin.bin; printf -- '--b--\n'; } > msg.eml
    run mail_list msg.eml
    [ "$status" -eq 0 ]
    [ "${lines[1]}" = "$(printf '2\tapplication/octet-stream\t%s\t1000\tok\tmime.bin\tmime.bin' "$enc")" ]
    rm -rf out && mkdir out
    run mail_extract out msg.eml
    [ "$status" -eq 0 ]
    cmp out/mime.bin data.bin
  done
  # Without a MIME name, the begin line names it.
  sed -i 's/; name="mime.bin"//' msg.eml
  run mail_list msg.eml
  [ "$(echo "${lines[1]}" | cut -f6,7)" = "$(printf 'begin.bin\tbegin.bin')" ]
}

@test "uuencode: a damaged line is damaged (exit 2), refused by --strict; a block without end is damaged" {
  printf 'Subject: x\n\nbegin 644 a.bin\n#86)C\n#8\001)C\n`\nend\nbegin 644 b.bin\n#86)C\n' > msg.eml
  run mail_list msg.eml
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,5,7)" = "$(printf '1/1\tdamaged\ta.bin\n1/2\tdamaged\tb.bin\n1\tok\t-')" ]
  grep -q "part 1/1: invalid uuencoded line at line 5, column 3" stderr
  grep -q "part 1/2: uuencoded block without its end line at line 9, column 1" stderr
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 2 ]
  [ "$(od -An -tx1 out/a.bin | tr -d ' ')" = 616263600263 ]
  mkdir strict
  run mail_extract strict --strict msg.eml
  [ "$status" -eq 1 ]
  [ -z "$(ls strict)" ]
}

@test "uuencode: the bytes equal sharutils' uudecode on the same block" {
  needs python3 "write the uuencoded blocks" python3
  needs uudecode "decode beside us" sharutils
  head -c 10000 /dev/urandom > data.bin
  { printf 'Subject: x\n\n'; uu_file data.bin out.bin; } > msg.eml
  mkdir out theirs
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  (cd theirs && sed 1,2d ../msg.eml | uudecode)
  cmp out/out.bin theirs/out.bin
}

# tnef_msg TNEF: msg.eml, a text part and TNEF (base64) as winmail.dat.
tnef_msg() {
  { printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n'
    printf -- '--b\n\nSee the attachment.\n--b\n'
    printf 'Content-Type: application/ms-tnef; name="winmail.dat"\n'
    printf 'Content-Disposition: attachment; filename="winmail.dat"\n'
    printf 'Content-Transfer-Encoding: base64\n\n'
    base64 "$1"; printf -- '--b--\n'; } > msg.eml
}

make_tnef() {
  python3 "$BATS_TEST_DIRNAME/make-tnef.py" "$@"
}

# same_as_tnef W.DAT: msg.eml carrying W.DAT extracts (exit 0) into ours/
# the files, names and bytes the tnef tool extracts from W.DAT (theirs/).
same_as_tnef() {
  tnef_msg "$1"
  mkdir ours theirs
  run mail_extract ours msg.eml
  [ "$status" -eq 0 ]
  tnef -C theirs "$1"
  diff -r theirs ours
}

@test "TNEF: the files inside winmail.dat, long names, exact bytes; the container is not written" {
  needs python3 "write TNEF streams" python3
  head -c 5000 /dev/urandom > a.bin
  printf 'notes\n' > b.txt
  : > empty
  head -c 3000 /dev/urandom > d.bin
  printf 'other notes\n' > e.txt
  make_tnef w.dat 'RESUME~1.PDF|Résumé 2024.pdf|a.bin|' 'notes.txt||b.txt|' \
    'EMPTY.TXT||empty|a' '|object.doc|d.bin|o' 'notes.txt||e.txt|' \
    'EMBED.MSG||-|'
  tnef_msg w.dat
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1-5,7)" = "$(printf '%s\n' \
    $'1\ttext/plain\t7bit\t19\tok\t-' \
    $'2/1\tapplication/octet-stream\ttnef\t5000\tok\tRésumé 2024.pdf' \
    $'2/2\tapplication/octet-stream\ttnef\t6\tok\tnotes.txt' \
    $'2/3\tapplication/octet-stream\ttnef\t0\tok\tEMPTY.TXT' \
    $'2/4\tapplication/octet-stream\ttnef\t3016\tok\tobject.doc' \
    $'2/5\tapplication/octet-stream\ttnef\t12\tok\tnotes-2.txt' \
    $'2\tapplication/ms-tnef\tbase64\t'"$(wc -c < w.dat)"$'\tok\t-')" ]
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  cmp out/'Résumé 2024.pdf' a.bin
  cmp out/notes.txt b.txt
  cmp out/EMPTY.TXT empty
  # (An object's bytes keep the GUID they start with, as tnef keeps it.)
  [ "$(wc -c < out/object.doc)" -eq 3016 ]
  cmp -i 16:0 out/object.doc d.bin
  cmp out/notes-2.txt e.txt
  [ "$(ls out | wc -l)" -eq 5 ]
}

@test "TNEF: a file without a name is part-PATH.bin, the '/' of its path as '_'" {
  needs python3 "write TNEF streams" python3
  printf 'x\n' > x
  make_tnef w.dat '||x|'
  tnef_msg w.dat
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = out/part-2_1.bin ]
  cmp out/part-2_1.bin x
}

@test "TNEF: a bad checksum damages its file (exit 2, refused by --strict)" {
  needs python3 "write TNEF streams" python3
  printf 'one\n' > one; printf 'two\n' > two
  make_tnef w.dat 'ONE.TXT||one|c' 'TWO.TXT||two|'
  tnef_msg w.dat
  run mail_list msg.eml
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,5,7)" = "$(printf '1\tok\t-\n2/1\tdamaged\tONE.TXT\n2/2\tok\tTWO.TXT\n2\tok\t-')" ]
  grep -q "part 2/1: invalid TNEF stream" stderr
  mkdir out
  run mail_extract out --strict msg.eml
  [ "$status" -eq 1 ]
  [ "$(ls out)" = TWO.TXT ]
}

@test "TNEF: a stream that does not parse is written as the part itself, damaged" {
  needs python3 "write TNEF streams" python3
  printf 'one\n' > one; printf 'two\n' > two
  make_tnef bad.dat --bad-signature 'ONE.TXT||one|'
  tnef_msg bad.dat
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 2 ]
  [ "$output" = out/winmail.dat ]
  cmp out/winmail.dat bad.dat
  # Cut short inside the second file: the first stands, the second and
  # the stream are damaged, the stream is written too.
  make_tnef w.dat 'ONE.TXT||one|' 'TWO.TXT||two|'
  make_tnef cut.dat --cut "$(($(wc -c < w.dat) - 4))" 'ONE.TXT||one|' 'TWO.TXT||two|'
  tnef_msg cut.dat
  run mail_list msg.eml
  [ "$status" -eq 2 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,5,7)" = "$(printf '1\tok\t-\n2/1\tok\tONE.TXT\n2/2\tdamaged\tTWO.TXT\n2\tdamaged\twinmail.dat')" ]
}

@test "TNEF: the same files and bytes as the tnef tool extracts" {
  needs python3 "write TNEF streams" python3
  needs tnef "extract beside us" tnef
  head -c 20000 /dev/urandom > a.bin
  head -c 700 /dev/urandom > b.bin
  make_tnef w.dat 'A.BIN|long name a.bin|a.bin|' 'B.BIN||b.bin|a' '|obj.bin|b.bin|o'
  same_as_tnef w.dat
}

@test "TNEF: an embedded message is its object's bytes, not the stand-in text in attAttachData (as the tnef tool)" {
  needs python3 "write TNEF streams" python3
  needs tnef "extract beside us" tnef
  head -c 6000 /dev/urandom > msg.bin
  make_tnef w.dat 'EMBED~1.MSG|Embedded.msg|msg.bin|m' 'B.BIN||msg.bin|'
  same_as_tnef w.dat
  # The object: its interface's GUID, then the message's bytes.
  [ "$(tail -c +17 ours/Embedded.msg | cmp - msg.bin && echo same)" = same ]
  ! grep -q 'MAPI 1.0 embedded message' ours/Embedded.msg
  # A stand-in longer than the 64 KiB held back is the file's data.
  head -c 70000 /dev/urandom > big.bin
  STANDIN=big.bin make_tnef w.dat 'EMBED~1.MSG|Embedded.msg|msg.bin|m'
  tnef_msg w.dat
  rm -r ours && mkdir ours
  run mail_extract ours msg.eml
  [ "$status" -eq 0 ]
  cmp ours/Embedded.msg big.bin
}

# smime_setup: a throwaway key and certificate (k.pem, c.pem) and
# inner.eml, a message with a text and an attachment pic.png (pic.bin).
smime_setup() {
  needs openssl "sign and encrypt" openssl
  needs python3 "write the inner message" python3
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -keyout k.pem -out c.pem -subj /CN=sextet-test -days 1 2>/dev/null
  head -c 3000 /dev/urandom > pic.bin
  python3 - <<'EOP'
from email.message import EmailMessage
m = EmailMessage()
m["Subject"] = "inner"
m.set_content("inner text\n")
m.add_attachment(open("pic.bin", "rb").read(), maintype="image",
                 subtype="png", filename="pic.png")
open("inner.eml", "wb").write(bytes(m))
EOP
}

@test "S/MIME: opaque signed data is unwrapped, its parts listed and extracted, the signature not verified (said once)" {
  smime_setup
  openssl smime -sign -nodetach -in inner.eml -signer c.pem -inkey k.pem \
    -out signed.eml
  grep -q 'application/x-pkcs7-mime; smime-type=signed-data' signed.eml
  run mail_list signed.eml
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1,2,4,7)" = "$(printf '1/1\ttext/plain\t12\t-\n1/2\timage/png\t3000\tpic.png\n1\tapplication/x-pkcs7-mime\t%s\t-' "$(sed '1,/^$/d' signed.eml | base64 -d | wc -c)")" ]
  [ "$(grep -c 'part 1: S/MIME signed data unwrapped; its signature was not verified' stderr)" -eq 1 ]
  [ "$(wc -l < stderr)" -eq 1 ]
  mkdir out
  run mail_extract out signed.eml
  [ "$status" -eq 0 ]
  [ "$output" = out/pic.png ]
  cmp out/pic.png pic.bin
}

@test "S/MIME: BER (openssl cms -stream) inside a forwarded message; enveloped data stays a file" {
  smime_setup
  openssl cms -sign -nodetach -binary -stream -in inner.eml -signer c.pem \
    -inkey k.pem -outform DER -out s.der
  # (Indefinite lengths: 0x80 after the first tag.)
  [ "$(od -An -tx1 -N2 s.der | tr -d ' ')" = 3080 ]
  { printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n'
    printf 'Content-Type: message/rfc822\n\nMIME-Version: 1.0\n'
    printf 'Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\n'
    printf 'Content-Transfer-Encoding: base64\n\n'; base64 s.der; printf -- '--b--\n'; } > fwd.eml
  mkdir out
  run mail_extract out fwd.eml
  [ "$status" -eq 0 ]
  [ "$output" = out/pic.png ]
  cmp out/pic.png pic.bin
  run mail_list fwd.eml
  [ "$(printf '%s\n' "${lines[@]}" | cut -f1)" = "$(printf '1.1/1\n1.1/2\n1.1')" ]
  # Encrypted: written as smime.p7m, nothing said about signatures.
  openssl cms -encrypt -in inner.eml -out enc.eml c.pem
  grep -q 'smime-type=enveloped-data' enc.eml
  mkdir enc
  run mail_extract enc enc.eml
  [ "$status" -eq 0 ]
  [ "$output" = enc/smime.p7m ]
  [ ! -s stderr ]
}

@test "S/MIME: signed data cut short is written as it is, damaged; what came before it stands" {
  smime_setup
  openssl cms -sign -nodetach -binary -in inner.eml -signer c.pem \
    -inkey k.pem -outform DER -out s.der
  head -c 600 s.der > cut.der
  { printf 'MIME-Version: 1.0\nContent-Type: application/pkcs7-mime; name=smime.p7m\n'
    printf 'Content-Transfer-Encoding: base64\n\n'; base64 cut.der; } > cut.eml
  mkdir out
  run mail_extract out cut.eml
  [ "$status" -eq 2 ]
  [ "$(tail -1 <<< "$output")" = out/smime.p7m ]
  cmp out/smime.p7m cut.der
  grep -q "part 1: invalid S/MIME data" stderr
}

@test "attachments: inline parts with a filename inside alternative/related count, as does a name= alone" {
  printf '%s\n' 'MIME-Version: 1.0' 'Content-Type: multipart/mixed; boundary=a' '' \
    '--a' 'Content-Type: multipart/alternative; boundary=b' '' \
    '--b' 'Content-Type: text/plain' '' 'hi' \
    '--b' 'Content-Type: multipart/related; boundary=c' '' \
    '--c' 'Content-Type: text/html' '' '<img src="cid:x">' \
    '--c' 'Content-Type: image/png' 'Content-Disposition: inline; filename=pic.png' \
    'Content-Transfer-Encoding: base64' '' 'aGk=' '--c--' \
    '--b' 'Content-Type: application/pdf' 'Content-Disposition: inline; filename="apple.pdf"' \
    'Content-Transfer-Encoding: base64' '' 'aGk=' '--b--' \
    '--a' 'Content-Type: application/pdf; name=only-ct.pdf' 'Content-Transfer-Encoding: base64' '' 'aGk=' \
    '--a--' > msg.eml
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'out/%s\n' pic.png apple.pdf only-ct.pdf)" ]
}

@test "binary transfer encoding keeps NUL bytes and CR LF exactly" {
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n' > msg.eml
  printf 'Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=bin.dat\n' >> msg.eml
  printf 'Content-Transfer-Encoding: binary\n\n' >> msg.eml
  printf 'a\0b\r\nc\rd\r\n\r\n\0' > want
  cat want >> msg.eml
  printf '\r\n--b--\r\n' >> msg.eml
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  cmp out/bin.dat want
}

@test "CRLF and LF messages give the same listing and files" {
  msg_with_attachment 'filename="hello.txt"'
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  lf=$output
  crlf msg.eml
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "$lf" ]
  mkdir out
  run mail_extract out msg.eml
  [ "$status" -eq 0 ]
  [ "$(cat out/hello.txt)" = "Hello world" ]
}

@test "non-MIME: a plain message is listed as part 1, exit 1" {
  printf 'Subject: hello\n\nplain body\n' > plain.eml
  run mail_list plain.eml
  [ "$status" -eq 1 ]
  [ "$output" = "$(printf '1\ttext/plain\t7bit\t11\tok\t-\t-')" ]
  grep -q "no MIME structure" stderr
}

@test "non-MIME: a file that is not a message is an error" {
  printf 'hello world\nthis is not mail\n' > text.txt
  run mail_list text.txt
  [ "$status" -eq 1 ]
  [ -z "$output" ]
  grep -q "not a mail message" stderr
}

@test "extract: -z ends each path with NUL" {
  msg_with_attachment 'filename="a b.txt"'
  mkdir out
  mail_extract out -z msg.eml > paths
  [ "$(od -An -c paths | tr -s ' ')" = " o u t / a b . t x t \\0" ]
}

@test "extract: a missing DIR is an error" {
  msg_with_attachment 'filename="x.txt"'
  run mail_extract nosuchdir msg.eml
  [ "$status" -eq 1 ]
}

@test "extract: files get mode 0666 less umask" {
  msg_with_attachment 'filename="m.txt"'
  mkdir out
  (umask 027 && mail_extract out msg.eml > /dev/null)
  [ "$(stat -c %a out/m.txt)" = 640 ]
}

@test "decode-header: words decoded, joined, folded lines unfolded" {
  printf 'Subject: =?utf-8?Q?caf=C3=A9?=\n =?utf-8?B?IOKCrA==?= tail\nTo: plain\n' > h.txt
  run mail_decode_header h.txt
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'Subject: café € tail\nTo: plain')" ]
}

@test "decode-header: CRLF kept, a blank line ends folding, glued words stay" {
  printf 'A: =?utf-8?q?x?=\r\n\r\n =?utf-8?q?y?=\r\nB: abc=?utf-8?q?z?=\r\n' > h.txt
  run mail_decode_header h.txt
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'A: x\r\n\r\n y\r\nB: abc=?utf-8?q?z?=\r')" ]
}

@test "decode-header: a bad word is kept and reported with line and column, exit 1" {
  printf 'X: ok\nSubject: a =?utf-8?B?a*b?=\n' > h.txt
  run mail_decode_header h.txt
  [ "$status" -eq 1 ]
  grep -q "line 2, column 12: invalid base64 in encoded-word" stderr
  [ "$output" = "$(printf 'X: ok\nSubject: a =?utf-8?B?a*b?=')" ]
  run mail_decode_header --lenient h.txt
  [ "$status" -eq 0 ]
}

# faulty RULES CMD...: run CMD with the fault shim (tests/faults) on its
# standard input and output.
faulty() {
  local rules=$1
  shift
  SEXTET_FAULTS=$rules LD_PRELOAD=$FAULTSHIM \
    ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
    "$@"
}

needs_shim() {
  if [[ -z ${FAULTSHIM:-} || ! -f $FAULTSHIM ]]; then
    skip "the fault shim is not built (FAULTSHIM)"
  fi
}

@test "faults: short, interrupted and EAGAIN reads and writes change nothing" {
  needs_shim
  msg_with_attachment 'filename="hello.txt"'
  mail_list msg.eml > want
  rules="read:short,read:eintr,read:eagain,write:short,write:eintr,write:eagain"
  faulty "$rules" "$BASE64" --list < msg.eml > got
  cmp want got
  mkdir out
  faulty "$rules" "$BASE64" --extract=out < msg.eml > paths
  [ "$(cat paths)" = out/hello.txt ]
  [ "$(cat out/hello.txt)" = "Hello world" ]
}

@test "faults: a read error inside a part leaves no file, exit 1" {
  needs_shim
  msg_with_attachment 'filename="hello.txt"' "$(head -c 30000 /dev/zero | base64 -w 76)"
  mkdir out
  run faulty read:eio@20000 "$BASE64" --extract=out < msg.eml
  [ "$status" -eq 1 ]
  [ -z "$(ls -A out)" ]
}

@test "faults: a write error on the listing: exit 1" {
  needs_shim
  msg_with_attachment 'filename="hello.txt"'
  run faulty write:enospc@10 "$BASE64" --list < msg.eml
  [ "$status" -eq 1 ]
}

@test "memory: a 120 MB attachment streams through in bounded memory" {
  if grep -aqE '__(asan|tsan|msan)_init' "$BASE64" 2>/dev/null; then
    skip "sanitizer build: ulimit -v cannot bound its memory"
  fi
  if [[ -n ${SEXTET_EMULATOR:-} ]]; then
    skip "run by $SEXTET_EMULATOR: ulimit -v cannot bound its memory"
  fi
  mkdir out
  {
    printf 'MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n'
    printf 'Content-Disposition: attachment; filename=zero.bin\r\n'
    printf 'Content-Transfer-Encoding: base64\r\n\r\n'
    head -c 120000000 /dev/zero | base64 -w 76 | sed 's/$/\r/'
  } | (ulimit -v 100000 && exec "$BASE64" --extract=out) > paths
  [ "$(cat paths)" = out/zero.bin ]
  [ "$(stat -c %s out/zero.bin)" -eq 120000000 ]
  [ -z "$(tr -d '\0' < out/zero.bin | head -c 1)" ]
}

@test "a Content-Type whose ';' before boundary= is missing still gives its parts (as munpack and uudeview read it)" {
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed\n\tboundary="b"\n\n--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment filename=dot.png\n\niVBORw0KGgo=\n--b--\n' > msg.eml
  run mail_list msg.eml
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf '1\timage/png\tbase64\t8\tok\tdot.png\tdot.png')" ]
}
