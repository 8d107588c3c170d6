/*
 * output.h - where the result goes: standard output, nowhere (--check),
 * or a file replaced atomically (-o).
 */
#ifndef SEXTET_OUTPUT_H
#define SEXTET_OUTPUT_H

#include <stddef.h>

struct sink {
	int fd;            /* 1, the temporary file, or -1 (discard) */
	const char *path;  /* -o FILE, or NULL */
	char *resolved;    /* FILE's target when FILE is a symbolic link */
	int direct;        /* FILE is a device or FIFO, written in place */
	char *buf;         /* output collected for one big write */
	size_t len, cap;
};

/*
 * Open the sink for PATH (NULL or "-": standard output) or a discarding
 * one (DISCARD), collecting output in BUF (CAP bytes).  For PATH: refuse it when it is the input IN_FD; a device
 * or FIFO is written in place; otherwise (following a symbolic link)
 * create a temporary file beside it, removed if a signal ends the program.
 * Returns 0, or 1 after a diagnostic.
 */
int sink_open(struct sink *s, const char *path, int discard, int in_fd,
    char *buf, size_t cap);

/* Write out what is collected; 0, or 1 after a diagnostic. */
int sink_flush(struct sink *s);

/* Flush and, for -o, make the file durable and put it in place. */
int sink_commit(struct sink *s);

/* Give up: for -o, remove the temporary file; FILE stays as it was. */
void sink_abort(struct sink *s);

#endif /* SEXTET_OUTPUT_H */
