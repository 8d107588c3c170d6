/*
 * x86_ssse3.c - SSSE3 bulk loops: the AVX2 method (see x86_avx2.c) on
 * 16-byte vectors, 12 bytes to 16 characters and back per step.
 */
#include "b64_private.h"
#include "cpu_x86.h"

#ifdef HAVE_TARGET_SSSE3
#include <tmmintrin.h>

#include "compact_vec.h"

#define SSSE3 __attribute__((target("ssse3")))

/* One of the alphabet's 16-byte tables (b64_private.h). */
static inline SSSE3 __m128i
table16(const unsigned char *t)
{
	return _mm_loadu_si128((const __m128i *)(const void *)t);
}

struct ln_enc {
	__m128i shuf, offs;
};

static inline SSSE3 void
ln_enc_init(struct ln_enc *k, const struct b64_alphabet *alpha)
{
	k->shuf = _mm_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11,
	    10);
	k->offs = table16(alpha->enc_offs);
}

/* 12 bytes to 16 characters; reads 16. */
static inline SSSE3 void
ln_enc_block(const struct ln_enc *k, const unsigned char *in, char *out)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)in);
	__m128i t0, t1, idx, cls;

	v = _mm_shuffle_epi8(v, k->shuf);
	t0 = _mm_mulhi_epu16(_mm_and_si128(v, _mm_set1_epi32(0x0fc0fc00)),
	    _mm_set1_epi32(0x04000040));
	t1 = _mm_mullo_epi16(_mm_and_si128(v, _mm_set1_epi32(0x003f03f0)),
	    _mm_set1_epi32(0x01000010));
	idx = _mm_or_si128(t0, t1);
	cls = _mm_sub_epi8(_mm_subs_epu8(idx, _mm_set1_epi8(51)),
	    _mm_cmpgt_epi8(idx, _mm_set1_epi8(25)));
	v = _mm_add_epi8(_mm_shuffle_epi8(k->offs, cls), idx);
	_mm_storeu_si128((__m128i *)(void *)out, v);
}

/* The high nibble of each byte of V. */
static inline SSSE3 __m128i
high4(__m128i v)
{
	return _mm_and_si128(_mm_srli_epi32(v, 4), _mm_set1_epi8(0x0f));
}

/* Non-zero in the bytes of V that are not in the alphabet of LO_BITS and
 * HI_BITS; HI is high4(V).  The look-up by V itself gives 0 for a byte
 * with bit 7 set, which leaves its class bit (hi_bits[8..15]) standing. */
static inline SSSE3 __m128i
outside(__m128i lo_bits, __m128i hi_bits, __m128i v, __m128i hi)
{
	return _mm_andnot_si128(_mm_shuffle_epi8(lo_bits, v),
	    _mm_shuffle_epi8(hi_bits, hi));
}

struct ln_dec {
	__m128i lo_bits, hi_bits, roll, c63, pack;
};

static inline SSSE3 void
ln_dec_init(struct ln_dec *k, const struct b64_alphabet *alpha)
{
	k->lo_bits = table16(alpha->nib_lo);
	k->hi_bits = table16(alpha->nib_hi);
	k->roll = table16(alpha->roll);
	k->c63 = _mm_set1_epi8((char)alpha->c63);
	k->pack = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1,
	    -1, -1);
}

/* For lines.h: a block's values, and the OR of the validity tests'
 * results (non-zero where a byte is not in the alphabet). */
typedef __m128i ln_val;
typedef __m128i ln_bad;

static inline SSSE3 __m128i
ln_bad_none(void)
{
	return _mm_setzero_si128();
}

static inline SSSE3 __m128i
ln_values(const struct ln_dec *k, const unsigned char *in, __m128i *bad)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)in);
	__m128i hi = high4(v);

	*bad = _mm_or_si128(*bad, outside(k->lo_bits, k->hi_bits, v, hi));
	return _mm_add_epi8(v, _mm_shuffle_epi8(k->roll,
	    _mm_subs_epu8(hi, _mm_cmpeq_epi8(v, k->c63))));
}

static inline SSSE3 int
ln_bad_any(__m128i bad)
{
	return _mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128())) !=
	    0xffff;
}

/* 12 bytes; the store writes 16. */
static inline SSSE3 void
ln_store(const struct ln_dec *k, __m128i v, unsigned char *out)
{
	v = _mm_maddubs_epi16(v, _mm_set1_epi32(0x01400140));
	v = _mm_madd_epi16(v, _mm_set1_epi32(0x00011000));
	v = _mm_shuffle_epi8(v, k->pack);
	_mm_storeu_si128((__m128i *)(void *)out, v);
}

#define LN_WIDTH 16
#define LN_TARGET SSSE3
#define LN_DEC_AHEAD 8 /* the store writes 4 bytes past its 12 */
#define LN_ENC_AHEAD 4 /* the load reads 16 bytes of 12 */
#define LN_DEC_LINES dec_lines_ssse3
#define LN_ENC_LINES enc_lines_ssse3
#define LN_DEC dec_ssse3
#define LN_ENC enc_ssse3
#include "lines.h"

/* The compact loop: compact_vec.h on 16-byte vectors. */
struct cp_consts {
	__m128i lo_bits, hi_bits;
};

typedef __m128i cp_vec;

static inline SSSE3 void
cp_init(struct cp_consts *k, const struct b64_alphabet *alpha)
{
	k->lo_bits = table16(alpha->nib_lo);
	k->hi_bits = table16(alpha->nib_hi);
}

