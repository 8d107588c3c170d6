/*
 * test_equiv.c - the table-driven decoder gives the pre-table decoder's
 * answers (tests/machine/oracle.c): status, output, error offset, line,
 * column and byte.
 *
 * Exhaustive part: every flag combination (64, refused ones included),
 * every implementation this build and CPU run, every string of up to
 * MAXLEN (8) bytes over one representative byte per byte class of the
 * mode ('A' value 0, 'E' value 4, '/' or '_' value 63, then of '=', LF,
 * CR, space and '*' one per class the mode's filter makes of them), each
 * decoded in one piece and in every split into 2 and 3 non-empty chunks.
 * Splits share their work: the states after each prefix are kept per
 * implementation and only distinct ones are decoded from (check_splits).
 * One pruning, by the oracle's answer: once the oracle has stopped at an
 * error, strings are extended by 3 more bytes (a bulk step reads whole
 * quanta, so no later byte can be looked at) and no further.
 *
 * Filter part: each of the 256 bytes in a few contexts, every mode and
 * implementation, one piece: every byte acts as its class's
 * representative.
 *
 * Lines part: what the line step takes (whole lines of one length, a
 * multiple of 4 or not, LF or CR LF, then a last line of any length and
 * maybe padding), random, with a byte or two replaced by a class
 * representative here and there; every mode and implementation, in one
 * piece and split at random places.
 *
 * Usage: test_equiv [--no-prune] [--count] [MAXLEN]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "b64.h"
#include "machine.h"
#include "oracle.h"
#include "tap.h"
#include "testutil.h"

#define MAXLEN_DEFAULT 8
#define MAXLEN_MAX 12

/* The lines part: texts up to this long. */
#define LINES_MAXTEXT 1600
#define LINES_TEXTS 150

struct result {
	enum b64_status st;
	size_t len;
	unsigned char out[LINES_MAXTEXT];
	uint64_t off, line, col;
	unsigned char byte;
	size_t used; /* oracle: where update stopped */
};

static unsigned avail[16];
static size_t navail;

static int prune = 1, count_only;
static size_t maxlen = MAXLEN_DEFAULT;
static unsigned long long ncompared, nstrings, nafter;
static int failed_once;

/* The oracle over IN[0..N), one piece. */
static void
oracle_run(const unsigned char *in, size_t n, unsigned flags,
    struct result *r)
{
	struct oracle_decoder d;
	size_t len = 0;

	memset(r, 0, sizeof(*r));
	r->st = oracle_decoder_init(&d, flags | B64_IMPL_SCALAR);
	if (r->st != B64_OK)
		return;
	r->st = oracle_decode_update(&d, in, n, &r->used, r->out,
	    sizeof(r->out), &len);
	r->len = len;
	if (r->st == B64_OK)
		r->st = oracle_decode_final(&d);
	else
		r->used++; /* the byte where the error showed was read */
	if (B64_IS_ERROR(r->st) && r->st != B64_ERR_UNSUPPORTED) {
		r->off = oracle_decoder_error_offset(&d);
		r->line = oracle_decoder_error_line(&d);
		r->col = oracle_decoder_error_column(&d);
		r->byte = oracle_decoder_error_byte(&d);
	}
}

/* The new decoder over IN[0..N) in chunks ending at CUTS[0..NCUTS) (the
 * last one N). */
static void
new_run(const unsigned char *in, const size_t *cuts, size_t ncuts,
    unsigned flags, struct result *r)
{
	struct b64_decoder d;
	size_t pos = 0;

	memset(r, 0, sizeof(*r));
	r->st = b64_decoder_init(&d, flags);
	if (r->st != B64_OK)
		return;
	for (size_t k = 0; k < ncuts && r->st == B64_OK; k++) {
		size_t used, len;

		r->st = b64_decode_update(&d, in + pos, cuts[k] - pos, &used,
		    r->out + r->len, sizeof(r->out) - r->len, &len);
		r->len += len;
		pos = cuts[k];
	}
	if (r->st == B64_OK)
		r->st = b64_decode_final(&d);
	if (B64_IS_ERROR(r->st) && r->st != B64_ERR_UNSUPPORTED) {
		r->off = b64_decoder_error_offset(&d);
		r->line = b64_decoder_error_line(&d);
		r->col = b64_decoder_error_column(&d);
		r->byte = b64_decoder_error_byte(&d);
	}
}

