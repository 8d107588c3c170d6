/*
 * qp.h - streaming quoted-printable decoder (RFC 2045 section 6.7).
 *
 * Feed any split of the body; the output is the same.  Rules:
 *  - "=XX" (hex digits, either case) is the byte XX; a bad "=XX" (not two
 *    hex digits) is kept as written;
 *  - "=" followed only by blanks up to the line end is a soft line break:
 *    it and the line end vanish;
 *  - a hard line break is kept as in the message ("\n" or "\r\n");
 *  - blanks (space, tab) at the end of a line are deleted (rule 3), also
 *    at the end of the input.  A run of more than QP_BLANK_MAX blanks is
 *    passed on as it grows, so only its last QP_BLANK_MAX can be deleted:
 *    the price of bounded memory.
 * Decoding never fails, but the first bad byte is noted (qp_bad), as the
 * "robust implementation" notes of RFC 2045 section 6.7 suggest:
 *  - an '=' that starts neither "=XX" nor a soft line break (the '=' is
 *    the bad byte; it is kept as written, with what follows it), and an
 *    '=' or "=X" at the end of the input (qp_finish_line() excepted);
 *  - a byte the encoding may not hold (rules 1 to 4): a control byte
 *    other than TAB and the line end (LF, or CR LF), DEL, and bytes
 *    above 126; kept as they are;
 *  - not bad: lower-case hex digits, long lines, blanks before a line end.
 * No allocation, no I/O; the state belongs to the caller.
 */
#ifndef SEXTET_QP_H
#define SEXTET_QP_H

#include <stddef.h>
#include <stdint.h>

#define QP_BLANK_MAX 256

/* Room, beyond N, that qp_decode() may need for N input bytes. */
#define QP_SLACK (QP_BLANK_MAX + 4)

struct qp_decoder {
	/* private */
	unsigned char state;
	unsigned char hex;              /* first digit after '=' */
	size_t nblank;
	unsigned char blank[QP_BLANK_MAX];
	uint64_t off;                   /* bytes consumed by earlier calls */
	uint64_t lines;                 /* line feeds consumed */
	uint64_t line_start;            /* offset after the last one */
	uint64_t eq_col, cr_col;        /* columns of the held '=' and CR */
	int bad;                        /* a bad byte was seen: */
	uint64_t bad_line, bad_col;     /* the first one */
};

void qp_init(struct qp_decoder *qp);

/* Decode N bytes of IN into OUT, which must hold N + QP_SLACK bytes;
 * returns the bytes written.  Everything is consumed. */
size_t qp_decode(struct qp_decoder *qp, const void *in, size_t n,
    void *out);

/* End of input: writes what is held back (at most QP_SLACK bytes). */
size_t qp_finish(struct qp_decoder *qp, void *out);

/*
 * End of input that also ends a line: a MIME part, whose last line end
 * belongs to the delimiter after it (RFC 2046 section 5.1.1).  As
 * qp_finish(), but a final '=' with only blanks (or blanks and a CR)
 * after it is a soft line break: it goes, and it is not bad.  Encoders
 * end a part that way to say it has no final line break.
 */
size_t qp_finish_line(struct qp_decoder *qp, void *out);

/*
 * The first bad byte so far (see above): returns 1 and sets *LINE and
 * *COL, 1-based, to its place in the input given (lines end with LF,
 * columns count bytes); returns 0 if there is none.
 */
int qp_bad(const struct qp_decoder *qp, uint64_t *line, uint64_t *col);

#endif /* SEXTET_QP_H */
