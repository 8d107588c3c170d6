/*
 * fuzz_check.c - the code of fuzz_common.h: the harnesses' input readers,
 * PRNG, implementation list and checked runs of the codec.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "fuzz_common.h"
#include "testutil.h"

/* What the harness is doing, printed with a failure (fz_note). */
static char context[512];

char *
fz_context(void)
{
	return context;
}

void
fz_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(context, sizeof(context), fmt, ap);
	va_end(ap);
}

void
fz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: check failed: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n  while: %s\n", fz_context());
	fflush(stderr);
	abort();
}

void *
fz_alloc(size_t n)
{
	void *p;

	if (n > PTRDIFF_MAX) {
		fprintf(stderr, "fuzz: %zu bytes is no object size\n", n);
		abort();
	}
	p = malloc(n);
	if (p == NULL && n == 0)
		p = malloc(1);
	if (p == NULL) {
		fprintf(stderr, "fuzz: out of memory (%zu bytes)\n", n);
		abort();
	}
	return p;
}

unsigned
fz_u8(struct fz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

unsigned
fz_u16(struct fz_in *in)
{
	unsigned lo = fz_u8(in);

	return lo | fz_u8(in) << 8;
}

uint32_t
fz_u32(struct fz_in *in)
{
	uint32_t lo = fz_u16(in);

	return lo | (uint32_t)fz_u16(in) << 16;
}

uint64_t
fz_next(struct fz_rng *r)
{
	return splitmix64(&r->s);
}

size_t
fz_below(struct fz_rng *r, size_t n)
{
	return n ? (size_t)(fz_next(r) % n) : 0;
}

size_t
fz_size(struct fz_rng *r, size_t max)
{
	size_t k = fz_below(r, 16), v;

	if (k == 0 || max == 0)
		v = 0;
	else if (k < 7)
		v = 1 + fz_below(r, 8);
	else if (k < 11)
		v = 1 + fz_below(r, 64);
	else if (k < 14)
		v = fz_below(r, max + 1);
	else
		v = max;
	return v < max ? v : max;
}

/* ---- Implementations ------------------------------------------------ */

size_t
fz_impls(unsigned ids[FZ_MAX_IMPLS])
{
	static unsigned cache[FZ_MAX_IMPLS];
	static size_t ncache;

	if (ncache == 0) {
		struct impl reg[FZ_MAX_IMPLS + 1];
		size_t nreg = impl_registry(reg, FZ_MAX_IMPLS + 1);
		unsigned id;

		/* The whole registry (its last entry is B64_IMPL_AUTO). */
		FZ_CHECK(b64_impl_at(nreg - 1, &id) == NULL);
		for (size_t k = 0; k + 1 < nreg; k++) {
			struct b64_decoder d;
			struct b64_encoder e;

			id = reg[k].id;
			FZ_CHECK(ncache + 1 < FZ_MAX_IMPLS);
			if (b64_impl_available(id)) {
				FZ_CHECK(b64_impl_name(id) != NULL);
				cache[ncache++] = id;
				continue;
			}
			FZ_CHECK(id != B64_IMPL_SCALAR);
			FZ_CHECK(b64_impl_name(id) == NULL);
			FZ_CHECK(b64_decoder_init(&d, id) ==
			    B64_ERR_UNSUPPORTED);
			FZ_CHECK(b64_encoder_init(&e, id, 0) ==
			    B64_ERR_UNSUPPORTED);
		}
		FZ_CHECK(b64_impl_name(B64_IMPL_AUTO) != NULL);
		cache[ncache++] = B64_IMPL_AUTO;
	}
	memcpy(ids, cache, ncache * sizeof(ids[0]));
	return ncache;
}

/*
 * Whether implementation ID (a B64_IMPL_* value) is available, from the
 * list fz_impls() made (asking the library each time runs CPUID each time).
 */
static int
fz_impl_ok(unsigned id)
{
	unsigned ids[FZ_MAX_IMPLS];
	size_t n = fz_impls(ids);

	for (size_t k = 0; k < n; k++)
		if (ids[k] == id)
			return 1;
	return 0;
}

unsigned
fz_pick_impl(unsigned k)
{
	unsigned ids[FZ_MAX_IMPLS];
	size_t n = fz_impls(ids);

	return ids[k % n];
}

unsigned
fz_pick_other_impl(unsigned k)
{
	unsigned ids[FZ_MAX_IMPLS];
	size_t n = fz_impls(ids);

	FZ_CHECK(n >= 2 && ids[0] == B64_IMPL_SCALAR);
	return ids[1 + k % (n - 1)];
}

/* ---- Flags ---------------------------------------------------------- */

unsigned
fz_dec_flags(unsigned c)
{
	static const unsigned modes[] = {
		0, B64_STRICT, B64_LENIENT, B64_LENIENT,
	};
	unsigned f = modes[(c >> 2) & 3];

	if (c & 1)
		f |= B64_ALPHA_URL;
	if (c & 2)
		f |= B64_NO_PAD;
	if ((c & 16) && !(f & B64_STRICT))
		f |= B64_SKIP_GARBAGE;
	if (c & 32)
		f |= B64_CRLF;
	return f;
}

unsigned
fz_enc_flags(unsigned c)
{
	unsigned f = 0;

	if (c & 1)
		f |= B64_ALPHA_URL;
	if (c & 2)
		f |= B64_NO_PAD;
	if (c & 32)
		f |= B64_CRLF;
	return f;
}

static const char *
fz_mode_name(unsigned flags)
{
	if (flags & B64_STRICT)
		return (flags & B64_LENIENT) ? "strict+lenient" : "strict";
	return (flags & B64_LENIENT) ? "lenient" : "gnu";
}

const char *
fz_flags_str(unsigned flags)
{
	static const char *const names[] = {
		"auto", "scalar", "ssse3", "avx2", "avx512",
	};
	static char buf[128];
	unsigned id = (flags & B64_IMPL_MASK) >> 8;
	const char *impl = id < 5 ? names[id] : NULL;

	snprintf(buf, sizeof(buf), "%s%s%s%s%s impl=%s (flags 0x%04x)",
	    fz_mode_name(flags), (flags & B64_ALPHA_URL) ? " url" : "",
	    (flags & B64_NO_PAD) ? " nopad" : "",
	    (flags & B64_SKIP_GARBAGE) ? " garbage" : "",
	    (flags & B64_CRLF) ? " crlf" : "", impl ? impl : "?", flags);
	return buf;
}

/* ---- Byte classes (independent of the codec's tables) --------------- */

static int
fz_is_alpha(unsigned char c, unsigned flags)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	if (flags & B64_ALPHA_URL)
		return c == '-' || c == '_';
	return c == '+' || c == '/';
}

