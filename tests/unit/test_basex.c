/*
 * test_basex.c - the block codecs of src/codec/basex.h: base32, base32hex,
 * base16, base2msbf, base2lsbf and Z85.
 *
 * Known answers: RFC 4648 section 10 (base32, base32hex, base16) both
 * ways, ZeroMQ RFC 32's Z85 example, bit strings of a few bytes.  Round
 * trips of random data of 0 to 300 bytes (and a few longer than the
 * encoder's batch) for every kind, lines of 0, 1, 3 and 76 characters,
 * base32 padded and not, against the reference encoders of basex_ref.h
 * (one character at a time from a bit accumulator, not the codec's group
 * arithmetic), and bx_encoded_len() against the length they give.
 *
 * The decoding rules of GNU coreutils 9.10 (the comment at the top of
 * basex.h): the cases of tests/cli/basenc.bats and basenc-helpers.bash,
 * which GNU passes, with the exact bytes GNU writes before the error, and
 * more; each with its status and error offset as basex.h defines them,
 * the line and column counted here from the input, and the byte (the
 * offending one for a byte outside the alphabet, 0 at the end of the
 * input).  A few located errors with their position written out.
 *
 * Streaming: every split of each input into two and three pieces, and
 * output room of 1 to 16 bytes per call (a caller that writes out what it
 * got and calls again on BX_NEED_OUTPUT, offering a byte more when a call
 * did nothing), gives the bytes, status and error position of one call,
 * encoding and decoding; every call keeps its promises (in_used, out_len
 * and its writes within bounds, BX_OK only with the input taken); and
 * BX_NEED_OUTPUT comes only when the room left is too small for the next
 * group (decoding: the kind's group of bytes; encoding: the group's
 * characters and the line feeds before them).  Last: z85 refusing a
 * length that is not a multiple of 4, final with no room, unsupported
 * kinds and flags, latched errors, bx_is_alphabet(), bx_strerror() and
 * bx_encoded_len() at the edges of size_t.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "b64.h"
#include "basex.h"
#include "basex_ref.h"
#include "tap.h"
#include "testutil.h"

/* A string literal and its length (embedded NULs allowed). */
#define S(x) x, sizeof(x) - 1

/* Largest output of any case here (300 bytes as base2, wrapped at 1). */
#define OUTMAX 6000

/* Room a stalled caller grows to before it gives up. */
#define ROOM_LIMIT 64

static const char *const kind_names[BX_NKINDS] = {
	"base32", "base32hex", "base16", "base2msbf", "base2lsbf", "z85",
};

static const char *
bx_name(enum bx_status st)
{
	switch (st) {
	case BX_OK: return "BX_OK";
	case BX_NEED_OUTPUT: return "BX_NEED_OUTPUT";
	case BX_ERR_BAD_CHAR: return "BX_ERR_BAD_CHAR";
	case BX_ERR_PADDING: return "BX_ERR_PADDING";
	case BX_ERR_NONCANONICAL: return "BX_ERR_NONCANONICAL";
	case BX_ERR_TRUNCATED: return "BX_ERR_TRUNCATED";
	case BX_ERR_OVERFLOW: return "BX_ERR_OVERFLOW";
	case BX_ERR_LENGTH: return "BX_ERR_LENGTH";
	case BX_ERR_UNSUPPORTED: return "BX_ERR_UNSUPPORTED";
	case BX_ERR_MISSING_PAD: return "BX_ERR_MISSING_PAD";
	case BX_ERR_CASE: return "BX_ERR_CASE";
	case BX_ERR_DATA_AFTER_PAD: return "BX_ERR_DATA_AFTER_PAD";
	}
	return "(unknown status)";
}

/* The printable form of a case's input, for test point names. */
static const char *
shown(const char *in, size_t n)
{
	static char buf[TAP_BYTES_SHOWN * 4 + 8];

	tap_escape(buf, sizeof(buf), in, n);
	return buf;
}

/* ---- Running the codec --------------------------------------------------- */

/* The outcome of a whole encode or decode. */
struct res {
	enum bx_status st;
	size_t len;
	unsigned char out[OUTMAX];
	uint64_t off, line, col;  /* decoding errors */
	unsigned char byte;
	const char *bad;          /* a broken promise seen on the way */
	size_t stalls;            /* calls that made no progress */
};

/*
 * BX_NEED_OUTPUT while the room left could take the next group: per kind
 * for the decoder and the encoder, with the first case seen.
 */
struct breach {
	unsigned long count;
	char first[160];
};

static struct breach dec_breach[BX_NKINDS], enc_breach[BX_NKINDS];

static void breach_note(struct breach *b, const char *fmt, ...)
    TAP_PRINTF(2, 3);

static void
breach_note(struct breach *b, const char *fmt, ...)
{
	va_list ap;

	if (b->count++ > 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->first, sizeof(b->first), fmt, ap);
	va_end(ap);
}

static void
take_error(struct res *r, const struct bx_decoder *d)
{
	r->off = bx_decoder_error_offset(d);
	r->line = bx_decoder_error_line(d);
	r->col = bx_decoder_error_column(d);
	r->byte = bx_decoder_error_byte(d);
}

/* Decode IN[0..N) with one update call (room for everything) and final. */
static void
dec_once(enum bx_kind kind, unsigned flags, const void *in, size_t n,
    struct res *r)
{
	const unsigned char *ip = arena_input(in, n);
	struct bx_decoder d;
	unsigned char *op;
	size_t used = SIZE_MAX, len = SIZE_MAX;

	memset(r, 0, sizeof(*r));
	r->st = bx_decoder_init(&d, kind, flags);
	if (r->st != BX_OK)
		return;
	op = arena_output(OUTMAX);
	r->st = bx_decode_update(&d, ip, n, &used, op, OUTMAX, &len);
	if (!arena_guard_ok())
		r->bad = "update wrote past its room";
	if (used > n || len > OUTMAX) {
		r->bad = "update: in_used or out_len out of range";
		return;
	}
	memcpy(r->out, op, len);
	r->len = len;
	if (r->st == BX_NEED_OUTPUT)
		r->bad = "BX_NEED_OUTPUT with room for everything";
	if (r->st == BX_OK) {
		if (used != n)
			r->bad = "BX_OK with input left";
		len = SIZE_MAX;
		op = arena_output(OUTMAX - r->len);
		r->st = bx_decode_final(&d, op, OUTMAX - r->len, &len);
		if (!arena_guard_ok())
			r->bad = "final wrote past its room";
		if (len > OUTMAX - r->len) {
			r->bad = "final: out_len out of range";
			return;
		}
		memcpy(r->out + r->len, op, len);
		r->len += len;
	}
	if (BX_IS_ERROR(r->st))
		take_error(r, &d);
}

/*
 * Decode IN[0..N) cut at CUTS[0..NCUTS) (ascending, empty pieces allowed),
 * each update call with CAP bytes of room, as a caller that writes out
 * what it got and calls again on BX_NEED_OUTPUT; when a call makes no
 * progress at all it offers one byte more (up to ROOM_LIMIT).  Each piece
 * sits flush against the end of the input arena, each room window before
 * the guard bytes.
 */
static void
dec_stream(enum bx_kind kind, unsigned flags, const unsigned char *in,
    size_t n, const size_t *cuts, size_t ncuts, size_t cap, struct res *r)
{
	struct bx_decoder d;
	size_t k, a = 0, room, gb = bx_group_bytes(kind);

	memset(r, 0, sizeof(*r));
	r->st = bx_decoder_init(&d, kind, flags);
	if (r->st != BX_OK)
		return;
	for (k = 0; k <= ncuts; k++) {
		size_t b = k < ncuts ? cuts[k] : n, done = 0;

		room = cap;
		for (;;) {
			size_t rest = b - a - done;
			size_t used = SIZE_MAX, len = SIZE_MAX;
			const unsigned char *ip = arena_input(in + a + done,
			    rest);
			unsigned char *op = arena_output(room);
			enum bx_status st;

			st = bx_decode_update(&d, ip, rest, &used, op, room,
			    &len);
			if (!arena_guard_ok())
				r->bad = "update wrote past its room";
			if (used > rest || len > room ||
			    r->len + len > OUTMAX) {
				r->bad = "update: in_used or out_len out of "
				    "range";
				r->st = st;
				return;
			}
			memcpy(r->out + r->len, op, len);
			r->len += len;
			done += used;
			if (st == BX_OK) {
				if (done != b - a)
					r->bad = "BX_OK with input left";
				break;
			}
			if (st != BX_NEED_OUTPUT) {
				r->st = st;
				take_error(r, &d);
				return;
			}
			if (room - len >= gb)
				breach_note(&dec_breach[kind],
				    "update: %zu of %zu bytes of room left, "
				    "input at %zu of %zu", room - len, room,
				    a + done, n);
			if (used == 0 && len == 0) {
				r->stalls++;
				if (++room > ROOM_LIMIT) {
					r->bad = "update: no progress with "
					    "ROOM_LIMIT bytes of room";
					r->st = st;
					return;
				}
			} else {
				room = cap;
			}
		}
		a = b;
	}
	room = cap;
	for (;;) {
		size_t len = SIZE_MAX;
		unsigned char *op = arena_output(room);

		r->st = bx_decode_final(&d, op, room, &len);
		if (!arena_guard_ok())
			r->bad = "final wrote past its room";
		if (len > room || r->len + len > OUTMAX) {
			r->bad = "final: out_len out of range";
			return;
		}
		memcpy(r->out + r->len, op, len);
		r->len += len;
		if (r->st != BX_NEED_OUTPUT)
			break;
		if (len != 0)
			r->bad = "final: BX_NEED_OUTPUT after writing";
		if (room >= gb)
			breach_note(&dec_breach[kind],
			    "final: %zu bytes of room", room);
		r->stalls++;
		if (++room > ROOM_LIMIT) {
			r->bad = "final: no progress with ROOM_LIMIT bytes";
			return;
		}
	}
	if (BX_IS_ERROR(r->st))
		take_error(r, &d);
}

