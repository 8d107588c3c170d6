/*
 * fuzz_roundtrip.c - encoding and decoding undo each other, and the three
 * decoding modes agree where their languages overlap.
 *
 * Input: byte 0 the flags for all three parts (bit 0 URL, bit 1 NO_PAD,
 * bit 5 CRLF) and in bits 6-7 the implementation for all (0: scalar; else
 * one of the available ones), byte 1 the line width of part 1 (0: no line
 * breaks); the rest is the data X.  (fuzz_impls checks that the other
 * implementations give the scalar answers.)  One input is one encoder
 * setting; over a campaign the fuzzer tries every alphabet, padding, line
 * end and width.
 *
 * 1. With those flags and that width: encode(X) is what a naive reference
 *    encoder writes, and the strict decoder with the matching flags, the
 *    GNU decoder (with and without NO_PAD, with CRLF when the lines end
 *    so, or skipping garbage) and the lenient one (also skipping garbage)
 *    all give X back.  A strict decoder with the other padding, line end
 *    or alphabet refuses it at the first byte that gives the mismatch
 *    away.
 * 2. X taken as text S: if strict mode accepts S, then encoding the result
 *    (no wrap) gives S without its line breaks, and the GNU and lenient
 *    decoders accept S with the same bytes; without '=' in S, strict
 *    NO_PAD does too.
 * 3. If the GNU decoder accepts S, so do GNU skipping garbage and the
 *    lenient decoder, with the same bytes; what lenient accepts, lenient
 *    skipping garbage accepts alike.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

/* Decode IN with FLAGS; it must succeed with exactly WANT. */
static void
must_decode_to(const void *in, size_t n, unsigned flags, const uint8_t *want,
    size_t wlen, const char *what)
{
	struct fz_dec r;

	fz_decode_oneshot(in, n, flags, &r);
	FZ_CHECKF(r.st == B64_OK, "%s: %s refused it: status %d at %llu",
	    what, fz_flags_str(flags), (int)r.st, (unsigned long long)r.off);
	FZ_CHECKF(r.len == wlen && (wlen == 0 ||
	    memcmp(r.out, want, wlen) == 0),
	    "%s: %s gave %zu other bytes, want %zu", what,
	    fz_flags_str(flags), r.len, wlen);
	fz_dec_free(&r);
}

/* Decode IN with FLAGS; it must fail with ST at offset OFF. */
static void
must_fail(const void *in, size_t n, unsigned flags, enum b64_status st,
    size_t off, const char *what)
{
	struct fz_dec r;

	fz_decode_oneshot(in, n, flags, &r);
	FZ_CHECKF(r.st == st && r.off == off,
	    "%s: %s: status %d at %llu, want %d at %zu", what,
	    fz_flags_str(flags), (int)r.st, (unsigned long long)r.off,
	    (int)st, off);
	fz_dec_free(&r);
}

/* Index of the first byte of S[0..N) in SET, or N. */
static size_t
first_of(const char *s, size_t n, const char *set)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (s[k] != '\0' && strchr(set, s[k]) != NULL)
			break;
	return k;
}

/* Part 1: X through the encoder and back, FLAGS and WRAP. */
static void
roundtrip(const uint8_t *x, size_t n, unsigned flags, size_t wrap)
{
	unsigned alpha = (flags & B64_ALPHA_URL) | (flags & B64_IMPL_MASK);
	unsigned lines = wrap ? flags & B64_CRLF : 0;
	struct fz_enc e;
	char *ref = fz_alloc(fz_ref_encode_max(n));
	size_t rlen = fz_ref_encode(x, n, flags, wrap, ref), k;

	fz_note("roundtrip %zu bytes, encode %s wrap %zu", n,
	    fz_flags_str(flags), wrap);
	fz_encode_oneshot(x, n, flags, wrap, &e);
	FZ_CHECKF(e.len == rlen && (rlen == 0 ||
	    memcmp(e.out, ref, rlen) == 0),
	    "encoder and reference differ (%zu vs %zu bytes)", e.len, rlen);
	free(ref);

	must_decode_to(e.out, e.len, B64_STRICT | flags, x, n, "strict");
	must_decode_to(e.out, e.len, alpha | lines, x, n, "gnu");
	must_decode_to(e.out, e.len, alpha | lines | B64_NO_PAD, x, n, "gnu");
	must_decode_to(e.out, e.len, alpha | B64_SKIP_GARBAGE, x, n, "gnu -i");
	must_decode_to(e.out, e.len, alpha | B64_LENIENT, x, n, "lenient");
	must_decode_to(e.out, e.len, alpha | B64_LENIENT | B64_SKIP_GARBAGE |
	    B64_NO_PAD | B64_CRLF, x, n, "lenient -i");

	/* Strict with the other padding rule. */
	if (n % 3 != 0 && !(flags & B64_NO_PAD)) {
		must_fail(e.out, e.len, B64_STRICT | flags | B64_NO_PAD,
		    B64_ERR_PAD_NOT_ALLOWED, first_of(e.out, e.len, "="),
		    "padded, strict nopad");
	} else if (n % 3 != 0) {
		/* Padding missing right after the last character. */
		for (k = e.len; k > 0; k--)
			if (e.out[k - 1] != '\r' && e.out[k - 1] != '\n')
				break;
		must_fail(e.out, e.len, B64_STRICT | (flags & ~B64_NO_PAD),
		    B64_ERR_MISSING_PAD, k, "unpadded, strict");
	}
	/* Strict with the other line end. */
	k = first_of(e.out, e.len, "\r\n");
	if (k < e.len)
		must_fail(e.out, e.len, B64_STRICT | (flags ^ B64_CRLF),
		    B64_ERR_BAD_CHAR, k, "line ends, strict");
	/* Strict with the other alphabet. */
	k = first_of(e.out, e.len, (flags & B64_ALPHA_URL) ? "-_" : "+/");
	if (k < e.len)
		must_fail(e.out, e.len, B64_STRICT | (flags ^ B64_ALPHA_URL),
		    B64_ERR_BAD_CHAR, k, "alphabet, strict");
	fz_enc_free(&e);
}

