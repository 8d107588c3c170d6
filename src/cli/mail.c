/*
 * mail.c - the e-mail options over the MIME library (mail.h).
 *
 * Files are written safely whatever the message says: the library gives
 * a single path component that is not "." or ".."; it is created inside
 * DIR through a descriptor (DIR itself is opened by the kernel, as the
 * shell would), by safefile.c: unnamed, or under a hidden temporary name,
 * and published under its name only when complete, so a file appears
 * whole or not at all.  Publishing never follows or replaces an existing
 * name, symlinks included: a taken name gets the next number
 * ("invoice-2.pdf").
 *
 * message/partial fragments (RFC 2046 5.2.2) are joined across all the
 * inputs: the inputs are read once, listed and extracted as they come,
 * until a first fragment is met; from there on they are only read to
 * gather the fragments (partial.h); then they are read again from the
 * input where the first fragment was, its events up to that fragment
 * passed over (the parser gives the same events every time).  An input
 * that cannot be read again (a pipe, a terminal) is copied into a
 * scratch file as it is first read.  The whole message of a complete
 * group takes the place of its fragment 1, listed and extracted as a
 * message/rfc822 part there would be (paths FRAGMENT.1, FRAGMENT.2 ...);
 * the other fragments of the group give nothing.  The fragments of an incomplete group are listed,
 * damaged, never extracted, and one diagnostic per group says what is
 * missing (exit 2).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "ew.h"
#include "io.h"
#include "mail.h"
#include "mime.h"
#include "name.h"
#include "partial.h"
#include "safefile.h"
#include "sink.h"
#include "source.h"
#include "text.h"

#define NUMBER_MAX 100000       /* numbered names tried before giving up */

/*
 * A buffered writer: the listing's and --decode-header's output, and the
 * file --extract is writing.  The first write that fails is reported,
 * once, by REPORT (with its errno), and nothing more is written.
 */
struct writer {
	int fd;
	int failed;
	size_t len, cap;
	char *buf;
	void (*report)(void *ctx, int err);
	void *ctx;
};

static void
wr_init(struct writer *w, int fd, char *buf, size_t cap,
    void (*report)(void *, int), void *ctx)
{
	w->fd = fd;
	w->failed = 0;
	w->len = 0;
	w->cap = cap;
	w->buf = buf;
	w->report = report;
	w->ctx = ctx;
}

/* Write N bytes at S now; 0, or -1 once a write has failed. */
static int
wr_write(struct writer *w, const void *s, size_t n)
{
	if (w->failed)
		return -1;
	if (io_write_all(w->fd, s, n) != 0) {
		w->failed = 1;
		w->report(w->ctx, errno);
		return -1;
	}
	return 0;
}

static int
wr_flush(struct writer *w)
{
	size_t n = w->len;

	w->len = 0;
	return wr_write(w, w->buf, n);
}

static int
wr_put(struct writer *w, const void *s, size_t n)
{
	const char *c = s;
	size_t k;

	if (w->failed)
		return -1;
	if (w->len == 0 && n >= w->cap / 8)
		return wr_write(w, s, n);       /* no copy needed */
	while (n > 0) {
		if (w->len == w->cap && wr_flush(w) != 0)
			return -1;
		k = w->cap - w->len;
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, c, k);
		w->len += k;
		c += k;
		n -= k;
	}
	return 0;
}

static void
wr_puts(struct writer *w, const char *s)
{
	(void)wr_put(w, s, strlen(s));
}

/* REPORT for the listing and --decode-header's output. */
static void
output_failed(void *ctx, int err)
{
	(void)ctx;
	diag(err, "write error");
}

/*
 * File names handed out so far, each with the next number to try for a
 * duplicate, so that many parts of one name cost linear time: a hash
 * table with open addressing, grown at half full.
 */
struct name_ent {
	char *name;
	unsigned long next;
};

struct names {
	struct name_ent *v;
	size_t n, cap;          /* cap: 0 or a power of two */
};

static size_t
names_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static struct name_ent *
names_find(const struct names *t, const char *s)
{
	size_t i;

	if (t->cap == 0)
		return NULL;
	for (i = names_hash(s) & (t->cap - 1); t->v[i].name != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->v[i].name, s) == 0)
			return &t->v[i];
	return NULL;
}

static struct name_ent *
names_put(struct names *t, char *s, unsigned long next)
{
	size_t i;

	for (i = names_hash(s) & (t->cap - 1); t->v[i].name != NULL;
	    i = (i + 1) & (t->cap - 1))
		;
	t->v[i].name = s;
	t->v[i].next = next;
	t->n++;
	return &t->v[i];
}

/* Add S (not present); its entry, or NULL when out of memory. */
static struct name_ent *
names_add(struct names *t, const char *s)
{
	struct names bigger;
	char *copy;
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		bigger.cap = t->cap ? 2 * t->cap : 64;
		bigger.n = 0;
		bigger.v = calloc(bigger.cap, sizeof(*bigger.v));
		if (bigger.v == NULL)
			return NULL;
		for (i = 0; i < t->cap; i++)
			if (t->v[i].name != NULL)
				names_put(&bigger, t->v[i].name,
				    t->v[i].next);
		free(t->v);
		*t = bigger;
	}
	copy = strdup(s);
	if (copy == NULL)
		return NULL;
	return names_put(t, copy, 2);
}

static void
names_free(struct names *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->v[i].name);
	free(t->v);
}

