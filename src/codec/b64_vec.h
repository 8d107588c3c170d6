/*
 * b64_vec.h - the base64 blocks of lines.h (ln_enc_*, ln_dec_*, ln_values,
 * ln_store) and most of compact_vec.h's operations, written once for
 * 16-byte vectors and for 32-byte vectors made of two 16-byte lanes,
 * after Muła and Lemire, "Faster Base64 Encoding and Decoding Using AVX2
 * Instructions" (2018): 12 bytes to 16 characters and back per lane.
 * Included by the SSSE3 and AVX2 files after hex_vec.h's operations
 * (hv_*, with hv_load2 and hv_store2 as b32_vec.h has them) and these:
 *   hv_subs(a, b)     unsigned saturating subtract of bytes
 *   hv_mullo16(a, b)  the low 16 bits of the products of 16-bit elements
 *   hv_any(v)         whether any byte of V is not zero
 *   hv_min(a, b)      unsigned minimum of bytes
 *
 * Encode: each 3-byte group a b c becomes the dword [b a c b]; two
 * multiplies then move the four 6-bit fields into four bytes; the ASCII
 * offset of each field's range comes from a 16-entry table indexed by a
 * small class number: the saturating subtract of 51 gives 1..12 for the
 * digits, 62 and 63, and subtracting the compare "above 25" moves those
 * and a-z up by one (0: A-Z, 1: a-z, 2..11: digits, 12: 62, 13: 63).
 *
 * Decode: a byte is valid when the bit its high nibble selects is set in
 * the mask its low nibble selects (hi_bits[hi] & ~lo_bits[lo] == 0); the
 * value is the byte plus an offset chosen by the high nibble, except for
 * the one character (63) that shares its nibble with another range: a
 * saturating subtract of the compare's all-ones sends it to entry 0 of
 * the offsets (nibble 0 holds no alphabet character).  Four 6-bit values
 * are then packed by two multiply-adds, and each lane's 12 bytes stored
 * on their own (hv_store2: for 32-byte vectors the upper lane by
 * VEXTRACTI128's store form, which needs no shuffle unit: a cross-lane
 * permute before one store made decoding 10 % slower).
 */

struct ln_enc {
	HV shuf, offs;
};

static inline HV_TARGET void
ln_enc_init(struct ln_enc *k, const struct b64_alphabet *alpha)
{
	k->shuf = hv_table16((const unsigned char *)
	    "\x01\x00\x02\x01\x04\x03\x05\x04\x07\x06\x08\x07\x0a\x09\x0b\x0a");
	k->offs = hv_table16(alpha->enc_offs);
}

/* The characters of V, whose dwords are [b a c b] of its groups, stored
 * at OUT. */
static inline HV_TARGET void
b64v_fields(const struct ln_enc *k, HV v, char *out)
{
	HV t0 = hv_mulhi16(hv_and(v, hv_set32(0x0fc0fc00)),
	    hv_set32(0x04000040));
	HV t1 = hv_mullo16(hv_and(v, hv_set32(0x003f03f0)),
	    hv_set32(0x01000010));
	HV idx = hv_or(t0, t1);
	HV cls = hv_sub(hv_subs(idx, hv_set1(51)), hv_gt(idx, hv_set1(25)));

	hv_store(out, hv_add(hv_shuf(k->offs, cls), idx));
}

/* HV_BYTES / 4 * 3 bytes to HV_BYTES characters; reads 4 bytes past
 * them (for two lanes, two 16-byte loads 12 apart). */
static inline HV_TARGET void
ln_enc_block(const struct ln_enc *k, const unsigned char *in, char *out)
{
	b64v_fields(k, hv_shuf(hv_load2(in, in + 12), k->shuf), out);
}

/* The high nibble of each byte of V. */
static inline HV_TARGET HV
b64v_high4(HV v)
{
	return hv_and(hv_srl4(v), hv_set1(0x0f));
}

/* Non-zero in the bytes of V that are not in the alphabet of LO_BITS and
 * HI_BITS; HI is b64v_high4(V).  The look-up by V itself (no mask) gives
 * 0 for a byte with bit 7 set, which leaves its class bit
 * (hi_bits[8..15]) standing. */
