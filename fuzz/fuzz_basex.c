/*
 * fuzz_basex.c - the block codecs of src/codec/basex.h (base32, base32hex,
 * base16, base2msbf, base2lsbf, z85): round trips are exact, streaming
 * gives the one-call answer, and decoding any text makes sense.
 *
 * Input: byte 0 the kind (its value modulo 6, in enum bx_kind's order);
 * byte 1 the flags: bit 0 BX_SKIP_GARBAGE for decoding, bit 1 BX_NO_PAD
 * for encoding (base32 and base32hex only), bits 2-3 the text to decode
 * (0: the data itself; 1: the data mapped into the kind's alphabet, bytes
 * 0xe0 and up becoming LF, '=' or bytes outside it; 2: the encoding of
 * the data with one to four bytes changed; 3: the encoding unchanged);
 * byte 2 the line width (0: none); bytes 3-6 a seed for the split points,
 * the room given to each call and the edits; the rest is the data.
 *
 * 1. Every kind, with the width (and BX_NO_PAD for base32 and base32hex):
 *    the data (z85: its whole groups of 4 bytes) encoded in one update
 *    call and final into exactly bx_encoded_len() bytes is what the
 *    reference encoder of tests/support/basex_ref.h gives, and decodes back
 *    to the data, with BX_SKIP_GARBAGE too, and with BX_STRICT (BX_NO_PAD
 *    when unpadded) and BX_LENIENT for base32, base32hex and base16;
 *    z85 of a length not a
 *    multiple of 4 writes the whole groups (without the LF of a line they
 *    fill) and then refuses with BX_ERR_LENGTH.
 * 2. The kind of byte 0: random splits of the data into chunks (empty
 *    ones too) with random room per call give the one-call encoding; each
 *    call keeps its promises (in_used and out_len in bounds, BX_OK only
 *    with the chunk taken, BX_NEED_OUTPUT only when the next group with
 *    the LF before it does not fit, final writing nothing when it asks
 *    for room and succeeding when the room holds the rest).
 * 3. The text decoded with the kind and BX_SKIP_GARBAGE of byte 1: in one
 *    update call it writes at most DEC_BOUND bytes and makes sense on its
 *    own (a status decoding can give; an error's offset within the input,
 *    its line and column agreeing with the line feeds before it, its byte
 *    the one at the offset for a byte outside the alphabet, 0 at the end
 *    of the input; accepted text made only of bytes the kind takes, and,
 *    for base16, base2 and z85, the encoding of what it gave; errors
 *    latch); one byte per call and two random splits with random room
 *    give the same bytes, status and error position; each call keeps its
 *    promises.  The text of case 3 decodes to the data.
 *
 * Room: a decoder call may ask for more room (BX_NEED_OUTPUT) while the
 * room left is under DEC_ROOM bytes, the largest group; an encoder's final
 * may ask for one byte when it wraps lines.  tests/unit/test_basex.c holds
 * the codec to the tighter rules (the room of the kind's own group, and a
 * final with nothing left to write needing none).
 */
#include <stddef.h>
#include <stdint.h>

#include "basex.h"
#include "fuzz_common.h"
#include "basex_ref.h"

/* Room a decoder call may want before it takes a character. */
#define DEC_ROOM 5

/* Data taken from an input, so that one input stays fast. */
#define MAX_DATA 4096

static const char *const kind_names[BX_NKINDS] = {
	"base32", "base32hex", "base16", "base2msbf", "base2lsbf", "z85",
};

/* ---- References (the encoder and alphabets: basex_ref.h) ------------ */

static int
is_base32(enum bx_kind kind)
{
	return kind == BX_BASE32 || kind == BX_BASE32HEX;
}

/* A byte decoding with FLAGS takes without an error of its own: LF, the
 * alphabet, '=' in base32, W..Z in base32hex without BX_SKIP_GARBAGE;
 * with it anything but z85's NUL. */