struct mail {
	const struct mail_opts *o;
	struct writer out;
	char out_buf[8192];
	int extract;
	const char *dir;
	struct sf_dir dirf;     /* DIR, and how new files are made in it */
	int error;              /* exit 1 */
	int damaged;            /* exit 2 */
	int any_mime;
	const char *input;      /* the operand read, when there are several */
	struct names names;
	struct partials ps;     /* message/partial fragments */
	/* What the events of the outer parser are for (mail.c's first
	 * comment): M_WORK listing and extracting, M_GATHER gathering
	 * fragments, M_SKIP passing over the first SKIP events of an input
	 * read again. */
	enum { M_WORK, M_GATHER, M_SKIP } mode;
	unsigned long events;   /* events (begin, end, notice) of the input */
	unsigned long skip;
	size_t leaf;            /* inputs met (operands, a maildir's entries),
				 * opened or not: numbered alike in both
				 * passes */
	unsigned long leaf_count;       /* messages before the input */
	size_t at_leaf;         /* M_GATHER after the first pass: a fragment
				 * was met, read again from this input */
	unsigned long at_event; /* ... this event of it */
	unsigned long at_count; /* ... numbering on from this */
	int copy_err;           /* errno of a failed scratch copy */
	enum { FRAG_NONE, FRAG_SKIP, FRAG_JOIN, FRAG_BAD } frag;
	size_t fg, fn;          /* the open fragment's group */
	int frag_report;        /* FRAG_BAD: say why (once per group) */
	int joining;            /* parsing a joined message */
	int join_stop;          /* ... and a callback stopped it */
	struct mime_parser *joiner;
	char jprefix[MIME_PATH_MAX];
	struct mime_part jp;    /* a part of it, its path made whole */
	/* the part being read, and the files inside it, up to two levels
	 * (mime_part.item: a uuencoded block, a file in TNEF, a part of
	 * S/MIME signed data and a file inside that) */
	struct slot {
		struct mail *m;
		int want;               /* it gets a FILE */
		char file[MIME_FILE_MAX + 1];
		struct writer w;        /* extract: to the new file (fd -1) */
		struct safefile f;      /* the new file */
		char w_buf[1 << 17];
	} s[3];
};

/* REPORT for the part's file. */
static void
file_failed(void *ctx, int err)
{
	struct slot *sl = ctx;

	diag(err, "%s/%s", sl->m->dir, sl->file);
	sl->m->error = 1;
}

/* The slot of PT: by its level (mime_part.item). */
static struct slot *
slot_of(struct mail *m, const struct mime_part *pt)
{
	return &m->s[pt->item >= 0 && pt->item < 3 ? pt->item : 2];
}

static int
wants_file(const struct mail *m, const struct mime_part *pt)
{
	return pt->has_name || pt->attachment || m->o->all;
}

/* The name --list shows: numbered against the names given so far
 * (--extract numbers them as it writes them: publish()). */
static int
list_name(struct mail *m, struct slot *sl)
{
	char numbered[MIME_FILE_MAX + 1];
	struct name_ent *e;
	unsigned long k;

	e = names_find(&m->names, sl->file);
	if (e != NULL) {
		memcpy(numbered, sl->file, sizeof(numbered));
		for (k = e->next; k < NUMBER_MAX; k++) {
			mime_file_numbered(sl->file, k, numbered);
			if (names_find(&m->names, numbered) == NULL)
				break;
		}
		e->next = k + 1;
		memcpy(sl->file, numbered, sizeof(numbered));
	}
	if (names_add(&m->names, sl->file) == NULL) {
		diag(ENOMEM, "listing");
		m->error = 1;
		return -1;
	}
	return 0;
}

/* Give up the part's file: it never appears. */
static void
drop_file(struct slot *sl)
{
	sf_abort(&sl->f);
	sl->w.fd = -1;
}

/*
 * Give the finished file its name: the first free one of NAME, NAME-2,
 * NAME-3 ... (starting after the last number this run gave NAME).  The
 * descriptor stays open until then (O_TMPFILE links through /proc).
 */
static int
publish(struct mail *m, struct slot *sl)
{
	char name[MIME_FILE_MAX + 1];
	struct name_ent *e;
	unsigned long k;
	int err = EEXIST;

	e = names_find(&m->names, sl->file);
	for (k = e != NULL ? e->next : 1; k <= NUMBER_MAX; k++) {
		if (k == 1)
			memcpy(name, sl->file, sizeof(name));
		else
			mime_file_numbered(sl->file, k, name);
		err = sf_publish(&sl->f, name);
		if (err != EEXIST)
			break;
	}
	if (err != 0) {
		errno = err;
		return -1;
	}
	if (e == NULL)
		e = names_add(&m->names, sl->file);
	if (e != NULL)          /* (only a hint: no harm if memory ran out) */
		e->next = k + 1 > 2 ? k + 1 : 2;
	memcpy(sl->file, name, sizeof(name));
	sl->w.fd = -1;
	err = sf_close(&sl->f);
	if (err != 0) {
		/* The data may not have reached the disk: take it back. */
		unlinkat(m->dirf.fd, name, 0);
		errno = err;
		return -1;
	}
	return 0;
}

static int is_fragment(const struct mail *m, const struct mime_part *pt);
static void frag_begin(struct mail *m, const struct mime_part *pt);
static int frag_end(struct mail *m, struct slot *sl,
    const struct mime_part *pt);

