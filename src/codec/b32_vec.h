/*
 * b32_vec.h - base32 and base32hex (RFC 4648 sections 6 and 7) bulk
 * loops, written once for 16-byte vectors and for 32-byte vectors made of
 * two 16-byte lanes: each lane codes two groups (10 bytes, 16
 * characters) at a time.  Included by the SSSE3, AVX2 and AVX-512 files
 * after hex_vec.h's operations (hv_*) and these:
 *   B32_ENC, B32_DEC   the names of the loops to define
 *   hv_load2(p, q)     a vector with 16 bytes from P in its first lane
 *                      (and from Q in the second, for 32-byte vectors)
 *   hv_store2(p, q, v) the first 10 bytes of each lane of V to P (and Q),
 *                      writing up to 16 bytes at each
 *   hv_lanes           lanes per vector (1 or 2)
 *   hv_mulhi16, hv_and16const..., see below.
 *
 * Encoding: a shuffle puts, in each 16-bit element, the two bytes holding
 * one character's five bits (big-endian); a multiply-high by a power of
 * two shifts each element right by its own amount; the low five bits are
 * the character's value, and a compare and an add make it a letter or a
 * digit.  Decoding: lookups by nibble (hv_classify, hex_vec.h) give each
 * character's value and say whether all are in the alphabet; two
 * multiply-adds join eight values into 40 bits in a 64-bit element, and
 * a shuffle writes its five bytes big-endian.  A block with a character
 * outside the alphabet (for base32hex, also W..Z, which GNU takes as
 * base32 letters) stops the loop before it: the caller's portable loops
 * take it from there.
 */

/* The shift of each character's 16-bit window (2^(16 - shift)): for
 * character k at bit 5k of the group, 11 - 5k mod 8. */
#define B32_MUL(s) (1 << (16 - (s)))

/* The characters of one block (10 bytes per lane) of V, as B32_ENC's
 * constants say. */
static inline HV_TARGET HV
b32_enc_block(HV v, HV shuf0, HV shuf1, HV mul, HV five, HV split, HV base,
    HV delta)
{
	HV a = hv_and(hv_mulhi16(hv_shuf(v, shuf0), mul), five);
	HV b = hv_and(hv_mulhi16(hv_shuf(v, shuf1), mul), five);
	HV idx = hv_pack_lane(a, b);

	return hv_add(hv_add(idx, base), hv_and(hv_gt(idx, split), delta));
}

/* Encode whole blocks (10 bytes per lane) of IN (at most N bytes, reading
 * 6 bytes past each block, so up to N - 6 consumed) to OUT; HEX selects
 * base32hex.  Returns the bytes consumed (a multiple of 5).  Two blocks a
 * step while they last (a fifth faster than one on Zen 5), then one. */
static HV_TARGET size_t
B32_ENC(const unsigned char *in, size_t n, char *out, int hex)
{
	/* Group 0's windows from bytes 0..5, group 1's from 5..10. */
	const HV shuf0 = hv_table16((const unsigned char *)
	    "\x01\x00\x01\x00\x02\x01\x02\x01\x03\x02\x04\x03\x04\x03\x05\x04");
	const HV shuf1 = hv_table16((const unsigned char *)
	    "\x06\x05\x06\x05\x07\x06\x07\x06\x08\x07\x09\x08\x09\x08\x0a\x09");
	const HV mul = hv_set16x8(B32_MUL(11), B32_MUL(6), B32_MUL(9),
	    B32_MUL(4), B32_MUL(7), B32_MUL(10), B32_MUL(5), B32_MUL(8));
	const HV five = hv_set16(31);
	const HV split = hv_set1(hex ? 9 : 25);
	const HV base = hv_set1(hex ? '0' : 'A');
	const HV delta = hv_set1(hex ? 'A' - 10 - '0' : '2' - 26 - 'A');
	const size_t step = 10 * hv_lanes;
	size_t i = 0;

	for (; n - i >= 2 * step + 6; i += 2 * step, out += 32 * hv_lanes) {
		HV x = b32_enc_block(hv_load2(in + i, in + i + 10), shuf0,
		    shuf1, mul, five, split, base, delta);
		HV y = b32_enc_block(hv_load2(in + i + step,
		    in + i + step + 10), shuf0, shuf1, mul, five, split, base,
		    delta);

		hv_store(out, x);
		hv_store(out + 16 * hv_lanes, y);
	}
	for (; n - i >= step + 6; i += step, out += 16 * hv_lanes)
		hv_store(out, b32_enc_block(hv_load2(in + i, in + i + 10),
		    shuf0, shuf1, mul, five, split, base, delta));
	return i;
}

