/*
 * hex_vec.h - base16 (RFC 4648 section 8) bulk loops, written once for
 * any vector width: the SSSE3 and AVX2 files include it after defining
 * the operations below on their own vector type.  basex.c calls them
 * through the implementation registry (hex_enc, hex_dec in
 * b64_private.h).
 *
 * Encoding: each byte's two nibbles look up their digits in a 16-entry
 * table (PSHUFB) and are interleaved, high nibble first.  Decoding:
 * lookups by nibble say whether a byte is a digit and give its value
 * (hv_values), and one multiply-add per pair (16 times the first plus
 * the second) and a saturating pack give the bytes.  A block holding any
 * other byte stops the loop before it: the caller's portable loop takes
 * it from there.
 *
 * Defined by the includer:
 *   HV          the vector type; HV_BYTES its width in bytes
 *   HV_TARGET   the function attribute of the instruction set
 *   HV_ENC, HV_DEC, HV_B2DEC   the names of the loops to define (without
 *               HV_ENC, the base16 loops are left out: the AVX-512 file
 *               has its own on 64-byte vectors)
 *   HV_JOIN, HV_SPLIT   the names of the line copies (b64_private.h's
 *               join_lines and split_lines), if wanted
 *   HV_HEXLINES, HV_HEXSPLIT   the names of the base16 line loops
 *               (hex_lines, hex_split), if wanted; they need HV_ENC's
 *               loops, and HV_HEXLINES hv_store_half(p, v) (the first
 *               HV_BYTES / 2 bytes of V stored at P)
 *   hv_load(p), hv_store(p, v), hv_set1(c), hv_sub(a, b),
 *   hv_and(a, b), hv_or(a, b), hv_andnot(a, b) (~a & b), hv_eq(a, b),
 *   hv_gt(a, b) (signed bytes), hv_mask(v) (the byte sign bits, all ones
 *   when every byte's is set: HV_ALL), hv_shuf(table, idx),
 *   hv_srl4(v) (each 16-bit lane shifted right by 4), hv_pairs(v)
 *   (PMADDUBSW by 16, 1), hv_pack(a, b) (PACKUSWB in memory order),
 *   hv_zip(a, b, *lo, *hi) (interleave A and B bytes in memory order),
 *   hv_table16(t) (a 16-byte table repeated across the vector).
 */

/*
 * The line loops (HV_HEXSPLIT, HV_HEXLINES, HV_JOIN, HV_SPLIT) are each an
 * inline body taking the line length and an entry point that calls it
 * with the constant B64_GNU_WRAP (b64_private.h) when the length is that
 * and with the variable otherwise: compiled with the constant, where a
 * line's vectors fall and which of them straddle its end are fixed at
 * compile time.  On Zen 5, 76-column lines: base16 decoded about a fifth
 * faster, base32 encoded (the copy into lines) a tenth to a fifth.
 */
#define HV_BODY static B64_ALWAYS_INLINE HV_TARGET

/*
 * An alphabet's values by the two nibbles of each byte of V: ROW gives a
 * class bit for each high nibble (0 for 8 and up: bytes outside ASCII),
 * COL the bits of the classes each low nibble is in, and the byte is in
 * the alphabet when the two share a bit (*OK: its sign bit set); its
 * value is the low nibble plus PLUS's entry for the high one.
 */
static inline HV_TARGET HV
hv_classify(HV v, HV row, HV col, HV plus, HV *ok)
{
	HV hi = hv_and(hv_srl4(v), hv_set1(0x0f));
	HV lo = hv_and(v, hv_set1(0x0f));

	*ok = hv_gt(hv_and(hv_shuf(row, hi), hv_shuf(col, lo)), hv_set1(0));
	return hv_add(lo, hv_shuf(plus, hi));
}

#ifdef HV_ENC
/* The vector of bytes at IN to its 2 * HV_BYTES digits at OUT. */
static inline HV_TARGET void
hv_hex_block(const unsigned char *in, char *out)
{
	const HV digits = hv_table16((const unsigned char *)
	    "0123456789ABCDEF");
	const HV low = hv_set1(0x0f);
	HV v = hv_load(in), first, second;

	hv_zip(hv_shuf(digits, hv_and(hv_srl4(v), low)),
	    hv_shuf(digits, hv_and(v, low)), &first, &second);
	hv_store(out, first);
	hv_store(out + HV_BYTES, second);
}

/* N bytes at IN to 2N characters at OUT, whole vectors only; the bytes
 * done. */
static HV_TARGET size_t
HV_ENC(const unsigned char *in, size_t n, char *out)
{
	size_t i = 0;

	for (; n - i >= HV_BYTES; i += HV_BYTES)
		hv_hex_block(in + i, out + 2 * i);
	return i;
}

#ifdef HV_HEXSPLIT
/*
 * b64_private.h's hex_split: NLINES lines of WRAP / 2 bytes at IN, each
 * written as a LF and its WRAP digits, by whole vectors, the last ending
 * at the line end (overlapping the one before: the same digits again).
 * Declines (0) unless WRAP is even and at least 2 * HV_BYTES.
 */