static int
is_taken(enum bx_kind kind, unsigned flags, unsigned char c)
{
	if (flags & BX_SKIP_GARBAGE)
		return kind != BX_Z85 || c != 0;
	if (c == '\n' || ref_bx_in_alphabet(kind, c))
		return 1;
	if (is_base32(kind) && c == '=')
		return 1;
	return kind == BX_BASE32HEX && c >= 'W' && c <= 'Z';
}

/* Most bytes decoding N text bytes can give: whole groups, and for base32
 * the bytes a short last group carries. */
static size_t
dec_bound(enum bx_kind kind, size_t n)
{
	size_t gc = bx_group_chars(kind);

	return n / gc * bx_group_bytes(kind) +
	    (is_base32(kind) ? n % gc * 5 / 8 : 0);
}

/* ---- Encoding ------------------------------------------------------- */

struct enc {
	enum bx_status st;
	char *out;
	size_t len;
};

/*
 * Encode IN[0..N) with one update call and final into exactly CAP bytes
 * (final gets what update left, at least 1 when wrapping).
 */
static void
enc_single(enum bx_kind kind, unsigned flags, size_t wrap,
    const unsigned char *in, size_t n, size_t cap, struct enc *r)
{
	struct bx_encoder e;
	size_t used = 99, len = 99, fcap;

	r->out = fz_alloc(cap + 1);
	r->len = 0;
	FZ_CHECK(bx_encoder_init(&e, kind, flags, wrap) == BX_OK);
	r->st = bx_encode_update(&e, in, n, &used, r->out, cap, &len);
	FZ_CHECKF(r->st == BX_OK && used == n && len <= cap,
	    "update with bx_encoded_len room: %s, %zu of %zu taken",
	    bx_strerror(r->st), used, n);
	r->len = len;
	fcap = cap - len;
	if (wrap && fcap == 0)
		fcap = 1;
	len = 99;
	r->st = bx_encode_final(&e, r->out + r->len, fcap, &len);
	FZ_CHECK(r->st != BX_NEED_OUTPUT);
	FZ_CHECK(r->st == BX_OK ? len <= fcap : len == 0);
	r->len += len;
}

/* Characters after the last LF of OUT[0..LEN). */
static size_t
column(const char *out, size_t len)
{
	size_t k = len;

	while (k > 0 && out[k - 1] != '\n')
		k--;
	return len - k;
}

/*
 * Encode IN[0..N) through update calls on random chunks with random room,
 * then final with random room until it fits; WANT[0..WLEN) is the answer
 * and WST the status.  Each chunk ends where its heap block ends, each
 * window too.
 */
static void
enc_split(enum bx_kind kind, unsigned flags, size_t wrap,
    const unsigned char *in, size_t n, const char *want, size_t wlen,
    enum bx_status wst, struct fz_rng *rng)
{
	size_t gb = bx_group_bytes(kind), gc = bx_group_chars(kind);
	size_t max = wlen + 2 * gc + 2, pos = 0, len = 0, taken = 0;
	unsigned char *ibuf = fz_alloc(n);
	char *out = fz_alloc(wlen + 1), *obuf = fz_alloc(max);
	struct bx_encoder e;
	enum bx_status st;

