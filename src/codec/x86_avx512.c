/*
 * x86_avx512.c - AVX-512 VBMI bulk loops, after Muła and Lemire, "Base64
 * encoding and decoding at almost the speed of a memory copy" (2019):
 * 48 bytes to 64 characters and back per step.  The encoder's 64-byte
 * load reads 16 bytes past its 48 and the decoder's store writes 16 past
 * its 48, where the buffers go on (LN_ENC_AHEAD, LN_DEC_AHEAD): masked
 * loads and stores that stop at 48 made both 6-8 % slower.
 */
#include "b64_private.h"
#include "cpu_x86.h"

#ifdef HAVE_TARGET_AVX512VBMI
#include <immintrin.h>

#define VBMI __attribute__((target("avx512f,avx512bw,avx512vbmi")))
#define VBMI2 \
	__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2")))

/*
 * Encode: VPERMB lays each group a b c out as the dword [b a c b],
 * VPMULTISHIFTQB picks the four 6-bit fields (at bit 10, 4, 22 and 16 of
 * each dword), and VPERMB looks them up in the 64-character alphabet.
 */
struct ln_enc {
	__m512i abc, spread, shifts;
};

static inline VBMI void
ln_enc_init(struct ln_enc *k, const struct b64_alphabet *alpha)
{
	k->abc = _mm512_loadu_si512((const void *)alpha->chars);
	k->spread = _mm512_set_epi8(
	    46, 47, 45, 46, 43, 44, 42, 43, 40, 41, 39, 40, 37, 38, 36, 37,
	    34, 35, 33, 34, 31, 32, 30, 31, 28, 29, 27, 28, 25, 26, 24, 25,
	    22, 23, 21, 22, 19, 20, 18, 19, 16, 17, 15, 16, 13, 14, 12, 13,
	    10, 11, 9, 10, 7, 8, 6, 7, 4, 5, 3, 4, 1, 2, 0, 1);
	k->shifts = _mm512_set1_epi64(0x3036242a1016040aLL);
}

/* 48 bytes (reading 64) to 64 characters. */
static inline VBMI void
ln_enc_block(const struct ln_enc *k, const unsigned char *in, char *out)
{
	__m512i v = _mm512_loadu_si512((const void *)in);

	v = _mm512_permutexvar_epi8(k->spread, v);
	v = _mm512_multishift_epi64_epi8(k->shifts, v);
	v = _mm512_permutexvar_epi8(v, k->abc);
	_mm512_storeu_si512((void *)out, v);
}

/* The last G groups (1..16): the same steps between a load and a store
 * masked to their 3 G bytes and 4 G characters (a masked-off byte is
 * neither read nor faulted on). */
static inline VBMI void
ln_enc_tail(const struct ln_enc *k, const unsigned char *in, size_t g,
    char *out)
{
	__m512i v = _mm512_maskz_loadu_epi8((__mmask64)(~0ull >> (64 - 3 * g)),
	    (const void *)in);

	v = _mm512_permutexvar_epi8(k->spread, v);
	v = _mm512_multishift_epi64_epi8(k->shifts, v);
	v = _mm512_permutexvar_epi8(v, k->abc);
	_mm512_mask_storeu_epi8((void *)out,
	    (__mmask64)(~0ull >> (64 - 4 * g)), v);
}

/*
 * Decode: VPERMI2B maps the low 7 bits through a 128-entry table (0x80
 * for invalid); OR with the input flags bytes >= 0x80 too.  Two
 * multiply-adds pack four values into 24 bits, VPERMB gathers 48 bytes.
 */
struct ln_dec {
	__m512i t0, t1, gather;
};

