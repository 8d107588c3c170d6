#!/usr/bin/env bash
# bigpipe.sh [BASE64] [SIZE] - stream SIZE bytes (default 5G; a number
# with an optional K, M or G suffix, powers of 1024) of random data through
# `base64 | base64 -d` in a pipe, under a virtual memory limit, and compare
# SHA-256 checksums of what went in and what came out.  The encoded stream
# between the two must be exactly as long as SIZE bytes encode to in
# 76-column lines: a program that copied its input unencoded would pass
# the round trip alone.  Exit 0 when both hold.
set -euo pipefail

b64=${1:-src/base64}
size=${2:-5G}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bytes=$(numfmt --from=iec "$size")
groups=$(((bytes + 2) / 3))
chars=$((groups * 4))
want_len=$((chars + (chars + 75) / 76))

mkfifo "$tmp/copy" "$tmp/enc"
sha256sum <"$tmp/copy" >"$tmp/in.sum" &
reader=$!
wc -c <"$tmp/enc" >"$tmp/enc.len" &
counter=$!
start=$SECONDS
head -c "$bytes" /dev/urandom | tee "$tmp/copy" |
	(ulimit -v 200000 && "$b64") | tee "$tmp/enc" |
	(ulimit -v 200000 && "$b64" -d) | sha256sum >"$tmp/out.sum"
wait "$reader"
wait "$counter"
in=$(cut -d ' ' -f 1 "$tmp/in.sum")
out=$(cut -d ' ' -f 1 "$tmp/out.sum")
enc_len=$(cat "$tmp/enc.len")
echo "bigpipe: $size in $((SECONDS - start)) s; in $in, out $out;" \
	"encoded $enc_len bytes (want $want_len)"
[ "$in" = "$out" ] && [ "$enc_len" = "$want_len" ]
