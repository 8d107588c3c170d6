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

/*
 * The SSSE3 and AVX2 tables (b64_private.h).  Every alphabet character is
 * in high nibbles 2..7; each of those has a class bit of its own, the
 * others share 0x40, which no low nibble's entry holds.
 */
#define HI_CLASS(h) ((h) >= 2 && (h) <= 7 ? 1 << (((h) - 2) & 7) & 0x3f : \
	0x40)
#define LO_CLASS(h, l, a, b) (VAL((h) << 4 | (l), a, b) >= 0 ? HI_CLASS(h) : 0)
#define NIB_HI(h, a, b) HI_CLASS(h),
#define NIB_LO(l, a, b) (LO_CLASS(2, l, a, b) | LO_CLASS(3, l, a, b) | \
	LO_CLASS(4, l, a, b) | LO_CLASS(5, l, a, b) | LO_CLASS(6, l, a, b) | \
	LO_CLASS(7, l, a, b)),
/* Offsets, as bytes (negative ones wrap, as the vector adds do). */
#define ROLL(h, a, b) (((h) == 0 ? 63 - (b) : (h) == 2 ? 62 - (a) : \
	(h) == 3 ? 52 - '0' : (h) == 4 || (h) == 5 ? -'A' : \
	(h) == 6 || (h) == 7 ? 26 - 'a' : 0) & 0xff),
#define ENC_OFF(i, a, b) (((i) == 0 ? 'A' : (i) == 1 ? 'a' - 26 : \
	(i) <= 11 ? '0' - 52 : (i) == 12 ? (a) - 62 : (i) == 13 ? (b) - 63 : \
	0) & 0xff),

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

/*
 * The decode table of character pairs (dec2) has an entry for each pair
 * of bytes, at the first byte plus 256 times the second (the value of a
 * 16-bit load on a little-endian CPU).  Its entries name each
 * byte's value by an enumerator, V_0xHH (standard alphabet) or U_0xHH
 * (URL-safe), 255 when the byte is not in the alphabet, so that an entry
 * is a short constant expression.  The names come from token pasting:
 * HEX(M, x, 0x4) is M(x, 0x40) M(x, 0x41) ... M(x, 0x4F).
 */
#define HEX(M, x, h) M(x, h##0) M(x, h##1) M(x, h##2) M(x, h##3) \
	M(x, h##4) M(x, h##5) M(x, h##6) M(x, h##7) M(x, h##8) M(x, h##9) \
	M(x, h##A) M(x, h##B) M(x, h##C) M(x, h##D) M(x, h##E) M(x, h##F)
#define HEX256(M, x) HEX(M, x, 0x0) HEX(M, x, 0x1) HEX(M, x, 0x2) \
	HEX(M, x, 0x3) HEX(M, x, 0x4) HEX(M, x, 0x5) HEX(M, x, 0x6) \
	HEX(M, x, 0x7) HEX(M, x, 0x8) HEX(M, x, 0x9) HEX(M, x, 0xA) \
	HEX(M, x, 0xB) HEX(M, x, 0xC) HEX(M, x, 0xD) HEX(M, x, 0xE) \
	HEX(M, x, 0xF)
/* The same again for the rows (a macro does not expand inside itself). */
#define HEXR(M, x, h) M(x, h##0) M(x, h##1) M(x, h##2) M(x, h##3) \
	M(x, h##4) M(x, h##5) M(x, h##6) M(x, h##7) M(x, h##8) M(x, h##9) \
	M(x, h##A) M(x, h##B) M(x, h##C) M(x, h##D) M(x, h##E) M(x, h##F)
#define HEX256R(M, x) HEXR(M, x, 0x0) HEXR(M, x, 0x1) HEXR(M, x, 0x2) \
	HEXR(M, x, 0x3) HEXR(M, x, 0x4) HEXR(M, x, 0x5) HEXR(M, x, 0x6) \
	HEXR(M, x, 0x7) HEXR(M, x, 0x8) HEXR(M, x, 0x9) HEXR(M, x, 0xA) \
	HEXR(M, x, 0xB) HEXR(M, x, 0xC) HEXR(M, x, 0xD) HEXR(M, x, 0xE) \
	HEXR(M, x, 0xF)

#define VALUE_OR_255(c, a, b) (VAL(c, a, b) >= 0 ? VAL(c, a, b) : 255)
#define ENUM(unused, c) V_##c = VALUE_OR_255(c, '+', '/'), \
	U_##c = VALUE_OR_255(c, '-', '_'),
enum { HEX256(ENUM, ~) };

/* The entry for first byte C0 and second byte C1 in alphabet X (V or U). */
#define DEC2(x, c0, c1) \
	((x##_##c0 | x##_##c1) < 64 ? x##_##c0 << 6 | x##_##c1 : B64_DEC2_BAD),
/* Row HI, column LO: the entry for the pair whose first byte is LO and
 * second byte HI (index = first | second << 8). */
#define CELL_V(hi, lo) DEC2(V, lo, hi)
#define CELL_U(hi, lo) DEC2(U, lo, hi)
#define ROW_V(unused, hi) HEX256(CELL_V, hi)
#define ROW_U(unused, hi) HEX256(CELL_U, hi)

#define B64_ALPHABET(x62, x63, is_url, row) { \
	.dec = { R256(DEC, 0, x62, x63) }, \
	.chars = { R64(CHARS, 0, x62, x63) }, \
	.ascii = { R128(ASCII, 0, x62, x63) }, \
	.nib_hi = { R16(NIB_HI, 0, x62, x63) }, \
	.nib_lo = { R16(NIB_LO, 0, x62, x63) }, \
	.roll = { R16(ROLL, 0, x62, x63) }, \
	.enc_offs = { R16(ENC_OFF, 0, x62, x63) }, \
	.pairs = { R4096(PAIR, 0, x62, x63) }, \
	.dec2 = { HEX256R(row, ~) }, \
	.c62 = (x62), .c63 = (x63), .url = (is_url), \
}

const struct b64_alphabet b64_std = B64_ALPHABET('+', '/', 0, ROW_V);
const struct b64_alphabet b64_url = B64_ALPHABET('-', '_', 1, ROW_U);