static int
on_begin(void *ctx, const struct mime_part *pt)
{
	struct mail *m = ctx;
	struct slot *sl = slot_of(m, pt);

	wr_init(&sl->w, -1, sl->w_buf, sizeof(sl->w_buf), file_failed, sl);
	sl->want = 0;
	if (is_fragment(m, pt)) {
		frag_begin(m, pt);
		return 0;
	}
	sl->want = wants_file(m, pt);
	if (!sl->want)
		return 0;
	mime_file_name(pt->name, pt->name_len, pt->path, pt->type, sl->file);
	if (!m->extract)
		return 0;       /* numbered at its end (on_end) */
	errno = sf_create(&sl->f, &m->dirf, 0666);
	if (errno != 0) {
		diag(errno, "%s", quote_file(m->dir));
		m->error = 1;
		return 1;
	}
	sl->w.fd = sl->f.fd;
	return 0;
}

static int
on_data(void *ctx, const struct mime_part *pt, const unsigned char *buf,
    size_t n)
{
	struct mail *m = ctx;
	struct slot *sl = slot_of(m, pt);

	if (sl->w.fd < 0)
		return 0;
	return wr_put(&sl->w, buf, n) != 0;
}

/* "FILE: " before a diagnostic that gives a line, when several operands
 * are read (the line is the operand's). */
static const char *
in_file(const struct mail *m)
{
	static char buf[4096 + 3];

	if (m->input == NULL)
		return "";
	(void)snprintf(buf, sizeof(buf), "%s: ", quote_file(m->input));
	return buf;
}

static void
report_damage(struct mail *m, const struct mime_part *pt)
{
	if (pt->status == MIME_TRUNCATED) {
		diag(0, "%spart %s: truncated: the input ends inside it",
		    in_file(m), pt->path);
		m->damaged = 1;
	} else if (pt->status == MIME_DAMAGED) {
		diag(0, "%spart %s: %s at line %" PRIu64 ", column %" PRIu64
		    "%s", in_file(m), pt->path, mime_damage_name(pt->damage),
		    pt->damage_line, pt->damage_col, m->joining ?
		    " of the joined message/partial" : "");
		m->damaged = 1;
	}
}

static void
list_line(struct mail *m, struct slot *sl, const struct mime_part *pt)
{
	unsigned char buf[4 * MIME_NAME_MAX + 8];
	char num[32];
	struct sbuf sb;

	wr_puts(&m->out, pt->path);
	wr_puts(&m->out, "\t");
	wr_puts(&m->out, pt->type);
	wr_puts(&m->out, "\t");
	wr_puts(&m->out, pt->encoding);
	snprintf(num, sizeof(num), "\t%" PRIu64 "\t", pt->size);
	wr_puts(&m->out, num);
	wr_puts(&m->out, mime_status_name(pt->status));
	wr_puts(&m->out, "\t");
	if (pt->has_name && pt->name_len > 0) {
		sb_init(&sb, buf, sizeof(buf));
		text_escape(pt->name, pt->name_len,
		    TEXT_ESC_BACKSLASH | TEXT_ESC_BIDI, &sb);
		(void)wr_put(&m->out, sb.p, sb.len);
	} else {
		wr_puts(&m->out, "-");
	}
	wr_puts(&m->out, "\t");
	if (sl->want) {
		sb_init(&sb, buf, sizeof(buf));
		text_escape((const unsigned char *)sl->file, strlen(sl->file),
		    TEXT_ESC_BACKSLASH | TEXT_ESC_BIDI, &sb);
		(void)wr_put(&m->out, sb.p, sb.len);
	} else {
		wr_puts(&m->out, "-");
	}
	wr_puts(&m->out, "\n");
}

static int
on_end(void *ctx, const struct mime_part *pt)
{
	struct mail *m = ctx;
	struct slot *sl = slot_of(m, pt);

	if (pt->in_mime)
		m->any_mime = 1;
	if (is_fragment(m, pt))
		return frag_end(m, sl, pt);
	/* A TNEF stream whose files could be had is not written. */
	if (pt->container && sl->want) {
		sl->want = 0;
		drop_file(sl);
	}
	/* (The name may have come with the data: a uuencoded part's
	 * begin line.) */
	if (sl->want)
		mime_file_name(pt->name, pt->name_len, pt->path, pt->type,
		    sl->file);
	report_damage(m, pt);
	if (!m->extract) {
		/* --list exits, and names files, as --extract would: a part
		 * --strict refuses has no file and leaves its name free. */
		if (m->o->strict && sl->want && pt->status == MIME_DAMAGED) {
			m->error = 1;
			sl->want = 0;
		}
		if (sl->want && list_name(m, sl) != 0)
			return 1;
		list_line(m, sl, pt);
		return m->out.failed;
	}
	if (sl->w.fd < 0)
		return 0;
	if (wr_flush(&sl->w) != 0) {
		drop_file(sl);
		return 1;
	}
	if (m->o->strict && pt->status == MIME_DAMAGED) {
		diag(0, "part %s: not written (--strict)", pt->path);
		drop_file(sl);
		m->error = 1;
		return 0;
	}
	if (publish(m, sl) != 0) {
		diag(errno, "%s/%s", m->dir, sl->file);
		drop_file(sl);
		m->error = 1;
		return 1;
	}
	wr_puts(&m->out, m->dir);
	wr_puts(&m->out, "/");
	wr_puts(&m->out, sl->file);
	(void)wr_put(&m->out, m->o->nul ? "" : "\n", 1);
	return m->out.failed;
}

