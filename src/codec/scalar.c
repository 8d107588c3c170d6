/*
 * scalar.c - the portable bulk loops: the reference every SIMD loop is
 * tested against, and what a CPU without vector code runs.  No
 * intrinsics: 64-bit words and tables of the alphabet descriptor.
 *
 * Both directions go two characters at a time.  Encoding looks 12 bits
 * up in a table of character pairs (8 KiB per alphabet).  Decoding loads
 * two characters as one 16-bit word and looks that up in a table of
 * their 12 bits (64 Ki entries, 128 KiB per alphabet, of which text in
 * the alphabet touches about 12 KiB), with a bit above them for "not in
 * the alphabet": sixteen characters are eight loads, eight look-ups and
 * one test.  Byte by byte, twice as many loads, it ran 10 % slower.
 * Two tables of the quantum's bytes already in place (4-byte entries:
 * one look-up each for a quantum's first and last two characters, an OR
 * and a 4-byte store, no shifts) decoded 7 % faster, 76-column text 28 %,
 * but at 512 KiB per alphabet the kernel maps most of them into the
 * process on the first touch: +0.5 MiB of resident memory.
 */
#include <string.h>

#include "b64_private.h"

/*
 * Big-endian 8-byte loads and stores, and little-endian 2-byte loads.
 * Where the byte order is known they are one memcpy and maybe a byte swap
 * (GCC and Clang do not reliably merge the byte-by-byte form of a store);
 * elsewhere byte by byte.
 */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define BE64(w) __builtin_bswap64(w)
#define LE16(x) (x)
#elif defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define BE64(w) (w)
#define LE16(x) ((uint16_t)((x) >> 8 | (x) << 8))
#endif

