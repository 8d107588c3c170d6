/*
 * test_base58.c - the base58 codec (src/codec/base58.h): known vectors
 * (Bitcoin Core's base58_encode_decode.json set, each checked against GNU
 * coreutils 9.10 basenc --base58), every rule of the comment at the top of
 * base58.c with its example, bad bytes with their offset, line, column and
 * byte, line wrapping, the buffer contract (guard pages after every
 * window, statuses for short room and short work, unaligned work areas,
 * saturating sizes), and round trips of random data of many sizes (every
 * size to 520 bytes, around limb boundaries, up to 1 MiB), with leading
 * zeros and long runs of zero and 0xff bytes, and of texts with long runs
 * of '1' and 'z' digits, each compared with a reference: a schoolbook
 * conversion written here for inputs up to 2 KiB, GMP's mpz functions (the
 * conversion GNU uses) beyond.
 *
 * The same kinds of input can also go through GNU's basenc (coreutils 9.8
 * or later), whose outputs and exit statuses must then match ours:
 * `test_base58 --gnu PATH` runs that check alone, and with GNU_BASENC set
 * to the program in the environment of `make check` it is one more test
 * point.  Without either it does not run and is not counted as skipped:
 * the systems CI runs on have no basenc --base58 (CI fails on skips).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmp.h>

#include "base58.h"
#include "tap.h"
#include "testutil.h"

#define ALPHABET "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

/* A string literal and its length (embedded NULs allowed). */
#define S(x) x, sizeof(x) - 1

/* Largest input a guarded window takes (bytes). */
#define BIG (1536 * 1024)

/* ---- Guarded windows ------------------------------------------------ */

/* Input, output and work windows, each ending at a PROT_NONE page. */
static struct guarded g_in, g_out, g_work;

static void
windows_init(void)
{
	guarded_init(&g_in, BIG + 4096);
	guarded_init(&g_out, 2 * BIG + 4096);
	guarded_init(&g_work, 2 * BIG + 4096);
}

/* An output window of CAP bytes filled with a pattern. */
static unsigned char *
out_window(size_t cap)
{
	unsigned char *p = guarded_tail(&g_out, cap);

	memset(p, GUARD_BYTE, cap);
	return p;
}

/* True when OUT[0..CAP) still holds the pattern. */
static int
untouched(const unsigned char *out, size_t cap)
{
	size_t i;

	for (i = 0; i < cap; i++)
		if (out[i] != GUARD_BYTE)
			return 0;
	return 1;
}

/* ---- Calls ---------------------------------------------------------- */

struct run {
	enum b58_status st;
	size_t len;
	unsigned char *out;     /* in g_out; LEN bytes */
	struct b58_error err;
};

/* Encode with exactly b58_encoded_max() room and the work area asked for. */
static void
enc(const void *in, size_t n, size_t wrap, struct run *r)
{
	size_t cap = b58_encoded_max(n, wrap);
	size_t ws = b58_encode_work_size(n);
	unsigned char *ip = guarded_tail(&g_in, n);

	memmove(ip, in, n);
	r->out = out_window(cap);
	r->len = 99;
	r->st = b58_encode(ip, n, (char *)r->out, cap, &r->len, 0, wrap,
	    guarded_tail(&g_work, ws), ws);
}

static void
dec(const void *in, size_t n, unsigned flags, struct run *r)
{
	size_t cap = b58_decoded_max(n);
	size_t ws = b58_decode_work_size(n);
	unsigned char *ip = guarded_tail(&g_in, n);

	memmove(ip, in, n);
	r->out = out_window(cap);
	r->len = 99;
	memset(&r->err, 0, sizeof(r->err));
	r->st = b58_decode(ip, n, r->out, cap, &r->len, &r->err, flags,
	    guarded_tail(&g_work, ws), ws);
}

static int
same(const struct run *r, const void *want, size_t n)
{
	return r->st == B58_OK && r->len == n &&
	    (n == 0 || memcmp(r->out, want, n) == 0);
}

static void
show(const char *label, const struct run *r)
{
	tap_diag("  status %d (%s), %zu bytes", (int)r->st,
	    b58_strerror(r->st), r->len);
	if (r->st == B58_OK)
		tap_diag_bytes(label, r->out, r->len);
}

/* ---- References ----------------------------------------------------- */

/*
 * Schoolbook encoding, for inputs up to a few KiB: the base-58 digits kept
 * least significant first, each input byte folded in by multiplying them
 * all by 256.  OUT needs 2 N + 1 bytes.
 */
