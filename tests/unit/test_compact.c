/*
 * test_compact.c - every implementation's compact loop (b64_private.h)
 * against a plain byte-at-a-time reference written here.
 *
 * For each implementation the registry lists that has a compact loop and
 * runs on this CPU, both alphabets and all eight combinations of the skip
 * classes, inputs of every length 0..300 (and some longer ones) are made
 * of alphabet characters with LF, CR LF, other white space, '=' and
 * other bytes sprinkled in at random densities.  The reference consumes
 * bytes up to the first one that is neither alphabet nor in a skip class;
 * an implementation may stop earlier (the contract allows a block
 * boundary), but no more than 63 bytes earlier, and what it returns must
 * then be exactly the reference's answer for the bytes it consumed:
 * alphabet characters in TMP and every field of struct b64_scan.  The
 * SSSE3, AVX2 and NEON loops promise to stop exactly at that byte
 * (compact_vec.h), so for them the consumed count must match too.
 *
 * The input ends where a PROT_NONE page begins and TMP holds exactly
 * N + 64 bytes before another, so reading past the input or writing past
 * what the contract gives faults.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64_private.h"
#include "tap.h"
#include "testutil.h"

#define MAXN   2100
#define SLACK  64

/* Which skip class byte C belongs to, if any (0: alphabet or '='). */
static unsigned
skip_class(const unsigned char *table, unsigned char c)
{
	unsigned t = table[c];

	if (t < 64 || t == B64_C_PAD)
		return 0;
	if (t == B64_C_LF)
		return B64_SKIP_LF;
	if (t == B64_C_CR || t == B64_C_WS)
		return B64_SKIP_WS;
	return B64_SKIP_OTHER;
}

/* The contract, one byte at a time. */
static size_t
ref_compact(const unsigned char *in, size_t n, unsigned char *tmp,
    const unsigned char *table, unsigned skip, struct b64_scan *sc)
{
	size_t i;

	memset(sc, 0, sizeof(*sc));
	for (i = 0; i < n; i++) {
		unsigned char c = in[i];

		if (table[c] < 64) {
			tmp[sc->nalpha++] = c;
			sc->last_alpha = i;
			sc->alpha_nlf = sc->nlf;
			sc->alpha_lf_end = sc->lf_end;
			continue;
		}
		if ((skip_class(table, c) & skip) == 0)
			break;
		if (c == '\n') {
			sc->nlf++;
			sc->lf_end = i + 1;
		}
	}
	return i;
}

static const char junk[] = "\x00!\"#$%&'()*,.:;<>?@[\\]^`{|}~\x7f\x80\xc3\xff";
static const char spaces[] = " \t\v\f\r";

/* N bytes of text; DENSITY (0..100) is how often a line break or other
 * non-alphabet byte is put in. */
static void
make_text(struct rng *g, const struct b64_alphabet *a, unsigned char *p,
    size_t n, unsigned density)
{
	size_t i = 0, col = 0, width = 1 + rng_below(g, 90);

	while (i < n) {
		unsigned r = (unsigned)rng_below(g, 1000);

		if (col == width || r < density * 2) {
			/* a line break, LF or CR LF */
			if (i + 1 < n && rng_below(g, 2))
				p[i++] = '\r';
			p[i++] = '\n';
			col = 0;
		} else if (r < density * 4) {
			p[i++] = (unsigned char)spaces[rng_below(g,
			    sizeof(spaces) - 1)];
		} else if (r < density * 4 + density / 4 + 1) {
			p[i++] = (unsigned char)junk[rng_below(g,
			    sizeof(junk) - 1)];
		} else if (r < density * 4 + density / 2 + 2) {
			p[i++] = '=';
		} else {
			p[i++] = (unsigned char)a->chars[rng_below(g, 64)];
			col++;
		}
	}
}

static int
same_scan(const struct b64_scan *x, const struct b64_scan *y)
{
	return x->nalpha == y->nalpha && x->nlf == y->nlf &&
	    x->lf_end == y->lf_end && x->last_alpha == y->last_alpha &&
	    x->alpha_nlf == y->alpha_nlf && x->alpha_lf_end == y->alpha_lf_end;
}

static void
show_scan(const char *what, size_t used, const struct b64_scan *s)
{
	tap_diag("  %s: used %zu nalpha %zu nlf %zu lf_end %zu last_alpha %zu "
	    "alpha_nlf %zu alpha_lf_end %zu", what, used, s->nalpha, s->nlf,
	    s->lf_end, s->last_alpha, s->alpha_nlf, s->alpha_lf_end);
}