static inline uint64_t
load_be64(const unsigned char *p)
{
#ifdef BE64
	uint64_t w;

	memcpy(&w, p, 8);
	return BE64(w);
#else
	return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 |
	    (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
	    (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
	    (uint64_t)p[6] << 8 | (uint64_t)p[7];
#endif
}

/* The two bytes at P as an index into dec2: the first plus 256 times the
 * second (one 16-bit load on a little-endian CPU). */
static inline unsigned
load16(const unsigned char *p)
{
#ifdef LE16
	uint16_t x;

	memcpy(&x, p, 2);
	return LE16(x);
#else
	return p[0] | (unsigned)p[1] << 8;
#endif
}

static inline void
store_be64(unsigned char *p, uint64_t w)
{
#ifdef BE64
	w = BE64(w);
	memcpy(p, &w, 8);
#else
	for (int k = 7; k >= 0; k--, w >>= 8)
		p[k] = (unsigned char)w;
#endif
}

/* The eight characters of the 48 bits at the top of W. */
static inline void
enc_48(uint64_t w, char *out, const char (*pairs)[2])
{
	memcpy(out, pairs[w >> 52], 2);
	memcpy(out + 2, pairs[(w >> 40) & 0xfff], 2);
	memcpy(out + 4, pairs[(w >> 28) & 0xfff], 2);
	memcpy(out + 6, pairs[(w >> 16) & 0xfff], 2);
}

/* The line loops' constants (lines.h): the alphabet's tables. */
struct ln_enc {
	const char (*pairs)[2];
};

struct ln_dec {
	const uint16_t *d2;
};

static inline void
ln_enc_init(struct ln_enc *k, const struct b64_alphabet *alpha)
{
	k->pairs = alpha->pairs;
}

/*
 * Four triples from two 8-byte loads at 0 and 6; the second reads two
 * bytes past the twelve.
 */
static inline void
ln_enc_block(const struct ln_enc *k, const unsigned char *in, char *out)
{
	enc_48(load_be64(in), out, k->pairs);
	enc_48(load_be64(in + 6), out + 8, k->pairs);
}

static void
enc_scalar(const unsigned char *in, size_t ngroups, char *out,
    const struct b64_alphabet *alpha)
{
	struct ln_enc k;

	ln_enc_init(&k, alpha);
	/* A fifth triple must follow the four a step takes. */
	while (ngroups >= 5) {
		ln_enc_block(&k, in, out);
		in += 12;
		out += 16;
		ngroups -= 4;
	}
	while (ngroups > 0) {
		uint32_t w = (uint32_t)in[0] << 16 | (uint32_t)in[1] << 8 |
		    in[2];

		memcpy(out, k.pairs[w >> 12], 2);
		memcpy(out + 2, k.pairs[w & 0xfff], 2);
		in += 3;
		out += 4;
		ngroups--;
	}
}

static inline void
ln_dec_init(struct ln_dec *k, const struct b64_alphabet *alpha)
{
	k->d2 = alpha->dec2;
}

/*
 * For lines.h: sixteen characters as two 48-bit words (the first eight
 * characters' six bytes at the top of h, the last eight's at the top of
 * l), and the OR of the eight pairs' entries (B64_DEC2_BAD set if a
 * character is not in the alphabet).
 */
typedef struct {
	uint64_t h, l;
} ln_val;
typedef uint64_t ln_bad;

static inline ln_bad
ln_bad_none(void)
{
	return 0;
}

static inline ln_val
ln_values(const struct ln_dec *k, const unsigned char *in, ln_bad *bad)
{
	const uint16_t *t = k->d2;
	uint64_t p0 = t[load16(in)], p1 = t[load16(in + 2)];
	uint64_t p2 = t[load16(in + 4)], p3 = t[load16(in + 6)];
	uint64_t p4 = t[load16(in + 8)], p5 = t[load16(in + 10)];
	uint64_t p6 = t[load16(in + 12)], p7 = t[load16(in + 14)];
	ln_val v;

	*bad |= p0 | p1 | p2 | p3 | p4 | p5 | p6 | p7;
	v.h = p0 << 52 | p1 << 40 | p2 << 28 | p3 << 16;
	v.l = p4 << 52 | p5 << 40 | p6 << 28 | p7 << 16;
	return v;
}

static inline int
ln_bad_any(ln_bad bad)
{
	return (bad & B64_DEC2_BAD) != 0;
}

/* Twelve bytes, stored as two 8-byte words at 0 and 6: the second
 * writes two bytes past them. */
static inline void
ln_store(const struct ln_dec *k, ln_val v, unsigned char *out)
{
	(void)k;
	store_be64(out, v.h);
	store_be64(out + 6, v.l);
}

#define LN_WIDTH 16
#define LN_TARGET
#define LN_DEC_AHEAD 4 /* the second 8-byte store writes 2 bytes more */
#define LN_ENC_AHEAD 2 /* the second 8-byte load reads 2 bytes more */
#define LN_DEC_LINES dec_lines_scalar
#define LN_ENC_LINES enc_lines_scalar
#include "lines.h"

static size_t
dec_scalar(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table)
{
	struct ln_dec k;
	const uint16_t *t;
	size_t i = 0;

	ln_dec_init(&k, b64_alphabet_of(table));
	t = k.d2;
	while (n - i >= 16 + LN_DEC_AHEAD && ln_dec_block(&k, in + i, out)) {
		out += 12;
		i += 16;
	}
	while (n - i >= 4) {
		uint32_t hi = t[load16(in + i)], lo = t[load16(in + i + 2)];

		if ((hi | lo) & B64_DEC2_BAD)
			break;
		out[0] = (unsigned char)(hi >> 4);
		out[1] = (unsigned char)(hi << 4 | lo >> 8);
		out[2] = (unsigned char)lo;
		out += 3;
		i += 4;
	}
	return i;
}

const struct b64_impl b64_impl_scalar = {
	"scalar", B64_IMPL_SCALAR, NULL, enc_scalar, dec_scalar, NULL,
	dec_lines_scalar, enc_lines_scalar, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};