/* Part 2: S accepted by strict mode with FLAGS. */
static void
strict_accepted(const uint8_t *s, size_t n, unsigned flags,
    const struct fz_dec *d)
{
	unsigned alpha = flags & (B64_ALPHA_URL | B64_IMPL_MASK);
	struct fz_enc e;
	char *bare = fz_alloc(n);
	size_t blen = 0, k;

	for (k = 0; k < n; k++)
		if (s[k] != '\r' && s[k] != '\n')
			bare[blen++] = (char)s[k];
	fz_encode_oneshot(d->out, d->len, flags & (B64_ALPHA_URL | B64_NO_PAD |
	    B64_IMPL_MASK), 0, &e);
	FZ_CHECKF(e.len == blen && (blen == 0 ||
	    memcmp(e.out, bare, blen) == 0),
	    "encode(strict decode(s)) is not s without line breaks");
	fz_enc_free(&e);
	free(bare);

	must_decode_to(s, n, flags & ~B64_STRICT, d->out, d->len, "gnu");
	must_decode_to(s, n, (flags & ~B64_STRICT) ^ B64_NO_PAD, d->out,
	    d->len, "gnu");
	must_decode_to(s, n, alpha | B64_SKIP_GARBAGE, d->out, d->len,
	    "gnu -i");
	must_decode_to(s, n, alpha | B64_LENIENT, d->out, d->len, "lenient");
	if (memchr(s, '=', n) == NULL && !(flags & B64_NO_PAD))
		must_decode_to(s, n, flags | B64_NO_PAD, d->out, d->len,
		    "strict nopad");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned c = fz_u8(&in), wrap = fz_u8(&in), sflags, impl, alpha;
	struct fz_dec d, g, l;

	impl = c >> 6 ? fz_pick_impl(c >> 6) : B64_IMPL_SCALAR;
	alpha = (c & 1 ? B64_ALPHA_URL : 0) | impl;

	/* 1. */
	roundtrip(in.p, in.n, fz_enc_flags(c) | impl, wrap);

	/* 2. */
	sflags = B64_STRICT | fz_enc_flags(c) | impl;
	fz_note("strict-accepted %zu bytes, %s", in.n, fz_flags_str(sflags));
	fz_decode_oneshot(in.p, in.n, sflags, &d);
	if (d.st == B64_OK)
		strict_accepted(in.p, in.n, sflags, &d);
	fz_dec_free(&d);

	/* 3. */
	fz_note("gnu-accepted %zu bytes, %s", in.n,
	    fz_flags_str(fz_enc_flags(c) | impl));
	fz_decode_oneshot(in.p, in.n, fz_enc_flags(c) | impl, &g);
	if (g.st == B64_OK) {
		must_decode_to(in.p, in.n, fz_enc_flags(c) | impl |
		    B64_SKIP_GARBAGE, g.out, g.len, "gnu -i");
		must_decode_to(in.p, in.n, alpha | B64_LENIENT, g.out, g.len,
		    "lenient");
	}
	fz_dec_free(&g);
	fz_note("lenient-accepted %zu bytes", in.n);
	fz_decode_oneshot(in.p, in.n, alpha | B64_LENIENT, &l);
	if (l.st == B64_OK)
		must_decode_to(in.p, in.n, alpha | B64_LENIENT |
		    B64_SKIP_GARBAGE, l.out, l.len, "lenient -i");
	fz_dec_free(&l);
	return 0;
}
