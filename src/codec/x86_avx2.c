/*
 * x86_avx2.c - AVX2 bulk loops, after Muła and Lemire, "Faster Base64
 * Encoding and Decoding Using AVX2 Instructions" (2018): 24 bytes to 32
 * characters and back per step.  Only functions marked with the avx2
 * target touch the intrinsics; the CPU check is b64_cpu_features().
 */
#include "b64_private.h"
#include "cpu_x86.h"

#ifdef HAVE_TARGET_AVX2
#include <immintrin.h>

#include "compact_vec.h"

#define AVX2 __attribute__((target("avx2")))

/*
 * Encode: each 3-byte group a b c becomes the dword [b a c b]; two
 * multiplies then move the four 6-bit fields into four bytes; the ASCII
 * offset of each field's range comes from a 16-entry table indexed by a
 * small class number: the saturating subtract of 51 gives 1..12 for the
 * digits, 62 and 63, and subtracting the compare "above 25" moves those
 * and a-z up by one (0: A-Z, 1: a-z, 2..11: digits, 12: 62, 13: 63).
 */
/* One of the alphabet's 16-byte tables (b64_private.h), in both lanes
 * (VPSHUFB looks up each 16-byte lane on its own). */
static inline AVX2 __m256i
table16(const unsigned char *t)
{
	return _mm256_broadcastsi128_si256(_mm_loadu_si128(
	    (const __m128i *)(const void *)t));
}

struct ln_enc {
	__m256i shuf, back, offs;
};

static inline AVX2 void
ln_enc_init(struct ln_enc *k, const struct b64_alphabet *alpha)
{
	k->shuf = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9,
	    11, 10, 1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
	k->back = _mm256_setr_epi8(5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14,
	    13, 15, 14, 1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
	k->offs = table16(alpha->enc_offs);
}

/* The 32 characters of V, whose dwords are [b a c b] of its eight
 * groups, stored at OUT. */
static inline AVX2 void
enc_fields(const struct ln_enc *k, __m256i v, char *out)
{
	__m256i t0, t1, idx, cls;

	t0 = _mm256_mulhi_epu16(_mm256_and_si256(v,
	    _mm256_set1_epi32(0x0fc0fc00)), _mm256_set1_epi32(0x04000040));
	t1 = _mm256_mullo_epi16(_mm256_and_si256(v,
	    _mm256_set1_epi32(0x003f03f0)), _mm256_set1_epi32(0x01000010));
	idx = _mm256_or_si256(t0, t1);
	cls = _mm256_sub_epi8(_mm256_subs_epu8(idx, _mm256_set1_epi8(51)),
	    _mm256_cmpgt_epi8(idx, _mm256_set1_epi8(25)));
	v = _mm256_add_epi8(_mm256_shuffle_epi8(k->offs, cls), idx);
	_mm256_storeu_si256((__m256i *)(void *)out, v);
}

/* 24 bytes to 32 characters; reads 28 (two 16-byte loads 12 apart). */
static inline AVX2 void
ln_enc_block(const struct ln_enc *k, const unsigned char *in, char *out)
{
	__m128i lo = _mm_loadu_si128((const __m128i *)(const void *)in);
	__m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(in + 12));
	__m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);

	enc_fields(k, _mm256_shuffle_epi8(v, k->shuf), out);
}

/* The same from one 32-byte load 4 bytes before IN (lines.h's
 * LN_ENC_BACK): the lower lane's groups are its bytes 4..15, the upper
 * one's its bytes 0..11 (the 4 after the 24 are read too), and no lane
 * insert is needed. */
static inline AVX2 void
ln_enc_block_back(const struct ln_enc *k, const unsigned char *in,
    char *out)
{
	enc_fields(k, _mm256_shuffle_epi8(_mm256_loadu_si256(
	    (const __m256i *)(const void *)(in - 4)), k->back), out);
}

/* The high nibble of each byte of V. */
static inline AVX2 __m256i
high4(__m256i v)
{
	return _mm256_and_si256(_mm256_srli_epi32(v, 4), _mm256_set1_epi8(0x0f));
}