static const char *
show(const unsigned char *in, size_t n)
{
	static char buf[8 * MAXLEN_MAX + 64];

	tap_escape(buf, sizeof(buf), in, n);
	return buf;
}

/* Compare, and say what differs the first time. */
static int
same(const struct result *want, const struct result *got,
    const unsigned char *in, size_t n, unsigned flags, const size_t *cuts,
    size_t ncuts)
{
	ncompared++;
	if (want->st == got->st && want->len == got->len &&
	    memcmp(want->out, got->out, want->len) == 0 &&
	    want->off == got->off && want->line == got->line &&
	    want->col == got->col && want->byte == got->byte)
		return 1;
	if (!failed_once) {
		failed_once = 1;
		tap_diag("flags 0x%04x input \"%s\" in %zu chunks (first cut "
		    "%zu): oracle status %d len %zu at %llu:%llu:%llu byte "
		    "%u; table status %d len %zu at %llu:%llu:%llu byte %u",
		    flags, show(in, n), ncuts, cuts[0], (int)want->st,
		    want->len, (unsigned long long)want->off,
		    (unsigned long long)want->line,
		    (unsigned long long)want->col, want->byte, (int)got->st,
		    got->len, (unsigned long long)got->off,
		    (unsigned long long)got->line,
		    (unsigned long long)got->col, got->byte);
	}
	return 0;
}

/*
 * The splits, without decoding any prefix twice.  sets[k][q] holds the
 * distinct states of implementation K after the first q bytes of the
 * current string, each with the output so far and the fewest chunks it
 * took (0 for the initial state at q = 0).  A string of length L is
 * checked by decoding its last chunk [q, L) from every state at every
 * q < L that took at most 2 chunks: that is every split into 1, 2 and 3
 * chunks (two splits that reach the same state at q are the same
 * computation from there on).  The states after [q, L) that took at most
 * 2 chunks are kept for the strings that extend this one.
 */
#define MAXSET 16

struct entry {
	struct b64_decoder d;
	unsigned char out[MAXLEN_MAX];
	size_t len;
	int chunks;
};

static struct entry sets[4][MAXLEN_MAX + 1][MAXSET];
static size_t nset[4][MAXLEN_MAX + 1];

/* Add (D, OUT[0..LEN), CHUNKS) to sets[K][Q] unless it is there. */
static int
keep(size_t k, size_t q, const struct b64_decoder *d,
    const unsigned char *out, size_t len, int chunks)
{
	struct entry *e = sets[k][q];

	for (size_t j = 0; j < nset[k][q]; j++) {
		if (e[j].len == len && (len == 0 ||
		    memcmp(e[j].out, out, len) == 0) &&
		    memcmp(&e[j].d, d, sizeof(*d)) == 0) {
			if (chunks < e[j].chunks)
				e[j].chunks = chunks;
			return 1;
		}
	}
	if (nset[k][q] == MAXSET)
		return 0;
	e += nset[k][q]++;
	memcpy(&e->d, d, sizeof(*d));
	if (len > 0)
		memcpy(e->out, out, len);
	e->len = len;
	e->chunks = chunks;
	return 1;
}

/* The result of a decoder that has just returned ST. */
static void
take(struct result *r, struct b64_decoder *d, enum b64_status st)
{
	if (st == B64_OK)
		st = b64_decode_final(d);
	r->st = st;
	r->off = r->line = r->col = 0;
	r->byte = 0;
	if (B64_IS_ERROR(st) && st != B64_ERR_UNSUPPORTED) {
		r->off = b64_decoder_error_offset(d);
		r->line = b64_decoder_error_line(d);
		r->col = b64_decoder_error_column(d);
		r->byte = b64_decoder_error_byte(d);
	}
}

