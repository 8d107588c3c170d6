/*
 * test_ew.c - the RFC 2047 encoded-word decoder (src/mime/ew.h) as
 * src/mime/ew.h decides it: recognition (section 5), joining, charsets, bad
 * words left as written and reported, lenient and name modes; and the
 * table of charset labels (text.h) that alone decides what reaches
 * iconv_open().
 */
#include <iconv.h>
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
	/* Labels read as senders mean them (text.c's table). */
	{ 0, "=?gb2312?B?iNI=?=", "\xe5\xa0\x83", 0, -1,
	    "gb2312 read as GB18030 (a GBK character)" },
	{ 0, "=?KS_C_5601-1987?B?jGM=?=", "\xeb\x98\xa0", 0, -1,
	    "ks_c_5601-1987 read as CP949 (a UHC syllable)" },
	{ 0, "=?euc-kr?B?jGM=?=", "\xeb\x98\xa0", 0, -1,
	    "euc-kr read as CP949" },
	{ 0, "=?Shift_JIS?B?h0A=?=", "\xe2\x91\xa0", 0, -1,
	    "shift_jis read as CP932 (an NEC special character)" },
	{ 0, "=?iso-8859-1?q?=93x=94?=", "\xe2\x80\x9cx\xe2\x80\x9d", 0, -1,
	    "iso-8859-1 read as windows-1252 (quotation marks)" },
	{ 0, "=?latin1?q?=E9?=", "\xc3\xa9", 0, -1, "latin1 alias" },
	{ 0, "=?ISO_8859-15?q?=A4?=", "\xe2\x82\xac", 0, -1,
	    "iso_8859-15 alias" },
	{ 0, "=?koi8-r?q?=C1?=", "\xd0\xb0", 0, -1, "koi8-r" },
	{ 0, "=?utf-8//IGNORE?q?a?=", "=?utf-8//IGNORE?q?a?=", 1, 0,
	    "a label with iconv options is unknown" },
	{ 0, "=?ebcdic-us?q?=C1?=", "=?ebcdic-us?q?=C1?=", 1, 0,
	    "a label iconv knows but mail does not use is unknown" },
};

/* Labels and the iconv names they must give; NULL: not in the table. */
static const struct {
	const char *label, *name;
} labels[] = {
	{ "utf-8", "UTF-8" },
	{ "UTF8", "UTF-8" },
	{ "us-ascii", "US-ASCII" },
	{ "ASCII", "US-ASCII" },
	{ "iso-8859-1", "WINDOWS-1252" },
	{ "ISO8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" },
	{ "iso-8859-2", "ISO-8859-2" },
	{ "iso-8859-16", "ISO-8859-16" },
	{ "Windows-1251", "WINDOWS-1251" },
	{ "cp1250", "WINDOWS-1250" },
	{ "koi8-u", "KOI8-U" },
	{ "gb2312", "GB18030" },
	{ "GBK", "GB18030" },
	{ "gb18030", "GB18030" },
	{ "big5", "BIG5" },
	{ "shift_jis", "CP932" },
	{ "x-sjis", "CP932" },
	{ "euc-jp", "EUC-JP" },
	{ "iso-2022-jp", "ISO-2022-JP" },
	{ "ks_c_5601-1987", "CP949" },
	{ "euc-kr", "CP949" },
	{ "utf-16le", "UTF-16LE" },
	{ "utf-7", "UTF-7" },
	{ "no-such", NULL },
	{ "ebcdic-us", NULL },
	{ "utf-8//ignore", NULL },
	{ "iso-8859-12", NULL },
	{ "", NULL },
	{ "utf-8x", NULL },
	{ "utf", NULL },
};

/*
 * The table (text_charset_name): each label above gives its name, any
 * case; every name in the table opens with this system's iconv_open; a
 * label iconv knows but the table does not is unknown to the MIME code
 * and converts nothing (text_to_utf8 fails without reaching iconv).
 */
static void
charset_table(void)
{
	unsigned char buf[64];
	struct sbuf sb;
	const char *label, *name, *got;
	size_t i, bad = 0, count = 0;
	iconv_t cd;
	long r;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		got = text_charset_name(labels[i].label,
		    strlen(labels[i].label));
		if (!tap_ok(got == labels[i].name || (got != NULL &&
		    labels[i].name != NULL && strcmp(got, labels[i].name) == 0),
		    "charset label \"%s\": %s", labels[i].label,
		    labels[i].name ? labels[i].name : "not in the table"))
			tap_diag("got %s", got ? got : "NULL");
	}
	for (i = 0; (name = text_charset_at(i, &label)) != NULL; i++) {
		count++;
		cd = iconv_open("UTF-8", name);
		if (cd == (iconv_t)-1) {
			if (bad++ < 5)
				tap_diag("iconv_open(\"UTF-8\", \"%s\") "
				    "failed (label %s)", name, label);
			continue;
		}
		iconv_close(cd);
		got = text_charset_name(label, strlen(label));
		if (got == NULL || strcmp(got, name) != 0) {
			if (bad++ < 5)
				tap_diag("label %s: %s, not %s", label,
				    got ? got : "NULL", name);
		}
	}
	tap_ok(bad == 0 && count >= 60,
	    "every one of the table's %zu names opens with iconv_open", count);
	cd = iconv_open("UTF-8", "EBCDIC-US");
	if (cd == (iconv_t)-1) {
		tap_skip("this iconv has no EBCDIC-US",
		    "a label only iconv knows does not reach it");
	} else {
		iconv_close(cd);
		sb_init(&sb, buf, sizeof(buf));
		r = text_to_utf8("EBCDIC-US", 9, (const unsigned char *)"\xc1",
		    1, TEXT_BAD_FAIL, &sb);
		tap_ok(r == -1 && sb.len == 0 &&
		    !text_charset_known("ebcdic-us", 9),
		    "a label only iconv knows does not reach it");
	}
}

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
	charset_table();
	return tap_done();
}
