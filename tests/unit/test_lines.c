/*
 * test_lines.c - every implementation's line loops (dec_lines and
 * enc_lines, b64_private.h) against plain references written here.
 *
 * For each implementation the registry lists that runs on this CPU, both
 * alphabets, both line ends (LF, CR LF) and line lengths 4..200 (every
 * multiple of 4) and some long ones:
 *  - dec_lines gets a few good lines, then (or not) one spoiled at a
 *    random place (a byte outside the alphabet, a wrong or missing line
 *    end, a line one quantum short or long), then random text.  It must
 *    decode no line the reference rejects, write exactly the reference's
 *    bytes for the lines it takes, and leave out none that is followed by
 *    64 bytes when the lines are 64 characters or longer (shorter ones an
 *    implementation may decline).
 *  - enc_lines encodes random data with a random line budget; the text
 *    must be the reference's, and it must stop only at the budget or
 *    where fewer than 16 bytes beyond a line are left (for lines of 64
 *    characters or more).
 *  - enc, the bulk encoding loop, encodes random whole groups; the text
 *    must be the reference's.
 *  - hex_lines (base16 lines, basex.c) decodes good and spoiled lines of
 *    1..300 digits as dec_lines does (hex_case below), and hex_split
 *    encodes lines of 1..300 digits (hex_split_case).
 * The input ends where a PROT_NONE page begins (for the encoders, every
 * other one starts where one ends instead), and so does the output
 * window the contract gives (dec: N / 4 * 3 bytes; enc: exactly the
 * budget), so reading or writing outside them faults.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "b64_private.h"
#include "tap.h"
#include "testutil.h"

#define MAXLEN 1024
#define MAXN   (10 * (MAXLEN + 8) + 256)

static struct guarded g_in, g_out;
static unsigned char text[MAXN];
static unsigned char data[MAXN];
static unsigned char want[MAXN];

/* Decode LEN characters of alphabet A at P to OUT; 0 if one is not in A. */
static int
ref_dec_line(const struct b64_alphabet *a, const unsigned char *p,
    size_t len, unsigned char *out)
{
	for (size_t i = 0; i < len; i += 4) {
		uint32_t w = 0;

		for (size_t j = 0; j < 4; j++) {
			unsigned v = a->dec[p[i + j]];

			if (v >= 64)
				return 0;
			w = w << 6 | v;
		}
		*out++ = (unsigned char)(w >> 16);
		*out++ = (unsigned char)(w >> 8);
		*out++ = (unsigned char)w;
	}
	return 1;
}

/* How many whole lines of LEN characters and line end EOL start IN. */
static size_t
ref_dec_lines(const struct b64_alphabet *a, const unsigned char *in,
    size_t n, size_t len, size_t eol, unsigned char *out)
{
	size_t k = 0, step = len + eol;

	while (n - k * step >= step) {
		const unsigned char *p = in + k * step;

		if (p[len + eol - 1] != '\n' || (eol == 2 && p[len] != '\r') ||
		    !ref_dec_line(a, p, len, out + k * (len / 4 * 3)))
			break;
		k++;
	}
	return k;
}

/* A byte that is not in alphabet A. */
static unsigned char
not_alpha(struct rng *g, const struct b64_alphabet *a)
{
	static const char bad[] = "=\n\r \t*.-_+/\x80\xff";
	unsigned char c;

	do
		c = (unsigned char)bad[rng_below(g, sizeof(bad) - 1)];
	while (a->dec[c] < 64);
	return c;
}

/* Append a line of LEN characters and line end EOL at P; returns P's end. */
static size_t
put_line(struct rng *g, const struct b64_alphabet *a, unsigned char *p,
    size_t len, size_t eol)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)a->chars[rng_below(g, 64)];
	if (eol == 2)
		p[len++] = '\r';
	p[len++] = '\n';
	return len;
}

static void
show(const char *impl, const char *what, const struct b64_alphabet *a,
    size_t len, size_t eol, size_t n, size_t got, size_t ref)
{
	tap_diag("%s: %s (%s alphabet, len %zu, eol %zu, n %zu: got %zu "
	    "lines, reference %zu)", impl, what, a->url ? "url" : "std", len,
	    eol, n, got, ref);
}

