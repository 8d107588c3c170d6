/*
 * fuzz_mail.c - --list and --extract (src/cli/mail.c over the MIME library
 * in src/mime/ and the safe-file module src/cli/safefile.c) run in-process
 * on a message: extracting creates new files in its directory and nothing
 * else, anywhere.
 *
 * The harness owns a work tree made once per process under $TMPDIR (or
 * /tmp), "sextet-fuzz-mail-XXXXXX", holding
 *
 *	x/              the directory --extract writes into, pre-populated
 *	                with names the seed messages' attachments use:
 *	    report.pdf, report-2.pdf, part-1.txt   regular files
 *	    invoice.pdf -> ../outside/target       a link out of x
 *	    notes.txt -> ../outside/absent         a dangling link out of x
 *	    docs/                                  an empty directory
 *	outside/target  what the links point at
 *	in, report      the message, and --list's or --extract's output
 *
 * and reuses it: after each input the files the run created in x are
 * checked and removed, so every input starts from the same tree.  The tree
 * is removed at exit (a failed check aborts and leaves it, to look at).
 * Diagnostics go to /dev/null during a run; FUZZ_MAIL_VERBOSE=1 in the
 * environment prints what each run did (exit status, output).
 *
 * Input: byte 0 the options and a fault: bit 0 --list (else --extract),
 * bit 1 --all, bit 2 --strict, bit 3 -z, bit 4 the file system refuses
 * O_TMPFILE (so new files start under a temporary name, ".base64-XXXXXX"),
 * bits 5-7 the fault: 0 none; 1 short writes; 2 writing file number B1
 * fails (ENOSPC) once it holds 16 * B2 bytes; 3 its fsync fails (EIO);
 * 4 its close fails (EIO, after closing); 5 link call number B1 fails
 * (ENOSPC); 6 creating file number B1 fails (EDQUOT); 7 writing the
 * output fails (ENOSPC) once it holds 16 * B2 bytes.  Byte 1 is B1, byte 2
 * B2; the rest is the message.  Files are numbered from 0 in the order
 * they are created.
 *
 * The harness is linked with -Wl,--wrap= for openat, linkat, write, fsync,
 * close and sigaction: while a run is under way, the files created in x
 * are tracked by descriptor and the fault strikes them; fsync() does not
 * reach the disk (durability cannot be seen here, and it would take most
 * of the time); sigaction() calls that would install a handler are
 * answered without doing it, so the handlers stay libFuzzer's and the
 * sanitizers' (safefile.c arms one for every terminating signal, to remove
 * its temporary names).  Everything else goes to the real calls.
 *
 * Checked, against the parts the MIME parser itself reports (a second
 * parse, with its own handler): --extract
 *  - writes nothing outside x (the tree's other entries and outside/ are
 *    as they were) and changes nothing that existed in x: the files keep
 *    their inode and bytes, the links their target, docs/ stays empty;
 *  - leaves no temporary file (".base64-" names; a message's names never
 *    start with '.', name.h) and nothing but regular files with one link;
 *  - prints DIR/FILE for each file it created, each once, in the order of
 *    the parts that get a file (a name, an attachment, or --all; not a
 *    damaged part under --strict); every one of them without a fault;
 *  - gives each file exactly its part's decoded bytes, under its name
 *    (name.h's mime_file_name) or, when that is taken, the first free
 *    numbered one (mime_file_numbered): every lower candidate taken by an
 *    entry of x or an earlier file of the run;
 *  - after a fault: stops at the file it struck (which never appears),
 *    exit status 1; a failed output may leave created files unlisted;
 *  - exit status 0 only if every part is whole.
 * --list prints one line per part, PATH TYPE ENCODING SIZE STATUS NAME
 * FILE, tab-separated, as the parser reported the part (NAME and FILE
 * escaped as text_escape does), FILE named as --extract would name it in
 * an empty directory, and creates nothing.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "mail.h"
#include "mime.h"
#include "name.h"
#include "source.h"
#include "text.h"

/* The wrapped calls (-Wl,--wrap=...). */
int __real_openat(int dirfd, const char *path, int flags, ...);
int __real_linkat(int olddirfd, const char *oldpath, int newdirfd,
    const char *newpath, int flags);
ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_close(int fd);
int __real_sigaction(int sig, const struct sigaction *act,
    struct sigaction *old);
int __wrap_openat(int dirfd, const char *path, int flags, ...);
int __wrap_linkat(int olddirfd, const char *oldpath, int newdirfd,
    const char *newpath, int flags);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fsync(int fd);
int __wrap_close(int fd);
int __wrap_sigaction(int sig, const struct sigaction *act,
    struct sigaction *old);

enum fault {
	F_NONE, F_SHORT, F_WRITE, F_FSYNC, F_CLOSE, F_LINK, F_CREATE,
	F_OUTPUT,
};

#define MAX_OPEN 64             /* files of a run open at once, tracked */

/* The simulated world of one run. */
static struct {
	int active;
	int no_tmpfile;
	enum fault fault;
	unsigned which;         /* B1 */
	uint64_t limit;         /* 16 * B2 */
	int fired;              /* the fault struck */
	struct fz_rng rng;
	unsigned created;       /* files created so far */
	unsigned links;         /* linkat calls so far */
	int out_fd;             /* the report */
	uint64_t out_len;
	struct {
		int fd;         /* -1: free */
		unsigned num;   /* creation number */
		uint64_t len;   /* bytes written */
	} open[MAX_OPEN];
} sim;

