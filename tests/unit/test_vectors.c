/*
 * test_vectors.c - known answers: RFC 4648 section 10 both ways, the URL
 * alphabet, unpadded output, line wrapping, and every GNU-mode decoding
 * example of SPEC section 1 with its partial output, status and error
 * offset, and the documented error positions (offset, line, column,
 * byte).  Each vector runs one-shot and streamed one byte at a time.
 * Last, GNU-mode decoding is compared with a small model of the 9.8 rules
 * written from the spec, exhaustively on short strings and on random ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "b64.h"
#include "tap.h"
#include "testutil.h"

#define OUTMAX 4096

/* A string literal and its length (embedded NULs allowed). */
#define S(x) x, sizeof(x) - 1

/* Expected status "some error, any code" and "do not check the offset". */
#define ANY_ERROR (-1)
#define ANY_OFF   (-1L)

struct result {
	enum b64_status st;
	uint64_t off;           /* error offset, when st is an error */
	size_t len;
	unsigned char out[OUTMAX];
	const char *bad;        /* contract violation seen on the way */
};

/* ---- decoding ---------------------------------------------------------- */

/* One b64_decode() call (testutil.c's dec_oneshot) into R. */
static void
dec_whole(const void *in, size_t n, unsigned flags, struct result *r)
{
	struct oneshot o;

	memset(r, 0, sizeof(*r));
	dec_oneshot(in, n, flags, r->out, OUTMAX, &o);
	r->st = o.st;
	r->len = o.len;
	r->off = o.off;
	r->bad = o.bad;
}

/* One update per input byte, then final. */
static void
dec_bytewise(const void *in, size_t n, unsigned flags, struct result *r)
{
	const unsigned char *s = in;
	struct b64_decoder d;
	enum b64_status st;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->st = b64_decoder_init(&d, flags);
	if (r->st != B64_OK)
		return;
	for (i = 0; i < n; i++) {
		size_t used = SIZE_MAX, len = SIZE_MAX, cap = OUTMAX - r->len;
		const unsigned char *ip = arena_input(s + i, 1);
		unsigned char *op = arena_output(cap);

		st = b64_decode_update(&d, ip, 1, &used, op, cap, &len);
		if (!arena_guard_ok())
			r->bad = "update wrote past the output capacity";
		if (len > cap || used > 1) {
			r->bad = "update: out_len or in_used out of range";
			r->st = st;
			return;
		}
		memcpy(r->out + r->len, op, len);
		r->len += len;
		if (st == B64_OK) {
			if (used != 1)
				r->bad = "update returned B64_OK without "
				    "consuming its input";
			continue;
		}
		r->st = st;
		if (!B64_IS_ERROR(st)) {
			r->bad = "update returned B64_NEED_OUTPUT with room";
			return;
		}
		r->off = b64_decoder_error_offset(&d);
		if (r->off == i && used != 0)
			r->bad = "update error: in_used is not the index of "
			    "the offending byte";
		return;
	}
	r->st = b64_decode_final(&d);
	if (B64_IS_ERROR(r->st))
		r->off = b64_decoder_error_offset(&d);
}

struct dcase {
	const char *in;
	size_t n;
	unsigned flags;
	const char *out;
	size_t outn;
	int want;       /* a b64_status, or ANY_ERROR */
	long off;       /* expected error offset, or ANY_OFF */
};

