/*
 * test_qp.c - the quoted-printable decoder (src/mime/qp.h): RFC 2045
 * section 6.7 vectors and src/mime/qp.h's decisions (bad "=XX" kept as
 * written, hard line breaks as in the message, trailing blanks deleted),
 * the first bad byte and its place (qp_bad), the end of a part
 * (qp_finish_line), and the same output and bad byte for every split
 * into two and three pieces.
 */
#include <stdio.h>
#include <string.h>

#include "qp.h"
#include "tap.h"

struct vec {
	const char *in, *out, *what;
	unsigned line, col;     /* the first bad byte; 0 0: none */
};

static const struct vec vecs[] = {
	{ "", "", "empty", 0, 0 },
	{ "abc", "abc", "plain", 0, 0 },
	{ "a=3Db", "a=b", "=3D", 0, 0 },
	{ "=C3=A9", "\xc3\xa9", "two escapes", 0, 0 },
	{ "=c3=a9", "\xc3\xa9", "lower-case hex accepted", 0, 0 },
	{ "soft=\nbreak", "softbreak", "soft line break (LF)", 0, 0 },
	{ "soft=\r\nbreak", "softbreak", "soft line break (CRLF)", 0, 0 },
	{ "soft=  \t\r\nbreak", "softbreak", "blanks after a soft break",
	    0, 0 },
	{ "hard\r\nbreak", "hard\r\nbreak", "CRLF kept", 0, 0 },
	{ "hard\nbreak", "hard\nbreak", "LF kept", 0, 0 },
	{ "trail  \t\nx", "trail\nx", "trailing blanks deleted (LF)", 0, 0 },
	{ "trail \r\nx", "trail\r\nx", "trailing blanks deleted (CRLF)",
	    0, 0 },
	{ "trail  ", "trail", "trailing blanks at the end deleted", 0, 0 },
	{ "in  side", "in  side", "inner blanks kept", 0, 0 },
	{ "a=ZZb", "a=ZZb", "bad =XX kept as written", 1, 2 },
	{ "a=4", "a=4", "=X at the end kept", 1, 2 },
	{ "a=4g", "a=4g", "=X then non-hex kept", 1, 2 },
	{ "a=", "a=", "= at the end kept", 1, 2 },
	{ "a= b", "a= b", "= blank text: kept", 1, 2 },
	{ "a=\rb", "a=\rb", "= CR without LF: kept", 1, 2 },
	{ "a\rb", "a\rb", "bare CR kept", 1, 2 },
	{ "a \rb", "a \rb", "blank before a bare CR kept", 1, 3 },
	{ "a\r", "a\r", "bare CR at the end kept", 1, 2 },
	{ "=\n", "", "only a soft break", 0, 0 },
	{ "x=\n\n", "x\n", "soft break then hard", 0, 0 },
	{ "==41", "=A", "= then =41", 1, 1 },
	{ "a=20\n", "a \n", "encoded blank at the end stays", 0, 0 },
	{ "x\ty\n", "x\ty\n", "a tab is text", 0, 0 },
	{ "ok\nx=4G", "ok\nx=4G", "bad escape on line 2", 2, 2 },
	{ "ab=\r\ncd=X1\r\n", "abcd=X1\r\n",
	    "bad escape after a soft break", 2, 3 },
	{ "caf\xc3\xa9", "caf\xc3\xa9", "8-bit bytes kept, bad", 1, 4 },
	{ "ab\001c", "ab\001c", "a control byte kept, bad", 1, 3 },
	{ "\177", "\177", "DEL kept, bad", 1, 1 },
	{ "ab\r\ncd\x80=ZZ", "ab\r\ncd\x80=ZZ", "only the first is the bad "
	    "byte", 2, 3 },
	{ "a=\r\n=ZZ", "a=ZZ", "bad escape right after a soft break", 2, 1 },
	{ "   \xff", "   \xff", "a bad byte after held blanks", 1, 4 },
};