/* Start every implementation's sets for FLAGS; 0 if init refuses. */
static int
start_sets(unsigned flags)
{
	int ok = 1;

	for (size_t k = 0; k < navail; k++) {
		struct b64_decoder d;

		memset(&d, 0, sizeof(d));
		if (b64_decoder_init(&d, flags | avail[k]) != B64_OK)
			ok = 0;
		nset[k][0] = 0;
		keep(k, 0, &d, NULL, 0, 0);
	}
	return ok;
}

/* Every split of IN[0..N) into 1, 2 and 3 non-empty chunks, every
 * implementation, against the oracle's WANT; extends the sets to N. */
static int
check_splits(const unsigned char *in, size_t n, unsigned flags,
    const struct result *want)
{
	int ok = 1;

	for (size_t k = 0; k < navail; k++) {
		if (n == 0) {
			struct b64_decoder d = sets[k][0][0].d;
			struct result got;

			got.len = 0;
			take(&got, &d, B64_OK);
			ok &= same(want, &got, in, n, flags | avail[k], &n, 1);
			continue;
		}
		nset[k][n] = 0;
		for (size_t q = 0; q < n; q++) {
			for (size_t j = 0; j < nset[k][q]; j++) {
				const struct entry *e = &sets[k][q][j];
				struct b64_decoder d;
				struct result got;
				enum b64_status st;
				size_t used, len, cuts[2] = { q, n };

				if (e->chunks > 2)
					continue;
				memcpy(&d, &e->d, sizeof(d));
				if (e->len > 0)
					memcpy(got.out, e->out, e->len);
				st = b64_decode_update(&d, in + q, n - q, &used,
				    got.out + e->len,
				    sizeof(got.out) - e->len, &len);
				got.len = e->len + len;
				if (st == B64_OK && e->chunks < 2)
					ok &= keep(k, n, &d, got.out, got.len,
					    e->chunks + 1);
				take(&got, &d, st);
				ok &= same(want, &got, in, n, flags | avail[k],
				    q ? cuts : cuts + 1, e->chunks + 1);
			}
		}
	}
	return ok;
}

/* IN[0..N) in one piece, every implementation, against WANT. */
static int
check_one(const unsigned char *in, size_t n, unsigned flags,
    const struct result *want)
{
	struct result got;
	int ok = 1;

	for (size_t k = 0; k < navail; k++) {
		size_t cut = n;

		new_run(in, &cut, 1, flags | avail[k], &got);
		ok &= same(want, &got, in, n, flags | avail[k], &cut, 1);
	}
	return ok;
}

/* A random text of lines for the lines part; returns its length. */
static size_t
lines_text(struct rng *g, unsigned char *t, unsigned flags,
    const unsigned char *reps, size_t nreps)
{
	static const size_t lens[] = { 64, 68, 72, 76, 80, 96, 128, 132, 65,
	    77 };
	const char *abc = ref_alphabet(flags);
	size_t len = lens[rng_below(g, sizeof(lens) / sizeof(lens[0]))];
	size_t nlines = 2 + rng_below(g, LINES_MAXTEXT / (len + 2) - 3);
	size_t eol = 1 + rng_below(g, 2), n = 0, last;

	for (size_t l = 0; l < nlines; l++) {
		for (size_t j = 0; j < len; j++)
			t[n++] = (unsigned char)abc[rng_below(g, 64)];
		if (eol == 2)
			t[n++] = '\r';
		t[n++] = '\n';
	}
	last = rng_below(g, len + 1);
	for (size_t j = 0; j < last; j++)
		t[n++] = (unsigned char)abc[rng_below(g, 64)];
	switch (rng_below(g, 3)) {
	case 1: /* "xx==", its unused bits clear */
		t[n++] = (unsigned char)abc[rng_below(g, 64)];
		t[n++] = (unsigned char)abc[16 * rng_below(g, 4)];
		t[n++] = '=';
		t[n++] = '=';
		break;
	case 2: /* "xxx=" */
		t[n++] = (unsigned char)abc[rng_below(g, 64)];
		t[n++] = (unsigned char)abc[rng_below(g, 64)];
		t[n++] = (unsigned char)abc[4 * rng_below(g, 16)];
		t[n++] = '=';
		break;
	default:
		break;
	}
	if (rng_below(g, 2)) {
		if (eol == 2)
			t[n++] = '\r';
		t[n++] = '\n';
	}
	for (size_t k = rng_below(g, 3); k > 0 && n > 0; k--)
		t[rng_below(g, n)] = reps[rng_below(g, nreps)];
	return n;
}

