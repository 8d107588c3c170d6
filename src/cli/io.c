/*
 * io.c - read and write loops that survive signals, short counts and
 * non-blocking descriptors.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "io.h"

/* Wait until FD is ready for EVENTS; -1 (errno) if poll itself fails. */
static int
wait_fd(int fd, short events)
{
	struct pollfd p;

	p.fd = fd;
	p.events = events;
	p.revents = 0;
	for (;;) {
		if (poll(&p, 1, -1) >= 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

ssize_t
io_read(int fd, void *buf, size_t n)
{
	for (;;) {
		ssize_t r = read(fd, buf, n);

		if (r >= 0)
			return r;
		if (errno == EINTR)
			continue;
		if ((errno == EAGAIN || errno == EWOULDBLOCK) &&
		    wait_fd(fd, POLLIN) == 0)
			continue;
		return -1;
	}
}

int
io_write_all(int fd, const void *buf, size_t n)
{
	size_t done;

	return io_write_all_done(fd, buf, n, &done);
}

int
io_write_all_done(int fd, const void *buf_, size_t n, size_t *done)
{
	const char *buf = buf_;

	*done = 0;
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w > 0) {
			buf += w;
			n -= (size_t)w;
			*done += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
		    wait_fd(fd, POLLOUT) == 0)
			continue;
		if (w == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

void
io_widen_pipe(int fd, const struct stat *st)
{
#ifdef F_SETPIPE_SZ
	if (S_ISFIFO(st->st_mode))
		(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
	(void)fd;
	(void)st;
#endif
}