	FZ_CHECK(bx_encoder_init(&e, kind, flags, wrap) == BX_OK);
	do {
		size_t clen = fz_size(rng, n - pos), done = 0, cap = 0;
		const unsigned char *chunk = ibuf + n - clen;

		if (clen)
			memcpy(ibuf + n - clen, in + pos, clen);
		do {
			size_t used = 99, l = 99, room = max - 1;

			cap = cap ? cap + 1 + fz_below(rng, 8) :
			    fz_size(rng, room);
			if (cap > room)
				cap = room;
			st = bx_encode_update(&e, chunk + done, clen - done,
			    &used, obuf + max - cap, cap, &l);
			FZ_CHECK(st == BX_OK || st == BX_NEED_OUTPUT);
			FZ_CHECK(used <= clen - done && l <= cap);
			FZ_CHECKF(len + l <= wlen, "encoder wrote %zu bytes, "
			    "the whole encoding is %zu", len + l, wlen);
			memcpy(out + len, obuf + max - cap, l);
			len += l;
			done += used;
			taken += used;
			if (st == BX_OK) {
				FZ_CHECK(done == clen);
				break;
			}
			/* Asked for room: the next group with the LF before
			 * it must not have fitted. */
			if (taken % gb + clen - done >= gb)
				FZ_CHECKF(cap - l < gc + (wrap ? (column(out,
				    len) + gc - 1) / wrap : 0),
				    "BX_NEED_OUTPUT with %zu bytes of room left "
				    "at column %zu", cap - l,
				    column(out, len));
			/* A call that did nothing gets more room next. */
			cap = used == 0 && l == 0 ? cap : 0;
		} while (done < clen);
		pos += clen;
	} while (pos < n);
	for (;;) {
		size_t left = wlen - len, cap = 1 + fz_below(rng, left + 4);
		size_t l = 99;

		st = bx_encode_final(&e, obuf + max - cap, cap, &l);
		if (st == BX_NEED_OUTPUT) {
			FZ_CHECKF(l == 0 && cap < left,
			    "final: BX_NEED_OUTPUT with %zu bytes of room for "
			    "%zu, %zu written", cap, left, l);
			continue;
		}
		FZ_CHECKF(st == wst, "final: %s, want %s", bx_strerror(st),
		    bx_strerror(wst));
		FZ_CHECK(st == BX_OK ? l == left : l == 0);
		memcpy(out + len, obuf + max - cap, l);
		len += l;
		break;
	}
	FZ_CHECKF(len == wlen && memcmp(out, want, wlen) == 0,
	    "split encoding differs (%zu vs %zu bytes)", len, wlen);
	free(ibuf);
	free(obuf);
	free(out);
}

/* Part 1 for KIND: the data through the encoder and back. */
static void
roundtrip(enum bx_kind kind, const unsigned char *data, size_t n,
    unsigned flags, size_t wrap, struct fz_rng *rng, int split)
{
	size_t m = kind == BX_Z85 ? n - n % 4 : n, rl, need;
	char *ref = fz_alloc(REF_BX_MAX(n));
	unsigned char *back;
	struct bx_decoder d;
	struct enc e;
	int nopad = (flags & BX_NO_PAD) != 0;

	fz_note("round trip %s, %zu bytes, %s, wrap %zu", kind_names[kind], m,
	    nopad ? "unpadded" : "padded", wrap);
	rl = ref_bx(kind, data, m, nopad, wrap, ref);
	need = bx_encoded_len(kind, m, flags, wrap);
	FZ_CHECKF(need == rl, "bx_encoded_len %zu, the encoding is %zu", need,
	    rl);
	enc_single(kind, flags, wrap, data, m, need, &e);
	FZ_CHECKF(e.st == BX_OK && e.len == rl && memcmp(e.out, ref, rl) == 0,
	    "encoding: %s, %zu bytes; the reference has %zu",
	    bx_strerror(e.st), e.len, rl);
	free(e.out);
	if (split)
		enc_split(kind, flags, wrap, data, m, ref, rl, BX_OK, rng);

	/* Back, without and with BX_SKIP_GARBAGE, and, where they apply,
	 * BX_STRICT (the encoding is canonical: with BX_NO_PAD when it was
	 * made without padding) and BX_LENIENT. */
	back = fz_alloc(m + DEC_ROOM);
	for (unsigned t = 0; t < 4; t++) {
		static const unsigned tried[4] = { 0, BX_SKIP_GARBAGE,
			BX_STRICT, BX_LENIENT };
		unsigned f = tried[t];
		size_t used = 99, len = 99, l2 = 99;
		enum bx_status st;

		if (t >= 2 && kind != BX_BASE32 && kind != BX_BASE32HEX &&
		    kind != BX_BASE16)
			break;
		if (f == BX_STRICT && nopad)
			f |= BX_NO_PAD;
		FZ_CHECK(bx_decoder_init(&d, kind, f) == BX_OK);
		st = bx_decode_update(&d, ref, rl, &used, back, m + DEC_ROOM,
		    &len);
		FZ_CHECKF(st == BX_OK && used == rl && len <= m,
		    "decoding the encoding: %s at %llu", bx_strerror(st),
		    (unsigned long long)bx_decoder_error_offset(&d));
		st = bx_decode_final(&d, back + len, m + DEC_ROOM - len, &l2);
		FZ_CHECKF(st == BX_OK, "decoding the encoding: final %s",
		    bx_strerror(st));
		FZ_CHECKF(len + l2 == m && memcmp(back, data, m) == 0,
		    "decoded %zu other bytes of %zu", len + l2, m);
	}
	free(back);

	/* z85 of the whole data: the whole groups, then BX_ERR_LENGTH. */
	if (m != n) {
		size_t want = rl - (wrap && rl > 0);

		e.out = fz_alloc(rl + 1);
		fz_note("z85 of %zu bytes, wrap %zu", n, wrap);
		{
			struct bx_encoder z;
			size_t used = 99, len = 99, l2 = 99;

			FZ_CHECK(bx_encoder_init(&z, BX_Z85, 0, wrap) == BX_OK);
			FZ_CHECK(bx_encode_update(&z, data, n, &used, e.out,
			    rl + 1, &len) == BX_OK && used == n);
			FZ_CHECKF(len == want && memcmp(e.out, ref, len) == 0,
			    "%zu bytes before BX_ERR_LENGTH, want %zu", len,
			    want);
			FZ_CHECK(bx_encode_final(&z, e.out + len, rl + 1 - len,
			    &l2) == BX_ERR_LENGTH && l2 == 0);
		}
		if (split)
			enc_split(kind, 0, wrap, data, n, ref, want,
			    BX_ERR_LENGTH, rng);
		free(e.out);
	}
	free(ref);
}