/* The slot of the tracked file on FD, or -1. */
static int
tracked(int fd)
{
	for (int k = 0; k < MAX_OPEN; k++)
		if (sim.open[k].fd == fd && fd >= 0)
			return k;
	return -1;
}

int
__wrap_openat(int dirfd, const char *path, int flags, ...)
{
	int creates = (flags & O_CREAT) != 0, fd, k;
	mode_t mode = 0;
	va_list ap;

#ifdef O_TMPFILE
	if ((flags & O_TMPFILE) == O_TMPFILE)
		creates = 1;
#endif
	if (creates) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, unsigned int);
		va_end(ap);
	}
	if (!sim.active || !creates)
		return __real_openat(dirfd, path, flags, mode);
#ifdef O_TMPFILE
	if ((flags & O_TMPFILE) == O_TMPFILE && sim.no_tmpfile) {
		errno = EOPNOTSUPP;
		return -1;
	}
#endif
	if (sim.fault == F_CREATE && sim.created == sim.which) {
		sim.fired = 1;
		sim.created++;
		errno = EDQUOT;
		return -1;
	}
	fd = __real_openat(dirfd, path, flags, mode);
	if (fd < 0)
		return fd;
	for (k = 0; k < MAX_OPEN && sim.open[k].fd >= 0; k++)
		;
	FZ_CHECKF(k < MAX_OPEN, "more than %d new files open at once",
	    MAX_OPEN);
	sim.open[k].fd = fd;
	sim.open[k].num = sim.created++;
	sim.open[k].len = 0;
	return fd;
}

int
__wrap_linkat(int olddirfd, const char *oldpath, int newdirfd,
    const char *newpath, int flags)
{
	if (sim.active && sim.fault == F_LINK && sim.links++ == sim.which) {
		sim.fired = 1;
		errno = ENOSPC;
		return -1;
	}
	return __real_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	int k = sim.active ? tracked(fd) : -1;
	size_t give = n;
	ssize_t r;

	if (!sim.active || (k < 0 && fd != sim.out_fd))
		return __real_write(fd, buf, n);
	if (sim.fault == F_SHORT && n > 1)
		give = 1 + fz_below(&sim.rng, n);
	if (k >= 0 && sim.fault == F_WRITE &&
	    sim.open[k].num == sim.which) {
		if (sim.open[k].len >= sim.limit) {
			sim.fired = 1;
			errno = ENOSPC;
			return -1;
		}
		if (give > sim.limit - sim.open[k].len)
			give = (size_t)(sim.limit - sim.open[k].len);
	}
	if (k < 0 && sim.fault == F_OUTPUT) {
		if (sim.out_len >= sim.limit) {
			sim.fired = 1;
			errno = ENOSPC;
			return -1;
		}
		if (give > sim.limit - sim.out_len)
			give = (size_t)(sim.limit - sim.out_len);
	}
	r = __real_write(fd, buf, give);
	if (r > 0 && k >= 0)
		sim.open[k].len += (uint64_t)r;
	else if (r > 0)
		sim.out_len += (uint64_t)r;
	return r;
}

int
__wrap_fsync(int fd)
{
	int k;

	if (!sim.active)
		return __real_fsync(fd);
	k = tracked(fd);
	if (k >= 0 && sim.fault == F_FSYNC && sim.open[k].num == sim.which) {
		sim.fired = 1;
		errno = EIO;
		return -1;
	}
	return 0;
}

int
__wrap_close(int fd)
{
	int k = sim.active ? tracked(fd) : -1, r;

	if (k < 0)
		return __real_close(fd);
	sim.open[k].fd = -1;
	r = __real_close(fd);
	if (r == 0 && sim.fault == F_CLOSE && sim.open[k].num == sim.which) {
		/* As on a network file system: the data could not be
		 * written back, reported by close, the descriptor gone. */
		sim.fired = 1;
		errno = EIO;
		return -1;
	}
	return r;
}

int
__wrap_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (!sim.active || act == NULL)
		return __real_sigaction(sig, act, old);
	if (old != NULL && __real_sigaction(sig, NULL, old) != 0)
		return -1;
	return 0;
}

/* ---- The work tree -------------------------------------------------- */

/* What x holds before every run. */
static const struct pre {
	const char *name;
	mode_t type;
	const char *data;       /* a file's bytes, a link's target */
} pre[] = {
	{ "report.pdf", S_IFREG, "an old report\n" },
	{ "report-2.pdf", S_IFREG, "its second version\n" },
	{ "part-1.txt", S_IFREG, "kept\n" },
	{ "invoice.pdf", S_IFLNK, "../outside/target" },
	{ "notes.txt", S_IFLNK, "../outside/absent" },
	{ "docs", S_IFDIR, NULL },
};
#define NPRE (sizeof(pre) / sizeof(pre[0]))
static const char target_data[] = "outside: must stay as it is\n";

static struct {
	char root[256];
	char x[300];            /* ROOT/x, the extract directory */
	int root_fd, x_fd, outside_fd;
	DIR *root_dir, *x_dir, *outside_dir;
	int in_fd, out_fd;
	struct stat pre_st[NPRE], target_st;
	struct sigaction segv, term;    /* the handlers before any run */
#ifndef __GLIBC__
	int null_fd, saved_fd;
#else
	FILE *null_fp;
#endif
} tree;

