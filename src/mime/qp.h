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
 * Nothing is ever an error: quoted-printable decoding cannot fail.
 * No allocation, no I/O; the state belongs to the caller.
 */
#ifndef SEXTET_QP_H
#define SEXTET_QP_H

#include <stddef.h>

#define QP_BLANK_MAX 256

/* Room, beyond N, that qp_decode() may need for N input bytes. */
#define QP_SLACK (QP_BLANK_MAX + 4)

struct qp_decoder {
	/* private */
	unsigned char state;
	unsigned char hex;              /* first digit after '=' */
	size_t nblank;
	unsigned char blank[QP_BLANK_MAX];
};

void qp_init(struct qp_decoder *qp);

/* Decode N bytes of IN into OUT, which must hold N + QP_SLACK bytes;
 * returns the bytes written.  Everything is consumed. */
size_t qp_decode(struct qp_decoder *qp, const void *in, size_t n,
    void *out);

/* End of input: writes what is held back (at most QP_SLACK bytes). */
size_t qp_finish(struct qp_decoder *qp, void *out);

#endif /* SEXTET_QP_H */
