/*
 * fuzz_offlen.c - no read or write outside the caller's buffers, at any
 * offset and length, even without a sanitizer; and the length helpers.
 *
 * Buffers are placed flush against PROT_NONE guard pages (mmap, then
 * mprotect on the page after and the page before the usable span): an
 * input or output window either ends where the guard after it begins
 * (a read or write one byte too far faults) or starts where the guard
 * before it ends (one byte too early faults).  Output windows are exactly
 * as large as the result: b64_encoded_len() for the encoder, and for the
 * decoder the length a first run found.
 *
 * Input: byte 0 decoder flags (fz_dec_flags), byte 1 implementation,
 * byte 2 encoder flags (bit 0 URL, 1 NO_PAD, 5 CRLF), byte 3 line width,
 * byte 4 source (bit 0: decode the data itself or its encoding), bytes
 * 5-6 offset, 7-8 length, 9-10 split point, 11 output shortfall, then 24
 * bytes for the length helpers; the rest is the data, of which
 * [offset, offset + length) is used.
 *
 * Checked, for every placement of input and output: the decoder (one
 * update, or two chunks each moved flush against a guard, then final)
 * gives the first run's status, bytes and error position; with less room
 * it stops with B64_NEED_OUTPUT after filling the room exactly and then
 * resumes; b64_encode() fills an exact buffer and refuses a shorter one;
 * update and final complete within b64_encode_bound().  The helpers agree
 * with exact 128-bit arithmetic: b64_encoded_len() is the length (or
 * SIZE_MAX when that does not fit), b64_encode_bound() is at least that,
 * b64_decoded_max(n) is floor(3n / 4).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_common.h"

/* A usable span [lo, lo + len) between two inaccessible pages. */
struct guarded {
	unsigned char *lo;
	size_t len;
};

static size_t
page_size(void)
{
	static size_t pg;

	if (pg == 0) {
		long v = sysconf(_SC_PAGESIZE);

		pg = v > 0 ? (size_t)v : 4096;
	}
	return pg;
}