static inline SSSE3 __m128i
cp_load(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline SSSE3 void
cp_store(unsigned char *p, __m128i v)
{
	_mm_storeu_si128((__m128i *)(void *)p, v);
}

static inline SSSE3 uint32_t
cp_alpha(const struct cp_consts *k, __m128i v)
{
	__m128i bad = outside(k->lo_bits, k->hi_bits, v, high4(v));

	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(bad,
	    _mm_setzero_si128()));
}

static inline SSSE3 int
cp_clean(const struct cp_consts *k, __m128i v)
{
	return cp_alpha(k, v) == 0xffff;
}

/* Bytes equal to C. */
static inline SSSE3 uint32_t
cp_eq(__m128i v, char c)
{
	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8(c)));
}

/* ASCII white space: HT LF VT FF CR (9..13: v - 9 <= 4 unsigned), SP. */
static inline SSSE3 uint32_t
cp_space(__m128i v)
{
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8('\t'));
	__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(4)), d);

	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(ctl,
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
}

static inline SSSE3 size_t
cp_pack(unsigned char *out, __m128i v, uint32_t keep)
{
	unsigned m0 = keep & 0xff, m1 = keep >> 8;
	__m128i p = _mm_shuffle_epi8(v, _mm_set_epi64x(
	    (long long)(cp_pk[m1] + CP_HIGH8), (long long)cp_pk[m0]));

	_mm_storel_epi64((__m128i *)(void *)out, p);
	_mm_storel_epi64((__m128i *)(void *)(out + cp_cnt[m0]),
	    _mm_unpackhi_epi64(p, p));
	return (size_t)cp_cnt[m0] + cp_cnt[m1];
}

static inline SSSE3 void
cp_cut(unsigned char *out, __m128i v, unsigned p, unsigned r)
{
	__m128i from = _mm_loadu_si128(
	    (const __m128i *)(const void *)(cp_from + 32 - p));
	__m128i down = r == 1 ? _mm_srli_si128(v, 1) : _mm_srli_si128(v, 2);

	_mm_storeu_si128((__m128i *)(void *)out, _mm_or_si128(
	    _mm_and_si128(from, down), _mm_andnot_si128(from, v)));
}

#define CP_WIDTH 16
#define CP_TARGET SSSE3
#define CP_NAME compact_ssse3
#include "compact_vec.h"

static int
usable_ssse3(void)
{
	return (b64_cpu_features() & B64_CPU_SSSE3) != 0;
}

/* base16 (hex_vec.h) on 16-byte vectors. */
#define HV __m128i
#define HV_BYTES 16
#define HV_TARGET SSSE3
#define HV_ENC hex_enc_ssse3
#define HV_DEC hex_dec_ssse3
#define HV_B2DEC b2_dec_ssse3
#define HV_JOIN join_lines_ssse3
#define HV_SPLIT split_lines_ssse3
#define HV_HEXLINES hex_lines_ssse3
#define HV_HEXSPLIT hex_split_ssse3
#define HV_ALL 0xffff
#define hv_load(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define hv_store(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))
#define hv_store_half(p, v) _mm_storel_epi64((__m128i *)(void *)(p), (v))
#define hv_set1(c) _mm_set1_epi8((char)(c))
#define hv_sub _mm_sub_epi8
#define hv_and _mm_and_si128
#define hv_or _mm_or_si128
#define hv_andnot _mm_andnot_si128
#define hv_gt _mm_cmpgt_epi8
#define hv_eq _mm_cmpeq_epi8
#define hv_mask(v) ((unsigned)_mm_movemask_epi8(v))
#define hv_shuf _mm_shuffle_epi8
#define hv_srl4(v) _mm_srli_epi16((v), 4)
#define hv_pairs(v) _mm_maddubs_epi16((v), _mm_set1_epi16(0x0110))
#define hv_pack _mm_packus_epi16
#define hv_table16(t) hv_load(t)
#define hv_add _mm_add_epi8
#define hv_set16 _mm_set1_epi16
#define hv_set32 _mm_set1_epi32
#define hv_set64(x) _mm_set1_epi64x((long long)(x))
#define hv_set16x8 _mm_setr_epi16
#define hv_sll64 _mm_slli_epi64
#define hv_srl64 _mm_srli_epi64
#define hv_maddubs _mm_maddubs_epi16
#define hv_madd16 _mm_madd_epi16
#define hv_mulhi16 _mm_mulhi_epu16
#define hv_pack_lane _mm_packus_epi16
#define hv_lanes 1
#define hv_load2(p, q) hv_load(p)
#define hv_store2(p, q, v) hv_store((p), (v))
#define B32_ENC b32_enc_ssse3
#define B32_DEC b32_dec_ssse3

static inline SSSE3 void
hv_zip(__m128i a, __m128i b, __m128i *lo, __m128i *hi)
{
	__m128i l = _mm_unpacklo_epi8(a, b);

	*hi = _mm_unpackhi_epi8(a, b);
	*lo = l;
}

#include "hex_vec.h"
#include "b32_vec.h"

const struct b64_impl b64_impl_ssse3 = {
	"ssse3", B64_IMPL_SSSE3, usable_ssse3, enc_ssse3, dec_ssse3,
	compact_ssse3, dec_lines_ssse3, enc_lines_ssse3, hex_enc_ssse3,
	hex_dec_ssse3, b32_enc_ssse3, b32_dec_ssse3, b2_dec_ssse3,
	join_lines_ssse3, split_lines_ssse3, hex_lines_ssse3, hex_split_ssse3,
};
#else
/* Not in this build: named, never picked. */
const struct b64_impl b64_impl_ssse3 = {
	"ssse3", B64_IMPL_SSSE3, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};
#endif /* HAVE_TARGET_SSSE3 */
