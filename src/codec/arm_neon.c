/*
 * arm_neon.c - AArch64 Advanced SIMD (NEON) bulk loops, 48 bytes to 64
 * characters and back per step.  NEON is part of every AArch64 CPU, so
 * there is no run-time check.
 *
 * The structure loads do the shuffling: vld3q splits 48 bytes into the
 * first, second and third byte of 16 triples, vld4q splits 64 characters
 * into the four positions of 16 quanta, and vst4q / vst3q interleave them
 * again.  Between them the sextets are plain shifts per lane, and TBL
 * looks characters up in the alphabet (64 bytes, four registers) or
 * values up in its 128-entry ASCII table (two lookups of 64).
 */
#include "b64_private.h"

#ifdef HAVE_NEON
#include <arm_neon.h>

#include "compact_vec.h"

struct ln_enc {
	uint8x16x4_t tab;
};

static inline void
ln_enc_init(struct ln_enc *k, const struct b64_alphabet *alpha)
{
	const uint8_t *abc = (const uint8_t *)alpha->chars;

	k->tab.val[0] = vld1q_u8(abc);
	k->tab.val[1] = vld1q_u8(abc + 16);
	k->tab.val[2] = vld1q_u8(abc + 32);
	k->tab.val[3] = vld1q_u8(abc + 48);
}

/* 48 bytes to 64 characters. */
static inline void
ln_enc_block(const struct ln_enc *k, const unsigned char *in, char *out)
{
	const uint8x16_t m63 = vdupq_n_u8(63);
	uint8x16x3_t b = vld3q_u8(in);
	uint8x16x4_t c;

	c.val[0] = vshrq_n_u8(b.val[0], 2);
	c.val[1] = vandq_u8(vorrq_u8(vshlq_n_u8(b.val[0], 4),
	    vshrq_n_u8(b.val[1], 4)), m63);
	c.val[2] = vandq_u8(vorrq_u8(vshlq_n_u8(b.val[1], 2),
	    vshrq_n_u8(b.val[2], 6)), m63);
	c.val[3] = vandq_u8(b.val[2], m63);
	c.val[0] = vqtbl4q_u8(k->tab, c.val[0]);
	c.val[1] = vqtbl4q_u8(k->tab, c.val[1]);
	c.val[2] = vqtbl4q_u8(k->tab, c.val[2]);
	c.val[3] = vqtbl4q_u8(k->tab, c.val[3]);
	vst4q_u8((uint8_t *)out, c);
}

/*
 * Values of the characters C, with bit 7 set in the result for any byte
 * outside the alphabet: TBL gives 0 for an index past its table, TBX
 * keeps the lane, so bytes 0..63 come from the first lookup, 64..127 from
 * the second, and bytes 128..255 from neither (their own bit 7 marks
 * them).
 */
static inline uint8x16_t
values(uint8x16_t c, uint8x16x4_t lo, uint8x16x4_t hi, uint8x16_t *bad)
{
	uint8x16_t v = vqtbx4q_u8(vqtbl4q_u8(lo, c), hi,
	    vsubq_u8(c, vdupq_n_u8(64)));

	*bad = vorrq_u8(*bad, vorrq_u8(v, c));
	return v;
}

struct ln_dec {
	uint8x16x4_t lo, hi;
};

static inline void
ln_dec_init(struct ln_dec *k, const struct b64_alphabet *alpha)
{
	const uint8_t *t = alpha->ascii;

	for (int j = 0; j < 4; j++) {
		k->lo.val[j] = vld1q_u8(t + 16 * j);
		k->hi.val[j] = vld1q_u8(t + 64 + 16 * j);
	}
}

/* For lines.h: a block's values (four registers, one per position in
 * the quantum), and the OR of characters and values (bit 7 set where a
 * byte is not in the alphabet). */
typedef uint8x16x4_t ln_val;
typedef uint8x16_t ln_bad;

static inline uint8x16_t
ln_bad_none(void)
{
	return vdupq_n_u8(0);
}

static inline uint8x16x4_t
ln_values(const struct ln_dec *k, const unsigned char *in, uint8x16_t *bad)
{
	uint8x16x4_t c = vld4q_u8(in);

	c.val[0] = values(c.val[0], k->lo, k->hi, bad);
	c.val[1] = values(c.val[1], k->lo, k->hi, bad);
	c.val[2] = values(c.val[2], k->lo, k->hi, bad);
	c.val[3] = values(c.val[3], k->lo, k->hi, bad);
	return c;
}

static inline int
ln_bad_any(uint8x16_t bad)
{
	return (vmaxvq_u8(bad) & 0x80) != 0;
}

/* 48 bytes. */
static inline void
ln_store(const struct ln_dec *k, uint8x16x4_t v, unsigned char *out)
{
	uint8x16x3_t o;

	(void)k;
	o.val[0] = vorrq_u8(vshlq_n_u8(v.val[0], 2), vshrq_n_u8(v.val[1], 4));
	o.val[1] = vorrq_u8(vshlq_n_u8(v.val[1], 4), vshrq_n_u8(v.val[2], 2));
	o.val[2] = vorrq_u8(vshlq_n_u8(v.val[2], 6), v.val[3]);
	vst3q_u8(out, o);
}

