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

/*
 * base16: vst2q interleaves the two digits of 16 bytes; vld2q splits 32
 * digits into the first and second of 16 pairs.  A digit is '0'..'9', or
 * 'a'..'f' once OR 0x20 (which maps 'A'..'F' there and nothing else).
 */
static size_t
hex_enc_neon(const unsigned char *in, size_t n, char *out)
{
	const uint8x16_t digits = vld1q_u8((const uint8_t *)
	    "0123456789ABCDEF");
	size_t i = 0;

	for (; n - i >= 16; i += 16) {
		uint8x16_t v = vld1q_u8(in + i);
		uint8x16x2_t d;

		d.val[0] = vqtbl1q_u8(digits, vshrq_n_u8(v, 4));
		d.val[1] = vqtbl1q_u8(digits, vandq_u8(v, vdupq_n_u8(15)));
		vst2q_u8((uint8_t *)out + 2 * i, d);
	}
	return i;
}

/* The values of the hex digits V; *OK all ones where V holds one. */
static inline uint8x16_t
hex_values(uint8x16_t v, uint8x16_t *ok)
{
	uint8x16_t dv = vsubq_u8(v, vdupq_n_u8('0'));
	uint8x16_t av = vsubq_u8(vorrq_u8(v, vdupq_n_u8(0x20)),
	    vdupq_n_u8('a'));
	uint8x16_t digit = vcltq_u8(dv, vdupq_n_u8(10));
	uint8x16_t alpha = vcltq_u8(av, vdupq_n_u8(6));

	*ok = vorrq_u8(digit, alpha);
	return vbslq_u8(digit, dv, vaddq_u8(av, vdupq_n_u8(10)));
}

static size_t
hex_dec_neon(const unsigned char *in, size_t n, unsigned char *out)
{
	size_t i = 0;

	for (; n - i >= 32; i += 32) {
		uint8x16x2_t c = vld2q_u8(in + i);
		uint8x16_t ok0, ok1;
		uint8x16_t hi = hex_values(c.val[0], &ok0);
		uint8x16_t lo = hex_values(c.val[1], &ok1);

		if (vminvq_u8(vandq_u8(ok0, ok1)) != 0xff)
			break;
		vst1q_u8(out + i / 2, vorrq_u8(vshlq_n_u8(hi, 4), lo));
	}
	return i;
}

/*
 * base32 and base32hex, two groups (10 bytes, 16 characters) a step, as
 * b32_vec.h does it on x86: a table lookup puts each character's 16-bit
 * window in a lane and a per-lane shift (NEON shifts left by signed
 * counts) brings its five bits down; decoding joins values pairwise by
 * shifts and ORs, 5 to 10, 10 to 20 and 20 to 40 bits, and a lookup
 * writes each 40 bits big-endian.
 */
static size_t
b32_enc_neon(const unsigned char *in, size_t n, char *out, int hex)
{
	static const uint8_t win0[16] = { 1, 0, 1, 0, 2, 1, 2, 1, 3, 2, 4, 3,
	    4, 3, 5, 4 };
	static const int16_t shifts[8] = { -11, -6, -9, -4, -7, -10, -5, -8 };
	const uint8x16_t w0 = vld1q_u8(win0);
	const uint8x16_t w1 = vaddq_u8(w0, vdupq_n_u8(5));
	const int16x8_t sh = vld1q_s16(shifts);
	const uint16x8_t five = vdupq_n_u16(31);
	const uint8x16_t split = vdupq_n_u8(hex ? 9 : 25);
	const uint8x16_t base = vdupq_n_u8(hex ? '0' : 'A');
	const uint8x16_t delta = vdupq_n_u8((uint8_t)(hex ? 'A' - 10 - '0' :
	    '2' - 26 - 'A'));
	size_t i = 0;

	for (; n - i >= 16; i += 10) {
		uint8x16_t v = vld1q_u8(in + i);
		uint16x8_t a = vandq_u16(vshlq_u16(vreinterpretq_u16_u8(
		    vqtbl1q_u8(v, w0)), sh), five);
		uint16x8_t b = vandq_u16(vshlq_u16(vreinterpretq_u16_u8(
		    vqtbl1q_u8(v, w1)), sh), five);
		uint8x16_t idx = vcombine_u8(vmovn_u16(a), vmovn_u16(b));

		idx = vaddq_u8(vaddq_u8(idx, base), vandq_u8(vcgtq_u8(idx,
		    split), delta));
		vst1q_u8((uint8_t *)out + i / 5 * 8, idx);
	}
	return i;
}

static size_t
b32_dec_neon(const unsigned char *in, size_t n, unsigned char *out,
    size_t cap, int hex)
{
	static const uint8_t be40[16] = { 4, 3, 2, 1, 0, 12, 11, 10, 9, 8,
	    255, 255, 255, 255, 255, 255 };
	const uint8x16_t order = vld1q_u8(be40);
	size_t i = 0, o = 0;

	while (n - i >= 16 && cap - o >= 16) {
		uint8x16_t c = vld1q_u8(in + i), r1, r2, v;
		uint16x8_t x;
		uint32x4_t y;
		uint64x2_t z;

		if (hex) {
			r1 = vcltq_u8(vsubq_u8(c, vdupq_n_u8('0')),
			    vdupq_n_u8(10));
			r2 = vcltq_u8(vsubq_u8(c, vdupq_n_u8('A')),
			    vdupq_n_u8(22));
			v = vbslq_u8(r1, vsubq_u8(c, vdupq_n_u8('0')),
			    vsubq_u8(c, vdupq_n_u8('A' - 10)));
		} else {
			r1 = vcltq_u8(vsubq_u8(c, vdupq_n_u8('A')),
			    vdupq_n_u8(26));
			r2 = vcltq_u8(vsubq_u8(c, vdupq_n_u8('2')),
			    vdupq_n_u8(6));
			v = vbslq_u8(r1, vsubq_u8(c, vdupq_n_u8('A')),
			    vsubq_u8(c, vdupq_n_u8('2' - 26)));
		}
		if (vminvq_u8(vorrq_u8(r1, r2)) != 0xff)
			break;
		/* Little-endian lanes: the first value is the low one. */
		x = vreinterpretq_u16_u8(v);
		x = vorrq_u16(vshlq_n_u16(vandq_u16(x, vdupq_n_u16(0xff)), 5),
		    vshrq_n_u16(x, 8));
		y = vreinterpretq_u32_u16(x);
		y = vorrq_u32(vshlq_n_u32(vandq_u32(y, vdupq_n_u32(0xffff)),
		    10), vshrq_n_u32(y, 16));
		z = vreinterpretq_u64_u32(y);
		z = vorrq_u64(vshlq_n_u64(vandq_u64(z,
		    vdupq_n_u64(0xffffffffu)), 20), vshrq_n_u64(z, 32));
		vst1q_u8(out + o, vqtbl1q_u8(vreinterpretq_u8_u64(z), order));
		i += 16;
		o += 10;
	}
	return i;
}

const struct b64_impl b64_impl_neon = {
	"neon", B64_IMPL_NEON, NULL, enc_neon, dec_neon, compact_neon,
	dec_lines_neon, enc_lines_neon, hex_enc_neon, hex_dec_neon,
	b32_enc_neon, b32_dec_neon, NULL, NULL, NULL, NULL, NULL,
};
#else
/* Not in this build: named, never picked. */
const struct b64_impl b64_impl_neon = {
	"neon", B64_IMPL_NEON, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};
#endif /* HAVE_NEON */
