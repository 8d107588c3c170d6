/*
 * qp.c - streaming quoted-printable decoder (qp.h).
 *
 * A small state machine over bytes.  Blanks are held back until we know
 * whether the line ends after them (then they go); a CR is held back
 * until we know whether an LF follows (a hard line break).  Line feeds
 * are counted as they are consumed, so the first bad byte gets its line
 * and column; a held '=' or CR keeps its column until we know.
 */
#include <string.h>

#include "qp.h"
#include "text.h"

enum {
	QP_TEXT,        /* ordinary text; blank[] holds pending blanks */
	QP_CR,          /* a CR after the pending blanks */
	QP_EQ,          /* '=' */
	QP_EQ1,         /* '=' and one hex digit */
	QP_EQBL,        /* '=' and blanks (in blank[]) */
	QP_EQCR,        /* '=', blanks, CR */
};

void
qp_init(struct qp_decoder *qp)
{
	memset(qp, 0, sizeof(*qp));
}

static size_t
flush_blanks(struct qp_decoder *qp, unsigned char *o)
{
	size_t n = qp->nblank;

	memcpy(o, qp->blank, n);
	qp->nblank = 0;
	return n;
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* Printable ASCII but '=' (rule 2 of RFC 2045 section 6.7): the bytes
 * that stand for themselves, in runs. */
static int
is_plain(unsigned char c)
{
	return (unsigned char)(c - 0x21) < 0x7f - 0x21 && c != '=';
}

/* The column of the byte at absolute offset AT. */
static uint64_t
col_of(const struct qp_decoder *qp, uint64_t at)
{
	return at - qp->line_start + 1;
}

/* Note a bad byte at column COL of the current line, if it is the
 * first. */
static void
mark(struct qp_decoder *qp, uint64_t col)
{
	if (qp->bad)
		return;
	qp->bad = 1;
	qp->bad_line = qp->lines + 1;
	qp->bad_col = col;
}

/* The line feed at absolute offset AT has been consumed. */
static void
newline(struct qp_decoder *qp, uint64_t at)
{
	qp->lines++;
	qp->line_start = at + 1;
}

size_t
qp_decode(struct qp_decoder *qp, const void *in, size_t n, void *out)
{
	const unsigned char *s = in;
	unsigned char *o = out, *o0 = out;
	const uint64_t off = qp->off;
	size_t i = 0;
	unsigned char c;
	int h;

	while (i < n) {
		c = s[i];
		switch (qp->state) {
		case QP_TEXT:
			/* The common case first: a run of plain bytes. */
			if (qp->nblank == 0) {
				size_t j = i;

				while (j < n && is_plain(s[j]))
					j++;
				memcpy(o, s + i, j - i);
				o += j - i;
				i = j;
				if (i == n)
					break;
				c = s[i];
			}
			i++;
			if (is_blank(c)) {
				if (qp->nblank == QP_BLANK_MAX)
					o += flush_blanks(qp, o);
				qp->blank[qp->nblank++] = c;
			} else if (c == '\n') {
				newline(qp, off + i - 1);
				qp->nblank = 0;
				*o++ = '\n';
			} else if (c == '\r') {
				qp->cr_col = col_of(qp, off + i - 1);
				qp->state = QP_CR;
			} else {
				o += flush_blanks(qp, o);
				if (c == '=') {
					qp->eq_col = col_of(qp, off + i - 1);
					qp->state = QP_EQ;
				} else {
					/* A control byte, DEL or 8-bit:
					 * kept, but bad (rules 1 to 4). */
					if (!is_plain(c))
						mark(qp, col_of(qp, off + i - 1));
					*o++ = c;
				}
			}
			break;
		case QP_CR:
			if (c == '\n') {
				newline(qp, off + i);
				i++;
				qp->nblank = 0;
				*o++ = '\r';
				*o++ = '\n';
			} else {
				mark(qp, qp->cr_col);   /* CR without LF */
				o += flush_blanks(qp, o);
				*o++ = '\r';
			}
			qp->state = QP_TEXT;
			break;
		case QP_EQ:
			i++;
			if (text_hexval(c) >= 0) {
				qp->hex = c;
				qp->state = QP_EQ1;
			} else if (is_blank(c)) {
				qp->blank[qp->nblank++] = c;
				qp->state = QP_EQBL;
			} else if (c == '\n') {
				newline(qp, off + i - 1);
				qp->state = QP_TEXT;    /* soft line break */
			} else if (c == '\r') {
				qp->cr_col = col_of(qp, off + i - 1);
				qp->state = QP_EQCR;
			} else {
				mark(qp, qp->eq_col);
				*o++ = '=';     /* bad: kept as written */
				qp->state = QP_TEXT;
				i--;
			}
			break;
		case QP_EQ1:
			h = text_hexval(c);
			if (h >= 0) {
				i++;
				*o++ = (unsigned char)(text_hexval(qp->hex) * 16 + h);
			} else {
				mark(qp, qp->eq_col);
				*o++ = '=';
				*o++ = qp->hex;
			}
			qp->state = QP_TEXT;
			break;
		case QP_EQBL:
			if (is_blank(c) && qp->nblank < QP_BLANK_MAX) {
				i++;
				qp->blank[qp->nblank++] = c;
			} else if (c == '\n') {
				newline(qp, off + i);
				i++;
				qp->nblank = 0;
				qp->state = QP_TEXT;
			} else if (c == '\r') {
				qp->cr_col = col_of(qp, off + i);
				i++;
				qp->state = QP_EQCR;
			} else {
				/* Not a soft break: '=' as written, the blanks
				 * pending as ordinary ones. */
				mark(qp, qp->eq_col);
				*o++ = '=';
				qp->state = QP_TEXT;
			}
			break;
		case QP_EQCR:
			if (c == '\n') {
				newline(qp, off + i);
				i++;
				qp->nblank = 0;
				qp->state = QP_TEXT;
			} else {
				mark(qp, qp->eq_col);
				*o++ = '=';
				qp->state = QP_CR;
			}
			break;
		}
	}
	qp->off = off + n;
	return (size_t)(o - o0);
}

/* The end of the input; SOFT: a held '=' is a soft line break. */
static size_t
finish(struct qp_decoder *qp, unsigned char *o, int soft)
{
	unsigned char *o0 = o;

	switch (qp->state) {
	case QP_TEXT:
		break;
	case QP_CR:
		mark(qp, qp->cr_col);
		o += flush_blanks(qp, o);
		*o++ = '\r';
		break;
	case QP_EQ:
	case QP_EQBL:
		if (soft)
			break;
		mark(qp, qp->eq_col);
		*o++ = '=';
		break;
	case QP_EQ1:
		mark(qp, qp->eq_col);
		*o++ = '=';
		*o++ = qp->hex;
		break;
	case QP_EQCR:
		if (soft)
			break;
		mark(qp, qp->eq_col);
		*o++ = '=';
		o += flush_blanks(qp, o);
		*o++ = '\r';
		break;
	}
	qp->nblank = 0;         /* trailing blanks at the end: deleted */
	qp->state = QP_TEXT;
	return (size_t)(o - o0);
}

size_t
qp_finish(struct qp_decoder *qp, void *out)
{
	return finish(qp, out, 0);
}

size_t
qp_finish_line(struct qp_decoder *qp, void *out)
{
	return finish(qp, out, 1);
}

int
qp_bad(const struct qp_decoder *qp, uint64_t *line, uint64_t *col)
{
	if (!qp->bad)
		return 0;
	*line = qp->bad_line;
	*col = qp->bad_col;
	return 1;
}