#define LN_WIDTH 64
#define LN_TARGET
#define LN_DEC_AHEAD 0 /* structure loads and stores: exact */
#define LN_ENC_AHEAD 0
#define LN_DEC_LINES dec_lines_neon
#define LN_ENC_LINES enc_lines_neon
#define LN_DEC dec_neon
#define LN_ENC enc_neon
#include "lines.h"

/* The compact loop: compact_vec.h on 16-byte vectors. */
struct cp_consts {
	uint8x16x4_t lo, hi;
};

typedef uint8x16_t cp_vec;

static inline void
cp_init(struct cp_consts *k, const struct b64_alphabet *alpha)
{
	struct ln_dec d;

	ln_dec_init(&d, alpha);
	k->lo = d.lo;
	k->hi = d.hi;
}

static inline uint8x16_t
cp_load(const unsigned char *p)
{
	return vld1q_u8(p);
}

static inline void
cp_store(unsigned char *p, uint8x16_t v)
{
	vst1q_u8(p, v);
}

/* Bit j set where byte j of B (each 0 or 0xff) is set: no PMOVMSKB here,
 * so each byte keeps its own bit and the halves are summed. */
static inline uint32_t
cp_mask(uint8x16_t b)
{
	static const uint8_t weight[16] = { 1, 2, 4, 8, 16, 32, 64, 128, 1, 2,
	    4, 8, 16, 32, 64, 128 };
	uint8x16_t m = vandq_u8(b, vld1q_u8(weight));

	return (uint32_t)vaddv_u8(vget_low_u8(m)) |
	    (uint32_t)vaddv_u8(vget_high_u8(m)) << 8;
}

/* Bit 7 of each byte: set where it is not in the alphabet. */
static inline uint8x16_t
cp_bad(const struct cp_consts *k, uint8x16_t v)
{
	uint8x16_t bad = vdupq_n_u8(0);

	(void)values(v, k->lo, k->hi, &bad);
	return bad;
}

static inline int
cp_clean(const struct cp_consts *k, uint8x16_t v)
{
	return (vmaxvq_u8(cp_bad(k, v)) & 0x80) == 0;
}

static inline uint32_t
cp_alpha(const struct cp_consts *k, uint8x16_t v)
{
	return cp_mask(vcltq_s8(vreinterpretq_s8_u8(cp_bad(k, v)),
	    vdupq_n_s8(0))) ^ 0xffffu;
}

static inline uint32_t
cp_eq(uint8x16_t v, char c)
{
	return cp_mask(vceqq_u8(v, vdupq_n_u8((uint8_t)c)));
}

/* ASCII white space: HT LF VT FF CR (9..13: v - 9 <= 4 unsigned), SP. */
static inline uint32_t
cp_space(uint8x16_t v)
{
	return cp_mask(vorrq_u8(vcleq_u8(vsubq_u8(v, vdupq_n_u8('\t')),
	    vdupq_n_u8(4)), vceqq_u8(v, vdupq_n_u8(' '))));
}

/* Each group of 8 packed by TBL; two 8-byte stores. */
static inline size_t
cp_pack(unsigned char *out, uint8x16_t v, uint32_t keep)
{
	unsigned m0 = keep & 0xff, m1 = keep >> 8 & 0xff;
	uint8x16_t p = vqtbl1q_u8(v, vcombine_u8(vcreate_u8(cp_pk[m0]),
	    vcreate_u8(cp_pk[m1] + CP_HIGH8)));

	vst1_u8(out, vget_low_u8(p));
	vst1_u8(out + cp_cnt[m0], vget_high_u8(p));
	return (size_t)cp_cnt[m0] + cp_cnt[m1];
}

static inline void
cp_cut(unsigned char *out, uint8x16_t v, unsigned p, unsigned r)
{
	uint8x16_t from = vld1q_u8(cp_from + 32 - p);
	uint8x16_t down = r == 1 ? vextq_u8(v, vdupq_n_u8(0), 1) :
	    vextq_u8(v, vdupq_n_u8(0), 2);

	vst1q_u8(out, vbslq_u8(from, down, v));
}

#define CP_WIDTH 16
#define CP_TARGET
#define CP_NAME compact_neon
#include "compact_vec.h"

const struct b64_impl b64_impl_neon = {
	"neon", B64_IMPL_NEON, NULL, enc_neon, dec_neon, compact_neon,
	dec_lines_neon, enc_lines_neon, NULL, NULL, NULL, NULL,
};
#else
/* Not in this build: named, never picked. */
const struct b64_impl b64_impl_neon = {
	"neon", B64_IMPL_NEON, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL,
};
#endif /* HAVE_NEON */
