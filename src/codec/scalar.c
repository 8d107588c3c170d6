/*
 * scalar.c - the portable bulk loops: the reference every SIMD loop is
 * tested against.  Whole quanta per step, table driven, no branches per
 * character.
 */
#include "b64_private.h"

static void
enc_scalar(const unsigned char *in, size_t ngroups, char *out,
    const char *alphabet)
{
	/* Two triples per step: one 48-bit window, eight characters. */
	while (ngroups >= 2) {
		uint64_t w = (uint64_t)in[0] << 40 | (uint64_t)in[1] << 32 |
		    (uint64_t)in[2] << 24 | (uint64_t)in[3] << 16 |
		    (uint64_t)in[4] << 8 | (uint64_t)in[5];

		out[0] = alphabet[(w >> 42) & 63];
		out[1] = alphabet[(w >> 36) & 63];
		out[2] = alphabet[(w >> 30) & 63];
		out[3] = alphabet[(w >> 24) & 63];
		out[4] = alphabet[(w >> 18) & 63];
		out[5] = alphabet[(w >> 12) & 63];
		out[6] = alphabet[(w >> 6) & 63];
		out[7] = alphabet[w & 63];
		in += 6;
		out += 8;
		ngroups -= 2;
	}
	if (ngroups) {
		uint32_t w = (uint32_t)in[0] << 16 | (uint32_t)in[1] << 8 |
		    in[2];

		out[0] = alphabet[(w >> 18) & 63];
		out[1] = alphabet[(w >> 12) & 63];
		out[2] = alphabet[(w >> 6) & 63];
		out[3] = alphabet[w & 63];
	}
}

static size_t
dec_scalar(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table)
{
	size_t i = 0;

	/* Two quanta per step; any class code has bit 6 set. */
	while (n - i >= 8) {
		uint32_t a0 = table[in[i]], a1 = table[in[i + 1]];
		uint32_t a2 = table[in[i + 2]], a3 = table[in[i + 3]];
		uint32_t b0 = table[in[i + 4]], b1 = table[in[i + 5]];
		uint32_t b2 = table[in[i + 6]], b3 = table[in[i + 7]];
		uint32_t a = a0 << 18 | a1 << 12 | a2 << 6 | a3;
		uint32_t b = b0 << 18 | b1 << 12 | b2 << 6 | b3;

		if ((a0 | a1 | a2 | a3 | b0 | b1 | b2 | b3) & 0xc0u)
			break;
		out[0] = (unsigned char)(a >> 16);
		out[1] = (unsigned char)(a >> 8);
		out[2] = (unsigned char)a;
		out[3] = (unsigned char)(b >> 16);
		out[4] = (unsigned char)(b >> 8);
		out[5] = (unsigned char)b;
		out += 6;
		i += 8;
	}
	while (n - i >= 4) {
		uint32_t a0 = table[in[i]], a1 = table[in[i + 1]];
		uint32_t a2 = table[in[i + 2]], a3 = table[in[i + 3]];
		uint32_t a = a0 << 18 | a1 << 12 | a2 << 6 | a3;

		if ((a0 | a1 | a2 | a3) & 0xc0u)
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
};