static inline HV_TARGET HV
b64v_outside(HV lo_bits, HV hi_bits, HV v, HV hi)
{
	return hv_andnot(hv_shuf(lo_bits, v), hv_shuf(hi_bits, hi));
}

struct ln_dec {
	HV lo_bits, hi_bits, roll, c63, pack;
};

static inline HV_TARGET void
ln_dec_init(struct ln_dec *k, const struct b64_alphabet *alpha)
{
	k->lo_bits = hv_table16(alpha->nib_lo);
	k->hi_bits = hv_table16(alpha->nib_hi);
	k->roll = hv_table16(alpha->roll);
	k->c63 = hv_set1(alpha->c63);
	k->pack = hv_table16((const unsigned char *)
	    "\x02\x01\x00\x06\x05\x04\x0a\x09\x08\x0e\x0d\x0c\xff\xff\xff\xff");
}

/* For lines.h: a block's values, and the OR of the validity tests'
 * results (non-zero where a byte is not in the alphabet). */
typedef HV ln_val;
typedef HV ln_bad;

static inline HV_TARGET HV
ln_bad_none(void)
{
	return hv_set1(0);
}

/* The values of the characters in V (ln_values without the load). */
static inline HV_TARGET HV
values_of(const struct ln_dec *k, HV v, HV *bad)
{
	HV hi = b64v_high4(v);

	*bad = hv_or(*bad, b64v_outside(k->lo_bits, k->hi_bits, v, hi));
	return hv_add(v, hv_shuf(k->roll, hv_subs(hi, hv_eq(v, k->c63))));
}

static inline HV_TARGET HV
ln_values(const struct ln_dec *k, const unsigned char *in, HV *bad)
{
	return values_of(k, hv_load(in), bad);
}

static inline HV_TARGET int
ln_bad_any(HV bad)
{
	return hv_any(bad);
}

/* HV_BYTES / 4 * 3 bytes; writes 4 past them (for two lanes, two
 * 16-byte stores 12 apart). */
static inline HV_TARGET void
ln_store(const struct ln_dec *k, HV v, unsigned char *out)
{
	v = hv_madd16(hv_maddubs(v, hv_set32(0x01400140)),
	    hv_set32(0x00011000));
	hv_store2(out, out + 12, hv_shuf(v, k->pack));
}

/*
 * compact_vec.h's operations but cp_pack and cp_cut (which the includer
 * defines, with CP_WIDTH, CP_TARGET and CP_NAME, before including it).
 */
struct cp_consts {
	HV lo_bits, hi_bits;
};

typedef HV cp_vec;

static inline HV_TARGET void
cp_init(struct cp_consts *k, const struct b64_alphabet *alpha)
{
	k->lo_bits = hv_table16(alpha->nib_lo);
	k->hi_bits = hv_table16(alpha->nib_hi);
}

static inline HV_TARGET HV
cp_load(const unsigned char *p)
{
	return hv_load(p);
}

static inline HV_TARGET void
cp_store(unsigned char *p, HV v)
{
	hv_store(p, v);
}

static inline HV_TARGET uint32_t
cp_alpha(const struct cp_consts *k, HV v)
{
	HV bad = b64v_outside(k->lo_bits, k->hi_bits, v, b64v_high4(v));

	return hv_mask(hv_eq(bad, hv_set1(0)));
}

static inline HV_TARGET int
cp_clean(const struct cp_consts *k, HV v)
{
	return !hv_any(b64v_outside(k->lo_bits, k->hi_bits, v,
	    b64v_high4(v)));
}

/* Bytes equal to C. */
static inline HV_TARGET uint32_t
cp_eq(HV v, char c)
{
	return hv_mask(hv_eq(v, hv_set1(c)));
}

/* ASCII white space: HT LF VT FF CR (9..13: v - 9 <= 4 unsigned), SP. */
static inline HV_TARGET uint32_t
cp_space(HV v)
{
	HV d = hv_sub(v, hv_set1('\t'));
	HV ctl = hv_eq(hv_min(d, hv_set1(4)), d);

	return hv_mask(hv_or(ctl, hv_eq(v, hv_set1(' '))));
}
