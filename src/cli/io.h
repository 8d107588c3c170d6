/*
 * io.h - whole reads and writes on file descriptors: EINTR retried,
 * short counts continued, EAGAIN waited out with poll().
 */
#ifndef SEXTET_IO_H
#define SEXTET_IO_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Read up to N bytes; returns the count, 0 at end of file, -1 (errno). */
ssize_t io_read(int fd, void *buf, size_t n);

/* Write all N bytes; 0 on success, -1 (errno) on failure. */
int io_write_all(int fd, const void *buf, size_t n);

/* The same, with the bytes written before a failure in *DONE. */
int io_write_all_done(int fd, const void *buf, size_t n, size_t *done);

/*
 * Ask for a bigger pipe buffer on FD (status ST) if it is a pipe: fewer
 * context switches between us and the other end.  A refusal is fine.
 */
void io_widen_pipe(int fd, const struct stat *st);

#endif /* SEXTET_IO_H */