/* Encode IN[0..N) with one update call and final. */
static void
enc_once(enum bx_kind kind, unsigned flags, size_t wrap, const void *in,
    size_t n, struct res *r)
{
	const unsigned char *ip = arena_input(in, n);
	struct bx_encoder e;
	char *op;
	size_t used = SIZE_MAX, len = SIZE_MAX;

	memset(r, 0, sizeof(*r));
	r->st = bx_encoder_init(&e, kind, flags, wrap);
	if (r->st != BX_OK)
		return;
	op = (char *)arena_output(OUTMAX);
	r->st = bx_encode_update(&e, ip, n, &used, op, OUTMAX, &len);
	if (!arena_guard_ok())
		r->bad = "update wrote past its room";
	if (used > n || len > OUTMAX) {
		r->bad = "update: in_used or out_len out of range";
		return;
	}
	memcpy(r->out, op, len);
	r->len = len;
	if (r->st != BX_OK) {
		r->bad = "update did not take everything";
		return;
	}
	if (used != n)
		r->bad = "BX_OK with input left";
	len = SIZE_MAX;
	op = (char *)arena_output(OUTMAX - r->len);
	r->st = bx_encode_final(&e, op, OUTMAX - r->len, &len);
	if (!arena_guard_ok())
		r->bad = "final wrote past its room";
	if (len > OUTMAX - r->len) {
		r->bad = "final: out_len out of range";
		return;
	}
	memcpy(r->out + r->len, op, len);
	r->len += len;
}

/* Characters after the last LF of R's output. */
static size_t
res_column(const struct res *r)
{
	size_t k = r->len;

	while (k > 0 && r->out[k - 1] != '\n')
		k--;
	return r->len - k;
}

/*
 * Encode IN[0..N) cut at CUTS as dec_stream() decodes.  A call that
 * returns BX_NEED_OUTPUT while a whole group of input was there and the
 * room left held its characters and the line feeds before them is a
 * breach (a line's LF goes out before the next character or at final,
 * as GNU writes it: a group that ends a line does not need its LF yet);
 * so is a final that asks for more room than it then writes.
 */
static void
enc_stream(enum bx_kind kind, unsigned flags, size_t wrap,
    const unsigned char *in, size_t n, const size_t *cuts, size_t ncuts,
    size_t cap, struct res *r)
{
	struct bx_encoder e;
	size_t k, a = 0, room, taken = 0, most = 0;
	size_t gb = bx_group_bytes(kind), gc = bx_group_chars(kind);
	int asked = 0;

	memset(r, 0, sizeof(*r));
	r->st = bx_encoder_init(&e, kind, flags, wrap);
	if (r->st != BX_OK)
		return;
	for (k = 0; k <= ncuts; k++) {
		size_t b = k < ncuts ? cuts[k] : n, done = 0;

		room = cap;
		for (;;) {
			size_t rest = b - a - done;
			size_t used = SIZE_MAX, len = SIZE_MAX;
			const unsigned char *ip = arena_input(in + a + done,
			    rest);
			char *op = (char *)arena_output(room);
			enum bx_status st;

			st = bx_encode_update(&e, ip, rest, &used, op, room,
			    &len);
			if (!arena_guard_ok())
				r->bad = "update wrote past its room";
			if (used > rest || len > room ||
			    r->len + len > OUTMAX) {
				r->bad = "update: in_used or out_len out of "
				    "range";
				r->st = st;
				return;
			}
			memcpy(r->out + r->len, op, len);
			r->len += len;
			done += used;
			taken += used;
			if (st == BX_OK) {
				if (done != b - a)
					r->bad = "BX_OK with input left";
				break;
			}
			if (st != BX_NEED_OUTPUT) {
				r->bad = "update: an error status";
				r->st = st;
				return;
			}
			if (taken % gb + (rest - used) >= gb) {
				size_t need = gc + (wrap ?
				    (res_column(r) + gc - 1) / wrap : 0);

				if (room - len >= need)
					breach_note(&enc_breach[kind],
					    "update: %zu bytes of room left, "
					    "%zu needed, wrap %zu", room - len,
					    need, wrap);
			}
			if (used == 0 && len == 0) {
				r->stalls++;
				if (++room > ROOM_LIMIT) {
					r->bad = "update: no progress with "
					    "ROOM_LIMIT bytes of room";
					r->st = st;
					return;
				}
			} else {
				room = cap;
			}
		}
		a = b;
	}
	room = cap;
	for (;;) {
		size_t len = SIZE_MAX;
		char *op = (char *)arena_output(room);

		r->st = bx_encode_final(&e, op, room, &len);
		if (!arena_guard_ok())
			r->bad = "final wrote past its room";
		if (len > room || r->len + len > OUTMAX) {
			r->bad = "final: out_len out of range";
			return;
		}
		memcpy(r->out + r->len, op, len);
		r->len += len;
		if (r->st != BX_NEED_OUTPUT) {
			if (asked && r->st == BX_OK && most >= len)
				breach_note(&enc_breach[kind],
				    "final: BX_NEED_OUTPUT with %zu bytes of "
				    "room, then wrote %zu", most, len);
			break;
		}
		if (len != 0)
			r->bad = "final: BX_NEED_OUTPUT after writing";
		asked = 1;
		most = room;
		r->stalls++;
		if (++room > ROOM_LIMIT) {
			r->bad = "final: no progress with ROOM_LIMIT bytes";
			return;
		}
	}
}

/* NULL when A and B are the same outcome, else what differs. */
static const char *
differs(const struct res *a, const struct res *b)
{
	if (a->st != b->st)
		return "status";
	if (a->len != b->len || memcmp(a->out, b->out, a->len) != 0)
		return "bytes";
	if (BX_IS_ERROR(a->st) && (a->off != b->off || a->line != b->line ||
	    a->col != b->col || a->byte != b->byte))
		return "error position";
	return NULL;
}

static void
diag_res(const char *label, const struct res *r)
{
	tap_diag("  %s: %s, %zu bytes, error at %llu (line %llu, column "
	    "%llu, byte 0x%02x)%s%s", label, bx_name(r->st), r->len,
	    (unsigned long long)r->off, (unsigned long long)r->line,
	    (unsigned long long)r->col, r->byte, r->bad ? "; " : "",
	    r->bad ? r->bad : "");
	tap_diag_bytes(label, r->out, r->len);
}

/* ---- Known answers ------------------------------------------------------- */

struct vec {
	enum bx_kind kind;
	const char *data;
	size_t n;
	const char *text;
	size_t tn;
};

static const struct vec vecs[] = {
	/* RFC 4648 section 10 */
	{ BX_BASE32, S(""), S("") },
	{ BX_BASE32, S("f"), S("MY======") },
	{ BX_BASE32, S("fo"), S("MZXQ====") },
	{ BX_BASE32, S("foo"), S("MZXW6===") },
	{ BX_BASE32, S("foob"), S("MZXW6YQ=") },
	{ BX_BASE32, S("fooba"), S("MZXW6YTB") },
	{ BX_BASE32, S("foobar"), S("MZXW6YTBOI======") },
	{ BX_BASE32HEX, S(""), S("") },
	{ BX_BASE32HEX, S("f"), S("CO======") },
	{ BX_BASE32HEX, S("fo"), S("CPNG====") },
	{ BX_BASE32HEX, S("foo"), S("CPNMU===") },
	{ BX_BASE32HEX, S("foob"), S("CPNMUOG=") },
	{ BX_BASE32HEX, S("fooba"), S("CPNMUOJ1") },
	{ BX_BASE32HEX, S("foobar"), S("CPNMUOJ1E8======") },
	{ BX_BASE16, S(""), S("") },
	{ BX_BASE16, S("f"), S("66") },
	{ BX_BASE16, S("fo"), S("666F") },
	{ BX_BASE16, S("foo"), S("666F6F") },
	{ BX_BASE16, S("foob"), S("666F6F62") },
	{ BX_BASE16, S("fooba"), S("666F6F6261") },
	{ BX_BASE16, S("foobar"), S("666F6F626172") },
	/* ZeroMQ RFC 32 */
	{ BX_Z85, S("\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"), S("HelloWorld") },
	{ BX_Z85, S(""), S("") },
	{ BX_Z85, S("\xff\xff\xff\xff"), S("%nSc0") },
	{ BX_Z85, S("\0\0\0\0"), S("00000") },
	/* bit strings */
	{ BX_BASE2MSBF, S("a"), S("01100001") },
	{ BX_BASE2LSBF, S("a"), S("10000110") },
	{ BX_BASE2MSBF, S("ab"), S("0110000101100010") },
	{ BX_BASE2LSBF, S("ab"), S("1000011001000110") },
	{ BX_BASE2MSBF, S("\x01\x80\xff\0"),
	    S("00000001100000001111111100000000") },
	{ BX_BASE2LSBF, S("\x01\x80\xff\0"),
	    S("10000000000000011111111100000000") },
	{ BX_BASE2MSBF, S(""), S("") },
};

static void
test_vectors(void)
{
	static struct res r, s;
	static char ref[OUTMAX];
	size_t k;

	for (k = 0; k < sizeof(vecs) / sizeof(vecs[0]); k++) {
		const struct vec *v = &vecs[k];
		const char *name = kind_names[v->kind];
		size_t rl;
		int ok;

		/* The reference encoder agrees with the published vector. */
		rl = ref_bx(v->kind, (const unsigned char *)v->data, v->n,
		    0, 0, ref);
		tap_ok(rl == v->tn && memcmp(ref, v->text, rl) == 0,
		    "reference %s(\"%s\") is the published vector", name,
		    shown(v->data, v->n));

		enc_once(v->kind, 0, 0, v->data, v->n, &r);
		ok = r.st == BX_OK && !r.bad && r.len == v->tn &&
		    memcmp(r.out, v->text, v->tn) == 0;
		if (!tap_ok(ok, "encode %s: \"%s\"", name, v->text))
			diag_res("got", &r);

		/* Wrapped at 76: the same and one LF (none when empty). */
		enc_once(v->kind, 0, 76, v->data, v->n, &r);
		ok = r.st == BX_OK && !r.bad && r.len == v->tn + (v->tn > 0) &&
		    memcmp(r.out, v->text, v->tn) == 0 &&
		    (v->tn == 0 || r.out[v->tn] == '\n');
		if (!tap_ok(ok, "encode %s wrapped at 76: \"%s\\n\"", name,
		    v->text))
			diag_res("got", &r);

		dec_once(v->kind, 0, v->text, v->tn, &r);
		ok = r.st == BX_OK && !r.bad && r.len == v->n &&
		    memcmp(r.out, v->data, v->n) == 0;
		if (!tap_ok(ok, "decode %s: \"%s\"", name, v->text))
			diag_res("got", &r);

		/* Lower case base16 is accepted alike. */
		if (v->kind == BX_BASE16) {
			char low[64];

			for (size_t i = 0; i < v->tn; i++)
				low[i] = (char)(v->text[i] >= 'A' ?
				    v->text[i] - 'A' + 'a' : v->text[i]);
			dec_once(v->kind, 0, low, v->tn, &s);
			ok = !differs(&r, &s);
			if (!tap_ok(ok, "decode base16 lower case: \"%.*s\"",
			    (int)v->tn, low))
				diag_res("got", &s);
		}
	}
}

/* ---- Round trips --------------------------------------------------------- */

