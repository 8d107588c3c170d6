#!/bin/sh
# exports.sh - libsextet's shared library exports exactly the functions its
# installed headers declare (TAP).
#
# The exports: `nm -D --defined-only` over the shared library the build
# made (its name is the dlname in src/libsextet.la).  The declarations:
# every prototype in the installed headers (SEXTET_HEADERS, relative to
# srcdir: src/codec/local.mk's sextetinclude_HEADERS), found by awk after
# taking out comments and preprocessor lines.  Both ways: a function declared
# but not exported (no B64_API), and a symbol exported but not declared (a
# helper that lost its static), fail; so does any exported name outside
# the b64_ and sextet_ prefixes.  Skipped when the build made no shared
# library (configure --disable-shared).
#
# Environment: LIBSEXTET_LA (the built src/libsextet.la), SEXTET_HEADERS,
# srcdir, NM (default nm).

: "${srcdir:=.}"
: "${NM:=nm}"
la=${LIBSEXTET_LA:?LIBSEXTET_LA: the built src/libsextet.la}
dlname=$(sed -n "s/^dlname='\(.*\)'\$/\1/p" "$la")
if [ -z "$dlname" ]; then
	echo "1..0 # SKIP no shared library in this build (configure without --disable-shared)"
	exit 0
fi
so=$(dirname "$la")/.libs/$dlname
tmp=${TMPDIR:-/tmp}/exports.$$
trap 'rm -f "$tmp".*' EXIT
echo "1..4"

# The exported functions and data, by name.
# (NM may carry options: libtool's is "nm -B".)
# shellcheck disable=SC2086
if $NM -D --defined-only "$so" >"$tmp.nm"; then
	echo "ok 1 - $NM -D lists the exports of $dlname"
else
	echo "not ok 1 - $NM -D $so failed"
	exit 1
fi
awk 'NF >= 3 { print $3 }' "$tmp.nm" | sed 's/@.*//' | sort -u >"$tmp.exported"

# The names of the functions the headers declare.
for h in $SEXTET_HEADERS; do
	cat "$srcdir/$h"
done | awk '
	# Preprocessor lines, with their continuations.
	cont { cont = /\\$/; next }
	/^[ \t]*#/ { cont = /\\$/; next }
	{ text = text " " $0 }
	END {
		# Comments out.
		while ((i = index(text, "/*")) > 0) {
			rest = substr(text, i + 2)
			j = index(rest, "*/")
			text = substr(text, 1, i - 1) " " substr(rest, j + 2)
		}
		# Declarations end at ";", "{" or "}"; a function is one
		# with a parenthesis, named by the word before the first.
		n = split(text, decl, /[;{}]/)
		for (k = 1; k <= n; k++) {
			d = decl[k]
			if (d ~ /^[ \t]*typedef[ \t]/ || index(d, "(") == 0)
				continue
			d = substr(d, 1, index(d, "(") - 1)
			if (match(d, /[A-Za-z_][A-Za-z_0-9]*[ \t]*$/)) {
				name = substr(d, RSTART, RLENGTH)
				sub(/[ \t]+$/, "", name)
				print name
			}
		}
	}' | sort -u >"$tmp.declared"

if [ -s "$tmp.declared" ]; then
	echo "ok 2 - the headers declare $(wc -l <"$tmp.declared") functions"
else
	echo "not ok 2 - no function found in the headers ($SEXTET_HEADERS)"
fi

missing=$(comm -23 "$tmp.declared" "$tmp.exported")
extra=$(comm -13 "$tmp.declared" "$tmp.exported")
if [ -z "$missing$extra" ]; then
	echo "ok 3 - exported = declared ($(wc -l <"$tmp.exported") names)"
else
	echo "not ok 3 - the exports differ from the declarations"
	for s in $missing; do echo "# declared, not exported: $s"; done
	for s in $extra; do echo "# exported, not declared: $s"; done
fi

bad=$(grep -Ev '^(b64_|sextet_)' "$tmp.exported")
if [ -z "$bad" ]; then
	echo "ok 4 - every exported name starts with b64_ or sextet_"
else
	echo "not ok 4 - exported names outside b64_ and sextet_:" \
		"$(echo "$bad" | tr '\n' ' ')"
fi
