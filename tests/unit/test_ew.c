/*
 * test_ew.c - the RFC 2047 encoded-word decoder (src/mime/ew.h) as
 * issue 10 decides it: recognition (section 5), joining, charsets, bad
 * words left as written and reported, lenient and name modes.
 */
#include <stdio.h>
#include <string.h>

#include "ew.h"
#include "tap.h"

struct vec {
	unsigned flags;
	const char *in, *out;
	size_t nbad;
	long badat;             /* offset of the first report, -1 none */
	const char *what;
};

static const struct vec vecs[] = {
	{ 0, "Subject: =?utf-8?B?4oKsIHJlcG9ydA==?=",
	    "Subject: \xe2\x82\xac report", 0, -1, "B word" },
	{ 0, "=?utf-8?Q?caf=C3=A9_au_lait?=", "caf\xc3\xa9 au lait", 0, -1,
	    "Q word, '_' is a space" },
	{ 0, "=?utf-8?q?a?= =?utf-8?q?b?=", "ab", 0, -1,
	    "adjacent words joined without the space" },
	{ 0, "=?utf-8?q?a?= \t =?iso-8859-1?q?=E9?=", "a\xc3\xa9", 0, -1,
	    "different charsets: space still dropped" },
	{ 0, "=?utf-8?B?4oI=?= =?utf-8?B?rA==?=", "\xe2\x82\xac", 0, -1,
	    "a character split across two words comes out whole" },
	{ 0, "=?iso-8859-1?Q?h=E9?=", "h\xc3\xa9", 0, -1, "latin-1" },
	{ 0, "=?UTF-8*en?Q?x?=", "x", 0, -1, "RFC 2231 language suffix" },
	{ 0, "=?utf-8?B?4oKs?=", "\xe2\x82\xac", 0, -1, "unpadded B" },
	{ 0, "a =?utf-8?q?x?= b", "a x b", 0, -1, "text around kept" },
	{ 0, "abc=?utf-8?q?x?=def", "abc=?utf-8?q?x?=def", 0, -1,
	    "glued to text: not decoded" },
	{ 0, "(=?utf-8?q?x?=)", "(x)", 0, -1, "in a comment: decoded" },
	{ 0, "\"=?utf-8?q?x?=\"", "\"=?utf-8?q?x?=\"", 0, -1,
	    "in a quoted string: not decoded" },
	{ EW_LENIENT, "\"=?utf-8?q?x?=\"", "\"x\"", 0, -1,
	    "lenient: in a quoted string decoded" },
	{ 0, "x =?utf-8?X?abc?= y", "x =?utf-8?X?abc?= y", 1, 2,
	    "unknown encoding letter: bad" },
	{ 0, "x =?utf-8?B?a*bc?=", "x =?utf-8?B?a*bc?=", 1, 2,
	    "invalid base64: bad, kept" },
	{ 0, "=?no-such-cs?q?a?=", "=?no-such-cs?q?a?=", 1, 0,
	    "unknown charset: bad" },
	{ 0, "=?utf-8?q?=FF?=", "=?utf-8?q?=FF?=", 1, 0,
	    "bytes invalid in the charset: bad" },
	{ 0, "x =?utf-8?q?a?= =?no-such?q?b?= y", "x a =?no-such?q?b?= y", 1,
	    16, "a failing run after a good one keeps the space before it" },
	{ 0, "=?no-such?q?b?= =?utf-8?q?a?=", "=?no-such?q?b?= a", 1, 0,
	    "a good run after a failing one keeps the space before it" },
	{ 0, "=?utf-8?q?=E2=82?= =?utf-8?q?x?=",
	    "=?utf-8?q?=E2=82?= =?utf-8?q?x?=", 1, 0,
	    "a joined run that fails is left whole, reported once" },
	{ EW_LENIENT, "=?utf-8?q?a=FFb?=", "a\xef\xbf\xbd" "b", 0, -1,
	    "lenient: invalid byte becomes U+FFFD" },
	{ EW_LENIENT, "=?utf-8?X?abc?=", "=?utf-8?X?abc?=", 0, -1,
	    "lenient: unknown letter left, not reported" },
	{ 0, "=?utf-8?q?abc", "=?utf-8?q?abc", 0, -1,
	    "unterminated =? is plain text" },
	{ 0, "=?utf-8?q?a=01b?=", "a\\x01b", 0, -1,
	    "control characters in decoded text escaped" },
	{ 0, "=?utf-8?q?a?=  tail", "a  tail", 0, -1,
	    "white space before plain text kept" },
	{ EW_NAME, "report=?utf-8?q?=E2=82=AC?=.pdf",
	    "report\xe2\x82\xac.pdf", 0, -1, "name mode: glued words decoded" },
	{ EW_NAME, "=?no-such?q?a=E9?=", "a%E9", 0, -1,
	    "name mode: unknown charset keeps ASCII, %XX others" },
};

struct rep {
	size_t n;
	long first;
};

static void
report(void *ctx, size_t off, const char *why)
{
	struct rep *r = ctx;

	(void)why;
	if (r->n++ == 0)
		r->first = (long)off;
}

int
main(void)
{
	unsigned char buf[1024];
	struct sbuf sb;
	struct rep r;
	size_t i, nbad;
	const struct vec *v;

	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		v = &vecs[i];
		sb_init(&sb, buf, sizeof(buf));
		r.n = 0;
		r.first = -1;
		nbad = ew_decode(v->in, strlen(v->in), v->flags, &sb, report,
		    &r);
		if (!tap_ok(sb.len == strlen(v->out) &&
		    memcmp(sb.p, v->out, sb.len) == 0 && nbad == v->nbad &&
		    r.n == v->nbad && r.first == v->badat, "%s", v->what)) {
			tap_diag_bytes("got", sb.p, sb.len);
			tap_diag("bad words %zu, first at %ld", nbad, r.first);
		}
	}
	return tap_done();
}