/*
 * Non-zero in the bytes of V that are not in the alphabet of LO_BITS and
 * HI_BITS; HI is high4(V).  The look-up by V itself (no mask) gives 0 for
 * a byte with bit 7 set, which leaves its class bit (hi_bits[8..15])
 * standing.
 */
static inline AVX2 __m256i
outside(__m256i lo_bits, __m256i hi_bits, __m256i v, __m256i hi)
{
	return _mm256_andnot_si256(_mm256_shuffle_epi8(lo_bits, v),
	    _mm256_shuffle_epi8(hi_bits, hi));
}

/*
 * Decode: a byte is valid when the bit its high nibble selects is set in
 * the mask its low nibble selects (hi_bits[hi] & ~lo_bits[lo] == 0); the
 * value is the byte plus an offset chosen by the high nibble, except for
 * the one character (63) that shares its nibble with another range: a
 * saturating subtract of the compare's all-ones sends it to entry 0 of
 * the offsets (nibble 0 holds no alphabet character).  Four 6-bit values
 * are then packed by two multiply-adds, and each lane's 12 bytes stored
 * on their own (the upper lane by VEXTRACTI128's store form, which needs
 * no shuffle unit: a cross-lane permute before one store made decoding
 * 10 % slower).
 */
struct ln_dec {
	__m256i lo_bits, hi_bits, roll, c63, pack;
};

static inline AVX2 void
ln_dec_init(struct ln_dec *k, const struct b64_alphabet *alpha)
{
	k->lo_bits = table16(alpha->nib_lo);
	k->hi_bits = table16(alpha->nib_hi);
	k->roll = table16(alpha->roll);
	k->c63 = _mm256_set1_epi8((char)alpha->c63);
	k->pack = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1,
	    -1, -1, -1, 2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
}

/* For lines.h: a block's values, and the OR of the validity tests'
 * results (non-zero where a byte is not in the alphabet). */
typedef __m256i ln_val;
typedef __m256i ln_bad;

static inline AVX2 __m256i
ln_bad_none(void)
{
	return _mm256_setzero_si256();
}

/* The values of the characters in V (ln_values without the load). */
static inline AVX2 __m256i
values_of(const struct ln_dec *k, __m256i v, __m256i *bad)
{
	__m256i hi = high4(v);

	*bad = _mm256_or_si256(*bad, outside(k->lo_bits, k->hi_bits, v, hi));
	return _mm256_add_epi8(v, _mm256_shuffle_epi8(k->roll,
	    _mm256_subs_epu8(hi, _mm256_cmpeq_epi8(v, k->c63))));
}

static inline AVX2 __m256i
ln_values(const struct ln_dec *k, const unsigned char *in, __m256i *bad)
{
	return values_of(k, _mm256_loadu_si256(
	    (const __m256i *)(const void *)in), bad);
}

static inline AVX2 int
ln_bad_any(__m256i bad)
{
	return !_mm256_testz_si256(bad, bad);
}

/* 24 bytes, as two 16-byte stores 12 apart: the second writes 4 bytes
 * past the 24. */
static inline AVX2 void
ln_store(const struct ln_dec *k, __m256i v, unsigned char *out)
{
	v = _mm256_maddubs_epi16(v, _mm256_set1_epi32(0x01400140));
	v = _mm256_madd_epi16(v, _mm256_set1_epi32(0x00011000));
	v = _mm256_shuffle_epi8(v, k->pack);
	_mm_storeu_si128((__m128i *)(void *)out, _mm256_castsi256_si128(v));
	_mm_storeu_si128((__m128i *)(void *)(out + 12),
	    _mm256_extracti128_si256(v, 1));
}

#define LN_WIDTH 32
#define LN_TARGET AVX2
#define LN_DEC_AHEAD 8 /* the store writes 4 bytes past its 24 */
#define LN_ENC_AHEAD 4  /* the loads read 28 bytes of 24 */
#define LN_ENC_BACK 4   /* ln_enc_block_back: 4 before its 24, and 4 after */
#define LN_DEC_LINES dec_lines_any
#define LN_ENC_LINES enc_lines_avx2
#define LN_DEC dec_avx2
#define LN_ENC enc_avx2
#include "lines.h"