/* ---- Decoding ------------------------------------------------------- */

struct dec {
	enum bx_status st;
	unsigned char *out;
	size_t len;
	uint64_t off, line, col;
	unsigned char byte;
};

static void
take_error(struct dec *r, const struct bx_decoder *d)
{
	r->off = bx_decoder_error_offset(d);
	r->line = bx_decoder_error_line(d);
	r->col = bx_decoder_error_column(d);
	r->byte = bx_decoder_error_byte(d);
}

/* After error R in D: every call gives it again, moves nothing. */
static void
check_latched(struct bx_decoder *d, const struct dec *r)
{
	unsigned char out[8];
	size_t used = 99, len = 99;

	FZ_CHECK(bx_decode_update(d, "0000000000", 10, &used, out,
	    sizeof(out), &len) == r->st);
	FZ_CHECK(used == 0 && len == 0);
	len = 99;
	FZ_CHECK(bx_decode_final(d, out, sizeof(out), &len) == r->st);
	FZ_CHECK(len == 0);
	FZ_CHECK(bx_decoder_error_offset(d) == r->off &&
	    bx_decoder_error_line(d) == r->line &&
	    bx_decoder_error_column(d) == r->col &&
	    bx_decoder_error_byte(d) == r->byte);
}

/* The outcome R of decoding IN[0..N) must make sense on its own. */
static void
check_dec(enum bx_kind kind, unsigned flags, const unsigned char *in,
    size_t n, const struct dec *r)
{
	uint64_t line = 1, start = 0, k;

	FZ_CHECKF(r->len <= dec_bound(kind, n), "%zu bytes from %zu",
	    r->len, n);
	if (r->st == BX_OK) {
		unsigned char *alpha;
		char *again;
		size_t na = 0, al;

		for (k = 0; k < n; k++)
			FZ_CHECKF(is_taken(kind, flags, in[k]),
			    "accepted byte 0x%02x at %llu", in[k],
			    (unsigned long long)k);
		if (is_base32(kind))
			return;
		/* The alphabet characters are the encoding of the bytes. */
		alpha = fz_alloc(n);
		for (k = 0; k < n; k++)
			if (ref_bx_in_alphabet(kind, in[k]))
				alpha[na++] = (unsigned char)(in[k] >= 'a' &&
				    kind == BX_BASE16 ? in[k] - 'a' + 'A' :
				    in[k]);
		again = fz_alloc(REF_BX_MAX(r->len));
		al = ref_bx(kind, r->out, r->len, 0, 0, again);
		FZ_CHECKF(al == na && memcmp(again, alpha, na) == 0,
		    "%zu bytes decoded from %zu characters", r->len, na);
		free(again);
		free(alpha);
		return;
	}
	FZ_CHECKF(BX_IS_ERROR(r->st) && r->st != BX_ERR_LENGTH &&
	    r->st != BX_ERR_UNSUPPORTED, "status %d", (int)r->st);
	FZ_CHECKF(r->off <= n, "error at %llu of %zu",
	    (unsigned long long)r->off, n);
	for (k = 0; k < r->off; k++)
		if (in[k] == '\n') {
			line++;
			start = k + 1;
		}
	FZ_CHECKF(r->line == line && r->col == r->off - start + 1,
	    "error at %llu: line %llu, column %llu; want %llu, %llu",
	    (unsigned long long)r->off, (unsigned long long)r->line,
	    (unsigned long long)r->col, (unsigned long long)line,
	    (unsigned long long)(r->off - start + 1));
	if (r->off == n)
		FZ_CHECK(r->byte == 0);
	switch (r->st) {
	case BX_ERR_BAD_CHAR:
		FZ_CHECK(r->off < n && r->byte == in[r->off]);
		FZ_CHECKF(!is_taken(kind, flags, r->byte),
		    "bad byte 0x%02x", r->byte);
		break;
	case BX_ERR_TRUNCATED:
		FZ_CHECK(r->off == n);
		break;
	case BX_ERR_OVERFLOW:
		FZ_CHECK(kind == BX_Z85 && r->off < n &&
		    ref_bx_in_alphabet(kind, in[r->off]));
		break;
	case BX_ERR_PADDING:
		FZ_CHECK(is_base32(kind));
		FZ_CHECK(r->off == n || in[r->off] == '=' ||
		    is_taken(kind, 0, in[r->off]));
		break;
	case BX_ERR_NONCANONICAL:
		FZ_CHECK(is_base32(kind) && r->off < n &&
		    is_taken(kind, 0, in[r->off]) && in[r->off] != '=' &&
		    in[r->off] != '\n');
		break;
	default:
		FZ_CHECKF(0, "status %d", (int)r->st);
	}
}

