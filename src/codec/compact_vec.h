/*
 * compact_vec.h - the compact loop (b64_private.h) of the SSSE3, AVX2 and
 * NEON implementations, written once for any vector width.  Without
 * VPCOMPRESSB, each group of 8 bytes is packed by a byte shuffle (PSHUFB,
 * TBL) with a control looked up in a 256-entry table by the group's
 * keep-mask; the group's population count (another table) says where the
 * next one goes.  A block of nothing but alphabet characters (most of a
 * 76-column line) is stored as it is.
 *
 * Unlike the AVX-512 loop, this one stops exactly at the first byte it
 * may not drop, and takes the last partial block too (copied to a buffer
 * padded with '=', which is never dropped), so that the decoder's
 * byte-at-a-time path starts right at that byte.
 *
 * Included once at the top of the file for the tables, and again, after
 * these definitions, for the function:
 *   CP_WIDTH      bytes per vector (16 or 32)
 *   CP_TARGET     the function attribute of its instruction set (may be
 *                 empty)
 *   CP_NAME       the name of the function to define
 *   cp_vec        the vector type
 *   struct cp_consts  what cp_init loads once per call
 * and, with CP_TARGET, static inline functions
 *   void     cp_init(struct cp_consts *k, const struct b64_alphabet *a)
 *   cp_vec   cp_load(const unsigned char *p)
 *   void     cp_store(unsigned char *p, cp_vec v)
 *   int      cp_clean(const struct cp_consts *k, cp_vec v)
 *   uint32_t cp_alpha(const struct cp_consts *k, cp_vec v)
 *   uint32_t cp_eq(cp_vec v, char c)
 *   uint32_t cp_space(cp_vec v)
 *   size_t   cp_pack(unsigned char *out, cp_vec v, uint32_t keep)
 *   void     cp_cut(unsigned char *out, cp_vec v, unsigned p, unsigned r)
 * where bit j of a mask stands for byte j of the vector: cp_clean says
 * whether V is all alphabet characters, cp_alpha gives the alphabet
 * characters, cp_eq the bytes equal to C, cp_space the ASCII white space
 * (HT LF VT FF CR SP); cp_pack stores the bytes KEEP selects, in order,
 * at OUT (writing up to CP_WIDTH bytes) and returns how many they are;
 * cp_cut stores V without its bytes P..P+R-1 (R is 1 or 2: the line end
 * of most blocks that hold one, LF or CR LF), a shift and a blend where
 * cp_pack takes four table look-ups.
 */
#ifndef SEXTET_COMPACT_VEC_H
#define SEXTET_COMPACT_VEC_H

#include <stdint.h>
#include <string.h>

/*
 * cp_pk[m]: byte j is the position of the (j+1)-th set bit of M, so that
 * PSHUFB with it packs the bytes M selects (unused bytes are 0);
 * cp_cnt[m]: how many bits M has.  Both are constant expressions.
 */
#define CP_POP8(m) (((m) & 1) + ((m) >> 1 & 1) + ((m) >> 2 & 1) + \
	((m) >> 3 & 1) + ((m) >> 4 & 1) + ((m) >> 5 & 1) + ((m) >> 6 & 1) + \
	((m) >> 7 & 1))
#define CP_BIT(m, b) (((m) >> (b) & 1) ? \
	(uint64_t)(b) << 8 * CP_POP8((m) & ((1u << (b)) - 1)) : 0)
#define CP_PK(m) (CP_BIT(m, 0) | CP_BIT(m, 1) | CP_BIT(m, 2) | \
	CP_BIT(m, 3) | CP_BIT(m, 4) | CP_BIT(m, 5) | CP_BIT(m, 6) | \
	CP_BIT(m, 7))
#define CP_PK4(m) CP_PK(m), CP_PK((m) + 1), CP_PK((m) + 2), CP_PK((m) + 3)
#define CP_PK16(m) CP_PK4(m), CP_PK4((m) + 4), CP_PK4((m) + 8), \
	CP_PK4((m) + 12)
#define CP_PK64(m) CP_PK16(m), CP_PK16((m) + 16), CP_PK16((m) + 32), \
	CP_PK16((m) + 48)
#define CP_CNT4(m) CP_POP8(m), CP_POP8((m) + 1), CP_POP8((m) + 2), \
	CP_POP8((m) + 3)
#define CP_CNT16(m) CP_CNT4(m), CP_CNT4((m) + 4), CP_CNT4((m) + 8), \
	CP_CNT4((m) + 12)
#define CP_CNT64(m) CP_CNT16(m), CP_CNT16((m) + 16), CP_CNT16((m) + 32), \
	CP_CNT16((m) + 48)

static const uint64_t cp_pk[256] = {
	CP_PK64(0u), CP_PK64(64u), CP_PK64(128u), CP_PK64(192u),
};

static const unsigned char cp_cnt[256] = {
	CP_CNT64(0u), CP_CNT64(64u), CP_CNT64(128u), CP_CNT64(192u),
};

/* Loaded from 32 - P: a mask of the bytes at P and after. */
static const unsigned char cp_from[64] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/* Added to a cp_pk entry for the second 8 bytes of a 16-byte lane. */
#define CP_HIGH8 0x0808080808080808ull

