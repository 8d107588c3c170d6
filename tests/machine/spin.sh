#!/bin/sh
# spin.sh - model-check the decoder's table (src/codec/machine.c) with SPIN:
# gen_machine writes it as PROMELA, tests/machine/props.pml states the
# properties, and each one is verified on its own.  Then every planted bug
# (gen_machine pml --plant-bug N) must make its property fail, so that the
# check cannot pass vacuously.  TAP output; skipped when spin is missing.
#
# pan exits 0 even when it finds a violation: a property holds only when
# pan says "errors: 0" and wrote no .trail file.
#
# Environment: SPIN (default: spin on PATH), PAN_CC (default: cc), PAN_CFLAGS
# (default: -O0: the models are small, compiling pan takes the time),
# GEN_MACHINE (default: tests/machine/gen_machine in the build directory),
# srcdir (for props.pml).

: "${srcdir:=.}"
: "${SPIN=spin}"
: "${PAN_CC:=cc}"
: "${PAN_CFLAGS:=-O0}"
: "${GEN_MACHINE:=tests/machine/gen_machine}"
props="$srcdir/tests/machine/props.pml"
properties="CELLS EOF LENIENT STRICT GNU"
# The property each planted bug breaks (gen_machine.c's planted[]).
bugs="0:GNU 1:STRICT 2:LENIENT 3:EOF 4:CELLS 5:CELLS"

if [ -z "$SPIN" ] || ! command -v "$SPIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP spin not installed"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sextet-spin.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$props" "$tmp/props.pml" || exit 1

# verify PROP: run one property over $tmp/machine.pml; 0 if it holds.
# Leaves pan's report in $tmp/pan.out.
verify() {
	(
		cd "$tmp" || exit 2
		rm -f pan pan.* ./*.trail
		"$SPIN" -DPROP_"$1" -a props.pml >spin.out 2>&1 || {
			cat spin.out >&2
			exit 2
		}
		"$PAN_CC" $PAN_CFLAGS -DSAFETY -w -o pan pan.c >cc.out 2>&1 || {
			cat cc.out >&2
			exit 2
		}
		./pan >pan.out 2>&1
		grep -q 'errors: 0$' pan.out || exit 1
		for t in ./*.trail; do
			[ -e "$t" ] && exit 1
		done
		exit 0
	)
}

n=0
count=$(( $(echo $properties | wc -w) + $(echo $bugs | wc -w) ))
echo "1..$count"

if ! "$GEN_MACHINE" pml >"$tmp/machine.pml"; then
	echo "Bail out! gen_machine pml failed"
	exit 1
fi
for p in $properties; do
	n=$((n + 1))
	if verify "$p"; then
		echo "ok $n - PROP_$p holds"
	else
		echo "not ok $n - PROP_$p"
		sed 's/^/# /' "$tmp/pan.out"
	fi
	sed -n 's/^ *\([0-9e+.]* states, stored\).*/# \1/p;
	    s/^pan: elapsed time \(.*\)/# elapsed \1/p' "$tmp/pan.out"
done

for b in $bugs; do
	n=$((n + 1))
	bug=${b%%:*}
	p=${b#*:}
	if ! "$GEN_MACHINE" pml --plant-bug "$bug" >"$tmp/machine.pml"; then
		echo "not ok $n - gen_machine pml --plant-bug $bug failed"
		continue
	fi
	what=$(sed -n 's/^\/\* PLANTED BUG: \(.*\) \*\/$/\1/p' \
	    "$tmp/machine.pml")
	verify "$p"
	case $? in
	1) echo "ok $n - planted bug $bug ($what) caught by PROP_$p" ;;
	*) echo "not ok $n - planted bug $bug ($what) not caught by PROP_$p" ;;
	esac
done