static int
on_notice(void *ctx, enum mime_note note, const char *path, uint64_t line)
{
	struct mail *m = ctx;

	if (note == MIME_NOTE_NO_BOUNDARY) {
		diag(0, "%s%s%s: multipart boundary never appears (line %"
		    PRIu64 ")", in_file(m), path[0] ? "part " : "message",
		    path, line);
		m->damaged = 1;
		m->any_mime = 1;        /* a multipart is MIME structure */
	} else if (note == MIME_NOTE_UNVERIFIED) {
		/* Said once per part; the exit status stays. */
		diag(0, "%spart %s: S/MIME signed data unwrapped; its "
		    "signature was not verified", in_file(m), path);
	} else {
		diag(0, "%snot a mail message (line %" PRIu64 ")",
		    in_file(m), line);
		m->error = 1;
	}
	return 0;
}


/* ---- message/partial ----------------------------------------------- */

/* A message/partial leaf (not an item inside a part). */
static int
partial_leaf(const struct mime_part *pt)
{
	return pt->item == 0 && strcmp(pt->type, "message/partial") == 0;
}

/* A fragment, once they are gathered (one inside a joined message is a
 * plain part: fragments are joined one level deep). */
static int
is_fragment(const struct mail *m, const struct mime_part *pt)
{
	return m->ps.done != NULL && !m->joining && partial_leaf(pt);
}

static void
frag_begin(struct mail *m, const struct mime_part *pt)
{
	long g = -1;

	m->frag = FRAG_BAD;
	m->frag_report = 1;
	m->fn = 0;              /* (stays 0: no group to say anything of) */
	if (pt->partial)
		g = partials_group(&m->ps, pt->partial_id,
		    pt->partial_id_len, &m->fn);
	if (g < 0)
		return;         /* no id, or not gathered */
	m->fg = (size_t)g;
	m->frag_report = !m->ps.done[g];
	if (partials_complete(&m->ps, m->fg, m->fn))
		m->frag = pt->partial_number == 1 && !m->ps.done[g] ?
		    FRAG_JOIN : FRAG_SKIP;
	if (m->frag != FRAG_SKIP)
		m->ps.done[g] = 1;
}

/* PATH inside the joined message as a path of the input, from where its
 * fragment 1 is, into OUT (MIME_PATH_MAX bytes; kept as it is in the
 * unlikely case that both do not fit). */
static void
join_path(const struct mail *m, const char *path, char *out)
{
	size_t a = strlen(m->jprefix), b = strlen(path);

	if (a + 1 + b < MIME_PATH_MAX) {
		memmove(out + a + (b > 0), path, b + 1);
		memcpy(out, m->jprefix, a);
		if (b > 0)
			out[a] = '.';
	} else if (out != path) {
		memcpy(out, path, b + 1);
	}
}

static const struct mime_part *
joined_part(struct mail *m, const struct mime_part *pt)
{
	memcpy(&m->jp, pt, sizeof(m->jp));
	join_path(m, m->jp.path, m->jp.path);
	return &m->jp;
}

static int
join_begin(void *ctx, const struct mime_part *pt)
{
	return on_begin(ctx, joined_part(ctx, pt));
}

static int
join_end(void *ctx, const struct mime_part *pt)
{
	return on_end(ctx, joined_part(ctx, pt));
}

static int
join_notice(void *ctx, enum mime_note note, const char *path, uint64_t line)
{
	char full[MIME_PATH_MAX];

	join_path(ctx, path, full);
	return on_notice(ctx, note, full, line);
}

static int
join_feed(void *ctx, const unsigned char *buf, size_t n)
{
	struct mail *m = ctx;

	if (mime_feed(m->joiner, buf, n) == MIME_CONTINUE)
		return 0;
	m->join_stop = 1;
	return 1;
}

/* The whole message of the open fragment's group, parsed here. */
static int
join(struct mail *m, const struct mime_part *pt)
{
	struct mime_handler h = { m, join_begin, on_data, join_end,
		join_notice };

	if (m->joiner == NULL &&
	    (m->joiner = malloc(sizeof(*m->joiner))) == NULL) {
		diag(ENOMEM, "message/partial");
		m->error = 1;
		return 1;
	}
	mime_init(m->joiner, &h);
	mime_single(m->joiner);
	memcpy(m->jprefix, pt->path, sizeof(m->jprefix));
	m->joining = 1;
	m->join_stop = 0;
	if (partials_read(&m->ps, m->fg, m->fn, join_feed, m) == 0) {
		mime_finish(m->joiner);
	} else if (!m->join_stop) {
		diag(errno, "message/partial: scratch file");
		m->error = 1;
	}
	mime_release(m->joiner);
	m->joining = 0;
	return m->join_stop;
}

static int
frag_end(struct mail *m, struct slot *sl, const struct mime_part *pt)
{
	unsigned char id[4 * MIME_PARTIAL_ID_MAX + 1];
	char why[256];
	struct mime_part bad;
	struct sbuf sb;
	int kind = m->frag;

	m->frag = FRAG_NONE;
	if (kind == FRAG_JOIN)
		return join(m, pt);
	if (kind == FRAG_SKIP)
		return 0;
	if (m->frag_report) {
		if (!pt->partial) {
			diag(0, "%spart %s: message/partial without an id (of "
			    "at most %d bytes) and a number (1 to %d); not "
			    "joined", in_file(m), pt->path,
			    MIME_PARTIAL_ID_MAX, MIME_PARTIAL_MAX);
		} else {
			sb_init(&sb, id, sizeof(id) - 1);
			text_escape((const unsigned char *)pt->partial_id,
			    pt->partial_id_len, TEXT_ESC_BACKSLASH |
			    TEXT_ESC_BIDI, &sb);
			id[sb.len] = '\0';
			if (m->fn == 0)
				(void)snprintf(why, sizeof(why), "not gathered "
				    "(more than %d fragments)", PARTIALS_MAX);
			else
				partials_why(&m->ps, m->fg, m->fn, why,
				    sizeof(why));
			diag(0, "%spart %s: message/partial id \"%s\": %s; "
			    "not joined", in_file(m), pt->path, id, why);
		}
	}
	m->damaged = 1;
	if (m->extract)
		return 0;
	memcpy(&bad, pt, sizeof(bad));
	bad.status = MIME_DAMAGED;
	list_line(m, sl, &bad);
	return m->out.failed;
}

