# .ci/count.sh - sourced by .ci/run, .ci/cross and .ci/cpus.
#
# count LOG [LABEL]: add the results of one `make check` (its
# test-suite.log, LOG) to the caller's $passed and $failed, print them
# (after LABEL, default LOG), and on failures the failing lines of the
# test logs beside it.  A missing LOG counts as one failure.
# shellcheck shell=bash
count() {
	local f=$1 label=${2:-$1} dir p fl
	dir=$(dirname "$f")
	if [ ! -f "$f" ]; then
		echo "FAILED: no $f: the suite did not run"
		failed=$((failed + 1))
		return
	fi
	p=$(awk '/^# PASS:/ {print $3}' "$f")
	fl=$(awk '/^# (FAIL|XPASS|ERROR):/ {s += $3} END {print s + 0}' "$f")
	echo "$label: ${p:-0} passed, $fl failed"
	passed=$((passed + ${p:-0}))
	failed=$((failed + fl))
	if [ "$fl" -ne 0 ]; then
		grep -hE '^(not ok|FAIL|ERROR)' "$dir"/tests/*/*.log \
			"$dir"/fuzz/*.log 2>/dev/null | head -50 || true
	fi
}