/* One update call with room for DEC_BOUND and DEC_ROOM more, and final. */
static void
dec_single(enum bx_kind kind, unsigned flags, const unsigned char *in,
    size_t n, struct dec *r)
{
	size_t cap = dec_bound(kind, n) + DEC_ROOM, used = 99, l = 99;
	struct bx_decoder d;

	memset(r, 0, sizeof(*r));
	r->out = fz_alloc(cap);
	FZ_CHECK(bx_decoder_init(&d, kind, flags) == BX_OK);
	r->st = bx_decode_update(&d, in, n, &used, r->out, cap, &r->len);
	FZ_CHECKF(r->st != BX_NEED_OUTPUT, "BX_NEED_OUTPUT with room for "
	    "%zu bytes from %zu", cap, n);
	FZ_CHECK(used <= n && r->len <= cap);
	if (r->st == BX_OK) {
		FZ_CHECK(used == n);
		r->st = bx_decode_final(&d, r->out + r->len, cap - r->len, &l);
		FZ_CHECK(r->st != BX_NEED_OUTPUT && l <= cap - r->len);
		r->len += l;
	}
	if (BX_IS_ERROR(r->st)) {
		take_error(r, &d);
		check_latched(&d, r);
	}
	check_dec(kind, flags, in, n, r);
}