/* An event (a part's begin or end, a notice) of the input being read:
 * what it is for (M_WORK, M_GATHER or M_SKIP). */
static int
route(struct mail *m)
{
	if (m->mode == M_SKIP && m->events >= m->skip)
		m->mode = M_WORK;
	m->events++;
	return m->mode;
}

/* The outer parser's handler. */
static int
d_begin(void *ctx, const struct mime_part *pt)
{
	struct mail *m = ctx;

	if (m->mode == M_WORK && m->ps.done == NULL && partial_leaf(pt)) {
		/* The first fragment: gather from here on, then read again
		 * from here. */
		m->mode = M_GATHER;
		m->at_leaf = m->leaf;
		m->at_event = m->events;
		m->at_count = m->leaf_count;
	}
	switch (route(m)) {
	case M_WORK:
		return on_begin(ctx, pt);
	case M_GATHER:
		if (partial_leaf(pt) && pt->partial)
			(void)partials_begin(&m->ps, pt->partial_id,
			    pt->partial_id_len, pt->partial_number,
			    pt->partial_total);
		break;
	}
	return 0;
}

static int
d_data(void *ctx, const struct mime_part *pt, const unsigned char *buf,
    size_t n)
{
	struct mail *m = ctx;

	if (m->mode == M_WORK)
		return on_data(ctx, pt, buf, n);
	if (m->mode == M_GATHER && pt->item == 0)
		(void)partials_add(&m->ps, buf, n);
	return 0;
}

static int
d_end(void *ctx, const struct mime_part *pt)
{
	struct mail *m = ctx;

	switch (route(m)) {
	case M_WORK:
		return on_end(ctx, pt);
	case M_GATHER:
		if (pt->item == 0)
			partials_end(&m->ps);
		break;
	}
	return 0;
}

static int
d_notice(void *ctx, enum mime_note note, const char *path, uint64_t line)
{
	struct mail *m = ctx;

	if (route(m) == M_WORK)
		return on_notice(ctx, note, path, line);
	return 0;
}

/* A pass over the inputs; AGAIN: the second, from where the first
 * fragment was met. */
struct pass {
	struct mime_parser *p;
	int again;
	unsigned long count;    /* messages so far */
};

/* Whether what fails now is left for the second pass to say. */
static int
quiet(const struct mail *m)
{
	return m->mode == M_GATHER;
}

/* Whether the next input is passed over: the second pass begins at the
 * input where the first fragment was. */
static int
passed_over(struct mail *m, const struct pass *ps)
{
	if (!ps->again || m->leaf >= m->at_leaf)
		return 0;
	m->leaf++;
	return 1;
}

/*
 * Feed the parser from SRC, copying what is read to TEE (unless -1):
 * 0, or an errno: of a read error or of the copy's write (reported, but
 * a read error that the second pass will meet again).
 */
static int
feed(struct mail *m, struct pass *ps, struct source *src, int tee)
{
	static unsigned char buf[1 << 18];
	size_t r;

	while ((r = source_read(src, buf, sizeof(buf))) > 0) {
		if (tee >= 0 && io_write_all(tee, buf, r) != 0) {
			diag(errno, "temporary copy of the input");
			return errno;
		}
		if (mime_feed(ps->p, buf, r) != MIME_CONTINUE)
			return 0;
	}
	if (src->err != 0) {
		if (!quiet(m) || tee >= 0)
			diag(src->err, "read error");
		return src->err;
	}
	mime_finish(ps->p);
	return 0;
}

/* One input: a message or an mbox, numbered on from the messages before
 * it when NUMBERED (several inputs); TEE: its copy, or -1. */
static void
run_one(struct mail *m, struct pass *ps, struct source *src, int tee,
    int numbered)
{
	const struct mime_handler h = { m, d_begin, d_data, d_end, d_notice };

	m->events = 0;
	if (ps->again && m->leaf == m->at_leaf) {
		m->mode = M_SKIP;
		m->skip = m->at_event;
		ps->count = m->at_count;
	} else if (ps->again) {
		m->mode = M_WORK;       /* (even if the input before changed
					 * and ended before its SKIP events) */
	}
	m->leaf_count = ps->count;
	mime_init(ps->p, &h);
	if (numbered)
		mime_number_from(ps->p, ps->count + 1);
	if (feed(m, ps, src, tee) != 0 && (!quiet(m) || tee >= 0))
		m->error = 1;
	drop_file(&m->s[0]);
	drop_file(&m->s[1]);
	drop_file(&m->s[2]);
	mime_release(ps->p);
	ps->count += mime_messages(ps->p);
	m->leaf++;
}

/*
 * An input that cannot be read again (a pipe, a terminal, a socket): the
 * first pass copies it into a scratch file (*COPY; -2 when none could be
 * made) as it reads it, the second reads that.  Returns the source to
 * read: SRC, one over *COPY (in TMP), or NULL when there is none.
 */
