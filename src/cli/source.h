/*
 * source.h - where the input comes from: standard input or the FILE
 * operand.  A source knows what it reads from: a regular file is read in
 * large blocks; a pipe, terminal or socket is read once per call, so that
 * whatever arrives is coded and written before the next read may block.
 * A read of 0 bytes is the end of the input, once and for all (one ^D at
 * a terminal).
 */
#ifndef SEXTET_SOURCE_H
#define SEXTET_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

struct source {
	int fd;
	const char *name;     /* the operand as given; NULL: standard input */
	int regular;          /* a regular file or block device: read big */
	int eof;              /* a read returned 0 */
	int err;              /* errno of the read error; 0 while none */
	int have_stat;        /* st is valid */
	struct stat st;
	uint64_t offset;      /* bytes delivered so far */
};

/*
 * Make sure descriptors 0, 1 and 2 are open, so that no file the program
 * opens can take their place: a closed one gets /dev/null opened the wrong
 * way round (reading a closed stdin, writing a closed stdout then fail
 * with EBADF, as they would have).  Call first thing in main.
 */
void std_fds_reserve(void);

/* Whether standard descriptor FD (0..2) was closed when the program
 * started (std_fds_reserve has opened it since). */
int std_fd_was_closed(int fd);

/* Open FILE (NULL or "-": standard input); 0, or 1 after a diagnostic. */
int source_open(struct source *src, const char *file);

/* The same for a descriptor already open (the operand is not closed). */
void source_from_fd(struct source *src, int fd);

/*
 * Read up to CAP bytes into BUF: a regular file until CAP, the end or an
 * error; anything else with one read().  Returns the bytes read; 0 at the
 * end of the input or after an error (src->err says which; bytes read
 * before an error in the same call are returned first).
 */
size_t source_read(struct source *src, void *buf, size_t cap);

/* Whether the next read returns without waiting (data, the end of the
 * input, or an error). */
int source_ready(const struct source *src);

/* Close the operand (not standard input); 0, or 1 after a diagnostic. */
int source_close(struct source *src);

#endif /* SEXTET_SOURCE_H */
