/*
 * base58.c - base58 encoding and decoding (base58.h), over GMP's mpn layer.
 *
 * The rules, as GNU coreutils 9.10 basenc --base58 behaves (observed by
 * running it on crafted inputs; the unit tests and the differential check
 * in tests/unit/test_base58.c hold us to them):
 *
 * Encoding
 *   E1  The whole input is read before anything is written: with the
 *       input's writer still open after 200 kB, no output byte appears.
 *   E2  Each leading zero byte becomes one '1': "\0" -> "1",
 *       "\0\0\0" -> "111", "\0\0abc" -> "11ZiCa", "\0\377" -> "15Q".
 *   E3  The bytes after them are one big-endian number, written in base 58
 *       most significant digit first, without leading zero digits:
 *       "Hello World!" -> "2NEpo7TZRRrLZSi2U", "\377" -> "5Q",
 *       "\1\0\0\0" -> "2UzHM".
 *   E4  An empty input gives no output at all, with any -w (no line end).
 *   E5  -w N (default 76) puts a LF after every N characters and after a
 *       partial last line; output whose length is a multiple of N ends
 *       with one LF, no empty line ("Hello World!" with -w 17: 17
 *       characters and one LF).  -w 0: no LF at all, not even at the end.
 *
 * Decoding
 *   D1  LF is skipped anywhere: before, after, between digits, between
 *       leading '1's ("1\n1" -> two zero bytes), and text made only of
 *       LFs decodes to nothing with exit status 0.  -w has no effect.
 *   D2  Any other byte outside the alphabet is "invalid input", exit
 *       status 1: space, tab, CR (so CR LF line ends too), '=', NUL,
 *       bytes above 127, and the four characters the alphabet leaves out,
 *       '0', 'O', 'I', 'l'.
 *   D3  On invalid input nothing at all is written, whatever came before
 *       it: not the '1's before it ("11I"), not 90 kB of valid text before
 *       a final '0'.  (The command stops reading at the input block that
 *       holds the bad byte: it reports before its writer closes.)
 *   D4  -i (--ignore-garbage) drops every byte outside the alphabet, LF
 *       included, so no input is invalid: "2NEpo7TZR RrLZSi2U",
 *       "2NEp=o7TZRRrLZSi2U" and "2NEpo7TZR\0RrLZSi2U" decode to
 *       "Hello World!", "!!!" and "0OIl" to nothing.
 *   D5  Each leading '1' gives one zero byte ("1" -> "\0", "11ZiCa" ->
 *       "\0\0abc"); the digits after them are a base-58 number written
 *       big-endian in as few bytes as it takes ("21" -> ":", "2111" ->
 *       02 fa 28, "z" -> "9").
 *   D6  Empty input: no output, exit status 0.
 *
 * E1 and D3 are the command's business; the library gives what they need:
 * one call over the whole input, and a decode that writes nothing when it
 * fails.
 *
 * Conversion.  Encoding imports the bytes after the leading zeros into GMP
 * limbs (least significant limb first) in the caller's work area and has
 * mpn_get_str write the digit values (0..57) straight into the output,
 * where they are mapped to the alphabet and, with a width, spread out into
 * lines from the end backwards.  Decoding maps the text to digit values in
 * the work area (rejecting bad bytes as it goes, so an error costs one
 * pass and no conversion), has mpn_set_str build the limbs after them, and
 * exports the limbs big-endian into the output.  mpn_get_str and
 * mpn_set_str are GMP's divide-and-conquer radix conversions (powers of
 * 58^10 by repeated squaring, then division or multiplication by them
 * with GMP's sub-quadratic algorithms), as GNU's mpz_get_str and
 * mpz_set_str use.
 */
#include <string.h>

#include <gmp.h>

#include "base58.h"

#if GMP_NAIL_BITS != 0
#error "base58.c wants a GMP without nail bits"
#endif

