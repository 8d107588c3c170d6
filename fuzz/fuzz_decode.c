/*
 * fuzz_decode.c - the decoder never crashes and its answer makes sense.
 *
 * Input: byte 0 picks the flags (fz_dec_flags: alphabet, NO_PAD, GNU /
 * strict / lenient, SKIP_GARBAGE where allowed, CRLF; bit 6 asks instead
 * for a combination init must refuse), byte 1 the implementation among
 * the available ones, bytes 2-5 a seed for the split points; the rest is
 * decoded.
 *
 * Checked: a known status; at most b64_decoded_max(n) bytes; an error's
 * offset within the input, its line and column agreeing with the line
 * feeds before it, its byte and kind plausible for the mode; accepted
 * input made only of bytes the mode allows; errors latch; b64_decode(),
 * a random streaming split and the decoder's table walked one byte per
 * call (where no fast path can run) give the same answer as one update
 * call.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

/* Flags init must refuse, from control byte C. */
static unsigned
refused_flags(unsigned c)
{
	switch (c & 3) {
	case 0:
		return B64_STRICT | B64_LENIENT;
	case 1:
		return B64_STRICT | B64_SKIP_GARBAGE;
	case 2:
		return B64_STRICT | B64_LENIENT | B64_SKIP_GARBAGE;
	default:
		return B64_IMPL_MASK; /* no such implementation */
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned c = fz_u8(&in), flags;
	struct fz_rng rng;
	struct fz_dec one, split, walk;
	uint64_t api_off = 0;
	size_t api_len = 99;
	unsigned char *api_out;
	enum b64_status api_st;

	flags = fz_dec_flags(c) | fz_pick_impl(fz_u8(&in));
	if (c & 64)
		flags = refused_flags(c) | (flags & B64_ALPHA_URL);
	rng.s = fz_u32(&in);
	fz_note("decode %zu bytes, %s", in.n, fz_flags_str(flags));

	fz_decode_oneshot(in.p, in.n, flags, &one);

	/* The one-shot wrapper: same status, bytes and offset. */
	api_out = fz_alloc(b64_decoded_max(in.n));
	api_st = b64_decode(in.p, in.n, api_out, b64_decoded_max(in.n),
	    &api_len, &api_off, flags);
	FZ_CHECKF(api_st == one.st && api_len == one.len,
	    "b64_decode: status %d, %zu bytes; decoder: %d, %zu", (int)api_st,
	    api_len, (int)one.st, one.len);
	FZ_CHECK(api_len == 0 || memcmp(api_out, one.out, api_len) == 0);
	if (B64_IS_ERROR(one.st) && one.st != B64_ERR_UNSUPPORTED)
		FZ_CHECKF(api_off == one.off, "b64_decode: offset %llu, not %llu",
		    (unsigned long long)api_off, (unsigned long long)one.off);
	free(api_out);

	/* A stream reader's view. */
	fz_decode_split(in.p, in.n, flags, &rng, &split);
	fz_same_dec(&one, &split, "one-shot vs split");

	/* The table, one step at a time. */
	fz_decode_bytewise(in.p, in.n, flags, &walk);
	fz_same_dec(&one, &walk, "one-shot vs byte by byte");

	fz_dec_free(&one);
	fz_dec_free(&split);
	fz_dec_free(&walk);
	return 0;
}