static int
check_lines(unsigned flags, const unsigned char *reps, size_t nreps,
    struct rng *g)
{
	static unsigned char text[LINES_MAXTEXT];
	int ok = 1;

	for (int r = 0; r < LINES_TEXTS; r++) {
		size_t n = lines_text(g, text, flags, reps, nreps);
		struct result want, got;

		oracle_run(text, n, flags, &want);
		ok &= check_one(text, n, flags, &want);
		for (size_t k = 0; k < navail; k++) {
			size_t cuts[4];

			for (size_t c = 0; c < 3; c++)
				cuts[c] = rng_below(g, n + 1);
			cuts[3] = n;
			/* in order */
			for (size_t a = 0; a < 3; a++)
				for (size_t b = a + 1; b < 3; b++)
					if (cuts[b] < cuts[a]) {
						size_t x = cuts[a];

						cuts[a] = cuts[b];
						cuts[b] = x;
					}
			new_run(text, cuts, 4, flags | avail[k], &got);
			ok &= same(&want, &got, text, n, flags | avail[k],
			    cuts, 4);
		}
	}
	return ok;
}

/* Depth-first over the strings that extend BUF[0..N). */
static int
explore(unsigned char *buf, size_t n, unsigned flags,
    const unsigned char *reps, size_t nreps)
{
	struct result want;
	int ok;

	nstrings++;
	oracle_run(buf, n, flags, &want);
	if (B64_IS_ERROR(want.st) && want.used < n)
		nafter++;
	ok = count_only || check_splits(buf, n, flags, &want);
	if (n == maxlen || want.st == B64_ERR_UNSUPPORTED)
		return ok;
	if (prune && B64_IS_ERROR(want.st) && n >= want.used + 3)
		return ok;
	for (size_t k = 0; k < nreps; k++) {
		buf[n] = reps[k];
		ok &= explore(buf, n + 1, flags, reps, nreps);
	}
	return ok;
}

/* "strict nopad crlf url" */
static const char *
flag_names(unsigned f)
{
	static char buf[96];

	snprintf(buf, sizeof(buf), "%s%s%s%s%s%s",
	    (f & B64_STRICT) ? " strict" : "",
	    (f & B64_LENIENT) ? " lenient" : "",
	    (f & B64_NO_PAD) ? " nopad" : "",
	    (f & B64_CRLF) ? " crlf" : "",
	    (f & B64_SKIP_GARBAGE) ? " garbage" : "",
	    (f & B64_ALPHA_URL) ? " url" : "");
	return buf[0] ? buf + 1 : "gnu";
}

/*
 * Keep one representative per class of the mode (the table's filter):
 * the filter test shows every byte acts as its class's representative.
 * Refused flags keep them all (nothing is decoded).  Returns the count.
 */
static size_t
mode_reps(unsigned flags, unsigned char *reps)
{
	const struct b64_mode *m = b64_mode_find(flags);
	const unsigned char raw[] = { '=', '\n', '\r', ' ', '*' };
	unsigned seen = 0;
	size_t n = 3;

	if (m == NULL)
		return 8;
	for (size_t k = 0; k < sizeof(raw); k++) {
		unsigned cls = m->filter[k];

		if (seen & (1u << cls))
			continue;
		seen |= 1u << cls;
		reps[n++] = raw[k];
	}
	return n;
}

