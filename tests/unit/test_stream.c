/*
 * test_stream.c - streaming gives the one-shot answer, whatever the split.
 *
 * For many inputs of up to 64 bytes (valid, invalid and random ones from a
 * fixed-seed PRNG) and several flag sets:
 *  - every split into two chunks and every split into three chunks (both
 *    cut points, empty chunks included) gives the one-shot call's output
 *    bytes, final status (the update error or the final status) and error
 *    offset (and the error's line, column and byte from an unsplit run);
 *  - on an update error, in_used stops at the byte where the error showed:
 *    inside the call's input, and not before the offending byte when that
 *    byte lies in the call's input (b64.h), checked as a separate point;
 *  - every call given only K bytes of output room (K = 0..N), called again
 *    while it answers B64_NEED_OUTPUT, never writes past K (guard bytes
 *    checked) and gives the same bytes;
 *  - random chunking with random room, and (decoder) errors latch.
 * The same for the encoder with wrap 0, 76, 5, 1, with and without CRLF
 * and NO_PAD.  Every run's struct holds different bytes before its init.
 *
 * Inputs are copied flush against the end of a static array and outputs
 * land just before guard bytes at the end of another (testutil.h), so
 * AddressSanitizer also sees a read or write of a single byte too far.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "b64.h"
#include "tap.h"
#include "testutil.h"

#define MAXIN     64
#define MAXINPUTS 400
#define OUTMAX    1024
#define MAXCUTS   8
#define CAP_ROOM  SIZE_MAX /* each call gets all the room that is left */
#ifndef SHOWN
#define SHOWN     3        /* failures described per test point */
#endif

struct outcome {
	enum b64_status st;
	uint64_t off;           /* error offset, when st is an error */
	int has_pos;            /* line, col and byte are set */
	uint64_t line, col;     /* error line and column */
	unsigned char byte;     /* b64_decoder_error_byte() */
	size_t len;
	unsigned char out[OUTMAX];
	char bad[200];          /* first contract violation, "" if none */
	char used_bad[200];     /* in_used on an error is not the offending
	                         * byte's index, "" if fine */
};

struct input {
	unsigned char b[MAXIN];
	size_t n;
};

struct tally {
	unsigned long runs;
	unsigned long failed;
};

static struct input inputs[MAXINPUTS];
static size_t ninputs;

static void TAP_PRINTF(2, 3)
violation(struct outcome *o, const char *fmt, ...)
{
	va_list ap;

	if (o->bad[0])
		return;
	va_start(ap, fmt);
	vsnprintf(o->bad, sizeof(o->bad), fmt, ap);
	va_end(ap);
}

static void
outcome_reset(struct outcome *o)
{
	o->st = B64_OK;
	o->off = 0;
	o->has_pos = 0;
	o->line = o->col = 0;
	o->byte = 0;
	o->len = 0;
	o->bad[0] = '\0';
	o->used_bad[0] = '\0';
}

static size_t
min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Appends an update's output; 0 (and a violation) if it did not fit. */
static int
append(struct outcome *o, const unsigned char *p, size_t n)
{
	if (n > OUTMAX - o->len) {
		violation(o, "more output than the test expects (%zu)",
		    o->len + n);
		return 0;
	}
	memcpy(o->out + o->len, p, n);
	o->len += n;
	return 1;
}

/* ---- decoder ----------------------------------------------------------- */

/* After an error ST at EO: later calls give ST again, take and write
 * nothing, and the offset stays. */
static void
dec_check_latch(struct b64_decoder *d, enum b64_status st, uint64_t eo,
    struct outcome *o)
{
	static const unsigned char more[] = "Zm9v";
	const unsigned char *ip = arena_input(more, 4);
	unsigned char *op = arena_output(16);
	size_t used = SIZE_MAX, len = SIZE_MAX;
	enum b64_status st2;