HV_BODY size_t
hv_hexsplit_body(const unsigned char *in, size_t nlines, char *out,
    size_t wrap)
{
	const size_t ilen = wrap / 2;

	if (wrap % 2 != 0 || ilen < HV_BYTES)
		return 0;
	for (size_t l = 0; l < nlines; l++) {
		*out++ = '\n';
		for (size_t j = 0; ilen - j > HV_BYTES; j += HV_BYTES)
			hv_hex_block(in + j, out + 2 * j);
		hv_hex_block(in + ilen - HV_BYTES, out + wrap - 2 * HV_BYTES);
		in += ilen;
		out += wrap;
	}
	return nlines;
}

static HV_TARGET size_t
HV_HEXSPLIT(const unsigned char *in, size_t nlines, char *out, size_t wrap)
{
	if (wrap == B64_GNU_WRAP)
		return hv_hexsplit_body(in, nlines, out, B64_GNU_WRAP);
	return hv_hexsplit_body(in, nlines, out, wrap);
}
#endif /* HV_HEXSPLIT */

/* The digit values of V; *OK has every byte's sign bit set where V's
 * byte is a hex digit (hv_classify: the high nibble is 3 for '0'..'9',
 * 4 for 'A'..'F', 6 for 'a'..'f'; the value is the low nibble, plus 9
 * for a letter). */
static inline HV_TARGET HV
hv_values(HV v, HV *ok)
{
	return hv_classify(v, hv_table16((const unsigned char *)
	    "\x00\x00\x00\x01\x02\x00\x02\x00"
	    "\x00\x00\x00\x00\x00\x00\x00\x00"),
	    hv_table16((const unsigned char *)
	    "\x01\x03\x03\x03\x03\x03\x03\x01"
	    "\x01\x01\x00\x00\x00\x00\x00\x00"),
	    hv_table16((const unsigned char *)
	    "\x00\x00\x00\x00\x09\x00\x09\x00"
	    "\x00\x00\x00\x00\x00\x00\x00\x00"), ok);
}

/* Pairs of hex digits at IN (N bytes) to bytes at OUT, by blocks of two
 * vectors while every byte is a digit; the characters consumed. */
static HV_TARGET size_t
HV_DEC(const unsigned char *in, size_t n, unsigned char *out)
{
	size_t i = 0;

	for (; n - i >= 2 * HV_BYTES; i += 2 * HV_BYTES) {
		HV ok0, ok1;
		HV a = hv_values(hv_load(in + i), &ok0);
		HV b = hv_values(hv_load(in + i + HV_BYTES), &ok1);

		if (hv_mask(hv_and(ok0, ok1)) != HV_ALL)
			break;
		hv_store(out + i / 2, hv_pack(hv_pairs(a), hv_pairs(b)));
	}
	return i;
}
#endif /* HV_ENC */

/*
 * base2 (bit strings): '0' and '1' characters at IN (at most N bytes) to
 * bytes at OUT, a vector at a time while every byte is one of them; the
 * sign bits of the comparison with '1' are the bits, first character
 * lowest: the order of --base2lsbf.  For MSBF each group of eight
 * characters is reversed first.  Returns the characters consumed.
 */
static HV_TARGET size_t
HV_B2DEC(const unsigned char *in, size_t n, unsigned char *out, int msbf)
{
	const HV rev = hv_table16((const unsigned char *)
	    "\x07\x06\x05\x04\x03\x02\x01\x00"
	    "\x0f\x0e\x0d\x0c\x0b\x0a\x09\x08");
	size_t i = 0;

	for (; n - i >= HV_BYTES; i += HV_BYTES) {
		HV v = hv_load(in + i);
		HV one;
		unsigned m;

		if (msbf)
			v = hv_shuf(v, rev);
		one = hv_eq(v, hv_set1('1'));
		if (hv_mask(hv_or(one, hv_eq(v, hv_set1('0')))) != HV_ALL)
			break;
		m = hv_mask(one);
		for (unsigned k = 0; k < HV_BYTES / 8; k++)
			out[i / 8 + k] = (unsigned char)(m >> (8 * k));
	}
	return i;
}

#ifdef HV_HEXLINES
/* Byte I of this vector is I (I < 64): for masks by position. */
static const unsigned char hv_index[64] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
	20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
	38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55,
	56, 57, 58, 59, 60, 61, 62, 63,
};

/*
 * The vector of two lines' digits (LEN each, the LF between them at
 * IN[LEN]) that starts at digit C of the two taken as one text: a load,
 * or for the one vector that holds the first line's end, the first
 * line's R = LEN % HV_BYTES last digits and the second line's first ones
 * blended from two loads a byte apart (FROM: the bytes from the second
 * load).
 */
static inline HV_TARGET HV
hv_text(const unsigned char *in, size_t c, size_t len, HV from)
{
	if (c + HV_BYTES <= len)
		return hv_load(in + c);
	if (c >= len)
		return hv_load(in + c + 1);
	return hv_or(hv_and(from, hv_load(in + c + 1)),
	    hv_andnot(from, hv_load(in + c)));
}

