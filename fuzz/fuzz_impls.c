/*
 * fuzz_impls.c - every implementation gives the scalar one's answers: the
 * gate for the SIMD loops.
 *
 * Input: byte 0 flags (bit 0 URL alphabet, bit 1 NO_PAD, bits 2-4 the
 * decoding mode: GNU, GNU -i, strict, lenient, lenient -i, then GNU, GNU
 * -i, strict again; bit 5 CRLF; bit 6 encode without line breaks, else at
 * the width), byte 1 the line width (0 means 76), byte 2 how the text to
 * decode is made (bits 0-1: 0 = the data as it is, else the data encoded,
 * 1 unwrapped, 2 and 3 at the width, and then bits 2-5 edits: a byte
 * replaced, inserted or deleted, chosen by the PRNG among bytes that
 * matter to a decoder), byte 3 the implementation (any value: one of the
 * available ones other than scalar, B64_IMPL_AUTO included), bytes 4-7 a
 * seed; the rest is the data.  Encoded text gives the bulk loops long
 * valid runs, the edits stop them at every place.
 *
 * Each input compares one implementation with B64_IMPL_SCALAR, byte for
 * byte, status, error offset, line, column and byte: decoding the text in
 * the mode and alphabet byte 0 gives, one-shot and with a random split;
 * encoding the data with byte 0's alphabet, padding and line end, without
 * line breaks or at the width, one-shot and split.  Over a campaign every
 * implementation of the registry (b64_impl_at) that b64_impl_available()
 * reports meets every mode, alphabet and encoder setting; one input does
 * one pair's work, so that the fuzzer tries many inputs a second.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

/* Make the text to decode from the data: encoded with FLAGS and WRAP,
 * then NEDIT edits.  *LEN gets its length; free() it. */
static uint8_t *
synth(const uint8_t *x, size_t n, unsigned flags, size_t wrap,
    unsigned nedit, struct fz_rng *rng, size_t *len)
{
	static const char special[] = "=\n\r \t-_+/*A\x80\xff";
	uint8_t *t = fz_alloc(fz_ref_encode_max(n) + nedit);
	size_t tl = fz_ref_encode(x, n, flags, wrap, (char *)t);

	for (unsigned k = 0; k < nedit; k++) {
		size_t pos = fz_below(rng, tl + 1);
		uint8_t b = fz_below(rng, 4) == 0 ?
		    (uint8_t)fz_next(rng) :
		    (uint8_t)special[fz_below(rng, sizeof(special))];

		switch (fz_below(rng, 3)) {
		case 0: /* replace */
			if (pos < tl)
				t[pos] = b;
			break;
		case 1: /* insert */
			memmove(t + pos + 1, t + pos, tl - pos);
			t[pos] = b;
			tl++;
			break;
		default: /* delete */
			if (pos < tl) {
				memmove(t + pos, t + pos + 1, tl - pos - 1);
				tl--;
			}
			break;
		}
	}
	*len = tl;
	return t;
}

/* Decode T[0..N) with FLAGS by scalar (one-shot) and by IMPL (one-shot and
 * split with SEED): the same answer. */
static void
compare_decode(const uint8_t *t, size_t n, unsigned flags, unsigned impl,
    uint64_t seed)
{
	struct fz_dec ref, got;
	struct fz_rng rng;

	fz_note("decode %zu bytes, %s", n,
	    fz_flags_str(flags | B64_IMPL_SCALAR));
	fz_decode_oneshot(t, n, flags | B64_IMPL_SCALAR, &ref);
	flags |= impl;
	fz_note("decode %zu bytes, %s", n, fz_flags_str(flags));
	if (impl != B64_IMPL_SCALAR) {
		fz_decode_oneshot(t, n, flags, &got);
		fz_same_dec(&ref, &got, "one-shot: impl vs scalar");
		fz_dec_free(&got);
	}
	rng.s = seed;
	fz_decode_split(t, n, flags, &rng, &got);
	fz_same_dec(&ref, &got, "split: impl vs scalar one-shot");
	fz_dec_free(&got);
	fz_dec_free(&ref);
}

/* Encode X[0..N) with FLAGS and WRAP by scalar (one-shot) and by IMPL
 * (one-shot and split with SEED): the same text. */
static void
compare_encode(const uint8_t *x, size_t n, unsigned flags, size_t wrap,
    unsigned impl, uint64_t seed)
{
	struct fz_enc ref, got;
	struct fz_rng rng;

	fz_note("encode %zu bytes, %s, wrap %zu", n,
	    fz_flags_str(flags | B64_IMPL_SCALAR), wrap);
	fz_encode_oneshot(x, n, flags | B64_IMPL_SCALAR, wrap, &ref);
	flags |= impl;
	fz_note("encode %zu bytes, %s, wrap %zu", n, fz_flags_str(flags), wrap);
	if (impl != B64_IMPL_SCALAR) {
		fz_encode_oneshot(x, n, flags, wrap, &got);
		fz_same_enc(&ref, &got, "one-shot: impl vs scalar");
		fz_enc_free(&got);
	}
	rng.s = seed;
	fz_encode_split(x, n, flags, wrap, &rng, &got);
	fz_same_enc(&ref, &got, "split: impl vs scalar one-shot");
	fz_enc_free(&got);
	fz_enc_free(&ref);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned modes[8] = {
		0, B64_SKIP_GARBAGE, B64_STRICT, B64_LENIENT,
		B64_LENIENT | B64_SKIP_GARBAGE, 0, B64_SKIP_GARBAGE, B64_STRICT,
	};
	struct fz_in in = { data, size };
	unsigned c = fz_u8(&in), w = fz_u8(&in), how = fz_u8(&in);
	unsigned impl = fz_pick_other_impl(fz_u8(&in));
	unsigned flags = fz_enc_flags(c);       /* URL, NO_PAD, CRLF */
	size_t wrap = w ? w : 76;
	uint64_t seed = fz_u32(&in);
	const uint8_t *t = in.p;
	uint8_t *made = NULL;
	size_t tl = in.n;
	struct fz_rng rng;

	rng.s = seed ^ UINT64_C(0x5eed);
	if (how & 3) {
		made = synth(in.p, in.n, flags, (how & 3) == 1 ? 0 : wrap,
		    (how >> 2) & 15, &rng, &tl);
		t = made;
	}
	compare_decode(t, tl, flags | modes[(c >> 2) & 7], impl, seed);
	free(made);
	compare_encode(in.p, in.n, flags, (c & 64) ? 0 : wrap, impl, seed);
	return 0;
}