/* Ascending random cut points for N bytes: 0 to 6 of them. */
static size_t
random_cuts(struct rng *g, size_t n, size_t *cuts)
{
	size_t nc = rng_below(g, 7), i, j;

	for (i = 0; i < nc; i++)
		cuts[i] = rng_below(g, n + 1);
	for (i = 1; i < nc; i++)
		for (j = i; j > 0 && cuts[j - 1] > cuts[j]; j--) {
			size_t t = cuts[j];

			cuts[j] = cuts[j - 1];
			cuts[j - 1] = t;
		}
	return nc;
}

static unsigned char rt_data[3300];
static char rt_ref[OUTMAX];

/*
 * N random bytes of KIND with FLAGS and WRAP: the encoding is the
 * reference's and bx_encoded_len() long, decodes back (with
 * BX_SKIP_GARBAGE alike), and random cuts and room give the same both
 * ways.  NULL, or what went wrong.
 */
static const char *
round_trip(enum bx_kind kind, unsigned flags, size_t wrap, size_t n,
    struct rng *g)
{
	static struct res r, d, s;
	size_t rl, nc, cuts[8];

	rng_fill(g, rt_data, n);
	rl = ref_bx(kind, rt_data, n, (flags & BX_NO_PAD) != 0, wrap, rt_ref);
	enc_once(kind, flags, wrap, rt_data, n, &r);
	if (r.st != BX_OK || r.bad || r.len != rl ||
	    memcmp(r.out, rt_ref, rl) != 0)
		return "encoding differs from the reference";
	if (bx_encoded_len(kind, n, flags, wrap) != rl)
		return "bx_encoded_len differs";
	dec_once(kind, 0, rt_ref, rl, &d);
	if (d.st != BX_OK || d.bad || d.len != n ||
	    memcmp(d.out, rt_data, n) != 0)
		return "decoding differs";
	dec_once(kind, BX_SKIP_GARBAGE, rt_ref, rl, &s);
	if (differs(&d, &s))
		return "decoding with BX_SKIP_GARBAGE differs";
	nc = random_cuts(g, n, cuts);
	enc_stream(kind, flags, wrap, rt_data, n, cuts, nc,
	    1 + rng_below(g, 40), &s);
	if (s.bad || differs(&r, &s))
		return "streamed encoding differs";
	nc = random_cuts(g, rl, cuts);
	dec_stream(kind, 0, (const unsigned char *)rt_ref, rl, cuts, nc,
	    1 + rng_below(g, 40), &s);
	if (s.bad || differs(&d, &s))
		return "streamed decoding differs";
	return NULL;
}

/* base16 at every line length from 1 to 80: the line loops (hex_split,
 * the vector ones and the portable one) take lines whose halves end
 * anywhere in a step of theirs, and decline the lengths they cannot. */
static void
test_base16_wraps(void)
{
	static const size_t lengths[] = { 0, 1, 5, 40, 300 };
	struct rng g;
	size_t fails = 0;

	rng_init(&g, 16);
	for (size_t wrap = 1; wrap <= 80; wrap++)
		for (size_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]);
		    k++) {
			const char *why = round_trip(BX_BASE16, 0, wrap,
			    lengths[k], &g);

			if (why != NULL && fails++ < 3)
				tap_diag("  wrap %zu, %zu bytes: %s", wrap,
				    lengths[k], why);
		}
	tap_ok(fails == 0, "round trips base16 at every wrap 1..80 (0, 1, 5, "
	    "40 and 300 bytes) against the reference");
}

static void
test_round_trips(void)
{
	static const size_t wraps[] = { 0, 1, 3, 76 };
	static struct res r, d;
	struct rng g;
	unsigned kind;

	rng_init(&g, 4648);
	for (kind = 0; kind < BX_NKINDS; kind++)
		for (size_t w = 0; w < 4; w++)
			for (int nopad = 0; nopad < 2; nopad++) {
				unsigned flags = nopad ? BX_NO_PAD : 0;
				size_t fails = 0, runs;

				if (nopad && kind != BX_BASE32 &&
				    kind != BX_BASE32HEX)
					continue;
				/* 0, 300, then random lengths. */
				for (runs = 0; runs < 40; runs++) {
					size_t n = runs < 2 ? runs * 300 :
					    rng_below(&g, 301);
					const char *why;

					if (kind == BX_Z85)
						n -= n % 4;
					why = round_trip(kind, flags,
					    wraps[w], n, &g);
					if (why != NULL && fails++ == 0)
						tap_diag("  %zu bytes: %s", n,
						    why);
				}
				tap_ok(fails == 0, "round trips %s%s wrap %zu: "
				    "40 lengths 0..300 against the reference",
				    kind_names[kind], nopad ? " unpadded" : "",
				    wraps[w]);
			}

	/* Longer than the encoder's batch of 4096 characters. */
	for (kind = 0; kind < BX_NKINDS; kind++)
		for (size_t w = 0; w < 4; w += 3) {
			static const size_t longer[BX_NKINDS] = {
				2600, 2600, 2100, 600, 600, 3300,
			};
			size_t n = longer[kind], rl;
			int ok;

			rng_fill(&g, rt_data, n);
			rl = ref_bx(kind, rt_data, n, 0, wraps[w], rt_ref);
			enc_once(kind, 0, wraps[w], rt_data, n, &r);
			ok = r.st == BX_OK && !r.bad && r.len == rl &&
			    memcmp(r.out, rt_ref, rl) == 0;
			dec_once(kind, 0, rt_ref, rl, &d);
			ok = ok && d.st == BX_OK && !d.bad && d.len == n &&
			    memcmp(d.out, rt_data, n) == 0;
			tap_ok(ok, "round trip %s wrap %zu: %zu bytes in one "
			    "call, %zu characters", kind_names[kind],
			    wraps[w], n, rl);
		}
}

/* ---- Decoding rules ------------------------------------------------------ */

struct rcase {
	enum bx_kind kind;
	unsigned flags;
	const char *in;
	size_t n;
	const char *out;        /* the bytes written before the status */
	size_t outn;
	enum bx_status st;
	long off;               /* the error offset */
};

#define B32   BX_BASE32
#define B32H  BX_BASE32HEX
#define B16   BX_BASE16
#define B2M   BX_BASE2MSBF
#define B2L   BX_BASE2LSBF
#define Z85   BX_Z85
#define SKIP  BX_SKIP_GARBAGE
#define STRICT BX_STRICT
#define LEN   BX_LENIENT
#define NOPAD BX_NO_PAD

#define OK_(k, f, in, out)          { k, f, S(in), S(out), BX_OK, 0 }
#define ERR(k, f, in, out, st, off) { k, f, S(in), S(out), st, off }