static struct source *
copy_of(struct mail *m, struct pass *ps, struct source *src, int *copy,
    struct source *tmp)
{
	if (!ps->again) {
		if (!src->regular && (*copy = sf_scratch()) < 0) {
			*copy = -2;
			m->copy_err = errno;
		}
		return src;
	}
	if (*copy == -2) {
		diag(m->copy_err, "%s: no temporary copy to read again for "
		    "message/partial", quote_file(src->name != NULL ?
		    src->name : "-"));
		m->error = 1;
		return NULL;
	}
	if (*copy < 0)
		return src;
	if (lseek(*copy, 0, SEEK_SET) != 0) {
		diag(errno, "temporary copy of the input");
		m->error = 1;
		return NULL;
	}
	source_from_fd(tmp, *copy);
	tmp->name = src->name;
	return tmp;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A maildir (a directory holding cur/ and new/; tmp/ holds messages still
 * being delivered and is never read): the regular files in cur/, then
 * new/, each in file name order (bytewise), names starting with '.'
 * skipped.  Neither a link nor anything but a regular file is followed or
 * read.  Memory: the names of one subdirectory.  Returns 0, or 1 when
 * DFD is not a maildir.
 */
static int
run_maildir(struct mail *m, struct pass *ps, const char *dir, int dfd)
{
	static const char *const subs[] = { "cur", "new" };
	char path[4096];
	struct stat st;
	size_t i, k, n, cap;
	char **names;
	DIR *d;
	int sfd, fd, have = 0;
	struct dirent *e;
	struct source src;

	for (k = 0; k < 2; k++)
		if (fstatat(dfd, subs[k], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode))
			have++;
	if (have != 2)
		return 1;
	for (k = 0; k < 2; k++) {
		sfd = openat(dfd, subs[k], O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (sfd < 0 || (d = fdopendir(sfd)) == NULL) {
			if (!quiet(m)) {
				diag(errno, "%s/%s", quote_file(dir), subs[k]);
				m->error = 1;
			}
			if (sfd >= 0)
				close(sfd);
			continue;
		}
		names = NULL;
		n = cap = 0;
		errno = 0;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (n == cap) {
				char **t;

				cap = cap ? 2 * cap : 64;
				t = realloc(names, cap * sizeof(*names));
				if (t == NULL)
					break;
				names = t;
			}
			if ((names[n] = strdup(e->d_name)) == NULL)
				break;
			n++;
			errno = 0;
		}
		if (errno != 0 && !quiet(m)) {
			diag(errno, "%s/%s", quote_file(dir), subs[k]);
			m->error = 1;
		}
		qsort(names, n, sizeof(*names), cmp_names);
		for (i = 0; i < n; i++) {
			if (passed_over(m, ps))
				continue;
			(void)snprintf(path, sizeof(path), "%s/%s/%s", dir,
			    subs[k], names[i]);
			fd = openat(sfd, names[i], O_RDONLY | O_NOFOLLOW |
			    O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
			if (fd < 0 || fstat(fd, &st) != 0 ||
			    !S_ISREG(st.st_mode)) {
				/* A link, a FIFO, a device: not a message
				 * (counted all the same: both passes number
				 * the inputs alike). */
				if (fd < 0 && errno != ELOOP && !quiet(m)) {
					diag(errno, "%s", quote_file(path));
					m->error = 1;
				}
				if (fd >= 0)
					close(fd);
				m->leaf++;
				continue;
			}
			source_from_fd(&src, fd);
			m->input = path;
			run_one(m, ps, &src, -1, 1);
			m->input = NULL;
			close(fd);
		}
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		closedir(d);
	}
	return 0;
}

/* The inputs of a run: one source (SRC), or NFILES operands. */
struct mail_in {
	struct source *src;
	char *const *files;
	size_t nfiles;
};

/* Open operand F, quietly when the second pass will say what fails. */
static int
open_operand(struct mail *m, struct source *src, const char *f)
{
	int fd;

	if (!quiet(m))
		return source_open(src, f);
	fd = strcmp(f, "-") == 0 ? 0 : open(f, O_RDONLY | O_NOCTTY |
	    O_CLOEXEC);
	if (fd < 0)
		return 1;
	source_from_fd(src, fd);
	if (fd != 0)
		src->name = f;
	return 0;
}

/* A pass over the inputs; COPY: a scratch copy per input (-1: none). */
static void
run_pass(struct mail *m, const struct mail_in *in, struct pass *ps,
    int *copy)
{
	struct source src, tmp, *s;
	struct stat st;
	size_t i;
	int dfd, numbered = in->nfiles > 1;

	if (in->src != NULL) {
		s = copy_of(m, ps, in->src, &copy[0], &tmp);
		if (s != NULL)
			run_one(m, ps, s, ps->again ? -1 : copy[0], 0);
		return;
	}
	for (i = 0; i < in->nfiles; i++) {
		const char *f = in->files[i];

		if (copy[i] == -1 && strcmp(f, "-") != 0 &&
		    stat(f, &st) == 0 && S_ISDIR(st.st_mode)) {
			dfd = open(f, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (dfd < 0) {
				if (!quiet(m)) {
					diag(errno, "%s", quote_file(f));
					m->error = 1;
				}
			} else {
				if (run_maildir(m, ps, f, dfd) && !quiet(m)) {
					diag(EISDIR, "%s", quote_file(f));
					m->error = 1;
				}
				close(dfd);
			}
			continue;
		}
		if (passed_over(m, ps))
			continue;
		memset(&src, 0, sizeof(src));
		src.fd = -1;
		src.name = f;
		if ((!ps->again || copy[i] == -1) &&
		    open_operand(m, &src, f) != 0) {
			if (!quiet(m))
				m->error = 1;
			m->leaf++;      /* (numbered alike in both passes) */
			continue;
		}
		s = copy_of(m, ps, &src, &copy[i], &tmp);
		m->input = numbered ? f : NULL;
		if (s != NULL)
			run_one(m, ps, s, ps->again ? -1 : copy[i], numbered);
		else
			m->leaf++;
		m->input = NULL;
		if (src.fd > 0 && source_close(&src) != 0 && !quiet(m))
			m->error = 1;
	}
}

/*
 * The inputs, read once; when a message/partial fragment is met, from
 * there on they are gathered, then read again from there (mail.c's first
 * comment).  A single input that is a regular file is read again from
 * where it started.
 */
static void
run_inputs(struct mail *m, const struct mail_in *in)
{
	static struct mime_parser p;
	struct pass ps = { &p, 0, 0 };
	size_t i, n = in->src != NULL ? 1 : in->nfiles;
	int *copy = malloc((n + 1) * sizeof(*copy)), e;
	off_t start = -1;
	const char *name;

	if (copy == NULL) {
		diag(ENOMEM, "mail");
		m->error = 1;
		return;
	}
	for (i = 0; i < n; i++)
		copy[i] = -1;
	if (in->src != NULL && in->src->regular)
		start = lseek(in->src->fd, 0, SEEK_CUR);
	run_pass(m, in, &ps, copy);
	if (m->mode == M_GATHER) {
		partials_done(&m->ps);
		if (m->ps.err != 0) {
			diag(m->ps.err, "message/partial fragments");
			m->error = 1;
		}
		if (m->ps.over) {
			diag(0, "more than %d message/partial fragments: the "
			    "rest are not joined", PARTIALS_MAX);
			m->damaged = 1;
		}
		if (in->src != NULL && copy[0] == -1) {
			name = in->src->name;
			if (start < 0 ||
			    lseek(in->src->fd, start, SEEK_SET) < 0) {
				diag(errno, "%s", quote_file(name != NULL ?
				    name : "-"));
				m->error = 1;
			}
			source_from_fd(in->src, in->src->fd);
			in->src->name = name;
		}
		m->mode = M_WORK;
		m->leaf = 0;
		ps.again = 1;
		ps.count = 0;
		run_pass(m, in, &ps, copy);
	}
	/* (A scratch file's close can fail as any other's: said.) */
	for (i = 0; i < n; i++)
		if (copy[i] >= 0 && close(copy[i]) != 0) {
			diag(errno, "temporary copy of the input");
			m->error = 1;
		}
	free(copy);
	if ((e = partials_free(&m->ps)) != 0) {
		diag(e, "message/partial fragments");
		m->error = 1;
	}
}

static int
run(const struct mail_in *in, const char *dir, int out_fd,
    const struct mail_opts *o)
{
	struct mail *m;
	int rc, i;

	m = calloc(1, sizeof(*m));
	if (m == NULL) {
		diag(ENOMEM, "mail");
		return 1;
	}
	m->o = o;
	wr_init(&m->out, out_fd, m->out_buf, sizeof(m->out_buf),
	    output_failed, NULL);
	m->extract = dir != NULL;
	m->dir = dir;
	for (i = 0; i < 3; i++) {
		m->s[i].m = m;
		wr_init(&m->s[i].w, -1, m->s[i].w_buf, sizeof(m->s[i].w_buf),
		    file_failed, &m->s[i]);
		m->s[i].f.fd = -1;
	}
	sf_dir_init(&m->dirf, -1);
	partials_init(&m->ps);
	if (dir != NULL) {
		/* The kernel resolves DIR, links and their protections
		 * included, as it would for the shell's 'cd'. */
		m->dirf.fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (m->dirf.fd < 0) {
			diag(errno, "%s", quote_file(dir));
			free(m);
			return 1;
		}
	}
	run_inputs(m, in);
	(void)wr_flush(&m->out);
	if (!m->any_mime && !m->error) {
		diag(0, "no MIME structure in the input");
		m->error = 1;
	}
	rc = m->error || m->out.failed ? 1 : m->damaged ? 2 : 0;
	if (m->dirf.fd >= 0)
		close(m->dirf.fd);
	names_free(&m->names);
	free(m->joiner);
	free(m);
	return rc;
}

int
mail_list(struct source *src, int out_fd, const struct mail_opts *o)
{
	struct mail_in in = { src, NULL, 0 };

	return run(&in, NULL, out_fd, o);
}

int
mail_extract(struct source *src, const char *dir, int out_fd,
    const struct mail_opts *o)
{
	struct mail_in in = { src, NULL, 0 };

	return run(&in, dir != NULL ? dir : ".", out_fd, o);
}

/* ---- --decode-header --------------------------------------------- */

#define LOGICAL_MAX 65536       /* an unfolded line longer goes in pieces */
#define SEGS_MAX    256         /* physical lines tracked for positions */

struct dh {
	const struct mail_opts *o;
	struct writer out;
	char out_buf[8192];
	char buf[LOGICAL_MAX];
	size_t len;
	char eol[2];            /* the line end of its last physical line */
	size_t eollen;
	uint64_t line;          /* physical line being read (1-based) */
	size_t nseg;
	struct {
		size_t off;
		uint64_t line;
	} seg[SEGS_MAX];        /* where each physical line starts in buf */
	int bad;
};

static void
dh_report(void *ctx, size_t off, const char *reason)
{
	struct dh *d = ctx;
	size_t i = 0;

	while (i + 1 < d->nseg && d->seg[i + 1].off <= off)
		i++;
	diag(0, "line %" PRIu64 ", column %zu: %s", d->seg[i].line,
	    off - d->seg[i].off + 1, reason);
	d->bad = 1;
}

static void
dh_flush(struct dh *d)
{
	static unsigned char obuf[EW_OUT_MAX(LOGICAL_MAX)];
	struct sbuf sb;

	sb_init(&sb, obuf, sizeof(obuf));
	ew_decode(d->buf, d->len, d->o->lenient ? EW_LENIENT : 0, &sb,
	    dh_report, d);
	(void)wr_put(&d->out, sb.p, sb.len);
	(void)wr_put(&d->out, d->eol, d->eollen);
	d->len = 0;
	d->eollen = 0;
	d->nseg = 0;
}

/* One physical line (without its line end E, ELEN bytes). */
static void
dh_line(struct dh *d, const char *s, size_t n, const char *e, size_t elen)
{
	/* A line starting with a blank continues a non-empty one. */
	int cont = n > 0 && (s[0] == ' ' || s[0] == '\t') && d->len > 0;

	if (!cont && (d->len > 0 || d->eollen > 0))
		dh_flush(d);
	if (d->len + n > LOGICAL_MAX)
		dh_flush(d);
	if (d->nseg < SEGS_MAX) {
		d->seg[d->nseg].off = d->len;
		d->seg[d->nseg].line = d->line;
		d->nseg++;
	}
	memcpy(d->buf + d->len, s, n);
	d->len += n;
	memcpy(d->eol, e, elen);
	d->eollen = elen;
	d->line++;
}

int
mail_decode_header(struct source *src, int out_fd,
    const struct mail_opts *o)
{
	static char in[LOGICAL_MAX];
	struct dh *d;
	size_t have = 0, i, start, n, elen, r;
	int eof = 0, rc;

	d = calloc(1, sizeof(*d));
	if (d == NULL) {
		diag(ENOMEM, "decode-header");
		return 1;
	}
	d->o = o;
	wr_init(&d->out, out_fd, d->out_buf, sizeof(d->out_buf),
	    output_failed, NULL);
	d->line = 1;
	while (!eof) {
		r = source_read(src, in + have, sizeof(in) - have);
		if (src->err != 0) {
			diag(src->err, "read error");
			d->bad = 1;
			break;
		}
		eof = r == 0;
		have += r;
		start = 0;
		for (i = 0; i < have; i++) {
			if (in[i] != '\n')
				continue;
			n = i - start;
			elen = 1;
			if (n > 0 && in[i - 1] == '\r') {
				n--;
				elen = 2;
			}
			dh_line(d, in + start, n, in + start + n, elen);
			start = i + 1;
		}
		if (start == 0 && have == sizeof(in)) {
			/* A line longer than the buffer: in pieces. */
			dh_line(d, in, have, "", 0);
			d->line--;
			start = have;
		}
		if (eof && start < have) {
			dh_line(d, in + start, have - start, "", 0);
			start = have;
		}
		memmove(in, in + start, have - start);
		have -= start;
	}
	if (d->len > 0 || d->eollen > 0)
		dh_flush(d);
	(void)wr_flush(&d->out);
	rc = d->bad || d->out.failed ? 1 : 0;
	free(d);
	return rc;
}

/* ---- The pump's settings for the e-mail modes ------------------- */

/* Whether -o names a regular file that is one of the operands (after a
 * diagnostic, as the sink says it for the pump's one input). */
static int
output_is_input(const struct options *opt)
{
	struct stat st;
	size_t i;

	for (i = 0; i < opt->nfiles; i++)
		if (strcmp(opt->files[i], "-") != 0 &&
		    stat(opt->files[i], &st) == 0 &&
		    sink_is_input(opt->output, &st))
			return 1;
	return 0;
}

/*
 * The e-mail modes: the MIME parser is the codec step; the listing, the
 * paths written or the decoded headers go to the sink (-o FILE too, but
 * for --extract).  Exit status 2 (damaged parts) still keeps the output.
 */
int
mail_run(const struct options *opt)
{
	struct mail_opts mo;
	struct source in, *src = &in;
	struct sink out;
	int status;

	memset(&mo, 0, sizeof(mo));
	mo.nul = opt->zero;
	mo.all = opt->all;
	mo.strict = opt->strict;
	mo.lenient = opt->lenient;
	if (opt->nfiles > 0) {
		/* --list, --extract with operands: each is opened as it
		 * comes (run_inputs); -o must be none of them. */
		if (output_is_input(opt))
			return 1;
		memset(src, 0, sizeof(*src));
		src->fd = -1;
	} else if (source_open(src, opt->file) != 0) {
		return 1;
	}
	/* The reports are written straight to the sink's descriptor. */
	if (sink_open(&out, opt->output, 0, src, NULL, 0) != 0) {
		if (src->fd >= 0)
			(void)source_close(src);
		return 1;
	}
	if (opt->nfiles > 0) {
		struct mail_in many = { NULL, opt->files, opt->nfiles };

		status = run(&many, opt->mail == MAIL_EXTRACT ?
		    (opt->extract_dir != NULL ? opt->extract_dir : ".") :
		    NULL, out.fd, &mo);
	} else if (opt->mail == MAIL_LIST) {
		status = mail_list(src, out.fd, &mo);
	} else if (opt->mail == MAIL_EXTRACT) {
		status = mail_extract(src, opt->extract_dir, out.fd, &mo);
	} else {
		status = mail_decode_header(src, out.fd, &mo);
	}
	if (status == 1 && out.kind == SINK_REPLACE)
		sink_abort(&out);
	else if (sink_commit(&out) != 0)
		status = 1;
	if (src->fd >= 0 && source_close(src) != 0)
		status = 1;
	return status;
}
