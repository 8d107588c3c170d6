/*
 * faultshim.c - an LD_PRELOAD library that injects I/O faults into
 * read(2) on standard input and write(2) on standard output, so the tests
 * can check that base64 survives the recoverable ones and reports the
 * others.
 *
 * SEXTET_FAULTS is a comma-separated list of rules:
 *   read:short      every read returns 1 to 7 bytes at most
 *   read:eintr      every other read fails with EINTR first
 *   read:eagain     every other read fails with EAGAIN first
 *   read:eio@N      reads fail with EIO once N bytes have been read
 *   write:short     every write takes 1 to 7 bytes at most
 *   write:eintr     every other write fails with EINTR first
 *   write:eagain    every other write fails with EAGAIN first
 *   write:enospc@N  writes fail with ENOSPC once N bytes have been written
 *   write:epipe@N   writes fail with EPIPE once N bytes have been written
 *   write:zero@N    writes return 0 once N bytes have been written
 *   open:notmpfile  openat() with O_TMPFILE fails with EOPNOTSUPP, as on a
 *                   file system without unnamed files
 *   fsync:eio       fsync() of a regular file fails with EIO
 *   proc:none       /proc is not mounted: fstatat() and linkat() of a path
 *                   under /proc/ fail with ENOENT
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int openat(int dirfd, const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);
int fsync(int fd);
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
int linkat(int olddirfd, const char *oldpath, int newdirfd,
    const char *newpath, int flags);

struct rules {
	int parsed;
	int r_short, r_eintr, r_eagain, w_short, w_eintr, w_eagain;
	int no_tmpfile, fsync_eio, no_proc;
	long long r_eio, w_enospc, w_epipe, w_zero; /* -1: off */
};

static struct rules rules;
static long long nread, nwritten;
static unsigned long calls;

static long long
at(const char *spec, const char *name)
{
	const char *p = strstr(spec, name);

	if (p == NULL)
		return -1;
	p += strlen(name);
	return *p == '@' ? atoll(p + 1) : 0;
}

static void
parse(void)
{
	const char *s = getenv("SEXTET_FAULTS");

	if (rules.parsed)
		return;
	rules.parsed = 1;
	if (s == NULL)
		s = "";
	rules.r_short = strstr(s, "read:short") != NULL;
	rules.r_eintr = strstr(s, "read:eintr") != NULL;
	rules.r_eagain = strstr(s, "read:eagain") != NULL;
	rules.w_short = strstr(s, "write:short") != NULL;
	rules.w_eintr = strstr(s, "write:eintr") != NULL;
	rules.w_eagain = strstr(s, "write:eagain") != NULL;
	rules.no_tmpfile = strstr(s, "open:notmpfile") != NULL;
	rules.fsync_eio = strstr(s, "fsync:eio") != NULL;
	rules.no_proc = strstr(s, "proc:none") != NULL;
	rules.r_eio = at(s, "read:eio");
	rules.w_enospc = at(s, "write:enospc");
	rules.w_epipe = at(s, "write:epipe");
	rules.w_zero = at(s, "write:zero");
}

/* N cut to 1..7 bytes, varying from call to call. */
static size_t
shorten(size_t n)
{
	size_t m;

	calls = calls * 1103515245u + 12345u;
	m = 1 + (calls >> 16) % 7;
	return n < m ? n : m;
}

ssize_t
read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);
	static unsigned long k;
	ssize_t r;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "read");
	parse();
	if (fd != 0)
		return real(fd, buf, n);
	k++;
	if (rules.r_eintr && k % 2) {
		errno = EINTR;
		return -1;
	}
	if (rules.r_eagain && k % 2) {
		errno = EAGAIN;
		return -1;
	}
	if (rules.r_eio >= 0 && nread >= rules.r_eio) {
		errno = EIO;
		return -1;
	}
	if (rules.r_short)
		n = shorten(n);
	if (rules.r_eio >= 0 && (long long)n > rules.r_eio - nread)
		n = (size_t)(rules.r_eio - nread);
	r = real(fd, buf, n);
	if (r > 0)
		nread += r;
	return r;
}

/* Fail with ERR once LIMIT bytes are written (cutting the write there). */
static int
limit(long long lim, size_t *n, int err)
{
	if (lim < 0)
		return 0;
	if (nwritten >= lim) {
		errno = err;
		return 1;
	}
	if ((long long)*n > lim - nwritten)
		*n = (size_t)(lim - nwritten);
	return 0;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	static unsigned long k;
	ssize_t w;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "write");
	parse();
	if (fd != 1)
		return real(fd, buf, n);
	k++;
	if (rules.w_eintr && k % 2) {
		errno = EINTR;
		return -1;
	}
	if (rules.w_eagain && k % 2) {
		errno = EAGAIN;
		return -1;
	}
	if (limit(rules.w_enospc, &n, ENOSPC) || limit(rules.w_epipe, &n, EPIPE))
		return -1;
	if (rules.w_zero >= 0 && nwritten >= rules.w_zero)
		return 0;
	if (rules.w_zero >= 0 && (long long)n > rules.w_zero - nwritten)
		n = (size_t)(rules.w_zero - nwritten);
	if (rules.w_short)
		n = shorten(n);
	w = real(fd, buf, n);
	if (w > 0)
		nwritten += w;
	return w;
}

/* Whether FLAGS come with a mode argument. */
static int
needs_mode(int flags)
{
#ifdef O_TMPFILE
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return 1;
#endif
	return (flags & O_CREAT) != 0;
}

/* openat, or its 64-bit alias NAME, with the O_TMPFILE rule. */
static int
open_at(const char *name, int dirfd, const char *path, int flags,
    mode_t mode)
{
	int (*real)(int, const char *, int, ...);

	*(void **)&real = dlsym(RTLD_NEXT, name);
	parse();
#ifdef O_TMPFILE
	if (rules.no_tmpfile && (flags & O_TMPFILE) == O_TMPFILE) {
		errno = EOPNOTSUPP;
		return -1;
	}
#endif
	return real(dirfd, path, flags, mode);
}

/* openat() and its 64-bit alias, alike but for the name they forward to. */
#define OPEN_AT(name) \
int \
name(int dirfd, const char *path, int flags, ...) \
{ \
	va_list ap; \
	mode_t mode = 0; \
\
	va_start(ap, flags); \
	if (needs_mode(flags)) \
		mode = (mode_t)va_arg(ap, int); \
	va_end(ap); \
	return open_at(#name, dirfd, path, flags, mode); \
}

OPEN_AT(openat)
OPEN_AT(openat64)

int
fsync(int fd)
{
	int (*real)(int);
	struct stat st;

	*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	parse();
	if (rules.fsync_eio && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

/* Whether PATH is under a /proc that the proc:none rule took away. */
static int
gone(const char *path)
{
	parse();
	if (!rules.no_proc || strncmp(path, "/proc/", 6) != 0)
		return 0;
	errno = ENOENT;
	return 1;
}

int
fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	int (*real)(int, const char *, struct stat *, int);

	*(void **)&real = dlsym(RTLD_NEXT, "fstatat");
	return gone(path) ? -1 : real(dirfd, path, st, flags);
}

int
linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
    int flags)
{
	int (*real)(int, const char *, int, const char *, int);

	*(void **)&real = dlsym(RTLD_NEXT, "linkat");
	return gone(oldpath) ? -1 :
	    real(olddirfd, oldpath, newdirfd, newpath, flags);
}