static const struct rcase rcases[] = {
	/* --strict: base32 padded exactly (with --no-pad: not at all),
	 * base16 in one case */
	OK_(B32, STRICT, "MFRGG===", "abc"),
	OK_(B32H, STRICT, "C5H66===", "abc"),
	OK_(B32, STRICT, "MFRGGZDF\nMFRGG===", "abcdeabc"),
	ERR(B32, STRICT, "MFRGG", "", BX_ERR_MISSING_PAD, 5),
	ERR(B32, STRICT, "MFRGGZDFMF", "abcde", BX_ERR_MISSING_PAD, 10),
	/* (nothing after the padding: encoding pads only the last group) */
	ERR(B32, STRICT, "MFRGG===\nMFRGGZDF", "abc", BX_ERR_DATA_AFTER_PAD,
	    9),
	ERR(B32, STRICT, "MFRGG===MF", "abc", BX_ERR_DATA_AFTER_PAD, 8),
	ERR(B32, STRICT, "MFRGG====", "abc", BX_ERR_PADDING, 8),
	ERR(B32, STRICT, "MFRGG===*", "abc", BX_ERR_BAD_CHAR, 8),
	OK_(B32, STRICT, "MFRGG===\n\n", "abc"),
	/* (a short group's own error comes before its missing padding) */
	ERR(B32, STRICT, "MF*", "a", BX_ERR_BAD_CHAR, 2),
	ERR(B32, STRICT, "MFR", "a", BX_ERR_TRUNCATED, 3),
	ERR(B32, STRICT, "MFRGH===", "abc", BX_ERR_NONCANONICAL, 4),
	ERR(B32, STRICT, "MFRGG==", "", BX_ERR_PADDING, 6),
	OK_(B32, STRICT | NOPAD, "MFRGG", "abc"),
	ERR(B32, STRICT | NOPAD, "MFRGG===", "", BX_ERR_PADDING, 5),
	OK_(B16, STRICT, "abcd09", "\xab\xcd\x09"),
	OK_(B16, STRICT, "ABCD09", "\xab\xcd\x09"),
	ERR(B16, STRICT, "aB", "", BX_ERR_CASE, 1),
	ERR(B16, STRICT, "0ab0A", "\x0a\xb0", BX_ERR_CASE, 4),
	ERR(B16, STRICT, "41\r\n", "A", BX_ERR_BAD_CHAR, 2),
	/* --lenient: white space skipped; base32's padding missing,
	 * partial or extra, and any unused bits */
	OK_(B32, LEN, "MFR GG=\r\n==\t", "abc"),
	OK_(B32, LEN, "MFRGG=", "abc"),
	OK_(B32, LEN, "MFRGG", "abc"),
	OK_(B32, LEN, "MFRGH===", "abc"),
	OK_(B32, LEN, "==MFRGG=====\n==MFRGG", "abcabc"),
	ERR(B32, LEN, "M=", "", BX_ERR_PADDING, 1),
	ERR(B32, LEN, "MFRGG=MF", "abc", BX_ERR_PADDING, 6),
	OK_(B16, LEN, "4 1\r\n4\v2\f", "AB"),
	ERR(B16, LEN, "414", "A", BX_ERR_TRUNCATED, 3),
	/* base32: whole groups, each padded length, the same unpadded */
	OK_(B32, 0, "MFRGG===", "abc"),
	OK_(B32, 0, "MFRGGZDF", "abcde"),
	OK_(B32, 0, "ME======", "a"),
	OK_(B32, 0, "MFQQ====", "aa"),
	OK_(B32, 0, "MFQWC===", "aaa"),
	OK_(B32, 0, "MFQWCYI=", "aaaa"),
	OK_(B32, 0, "ME", "a"),
	OK_(B32, 0, "MFQQ", "aa"),
	OK_(B32, 0, "MFQWC", "aaa"),
	OK_(B32, 0, "MFQWCYI", "aaaa"),
	OK_(B32, 0, "MFRGGZDFMFRGG", "abcdeabc"),
	OK_(B32, 0, "7XMAPUNF", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B32, 0, "74AA====", "\xff\x00"),
	/* a padded group may be followed by more groups; LF anywhere */
	OK_(B32, 0, "MFRGG===MFRGG===", "abcabc"),
	OK_(B32, 0, "MFRGG===\nMFRGG", "abcabc"),
	OK_(B32, 0, "IFBA====\nIE", "ABA"),
	OK_(B32, 0, "MFRGG=\n==", "abc"),
	OK_(B32, 0, "M\nF\nR\nG\nG\n=\n=\n=\n", "abc"),
	OK_(B32, 0, "\n\n", ""),
	/* a short last group: the complete bytes, then the error */
	ERR(B32, 0, "M", "", BX_ERR_TRUNCATED, 1),
	ERR(B32, 0, "MFR", "a", BX_ERR_TRUNCATED, 3),
	ERR(B32, 0, "MFRGGZDFM", "abcde", BX_ERR_TRUNCATED, 9),
	ERR(B32, 0, "MFRGGZDFMFR", "abcdea", BX_ERR_TRUNCATED, 11),
	ERR(B32, 0, "MFQWCY", "aaa", BX_ERR_TRUNCATED, 6),
	ERR(B32, 0, "MFQWCY\n", "aaa", BX_ERR_TRUNCATED, 7),
	/* '=' where it may not begin */
	ERR(B32, 0, "MFQ=====", "a", BX_ERR_PADDING, 3),
	ERR(B32, 0, "MFQWCY==", "aaa", BX_ERR_PADDING, 6),
	ERR(B32, 0, "M=======", "", BX_ERR_PADDING, 1),
	ERR(B32, 0, "========", "", BX_ERR_PADDING, 0),
	ERR(B32, 0, "MFRGGZDF========", "abcde", BX_ERR_PADDING, 8),
	/* data after '=' inside a group */
	ERR(B32, 0, "MF=A====", "a", BX_ERR_PADDING, 3),
	ERR(B32, 0, "MFRGG=A=", "abc", BX_ERR_PADDING, 6),
	/* non-zero unused bits: the byte is written, then the error */
	ERR(B32, 0, "MFRGH===", "abc", BX_ERR_NONCANONICAL, 4),
	ERR(B32, 0, "MFRG", "ab", BX_ERR_NONCANONICAL, 3),
	ERR(B32, 0, "MF======", "a", BX_ERR_NONCANONICAL, 1),
	ERR(B32, 0, "MF", "a", BX_ERR_NONCANONICAL, 1),
	ERR(B32, 0, "MFQWCYJ=", "aaaa", BX_ERR_NONCANONICAL, 6),
	ERR(B32, 0, "MZ======", "f", BX_ERR_NONCANONICAL, 1),
	/* a short last group ending in '=': nothing of it; the error is
	 * placed at that last '=' */
	ERR(B32, 0, "MFRGG=", "", BX_ERR_PADDING, 5),
	ERR(B32, 0, "MFRGG==", "", BX_ERR_PADDING, 6),
	ERR(B32, 0, "MFQQ===", "", BX_ERR_PADDING, 6),
	ERR(B32, 0, "MFRGGZDF=", "abcde", BX_ERR_PADDING, 8),
	ERR(B32, 0, "MFRGGZDF=\n", "abcde", BX_ERR_PADDING, 8),
	ERR(B32, 0, "MFRGG====", "abc", BX_ERR_PADDING, 8),
	ERR(B32, 0, "=", "", BX_ERR_PADDING, 0),
	/* ... even when it also holds a byte outside the alphabet */
	ERR(B32, 0, "MF!=", "", BX_ERR_PADDING, 3),
	ERR(B32, 0, "M!RG=", "", BX_ERR_PADDING, 4),
	ERR(B32, 0, "MFRGGZDF!F==", "abcde", BX_ERR_PADDING, 11),
	/* a byte outside the alphabet: the bytes before it in its group */
	ERR(B32, 0, "MF!", "a", BX_ERR_BAD_CHAR, 2),
	ERR(B32, 0, "MF!GGZDF", "a", BX_ERR_BAD_CHAR, 2),
	ERR(B32, 0, "MF\0", "a", BX_ERR_BAD_CHAR, 2),
	ERR(B32, 0, "mfrgg===", "", BX_ERR_BAD_CHAR, 0),
	ERR(B32, 0, "MFRGGzdf", "abc", BX_ERR_BAD_CHAR, 5),
	ERR(B32, 0, "MFRGG*", "abc", BX_ERR_BAD_CHAR, 5),
	ERR(B32, 0, "MFRGGZD*", "abcd", BX_ERR_BAD_CHAR, 7),
	ERR(B32, 0, "MFRGGZDF*", "abcde", BX_ERR_BAD_CHAR, 8),
	ERR(B32, 0, "MFRGGZDFMFRGG*", "abcdeabc", BX_ERR_BAD_CHAR, 13),
	ERR(B32, 0, "MFRGGZDF\r\n", "abcde", BX_ERR_BAD_CHAR, 8),
	ERR(B32, 0, "MFRG GZDF", "ab", BX_ERR_BAD_CHAR, 4),
	ERR(B32, 0, "0", "", BX_ERR_BAD_CHAR, 0),
	ERR(B32, 0, "1", "", BX_ERR_BAD_CHAR, 0),
	ERR(B32, 0, "8", "", BX_ERR_BAD_CHAR, 0),
	ERR(B32, 0, "MF\nRG\n!G===", "ab", BX_ERR_BAD_CHAR, 6),
	ERR(B32, 0, "MFRGG===\n!", "abc", BX_ERR_BAD_CHAR, 9),
	/* with -i: everything but the alphabet and '=' dropped first */
	OK_(B32, SKIP, "*MFRGG===*", "abc"),
	OK_(B32, SKIP, "&7XMAPUNF", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B32, SKIP, "ME==*====", "a"),
	OK_(B32, SKIP, "M1E8", "a"),
	OK_(B32, SKIP, "mfrggME======", "a"),
	OK_(B32, SKIP, "ME======\r\n", "a"),
	OK_(B32, SKIP, "ME======ME", "aa"),
	OK_(B32, SKIP, "MF\0RGG===", "abc"),
	OK_(B32, SKIP, "", ""),
	OK_(B32, SKIP, "*", ""),
	ERR(B32, SKIP, "MFRGG=", "", BX_ERR_PADDING, 5),
	ERR(B32, SKIP, "=ME", "", BX_ERR_PADDING, 0),
	ERR(B32, SKIP, "ME==\n*====\nMZ======", "af", BX_ERR_NONCANONICAL,
	    12),
	ERR(B32, SKIP, "MFRGG===\n\r\nM*", "abc", BX_ERR_TRUNCATED, 13),

	/* base32hex */
	OK_(B32H, 0, "VNC0FKD5", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B32H, 0, "C5H66===", "abc"),
	OK_(B32H, 0, "C5H66", "abc"),
	OK_(B32H, 0, "VS00====", "\xff\x00"),
	OK_(B32H, 0, "VS0\n0==\n==\n", "\xff\x00"),
	OK_(B32H, SKIP, "VS0\n0==\n==\n", "\xff\x00"),
	OK_(B32H, 0, "VVVVVVVV", "\xff\xff\xff\xff\xff"),
	ERR(B32H, 0, "c5h66===", "", BX_ERR_BAD_CHAR, 0),
	ERR(B32H, 0, "VNC0FKD5/", "\xfd\xd8\x07\xd1\xa5", BX_ERR_BAD_CHAR, 8),
	ERR(B32H, 0, "C5H66=", "", BX_ERR_PADDING, 5),
	ERR(B32H, 0, "C5H67===", "abc", BX_ERR_NONCANONICAL, 4),
	ERR(B32H, 0, "C5", "a", BX_ERR_NONCANONICAL, 1),
	/* W..Z are the base32 letters they are (22..25) ... */
	OK_(B32H, 0, "WWWWWWWW", "\xb5\xad\x6b\x5a\xd6"),
	OK_(B32H, 0, "ZZZZZZZZ", "\xce\x73\x9c\xe7\x39"),
	OK_(B32H, 0, "XY======", "\xbe"),
	ERR(B32H, 0, "VNC0FKD5W", "\xfd\xd8\x07\xd1\xa5",
	    BX_ERR_TRUNCATED, 9),
	ERR(B32H, 0, "CW", "e", BX_ERR_NONCANONICAL, 1),
	/* ... but -i drops them as outside the base32hex alphabet */
	OK_(B32H, SKIP, "WWWWWWWW", ""),
	OK_(B32H, SKIP, "WVNC0FKD5", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B32H, SKIP, "/VNC0FKD5", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B32H, SKIP, "wC5H66", "abc"),
	OK_(B32H, SKIP, "CXYZO======", "f"),

	/* base16: either case, LF anywhere */
	OK_(B16, 0, "FDD807D1A5", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B16, 0, "fdd807d1a5", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B16, SKIP, "fdd807d1a5", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B16, 0, "FdD8", "\xfd\xd8"),
	OK_(B16, 0, "AB\nCD", "\xab\xcd"),
	OK_(B16, 0, "F\nD\n\nD\n8\n", "\xfd\xd8"),
	OK_(B16, 0, "\n", ""),
	/* an odd count, '=' or anything else: the bytes before */
	ERR(B16, 0, "F", "", BX_ERR_TRUNCATED, 1),
	ERR(B16, 0, "FD8", "\xfd", BX_ERR_TRUNCATED, 3),
	ERR(B16, 0, "414\n", "A", BX_ERR_TRUNCATED, 4),
	ERR(B16, 0, "FD=", "\xfd", BX_ERR_BAD_CHAR, 2),
	ERR(B16, 0, "FD==", "\xfd", BX_ERR_BAD_CHAR, 2),
	ERR(B16, 0, "=", "", BX_ERR_BAD_CHAR, 0),
	ERR(B16, 0, ".", "", BX_ERR_BAD_CHAR, 0),
	ERR(B16, 0, "G", "", BX_ERR_BAD_CHAR, 0),
	ERR(B16, 0, "FDG", "\xfd", BX_ERR_BAD_CHAR, 2),
	ERR(B16, 0, "FD D8", "\xfd", BX_ERR_BAD_CHAR, 2),
	ERR(B16, 0, "F D", "", BX_ERR_BAD_CHAR, 1),
	ERR(B16, 0, "FD\0", "\xfd", BX_ERR_BAD_CHAR, 2),
	ERR(B16, 0, "41\n4\n2G", "AB", BX_ERR_BAD_CHAR, 6),
	OK_(B16, SKIP, "&FDD807D1A5", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B16, SKIP, "FDD807D1A5G", "\xfd\xd8\x07\xd1\xa5"),
	OK_(B16, SKIP, "F D", "\xfd"),
	OK_(B16, SKIP, "=F=D=\0", "\xfd"),
	ERR(B16, SKIP, "FD8", "\xfd", BX_ERR_TRUNCATED, 3),
	ERR(B16, SKIP, "F", "", BX_ERR_TRUNCATED, 1),
	ERR(B16, SKIP, "41\n42\n4 ", "AB", BX_ERR_TRUNCATED, 8),

	/* base2, most significant bit first */
	OK_(B2M, 0, "11000001", "\xc1"),
	OK_(B2M, 0, "110\n00001", "\xc1"),
	OK_(B2M, SKIP, "110x00001", "\xc1"),
	OK_(B2M, SKIP, "=11000001=", "\xc1"),
	OK_(B2M, 0, "0110000101100010", "ab"),
	OK_(B2M, 0, "011\n000\n010\n110\n001\n0", "ab"),
	ERR(B2M, 0, "110x00001", "", BX_ERR_BAD_CHAR, 3),
	ERR(B2M, 0, "11000001x", "\xc1", BX_ERR_BAD_CHAR, 8),
	ERR(B2M, 0, "1", "", BX_ERR_TRUNCATED, 1),
	ERR(B2M, 0, "1000100", "", BX_ERR_TRUNCATED, 7),
	ERR(B2M, 0, "100010000000000", "\x88", BX_ERR_TRUNCATED, 15),
	ERR(B2M, 0, "01100001=", "a", BX_ERR_BAD_CHAR, 8),
	ERR(B2M, 0, "0110 0001", "", BX_ERR_BAD_CHAR, 4),
	ERR(B2M, 0, "2", "", BX_ERR_BAD_CHAR, 0),
	ERR(B2M, 0, "0110\n0002", "", BX_ERR_BAD_CHAR, 8),
	ERR(B2M, SKIP, "01100001x0110001", "a", BX_ERR_TRUNCATED, 16),

	/* base2, least significant bit first */
	OK_(B2L, 0, "11000001", "\x83"),
	OK_(B2L, 0, "110\n00001", "\x83"),
	OK_(B2L, SKIP, "110x00001", "\x83"),
	OK_(B2L, 0, "1000011001000110", "ab"),
	OK_(B2L, 0, "100\n001\n100\n100\n011\n0", "ab"),
	ERR(B2L, 0, "110x00001", "", BX_ERR_BAD_CHAR, 3),
	ERR(B2L, 0, "11000001x", "\x83", BX_ERR_BAD_CHAR, 8),
	ERR(B2L, 0, "1", "", BX_ERR_TRUNCATED, 1),
	ERR(B2L, 0, "1000100", "", BX_ERR_TRUNCATED, 7),
	ERR(B2L, 0, "100010000000000", "\x11", BX_ERR_TRUNCATED, 15),

	/* z85 */
	OK_(Z85, 0, "HelloWorld", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"),
	OK_(Z85, SKIP, "~HelloWorld", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"),
	OK_(Z85, SKIP, " HelloWorld", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"),
	OK_(Z85, 0, "%j$qP", "\xff\xdd\xbb\x99"),
	OK_(Z85, SKIP, "%j~$qP", "\xff\xdd\xbb\x99"),
	OK_(Z85, 0, "hello", "5jXu"),
	OK_(Z85, 0, "he\nl\nlo", "5jXu"),
	OK_(Z85, 0, "ABCDE", "\x71\x61\x9e\xb6"),
	OK_(Z85, 0, "%nSc0", "\xff\xff\xff\xff"),
	OK_(Z85, 0, "0000000000", "\0\0\0\0\0\0\0\0"),
	/* a length that is not a multiple of 5 */
	ERR(Z85, 0, "A", "", BX_ERR_TRUNCATED, 1),
	ERR(Z85, 0, "ABCD", "", BX_ERR_TRUNCATED, 4),
	ERR(Z85, 0, "ABCDEF", "\x71\x61\x9e\xb6", BX_ERR_TRUNCATED, 6),
	ERR(Z85, 0, "helloX", "5jXu", BX_ERR_TRUNCATED, 6),
	ERR(Z85, 0, "HelloWorl", "\x86\x4f\xd2\x6f", BX_ERR_TRUNCATED, 9),
	ERR(Z85, 0, "Hello\nWor\n", "\x86\x4f\xd2\x6f", BX_ERR_TRUNCATED, 10),
	/* outside the alphabet: the whole groups before, nothing of its own */
	ERR(Z85, 0, " j$qP", "", BX_ERR_BAD_CHAR, 0),
	ERR(Z85, 0, "%j$q~", "", BX_ERR_BAD_CHAR, 4),
	ERR(Z85, 0, "%j$\"P", "", BX_ERR_BAD_CHAR, 3),
	ERR(Z85, 0, "Hello World", "\x86\x4f\xd2\x6f", BX_ERR_BAD_CHAR, 5),
	ERR(Z85, 0, "HelloWorld\x7f", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b",
	    BX_ERR_BAD_CHAR, 10),
	ERR(Z85, 0, "abcde_", "\x1f\x85\x9a\x24", BX_ERR_BAD_CHAR, 5),
	ERR(Z85, 0, "\0", "", BX_ERR_BAD_CHAR, 0),
	ERR(Z85, 0, "Hel\"loWorld", "", BX_ERR_BAD_CHAR, 3),
	/* a group worth more than 0xFFFFFFFF: nothing of it */
	ERR(Z85, 0, "%nSc1", "", BX_ERR_OVERFLOW, 0),
	ERR(Z85, 0, "%nSd0", "", BX_ERR_OVERFLOW, 0),
	ERR(Z85, 0, "%nTc0", "", BX_ERR_OVERFLOW, 0),
	ERR(Z85, 0, "%oSc0", "", BX_ERR_OVERFLOW, 0),
	ERR(Z85, 0, "$nSc0", "", BX_ERR_OVERFLOW, 0),
	ERR(Z85, 0, "#0000", "", BX_ERR_OVERFLOW, 0),
	ERR(Z85, 0, "#####", "", BX_ERR_OVERFLOW, 0),
	ERR(Z85, 0, "Hello#0000", "\x86\x4f\xd2\x6f", BX_ERR_OVERFLOW, 5),
	ERR(Z85, 0, "Hello\n#####", "\x86\x4f\xd2\x6f", BX_ERR_OVERFLOW, 6),
	ERR(Z85, 0, "Hel\nlo\n####\n#", "\x86\x4f\xd2\x6f",
	    BX_ERR_OVERFLOW, 7),
	/* -i drops '"' and the like, keeps NUL (which is then invalid) */
	OK_(Z85, SKIP, "Hel\"loWorld", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"),
	OK_(Z85, SKIP, "Hello|,;'\\_`World",
	    "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"),
	OK_(Z85, SKIP, "Hello\x80World\xff",
	    "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"),
	OK_(Z85, SKIP, "HelloWorld\x7f", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b"),
	ERR(Z85, SKIP, "HelloWorld\0", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b",
	    BX_ERR_BAD_CHAR, 10),
	ERR(Z85, SKIP, "Hello\0World", "\x86\x4f\xd2\x6f", BX_ERR_BAD_CHAR, 5),
	ERR(Z85, SKIP, "\0", "", BX_ERR_BAD_CHAR, 0),
	ERR(Z85, SKIP, "Hello\n\0", "\x86\x4f\xd2\x6f", BX_ERR_BAD_CHAR, 6),
	ERR(Z85, SKIP, "He\"l\nlo\nWo\"rl", "\x86\x4f\xd2\x6f",
	    BX_ERR_TRUNCATED, 13),
};

/*
 * The expected line and column of offset OFF in IN[0..N): 1 + the line
 * feeds before it, and the bytes since the last one, plus 1.
 */
static void
where(const char *in, size_t off, uint64_t *line, uint64_t *col)
{
	size_t k, start = 0;

	*line = 1;
	for (k = 0; k < off; k++)
		if (in[k] == '\n') {
			++*line;
			start = k + 1;
		}
	*col = off - start + 1;
}

/* Whether R is what case C expects; WHY says what is not. */
static int
as_expected(const struct rcase *c, const struct res *r, const char **why)
{
	uint64_t line, col;

	*why = r->bad;
	if (r->bad)
		return 0;
	*why = "status";
	if (r->st != c->st)
		return 0;
	*why = "bytes";
	if (r->len != c->outn || memcmp(r->out, c->out, c->outn) != 0)
		return 0;
	if (!BX_IS_ERROR(c->st))
		return 1;
	*why = "error offset";
	if (r->off != (uint64_t)c->off)
		return 0;
	where(c->in, (size_t)c->off, &line, &col);
	*why = "error line or column";
	if (r->line != line || r->col != col)
		return 0;
	/* The byte: itself for a byte outside the alphabet, 0 for the end
	 * of the input.  (Not checked for the other errors at a byte.) */
	*why = "error byte";
	if (c->st == BX_ERR_BAD_CHAR &&
	    r->byte != (unsigned char)c->in[c->off])
		return 0;
	if ((size_t)c->off == c->n && r->byte != 0)
		return 0;
	return 1;
}

static void
test_rules(void)
{
	static struct res r;
	size_t k, i, cuts[1024];

	for (k = 0; k < sizeof(rcases) / sizeof(rcases[0]); k++) {
		const struct rcase *c = &rcases[k];
		const char *why;
		const char *sk = c->flags & SKIP ? " -i" :
		    c->flags & STRICT ? (c->flags & NOPAD ?
		    " --strict --no-pad" : " --strict") :
		    c->flags & LEN ? " --lenient" : "";
		uint64_t line = 0, col = 0;

		if (BX_IS_ERROR(c->st))
			where(c->in, (size_t)c->off, &line, &col);
		dec_once(c->kind, c->flags, c->in, c->n, &r);
		if (!tap_ok(as_expected(c, &r, &why),
		    "decode %s%s \"%s\": %zu bytes, %s at %ld (%llu:%llu)",
		    kind_names[c->kind], sk, shown(c->in, c->n), c->outn,
		    bx_name(c->st), BX_IS_ERROR(c->st) ? c->off : -1L,
		    (unsigned long long)line, (unsigned long long)col)) {
			tap_diag("  wrong: %s", why);
			diag_res("got", &r);
		}
		/* One byte per call gives the same. */
		for (i = 0; i < c->n && i < 1024; i++)
			cuts[i] = i;
		dec_stream(c->kind, c->flags, (const unsigned char *)c->in,
		    c->n, cuts, c->n, 4096, &r);
		if (!tap_ok(as_expected(c, &r, &why),
		    "decode %s%s \"%s\" one byte per call",
		    kind_names[c->kind], sk, shown(c->in, c->n))) {
			tap_diag("  wrong: %s", why);
			diag_res("got", &r);
		}
	}
}

/* ---- Streaming ----------------------------------------------------------- */

/*
 * Every split of IN[0..N) into two and three pieces with room for
 * everything, and every room of 1 to 16 bytes with no split and with each
 * split into two, against one call: the first difference, or NULL.
 */
static const char *
stream_dec_all(enum bx_kind kind, unsigned flags, const unsigned char *in,
    size_t n, const struct res *one, struct res *r)
{
	size_t i, j, cap, cuts[2];

	for (i = 0; i <= n; i++) {
		cuts[0] = i;
		dec_stream(kind, flags, in, n, cuts, 1, OUTMAX, r);
		if (r->bad || differs(one, r))
			return "a split into two";
		for (j = i; j <= n && n <= 40; j++) {
			cuts[1] = j;
			dec_stream(kind, flags, in, n, cuts, 2, OUTMAX, r);
			if (r->bad || differs(one, r))
				return "a split into three";
		}
	}
	for (cap = 1; cap <= 16; cap++) {
		dec_stream(kind, flags, in, n, cuts, 0, cap, r);
		if (r->bad || differs(one, r))
			return "small room";
		for (i = 0; i <= n && n <= 24; i++) {
			cuts[0] = i;
			dec_stream(kind, flags, in, n, cuts, 1, cap, r);
			if (r->bad || differs(one, r))
				return "small room and a split into two";
		}
	}
	return NULL;
}

static const char *
stream_enc_all(enum bx_kind kind, unsigned flags, size_t wrap,
    const unsigned char *in, size_t n, const struct res *one, struct res *r)
{
	size_t i, j, cap, cuts[2];

	for (i = 0; i <= n; i++) {
		cuts[0] = i;
		enc_stream(kind, flags, wrap, in, n, cuts, 1, OUTMAX, r);
		if (r->bad || differs(one, r))
			return "a split into two";
		for (j = i; j <= n; j++) {
			cuts[1] = j;
			enc_stream(kind, flags, wrap, in, n, cuts, 2, OUTMAX,
			    r);
			if (r->bad || differs(one, r))
				return "a split into three";
		}
	}
	for (cap = 1; cap <= 16; cap++)
		for (i = 0; i <= n; i++) {
			cuts[0] = i;
			enc_stream(kind, flags, wrap, in, n, cuts, 1, cap, r);
			if (r->bad || differs(one, r))
				return "small room and a split into two";
		}
	return NULL;
}

static void
test_streaming(void)
{
	static const size_t wraps[] = { 0, 1, 3, 76 };
	static struct res one, r;
	static unsigned char data[16];
	static char text[OUTMAX];
	struct rng g;
	size_t k;
	unsigned kind;

	/* The decoder, on every rule case ... */
	for (k = 0; k < sizeof(rcases) / sizeof(rcases[0]); k++) {
		const struct rcase *c = &rcases[k];
		const unsigned char *in = (const unsigned char *)c->in;
		const char *why;

		dec_once(c->kind, c->flags, in, c->n, &one);
		why = stream_dec_all(c->kind, c->flags, in, c->n, &one, &r);
		if (!tap_ok(why == NULL, "stream decode %s%s \"%s\": every "
		    "split, room 1..16: as one call", kind_names[c->kind],
		    c->flags & SKIP ? " -i" : "", shown(c->in, c->n))) {
			tap_diag("  differs: %s", why);
			diag_res("one call", &one);
			diag_res("streamed", &r);
		}
	}
	/* ... and on wrapped encodings of 0 to 9 random bytes. */
	rng_init(&g, 32);
	for (kind = 0; kind < BX_NKINDS; kind++) {
		size_t fails = 0;

		for (size_t n = 0; n < 10; n++) {
			size_t tn, m = kind == BX_Z85 ? n - n % 4 : n;
			const char *why;

			rng_fill(&g, data, m);
			tn = ref_bx(kind, data, m, n % 2, 1 + n % 4, text);
			dec_once(kind, 0, text, tn, &one);
			why = stream_dec_all(kind, 0,
			    (const unsigned char *)text, tn, &one, &r);
			if (why != NULL && fails++ == 0) {
				tap_diag("  %zu bytes: %s", m, why);
				diag_res("one call", &one);
				diag_res("streamed", &r);
			}
		}
		tap_ok(fails == 0, "stream decode %s: wrapped encodings of 0..9 "
		    "bytes, every split, room 1..16: as one call",
		    kind_names[kind]);
	}

	/* The encoder: 0 to 13 bytes, each wrap, base32 unpadded too (z85
	 * with lengths that are not a multiple of 4: BX_ERR_LENGTH after the
	 * whole groups). */
	rng_init(&g, 85);
	for (kind = 0; kind < BX_NKINDS; kind++)
		for (size_t w = 0; w < 4; w++)
			for (int nopad = 0; nopad < 2; nopad++) {
				unsigned flags = nopad ? BX_NO_PAD : 0;
				size_t fails = 0;

				if (nopad && kind != BX_BASE32 &&
				    kind != BX_BASE32HEX)
					continue;
				for (size_t n = 0; n <= 13; n++) {
					const char *why;

					rng_fill(&g, data, n);
					enc_once(kind, flags, wraps[w], data, n,
					    &one);
					why = stream_enc_all(kind, flags,
					    wraps[w], data, n, &one, &r);
					if (why != NULL && fails++ == 0) {
						tap_diag("  %zu bytes: %s", n,
						    why);
						diag_res("one call", &one);
						diag_res("streamed", &r);
					}
				}
				tap_ok(fails == 0, "stream encode %s%s wrap "
				    "%zu: 0..13 bytes, every split, room "
				    "1..16: as one call", kind_names[kind],
				    nopad ? " unpadded" : "", wraps[w]);
			}

	/* What every streamed call above promised about its room. */
	for (kind = 0; kind < BX_NKINDS; kind++) {
		if (!tap_ok(dec_breach[kind].count == 0, "decode %s: "
		    "BX_NEED_OUTPUT only when the room left is under a "
		    "group's %u bytes", kind_names[kind],
		    bx_group_bytes(kind)))
			tap_diag("  %lu times; the first: %s",
			    dec_breach[kind].count, dec_breach[kind].first);
		if (!tap_ok(enc_breach[kind].count == 0, "encode %s: "
		    "BX_NEED_OUTPUT only when the next group and its line "
		    "feeds do not fit", kind_names[kind]))
			tap_diag("  %lu times; the first: %s",
			    enc_breach[kind].count, enc_breach[kind].first);
	}
}

/* ---- Error positions ----------------------------------------------------- */

/* Located errors with their position written out by hand. */
struct located {
	enum bx_kind kind;
	unsigned flags;
	const char *in;
	size_t n;
	enum bx_status st;
	uint64_t off, line, col;
	int byte;               /* -1: not checked */
};

static const struct located locs[] = {
	{ B16, 0, S("41\n4\n2G"), BX_ERR_BAD_CHAR, 6, 3, 2, 'G' },
	{ B16, 0, S("414\n"), BX_ERR_TRUNCATED, 4, 2, 1, 0 },
	{ B32, 0, S("MF\nRG\n!G==="), BX_ERR_BAD_CHAR, 6, 3, 1, '!' },
	{ B32, 0, S("MF\nRG\nH==="), BX_ERR_NONCANONICAL, 6, 3, 1, -1 },
	{ B32, 0, S("MFRGG===\n!"), BX_ERR_BAD_CHAR, 9, 2, 1, '!' },
	{ B32, 0, S("MFRG\nG=\nA="), BX_ERR_PADDING, 8, 3, 1, -1 },
	{ B32, 0, S("M\nF\nR\nG\nG\n=\n=\n"), BX_ERR_PADDING, 12, 7, 1, 0 },
	{ B32, 0, S("\nMFRGGZDF\r\n"), BX_ERR_BAD_CHAR, 9, 2, 9, '\r' },
	{ B32, SKIP, S("ME==\n*====\nMZ======"), BX_ERR_NONCANONICAL,
	    12, 3, 2, -1 },
	{ B2M, 0, S("0110\n0002"), BX_ERR_BAD_CHAR, 8, 2, 4, '2' },
	{ Z85, 0, S("Hello\n#####"), BX_ERR_OVERFLOW, 6, 2, 1, -1 },
	{ Z85, 0, S("Hel\nlo\n####\n#"), BX_ERR_OVERFLOW, 7, 3, 1, -1 },
	{ Z85, SKIP, S("Hello\n\0"), BX_ERR_BAD_CHAR, 6, 2, 1, 0 },
	{ Z85, SKIP, S("x\n\"\n\0"), BX_ERR_BAD_CHAR, 4, 3, 1, 0 },
	{ Z85, 0, S("ABCD\n"), BX_ERR_TRUNCATED, 5, 2, 1, 0 },
	{ B32, STRICT, S("MFRGGZDF\nMF"), BX_ERR_MISSING_PAD, 11, 2, 3, 0 },
	{ B32, STRICT, S("MFRGG===\nMF"), BX_ERR_DATA_AFTER_PAD, 9, 2, 1, 0 },
	{ B16, STRICT, S("ab\nA"), BX_ERR_CASE, 3, 2, 1, -1 },
	{ B32, LEN, S(" MF\r\nRG\t!G==="), BX_ERR_BAD_CHAR, 8, 2, 4, '!' },
};

static void
test_positions(void)
{
	static struct res r;
	size_t k;

	for (k = 0; k < sizeof(locs) / sizeof(locs[0]); k++) {
		const struct located *c = &locs[k];
		int ok;

		dec_once(c->kind, c->flags, c->in, c->n, &r);
		ok = r.st == c->st && r.off == c->off && r.line == c->line &&
		    r.col == c->col && (c->byte < 0 || r.byte == c->byte);
		if (!tap_ok(ok, "position: %s%s \"%s\": %s at offset %llu, "
		    "line %llu, column %llu", kind_names[c->kind],
		    c->flags & SKIP ? " -i" : "", shown(c->in, c->n),
		    bx_name(c->st), (unsigned long long)c->off,
		    (unsigned long long)c->line, (unsigned long long)c->col))
			diag_res("got", &r);
	}
}

/*
 * Text in lines: the decoder copies many whole lines without their line
 * feeds and decodes the copy at once (compact_lines() in basex.c), which
 * a caller feeding one byte per call never lets it do.  Both must give
 * the same bytes, status and error place, for valid text and for text
 * damaged anywhere (a byte replaced, one dropped, a line feed added).
 */
static void
test_compacted_lines(void)
{
	static const size_t wraps[] = { 5, 8, 76, 77 };
	static struct res one, each;
	static size_t cuts[OUTMAX];
	static char text[OUTMAX];
	struct rng g;

	rng_init(&g, 4632);
	for (int kind = 0; kind < BX_NKINDS; kind++) {
		size_t n = kind == BX_BASE2MSBF || kind == BX_BASE2LSBF ? 600 :
		    kind == BX_BASE16 ? 1500 : 2000;
		unsigned long cases = 0, bad = 0;
		char what[160] = "";

		for (size_t w = 0; w < sizeof(wraps) / sizeof(wraps[0]); w++) {
			size_t rl;

			rng_fill(&g, rt_data, n);
			rl = ref_bx((enum bx_kind)kind, rt_data, n, 0, wraps[w],
			    rt_ref);
			for (size_t p = 0; p <= rl; p += p < rl ? 1 + rng_below(&g,
			    97) : 1) {
				for (int how = 0; how < 4; how++) {
					size_t tl = 0;

					/* 0: as it is; 1: a byte replaced by
					 * '*'; 2: dropped; 3: a LF added. */
					if (how > 0 && p == rl)
						continue;
					memcpy(text, rt_ref, p);
					tl = p;
					if (how == 1)
						text[tl++] = '*';
					if (how == 3)
						text[tl++] = '\n';
					if (how != 1 && how != 2 && p < rl)
						text[tl++] = rt_ref[p];
					memcpy(text + tl, rt_ref + p + 1,
					    rl - p - (p < rl));
					tl += rl - p - (p < rl);
					if (how == 0 && p > 0)
						continue;
					dec_once((enum bx_kind)kind, 0, text, tl,
					    &one);
					for (size_t k = 0; k < tl; k++)
						cuts[k] = k + 1;
					dec_stream((enum bx_kind)kind, 0,
					    (const unsigned char *)text, tl, cuts,
					    tl > 0 ? tl - 1 : 0, OUTMAX, &each);
					cases++;
					if (one.bad || each.bad ||
					    differs(&one, &each) ||
					    (how == 0 && (one.st != BX_OK ||
					    one.len != n))) {
						if (bad++ == 0)
							snprintf(what,
							    sizeof(what),
							    "wrap %zu, change %d "
							    "at %zu: %s and %s",
							    wraps[w], how, p,
							    bx_name(one.st),
							    bx_name(each.st));
					}
				}
			}
		}
		if (!tap_ok(bad == 0 && cases > 100, "lines decoded many at a "
		    "time: %s, %lu cases, the same as one byte per call",
		    kind_names[kind], cases))
			tap_diag("%lu differ; the first: %s", bad, what);
	}
}

/* ---- Z85 lengths, unsupported settings, latching ------------------------- */

static void
test_z85_length(void)
{
	static struct res r;
	static const char data[] = "abcdefghij";
	size_t n;

	for (n = 1; n <= 10; n++) {
		size_t whole = n / 4 * 5;
		int ok;

		if (n % 4 == 0)
			continue;
		enc_once(BX_Z85, 0, 0, data, n, &r);
		ok = r.st == BX_ERR_LENGTH && r.len == whole;
		if (!tap_ok(ok, "z85 encode of %zu bytes: BX_ERR_LENGTH after "
		    "the %zu characters of the whole groups", n, whole))
			diag_res("got", &r);
	}
	/* Wrapped: the lines of the whole groups, no LF for the refusal. */
	enc_once(BX_Z85, 0, 3, "\x86\x4f\xd2\x6f\xb5", 5, &r);
	tap_ok(r.st == BX_ERR_LENGTH && r.len == 6 &&
	    memcmp(r.out, "Hel\nlo", 6) == 0,
	    "z85 encode of 5 bytes wrapped at 3: \"Hel\\nlo\", then "
	    "BX_ERR_LENGTH");
	/* A last line the whole groups fill: its LF is not written. */
	{
		char ref[8];

		ref_bx(BX_Z85, (const unsigned char *)"abcd", 4, 0, 0, ref);
		enc_once(BX_Z85, 0, 5, "abcde", 5, &r);
		tap_ok(r.st == BX_ERR_LENGTH && r.len == 5 &&
		    memcmp(r.out, ref, 5) == 0,
		    "z85 encode of 5 bytes wrapped at 5: \"%.5s\" without "
		    "its LF, then BX_ERR_LENGTH", ref);
	}
	/* The refusal latches. */
	{
		struct bx_encoder e;
		char out[16];
		size_t used = 9, len = 9;
		enum bx_status st1, st2, st3;

		bx_encoder_init(&e, BX_Z85, 0, 0);
		st1 = bx_encode_update(&e, "abc", 3, &used, out, sizeof(out),
		    &len);
		st2 = bx_encode_final(&e, out, sizeof(out), &len);
		st3 = bx_encode_final(&e, out, sizeof(out), &len);
		tap_ok(st1 == BX_OK && st2 == BX_ERR_LENGTH &&
		    st3 == BX_ERR_LENGTH && len == 0,
		    "z85 encode: BX_ERR_LENGTH at final, again at a second "
		    "final");
		st1 = bx_encode_update(&e, "d", 1, &used, out, sizeof(out),
		    &len);
		tap_ok(st1 == BX_ERR_LENGTH && used == 0 && len == 0,
		    "z85 encode: update after BX_ERR_LENGTH gives it again, "
		    "takes and writes nothing");
	}
}

/*
 * Final with no room at all: BX_OK when nothing is left to write (no
 * input, or whole groups on lines they did not fill), BX_NEED_OUTPUT when
 * a line's LF is still owed, which one byte then takes.
 */
static void
test_final_room(void)
{
	static const size_t wraps[] = { 0, 1, 3, 76 };
	static const unsigned char data[5] = "abcde";

	for (size_t w = 0; w < 4; w++) {
		unsigned long wrong = 0;
		unsigned kind;

		for (kind = 0; kind < BX_NKINDS; kind++) {
			struct bx_encoder e;
			char out[32];
			size_t used, len = 9, gb = bx_group_bytes(kind);
			size_t gc = bx_group_chars(kind), wrap = wraps[w];
			enum bx_status st;

			/* No input. */
			bx_encoder_init(&e, kind, 0, wrap);
			st = bx_encode_final(&e, out, 0, &len);
			if (st != BX_OK || len != 0) {
				if (wrong++ == 0)
					tap_diag("  %s, no input: %s",
					    kind_names[kind], bx_name(st));
			}
			/* One group. */
			bx_encoder_init(&e, kind, 0, wrap);
			bx_encode_update(&e, data, gb, &used, out, sizeof(out),
			    &len);
			st = bx_encode_final(&e, out, 0, &len);
			if (wrap == 0 || gc % wrap != 0) {
				/* Nothing, or the LF of a partial line. */
				if (st != (wrap ? BX_NEED_OUTPUT : BX_OK) &&
				    wrong++ == 0)
					tap_diag("  %s, one group: %s",
					    kind_names[kind], bx_name(st));
				continue;
			}
			/* The group filled its line: the LF is owed. */
			if (st == BX_NEED_OUTPUT)
				st = bx_encode_final(&e, out, 1, &len);
			if ((st != BX_OK || len != 1 || out[0] != '\n') &&
			    wrong++ == 0)
				tap_diag("  %s, one group filling its line: "
				    "%s, %zu bytes", kind_names[kind],
				    bx_name(st), len);
		}
		tap_ok(wrong == 0, "encode final with no room, wrap %zu: "
		    "BX_OK when nothing is left to write", wraps[w]);
	}
}

static void
test_unsupported(void)
{
	static const int bad_kinds[] = { BX_NKINDS, BX_NKINDS + 1, 99, -1 };
	static const unsigned bad_flags[] = { 0x1, 0x4, 0x8, 0x80, 0x1000,
	    0x80000000u };
	struct bx_encoder e;
	struct bx_decoder d;
	size_t k, used, len;
	unsigned kind;

	for (k = 0; k < sizeof(bad_kinds) / sizeof(bad_kinds[0]); k++) {
		enum bx_kind bk = (enum bx_kind)bad_kinds[k];
		unsigned char *op;
		enum bx_status s1, s2, s3;
		int wrote;

		s1 = bx_encoder_init(&e, bk, 0, 76);
		op = arena_output(64);
		used = len = 9;
		s2 = bx_encode_update(&e, "abcdefgh", 8, &used, (char *)op, 64,
		    &len);
		wrote = used != 0 || len != 0;
		s3 = bx_encode_final(&e, (char *)op, 64, &len);
		wrote |= len != 0 || op[0] != GUARD_BYTE || !arena_guard_ok();
		tap_ok(s1 == BX_ERR_UNSUPPORTED && s2 == s1 && s3 == s1 &&
		    !wrote, "encoder of kind %d: BX_ERR_UNSUPPORTED from "
		    "init, update and final, nothing written", bad_kinds[k]);

		s1 = bx_decoder_init(&d, bk, 0);
		op = arena_output(64);
		used = len = 9;
		s2 = bx_decode_update(&d, "MFRGG===", 8, &used, op, 64, &len);
		wrote = used != 0 || len != 0;
		s3 = bx_decode_final(&d, op, 64, &len);
		wrote |= len != 0 || op[0] != GUARD_BYTE || !arena_guard_ok();
		tap_ok(s1 == BX_ERR_UNSUPPORTED && s2 == s1 && s3 == s1 &&
		    !wrote, "decoder of kind %d: BX_ERR_UNSUPPORTED from "
		    "init, update and final, nothing written", bad_kinds[k]);

		tap_ok(bx_group_bytes(bk) == 0 && bx_group_chars(bk) == 0 &&
		    bx_encoded_len(bk, 5, 0, 0) == SIZE_MAX &&
		    !bx_is_alphabet(bk, 'A'),
		    "kind %d: no group sizes, no length, no alphabet",
		    bad_kinds[k]);
	}
	for (kind = 0; kind < BX_NKINDS; kind++) {
		unsigned long refused = 0;

		for (k = 0; k < sizeof(bad_flags) / sizeof(bad_flags[0]);
		    k++) {
			refused += bx_encoder_init(&e, kind, bad_flags[k], 0) ==
			    BX_ERR_UNSUPPORTED;
			refused += bx_decoder_init(&d, kind, bad_flags[k]) ==
			    BX_ERR_UNSUPPORTED;
			used = len = 9;
			refused += bx_decode_update(&d, "0", 1, &used, NULL, 0,
			    &len) == BX_ERR_UNSUPPORTED && used == 0 &&
			    len == 0;
		}
		tap_ok(refused == 3 * k, "%s: unknown flag bits refused by "
		    "the encoder and the decoder", kind_names[kind]);
		tap_ok(bx_encoder_init(&e, kind, 0, 0) == BX_OK &&
		    bx_decoder_init(&d, kind, 0) == BX_OK &&
		    bx_decoder_init(&d, kind, BX_SKIP_GARBAGE) == BX_OK &&
		    (bx_encoder_init(&e, kind, BX_NO_PAD, 0) == BX_OK) ==
		    (kind == BX_BASE32 || kind == BX_BASE32HEX),
		    "%s: the flags it takes (BX_NO_PAD only for base32 and "
		    "base32hex)", kind_names[kind]);
		{
			int rules = kind == BX_BASE32 ||
			    kind == BX_BASE32HEX || kind == BX_BASE16;
			int b32 = kind == BX_BASE32 || kind == BX_BASE32HEX;

			tap_ok((bx_decoder_init(&d, kind, BX_STRICT) ==
			    BX_OK) == rules && (bx_decoder_init(&d, kind,
			    BX_LENIENT) == BX_OK) == rules &&
			    (bx_decoder_init(&d, kind, BX_STRICT |
			    BX_NO_PAD) == BX_OK) == b32 &&
			    (bx_decoder_init(&d, kind, BX_NO_PAD) ==
			    BX_OK) == b32 && bx_decoder_init(&d, kind,
			    BX_STRICT | BX_LENIENT) == BX_ERR_UNSUPPORTED,
			    "%s: decoding takes BX_STRICT and BX_LENIENT "
			    "(not both) only for base32, base32hex and "
			    "base16", kind_names[kind]);
		}
	}
}

/* After an error every call gives it again and moves nothing. */
static void
test_latching(void)
{
	static const struct {
		enum bx_kind kind;
		const char *in;
	} cases[] = {
		{ BX_BASE32, "MF!GGZDFMFRGGZDF" },
		{ BX_BASE32HEX, "C5H67===C5H66===" },
		{ BX_BASE16, "41G142" },
		{ BX_BASE2MSBF, "0110000201100001" },
		{ BX_Z85, "#####HelloWorld" },
	};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct bx_decoder d;
		unsigned char out[64];
		size_t used, len, n = strlen(cases[k].in);
		enum bx_status st, st2, st3;
		uint64_t off, line, col;
		int ok;

		bx_decoder_init(&d, cases[k].kind, 0);
		st = bx_decode_update(&d, cases[k].in, n, &used, out,
		    sizeof(out), &len);
		off = bx_decoder_error_offset(&d);
		line = bx_decoder_error_line(&d);
		col = bx_decoder_error_column(&d);
		st2 = bx_decode_update(&d, "0000000000", 10, &used, out,
		    sizeof(out), &len);
		ok = BX_IS_ERROR(st) && st2 == st && used == 0 && len == 0;
		st3 = bx_decode_final(&d, out, sizeof(out), &len);
		ok = ok && st3 == st && len == 0 &&
		    bx_decoder_error_offset(&d) == off &&
		    bx_decoder_error_line(&d) == line &&
		    bx_decoder_error_column(&d) == col;
		tap_ok(ok, "decode %s \"%s\": the error latches",
		    kind_names[cases[k].kind], cases[k].in);
	}
}

/* ---- Small helpers ------------------------------------------------------- */

static void
test_helpers(void)
{
	static const unsigned bytes[BX_NKINDS] = { 5, 5, 1, 1, 1, 4 };
	static const unsigned chars[BX_NKINDS] = { 8, 8, 2, 8, 8, 5 };
	static const size_t wraps[] = { 0, 1, 3, 76 };
	static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 1000,
	    SIZE_MAX / 16, SIZE_MAX / 8 - 1, SIZE_MAX / 8, SIZE_MAX / 8 + 1,
	    SIZE_MAX / 5 * 4, SIZE_MAX / 4, SIZE_MAX / 2, SIZE_MAX - 1,
	    SIZE_MAX };
	unsigned kind;
	size_t k;
	int ok;

	for (kind = 0; kind < BX_NKINDS; kind++) {
		unsigned long wrong = 0;

		tap_ok(bx_group_bytes(kind) == bytes[kind] &&
		    bx_group_chars(kind) == chars[kind],
		    "%s: groups of %u bytes, %u characters", kind_names[kind],
		    bytes[kind], chars[kind]);
		for (k = 0; k < 256; k++)
			wrong += !bx_is_alphabet(kind, (unsigned char)k) !=
			    !ref_bx_in_alphabet(kind, (unsigned char)k);
		tap_ok(wrong == 0, "%s: bx_is_alphabet over all 256 bytes",
		    kind_names[kind]);
	}

	/*
	 * bx_encoded_len at the edges: the exact length, or SIZE_MAX when
	 * that does not fit.  Exact here: characters c = groups * chars +
	 * the last group's; then c + c / wrap + (c % wrap != 0) LFs, each
	 * step checked for overflow.  (Within a group's characters of
	 * SIZE_MAX, SIZE_MAX is accepted for a length that would just fit.)
	 */
	ok = 1;
	for (kind = 0; kind < BX_NKINDS; kind++)
		for (int nopad = 0; nopad < 2; nopad++)
			for (size_t w = 0; w < 4; w++)
				for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]);
				    k++) {
					size_t n = sizes[k], wrap = wraps[w];
					size_t g = n / bytes[kind];
					size_t r = n % bytes[kind], c, t;
					unsigned flags = nopad ? BX_NO_PAD : 0;
					int over;

					if (nopad && kind != BX_BASE32 &&
					    kind != BX_BASE32HEX)
						continue;
					if (kind == BX_Z85 && r != 0)
						continue;
					over = __builtin_mul_overflow(g,
					    (size_t)chars[kind], &c);
					if (r != 0)
						over |= __builtin_add_overflow(c,
						    nopad ? (r * 8 + 4) / 5 : 8,
						    &c);
					if (wrap && !over && c > 0) {
						over |= __builtin_add_overflow(c,
						    c / wrap, &t);
						over |= __builtin_add_overflow(t,
						    (size_t)(c % wrap != 0), &c);
					}
					t = bx_encoded_len(kind, n, flags,
					    wrap);
					if (over ? t != SIZE_MAX : t != c &&
					    !(t == SIZE_MAX &&
					    c > SIZE_MAX - 16)) {
						if (ok)
							tap_diag("  %s n=%zu "
							    "wrap=%zu: %zu, "
							    "want %s%zu",
							    kind_names[kind],
							    n, wrap, t,
							    over ? "overflow "
							    : "", c);
						ok = 0;
					}
				}
	tap_ok(ok, "bx_encoded_len: exact, or SIZE_MAX when it does not fit, "
	    "up to SIZE_MAX bytes");

	ok = 1;
	for (k = 0; k <= BX_ERR_CASE; k++) {
		const char *s = bx_strerror((enum bx_status)k);

		ok = ok && s != NULL && *s != '\0';
		for (size_t j = 0; ok && j < k; j++)
			ok = strcmp(s, bx_strerror((enum bx_status)j)) != 0;
	}
	ok = ok && bx_strerror((enum bx_status)99) != NULL;
	tap_ok(ok, "bx_strerror: a different message for every status");
}

