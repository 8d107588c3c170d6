/*
 * test_impls.c - every implementation gives the scalar one's answers, and
 * the codec contract around choosing one.
 *
 * For every implementation the library's registry lists (b64_impl_at),
 * and for B64_IMPL_AUTO (whatever it picks), that b64_impl_available()
 * reports, encode random data of every length 0..2000 and decode valid,
 * corrupted and random inputs of up to ~2700 bytes, one-shot and streamed
 * in random chunks, and compare output bytes, status and error offset with
 * B64_IMPL_SCALAR.  Implementations this build or CPU lacks are reported
 * as "# SKIP" by name, after checking that forcing them is refused with
 * B64_ERR_UNSUPPORTED.  This is the gate for SIMD work: inputs start at
 * every alignment and corruptions cluster around the block sizes vector
 * loops use.
 *
 * Also: unknown flag bits are refused by both inits, a failed encoder
 * init latches its error, and SEXTET_IMPL is read once per process (in a
 * child process, so that the variable CI sets for this test still
 * decides what the parent runs).
 *
 * `test_impls --list` prints the registry instead, one line per
 * implementation: its name, then "yes" or "no" for whether this build and
 * CPU run it (for CI scripts: see .ci/run and .ci/cross).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "b64.h"
#include "tap.h"
#include "testutil.h"

#define MAXLEN   2000
#define TEXTMAX  (REF_ENCODE_MAX(MAXLEN) + 64)
#define OUTMAX   4096
#define SHOWN    3
#define CAP_ROOM SIZE_MAX

/* The registry's implementations, then "auto" (impl_registry). */
#define MAXIMPLS 16
static struct impl impls[MAXIMPLS + 1];
static size_t nimpls;

struct result {
	enum b64_status st;
	uint64_t off;
	size_t len;
	unsigned char out[OUTMAX];
};

static struct result ref_r, got_r;

struct tally {
	unsigned long runs;
	unsigned long failed;
};

static const unsigned dec_flags[] = {
	0,
	B64_SKIP_GARBAGE,
	B64_ALPHA_URL,
	B64_NO_PAD,
	B64_STRICT,
	B64_STRICT | B64_CRLF,
	B64_STRICT | B64_NO_PAD | B64_ALPHA_URL,
	B64_LENIENT,
	B64_LENIENT | B64_SKIP_GARBAGE,
};

#define NDECFLAGS (sizeof(dec_flags) / sizeof(dec_flags[0]))

struct enc_mode {
	unsigned flags;
	size_t wrap;
};

static const struct enc_mode enc_modes[] = {
	{ 0, 0 },
	{ B64_ALPHA_URL, 0 },
	{ B64_NO_PAD, 0 },
	{ 0, 76 },
	{ B64_CRLF, 76 },
	{ B64_NO_PAD | B64_ALPHA_URL | B64_CRLF, 5 },
	{ 0, 1 },
};

#define NENCMODES (sizeof(enc_modes) / sizeof(enc_modes[0]))

/* ---- one-shot calls ---------------------------------------------------- */

/* A call on the arenas (dec_oneshot, enc_oneshot) into R: a breach of
 * the contract makes a status no real call gives, and no bytes. */
static void
take_oneshot(const struct oneshot *o, struct result *r)
{
	r->st = o->st;
	r->len = o->len;
	r->off = o->off;
	if (o->bad != NULL) {
		/* impossible to compare: make it differ from any real one */
		r->st = (enum b64_status)-1;
		r->len = 0;
	}
}

static void
dec_result(const unsigned char *in, size_t n, unsigned flags,
    struct result *r)
{
	struct oneshot o;

	dec_oneshot(in, n, flags, r->out, OUTMAX, &o);
	take_oneshot(&o, r);
}

static void
enc_result(const unsigned char *in, size_t n, unsigned flags, size_t wrap,
    struct result *r)
{
	struct oneshot o;

	enc_oneshot(in, n, flags, wrap, r->out, OUTMAX, &o);
	take_oneshot(&o, r);
}

/* ---- streamed calls ---------------------------------------------------- */

