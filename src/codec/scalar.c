/*
 * scalar.c - the portable bulk loops: the reference every SIMD loop is
 * tested against, and what a CPU without vector code runs.  No
 * intrinsics: 64-bit words and tables of the alphabet descriptor.
 *
 * Encoding looks characters up two at a time (12 bits -> a pair, 8 KiB
 * per alphabet); decoding looks each character up already shifted into
 * its place in the 24-bit quantum, with a bit above them for "not in the
 * alphabet", so a quantum is four loads and three ORs and sixteen
 * characters need one test.
 */
#include <string.h>

#include "b64_private.h"

/*
 * Big-endian 8-byte loads and stores.  Where the byte order is known they
 * are one memcpy and a byte swap (GCC and Clang do not reliably merge the
 * byte-by-byte form of a store); elsewhere byte by byte.
 */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define BE64(w) __builtin_bswap64(w)
#elif defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define BE64(w) (w)
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
	const uint32_t (*d)[256];
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

/* The 24 bits of the quantum at P, with B64_DEC4_BAD set if any of its
 * characters is not in the alphabet. */
static inline uint32_t
dec_quantum(const unsigned char *p, const uint32_t (*d)[256])
{
	return d[0][p[0]] | d[1][p[1]] | d[2][p[2]] | d[3][p[3]];
}

static inline void
ln_dec_init(struct ln_dec *k, const struct b64_alphabet *alpha)
{
	k->d = alpha->dec4;
}

/* For lines.h: sixteen characters' four quanta, and the OR of them
 * (B64_DEC4_BAD set if a character is not in the alphabet). */
typedef struct {
	uint32_t a, b, c, e;
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

	v.a = dec_quantum(in, k->d);
	v.b = dec_quantum(in + 4, k->d);
	v.c = dec_quantum(in + 8, k->d);
	v.e = dec_quantum(in + 12, k->d);
	*bad |= v.a | v.b | v.c | v.e;
	return v;
}

static inline int
ln_bad_any(ln_bad bad)
{
	return (bad & B64_DEC4_BAD) != 0;
}

/* Twelve bytes, stored as two 8-byte words that overlap by four. */
static inline void
ln_store(const struct ln_dec *k, ln_val v, unsigned char *out)
{
	(void)k;
	store_be64(out, (uint64_t)v.a << 40 | (uint64_t)v.b << 16 |
	    v.c >> 8);
	store_be64(out + 4, (uint64_t)(v.b & 0xffff) << 48 |
	    (uint64_t)v.c << 24 | v.e);
}

#define LN_WIDTH 16
#define LN_TARGET
#define LN_DEC_AHEAD 0 /* two overlapping 8-byte stores: exact */
#define LN_ENC_AHEAD 2 /* the second 8-byte load reads 2 bytes more */
#define LN_DEC_LINES dec_lines_scalar
#define LN_ENC_LINES enc_lines_scalar
#include "lines.h"

static size_t
dec_scalar(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table)
{
	const uint32_t (*d)[256] = b64_alphabet_of(table)->dec4;
	struct ln_dec k;
	size_t i = 0;

	ln_dec_init(&k, b64_alphabet_of(table));
	while (n - i >= 16 && ln_dec_block(&k, in + i, out)) {
		out += 12;
		i += 16;
	}
	while (n - i >= 4) {
		uint32_t a = dec_quantum(in + i, d);

		if (a & B64_DEC4_BAD)
			break;
		out[0] = (unsigned char)(a >> 16);
		out[1] = (unsigned char)(a >> 8);
		out[2] = (unsigned char)a;
		out += 3;
		i += 4;
	}
	return i;
}

const struct b64_impl b64_impl_scalar = {
	"scalar", B64_IMPL_SCALAR, NULL, enc_scalar, dec_scalar, NULL,
	dec_lines_scalar, enc_lines_scalar,
};