static const struct dcase dcases[] = {
	/* RFC 4648 section 10 */
	{ S(""), 0, S(""), B64_OK, 0 },
	{ S("Zg=="), 0, S("f"), B64_OK, 0 },
	{ S("Zm8="), 0, S("fo"), B64_OK, 0 },
	{ S("Zm9v"), 0, S("foo"), B64_OK, 0 },
	{ S("Zm9vYg=="), 0, S("foob"), B64_OK, 0 },
	{ S("Zm9vYmE="), 0, S("fooba"), B64_OK, 0 },
	{ S("Zm9vYmFy"), 0, S("foobar"), B64_OK, 0 },

	/* GNU default mode, accepted */
	{ S("Zm9vYmFy\n"), 0, S("foobar"), B64_OK, 0 },
	{ S("Zm9v\nYmFy\n"), 0, S("foobar"), B64_OK, 0 },
	{ S("Z\nm\n9\nv\n"), 0, S("foo"), B64_OK, 0 },
	{ S("\n\n\n"), 0, S(""), B64_OK, 0 },
	{ S("Zg=\n="), 0, S("f"), B64_OK, 0 },
	{ S("Zg\n=="), 0, S("f"), B64_OK, 0 },
	{ S("Zm8=Zm8="), 0, S("fofo"), B64_OK, 0 },
	{ S("Zg==Zg=="), 0, S("ff"), B64_OK, 0 },
	{ S("aQ"), 0, S("i"), B64_OK, 0 },
	{ S("aQ\n"), 0, S("i"), B64_OK, 0 },
	{ S("Zzw"), 0, S("g<"), B64_OK, 0 },
	{ S("Zg"), 0, S("f"), B64_OK, 0 },
	{ S("Zm9vYg"), 0, S("foob"), B64_OK, 0 },
	{ S("Zm9vYmE"), 0, S("fooba"), B64_OK, 0 },
	{ S("Zg==Zg"), 0, S("ff"), B64_OK, 0 },
	{ S("+/8="), 0, S("\xfb\xff"), B64_OK, 0 },
	{ S("////"), 0, S("\xff\xff\xff"), B64_OK, 0 },

	/* GNU default mode, rejected, with GNU's partial output */
	{ S("Zz="), 0, S("g"), B64_ERR_MISSING_PAD, 3 },
	{ S("Zg="), 0, S("f"), B64_ERR_MISSING_PAD, 3 },
	{ S("MTIzNA="), 0, S("1234"), ANY_ERROR, 7 },
	{ S("MTIzNA=\n"), 0, S("1234"), ANY_ERROR, 7 },
	{ S("a"), 0, S(""), B64_ERR_TRUNCATED, 0 },
	{ S("Zm9vY"), 0, S("foo"), B64_ERR_TRUNCATED, 4 },
	{ S("Zm9vY\n"), 0, S("foo"), B64_ERR_TRUNCATED, 4 },
	{ S("Zm9v="), 0, S("foo"), ANY_ERROR, 4 },
	{ S("Zm9v===="), 0, S("foo"), ANY_ERROR, 4 },
	{ S("Zg==="), 0, S("f"), ANY_ERROR, 4 },
	{ S("Zg==\n="), 0, S("f"), ANY_ERROR, 5 },
	{ S("="), 0, S(""), ANY_ERROR, 0 },
	{ S("=="), 0, S(""), ANY_ERROR, 0 },
	{ S("Z="), 0, S(""), ANY_ERROR, 1 },
	{ S("Z==="), 0, S(""), ANY_ERROR, 1 },
	{ S("Zg=A"), 0, S("f"), ANY_ERROR, 3 },
	{ S("Zm9vCh=="), 0, S("foo\n"), B64_ERR_NONCANONICAL, 5 },
	{ S("SB=="), 0, S("H"), B64_ERR_NONCANONICAL, 1 },
	{ S("SGVsbG9="), 0, S("Hello"), B64_ERR_NONCANONICAL, 6 },
	{ S("Zm"), 0, S("f"), B64_ERR_NONCANONICAL, 1 },
	{ S("Zm9"), 0, S("fo"), B64_ERR_NONCANONICAL, 2 },
	{ S("Zm9v*"), 0, S("foo"), B64_ERR_BAD_CHAR, 4 },
	{ S("*"), 0, S(""), B64_ERR_BAD_CHAR, 0 },
	{ S("Zm9v\0"), 0, S("foo"), B64_ERR_BAD_CHAR, 4 },
	{ S("Zm\xff" "9v"), 0, S("f"), B64_ERR_BAD_CHAR, 2 },
	{ S("Zg=*="), 0, S("f"), B64_ERR_BAD_CHAR, 3 },
	{ S("-_8="), 0, S(""), B64_ERR_BAD_CHAR, 0 },

	/* CR, space and tab: invalid by default, dropped by -i */
	{ S("Zm9v\r\n"), 0, S("foo"), B64_ERR_BAD_CHAR, 4 },
	{ S("\rZm9v"), 0, S(""), B64_ERR_BAD_CHAR, 0 },
	{ S("Zm9vYmFy\r\n"), 0, S("foobar"), B64_ERR_BAD_CHAR, 8 },
	{ S("Zm 9v"), 0, S("f"), B64_ERR_BAD_CHAR, 2 },
	{ S("Zm9v\tYg=="), 0, S("foo"), B64_ERR_BAD_CHAR, 4 },
	{ S("Zm9v YmFy"), 0, S("foo"), B64_ERR_BAD_CHAR, 4 },
	{ S("Zm9v\r\n"), B64_SKIP_GARBAGE, S("foo"), B64_OK, 0 },
	{ S("\rZm9v"), B64_SKIP_GARBAGE, S("foo"), B64_OK, 0 },
	{ S("Zm9vYmFy\r\n"), B64_SKIP_GARBAGE, S("foobar"), B64_OK, 0 },
	{ S("Zm 9v"), B64_SKIP_GARBAGE, S("foo"), B64_OK, 0 },
	{ S("Zm9v\tYg=="), B64_SKIP_GARBAGE, S("foob"), B64_OK, 0 },
	{ S("Zm9v*"), B64_SKIP_GARBAGE, S("foo"), B64_OK, 0 },
	{ S("Zg=*="), B64_SKIP_GARBAGE, S("f"), B64_OK, 0 },
	{ S("Z*m!9 v\r\nY-m_F.y\x80"), B64_SKIP_GARBAGE, S("foobar"),
	    B64_OK, 0 },

	/* under -i, '=' still counts */
	{ S("Z=g="), B64_SKIP_GARBAGE, S(""), ANY_ERROR, 1 },
	{ S("Z=g="), 0, S(""), ANY_ERROR, 1 },
	{ S("Zm9v=*"), B64_SKIP_GARBAGE, S("foo"), ANY_ERROR, 4 },
	{ S("Zz= "), B64_SKIP_GARBAGE, S("g"), B64_ERR_MISSING_PAD, 3 },

	/* the URL alphabet */
	{ S("-_8="), B64_ALPHA_URL, S("\xfb\xff"), B64_OK, 0 },
	{ S("____"), B64_ALPHA_URL, S("\xff\xff\xff"), B64_OK, 0 },
	{ S("+/8="), B64_ALPHA_URL, S(""), B64_ERR_BAD_CHAR, 0 },
	{ S("Zm9v/w=="), B64_ALPHA_URL, S("foo"), B64_ERR_BAD_CHAR, 4 },
	{ S("Zm9v+/_w=="), B64_ALPHA_URL | B64_SKIP_GARBAGE, S("foo\xff"),
	    B64_OK, 0 },
};