static size_t
min_chunk(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Decodes IN in chunks of random sizes with random room per call. */
static void
dec_chunked(const unsigned char *in, size_t n, unsigned flags, struct rng *g,
    struct result *r)
{
	struct b64_decoder d;
	size_t pos = 0, maxchunk = 1 + rng_below(g, 700);
	size_t room = rng_below(g, 4) ? CAP_ROOM : 1 + rng_below(g, 64);
	enum b64_status st;

	r->len = 0;
	r->off = 0;
	r->st = b64_decoder_init(&d, flags);
	if (r->st != B64_OK)
		return;
	while (pos < n) {
		size_t len = 1 + rng_below(g, min_chunk(maxchunk, n - pos));
		size_t used = SIZE_MAX, olen = SIZE_MAX, c;
		const unsigned char *ip = arena_input(in + pos, len);
		unsigned char *op;

		c = OUTMAX - r->len;
		if (room != CAP_ROOM && room < c)
			c = room;
		op = arena_output(c);
		st = b64_decode_update(&d, ip, len, &used, op, c, &olen);
		if (!arena_guard_ok() || used > len || olen > c) {
			r->st = (enum b64_status)-1;
			return;
		}
		memcpy(r->out + r->len, op, olen);
		r->len += olen;
		pos += used;
		if (st == B64_OK || (st == B64_NEED_OUTPUT && (used || olen)))
			continue;
		r->st = st;
		if (B64_IS_ERROR(st))
			r->off = b64_decoder_error_offset(&d);
		return;
	}
	r->st = b64_decode_final(&d);
	if (B64_IS_ERROR(r->st))
		r->off = b64_decoder_error_offset(&d);
}

static void
enc_chunked(const unsigned char *in, size_t n, unsigned flags, size_t wrap,
    struct rng *g, struct result *r)
{
	struct b64_encoder e;
	size_t pos = 0, maxchunk = 1 + rng_below(g, 700), olen = SIZE_MAX;
	unsigned char *op;
	enum b64_status st;

	r->len = 0;
	r->off = 0;
	r->st = b64_encoder_init(&e, flags, wrap);
	if (r->st != B64_OK)
		return;
	while (pos < n) {
		size_t len = 1 + rng_below(g, min_chunk(maxchunk, n - pos));
		size_t used = SIZE_MAX, c = OUTMAX - r->len;
		const unsigned char *ip = arena_input(in + pos, len);

		op = arena_output(c);
		st = b64_encode_update(&e, ip, len, &used, (char *)op, c,
		    &olen);
		if (st != B64_OK || !arena_guard_ok() || used != len ||
		    olen > c) {
			r->st = (enum b64_status)-1;
			return;
		}
		memcpy(r->out + r->len, op, olen);
		r->len += olen;
		pos += used;
	}
	op = arena_output(OUTMAX - r->len);
	r->st = b64_encode_final(&e, (char *)op, OUTMAX - r->len, &olen);
	if (!arena_guard_ok() || olen > OUTMAX - r->len) {
		r->st = (enum b64_status)-1;
		return;
	}
	memcpy(r->out + r->len, op, olen);
	r->len += olen;
}

/* ---- comparing --------------------------------------------------------- */

static void
compare(struct tally *t, const unsigned char *in, size_t n, unsigned flags,
    const char *what)
{
	t->runs++;
	if (ref_r.st == got_r.st && ref_r.off == got_r.off &&
	    ref_r.len == got_r.len &&
	    memcmp(ref_r.out, got_r.out, ref_r.len) == 0)
		return;
	if (++t->failed > SHOWN)
		return;
	tap_diag("  %s, flags 0x%04x, input of %zu bytes:", what, flags, n);
	tap_diag_bytes("input", in, n);
	tap_diag_bytes("scalar", ref_r.out, ref_r.len);
	tap_diag_bytes("  this", got_r.out, got_r.len);
	tap_diag("  scalar %s at %llu; this %s at %llu",
	    status_name(ref_r.st), (unsigned long long)ref_r.off,
	    status_name(got_r.st), (unsigned long long)got_r.off);
}

static void
done(const struct tally *t, const char *impl, const char *what)
{
	tap_ok(t->failed == 0, "%s: %s == scalar (%lu runs)", impl, what,
	    t->runs);
	if (t->failed)
		tap_diag("  %lu of %lu runs differ (first %d shown above)",
		    t->failed, t->runs, SHOWN);
}

/* ---- inputs ------------------------------------------------------------ */

static unsigned char data[MAXLEN + 64];
static unsigned char text[TEXTMAX + 64];

/* Random data, or runs of one byte now and then. */
static void
fill_data(struct rng *g, unsigned char *p, size_t n)
{
	switch (rng_below(g, 8)) {
	case 0:
		memset(p, 0, n);
		break;
	case 1:
		memset(p, 0xff, n);
		break;
	default:
		rng_fill(g, p, n);
		break;
	}
}

/* A position likely to sit at a vector block edge: k*{12,16,24,32,48,64}
 * plus -2..+2, or anywhere. */
static size_t
edge_pos(struct rng *g, size_t n)
{
	static const size_t blocks[] = { 12, 16, 24, 32, 48, 64 };
	size_t b, p;

	if (n == 0)
		return 0;
	if (rng_below(g, 2))
		return rng_below(g, n);
	b = blocks[rng_below(g, 6)];
	p = b * rng_below(g, n / b + 1) + rng_below(g, 5);
	p = p >= 2 ? p - 2 : p;
	return p < n ? p : n - 1;
}

static unsigned char
corrupt_byte(struct rng *g, unsigned flags)
{
	static const char bytes[] = "=\n\r \t*-_+/A\0\x80\xff";

	switch (rng_below(g, 4)) {
	case 0:
		return (unsigned char)rng_next(g);
	case 1:
		return (unsigned char)ref_alphabet(flags)[rng_below(g, 64)];
	default:
		return (unsigned char)bytes[rng_below(g, sizeof(bytes) - 1)];
	}
}

/* An encoding of N random bytes, with line ends now and then. */
static size_t
make_text(struct rng *g, size_t n, unsigned flags)
{
	static const size_t wraps[] = { 0, 0, 76, 64, 1, 3 };
	unsigned ef = flags & (B64_ALPHA_URL | B64_NO_PAD | B64_CRLF);

	if (!(flags & (B64_STRICT | B64_NO_PAD)) && rng_below(g, 3) == 0)
		ef |= B64_NO_PAD;
	if ((flags & B64_SKIP_GARBAGE) || (flags & B64_LENIENT))
		ef |= rng_below(g, 2) ? B64_CRLF : 0;
	fill_data(g, data, n);
	return ref_encode(data, n, ef, wraps[rng_below(g, 6)], (char *)text);
}

/* ---- the tests --------------------------------------------------------- */

static void
test_api(void)
{
	const char *auto_name = b64_impl_name(B64_IMPL_AUTO);
	static const char *const known[] = {
		"scalar", "ssse3", "avx2", "avx512", "neon",
	};
	size_t i, k, nreg = nimpls - 1;
	unsigned id = 12345;
	int pass = 1;

	tap_ok(nreg >= 5 && nreg < MAXIMPLS && impls[0].id == B64_IMPL_SCALAR &&
	    b64_impl_at(nreg, &id) == NULL && id == 12345,
	    "b64_impl_at walks %zu implementations, scalar first, NULL past "
	    "the last", nreg);
	for (k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
		for (i = 0; i < nreg; i++)
			if (strcmp(impls[i].name, known[k]) == 0)
				break;
		if (i == nreg) {
			tap_diag("  %s is not in the registry", known[k]);
			pass = 0;
		}
	}
	tap_ok(pass, "the registry names scalar, ssse3, avx2, avx512, neon");
	pass = 1;
	for (i = 0; i < nreg; i++) {
		if (impls[i].id == B64_IMPL_AUTO ||
		    (impls[i].id & ~B64_IMPL_MASK) != 0 ||
		    b64_impl_from_name(impls[i].name) != impls[i].id)
			pass = 0;
		for (k = 0; k < i; k++)
			if (impls[k].id == impls[i].id ||
			    strcmp(impls[k].name, impls[i].name) == 0)
				pass = 0;
	}
	tap_ok(pass, "registry: distinct names and B64_IMPL_* values, and "
	    "b64_impl_from_name maps each name to its value");
	tap_ok(b64_impl_from_name("neon") == B64_IMPL_NEON &&
	    b64_impl_from_name("avx512") == B64_IMPL_AVX512,
	    "b64_impl_from_name(\"neon\") is B64_IMPL_NEON");
	tap_ok(b64_impl_from_name(NULL) == B64_IMPL_AUTO &&
	    b64_impl_from_name("") == B64_IMPL_AUTO &&
	    b64_impl_from_name("auto") == B64_IMPL_AUTO,
	    "b64_impl_from_name(NULL, \"\", \"auto\") is B64_IMPL_AUTO");
	tap_ok(b64_impl_from_name("bogus") == UINT32_MAX &&
	    b64_impl_from_name("avx") == UINT32_MAX &&
	    b64_impl_from_name("scalarx") == UINT32_MAX,
	    "b64_impl_from_name of an unknown name is UINT32_MAX");
	tap_ok(b64_impl_available(B64_IMPL_SCALAR) != 0 &&
	    b64_impl_name(B64_IMPL_SCALAR) != NULL &&
	    strcmp(b64_impl_name(B64_IMPL_SCALAR), "scalar") == 0,
	    "scalar is always available and named \"scalar\"");
	pass = auto_name != NULL &&
	    b64_impl_from_name(auto_name) != UINT32_MAX &&
	    b64_impl_from_name(auto_name) != B64_IMPL_AUTO &&
	    b64_impl_available(b64_impl_from_name(auto_name));
	tap_ok(pass, "B64_IMPL_AUTO picks an available implementation: %s",
	    auto_name ? auto_name : "(null)");
	/* Unforced, the best this build and CPU run: the registry is worst
	 * first.  (Forced, the one SEXTET_IMPL names: test_env_once.) */
	if (b64_impl_from_name(getenv("SEXTET_IMPL")) == B64_IMPL_AUTO) {
		const char *best = NULL;

		for (i = 0; i < nreg; i++)
			if (b64_impl_available(impls[i].id))
				best = impls[i].name;
		tap_ok(auto_name != NULL && best != NULL &&
		    strcmp(auto_name, best) == 0,
		    "unforced, B64_IMPL_AUTO is the best available one "
		    "(the registry's last): %s", best ? best : "(none)");
	} else {
		tap_skip("SEXTET_IMPL forces one",
		    "unforced, B64_IMPL_AUTO is the best available one");
	}
}

/* Every flag bit b64.h does not define is refused by every entry point. */
static void
test_unknown_flags(void)
{
	const unsigned known = B64_ALPHA_URL | B64_NO_PAD | B64_STRICT |
	    B64_LENIENT | B64_SKIP_GARBAGE | B64_CRLF | B64_IMPL_MASK;
	unsigned bit, bad = 0, tried = 0;

	for (bit = 1; bit != 0; bit <<= 1) {
		struct b64_encoder e;
		struct b64_decoder d;
		unsigned char out[16];
		size_t len = 99;
		uint64_t off = 0;

		if (bit & known)
			continue;
		tried++;
		if (b64_encoder_init(&e, bit, 0) != B64_ERR_UNSUPPORTED ||
		    b64_decoder_init(&d, bit) != B64_ERR_UNSUPPORTED ||
		    b64_encode("foo", 3, (char *)out, sizeof(out), &len, bit,
		    0) != B64_ERR_UNSUPPORTED || len != 0 ||
		    b64_decode("Zm9v", 4, out, sizeof(out), &len, &off,
		    bit | B64_IMPL_SCALAR) != B64_ERR_UNSUPPORTED ||
		    b64_impl_name(bit) != NULL) {
			tap_diag("  flag 0x%08x accepted somewhere", bit);
			bad++;
		}
	}
	tap_ok(bad == 0 && tried == 32 - 10, "each of the %u unknown flag bits "
	    "is refused with B64_ERR_UNSUPPORTED by both inits, b64_encode "
	    "and b64_decode", tried);
}

/*
 * An encoder whose init failed returns that error from every later call,
 * writes nothing and consumes nothing (it used to crash on a NULL
 * implementation).
 */
static void
test_encoder_latch(void)
{
	static const unsigned bad[] = {
		0x80000000u,                    /* an unknown bit */
		B64_IMPL_MASK,                  /* an unknown implementation */
		B64_ALPHA_URL | 0x00001000u,
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct b64_encoder e;
		char out[64];
		size_t used = 99, len = 99, flen = 99;
		enum b64_status s0, s1, s2, s3;

		memset(out, '#', sizeof(out));
		s0 = b64_encoder_init(&e, bad[i], 4);
		s1 = b64_encode_update(&e, "foobar, and more", 16, &used, out,
		    sizeof(out), &len);
		s2 = b64_encode_final(&e, out, sizeof(out), &flen);
		s3 = b64_encode_update(&e, "x", 1, &used, out, sizeof(out),
		    &len);
		tap_ok(s0 == B64_ERR_UNSUPPORTED && s1 == B64_ERR_UNSUPPORTED &&
		    s2 == B64_ERR_UNSUPPORTED && s3 == B64_ERR_UNSUPPORTED &&
		    used == 0 && len == 0 && flen == 0 && out[0] == '#',
		    "encoder init with flags 0x%08x fails and latches: update, "
		    "final, update give %s, %s, %s, nothing written", bad[i],
		    status_name(s1), status_name(s2), status_name(s3));
	}
}

/*
 * In a child process (its first use of the library): SEXTET_IMPL=scalar
 * is honoured by B64_IMPL_AUTO, and changing the variable afterwards
 * changes nothing, even to a name that would be refused.
 */
static void
test_env_once(void)
{
	pid_t pid;
	int status = -1;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct b64_decoder d;
		struct b64_encoder e;
		const char *n1, *n2;
		int ok;

		setenv("SEXTET_IMPL", "scalar", 1);
		n1 = b64_impl_name(B64_IMPL_AUTO);
		setenv("SEXTET_IMPL", "bogus", 1);
		n2 = b64_impl_name(B64_IMPL_AUTO);
		ok = n1 != NULL && strcmp(n1, "scalar") == 0 && n2 == n1 &&
		    b64_decoder_init(&d, 0) == B64_OK &&
		    b64_encoder_init(&e, 0, 0) == B64_OK;
		_exit(ok ? 0 : 1);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	tap_ok(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "SEXTET_IMPL is read once per process: set to scalar, then "
	    "bogus, auto stays scalar and init still succeeds");
}

/* A forced implementation that is missing is refused everywhere. */
static void
test_unavailable(const struct impl *im)
{
	struct b64_encoder e;
	struct b64_decoder d;
	unsigned char out[16];
	size_t len = 0;
	uint64_t off = 0;
	enum b64_status s1, s2, s3, s4;

	s1 = b64_encoder_init(&e, im->id, 0);
	s2 = b64_decoder_init(&d, im->id);
	s3 = b64_encode("foo", 3, (char *)out, sizeof(out), &len, im->id, 0);
	s4 = b64_decode("Zm9v", 4, out, sizeof(out), &len, &off, im->id);
	tap_ok(s1 == B64_ERR_UNSUPPORTED && s2 == B64_ERR_UNSUPPORTED &&
	    s3 == B64_ERR_UNSUPPORTED && s4 == B64_ERR_UNSUPPORTED &&
	    b64_impl_name(im->id) == NULL,
	    "%s (unavailable): init, b64_encode and b64_decode give "
	    "B64_ERR_UNSUPPORTED, b64_impl_name NULL", im->name);
	if (s1 != B64_ERR_UNSUPPORTED || s2 != B64_ERR_UNSUPPORTED ||
	    s3 != B64_ERR_UNSUPPORTED || s4 != B64_ERR_UNSUPPORTED)
		tap_diag("  got %s, %s, %s, %s", status_name(s1),
		    status_name(s2), status_name(s3), status_name(s4));
}

static void
test_available(const struct impl *im)
{
	struct b64_encoder e;
	struct b64_decoder d;
	const char *nm = b64_impl_name(im->id);
	int pass;

	pass = b64_encoder_init(&e, im->id, 0) == B64_OK &&
	    b64_decoder_init(&d, im->id) == B64_OK && nm != NULL &&
	    (im->id == B64_IMPL_AUTO || strcmp(nm, im->name) == 0);
	tap_ok(pass, "%s: available, init accepts it, b64_impl_name says "
	    "\"%s\"", im->name, nm ? nm : "(null)");
}

static void
test_encode(const struct impl *im, struct rng *g)
{
	struct tally t = { 0, 0 }, ts = { 0, 0 };
	size_t m, n;

	for (m = 0; m < NENCMODES; m++) {
		unsigned fl = enc_modes[m].flags;
		size_t wrap = enc_modes[m].wrap;

		for (n = 0; n <= MAXLEN; n++) {
			/* wrap 1 doubles the output: shorter inputs there */
			if (wrap == 1 && n > 1500)
				break;
			fill_data(g, data, n);
			enc_result(data, n, fl | B64_IMPL_SCALAR, wrap,
			    &ref_r);
			enc_result(data, n, fl | im->id, wrap, &got_r);
			compare(&t, data, n, fl, "one-shot encode");
			if (n % 5 == 0) {
				enc_chunked(data, n, fl | im->id, wrap, g,
				    &got_r);
				compare(&ts, data, n, fl, "chunked encode");
			}
		}
	}
	done(&t, im->name, "encode, lengths 0..2000, 7 flag/wrap modes");
	done(&ts, im->name, "encode in random chunks");
}

static void
test_decode_valid(const struct impl *im, struct rng *g)
{
	struct tally t = { 0, 0 };
	size_t f, n, tl;

	for (f = 0; f < NDECFLAGS; f++) {
		for (n = 0; n <= MAXLEN; n++) {
			tl = make_text(g, n, dec_flags[f]);
			dec_result(text, tl, dec_flags[f] | B64_IMPL_SCALAR,
			    &ref_r);
			dec_result(text, tl, dec_flags[f] | im->id, &got_r);
			compare(&t, text, tl, dec_flags[f], "valid decode");
		}
	}
	done(&t, im->name, "decode encodings of 0..2000 bytes, 9 flag sets");
}

static void
test_decode_corrupt(const struct impl *im, struct rng *g)
{
	struct tally t = { 0, 0 };
	size_t f, n, tl, k, edits;

	for (f = 0; f < NDECFLAGS; f++) {
		for (n = 0; n <= MAXLEN; n++) {
			tl = make_text(g, n, dec_flags[f]);
			if (tl == 0)
				continue;
			edits = 1 + rng_below(g, 3);
			for (k = 0; k < edits; k++)
				text[edge_pos(g, tl)] =
				    corrupt_byte(g, dec_flags[f]);
			/* sometimes cut the end off too */
			if (rng_below(g, 4) == 0)
				tl -= rng_below(g, tl < 6 ? tl : 6);
			dec_result(text, tl, dec_flags[f] | B64_IMPL_SCALAR,
			    &ref_r);
			dec_result(text, tl, dec_flags[f] | im->id, &got_r);
			compare(&t, text, tl, dec_flags[f], "corrupted decode");
		}
	}
	done(&t, im->name, "decode corrupted encodings (1-3 bytes changed "
	    "near block edges, maybe truncated)");
}

static void
test_decode_garbage(const struct impl *im, struct rng *g)
{
	struct tally t = { 0, 0 };
	size_t f, i, k, n;

	for (f = 0; f < NDECFLAGS; f++) {
		const char *alpha = ref_alphabet(dec_flags[f]);

		for (i = 0; i < 400; i++) {
			n = rng_below(g, TEXTMAX);
			if (i % 4 == 0) {
				rng_fill(g, text, n);
			} else {
				/* mostly alphabet, some of anything */
				size_t rate = 4 + rng_below(g, 400);

				for (k = 0; k < n; k++)
					text[k] = rng_below(g, rate) ?
					    (unsigned char)alpha[
					    rng_below(g, 64)] :
					    corrupt_byte(g, dec_flags[f]);
			}
			dec_result(text, n, dec_flags[f] | B64_IMPL_SCALAR,
			    &ref_r);
			dec_result(text, n, dec_flags[f] | im->id, &got_r);
			compare(&t, text, n, dec_flags[f], "garbage decode");
		}
	}
	done(&t, im->name, "decode random bytes and alphabet with noise");
}

static void
test_decode_chunked(const struct impl *im, struct rng *g)
{
	struct tally t = { 0, 0 };
	size_t f, n, tl, k;

	for (f = 0; f < NDECFLAGS; f++) {
		for (n = 0; n <= MAXLEN; n += 3) {
			tl = make_text(g, n, dec_flags[f]);
			if (tl && n % 2)
				for (k = 0; k < 1 + n % 3; k++)
					text[edge_pos(g, tl)] =
					    corrupt_byte(g, dec_flags[f]);
			dec_result(text, tl, dec_flags[f] | B64_IMPL_SCALAR,
			    &ref_r);
			dec_chunked(text, tl, dec_flags[f] | im->id, g,
			    &got_r);
			compare(&t, text, tl, dec_flags[f], "chunked decode");
		}
	}
	done(&t, im->name, "decode in random chunks and room, valid and "
	    "corrupted");
}

/* Every alignment of the input for the bulk loops. */
static void
test_alignment(const struct impl *im, struct rng *g)
{
	static unsigned char buf[TEXTMAX + 128];
	struct tally t = { 0, 0 };
	size_t a, n, tl;

	for (a = 0; a < 64; a++) {
		n = 200 + rng_below(g, 300);
		tl = make_text(g, n, 0);
		memcpy(buf + a, text, tl);
		if (a % 2)
			buf[a + edge_pos(g, tl)] = '*';
		{
			const unsigned char *ip = buf + a;
			uint64_t off = UINT64_MAX;
			size_t len = SIZE_MAX;

			ref_r.st = b64_decode(ip, tl, ref_r.out, OUTMAX,
			    &len, &off, B64_IMPL_SCALAR);
			ref_r.len = len <= OUTMAX ? len : 0;
			ref_r.off = B64_IS_ERROR(ref_r.st) ? off : 0;
			off = UINT64_MAX;
			len = SIZE_MAX;
			got_r.st = b64_decode(ip, tl, got_r.out, OUTMAX, &len,
			    &off, im->id);
			got_r.len = len <= OUTMAX ? len : 0;
			got_r.off = B64_IS_ERROR(got_r.st) ? off : 0;
		}
		compare(&t, buf + a, tl, 0, "decode at alignment");
		/* and encoding from every alignment into every alignment */
		fill_data(g, buf + a, n);
		{
			size_t len = SIZE_MAX;

			ref_r.st = b64_encode(buf + a, n, (char *)ref_r.out,
			    OUTMAX, &len, B64_IMPL_SCALAR, 0);
			ref_r.len = len <= OUTMAX ? len : 0;
			ref_r.off = 0;
			len = SIZE_MAX;
			got_r.st = b64_encode(buf + a, n,
			    (char *)got_r.out + a % 32, OUTMAX - 32, &len,
			    im->id, 0);
			got_r.len = len <= OUTMAX - 32 ? len : 0;
			memmove(got_r.out, got_r.out + a % 32, got_r.len);
			got_r.off = 0;
		}
		compare(&t, buf + a, n, 0, "encode at alignment");
	}
	done(&t, im->name, "input and output at alignments 0..63");
}

#define NCOMPARE 7 /* test points per available implementation */

/* --list: the registry, and whether this build and CPU run each one. */
static int
print_list(void)
{
	size_t i;

	for (i = 0; i + 1 < nimpls; i++)
		printf("%s %s\n", impls[i].name,
		    b64_impl_available(impls[i].id) ? "yes" : "no");
	return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct rng g;
	size_t i, k;

	nimpls = impl_registry(impls, MAXIMPLS + 1);
	if (argc == 2 && strcmp(argv[1], "--list") == 0)
		return print_list();
	if (argc > 1) {
		fprintf(stderr, "usage: test_impls [--list]\n");
		return 2;
	}
	test_env_once();
	test_api();
	test_unknown_flags();
	test_encoder_latch();
	for (i = 0; i < nimpls; i++) {
		const struct impl *im = &impls[i];

		if (im->id != B64_IMPL_AUTO && !b64_impl_available(im->id)) {
			test_unavailable(im);
			for (k = 0; k < NCOMPARE; k++)
				tap_skip("not available in this build or "
				    "on this CPU", "%s: comparison %zu of %d "
				    "with scalar", im->name, k + 1, NCOMPARE);
			continue;
		}
		test_available(im);
		rng_init(&g, 0x1a7e + i);
		test_encode(im, &g);
		test_decode_valid(im, &g);
		test_decode_corrupt(im, &g);
		test_decode_garbage(im, &g);
		test_decode_chunked(im, &g);
		test_alignment(im, &g);
	}
	return tap_done();
}