/*
 * The values of the characters of V; *OK has the sign bit of every byte
 * that is in the alphabet set (hv_classify).  base32: '2'..'7' (high
 * nibble 3, low 2..7: value low + 24), 'A'..'O' (4, 1..15: low - 1),
 * 'P'..'Z' (5, 0..10: low + 15).  base32hex: '0'..'9' (3, 0..9: low),
 * 'A'..'O' (4, 1..15: low + 9), 'P'..'V' (5, 0..6: low + 25).
 */
static inline HV_TARGET HV
b32_values(HV v, int hex, HV *ok)
{
	/* The classes: high nibble 3, 4, 5. */
	const HV row = hv_table16((const unsigned char *)
	    "\x00\x00\x00\x01\x02\x04\x00\x00"
	    "\x00\x00\x00\x00\x00\x00\x00\x00");

	if (hex)
		return hv_classify(v, row, hv_table16((const unsigned char *)
		    "\x05\x07\x07\x07\x07\x07\x07\x03"
		    "\x03\x03\x02\x02\x02\x02\x02\x02"),
		    hv_table16((const unsigned char *)
		    "\x00\x00\x00\x00\x09\x19\x00\x00"
		    "\x00\x00\x00\x00\x00\x00\x00\x00"), ok);
	return hv_classify(v, row, hv_table16((const unsigned char *)
	    "\x04\x06\x07\x07\x07\x07\x07\x07"
	    "\x06\x06\x06\x02\x02\x02\x02\x02"),
	    hv_table16((const unsigned char *)
	    "\x00\x00\x00\x18\xff\x0f\x00\x00"
	    "\x00\x00\x00\x00\x00\x00\x00\x00"), ok);
}

/* Decode blocks of 16 characters per lane of IN (at most N bytes) while
 * every one is in the alphabet, to OUT, writing up to 6 bytes past each
 * block's 10 (CAP bounds that); returns the characters consumed. */
static HV_TARGET size_t
B32_DEC(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
    int hex)
{
	const size_t step = 16 * hv_lanes;
	size_t i = 0, o = 0;

	while (n - i >= step && cap - o >= 10 * hv_lanes + 6) {
		HV ok;
		HV v = b32_values(hv_load(in + i), hex, &ok);

		if (hv_mask(ok) != HV_ALL)
			break;
		/* 32 v0 + v1 in 16 bits, then 1024 times that plus the
		 * next pair's in 32: four characters, 20 bits. */
		v = hv_madd16(hv_maddubs(v, hv_set16(0x0120)),
		    hv_set32(0x00010400));
		/* The two 20-bit halves of each 64 bits joined, first one
		 * high: 40 bits, written out big-endian. */
		v = hv_or(hv_and(hv_sll64(v, 20), hv_set64(0xfffff00000)),
		    hv_srl64(v, 32));
		v = hv_shuf(v, hv_table16((const unsigned char *)
		    "\x04\x03\x02\x01\x00\x0c\x0b\x0a\x09\x08"
		    "\x80\x80\x80\x80\x80\x80"));
		hv_store2(out + o, out + o + 10, v);
		i += step;
		o += 10 * hv_lanes;
	}
	return i;
}
