/*
 * fuzz_impls.c - every implementation gives the scalar one's answers: the
 * gate for the SIMD loops.
 *
 * Input: byte 0 flags (bit 1 NO_PAD, bit 5 CRLF), byte 1 the line width
 * (0 means 76), byte 2 how the text to decode is made (bits 0-1: 0 = the
 * data as it is, else the data encoded and then bits 2-5 edits: a byte
 * replaced, inserted or deleted, chosen by the PRNG among bytes that
 * matter to a decoder), bytes 3-6 a seed; the rest is the data.  Encoded
 * text gives the bulk loops long valid runs, the edits stop them at every
 * place.
 *
 * Every implementation of the registry (b64_impl_at) that
 * b64_impl_available() reports (and B64_IMPL_AUTO)
 * is compared with B64_IMPL_SCALAR, byte for byte, status, error offset,
 * line, column and byte: decoding in every mode (GNU, GNU -i, strict,
 * lenient, lenient -i) with both alphabets, one-shot and with the same
 * random split; encoding with both alphabets, with and without padding,
 * with no wrap and with the width, one-shot and split.
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

static void
compare_decode(const uint8_t *t, size_t n, unsigned flags, uint64_t seed)
{
	unsigned ids[FZ_MAX_IMPLS];
	size_t nimpl = fz_impls(ids);
	struct fz_dec ref, got;
	struct fz_rng rng;

	fz_note("decode %zu bytes, %s", n,
	    fz_flags_str(flags | B64_IMPL_SCALAR));
	fz_decode_oneshot(t, n, flags | B64_IMPL_SCALAR, &ref);
	for (size_t k = 0; k < nimpl; k++) {
		unsigned f = flags | ids[k];

		fz_note("decode %zu bytes, %s", n, fz_flags_str(f));
		if (ids[k] != B64_IMPL_SCALAR) {
			fz_decode_oneshot(t, n, f, &got);
			fz_same_dec(&ref, &got, "one-shot: impl vs scalar");
			fz_dec_free(&got);
		}
		rng.s = seed;
		fz_decode_split(t, n, f, &rng, &got);
		fz_same_dec(&ref, &got, "split: impl vs scalar one-shot");
		fz_dec_free(&got);
	}
	fz_dec_free(&ref);
}

static void
compare_encode(const uint8_t *x, size_t n, unsigned flags, size_t wrap,
    uint64_t seed)
{
	unsigned ids[FZ_MAX_IMPLS];
	size_t nimpl = fz_impls(ids);
	struct fz_enc ref, got;
	struct fz_rng rng;

	fz_note("encode %zu bytes, %s, wrap %zu", n,
	    fz_flags_str(flags | B64_IMPL_SCALAR), wrap);
	fz_encode_oneshot(x, n, flags | B64_IMPL_SCALAR, wrap, &ref);
	for (size_t k = 0; k < nimpl; k++) {
		unsigned f = flags | ids[k];

		fz_note("encode %zu bytes, %s, wrap %zu", n, fz_flags_str(f),
		    wrap);
		if (ids[k] != B64_IMPL_SCALAR) {
			fz_encode_oneshot(x, n, f, wrap, &got);
			fz_same_enc(&ref, &got, "one-shot: impl vs scalar");
			fz_enc_free(&got);
		}
		rng.s = seed;
		fz_encode_split(x, n, f, wrap, &rng, &got);
		fz_same_enc(&ref, &got, "split: impl vs scalar one-shot");
		fz_enc_free(&got);
	}
	fz_enc_free(&ref);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned modes[] = {
		0, B64_SKIP_GARBAGE, B64_STRICT, B64_LENIENT,
		B64_LENIENT | B64_SKIP_GARBAGE,
	};
	struct fz_in in = { data, size };
	unsigned c = fz_u8(&in), w = fz_u8(&in), how = fz_u8(&in);
	unsigned common = c & (B64_NO_PAD | B64_CRLF);
	size_t wrap = w ? w : 76;
	uint64_t seed = fz_u32(&in);
	struct fz_rng rng;

	rng.s = seed ^ UINT64_C(0x5eed);
	for (unsigned alpha = 0; alpha <= B64_ALPHA_URL; alpha += B64_ALPHA_URL) {
		const uint8_t *t = in.p;
		uint8_t *made = NULL;
		size_t tl = in.n;

		if (how & 3) {
			made = synth(in.p, in.n, alpha | common,
			    (how & 3) == 1 ? 0 : wrap, (how >> 2) & 15, &rng,
			    &tl);
			t = made;
		}
		for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++)
			compare_decode(t, tl, alpha | common | modes[m], seed);
		free(made);
	}
	for (unsigned f = 0; f < 4; f++) {
		unsigned flags = (f & 1 ? B64_ALPHA_URL : 0) |
		    (f & 2 ? B64_NO_PAD : 0) | (c & B64_CRLF);

		compare_encode(in.p, in.n, flags, 0, seed);
		compare_encode(in.p, in.n, flags, wrap, seed);
	}
	return 0;
}