/* Remove what TREE holds (at exit; an aborted run keeps it). */
static void
tree_remove(void)
{
	char path[512];

	if (tree.root[0] == '\0')
		return;
	if (tree.x_dir != NULL) {
		struct dirent *de;

		rewinddir(tree.x_dir);
		while ((de = readdir(tree.x_dir)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0)
				(void)unlinkat(tree.x_fd, de->d_name,
				    strcmp(de->d_name, "docs") == 0 ?
				    AT_REMOVEDIR : 0);
	}
	snprintf(path, sizeof(path), "%s/x", tree.root);
	(void)rmdir(path);
	snprintf(path, sizeof(path), "%s/outside/target", tree.root);
	(void)unlink(path);
	snprintf(path, sizeof(path), "%s/outside", tree.root);
	(void)rmdir(path);
	snprintf(path, sizeof(path), "%s/in", tree.root);
	(void)unlink(path);
	snprintf(path, sizeof(path), "%s/report", tree.root);
	(void)unlink(path);
	(void)rmdir(tree.root);
	tree.root[0] = '\0';
}

static void
put_file(int dirfd, const char *name, const char *data)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644);
	size_t n = strlen(data);

	FZ_CHECKF(fd >= 0 && write(fd, data, n) == (ssize_t)n &&
	    close(fd) == 0, "creating %s: %s", name, strerror(errno));
}

static DIR *
open_dir(const char *parent, const char *name, int *fd)
{
	char path[512];
	DIR *d;

	snprintf(path, sizeof(path), "%s%s%s", parent, name[0] ? "/" : "",
	    name);
	d = opendir(path);
	FZ_CHECKF(d != NULL, "%s: %s", path, strerror(errno));
	*fd = dirfd(d);
	return d;
}

static void
tree_make(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(tree.root, sizeof(tree.root), "%s/sextet-fuzz-mail-XXXXXX",
	    tmp);
	FZ_CHECKF(mkdtemp(tree.root) != NULL, "mkdtemp %s: %s", tree.root,
	    strerror(errno));
	atexit(tree_remove);
	snprintf(tree.x, sizeof(tree.x), "%s/x", tree.root);
	snprintf(path, sizeof(path), "%s/outside", tree.root);
	FZ_CHECK(mkdir(tree.x, 0755) == 0 && mkdir(path, 0755) == 0);
	tree.root_dir = open_dir(tree.root, "", &tree.root_fd);
	tree.x_dir = open_dir(tree.root, "x", &tree.x_fd);
	tree.outside_dir = open_dir(tree.root, "outside", &tree.outside_fd);
	put_file(tree.outside_fd, "target", target_data);
	FZ_CHECK(fstatat(tree.outside_fd, "target", &tree.target_st, 0) == 0);
	for (size_t k = 0; k < NPRE; k++) {
		if (pre[k].type == S_IFREG)
			put_file(tree.x_fd, pre[k].name, pre[k].data);
		else if (pre[k].type == S_IFLNK)
			FZ_CHECK(symlinkat(pre[k].data, tree.x_fd,
			    pre[k].name) == 0);
		else
			FZ_CHECK(mkdirat(tree.x_fd, pre[k].name, 0755) == 0);
		FZ_CHECK(fstatat(tree.x_fd, pre[k].name, &tree.pre_st[k],
		    AT_SYMLINK_NOFOLLOW) == 0);
	}
	tree.in_fd = openat(tree.root_fd, "in", O_RDWR | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0600);
	tree.out_fd = openat(tree.root_fd, "report", O_RDWR | O_CREAT |
	    O_EXCL | O_CLOEXEC, 0600);
	FZ_CHECK(tree.in_fd >= 0 && tree.out_fd >= 0);
	FZ_CHECK(sigaction(SIGSEGV, NULL, &tree.segv) == 0 &&
	    sigaction(SIGTERM, NULL, &tree.term) == 0);
#ifdef __GLIBC__
	tree.null_fp = fopen("/dev/null", "w");
	FZ_CHECK(tree.null_fp != NULL);
#else
	tree.null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	tree.saved_fd = dup(2);
	FZ_CHECK(tree.null_fd >= 0 && tree.saved_fd >= 0);
#endif
}

/* Whole file NAME in DIRFD into *BUF (grown as needed); its length. */
static size_t
slurp_at(int dirfd, const char *name, uint8_t **buf, size_t *cap)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	size_t len = 0;
	ssize_t r;

	FZ_CHECKF(fd >= 0, "opening %s: %s", name, strerror(errno));
	for (;;) {
		if (len == *cap) {
			*cap = *cap ? 2 * *cap : 65536;
			*buf = realloc(*buf, *cap);
			FZ_CHECK(*buf != NULL);
		}
		r = read(fd, *buf + len, *cap - len);
		FZ_CHECKF(r >= 0, "reading %s: %s", name, strerror(errno));
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	return len;
}

/* Does DIR hold exactly the names in WANT (NULL-terminated)? */
static void
dir_holds(DIR *d, const char *what, const char *const *want)
{
	struct dirent *de;
	size_t n = 0, k;

	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		for (k = 0; want[k] != NULL; k++)
			if (strcmp(de->d_name, want[k]) == 0)
				break;
		FZ_CHECKF(want[k] != NULL, "%s/%s appeared outside the "
		    "extract directory", what, de->d_name);
		n++;
	}
	for (k = 0; want[k] != NULL; k++)
		;
	FZ_CHECKF(n == k, "%s: %zu entries, want %zu", what, n, k);
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    (a->st_mode & S_IFMT) == (b->st_mode & S_IFMT) &&
	    a->st_size == b->st_size && a->st_nlink == b->st_nlink &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Everything outside the new files is as tree_make left it. */