/*
 * base16 text in lines of LEN digits (even, at least HV_BYTES) and a LF
 * each, decoded straight from IN (at most N bytes) to OUT two lines at a
 * time, up to MAXLINES lines: no copy without the LFs first.  The two
 * lines' vectors are decoded by pairs into one store; the last, where
 * the digits are not whole vectors, ends at the second line's end and
 * overlaps the one before (its bytes decoded twice, the same).  Stops
 * before two lines that hold anything but digits or whose LFs are not
 * where they should be; returns the lines decoded (even), LEN / 2 bytes
 * written apiece.  Nothing is read at IN[N] or past the lines taken, and
 * nothing written at OUT[MAXLINES * LEN / 2] or beyond; the bytes of a
 * pair of lines found bad are written (scratch, for the caller).
 */
HV_BODY size_t
hv_hexlines_body(const unsigned char *in, size_t n, size_t len,
    size_t maxlines, unsigned char *out)
{
	const size_t step = 2 * (len + 1), whole = 2 * len / HV_BYTES;
	const HV from = hv_gt(hv_load(hv_index),
	    hv_set1(len % HV_BYTES - 1));
	size_t lines = 0;

	if (len % 2 != 0 || len < HV_BYTES)
		return 0;
	while (maxlines - lines >= 2 && n >= step && in[len] == '\n' &&
	    in[2 * len + 1] == '\n') {
		HV ok = hv_set1(-1), ok0, ok1, a, b;
		size_t k = 0;

		for (; k + 2 <= whole; k += 2) {
			a = hv_values(hv_text(in, k * HV_BYTES, len, from), &ok0);
			b = hv_values(hv_text(in, (k + 1) * HV_BYTES, len, from),
			    &ok1);
			ok = hv_and(ok, hv_and(ok0, ok1));
			hv_store(out + k * HV_BYTES / 2,
			    hv_pack(hv_pairs(a), hv_pairs(b)));
		}
		if (k < whole) {
			a = hv_values(hv_text(in, k * HV_BYTES, len, from), &ok0);
			ok = hv_and(ok, ok0);
			hv_store_half(out + k * HV_BYTES / 2,
			    hv_pack(hv_pairs(a), hv_pairs(a)));
		}
		if (2 * len % HV_BYTES != 0) {
			a = hv_values(hv_load(in + 2 * len + 1 - HV_BYTES),
			    &ok0);
			ok = hv_and(ok, ok0);
			hv_store_half(out + len - HV_BYTES / 2,
			    hv_pack(hv_pairs(a), hv_pairs(a)));
		}
		if (hv_mask(ok) != HV_ALL)
			break;
		in += step;
		n -= step;
		out += len;
		lines += 2;
	}
	return lines;
}

static HV_TARGET size_t
HV_HEXLINES(const unsigned char *in, size_t n, size_t len, size_t maxlines,
    unsigned char *out)
{
	if (len == B64_GNU_WRAP)
		return hv_hexlines_body(in, n, B64_GNU_WRAP, maxlines, out);
	return hv_hexlines_body(in, n, len, maxlines, out);
}
#endif /* HV_HEXLINES */

#ifdef HV_JOIN
#include <string.h>

/* LEN bytes from SRC to DST by whole vectors, the last one ending at the
 * LEN (overlapping the one before): nothing read or written past it. */
static inline HV_TARGET void
hv_copy(unsigned char *dst, const unsigned char *src, size_t len)
{
	size_t j = 0;

	if (len < HV_BYTES) {
		memcpy(dst, src, len);
		return;
	}
	for (; len - j > HV_BYTES; j += HV_BYTES)
		hv_store(dst + j, hv_load(src + j));
	hv_store(dst + len - HV_BYTES, hv_load(src + len - HV_BYTES));
}

HV_BODY size_t
hv_join_body(unsigned char *tmp, const unsigned char *in, size_t n, size_t len,
    size_t maxlines)
{
	size_t k = 0, p = 0;

	while (k < maxlines && n - p > len && in[p + len] == '\n') {
		hv_copy(tmp + k * len, in + p, len);
		p += len + 1;
		k++;
	}
	return k;
}

static HV_TARGET size_t
HV_JOIN(unsigned char *tmp, const unsigned char *in, size_t n, size_t len,
    size_t maxlines)
{
	if (len == B64_GNU_WRAP)
		return hv_join_body(tmp, in, n, B64_GNU_WRAP, maxlines);
	return hv_join_body(tmp, in, n, len, maxlines);
}

HV_BODY void
hv_split_body(char *out, const char *s, size_t nlines, size_t wrap)
{
	for (size_t k = 0; k < nlines; k++) {
		out[k * (wrap + 1)] = '\n';
		hv_copy((unsigned char *)out + k * (wrap + 1) + 1,
		    (const unsigned char *)s + k * wrap, wrap);
	}
}

static HV_TARGET void
HV_SPLIT(char *out, const char *s, size_t nlines, size_t wrap)
{
	if (wrap == B64_GNU_WRAP)
		hv_split_body(out, s, nlines, B64_GNU_WRAP);
	else
		hv_split_body(out, s, nlines, wrap);
}
#endif /* HV_JOIN */