/*
 * Decode IN[0..N) in chunks: one byte each (BYTEWISE, room for
 * everything), or random ones with random room (empty chunks, tiny room
 * and calls that do nothing included: a call that did nothing gets more
 * room next time).  Each chunk ends where its heap block ends, each
 * window too.
 */
static void
dec_split(enum bx_kind kind, unsigned flags, const unsigned char *in,
    size_t n, int bytewise, struct fz_rng *rng, struct dec *r)
{
	size_t max = dec_bound(kind, n) + DEC_ROOM, pos = 0;
	unsigned char *ibuf = fz_alloc(n), *obuf = fz_alloc(max);
	struct bx_decoder d;
	enum bx_status st = BX_OK;

	memset(r, 0, sizeof(*r));
	r->out = fz_alloc(max);
	FZ_CHECK(bx_decoder_init(&d, kind, flags) == BX_OK);
	while (pos < n) {
		size_t clen = bytewise ? 1 : fz_size(rng, n - pos), done = 0;
		size_t cap = 0;
		const unsigned char *chunk = ibuf + n - clen;

		if (clen)
			memcpy(ibuf + n - clen, in + pos, clen);
		for (;;) {
			size_t room = max - r->len, used = 99, l = 99;

			if (bytewise)
				cap = room;
			else if (cap)
				cap += 1 + fz_below(rng, 4);
			else
				cap = fz_size(rng, room);
			if (cap > room)
				cap = room;
			st = bx_decode_update(&d, chunk + done, clen - done,
			    &used, obuf + max - cap, cap, &l);
			FZ_CHECK(used <= clen - done && l <= cap);
			memcpy(r->out + r->len, obuf + max - cap, l);
			r->len += l;
			FZ_CHECKF(r->len <= max - DEC_ROOM, "%zu bytes from %zu",
			    r->len, n);
			done += used;
			if (st != BX_NEED_OUTPUT)
				break;
			FZ_CHECKF(cap - l < DEC_ROOM, "BX_NEED_OUTPUT with %zu "
			    "of %zu bytes of room left", cap - l, cap);
			cap = used == 0 && l == 0 ? cap : 0;
		}
		pos += done;
		if (st != BX_OK)
			break;
		FZ_CHECK(done == clen);
	}
	if (st == BX_OK) {
		size_t cap = 0;

		for (;;) {
			size_t room = max - r->len, l = 99;

			cap = cap ? cap + 1 : fz_size(rng, room);
			if (cap > room)
				cap = room;
			st = bx_decode_final(&d, obuf + max - cap, cap, &l);
			FZ_CHECK(l <= cap);
			memcpy(r->out + r->len, obuf + max - cap, l);
			r->len += l;
			FZ_CHECKF(r->len <= max - DEC_ROOM, "%zu bytes from %zu",
			    r->len, n);
			if (st != BX_NEED_OUTPUT)
				break;
			FZ_CHECKF(l == 0 && cap < DEC_ROOM, "final: "
			    "BX_NEED_OUTPUT with %zu bytes of room, %zu "
			    "written", cap, l);
		}
	}
	r->st = st;
	FZ_CHECK(BX_IS_ERROR(st) || st == BX_OK);
	if (BX_IS_ERROR(st)) {
		take_error(r, &d);
		check_latched(&d, r);
	}
	free(ibuf);
	free(obuf);
}

static void
same_dec(const struct dec *a, const struct dec *b, const char *what)
{
	FZ_CHECKF(a->st == b->st, "%s: %s vs %s", what, bx_strerror(a->st),
	    bx_strerror(b->st));
	FZ_CHECKF(a->len == b->len && (a->len == 0 ||
	    memcmp(a->out, b->out, a->len) == 0),
	    "%s: %zu vs %zu bytes, or other bytes", what, a->len, b->len);
	if (BX_IS_ERROR(a->st))
		FZ_CHECKF(a->off == b->off && a->line == b->line &&
		    a->col == b->col && a->byte == b->byte,
		    "%s: error at %llu (%llu:%llu, 0x%02x) vs %llu "
		    "(%llu:%llu, 0x%02x)", what, (unsigned long long)a->off,
		    (unsigned long long)a->line, (unsigned long long)a->col,
		    a->byte, (unsigned long long)b->off,
		    (unsigned long long)b->line, (unsigned long long)b->col,
		    b->byte);
}

