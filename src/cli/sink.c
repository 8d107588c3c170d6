/*
 * sink.c - the output side of the pump.
 *
 * -o FILE goes where the shell's '>' would write, and is refused where
 * '>' would be refused: the kernel resolves the name (symbolic links, and
 * the fs.protected_symlinks, protected_regular and protected_fifos rules
 * with them), by opening it as '>' does but without truncating.  A
 * non-regular file (a FIFO, a terminal, /dev/null) is then written in
 * place, as '>' would.  A regular file is replaced atomically through
 * safefile.c: a new file in the directory that holds the entry of the
 * very file the kernel opened (found by following the links, and checked
 * by device and inode), given that file's mode, owner, group and extended
 * attributes, and renamed over the entry; from the open on, every step is
 * relative to that directory's descriptor and follows no link.  An open
 * descriptor's name (/dev/stdout, /dev/fd/N) is written in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "io.h"
#include "safefile.h"
#include "sink.h"
#include "source.h"

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

/* Whether two status buffers are of one file. */
static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether ST (PATH's status) is the regular file IN is: then after
 * "PATH: input file is output file". */
static int
is_input(const char *path, const struct stat *st, const struct stat *in)
{
	if (!S_ISREG(st->st_mode) || !same_file(st, in))
		return 0;
	diag(0, "%s: input file is output file", quote_file(path));
	return 1;
}

int
sink_is_input(const char *path, const struct stat *in)
{
	struct stat st;

	return path != NULL && stat(path, &st) == 0 && is_input(path, &st, in);
}

/* The contents of symbolic link NAME in DIRFD, allocated; NULL (errno). */
static char *
read_link_at(int dirfd, const char *name)
{
	for (size_t cap = 256;; cap *= 2) {
		char *buf = malloc(cap);
		ssize_t n;

		if (buf == NULL)
			return NULL;
		n = readlinkat(dirfd, name, buf, cap);
		if (n >= 0 && (size_t)n < cap) {
			buf[n] = '\0';
			return buf;
		}
		free(buf);
		if (n < 0)
			return NULL;
	}
}

/*
 * Open the directory part of PATH relative to AT, and set *NAME to the
 * last part (allocated).  The kernel resolves the directory part as it
 * does inside '>''s path: "DIR/." makes DIR's last part an inner one, so
 * that a link there is followed under the same rules as in "DIR/NAME"
 * (fs.protected_symlinks restricts only the last part of a path).  The
 * directory's descriptor (O_PATH), or -1 (errno).
 */
static int
open_parent(int at, const char *path, char **name)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash == NULL ? 0 : (size_t)(slash - path) + 1;
	char *dir = malloc(dlen + 4);     /* room for "./." */
	int fd, e;

	*name = strdup(path + dlen);
	if (dir != NULL) {
		/* "./." for "NAME", "/." for "/NAME", "A/B/." for "A/B/NAME" */
		memcpy(dir, slash == NULL ? "./" : path, slash == NULL ? 2 :
		    dlen);
		strcpy(dir + (slash == NULL ? 2 : dlen), ".");
	}
	if (*name == NULL || dir == NULL) {
		free(dir);
		free(*name);
		*name = NULL;
		errno = ENOMEM;
		return -1;
	}
	fd = openat(at, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	e = errno;
	free(dir);
	if (fd < 0) {
		free(*name);
		*name = NULL;
	}
	errno = e;
	return fd;
}

/*
 * Find the directory entry of the regular file FILE (status, opened by
 * the kernel from PATH): from PATH's last part, through the symbolic
 * links the kernel followed.  Each step is checked, and the end must be
 * FILE itself (device and inode), so that nothing that changed meanwhile
 * is taken for it.  Sets s->dirfd and s->base; 0, EAGAIN when the names
 * no longer lead to FILE, or an errno.
 */
static int
find_entry(struct sink *s, const char *path, const struct stat *file)
{
	struct stat st;
	char *name = NULL;
	int dirfd = open_parent(AT_FDCWD, path, &name);

	for (int hops = 0; dirfd >= 0; hops++) {
		char *link;
		int next;

		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno == ENOENT)
				errno = EAGAIN; /* renamed meanwhile */
			break;
		}
		if (S_ISREG(st.st_mode) && same_file(&st, file)) {
			/* Readable if we may: fsync wants it. */
			int rd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY |
			    O_CLOEXEC);

			if (rd >= 0) {
				(void)close(dirfd);
				dirfd = rd;
			}
			sf_dir_init(&s->dir, dirfd);
			s->base = name;
			return 0;
		}
		if (!S_ISLNK(st.st_mode)) {
			errno = EAGAIN;
			break;
		}
		if (hops == 40) {
			errno = ELOOP;
			break;
		}
		link = read_link_at(dirfd, name);
		free(name);
		name = NULL;
		if (link == NULL)
			break;
		next = open_parent(dirfd, link, &name);
		free(link);
		(void)close(dirfd);
		dirfd = next;
	}
	free(name);
	if (dirfd >= 0) {
		int e = errno;

		(void)close(dirfd);
		errno = e;
	}
	return errno;
}