/*
 * Where an error is placed (b64.h): the offending byte; a '=' too many at
 * itself; missing padding right after the quantum; a non-canonical
 * quantum at the character carrying the unused bits; a leftover character
 * at itself.  Lines are counted by LF, both 1-based, columns in bytes.
 */
struct poscase {
	const char *in;
	size_t n;
	unsigned flags;
	int want;
	uint64_t off, line, col;
	int byte;       /* the offending byte, or -1: not checked */
};

static const struct poscase poscases[] = {
	{ S("*"), 0, B64_ERR_BAD_CHAR, 0, 1, 1, '*' },
	{ S("Zm9v\nYm*y"), 0, B64_ERR_BAD_CHAR, 7, 2, 3, '*' },
	{ S("Zm9v\r\nYmFy"), 0, B64_ERR_BAD_CHAR, 4, 1, 5, '\r' },
	{ S("\n\n\n \n"), 0, B64_ERR_BAD_CHAR, 3, 4, 1, ' ' },
	{ S("Zm9v\nYmFy\n\x80"), 0, B64_ERR_BAD_CHAR, 10, 3, 1, 0x80 },
	{ S("Zm9v\n\nZ"), 0, B64_ERR_TRUNCATED, 6, 3, 1, -1 },
	{ S("Zm9v\nSB=="), 0, B64_ERR_NONCANONICAL, 6, 2, 2, -1 },
	{ S("Zm9v\nYmFy\nZm9vCh=="), 0, B64_ERR_NONCANONICAL, 15, 3, 6,
	    -1 },
	{ S("Zg=\n"), 0, B64_ERR_MISSING_PAD, 3, 1, 4, -1 },
	{ S("\nZm9v=\n"), 0, ANY_ERROR, 5, 2, 5, '=' },
	{ S("Zm9v\n*"), B64_ALPHA_URL, B64_ERR_BAD_CHAR, 5, 2, 1, '*' },
	{ S("Zm9v\n+"), B64_ALPHA_URL, B64_ERR_BAD_CHAR, 5, 2, 1, '+' },
};