/* ---- Implementations ------------------------------------------------------ */

static struct res impl_a, impl_b;
static unsigned char impl_in[2600];

/*
 * Every implementation this build and CPU run gives the scalar one's
 * results: encoding random data of 0 to 700 bytes at widths 0 and 76, and
 * decoding its encoding clean, upper and lower case, with newlines every
 * 1..80 characters and with one byte replaced (vector loops must stop at
 * a block holding it and leave the rest to the portable loops).
 */
static void
test_impls(void)
{
	struct rng g;
	unsigned id;
	const char *name;

	rng_init(&g, 20261206);
	for (size_t k = 0; (name = b64_impl_at(k, &id)) != NULL; k++) {
		size_t cases = 0;
		const char *bad = NULL;

		if (id == B64_IMPL_SCALAR)
			continue;
		if (!b64_impl_available(id)) {
			tap_skip("not available in this build or on this CPU",
			    "%s gives the scalar results", name);
			continue;
		}
		for (int kind = 0; kind < BX_NKINDS && bad == NULL; kind++) {
			for (size_t t = 0; t < 120 && bad == NULL; t++) {
				/* Line lengths about the vector widths, for
				 * the line copies (join_lines, split_lines). */
				static const size_t wraps[] = { 76, 15, 16, 17,
				    31, 32, 33, 63, 64, 65, 128 };
				size_t n = rng_below(&g, 701), len, nl;
				size_t wrap = t % 2 ? wraps[t / 2 %
				    (sizeof(wraps) / sizeof(wraps[0]))] : 0;
				unsigned char text[2 * OUTMAX];

				if (kind == BX_Z85)
					n -= n % 4;
				for (size_t j = 0; j < n; j++)
					impl_in[j] = (unsigned char)rng_next(&g);
				enc_once((enum bx_kind)kind, B64_IMPL_SCALAR,
				    wrap, impl_in, n, &impl_a);
				enc_once((enum bx_kind)kind, id, wrap, impl_in,
				    n, &impl_b);
				cases++;
				if (differs(&impl_a, &impl_b) != NULL) {
					bad = "encoding";
					break;
				}
				/* The text, with newlines and maybe damage. */
				/* (Lines long enough for the text to fit in
				 * the input arena.) */
				nl = 1 + rng_below(&g, 80);
				if (nl < impl_a.len / (ARENA_LEN - impl_a.len) + 1)
					nl = impl_a.len / (ARENA_LEN -
					    impl_a.len) + 1;
				len = 0;
				for (size_t j = 0; j < impl_a.len; j++) {
					unsigned char c = impl_a.out[j];

					if (c == '\n')
						continue;
					if (t % 3 == 1 && kind == BX_BASE16)
						c = (unsigned char)(c | 0x20);
					text[len++] = c;
					if (t % 4 == 2 && j % nl == nl - 1)
						text[len++] = '\n';
				}
				if (t % 5 == 3 && len > 0)
					text[rng_below(&g, len)] =
					    (unsigned char)rng_next(&g);
				for (unsigned f = 0; f <= BX_SKIP_GARBAGE;
				    f += BX_SKIP_GARBAGE) {
					dec_once((enum bx_kind)kind,
					    f | B64_IMPL_SCALAR, text, len,
					    &impl_a);
					dec_once((enum bx_kind)kind, f | id, text,
					    len, &impl_b);
					cases++;
					if (differs(&impl_a, &impl_b) != NULL)
						bad = "decoding";
				}
			}
		}
		tap_ok(bad == NULL, "%s gives the scalar results (%zu cases)%s%s",
		    name, cases, bad ? ": differs in " : "", bad ? bad : "");
	}
}

int
main(void)
{
	test_vectors();
	test_round_trips();
	test_base16_wraps();
	test_rules();
	test_positions();
	test_compacted_lines();
	test_streaming();
	test_z85_length();
	test_final_room();
	test_unsupported();
	test_latching();
	test_helpers();
	test_impls();
	return tap_done();
}
