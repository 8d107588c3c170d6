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

/*
 * Charset labels and the names glibc's iconv_open() knows them by.  A
 * label that is not here is an unknown charset: the message names it, so
 * it may not pick any of the hundreds of conversions iconv has (EBCDIC,
 * stateful ones, "//IGNORE" options), only those mail uses.  Labels as
 * IANA registers them and as mail software writes them, any case.
 *
 * Some labels are read as what senders mean by them, a superset of the
 * charset named, as the WHATWG Encoding Standard's label table maps them
 * for the web (where it has the same labels, from the same software):
 *  - gb2312 (and gbk, cp936): GB18030, which holds GBK, which holds
 *    GB 2312; mail labelled gb2312 carries GBK characters;
 *  - ks_c_5601-1987 and euc-kr: CP949 (Unified Hangul Code), which holds
 *    EUC-KR and the 8822 syllables it lacks;
 *  - shift_jis: CP932 (windows-31j), Shift_JIS with the NEC and IBM
 *    extensions (circled digits, Roman numerals) Windows writes;
 *  - iso-8859-1 and iso-8859-9: windows-1252 and windows-1254, the same
 *    but for 0x80-0x9F, where ISO 8859 has C1 control characters, which
 *    text never holds, and Windows has the quotation marks, dashes and
 *    euro sign it writes there; tis-620 and iso-8859-11 alike:
 *    windows-874.
 * Valid text in the charset named decodes the same either way.  US-ASCII
 * stays US-ASCII: bytes above 127 under it could mean anything.
 */