	st2 = b64_decode_update(d, ip, 4, &used, op, 16, &len);
	if (st2 != st || used != 0 || len != 0 || !arena_guard_ok())
		violation(o, "after %s, update returned %s, in_used %zu, "
		    "out_len %zu", status_name(st), status_name(st2), used,
		    len);
	st2 = b64_decode_final(d);
	if (st2 != st)
		violation(o, "after %s, final returned %s", status_name(st),
		    status_name(st2));
	if (b64_decoder_error_offset(d) != eo)
		violation(o, "error offset moved from %llu to %llu",
		    (unsigned long long)eo,
		    (unsigned long long)b64_decoder_error_offset(d));
}

static void
dec_position(const struct b64_decoder *d, struct outcome *o)
{
	o->has_pos = 1;
	o->line = b64_decoder_error_line(d);
	o->col = b64_decoder_error_column(d);
	o->byte = b64_decoder_error_byte(d);
}

/*
 * Fills a struct with one of three byte patterns, a different one each
 * call, before it is initialised: what was in it must not change an
 * outcome (b64_decoder_init sets every member by name, decode.c).
 */
static void
scribble(void *p, size_t n)
{
	static const unsigned char pattern[] = { 0x00, 0xff, 0xa5 };
	static size_t k;

	memset(p, pattern[k++ % sizeof(pattern)], n);
}

/*
 * Decodes IN in the chunks CUT[0..NCUT) delimit, each update given CAPK
 * bytes of room (CAP_ROOM: all that is left).  A call that answers
 * B64_NEED_OUTPUT without progress is retried with one byte more room,
 * which the decoder must never need once it has one byte.
 */
static void
dec_run(const unsigned char *in, size_t n, unsigned flags, const size_t *cut,
    size_t ncut, size_t capk, int latch, struct outcome *o)
{
	struct b64_decoder d;
	enum b64_status st;
	size_t ci, start = 0;

	outcome_reset(o);
	scribble(&d, sizeof(d));
	st = b64_decoder_init(&d, flags);
	if (st != B64_OK) {
		o->st = st;
		return;
	}
	for (ci = 0; ci <= ncut; ci++) {
		size_t end = ci < ncut ? cut[ci] : n;
		size_t pos = start, cap = capk;

		for (;;) {
			size_t len = end - pos, room = OUTMAX - o->len;
			size_t c = capk == CAP_ROOM ? room :
			    min_size(cap, room);
			size_t used = SIZE_MAX, olen = SIZE_MAX;
			const unsigned char *ip = arena_input(in + pos, len);
			unsigned char *op = arena_output(c);
			uint64_t eo;

			st = b64_decode_update(&d, ip, len, &used, op, c,
			    &olen);
			if (!arena_guard_ok())
				violation(o, "update with room %zu wrote past "
				    "it", c);
			if (used > len || olen > c) {
				violation(o, "update: in_used %zu of %zu, "
				    "out_len %zu of %zu", used, len, olen, c);
				o->st = st;
				return;
			}
			if (!append(o, op, olen))
				return;
			if (st == B64_OK) {
				if (used != len)
					violation(o, "B64_OK with in_used %zu "
					    "of %zu", used, len);
				break;
			}
			if (st == B64_NEED_OUTPUT) {
				pos += used;
				if (used || olen) {
					cap = capk;
					continue;
				}
				if (c >= 1) {
					violation(o, "B64_NEED_OUTPUT with %zu "
					    "bytes of room and no progress", c);
					o->st = st;
					return;
				}
				cap = c + 1;
				continue;
			}
			if (!B64_IS_ERROR(st)) {
				violation(o, "update returned status %d",
				    (int)st);
				o->st = st;
				return;
			}
			eo = b64_decoder_error_offset(&d);
			if ((used >= end - pos ||
			    (eo >= pos && eo < end && used < eo - pos)) &&
			    !o->used_bad[0])
				snprintf(o->used_bad, sizeof(o->used_bad),
				    "%s at offset %llu but in_used %zu (this "
				    "call's input starts at %zu)",
				    status_name(st),
				    (unsigned long long)eo, used, pos);
			if (latch)
				dec_check_latch(&d, st, eo, o);
			o->st = st;
			o->off = eo;
			dec_position(&d, o);
			return;
		}
		start = end;
	}
	o->st = b64_decode_final(&d);
	if (B64_IS_ERROR(o->st)) {
		o->off = b64_decoder_error_offset(&d);
		dec_position(&d, o);
		if (latch)
			dec_check_latch(&d, o->st, o->off, o);
	} else if (o->st != B64_OK) {
		violation(o, "final returned %s", status_name(o->st));
	}
}