/* Ends of a part (qp_finish_line): the line end is implied. */
static const struct vec ends[] = {
	{ "end=", "end", "'=' at the end of a part: soft line break", 0, 0 },
	{ "end= \t", "end", "'=' and blanks at the end of a part", 0, 0 },
	{ "end=\r", "end", "'=', CR at the end of a part", 0, 0 },
	{ "x=4", "x=4", "'=' and one digit at the end of a part: bad", 1, 2 },
	{ "x\r", "x\r", "a CR at the end of a part: bad", 1, 2 },
	{ "a=\n=", "a", "soft breaks on both lines", 0, 0 },
	{ "x  ", "x", "blanks at the end of a part deleted", 0, 0 },
};

/* Decode IN cut at CUTS; the first bad byte into *LINE, *COL (0 0 if
 * none); LINE_END: end with qp_finish_line(). */
static size_t
run(const char *in, size_t n, const size_t *cuts, size_t ncut,
    unsigned char *out, int line_end, unsigned *line, unsigned *col)
{
	struct qp_decoder qp;
	size_t o = 0, at = 0, i, end;
	uint64_t l = 0, c = 0;

	qp_init(&qp);
	for (i = 0; i <= ncut; i++) {
		end = i < ncut ? cuts[i] : n;
		o += qp_decode(&qp, in + at, end - at, out + o);
		at = end;
	}
	o += line_end ? qp_finish_line(&qp, out + o) : qp_finish(&qp, out + o);
	if (!qp_bad(&qp, &l, &c))
		l = c = 0;
	*line = (unsigned)l;
	*col = (unsigned)c;
	return o;
}

/* The vectors of V (N of them), ending with qp_finish_line if LINE_END. */
static void
check(const struct vec *v, size_t nv, int line_end)
{
	unsigned char out[1024], ref[1024];
	size_t i, n, rn, on, a, b, cuts[2], bad;
	unsigned line, col, l2, c2;

	for (i = 0; i < nv; i++) {
		n = strlen(v[i].in);
		rn = run(v[i].in, n, NULL, 0, ref, line_end, &line, &col);
		if (!tap_ok(rn == strlen(v[i].out) &&
		    memcmp(ref, v[i].out, rn) == 0 && line == v[i].line &&
		    col == v[i].col, "%s", v[i].what)) {
			tap_diag_bytes("got", ref, rn);
			tap_diag("bad byte at %u:%u, want %u:%u", line, col,
			    v[i].line, v[i].col);
		}
		bad = 0;
		for (a = 0; a <= n; a++) {
			for (b = a; b <= n; b++) {
				cuts[0] = a;
				cuts[1] = b;
				on = run(v[i].in, n, cuts, 2, out, line_end,
				    &l2, &c2);
				bad += on != rn || memcmp(out, ref, rn) != 0 ||
				    l2 != line || c2 != col;
			}
		}
		tap_ok(bad == 0, "%s: every three-way split agrees",
		    v[i].what);
	}
}

int
main(void)
{
	unsigned char ref[1024];
	char big[2 * QP_BLANK_MAX + 16];
	size_t rn;
	unsigned line, col;

	check(vecs, sizeof(vecs) / sizeof(vecs[0]), 0);
	check(ends, sizeof(ends) / sizeof(ends[0]), 1);
	/* A blank run longer than the hold-back keeps its first blanks. */
	memset(big, ' ', sizeof(big));
	big[0] = 'x';
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = 'y';
	rn = run(big, sizeof(big), NULL, 0, ref, 0, &line, &col);
	tap_ok(rn < sizeof(big) && rn >= sizeof(big) - QP_BLANK_MAX - 1 &&
	    ref[rn - 1] == 'y' && ref[rn - 2] == '\n' && line == 0,
	    "long blank run: bounded hold-back, last %d blanks deleted",
	    QP_BLANK_MAX);
	/* A bad byte after a line longer than the hold-back: its column. */
	big[sizeof(big) - 1] = '\033';
	big[sizeof(big) - 2] = 'z';
	run(big, sizeof(big), NULL, 0, ref, 0, &line, &col);
	tap_ok(line == 1 && col == sizeof(big),
	    "a bad byte after a long blank run: column %u", col);
	return tap_done();
}
