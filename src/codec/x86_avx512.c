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
	__m512i spread1, spread2, spread3; /* spread + 48, 32, 16 */
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
	k->spread1 = _mm512_add_epi8(k->spread, _mm512_set1_epi8(48));
	k->spread2 = _mm512_add_epi8(k->spread, _mm512_set1_epi8(32));
	k->spread3 = _mm512_add_epi8(k->spread, _mm512_set1_epi8(16));
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

/* The characters of the spread groups V. */
static inline VBMI __m512i
enc_spread(const struct ln_enc *k, __m512i v)
{
	return _mm512_permutexvar_epi8(_mm512_multishift_epi64_epi8(k->shifts,
	    v), k->abc);
}

/* Four blocks, 192 bytes to 256 characters: three loads at a stride of
 * 64 instead of four at 48 (which split a cache line three times in
 * four), each block's bytes taken from one or two of them by VPERMB or
 * VPERMT2B; nothing read past the 192 bytes. */
static inline VBMI void
ln_enc_quad(const struct ln_enc *k, const unsigned char *in, char *out)
{
	__m512i a = _mm512_loadu_si512((const void *)in);
	__m512i b = _mm512_loadu_si512((const void *)(in + 64));
	__m512i c = _mm512_loadu_si512((const void *)(in + 128));

	_mm512_storeu_si512((void *)out,
	    enc_spread(k, _mm512_permutexvar_epi8(k->spread, a)));
	_mm512_storeu_si512((void *)(out + 64),
	    enc_spread(k, _mm512_permutex2var_epi8(a, k->spread1, b)));
	_mm512_storeu_si512((void *)(out + 128),
	    enc_spread(k, _mm512_permutex2var_epi8(b, k->spread2, c)));
	_mm512_storeu_si512((void *)(out + 192),
	    enc_spread(k, _mm512_permutexvar_epi8(k->spread3, c)));
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
	/* Four blocks' 192 bytes into three vectors: block 0's 48 and
	 * block 1's first 16; block 1's last 32 and block 2's first 32;
	 * block 2's last 16 and block 3's 48 (VPERMT2B, second source at
	 * index 64 and up). */
	__m512i quad0, quad1, quad2;
};

/* ln_dec's quad0..2: the gather below (byte 3j + i of a block from
 * byte 4j + 2 - i of its dwords) across two blocks. */
static const unsigned char dec_quad[3][64] = { {
	2, 1, 0, 6, 5, 4, 10, 9,
	8, 14, 13, 12, 18, 17, 16, 22,
	21, 20, 26, 25, 24, 30, 29, 28,
	34, 33, 32, 38, 37, 36, 42, 41,
	40, 46, 45, 44, 50, 49, 48, 54,
	53, 52, 58, 57, 56, 62, 61, 60,
	66, 65, 64, 70, 69, 68, 74, 73,
	72, 78, 77, 76, 82, 81, 80, 86,
}, {
	21, 20, 26, 25, 24, 30, 29, 28,
	34, 33, 32, 38, 37, 36, 42, 41,
	40, 46, 45, 44, 50, 49, 48, 54,
	53, 52, 58, 57, 56, 62, 61, 60,
	66, 65, 64, 70, 69, 68, 74, 73,
	72, 78, 77, 76, 82, 81, 80, 86,
	85, 84, 90, 89, 88, 94, 93, 92,
	98, 97, 96, 102, 101, 100, 106, 105,
}, {
	40, 46, 45, 44, 50, 49, 48, 54,
	53, 52, 58, 57, 56, 62, 61, 60,
	66, 65, 64, 70, 69, 68, 74, 73,
	72, 78, 77, 76, 82, 81, 80, 86,
	85, 84, 90, 89, 88, 94, 93, 92,
	98, 97, 96, 102, 101, 100, 106, 105,
	104, 110, 109, 108, 114, 113, 112, 118,
	117, 116, 122, 121, 120, 126, 125, 124,
} };

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
	k->quad0 = _mm512_loadu_si512((const void *)dec_quad[0]);
	k->quad1 = _mm512_loadu_si512((const void *)dec_quad[1]);
	k->quad2 = _mm512_loadu_si512((const void *)dec_quad[2]);
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

