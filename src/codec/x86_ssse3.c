/*
 * x86_ssse3.c - SSSE3 bulk loops: the templates the AVX2 file also
 * includes (b64_vec.h with lines.h, compact_vec.h, hex_vec.h, b32_vec.h)
 * on 16-byte vectors; base64 12 bytes to 16 characters and back per step.
 */
#include "b64_private.h"
#include "cpu_x86.h"

#ifdef HAVE_TARGET_SSSE3
#include <tmmintrin.h>

#include "compact_vec.h"

#define SSSE3 __attribute__((target("ssse3")))

/* The templates' operations (hex_vec.h, b32_vec.h, b64_vec.h list them)
 * on 16-byte vectors. */
#define HV __m128i
#define HV_BYTES 16
#define HV_TARGET SSSE3
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
#define hv_subs _mm_subs_epu8
#define hv_mullo16 _mm_mullo_epi16
#define hv_any(v) (hv_mask(hv_eq((v), hv_set1(0))) != HV_ALL)
#define hv_min _mm_min_epu8

static inline SSSE3 void
hv_zip(__m128i a, __m128i b, __m128i *lo, __m128i *hi)
{
	__m128i l = _mm_unpacklo_epi8(a, b);

	*hi = _mm_unpackhi_epi8(a, b);
	*lo = l;
}

#include "b64_vec.h"

#define LN_WIDTH 16
#define LN_TARGET SSSE3
#define LN_DEC_AHEAD 8 /* the store writes 4 bytes past its 12 */
#define LN_ENC_AHEAD 4 /* the load reads 16 bytes of 12 */
#define LN_DEC_LINES dec_lines_ssse3
#define LN_ENC_LINES enc_lines_ssse3
#define LN_DEC dec_ssse3
#define LN_ENC enc_ssse3
#include "lines.h"

/* The compact loop: compact_vec.h on 16-byte vectors (with b64_vec.h's
 * operations and these two). */
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

/* base16 and base32 (hex_vec.h, b32_vec.h). */
#define HV_ENC hex_enc_ssse3
#define HV_DEC hex_dec_ssse3
#define HV_B2DEC b2_dec_ssse3
#define HV_JOIN join_lines_ssse3
#define HV_SPLIT split_lines_ssse3
#define HV_HEXLINES hex_lines_ssse3
#define HV_HEXSPLIT hex_split_ssse3
#define B32_ENC b32_enc_ssse3
#define B32_DEC b32_dec_ssse3
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
