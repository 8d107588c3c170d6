/*
 * test_mime.c - the MIME push parser (src/mime/mime.h): for crafted
 * messages, the listing it calls back with (path, type, encoding, size,
 * status, first damage and its position, name, decoded bytes, notices)
 * is the one src/mime/mime.h decides; and every split of the input into two
 * pieces, one byte at a time, and random pieces gives the same listing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "tap.h"
#include "testutil.h"

#define LISTING_MAX 8192

struct listing {
	char s[LISTING_MAX];
	size_t len;
	/* the current part's bytes; [1]: an item's inside it */
	char data[3][LISTING_MAX];
	size_t dlen[3];
};

static void
add(struct listing *l, const char *fmt, ...) __attribute__((format(printf,
    2, 3)));

static void
add(struct listing *l, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(l->s + l->len, sizeof(l->s) - l->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		l->len += (size_t)k;
	if (l->len >= sizeof(l->s))
		l->len = sizeof(l->s) - 1;
}

static int
on_begin(void *ctx, const struct mime_part *pt)
{
	struct listing *l = ctx;

	l->dlen[pt->item] = 0;
	return 0;
}

static int
on_data(void *ctx, const struct mime_part *pt, const unsigned char *b,
    size_t n)
{
	struct listing *l = ctx;
	int k = pt->item;

	if (n > sizeof(l->data[k]) - l->dlen[k])
		n = sizeof(l->data[k]) - l->dlen[k];
	memcpy(l->data[k] + l->dlen[k], b, n);
	l->dlen[k] += n;
	return 0;
}

static int
on_end(void *ctx, const struct mime_part *pt)
{
	struct listing *l = ctx;
	const char *d = l->data[pt->item];
	size_t i, dlen = l->dlen[pt->item];

	add(l, "%s %s %s %llu %s", pt->path, pt->type, pt->encoding,
	    (unsigned long long)pt->size, mime_status_name(pt->status));
	if (pt->damage != MIME_DMG_NONE)
		add(l, " [%s %llu:%llu]", mime_damage_name(pt->damage),
		    (unsigned long long)pt->damage_line,
		    (unsigned long long)pt->damage_col);
	if (pt->has_name)
		add(l, " name=%.*s", (int)pt->name_len, pt->name);
	if (pt->attachment)
		add(l, " att");
	if (!pt->in_mime)
		add(l, " nomime");
	if (pt->partial)
		add(l, " partial=%.*s/%lu/%lu", (int)pt->partial_id_len,
		    pt->partial_id, pt->partial_number, pt->partial_total);
	add(l, " <");
	for (i = 0; i < dlen; i++)
		add(l, d[i] == '\n' ? "|" : d[i] == '\r' ? "^" : "%c", d[i]);
	add(l, ">\n");
	return 0;
}

static int
on_notice(void *ctx, enum mime_note note, const char *path,
    unsigned long long line)
{
	struct listing *l = ctx;

	add(l, "NOTICE %s '%s' line %llu\n", note == MIME_NOTE_NO_BOUNDARY ?
	    "no-boundary" : "not-message", path, line);
	return 0;
}

static int
on_notice64(void *ctx, enum mime_note note, const char *path, uint64_t line)
{
	return on_notice(ctx, note, path, (unsigned long long)line);
}

static struct mime_parser parser;

/* Parse IN cut at CUTS (NCUT ascending offsets) into L. */
static void
parse(const char *in, size_t n, const size_t *cuts, size_t ncut,
    struct listing *l)
{
	struct mime_handler h = { NULL, on_begin, on_data, on_end,
		on_notice64 };
	size_t at = 0, i, end;

	h.ctx = l;
	l->len = 0;
	l->s[0] = 0;
	mime_init(&parser, &h);
	for (i = 0; i <= ncut; i++) {
		end = i < ncut ? cuts[i] : n;
		mime_feed(&parser, in + at, end - at);
		at = end;
	}
	mime_finish(&parser);
}

struct msg {
	const char *what, *in, *want;
};

static const struct msg msgs[] = {
	{ "a text/plain part named winmail.dat is TNEF only: its uuencoded "
	    "lines are no items",
	    "Content-Disposition: attachment; filename=winmail.dat\n\n"
	    "begin 644 a.bin\n#86)C\n`\nend\n",
	    "1 text/plain 7bit 28 damaged [invalid TNEF stream 3:1] "
	    "name=winmail.dat att <begin 644 a.bin|#86)C|`|end|>\n" },
	{ "a close delimiter with more after it ends the multipart (RFC 2046 "
	    "5.1.1); a delimiter with more after it is text",
	    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n"
	    "\n--b1\n\none\n--b10\n--b1x\n--b1 \n\ntwo\n--b1-->\n"
	    "epilogue\n--b1\n\nnot a part\n",
	    "1 text/plain 7bit 15 ok <one|--b10|--b1x>\n"
	    "2 text/plain 7bit 3 ok <two>\n" },
	{ "message/partial: id, number and total (RFC 2046 5.2.2)",
	    "From a@b Sat Jan  1 00:00:00 2000\nMIME-Version: 1.0\n"
	    "Content-Type: Message/Partial; number=2;\n id=\"a b@c\"; "
	    "total=3\n\nFrom x\n>From y\n\n"
	    "From a@b Sat Jan  1 00:00:00 2000\nMIME-Version: 1.0\n"
	    "Content-Type: message/partial; id=x; number=1\n\nhead\n\n"
	    "From a@b Sat Jan  1 00:00:00 2000\nMIME-Version: 1.0\n"
	    "Content-Type: message/partial; id=x; number=0; total=2\n\n"
	    "no\n\n"
	    "From a@b Sat Jan  1 00:00:00 2000\nMIME-Version: 1.0\n"
	    "Content-Type: message/partial; number=1; total=1000000\n\n"
	    "no id\n\n"
	    "From a@b Sat Jan  1 00:00:00 2000\nMIME-Version: 1.0\n"
	    "Content-Type: message/partial; id=y; number=100000; total=+3"
	    "\n\nbig\n",
	    "1:1 message/partial 7bit 14 ok partial=a b@c/2/3 <From x|From y|>\n"
	    "2:1 message/partial 7bit 5 ok partial=x/1/0 <head|>\n"
	    "3:1 message/partial 7bit 3 ok <no|>\n"
	    "4:1 message/partial 7bit 6 ok <no id|>\n"
	    "5:1 message/partial 7bit 4 ok partial=y/100000/0 <big|>\n" },
	{ "multipart/mixed: text, base64 name, alternative, nested rfc822",
	    "From: a@b\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"XX\"\n\n"
	    "preamble\n--XX\nContent-Type: text/plain\n\nhello\n"
	    "--XX\nContent-Type: application/pdf; name=\"../x.pdf\"\n"
	    "Content-Transfer-Encoding: base64\n\nSGVsbG8g\nd29ybGQ=\n"
	    "--XX\nContent-Type: multipart/alternative; boundary=\"XX-a\"\n\n"
	    "--XX-a\nContent-Type: text/plain\n"
	    "Content-Transfer-Encoding: Quoted-Printable \n\n"
	    "soft=\nbreak =3D  \n--XX-a\nContent-Type: text/html\n\n<p>\n"
	    "--XX-a--\n--XX\nContent-Type: message/rfc822\n\n"
	    "Subject: in\nContent-Type: multipart/mixed; boundary=in\n\n"
	    "--in\nContent-Disposition: attachment; filename=r.txt\n\n"
	    "inner\n--in\n\nsecond\n--in--\n--XX--\nepilogue\n",
	    "1 text/plain 7bit 5 ok <hello>\n"
	    "2 application/pdf base64 11 ok name=../x.pdf <Hello world>\n"
	    "3.1 text/plain quoted-printable 11 ok <softbreak =>\n"
	    "3.2 text/html 7bit 3 ok <<p>>\n"
	    "4.1 text/plain 7bit 5 ok name=r.txt att <inner>\n"
	    "4.2 text/plain 7bit 6 ok <second>\n" },
	{ "CRLF line ends",
	    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b"
	    "\r\n\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	    "SGk=\r\n--b  \r\n\r\ntwo\r\nlines\r\n--b--\r\n",
	    "1 text/plain base64 2 ok <Hi>\n"
	    "2 text/plain 7bit 10 ok <two^|lines>\n" },
	{ "single part message, base64 body is 1",
	    "MIME-Version: 1.0\nContent-Type: image/png\n"
	    "Content-Transfer-Encoding: base64\n\nQUJD\n",
	    "1 image/png base64 3 ok <ABC>\n" },
	{ "plain message, no MIME", "Subject: hi\n\nbody\n",
	    "1 text/plain 7bit 5 ok nomime <body|>\n" },
	{ "not a message at all", "just some text\nmore\n",
	    "NOTICE not-message '' line 1\n" },
	{ "empty input", "", "NOTICE not-message '' line 1\n" },
	{ "single MIME entity pasted",
	    "Content-Type: text/plain; name=a.txt\n\nx\n",
	    "1 text/plain 7bit 2 ok name=a.txt <x|>\n" },
	{ "missing closing boundary: truncated",
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n"
	    "\ntwo\n",
	    "1 text/plain 7bit 3 ok <one>\n"
	    "2 text/plain 7bit 4 truncated <two|>\n" },
	{ "boundary never appears",
	    "Content-Type: multipart/mixed; boundary=b\n\nno parts here\n",
	    "NOTICE no-boundary '' line 1\n" },
	{ "no boundary parameter: one damaged part",
	    "Subject: x\nContent-Type: multipart/mixed\n\n--b\nx\n",
	    "1 multipart/mixed 7bit 6 damaged [multipart without a boundary "
	    "2:1] <--b|x|>\n" },
	/* The '=' is the offending byte, the only one dropped. */
	{ "corrupt base64: damaged at the bad byte, rest decoded",
	    "Content-Type: application/octet-stream\n"
	    "Content-Transfer-Encoding: base64\n\nSGVs\nb=G8g\nd29y\n",
	    "1 application/octet-stream base64 9 damaged [invalid base64 5:2] "
	    "<Hello wor>\n" },
	{ "base64: '=' first, and after one character split by a line end",
	    "Content-Transfer-Encoding: base64\n\n=SGVsb\r\n=G8=\n",
	    "1 text/plain base64 5 damaged [invalid base64 3:1] <Hello>\n" },
	{ "base64 lone character at the end: reported at itself",
	    "Content-Transfer-Encoding: base64\n\nSGk=\nQ\n",
	    "1 text/plain base64 2 damaged [invalid base64 4:1] <Hi>\n" },
	{ "unknown encoding: raw",
	    "Content-Transfer-Encoding: x-gzip64\n\nbegin\n",
	    "1 text/plain x-gzip64 6 raw <begin|>\n" },
	/* uuencode (uu.h). */
	{ "x-uuencode part: its block decoded, named by the begin line",
	    "Content-Transfer-Encoding: x-uuencode\n\nbegin 644 a.bin\n"
	    "#86)C\n`\nend\n",
	    "1 text/plain x-uuencode 3 ok name=a.bin att <abc>\n" },
	{ "x-uuencode part without a begin line: damaged",
	    "Content-Transfer-Encoding: x-uuencode\n\n#86)C\n",
	    "1 text/plain x-uuencode 0 damaged [no uuencode begin line 3:1] "
	    "att <>\n" },
	{ "uuencoded blocks in a text: items /1, /2 before the text",
	    "Subject: x\n\nhi\nbegin 644 a\n#86)C\n`\nend\n"
	    "begin-base64 644 b\naGk=\n====\nbye\n",
	    "1/1 application/octet-stream x-uuencode 3 ok name=a att <abc>\n"
	    "1/2 application/octet-stream x-uuencode-base64 2 ok name=b att "
	    "<hi>\n"
	    "1 text/plain 7bit 60 ok nomime <hi|begin 644 a|#86)C|`|end|"
	    "begin-base64 644 b|aGk=|====|bye|>\n" },
	{ "uuencode: stripped trailing blanks are zero bits, a bad "
	  "character is damage at its column, no end line is damage",
	    "Subject: x\n\nbegin 644 a\n#86)\n#8\x01)C\n\nend\n"
	    "begin 644 b\n#86)C\n",
	    "1/1 application/octet-stream x-uuencode 6 damaged "
	    "[invalid uuencoded line 5:3] name=a att <ab@`\x02" "c>\n"
	    "1/2 application/octet-stream x-uuencode 3 damaged "
	    "[uuencoded block without its end line 9:1] name=b att <abc>\n"
	    "1 text/plain 7bit 46 ok nomime <begin 644 a|#86)|#8\x01)C||end|"
	    "begin 644 b|#86)C|>\n" },
	{ "uuencode in a truncated part: truncated",
	    "Content-Type: multipart/mixed; boundary=q\n\n--q\n\n"
	    "begin 644 a\n#86)C\n",
	    "1/1 application/octet-stream x-uuencode 3 truncated name=a att "
	    "<abc>\n"
	    "1 text/plain 7bit 18 truncated <begin 644 a|#86)C|>\n" },
	{ "invalid Content-Type counts as text/plain",
	    "Content-Type: garbage\n\nx",
	    "1 text/plain 7bit 1 ok <x>\n" },
	{ "repeated Content-* fields: the first wins",
	    "Content-Type: image/gif\nContent-Type: text/html\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Content-Transfer-Encoding: base64\n\nab\n",
	    "1 image/gif 8bit 3 ok <ab|>\n" },
	{ "a non-header line in the header block starts the body",
	    "Content-Type: text/plain\nthis is body\nmore\n",
	    "1 text/plain 7bit 18 ok <this is body|more|>\n" },
	{ "folded header, name with continuation",
	    "Content-Type: application/pdf;\n name=\"a\n b.pdf\"\n\nx\n",
	    "1 application/pdf 7bit 2 ok name=a b.pdf <x|>\n" },
	{ "empty parts are listed",
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\n--b--\n",
	    "1 text/plain 7bit 0 ok <>\n2 text/plain 7bit 0 ok <>\n" },
	{ "boundaries sharing a prefix, innermost first; inner left open",
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: multipart/mixed; boundary=b-\n\n--b-\n\ninner\n"
	    "--b\n\nouter\n--b--\n",
	    "1.1 text/plain 7bit 5 truncated <inner>\n"
	    "2 text/plain 7bit 5 ok <outer>\n" },
	{ "delimiter close of the inner boundary '--b---' vs outer",
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: multipart/mixed; boundary=b-\n\n--b-\n\nin\n"
	    "--b---\n--b--\n",
	    "1.1 text/plain 7bit 2 ok <in>\n" },
	{ "multipart/digest parts default to message/rfc822",
	    "Content-Type: multipart/digest; boundary=d\n\n--d\n\n"
	    "Subject: m1\n\nfirst\n--d\nContent-Type: text/plain\n\nplain\n"
	    "--d--\n",
	    "1.1 text/plain 7bit 5 ok <first>\n"
	    "2 text/plain 7bit 5 ok <plain>\n" },
	{ "top-level message/rfc822 body",
	    "Content-Type: message/rfc822\n\nSubject: x\n\ninside\n",
	    "1.1 text/plain 7bit 7 ok <inside|>\n" },
	{ "mbox of three, mboxrd unquoting, blank before From dropped",
	    "From a Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From x\n"
	    ">>From y\n\n"
	    "From b Mon Jan  1 00:00:00 2024\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=q\n\n--q\n\nA\n--q\n\nB"
	    "\n--q--\n\n"
	    "From c Mon Jan  1 00:00:00 2024\nSubject: three\n\nlast\n\n",
	    "1:1 text/plain 7bit 15 ok nomime <From x|>From y|>\n"
	    "2:1 text/plain 7bit 1 ok <A>\n2:2 text/plain 7bit 1 ok <B>\n"
	    "3:1 text/plain 7bit 6 ok nomime <last||>\n" },
	/* Quoted-printable damage (mime.h): the bad escape is kept as
	 * written and its '=' is the position reported. */
	{ "quoted-printable bad escape kept and damaged, CRLF hard break kept",
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	    "a=ZZ b  \r\nc=\r\nd\r\n",
	    "1 text/plain quoted-printable 12 damaged "
	    "[invalid quoted-printable 3:2] <a=ZZ b^|cd^|>\n" },
	/* Base64 damage: every byte but the alphabet, '=' and white space
	 * is reported (the first one) and dropped, as -i drops it. */
	{ "base64: garbage between groups is damage, the rest decoded",
	    "Content-Transfer-Encoding: base64\n\nSGVs\n!!!!\nbG8=\n",
	    "1 text/plain base64 5 damaged [invalid base64 4:1] <Hello>\n" },
	{ "base64: a byte outside the alphabet inside a group",
	    "Content-Transfer-Encoding: base64\n\nSG*Vs bG8=\n",
	    "1 text/plain base64 5 damaged [invalid base64 3:3] <Hello>\n" },
	{ "base64: blanks, tab, VT, FF, CR anywhere are no damage",
	    "Content-Transfer-Encoding: base64\n\nSG Vs\rbG8g\td29y\v\f"
	    "\nbGQ=  \r\n \t\n",
	    "1 text/plain base64 11 ok <Hello world>\n" },
	{ "base64: text after the padding is damage",
	    "Content-Transfer-Encoding: base64\n\nSGk=\n-- \n",
	    "1 text/plain base64 2 damaged [invalid base64 4:1] <Hi>\n" },
	{ "base64: a body of garbage only",
	    "Content-Transfer-Encoding: base64\n\n!!!!\n",
	    "1 text/plain base64 0 damaged [invalid base64 3:1] <>\n" },
	{ "base64: 8-bit bytes are damage",
	    "Content-Transfer-Encoding: base64\n\nSGVs\xc3\xa9 bG8=\n",
	    "1 text/plain base64 5 damaged [invalid base64 3:5] <Hello>\n" },
	{ "base64: '=' ending a group of two or three is no damage",
	    "Content-Transfer-Encoding: base64\n\nSGVs=bG8=\nSGk==\n",
	    "1 text/plain base64 7 ok <HelloHi>\n" },
	{ "base64: a decoder error before a bad byte is the one reported",
	    "Content-Transfer-Encoding: base64\n\nS=GVs!\n",
	    "1 text/plain base64 3 damaged [invalid base64 3:2] <Hel>\n" },
	{ "base64: a bad byte before a decoder error is the one reported",
	    "Content-Transfer-Encoding: base64\n\nSG!Vs\nQ\n",
	    "1 text/plain base64 3 damaged [invalid base64 3:3] <Hel>\n" },
	{ "base64: damage in a CRLF multipart, line and column in the input",
	    "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\nSGVs\r\nbG8g\r\n"
	    "d29y bGQ\001=\r\n--b\r\nContent-Transfer-Encoding: base64\r\n"
	    "\r\nSGk=\r\n--b--\r\n",
	    "1 text/plain base64 11 damaged [invalid base64 8:9] "
	    "<Hello world>\n2 text/plain base64 2 ok <Hi>\n" },
	{ "base64: damage in the second message of an mbox",
	    "From a Mon Jan  1 00:00:00 2024\nContent-Transfer-Encoding: "
	    "base64\n\nSGk=\n\nFrom b Mon Jan  1 00:00:00 2024\n"
	    "Content-Transfer-Encoding: base64\n\nSG!k=\n",
	    "1:1 text/plain base64 2 ok <Hi>\n"
	    "2:1 text/plain base64 2 damaged [invalid base64 9:3] <Hi>\n" },
	{ "quoted-printable: '=' and a hex digit then not one",
	    "Content-Transfer-Encoding: quoted-printable\n\nok\nx=4G\n",
	    "1 text/plain quoted-printable 8 damaged "
	    "[invalid quoted-printable 4:2] <ok|x=4G|>\n" },
	{ "quoted-printable: '=' then a blank then text",
	    "Content-Transfer-Encoding: quoted-printable\n\na= b\n",
	    "1 text/plain quoted-printable 5 damaged "
	    "[invalid quoted-printable 3:2] <a= b|>\n" },
	{ "quoted-printable: an 8-bit byte is damage, kept",
	    "Content-Transfer-Encoding: quoted-printable\n\ncaf\xc3\xa9\n",
	    "1 text/plain quoted-printable 6 damaged "
	    "[invalid quoted-printable 3:4] <caf\xc3\xa9|>\n" },
	{ "quoted-printable: a control byte is damage, kept",
	    "Content-Transfer-Encoding: quoted-printable\n\nab\001c\n",
	    "1 text/plain quoted-printable 5 damaged "
	    "[invalid quoted-printable 3:3] <ab\001c|>\n" },
	{ "quoted-printable: a CR without its LF is damage, kept",
	    "Content-Transfer-Encoding: quoted-printable\n\na\rb\n",
	    "1 text/plain quoted-printable 4 damaged "
	    "[invalid quoted-printable 3:2] <a^b|>\n" },
	{ "quoted-printable: '=' then a CR without its LF",
	    "Content-Transfer-Encoding: quoted-printable\n\na=\rb\n",
	    "1 text/plain quoted-printable 5 damaged "
	    "[invalid quoted-printable 3:2] <a=^b|>\n" },
	{ "quoted-printable: damage after a soft break, CRLF, column of '='",
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\nab=\r\n"
	    "cd=X1\r\n",
	    "1 text/plain quoted-printable 9 damaged "
	    "[invalid quoted-printable 4:3] <abcd=X1^|>\n" },
	{ "quoted-printable: tab, lower-case hex, a long line: no damage",
	    "Content-Transfer-Encoding: quoted-printable\n\na\tb=c3=a9 "
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "456789012345678901234567890123456789\n",
	    "1 text/plain quoted-printable 107 ok <a\tb\xc3\xa9 "
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "456789012345678901234567890123456789|>\n" },
	{ "quoted-printable: '=' ending a part is a soft line break",
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Transfer-Encoding: quoted-printable\n\nend=\n--b\n"
	    "Content-Transfer-Encoding: quoted-printable\n\nend= \t\r\n"
	    "--b--\n",
	    "1 text/plain quoted-printable 3 ok <end>\n"
	    "2 text/plain quoted-printable 3 ok <end>\n" },
	{ "quoted-printable: '=' at the end of the input is a soft break",
	    "Content-Transfer-Encoding: quoted-printable\n\nend=",
	    "1 text/plain quoted-printable 3 ok <end>\n" },
	{ "quoted-printable: '=' and one hex digit ending a part: damage",
	    "Content-Transfer-Encoding: quoted-printable\n\nx=4",
	    "1 text/plain quoted-printable 3 damaged "
	    "[invalid quoted-printable 3:2] <x=4>\n" },
};

/* A long line (more than MIME_PEEK bytes) inside a part, then a
 * delimiter: the long line is body, the delimiter still counts. */
static void
long_line(void)
{
	static char in[3 * MIME_PEEK + 256];
	struct listing *l = calloc(1, sizeof(*l));
	size_t n = 0;
	char want[128];

	n += (size_t)sprintf(in, "Content-Type: multipart/mixed; "
	    "boundary=b\n\n--b\n\n");
	memset(in + n, 'x', 2 * MIME_PEEK + 7);
	n += 2 * MIME_PEEK + 7;
	n += (size_t)sprintf(in + n, "\r\n--b--\r\n");
	parse(in, n, NULL, 0, l);
	snprintf(want, sizeof(want), "1 text/plain 7bit %d ok",
	    2 * MIME_PEEK + 7);
	tap_ok(strncmp(l->s, want, strlen(want)) == 0,
	    "a line longer than MIME_PEEK is body, CRLF before the "
	    "delimiter removed");
	free(l);
}

/* A Content-Type longer than MIME_HEADER_MAX: damaged, no crash. */
static void
long_header(void)
{
	static char in[MIME_HEADER_MAX + 256];
	struct listing *l = calloc(1, sizeof(*l));
	size_t n;

	n = (size_t)sprintf(in, "Subject: x\nContent-Type: text/plain; "
	    "name=\"");
	memset(in + n, 'a', MIME_HEADER_MAX);
	n += MIME_HEADER_MAX;
	n += (size_t)sprintf(in + n, "\"\n\nbody\n");
	parse(in, n, NULL, 0, l);
	tap_ok(strcmp(l->s, "1 text/plain 7bit 5 damaged [header field too "
	    "long 2:1] <body|>\n") == 0,
	    "a header field over MIME_HEADER_MAX: damaged part");
	if (strncmp(l->s, "1 ", 2) != 0)
		tap_diag("got %s", l->s);
	free(l);
}

/* Multiparts nested deeper than MIME_DEPTH_MAX: the one too deep is a
 * damaged leaf; message/rfc822 chains are bounded too. */
static void
too_deep(void)
{
	static char in[64 * 200];
	struct listing *l = calloc(1, sizeof(*l));
	size_t n = 0;
	int i;
	char want[256];

	for (i = 0; i < MIME_DEPTH_MAX + 8; i++)
		n += (size_t)sprintf(in + n, "Content-Type: multipart/mixed; "
		    "boundary=b%d\n\n--b%d\n", i, i);
	n += (size_t)sprintf(in + n, "\nx\n");
	parse(in, n, NULL, 0, l);
	snprintf(want, sizeof(want), " multipart/mixed 7bit ");
	tap_ok(strstr(l->s, want) != NULL &&
	    strstr(l->s, "truncated [nested too deep 97:1]") != NULL &&
	    strchr(l->s, '\n') == l->s + l->len - 1,
	    "multiparts nested too deep: one damaged leaf");
	n = 0;
	for (i = 0; i < 4 * MIME_DEPTH_MAX; i++)
		n += (size_t)sprintf(in + n, "Content-Type: message/rfc822\n\n");
	n += (size_t)sprintf(in + n, "\nend\n");
	parse(in, n, NULL, 0, l);
	tap_ok(strstr(l->s, "damaged [nested too deep 127:1]") != NULL &&
	    strchr(l->s, '\n') == l->s + l->len - 1,
	    "message/rfc822 nested too deep: one damaged leaf");
	free(l);
}

/*
 * A bad byte in a base64 line longer than MIME_PEEK, and on the line
 * after one: its column counts every byte of the line, for any split.
 */
static void
long_b64_line(void)
{
	static char in[4 * MIME_PEEK + 256];
	static const char head[] = "Content-Transfer-Encoding: base64\n\n";
	struct listing *l = calloc(1, sizeof(*l));
	struct listing *o = calloc(1, sizeof(*l));
	size_t n, i, a, cuts[2], bad;
	const char *want;
	int round;

	for (round = 0; round < 2; round++) {
		n = (size_t)sprintf(in, "%s", head);
		for (i = 0; i < 400; i++)
			n += (size_t)sprintf(in + n, "QUJD");
		if (round == 0) {
			/* '!' at column 1301 of line 3 */
			memmove(in + sizeof(head) - 1 + 1301,
			    in + sizeof(head) - 1 + 1300, n -
			    (sizeof(head) - 1 + 1300));
			in[sizeof(head) - 1 + 1300] = '!';
			n++;
			n += (size_t)sprintf(in + n, "\n");
		} else {
			n += (size_t)sprintf(in + n, "\r\nQUJD!QUJD\n");
		}
		want = round == 0 ?
		    "1 text/plain base64 1200 damaged [invalid base64 3:1301]" :
		    "1 text/plain base64 1206 damaged [invalid base64 4:5]";
		parse(in, n, NULL, 0, l);
		if (!tap_ok(strncmp(l->s, want, strlen(want)) == 0,
		    "base64: a bad byte %s a line longer than MIME_PEEK: its "
		    "column", round == 0 ? "far into" : "on the line after"))
			tap_diag("got %.80s", l->s);
		bad = 0;
		for (a = 0; a <= n; a += 7) {
			cuts[0] = a;
			cuts[1] = a + (a * 31) % (n - a + 1);
			parse(in, n, cuts, 2, o);
			bad += strcmp(l->s, o->s) != 0;
		}
		tap_ok(bad == 0, "... every split agrees");
	}
	free(l);
	free(o);
}

/* The number of section numbers in PATH ("3:1.2.1" has three). */
static size_t
path_nums(const char *path)
{
	const char *c = strchr(path, ':');
	size_t k = 1;

	for (c = c != NULL ? c + 1 : path; *c; c++)
		k += *c == '.';
	return k;
}

static size_t deepest;

static int
on_end_depth(void *ctx, const struct mime_part *pt)
{
	size_t k = path_nums(pt->path);

	if (k > deepest)
		deepest = k;
	return on_end(ctx, pt);
}

/*
 * Nesting that grows the section path one level per entity in every way
 * the parser allows: message/rfc822 chains (no multipart frame used),
 * multiparts, single-part messages inside multiparts, mixed at every
 * proportion.  The path never holds more than MIME_PATH_NUMS numbers (the
 * push refuses one more), there is exactly one leaf, and it is either
 * the text/plain one, ok, or a part nested too deep.
 */
static void
deep_paths(void)
{
	static char in[64 * 1024];
	struct mime_handler h = { NULL, on_begin, on_data, on_end_depth,
		on_notice64 };
	struct listing *l = calloc(1, sizeof(*l));
	size_t n, bad = 0, too = 0, ok = 0;
	int chain, multi, i;

	h.ctx = l;
	for (chain = 0; chain <= 2 * MIME_PATH_NUMS; chain += 3) {
		for (multi = 0; multi <= MIME_DEPTH_MAX + 2; multi++) {
			n = 0;
			n += (size_t)sprintf(in + n, "MIME-Version: 1.0\n");
			for (i = 0; i < chain; i++)
				n += (size_t)sprintf(in + n, "Content-Type: "
				    "message/rfc822\n\n");
			for (i = 0; i < multi; i++)
				n += (size_t)sprintf(in + n, "Content-Type: "
				    "multipart/mixed; boundary=m%d\n\n--m%d\n"
				    "Content-Type: message/rfc822\n\n", i, i);
			n += (size_t)sprintf(in + n, "Content-Type: text/plain"
			    "\n\nleaf\n");
			for (i = multi; i-- > 0;)
				n += (size_t)sprintf(in + n, "--m%d--\n", i);
			l->len = 0;
			l->s[0] = 0;
			deepest = 0;
			mime_init(&parser, &h);
			mime_feed(&parser, in, n);
			mime_finish(&parser);
			if (deepest > MIME_PATH_NUMS ||
			    strchr(l->s, '\n') != l->s + l->len - 1) {
				if (bad++ == 0)
					tap_diag("chain %d, multi %d: %zu "
					    "numbers: %.200s", chain, multi,
					    deepest, l->s);
				continue;
			}
			if (strstr(l->s, " [nested too deep ") != NULL)
				too++;
			else if (strstr(l->s, " ok <leaf") != NULL)
				ok++;
			else if (bad++ == 0)
				tap_diag("chain %d, multi %d: %.200s", chain,
				    multi, l->s);
		}
	}
	tap_ok(bad == 0 && too > 0 && ok > 0,
	    "deep nesting: at most MIME_PATH_NUMS section numbers, one leaf, "
	    "ok or nested too deep (%zu ok, %zu too deep)", ok, too);
	free(l);
}

int
main(void)
{
	struct listing *one = calloc(1, sizeof(*one));
	struct listing *other = calloc(1, sizeof(*other));
	struct rng r;
	size_t i, n, a, k, bad, cuts[64], ncut;

	rng_init(&r, 10);
	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		n = strlen(msgs[i].in);
		parse(msgs[i].in, n, NULL, 0, one);
		if (!tap_ok(strcmp(one->s, msgs[i].want) == 0, "%s",
		    msgs[i].what)) {
			tap_diag("got:");
			tap_diag_bytes("got", one->s, one->len);
			tap_diag_bytes("want", msgs[i].want,
			    strlen(msgs[i].want));
		}
		bad = 0;
		for (a = 0; a <= n; a++) {
			cuts[0] = a;
			parse(msgs[i].in, n, cuts, 1, other);
			bad += strcmp(one->s, other->s) != 0;
		}
		for (k = 0; k < 20; k++) {
			ncut = 1 + rng_below(&r, 63);
			for (a = 0; a < ncut; a++)
				cuts[a] = rng_below(&r, n + 1);
			/* ascending */
			for (a = 1; a < ncut; a++)
				if (cuts[a] < cuts[a - 1])
					cuts[a] = cuts[a - 1];
			parse(msgs[i].in, n, cuts, ncut, other);
			bad += strcmp(one->s, other->s) != 0;
		}
		if (!tap_ok(bad == 0, "%s: every split agrees", msgs[i].what))
			tap_diag_bytes("split", other->s, other->len);
	}
	long_line();
	long_header();
	too_deep();
	long_b64_line();
	deep_paths();
	free(one);
	free(other);
	return tap_done();
}
