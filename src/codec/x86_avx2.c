/*
 * x86_avx2.c - AVX2 bulk loops: the templates (b64_vec.h with lines.h,
 * compact_vec.h, hex_vec.h, b32_vec.h) on 32-byte vectors, base64 24
 * bytes to 32 characters and back per step; and what only AVX2 has here
 * (encoding blocks loaded 4 bytes early, two 76-column lines in five
 * blocks).  Only functions marked with the avx2 target touch the
 * intrinsics; the CPU check is b64_cpu_features().
 */
#include "b64_private.h"
#include "cpu_x86.h"

#ifdef HAVE_TARGET_AVX2
#include <immintrin.h>

#include "compact_vec.h"

#define AVX2 __attribute__((target("avx2")))

/* The templates' operations on 32-byte vectors, with the base16 and
 * base32 loops (hex_avx2.h); then base64's blocks (b64_vec.h). */
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
#include "b64_vec.h"

/* ln_enc_block from one 32-byte load 4 bytes before IN (lines.h's
 * LN_ENC_BACK): the lower lane's groups are its bytes 4..15, the upper
 * one's its bytes 0..11 (the 4 after the 24 are read too), and no lane
 * insert is needed. */
static inline AVX2 void
ln_enc_block_back(const struct ln_enc *k, const unsigned char *in,
    char *out)
{
	const __m256i back = _mm256_setr_epi8(5, 4, 6, 5, 8, 7, 9, 8, 11, 10,
	    12, 11, 14, 13, 15, 14, 1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9,
	    11, 10);

	b64v_fields(k, _mm256_shuffle_epi8(_mm256_loadu_si256(
	    (const __m256i *)(const void *)(in - 4)), back), out);
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

/* The compact loop: compact_vec.h on 32-byte vectors (with b64_vec.h's
 * operations and these two). */
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
