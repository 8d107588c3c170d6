/*
 * source.c - the input side of the pump.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "io.h"
#include "source.h"

/* The standard descriptors std_fds_reserve found closed (bit FD). */
static unsigned closed_at_start;

void
std_fds_reserve(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		closed_at_start |= 1u << fd;
		/* Lower descriptors are open by now, so this one lands on
		 * FD.  Open the other way round, it fails every read (for 0)
		 * or write (for 1 and 2) with EBADF, as the closed one did. */
		got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (got >= 0 && got != fd)
			(void)close(got);
	}
}

void
source_from_fd(struct source *src, int fd)
{
	memset(src, 0, sizeof(*src));
	src->fd = fd;
	if (fstat(src->fd, &src->st) == 0) {
		src->have_stat = 1;
		src->regular = S_ISREG(src->st.st_mode) ||
		    S_ISBLK(src->st.st_mode);
		io_widen_pipe(src->fd, &src->st);
	}
	if (src->regular)
		(void)posix_fadvise(src->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
}

int
source_open(struct source *src, const char *file)
{
	int fd = 0;

	if (file != NULL && strcmp(file, "-") != 0) {
		fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			memset(src, 0, sizeof(*src));
			src->fd = -1;
			diag(errno, "%s", quote_file(file));
			return 1;
		}
	}
	source_from_fd(src, fd);
	if (fd != 0)
		src->name = file;
	return 0;
}

size_t
source_read(struct source *src, void *buf, size_t cap)
{
	size_t got = 0;

	if (src->eof || src->err != 0)
		return 0;
	do {
		ssize_t r = io_read(src->fd, (char *)buf + got, cap - got);

		if (r < 0) {
			src->err = errno;
			break;
		}
		if (r == 0) {
			src->eof = 1;
			break;
		}
		got += (size_t)r;
	} while (src->regular && got < cap);
	src->offset += got;
	return got;
}

int
source_ready(const struct source *src)
{
	struct pollfd p;

	if (src->regular || src->eof || src->err != 0)
		return 1;
	p.fd = src->fd;
	p.events = POLLIN;
	p.revents = 0;
	/* Data, or the end (POLLHUP: every writer gone) or an error:
	 * the next read returns at once either way. */
	return poll(&p, 1, 0) > 0 && p.revents != 0;
}

int
source_close(struct source *src)
{
	if (src->name == NULL || src->fd < 0)
		return 0;
	if (close(src->fd) != 0) {
		src->fd = -1;
		diag(errno, "%s", quote_file(src->name));
		return 1;
	}
	src->fd = -1;
	return 0;
}

int
std_fd_was_closed(int fd)
{
	return fd >= 0 && fd <= 2 && (closed_at_start >> fd & 1u);
}