/* One dec_lines case; returns 0 and says why when it fails. */
static int
dec_case(const struct b64_impl *impl, struct rng *g,
    const struct b64_alphabet *a, size_t len, size_t eol)
{
	size_t step = len + eol, good = rng_below(g, 5), n = 0, k, ref;
	unsigned char *in, *out;

	for (k = 0; k < good; k++)
		n += put_line(g, a, text + n, len, eol);
	switch (rng_below(g, 6)) {
	case 0: /* a byte outside the alphabet, or a wrong line end */
		n += put_line(g, a, text + n, len, eol);
		text[n - 1 - rng_below(g, step)] = not_alpha(g, a);
		break;
	case 1: /* a line a quantum short or long */
		n += put_line(g, a, text + n, rng_below(g, 2) ? len - 4 :
		    len + 4, eol);
		break;
	case 2: /* the other line end */
		n += put_line(g, a, text + n, len, 3 - eol);
		break;
	default: /* only good lines */
		break;
	}
	/* Then more lines, or not, and a few characters and line feeds. */
	for (k = rng_below(g, 4); k > 0; k--)
		n += put_line(g, a, text + n, len, eol);
	for (k = rng_below(g, 100); k > 0; k--)
		text[n++] = rng_below(g, 20) ?
		    (unsigned char)a->chars[rng_below(g, 64)] : '\n';

	in = guarded_tail(&g_in, n);
	memcpy(in, text, n);
	out = guarded_tail(&g_out, n / 4 * 3);
	ref = ref_dec_lines(a, in, n, len, eol, want);
	k = impl->dec_lines(in, n, out, a->dec, len, eol);
	if (k > ref) {
		show(impl->name, "took a line the reference rejects", a, len, eol,
		    n, k, ref);
		return 0;
	}
	if (memcmp(out, want, k * (len / 4 * 3)) != 0) {
		show(impl->name, "decoded bytes differ", a, len, eol, n, k, ref);
		return 0;
	}
	/* Lines of 64 or more followed by 64 bytes are taken. */
	if (len >= 64 && k < ref && n - k * step >= step + 64) {
		show(impl->name, "stopped early", a, len, eol, n, k, ref);
		return 0;
	}
	return 1;
}

/* One enc_lines case; returns 0 and says why when it fails. */
static int
enc_case(const struct b64_impl *impl, struct rng *g,
    const struct b64_alphabet *a, size_t wrap, size_t eol)
{
	size_t ilen = wrap / 4 * 3, step = wrap + eol;
	size_t n = rng_below(g, 6 * ilen + 100), budget = rng_below(g, 7);
	size_t k, whole = n / ilen, ok;
	unsigned char *in;
	char *out;

	if (budget * step > MAXN)
		budget = MAXN / step;
	rng_fill(g, data, n);
	/* Every other input starts where the leading guard page ends
	 * (blocks may read before their own bytes, not before the input). */
	in = rng_below(g, 2) ? guarded_tail(&g_in, n) : guarded_head(&g_in);
	memcpy(in, data, n);
	out = (char *)guarded_tail(&g_out, budget * step);
	k = impl->enc_lines(in, n, budget, out, b64_alphabet_of(a->dec), wrap,
	    eol);
	if (k > budget || k > whole) {
		show(impl->name, "encoded lines it was not given", a, wrap, eol,
		    n, k, whole < budget ? whole : budget);
		return 0;
	}
	ok = 1;
	for (size_t l = 0; l < k && ok; l++) {
		char line[MAXLEN + 2];
		size_t m = ref_encode(in + l * ilen, ilen, a->url ? B64_ALPHA_URL
		    : 0, 0, line);

		if (eol == 2)
			line[m++] = '\r';
		line[m++] = '\n';
		ok = m == step && memcmp(out + l * step, line, step) == 0;
	}
	if (!ok) {
		show(impl->name, "text differs", a, wrap, eol, n, k, whole);
		return 0;
	}
	if (wrap >= 64 && k < budget && k < whole &&
	    n - k * ilen >= ilen + 16) {
		show(impl->name, "stopped early", a, wrap, eol, n, k, whole);
		return 0;
	}
	return 1;
}

/*
 * The bulk encoding loop (enc) on the same terms: random data of up to
 * MAXN / 2 bytes, whole groups, starting right after the leading guard
 * page or ending right before the trailing one, to exactly the
 * characters' room before the output's guard.
 */
static int
bulk_enc_case(const struct b64_impl *impl, struct rng *g,
    const struct b64_alphabet *a)
{
	size_t groups = rng_below(g, MAXN / 6), n = 3 * groups;
	char want_text[MAXN], *out;
	unsigned char *in;

	rng_fill(g, data, n);
	in = rng_below(g, 2) ? guarded_tail(&g_in, n) : guarded_head(&g_in);
	memcpy(in, data, n);
	out = (char *)guarded_tail(&g_out, 4 * groups);
	impl->enc(in, groups, out, b64_alphabet_of(a->dec));
	ref_encode(in, n, a->url ? B64_ALPHA_URL : 0, 0, want_text);
	if (memcmp(out, want_text, 4 * groups) != 0) {
		printf("# %s enc: %s alphabet, %zu groups: text differs\n",
		    impl->name, a->url ? "url" : "standard", groups);
		return 0;
	}
	return 1;
}

