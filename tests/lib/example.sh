#!/bin/sh
# example.sh - the complete program in sextet(3)'s EXAMPLES section is
# src/examples/decode.c, line for line (TAP); and that program, built
# against this build's library, decodes and locates an error.
#
# The man page's copy is the literal display after the comment naming
# src/examples/decode.c, with roff's escapes taken back out (\e is a
# backslash, a leading \& protects a dot or quote).
#
# Environment: srcdir; LIBSEXTET_LA (the built src/libsextet.la), CC,
# CFLAGS and SEXTET_LIBS (what linking it statically needs besides) for
# the build; skipped, that part, when the build made no static library.

: "${srcdir:=.}"
: "${CC:=cc}"
man=$srcdir/man/sextet.3
src=$srcdir/src/examples/decode.c
tmp=${TMPDIR:-/tmp}/example.$$
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp" || exit 1
echo "1..4"

awk '
	/^\.\\" The program below is src\/examples\/decode\.c/ { found = 1; next }
	found == 1 && /^\.Bd -literal/ { found = 2; next }
	found == 2 && /^\.Ed/ { exit }
	found == 2 { print }
' "$man" | sed -e 's/^\\&//' -e 's/\\e/\\/g' >"$tmp/man.c"
if [ -s "$tmp/man.c" ] && cmp -s "$tmp/man.c" "$src"; then
	echo "ok 1 - sextet(3)'s example program is src/examples/decode.c"
else
	echo "not ok 1 - sextet(3)'s example program differs from src/examples/decode.c"
	diff -u "$src" "$tmp/man.c" | sed 's/^/# /'
fi

# Built as a client would: <sextet/b64.h>, the static archive.
lib=$(dirname "${LIBSEXTET_LA:?LIBSEXTET_LA: the built src/libsextet.la}")
old=$(sed -n "s/^old_library='\(.*\)'\$/\1/p" "$LIBSEXTET_LA")
if [ -z "$old" ]; then
	for n in 2 3 4; do
		echo "ok $n # SKIP no static library in this build (configure without --disable-static)"
	done
	exit 0
fi
mkdir "$tmp/sextet" && cp "$srcdir/src/codec/b64.h" "$tmp/sextet/" || exit 1
# shellcheck disable=SC2086
if $CC $CFLAGS -I"$tmp" -o "$tmp/decode" "$src" "$lib/.libs/$old" \
	$SEXTET_LIBS 2>"$tmp/cc.err"; then
	echo "ok 2 - src/examples/decode.c builds against libsextet"
else
	echo "not ok 2 - src/examples/decode.c does not build"
	sed 's/^/# /' "$tmp/cc.err"
	exit 0
fi

# "sextet\n" in base64, on two lines; then with a stray byte in the
# second, after "dG", which carries the "t" written before the error.
printf 'c2V4\ndGV0Cg==\n' | "$tmp/decode" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -eq 0 ] && [ "$(cat "$tmp/out")" = sextet ] && [ ! -s "$tmp/err" ]
then
	echo "ok 3 - it decodes"
else
	echo "not ok 3 - it decodes: status $st, output '$(cat "$tmp/out")'"
	sed 's/^/# /' "$tmp/err"
fi

printf 'c2V4\ndG*0Cg==\n' | "$tmp/decode" >"$tmp/out" 2>"$tmp/err"
st=$?
want="decode: line 2, column 3 (byte 7): unexpected byte 0x2a"
if [ $st -eq 1 ] && [ "$(cat "$tmp/err")" = "$want" ] &&
	[ "$(cat "$tmp/out")" = sext ]; then
	echo "ok 4 - it locates an error, and writes what came before it"
else
	echo "not ok 4 - status $st, output '$(cat "$tmp/out")', error '$(cat "$tmp/err")', want '$want'"
fi
