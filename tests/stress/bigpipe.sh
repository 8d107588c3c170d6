#!/usr/bin/env bash
# bigpipe.sh [BASE64] [SIZE] - stream SIZE bytes (default 5G) of random data
# through `base64 | base64 -d` in a pipe, under a virtual memory limit,
# and compare SHA-256 checksums of what went in and what came out.
# Exit 0 when they match.
set -euo pipefail

b64=${1:-src/base64}
size=${2:-5G}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkfifo "$tmp/copy"
sha256sum <"$tmp/copy" >"$tmp/in.sum" &
reader=$!
start=$SECONDS
head -c "$size" /dev/urandom | tee "$tmp/copy" |
	(ulimit -v 200000 && "$b64") | (ulimit -v 200000 && "$b64" -d) |
	sha256sum >"$tmp/out.sum"
wait "$reader"
in=$(cut -d ' ' -f 1 "$tmp/in.sum")
out=$(cut -d ' ' -f 1 "$tmp/out.sum")
echo "bigpipe: $size in $((SECONDS - start)) s; in $in, out $out"
[ "$in" = "$out" ]