static void
check_untouched(void)
{
	static const char *const root_names[] = {
		"x", "outside", "in", "report", NULL,
	};
	static const char *const outside_names[] = { "target", NULL };
	static uint8_t *buf;
	static size_t cap;
	char link[256];
	struct stat st;
	size_t n;

	dir_holds(tree.root_dir, tree.root, root_names);
	dir_holds(tree.outside_dir, "outside", outside_names);
	FZ_CHECK(fstatat(tree.outside_fd, "target", &st, 0) == 0);
	FZ_CHECKF(same_file(&st, &tree.target_st), "outside/target changed");
	n = slurp_at(tree.outside_fd, "target", &buf, &cap);
	FZ_CHECKF(n == strlen(target_data) && memcmp(buf, target_data, n) == 0,
	    "outside/target was written");
	for (size_t k = 0; k < NPRE; k++) {
		FZ_CHECKF(fstatat(tree.x_fd, pre[k].name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0, "x/%s is gone", pre[k].name);
		FZ_CHECKF(same_file(&st, &tree.pre_st[k]), "x/%s changed",
		    pre[k].name);
		if (pre[k].type == S_IFREG) {
			n = slurp_at(tree.x_fd, pre[k].name, &buf, &cap);
			FZ_CHECKF(n == strlen(pre[k].data) &&
			    memcmp(buf, pre[k].data, n) == 0,
			    "x/%s was written", pre[k].name);
		} else if (pre[k].type == S_IFLNK) {
			ssize_t r = readlinkat(tree.x_fd, pre[k].name, link,
			    sizeof(link));

			FZ_CHECKF(r == (ssize_t)strlen(pre[k].data) &&
			    memcmp(link, pre[k].data, (size_t)r) == 0,
			    "x/%s points elsewhere", pre[k].name);
		}
	}
}

/* ---- The parts, as the parser reports them -------------------------- */

struct ref {
	struct mime_part pt;
	uint64_t hash;
	int want;               /* --extract writes it (a FILE in --list) */
	char base[MIME_FILE_MAX + 1];
};

static struct {
	struct ref *v;
	size_t n, cap;
	int whole;              /* no part damaged or truncated, no notice */
	const struct mail_opts *o;
	uint64_t hash[3];       /* [1], [2]: items, by level (item) */
} refs;

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t k = 0; k < n; k++)
		h = (h ^ s[k]) * UINT64_C(0x100000001b3);
	return h;
}

#define FNV_START UINT64_C(0xcbf29ce484222325)

/*
 * message/partial, modelled apart from mail.c and partial.c: the first
 * parse (GATHERING) keeps each fragment (a leaf, not an item, typed
 * message/partial) with its body; the second makes the references: a
 * fragment 1 of a complete group (a total all that give it agree on,
 * every number 1..total, none beyond) is replaced by the parts of the
 * joined message (first copies, by number), path FRAGMENT.INNER; the
 * other fragments of a complete group give nothing; any other fragment is
 * a damaged part with no file.
 */
/* Enough for any input of the fuzzer's lengths (a fragment takes more
 * than 40 bytes). */
#define FRAGS_MAX 512

struct frag {
	const struct mime_part *pt;     /* (its copy in frags.pt) */
	unsigned char *body;
	size_t len;
};

static struct {
	int gathering;
	int joining;            /* references come from the joined message */
	char prefix[MIME_PATH_MAX];
	struct mime_part pt[FRAGS_MAX];
	struct frag v[FRAGS_MAX];
	size_t n, seen;         /* gathered; met by the second parse */
	unsigned char used[FRAGS_MAX]; /* a complete group already joined */
} frags;

static int
is_frag(const struct mime_part *pt)
{
	return !frags.joining && pt->item == 0 &&
	    strcmp(pt->type, "message/partial") == 0;
}

static int
same_id(const struct mime_part *a, const struct mime_part *b)
{
	return a->partial && b->partial && a->partial_id_len ==
	    b->partial_id_len && memcmp(a->partial_id, b->partial_id,
	    a->partial_id_len) == 0;
}

/* Fragment K's group complete: its fragments' total, else 0. */
static unsigned long
group_complete(size_t k)
{
	unsigned long total = 0, num;
	size_t i;

	if (!frags.v[k].pt->partial)
		return 0;
	for (i = 0; i < frags.n; i++) {
		const struct mime_part *q = frags.v[i].pt;

		if (!same_id(q, frags.v[k].pt) || q->partial_total == 0)
			continue;
		if (total != 0 && q->partial_total != total)
			return 0;
		total = q->partial_total;
	}
	for (i = 0; i < frags.n; i++)
		if (same_id(frags.v[i].pt, frags.v[k].pt) &&
		    frags.v[i].pt->partial_number > total)
			return 0;
	for (num = 1; num <= total; num++) {
		for (i = 0; i < frags.n; i++)
			if (same_id(frags.v[i].pt, frags.v[k].pt) &&
			    frags.v[i].pt->partial_number == num)
				break;
		if (i == frags.n)
			return 0;
	}
	return total;
}