/* SP HT LF VT FF CR: what lenient mode skips. */
static int
fz_is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Could C appear in input that FLAGS accept without B64_SKIP_GARBAGE?
 * Alphabet, '=', LF; CR with B64_CRLF; white space when lenient.
 */
static int
fz_is_allowed(unsigned char c, unsigned flags)
{
	if (fz_is_alpha(c, flags) || c == '=' || c == '\n')
		return 1;
	if (c == '\r' && (flags & B64_CRLF))
		return 1;
	return (flags & B64_LENIENT) && fz_is_space(c);
}

/* ---- A reference encoder: testutil.c's ---------------------------- */

size_t
fz_ref_encode_max(size_t n)
{
	return REF_ENCODE_MAX(n);
}

size_t
fz_ref_encode(const uint8_t *in, size_t n, unsigned flags, size_t wrap,
    char *out)
{
	return ref_encode(in, n, flags, wrap, out);
}

/* ---- Decoding, checked ---------------------------------------------- */

void
fz_dec_free(struct fz_dec *r)
{
	free(r->out);
	r->out = NULL;
}

static int
fz_status_valid(enum b64_status st)
{
	return st >= B64_OK && st <= B64_ERR_UNSUPPORTED;
}

/* Does init refuse FLAGS (bad combination or implementation)? */
static int
fz_dec_unsupported(unsigned flags)
{
	return (flags & FZ_MODE_MASK) == FZ_MODE_MASK ||
	    ((flags & B64_STRICT) && (flags & B64_SKIP_GARBAGE)) ||
	    !fz_impl_ok(flags & B64_IMPL_MASK);
}

