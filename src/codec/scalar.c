/*
 * scalar.c - the portable bulk loops: the reference every SIMD loop is
 * tested against, and what a CPU without vector code runs.  No
 * intrinsics: 64-bit words and tables of the alphabet descriptor.
 *
 * Both directions go two characters at a time.  Encoding looks 12 bits
 * up in a table of character pairs (8 KiB per alphabet).  Decoding loads
 * two characters as one 16-bit word and looks that up in one of two
 * tables (64 Ki entries of 4 bytes each, 256 KiB per table, of which text
 * in the alphabet touches about 24 KiB): the first two characters of a
 * quantum in one, the last two in the other, each entry holding the bits
 * they give already in place among the quantum's three bytes and a flag
 * byte for "not in the alphabet".  A quantum is two loads, two look-ups,
 * an OR and one 4-byte store (its fourth byte is overwritten by the next
 * quantum's); sixteen characters need one test.  A table of the 12 bits
 * alone (2-byte entries, the bits put in place with shifts and byte
 * swaps) decoded 7 % slower, and 76-column text 22 % slower; byte by
 * byte, twice as many loads, slower still.
 */
#include <string.h>

#include "b64_private.h"

/*
 * Big-endian 8-byte loads and little-endian 2-byte loads.  Where the byte
 * order is known they are one memcpy and maybe a byte swap; elsewhere
 * byte by byte.
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

/* The two bytes at P as an index into dec01 or dec23: the first plus 256
 * times the second (one 16-bit load on a little-endian CPU). */
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
	const unsigned char (*d01)[4], (*d23)[4];
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
	k->d01 = alpha->dec01;
	k->d23 = alpha->dec23;
}

static inline uint32_t
load32(const void *p)
{
	uint32_t w;

	memcpy(&w, p, 4);
	return w;
}

/* The quantum at IN: its three bytes as the first three of the word (in
 * memory order), B64_DEC_BAD in the fourth if a character is not in the
 * alphabet. */
static inline uint32_t
quantum(const struct ln_dec *k, const unsigned char *in)
{
	return load32(k->d01[load16(in)]) | load32(k->d23[load16(in + 2)]);
}

/* A word with B64_DEC_BAD as its fourth byte, in memory order. */
static inline uint32_t
bad_flag(void)
{
	static const unsigned char f[4] = { 0, 0, 0, B64_DEC_BAD };

	return load32(f);
}

/*
 * For lines.h: sixteen characters as four quanta, and the OR of them
 * (B64_DEC_BAD in its fourth byte if a character is not in the alphabet).
 */
typedef struct {
	uint32_t q[4];
} ln_val;
typedef uint32_t ln_bad;

static inline ln_bad
ln_bad_none(void)
{
	return 0;
}

static inline ln_val
ln_values(const struct ln_dec *k, const unsigned char *in, ln_bad *bad)
{
	ln_val v;

	v.q[0] = quantum(k, in);
	v.q[1] = quantum(k, in + 4);
	v.q[2] = quantum(k, in + 8);
	v.q[3] = quantum(k, in + 12);
	*bad |= v.q[0] | v.q[1] | v.q[2] | v.q[3];
	return v;
}

static inline int
ln_bad_any(ln_bad bad)
{
	return (bad & bad_flag()) != 0;
}

/* Twelve bytes, as four 4-byte stores 3 bytes apart: each one's fourth
 * byte is the next one's first; the last one's is written past the
 * twelve. */
static inline void
ln_store(const struct ln_dec *k, ln_val v, unsigned char *out)
{
	(void)k;
	memcpy(out, &v.q[0], 4);
	memcpy(out + 3, &v.q[1], 4);
	memcpy(out + 6, &v.q[2], 4);
	memcpy(out + 9, &v.q[3], 4);
}

#define LN_WIDTH 16
#define LN_TARGET
#define LN_DEC_AHEAD 4 /* the last store writes 1 byte past its 12 */
#define LN_ENC_AHEAD 2 /* the second 8-byte load reads 2 bytes more */
#define LN_DEC_LINES dec_lines_scalar
#define LN_ENC_LINES enc_lines_scalar
#include "lines.h"

static size_t
dec_scalar(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table)
{
	struct ln_dec k;
	size_t i = 0;

	ln_dec_init(&k, b64_alphabet_of(table));
	while (n - i >= 16 + LN_DEC_AHEAD && ln_dec_block(&k, in + i, out)) {
		out += 12;
		i += 16;
	}
	while (n - i >= 4) {
		uint32_t q = quantum(&k, in + i);

		if (q & bad_flag())
			break;
		memcpy(out, &q, 3);
		out += 3;
		i += 4;
	}
	return i;
}

const struct b64_impl b64_impl_scalar = {
	"scalar", B64_IMPL_SCALAR, NULL, enc_scalar, dec_scalar, NULL,
	dec_lines_scalar, enc_lines_scalar,
};