static struct ref *
ref_add(void)
{
	if (refs.n == refs.cap) {
		refs.cap = refs.cap ? 2 * refs.cap : 16;
		refs.v = realloc(refs.v, refs.cap * sizeof(*refs.v));
		FZ_CHECK(refs.v != NULL);
	}
	return &refs.v[refs.n++];
}

static void join_ref(size_t k, unsigned long total);

static int
ref_begin(void *ctx, const struct mime_part *pt)
{
	(void)ctx;
	if (frags.gathering && is_frag(pt) && frags.n < FRAGS_MAX) {
		frags.pt[frags.n] = *pt;
		frags.v[frags.n].pt = &frags.pt[frags.n];
		frags.v[frags.n].body = NULL;
		frags.v[frags.n].len = 0;
	}
	refs.hash[pt->item] = FNV_START;
	return 0;
}

static int
ref_data(void *ctx, const struct mime_part *pt, const unsigned char *buf,
    size_t n)
{
	struct frag *f = &frags.v[frags.n];

	(void)ctx;
	if (frags.gathering && is_frag(pt) && frags.n < FRAGS_MAX) {
		f->body = realloc(f->body, f->len + n);
		FZ_CHECK(f->body != NULL);
		memcpy(f->body + f->len, buf, n);
		f->len += n;
	}
	refs.hash[pt->item] = fnv(refs.hash[pt->item], buf, n);
	return 0;
}

static int
ref_end(void *ctx, const struct mime_part *pt)
{
	struct ref *r;
	unsigned long total;
	size_t k, i;

	(void)ctx;
	if (frags.gathering) {
		if (is_frag(pt)) {
			FZ_CHECKF(frags.n < FRAGS_MAX, "more than %d "
			    "fragments", FRAGS_MAX);
			frags.n++;
		}
		return 0;
	}
	if (is_frag(pt)) {
		k = frags.seen++;
		FZ_CHECK(k < frags.n);
		total = group_complete(k);
		if (total != 0) {
			if (pt->partial_number != 1)
				return 0;
			for (i = 0; i < k; i++)
				if (frags.used[i] && same_id(frags.v[i].pt,
				    pt))
					return 0;       /* a second copy */
			frags.used[k] = 1;
			join_ref(k, total);
			return 0;
		}
		r = ref_add();
		r->pt = *pt;
		r->pt.status = MIME_DAMAGED;
		r->hash = 0;
		r->want = 0;
		refs.whole = 0;
		return 0;
	}
	r = ref_add();
	r->pt = *pt;
	if (frags.joining) {
		/* Its path in the input: FRAGMENT.INNER. */
		size_t a = strlen(frags.prefix), b = strlen(pt->path);

		FZ_CHECK(a + 1 + b < sizeof(r->pt.path));
		memcpy(r->pt.path, frags.prefix, a);
		r->pt.path[a] = '.';
		memcpy(r->pt.path + a + (b > 0), pt->path, b + 1);
	}
	r->hash = refs.hash[pt->item];
	/* mail.c's choice (wants_file, and --strict's refusal). */
	r->want = (pt->has_name || pt->attachment || refs.o->all) &&
	    !(refs.o->strict && pt->status == MIME_DAMAGED) &&
	    !pt->container;
	mime_file_name(pt->name, pt->name_len, r->pt.path, pt->type,
	    r->base);
	if (pt->status == MIME_DAMAGED || pt->status == MIME_TRUNCATED)
		refs.whole = 0;
	return 0;
}

static int
ref_notice(void *ctx, enum mime_note note, const char *path, uint64_t line)
{
	(void)ctx;
	(void)path;
	(void)line;
	/* (An unverified signature changes no exit status.) */
	if (note != MIME_NOTE_UNVERIFIED && !frags.gathering)
		refs.whole = 0;
	return 0;
}

static const struct mime_handler ref_handler = {
	NULL, ref_begin, ref_data, ref_end, ref_notice,
};

/* The joined message of fragment K's group, parsed into the references. */
static void
join_ref(size_t k, unsigned long total)
{
	static struct mime_parser jp;
	unsigned long num;
	size_t i;

	snprintf(frags.prefix, sizeof(frags.prefix), "%s",
	    frags.v[k].pt->path);
	frags.joining = 1;
	mime_init(&jp, &ref_handler);
	mime_single(&jp);
	for (num = 1; num <= total; num++)
		for (i = 0; i < frags.n; i++)
			if (same_id(frags.v[i].pt, frags.v[k].pt) &&
			    frags.v[i].pt->partial_number == num) {
				FZ_CHECK(mime_feed(&jp, frags.v[i].body,
				    frags.v[i].len) == MIME_CONTINUE);
				break;
			}
	FZ_CHECK(mime_finish(&jp) == MIME_CONTINUE);
	frags.joining = 0;
}

static void
parse_ref(const uint8_t *msg, size_t n, const struct mail_opts *o)
{
	static struct mime_parser p;
	size_t k;

	refs.n = 0;
	refs.whole = 1;
	refs.o = o;
	for (k = 0; k < frags.n; k++)
		free(frags.v[k].body);
	memset(&frags, 0, sizeof(frags));
	for (frags.gathering = 1; frags.gathering >= 0; frags.gathering--) {
		mime_init(&p, &ref_handler);
		FZ_CHECK(mime_feed(&p, msg, n) == MIME_CONTINUE);
		FZ_CHECK(mime_finish(&p) == MIME_CONTINUE);
	}
	frags.gathering = 0;
}