static void
test_error_positions(void)
{
	size_t i, k;

	for (i = 0; i < sizeof(poscases) / sizeof(poscases[0]); i++) {
		const struct poscase *c = &poscases[i];
		char esc[TAP_BYTES_SHOWN * 4 + 8];
		struct b64_decoder d;
		enum b64_status st;
		uint64_t off = 0, line = 0, col = 0;
		unsigned byte = 0;
		int pass;

		/* fed in two halves, so line counting crosses a call */
		st = b64_decoder_init(&d, c->flags);
		for (k = 0; k < 2 && st == B64_OK; k++) {
			unsigned char out[64];
			size_t a = k ? c->n / 2 : 0, b = k ? c->n : c->n / 2;
			size_t used, len;

			st = b64_decode_update(&d, c->in + a, b - a, &used,
			    out, sizeof(out), &len);
		}
		if (st == B64_OK)
			st = b64_decode_final(&d);
		if (B64_IS_ERROR(st)) {
			off = b64_decoder_error_offset(&d);
			line = b64_decoder_error_line(&d);
			col = b64_decoder_error_column(&d);
			byte = b64_decoder_error_byte(&d);
		}
		pass = (c->want == ANY_ERROR ? B64_IS_ERROR(st) :
		    st == (enum b64_status)c->want) && off == c->off &&
		    line == c->line && col == c->col &&
		    (c->byte < 0 || byte == (unsigned)c->byte);
		tap_escape(esc, sizeof(esc), c->in, c->n);
		tap_ok(pass, "error position of \"%s\" flags 0x%04x: byte "
		    "%llu, line %llu, column %llu", esc, c->flags,
		    (unsigned long long)c->off, (unsigned long long)c->line,
		    (unsigned long long)c->col);
		if (!pass)
			tap_diag("  got %s at byte %llu, line %llu, column "
			    "%llu, byte value 0x%02x", status_name(st),
			    (unsigned long long)off, (unsigned long long)line,
			    (unsigned long long)col, byte);
	}
}

static int
check_dec(const struct dcase *c, const struct result *r, const char *how)
{
	char esc[TAP_BYTES_SHOWN * 4 + 8];
	int pass = 1;

	if (r->bad)
		pass = 0;
	if (r->len != c->outn || memcmp(r->out, c->out, c->outn) != 0)
		pass = 0;
	if (c->want == ANY_ERROR ? !B64_IS_ERROR(r->st) :
	    r->st != (enum b64_status)c->want)
		pass = 0;
	if (B64_IS_ERROR(r->st)) {
		if (c->off != ANY_OFF && r->off != (uint64_t)c->off)
			pass = 0;
		if (r->off > c->n)
			pass = 0;
	}
	tap_escape(esc, sizeof(esc), c->in, c->n);
	tap_ok(pass, "decode %s \"%s\" flags 0x%04x", how, esc, c->flags);
	if (!pass) {
		tap_diag_bytes("want output", c->out, c->outn);
		tap_diag_bytes(" got output", r->out, r->len);
		tap_diag("  want status %s, offset %s%ld",
		    c->want == ANY_ERROR ? "(any error)" :
		    status_name((enum b64_status)c->want),
		    c->off == ANY_OFF ? "<= input length, e.g. " : "",
		    c->off == ANY_OFF ? (long)c->n : c->off);
		tap_diag("   got status %s, offset %llu", status_name(r->st),
		    B64_IS_ERROR(r->st) ? (unsigned long long)r->off : 0ULL);
		if (r->bad)
			tap_diag("  contract: %s", r->bad);
	}
	return pass;
}

static void
test_decode_vectors(void)
{
	struct result r;
	size_t i;

	for (i = 0; i < sizeof(dcases) / sizeof(dcases[0]); i++) {
		dec_whole(dcases[i].in, dcases[i].n, dcases[i].flags, &r);
		check_dec(&dcases[i], &r, "one-shot");
		dec_bytewise(dcases[i].in, dcases[i].n, dcases[i].flags, &r);
		check_dec(&dcases[i], &r, "bytewise");
	}
}

/* ---- encoding ---------------------------------------------------------- */

/* One b64_encode() call (testutil.c's enc_oneshot) into R. */
static void
enc_whole(const void *in, size_t n, unsigned flags, size_t wrap, size_t cap,
    struct result *r)
{
	struct oneshot o;

	memset(r, 0, sizeof(*r));
	enc_oneshot(in, n, flags, wrap, r->out, cap, &o);
	r->st = o.st;
	r->len = o.len;
	r->bad = o.bad;
}

static void
enc_bytewise(const void *in, size_t n, unsigned flags, size_t wrap,
    struct result *r)
{
	const unsigned char *s = in;
	struct b64_encoder e;
	enum b64_status st;
	size_t i, used, len, cap;
	unsigned char *op;

	memset(r, 0, sizeof(*r));
	r->st = b64_encoder_init(&e, flags, wrap);
	if (r->st != B64_OK)
		return;
	for (i = 0; i < n; i++) {
		const unsigned char *ip = arena_input(s + i, 1);

		cap = OUTMAX - r->len;
		op = arena_output(cap);
		used = len = SIZE_MAX;
		st = b64_encode_update(&e, ip, 1, &used, (char *)op, cap,
		    &len);
		if (!arena_guard_ok())
			r->bad = "update wrote past the output capacity";
		if (st != B64_OK || used != 1 || len > cap) {
			r->bad = "update did not take its byte";
			r->st = st;
			return;
		}
		memcpy(r->out + r->len, op, len);
		r->len += len;
	}
	cap = OUTMAX - r->len;
	op = arena_output(cap);
	len = SIZE_MAX;
	r->st = b64_encode_final(&e, (char *)op, cap, &len);
	if (!arena_guard_ok())
		r->bad = "final wrote past the output capacity";
	if (len > cap) {
		r->bad = "final: out_len larger than the capacity";
		return;
	}
	memcpy(r->out + r->len, op, len);
	r->len += len;
}