void
fz_dec_take_error(struct fz_dec *r, const struct b64_decoder *d,
    enum b64_status st)
{
	r->st = st;
	r->off = b64_decoder_error_offset(d);
	r->line = b64_decoder_error_line(d);
	r->col = b64_decoder_error_column(d);
	r->byte = b64_decoder_error_byte(d);
}

/*
 * After an error ST in D: every later call gives ST again, consumes and
 * writes nothing, and the position does not move.
 */
static void
fz_check_latched(struct b64_decoder *d, const struct fz_dec *r,
    const uint8_t *in, size_t n)
{
	unsigned char out[8];
	size_t used = 99, len = 99;

	FZ_CHECK(b64_decode_update(d, in, n, &used, out, sizeof(out), &len) ==
	    r->st);
	FZ_CHECK(used == 0 && len == 0);
	FZ_CHECK(b64_decode_update(d, "QUJD", 4, &used, out, sizeof(out),
	    &len) == r->st);
	FZ_CHECK(used == 0 && len == 0);
	FZ_CHECK(b64_decode_final(d) == r->st);
	FZ_CHECK(b64_decoder_error_offset(d) == r->off);
	FZ_CHECK(b64_decoder_error_line(d) == r->line);
	FZ_CHECK(b64_decoder_error_column(d) == r->col);
	FZ_CHECK(b64_decoder_error_byte(d) == r->byte);
}

/*
 * Can mode FLAGS report error ST at all (SPEC sections 1 and 2)?  GNU:
 * no data-after-padding, no padding-not-allowed; strict: everything;
 * lenient: only a bad byte, a misplaced '=' or a lone character.
 */
static int
fz_status_possible(enum b64_status st, unsigned flags)
{
	if (flags & B64_LENIENT)
		return st == B64_ERR_BAD_CHAR || st == B64_ERR_PAD_INSIDE ||
		    st == B64_ERR_TRUNCATED;
	if (st == B64_ERR_PAD_NOT_ALLOWED)
		return (flags & B64_STRICT) && (flags & B64_NO_PAD);
	if (st == B64_ERR_DATA_AFTER_PAD)
		return (flags & B64_STRICT) != 0;
	return 1;
}

/*
 * Can byte C be the offending byte of B64_ERR_BAD_CHAR under FLAGS?  Never
 * an alphabet byte or '='; LF only as a bare LF under strict CRLF; CR
 * unless lenient or skipping garbage (which drop it); anything else unless
 * skipping garbage, or white space when lenient.
 */
static int
fz_may_be_bad(unsigned char c, unsigned flags)
{
	if (fz_is_alpha(c, flags) || c == '=')
		return 0;
	if (c == '\n')
		return (flags & B64_STRICT) && (flags & B64_CRLF);
	if (flags & B64_SKIP_GARBAGE)
		return 0;
	if (c == '\r')
		return !(flags & B64_LENIENT);
	return !((flags & B64_LENIENT) && fz_is_space(c));
}

/*
 * The outcome R of decoding IN[0..N) with FLAGS must make sense on its
 * own: a known status; at most b64_decoded_max(N) bytes; an error inside
 * (or just after) the input whose line and column agree with the line
 * feeds before its offset, and whose byte is the one at the offset; an
 * accepted input holds only bytes FLAGS allow.
 */