/* ---- Names taken ------------------------------------------------------ */

/* A set of names: open addressing, reused from run to run. */
static struct {
	const char **v;
	size_t *val;
	size_t cap, n;
} taken;

static size_t
name_hash(const char *s)
{
	return (size_t)fnv(FNV_START, s, strlen(s));
}

static void
taken_clear(size_t want)
{
	if (taken.cap < 4 * want + 64) {
		taken.cap = 1;
		while (taken.cap < 4 * want + 64)
			taken.cap *= 2;
		free(taken.v);
		free(taken.val);
		taken.v = fz_alloc(taken.cap * sizeof(*taken.v));
		taken.val = fz_alloc(taken.cap * sizeof(*taken.val));
	}
	memset(taken.v, 0, taken.cap * sizeof(*taken.v));
	taken.n = 0;
}

/* The slot of S: where it is, or where it would go. */
static size_t
taken_slot(const char *s)
{
	size_t i = name_hash(s) & (taken.cap - 1);

	while (taken.v[i] != NULL && strcmp(taken.v[i], s) != 0)
		i = (i + 1) & (taken.cap - 1);
	return i;
}

static int
taken_has(const char *s, size_t *val)
{
	size_t i = taken_slot(s);

	if (taken.v[i] == NULL)
		return 0;
	if (val != NULL)
		*val = taken.val[i];
	return 1;
}

/* Add S (kept by the caller), with VAL; 0 if it was there already. */
static int
taken_add(const char *s, size_t val)
{
	size_t i = taken_slot(s);

	if (taken.v[i] != NULL)
		return 0;
	FZ_CHECK(2 * (taken.n + 1) < taken.cap);
	taken.v[i] = s;
	taken.val[i] = val;
	taken.n++;
	return 1;
}

/*
 * FILE is the name a part whose own name is BASE must get: BASE if free,
 * else the first numbered one free, every candidate before it taken.
 */
static void
check_numbering(const char *file, const char *base, const char *path)
{
	char cand[MIME_FILE_MAX + 1];

	FZ_CHECKF(!taken_has(file, NULL), "part %s: \"%s\" given twice",
	    path, file);
	if (strcmp(file, base) == 0)
		return;
	FZ_CHECKF(taken_has(base, NULL), "part %s: \"%s\", but \"%s\" is "
	    "free", path, file, base);
	for (unsigned long k = 2;; k++) {
		mime_file_numbered(base, k, cand);
		if (strcmp(cand, file) == 0)
			return;
		FZ_CHECKF(taken_has(cand, NULL), "part %s: \"%s\", but \"%s\" "
		    "is free", path, file, cand);
	}
}

/* ---- Checking a run ------------------------------------------------- */

static char *report;            /* the output, NUL-terminated */
static size_t report_len;

static void
read_report(void)
{
	static uint8_t *buf;
	static size_t cap;
	off_t end = lseek(tree.out_fd, 0, SEEK_END);
	ssize_t r;

	FZ_CHECK(end >= 0);
	if ((size_t)end + 1 > cap) {
		free(buf);
		cap = (size_t)end + 1;
		buf = fz_alloc(cap);
	}
	r = pread(tree.out_fd, buf, (size_t)end, 0);
	FZ_CHECK(r == end);
	buf[end] = 0;
	report = (char *)buf;
	report_len = (size_t)end;
}

/* The next field of *P up to SEP (NUL-terminated in place), or NULL at
 * the end of the line. */
static char *
field(char **p, char *end, char sep)
{
	char *s = *p, *e;

	if (s >= end)
		return NULL;
	e = memchr(s, sep, (size_t)(end - s));
	if (e == NULL)
		e = end;
	*e = '\0';
	*p = e + 1;
	return s;
}

static void
escaped(const void *s, size_t n, char *out, size_t cap)
{
	struct sbuf sb;

	sb_init(&sb, out, cap - 1);
	text_escape(s, n, TEXT_ESC_BACKSLASH | TEXT_ESC_BIDI, &sb);
	FZ_CHECK(!sb.over);
	out[sb.len] = '\0';
}

