#!/bin/sh
# fuzz/replay.sh - replay seed corpora through the sanitizer builds that
# fuzz/run.sh makes, without autotools; TAP on standard output.
#
#   fuzz/replay.sh [TARGET...]
#
# For each TARGET (default: all), every file of $FUZZ_CORPUS_DIR/TARGET
# (default fuzz/corpus/TARGET) runs once through
# $FUZZ_BUILD_DIR/libfuzzer/fuzz_TARGET (built first with
# `fuzz/run.sh --build-only` when missing): one test point per file,
# "not ok" with the sanitizer's or the harness's message in the output as
# TAP comments.  Files named todo-* are known failures (TAP "# TODO"), as
# in replay.c.  Exit status 0 when nothing unexpected failed.
#
# `make check` uses the replay programs built from replay.c instead; this
# script adds AddressSanitizer and UndefinedBehaviorSanitizer to the same
# inputs.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
corpus=${FUZZ_CORPUS_DIR:-$here/corpus}
bin=${FUZZ_BUILD_DIR:-$here/build}/libfuzzer
targets=${*:-decode roundtrip split impls offlen cli mime qp ew mail base58 basex}

for t in $targets; do
	if [ ! -x "$bin/fuzz_$t" ]; then
		"$here/run.sh" --build-only >&2
		break
	fi
done

n=0
for t in $targets; do
	for f in "$corpus/$t"/*; do
		[ -f "$f" ] && n=$((n + 1))
	done
done
echo "1..$n"

k=0
failed=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for t in $targets; do
	for f in "$corpus/$t"/*; do
		[ -f "$f" ] || continue
		k=$((k + 1))
		todo=""
		case $(basename "$f") in todo-*) todo=" # TODO known failure" ;; esac
		if "$bin/fuzz_$t" "$f" >"$tmp" 2>&1; then
			echo "ok $k - $t/$(basename "$f")$todo"
		else
			echo "not ok $k - $t/$(basename "$f")$todo"
			grep -E 'check failed|while:|ERROR|SUMMARY' "$tmp" |
			    sed 's/^/# /' || true
			[ -n "$todo" ] || failed=1
		fi
	done
done
exit "$failed"
