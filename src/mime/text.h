/*
 * text.h - small text helpers the MIME code shares: a bounded output
 * buffer, charset conversion to UTF-8 and UTF-8 checks.
 *
 * Conversion uses iconv(3) from the C library (a conversion descriptor is
 * opened and closed per call); everything else allocates nothing.
 */
#ifndef SEXTET_MIME_TEXT_H
#define SEXTET_MIME_TEXT_H

#include <stddef.h>

/* A caller-owned output buffer.  Appends past CAP are dropped and set
 * OVER, so a writer never overruns and the caller learns of the cut. */
struct sbuf {
	unsigned char *p;
	size_t len, cap;
	int over;
};

void sb_init(struct sbuf *sb, void *p, size_t cap);
void sb_put(struct sbuf *sb, const void *s, size_t n);
void sb_putc(struct sbuf *sb, unsigned char c);
void sb_puts(struct sbuf *sb, const char *s);

/* What to do with a byte that is not valid in its charset. */
enum text_bad {
	TEXT_BAD_PCT,           /* write it as %XX (upper-case hex) */
	TEXT_BAD_FFFD,          /* write U+FFFD */
	TEXT_BAD_FAIL,          /* stop: the conversion fails */
};

/*
 * Convert N bytes in charset CS (CSLEN bytes, any case; NULL or "" means
 * unknown) to UTF-8, appending to OUT.  Returns the number of bytes that
 * did not convert (each handled as BAD says), or -1 with TEXT_BAD_FAIL
 * when one did not or the charset is unknown (then nothing is appended).
 * An unknown charset keeps ASCII and treats other bytes as bad.  Only the
 * labels of text_charset_name()'s table are known: no other name reaches
 * iconv_open().
 */
long text_to_utf8(const char *cs, size_t cslen, const unsigned char *in,
    size_t n, enum text_bad bad, struct sbuf *out);

/* Length of the valid UTF-8 sequence at S (N bytes available), 0 if
 * none starts there. */
size_t text_utf8_len(const unsigned char *s, size_t n);

/* The longest prefix of S (N bytes) not longer than MAX that does not
 * cut a UTF-8 sequence. */
size_t text_utf8_cut(const unsigned char *s, size_t n, size_t max);

/* Case-insensitive ASCII comparison of S (N bytes) with C string T. */
int text_ieq(const char *s, size_t n, const char *t);

/*
 * Whether the UTF-8 character at S (K bytes) is a bidirectional control
 * (Unicode UAX #9): the embeddings and overrides U+202A-U+202E, the
 * isolates U+2066-U+2069 and the marks U+200E, U+200F.  In a file name
 * they only serve to disguise it: "invoice" U+202E "fdp.exe" shows as
 * "invoiceexe.pdf".
 */
int text_is_bidi_control(const unsigned char *s, size_t k);

/* text_escape's FLAGS. */
#define TEXT_ESC_BACKSLASH 1    /* a backslash as \\ */
#define TEXT_ESC_BIDI      2    /* bidi controls as \xHH\xHH\xHH */

/*
 * Append S (N bytes of UTF-8) with control characters escaped for a
 * one-line display: \t \n \r, \xHH for other C0 bytes and DEL, and
 * \xC2\xHH for the C1 characters (U+0080..U+009F).  FLAGS add more
 * (the listing's NAME and FILE columns take both: a name shown must be
 * read as written).
 */
void text_escape(const unsigned char *s, size_t n, int flags,
    struct sbuf *out);

/* True if CS is in the table and iconv (or this code, for UTF-8 and
 * US-ASCII) can convert from it. */
int text_charset_known(const char *cs, size_t cslen);

/*
 * The charset labels mail uses (CS, CSLEN bytes, any case): the name
 * iconv_open() is given for it ("UTF-8" and "US-ASCII" are converted
 * here), or NULL for a label not in the table: an unknown charset.
 * Some labels are read as senders mean them (a superset, text.c says
 * which and why).
 */
const char *text_charset_name(const char *cs, size_t cslen);

/* The table's K-th entry (0-based): its name, and its label in *LABEL;
 * NULL past the last. */
const char *text_charset_at(size_t k, const char **label);

/* The value of the hexadecimal digit C (either case), or -1. */
int text_hexval(unsigned char c);

#endif /* SEXTET_MIME_TEXT_H */
