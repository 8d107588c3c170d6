#!/bin/sh
# skips.sh [--tsv] [LOG] - what `make check` skipped, and why.
#
# Reads LOG (default test-suite.log), the summary the automake harness
# writes: each skipped test has a line "SKIP: SUITE N NAME # skip REASON"
# there (a TAP "# SKIP" directive; "SKIP: SUITE - REASON" when a whole
# suite skipped with a "1..0 # SKIP" plan).  Prints one line per REASON,
# the most frequent first:
#
#   skipped: 16 tests (tests/cli/locale.bats, ...): REASON (WHAT RUNS THEM)
#
# The tests' own messages end with what would run them (a package to
# install, a command); for the messages of tests that do not say, the
# table below adds it.  No skip: one line saying so.  A LOG that counts
# no test at all is an error (exit 1): the suite ran nothing.
#
# --tsv: instead, one line per REASON: COUNT, SUITES (space-separated),
# REASON and the hint added (or nothing), separated by tabs; no line when
# nothing was skipped (.ci/count.sh reads this).

tsv=0
if [ "${1-}" = --tsv ]; then
	tsv=1
	shift
fi
log=${1:-test-suite.log}
if [ ! -f "$log" ]; then
	echo "skips.sh: no $log: the tests did not run" >&2
	exit 1
fi
total=$(sed -n 's/^# TOTAL: *\([0-9]*\).*/\1/p' "$log")
if [ "${total:-0}" -eq 0 ]; then
	echo "skips.sh: $log counts no test: the suite ran nothing" >&2
	exit 1
fi

groups=$(awk '
	# Where the reason starts: after the last " # skip" (any case).
	function reason_of(line,    l, p, q, r) {
		l = tolower(line)
		p = 0
		while ((q = index(substr(l, p + 1), " # skip")) > 0)
			p += q
		if (p > 0) {
			r = substr(line, p + 7)
		} else if (index(line, " - ") > 0) {
			r = substr(line, index(line, " - ") + 3)
		} else {
			r = ""
		}
		sub(/^[ \t]+/, "", r)
		sub(/[ \t]+$/, "", r)
		return r == "" ? "(no reason given)" : r
	}
	# What would run the tests of a message that does not say it.
	function hint_of(r) {
		if (r ~ /\)$/) return ""
		if (r ~ /spin not installed/) return "apt-get install spin"
		if (r ~ /this build or on this CPU|not available here/)
			return "this CPU or build lacks it: nothing to install"
		if (r ~ /no compact loop|no base16 line loops/)
			return "the implementation has none: nothing to install"
		if (r ~ /SEXTET_IMPL forces/) return "unset SEXTET_IMPL"
		if (r ~ /sextet-specific/)
			return "the program under test is GNU base64"
		if (r ~ /needs GNU 9\.5/)
			return "the program under test is a GNU base64 before 9.5"
		if (r ~ /fault shim is not built/)
			return "make check builds tests/faults/faultshim.so"
		if (r ~ /iconv has no/)
			return "glibc'"'"'s gconv modules, package libc6"
		if (r ~ /setpriv/) return "apt-get install util-linux"
		if (r ~ /needs root/) return "run make check as root"
		if (r ~ /extended attributes/)
			return "python3 and a file system with user xattrs"
		if (r ~ /cannot mount|cannot make a device|read-only \/proc|cannot set fs\.protected/)
			return "not permitted in this container: nothing to install"
		return ""
	}
	/^SKIP: / && NF > 2 {
		r = reason_of($0)
		if (!(r in n)) {
			order[++k] = r
			suites[r] = ""
		}
		n[r]++
		if (index(" " suites[r] " ", " " $2 " ") == 0)
			suites[r] = suites[r] (suites[r] == "" ? "" : " ") $2
	}
	END {
		for (i = 1; i <= k; i++) {
			r = order[i]
			printf "%d\t%s\t%s\t%s\n", n[r], suites[r], r, hint_of(r)
		}
	}
' "$log" | sort -t "$(printf '\t')" -k1,1nr -s)

if [ "$tsv" = 1 ]; then
	[ -z "$groups" ] || printf '%s\n' "$groups"
	exit 0
fi
if [ -z "$groups" ]; then
	echo "skipped: none of the $total tests"
	exit 0
fi
printf '%s\n' "$groups" | awk -F '\t' '{
	s = $2
	gsub(/ /, ", ", s)
	printf "skipped: %d test%s (%s): %s%s\n", $1, $1 == 1 ? "" : "s", s,
	    $3, $4 == "" ? "" : " (" $4 ")"
}'
