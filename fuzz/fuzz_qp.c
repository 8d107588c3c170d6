/*
 * fuzz_qp.c - the quoted-printable decoder (src/mime/qp.h).
 *
 * Input: bytes 0-3 a seed; the rest is the text.
 *
 * A random split (empty chunks too) gives the one-shot bytes; no call
 * writes more than it promised (N + QP_SLACK, checked with guard bytes,
 * qp_finish() at most QP_SLACK); the output is never longer than the
 * input; and, when no run of blanks exceeds QP_BLANK_MAX, the output is
 * that of a plain line-by-line reference decoder written here from
 * RFC 2045 section 6.7 and the rules in qp.h.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "qp.h"

#define GUARD 16

static int
hexv(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The reference: one line at a time. */
static size_t
reference(const uint8_t *s, size_t n, uint8_t *out)
{
	size_t o = 0, start = 0, end, len, i;
	int lf, cr, soft;

	while (start < n) {
		end = start;
		while (end < n && s[end] != '\n')
			end++;
		lf = end < n;
		len = end - start;
		cr = lf && len > 0 && s[start + len - 1] == '\r';
		if (cr)
			len--;
		while (len > 0 && (s[start + len - 1] == ' ' ||
		    s[start + len - 1] == '\t'))
			len--;
		soft = lf && len > 0 && s[start + len - 1] == '=';
		if (soft)
			len--;
		for (i = 0; i < len; i++) {
			const uint8_t *c = s + start + i;

			if (c[0] == '=' && i + 2 < len && hexv(c[1]) >= 0 &&
			    hexv(c[2]) >= 0) {
				out[o++] = (uint8_t)(hexv(c[1]) * 16 +
				    hexv(c[2]));
				i += 2;
			} else {
				out[o++] = c[0];
			}
		}
		if (lf && !soft) {
			if (cr)
				out[o++] = '\r';
			out[o++] = '\n';
		}
		start = end + lf;
	}
	return o;
}

/* Longest run of blanks in S. */
static size_t
longest_blanks(const uint8_t *s, size_t n)
{
	size_t i, run = 0, best = 0;

	for (i = 0; i < n; i++) {
		run = s[i] == ' ' || s[i] == '\t' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	struct fz_rng r;
	struct qp_decoder qp;
	uint8_t *one, *other, *ref;
	size_t n, o1, o2, on, k, at, cap, i;

	r.s = fz_u32(&in);
	n = in.n;
	cap = n + QP_SLACK + GUARD;
	one = fz_alloc(cap);
	other = fz_alloc(cap);
	ref = fz_alloc(2 * n + 16);

	fz_note("one-shot, %zu bytes", n);
	qp_init(&qp);
	o1 = qp_decode(&qp, in.p, n, one);
	FZ_CHECK(o1 <= n + QP_SLACK);
	o1 += qp_finish(&qp, one + o1);
	FZ_CHECKF(o1 <= n, "output %zu longer than input %zu", o1, n);

	fz_note("random split");
	qp_init(&qp);
	o2 = 0;
	for (at = 0; at < n; at += k) {
		k = fz_below(&r, n - at + 1);
		memset(other + o2, 0xa5, k + QP_SLACK + GUARD > cap - o2 ?
		    cap - o2 : k + QP_SLACK + GUARD);
		on = qp_decode(&qp, in.p + at, k, other + o2);
		FZ_CHECKF(on <= k + QP_SLACK, "%zu bytes out for %zu in", on,
		    k);
		o2 += on;
	}
	o2 += qp_finish(&qp, other + o2);
	FZ_CHECKF(o1 == o2 && memcmp(one, other, o1) == 0,
	    "split output differs (%zu vs %zu bytes)", o1, o2);

	if (longest_blanks(in.p, n) < QP_BLANK_MAX) {
		fz_note("reference");
		on = reference(in.p, n, ref);
		for (i = 0; i < on && i < o1 && ref[i] == one[i]; i++)
			;
		FZ_CHECKF(on == o1 && i == on,
		    "reference differs at byte %zu (%zu vs %zu bytes)", i, on,
		    o1);
	}
	free(one);
	free(other);
	free(ref);
	return 0;
}
