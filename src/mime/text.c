/*
 * text.c - bounded buffers, charset conversion and UTF-8 checks (text.h).
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

void
sb_init(struct sbuf *sb, void *p, size_t cap)
{
	sb->p = p;
	sb->len = 0;
	sb->cap = cap;
	sb->over = 0;
}

void
sb_put(struct sbuf *sb, const void *s, size_t n)
{
	size_t room = sb->cap - sb->len;

	if (n > room) {
		n = room;
		sb->over = 1;
	}
	if (n) {
		memcpy(sb->p + sb->len, s, n);
		sb->len += n;
	}
}

void
sb_putc(struct sbuf *sb, unsigned char c)
{
	sb_put(sb, &c, 1);
}

void
sb_puts(struct sbuf *sb, const char *s)
{
	sb_put(sb, s, strlen(s));
}

int
text_ieq(const char *s, size_t n, const char *t)
{
	size_t i;
	unsigned char a, b;

	for (i = 0; i < n; i++) {
		a = (unsigned char)s[i];
		b = (unsigned char)t[i];
		if (b == 0)
			return 0;
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b + 32);
		if (a != b)
			return 0;
	}
	return t[n] == 0;
}

size_t
text_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned long cp;

	if (n == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

size_t
text_utf8_cut(const unsigned char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && (s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

static void
put_bad(struct sbuf *out, unsigned char c, enum text_bad bad)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char e[3];

	if (bad == TEXT_BAD_FFFD) {
		sb_put(out, "\xef\xbf\xbd", 3);
		return;
	}
	e[0] = '%';
	e[1] = (unsigned char)hex[c >> 4];
	e[2] = (unsigned char)hex[c & 15];
	sb_put(out, e, 3);
}

/* UTF-8 (or ASCII when ASCII_ONLY) checked byte by byte. */
static long
check_utf8(const unsigned char *in, size_t n, int ascii_only,
    enum text_bad bad, struct sbuf *out)
{
	size_t i = 0, k;
	long nbad = 0;

	while (i < n) {
		k = ascii_only ? (in[i] < 0x80) : text_utf8_len(in + i, n - i);
		if (k == 0) {
			if (bad == TEXT_BAD_FAIL)
				return -1;
			nbad++;
			put_bad(out, in[i], bad);
			k = 1;
		} else if (bad != TEXT_BAD_FAIL) {
			sb_put(out, in + i, k);
		}
		i += k;
	}
	if (bad == TEXT_BAD_FAIL)
		sb_put(out, in, n);
	return nbad;
}

/* Charset names the code handles without iconv. */
static int
is_utf8_name(const char *cs, size_t n)
{
	return text_ieq(cs, n, "utf-8") || text_ieq(cs, n, "utf8");
}

static int
is_ascii_name(const char *cs, size_t n)
{
	return text_ieq(cs, n, "us-ascii") || text_ieq(cs, n, "ascii");
}

long
text_to_utf8(const char *cs, size_t cslen, const unsigned char *in,
    size_t n, enum text_bad bad, struct sbuf *out)
{
	char name[64];
	char obuf[256];
	iconv_t cd;
	char *ip, *op;
	size_t ileft, oleft, r, start = out->len;
	long nbad = 0;

	if (cs != NULL && is_utf8_name(cs, cslen))
		return check_utf8(in, n, 0, bad, out);
	if (cs != NULL && is_ascii_name(cs, cslen))
		return check_utf8(in, n, 1, bad, out);
	cd = (iconv_t)-1;
	if (cs != NULL && cslen > 0 && cslen < sizeof(name) &&
	    memchr(cs, '/', cslen) == NULL) {
		/* A '/' would let the name pick iconv options ("//IGNORE"). */
		memcpy(name, cs, cslen);
		name[cslen] = 0;
		cd = iconv_open("UTF-8", name);
	}
	if (cd == (iconv_t)-1)
		return bad == TEXT_BAD_FAIL ? -1 : check_utf8(in, n, 1, bad,
		    out);
	ip = (char *)(uintptr_t)in;
	ileft = n;
	while (ileft > 0) {
		op = obuf;
		oleft = sizeof(obuf);
		r = iconv(cd, &ip, &ileft, &op, &oleft);
		sb_put(out, obuf, sizeof(obuf) - oleft);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL: this byte does not convert. */
		if (bad == TEXT_BAD_FAIL) {
			nbad = -1;
			out->len = start;
			break;
		}
		nbad++;
		put_bad(out, (unsigned char)*ip, bad);
		ip++;
		ileft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	if (nbad >= 0) {
		/* Flush a stateful charset's closing sequence. */
		op = obuf;
		oleft = sizeof(obuf);
		iconv(cd, NULL, NULL, &op, &oleft);
		sb_put(out, obuf, sizeof(obuf) - oleft);
	}
	iconv_close(cd);
	return nbad;
}

void
text_escape(const unsigned char *s, size_t n, int backslash,
    struct sbuf *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char e[4];
	size_t i, j;

	for (i = 0; i < n; i = j) {
		/* Runs of ordinary bytes go out in one piece. */
		for (j = i; j < n && s[j] >= 0x20 && s[j] != 0x7f &&
		    !(s[j] == '\\' && backslash) &&
		    !(s[j] == 0xc2 && j + 1 < n && s[j + 1] >= 0x80 &&
		    s[j + 1] <= 0x9f); j++)
			;
		sb_put(out, s + i, j - i);
		if (j == n)
			break;
		e[0] = '\\';
		if (s[j] == '\t' || s[j] == '\n' || s[j] == '\r' ||
		    s[j] == '\\') {
			e[1] = s[j] == '\t' ? 't' : s[j] == '\n' ? 'n' :
			    s[j] == '\r' ? 'r' : '\\';
			sb_put(out, e, 2);
			j++;
			continue;
		}
		e[1] = 'x';
		if (s[j] == 0xc2) {     /* a C1 character: both bytes */
			sb_put(out, "\\xc2", 4);
			j++;
		}
		e[2] = (unsigned char)hex[s[j] >> 4];
		e[3] = (unsigned char)hex[s[j] & 15];
		sb_put(out, e, 4);
		j++;
	}
}

int
text_charset_known(const char *cs, size_t cslen)
{
	char name[64];
	iconv_t cd;

	if (is_utf8_name(cs, cslen) || is_ascii_name(cs, cslen))
		return 1;
	if (cslen == 0 || cslen >= sizeof(name) ||
	    memchr(cs, '/', cslen) != NULL)
		return 0;
	memcpy(name, cs, cslen);
	name[cslen] = 0;
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

int
text_hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}