static inline VBMI void
ln_dec_init(struct ln_dec *k, const struct b64_alphabet *alpha)
{
	k->t0 = _mm512_loadu_si512((const void *)alpha->ascii);
	k->t1 = _mm512_loadu_si512((const void *)(alpha->ascii + 64));
	k->gather = _mm512_set_epi8(
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    60, 61, 62, 56, 57, 58, 52, 53, 54, 48, 49, 50, 44, 45, 46, 40,
	    41, 42, 36, 37, 38, 32, 33, 34, 28, 29, 30, 24, 25, 26, 20, 21,
	    22, 16, 17, 18, 12, 13, 14, 8, 9, 10, 4, 5, 6, 0, 1, 2);
}

/* For lines.h: a block's values, and the OR of characters and values
 * (bit 7 set where a byte is not in the alphabet). */
typedef __m512i ln_val;
typedef __m512i ln_bad;

static inline VBMI __m512i
ln_bad_none(void)
{
	return _mm512_setzero_si512();
}

/* The values of the characters V, with their bad bits added to *BAD. */
static inline VBMI __m512i
values_of(const struct ln_dec *k, __m512i v, __m512i *bad)
{
	__m512i x = _mm512_permutex2var_epi8(k->t0, v, k->t1);

	*bad = _mm512_ternarylogic_epi64(*bad, v, x, 0xfe); /* a | b | c */
	return x;
}

static inline VBMI __m512i
ln_values(const struct ln_dec *k, const unsigned char *in, __m512i *bad)
{
	return values_of(k, _mm512_loadu_si512((const void *)in), bad);
}

static inline VBMI int
ln_bad_any(__m512i bad)
{
	return _mm512_movepi8_mask(bad) != 0;
}

/* The 48 bytes of the values X, in the first 48 of the vector. */
static inline VBMI __m512i
packed(const struct ln_dec *k, __m512i x)
{
	x = _mm512_maddubs_epi16(x, _mm512_set1_epi32(0x01400140));
	x = _mm512_madd_epi16(x, _mm512_set1_epi32(0x00011000));
	return _mm512_permutexvar_epi8(k->gather, x);
}

/* 48 bytes (writing 64: the last 16 are of no use). */
static inline VBMI void
ln_store(const struct ln_dec *k, __m512i x, unsigned char *out)
{
	_mm512_storeu_si512((void *)out, packed(k, x));
}

/* The last C characters (4..64, a multiple of 4), as ln_enc_tail
 * encodes: a masked load (the other bytes 'A', in the alphabet), a
 * masked store. */
static inline VBMI int
ln_dec_tail(const struct ln_dec *k, const unsigned char *in, size_t c,
    unsigned char *out)
{
	__m512i bad = _mm512_setzero_si512();
	__m512i x = values_of(k, _mm512_mask_loadu_epi8(_mm512_set1_epi8('A'),
	    (__mmask64)(~0ull >> (64 - c)), (const void *)in), &bad);

	if (ln_bad_any(bad))
		return 0;
	_mm512_mask_storeu_epi8((void *)out,
	    (__mmask64)(~0ull >> (64 - c / 4 * 3)), packed(k, x));
	return 1;
}

#define LN_WIDTH 64
#define LN_TARGET VBMI
#define LN_DEC_AHEAD 24 /* the store writes 16 bytes past its 48 */
#define LN_ENC_AHEAD 16 /* the load reads 16 bytes past its 48 */
#define LN_DEC_LINES dec_lines_any
#define LN_ENC_LINES enc_lines_avx512
#define LN_DEC dec_avx512
#define LN_ENC enc_avx512
#define LN_ENC_TAIL ln_enc_tail
#define LN_DEC_TAIL ln_dec_tail
#include "lines.h"

/* A block whose first characters end a line and the rest begin the next:
 * two loads EOL bytes apart (P: the block's first character), blended
 * from bit AT on. */
static inline VBMI __m512i
joined(const unsigned char *p, size_t eol, size_t at)
{
	return _mm512_mask_blend_epi8(~0ull << at,
	    _mm512_loadu_si512((const void *)p),
	    _mm512_loadu_si512((const void *)(p + eol)));
}