/* The value of hex digit C of either case, or -1. */
static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/*
 * hex_lines (base16 lines decoded where they lie) on the same terms as
 * dec_lines: a few good lines of LEN digits (either case) and a LF, then
 * (or not) one spoiled (a byte that is no digit, the LF missing or one
 * byte off), then random text; MAXLINES random.  It must decode no line
 * that is not good and within MAXLINES, write the reference's bytes for
 * those it takes, and leave out at most one (it may take lines in pairs)
 * when LEN is even and 64 or more.
 */
static int
hex_case(const struct b64_impl *impl, struct rng *g, size_t len)
{
	static const char digits[] = "0123456789ABCDEFabcdef";
	size_t good = rng_below(g, 6), n = 0, k, ref, maxlines;
	unsigned char *in, *out;

	for (size_t l = 0; l < good + 1; l++) {
		for (size_t j = 0; j < len; j++)
			text[n++] = (unsigned char)digits[rng_below(g, 22)];
		text[n++] = '\n';
	}
	switch (rng_below(g, 4)) {
	case 0: /* the last line spoiled by a byte that is no digit */
		text[n - 2 - rng_below(g, len)] = rng_below(g, 2) ? 'g' :
		    (unsigned char)(0x80 + rng_below(g, 128));
		break;
	case 1: /* its LF missing */
		text[n - 1] = (unsigned char)digits[rng_below(g, 22)];
		break;
	case 2: /* its LF a byte early */
		text[n - 2] = '\n';
		break;
	default: /* all good */
		break;
	}
	for (k = rng_below(g, 40); k > 0; k--)
		text[n++] = rng_below(g, 10) ? (unsigned char)digits[
		    rng_below(g, 22)] : '\n';
	/* The good lines, as the reference sees them. */
	for (ref = 0; (ref + 1) * (len + 1) <= n; ref++) {
		const unsigned char *p = text + ref * (len + 1);
		size_t j = 0;

		while (j < len && hex_value(p[j]) >= 0)
			j++;
		if (j < len || p[len] != '\n')
			break;
	}
	maxlines = rng_below(g, 8);
	if (ref > maxlines)
		ref = maxlines;
	in = guarded_tail(&g_in, n);
	memcpy(in, text, n);
	out = guarded_tail(&g_out, maxlines * (len / 2));
	k = impl->hex_lines(in, n, len, maxlines, out);
	if (k > ref) {
		printf("# %s hex_lines: lines of %zu: took %zu lines, %zu good\n",
		    impl->name, len, k, ref);
		return 0;
	}
	for (size_t i = 0; i < k * (len / 2); i++) {
		const unsigned char *p = in + i / (len / 2) * (len + 1) +
		    i % (len / 2) * 2;

		if (out[i] != (hex_value(p[0]) << 4 | hex_value(p[1]))) {
			printf("# %s hex_lines: lines of %zu: byte %zu "
			    "differs\n", impl->name, len, i);
			return 0;
		}
	}
	if (len % 2 == 0 && len >= 64 && k + 1 < ref) {
		printf("# %s hex_lines: lines of %zu: stopped at %zu of %zu\n",
		    impl->name, len, k, ref);
		return 0;
	}
	return 1;
}

/*
 * hex_split (base16 encoding in lines) writes NLINES lines of WRAP
 * digits, each after a LF, from random bytes that start right after or
 * end right before a guard page, into exactly their room before the
 * output's guard; or declines (0, nothing written) for an odd WRAP or
 * one shorter than 128 (two of the widest vectors' bytes).
 */
static int
hex_split_case(const struct b64_impl *impl, struct rng *g, size_t wrap)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t nlines = rng_below(g, 7), n = nlines * (wrap / 2), k;
	size_t room = nlines * (wrap + 1);
	unsigned char *in;
	char *out;

	rng_fill(g, data, n);
	in = rng_below(g, 2) ? guarded_tail(&g_in, n) : guarded_head(&g_in);
	memcpy(in, data, n);
	out = (char *)guarded_tail(&g_out, room);
	memset(out, '#', room);
	k = impl->hex_split(in, nlines, out, wrap);
	if (k == 0 && nlines > 0) {
		for (size_t i = 0; i < room; i++) {
			if (out[i] != '#') {
				printf("# %s hex_split: lines of %zu: declined "
				    "but wrote\n", impl->name, wrap);
				return 0;
			}
		}
		if (wrap % 2 == 0 && wrap >= 128) {
			printf("# %s hex_split: declined lines of %zu\n",
			    impl->name, wrap);
			return 0;
		}
		return 1;
	}
	if (k != nlines) {
		printf("# %s hex_split: lines of %zu: %zu of %zu\n",
		    impl->name, wrap, k, nlines);
		return 0;
	}
	for (size_t l = 0; l < nlines; l++) {
		const char *line = out + l * (wrap + 1);
		const unsigned char *p = in + l * (wrap / 2);

		for (size_t j = 0; j < wrap; j++) {
			unsigned v = j % 2 == 0 ? p[j / 2] >> 4 : p[j / 2] & 15u;

			if (line[1 + j] != digits[v] || line[0] != '\n') {
				printf("# %s hex_split: lines of %zu: line %zu "
				    "differs\n", impl->name, wrap, l);
				return 0;
			}
		}
	}
	return 1;
}