/* Bits set in M (no POPCNT: not every SSSE3 CPU has it). */
static inline unsigned
cp_popcount(uint32_t m)
{
	return (unsigned)cp_cnt[m & 0xff] + cp_cnt[m >> 8 & 0xff] +
	    cp_cnt[m >> 16 & 0xff] + cp_cnt[m >> 24];
}

/* Highest set bit of a non-zero mask. */
static inline unsigned
cp_top(uint32_t m)
{
	return 31u - (unsigned)__builtin_clz(m);
}

#endif /* SEXTET_COMPACT_VEC_H */

/* The function itself: once per including file. */
#ifdef CP_NAME
#define CP_ALL ((uint32_t)(((uint64_t)1 << CP_WIDTH) - 1))

static CP_TARGET size_t
CP_NAME(const unsigned char *in, size_t n, unsigned char *tmp,
    const unsigned char *table, unsigned skip, struct b64_scan *sc)
{
	/* Which byte classes drop, as masks to AND with. */
	const uint32_t drop_lf = (skip & B64_SKIP_LF) ? CP_ALL : 0;
	const uint32_t drop_ws = (skip & B64_SKIP_WS) ? CP_ALL : 0;
	struct cp_consts k;
	unsigned char last[CP_WIDTH];
	/* The last block with an alphabet character (a_i, or none if
	 * a_nlf is SIZE_MAX), and the line count and start before it:
	 * where in it the character and its line are is worked out at the
	 * end. */
	size_t i = 0, o = 0, nlf = 0, lf_end = 0, a_i = 0;
	size_t a_nlf = SIZE_MAX, a_lf_end = 0;
	/* Where the whole blocks end: I stays a multiple of CP_WIDTH. */
	const size_t whole = n - n % CP_WIDTH;

	cp_init(&k, b64_alphabet_of(table));
	for (;;) {
		cp_vec v;
		uint32_t alpha, lf, go, stop, drop;
		size_t step = CP_WIDTH, run = i;

		/* A run of blocks of nothing but alphabet characters (most of
		 * a line): stored as they are, accounted for once. */
		while (i < whole) {
			cp_vec w = cp_load(in + i);

			if (!cp_clean(&k, w))
				break;
			cp_store(tmp + o, w);
			o += CP_WIDTH;
			i += CP_WIDTH;
		}
		if (i != run) {
			a_i = i - CP_WIDTH;
			a_nlf = nlf;
			a_lf_end = lf_end;
		}
		if (i == n)
			break;
		if (i == whole) {
			memset(last, '=', sizeof(last));
			memcpy(last, in + i, n - i);
			v = cp_load(last);
		} else {
			v = cp_load(in + i);
		}
		alpha = cp_alpha(&k, v);
		lf = cp_eq(v, '\n');
		/* What may go on: the classes the mode drops, each worked out
		 * only if it does. */
		go = alpha | (lf & drop_lf);
		if (skip & (B64_SKIP_WS | B64_SKIP_OTHER)) {
			uint32_t ws = cp_space(v) & ~lf;

			go |= ws & drop_ws;
			if (skip & B64_SKIP_OTHER)
				go |= ~(lf | ws | cp_eq(v, '='));
		}
		/* Not alphabet and not dropped: the byte-at-a-time path's. */
		stop = ~go & CP_ALL;
		drop = ~alpha & CP_ALL;
		if (stop) {
			uint32_t below;

			step = (size_t)__builtin_ctz(stop);
			below = ((uint32_t)1 << step) - 1;
			alpha &= below;
			lf &= below;
		}
		if (stop == 0 && (drop & (drop - 1)) == 0) {
			cp_cut(tmp + o, v, (unsigned)__builtin_ctz(drop), 1);
			o += CP_WIDTH - 1;
		} else if (stop == 0 && drop == (drop & -drop) * 3) {
			cp_cut(tmp + o, v, (unsigned)__builtin_ctz(drop), 2);
			o += CP_WIDTH - 2;
		} else {
			o += cp_pack(tmp + o, v, alpha);
		}
		if (alpha) {
			a_i = i;
			a_nlf = nlf;
			a_lf_end = lf_end;
		}
		if (lf) {
			/* Mostly one. */
			nlf += (lf & (lf - 1)) ? cp_popcount(lf) : 1;
			lf_end = i + cp_top(lf) + 1;
		}
		i += step;
		if (stop)
			break;
	}
	sc->nalpha = o;
	sc->nlf = nlf;
	sc->lf_end = lf_end;
	sc->last_alpha = sc->alpha_nlf = sc->alpha_lf_end = 0;
	if (a_nlf != SIZE_MAX) {
		/* That block again, as far as it was consumed; the last
		 * partial one is still in LAST. */
		cp_vec v = cp_load(n - a_i >= CP_WIDTH ? in + a_i : last);
		uint32_t seen = i - a_i >= CP_WIDTH ? CP_ALL :
		    ((uint32_t)1 << (i - a_i)) - 1;
		unsigned pos = cp_top(cp_alpha(&k, v) & seen);
		uint32_t before = cp_eq(v, '\n') & (((uint32_t)1 << pos) - 1);

		sc->last_alpha = a_i + pos;
		sc->alpha_nlf = a_nlf + (size_t)cp_popcount(before);
		sc->alpha_lf_end = before ? a_i + cp_top(before) + 1 :
		    a_lf_end;
	}
	return i;
}

#undef CP_ALL
#endif /* CP_NAME */