/*
 * dec_lines for lines of 68..80 characters (76: GNU, MIME), two at a
 * time in five blocks instead of six: the first line's blocks at 0 and
 * 32; its rest joined to the start of the second line (two loads EOL
 * bytes apart, blended); then two blocks of the second line, the last
 * ending at its end.  One test per line.  Other lengths, and a line
 * left over, go to the generic loop (lines.h).
 */
static AVX2 size_t
dec_lines_avx2(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table, size_t len, size_t eol)
{
	struct ln_dec k;
	const size_t step = len + eol, olen = len / 4 * 3;
	const size_t b1 = 96 - len, b2 = len - 32;
	size_t lines = 0;
	__m256i from;

	if (len <= 64 || len > 80 || len % 4 != 0 || eol < 1 || eol > 2)
		return dec_lines_any(in, n, out, table, len, eol);
	ln_dec_init(&k, b64_alphabet_of(table));
	/* The bytes of the joined block that come from the second line. */
	from = _mm256_loadu_si256((const __m256i *)(const void *)(cp_from +
	    32 - (len - 64)));
	while (n >= 2 * step + LN_DEC_AHEAD && ln_line_end(in, len, eol) &&
	    ln_line_end(in + step, len, eol)) {
		const unsigned char *b = in + step;
		ln_bad bad = ln_bad_none();
		ln_val a0 = ln_values(&k, in, &bad);
		ln_val a1 = ln_values(&k, in + 32, &bad);
		ln_val j = values_of(&k, _mm256_blendv_epi8(
		    _mm256_loadu_si256((const __m256i *)(const void *)(in + 64)),
		    _mm256_loadu_si256((const __m256i *)(const void *)(in + 64 +
		    eol)), from), &bad);

		if (ln_bad_any(bad))
			break;
		ln_store(&k, a0, out);
		ln_store(&k, a1, out + 24);
		ln_store(&k, j, out + 48);
		/* The first line is done; the second. */
		bad = ln_bad_none();
		a0 = ln_values(&k, b + b1, &bad);
		a1 = ln_values(&k, b + b2, &bad);
		if (ln_bad_any(bad))
			return lines + 1; /* the second line has a bad byte */
		ln_store(&k, a0, out + olen + b1 / 4 * 3);
		ln_store(&k, a1, out + olen + b2 / 4 * 3);
		in += 2 * step;
		n -= 2 * step;
		out += 2 * olen;
		lines += 2;
	}
	return lines + dec_lines_any(in, n, out, table, len, eol);
}

/* The compact loop: compact_vec.h on 32-byte vectors. */
struct cp_consts {
	__m256i lo_bits, hi_bits;
};

typedef __m256i cp_vec;

static inline AVX2 void
cp_init(struct cp_consts *k, const struct b64_alphabet *alpha)
{
	k->lo_bits = table16(alpha->nib_lo);
	k->hi_bits = table16(alpha->nib_hi);
}

static inline AVX2 __m256i
cp_load(const unsigned char *p)
{
	return _mm256_loadu_si256((const __m256i *)(const void *)p);
}

static inline AVX2 void
cp_store(unsigned char *p, __m256i v)
{
	_mm256_storeu_si256((__m256i *)(void *)p, v);
}

static inline AVX2 uint32_t
cp_alpha(const struct cp_consts *k, __m256i v)
{
	__m256i bad = outside(k->lo_bits, k->hi_bits, v, high4(v));

	return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(bad,
	    _mm256_setzero_si256()));
}

static inline AVX2 int
cp_clean(const struct cp_consts *k, __m256i v)
{
	__m256i bad = outside(k->lo_bits, k->hi_bits, v, high4(v));

	return _mm256_testz_si256(bad, bad);
}

/* Bytes equal to C. */
static inline AVX2 uint32_t
cp_eq(__m256i v, char c)
{
	return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v,
	    _mm256_set1_epi8(c)));
}

