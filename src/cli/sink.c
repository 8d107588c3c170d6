/*
 * sink.c - the output side of the pump.
 *
 * -o FILE is replaced atomically: the new file is made in FILE's directory
 * without a name (O_TMPFILE) where the file system allows it, so that no
 * signal, not even SIGKILL, and no crash can leave it behind; it is given
 * FILE's mode, owner and group, synced, linked under a temporary name and
 * renamed over FILE with every signal blocked.  Where O_TMPFILE is not
 * supported it has a temporary name from the start, and every terminating
 * signal removes it.  A symbolic link is followed as the shell's '>'
 * follows it; an open descriptor or a non-regular file is written in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "io.h"
#include "sink.h"
#include "source.h"

/*
 * The named temporary file, for the signal handler to remove.  Its name is
 * short, so that it fits beside a FILE name of NAME_MAX bytes.
 */
#define TMP_PREFIX ".base64-"
static char tmp_name[sizeof(TMP_PREFIX) + 8];
static int tmp_dirfd = -1;
static volatile sig_atomic_t tmp_live;

/* The signals whose default action ends the process. */
static const int fatal_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
	SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGXCPU,
	SIGXFSZ, SIGVTALRM, SIGPROF, SIGSYS,
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGIO
	SIGIO,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};

#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static void
on_signal(int sig)
{
	if (tmp_live)
		(void)unlinkat(tmp_dirfd, tmp_name, 0);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Arm on_signal for every terminating signal the parent did not ignore. */
static void
catch_signals(void)
{
	struct sigaction sa, old;
	int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);
	for (size_t k = 0; k < NFATAL; k++) {
		if (sigaction(fatal_signals[k], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		(void)sigaction(fatal_signals[k], &sa, NULL);
	}
#ifdef SIGRTMIN
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		if (sigaction(sig, NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL)
			(void)sigaction(sig, &sa, NULL);
#else
	(void)sig;
#endif
}

/* Block every signal (saving the mask in OLD), or restore OLD. */
static void
block_all(int block, sigset_t *old)
{
	sigset_t all;

	if (!block) {
		sigprocmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

/* A fresh temporary name in tmp_name. */
static void
next_tmp_name(void)
{
	static const char digits[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long long seed;
	struct timespec ts;
	char *p = tmp_name + strlen(TMP_PREFIX);

	clock_gettime(CLOCK_REALTIME, &ts);
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL +
	    (unsigned long long)ts.tv_nsec + (unsigned long long)getpid();
	memcpy(tmp_name, TMP_PREFIX, strlen(TMP_PREFIX));
	for (int k = 0; k < 6; k++)
		p[k] = digits[(seed >> (6 * k + 16)) % 62];
	p[6] = '\0';
}

/*
 * The descriptor a name stands for: /dev/stdin, /dev/stdout, /dev/stderr,
 * /dev/fd/N, /proc/self/fd/N, /proc/thread-self/fd/N; -1 for other names.
 */
static int
fd_of_name(const char *path)
{
	static const char *const std[] = {
		"/dev/stdin", "/dev/stdout", "/dev/stderr"
	};
	static const char *const dirs[] = {
		"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"
	};

	for (int k = 0; k < 3; k++)
		if (strcmp(path, std[k]) == 0)
			return k;
	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
		size_t n = strlen(dirs[k]);
		const char *p = path + n;
		long v = 0;

		if (strncmp(path, dirs[k], n) != 0 || *p == '\0')
			continue;
		for (; *p >= '0' && *p <= '9' && v < INT_MAX / 10; p++)
			v = v * 10 + (*p - '0');
		if (*p == '\0')
			return (int)v;
	}
	return -1;
}

/* The contents of symbolic link PATH, allocated; NULL (errno) on error. */
static char *
read_link(const char *path, size_t size_hint)
{
	size_t cap = size_hint + 1 > 64 ? size_hint + 1 : 64;

	for (;;) {
		char *buf = malloc(cap);
		ssize_t n;

		if (buf == NULL)
			return NULL;
		n = readlink(path, buf, cap);
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)n < cap) {
			buf[n] = '\0';
			return buf;
		}
		free(buf);
		cap *= 2;
	}
}

/* DIR of PATH joined with the relative LINK, allocated. */
static char *
beside(const char *path, const char *link)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *r = malloc(dlen + strlen(link) + 1);

	if (r != NULL) {
		memcpy(r, path, dlen);
		strcpy(r + dlen, link);
	}
	return r;
}

/*
 * Follow the symbolic links of PATH as open() does.  *TARGET gets the
 * path of the file it ends at (allocated), *ST its status if it exists
 * (*EXISTS), *FD the descriptor when a step names an open descriptor.
 * Returns 0 or an errno.
 */
static int
resolve(const char *path, char **target, struct stat *st, int *exists,
    int *fd)
{
	char *cur = strdup(path);

	*exists = 0;
	*fd = -1;
	for (int hops = 0; cur != NULL; hops++) {
		char *link, *next;

		*target = cur;
		if ((*fd = fd_of_name(cur)) >= 0)
			return 0;
		if (lstat(cur, st) != 0)
			return errno == ENOENT ? 0 : errno;
		if (!S_ISLNK(st->st_mode)) {
			*exists = 1;
			return 0;
		}
		if (hops == 40)
			return ELOOP;
		link = read_link(cur, (size_t)st->st_size);
		if (link == NULL)
			return errno;
		next = link[0] == '/' ? link : beside(cur, link);
		if (next != link)
			free(link);
		free(cur);
		cur = next;
	}
	*target = NULL;
	return ENOMEM;
}

/* Split TARGET into its directory (opened into s->dirfd) and its name
 * (s->base); 0 or an errno. */
static int
open_dir(struct sink *s, const char *target)
{
	const char *slash = strrchr(target, '/');
	char *dir;

	if (slash == NULL) {
		dir = strdup(".");
		s->base = strdup(target);
	} else {
		dir = strndup(target, slash == target ? 1 :
		    (size_t)(slash - target));
		s->base = strdup(slash + 1);
	}
	if (dir == NULL || s->base == NULL) {
		free(dir);
		return ENOMEM;
	}
	s->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->dirfd < 0 && errno == EACCES)
		s->dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return s->dirfd < 0 ? errno : 0;
}

int
tmp_named_create(int dirfd, mode_t mode, char *name, size_t size)
{
	sigset_t old;
	int fd = -1, e = EEXIST;

	if (size < sizeof(tmp_name)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	catch_signals();
	for (int tries = 0; tries < 100 && e == EEXIST; tries++) {
		block_all(1, &old);
		next_tmp_name();
		fd = openat(dirfd, tmp_name, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, mode);
		e = errno;
		if (fd >= 0) {
			tmp_dirfd = dirfd;
			tmp_live = 1;
			memcpy(name, tmp_name, sizeof(tmp_name));
		}
		block_all(0, &old);
	}
	errno = e;
	return fd;
}

void
tmp_named_release(void)
{
	tmp_live = 0;
}

/* Create the new file in s->dirfd: unnamed if possible; 0 or an errno. */
static int
create_new(struct sink *s)
{
	char name[sizeof(tmp_name)];

#ifdef O_TMPFILE
	s->fd = openat(s->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (s->fd >= 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL &&
	    errno != ENOENT)
		return errno;
#endif
	/* A named file: removed by every terminating signal. */
	s->fd = tmp_named_create(s->dirfd, 0600, name, sizeof(name));
	return s->fd >= 0 ? 0 : errno;
}

/* Open -o PATH; 0, or 1 after a diagnostic. */
static int
open_path(struct sink *s, const char *path, const struct source *in)
{
	struct stat st;
	char *target = NULL;
	int exists, fd, e;

	e = resolve(path, &target, &st, &exists, &fd);
	if (e == 0 && fd >= 0) {
		/* An open descriptor: write into it, at its position. */
		s->kind = SINK_INPLACE;
		s->fd = fd;
		if (fcntl(fd, F_GETFD) < 0) {
			/* Not open: what the shell's '>' would say. */
			s->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
			e = s->fd < 0 ? errno : 0;
			s->own_fd = s->fd >= 0;
		}
		goto out;
	}
	if (e != 0)
		goto out;
	if (exists && S_ISDIR(st.st_mode)) {
		e = EISDIR;
		goto out;
	}
	if (exists && in->have_stat && S_ISREG(st.st_mode) &&
	    st.st_dev == in->st.st_dev && st.st_ino == in->st.st_ino) {
		free(target);
		diag(0, "%s: input file is output file", quote_file(path));
		return 1;
	}
	if (exists) {
		/* The shell's '>' would open it for writing: if that fails,
		 * fail the same way.  A non-regular file is written in place. */
		fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC |
		    (S_ISREG(st.st_mode) ? O_NONBLOCK : 0));
		if (fd < 0) {
			e = errno;
			goto out;
		}
		if (!S_ISREG(st.st_mode)) {
			s->kind = SINK_INPLACE;
			s->fd = fd;
			s->own_fd = 1;
			goto out;
		}
		(void)close(fd);
		s->existed = 1;
		s->old = st;
	}
	s->kind = SINK_REPLACE;
	e = open_dir(s, target);
	if (e == 0)
		e = create_new(s);
	if (e == 0)
		s->own_fd = 1;
out:
	free(target);
	if (e != 0) {
		diag(e, "%s", quote_file(path));
		return 1;
	}
	return 0;
}

int
sink_open(struct sink *s, const char *path, int discard,
    const struct source *in, char *buf, size_t cap)
{
	memset(s, 0, sizeof(*s));
	s->kind = discard ? SINK_DISCARD : SINK_STDOUT;
	s->fd = discard ? -1 : 1;
	s->dirfd = -1;
	s->buf = buf;
	s->cap = cap;
	if (discard)
		return 0;
	if (path == NULL || strcmp(path, "-") == 0) {
		struct stat st;

		if (fstat(1, &st) == 0)
			io_widen_pipe(1, &st);
		return 0;
	}
	s->name = path;
	s->fd = -1;
	if (open_path(s, path, in) != 0) {
		sink_abort(s);
		return 1;
	}
	return 0;
}

int
sink_flush_quiet(struct sink *s)
{
	if (s->len > 0 && s->fd >= 0) {
		if (io_write_all(s->fd, s->buf, s->len) != 0)
			return errno;
		s->written += s->len;
	}
	s->len = 0;
	return 0;
}

void
sink_report_write_error(const struct sink *s, int err)
{
	if (s->name != NULL)
		diag(err, "write error: %s", quote_file(s->name));
	else
		diag(err, "write error");
}

int
sink_flush(struct sink *s)
{
	int e = sink_flush_quiet(s);

	if (e != 0)
		sink_report_write_error(s, e);
	return e != 0;
}

/*
 * Copy FILE's extended attributes (ACLs among them) to the new file, as
 * far as we may: the ones we may not set are left out silently.
 */
static void
copy_xattrs(struct sink *s)
{
	char path[64 + NAME_MAX], names[4096], value[4096];
	ssize_t n;

	if (snprintf(path, sizeof(path), "/proc/self/fd/%d/%s", s->dirfd,
	    s->base) >= (int)sizeof(path))
		return;
	n = llistxattr(path, names, sizeof(names));
	for (ssize_t k = 0; k < n; k += (ssize_t)strlen(names + k) + 1) {
		ssize_t v = lgetxattr(path, names + k, value, sizeof(value));

		if (v >= 0)
			(void)fsetxattr(s->fd, names + k, value, (size_t)v, 0);
	}
}

/*
 * Give the new file FILE's owner and group (where permitted: say so when
 * not), extended attributes and mode, or a new file's mode; 0 or an errno.
 */
static int
set_metadata(struct sink *s)
{
	struct stat now;
	mode_t mask;

	if (!s->existed) {
		mask = umask(0);
		umask(mask);
		return fchmod(s->fd, 0666 & ~mask) != 0 ? errno : 0;
	}
	if (fstat(s->fd, &now) != 0)
		return errno;
	if ((now.st_uid != s->old.st_uid || now.st_gid != s->old.st_gid) &&
	    fchown(s->fd, s->old.st_uid, s->old.st_gid) != 0) {
		int e = errno;

		/* Keep at least the group, if we may. */
		if (now.st_gid != s->old.st_gid)
			(void)fchown(s->fd, (uid_t)-1, s->old.st_gid);
		diag(e, "failed to preserve ownership for %s",
		    quote_arg(s->name));
	}
	copy_xattrs(s);
	/* After fchown, which clears the set-ID bits. */
	return fchmod(s->fd, s->old.st_mode & 07777) != 0 ? errno : 0;
}

/* Give the unnamed new file the temporary name; 0 or an errno. */
static int
link_unnamed(struct sink *s)
{
	char proc[64];
	int e = EEXIST;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", s->fd);
	for (int tries = 0; tries < 100 && e == EEXIST; tries++) {
		next_tmp_name();
		e = 0;
		if (linkat(AT_FDCWD, proc, s->dirfd, tmp_name,
		    AT_SYMLINK_FOLLOW) != 0) {
			e = errno;
			/* No /proc: this one needs privileges, but try. */
			if (e == ENOENT && linkat(s->fd, "", s->dirfd,
			    tmp_name, AT_EMPTY_PATH) == 0)
				e = 0;
		}
	}
	if (e == 0)
		tmp_live = 1;
	return e;
}

/* Put the new file in place of FILE; 0, or 1 after a diagnostic. */
static int
replace(struct sink *s)
{
	sigset_t old;
	int e, fd = s->fd;

	e = set_metadata(s);
	if (e == 0 && fsync(fd) != 0 && errno != EINVAL)
		e = errno;
	if (e != 0) {
		sink_report_write_error(s, e);
		return 1;
	}
	block_all(1, &old);
	tmp_dirfd = s->dirfd;
	e = tmp_live ? 0 : link_unnamed(s);
	s->fd = -1;
	if (close(fd) != 0 && e == 0) {
		sink_report_write_error(s, errno);
		e = -1;
	} else if (e == 0 && renameat(s->dirfd, tmp_name, s->dirfd,
	    s->base) != 0) {
		e = errno;
		diag(e, "%s", quote_file(s->name));
	} else if (e != 0) {
		diag(e, "%s", quote_file(s->name));
	}
	if (e != 0 && tmp_live)
		(void)unlinkat(s->dirfd, tmp_name, 0);
	tmp_live = 0;
	block_all(0, &old);
	if (e == 0)
		(void)fsync(s->dirfd); /* make the rename durable */
	return e != 0;
}

int
sink_commit(struct sink *s)
{
	int status = 0;

	if (sink_flush(s) != 0) {
		sink_abort(s);
		return 1;
	}
	if (s->kind == SINK_REPLACE) {
		status = replace(s);
	} else if (s->own_fd) {
		int fd = s->fd;

		s->fd = -1;
		if (close(fd) != 0) {
			sink_report_write_error(s, errno);
			status = 1;
		}
	}
	sink_abort(s);
	return status;
}

void
sink_abort(struct sink *s)
{
	if (s->own_fd && s->fd >= 0)
		(void)close(s->fd);
	s->fd = -1;
	s->own_fd = 0;
	if (tmp_live) {
		(void)unlinkat(s->dirfd, tmp_name, 0);
		tmp_live = 0;
	}
	if (s->dirfd >= 0)
		(void)close(s->dirfd);
	s->dirfd = -1;
	free(s->base);
	s->base = NULL;
}
