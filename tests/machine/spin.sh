#!/bin/sh
# spin.sh - model-check the decoders' tables with SPIN: base64's
# (src/codec/machine.c, properties in tests/machine/props.pml) and base32's
# and base16's (src/codec/bx_machine.c, tests/machine/props_bx.pml).
# gen_machine writes each as PROMELA, and each property is verified on its
# own.  Then every planted bug (gen_machine pml --plant-bug N, pml-bx
# --plant-bug N) must make its property fail, so that the check cannot
# pass vacuously.  TAP output; skipped when spin is missing.
#
# pan exits 0 even when it finds a violation: a property holds only when
# pan says "errors: 0" and wrote no .trail file.
#
# Environment: SPIN (default: spin on PATH), PAN_CC (default: cc), PAN_CFLAGS
# (default: -O0: the models are small, compiling pan takes the time),
# GEN_MACHINE (default: tests/machine/gen_machine in the build directory),
# srcdir (for the .pml files).

: "${srcdir:=.}"
: "${SPIN=spin}"
: "${PAN_CC:=cc}"
: "${PAN_CFLAGS:=-O0}"
: "${GEN_MACHINE:=tests/machine/gen_machine}"
properties="CELLS EOF LENIENT STRICT GNU"
bx_properties="BX_CELLS BX_GNU BX_STRICT BX_LENIENT"
# The property each planted bug breaks (gen_machine.c's planted[] and
# bx_planted[]).
bugs="0:GNU 1:STRICT 2:LENIENT 3:EOF 4:CELLS 5:CELLS"
bx_bugs="0:BX_GNU 1:BX_GNU 2:BX_STRICT 3:BX_LENIENT 4:BX_CELLS 5:BX_CELLS
6:BX_STRICT 7:BX_CELLS"

if [ -z "$SPIN" ] || ! command -v "$SPIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP spin not installed"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sextet-spin.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$srcdir/tests/machine/props.pml" "$srcdir/tests/machine/props_bx.pml" \
    "$tmp/" || exit 1

# verify PROP: run one property (PROP_BX_*: props_bx.pml over
# $tmp/machine_bx.pml; the others: props.pml over $tmp/machine.pml); 0 if
# it holds.  Leaves pan's report in $tmp/pan.out.
verify() {
	(
		cd "$tmp" || exit 2
		rm -f pan pan.* ./*.trail
		case $1 in
		BX_*) props=props_bx.pml ;;
		*) props=props.pml ;;
		esac
		"$SPIN" -DPROP_"$1" -a "$props" >spin.out 2>&1 || {
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
count=$(( $(echo $properties $bx_properties | wc -w) +
    $(echo $bugs $bx_bugs | wc -w) ))
echo "1..$count"

if ! "$GEN_MACHINE" pml >"$tmp/machine.pml" ||
    ! "$GEN_MACHINE" pml-bx >"$tmp/machine_bx.pml"; then
	echo "Bail out! gen_machine failed"
	exit 1
fi
for p in $properties $bx_properties; do
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

for b in $bugs $bx_bugs; do
	n=$((n + 1))
	bug=${b%%:*}
	p=${b#*:}
	case $p in
	BX_*) gen=pml-bx model=machine_bx.pml ;;
	*) gen=pml model=machine.pml ;;
	esac
	if ! "$GEN_MACHINE" $gen --plant-bug "$bug" >"$tmp/$model"; then
		echo "not ok $n - gen_machine $gen --plant-bug $bug failed"
		continue
	fi
	what=$(sed -n 's/^\/\* PLANTED BUG: \(.*\) \*\/$/\1/p' \
	    "$tmp/$model")
	verify "$p"
	case $? in
	1) echo "ok $n - planted bug $bug ($what) caught by PROP_$p" ;;
	*) echo "not ok $n - planted bug $bug ($what) not caught by PROP_$p" ;;
	esac
done
