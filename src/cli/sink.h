/*
 * sink.h - where the output goes: standard output; nowhere (--check); an
 * open descriptor or a non-regular file, written in place as by the
 * shell's '>' onto it; or a regular file replaced atomically (-o FILE).
 */
#ifndef SEXTET_SINK_H
#define SEXTET_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "safefile.h"

struct source;

enum sink_kind {
	SINK_STDOUT,     /* descriptor 1 */
	SINK_DISCARD,    /* --check */
	SINK_INPLACE,    /* an open descriptor or a non-regular -o FILE */
	SINK_REPLACE,    /* a new file put in place of -o FILE at commit */
};

struct sink {
	enum sink_kind kind;
	int fd;               /* where bytes go; -1 for SINK_DISCARD */
	int own_fd;           /* fd is ours to close */
	const char *name;     /* -o FILE as given; NULL for stdout */
	char *buf;            /* output collected for one big write */
	size_t len, cap;
	size_t keep;          /* the last bytes a flush holds back (the
	                       * pump's choice; 0 writes everything) */
	uint64_t written;     /* bytes written out so far */
	int gnu_block_4096;   /* GNU's program gives 4096 bytes or more to
	                       * one fwrite (its decoder's first block):
	                       * sink_gnu_at_close */
	/* SINK_REPLACE */
	struct sf_dir dir;    /* the directory holding FILE's entry */
	char *base;           /* the entry's name there */
	struct safefile file; /* the new file */
	int old_fd;           /* FILE, open for writing; -1: no FILE yet */
	struct stat old;      /* its status */
	int created;          /* FILE was created through a dangling link */
	int created_slot;     /* ... and is removed by a fatal signal */
};

/*
 * Open the sink for -o PATH (NULL: standard output) or a discarding one
 * (DISCARD), collecting output in BUF (CAP bytes).  IN is the input, which
 * PATH must not be.  Returns 0, or 1 after a diagnostic.
 */
int sink_open(struct sink *s, const char *path, int discard,
    const struct source *in, char *buf, size_t cap);

/* Whether -o PATH names the regular file whose status is IN (an input
 * opened apart from the sink's): then 1, after a diagnostic. */
int sink_is_input(const char *path, const struct stat *in);

/* Write out what is collected: 0, or the errno of the failure (no
 * message; sink_report_write_error() prints it). */
int sink_flush_quiet(struct sink *s);

/* GNU writes standard output through a stdio buffer of this size: a
 * failure to write less than this shows only when it closes the stream
 * (after any "invalid input", in close_stdout's words). */
#define SINK_GNU_STDIO_BUF 4096

/* Whether a failure to write what S holds now is one GNU would see only
 * at close: standard output, nothing written yet, and no more than its
 * stdio buffer, which a first fwrite of as much bypasses: exactly 4096
 * bytes stay in it only when they came in two fwrites or more. */
static inline int
sink_gnu_at_close(const struct sink *s)
{
	return s->name == NULL && s->written == 0 &&
	    (s->len < SINK_GNU_STDIO_BUF ||
	    (s->len == SINK_GNU_STDIO_BUF && !s->gnu_block_4096));
}

void sink_report_write_error(const struct sink *s, int err);

/* Write out what is collected; 0, or 1 after a diagnostic. */
int sink_flush(struct sink *s);

/* Flush and, for -o, give the new file its mode, owner and group, make it
 * durable and put it in place.  0, or 1 after a diagnostic. */
int sink_commit(struct sink *s);

/* Give up: a new file never appears; FILE stays as it was. */
void sink_abort(struct sink *s);

#endif /* SEXTET_SINK_H */