/* Digit value -> character (Bitcoin's alphabet). */
static const char b58_alphabet[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

#define LIMB_BYTES ((size_t)sizeof(mp_limb_t))

/* Byte classes in the decoding table, beside digit values 0..57. */
#define CLASS_SKIP 0x40
#define CLASS_BAD  0x80

/* ---- Sizes --------------------------------------------------------- */

/* A + B, or SIZE_MAX when that does not fit. */
static size_t
add_sat(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* ceil(N * NUM / 10000) for NUM <= 10000 (no overflow: the quotient part
 * is at most N, the remainder part below 10^8). */
static size_t
scale_up(size_t n, size_t num)
{
	return add_sat(n / 10000 * num, (n % 10000 * num + 9999) / 10000);
}

/* ceil(N / D), or 0 for N = 0. */
static size_t
div_up(size_t n, size_t d)
{
	return n / d + (n % d != 0);
}

/*
 * Most digits a number of M bytes (M > 0) has in base 58:
 * floor(8 M / log2(58)) + 1, bounded with 8 / log2(58) = 1.365658... <
 * 1.3657.  Saturates at SIZE_MAX.
 */
static size_t
digits_bound(size_t m)
{
	return add_sat(add_sat(m, scale_up(m, 3657)), 1);
}

/*
 * Most bytes a number of M base-58 digits takes: ceil(M log2(58) / 8),
 * bounded with log2(58) / 8 = 0.732247... < 0.7323.
 */
static size_t
bytes_bound(size_t m)
{
	return scale_up(m, 7323);
}

/*
 * Room mpn_get_str wants for a number of M bytes (M > 0): as many
 * characters as the largest number of its limbs can have, plus one (GMP's
 * manual, mpn_get_str).  Its limbs hold at most M + LIMB_BYTES - 1 bytes.
 */
static size_t
gmp_str_room(size_t m)
{
	return add_sat(digits_bound(add_sat(m, LIMB_BYTES - 1)), 1);
}

/* T characters plus a LF after every WRAP of them and after a partial
 * last line; SIZE_MAX stays SIZE_MAX. */
static size_t
with_lines(size_t t, size_t wrap)
{
	if (wrap == 0 || t == SIZE_MAX)
		return t;
	return add_sat(t, div_up(t, wrap));
}

size_t
b58_encoded_max(size_t n, size_t wrap)
{
	/* Z leading zeros and M = N - Z bytes need Z + gmp_str_room(M),
	 * which grows with Z at most as gmp_str_room(N) does. */
	if (n == 0)
		return 0;
	return with_lines(gmp_str_room(n), wrap);
}

size_t
b58_decoded_max(size_t n)
{
	/* Every character gives at most one byte: a '1' one zero byte, and
	 * M other digits at most ceil(0.733 M) <= M bytes. */
	return n;
}

/* Limbs aligned in a work area: the offset of the first aligned byte. */
static size_t
align_pad(const void *p)
{
	uintptr_t a = (uintptr_t)p % LIMB_BYTES;

	return a ? LIMB_BYTES - a : 0;
}

size_t
b58_encode_work_size(size_t n)
{
	/* The limbs of up to N bytes, one more (GMP's mpz_get_str gives
	 * mpn_get_str one spare limb; so do we), and alignment. */
	size_t limbs = div_up(n, LIMB_BYTES) + 1;

	if (limbs > (SIZE_MAX - LIMB_BYTES) / LIMB_BYTES)
		return SIZE_MAX;
	return limbs * LIMB_BYTES + LIMB_BYTES - 1;
}

/*
 * The decode work area: the digit values (at most N), then, aligned, the
 * limbs mpn_set_str writes: the largest number of that many digits, plus
 * one limb (GMP's manual, mpn_set_str).
 */
static size_t
decode_limbs(size_t digits)
{
	return div_up(bytes_bound(digits), LIMB_BYTES) + 1;
}

size_t
b58_decode_work_size(size_t n)
{
	size_t limbs = decode_limbs(n);

	if (limbs > (SIZE_MAX - LIMB_BYTES) / LIMB_BYTES)
		return SIZE_MAX;
	return add_sat(n, limbs * LIMB_BYTES + LIMB_BYTES - 1);
}

const char *
b58_strerror(enum b58_status status)
{
	switch (status) {
	case B58_OK:
		return "success";
	case B58_NEED_OUTPUT:
		return "output buffer too small";
	case B58_NEED_WORK:
		return "work area too small";
	case B58_ERR_BAD_CHAR:
		return "invalid character";
	case B58_ERR_UNSUPPORTED:
		return "unsupported flags";
	}
	return "unknown status";
}

/* ---- Bytes and limbs ------------------------------------------------ */

/* The big-endian bytes P[0..M) as limbs LP[0..ceil(M / LIMB_BYTES)),
 * least significant first. */
static void
limbs_from_bytes(mp_limb_t *lp, const unsigned char *p, size_t m)
{
	size_t i = 0, j;
	mp_limb_t v;

	for (; m >= LIMB_BYTES; m -= LIMB_BYTES) {
		const unsigned char *q = p + m - LIMB_BYTES;

		v = 0;
		for (j = 0; j < LIMB_BYTES; j++)
			v = v << 8 | q[j];
		lp[i++] = v;
	}
	if (m > 0) {
		v = 0;
		for (j = 0; j < m; j++)
			v = v << 8 | p[j];
		lp[i] = v;
	}
}

/* Bytes in the value of limb V (V > 0). */
static size_t
limb_bytes(mp_limb_t v)
{
	size_t k = 0;

	while (v != 0) {
		v >>= 8;
		k++;
	}
	return k;
}

/* The number LP[0..LN) (top limb non-zero) as big-endian bytes at P: TOP
 * bytes from the top limb, then LIMB_BYTES per limb. */
static void
bytes_from_limbs(unsigned char *p, const mp_limb_t *lp, size_t ln,
    size_t top)
{
	size_t i, j;
	mp_limb_t v = lp[ln - 1];

	for (j = top; j-- > 0;) {
		p[j] = (unsigned char)v;
		v >>= 8;
	}
	p += top;
	for (i = ln - 1; i-- > 0;) {
		v = lp[i];
		for (j = LIMB_BYTES; j-- > 0;) {
			p[j] = (unsigned char)v;
			v >>= 8;
		}
		p += LIMB_BYTES;
	}
}

/* ---- Encoding ------------------------------------------------------- */

/*
 * Spread the T characters at OUT into lines of WRAP (> 0), each ending
 * with a LF, a partial last one too; the new length.  From the last line
 * backwards, so no line overwrites one not yet moved (line J moves J
 * places to the right).
 */
static size_t
spread_lines(char *out, size_t t, size_t wrap)
{
	size_t lines = div_up(t, wrap), j;

	for (j = lines; j-- > 0;) {
		size_t src = j * wrap;
		size_t len = t - src < wrap ? t - src : wrap;

		memmove(out + src + j, out + src, len);
		out[src + j + len] = '\n';
	}
	return t + lines;
}

enum b58_status
b58_encode(const void *in, size_t n, char *out, size_t cap,
    size_t *out_len, unsigned flags, size_t wrap, void *work,
    size_t work_size)
{
	const unsigned char *s = in;
	unsigned char *digits;
	mp_limb_t *limbs;
	size_t z = 0, m, need, k, lead, i, t;

	*out_len = 0;
	if (flags != 0)
		return B58_ERR_UNSUPPORTED;
	if (work_size < b58_encode_work_size(n) ||
	    b58_encode_work_size(n) == SIZE_MAX)
		return B58_NEED_WORK;
	while (z < n && s[z] == 0)
		z++;
	m = n - z;
	/* Z '1's, and room for what mpn_get_str may write after them. */
	need = with_lines(m ? add_sat(z, gmp_str_room(m)) : z, wrap);
	if (need > cap || need == SIZE_MAX) {
		*out_len = need;
		return B58_NEED_OUTPUT;
	}
	t = z;
	if (m > 0) {
		limbs = (mp_limb_t *)(void *)((unsigned char *)work +
		    align_pad(work));
		/* s[z] != 0 is in the top limb, so that limb is non-zero, as
		 * mpn_get_str requires. */
		limbs_from_bytes(limbs, s + z, m);
		digits = (unsigned char *)out + z;
		k = mpn_get_str(digits, 58, limbs,
		    (mp_size_t)div_up(m, LIMB_BYTES));
		/* GMP's manual allows leading zero digits: drop them while
		 * mapping the digits to characters, front to back. */
		for (lead = 0; lead < k && digits[lead] == 0; lead++)
			;
		for (i = lead; i < k; i++)
			out[z + i - lead] = b58_alphabet[digits[i]];
		t += k - lead;
	}
	if (z > 0)
		memset(out, '1', z);
	*out_len = wrap ? (t ? spread_lines(out, t, wrap) : 0) : t;
	return B58_OK;
}

/* ---- Decoding ------------------------------------------------------- */

/* Fill ERR for the bad byte at OFF of S. */
static void
locate(struct b58_error *err, const unsigned char *s, size_t off)
{
	size_t i, line = 0, start = 0;

	if (err == NULL)
		return;
	for (i = 0; i < off; i++)
		if (s[i] == '\n') {
			line++;
			start = i + 1;
		}
	err->offset = off;
	err->line = (uint64_t)line + 1;
	err->column = (uint64_t)(off - start) + 1;
	err->byte = s[off];
}

enum b58_status
b58_decode(const void *in, size_t n, void *out, size_t cap,
    size_t *out_len, struct b58_error *err, unsigned flags, void *work,
    size_t work_size)
{
	const unsigned char *s = in;
	unsigned char *digits = work, *o = out;
	unsigned char table[256];
	mp_limb_t *limbs;
	size_t i, k = 0, z, m, ln, top, need;

	*out_len = 0;
	if (flags & ~B58_SKIP_GARBAGE)
		return B58_ERR_UNSUPPORTED;
	if (work_size < b58_decode_work_size(n) ||
	    b58_decode_work_size(n) == SIZE_MAX)
		return B58_NEED_WORK;

	/* Byte -> digit value, or what to do with it. */
	memset(table, (flags & B58_SKIP_GARBAGE) ? CLASS_SKIP : CLASS_BAD,
	    sizeof(table));
	table['\n'] = CLASS_SKIP;
	for (i = 0; i < 58; i++)
		table[(unsigned char)b58_alphabet[i]] = (unsigned char)i;

	for (i = 0; i < n; i++) {
		unsigned v = table[s[i]];

		if (v < 58)
			digits[k++] = (unsigned char)v;
		else if (v == CLASS_BAD) {
			locate(err, s, i);
			return B58_ERR_BAD_CHAR;
		}
	}

	for (z = 0; z < k && digits[z] == 0; z++)
		;
	m = k - z;
	if (m == 0) {
		if (z > cap) {
			*out_len = z;
			return B58_NEED_OUTPUT;
		}
		if (z > 0)
			memset(o, 0, z);
		*out_len = z;
		return B58_OK;
	}
	limbs = (mp_limb_t *)(void *)(digits + k + align_pad(digits + k));
	/* digits[z] != 0, so the top limb is non-zero. */
	ln = (size_t)mpn_set_str(limbs, digits + z, m, 58);
	top = limb_bytes(limbs[ln - 1]);
	need = z + (ln - 1) * LIMB_BYTES + top;
	if (need > cap) {
		*out_len = need;
		return B58_NEED_OUTPUT;
	}
	if (z > 0)
		memset(o, 0, z);
	bytes_from_limbs(o + z, limbs, ln, top);
	*out_len = need;
	return B58_OK;
}
