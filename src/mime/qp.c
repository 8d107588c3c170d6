/*
 * qp.c - streaming quoted-printable decoder (qp.h).
 *
 * A small state machine over bytes.  Blanks are held back until we know
 * whether the line ends after them (then they go); a CR is held back
 * until we know whether an LF follows (a hard line break).
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

size_t
qp_decode(struct qp_decoder *qp, const void *in, size_t n, void *out)
{
	const unsigned char *s = in;
	unsigned char *o = out, *o0 = out;
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

				while (j < n && s[j] != '=' && s[j] != '\r' &&
				    s[j] != '\n' && !is_blank(s[j]))
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
				qp->nblank = 0;
				*o++ = '\n';
			} else if (c == '\r') {
				qp->state = QP_CR;
			} else {
				o += flush_blanks(qp, o);
				if (c == '=')
					qp->state = QP_EQ;
				else
					*o++ = c;
			}
			break;
		case QP_CR:
			if (c == '\n') {
				i++;
				qp->nblank = 0;
				*o++ = '\r';
				*o++ = '\n';
			} else {
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
				qp->state = QP_TEXT;    /* soft line break */
			} else if (c == '\r') {
				qp->state = QP_EQCR;
			} else {
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
				i++;
				qp->nblank = 0;
				qp->state = QP_TEXT;
			} else if (c == '\r') {
				i++;
				qp->state = QP_EQCR;
			} else {
				/* Not a soft break: '=' as written, the blanks
				 * pending as ordinary ones. */
				*o++ = '=';
				qp->state = QP_TEXT;
			}
			break;
		case QP_EQCR:
			if (c == '\n') {
				i++;
				qp->nblank = 0;
				qp->state = QP_TEXT;
			} else {
				*o++ = '=';
				qp->state = QP_CR;
			}
			break;
		}
	}
	return (size_t)(o - o0);
}

size_t
qp_finish(struct qp_decoder *qp, void *out)
{
	unsigned char *o = out, *o0 = out;

	switch (qp->state) {
	case QP_TEXT:
		break;
	case QP_CR:
		o += flush_blanks(qp, o);
		*o++ = '\r';
		break;
	case QP_EQ:
	case QP_EQBL:
		*o++ = '=';
		break;
	case QP_EQ1:
		*o++ = '=';
		*o++ = qp->hex;
		break;
	case QP_EQCR:
		*o++ = '=';
		o += flush_blanks(qp, o);
		*o++ = '\r';
		break;
	}
	qp->nblank = 0;         /* trailing blanks at the end: deleted */
	qp->state = QP_TEXT;
	return (size_t)(o - o0);
}