static void
fz_check_dec_result(const uint8_t *in, size_t n, unsigned flags,
    const struct fz_dec *r)
{
	uint64_t lf = 0, line_start = 0, k;

	FZ_CHECKF(fz_status_valid(r->st) && r->st != B64_NEED_OUTPUT,
	    "status %d", (int)r->st);
	FZ_CHECKF(r->len <= b64_decoded_max(n), "%zu bytes from %zu", r->len,
	    n);
	if (fz_dec_unsupported(flags)) {
		FZ_CHECK(r->st == B64_ERR_UNSUPPORTED && r->len == 0);
		return;
	}
	FZ_CHECKF(r->st != B64_ERR_UNSUPPORTED, "%s refused",
	    fz_flags_str(flags));
	if (r->st == B64_OK) {
		if (flags & B64_SKIP_GARBAGE)
			return;
		for (k = 0; k < n; k++)
			FZ_CHECKF(fz_is_allowed(in[k], flags),
			    "accepted byte 0x%02x at %llu", in[k],
			    (unsigned long long)k);
		return;
	}
	FZ_CHECKF(r->off <= n, "error offset %llu > length %zu",
	    (unsigned long long)r->off, n);
	for (k = 0; k < r->off; k++) {
		if (in[k] == '\n') {
			lf++;
			line_start = k + 1;
		}
	}
	FZ_CHECKF(r->line == lf + 1, "error at %llu: line %llu, want %llu",
	    (unsigned long long)r->off, (unsigned long long)r->line,
	    (unsigned long long)(lf + 1));
	FZ_CHECKF(r->col == r->off - line_start + 1,
	    "error at %llu: column %llu, want %llu",
	    (unsigned long long)r->off, (unsigned long long)r->col,
	    (unsigned long long)(r->off - line_start + 1));
	FZ_CHECKF(fz_status_possible(r->st, flags), "status %d with %s",
	    (int)r->st, fz_flags_str(flags));
	switch (r->st) {
	case B64_ERR_BAD_CHAR:
		FZ_CHECK(r->off < n && r->byte == in[r->off]);
		FZ_CHECKF(fz_may_be_bad(r->byte, flags), "bad byte 0x%02x",
		    r->byte);
		break;
	case B64_ERR_PAD_INSIDE:
	case B64_ERR_PAD_NOT_ALLOWED:
	case B64_ERR_TOO_MUCH_PAD:
		FZ_CHECK(r->off < n && r->byte == '=' && in[r->off] == '=');
		break;
	case B64_ERR_DATA_AFTER_PAD:
		FZ_CHECK(r->off < n && r->byte == in[r->off] &&
		    fz_is_alpha(r->byte, flags));
		break;
	case B64_ERR_MISSING_PAD:
		/* At the data that came instead, or where '=' should be. */
		if (r->byte != 0)
			FZ_CHECK(r->off < n && r->byte == in[r->off] &&
			    fz_is_alpha(r->byte, flags));
		break;
	case B64_ERR_NONCANONICAL:
	case B64_ERR_TRUNCATED:
		/* At the character that carries the bits, or the lone one. */
		FZ_CHECK(r->off < n && fz_is_alpha(in[r->off], flags) &&
		    r->byte == 0);
		break;
	default:
		FZ_CHECKF(0, "unexpected status %d", (int)r->st);
	}
}

void
fz_decode_oneshot(const uint8_t *in, size_t n, unsigned flags,
    struct fz_dec *r)
{
	struct b64_decoder d;
	size_t cap = b64_decoded_max(n), used = 0;
	enum b64_status st;

	memset(r, 0, sizeof(*r));
	r->out = fz_alloc(cap);
	st = b64_decoder_init(&d, flags);
	FZ_CHECK(st == B64_OK || st == B64_ERR_UNSUPPORTED);
	if (st == B64_OK) {
		st = b64_decode_update(&d, in, n, &used, r->out, cap, &r->len);
		FZ_CHECKF(fz_status_valid(st) && st != B64_NEED_OUTPUT,
		    "update gave %d with room for b64_decoded_max(%zu)",
		    (int)st, n);
		FZ_CHECK(used <= n && r->len <= cap);
		if (st == B64_OK) {
			FZ_CHECK(used == n);
			st = b64_decode_final(&d);
		}
	} else {
		/* An unsupported decoder refuses everything. */
		FZ_CHECK(b64_decode_update(&d, in, n, &used, r->out, cap,
		    &r->len) == B64_ERR_UNSUPPORTED);
		FZ_CHECK(used == 0 && r->len == 0);
		FZ_CHECK(b64_decode_final(&d) == B64_ERR_UNSUPPORTED);
	}
	r->st = st;
	if (B64_IS_ERROR(st) && st != B64_ERR_UNSUPPORTED) {
		fz_dec_take_error(r, &d, st);
		fz_check_latched(&d, r, in, n);
	}
	fz_check_dec_result(in, n, flags, r);
}

void
fz_decode_split(const uint8_t *in, size_t n, unsigned flags,
    struct fz_rng *rng, struct fz_dec *r)
{
	struct b64_decoder d;
	size_t max = b64_decoded_max(n), pos = 0;
	unsigned char *ibuf, *obuf;
	enum b64_status st;