/* Make G hold at least NEED bytes (kept between runs, grown on demand). */
static void
reserve(struct guarded *g, size_t need)
{
	size_t pg = page_size(), len;
	unsigned char *base;

	if (g->lo != NULL && g->len >= need)
		return;
	if (g->lo != NULL)
		munmap(g->lo - pg, g->len + 2 * pg);
	len = need ? (need + pg - 1) / pg * pg : pg;
	base = mmap(NULL, len + 2 * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	FZ_CHECKF(base != MAP_FAILED, "mmap of %zu bytes failed", len);
	FZ_CHECK(mprotect(base, pg, PROT_NONE) == 0);
	FZ_CHECK(mprotect(base + pg + len, pg, PROT_NONE) == 0);
	g->lo = base + pg;
	g->len = len;
}

enum { AFTER, BEFORE }; /* which guard a window touches */

/* A window of SIZE bytes in G, flush against the guard AT. */
static unsigned char *
window(struct guarded *g, size_t size, int at)
{
	reserve(g, size);
	return at == BEFORE ? g->lo : g->lo + g->len - size;
}

/* Copy N bytes into a window flush against the guard AT. */
static const unsigned char *
place(struct guarded *g, const void *src, size_t n, int at)
{
	unsigned char *p = window(g, n, at);

	if (n)
		memcpy(p, src, n);
	return p;
}

static struct guarded gin, gout;

/*
 * Decode S[0..N) with FLAGS: the first chunk S[0..SPLIT) and then the
 * rest, each copied flush against the input guard AT_IN just before its
 * update call; the output goes to a window of exactly REF->len bytes
 * flush against the output guard AT_OUT.  Must match REF.
 */
static void
decode_placed(const uint8_t *s, size_t n, size_t split, unsigned flags,
    int at_in, int at_out, const struct fz_dec *ref)
{
	struct b64_decoder d;
	struct fz_dec r;
	unsigned char *out = window(&gout, ref->len, at_out);
	size_t cut[2], used, len, o = 0;
	enum b64_status st;

	fz_note("decode [%zu | %zu] %s, input %s, output %s", split,
	    n - split, fz_flags_str(flags), at_in == AFTER ? "end" : "start",
	    at_out == AFTER ? "end" : "start");
	memset(&r, 0, sizeof(r));
	cut[0] = split;
	cut[1] = n - split;
	st = b64_decoder_init(&d, flags);
	FZ_CHECK(st == B64_OK);
	for (int k = 0; k < 2 && st == B64_OK; k++) {
		const unsigned char *p = place(&gin, s + (k ? split : 0),
		    cut[k], at_in);

		/* Keep the output window flush as well: pass all its room. */
		st = b64_decode_update(&d, p, cut[k], &used, out + o,
		    ref->len - o, &len);
		FZ_CHECK(used <= cut[k] && len <= ref->len - o);
		o += len;
		FZ_CHECKF(st != B64_NEED_OUTPUT,
		    "B64_NEED_OUTPUT with room for the whole result");
		if (st == B64_OK)
			FZ_CHECK(used == cut[k]);
	}
	if (st == B64_OK)
		st = b64_decode_final(&d);
	r.st = st;
	r.out = out;
	r.len = o;
	if (B64_IS_ERROR(st))
		fz_dec_take_error(&r, &d, st);
	fz_same_dec(ref, &r, "guarded vs first run");
}

/*
 * Decode S[0..N) (flush against the end guard) into room one byte or more
 * short of REF->len: B64_NEED_OUTPUT with the room full; then the rest
 * into an exact window must complete it.
 */
static void
decode_short(const uint8_t *s, size_t n, unsigned flags, unsigned shortfall,
    const struct fz_dec *ref)
{
	struct b64_decoder d;
	struct fz_dec r;
	unsigned char *first, *all = fz_alloc(ref->len);
	const unsigned char *p = place(&gin, s, n, AFTER);
	size_t cap = ref->len - 1 - shortfall % ref->len, used, len, used2;
	enum b64_status st;

	fz_note("decode %zu bytes into %zu of %zu, %s", n, cap, ref->len,
	    fz_flags_str(flags));
	memset(&r, 0, sizeof(r));
	FZ_CHECK(b64_decoder_init(&d, flags) == B64_OK);
	first = window(&gout, cap, AFTER);
	st = b64_decode_update(&d, p, n, &used, first, cap, &len);
	FZ_CHECKF(st == B64_NEED_OUTPUT && len == cap && used < n,
	    "status %d, %zu of %zu bytes, %zu of %zu used", (int)st, len,
	    cap, used, n);
	memcpy(all, first, len);
	first = window(&gout, ref->len - len, AFTER);
	st = b64_decode_update(&d, p + used, n - used, &used2, first,
	    ref->len - len, &r.len);
	FZ_CHECK(st != B64_NEED_OUTPUT && used2 <= n - used);
	memcpy(all + len, first, r.len);
	r.len += len;
	if (st == B64_OK)
		st = b64_decode_final(&d);
	r.st = st;
	r.out = all;
	if (B64_IS_ERROR(st))
		fz_dec_take_error(&r, &d, st);
	fz_same_dec(ref, &r, "short room then the rest vs first run");
	free(all);
}

static void
check_decode(const uint8_t *s, size_t n, size_t split, unsigned flags,
    unsigned shortfall)
{
	struct fz_dec ref;

	fz_note("decode %zu bytes, %s", n, fz_flags_str(flags));
	fz_decode_oneshot(s, n, flags, &ref);
	if (ref.st != B64_ERR_UNSUPPORTED) {
		for (int at_in = AFTER; at_in <= BEFORE; at_in++)
			for (int at_out = AFTER; at_out <= BEFORE; at_out++)
				decode_placed(s, n, split, flags, at_in,
				    at_out, &ref);
		if (ref.len > 0)
			decode_short(s, n, flags, shortfall, &ref);
	}
	fz_dec_free(&ref);
}

static void
check_encode(const uint8_t *x, size_t n, size_t split, unsigned flags,
    size_t wrap, unsigned shortfall)
{
	struct fz_enc ref;
	struct b64_encoder e;
	size_t need = b64_encoded_len(n, flags, wrap), len, used, a, b;
	enum b64_status st;

	fz_note("encode %zu bytes, %s, wrap %zu", n, fz_flags_str(flags),
	    wrap);
	fz_encode_oneshot(x, n, flags, wrap, &ref);
	for (int at_in = AFTER; at_in <= BEFORE; at_in++) {
		for (int at_out = AFTER; at_out <= BEFORE; at_out++) {
			const unsigned char *p = place(&gin, x, n, at_in);
			char *out = (char *)window(&gout, need, at_out);

			st = b64_encode(p, n, out, need, &len, flags, wrap);
			FZ_CHECK(st == B64_OK && len == need);
			FZ_CHECK(need == 0 || memcmp(out, ref.out, need) == 0);
		}
	}
	if (need > 0) {
		size_t cap = need - 1 - shortfall % need;
		const unsigned char *p = place(&gin, x, n, AFTER);
		char *out = (char *)window(&gout, cap, AFTER);

		st = b64_encode(p, n, out, cap, &len, flags, wrap);
		FZ_CHECKF(st == B64_NEED_OUTPUT && len <= cap,
		    "b64_encode into %zu of %zu bytes: status %d, %zu written",
		    cap, need, (int)st, len);
		FZ_CHECK(len == 0 || memcmp(out, ref.out, len) == 0);
	}

	/*
	 * The first SPLIT bytes, then the rest with exactly
	 * b64_encode_bound(rest) of room for update and final together.
	 */
	FZ_CHECK(b64_encoder_init(&e, flags, wrap) == B64_OK);
	{
		size_t b1 = b64_encode_bound(split, flags, wrap);
		size_t b2 = b64_encode_bound(n - split, flags, wrap);
		const unsigned char *p = place(&gin, x, split, AFTER);
		char *out = (char *)window(&gout, b1, AFTER);
		char *all = fz_alloc(need);

		st = b64_encode_update(&e, p, split, &used, out, b1, &a);
		FZ_CHECK(st == B64_OK && used == split && a <= need);
		memcpy(all, out, a);
		p = place(&gin, x + split, n - split, AFTER);
		out = (char *)window(&gout, b2, AFTER);
		st = b64_encode_update(&e, p, n - split, &used, out, b2, &len);
		FZ_CHECKF(st == B64_OK && used == n - split,
		    "update of %zu with b64_encode_bound room %zu: status %d",
		    n - split, b2, (int)st);
		st = b64_encode_final(&e, out + len, b2 - len, &b);
		FZ_CHECKF(st == B64_OK,
		    "final after update: %zu + final > b64_encode_bound %zu",
		    len, b2);
		FZ_CHECK(a + len + b == need);
		memcpy(all + a, out, len + b);
		FZ_CHECK(need == 0 || memcmp(all, ref.out, need) == 0);
		free(all);
	}
	fz_enc_free(&ref);
}

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;

/* A size from 8 control bytes: small, near SIZE_MAX, or anything. */
static size_t
any_size(struct fz_in *in)
{
	uint64_t v = fz_u32(in);

	v |= (uint64_t)fz_u32(in) << 32;
	switch (v & 3) {
	case 0:
		return (size_t)(v >> 2 & 0xffff);
	case 1:
		return SIZE_MAX - (size_t)(v >> 2 & 0xffff);
	case 2:
		return SIZE_MAX / (4 + (size_t)(v >> 2 & 7)) +
		    (size_t)(v >> 8 & 0xff) - 128;
	default:
		return (size_t)(v >> 2);
	}
}

static void
check_helpers(struct fz_in *in)
{
	size_t n = any_size(in), wrap = any_size(in);
	unsigned f = fz_enc_flags(fz_u8(in));
	u128 chars, total, want;
	size_t got;

	fz_note("length helpers: n %zu, wrap %zu, %s", n, wrap,
	    fz_flags_str(f));
	chars = (u128)(n / 3) * 4;
	if (n % 3)
		chars += (f & B64_NO_PAD) ? n % 3 + 1 : 4;
	total = chars;
	if (wrap)
		total += (chars + wrap - 1) / wrap * ((f & B64_CRLF) ? 2 : 1);
	want = total > SIZE_MAX ? SIZE_MAX : total;
	got = b64_encoded_len(n, f, wrap);
	FZ_CHECKF(got == (size_t)want, "b64_encoded_len: %zu", got);
	FZ_CHECKF(b64_encode_bound(n, f, wrap) >= got,
	    "b64_encode_bound < b64_encoded_len");
	FZ_CHECKF(b64_decoded_max(n) == (size_t)((u128)n * 3 / 4),
	    "b64_decoded_max: %zu", b64_decoded_max(n));
}
#else
static void
check_helpers(struct fz_in *in)
{
	(void)in;
}
#endif

/* [*OFF, *OFF + *LEN) and *SPLIT clamped to a text of N bytes. */
static void
clamp(size_t n, size_t *off, size_t *len, size_t *split)
{
	*off = *off % (n + 1);
	if (*len > n - *off)
		*len = n - *off;
	*split = *split % (*len + 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned dflags = fz_dec_flags(fz_u8(&in)), eflags, impl, src;
	unsigned shortfall;
	size_t wrap, off0, len0, split0, off, len, split;
	char *enc;

	impl = fz_pick_impl(fz_u8(&in));
	dflags |= impl;
	eflags = fz_enc_flags(fz_u8(&in)) | impl;
	wrap = fz_u8(&in);
	src = fz_u8(&in);
	off0 = fz_u16(&in);
	len0 = fz_u16(&in);
	split0 = fz_u16(&in);
	shortfall = fz_u8(&in);
	{
		struct fz_in h = in;

		h.n = h.n < 24 ? h.n : 24;
		in.p += h.n;
		in.n -= h.n;
		check_helpers(&h);
	}

	off = off0;
	len = len0;
	split = split0;
	clamp(in.n, &off, &len, &split);
	check_encode(in.p + off, len, split, eflags, wrap, shortfall);

	if (!(src & 1)) {
		check_decode(in.p + off, len, split, dflags, shortfall);
		return 0;
	}
	/* Decode the data's encoding instead: long valid runs that reach
	 * the end of the window. */
	enc = fz_alloc(fz_ref_encode_max(in.n));
	len = fz_ref_encode(in.p, in.n, (dflags & B64_ALPHA_URL) |
	    (eflags & (B64_NO_PAD | B64_CRLF)), wrap, enc);
	off = off0;
	split = split0;
	clamp(len, &off, &len0, &split);
	check_decode((const uint8_t *)enc + off, len0, split, dflags,
	    shortfall);
	free(enc);
	return 0;
}