static void
test_hex_lines(const struct b64_impl *impl, struct rng *g)
{
	unsigned long runs = 0, bad = 0;

	if (impl->hex_lines == NULL || impl->hex_split == NULL) {
		/* (basex.c joins and splits the lines for it.) */
		tap_skip("no base16 line loops", "%s hex_lines", impl->name);
		tap_skip("no base16 line loops", "%s hex_split", impl->name);
		return;
	}
	for (size_t len = 1; len <= 300; len++) {
		for (int r = 0; r < 40; r++) {
			runs++;
			if (bad < 3 && !hex_case(impl, g, len))
				bad++;
		}
	}
	tap_ok(bad == 0, "%s hex_lines == reference over %lu inputs (lines of "
	    "1..300, spoiled or not)", impl->name, runs);
	runs = bad = 0;
	for (size_t wrap = 1; wrap <= 300; wrap++) {
		for (int r = 0; r < 20; r++) {
			runs++;
			if (bad < 3 && !hex_split_case(impl, g, wrap))
				bad++;
		}
	}
	tap_ok(bad == 0, "%s hex_split == reference over %lu inputs (lines of "
	    "1..300)", impl->name, runs);
}

static void
test_impl(const struct b64_impl *impl, struct rng *g)
{
	static const struct b64_alphabet *const alphas[] = { &b64_std,
	    &b64_url };
	static const size_t longer[] = { 252, 256, 300, 512, 1000, MAXLEN };
	unsigned long dec_runs = 0, enc_runs = 0, dec_bad = 0, enc_bad = 0;

	for (size_t ai = 0; ai < 2; ai++) {
		for (size_t eol = 1; eol <= 2; eol++) {
			for (size_t li = 0; li < 50 + 6; li++) {
				size_t len = li < 50 ? 4 * (li + 1) :
				    longer[li - 50];

				for (int r = 0; r < 60; r++) {
					dec_runs++;
					if (dec_bad < 3 && !dec_case(impl, g,
					    alphas[ai], len, eol))
						dec_bad++;
					enc_runs++;
					if (enc_bad < 3 && !enc_case(impl, g,
					    alphas[ai], len, eol))
						enc_bad++;
				}
			}
		}
	}
	tap_ok(dec_bad == 0, "%s dec_lines == reference over %lu inputs (both "
	    "alphabets, LF and CR LF, lines of 4..%d)", impl->name, dec_runs,
	    MAXLEN);
	tap_ok(enc_bad == 0, "%s enc_lines == reference over %lu inputs",
	    impl->name, enc_runs);
	enc_runs = enc_bad = 0;
	for (size_t ai = 0; ai < 2; ai++) {
		for (int r = 0; r < 3000; r++) {
			enc_runs++;
			if (enc_bad < 3 && !bulk_enc_case(impl, g, alphas[ai]))
				enc_bad++;
		}
	}
	tap_ok(enc_bad == 0, "%s enc == reference over %lu inputs (both "
	    "alphabets, guard pages before and after)", impl->name, enc_runs);
	test_hex_lines(impl, g);
}

int
main(void)
{
	struct rng g;
	const char *name;
	unsigned id;

	rng_init(&g, 0x11ae5u);
	guarded_init(&g_in, MAXN);
	guarded_init(&g_out, MAXN);
	for (size_t k = 0; (name = b64_impl_at(k, &id)) != NULL; k++) {
		const struct b64_impl *impl = b64_impl_pick(id);

		if (impl == NULL) {
			tap_skip("not in this build or on this CPU",
			    "%s dec_lines", name);
			tap_skip("not in this build or on this CPU",
			    "%s enc_lines", name);
			tap_skip("not in this build or on this CPU",
			    "%s enc", name);
			tap_skip("not in this build or on this CPU",
			    "%s hex_lines", name);
			tap_skip("not in this build or on this CPU",
			    "%s hex_split", name);
		} else {
			test_impl(impl, &g);
		}
	}
	return tap_done();
}