/* The 64 bytes of dwords of 24 bits (two multiply-adds) of values X. */
static inline VBMI __m512i
joined24(__m512i x)
{
	x = _mm512_maddubs_epi16(x, _mm512_set1_epi32(0x01400140));
	return _mm512_madd_epi16(x, _mm512_set1_epi32(0x00011000));
}

/* The 48 bytes of the values X, in the first 48 of the vector. */
static inline VBMI __m512i
packed(const struct ln_dec *k, __m512i x)
{
	return _mm512_permutexvar_epi8(k->gather, joined24(x));
}

/* 48 bytes (writing 64: the last 16 are of no use). */
static inline VBMI void
ln_store(const struct ln_dec *k, __m512i x, unsigned char *out)
{
	_mm512_storeu_si512((void *)out, packed(k, x));
}

/* Four blocks, 256 characters to 192 bytes in three whole stores (not
 * four at a stride of 48, each writing 16 bytes past its own). */
static inline VBMI int
ln_dec_quad(const struct ln_dec *k, const unsigned char *in,
    unsigned char *out)
{
	__m512i bad = _mm512_setzero_si512();
	__m512i x0 = ln_values(k, in, &bad);
	__m512i x1 = ln_values(k, in + 64, &bad);
	__m512i x2 = ln_values(k, in + 128, &bad);
	__m512i x3 = ln_values(k, in + 192, &bad);

	if (ln_bad_any(bad))
		return 0;
	x0 = joined24(x0);
	x1 = joined24(x1);
	x2 = joined24(x2);
	x3 = joined24(x3);
	_mm512_storeu_si512((void *)out,
	    _mm512_permutex2var_epi8(x0, k->quad0, x1));
	_mm512_storeu_si512((void *)(out + 64),
	    _mm512_permutex2var_epi8(x1, k->quad1, x2));
	_mm512_storeu_si512((void *)(out + 128),
	    _mm512_permutex2var_epi8(x2, k->quad2, x3));
	return 1;
}

/*
 * The last C characters (4..64, a multiple of 4).  With 64 characters of
 * the call's input ending where they end (BACK, before IN, are decoded
 * already): the block of those 64, whose 48 bytes are stored by a 32-
 * and a 16-byte store ending where the C characters' bytes end (the
 * bytes before them are stored again, the same).  Otherwise, as
 * ln_enc_tail encodes: a masked load (the other bytes 'A', in the
 * alphabet), a masked store, which made a line of 76 characters decoded
 * on its own (a mail reader's call) a tenth slower on Zen 5.
 */