/* The one-shot answer (testutil.c's dec_oneshot); error line, column and
 * byte (which b64_decode does not report) from one unsplit update. */
static void
dec_reference(const unsigned char *in, size_t n, unsigned flags,
    struct outcome *o)
{
	static struct outcome whole;
	struct oneshot r;

	outcome_reset(o);
	dec_oneshot(in, n, flags, o->out, OUTMAX, &r);
	o->st = r.st;
	o->len = r.len;
	if (r.bad != NULL)
		violation(o, "one-shot %s", r.bad);
	if (B64_IS_ERROR(o->st)) {
		o->off = r.off;
		if (r.off > n)
			violation(o, "one-shot error offset %llu > input "
			    "length", (unsigned long long)r.off);
	} else if (o->st != B64_OK) {
		violation(o, "one-shot returned %s", status_name(o->st));
	}
	dec_run(in, n, flags, NULL, 0, CAP_ROOM, 0, &whole);
	if (whole.has_pos && B64_IS_ERROR(o->st) && whole.st == o->st &&
	    whole.off == o->off) {
		o->has_pos = 1;
		o->line = whole.line;
		o->col = whole.col;
		o->byte = whole.byte;
	}
}

/* ---- encoder ----------------------------------------------------------- */

/* Like dec_run(), for the encoder; a call without progress is retried
 * with more room, but never needed once the room is b64_encode_bound(). */
static void
enc_run(const unsigned char *in, size_t n, unsigned flags, size_t wrap,
    const size_t *cut, size_t ncut, size_t capk, struct outcome *o)
{
	struct b64_encoder e;
	enum b64_status st;
	size_t ci, start = 0, cap, c, olen, room;
	unsigned char *op;

	outcome_reset(o);
	scribble(&e, sizeof(e));
	st = b64_encoder_init(&e, flags, wrap);
	if (st != B64_OK) {
		o->st = st;
		return;
	}
	for (ci = 0; ci <= ncut; ci++) {
		size_t end = ci < ncut ? cut[ci] : n;
		size_t pos = start;

		cap = capk;
		for (;;) {
			size_t len = end - pos, used = SIZE_MAX;
			const unsigned char *ip = arena_input(in + pos, len);

			room = OUTMAX - o->len;
			c = capk == CAP_ROOM ? room : min_size(cap, room);
			op = arena_output(c);
			olen = SIZE_MAX;
			st = b64_encode_update(&e, ip, len, &used, (char *)op,
			    c, &olen);
			if (!arena_guard_ok())
				violation(o, "update with room %zu wrote past "
				    "it", c);
			if (used > len || olen > c) {
				violation(o, "update: in_used %zu of %zu, "
				    "out_len %zu of %zu", used, len, olen, c);
				o->st = st;
				return;
			}
			if (!append(o, op, olen))
				return;
			pos += used;
			if (st == B64_OK) {
				if (used != len)
					violation(o, "B64_OK with in_used %zu "
					    "of %zu", used, len);
				break;
			}
			if (st != B64_NEED_OUTPUT) {
				violation(o, "update returned %s",
				    status_name(st));
				o->st = st;
				return;
			}
			if (c >= b64_encode_bound(len, flags, wrap)) {
				violation(o, "update of %zu bytes returned "
				    "B64_NEED_OUTPUT with room %zu >= "
				    "b64_encode_bound() = %zu", len, c,
				    b64_encode_bound(len, flags, wrap));
				o->st = st;
				return;
			}
			if (used || olen)
				cap = capk;
			else
				cap = c + 1;
		}
		start = end;
	}
	cap = capk;
	for (;;) {
		room = OUTMAX - o->len;
		c = capk == CAP_ROOM ? room : min_size(cap, room);
		op = arena_output(c);
		olen = SIZE_MAX;
		st = b64_encode_final(&e, (char *)op, c, &olen);
		if (!arena_guard_ok())
			violation(o, "final with room %zu wrote past it", c);
		if (olen > c) {
			violation(o, "final: out_len %zu of %zu", olen, c);
			o->st = st;
			return;
		}
		if (!append(o, op, olen))
			return;
		if (st == B64_OK)
			break;
		if (st != B64_NEED_OUTPUT) {
			violation(o, "final returned %s", status_name(st));
			o->st = st;
			return;
		}
		if (c >= b64_encode_bound(0, flags, wrap)) {
			violation(o, "final returned B64_NEED_OUTPUT with room "
			    "%zu >= b64_encode_bound(0) = %zu", c,
			    b64_encode_bound(0, flags, wrap));
			o->st = st;
			return;
		}
		cap = olen ? capk : c + 1;
	}
	o->st = B64_OK;
}