static size_t
ref_encode58(const unsigned char *in, size_t n, char *out)
{
	unsigned char *d = malloc(2 * n + 1);
	size_t nd = 0, z = 0, i, j, len = 0;

	while (z < n && in[z] == 0)
		z++;
	for (i = z; i < n; i++) {
		unsigned carry = in[i];

		for (j = 0; j < nd; j++) {
			carry += (unsigned)d[j] * 256;
			d[j] = (unsigned char)(carry % 58);
			carry /= 58;
		}
		while (carry) {
			d[nd++] = (unsigned char)(carry % 58);
			carry /= 58;
		}
	}
	for (i = 0; i < z; i++)
		out[len++] = '1';
	while (nd > 0)
		out[len++] = ALPHABET[d[--nd]];
	free(d);
	return len;
}

/* Schoolbook decoding of alphabet characters only; OUT needs N bytes. */
static size_t
ref_decode58(const char *in, size_t n, unsigned char *out)
{
	unsigned char *b = malloc(n + 1);
	size_t nb = 0, z = 0, i, j, len = 0;

	while (z < n && in[z] == '1')
		z++;
	for (i = z; i < n; i++) {
		unsigned carry = (unsigned)(strchr(ALPHABET, in[i]) - ALPHABET);

		for (j = 0; j < nb; j++) {
			carry += (unsigned)b[j] * 58;
			b[j] = (unsigned char)carry;
			carry >>= 8;
		}
		while (carry) {
			b[nb++] = (unsigned char)carry;
			carry >>= 8;
		}
	}
	memset(out, 0, z);
	len = z;
	while (nb > 0)
		out[len++] = b[--nb];
	free(b);
	return len;
}

/* GMP's digit characters for base 58 -> ours (GNU does the same). */
static char
gmp_char_to_b58(char c)
{
	static const char gmp_digits[] =
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv";

	return ALPHABET[strchr(gmp_digits, c) - gmp_digits];
}

/* Encoding through mpz_import and mpz_get_str; OUT needs 2 N + 2 bytes. */
static size_t
mpz_encode58(const unsigned char *in, size_t n, char *out)
{
	size_t z = 0, len;
	mpz_t x;

	while (z < n && in[z] == 0)
		z++;
	memset(out, '1', z);
	if (z == n)
		return z;
	mpz_init(x);
	mpz_import(x, n - z, 1, 1, 0, 0, in + z);
	mpz_get_str(out + z, 58, x);
	mpz_clear(x);
	len = z + strlen(out + z);
	for (size_t i = z; i < len; i++)
		out[i] = gmp_char_to_b58(out[i]);
	return len;
}

/* The encoding of IN[0..N), by the schoolbook or (large) mpz reference. */
static size_t
ref_b58(const unsigned char *in, size_t n, char *out)
{
	return n <= 2048 ? ref_encode58(in, n, out) : mpz_encode58(in, n, out);
}

/* TEXT[0..T) in lines of WRAP (> 0), GNU's way; OUT needs 2 T bytes. */
static size_t
ref_wrap(const char *text, size_t t, size_t wrap, char *out)
{
	size_t i, len = 0;

	for (i = 0; i < t; i++) {
		out[len++] = text[i];
		if ((i + 1) % wrap == 0 || i + 1 == t)
			out[len++] = '\n';
	}
	return len;
}

/* ---- Known vectors -------------------------------------------------- */

struct vector {
	const char *hex;
	const char *text;
};

/* Bitcoin Core's src/test/data/base58_encode_decode.json, plus the
 * examples of base58.c's rules; every one as GNU 9.10 writes it. */
static const struct vector vectors[] = {
	{ "", "" },
	{ "61", "2g" },
	{ "626262", "a3gV" },
	{ "636363", "aPEr" },
	{ "73696d706c792061206c6f6e6720737472696e67",
	  "2cFupjhnEsSn59qHXstmK2ffpLv2" },
	{ "00eb15231dfceb60925886b67d065299925915aeb172c06647",
	  "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L" },
	{ "516b6fcd0f", "ABnLTmg" },
	{ "bf4f89001e670274dd", "3SEo3LWLoPntC" },
	{ "572e4794", "3EFU7m" },
	{ "ecac89cad93923c02321", "EJDM8drfXA6uyA" },
	{ "10c8511e", "Rt5zm" },
	{ "00000000000000000000", "1111111111" },
	{ "00000000000000000000000000000000000000000000000000000000000000000000"
	  "000000000000", "1111111111111111111111111111111111111111" },
	{ "00000000000000000000000000000000000000000000000000000000000000000000"
	  "000000000001", "1111111111111111111111111111111111111112" },
	{ "00000000000000000000000000000000000000000000000000000000000000000000"
	  "00000000000000000000000000000000000000000000000000000000000000000000"
	  "000000000000000000000000000000000000ec39d04c37e71e5d591881f6",
	  "111111111111111111111111111111111111111111111111111111111111111111"
	  "111111111111111111115TYzLYH1udmLdzCLM" },
	{ "000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff48"
	  "0d6dd43dc62a641155a5", ALPHABET },
	{ "271F359E", "zzzzy" },
	{ "271F359F", "zzzzz" },
	{ "271F35A0", "211111" },
	{ "271F35A1", "211112" },
	/* base58.c's examples */
	{ "00", "1" },
	{ "000000", "111" },
	{ "0000616263", "11ZiCa" },
	{ "00ff", "15Q" },
	{ "ff", "5Q" },
	{ "01000000", "2UzHM" },
	{ "48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U" },
	{ "3a", "21" },
	{ "02fa28", "2111" },
	{ "39", "z" },
};
#define NVECTORS (sizeof(vectors) / sizeof(vectors[0]))

