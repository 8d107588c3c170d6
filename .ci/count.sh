# .ci/count.sh - sourced by .ci/run, .ci/cross and .ci/cpus.
#
# count LOG [LABEL [ALLOWED...]]: add the results of one `make check` (its
# test-suite.log, LOG) to the caller's $passed, $failed and $skips, print
# them (after LABEL, default LOG), and on failures the failing lines of
# the test logs beside it.
#
# CI installs everything the tests need, so a skipped test is a failure
# unless its reason matches one of the ALLOWED extended regular
# expressions, which the caller passes for what this machine, build or
# emulator cannot offer (an implementation the CPU lacks, a memory limit
# an emulator defeats).  Every skip is printed with its reason and what
# would run it, allowed or not (tests/skips.sh groups them).  A missing
# LOG, and one that counts no test at all, are one failure each.
# shellcheck shell=bash

skips=0
skips_sh=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/skips.sh

# The skips every native or emulated CPU may have: implementations not in
# this build or not on this CPU, and the optional loops an implementation
# has not: scalar's compact loop (tests/unit/test_compact) and the base16
# line loops of scalar and NEON (tests/unit/test_lines).
# shellcheck disable=SC2034 # for the scripts that source this one
cpu_skips=('not (available )?in this build or on this CPU'
	'not available here' 'no compact loop' 'no base16 line loops')

# test_impls --list prints the registry as "NAME yes|no" lines, in the
# order of src/codec/dispatch.c's list.  impls_available LIST: the names
# this CPU and build run, space-separated; impls_picked LIST: the one the
# dispatcher picks (the last of them).
impls_available() {
	awk '$2 == "yes" { printf "%s%s", sep, $1; sep = " " }' <<<"$1"
}

impls_picked() {
	awk '$2 == "yes" { p = $1 } END { print p }' <<<"$1"
}

count() {
	local f=$1 label=${2:-$1} dir p fl total n suites reason hint a
	local ok=0 bad=0 allowed
	shift
	if (($#)); then
		shift
	fi
	dir=$(dirname "$f")
	if [ ! -f "$f" ]; then
		echo "FAILED: no $f: the suite did not run"
		failed=$((failed + 1))
		return
	fi
	total=$(awk '/^# TOTAL:/ {print $3}' "$f")
	if [ "${total:-0}" -eq 0 ]; then
		echo "FAILED: $label: no test ran"
		failed=$((failed + 1))
		return
	fi
	p=$(awk '/^# PASS:/ {print $3}' "$f")
	fl=$(awk '/^# (FAIL|XPASS|ERROR):/ {s += $3} END {print s + 0}' "$f")
	while IFS=$'\t' read -r n suites reason hint; do
		allowed=0
		for a in "$@"; do
			if [[ $reason =~ $a ]]; then
				allowed=1
			fi
		done
		if [ "$allowed" = 1 ]; then
			ok=$((ok + n))
			printf '%s: skipped %s (%s): %s%s\n' "$label" "$n" \
				"$suites" "$reason" "${hint:+ ($hint)}"
		else
			bad=$((bad + n))
			printf 'FAILED: %s: skipped %s (%s): %s%s\n' "$label" "$n" \
				"$suites" "$reason" "${hint:+ ($hint)}"
		fi
	done < <(sh "$skips_sh" --tsv "$f")
	# (A skip CI must run is counted with the failures.)
	echo "$label: ${p:-0} passed, $((fl + bad)) failed, $ok skipped"
	passed=$((passed + ${p:-0}))
	failed=$((failed + fl + bad))
	skips=$((skips + ok))
	if [ "$fl" -ne 0 ]; then
		grep -hE '^(not ok|FAIL|ERROR)' "$dir"/tests/*/*.log \
			"$dir"/fuzz/*.log 2>/dev/null | head -50 || true
	fi
}