/* ---- comparing and reporting ------------------------------------------- */

static int
same(const struct outcome *ref, const struct outcome *got)
{
	if (ref->bad[0] || got->bad[0])
		return 0;
	if (ref->st != got->st || ref->len != got->len ||
	    memcmp(ref->out, got->out, ref->len) != 0)
		return 0;
	if (!B64_IS_ERROR(ref->st))
		return 1;
	if (ref->off != got->off)
		return 0;
	return !ref->has_pos || !got->has_pos || (ref->line == got->line &&
	    ref->col == got->col && ref->byte == got->byte);
}

static void
show(const char *label, const struct outcome *o)
{
	char buf[80];

	snprintf(buf, sizeof(buf), "%s output", label);
	tap_diag_bytes(buf, o->out, o->len);
	tap_diag("  %s status %s, error offset %llu (line %llu, column %llu, "
	    "byte 0x%02x)%s%s", label, status_name(o->st),
	    B64_IS_ERROR(o->st) ? (unsigned long long)o->off : 0ULL,
	    (unsigned long long)o->line, (unsigned long long)o->col,
	    o->byte, o->bad[0] ? "; contract: " : "", o->bad);
}

static void
tally_run(struct tally *t, const struct outcome *ref,
    const struct outcome *got, const unsigned char *in, size_t n,
    const size_t *cut, size_t ncut, size_t capk, const char *what)
{
	char cuts[MAXCUTS * 8 + 4];
	size_t i, o = 0;

	t->runs++;
	if (same(ref, got))
		return;
	if (++t->failed > SHOWN)
		return;
	cuts[0] = '\0';
	for (i = 0; i < ncut && o + 8 < sizeof(cuts); i++)
		o += (size_t)snprintf(cuts + o, sizeof(cuts) - o, "%s%zu",
		    i ? "," : "", cut[i]);
	tap_diag_bytes("input", in, n);
	tap_diag("  %s: cuts {%s}, room per call %s%zu", what, cuts,
	    capk == CAP_ROOM ? "all, " : "",
	    capk == CAP_ROOM ? (size_t)OUTMAX : capk);
	show("one-shot", ref);
	show("  stream", got);
}

/* The in_used-on-error rule, counted apart from the comparison. */
static void
tally_used(struct tally *t, const struct outcome *got, const unsigned char *in,
    size_t n, const size_t *cut, size_t ncut)
{
	size_t i;

	t->runs++;
	if (!got->used_bad[0] || ++t->failed > SHOWN)
		return;
	tap_diag_bytes("input", in, n);
	for (i = 0; i < ncut; i++)
		tap_diag("  cut at %zu", cut[i]);
	tap_diag("  %s", got->used_bad);
}