/* Write in place into FD, ours to close. */
static void
in_place(struct sink *s, int fd)
{
	s->kind = SINK_INPLACE;
	s->fd = fd;
	s->own_fd = 1;
}

/*
 * The target of -o PATH, as the kernel resolves it; 0, EAGAIN when the
 * file system changed under us (try again), -1 after a diagnostic, or an
 * errno.
 */
static int
locate(struct sink *s, const char *path, const struct source *in)
{
	struct stat st, wst;
	char *name;
	int p, w, e;

	p = open(path, O_PATH | O_CLOEXEC);
	if (p >= 0) {
		e = fstat(p, &st) != 0 ? errno : 0;
		(void)close(p);
		if (e != 0)
			return e;
		if (S_ISDIR(st.st_mode))
			return EISDIR;
		if (in->have_stat && is_input(path, &st, &in->st))
			return -1;
	} else if (errno != ENOENT) {
		return errno;
	} else {
		/* Nothing there, or a dangling symbolic link. */
		int dirfd = open_parent(AT_FDCWD, path, &name);

		if (dirfd < 0)
			return errno;
		if (name[0] == '\0') {
			e = EISDIR;     /* "NAME/", as '>' says */
		} else if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW)
		    == 0) {
			e = S_ISLNK(st.st_mode) ? 0 : EAGAIN;
		} else if (errno == ENOENT) {
			/* A new file: no entry to follow or replace. */
			sf_dir_init(&s->dir, dirfd);
			s->base = name;
			s->kind = SINK_REPLACE;
			return 0;
		} else {
			e = errno;
		}
		(void)close(dirfd);
		free(name);
		if (e != 0)
			return e;
		/* '>' creates the link's target, if the kernel lets it
		 * follow the link: so do we, and remove it on failure. */
		s->created = 1;
		st.st_mode = S_IFREG;
	}
	/* Open it as '>' would, but for O_TRUNC: the same refusals. */
	w = open(path, O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC |
	    (S_ISREG(st.st_mode) ? O_NONBLOCK : 0), 0666);
	if (w < 0)
		return errno;
	if (fstat(w, &wst) != 0) {
		e = errno;
		(void)close(w);
		return e;
	}
	if (!S_ISREG(wst.st_mode)) {
		if (S_ISREG(st.st_mode))
			(void)fcntl(w, F_SETFL, 0);     /* blocking again */
		in_place(s, w);
		return 0;
	}
	if (!s->created && !same_file(&st, &wst)) {
		(void)close(w);
		return EAGAIN;
	}
	s->old_fd = w;
	s->old = wst;
	s->kind = SINK_REPLACE;
	e = find_entry(s, path, &wst);
	if (e == 0 && s->created)
		s->created_slot = sf_track(s->dir.fd, s->base);
	return e;
}