/* Each byte value in a few places, one piece, every implementation. */
static int
check_filter(unsigned flags)
{
	static const char *const pre[] = {
		"", "QU", "QUJ", "QUJD", "QQ=", "QQ==", "QUI=", "\r",
	};
	static const char *const post[] = { "", "\n", "QQ==" };
	unsigned char buf[32];
	int ok = 1;

	for (unsigned b = 0; b < 256; b++) {
		for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
			for (size_t j = 0; j < sizeof(post) / sizeof(post[0]);
			    j++) {
				size_t lp = strlen(pre[i]);
				size_t lq = strlen(post[j]);
				size_t n = lp + 1 + lq;
				struct result want;

				memcpy(buf, pre[i], lp);
				buf[lp] = (unsigned char)b;
				memcpy(buf + lp + 1, post[j], lq);
				oracle_run(buf, n, flags, &want);
				ok &= check_one(buf, n, flags, &want);
			}
		}
	}
	return ok;
}

int
main(int argc, char **argv)
{
	unsigned char buf[MAXLEN_MAX];
	unsigned id;
	clock_t t0 = clock();
	const char *env = getenv("SEXTET_EQUIV_MAXLEN");
	struct rng g;

	rng_init(&g, 0x11e5u);

	/* A shorter run where every step is slow (sanitizers, emulators):
	 * the full length runs in the plain builds. */
	if (env != NULL && *env != '\0')
		maxlen = (size_t)atoi(env);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-prune") == 0)
			prune = 0;
		else if (strcmp(argv[i], "--count") == 0)
			count_only = 1;
		else
			maxlen = (size_t)atoi(argv[i]);
	}
	if (maxlen > MAXLEN_MAX)
		maxlen = MAXLEN_MAX;
	/* Every implementation of the registry this CPU runs. */
	for (size_t k = 0; navail < sizeof(avail) / sizeof(avail[0]) &&
	    b64_impl_at(k, &id) != NULL; k++)
		if (b64_impl_available(id))
			avail[navail++] = id;
	tap_diag("implementations: %zu, strings up to %zu bytes%s", navail,
	    maxlen, prune ? "" : ", no pruning");

	for (unsigned flags = 0; flags < 64; flags++) {
		/* The six decoder flags, spread over their bits. */
		unsigned f = ((flags & 1) ? B64_STRICT : 0) |
		    ((flags & 2) ? B64_LENIENT : 0) |
		    ((flags & 4) ? B64_NO_PAD : 0) |
		    ((flags & 8) ? B64_CRLF : 0) |
		    ((flags & 16) ? B64_SKIP_GARBAGE : 0) |
		    ((flags & 32) ? B64_ALPHA_URL : 0);
		unsigned char reps[] = {
			'A', 'E', (f & B64_ALPHA_URL) ? '_' : '/', '=', '\n',
			'\r', ' ', '*',
		};
		unsigned long long before = nstrings;
		size_t nr = mode_reps(f, reps);
		int ok = start_sets(f) == (b64_mode_find(f) != NULL);

		ok &= explore(buf, 0, f, reps, nr);

		tap_ok(ok, "%s: %zu classes, %llu strings, every split",
		    flag_names(f), nr, nstrings - before);
		tap_ok(check_filter(f), "%s: every byte in context",
		    flag_names(f));
		tap_ok(check_lines(f, reps, nr, &g), "%s: %d texts of lines, "
		    "whole and split", flag_names(f), LINES_TEXTS);
	}
	tap_diag("%llu strings, %llu comparisons, %.1f s CPU", nstrings,
	    ncompared, (double)(clock() - t0) / CLOCKS_PER_SEC);
	tap_diag("%llu of them extend a string the oracle refused", nafter);
	return tap_done();
}