/*
 * dec_lines for lines of 68..96 characters (76: GNU, MIME).  Lines up to
 * 80 characters go four at a time in five blocks instead of eight: the
 * first 64 characters of the first line; three blocks that each join the
 * end of a line to the start of the next; the last 64 of the fourth.  Any
 * length goes two at a time in three blocks instead of four: the first 64
 * characters of the first line, the rest of it joined to the start of the
 * second, the last 64 of the second.  One test per step.  Other lengths,
 * and a line left over, go to the generic loop (lines.h).
 */
static VBMI size_t
dec_lines_avx512(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table, size_t len, size_t eol)
{
	struct ln_dec k;
	const size_t step = len + eol, olen = len / 4 * 3;
	size_t lines = 0;

	if (len <= 64 || len > 96 || len % 4 != 0 || eol < 1 || eol > 2)
		return dec_lines_any(in, n, out, table, len, eol);
	ln_dec_init(&k, b64_alphabet_of(table));
	/* Block i (1..3) starts at character 64 i of the four lines, which
	 * is in line i - 1, after i - 1 line ends; line i begins at the
	 * block's character i len - 64 i. */
	while (len <= 80 && n >= 4 * step + LN_DEC_AHEAD &&
	    ln_line_end(in, len, eol) &&
	    ln_line_end(in + step, len, eol) &&
	    ln_line_end(in + 2 * step, len, eol) &&
	    ln_line_end(in + 3 * step, len, eol)) {
		ln_bad bad = ln_bad_none();
		ln_val a = ln_values(&k, in, &bad);
		ln_val j1 = values_of(&k, joined(in + 64, eol, len - 64),
		    &bad);
		ln_val j2 = values_of(&k, joined(in + 128 + eol, eol,
		    2 * len - 128), &bad);
		ln_val j3 = values_of(&k, joined(in + 192 + 2 * eol, eol,
		    3 * len - 192), &bad);
		ln_val z = ln_values(&k, in + 3 * step + len - 64, &bad);

		if (ln_bad_any(bad))
			break;
		ln_store(&k, a, out);
		ln_store(&k, j1, out + 48);
		ln_store(&k, j2, out + 96);
		ln_store(&k, j3, out + 144);
		ln_store(&k, z, out + 4 * olen - 48);
		in += 4 * step;
		n -= 4 * step;
		out += 4 * olen;
		lines += 4;
	}
	while (n >= 2 * step + LN_DEC_AHEAD && ln_line_end(in, len, eol) &&
	    ln_line_end(in + step, len, eol)) {
		ln_bad bad = ln_bad_none();
		ln_val a = ln_values(&k, in, &bad);
		ln_val j = values_of(&k, joined(in + 64, eol, len - 64), &bad);
		ln_val b = ln_values(&k, in + step + len - 64, &bad);

		if (ln_bad_any(bad))
			break;
		ln_store(&k, a, out);
		ln_store(&k, j, out + 48);
		ln_store(&k, b, out + olen + (len - 64) / 4 * 3);
		in += 2 * step;
		n -= 2 * step;
		out += 2 * olen;
		lines += 2;
	}
	return lines + dec_lines_any(in, n, out, table, len, eol);
}

/* Highest set bit of a non-zero mask. */
static inline unsigned
top_bit(uint64_t m)
{
	return 63u - (unsigned)__builtin_clzll(m);
}

/*
 * Drop the skippable bytes of whole 64-byte blocks with VPCOMPRESSB,
 * counting line feeds as they go.  Stops before the first block holding
 * a byte that is neither alphabet nor skippable ('=' among them).
 */