static void
check_list(int status)
{
	static char want[4 * MIME_NAME_MAX + 8];
	char *p = report, *end = report + report_len, *line_end;
	size_t k;
	char num[32];

	taken_clear(refs.n);
	for (k = 0; k < refs.n && p < end; k++) {
		const struct ref *r = &refs.v[k];
		char *f[8], *q = p;
		size_t nf;

		line_end = memchr(p, '\n', (size_t)(end - p));
		if (line_end == NULL) {
			/* Cut by a failed write of the output. */
			FZ_CHECKF(sim.fired, "listing line %zu unterminated",
			    k + 1);
			break;
		}
		*line_end = '\0';
		for (nf = 0; nf < 8 && (f[nf] = field(&q, line_end, '\t')) !=
		    NULL; nf++)
			;
		FZ_CHECKF(nf == 7, "listing line %zu: %zu fields", k + 1, nf);
		FZ_CHECKF(strcmp(f[0], r->pt.path) == 0, "line %zu: path %s, "
		    "want %s", k + 1, f[0], r->pt.path);
		FZ_CHECKF(strcmp(f[1], r->pt.type) == 0 &&
		    strcmp(f[2], r->pt.encoding) == 0, "part %s: type or "
		    "encoding", r->pt.path);
		snprintf(num, sizeof(num), "%llu",
		    (unsigned long long)r->pt.size);
		FZ_CHECKF(strcmp(f[3], num) == 0, "part %s: size %s, want %s",
		    r->pt.path, f[3], num);
		FZ_CHECKF(strcmp(f[4], mime_status_name(r->pt.status)) == 0,
		    "part %s: status", r->pt.path);
		if (r->pt.has_name && r->pt.name_len > 0)
			escaped(r->pt.name, r->pt.name_len, want,
			    sizeof(want));
		else
			strcpy(want, "-");
		FZ_CHECKF(strcmp(f[5], want) == 0, "part %s: NAME \"%s\", "
		    "want \"%s\"", r->pt.path, f[5], want);
		if (!r->want) {
			FZ_CHECKF(strcmp(f[6], "-") == 0, "part %s: FILE %s "
			    "for a part --extract does not write",
			    r->pt.path, f[6]);
		} else {
			/* File names need no escapes (name.h): FILE is the
			 * name itself. */
			escaped(f[6], strlen(f[6]), want, sizeof(want));
			FZ_CHECKF(strcmp(f[6], want) == 0 && f[6][0] != '\0' &&
			    strchr(f[6], '/') == NULL, "part %s: FILE \"%s\"",
			    r->pt.path, f[6]);
			check_numbering(f[6], r->base, r->pt.path);
			taken_add(f[6], k);
		}
		p = line_end + 1;
	}
	if (!sim.fired)
		FZ_CHECKF(k == refs.n && p == end, "listing: %zu of %zu parts%s",
		    k, refs.n, p == end ? "" : ", then more");
	else
		FZ_CHECKF(status == 1, "exit status %d after a fault", status);
}

/* A file of x the run created. */
struct newfile {
	char name[MIME_FILE_MAX + 1];
	size_t report;          /* its entry in the report; SIZE_MAX none */
};

