/*
 * hex_avx2.h - the operations of hex_vec.h, b32_vec.h and b64_vec.h on
 * 32-byte vectors, and the first two templates, for the AVX2 and AVX-512
 * files (which define HV_TARGET, HV_B2DEC and, for the loops they take
 * from here, HV_ENC, HV_DEC, B32_ENC and B32_DEC first; the AVX2 file
 * includes b64_vec.h after it): the in-lane unpack and pack of base16 are
 * put back in memory order by a lane permutation; base32 and base64 work
 * lane by lane.
 */
#define HV __m256i
#define HV_BYTES 32
#define HV_ALL 0xffffffffu
#define hv_load(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define hv_store(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define hv_store_half(p, v) _mm_storeu_si128((__m128i *)(void *)(p), \
	_mm256_castsi256_si128(v))
#define hv_set1(c) _mm256_set1_epi8((char)(c))
#define hv_sub _mm256_sub_epi8
#define hv_and _mm256_and_si256
#define hv_or _mm256_or_si256
#define hv_andnot _mm256_andnot_si256
#define hv_gt _mm256_cmpgt_epi8
#define hv_eq _mm256_cmpeq_epi8
#define hv_mask(v) ((unsigned)_mm256_movemask_epi8(v))
#define hv_shuf _mm256_shuffle_epi8
#define hv_srl4(v) _mm256_srli_epi16((v), 4)
#define hv_add _mm256_add_epi8
#define hv_set16 _mm256_set1_epi16
#define hv_set32 _mm256_set1_epi32
#define hv_set64(x) _mm256_set1_epi64x((long long)(x))
#define hv_set16x8(a, b, c, d, e, f, g, h) \
	_mm256_setr_epi16(a, b, c, d, e, f, g, h, a, b, c, d, e, f, g, h)
#define hv_sll64 _mm256_slli_epi64
#define hv_srl64 _mm256_srli_epi64
#define hv_maddubs _mm256_maddubs_epi16
#define hv_madd16 _mm256_madd_epi16
#define hv_mulhi16 _mm256_mulhi_epu16
#define hv_pack_lane _mm256_packus_epi16
#define hv_lanes 2
#define hv_load2(p, q) _mm256_inserti128_si256(_mm256_castsi128_si256( \
	_mm_loadu_si128((const __m128i *)(const void *)(p))), \
	_mm_loadu_si128((const __m128i *)(const void *)(q)), 1)
#define hv_pairs(v) _mm256_maddubs_epi16((v), _mm256_set1_epi16(0x0110))
#define hv_table16(t) _mm256_broadcastsi128_si256( \
	_mm_loadu_si128((const __m128i *)(const void *)(t)))
#define hv_subs _mm256_subs_epu8
#define hv_mullo16 _mm256_mullo_epi16
#define hv_any(v) (!_mm256_testz_si256((v), (v)))
#define hv_min _mm256_min_epu8

static inline HV_TARGET __m256i
hv_pack(__m256i a, __m256i b)
{
	return _mm256_permute4x64_epi64(_mm256_packus_epi16(a, b), 0xd8);
}

static inline HV_TARGET void
hv_zip(__m256i a, __m256i b, __m256i *lo, __m256i *hi)
{
	__m256i l = _mm256_unpacklo_epi8(a, b), h = _mm256_unpackhi_epi8(a, b);

	*lo = _mm256_permute2x128_si256(l, h, 0x20);
	*hi = _mm256_permute2x128_si256(l, h, 0x31);
}

/* The two lanes' first bytes (up to 16) at P and Q. */
static inline HV_TARGET void
hv_store2(unsigned char *p, unsigned char *q, __m256i v)
{
	_mm_storeu_si128((__m128i *)(void *)p, _mm256_castsi256_si128(v));
	_mm_storeu_si128((__m128i *)(void *)q,
	    _mm256_extracti128_si256(v, 1));
}

#include "hex_vec.h"

#ifdef B32_ENC
#include "b32_vec.h"
#endif
