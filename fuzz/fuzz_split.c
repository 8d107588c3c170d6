/*
 * fuzz_split.c - streaming gives the one-shot answer, however the input is
 * cut and however little output room each call gets.
 *
 * Input: byte 0 the decoder flags (fz_dec_flags), byte 1 the
 * implementation, byte 2 the encoder flags (bit 0 URL, 1 NO_PAD, 5 CRLF),
 * byte 3 the line width (0: none), bytes 4-7 a seed; the rest is both the
 * text to decode and the data to encode.
 *
 * Decoder: two random splits into chunks (empty ones too), with random
 * output room forcing B64_NEED_OUTPUT, give the bytes, status, error
 * offset, line, column and byte of one update call; each call keeps its
 * promises (fz_decode_split).  Encoder: the same against b64_encode(),
 * with final also called with too little room (fz_encode_split).
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

#define SPLITS 2

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned dflags = fz_dec_flags(fz_u8(&in));
	unsigned impl = fz_pick_impl(fz_u8(&in));
	unsigned eflags = fz_enc_flags(fz_u8(&in)) | impl;
	size_t wrap = fz_u8(&in);
	struct fz_rng rng;
	struct fz_dec one, split;
	struct fz_enc eone, esplit;

	dflags |= impl;
	rng.s = fz_u32(&in);

	fz_note("split decode %zu bytes, %s", in.n, fz_flags_str(dflags));
	fz_decode_oneshot(in.p, in.n, dflags, &one);
	for (int k = 0; k < SPLITS; k++) {
		fz_decode_split(in.p, in.n, dflags, &rng, &split);
		fz_same_dec(&one, &split, "decode: one-shot vs split");
		fz_dec_free(&split);
	}
	fz_dec_free(&one);

	fz_note("split encode %zu bytes, %s, wrap %zu", in.n,
	    fz_flags_str(eflags), wrap);
	fz_encode_oneshot(in.p, in.n, eflags, wrap, &eone);
	for (int k = 0; k < SPLITS; k++) {
		fz_encode_split(in.p, in.n, eflags, wrap, &rng, &esplit);
		fz_same_enc(&eone, &esplit, "encode: one-shot vs split");
		fz_enc_free(&esplit);
	}
	fz_enc_free(&eone);
	return 0;
}