static inline VBMI int
ln_dec_tail(const struct ln_dec *k, const unsigned char *in, size_t c,
    size_t back, unsigned char *out)
{
	__m512i bad = _mm512_setzero_si512();
	__m512i x;

	if (back + c >= 64) {
		unsigned char *end = out + c / 4 * 3;

		x = values_of(k, _mm512_loadu_si512((const void *)(in + c -
		    64)), &bad);
		if (ln_bad_any(bad))
			return 0;
		x = packed(k, x);
		_mm256_storeu_si256((void *)(end - 48),
		    _mm512_castsi512_si256(x));
		_mm_storeu_si128((void *)(end - 16),
		    _mm512_extracti32x4_epi32(x, 2));
		return 1;
	}
	x = values_of(k, _mm512_mask_loadu_epi8(_mm512_set1_epi8('A'),
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
#define LN_ENC_QUAD ln_enc_quad
#define LN_DEC_QUAD ln_dec_quad
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

/*
 * base16 (RFC 4648 section 8) on 64-byte vectors.  Encoding: each byte's
 * two nibbles look up their digits (VPSHUFB) and VPERMT2B interleaves
 * them, high nibble first: 64 bytes to 128 characters a step.  Decoding:
 * one VPERMT2B looks every character up in a 128-entry table of digit
 * values (0x80 for any other character; a character of 0x80 and up has
 * its own sign bit), one multiply-add joins each pair (16 times the
 * first plus the second) and VPMOVWB writes the bytes in order: 128
 * characters to 64 bytes a step.  A step holding any other character
 * stops the loop before it, as hex_vec.h's loops do.
 */
/* The value of each 7-bit character as a base16 digit, either case;
 * 0x80 for any other. */
static const unsigned char hex_values[128] = {
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
};

/* Byte 2k of an encoding step's result from byte K of the high digits,
 * byte 2k + 1 from byte K of the low ones (64 + K): K over the first
 * half of the input (the first 64 entries), then the second. */
static const unsigned char hex_zip[128] = {
	0, 64, 1, 65, 2, 66, 3, 67, 4, 68, 5, 69, 6, 70, 7, 71,
	8, 72, 9, 73, 10, 74, 11, 75, 12, 76, 13, 77, 14, 78, 15, 79,
	16, 80, 17, 81, 18, 82, 19, 83, 20, 84, 21, 85, 22, 86, 23, 87,
	24, 88, 25, 89, 26, 90, 27, 91, 28, 92, 29, 93, 30, 94, 31, 95,
	32, 96, 33, 97, 34, 98, 35, 99, 36, 100, 37, 101, 38, 102, 39, 103,
	40, 104, 41, 105, 42, 106, 43, 107, 44, 108, 45, 109, 46, 110, 47, 111,
	48, 112, 49, 113, 50, 114, 51, 115, 52, 116, 53, 117, 54, 118, 55, 119,
	56, 120, 57, 121, 58, 122, 59, 123, 60, 124, 61, 125, 62, 126, 63, 127,
};

/* What an encoding step looks up and interleaves with. */
struct hex_enc64 {
	__m512i digits, low, zip0, zip1;
};

static inline VBMI void
hex_enc64_init(struct hex_enc64 *k)
{
	k->digits = _mm512_broadcast_i32x4(_mm_loadu_si128(
	    (const __m128i *)(const void *)"0123456789ABCDEF"));
	k->low = _mm512_set1_epi8(0x0f);
	k->zip0 = _mm512_loadu_si512((const void *)hex_zip);
	k->zip1 = _mm512_loadu_si512((const void *)(hex_zip + 64));
}

/* The 128 digits of the 64 bytes of V: the first 64 in *FIRST, the
 * others in *SECOND. */
static inline VBMI void
hex_enc64(const struct hex_enc64 *k, __m512i v, __m512i *first,
    __m512i *second)
{
	__m512i hi = _mm512_shuffle_epi8(k->digits,
	    _mm512_and_si512(_mm512_srli_epi16(v, 4), k->low));
	__m512i lo = _mm512_shuffle_epi8(k->digits,
	    _mm512_and_si512(v, k->low));

	*first = _mm512_permutex2var_epi8(hi, k->zip0, lo);
	*second = _mm512_permutex2var_epi8(hi, k->zip1, lo);
}

static VBMI size_t
hex_enc_avx512(const unsigned char *in, size_t n, char *out)
{
	struct hex_enc64 k;
	__m512i first, second;
	size_t i = 0;

	hex_enc64_init(&k);
	for (; n - i >= 64; i += 64) {
		hex_enc64(&k, _mm512_loadu_si512((const void *)(in + i)),
		    &first, &second);
		_mm512_storeu_si512((void *)(out + 2 * i), first);
		_mm512_storeu_si512((void *)(out + 2 * i + 64), second);
	}
	return i;
}

/*
 * b64_private.h's hex_split: each line's bytes by whole 64-byte vectors,
 * then the rest (WRAP / 2 % 64 bytes) by one masked load and two masked
 * stores.  Lines of any even WRAP.
 */
static VBMI size_t
hex_split_avx512(const unsigned char *in, size_t nlines, char *out,
    size_t wrap)
{
	const size_t ilen = wrap / 2, r = ilen % 64;
	/* The rest's bytes, and its digits in each of the two stores. */
	const __mmask64 kin = r != 0 ? (__mmask64)(~0ull >> (64 - r)) : 0;
	const __mmask64 k0 = r >= 32 ? ~(__mmask64)0 : r != 0 ?
	    (__mmask64)(~0ull >> (64 - 2 * r)) : 0;
	const __mmask64 k1 = r > 32 ? (__mmask64)(~0ull >> (128 - 2 * r)) : 0;
	struct hex_enc64 k;
	__m512i first, second;

	if (wrap % 2 != 0)
		return 0;
	hex_enc64_init(&k);
	for (size_t l = 0; l < nlines; l++) {
		size_t j = 0;

		*out++ = '\n';
		for (; ilen - j >= 64; j += 64) {
			hex_enc64(&k, _mm512_loadu_si512((const void *)(in + j)),
			    &first, &second);
			_mm512_storeu_si512((void *)(out + 2 * j), first);
			_mm512_storeu_si512((void *)(out + 2 * j + 64), second);
		}
		if (r != 0) {
			hex_enc64(&k, _mm512_maskz_loadu_epi8(kin,
			    (const void *)(in + j)), &first, &second);
			_mm512_mask_storeu_epi8((void *)(out + 2 * j), k0,
			    first);
			_mm512_mask_storeu_epi8((void *)(out + 2 * j + 64), k1,
			    second);
		}
		in += ilen;
		out += wrap;
	}
	return nlines;
}

static VBMI size_t
hex_dec_avx512(const unsigned char *in, size_t n, unsigned char *out)
{
	const __m512i t0 = _mm512_loadu_si512((const void *)hex_values);
	const __m512i t1 = _mm512_loadu_si512((const void *)(hex_values + 64));
	const __m512i pair = _mm512_set1_epi16(0x0110);
	size_t i = 0;

	for (; n - i >= 128; i += 128) {
		__m512i a = _mm512_loadu_si512((const void *)(in + i));
		__m512i b = _mm512_loadu_si512((const void *)(in + i + 64));
		__m512i va = _mm512_permutex2var_epi8(t0, a, t1);
		__m512i vb = _mm512_permutex2var_epi8(t0, b, t1);

		if (_mm512_movepi8_mask(_mm512_or_si512(
		    _mm512_or_si512(a, b), _mm512_or_si512(va, vb))) != 0)
			break;
		_mm256_storeu_si256((__m256i *)(void *)(out + i / 2),
		    _mm512_cvtepi16_epi8(_mm512_maddubs_epi16(va, pair)));
		_mm256_storeu_si256((__m256i *)(void *)(out + i / 2 + 32),
		    _mm512_cvtepi16_epi8(_mm512_maddubs_epi16(vb, pair)));
	}
	/* The last pairs, 64 characters at most a step, by masked loads
	 * (a masked-off byte reads as '0') and stores. */
	while (n - i >= 2) {
		size_t m = n - i < 64 ? (n - i) & ~(size_t)1 : 64;
		__mmask64 k = (__mmask64)(~0ull >> (64 - m));
		__m512i a = _mm512_mask_loadu_epi8(_mm512_set1_epi8('0'), k,
		    (const void *)(in + i));
		__m512i va = _mm512_permutex2var_epi8(t0, a, t1);

		if (_mm512_movepi8_mask(_mm512_or_si512(a, va)) != 0)
			break;
		_mm512_mask_cvtepi16_storeu_epi8((void *)(out + i / 2),
		    (__mmask32)(~0u >> (32 - m / 2)),
		    _mm512_maddubs_epi16(va, pair));
		i += m;
	}
	return i;
}

/*
 * b64_private.h's hex_lines: each line where it lies, by whole vectors
 * and then one masked load and store for the rest (LEN % 64 digits),
 * with one test per line.  Lines of any even length.
 */
static VBMI size_t
hex_lines_avx512(const unsigned char *in, size_t n, size_t len,
    size_t maxlines, unsigned char *out)
{
	const __m512i t0 = _mm512_loadu_si512((const void *)hex_values);
	const __m512i t1 = _mm512_loadu_si512((const void *)(hex_values + 64));
	const __m512i pair = _mm512_set1_epi16(0x0110);
	const size_t r = len % 64;
	const __mmask64 kin = r != 0 ? (__mmask64)(~0ull >> (64 - r)) : 0;
	const __mmask32 kout = r >= 2 ? (__mmask32)(~0u >> (32 - r / 2)) : 0;
	size_t lines = 0;

	if (len % 2 != 0)
		return 0;
	while (lines < maxlines && n > len && in[len] == '\n') {
		__m512i bad = _mm512_setzero_si512(), a, va;
		size_t c = 0;

		for (; len - c >= 64; c += 64) {
			a = _mm512_loadu_si512((const void *)(in + c));
			va = _mm512_permutex2var_epi8(t0, a, t1);
			bad = _mm512_or_si512(bad, _mm512_or_si512(a, va));
			_mm256_storeu_si256((__m256i *)(void *)(out + c / 2),
			    _mm512_cvtepi16_epi8(_mm512_maddubs_epi16(va,
			    pair)));
		}
		if (r != 0) {
			/* (A masked-off byte reads as '0'.) */
			a = _mm512_mask_loadu_epi8(_mm512_set1_epi8('0'), kin,
			    (const void *)(in + c));
			va = _mm512_permutex2var_epi8(t0, a, t1);
			bad = _mm512_or_si512(bad, _mm512_or_si512(a, va));
			_mm512_mask_cvtepi16_storeu_epi8((void *)(out + c / 2),
			    kout, _mm512_maddubs_epi16(va, pair));
		}
		if (_mm512_movepi8_mask(bad) != 0)
			break;
		in += len + 1;
		n -= len + 1;
		out += len / 2;
		lines++;
	}
	return lines;
}

/*
 * base32 and base32hex (RFC 4648 sections 6 and 7) on 64-byte vectors,
 * eight groups a step.  Encoding: VPERMB puts each group's five bytes in
 * the low 40 bits of a 64-bit element, first byte highest
 * (b32_spread); VPMULTISHIFTQB picks the eight 5-bit fields (bits 35,
 * 30, ..., 0) into bytes and VPERMB looks them up in the alphabet.
 * Decoding: VPERMT2B looks each character up in a 128-entry table
 * (0x80 for a character outside the alphabet; one of 0x80 and up has its
 * own sign bit); two multiply-adds join eight values into 40 bits of a
 * 64-bit element, as b32_vec.h's do; VPERMB gathers the five bytes of
 * each, big-endian (b32_gather), and a masked store writes the 40.
 */
static const unsigned char b32_spread[64] = {
	4, 3, 2, 1, 0, 0, 0, 0, 9, 8, 7, 6, 5, 0, 0, 0,
	14, 13, 12, 11, 10, 0, 0, 0, 19, 18, 17, 16, 15, 0, 0, 0,
	24, 23, 22, 21, 20, 0, 0, 0, 29, 28, 27, 26, 25, 0, 0, 0,
	34, 33, 32, 31, 30, 0, 0, 0, 39, 38, 37, 36, 35, 0, 0, 0,
};

static const unsigned char b32_gather[64] = {
	4, 3, 2, 1, 0, 12, 11, 10, 9, 8, 20, 19, 18, 17, 16, 28,
	27, 26, 25, 24, 36, 35, 34, 33, 32, 44, 43, 42, 41, 40, 52, 51,
	50, 49, 48, 60, 59, 58, 57, 56, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Values of 7-bit characters: base32's, then base32hex's (whose W..Z are
 * not digits: basex.c's loops take them as GNU does). */
static const unsigned char b32_values_tab[2][128] = { {
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
	0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e,
	0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16,
	0x17, 0x18, 0x19, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
}, {
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
	0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,
	0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
} };

static VBMI size_t
b32_enc_avx512(const unsigned char *in, size_t n, char *out, int hex)
{
	const __m512i abc = _mm512_castsi256_si512(_mm256_loadu_si256(
	    (const __m256i *)(const void *)(hex ?
	    "0123456789ABCDEFGHIJKLMNOPQRSTUV" :
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")));
	const __m512i spread = _mm512_loadu_si512((const void *)b32_spread);
	const __m512i shifts = _mm512_set1_epi64(0x00050a0f14191e23LL);
	const __m512i five = _mm512_set1_epi8(31);
	const __mmask64 take = (__mmask64)0xffffffffffull;
	size_t i = 0;

	for (; n - i >= 40; i += 40) {
		__m512i v = _mm512_maskz_loadu_epi8(take,
		    (const void *)(in + i));

		v = _mm512_permutexvar_epi8(spread, v);
		v = _mm512_and_si512(_mm512_multishift_epi64_epi8(shifts, v),
		    five);
		_mm512_storeu_si512((void *)(out + i / 5 * 8),
		    _mm512_permutexvar_epi8(v, abc));
	}
	return i;
}

static VBMI size_t
b32_dec_avx512(const unsigned char *in, size_t n, unsigned char *out,
    size_t cap, int hex)
{
	const unsigned char *tab = b32_values_tab[hex];
	const __m512i t0 = _mm512_loadu_si512((const void *)tab);
	const __m512i t1 = _mm512_loadu_si512((const void *)(tab + 64));
	const __m512i gather = _mm512_loadu_si512((const void *)b32_gather);
	const __mmask64 put = (__mmask64)0xffffffffffull;
	size_t i = 0, o = 0;

	while (n - i >= 64 && cap - o >= 40) {
		__m512i c = _mm512_loadu_si512((const void *)(in + i));
		__m512i v = _mm512_permutex2var_epi8(t0, c, t1);

		if (_mm512_movepi8_mask(_mm512_or_si512(c, v)) != 0)
			break;
		v = _mm512_madd_epi16(_mm512_maddubs_epi16(v,
		    _mm512_set1_epi16(0x0120)), _mm512_set1_epi32(0x00010400));
		v = _mm512_or_si512(_mm512_and_si512(_mm512_slli_epi64(v, 20),
		    _mm512_set1_epi64(0xfffff00000LL)),
		    _mm512_srli_epi64(v, 32));
		_mm512_mask_storeu_epi8((void *)(out + o), put,
		    _mm512_permutexvar_epi8(gather, v));
		i += 64;
		o += 40;
	}
	return i;
}

/* base2 and the line copies on 32-byte vectors (hex_avx2.h): AVX-512 CPUs
 * run AVX2 there (the copies measured faster so than by masked 64-byte
 * moves). */
#define HV_TARGET VBMI
#define HV_B2DEC b2_dec_avx512
#define HV_JOIN join_lines_avx512
#define HV_SPLIT split_lines_avx512
#include "hex_avx2.h"

const struct b64_impl b64_impl_avx512 = {
	"avx512", B64_IMPL_AVX512, usable_avx512, enc_avx512, dec_avx512,
	compact_avx512, dec_lines_avx512, enc_lines_avx512, hex_enc_avx512,
	hex_dec_avx512, b32_enc_avx512, b32_dec_avx512,
	b2_dec_avx512, join_lines_avx512, split_lines_avx512,
	hex_lines_avx512, hex_split_avx512,
};
#else
/* Not in this build: named, never picked. */
const struct b64_impl b64_impl_avx512 = {
	"avx512", B64_IMPL_AVX512, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};
#endif /* HAVE_TARGET_AVX512VBMI */
