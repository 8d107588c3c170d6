/*
 * tables.c - the two alphabets of RFC 4648 and every table made from
 * them.
 *
 * The tables are written out by the preprocessor from the rules below (the
 * RFC's table: A-Z, a-z, 0-9, then two characters that differ), so that
 * the characters of an alphabet are stated once, in B64_ALPHABET()'s two
 * arguments, and no table can disagree with another.
 */
#include "b64_private.h"

/* The character for value V (0..63). */
#define CH(v, c62, c63) \
	((v) < 26 ? 'A' + (v) : (v) < 52 ? 'a' + (v) - 26 : \
	 (v) < 62 ? '0' + (v) - 52 : (v) == 62 ? (c62) : (c63))

/* The value of byte C, or -1 if it is not in the alphabet. */
#define VAL(c, c62, c63) \
	((c) >= 'A' && (c) <= 'Z' ? (c) - 'A' : \
	 (c) >= 'a' && (c) <= 'z' ? (c) - 'a' + 26 : \
	 (c) >= '0' && (c) <= '9' ? (c) - '0' + 52 : \
	 (c) == (c62) ? 62 : (c) == (c63) ? 63 : -1)

/* Byte C's class when it is not in the alphabet. */
#define CLASS(c) \
	((c) == '=' ? B64_C_PAD : (c) == '\n' ? B64_C_LF : \
	 (c) == '\r' ? B64_C_CR : \
	 (c) == ' ' || (c) == '\t' || (c) == '\v' || (c) == '\f' ? B64_C_WS : \
	 B64_C_OTHER)

#define DEC(c, a, b) \
	(VAL(c, a, b) >= 0 ? (unsigned char)VAL(c, a, b) : CLASS(c)),
#define ASCII(c, a, b) \
	(VAL(c, a, b) >= 0 ? (unsigned char)VAL(c, a, b) : 0x80),
#define CHARS(v, a, b) CH(v, a, b),
#define PAIR(i, a, b) { CH((i) >> 6, a, b), CH((i) & 63, a, b) },
#define DEC4(c, sh, a, b) \
	(VAL(c, a, b) >= 0 ? (uint32_t)VAL(c, a, b) << (sh) : B64_DEC4_BAD),
#define DEC18(c, a, b) DEC4(c, 18, a, b)
#define DEC12(c, a, b) DEC4(c, 12, a, b)
#define DEC6(c, a, b) DEC4(c, 6, a, b)
#define DEC0(c, a, b) DEC4(c, 0, a, b)

/* M(i, a, b) for i = I, I+1, ... */
#define R4(M, i, a, b) \
	M(i, a, b) M((i) + 1, a, b) M((i) + 2, a, b) M((i) + 3, a, b)
#define R16(M, i, a, b) R4(M, i, a, b) R4(M, (i) + 4, a, b) \
	R4(M, (i) + 8, a, b) R4(M, (i) + 12, a, b)
#define R64(M, i, a, b) R16(M, i, a, b) R16(M, (i) + 16, a, b) \
	R16(M, (i) + 32, a, b) R16(M, (i) + 48, a, b)
#define R128(M, i, a, b) R64(M, i, a, b) R64(M, (i) + 64, a, b)
#define R256(M, i, a, b) R128(M, i, a, b) R128(M, (i) + 128, a, b)
#define R1024(M, i, a, b) R256(M, i, a, b) R256(M, (i) + 256, a, b) \
	R256(M, (i) + 512, a, b) R256(M, (i) + 768, a, b)
#define R4096(M, i, a, b) R1024(M, i, a, b) R1024(M, (i) + 1024, a, b) \
	R1024(M, (i) + 2048, a, b) R1024(M, (i) + 3072, a, b)

#define B64_ALPHABET(x62, x63, is_url) { \
	.dec = { R256(DEC, 0, x62, x63) }, \
	.chars = { R64(CHARS, 0, x62, x63) }, \
	.ascii = { R128(ASCII, 0, x62, x63) }, \
	.pairs = { R4096(PAIR, 0, x62, x63) }, \
	.dec4 = { { R256(DEC18, 0, x62, x63) }, { R256(DEC12, 0, x62, x63) }, \
		{ R256(DEC6, 0, x62, x63) }, { R256(DEC0, 0, x62, x63) } }, \
	.c62 = (x62), .c63 = (x63), .url = (is_url), \
}

const struct b64_alphabet b64_std = B64_ALPHABET('+', '/', 0);
const struct b64_alphabet b64_url = B64_ALPHABET('-', '_', 1);
