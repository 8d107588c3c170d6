#!/usr/bin/env bats
# Public sample messages from other projects' test suites, extracted by us
# and by the tools users run today, byte for byte: tnef for TNEF, uudeview
# for uuencoded files, openssl for S/MIME signed data.  The samples are
# not in this tree (their licences are their projects'): SEXTET_CORPORA
# names a directory holding them (its mail2/ as laid out by its README);
# without one every test skips.

load helpers

setup() {
  mail_setup || return 1
  C=${SEXTET_CORPORA:-}
  if [[ -z $C || ! -d $C/mail2/real ]]; then
    skip "no public sample corpus (SEXTET_CORPORA)"
  fi
  C=$C/mail2
}

# hashes DIR: the sha256 of each regular file under DIR, sorted.
hashes() {
  find "$1" -type f -exec sha256sum {} + | cut -d' ' -f1 | sort
}

# text_hashes DIR: the same with CR LF (and a lone CR) read as LF
# (Python's email package gives a text part's lines with LF, whatever the
# message has).
text_hashes() {
  python3 - "$1" <<'EOP'
import hashlib, os, sys
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        b = open(os.path.join(d, f), "rb").read().replace(b"\r\n", b"\n")
        b = b.replace(b"\r", b"\n")
        print(hashlib.sha256(b).hexdigest())
EOP
}

# covered WANT HAVE: every hash of WANT (a file of hashes) is in HAVE.
covered() {
  local missing
  missing=$(comm -23 <(sort -u "$1") <(sort -u "$2"))
  if [[ -n $missing ]]; then
    echo "not extracted by us: $missing" >&2
    return 1
  fi
}

# tnef_of MSG OUT: the TNEF stream of MSG (its application/ms-tnef part,
# or the part named winmail.dat), as Python's email package decodes it.
tnef_of() {
  python3 - "$1" "$2" <<'EOP'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.compat32)
for p in m.walk():
    if p.get_content_type() in ("application/ms-tnef",
                                "application/vnd.ms-tnef") or \
            (p.get_filename() or "").lower() == "winmail.dat":
        open(sys.argv[2], "wb").write(p.get_payload(decode=True))
        sys.exit(0)
sys.exit(1)
EOP
}

@test "corpus TNEF: every file tnef extracts from winmail.dat, ours extracts with the same name and bytes" {
  needs tnef "extract beside us" tnef
  needs python3 "take the TNEF part out" python3
  local m n=0 f
  for m in "$C"/payload/tnef/*.eml "$C"/real/mimekit/tnef-*.eml; do
    [[ -f $m ]] || continue
    rm -rf ours theirs && mkdir ours theirs
    run mail_extract ours "$m"
    [ "$status" -eq 0 ]
    tnef_of "$m" w.dat
    # (Without --overwrite tnef keeps the first of two same-named files,
    # and complains of the second: ours names it NAME-2.)
    tnef -C theirs w.dat 2>/dev/null || true
    for f in theirs/*; do
      [[ -e $f ]] || continue
      cmp "$f" "ours/${f#theirs/}"
    done
    n=$((n + 1))
  done
  ((n >= 8))
}

@test "corpus uuencode: every uuencoded file uudeview decodes, ours decodes to the same bytes" {
  needs uudeview "decode beside us" uudeview
  local m n=0
  for m in "$C"/real/mail-parser/0{17,26,48,49}.eml "$C"/real/mailparse/*.txt \
    "$C"/real/mime-tools/uu-*.mbox "$C"/real/mime-tools/uu-zeegee.msg; do
    [[ -f $m ]] || continue
    rm -rf ours theirs && mkdir ours theirs
    run mail_extract ours "$m"
    [ "$status" -eq 0 ]
    uudeview -i -q -p theirs/ "$m" </dev/null >/dev/null 2>&1 || true
    # Only the files that uudeview took from uuencoded lines: those our
    # listing shows as x-uuencode (ours has more where uudeview misses a
    # block; uudeview also writes plain text parts, changing their line
    # ends).
    mail_list "$m" | awk -F'\t' '$3 ~ /^x-uuencode/ && $7 != "-" {print $7}' > names
    [ -s names ]
    (cd ours && xargs -d '\n' sha256sum < ../names) | cut -d' ' -f1 | sort > ours.h
    hashes theirs > theirs.h
    # Every uuencoded file of ours is one uudeview wrote, but where
    # uudeview misses a block (uu-junk): there ours has more.
    if [[ $m != *uu-junk.mbox ]]; then
      covered ours.h theirs.h
    fi
    n=$((n + 1))
  done
  ((n >= 8))
}

@test "corpus S/MIME: the content openssl unwraps from signed data is what ours extracts (--all)" {
  needs openssl "unwrap beside us" openssl
  needs python3 "split the unwrapped message" python3
  local m n=0
  for m in "$C"/real/thunderbird/alice.sig.SHA256.opaque.eml \
    "$C"/real/thunderbird/alice.html.sig.SHA256.opaque.eml; do
    [[ -f $m ]] || continue
    rm -rf ours inner && mkdir ours inner
    run mail_extract ours --all "$m"
    [ "$status" -eq 0 ]
    grep -q 'signature was not verified' stderr
    openssl smime -verify -noverify -in "$m" -out inner.eml 2>/dev/null
    python3 - inner.eml inner <<'EOP'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.compat32)
for k, p in enumerate(m.walk()):
    if not p.is_multipart():
        open("%s/%d" % (sys.argv[2], k), "wb").write(p.get_payload(decode=True))
EOP
    text_hashes inner > inner.h
    text_hashes ours > ours.h
    covered inner.h ours.h
    n=$((n + 1))
  done
  ((n >= 2))
  # Enveloped data stays the smime.p7m it is: the bytes munpack writes.
  needs munpack "extract beside us" mpack
  rm -rf ours theirs && mkdir ours theirs
  run mail_extract ours "$C"/real/thunderbird/alice.env.eml
  [ "$status" -eq 0 ]
  TMPDIR=$PWD munpack -q -f -C "$PWD/theirs" "$C"/real/thunderbird/alice.env.eml >/dev/null 2>&1
  cmp ours/smime.p7m theirs/smime.p7m
}