static void
show_input(const unsigned char *in, size_t n)
{
	char line[3 * 64 + 1];
	size_t i, k = 0;

	for (i = 0; i < n && i < 64; i++)
		k += (size_t)snprintf(line + k, sizeof(line) - k, "%02x ",
		    in[i]);
	tap_diag("  input (%zu bytes): %s%s", n, line, n > 64 ? "..." : "");
}

static struct guarded g_in, g_tmp;
static unsigned char ref_tmp[MAXN + SLACK];
static unsigned char text[MAXN];

/* One comparison; returns 0 and says why when they differ. */
static int
check_one(const struct b64_impl *impl, int exact,
    const struct b64_alphabet *a, unsigned skip, size_t n)
{
	const unsigned char *table = a->dec;
	unsigned char *in = guarded_tail(&g_in, n);
	unsigned char *tmp = guarded_tail(&g_tmp, n + SLACK);
	struct b64_scan got, want;
	size_t used, ref_used, prefix;
	const char *why = NULL;

	memcpy(in, text, n);
	memset(tmp, 0xa5, n + SLACK);
	memset(&got, 0x5a, sizeof(got));
	ref_used = ref_compact(in, n, ref_tmp, table, skip, &want);
	used = impl->compact(in, n, tmp, table, skip, &got);
	if (used > ref_used)
		why = "consumed a byte it may not drop";
	else if (used + 64 <= ref_used)
		why = "stopped more than 63 bytes early";
	else if (exact && used != ref_used)
		why = "did not stop exactly at the first byte it may not drop";
	if (why == NULL) {
		prefix = ref_compact(in, used, ref_tmp, table, skip, &want);
		if (prefix != used)
			why = "reference disagrees on the prefix";
		else if (!same_scan(&got, &want))
			why = "struct b64_scan differs";
		else if (memcmp(tmp, ref_tmp, want.nalpha) != 0)
			why = "copied characters differ";
	}
	if (why == NULL)
		return 1;
	tap_diag("%s: %s (%s alphabet, skip %u, n %zu, reference used %zu)",
	    impl->name, why, a->url ? "url" : "std", skip, n, ref_used);
	show_input(in, n);
	show_scan("got ", used, &got);
	ref_compact(in, ref_used, ref_tmp, table, skip, &want);
	show_scan("want", ref_used, &want);
	return 0;
}

static const unsigned densities[] = { 0, 2, 13, 40, 150 };
#define NDENS (sizeof(densities) / sizeof(densities[0]))

static void
test_impl(const struct b64_impl *impl, struct rng *g)
{
	static const struct b64_alphabet *const alphas[] = { &b64_std,
	    &b64_url };
	int exact = strcmp(impl->name, "ssse3") == 0 ||
	    strcmp(impl->name, "avx2") == 0 || strcmp(impl->name, "neon") == 0;
	unsigned long runs = 0, bad = 0;

	for (size_t ai = 0; ai < 2; ai++) {
		const struct b64_alphabet *a = alphas[ai];

		for (unsigned skip = 0; skip < 8; skip++) {
			for (size_t n = 0; n <= 300 || n < MAXN; ) {
				for (size_t di = 0; di < 4 * NDENS; di++) {
					make_text(g, a, text, n,
					    densities[di % NDENS]);
					runs++;
					if (!check_one(impl, exact, a, skip,
					    n) && ++bad >= 3)
						goto out;
				}
				n += n < 300 ? 1 : 1 + rng_below(g, 300);
			}
		}
	}
out:
	tap_ok(bad == 0, "%s compact == reference over %lu inputs (both "
	    "alphabets, every skip class combination, lengths 0..%d)%s",
	    impl->name, runs, MAXN, exact ? ", stopping exactly" : "");
}

int
main(void)
{
	struct rng g;
	const char *name;
	unsigned id;
	size_t k;

	rng_init(&g, 0xc0ffee11u);
	guarded_init(&g_in, MAXN);
	guarded_init(&g_tmp, MAXN + SLACK);
	for (k = 0; (name = b64_impl_at(k, &id)) != NULL; k++) {
		const struct b64_impl *impl = b64_impl_pick(id);

		if (impl == NULL)
			tap_skip("not in this build or on this CPU",
			    "%s compact", name);
		else if (impl->compact == NULL)
			tap_skip("no compact loop", "%s compact", name);
		else
			test_impl(impl, &g);
	}
	return tap_done();
}
