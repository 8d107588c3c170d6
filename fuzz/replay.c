/*
 * replay.c - run a fuzz harness over saved inputs, without libFuzzer:
 * the regression test `make check` builds (with any C compiler) for each
 * target, and a way to reproduce a finding under a debugger.
 *
 *   replay [-n] PATH...
 *
 * Each PATH is a file, or a directory whose regular files (not starting
 * with '.') are taken in name order.  With no PATH, the directory is
 * $FUZZ_CORPUS_DIR/TARGET, TARGET being the FUZZ_TARGET this binary was
 * built with (-DFUZZ_TARGET='"decode"').
 *
 * Output is TAP, one test point per file.  Every input runs in a child
 * process, so one that crashes or aborts is reported as "not ok" and the
 * others still run; -n (or FUZZ_REPLAY_NOFORK=1 in the environment) runs
 * them in this process instead, for gdb.  A file whose name starts with
 * "todo-" holds a known failure not fixed yet: its test point carries a
 * TAP "# TODO" directive (an expected failure; passing shows as XPASS, the
 * cue to rename it "regress-").  Exit status: 0 when all passed (or failed
 * as expected), 1 when one failed, 99 (with "Bail out!") when the inputs
 * cannot be read.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct list {
	char **v;
	size_t n, cap;
};

static void bail(const char *fmt, ...) __attribute__((format(printf, 1, 2),
    noreturn));

static void
bail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(99);
}

static void
push(struct list *l, char *s)
{
	if (s == NULL)
		bail("out of memory");
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			bail("out of memory");
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s/%s", dir, name);
	return s;
}

/* Add PATH, or the regular files of directory PATH in name order. */
static void
add_path(struct list *l, const char *path)
{
	struct stat st;
	struct dirent *de;
	struct list here = { NULL, 0, 0 };
	DIR *d;

	if (stat(path, &st) != 0)
		bail("%s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		push(l, strdup(path));
		return;
	}
	d = opendir(path);
	if (d == NULL)
		bail("%s: %s", path, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char *full;

		if (de->d_name[0] == '.')
			continue;
		full = join(path, de->d_name);
		if (full == NULL)
			bail("out of memory");
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
			push(&here, full);
		else
			free(full);
	}
	closedir(d);
	if (here.n > 1)
		qsort(here.v, here.n, sizeof(here.v[0]), by_name);
	for (size_t k = 0; k < here.n; k++)
		push(l, here.v[k]);
	free(here.v);
}

/* The whole of file PATH in a block of exactly its size; NULL on error. */
static uint8_t *
slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *exact;
	size_t len = 0, cap = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		size_t got;

		if (len == cap) {
			uint8_t *p;

			cap = cap ? 2 * cap : 4096;
			p = realloc(buf, cap);
			if (p == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	/* An exact copy, so a sanitizer sees a read one byte too far. */
	exact = malloc(len ? len : 1);
	if (exact != NULL && len > 0)
		memcpy(exact, buf, len);
	free(buf);
	*size = len;
	return exact;
}

/* PATH without its directories but the last: "decode/rfc-f". */
static const char *
short_name(const char *path)
{
	const char *p = path + strlen(path), *cut = path;
	int slashes = 0;

	while (p > path) {
		p--;
		if (*p == '/' && p[1] != '\0' && ++slashes == 2) {
			cut = p + 1;
			break;
		}
	}
	return cut;
}

/* Run one input; 0 if it passed, else a description in WHY. */
static int
run_one(const char *path, int nofork, char *why, size_t whylen)
{
	size_t size = 0;
	uint8_t *data = slurp(path, &size);
	pid_t pid;
	int status;

	if (data == NULL) {
		snprintf(why, whylen, "cannot read: %s", strerror(errno));
		return 1;
	}
	if (nofork) {
		LLVMFuzzerTestOneInput(data, size);
		free(data);
		return 0;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		free(data);
		return 1;
	}
	if (pid == 0) {
		LLVMFuzzerTestOneInput(data, size);
		free(data);
		/* exit, not _exit: a harness's atexit handlers run, as after
		 * a libFuzzer run (fuzz_mail.c removes its work tree). */
		exit(0);
	}
	free(data);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			return 1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		snprintf(why, whylen, "killed by signal %d",
		    WTERMSIG(status));
	else
		snprintf(why, whylen, "exit status %d", WEXITSTATUS(status));
	return 1;
}

int
main(int argc, char **argv)
{
	struct list files = { NULL, 0, 0 };
	const char *env = getenv("FUZZ_REPLAY_NOFORK");
	int nofork = env != NULL && *env != '\0' && strcmp(env, "0") != 0;
	int k = 1, failed = 0;

	if (k < argc && strcmp(argv[k], "-n") == 0) {
		nofork = 1;
		k++;
	}
	if (k < argc && strcmp(argv[k], "--") == 0)
		k++;
	if (k == argc) {
#ifdef FUZZ_TARGET
		const char *dir = getenv("FUZZ_CORPUS_DIR");
		char *full;

		if (dir == NULL || *dir == '\0')
			bail("no PATH given and FUZZ_CORPUS_DIR is not set");
		full = join(dir, FUZZ_TARGET);
		if (full == NULL)
			bail("out of memory");
		add_path(&files, full);
		free(full);
#else
		fprintf(stderr, "usage: %s [-n] PATH...\n", argv[0]);
		return 2;
#endif
	}
	for (; k < argc; k++)
		add_path(&files, argv[k]);

	if (files.n == 0) {
		printf("1..0 # SKIP no inputs\n");
		return 0;
	}
	printf("1..%zu\n", files.n);
	for (size_t i = 0; i < files.n; i++) {
		const char *name = short_name(files.v[i]);
		int todo, bad;
		char why[128];

		todo = strncmp(strrchr(name, '/') ? strrchr(name, '/') + 1 :
		    name, "todo-", 5) == 0;
		bad = run_one(files.v[i], nofork, why, sizeof(why));
		printf("%sok %zu - %s%s%s%s\n", bad ? "not " : "", i + 1, name,
		    bad ? ": " : "", bad ? why : "",
		    todo ? " # TODO known failure" : "");
		if (bad && !todo)
			failed = 1;
		free(files.v[i]);
	}
	free(files.v);
	return failed;
}