/* ASCII white space: HT LF VT FF CR (9..13: v - 9 <= 4 unsigned), SP. */
static inline AVX2 uint32_t
cp_space(__m256i v)
{
	__m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8('\t'));
	__m256i ctl = _mm256_cmpeq_epi8(_mm256_min_epu8(d,
	    _mm256_set1_epi8(4)), d);

	return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(ctl,
	    _mm256_cmpeq_epi8(v, _mm256_set1_epi8(' '))));
}

/* Each 16-byte lane packs its two groups of 8; four 8-byte stores. */
static inline AVX2 size_t
cp_pack(unsigned char *out, __m256i v, uint32_t keep)
{
	unsigned m0 = keep & 0xff, m1 = keep >> 8 & 0xff;
	unsigned m2 = keep >> 16 & 0xff, m3 = keep >> 24;
	__m256i p = _mm256_shuffle_epi8(v, _mm256_setr_epi64x(
	    (long long)cp_pk[m0], (long long)(cp_pk[m1] + CP_HIGH8),
	    (long long)cp_pk[m2], (long long)(cp_pk[m3] + CP_HIGH8)));
	__m128i lo = _mm256_castsi256_si128(p);
	__m128i hi = _mm256_extracti128_si256(p, 1);
	size_t o = cp_cnt[m0];

	_mm_storel_epi64((__m128i *)(void *)out, lo);
	_mm_storel_epi64((__m128i *)(void *)(out + o),
	    _mm_unpackhi_epi64(lo, lo));
	o += cp_cnt[m1];
	_mm_storel_epi64((__m128i *)(void *)(out + o), hi);
	o += cp_cnt[m2];
	_mm_storel_epi64((__m128i *)(void *)(out + o),
	    _mm_unpackhi_epi64(hi, hi));
	return o + cp_cnt[m3];
}

static inline AVX2 void
cp_cut(unsigned char *out, __m256i v, unsigned p, unsigned r)
{
	__m256i from = _mm256_loadu_si256(
	    (const __m256i *)(const void *)(cp_from + 32 - p));
	/* The upper lane moved down, to shift bytes across lanes. */
	__m256i up = _mm256_permute2x128_si256(v, v, 0x81);
	__m256i down = r == 1 ? _mm256_alignr_epi8(up, v, 1) :
	    _mm256_alignr_epi8(up, v, 2);

	_mm256_storeu_si256((__m256i *)(void *)out,
	    _mm256_blendv_epi8(v, down, from));
}

#define CP_WIDTH 32
#define CP_TARGET AVX2
#define CP_NAME compact_avx2
#include "compact_vec.h"

static int
usable_avx2(void)
{
	return (b64_cpu_features() & B64_CPU_AVX2) != 0;
}

/* base16 on 32-byte vectors (hex_avx2.h). */
#define HV_TARGET AVX2
#define HV_ENC hex_enc_avx2
#define HV_DEC hex_dec_avx2
#define HV_B2DEC b2_dec_avx2
#define HV_JOIN join_lines_avx2
#define HV_SPLIT split_lines_avx2
#define HV_HEXLINES hex_lines_avx2
#define HV_HEXSPLIT hex_split_avx2
#define B32_ENC b32_enc_avx2
#define B32_DEC b32_dec_avx2
#include "hex_avx2.h"

const struct b64_impl b64_impl_avx2 = {
	"avx2", B64_IMPL_AVX2, usable_avx2, enc_avx2, dec_avx2,
	compact_avx2, dec_lines_avx2, enc_lines_avx2, hex_enc_avx2,
	hex_dec_avx2, b32_enc_avx2, b32_dec_avx2,
	b2_dec_avx2, join_lines_avx2, split_lines_avx2, hex_lines_avx2,
	hex_split_avx2,
};
#else
/* Not in this build: named, never picked. */
const struct b64_impl b64_impl_avx2 = {
	"avx2", B64_IMPL_AVX2, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};
#endif /* HAVE_TARGET_AVX2 */
