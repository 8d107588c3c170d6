/*
 * test_qp.c - the quoted-printable decoder (src/mime/qp.h): RFC 2045
 * section 6.7 vectors and the issue 10 decisions (bad "=XX" kept as
 * written, hard line breaks as in the message, trailing blanks deleted),
 * and the same output for every split into two and three pieces.
 */
#include <stdio.h>
#include <string.h>

#include "qp.h"
#include "tap.h"

struct vec {
	const char *in, *out, *what;
};

static const struct vec vecs[] = {
	{ "", "", "empty" },
	{ "abc", "abc", "plain" },
	{ "a=3Db", "a=b", "=3D" },
	{ "=C3=A9", "\xc3\xa9", "two escapes" },
	{ "=c3=a9", "\xc3\xa9", "lower-case hex accepted" },
	{ "soft=\nbreak", "softbreak", "soft line break (LF)" },
	{ "soft=\r\nbreak", "softbreak", "soft line break (CRLF)" },
	{ "soft=  \t\r\nbreak", "softbreak", "blanks after a soft break" },
	{ "hard\r\nbreak", "hard\r\nbreak", "CRLF kept" },
	{ "hard\nbreak", "hard\nbreak", "LF kept" },
	{ "trail  \t\nx", "trail\nx", "trailing blanks deleted (LF)" },
	{ "trail \r\nx", "trail\r\nx", "trailing blanks deleted (CRLF)" },
	{ "trail  ", "trail", "trailing blanks at the end deleted" },
	{ "in  side", "in  side", "inner blanks kept" },
	{ "a=ZZb", "a=ZZb", "bad =XX kept as written" },
	{ "a=4", "a=4", "=X at the end kept" },
	{ "a=4g", "a=4g", "=X then non-hex kept" },
	{ "a=", "a=", "= at the end kept" },
	{ "a= b", "a= b", "= blank text: kept" },
	{ "a=\rb", "a=\rb", "= CR without LF: kept" },
	{ "a\rb", "a\rb", "bare CR kept" },
	{ "a \rb", "a \rb", "blank before a bare CR kept" },
	{ "=\n", "", "only a soft break" },
	{ "x=\n\n", "x\n", "soft break then hard" },
	{ "==41", "=A", "= then =41" },
	{ "a=20\n", "a \n", "encoded blank at the end stays" },
};

static size_t
run(const char *in, size_t n, const size_t *cuts, size_t ncut,
    unsigned char *out)
{
	struct qp_decoder qp;
	size_t o = 0, at = 0, i, end;

	qp_init(&qp);
	for (i = 0; i <= ncut; i++) {
		end = i < ncut ? cuts[i] : n;
		o += qp_decode(&qp, in + at, end - at, out + o);
		at = end;
	}
	o += qp_finish(&qp, out + o);
	return o;
}

int
main(void)
{
	unsigned char out[1024], ref[1024];
	char big[2 * QP_BLANK_MAX + 16];
	size_t i, n, rn, on, a, b, cuts[2], bad;

	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		n = strlen(vecs[i].in);
		rn = run(vecs[i].in, n, NULL, 0, ref);
		if (!tap_ok(rn == strlen(vecs[i].out) &&
		    memcmp(ref, vecs[i].out, rn) == 0, "%s", vecs[i].what))
			tap_diag_bytes("got", ref, rn);
		bad = 0;
		for (a = 0; a <= n; a++) {
			for (b = a; b <= n; b++) {
				cuts[0] = a;
				cuts[1] = b;
				on = run(vecs[i].in, n, cuts, 2, out);
				bad += on != rn || memcmp(out, ref, rn) != 0;
			}
		}
		tap_ok(bad == 0, "%s: every three-way split agrees",
		    vecs[i].what);
	}
	/* A blank run longer than the hold-back keeps its first blanks. */
	memset(big, ' ', sizeof(big));
	big[0] = 'x';
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = 'y';
	rn = run(big, sizeof(big), NULL, 0, ref);
	tap_ok(rn < sizeof(big) && rn >= sizeof(big) - QP_BLANK_MAX - 1 &&
	    ref[rn - 1] == 'y' && ref[rn - 2] == '\n',
	    "long blank run: bounded hold-back, last %d blanks deleted",
	    QP_BLANK_MAX);
	return tap_done();
}
