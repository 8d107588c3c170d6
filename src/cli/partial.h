/*
 * partial.h - message/partial fragments (RFC 2046 5.2.2), gathered from
 * every input of a --list or --extract run and joined (mail.c).
 *
 * A first pass over the inputs hands each fragment here: its id, number,
 * total and body bytes.  The bodies go to one scratch file (safefile.h:
 * sf_scratch), so memory stays bounded: at most PARTIALS_MAX fragments
 * are kept (a record and an id of at most MIME_PARTIAL_ID_MAX bytes
 * each); later ones are not joined (partials_over).  partials_done sorts
 * them; the second pass then asks, fragment by fragment, what its group
 * (the fragments with its id) is:
 *  - complete: total= given (by any fragment; all that give it agree),
 *    every number 1..total present and none beyond: the bodies in number
 *    order are the whole message (a second copy of a number is ignored);
 *  - incomplete: anything else; partials_why says what is missing.
 */
#ifndef SEXTET_PARTIAL_H
#define SEXTET_PARTIAL_H

#include <stddef.h>
#include <stdint.h>

#define PARTIALS_MAX 65536

struct fragment {
	char *id;
	size_t idlen;
	unsigned long number, total;
	uint64_t off, len;      /* its body in the scratch file */
};

struct partials {
	int fd;                 /* the scratch file; -1 until needed */
	uint64_t end;
	struct fragment *v;
	size_t n, cap;
	int open;               /* a fragment's body is being added */
	int over;               /* fragments beyond PARTIALS_MAX were seen */
	int err;                /* errno of a failure (scratch, memory) */
	unsigned char *done;    /* per group (by its first index): seen by
				 * the second pass */
};

void partials_init(struct partials *ps);
/* Free it all and close the scratch file: 0, or close's errno. */
int partials_free(struct partials *ps);

/* Pass one: a fragment begins; its body follows (partials_add).
 * 0, or -1 when it is not kept (ps->over, ps->err). */
int partials_begin(struct partials *ps, const char *id, size_t idlen,
    unsigned long number, unsigned long total);
/* 0, or -1 on a write error (ps->err). */
int partials_add(struct partials *ps, const void *buf, size_t n);
void partials_end(struct partials *ps);

/* Between the passes. */
void partials_done(struct partials *ps);

/* The group of ID: its first index in the sorted records and, in *N, how
 * many records it has; -1 when no fragment had that id. */
long partials_group(const struct partials *ps, const char *id,
    size_t idlen, size_t *n);

/* Whether group G (N records) is complete. */
int partials_complete(const struct partials *ps, size_t g, size_t n);

/* Why group G (N records) is not complete, in BUF (CAP bytes, at least
 * 64): "missing fragments 2, 3 (of 4)" and the like. */
void partials_why(const struct partials *ps, size_t g, size_t n, char *buf,
    size_t cap);

/* Give the joined message of complete group G (N records) to FN in
 * pieces.  0; -1 on a read error (errno), or FN's non-zero return. */
int partials_read(const struct partials *ps, size_t g, size_t n,
    int (*fn)(void *ctx, const unsigned char *buf, size_t len), void *ctx);

#endif /* SEXTET_PARTIAL_H */