/* The text of case HOW (byte 1, bits 2-3) for DATA; its length. */
static unsigned char *
make_text(enum bx_kind kind, unsigned how, const unsigned char *data,
    size_t n, unsigned flags, size_t wrap, struct fz_rng *rng, size_t *tn)
{
	static const char odd[] = " \r\0*\"WZ~";
	const char *a = ref_bx_alphabet(kind);
	size_t na = strlen(a), k;
	unsigned char *t;

	if (how == 0 || how == 1) {
		t = fz_alloc(n);
		for (k = 0; k < n; k++)
			t[k] = how == 0 ? data[k] : data[k] < 0xe0 ?
			    (unsigned char)a[data[k] % na] : data[k] < 0xf0 ?
			    '\n' : data[k] < 0xf4 ? '=' :
			    (unsigned char)odd[data[k] & 7];
		*tn = n;
		return t;
	}
	t = fz_alloc(REF_BX_MAX(n));
	*tn = ref_bx(kind, data, kind == BX_Z85 ? n - n % 4 : n,
	    (flags & BX_NO_PAD) != 0, wrap, (char *)t);
	if (how == 2 && *tn > 0)
		for (k = 1 + fz_below(rng, 4); k > 0; k--) {
			static const char edits[] = "=\n\r\0 *AZaz019#%\"W";

			t[fz_below(rng, *tn)] = fz_below(rng, 2) ?
			    (unsigned char)a[fz_below(rng, na)] :
			    (unsigned char)edits[fz_below(rng,
			    sizeof(edits) - 1)];
		}
	return t;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	enum bx_kind kind = (enum bx_kind)(fz_u8(&in) % BX_NKINDS);
	unsigned c = fz_u8(&in), how = (c >> 2) & 3;
	unsigned dflags = c & 1 ? BX_SKIP_GARBAGE : 0;
	size_t wrap = fz_u8(&in), n, tn;
	struct fz_rng rng;
	struct dec one, other;
	unsigned char *text;
	unsigned k;

	rng.s = fz_u32(&in);
	n = in.n < MAX_DATA ? in.n : MAX_DATA;

	/* 1 and 2. */
	for (k = 0; k < BX_NKINDS; k++)
		roundtrip((enum bx_kind)k, in.p, n, c & 2 &&
		    is_base32((enum bx_kind)k) ? BX_NO_PAD : 0, wrap, &rng,
		    k == (unsigned)kind);

	/* 3. */
	text = make_text(kind, how, in.p, n, c & 2 && is_base32(kind) ?
	    BX_NO_PAD : 0, wrap, &rng, &tn);
	fz_note("decode %s%s, %zu bytes of text %u", kind_names[kind],
	    dflags ? " -i" : "", tn, how);
	dec_single(kind, dflags, text, tn, &one);
	if (how == 3)
		FZ_CHECKF(one.st == BX_OK && one.len == (kind == BX_Z85 ?
		    n - n % 4 : n) && memcmp(one.out, in.p, one.len) == 0,
		    "the encoding decodes to %s, %zu bytes",
		    bx_strerror(one.st), one.len);
	dec_split(kind, dflags, text, tn, 1, &rng, &other);
	same_dec(&one, &other, "one call vs one byte per call");
	free(other.out);
	for (k = 0; k < 2; k++) {
		dec_split(kind, dflags, text, tn, 0, &rng, &other);
		same_dec(&one, &other, "one call vs random split");
		free(other.out);
	}
	free(one.out);
	free(text);
	return 0;
}