static void tally_done(const struct tally *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tally_done(const struct tally *t, const char *fmt, ...)
{
	char name[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	tap_ok(t->failed == 0, "%s (%lu runs)", name, t->runs);
	if (t->failed)
		tap_diag("  %lu of %lu runs differ (first %d shown above)",
		    t->failed, t->runs, SHOWN);
}

/* ---- inputs ------------------------------------------------------------ */

static void
add_input(const void *p, size_t n)
{
	if (ninputs == MAXINPUTS)
		return;
	if (n > MAXIN)
		n = MAXIN;
	memcpy(inputs[ninputs].b, p, n);
	inputs[ninputs].n = n;
	ninputs++;
}

#define ADD(s) add_input(s, sizeof(s) - 1)

/* An encoding of random bytes, maybe with line ends every WRAP. */
static size_t
random_encoding(struct rng *g, unsigned char *buf)
{
	static const size_t wraps[] = { 0, 0, 1, 3, 4, 7, 8, 16, 76 };
	static const unsigned fl[] = { 0, 0, B64_NO_PAD, B64_ALPHA_URL,
		B64_CRLF, B64_ALPHA_URL | B64_NO_PAD };
	unsigned char data[48];
	char enc[REF_ENCODE_MAX(48)];
	size_t n = rng_below(g, 46), len;

	rng_fill(g, data, n);
	len = ref_encode(data, n, fl[rng_below(g, 6)],
	    wraps[rng_below(g, 9)], enc);
	if (len > MAXIN)
		len = MAXIN;
	memcpy(buf, enc, len);
	return len;
}

static void
build_inputs(void)
{
	static const char specials[] = "=\n\r \t*-_+/A\0\x80\xff";
	const char *alpha = ref_alphabet(0);
	unsigned char buf[MAXIN + 8];
	struct rng g;
	size_t i, k, n;

	/* SPEC section 1 examples and friends */
	ADD("");
	ADD("\n");
	ADD("=");
	ADD("====");
	ADD("Zg=\n=");
	ADD("Zm8=Zm8=");
	ADD("aQ");
	ADD("Zzw");
	ADD("Zz=");
	ADD("MTIzNA=");
	ADD("MTIzNA=\n");
	ADD("a");
	ADD("Zm9v=");
	ADD("Zm9v====");
	ADD("Zm9vCh==");
	ADD("SB==");
	ADD("SGVsbG9=");
	ADD("Zm9v*");
	ADD("Zm9v\r\n");
	ADD("Zm 9v");
	ADD("Zm9v\tYg==");
	ADD("Z=g=");
	ADD("Zg=*=");
	ADD("-_8=");
	ADD("+/8=");
	ADD("Zg==Zg==");
	ADD("Zg==\nZg");
	ADD("Zm9vYg\n");
	ADD("Zm9vYmFy\r\nZm9vYmFy\r\n");
	ADD("Zm9v\r\nYmFy\r\n\r\n");
	ADD("Zm9v\r\rYmFy");
	ADD("Zm9v\n\rYmFy");
	ADD("Zm9vYmFy\r");
	ADD("Zg\r\n==\r\n");
	ADD("Zg=\r\n=");
	ADD("Zm9vYg===\n");
	ADD("Zg==\n=\n");
	ADD("Zm9vYmFyYmF6cXV4IGhlbGxvIHdvcmxkIQ==");
	ADD("Zm9vYmFyYmF6cXV4IGhlbGxvIHdvcmxkIQ==\n"
	    "Zm9vYmFyYmF6cXV4IGhlbGxvIHdvcmxk");
	ADD("  Zm9v  YmFy  \n\t\v\f");

	rng_init(&g, 0x5e57e7);
	/* valid encodings */
	for (i = 0; i < 80; i++) {
		n = random_encoding(&g, buf);
		add_input(buf, n);
	}
	/* encodings with one to three bytes replaced, dropped or added */
	for (i = 0; i < 120; i++) {
		size_t edits = 1 + rng_below(&g, 3);

		n = random_encoding(&g, buf);
		for (k = 0; k < edits; k++) {
			size_t at = rng_below(&g, n + 1), op = rng_below(&g, 3);
			unsigned char c = (unsigned char)specials[
			    rng_below(&g, sizeof(specials) - 1)];

			if (op == 0 && at < n) {
				buf[at] = c;
			} else if (op == 1 && at < n) {
				memmove(buf + at, buf + at + 1, n - at - 1);
				n--;
			} else if (n < MAXIN) {
				memmove(buf + at + 1, buf + at, n - at);
				buf[at] = c;
				n++;
			}
		}
		add_input(buf, n);
	}
	/* alphabet-heavy random strings */
	for (i = 0; i < 100; i++) {
		n = rng_below(&g, MAXIN + 1);
		for (k = 0; k < n; k++) {
			size_t r = rng_below(&g, 20);

			if (r < 15)
				buf[k] = (unsigned char)alpha[
				    rng_below(&g, 64)];
			else
				buf[k] = (unsigned char)specials[rng_below(&g,
				    sizeof(specials) - 1)];
		}
		add_input(buf, n);
	}
	/* raw bytes */
	for (i = 0; i < 15; i++) {
		n = rng_below(&g, MAXIN + 1);
		rng_fill(&g, buf, n);
		add_input(buf, n);
	}
}

/* ---- decoder tests ----------------------------------------------------- */

static const unsigned dec_flags[] = {
	0,
	B64_SKIP_GARBAGE,
	B64_ALPHA_URL,
	B64_ALPHA_URL | B64_SKIP_GARBAGE,
	B64_NO_PAD,
	B64_STRICT,
	B64_STRICT | B64_NO_PAD,
	B64_STRICT | B64_CRLF,
	B64_STRICT | B64_ALPHA_URL | B64_NO_PAD,
	B64_LENIENT,
	B64_LENIENT | B64_SKIP_GARBAGE,
	B64_LENIENT | B64_NO_PAD,
};

static struct outcome ref_o, got_o;

static void
test_decode_splits(unsigned flags)
{
	struct tally t1 = { 0, 0 }, t2 = { 0, 0 }, t3 = { 0, 0 };
	struct tally tu = { 0, 0 };
	size_t i, a, b, cut[2];

	for (i = 0; i < ninputs; i++) {
		const unsigned char *in = inputs[i].b;
		size_t n = inputs[i].n;

		dec_reference(in, n, flags, &ref_o);
		dec_run(in, n, flags, cut, 0, CAP_ROOM, 0, &got_o);
		tally_run(&t1, &ref_o, &got_o, in, n, cut, 0, CAP_ROOM,
		    "one update");
		for (a = 0; a <= n; a++) {
			cut[0] = a;
			dec_run(in, n, flags, cut, 1, CAP_ROOM, 0, &got_o);
			tally_run(&t2, &ref_o, &got_o, in, n, cut, 1,
			    CAP_ROOM, "two chunks");
			tally_used(&tu, &got_o, in, n, cut, 1);
			for (b = a; b <= n; b++) {
				cut[1] = b;
				dec_run(in, n, flags, cut, 2, CAP_ROOM, 0,
				    &got_o);
				tally_run(&t3, &ref_o, &got_o, in, n, cut, 2,
				    CAP_ROOM, "three chunks");
			}
		}
	}
	tally_done(&t1, "decode flags 0x%04x: one update + final == one-shot",
	    flags);
	tally_done(&t2, "decode flags 0x%04x: every 2-chunk split == one-shot",
	    flags);
	tally_done(&t3, "decode flags 0x%04x: every 3-chunk split == one-shot",
	    flags);
	tally_done(&tu, "decode flags 0x%04x: on an update error, in_used stops "
	    "inside the chunk, at or after the offending byte", flags);
}

static void
test_decode_room(unsigned flags)
{
	struct tally t = { 0, 0 };
	size_t i, k;

	for (i = 0; i < ninputs; i++) {
		dec_reference(inputs[i].b, inputs[i].n, flags, &ref_o);
		for (k = 0; k <= 50; k++) {
			size_t capk = k <= 12 ? k : k == 13 ? 64 :
			    CAP_ROOM;
			size_t cut[1] = { 0 };

			if (k > 14) {
				/* room K together with two chunks */
				cut[0] = (k - 14) * inputs[i].n / 37;
				capk = (k - 14) % 4;
			}
			dec_run(inputs[i].b, inputs[i].n, flags, cut,
			    k > 14 ? 1 : 0, capk, 0, &got_o);
			tally_run(&t, &ref_o, &got_o, inputs[i].b,
			    inputs[i].n, cut, k > 14 ? 1 : 0, capk,
			    "limited room");
		}
	}
	tally_done(&t, "decode flags 0x%04x: room 0..12, 64 or all per call "
	    "(also with two chunks), guards intact, == one-shot", flags);
}

static void
random_cuts(struct rng *g, size_t n, size_t *cut, size_t *ncut)
{
	size_t i, j;

	*ncut = rng_below(g, MAXCUTS + 1);
	for (i = 0; i < *ncut; i++)
		cut[i] = rng_below(g, n + 1);
	/* insertion sort */
	for (i = 1; i < *ncut; i++) {
		size_t v = cut[i];

		for (j = i; j > 0 && cut[j - 1] > v; j--)
			cut[j] = cut[j - 1];
		cut[j] = v;
	}
}

static size_t
random_room(struct rng *g)
{
	size_t r = rng_below(g, 12);

	return r < 9 ? r : r < 11 ? 3 + rng_below(g, 40) : CAP_ROOM;
}

static void
test_decode_random(unsigned flags, uint64_t seed)
{
	struct tally t = { 0, 0 }, tl = { 0, 0 };
	size_t i, k, cut[MAXCUTS], ncut;
	struct rng g;

	rng_init(&g, seed);
	for (i = 0; i < ninputs; i++) {
		dec_reference(inputs[i].b, inputs[i].n, flags, &ref_o);
		for (k = 0; k < 30; k++) {
			size_t capk = random_room(&g);

			random_cuts(&g, inputs[i].n, cut, &ncut);
			dec_run(inputs[i].b, inputs[i].n, flags, cut, ncut,
			    capk, k & 1, &got_o);
			tally_run(k & 1 ? &tl : &t, &ref_o, &got_o,
			    inputs[i].b, inputs[i].n, cut, ncut, capk,
			    k & 1 ? "random chunks, latch check" :
			    "random chunks");
		}
	}
	tally_done(&t, "decode flags 0x%04x: random chunks and room == "
	    "one-shot", flags);
	tally_done(&tl, "decode flags 0x%04x: errors latch (same error, "
	    "nothing consumed or written, same offset)", flags);
}

/* ---- encoder tests ----------------------------------------------------- */

static const size_t enc_wraps[] = { 0, 76, 5, 1 };

/* The one-shot answer (testutil.c's enc_oneshot), which must be the
 * reference encoder's. */
static void
enc_reference(const unsigned char *in, size_t n, unsigned flags, size_t wrap,
    struct outcome *o)
{
	char want[REF_ENCODE_MAX(MAXIN)];
	size_t wl = ref_encode(in, n, flags, wrap, want);
	struct oneshot r;

	outcome_reset(o);
	enc_oneshot(in, n, flags, wrap, o->out, OUTMAX, &r);
	o->st = r.st;
	o->len = r.len;
	if (r.bad != NULL)
		violation(o, "one-shot %s", r.bad);
	if (o->st != B64_OK || o->len != wl || memcmp(o->out, want, wl) != 0)
		violation(o, "one-shot encode differs from the reference "
		    "encoder (status %s, %zu bytes, want %zu)",
		    status_name(o->st), o->len, wl);
}

static void
test_encode(unsigned flags, size_t wrap, uint64_t seed)
{
	struct tally t2 = { 0, 0 }, t3 = { 0, 0 }, tr = { 0, 0 };
	struct tally tx = { 0, 0 };
	unsigned char data[MAXIN];
	size_t n, a, b, k, cut[MAXCUTS], ncut;
	struct rng g;

	rng_init(&g, seed);
	for (n = 0; n <= MAXIN; n++) {
		if (n % 16 == 15)
			memset(data, 0xff, n);
		else
			rng_fill(&g, data, n);
		enc_reference(data, n, flags, wrap, &ref_o);
		for (a = 0; a <= n; a++) {
			cut[0] = a;
			enc_run(data, n, flags, wrap, cut, 1, CAP_ROOM, &got_o);
			tally_run(&t2, &ref_o, &got_o, data, n, cut, 1,
			    CAP_ROOM, "two chunks");
			for (b = a; b <= n; b++) {
				cut[1] = b;
				enc_run(data, n, flags, wrap, cut, 2, CAP_ROOM,
				    &got_o);
				tally_run(&t3, &ref_o, &got_o, data, n, cut,
				    2, CAP_ROOM, "three chunks");
			}
		}
		for (k = 0; k <= 26; k++) {
			size_t capk = k <= 24 ? k : k == 25 ? 100 : CAP_ROOM;

			enc_run(data, n, flags, wrap, cut, 0, capk, &got_o);
			tally_run(&tr, &ref_o, &got_o, data, n, cut, 0, capk,
			    "limited room");
		}
		for (k = 0; k < 20; k++) {
			size_t capk = random_room(&g);

			random_cuts(&g, n, cut, &ncut);
			enc_run(data, n, flags, wrap, cut, ncut, capk, &got_o);
			tally_run(&tx, &ref_o, &got_o, data, n, cut, ncut,
			    capk, "random chunks");
		}
	}
	tally_done(&t2, "encode flags 0x%04x wrap %lu: every 2-chunk split "
	    "== one-shot == reference", flags, (unsigned long)wrap);
	tally_done(&t3, "encode flags 0x%04x wrap %lu: every 3-chunk split "
	    "== one-shot", flags, (unsigned long)wrap);
	tally_done(&tr, "encode flags 0x%04x wrap %lu: room 0..24, 100 per "
	    "call, guards intact, == one-shot", flags, (unsigned long)wrap);
	tally_done(&tx, "encode flags 0x%04x wrap %lu: random chunks and "
	    "room == one-shot", flags, (unsigned long)wrap);
}

int
main(void)
{
	size_t i, w;
	unsigned f;

	build_inputs();
	tap_diag("%lu decoder inputs of up to %d bytes",
	    (unsigned long)ninputs, MAXIN);
	for (i = 0; i < sizeof(dec_flags) / sizeof(dec_flags[0]); i++) {
		test_decode_splits(dec_flags[i]);
		test_decode_room(dec_flags[i]);
		test_decode_random(dec_flags[i], 100 + i);
	}
	for (w = 0; w < sizeof(enc_wraps) / sizeof(enc_wraps[0]); w++)
		for (f = 0; f < 4; f++)
			test_encode((f & 1 ? B64_CRLF : 0) |
			    (f & 2 ? B64_NO_PAD : 0), enc_wraps[w],
			    1000 + w * 4 + f);
	test_encode(B64_ALPHA_URL, 3, 2000);
	test_encode(B64_ALPHA_URL | B64_NO_PAD | B64_CRLF, 2, 2001);
	return tap_done();
}