static void
check_extract(int status, const struct mail_opts *o)
{
	static struct newfile *nv;
	static size_t ncap;
	static const char **rv;         /* report entries: FILE names */
	static size_t rcap;
	static uint8_t *buf;
	static size_t bcap;
	size_t nnew = 0, nrep = 0, dlen = strlen(tree.x), k, w;
	char sep = o->nul ? '\0' : '\n';
	char *p = report, *end = report + report_len;
	struct dirent *de;

	/* The report: "X/FILE" entries. */
	while (p < end) {
		char *e = memchr(p, sep, (size_t)(end - p));

		if (e == NULL) {
			/* Cut by a failed write of the output. */
			FZ_CHECKF(sim.fault == F_OUTPUT && sim.fired,
			    "unterminated report entry");
			break;
		}
		*e = '\0';
		FZ_CHECKF((size_t)(e - p) > dlen + 1 &&
		    memcmp(p, tree.x, dlen) == 0 && p[dlen] == '/' &&
		    strchr(p + dlen + 1, '/') == NULL, "report entry \"%s\"",
		    p);
		if (nrep == rcap) {
			rcap = rcap ? 2 * rcap : 64;
			rv = realloc(rv, rcap * sizeof(*rv));
			FZ_CHECK(rv != NULL);
		}
		rv[nrep++] = p + dlen + 1;
		p = e + 1;
	}

	/* Names taken before the run; then the report's, in order, each
	 * one the name its part must get. */
	taken_clear(NPRE + nrep);
	for (k = 0; k < NPRE; k++)
		taken_add(pre[k].name, SIZE_MAX);
	w = 0;
	for (k = 0; k < nrep; k++) {
		while (w < refs.n && !refs.v[w].want)
			w++;
		FZ_CHECKF(w < refs.n, "%zu files reported, more than the "
		    "parts to write", nrep);
		check_numbering(rv[k], refs.v[w].base, refs.v[w].pt.path);
		taken_add(rv[k], w);
		w++;
	}
	if (!sim.fired) {
		while (w < refs.n && !refs.v[w].want)
			w++;
		FZ_CHECKF(w == refs.n, "part %s has no file",
		    refs.v[w].pt.path);
	} else {
		FZ_CHECKF(status == 1, "exit status %d after a fault", status);
	}

	/* The directory: the old entries, the files reported, nothing
	 * else (no temporary names). */
	rewinddir(tree.x_dir);
	while ((de = readdir(tree.x_dir)) != NULL) {
		struct stat st;
		size_t part;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		FZ_CHECKF(strncmp(de->d_name, ".base64-", 8) != 0,
		    "temporary file x/%s left behind", de->d_name);
		if (taken_has(de->d_name, &part) && part == SIZE_MAX)
			continue;       /* one of the old entries */
		if (nnew == ncap) {
			ncap = ncap ? 2 * ncap : 64;
			nv = realloc(nv, ncap * sizeof(*nv));
			FZ_CHECK(nv != NULL);
		}
		FZ_CHECKF(strlen(de->d_name) <= MIME_FILE_MAX, "x/%s",
		    de->d_name);
		strcpy(nv[nnew].name, de->d_name);
		nv[nnew].report = SIZE_MAX;
		FZ_CHECK(fstatat(tree.x_fd, de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0);
		FZ_CHECKF(S_ISREG(st.st_mode) && st.st_nlink == 1,
		    "x/%s: mode 0%o, %lu links", de->d_name,
		    (unsigned)st.st_mode, (unsigned long)st.st_nlink);
		if (taken_has(de->d_name, &part)) {
			const struct ref *r = &refs.v[part];
			size_t n = slurp_at(tree.x_fd, de->d_name, &buf, &bcap);

			nv[nnew].report = part;
			FZ_CHECKF(n == r->pt.size &&
			    fnv(FNV_START, buf, n) == r->hash,
			    "x/%s: %zu bytes, not part %s's %llu", de->d_name,
			    n, r->pt.path, (unsigned long long)r->pt.size);
		} else {
			/* Only a failed output leaves files unreported. */
			FZ_CHECKF(sim.fault == F_OUTPUT && sim.fired,
			    "x/%s created, not reported", de->d_name);
		}
		nnew++;
	}
	for (k = 0; k < nrep; k++) {
		size_t j;

		for (j = 0; j < nnew; j++)
			if (strcmp(nv[j].name, rv[k]) == 0)
				break;
		FZ_CHECKF(j < nnew, "x/%s reported, not there", rv[k]);
	}
	for (k = 0; k < nnew; k++)
		FZ_CHECKF(unlinkat(tree.x_fd, nv[k].name, 0) == 0,
		    "removing x/%s: %s", nv[k].name, strerror(errno));
}

/* ---- One input -------------------------------------------------------- */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned c = fz_u8(&in), b1 = fz_u8(&in), b2 = fz_u8(&in);
	struct mail_opts o;
	struct source src;
	int list = c & 1, status;
	static int verbose;

	if (tree.root[0] == '\0') {
		const char *e = getenv("FUZZ_MAIL_VERBOSE");

		verbose = e != NULL && *e != '\0' && strcmp(e, "0") != 0;
		tree_make();
		for (int k = 0; k < MAX_OPEN; k++)
			sim.open[k].fd = -1;
	}
	memset(&o, 0, sizeof(o));
	o.all = (c >> 1) & 1;
	o.strict = (c >> 2) & 1;
	o.nul = (c >> 3) & 1;
	sim.no_tmpfile = (c >> 4) & 1;
	sim.fault = (enum fault)(c >> 5);
	sim.which = b1;
	sim.limit = (uint64_t)b2 * 16;
	sim.fired = 0;
	sim.created = 0;
	sim.links = 0;
	sim.out_fd = tree.out_fd;
	sim.out_len = 0;
	sim.rng.s = fnv(FNV_START, data, size < 16 ? size : 16);
	fz_note("mail: %s%s%s%s%s, fault %u at %u/%u, %zu bytes; tree %s",
	    list ? "--list" : "--extract", o.all ? " --all" : "",
	    o.strict ? " --strict" : "", o.nul ? " -z" : "",
	    sim.no_tmpfile ? ", no O_TMPFILE" : "", (unsigned)sim.fault, b1,
	    b2, in.n, tree.root);

	parse_ref(in.p, in.n, &o);

	FZ_CHECK(ftruncate(tree.in_fd, 0) == 0 &&
	    pwrite(tree.in_fd, in.p, in.n, 0) == (ssize_t)in.n &&
	    lseek(tree.in_fd, 0, SEEK_SET) == 0);
	FZ_CHECK(ftruncate(tree.out_fd, 0) == 0 &&
	    lseek(tree.out_fd, 0, SEEK_SET) == 0);
	source_from_fd(&src, tree.in_fd);

#ifdef __GLIBC__
	{
		FILE *saved = stderr;

		stderr = tree.null_fp;
		sim.active = 1;
		status = list ? mail_list(&src, tree.out_fd, &o) :
		    mail_extract(&src, tree.x, tree.out_fd, &o);
		sim.active = 0;
		stderr = saved;
	}
#else
	fflush(stderr);
	dup2(tree.null_fd, 2);
	sim.active = 1;
	status = list ? mail_list(&src, tree.out_fd, &o) :
	    mail_extract(&src, tree.x, tree.out_fd, &o);
	sim.active = 0;
	fflush(stderr);
	dup2(tree.saved_fd, 2);
#endif
	for (int k = 0; k < MAX_OPEN; k++)
		FZ_CHECKF(sim.open[k].fd < 0, "file %u left open",
		    sim.open[k].num);
	/* The run installed no signal handler (else the wraps above miss
	 * a call: libFuzzer's and the sanitizers' handlers would be gone). */
	{
		struct sigaction now;

		FZ_CHECK(sigaction(SIGSEGV, NULL, &now) == 0);
		FZ_CHECKF(now.sa_handler == tree.segv.sa_handler,
		    "a handler for SIGSEGV was installed");
		FZ_CHECK(sigaction(SIGTERM, NULL, &now) == 0);
		FZ_CHECKF(now.sa_handler == tree.term.sa_handler,
		    "a handler for SIGTERM was installed");
	}

	FZ_CHECKF(status == 0 || status == 1 || status == 2, "exit status %d",
	    status);
	if (status == 0)
		FZ_CHECKF(refs.whole, "exit status 0 with a damaged part");
	read_report();
	if (verbose) {
		fprintf(stderr, "%s: exit %d, %zu parts%s; output:\n",
		    fz_context(), status, refs.n,
		    sim.fired ? ", the fault struck" : "");
		for (size_t k = 0; k < report_len; k++)
			fputc(report[k] ? report[k] : '\n', stderr);
	}
	if (list)
		check_list(status);
	else
		check_extract(status, &o);
	check_untouched();
	return 0;
}
