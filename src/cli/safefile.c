/*
 * safefile.c - new files that appear whole or not at all (safefile.h).
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

#include "safefile.h"

/*
 * The names every terminating signal removes: a temporary file, and a
 * file -o created through a dangling link.  At most a few at once (-o's
 * and --extract's).
 */
#define NSLOTS 4
static struct {
	int dirfd;
	char name[NAME_MAX + 1];
	volatile sig_atomic_t live;
} slots[NSLOTS];

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
	for (int k = 0; k < NSLOTS; k++)
		if (slots[k].live)
			(void)unlinkat(slots[k].dirfd, slots[k].name, 0);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Arm on_signal, once, for every terminating signal the parent did not
 * ignore. */
static void
catch_signals(void)
{
	static int armed;
	struct sigaction sa, old;

	if (armed)
		return;
	armed = 1;
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
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		if (sigaction(sig, NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL)
			(void)sigaction(sig, &sa, NULL);
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

int
sf_track(int dirfd, const char *name)
{
	sigset_t old;
	int k;

	if (strlen(name) > NAME_MAX)
		return -1;
	catch_signals();
	for (k = 0; k < NSLOTS && slots[k].live; k++)
		;
	if (k == NSLOTS)
		return -1;
	block_all(1, &old);
	slots[k].dirfd = dirfd;
	strcpy(slots[k].name, name);
	slots[k].live = 1;
	block_all(0, &old);
	return k;
}

void
sf_untrack(int slot)
{
	if (slot >= 0 && slot < NSLOTS)
		slots[slot].live = 0;
}

/* A fresh temporary name in NAME (SF_TMP_SIZE bytes). */
static void
next_tmp_name(char *name)
{
	static const char digits[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long long seed;
	struct timespec ts;
	char *p = name + strlen(SF_TMP_PREFIX);

	clock_gettime(CLOCK_REALTIME, &ts);
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL +
	    (unsigned long long)ts.tv_nsec + (unsigned long long)getpid();
	memcpy(name, SF_TMP_PREFIX, strlen(SF_TMP_PREFIX));
	for (int k = 0; k < 6; k++)
		p[k] = digits[(seed >> (6 * k + 16)) % 62];
	p[6] = '\0';
}

/* Whether /proc/self/fd shows FD, so that an unnamed file can be linked
 * in through it (linkat with AT_SYMLINK_FOLLOW). */
static int
proc_shows(int fd)
{
	char path[32];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return fstatat(AT_FDCWD, path, &a, 0) == 0 && fstat(fd, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Link the unnamed file as NAME in its directory; 0 or an errno. */
static int
link_unnamed(struct safefile *f, const char *name)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", f->fd);
	if (linkat(AT_FDCWD, path, f->dir->fd, name, AT_SYMLINK_FOLLOW) != 0)
		return errno;
	return 0;
}

/*
 * Give the file a fresh temporary name, which every terminating signal
 * removes: a new named file (UNNAMED false), or the unnamed one linked.
 * 0 or an errno.  Called with every signal blocked or before any data.
 */
static int
take_tmp_name(struct safefile *f, int unnamed, int access, mode_t mode)
{
	int e = EEXIST;

	for (int tries = 0; tries < 100 && e == EEXIST; tries++) {
		next_tmp_name(f->tmp);
		if (unnamed) {
			e = link_unnamed(f, f->tmp);
		} else {
			f->fd = openat(f->dir->fd, f->tmp, access | O_CREAT |
			    O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
			e = f->fd >= 0 ? 0 : errno;
		}
	}
	if (e != 0) {
		f->tmp[0] = '\0';
		return e;
	}
	f->slot = sf_track(f->dir->fd, f->tmp);
	return 0;
}

/* Whether O_TMPFILE failed with E because the file system (or kernel)
 * has none: then a named temporary file is the way. */
static int
tmpfile_unsupported(int e)
{
	return e == EOPNOTSUPP || e == EISDIR || e == EINVAL || e == ENOENT;
}

void
sf_dir_init(struct sf_dir *d, int fd)
{
	d->fd = fd;
	d->method = SF_UNKNOWN;
}

int
sf_create(struct safefile *f, struct sf_dir *d, mode_t mode)
{
	sigset_t old;
	int e;

	f->dir = d;
	f->fd = -1;
	f->slot = -1;
	f->synced = 0;
	f->tmp[0] = '\0';
#ifdef O_TMPFILE
	if (d->method != SF_NAMED) {
		f->fd = openat(d->fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
		    mode);
		if (f->fd >= 0 &&
		    (d->method == SF_UNNAMED || proc_shows(f->fd))) {
			d->method = SF_UNNAMED;
			return 0;
		}
		e = errno;
		if (f->fd >= 0) {
			/* No /proc to link it in through. */
			(void)close(f->fd);
			f->fd = -1;
		} else if (!tmpfile_unsupported(e)) {
			return e;
		}
	}
#endif
	d->method = SF_NAMED;
	catch_signals();
	block_all(1, &old);
	e = take_tmp_name(f, 0, O_WRONLY, mode);
	block_all(0, &old);
	return e;
}

int
sf_scratch(void)
{
	const char *t = getenv("TMPDIR");
	struct sf_dir d;
	struct safefile f;
	sigset_t old;
	int e;

	if (t == NULL || t[0] != '/')
		t = "/tmp";
	sf_dir_init(&d, open(t, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	if (d.fd < 0)
		return -1;
	f.fd = -1;
	errno = EOPNOTSUPP;
#ifdef O_TMPFILE
	f.fd = openat(d.fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	e = errno;
	/* A name only where the file system has no O_TMPFILE (sf_create's
	 * rule); any other failure is the answer. */
	if (f.fd < 0 && tmpfile_unsupported(e)) {
		f.dir = &d;
		f.slot = -1;
		catch_signals();
		block_all(1, &old);
		e = take_tmp_name(&f, 0, O_RDWR, 0600);
		if (e == 0) {
			(void)unlinkat(d.fd, f.tmp, 0);
			sf_untrack(f.slot);
		}
		block_all(0, &old);
		if (e != 0)
			f.fd = -1;
		errno = e;
	}
	e = errno;
	(void)close(d.fd);
	errno = e;
	return f.fd;
}

int
sf_set_mode(struct safefile *f)
{
	mode_t mask = umask(0);

	umask(mask);
	return fchmod(f->fd, 0666 & ~mask) != 0 ? errno : 0;
}

/* Copy the extended attributes of OLD_FD to the new file, as far as we
 * may: the ones we may not set are left out silently. */
static void
copy_xattrs(struct safefile *f, int old_fd)
{
	char names[4096], value[4096];
	ssize_t n = flistxattr(old_fd, names, sizeof(names));

	for (ssize_t k = 0; k < n; k += (ssize_t)strlen(names + k) + 1) {
		ssize_t v = fgetxattr(old_fd, names + k, value, sizeof(value));

		if (v >= 0)
			(void)fsetxattr(f->fd, names + k, value, (size_t)v, 0);
	}
}

int
sf_keep_metadata(struct safefile *f, int old_fd, const struct stat *old_st,
    int *chown_err)
{
	struct stat now;

	*chown_err = 0;
	if (fstat(f->fd, &now) != 0)
		return errno;
	if ((now.st_uid != old_st->st_uid || now.st_gid != old_st->st_gid) &&
	    fchown(f->fd, old_st->st_uid, old_st->st_gid) != 0) {
		*chown_err = errno;
		/* Keep at least the group, if we may. */
		if (now.st_gid != old_st->st_gid)
			(void)fchown(f->fd, (uid_t)-1, old_st->st_gid);
	}
	copy_xattrs(f, old_fd);
	/* After fchown, which clears the set-ID bits. */
	return fchmod(f->fd, old_st->st_mode & 07777) != 0 ? errno : 0;
}

int
sf_sync(struct safefile *f)
{
	if (!f->synced && fsync(f->fd) != 0 && errno != EINVAL)
		return errno;
	f->synced = 1;
	return 0;
}

int
sf_publish(struct safefile *f, const char *name)
{
	int e = sf_sync(f);

	if (e != 0)
		return e;
	if (f->tmp[0] == '\0')
		return link_unnamed(f, name);
	return linkat(f->dir->fd, f->tmp, f->dir->fd, name, 0) != 0 ?
	    errno : 0;
}

/* Remove the temporary name, if any. */
static void
drop_tmp_name(struct safefile *f)
{
	if (f->tmp[0] == '\0')
		return;
	(void)unlinkat(f->dir->fd, f->tmp, 0);
	sf_untrack(f->slot);
	f->slot = -1;
	f->tmp[0] = '\0';
}

int
sf_close(struct safefile *f)
{
	sigset_t old;
	int fd = f->fd, e = 0;

	block_all(1, &old);
	drop_tmp_name(f);
	block_all(0, &old);
	f->fd = -1;
	if (fd >= 0 && close(fd) != 0)
		e = errno;
	return e;
}

int
sf_replace(struct safefile *f, const char *name)
{
	sigset_t old;
	int e = sf_sync(f);

	if (e != 0) {
		sf_abort(f);
		return e;
	}
	block_all(1, &old);
	if (f->tmp[0] == '\0') {
		/* A free name takes the unnamed file directly; a taken one
		 * needs a temporary name for rename(2). */
		e = link_unnamed(f, name);
		if (e == EEXIST)
			e = take_tmp_name(f, 1, O_WRONLY, 0);
		else if (e == 0)
			goto done;
	}
	if (e == 0 && renameat(f->dir->fd, f->tmp, f->dir->fd, name) != 0)
		e = errno;
	if (e == 0) {
		/* The temporary name is now NAME. */
		sf_untrack(f->slot);
		f->slot = -1;
		f->tmp[0] = '\0';
	}
done:
	drop_tmp_name(f);
	block_all(0, &old);
	if (close(f->fd) != 0 && e == 0)
		e = errno;
	f->fd = -1;
	if (e == 0)
		(void)fsync(f->dir->fd);        /* the rename, durable */
	return e;
}

void
sf_abort(struct safefile *f)
{
	sigset_t old;

	if (f->fd >= 0)
		(void)close(f->fd);
	f->fd = -1;
	block_all(1, &old);
	drop_tmp_name(f);
	block_all(0, &old);
}