static VBMI2 size_t
compact_avx512(const unsigned char *in, size_t n, unsigned char *tmp,
    const unsigned char *table, unsigned skip, struct b64_scan *sc)
{
	const unsigned char *t = b64_alphabet_of(table)->ascii;
	const __m512i t0 = _mm512_loadu_si512((const void *)t);
	const __m512i t1 = _mm512_loadu_si512((const void *)(t + 64));
	/* Per block only counts; the last alphabet character's line is
	 * worked out at the end from the block that holds it. */
	uint64_t a_mask = 0, a_lf = 0;
	size_t i = 0, k = 0, nlf = 0, lf_end = 0, a_i = 0, a_nlf = 0;
	size_t a_lf_end = 0;

	while (n - i >= 64) {
		__m512i v = _mm512_loadu_si512((const void *)(in + i));
		__m512i x = _mm512_permutex2var_epi8(t0, v, t1);
		uint64_t other = _mm512_movepi8_mask(_mm512_or_si512(v, x));
		uint64_t lf = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
		uint64_t drop = 0, alpha = ~other, ws = 0;

		/* Each class on its own: SKIP_WS alone keeps LF, SKIP_OTHER
		 * alone keeps LF and white space. */
		if (skip & (B64_SKIP_WS | B64_SKIP_OTHER))
			ws = (_mm512_cmpeq_epi8_mask(v,
			    _mm512_set1_epi8(' ')) |
			    _mm512_cmple_epu8_mask(_mm512_sub_epi8(v,
			    _mm512_set1_epi8('\t')),
			    _mm512_set1_epi8('\r' - '\t'))) & ~lf;
		if (skip & B64_SKIP_LF)
			drop = lf;
		if (skip & B64_SKIP_WS)
			drop |= ws;
		if (skip & B64_SKIP_OTHER)
			drop |= other & ~(lf | ws | _mm512_cmpeq_epi8_mask(v,
			    _mm512_set1_epi8('=')));
		if (other & ~drop)
			break;
		_mm512_storeu_si512((void *)(tmp + k),
		    _mm512_maskz_compress_epi8(alpha, v));
		k += (size_t)__builtin_popcountll(alpha);
		if (alpha) {
			a_i = i;
			a_mask = alpha;
			a_lf = lf;
			a_nlf = nlf;
			a_lf_end = lf_end;
		}
		if (lf) {
			nlf += (size_t)__builtin_popcountll(lf);
			lf_end = i + top_bit(lf) + 1;
		}
		i += 64;
	}
	sc->nalpha = k;
	sc->nlf = nlf;
	sc->lf_end = lf_end;
	sc->last_alpha = sc->alpha_nlf = sc->alpha_lf_end = 0;
	if (a_mask) {
		unsigned pos = top_bit(a_mask);
		uint64_t before = a_lf & ((1ull << pos) - 1);

		sc->last_alpha = a_i + pos;
		sc->alpha_nlf = a_nlf + (size_t)__builtin_popcountll(before);
		sc->alpha_lf_end = before ? a_i + top_bit(before) + 1 :
		    a_lf_end;
	}
	return i;
}

static int
usable_avx512(void)
{
	unsigned need = B64_CPU_AVX512VBMI | B64_CPU_AVX512VBMI2;

	return (b64_cpu_features() & need) == need;
}

/* base16 on 32-byte vectors (hex_avx2.h): AVX-512 CPUs run AVX2. */
#define HV_TARGET VBMI
#define HV_ENC hex_enc_avx512
#define HV_DEC hex_dec_avx512
#define HV_B2DEC b2_dec_avx512
#define B32_ENC b32_enc_avx512
#define B32_DEC b32_dec_avx512
#include "hex_avx2.h"

const struct b64_impl b64_impl_avx512 = {
	"avx512", B64_IMPL_AVX512, usable_avx512, enc_avx512, dec_avx512,
	compact_avx512, dec_lines_avx512, enc_lines_avx512, hex_enc_avx512,
	hex_dec_avx512, b32_enc_avx512, b32_dec_avx512,
	b2_dec_avx512,
};
#else
/* Not in this build: named, never picked. */
const struct b64_impl b64_impl_avx512 = {
	"avx512", B64_IMPL_AVX512, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL,
};
#endif /* HAVE_TARGET_AVX512VBMI */