	memset(r, 0, sizeof(*r));
	r->out = fz_alloc(max);
	st = b64_decoder_init(&d, flags);
	FZ_CHECK(st == B64_OK || st == B64_ERR_UNSUPPORTED);
	if (st != B64_OK) {
		r->st = st;
		return;
	}
	ibuf = fz_alloc(n);
	obuf = fz_alloc(max);
	while (st == B64_OK) {
		size_t clen = fz_size(rng, n - pos), done = 0;
		const unsigned char *chunk = ibuf + n - clen;
		int stuck = 0;

		if (clen)
			memcpy(ibuf + n - clen, in + pos, clen);
		for (;;) {
			size_t room = max - r->len, cap, used = 99, len = 99;

			cap = stuck ? (room ? 1 + fz_below(rng, room) : 0) :
			    fz_size(rng, room);
			st = b64_decode_update(&d, chunk + done, clen - done,
			    &used, obuf + max - cap, cap, &len);
			FZ_CHECKF(fz_status_valid(st), "status %d", (int)st);
			FZ_CHECK(used <= clen - done && len <= cap);
			memcpy(r->out + r->len, obuf + max - cap, len);
			r->len += len;
			done += used;
			if (st != B64_NEED_OUTPUT)
				break;
			FZ_CHECKF(len == cap,
			    "B64_NEED_OUTPUT with %zu of %zu bytes of room used",
			    len, cap);
			FZ_CHECKF(cap < room,
			    "B64_NEED_OUTPUT with room for b64_decoded_max(n)");
			stuck = used == 0 && len == 0;
			FZ_CHECK(!stuck || cap == 0);
		}
		pos += done;
		if (st == B64_OK) {
			FZ_CHECK(done == clen);
			if (pos == n) {
				st = b64_decode_final(&d);
				break;
			}
		}
	}
	r->st = st;
	FZ_CHECK(st != B64_NEED_OUTPUT && st != B64_ERR_UNSUPPORTED);
	if (B64_IS_ERROR(st)) {
		fz_dec_take_error(r, &d, st);
		fz_check_latched(&d, r, in, n);
	}
	free(ibuf);
	free(obuf);
	fz_check_dec_result(in, n, flags, r);
}

void
fz_decode_bytewise(const uint8_t *in, size_t n, unsigned flags,
    struct fz_dec *r)
{
	struct b64_decoder d;
	size_t cap = b64_decoded_max(n), pos;
	enum b64_status st;

	memset(r, 0, sizeof(*r));
	r->out = fz_alloc(cap);
	st = b64_decoder_init(&d, flags);
	for (pos = 0; pos < n && st == B64_OK; pos++) {
		size_t used, len;

		st = b64_decode_update(&d, in + pos, 1, &used, r->out + r->len,
		    cap - r->len, &len);
		FZ_CHECK(st != B64_NEED_OUTPUT);
		r->len += len;
	}
	if (st == B64_OK)
		st = b64_decode_final(&d);
	r->st = st;
	if (B64_IS_ERROR(st) && st != B64_ERR_UNSUPPORTED)
		fz_dec_take_error(r, &d, st);
}

void
fz_same_dec(const struct fz_dec *a, const struct fz_dec *b, const char *what)
{
	FZ_CHECKF(a->st == b->st, "%s: status %d vs %d", what, (int)a->st,
	    (int)b->st);
	FZ_CHECKF(a->len == b->len, "%s: %zu vs %zu bytes", what, a->len,
	    b->len);
	FZ_CHECKF(a->len == 0 || memcmp(a->out, b->out, a->len) == 0,
	    "%s: different bytes", what);
	if (!B64_IS_ERROR(a->st))
		return;
	FZ_CHECKF(a->off == b->off && a->line == b->line &&
	    a->col == b->col && a->byte == b->byte,
	    "%s: error at %llu (%llu:%llu, 0x%02x) vs %llu (%llu:%llu, 0x%02x)",
	    what, (unsigned long long)a->off, (unsigned long long)a->line,
	    (unsigned long long)a->col, a->byte, (unsigned long long)b->off,
	    (unsigned long long)b->line, (unsigned long long)b->col, b->byte);
}

/* ---- Encoding, checked ---------------------------------------------- */

void
fz_enc_free(struct fz_enc *r)
{
	free(r->out);
	r->out = NULL;
}