/* Undo what locate() did, to try again or give up. */
static void
unlocate(struct sink *s)
{
	struct stat st;

	if (s->created && s->base != NULL &&
	    fstatat(s->dir.fd, s->base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    same_file(&st, &s->old) && st.st_size == 0)
		(void)unlinkat(s->dir.fd, s->base, 0);
	sf_untrack(s->created_slot);
	s->created_slot = -1;
	s->created = 0;
	if (s->old_fd >= 0)
		(void)close(s->old_fd);
	s->old_fd = -1;
	if (s->dir.fd >= 0)
		(void)close(s->dir.fd);
	s->dir.fd = -1;
	free(s->base);
	s->base = NULL;
	s->kind = SINK_STDOUT;
}

/* Open -o PATH; 0, or 1 after a diagnostic. */
static int
open_path(struct sink *s, const char *path, const struct source *in)
{
	int fd = fd_of_name(path), e;

	if (fd >= 0) {
		/* An open descriptor: write into it, at its position. */
		s->kind = SINK_INPLACE;
		s->fd = fd;
		if (fcntl(fd, F_GETFD) >= 0)
			return 0;
		/* Not open: what the shell's '>' would say. */
		s->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (s->fd < 0) {
			diag(errno, "%s", quote_file(path));
			return 1;
		}
		s->own_fd = 1;
		return 0;
	}
	/* A name that changes between our steps is looked up again. */
	for (int tries = 0; tries < 16; tries++) {
		e = locate(s, path, in);
		if (e != EAGAIN)
			break;
		unlocate(s);
	}
	if (e == 0 && s->kind == SINK_REPLACE) {
		e = sf_create(&s->file, &s->dir, 0600);
		if (e == 0) {
			s->fd = s->file.fd;
			s->own_fd = 1;
		}
	}
	if (e == -1)
		return 1;
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
	s->dir.fd = -1;
	s->old_fd = -1;
	s->created_slot = -1;
	s->file.fd = -1;
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
	size_t n = s->len > s->keep ? s->len - s->keep : 0;

	if (n > 0 && s->fd >= 0) {
		size_t done;

		if (io_write_all_done(s->fd, s->buf, n, &done) != 0) {
			int e = errno;

			/* What went out before the failure is gone from the
			 * buffer: a later flush never writes it twice. */
			s->written += done;
			memmove(s->buf, s->buf + done, s->len - done);
			s->len -= done;
			return e;
		}
		s->written += n;
	}
	/* (What the flush holds back moves to the front; a sink that holds
	 * nothing may have no buffer at all.) */
	if (s->len > n)
		memmove(s->buf, s->buf + n, s->len - n);
	s->len -= n;
	return 0;
}

void
sink_report_write_error(const struct sink *s, int err)
{
	if (s->name != NULL)
		diag(err, "write error: %s", quote_file(s->name));
	else if (sink_gnu_at_close(s))
		diag_closeout(err);
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

/* Put the new file in place of FILE; 0, or 1 after a diagnostic. */
static int
replace(struct sink *s)
{
	int e, chown_err = 0;

	if (s->old_fd >= 0)
		e = sf_keep_metadata(&s->file, s->old_fd, &s->old, &chown_err);
	else
		e = sf_set_mode(&s->file);
	if (chown_err != 0)
		diag(chown_err, "failed to preserve ownership for %s",
		    quote_arg(s->name));
	if (e == 0)
		e = sf_sync(&s->file);
	if (e != 0) {
		sink_report_write_error(s, e);
		return 1;
	}
	s->fd = -1;
	e = sf_replace(&s->file, s->base);
	if (e != 0) {
		diag(e, "%s", quote_file(s->name));
		return 1;
	}
	/* FILE is ours now, whether we created it or not. */
	s->created = 0;
	return 0;
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
	if (s->kind == SINK_REPLACE) {
		sf_abort(&s->file);
		s->fd = -1;
	}
	if (s->own_fd && s->fd >= 0)
		(void)close(s->fd);
	s->fd = -1;
	s->own_fd = 0;
	unlocate(s);
}