#define ISO8859(n, name) \
	{ "iso-8859-" #n, name }, { "iso8859-" #n, name }, \
	{ "iso_8859-" #n, name }, { "iso8859" #n, name }
#define WINDOWS(n) \
	{ "windows-" #n, "WINDOWS-" #n }, { "cp" #n, "WINDOWS-" #n }, \
	{ "x-cp" #n, "WINDOWS-" #n }

static const struct {
	const char *label, *name;
} charsets[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
	{ "us-ascii", "US-ASCII" }, { "ascii", "US-ASCII" },
	{ "ansi_x3.4-1968", "US-ASCII" }, { "iso646-us", "US-ASCII" },
	{ "us", "US-ASCII" }, { "csascii", "US-ASCII" },
	{ "iso-ir-6", "US-ASCII" }, { "cp367", "US-ASCII" },
	{ "ibm367", "US-ASCII" },
	/* ISO 8859 */
	ISO8859(1, "WINDOWS-1252"),
	{ "iso_8859-1:1987", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
	{ "ibm819", "WINDOWS-1252" }, { "csisolatin1", "WINDOWS-1252" },
	{ "iso-ir-100", "WINDOWS-1252" },
	ISO8859(2, "ISO-8859-2"),
	{ "iso_8859-2:1987", "ISO-8859-2" }, { "latin2", "ISO-8859-2" },
	{ "l2", "ISO-8859-2" }, { "csisolatin2", "ISO-8859-2" },
	{ "iso-ir-101", "ISO-8859-2" },
	ISO8859(3, "ISO-8859-3"),
	{ "latin3", "ISO-8859-3" }, { "l3", "ISO-8859-3" },
	{ "csisolatin3", "ISO-8859-3" }, { "iso-ir-109", "ISO-8859-3" },
	ISO8859(4, "ISO-8859-4"),
	{ "latin4", "ISO-8859-4" }, { "l4", "ISO-8859-4" },
	{ "csisolatin4", "ISO-8859-4" }, { "iso-ir-110", "ISO-8859-4" },
	ISO8859(5, "ISO-8859-5"),
	{ "cyrillic", "ISO-8859-5" }, { "csisolatincyrillic", "ISO-8859-5" },
	{ "iso-ir-144", "ISO-8859-5" },
	ISO8859(6, "ISO-8859-6"),
	{ "arabic", "ISO-8859-6" }, { "csisolatinarabic", "ISO-8859-6" },
	{ "iso-8859-6-e", "ISO-8859-6" }, { "iso-8859-6-i", "ISO-8859-6" },
	{ "asmo-708", "ISO-8859-6" }, { "ecma-114", "ISO-8859-6" },
	{ "iso-ir-127", "ISO-8859-6" },
	ISO8859(7, "ISO-8859-7"),
	{ "greek", "ISO-8859-7" }, { "greek8", "ISO-8859-7" },
	{ "csisolatingreek", "ISO-8859-7" }, { "ecma-118", "ISO-8859-7" },
	{ "elot_928", "ISO-8859-7" }, { "iso-ir-126", "ISO-8859-7" },
	ISO8859(8, "ISO-8859-8"),
	{ "hebrew", "ISO-8859-8" }, { "csisolatinhebrew", "ISO-8859-8" },
	{ "iso-8859-8-e", "ISO-8859-8" }, { "iso-8859-8-i", "ISO-8859-8" },
	{ "visual", "ISO-8859-8" }, { "logical", "ISO-8859-8" },
	{ "iso-ir-138", "ISO-8859-8" },
	ISO8859(9, "WINDOWS-1254"),
	{ "latin5", "WINDOWS-1254" }, { "l5", "WINDOWS-1254" },
	{ "csisolatin5", "WINDOWS-1254" }, { "iso-ir-148", "WINDOWS-1254" },
	ISO8859(10, "ISO-8859-10"),
	{ "latin6", "ISO-8859-10" }, { "l6", "ISO-8859-10" },
	{ "csisolatin6", "ISO-8859-10" }, { "iso-ir-157", "ISO-8859-10" },
	ISO8859(11, "WINDOWS-874"),
	ISO8859(13, "ISO-8859-13"),
	{ "latin7", "ISO-8859-13" },
	ISO8859(14, "ISO-8859-14"),
	{ "latin8", "ISO-8859-14" },
	ISO8859(15, "ISO-8859-15"),
	{ "latin9", "ISO-8859-15" }, { "latin-9", "ISO-8859-15" },
	{ "l9", "ISO-8859-15" }, { "csisolatin9", "ISO-8859-15" },
	ISO8859(16, "ISO-8859-16"),
	{ "latin10", "ISO-8859-16" }, { "l10", "ISO-8859-16" },
	/* Windows, DOS, Macintosh, KOI8 */
	WINDOWS(1250), WINDOWS(1251), WINDOWS(1252), WINDOWS(1253),
	WINDOWS(1254), WINDOWS(1255), WINDOWS(1256), WINDOWS(1257),
	WINDOWS(1258),
	{ "windows-874", "WINDOWS-874" }, { "cp874", "WINDOWS-874" },
	{ "dos-874", "WINDOWS-874" }, { "tis-620", "WINDOWS-874" },
	{ "tis620", "WINDOWS-874" },
	{ "ibm866", "IBM866" }, { "cp866", "IBM866" }, { "866", "IBM866" },
	{ "csibm866", "IBM866" },
	{ "ibm437", "IBM437" }, { "cp437", "IBM437" }, { "437", "IBM437" },
	{ "ibm850", "IBM850" }, { "cp850", "IBM850" }, { "850", "IBM850" },
	{ "koi8-r", "KOI8-R" }, { "koi8r", "KOI8-R" }, { "koi8", "KOI8-R" },
	{ "koi", "KOI8-R" }, { "cskoi8r", "KOI8-R" }, { "koi8_r", "KOI8-R" },
	{ "koi8-u", "KOI8-U" }, { "koi8-ru", "KOI8-RU" },
	{ "macintosh", "MACINTOSH" }, { "mac", "MACINTOSH" },
	{ "x-mac-roman", "MACINTOSH" }, { "csmacintosh", "MACINTOSH" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC" },
	{ "x-mac-ukrainian", "MACUKRAINIAN" },
	{ "viscii", "VISCII" },
	/* Chinese */
	{ "gb2312", "GB18030" }, { "gb_2312", "GB18030" },
	{ "gb_2312-80", "GB18030" }, { "csgb2312", "GB18030" },
	{ "csiso58gb231280", "GB18030" }, { "iso-ir-58", "GB18030" },
	{ "chinese", "GB18030" }, { "euc-cn", "GB18030" },
	{ "gbk", "GB18030" }, { "x-gbk", "GB18030" }, { "cp936", "GB18030" },
	{ "ms936", "GB18030" }, { "windows-936", "GB18030" },
	{ "gb18030", "GB18030" },
	{ "iso-2022-cn", "ISO-2022-CN" },
	{ "big5", "BIG5" }, { "cn-big5", "BIG5" }, { "csbig5", "BIG5" },
	{ "x-x-big5", "BIG5" }, { "cp950", "CP950" },
	{ "big5-hkscs", "BIG5-HKSCS" }, { "big5hkscs", "BIG5-HKSCS" },
	{ "euc-tw", "EUC-TW" },
	/* Japanese */
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" },
	{ "sjis", "CP932" }, { "x-sjis", "CP932" }, { "ms_kanji", "CP932" },
	{ "csshiftjis", "CP932" }, { "windows-31j", "CP932" },
	{ "cp932", "CP932" }, { "ms932", "CP932" },
	{ "euc-jp", "EUC-JP" }, { "x-euc-jp", "EUC-JP" },
	{ "eucjp", "EUC-JP" }, { "cseucpkdfmtjapanese", "EUC-JP" },
	{ "iso-2022-jp", "ISO-2022-JP" }, { "csiso2022jp", "ISO-2022-JP" },
	{ "iso-2022-jp-2", "ISO-2022-JP-2" },
	/* Korean */
	{ "ks_c_5601-1987", "CP949" }, { "ks_c_5601-1989", "CP949" },
	{ "ksc_5601", "CP949" }, { "ksc5601", "CP949" },
	{ "csksc56011987", "CP949" }, { "iso-ir-149", "CP949" },
	{ "korean", "CP949" }, { "euc-kr", "CP949" }, { "cseuckr", "CP949" },
	{ "cp949", "CP949" }, { "windows-949", "CP949" },
	{ "x-windows-949", "CP949" }, { "uhc", "CP949" },
	{ "iso-2022-kr", "ISO-2022-KR" }, { "csiso2022kr", "ISO-2022-KR" },
	{ "johab", "JOHAB" },
	/* Unicode */
	{ "utf-16", "UTF-16" }, { "utf-16le", "UTF-16LE" },
	{ "utf-16be", "UTF-16BE" }, { "utf-32", "UTF-32" },
	{ "utf-32le", "UTF-32LE" }, { "utf-32be", "UTF-32BE" },
	{ "ucs-2", "UCS-2" }, { "utf-7", "UTF-7" },
	{ "unicode-1-1-utf-7", "UTF-7" }, { "csunicode11utf7", "UTF-7" },
};

const char *
text_charset_name(const char *cs, size_t cslen)
{
	size_t i;

	if (cs == NULL)
		return NULL;
	for (i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++)
		if (text_ieq(cs, cslen, charsets[i].label))
			return charsets[i].name;
	return NULL;
}

const char *
text_charset_at(size_t k, const char **label)
{
	if (k >= sizeof(charsets) / sizeof(charsets[0]))
		return NULL;
	*label = charsets[k].label;
	return charsets[k].name;
}

long
text_to_utf8(const char *cs, size_t cslen, const unsigned char *in,
    size_t n, enum text_bad bad, struct sbuf *out)
{
	const char *name = text_charset_name(cs, cslen);
	char obuf[256];
	iconv_t cd;
	char *ip, *op;
	size_t ileft, oleft, r, start = out->len;
	long nbad = 0;

	if (name != NULL && strcmp(name, "UTF-8") == 0)
		return check_utf8(in, n, 0, bad, out);
	if (name != NULL && strcmp(name, "US-ASCII") == 0)
		return check_utf8(in, n, 1, bad, out);
	cd = name != NULL ? iconv_open("UTF-8", name) : (iconv_t)-1;
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

int
text_is_bidi_control(const unsigned char *s, size_t k)
{
	if (k < 3 || s[0] != 0xe2)
		return 0;
	if (s[1] == 0x80)
		return (s[2] >= 0xaa && s[2] <= 0xae) || s[2] == 0x8e ||
		    s[2] == 0x8f;
	return s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9;
}

void
text_escape(const unsigned char *s, size_t n, int flags, struct sbuf *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char e[4];
	size_t i, j, k;
	int backslash = flags & TEXT_ESC_BACKSLASH;
	int bidi = flags & TEXT_ESC_BIDI;

	for (i = 0; i < n; i = j) {
		/* Runs of ordinary bytes go out in one piece. */
		for (j = i; j < n && s[j] >= 0x20 && s[j] != 0x7f &&
		    !(s[j] == '\\' && backslash) &&
		    !(s[j] == 0xc2 && j + 1 < n && s[j + 1] >= 0x80 &&
		    s[j + 1] <= 0x9f) &&
		    !(bidi && text_is_bidi_control(s + j, n - j)); j++)
			;
		sb_put(out, s + i, j - i);
		if (j == n)
			break;
		e[0] = '\\';
		e[1] = 'x';
		if (bidi && text_is_bidi_control(s + j, n - j)) {
			for (k = 0; k < 3; k++, j++) {
				e[2] = (unsigned char)hex[s[j] >> 4];
				e[3] = (unsigned char)hex[s[j] & 15];
				sb_put(out, e, 4);
			}
			continue;
		}
		if (s[j] == '\t' || s[j] == '\n' || s[j] == '\r' ||
		    s[j] == '\\') {
			e[1] = s[j] == '\t' ? 't' : s[j] == '\n' ? 'n' :
			    s[j] == '\r' ? 'r' : '\\';
			sb_put(out, e, 2);
			j++;
			continue;
		}
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
	const char *name = text_charset_name(cs, cslen);
	iconv_t cd;

	if (name == NULL)
		return 0;
	if (strcmp(name, "UTF-8") == 0 || strcmp(name, "US-ASCII") == 0)
		return 1;
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