void
fz_encode_oneshot(const uint8_t *in, size_t n, unsigned flags, size_t wrap,
    struct fz_enc *r)
{
	size_t need = b64_encoded_len(n, flags, wrap);

	memset(r, 0, sizeof(*r));
	FZ_CHECK(need != SIZE_MAX);
	r->out = fz_alloc(need);
	r->st = b64_encode(in, n, r->out, need, &r->len, flags, wrap);
	FZ_CHECKF(r->st == B64_OK, "b64_encode: status %d", (int)r->st);
	FZ_CHECKF(r->len == need, "b64_encode: %zu bytes, b64_encoded_len %zu",
	    r->len, need);
}

void
fz_encode_split(const uint8_t *in, size_t n, unsigned flags, size_t wrap,
    struct fz_rng *rng, struct fz_enc *r)
{
	struct b64_encoder e;
	size_t total = b64_encoded_len(n, flags, wrap), pos = 0;
	size_t obmax = b64_encode_bound(n, flags, wrap);
	size_t fbound = b64_encode_bound(0, flags, wrap);
	unsigned char *ibuf;
	char *obuf;
	enum b64_status st;

	memset(r, 0, sizeof(*r));
	FZ_CHECK(total != SIZE_MAX && obmax != SIZE_MAX && obmax >= total);
	FZ_CHECK(fbound != SIZE_MAX && fbound <= obmax);
	r->out = fz_alloc(total);
	st = b64_encoder_init(&e, flags, wrap);
	FZ_CHECK(st == B64_OK);
	ibuf = fz_alloc(n);
	obuf = fz_alloc(obmax);
	do {
		size_t clen = fz_size(rng, n - pos), done = 0;
		const unsigned char *chunk = ibuf + n - clen;
		int stuck = 0;

		if (clen)
			memcpy(ibuf + n - clen, in + pos, clen);
		do {
			size_t bound = b64_encode_bound(clen - done, flags, wrap);
			size_t cap, used = 99, len = 99;

			FZ_CHECK(bound != SIZE_MAX && bound <= obmax);
			cap = stuck ? bound : fz_size(rng, bound);
			st = b64_encode_update(&e, chunk + done, clen - done,
			    &used, obuf + obmax - cap, cap, &len);
			FZ_CHECK(st == B64_OK || st == B64_NEED_OUTPUT);
			FZ_CHECK(used <= clen - done && len <= cap);
			FZ_CHECKF(r->len + len <= total,
			    "encoder wrote more than b64_encoded_len %zu", total);
			memcpy(r->out + r->len, obuf + obmax - cap, len);
			r->len += len;
			done += used;
			if (st == B64_OK)
				FZ_CHECK(done == clen);
			else
				FZ_CHECKF(cap < bound,
				    "B64_NEED_OUTPUT with b64_encode_bound room");
			stuck = used == 0 && len == 0;
		} while (done < clen);
		pos += clen;
	} while (pos < n);
	for (;;) {
		size_t left = total - r->len, len = 99;
		size_t cap = fz_size(rng, fbound);

		FZ_CHECKF(left <= fbound, "final needs %zu, bound(0) is %zu",
		    left, fbound);
		st = b64_encode_final(&e, obuf + obmax - cap, cap, &len);
		FZ_CHECKF(st == (cap >= left ? B64_OK : B64_NEED_OUTPUT),
		    "final with %zu bytes of room for %zu: status %d", cap,
		    left, (int)st);
		if (st == B64_OK) {
			FZ_CHECK(len == left);
			memcpy(r->out + r->len, obuf + obmax - cap, len);
			r->len += len;
			break;
		}
		FZ_CHECK(len == 0);
	}
	r->st = st;
	free(ibuf);
	free(obuf);
}

void
fz_same_enc(const struct fz_enc *a, const struct fz_enc *b, const char *what)
{
	FZ_CHECKF(a->st == b->st, "%s: status %d vs %d", what, (int)a->st,
	    (int)b->st);
	FZ_CHECKF(a->len == b->len, "%s: %zu vs %zu bytes", what, a->len,
	    b->len);
	FZ_CHECKF(a->len == 0 || memcmp(a->out, b->out, a->len) == 0,
	    "%s: different bytes", what);
}
