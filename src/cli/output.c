/*
 * output.c - the output side: big writes to standard output, or to a
 * temporary file that is renamed over -o FILE only when all went well.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "io.h"
#include "output.h"

/* The temporary file, for the signal handler to remove. */
static char tmp_path[PATH_MAX];
static volatile sig_atomic_t tmp_live;

static const int fatal_signals[] = { SIGHUP, SIGINT, SIGTERM, SIGPIPE };

static void
on_signal(int sig)
{
	if (tmp_live)
		(void)unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(void)
{
	for (size_t k = 0; k < sizeof(fatal_signals) / sizeof(int); k++) {
		struct sigaction sa, old;

		if (sigaction(fatal_signals[k], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue; /* keep what the parent chose */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		(void)sigaction(fatal_signals[k], &sa, NULL);
	}
}

/* Build "DIR/.NAME.XXXXXX" beside PATH in tmp_path; 0 or -1. */
static int
tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	int n;

	if (slash == NULL)
		n = snprintf(tmp_path, sizeof(tmp_path), ".%s.XXXXXX", path);
	else
		n = snprintf(tmp_path, sizeof(tmp_path), "%.*s.%s.XXXXXX",
		    (int)(slash - path + 1), path, slash + 1);
	return n > 0 && (size_t)n < sizeof(tmp_path) ? 0 : -1;
}

/*
 * Block the fatal signals (saving the old mask in OLD) or restore OLD, so
 * that the temporary file never exists unknown to the handler.
 */
static void
block_signals(int block, sigset_t *old)
{
	sigset_t set;

	if (!block) {
		sigprocmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigemptyset(&set);
	for (size_t k = 0; k < sizeof(fatal_signals) / sizeof(int); k++)
		sigaddset(&set, fatal_signals[k]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/*
 * Where -o FILE really goes: a symbolic link is followed, so the file it
 * names is replaced, not the link.  Returns PATH itself or an allocated
 * resolved path in *resolved.
 */
static const char *
target_of(const char *path, char **resolved)
{
	struct stat st;

	*resolved = NULL;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (*resolved = realpath(path, NULL)) != NULL)
		return *resolved;
	return path;
}

int
sink_open(struct sink *s, const char *path, int discard, int in_fd,
    char *buf, size_t cap)
{
	struct stat in_st, out_st;
	const char *target;
	sigset_t old;
	int exists;

	memset(s, 0, sizeof(*s));
	s->fd = discard ? -1 : 1;
	s->cap = cap;
	s->buf = buf;
	if (path == NULL || strcmp(path, "-") == 0)
		return 0;
	s->path = path;
	exists = stat(path, &out_st) == 0;
	if (exists && fstat(in_fd, &in_st) == 0 &&
	    in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino) {
		diag(0, "%s: input file is output file", quote_file(path));
		return 1;
	}
	if (exists && !S_ISREG(out_st.st_mode)) {
		/* A device or a FIFO: write into it; nothing to replace. */
		s->fd = open(path, O_WRONLY | O_CLOEXEC);
		if (s->fd < 0) {
			diag(errno, "%s", quote_file(path));
			return 1;
		}
		s->direct = 1;
		return 0;
	}
	target = target_of(path, &s->resolved);
	if (tmp_name(target) != 0) {
		diag(ENAMETOOLONG, "%s", quote_file(path));
		return 1;
	}
	catch_signals();
	block_signals(1, &old);
	s->fd = mkostemp(tmp_path, O_CLOEXEC);
	if (s->fd >= 0)
		tmp_live = 1;
	block_signals(0, &old);
	if (s->fd < 0) {
		diag(errno, "%s", quote_file(path));
		return 1;
	}
	return 0;
}

int
sink_flush(struct sink *s)
{
	if (s->len > 0 && s->fd >= 0 && io_write_all(s->fd, s->buf, s->len)) {
		if (s->path != NULL)
			diag(errno, "write error: %s", quote_file(s->path));
		else
			diag(errno, "write error");
		return 1;
	}
	s->len = 0;
	return 0;
}

int
sink_commit(struct sink *s)
{
	mode_t mask;
	int fd = s->fd;

	if (sink_flush(s) != 0) {
		sink_abort(s);
		return 1;
	}
	if (s->path == NULL)
		return 0;
	if (s->direct) {
		s->fd = -1;
		if (close(fd) != 0) {
			diag(errno, "write error: %s", quote_file(s->path));
			return 1;
		}
		return 0;
	}
	/* The mode a new file gets: 0666 less the umask. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0) {
		diag(errno, "write error: %s", quote_file(s->path));
		sink_abort(s);
		return 1;
	}
	s->fd = -1;
	if (close(fd) != 0) {
		diag(errno, "write error: %s", quote_file(s->path));
		sink_abort(s);
		return 1;
	}
	if (rename(tmp_path, s->resolved ? s->resolved : s->path) != 0) {
		diag(errno, "%s", quote_file(s->path));
		sink_abort(s);
		return 1;
	}
	tmp_live = 0;
	free(s->resolved);
	s->resolved = NULL;
	return 0;
}

void
sink_abort(struct sink *s)
{
	if (s->path == NULL)
		return;
	if (s->fd >= 0)
		(void)close(s->fd);
	s->fd = -1;
	if (tmp_live) {
		(void)unlink(tmp_path);
		tmp_live = 0;
	}
	free(s->resolved);
	s->resolved = NULL;
}