struct ecase {
	const char *in;
	size_t n;
	unsigned flags;
	size_t wrap;
	const char *out;
	size_t outn;
};

static const struct ecase ecases[] = {
	/* RFC 4648 section 10 */
	{ S(""), 0, 0, S("") },
	{ S("f"), 0, 0, S("Zg==") },
	{ S("fo"), 0, 0, S("Zm8=") },
	{ S("foo"), 0, 0, S("Zm9v") },
	{ S("foob"), 0, 0, S("Zm9vYg==") },
	{ S("fooba"), 0, 0, S("Zm9vYmE=") },
	{ S("foobar"), 0, 0, S("Zm9vYmFy") },

	/* no padding */
	{ S(""), B64_NO_PAD, 0, S("") },
	{ S("f"), B64_NO_PAD, 0, S("Zg") },
	{ S("fo"), B64_NO_PAD, 0, S("Zm8") },
	{ S("foo"), B64_NO_PAD, 0, S("Zm9v") },
	{ S("foob"), B64_NO_PAD, 0, S("Zm9vYg") },
	{ S("fooba"), B64_NO_PAD, 0, S("Zm9vYmE") },
	{ S("foobar"), B64_NO_PAD, 0, S("Zm9vYmFy") },

	/* the two alphabets differ in exactly two characters */
	{ S("\xfb\xff"), 0, 0, S("+/8=") },
	{ S("\xfb\xff"), B64_ALPHA_URL, 0, S("-_8=") },
	{ S("\xfb\xff"), B64_ALPHA_URL | B64_NO_PAD, 0, S("-_8") },
	{ S("\xfb\xef\xbe"), 0, 0, S("++++") },
	{ S("\xfb\xef\xbe"), B64_ALPHA_URL, 0, S("----") },
	{ S("\xff\xff\xff"), 0, 0, S("////") },
	{ S("\xff\xff\xff"), B64_ALPHA_URL, 0, S("____") },
	{ S("\x00\x10\x83\x10\x51\x87\x20\x92\x8b\x30\xd3\x8f\x41\x14\x93"
	    "\x51\x55\x97\x61\x96\x9b\x71\xd7\x9f\x82\x18\xa3\x92\x59\xa7"
	    "\xa2\x9a\xab\xb2\xdb\xaf\xc3\x1c\xb3\xd3\x5d\xb7\xe3\x9e\xbb"
	    "\xf3\xdf\xbf"), 0, 0,
	    S("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	    "+/") },
	{ S("\x00\x10\x83\x10\x51\x87\x20\x92\x8b\x30\xd3\x8f\x41\x14\x93"
	    "\x51\x55\x97\x61\x96\x9b\x71\xd7\x9f\x82\x18\xa3\x92\x59\xa7"
	    "\xa2\x9a\xab\xb2\xdb\xaf\xc3\x1c\xb3\xd3\x5d\xb7\xe3\x9e\xbb"
	    "\xf3\xdf\xbf"), B64_ALPHA_URL, 0,
	    S("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	    "-_") },

	/* wrapping: a line end after each WRAP characters and after a
	 * partial last line, none for empty output */
	{ S(""), 0, 76, S("") },
	{ S(""), B64_CRLF, 1, S("") },
	{ S("f"), 0, 76, S("Zg==\n") },
	{ S("foo"), 0, 4, S("Zm9v\n") },
	{ S("foob"), 0, 4, S("Zm9v\nYg==\n") },
	{ S("foobar"), 0, 5, S("Zm9vY\nmFy\n") },
	{ S("foobar"), B64_CRLF, 5, S("Zm9vY\r\nmFy\r\n") },
	{ S("fooba"), B64_NO_PAD, 5, S("Zm9vY\nmE\n") },
	{ S("fooba"), B64_NO_PAD | B64_CRLF, 5, S("Zm9vY\r\nmE\r\n") },
	{ S("foobar"), 0, 8, S("Zm9vYmFy\n") },
	{ S("f"), 0, 1, S("Z\ng\n=\n=\n") },
	{ S("f"), B64_CRLF, 1, S("Z\r\ng\r\n=\r\n=\r\n") },
	{ S("f"), B64_NO_PAD, 1, S("Z\ng\n") },
	{ S("f"), B64_NO_PAD, 2, S("Zg\n") },
	{ S("fo"), 0, 3, S("Zm8\n=\n") },
	{ S("foobar"), B64_CRLF, 0, S("Zm9vYmFy") },
	{ S("foobar"), 0, 1000, S("Zm9vYmFy\n") },
	{ S("foobar"), 0, SIZE_MAX, S("Zm9vYmFy\n") },
};

static int
check_enc(const struct ecase *c, const struct result *r, const char *how)
{
	char esc[TAP_BYTES_SHOWN * 4 + 8];
	int pass = !r->bad && r->st == B64_OK && r->len == c->outn &&
	    memcmp(r->out, c->out, c->outn) == 0;

	tap_escape(esc, sizeof(esc), c->in, c->n);
	tap_ok(pass, "encode %s \"%s\" flags 0x%04x wrap %lu", how, esc,
	    c->flags, (unsigned long)c->wrap);
	if (!pass) {
		tap_diag_bytes("want", c->out, c->outn);
		tap_diag_bytes(" got", r->out, r->len);
		tap_diag("  status %s%s%s", status_name(r->st),
		    r->bad ? "; contract: " : "", r->bad ? r->bad : "");
	}
	return pass;
}

static void
test_encode_vectors(void)
{
	struct result r;
	size_t i;

	for (i = 0; i < sizeof(ecases) / sizeof(ecases[0]); i++) {
		const struct ecase *c = &ecases[i];

		/* exactly the room the output needs */
		enc_whole(c->in, c->n, c->flags, c->wrap, c->outn, &r);
		check_enc(c, &r, "one-shot");
		enc_bytewise(c->in, c->n, c->flags, c->wrap, &r);
		check_enc(c, &r, "bytewise");
	}
}

/* Long inputs against the reference encoder: line structure at 76. */
static void
test_encode_wrap_long(void)
{
	static const size_t lens[] = { 56, 57, 58, 113, 114, 115, 171, 1000 };
	static const size_t wraps[] = { 76, 5, 1, 4, 64 };
	static const unsigned fl[] = { 0, B64_CRLF, B64_NO_PAD,
		B64_NO_PAD | B64_CRLF | B64_ALPHA_URL };
	unsigned char in[1000];
	char want[REF_ENCODE_MAX(1000)];
	struct result *r;
	static struct result rbuf;
	struct rng g;
	size_t li, wi, fi;

	r = &rbuf;
	rng_init(&g, 0x5e7e7);
	rng_fill(&g, in, sizeof(in));
	for (wi = 0; wi < sizeof(wraps) / sizeof(wraps[0]); wi++) {
		for (fi = 0; fi < sizeof(fl) / sizeof(fl[0]); fi++) {
			int pass = 1;
			size_t wlen = 0;

			for (li = 0; pass && li < sizeof(lens) /
			    sizeof(lens[0]); li++) {
				wlen = ref_encode(in, lens[li], fl[fi],
				    wraps[wi], want);
				if (wlen > OUTMAX)
					continue;
				enc_whole(in, lens[li], fl[fi], wraps[wi],
				    wlen, r);
				pass = !r->bad && r->st == B64_OK &&
				    r->len == wlen &&
				    memcmp(r->out, want, wlen) == 0;
			}
			tap_ok(pass, "encode random data lengths 56..1000, "
			    "wrap %lu flags 0x%04x matches the reference",
			    (unsigned long)wraps[wi], fl[fi]);
			if (!pass) {
				tap_diag("  length %lu",
				    (unsigned long)lens[li - 1]);
				tap_diag_bytes("want", want, wlen);
				tap_diag_bytes(" got", r->out, r->len);
				tap_diag("  status %s", status_name(r->st));
			}
		}
	}
}

/* Round trip of all 256 byte values through both alphabets. */
static void
test_roundtrip_all_bytes(void)
{
	static const unsigned fl[] = { 0, B64_ALPHA_URL, B64_NO_PAD,
		B64_ALPHA_URL | B64_NO_PAD };
	unsigned char in[256];
	static struct result e, d;
	size_t i, n;

	for (i = 0; i < 256; i++)
		in[i] = (unsigned char)i;
	for (i = 0; i < sizeof(fl) / sizeof(fl[0]); i++) {
		int pass = 1;

		for (n = 0; n <= 256 && pass; n++) {
			enc_whole(in + 256 - n, n, fl[i], 0, OUTMAX, &e);
			/* GNU mode pads automatically, so unpadded works */
			dec_whole(e.out, e.len, fl[i] & B64_ALPHA_URL, &d);
			pass = !e.bad && !d.bad && e.st == B64_OK &&
			    d.st == B64_OK && d.len == n &&
			    memcmp(d.out, in + 256 - n, n) == 0;
		}
		tap_ok(pass, "round trip of byte runs 0..256, flags 0x%04x",
		    fl[i]);
		if (!pass) {
			tap_diag("  length %lu", (unsigned long)(n - 1));
			tap_diag_bytes("encoded", e.out, e.len);
			tap_diag("  encode %s, decode %s", status_name(e.st),
			    status_name(d.st));
		}
	}
}

/* ---- a model of GNU 9.8 decoding --------------------------------------- */

struct model {
	int err;            /* input is invalid */
	size_t pos;         /* where: the offending byte, or N at the end */
	int badchar;        /* it fails on a byte outside alphabet, '=', LF */
	int ambiguous;      /* the quantum was already doomed before POS */
	size_t len;
	unsigned char out[OUTMAX];
};

static void
model_fail(struct model *m, size_t pos, int badchar, int doomed)
{
	m->err = 1;
	m->pos = pos;
	m->badchar = badchar;
	m->ambiguous = doomed;
}

/*
 * The rules of the brief, one character at a time: LF skipped; other
 * non-alphabet bytes but '=' are errors (or skipped with -i); quanta of
 * four; c0 and c1 alphabet; byte 0 once c1 is seen; c2 '=' needs c3 '='
 * and zero low 4 bits of c1; else byte 1, and c3 '=' needs zero low 2
 * bits of c2, else byte 2.  At the end 2 or 3 characters are padded
 * automatically, 1 character or a quantum ending in '=' is an error.
 */
static void
model_gnu(const unsigned char *in, size_t n, unsigned flags, struct model *m)
{
	int q[4] = { 0, 0, 0, 0 };
	int pad2 = 0, doomed = 0;
	size_t i, nq = 0;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < n; i++) {
		int v;

		if (in[i] == '\n')
			continue;
		v = ref_value(flags, in[i]);
		if (v < 0 && in[i] != '=') {
			if (flags & B64_SKIP_GARBAGE)
				continue;
			model_fail(m, i, 1, doomed);
			return;
		}
		switch (nq) {
		case 0:
			if (v < 0) {
				model_fail(m, i, 0, 0);
				return;
			}
			q[0] = v;
			nq = 1;
			break;
		case 1:
			if (v < 0) {
				model_fail(m, i, 0, 0);
				return;
			}
			q[1] = v;
			m->out[m->len++] =
			    (unsigned char)(q[0] << 2 | q[1] >> 4);
			nq = 2;
			break;
		case 2:
			if (v < 0) {
				pad2 = 1;
				doomed = (q[1] & 15) != 0;
			} else {
				pad2 = 0;
				q[2] = v;
				m->out[m->len++] = (unsigned char)
				    ((q[1] & 15) << 4 | q[2] >> 2);
			}
			nq = 3;
			break;
		default:
			if (pad2) {
				if (v >= 0 || (q[1] & 15)) {
					model_fail(m, i, 0, doomed);
					return;
				}
			} else if (v < 0) {
				if (q[2] & 3) {
					model_fail(m, i, 0, 0);
					return;
				}
			} else {
				m->out[m->len++] =
				    (unsigned char)((q[2] & 3) << 6 | v);
			}
			nq = 0;
			doomed = 0;
			break;
		}
	}
	if (nq == 1 || (nq == 2 && (q[1] & 15)) ||
	    (nq == 3 && (pad2 || (q[2] & 3))))
		model_fail(m, n, 0, 0);
}

/* Compares the library with the model on one input; 1 if they agree. */
static int
agree_with_model(const unsigned char *in, size_t n, unsigned flags,
    int report)
{
	static struct model m;
	static struct result r;
	int pass;

	model_gnu(in, n, flags, &m);
	dec_whole(in, n, flags, &r);
	pass = !r.bad && m.err == B64_IS_ERROR(r.st) && m.len == r.len &&
	    memcmp(m.out, r.out, r.len) == 0 &&
	    (m.err || r.st == B64_OK);
	if (pass && m.err) {
		if (r.off > n)
			pass = 0;
		if (m.badchar && !m.ambiguous &&
		    (r.st != B64_ERR_BAD_CHAR || r.off != m.pos))
			pass = 0;
	}
	if (!pass && report) {
		tap_diag_bytes("input", in, n);
		tap_diag_bytes("model output", m.out, m.len);
		tap_diag_bytes("  lib output", r.out, r.len);
		tap_diag("  model: %s at %lu%s; lib: %s at %llu%s%s",
		    m.err ? (m.badchar ? "bad byte" : "invalid") : "valid",
		    (unsigned long)m.pos, m.ambiguous ? " (ambiguous)" : "",
		    status_name(r.st), (unsigned long long)r.off,
		    r.bad ? "; contract: " : "", r.bad ? r.bad : "");
	}
	return pass;
}

/* Every string of length 0..MAXLEN over SYMS. */
static void
test_model_exhaustive(unsigned flags)
{
	static const char syms[] = "AQBw=\n*";
	const size_t nsym = sizeof(syms) - 1, maxlen = 6;
	unsigned char in[8];
	size_t idx[8];
	size_t len, i, tried = 0, failed = 0;

	for (len = 0; len <= maxlen; len++) {
		memset(idx, 0, sizeof(idx));
		for (;;) {
			for (i = 0; i < len; i++)
				in[i] = (unsigned char)syms[idx[i]];
			tried++;
			if (!agree_with_model(in, len, flags, 0)) {
				if (++failed <= 3)
					agree_with_model(in, len, flags, 1);
			}
			for (i = 0; i < len && ++idx[i] == nsym; i++)
				idx[i] = 0;
			if (i == len)
				break;
		}
	}
	tap_ok(failed == 0, "GNU model agrees on all %lu strings of 0..%lu "
	    "of \"AQBw=\\n*\", flags 0x%04x", (unsigned long)tried,
	    (unsigned long)maxlen, flags);
	if (failed)
		tap_diag("  %lu disagreements (first 3 shown above)",
		    (unsigned long)failed);
}

static void
test_model_random(unsigned flags, uint64_t seed)
{
	static const char extra[] = "=\n\r \t*-_.";
	const char *alpha = ref_alphabet(flags);
	unsigned char in[40];
	size_t t, i, failed = 0;
	const size_t trials = 40000;
	struct rng g;

	rng_init(&g, seed);
	for (t = 0; t < trials; t++) {
		size_t n = rng_below(&g, sizeof(in) + 1);
		unsigned mix = (unsigned)rng_below(&g, 4);

		for (i = 0; i < n; i++) {
			size_t k = rng_below(&g, 16);

			if (k < 10 + mix)
				in[i] = (unsigned char)alpha[rng_below(&g, 64)];
			else if (k < 15)
				in[i] = (unsigned char)extra[rng_below(&g,
				    sizeof(extra) - 1)];
			else
				in[i] = (unsigned char)rng_next(&g);
		}
		if (!agree_with_model(in, n, flags, 0) && ++failed <= 3)
			agree_with_model(in, n, flags, 1);
	}
	tap_ok(failed == 0, "GNU model agrees on %lu random strings, flags "
	    "0x%04x", (unsigned long)trials, flags);
	if (failed)
		tap_diag("  %lu disagreements (first 3 shown above)",
		    (unsigned long)failed);
}

/* Valid encodings with LF at random places always decode back. */
static void
test_model_valid_with_newlines(void)
{
	unsigned char data[48], text[200];
	char enc[REF_ENCODE_MAX(48)];
	size_t t, i, failed = 0;
	struct rng g;
	static struct result r;

	rng_init(&g, 0xf00d);
	for (t = 0; t < 5000; t++) {
		size_t n = rng_below(&g, sizeof(data) + 1), elen, tl = 0;
		unsigned fl = (t & 1) ? B64_NO_PAD : 0;

		rng_fill(&g, data, n);
		elen = ref_encode(data, n, fl, 0, enc);
		for (i = 0; i < elen; i++) {
			while (rng_below(&g, 4) == 0 && tl < 150)
				text[tl++] = '\n';
			text[tl++] = (unsigned char)enc[i];
		}
		dec_whole(text, tl, 0, &r);
		if (r.bad || r.st != B64_OK || r.len != n ||
		    memcmp(r.out, data, n) != 0) {
			if (++failed <= 3) {
				tap_diag_bytes("input", text, tl);
				tap_diag_bytes(" want", data, n);
				tap_diag_bytes("  got", r.out, r.len);
				tap_diag("  status %s", status_name(r.st));
			}
		}
	}
	tap_ok(failed == 0, "5000 random encodings (padded and unpadded) "
	    "with LF anywhere decode back");
}

int
main(void)
{
	test_encode_vectors();
	test_encode_wrap_long();
	test_decode_vectors();
	test_error_positions();
	test_roundtrip_all_bytes();
	test_model_valid_with_newlines();
	test_model_exhaustive(0);
	test_model_exhaustive(B64_SKIP_GARBAGE);
	test_model_random(0, 1);
	test_model_random(B64_SKIP_GARBAGE, 2);
	test_model_random(B64_ALPHA_URL, 3);
	test_model_random(B64_ALPHA_URL | B64_SKIP_GARBAGE, 4);
	return tap_done();
}