static size_t
unhex(const char *hex, unsigned char *out)
{
	size_t n = strlen(hex) / 2, i;

	for (i = 0; i < n; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
	return n;
}

static void
test_vectors(void)
{
	unsigned char raw[512];
	char wrapped[1024];
	struct run r;
	size_t k;

	for (k = 0; k < NVECTORS; k++) {
		const struct vector *v = &vectors[k];
		size_t n = unhex(v->hex, raw), t = strlen(v->text), wl;

		enc(raw, n, 0, &r);
		if (!tap_ok(same(&r, v->text, t), "vector %zu: encode %.16s%s",
		    k, v->hex, strlen(v->hex) > 16 ? "..." : ""))
			show("got", &r);
		dec(v->text, t, 0, &r);
		if (!tap_ok(same(&r, raw, n), "vector %zu: decode %.16s%s", k,
		    v->text, t > 16 ? "..." : ""))
			show("got", &r);
		wl = t ? ref_wrap(v->text, t, 76, wrapped) : 0;
		enc(raw, n, 76, &r);
		if (!tap_ok(same(&r, wrapped, wl),
		    "vector %zu: encode -w76", k))
			show("got", &r);
		dec(wrapped, wl, 0, &r);
		tap_ok(same(&r, raw, n), "vector %zu: decode 76 columns", k);
	}
}

/* ---- The rules of base58.c ---------------------------------------- */

static void
test_rules(void)
{
	static const char bad[] = " \t\r=\0\x80\xff" "0OIl\x7f\x01" "+/-_";
	char text[64];
	unsigned char all[256];
	struct run r;
	size_t i;
	int ok;

	/* E4, D6: empty input. */
	enc("", 0, 76, &r);
	tap_ok(same(&r, "", 0), "E4: empty input, -w 76: no output");
	enc("", 0, 0, &r);
	tap_ok(same(&r, "", 0), "E4: empty input, -w 0: no output");
	dec("", 0, 0, &r);
	tap_ok(same(&r, "", 0), "D6: empty text: nothing");

	/* E5: wrapping. */
	enc(S("Hello World!"), 17, &r);
	tap_ok(same(&r, S("2NEpo7TZRRrLZSi2U\n")),
	    "E5: a multiple of the width ends with one LF");
	enc(S("Hello World!"), 5, &r);
	tap_ok(same(&r, S("2NEpo\n7TZRR\nrLZSi\n2U\n")),
	    "E5: -w 5, partial last line ends with a LF");
	enc(S("Hello World!"), 1, &r);
	tap_ok(r.st == B58_OK && r.len == 34 && r.out[33] == '\n' &&
	    r.out[1] == '\n' && r.out[2] == 'N', "E5: -w 1");
	enc(S("\0\0\0"), 2, &r);
	tap_ok(same(&r, S("11\n1\n")), "E5: '1's are wrapped too");

	/* D1: LF anywhere. */
	dec(S("\n2NEpo7TZR\nRrLZSi2U\n\n\n"), 0, &r);
	tap_ok(same(&r, S("Hello World!")), "D1: LFs around and inside");
	dec(S("1\n1"), 0, &r);
	tap_ok(same(&r, S("\0\0")), "D1: LF between leading '1's");
	dec(S("\n\n\n"), 0, &r);
	tap_ok(same(&r, "", 0), "D1: only LFs: nothing");

	/* D2, D3: every other byte outside the alphabet. */
	ok = 1;
	for (i = 0; i < 256; i++) {
		unsigned char c = (unsigned char)i;
		int valid = c == '\n' || (c != 0 && strchr(ALPHABET, c));

		dec(&c, 1, 0, &r);
		if (valid ? r.st != B58_OK :
		    (r.st != B58_ERR_BAD_CHAR || r.err.offset != 0 ||
		    r.err.byte != c || r.len != 0 || !untouched(r.out, 1))) {
			tap_diag("byte 0x%02x: status %d", c, (int)r.st);
			ok = 0;
		}
		dec(&c, 1, B58_SKIP_GARBAGE, &r);
		if (r.st != B58_OK || r.len != (valid && c != '\n'))
			ok = 0;
	}
	tap_ok(ok, "D2, D4: each of the 256 bytes alone, with and without "
	    "B58_SKIP_GARBAGE");

	for (i = 0; i < sizeof(bad) - 1; i++) {
		unsigned char c = (unsigned char)bad[i];
		size_t at;

		/* In the middle, on the second line; then first; then last. */
		memcpy(text, "2NEpo\n7TZRR", 11);
		text[11] = (char)c;
		memcpy(text + 12, "rLZSi2U\n", 8);
		dec(text, 20, 0, &r);
		if (!tap_ok(r.st == B58_ERR_BAD_CHAR && r.err.offset == 11 &&
		    r.err.line == 2 && r.err.column == 6 && r.err.byte == c &&
		    r.len == 0 && untouched(r.out, 20),
		    "D2, D3: byte 0x%02x at offset 11 (line 2, column 6), "
		    "nothing written", c))
			tap_diag("  status %d, offset %llu, line %llu, column "
			    "%llu, byte 0x%02x, %zu bytes", (int)r.st,
			    (unsigned long long)r.err.offset,
			    (unsigned long long)r.err.line,
			    (unsigned long long)r.err.column, r.err.byte,
			    r.len);
		dec(text, 20, B58_SKIP_GARBAGE, &r);
		tap_ok(same(&r, S("Hello World!")),
		    "D4: byte 0x%02x dropped with B58_SKIP_GARBAGE", c);
		for (at = 0; at < 2; at++) {
			size_t off = at ? 17 : 0;

			memcpy(text, "2NEpo7TZRRrLZSi2U", 17);
			memmove(text + off + 1, text + off, 17 - off);
			text[off] = (char)c;
			dec(text, 18, 0, &r);
			tap_ok(r.st == B58_ERR_BAD_CHAR &&
			    r.err.offset == off && r.err.line == 1 &&
			    r.err.column == off + 1 && r.len == 0 &&
			    untouched(r.out, 18),
			    "D2: byte 0x%02x at offset %zu", c, off);
			dec(text, 18, B58_SKIP_GARBAGE, &r);
			tap_ok(same(&r, S("Hello World!")),
			    "D4: byte 0x%02x at offset %zu skipped", c, off);
		}
	}

	/* D3: the first bad byte counts, after a long valid text too. */
	dec(S("11I"), 0, &r);
	tap_ok(r.st == B58_ERR_BAD_CHAR && r.err.offset == 2 && r.len == 0,
	    "D3: '11I': no zero bytes written");
	dec(S("1l0O"), 0, &r);
	tap_ok(r.st == B58_ERR_BAD_CHAR && r.err.offset == 1 &&
	    r.err.byte == 'l', "D3: the first of several bad bytes");
	dec(S("2NEpo7TZRRrLZSi2U\r\n"), 0, &r);
	tap_ok(r.st == B58_ERR_BAD_CHAR && r.err.offset == 17 &&
	    r.err.byte == '\r', "D2: CR LF line end: the CR");

	/* D4: garbage only. */
	dec(S("!!!\n0OIl \t"), B58_SKIP_GARBAGE, &r);
	tap_ok(same(&r, "", 0), "D4: only garbage: nothing");
	dec(S("1 1\t1"), B58_SKIP_GARBAGE, &r);
	tap_ok(same(&r, S("\0\0\0")), "D4: '1's between garbage");
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	dec(all, 256, B58_SKIP_GARBAGE, &r);
	{
		unsigned char want[64];
		size_t wl = ref_decode58(ALPHABET, 58, want);

		tap_ok(same(&r, want, wl),
		    "D4: all 256 bytes in order: the alphabet");
	}

	/* D5, E2, E3 are in the vectors; leading zeros once more. */
	enc(S("\0\0\0\0\0\0\0\0\0\x01"), 0, &r);
	tap_ok(same(&r, S("1111111112")), "E2: nine zeros and a one");
	dec(S("111111111111111111111"), 0, &r);
	tap_ok(r.st == B58_OK && r.len == 21 && r.out[0] == 0 &&
	    r.out[20] == 0, "D5: only '1's: that many zero bytes");
}

/* ---- Buffers and sizes ---------------------------------------------- */

static void
test_buffers(void)
{
	unsigned char raw[300];
	char text[600];
	struct rng rng;
	struct run r;
	size_t n, need, t, ws, len, off;
	unsigned char *out, *work;
	enum b58_status st;
	int ok;

	rng_init(&rng, 58);
	/* Sizes. */
	tap_ok(b58_encoded_max(0, 0) == 0 && b58_encoded_max(0, 76) == 0,
	    "b58_encoded_max(0) is 0");
	tap_ok(b58_encoded_max(SIZE_MAX, 0) == SIZE_MAX &&
	    b58_encoded_max(SIZE_MAX, 76) == SIZE_MAX &&
	    b58_encoded_max(SIZE_MAX / 2, 1) == SIZE_MAX &&
	    b58_encode_work_size(SIZE_MAX) == SIZE_MAX &&
	    b58_decode_work_size(SIZE_MAX) == SIZE_MAX &&
	    b58_decoded_max(SIZE_MAX) == SIZE_MAX, "sizes saturate");
	ok = 1;
	for (n = 1; n < 100000000; n = n * 3 + n % 7) {
		unsigned long long v = n;

		if (b58_encoded_max(n, 0) > v + v * 3657 / 10000 + 13 ||
		    b58_encoded_max(n, 76) > b58_encoded_max(n, 0) +
		    (b58_encoded_max(n, 0) + 75) / 76 ||
		    b58_encode_work_size(n) > v + 23 ||
		    b58_decode_work_size(n) > v + v * 7323 / 10000 + 23)
			ok = 0;
	}
	tap_ok(ok, "sizes within the bounds base58.h states");

	/* Unknown flags. */
	rng_fill(&rng, raw, 32);
	{
		unsigned char wk[256];

		len = 7;
		st = b58_encode(raw, 32, text, sizeof(text), &len, 1, 0, wk,
		    sizeof(wk));
		tap_ok(st == B58_ERR_UNSUPPORTED && len == 0,
		    "encode: unknown flag refused");
		st = b58_decode("abc", 3, raw, sizeof(raw), &len, NULL, 2, wk,
		    sizeof(wk));
		tap_ok(st == B58_ERR_UNSUPPORTED && len == 0,
		    "decode: unknown flag refused");
	}

	/* Short work. */
	n = 32;
	ws = b58_encode_work_size(n);
	out = out_window(b58_encoded_max(n, 0));
	st = b58_encode(raw, n, (char *)out, b58_encoded_max(n, 0), &len, 0,
	    0, guarded_tail(&g_work, ws - 1), ws - 1);
	tap_ok(st == B58_NEED_WORK && untouched(out, b58_encoded_max(n, 0)),
	    "encode: work one byte short: B58_NEED_WORK, nothing written");
	t = ref_encode58(raw, n, text);
	ws = b58_decode_work_size(t);
	out = out_window(n);
	st = b58_decode(text, t, out, n, &len, NULL, 0,
	    guarded_tail(&g_work, ws - 1), ws - 1);
	tap_ok(st == B58_NEED_WORK && untouched(out, n),
	    "decode: work one byte short: B58_NEED_WORK, nothing written");

	/* Short output: the room asked for is enough, one byte less not. */
	ok = 1;
	for (n = 0; n < 300; n += 1 + n / 8) {
		size_t z = n % 5 < n ? n % 5 : n;

		rng_fill(&rng, raw, n);
		memset(raw, 0, z);
		for (size_t wrap = 0; wrap < 80; wrap += 19) {
			ws = b58_encode_work_size(n);
			work = guarded_tail(&g_work, ws);
			len = 0;
			st = b58_encode(raw, n, text, 0, &len, 0, wrap, work,
			    ws);
			need = len;
			if (n == 0 ? st != B58_OK || len != 0 :
			    st != B58_NEED_OUTPUT || need == 0 ||
			    need > b58_encoded_max(n, wrap)) {
				ok = 0;
				continue;
			}
			if (n == 0)
				continue;
			out = out_window(need - 1);
			st = b58_encode(raw, n, (char *)out, need - 1, &len, 0,
			    wrap, work, ws);
			if (st != B58_NEED_OUTPUT || len != need ||
			    !untouched(out, need - 1))
				ok = 0;
			out = out_window(need);
			st = b58_encode(raw, n, (char *)out, need, &len, 0,
			    wrap, work, ws);
			if (st != B58_OK || len > need)
				ok = 0;
		}
	}
	tap_ok(ok, "encode: B58_NEED_OUTPUT names the room, below it "
	    "nothing is written, with it the call succeeds");
	ok = 1;
	for (n = 1; n < 300; n += 1 + n / 8) {
		size_t z = n % 5 < n ? n % 5 : n;

		rng_fill(&rng, raw, n);
		memset(raw, 0, z);
		t = ref_encode58(raw, n, text);
		ws = b58_decode_work_size(t);
		work = guarded_tail(&g_work, ws);
		out = out_window(n - 1);
		st = b58_decode(text, t, out, n - 1, &len, NULL, 0, work, ws);
		if (st != B58_NEED_OUTPUT || len != n || !untouched(out, n - 1))
			ok = 0;
		out = out_window(n);
		st = b58_decode(text, t, out, n, &len, NULL, 0, work, ws);
		if (st != B58_OK || len != n || memcmp(out, raw, n) != 0)
			ok = 0;
	}
	tap_ok(ok, "decode: exact room is enough, one byte less gives "
	    "B58_NEED_OUTPUT with the length and writes nothing");

	/* Work areas at any alignment. */
	ok = 1;
	for (off = 0; off < 16; off++) {
		unsigned char *base;

		n = 40 + off * 7;
		rng_fill(&rng, raw, n);
		ws = b58_encode_work_size(n);
		base = guarded_tail(&g_work, ws + 16);
		enc(raw, n, 0, &r);
		t = r.len;
		memcpy(text, r.out, t);
		out = out_window(b58_encoded_max(n, 0));
		st = b58_encode(raw, n, (char *)out, b58_encoded_max(n, 0),
		    &len, 0, 0, base + off, ws);
		if (st != B58_OK || len != t || memcmp(out, text, t) != 0)
			ok = 0;
		ws = b58_decode_work_size(t);
		base = guarded_tail(&g_work, ws + 16);
		out = out_window(n);
		st = b58_decode(text, t, out, n, &len, NULL, 0, base + off, ws);
		if (st != B58_OK || len != n || memcmp(out, raw, n) != 0)
			ok = 0;
	}
	tap_ok(ok, "work areas at 16 alignments");

	/* Every status has a description. */
	ok = 1;
	for (st = B58_OK; st <= B58_ERR_UNSUPPORTED; st++)
		if (b58_strerror(st) == NULL || !*b58_strerror(st))
			ok = 0;
	tap_ok(ok && B58_IS_ERROR(B58_ERR_BAD_CHAR) &&
	    !B58_IS_ERROR(B58_NEED_OUTPUT) && !B58_IS_ERROR(B58_NEED_WORK),
	    "b58_strerror, B58_IS_ERROR");
}

/* ---- Round trips ---------------------------------------------------- */

/* One round trip of IN[0..N): encode against the reference, decode back,
 * with and without lines.  0 on failure (with diagnostics). */
static int
round_trip(const unsigned char *in, size_t n, const char *what)
{
	static char *want, *lines;
	static unsigned char *copy;
	struct run r;
	size_t t, wl;

	if (want == NULL) {
		want = malloc(2 * BIG + 2);
		lines = malloc(4 * BIG + 4);
		copy = malloc(BIG);
	}
	memcpy(copy, in, n);
	t = ref_b58(copy, n, want);
	enc(copy, n, 0, &r);
	if (!same(&r, want, t)) {
		tap_diag("%s, %zu bytes: encoding differs from the reference",
		    what, n);
		show("got", &r);
		tap_diag_bytes("want", want, t);
		return 0;
	}
	dec(want, t, 0, &r);
	if (!same(&r, copy, n)) {
		tap_diag("%s, %zu bytes: decoding differs", what, n);
		show("got", &r);
		return 0;
	}
	wl = t ? ref_wrap(want, t, 76, lines) : 0;
	enc(copy, n, 76, &r);
	if (!same(&r, lines, wl)) {
		tap_diag("%s, %zu bytes: -w76 encoding differs", what, n);
		return 0;
	}
	dec(lines, wl, 0, &r);
	if (!same(&r, copy, n)) {
		tap_diag("%s, %zu bytes: 76-column decoding differs", what, n);
		return 0;
	}
	return 1;
}

/* Random bytes of one of several shapes (KIND), Z leading zeros. */
static void
make_input(struct rng *rng, unsigned char *p, size_t n, size_t z,
    unsigned kind)
{
	size_t i;

	rng_fill(rng, p, n);
	switch (kind % 4) {
	case 1: /* runs of 0x00 and 0xff inside */
		for (i = 0; i < n; i += 1 + rng_below(rng, 40)) {
			size_t len = rng_below(rng, 24);
			unsigned char v = rng_below(rng, 2) ? 0xff : 0;

			memset(p + i, v, len < n - i ? len : n - i);
		}
		break;
	case 2: /* all 0xff */
		memset(p, 0xff, n);
		break;
	case 3: /* a single set bit at the bottom */
		memset(p, 0, n);
		if (n)
			p[n - 1] = 1;
		break;
	default:
		break;
	}
	if (z > n)
		z = n;
	memset(p, 0, z);
	if (z < n && p[z] == 0)
		p[z] = 1;
}

static void
test_round_trips(void)
{
	static const size_t zeros[] = { 0, 1, 2, 7, 8, 9, 33 };
	static const size_t big[] = { 4095, 4096, 8191, 12289, 32768, 65536,
	    100003, 262147, 1048576 };
	unsigned char *buf = malloc(BIG);
	struct rng rng;
	size_t n, k, fails;

	rng_init(&rng, 0xb58);
	fails = 0;
	for (n = 0; n <= 520; n++)
		fails += !round_trip((make_input(&rng, buf, n, zeros[n % 7],
		    (unsigned)(n / 7)), buf), n, "every size");
	tap_ok(fails == 0, "round trips of every size 0..520 (%zu failed)",
	    fails);

	fails = 0;
	for (n = 8; n <= 2048; n = n < 64 ? n + 8 : n * 2)
		for (k = 0; k < 3; k++) {
			size_t m = n + k - 1;

			fails += !round_trip((make_input(&rng, buf, m, 0,
			    (unsigned)k), buf), m, "limb boundary");
			fails += !round_trip((make_input(&rng, buf, m + 3, 3,
			    (unsigned)k + 1), buf), m + 3,
			    "limb boundary after three zeros");
		}
	tap_ok(fails == 0, "round trips around limb boundaries (%zu failed)",
	    fails);

	for (k = 0; k < sizeof(big) / sizeof(big[0]); k++) {
		n = big[k];
		make_input(&rng, buf, n, k % 3, (unsigned)k);
		tap_ok(round_trip(buf, n, "big"), "round trip of %zu bytes, "
		    "shape %zu, against GMP's mpz conversion", n, k % 4);
	}
	free(buf);
}

/*
 * Texts whose digits have long runs of '1' (0) and 'z' (57): the values
 * a divide-and-conquer conversion finds on the edges of its pieces
 * (58^k, 58^k - 1, 58^k + 1 and runs at every place).
 */
static void
test_digit_runs(void)
{
	static const size_t lens[] = { 30, 200, 1000, 3000, 20000, 150000 };
	char *text = malloc(200000);
	unsigned char *raw = malloc(200000);
	struct rng rng;
	size_t li, fails = 0, cases = 0;

	rng_init(&rng, 0x58);
	for (li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
		size_t t = lens[li], shape;

		for (shape = 0; shape < 8; shape++) {
			size_t i, run_at, run_len;
			char fill = shape & 1 ? 'z' : '1';
			struct run r;

			/* random digits, then one long run somewhere */
			for (i = 0; i < t; i++)
				text[i] = ALPHABET[rng_below(&rng, 58)];
			run_at = shape < 2 ? 1 : rng_below(&rng, t);
			run_len = shape < 4 ? t - run_at :
			    rng_below(&rng, t - run_at + 1);
			memset(text + run_at, fill, run_len);
			if (shape == 6) /* many shorter runs */
				for (i = 1; i + 40 < t; i += 1 +
				    rng_below(&rng, 200))
					memset(text + i, rng_below(&rng, 2) ?
					    'z' : '1', 1 + rng_below(&rng, 40));
			text[0] = ALPHABET[1 + rng_below(&rng, 57)];
			dec(text, t, 0, &r);
			if (r.st != B58_OK) {
				fails++;
				continue;
			}
			memcpy(raw, r.out, r.len);
			cases++;
			fails += !round_trip(raw, r.len, "digit runs");
		}
	}
	tap_ok(fails == 0, "texts with long runs of '1' and 'z' (%zu cases, "
	    "%zu failed)", cases, fails);
	free(text);
	free(raw);
}

/* ---- GNU ------------------------------------------------------------ */

/* Run GNU basenc --base58 ARGS on IN[0..N); its output (malloc'd) in
 * *OUT and *OUT_LEN; its exit status, or -1. */
static int
gnu_run(const char *gnu, const char *args, const void *in, size_t n,
    unsigned char **out, size_t *out_len)
{
	char in_path[] = "/tmp/test_base58_in_XXXXXX";
	char out_path[] = "/tmp/test_base58_out_XXXXXX";
	char cmd[8192];
	int fi = mkstemp(in_path), fo = mkstemp(out_path), status;
	FILE *f;
	size_t cap = 4096, len = 0, got;

	*out = NULL;
	*out_len = 0;
	if (fi < 0 || fo < 0)
		return -1;
	if (n && write(fi, in, n) != (ssize_t)n)
		return -1;
	close(fi);
	close(fo);
	snprintf(cmd, sizeof(cmd), "'%s' --base58 %s <'%s' >'%s' 2>/dev/null",
	    gnu, args, in_path, out_path);
	status = system(cmd);
	f = fopen(out_path, "rb");
	*out = malloc(cap);
	while (f != NULL && (got = fread(*out + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap)
			*out = realloc(*out, cap *= 2);
	}
	if (f != NULL)
		fclose(f);
	unlink(in_path);
	unlink(out_path);
	*out_len = len;
	return status == -1 || !WIFEXITED(status) ? -1 : WEXITSTATUS(status);
}

/* Our answer to the same: the output GNU would write, its exit status. */
static int
ours(const char *args, const void *in, size_t n, struct run *r)
{
	if (strncmp(args, "-d", 2) == 0) {
		dec(in, n, strstr(args, "-i") ? B58_SKIP_GARBAGE : 0, r);
		if (r->st != B58_OK)
			r->len = 0;
		return r->st == B58_OK ? 0 : 1;
	}
	enc(in, n, strcmp(args, "-w 0") == 0 ? 0 :
	    strcmp(args, "-w 1") == 0 ? 1 : strcmp(args, "-w 5") == 0 ? 5 :
	    76, r);
	return r->st == B58_OK ? 0 : 1;
}

static void
test_gnu(const char *gnu)
{
	static const char *const enc_args[] = { "", "-w 0", "-w 1", "-w 5" };
	unsigned char *buf, *gout = NULL;
	char *text;
	struct rng rng;
	size_t k, glen, cases = 0, fails = 0;
	struct run r;

	if (strchr(gnu, '\'') || access(gnu, X_OK) != 0 ||
	    gnu_run(gnu, "", "", 0, &gout, &glen) != 0) {
		free(gout);
		tap_ok(0, "GNU basenc --base58 at '%s' runs", gnu);
		return;
	}
	free(gout);
	buf = malloc(70000);
	text = malloc(200000);
	rng_init(&rng, 0x9e0);
	for (k = 0; k < 300; k++) {
		size_t n = k < 200 ? k : k < 290 ? rng_below(&rng, 3000) :
		    65536 + k;
		size_t t, i;
		const char *args = enc_args[k % 4];
		int gst, ost;

		make_input(&rng, buf, n, k % 11 == 0 ? k % 5 : 0,
		    (unsigned)(k / 4));
		/* encode */
		gst = gnu_run(gnu, args, buf, n, &gout, &glen);
		ost = ours(args, buf, n, &r);
		cases++;
		if (gst != ost || glen != r.len ||
		    (glen && memcmp(gout, r.out, glen) != 0)) {
			fails++;
			tap_diag("encode %zu bytes '%s': GNU %d, %zu bytes; "
			    "ours %d, %zu bytes", n, args, gst, glen, ost,
			    r.len);
		}
		free(gout);
		/* decode a damaged copy of the 76-column text */
		enc(buf, n, 76, &r);
		t = r.len;
		memcpy(text, r.out, t);
		if (k % 3 == 1 && t > 0) {
			static const char junk[] = " \t\r=0OIl\0\x80!";

			for (i = 0; i < 1 + k % 4; i++)
				text[rng_below(&rng, t)] =
				    junk[rng_below(&rng, sizeof(junk) - 1)];
		}
		for (i = 0; i < 2; i++) {
			const char *dargs = i ? "-d -i" : "-d";

			gst = gnu_run(gnu, dargs, text, t, &gout, &glen);
			ost = ours(dargs, text, t, &r);
			cases++;
			if (gst != ost || glen != r.len ||
			    (glen && memcmp(gout, r.out, glen) != 0)) {
				fails++;
				tap_diag("decode %zu bytes '%s': GNU %d, %zu "
				    "bytes; ours %d, %zu bytes", t, dargs, gst,
				    glen, ost, r.len);
			}
			free(gout);
		}
	}
	tap_ok(fails == 0, "GNU basenc --base58 and the codec agree on "
	    "%zu cases (%zu differ)", cases, fails);
	free(buf);
	free(text);
}

int
main(int argc, char **argv)
{
	const char *gnu = getenv("GNU_BASENC");

	windows_init();
	if (argc == 3 && strcmp(argv[1], "--gnu") == 0) {
		test_gnu(argv[2]);
		return tap_done();
	}
	if (argc != 1) {
		fprintf(stderr, "usage: test_base58 [--gnu PATH]\n");
		return 2;
	}
	test_vectors();
	test_rules();
	test_buffers();
	test_round_trips();
	test_digit_runs();
	if (gnu != NULL && *gnu != '\0')
		test_gnu(gnu);
	return tap_done();
}
