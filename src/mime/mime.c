/*
 * mime.c - the MIME push parser (mime.h).
 *
 * Three layers, each working on lines:
 *  1. split(): cuts the input into lines.  A line of up to MIME_PEEK
 *     bytes is handed on whole ("first" and "last" piece at once); a
 *     longer one as a first piece of MIME_PEEK bytes, then pieces as the
 *     input comes.  A CR is never separated from the LF after it.
 *     Every decision about a line is taken on its first piece, whose
 *     bytes do not depend on how the input was split.
 *  2. piece(): mbox separators, mboxrd unquoting, the held blank line.
 *  3. msg_piece(): header fields, delimiters, bodies, by state.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1           /* memrchr */
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "name.h"
#include "text.h"

#define B64_MAIL_FLAGS B64_LENIENT

enum {
	ST_HEADERS,     /* header block of an entity */
	ST_BODY,        /* body of a leaf part */
	ST_PREAMBLE,    /* a multipart before its first delimiter */
	ST_EPILOGUE,    /* a multipart after its close delimiter */
	ST_SKIP,        /* not a message: ignored up to the next one */
};

enum {
	ROLE_NONE,      /* rest of the line ignored */
	ROLE_FIELD,     /* rest of the line belongs to a header field */
	ROLE_BODY,      /* rest of the line is body text */
};

const char *
mime_status_name(enum mime_status s)
{
	switch (s) {
	case MIME_OK:
		return "ok";
	case MIME_DAMAGED:
		return "damaged";
	case MIME_TRUNCATED:
		return "truncated";
	case MIME_RAW:
		return "raw";
	}
	return "?";
}

const char *
mime_damage_name(enum mime_damage d)
{
	switch (d) {
	case MIME_DMG_NONE:
		return "no damage";
	case MIME_DMG_BASE64:
		return "invalid base64";
	case MIME_DMG_HEADER:
		return "header field too long";
	case MIME_DMG_NO_BOUNDARY:
		return "multipart without a boundary";
	case MIME_DMG_DEPTH:
		return "nested too deep";
	case MIME_DMG_QP:
		return "invalid quoted-printable";
	case MIME_DMG_UU:
		return "invalid uuencoded line";
	case MIME_DMG_UU_END:
		return "uuencoded block without its end line";
	case MIME_DMG_UU_BEGIN:
		return "no uuencode begin line";
	case MIME_DMG_TNEF:
		return "invalid TNEF stream";
	case MIME_DMG_CMS:
		return "invalid S/MIME data";
	}
	return "?";
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* ---- Entities ---------------------------------------------------- */

static void
entity_reset(struct mime_parser *p, int digest)
{
	p->have_ct = p->have_cte = p->have_cd = 0;
	p->ct_multipart = p->have_boundary = 0;
	p->name_rank = 0;
	p->blen = 0;
	p->e_damage = MIME_DMG_NONE;
	p->e_damage_line = 0;
	p->hdr_active = 0;
	p->first_line = 1;
	strcpy(p->part.type, digest ? "message/rfc822" : "text/plain");
	strcpy(p->part.encoding, "7bit");
	p->part.enc = MIME_ENC_7BIT;
	p->part.name_len = 0;
	p->part.has_name = 0;
	p->part.attachment = 0;
	p->part.partial = 0;
	p->part.partial_id_len = 0;
	p->part.partial_number = p->part.partial_total = 0;
}

static void
start_message(struct mime_parser *p)
{
	p->message++;
	p->nframe = 0;
	p->npath = 0;
	p->state = ST_HEADERS;
	p->kind_message = 1;
	p->top = 1;
	p->mime_seen = 0;
	p->eol_held = 0;
	entity_reset(p, 0);
}

static void
damage_of(struct mime_part *t, enum mime_damage d, uint64_t line,
    uint64_t col)
{
	if (t->damage != MIME_DMG_NONE)
		return;
	t->damage = d;
	t->damage_line = line;
	t->damage_col = col;
}

static void
damage(struct mime_parser *p, enum mime_damage d, uint64_t line,
    uint64_t col)
{
	damage_of(&p->part, d, line, col);
}

/* Decoded bytes of part T to the handler. */
static void
deliver(struct mime_parser *p, struct mime_part *t, const unsigned char *s,
    size_t n)
{
	if (n == 0 || p->stopped)
		return;
	t->size += n;
	if (p->h.part_data != NULL &&
	    p->h.part_data(p->h.ctx, t, s, n) != 0)
		p->stopped = 1;
}

/* The handler's callbacks, unless it has stopped the parse (a non-zero
 * answer stops it). */
static void
report_begin(struct mime_parser *p, const struct mime_part *pt)
{
	if (p->h.part_begin != NULL && !p->stopped &&
	    p->h.part_begin(p->h.ctx, pt) != 0)
		p->stopped = 1;
}

static void
report_end(struct mime_parser *p, const struct mime_part *pt)
{
	if (p->h.part_end != NULL && !p->stopped &&
	    p->h.part_end(p->h.ctx, pt) != 0)
		p->stopped = 1;
}

static void
report_notice(struct mime_parser *p, enum mime_note note, const char *path,
    uint64_t line)
{
	if (p->h.notice != NULL && !p->stopped &&
	    p->h.notice(p->h.ctx, note, path, line) != 0)
		p->stopped = 1;
}

static void uu_text(struct mime_parser *p, const unsigned char *s,
    size_t n);

/* The leaf's decoded bytes: to the handler, and a text's to the search
 * for uuencoded blocks. */
static void
emit(struct mime_parser *p, const unsigned char *s, size_t n)
{
	if (n == 0 || p->stopped)
		return;
	deliver(p, &p->part, s, n);
	if (p->uu_scan && p->part.enc != MIME_ENC_UU)
		uu_text(p, s, n);
	if (p->tnef_on)
		tnef_feed(p->tnef, s, n);
	if (p->cms_on)
		(void)cms_feed(&p->cms, s, n);
}

/* ---- Items: files inside a leaf ---------------------------------- */

static void uu_name(struct mime_part *t, const unsigned char *name,
    size_t n);

/* "PARENT/OWN" into DST (the parent's end cut, where no path is so
 * long). */
static void
item_path(char dst[MIME_PATH_MAX], const char *parent, const char *own)
{
	size_t len = strlen(parent), k = strlen(own);

	if (k > MIME_PATH_MAX - 2)
		k = MIME_PATH_MAX - 2;
	if (len > MIME_PATH_MAX - 2 - k)
		len = MIME_PATH_MAX - 2 - k;
	memcpy(dst, parent, len);
	dst[len] = '/';
	memcpy(dst + len + 1, own, k);
	dst[len + 1 + k] = 0;
}

/* Where the leaf's damage found by a reader of its whole body is placed:
 * the body's first line (or, before any, the line being read). */
static uint64_t
leaf_line(const struct mime_parser *p)
{
	return p->body_line != 0 ? p->body_line : p->line;
}

/* A new item in the open leaf: path "LEAF/N", named NAME (N bytes as
 * found, or NULL: not yet). */
static void
item_open(struct mime_parser *p, const char *encoding, enum mime_enc enc,
    const unsigned char *name, size_t n)
{
	struct mime_part *it = &p->item;
	char num[24];

	p->items++;
	memset(it, 0, sizeof(*it));
	(void)snprintf(num, sizeof(num), "%lu", p->items);
	item_path(it->path, p->part.path, num);
	strcpy(it->type, "application/octet-stream");
	strcpy(it->encoding, encoding);
	it->enc = enc;
	it->attachment = 1;
	it->in_mime = 1;        /* a file the message carries */
	it->item = 1;
	it->message = p->part.message;
	it->status = MIME_OK;
	if (name != NULL)
		uu_name(it, name, n);
	report_begin(p, it);
}

static void
item_close(struct mime_parser *p, int truncated)
{
	struct mime_part *t = &p->item;

	t->status = truncated ? MIME_TRUNCATED : t->damage != MIME_DMG_NONE ?
	    MIME_DAMAGED : MIME_OK;
	report_end(p, t);
}

/* tnef.h's handler: its files are items. */
static void
tnef_begin(void *ctx)
{
	item_open(ctx, "tnef", MIME_ENC_BINARY, NULL, 0);
}

static void
tnef_data(void *ctx, const unsigned char *s, size_t n)
{
	struct mime_parser *p = ctx;

	deliver(p, &p->item, s, n);
}

static void
tnef_end(void *ctx, const unsigned char *name, size_t n, int damaged)
{
	struct mime_parser *p = ctx;
	struct mime_part *it = &p->item;

	it->has_name = n > 0;
	it->name_len = text_utf8_cut(name, n, MIME_NAME_MAX);
	memcpy(it->name, name, it->name_len);
	if (damaged)
		damage_of(it, MIME_DMG_TNEF, leaf_line(p), 1);
	item_close(p, 0);
}

/* ---- S/MIME signed data (cms.h) ---------------------------------- */

/*
 * The entity inside goes to an inner parser (one level: it unwraps no
 * S/MIME of its own) whose parts and their items are reported here as
 * items of the leaf, paths "LEAF/" and theirs; places of damage inside
 * it are the leaf's body line.
 */
static struct mime_part *
fwd_of(struct mime_parser *p, const struct mime_part *ipt)
{
	return &p->fwd[ipt->item != 0];
}

static int
fwd_begin(void *ctx, const struct mime_part *ipt)
{
	struct mime_parser *p = ctx;
	struct mime_part *f = fwd_of(p, ipt);

	*f = *ipt;
	item_path(f->path, p->part.path, ipt->path);
	f->item = 1 + (ipt->item != 0);
	f->message = p->part.message;
	f->in_mime = 1;
	f->size = 0;
	report_begin(p, f);
	return p->stopped;
}

static int
fwd_data(void *ctx, const struct mime_part *ipt, const unsigned char *s,
    size_t n)
{
	struct mime_parser *p = ctx;

	deliver(p, fwd_of(p, ipt), s, n);
	return p->stopped;
}

static int
fwd_end(void *ctx, const struct mime_part *ipt)
{
	struct mime_parser *p = ctx;
	struct mime_part *f = fwd_of(p, ipt);

	/* (Names may have come with the data.) */
	memcpy(f->name, ipt->name, ipt->name_len);
	f->name_len = ipt->name_len;
	f->has_name = ipt->has_name;
	f->container = ipt->container;
	f->status = ipt->status;
	f->damage = ipt->damage;
	if (f->damage != MIME_DMG_NONE) {
		f->damage_line = leaf_line(p);
		f->damage_col = 1;
	}
	report_end(p, f);
	return p->stopped;
}

/* The inner entity's notices are not the outer message's: a multipart
 * without its boundary shows as its parts' status; no entity at all
 * leaves the signed data to be written as it is. */
static int
fwd_notice(void *ctx, enum mime_note note, const char *path, uint64_t line)
{
	struct mime_parser *p = ctx;

	(void)path;
	(void)line;
	if (note == MIME_NOTE_NOT_MESSAGE)
		p->part.container = 0;
	return 0;
}

static void
cms_content(void *ctx, const unsigned char *s, size_t n)
{
	struct mime_parser *p = ctx;
	struct mime_handler h = { p, fwd_begin, fwd_data, fwd_end,
		fwd_notice };

	if (p->stopped)
		return;
	if (p->inner == NULL) {
		p->inner = malloc(sizeof(*p->inner));
		if (p->inner == NULL) {
			/* (Then the signed data is written as it is.) */
			p->cms_on = 0;
			p->part.container = 0;
			return;
		}
		mime_init(p->inner, &h);
		p->inner->nested = 1;
	}
	(void)mime_feed(p->inner, s, n);
}

/* The leaf ends: the inner entity too; what the reader made of it. */
static void
cms_end(struct mime_parser *p)
{
	enum cms_result r = cms_finish(&p->cms);

	if (p->inner != NULL) {
		(void)mime_finish(p->inner);
		mime_release(p);
	}
	if (r == CMS_BAD)
		damage(p, MIME_DMG_CMS, leaf_line(p), 1);
	if (r != CMS_DONE)
		p->part.container = 0;  /* written as it is */
}

void
mime_release(struct mime_parser *p)
{
	if (p->inner != NULL)
		mime_release(p->inner);
	free(p->inner);
	p->inner = NULL;
	free(p->tnef);
	p->tnef = NULL;
}

/* ---- uuencoded blocks (uu.h) ------------------------------------- */

/*
 * A text/plain leaf is searched for uuencoded blocks: each is a file of
 * its own, an item (mime_part.item) whose path is the leaf's with "/N"
 * (N-th block), begun and ended while the leaf is open; the leaf itself
 * is unchanged.  An x-uuencode leaf's data is its first block, decoded;
 * the begin line names it unless the MIME header did.
 */

/* The part the open block's bytes go to. */
static struct mime_part *
uu_target(struct mime_parser *p)
{
	return p->part.enc == MIME_ENC_UU ? &p->part : &p->item;
}

/* NAME (N bytes, as the begin line has it) as part T's name, UTF-8. */
static void
uu_name(struct mime_part *t, const unsigned char *name, size_t n)
{
	unsigned char tmp[MIME_NAME_MAX + 8];
	struct sbuf sb;

	sb_init(&sb, tmp, sizeof(tmp));
	text_to_utf8("utf-8", 5, name, n, TEXT_BAD_PCT, &sb);
	t->has_name = 1;
	t->name_len = text_utf8_cut(sb.p, sb.len, MIME_NAME_MAX);
	memcpy(t->name, sb.p, t->name_len);
}

static void
uu_begin(struct mime_parser *p, enum uu_begin kind, const unsigned char *name,
    size_t n)
{
	p->uu_in = (int)kind;
	p->uu_zero = 0;
	if (kind == UU_BEGIN_BASE64)
		b64_decoder_init(&p->uu_b64, B64_MAIL_FLAGS);
	if (p->part.enc == MIME_ENC_UU) {
		if (!p->part.has_name)
			uu_name(&p->part, name, n);
		return;
	}
	item_open(p, kind == UU_BEGIN ? "x-uuencode" : "x-uuencode-base64",
	    kind == UU_BEGIN ? MIME_ENC_UU : MIME_ENC_BASE64, name, n);
}

/* The open block ends: with its end line, or CUT short (TRUNCATED: by
 * the end of the input). */
static void
uu_end(struct mime_parser *p, int cut, int truncated)
{
	struct mime_part *t = uu_target(p);
	uint64_t line = p->body_line - 1 + p->uu_line;

	if (p->uu_in == UU_BEGIN_BASE64 &&
	    B64_IS_ERROR(b64_decode_final(&p->uu_b64)))
		damage_of(t, MIME_DMG_UU, line, 1);
	if (cut && !truncated)
		damage_of(t, MIME_DMG_UU_END, line, 1);
	if (t != &p->item) {
		p->uu_in = -1;  /* one block: the rest is not data */
		return;
	}
	p->uu_in = UU_NONE;
	item_close(p, truncated);
}

/* A line of a begin-base64 block. */
static void
uu_base64(struct mime_parser *p, struct mime_part *t,
    const unsigned char *s, size_t n, uint64_t line)
{
	enum b64_status st;
	size_t used, olen;

	while (n > 0 && !p->stopped) {
		st = b64_decode_update(&p->uu_b64, s, n, &used, p->uu_out,
		    sizeof(p->uu_out), &olen);
		deliver(p, t, p->uu_out, olen);
		if (B64_IS_ERROR(st)) {
			/* The rest of the line is lost. */
			damage_of(t, MIME_DMG_UU, line, 1);
			b64_decoder_init(&p->uu_b64, B64_MAIL_FLAGS);
			return;
		}
		if (used == 0)
			return;
		s += used;
		n -= used;
	}
}

/* The text line in uu_sb is complete. */
static void
uu_line(struct mime_parser *p)
{
	const unsigned char *s = p->uu_lb;
	size_t n = p->uu_sb.len, at, len, bad;
	struct mime_part *t = uu_target(p);
	enum uu_begin kind;
	uint64_t line;
	int over = p->uu_sb.over;

	sb_init(&p->uu_sb, p->uu_lb, sizeof(p->uu_lb));
	p->uu_line++;
	line = p->body_line - 1 + p->uu_line;
	if (p->uu_in < 0)
		return;
	if (p->uu_in == UU_NONE) {
		if (!over && (kind = uu_begin_line(s, n, &at, &len)) != UU_NONE)
			uu_begin(p, kind, s + at, len);
		return;
	}
	if (!over && uu_end_line(s, n, p->uu_in == UU_BEGIN_BASE64)) {
		uu_end(p, 0, 0);
		return;
	}
	if (p->uu_in == UU_BEGIN_BASE64) {
		if (over)
			damage_of(t, MIME_DMG_UU, line, 1);
		else
			uu_base64(p, t, s, n, line);
		return;
	}
	if (p->uu_zero)
		return;         /* after the zero-length line: "end" only */
	if (over) {
		damage_of(t, MIME_DMG_UU, line, sizeof(p->uu_lb));
		return;
	}
	bad = uu_decode_line(s, n, p->uu_out, &len);
	if (bad != 0)
		damage_of(t, MIME_DMG_UU, line, bad);
	if (len == 0)
		p->uu_zero = 1;
	deliver(p, t, p->uu_out, len);
}

/*
 * Text to search (or a uuencoded leaf's body), in any pieces.  Outside a
 * block only a line starting with 'b' can matter: the others are not
 * copied.
 */
static void
uu_text(struct mime_parser *p, const unsigned char *s, size_t n)
{
	const unsigned char *lf;
	size_t k;

	while (n > 0 && !p->stopped) {
		lf = memchr(s, '\n', n);
		k = lf != NULL ? (size_t)(lf - s) : n;
		if (p->uu_sb.len == 0 && !p->uu_sb.over && p->uu_in <= 0 &&
		    s[0] != 'b')
			p->uu_sb.over = 1;      /* not a begin line */
		if (!p->uu_sb.over)
			sb_put(&p->uu_sb, s, k);
		if (lf == NULL)
			return;
		uu_line(p);
		s += k + 1;
		n -= k + 1;
	}
}

/* The leaf ends (TRUNCATED: with the input): its last line, an open
 * block, an x-uuencode leaf that never began. */
static void
uu_finish(struct mime_parser *p, int truncated)
{
	if (p->uu_sb.len > 0 || p->uu_sb.over)
		uu_line(p);
	if (p->uu_in > 0)
		uu_end(p, 1, truncated);
	if (p->part.enc == MIME_ENC_UU && p->uu_in == UU_NONE)
		damage(p, MIME_DMG_UU_BEGIN, leaf_line(p), 1);
}

/*
 * Add a level to the section path.  The array holds MIME_PATH_NUMS
 * numbers: a push past them is refused (0), whatever the limits checked
 * before it, and the caller makes the entity a damaged leaf.
 */
static int
path_push(struct mime_parser *p, unsigned long num)
{
	if (p->npath >= sizeof(p->path) / sizeof(p->path[0]))
		return 0;
	p->path[p->npath++] = num;
	return 1;
}

/* The entity being parsed is nested too deep: a damaged leaf. */
static void
too_deep(struct mime_parser *p)
{
	if (p->e_damage != MIME_DMG_NONE)
		return;
	p->e_damage = MIME_DMG_DEPTH;
	p->e_damage_line = p->have_ct ? p->ct_line : p->line;
}

/* The path as text ("2:1.3") into BUF (MIME_PATH_MAX bytes hold any). */
static void
make_path(struct mime_parser *p, char *buf, size_t cap)
{
	size_t i, len = 0;
	int k;

	buf[0] = 0;
	if (p->mbox == 1 || p->numbered) {
		k = snprintf(buf, cap, "%lu:", p->message_base + p->message);
		if (k < 0 || (size_t)k >= cap)
			return;
		len = (size_t)k;
	}
	for (i = 0; i < p->npath; i++) {
		k = snprintf(buf + len, cap - len, i ? ".%lu" : "%lu",
		    p->path[i]);
		if (k < 0 || (size_t)k >= cap - len)
			return;
		len += (size_t)k;
	}
}

static void
notice(struct mime_parser *p, enum mime_note note, uint64_t line)
{
	char path[MIME_PATH_MAX];

	make_path(p, path, sizeof(path));
	report_notice(p, note, path, line);
}

static void
begin_leaf(struct mime_parser *p)
{
	struct mime_part *pt = &p->part;

	make_path(p, pt->path, sizeof(pt->path));
	pt->in_mime = p->mime_seen;
	pt->message = p->message_base + p->message;
	pt->size = 0;
	pt->status = MIME_OK;
	pt->damage = MIME_DMG_NONE;
	pt->damage_line = pt->damage_col = 0;
	if (p->e_damage != MIME_DMG_NONE)
		damage(p, p->e_damage, p->e_damage_line, 1);
	p->eol_held = 0;
	p->body_line = 0;
	p->b64_base = 0;
	if (pt->enc == MIME_ENC_BASE64)
		b64_decoder_init(&p->b64, B64_MAIL_FLAGS);
	else if (pt->enc == MIME_ENC_QP)
		qp_init(&p->qp);
	p->uu_in = UU_NONE;
	p->uu_zero = 0;
	p->items = 0;
	p->uu_line = 0;
	sb_init(&p->uu_sb, p->uu_lb, sizeof(p->uu_lb));
	if (pt->enc == MIME_ENC_UU)
		pt->attachment = 1;     /* a file by its nature */
	/* One kind of item per leaf (they share p->item): a uuencoded
	 * part's data is its block; else TNEF, S/MIME, or the uuencoded
	 * blocks of a text/plain part. */
	p->cms_on = !p->nested && pt->enc != MIME_ENC_UU &&
	    (strcmp(pt->type, "application/pkcs7-mime") == 0 ||
	    strcmp(pt->type, "application/x-pkcs7-mime") == 0);
	if (p->cms_on)
		cms_init(&p->cms, cms_content, p);
	p->tnef_on = pt->enc != MIME_ENC_UU && !pt->partial &&
	    (strcmp(pt->type, "application/ms-tnef") == 0 ||
	    strcmp(pt->type, "application/vnd.ms-tnef") == 0 ||
	    (pt->has_name && pt->name_len == 11 &&
	    text_ieq((const char *)pt->name, 11, "winmail.dat")));
	p->uu_scan = pt->enc == MIME_ENC_UU || (!p->cms_on && !p->tnef_on &&
	    strcmp(pt->type, "text/plain") == 0);
	pt->container = p->tnef_on || p->cms_on;
	if (p->tnef_on) {
		struct tnef_handler th = { p, tnef_begin, tnef_data,
			tnef_end };

		if (p->tnef == NULL)
			p->tnef = malloc(sizeof(*p->tnef));
		if (p->tnef != NULL)
			tnef_init(p->tnef, &th);
		else            /* (then the stream is written as it is) */
			p->tnef_on = pt->container = 0;
	}
	p->state = ST_BODY;
	report_begin(p, pt);
}

/* Decode S[0..N) with DEC, the output thrown away (it was delivered). */
static void
b64_replay(struct mime_parser *p, struct b64_decoder *dec,
    const unsigned char *s, size_t n)
{
	size_t used, olen;

	while (n > 0 && !B64_IS_ERROR(b64_decode_update(dec, s, n, &used,
	    p->out, sizeof(p->out), &olen))) {
		s += used;
		n -= used;
	}
}

/*
 * Base64 body bytes, by the rules of --lenient.  On an error the
 * offending byte is dropped: the decoder as it was before this call
 * (errors latch) is given the bytes before it again, output thrown away
 * (the same bytes were delivered), and goes on after it.  So bytes
 * outside the alphabet go as B64_SKIP_GARBAGE (-i) drops them, a '='
 * where data must come goes alone, and a quantum cut by either goes on.
 * The decoder's first error is the part's damage (if it has none yet):
 * until then it has been given every byte of the body, so its line and
 * column are right.  With FIRST, returns right after that error (the
 * bytes taken), else takes all.
 */
static size_t
b64_feed(struct mime_parser *p, const unsigned char *s, size_t n,
    int first)
{
	struct b64_decoder before;
	enum b64_status st;
	size_t used, olen, k, n0 = n;
	uint64_t eo;

	while (n > 0 && !p->stopped) {
		before = p->b64;
		st = b64_decode_update(&p->b64, s, n, &used, p->out,
		    sizeof(p->out), &olen);
		emit(p, p->out, olen);
		if (!B64_IS_ERROR(st)) {
			s += used;
			n -= used;
			p->b64_base += used;
			continue;
		}
		damage(p, MIME_DMG_BASE64, p->body_line - 1 +
		    b64_decoder_error_line(&p->b64),
		    b64_decoder_error_column(&p->b64));
		eo = b64_decoder_error_offset(&p->b64);
		if (eo >= p->b64_base && eo - p->b64_base < n) {
			k = (size_t)(eo - p->b64_base);
			p->b64 = before;
			b64_replay(p, &p->b64, s, k);
			p->b64_base += k;
		} else {
			/* (Not where the decoder says: drop what it read.) */
			k = used > 0 ? used - 1 : 0;
			b64_decoder_init(&p->b64, B64_MAIL_FLAGS);
			p->b64_base = 0;
		}
		s += k + 1;
		n -= k + 1;
		if (first)
			break;
	}
	return n0 - n;
}

/* 1 for the bytes a base64 body may hold: the alphabet, '=' and ASCII
 * white space (HT LF VT FF CR SP). */
static const unsigned char b64_keep[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,   /* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x10 */
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1,   /* 0x20 ' ' + / */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0,   /* 0x30 0-9 = */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x40 A-O */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,   /* 0x50 P-Z */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x60 a-o */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,   /* 0x70 p-z */
};

/*
 * Base64 body bytes.  Until the part's first damage every byte goes to
 * the decoder, for the damage's place; after it, places no longer matter
 * and the bytes outside the alphabet, '=' and white space are dropped
 * before the decoder, a table look-up each instead of an error each.
 */
static void
body_base64(struct mime_parser *p, const unsigned char *s, size_t n)
{
	unsigned char buf[4096];
	size_t i, j, k;

	if (p->part.damage == MIME_DMG_NONE) {
		k = b64_feed(p, s, n, 1);
		s += k;
		n -= k;
	}
	while (n > 0 && !p->stopped) {
		for (i = j = 0; i < n && j < sizeof(buf); i++) {
			buf[j] = s[i];
			j += b64_keep[s[i]];
		}
		b64_feed(p, buf, j, 0);
		s += i;
		n -= i;
	}
}

/* The quoted-printable decoder's first bad byte, as the part's damage. */
static void
qp_damage(struct mime_parser *p)
{
	uint64_t line, col;

	if (p->part.damage == MIME_DMG_NONE && qp_bad(&p->qp, &line, &col))
		damage(p, MIME_DMG_QP, p->body_line - 1 + line, col);
}

static void
body_put(struct mime_parser *p, const unsigned char *s, size_t n)
{
	size_t k, step = sizeof(p->out) - QP_SLACK;

	switch (p->part.enc) {
	case MIME_ENC_BASE64:
		body_base64(p, s, n);
		break;
	case MIME_ENC_UU:
		uu_text(p, s, n);
		break;
	case MIME_ENC_QP:
		for (; n > 0; s += k, n -= k) {
			k = n < step ? n : step;
			emit(p, p->out, qp_decode(&p->qp, s, k, p->out));
		}
		qp_damage(p);
		break;
	default:
		emit(p, s, n);
		break;
	}
}

static void
flush_eol(struct mime_parser *p)
{
	static const unsigned char crlf[] = "\r\n";

	if (p->eol_held)
		body_put(p, crlf + 2 - p->eol_held, (size_t)p->eol_held);
	p->eol_held = 0;
}

static void
end_leaf(struct mime_parser *p, int truncated)
{
	struct mime_part *pt = &p->part;

	if (pt->enc == MIME_ENC_BASE64) {
		/* A single character left over (if the part's first damage,
		 * the decoder has had every byte: its place is right). */
		if (B64_IS_ERROR(b64_decode_final(&p->b64)))
			damage(p, MIME_DMG_BASE64, p->body_line - 1 +
			    b64_decoder_error_line(&p->b64),
			    b64_decoder_error_column(&p->b64));
	} else if (pt->enc == MIME_ENC_QP) {
		/* The part's last line end, if any, went with the delimiter
		 * after it (RFC 2046 section 5.1.1): its end is a line end. */
		emit(p, p->out, qp_finish_line(&p->qp, p->out));
		qp_damage(p);
	}
	if (p->uu_scan)
		uu_finish(p, truncated);
	if (p->tnef_on && tnef_finish(p->tnef) != 0) {
		/* Not TNEF, or cut short: the part is written itself. */
		pt->container = 0;
		damage(p, MIME_DMG_TNEF, leaf_line(p), 1);
	}
	if (p->cms_on)
		cms_end(p);
	if (truncated)
		pt->status = MIME_TRUNCATED;
	else if (pt->damage != MIME_DMG_NONE)
		pt->status = MIME_DAMAGED;
	else if (pt->enc == MIME_ENC_RAW)
		pt->status = MIME_RAW;
	else
		pt->status = MIME_OK;
	report_end(p, pt);
	if (p->cms_on && pt->container)
		report_notice(p, MIME_NOTE_UNVERIFIED, pt->path, leaf_line(p));
}

/* ---- Header fields ----------------------------------------------- */

static int
is_field_line(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] > 0x20 && s[i] < 0x7f && s[i] != ':')
		i++;
	if (i == 0)
		return 0;
	while (i < n && is_blank(s[i]))
		i++;
	return i < n && s[i] == ':';
}

static void
hdr_append(struct mime_parser *p, const unsigned char *s, size_t n)
{
	size_t room = MIME_HEADER_MAX - p->hdr_len;

	if (n > room) {
		n = room;
		p->hdr_over = 1;
	}
	memcpy(p->hdr + p->hdr_len, s, n);
	p->hdr_len += n;
}

static enum mime_enc
enc_of(const char *e)
{
	if (strcmp(e, "7bit") == 0)
		return MIME_ENC_7BIT;
	if (strcmp(e, "8bit") == 0)
		return MIME_ENC_8BIT;
	if (strcmp(e, "binary") == 0)
		return MIME_ENC_BINARY;
	if (strcmp(e, "quoted-printable") == 0)
		return MIME_ENC_QP;
	if (strcmp(e, "base64") == 0)
		return MIME_ENC_BASE64;
	if (strcmp(e, "x-uuencode") == 0 || strcmp(e, "uuencode") == 0 ||
	    strcmp(e, "x-uue") == 0)
		return MIME_ENC_UU;
	return MIME_ENC_RAW;
}

/* A name from a parameter; RANK 2 (Content-Disposition) beats 1. */
static void
take_name(struct mime_parser *p, const char *v, size_t n, const char *attr,
    int rank)
{
	struct sbuf sb;
	unsigned char tmp[MIME_NAME_MAX + 8];

	if (p->name_rank >= rank)
		return;
	sb_init(&sb, tmp, sizeof(tmp));
	if (!mime_param_name(v, n, attr, &sb))
		return;
	p->name_rank = rank;
	p->part.has_name = 1;
	p->part.name_len = text_utf8_cut(sb.p, sb.len, MIME_NAME_MAX);
	memcpy(p->part.name, sb.p, p->part.name_len);
}

/* A message/partial number or total: 1 to MIME_PARTIAL_MAX, decimal
 * digits only; 0 when absent or anything else. */
static unsigned long
partial_param(const char *v, size_t n, const char *attr)
{
	char b[16];
	struct sbuf sb;
	unsigned long x = 0;
	size_t i;

	sb_init(&sb, b, sizeof(b));
	if (!mime_param_raw(v, n, attr, &sb) || sb.over || sb.len == 0 ||
	    sb.len > 6)
		return 0;
	for (i = 0; i < sb.len; i++) {
		if (b[i] < '0' || b[i] > '9')
			return 0;
		x = 10 * x + (unsigned long)(b[i] - '0');
	}
	return x <= MIME_PARTIAL_MAX ? x : 0;
}

/* RFC 2046 5.2.2: id, number and total of a message/partial. */
static void
partial_params(struct mime_parser *p, const char *v, size_t n)
{
	struct mime_part *pt = &p->part;
	struct sbuf sb;

	sb_init(&sb, pt->partial_id, sizeof(pt->partial_id));
	pt->partial_number = partial_param(v, n, "number");
	pt->partial_total = partial_param(v, n, "total");
	pt->partial = mime_param_raw(v, n, "id", &sb) && !sb.over &&
	    sb.len > 0 && pt->partial_number > 0;
	pt->partial_id_len = pt->partial ? sb.len : 0;
}

static void
content_type(struct mime_parser *p, const char *v, size_t n)
{
	unsigned char b[MIME_BOUNDARY_MAX + 1];
	struct sbuf sb;

	p->ct_line = p->hdr_line;
	if (!mime_value_type(v, n, 0, p->part.type, sizeof(p->part.type)))
		strcpy(p->part.type, "text/plain");
	if (strncmp(p->part.type, "multipart/", 10) == 0) {
		p->ct_multipart = 1;
		sb_init(&sb, b, sizeof(b));
		if (mime_param_raw(v, n, "boundary", &sb) && !sb.over &&
		    sb.len > 0 && sb.len <= MIME_BOUNDARY_MAX) {
			p->have_boundary = 1;
			memcpy(p->boundary, b, sb.len);
			p->blen = sb.len;
		}
	}
	if (strcmp(p->part.type, "message/partial") == 0)
		partial_params(p, v, n);
	take_name(p, v, n, "name", 1);
}

static void
content_cte(struct mime_parser *p, const char *v, size_t n)
{
	char e[MIME_ENC_MAX];

	/* Only a token: a value with blanks or controls inside cannot go
	 * into a tab-separated listing as it stands. */
	if (!mime_value_type(v, n, 1, e, sizeof(e)))
		return;
	strcpy(p->part.encoding, e);
	p->part.enc = enc_of(e);
}

static void
content_disposition(struct mime_parser *p, const char *v, size_t n)
{
	char d[64];

	if (mime_value_type(v, n, 1, d, sizeof(d)) &&
	    strcmp(d, "attachment") == 0)
		p->part.attachment = 1;
	take_name(p, v, n, "filename", 2);
}

static void
finish_field(struct mime_parser *p)
{
	const char *f = (const char *)p->hdr, *v;
	size_t nlen = 0, vlen;
	int *seen;

	if (!p->hdr_active)
		return;
	p->hdr_active = 0;
	while (nlen < p->hdr_len && f[nlen] != ':')
		nlen++;
	v = f + nlen + 1;
	vlen = nlen < p->hdr_len ? p->hdr_len - nlen - 1 : 0;
	while (nlen > 0 && is_blank((unsigned char)f[nlen - 1]))
		nlen--;
	if (p->top && (text_ieq(f, nlen, "mime-version") ||
	    (nlen > 8 && text_ieq(f, 8, "content-"))))
		p->mime_seen = 1;
	if (text_ieq(f, nlen, "content-type"))
		seen = &p->have_ct;
	else if (text_ieq(f, nlen, "content-transfer-encoding"))
		seen = &p->have_cte;
	else if (text_ieq(f, nlen, "content-disposition"))
		seen = &p->have_cd;
	else
		return;
	if (*seen)
		return;         /* the first one wins */
	*seen = 1;
	if (p->hdr_over) {
		if (p->e_damage == MIME_DMG_NONE) {
			p->e_damage = MIME_DMG_HEADER;
			p->e_damage_line = p->hdr_line;
		}
		return;
	}
	if (seen == &p->have_ct)
		content_type(p, v, vlen);
	else if (seen == &p->have_cte)
		content_cte(p, v, vlen);
	else
		content_disposition(p, v, vlen);
}

/* The header block has ended: what is this entity? */
static void
end_headers(struct mime_parser *p)
{
	struct mime_frame *f;

	finish_field(p);
	/* A message's single body is its N.1. */
	if (p->kind_message && !(p->ct_multipart && p->have_boundary &&
	    p->e_damage == MIME_DMG_NONE) && !path_push(p, 1))
		too_deep(p);
	if (p->e_damage != MIME_DMG_NONE) {
		begin_leaf(p);
		return;
	}
	if (p->ct_multipart) {
		p->e_damage_line = p->ct_line;
		if (!p->have_boundary) {
			p->e_damage = MIME_DMG_NO_BOUNDARY;
		} else if (p->nframe == MIME_DEPTH_MAX ||
		    p->npath >= MIME_PATH_NUMS) {
			/* (No room for its parts' level.) */
			p->e_damage = MIME_DMG_DEPTH;
			if (p->kind_message)
				(void)path_push(p, 1);
		} else {
			f = &p->frame[p->nframe++];
			memcpy(f->boundary, p->boundary, p->blen);
			f->blen = p->blen;
			f->plen = p->npath;
			f->count = 0;
			f->digest = strcmp(p->part.type,
			    "multipart/digest") == 0;
			f->closed = 0;
			f->line = p->ct_line;
			p->state = ST_PREAMBLE;
			return;
		}
		begin_leaf(p);
		return;
	}
	if (strcmp(p->part.type, "message/rfc822") == 0 &&
	    p->part.enc <= MIME_ENC_BINARY) {
		if (p->npath >= MIME_PATH_NUMS) {
			/* No room for the level of the message inside. */
			too_deep(p);
			begin_leaf(p);
			return;
		}
		/* A message inside: its body is this part's N.1. */
		p->state = ST_HEADERS;
		p->kind_message = 1;
		p->top = 0;
		entity_reset(p, 0);
		return;
	}
	begin_leaf(p);
}

/* ---- Structure --------------------------------------------------- */

/*
 * Close what is open above frame F (a delimiter of F, or F == -1 for the
 * end of the message): the leaf being read, a header block never ended,
 * a multipart whose boundary never came.
 */
static void
close_above(struct mime_parser *p, long f)
{
	size_t i;
	int open_inner = 0;

	for (i = (size_t)(f + 1); i < p->nframe; i++)
		open_inner |= !p->frame[i].closed;
	if (p->state == ST_HEADERS) {
		if (p->top && p->first_line && f < 0) {
			notice(p, MIME_NOTE_NOT_MESSAGE, p->line);
			p->state = ST_SKIP;
			return;
		}
		/* A nested message's header block may follow: end it too. */
		while (p->state == ST_HEADERS)
			end_headers(p);
	}
	if (p->state == ST_PREAMBLE && (long)p->nframe - 1 > f) {
		p->npath = p->frame[p->nframe - 1].plen;
		notice(p, MIME_NOTE_NO_BOUNDARY, p->frame[p->nframe - 1].line);
	} else if (p->state == ST_BODY) {
		end_leaf(p, open_inner);
	}
	p->nframe = (size_t)(f + 1);
}

/*
 * The delimiter frame a line (content only) is, or -1; *close set.  A line
 * that is exactly "--B" or "--B--" (then blanks) of an open frame, the
 * innermost first; else a close delimiter with more after it ("--B--->",
 * as RFC 2046 5.1.1 allows: "it is sufficient that the boundary appear in
 * its entirety"), the innermost first.  ("--B" with more after it stays
 * text: "--b10" must not end a part of "b1".)
 */
static long
delimiter(struct mime_parser *p, const unsigned char *s, size_t n,
    int *close)
{
	const struct mime_frame *f;
	size_t i;
	int exact;

	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
		n--;
	if (n < 3 || s[0] != '-' || s[1] != '-')
		return -1;
	for (exact = 1; exact >= 0; exact--) {
		for (i = p->nframe; i-- > 0;) {
			f = &p->frame[i];
			if (f->closed || n < 2 + f->blen ||
			    memcmp(s + 2, f->boundary, f->blen) != 0)
				continue;
			*close = n >= 4 + f->blen &&
			    s[2 + f->blen] == '-' && s[3 + f->blen] == '-';
			if (exact ? n == 2 + f->blen || (*close &&
			    n == 4 + f->blen) : *close)
				return (long)i;
		}
	}
	return -1;
}

static void
on_delimiter(struct mime_parser *p, long fi, int close)
{
	struct mime_frame *f = &p->frame[fi];

	p->eol_held = 0;        /* the line end before belongs to it */
	close_above(p, fi);
	p->npath = f->plen;
	if (close) {
		f->closed = 1;
		p->state = ST_EPILOGUE;
		return;
	}
	p->state = ST_HEADERS;
	p->kind_message = 0;
	p->top = 0;
	entity_reset(p, f->digest);
	if (!path_push(p, ++f->count))
		too_deep(p);
}

/* One piece of a line for the message layer (see split()). */
static void
msg_piece(struct mime_parser *p, const unsigned char *s, size_t n,
    int first, int last)
{
	size_t eol = 0, clen;
	long fi;
	int close;

	if (last && n > 0 && s[n - 1] == '\n')
		eol = n >= 2 && s[n - 2] == '\r' ? 2 : 1;
	clen = n - eol;
	if (!first) {
		if (p->line_role == ROLE_FIELD)
			hdr_append(p, s, clen);
		else if (p->line_role == ROLE_BODY)
			body_put(p, s, clen);
		if (last && p->line_role == ROLE_BODY)
			p->eol_held = (int)eol;
		return;
	}
	p->line_role = ROLE_NONE;
	if (last && p->state != ST_SKIP &&
	    (fi = delimiter(p, s, clen, &close)) >= 0) {
		on_delimiter(p, fi, close);
		return;
	}
	switch (p->state) {
	case ST_HEADERS:
		if (last && clen == 0) {
			p->first_line = 0;
			end_headers(p);
			return;
		}
		if (is_blank(s[0]) && p->hdr_active) {
			p->line_role = ROLE_FIELD;
			hdr_append(p, s, clen);
			return;
		}
		if (is_field_line(s, clen)) {
			finish_field(p);
			p->first_line = 0;
			p->hdr_active = 1;
			p->hdr_len = 0;
			p->hdr_over = 0;
			p->hdr_line = p->line;
			p->line_role = ROLE_FIELD;
			hdr_append(p, s, clen);
			return;
		}
		if (p->top && p->first_line) {
			notice(p, MIME_NOTE_NOT_MESSAGE, p->line);
			p->state = ST_SKIP;
			return;
		}
		/* Not a header field: the body starts here. */
		end_headers(p);
		msg_piece(p, s, n, first, last);
		return;
	case ST_BODY:
		if (p->body_line == 0)
			p->body_line = p->line;
		flush_eol(p);
		p->line_role = ROLE_BODY;
		body_put(p, s, clen);
		if (last)
			p->eol_held = (int)eol;
		return;
	default:
		return;         /* preamble, epilogue, skipped */
	}
}

static void
end_message(struct mime_parser *p)
{
	if (p->message == 0)
		return;
	if (p->state == ST_BODY)
		flush_eol(p);
	close_above(p, -1);
	p->state = ST_SKIP;
}

/*
 * Whether S[0..N) (a line starting "From ") has the shape of an mbox
 * From_ line (RFC 4155): "From ", a sender, and a date as asctime(3)
 * writes it, "Www Mmm dd hh:mm[:ss] [zone] yyyy", after which anything
 * may follow ("remote from ...").  The sender may hold blanks (a quoted
 * local part) or be missing, so the date is looked for at every word
 * among the first few.  "From time to time" has no such date.
 */
static int
is_word(const unsigned char *s, size_t n, const char *const *set, size_t k)
{
	size_t i;

	if (n != 3)
		return 0;
	for (i = 0; i < k; i++)
		if (memcmp(s, set[i], 3) == 0)
			return 1;
	return 0;
}

static size_t
digits(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* The words of S[0..N) separated by blanks: the word at *I, *I moved past
 * it and the blanks after it; its length. */
static size_t
next_word(const unsigned char *s, size_t n, size_t *i, size_t *start)
{
	size_t b;

	*start = *i;
	for (b = *i; b < n && s[b] != ' ' && s[b] != '\t' && s[b] != '\r' &&
	    s[b] != '\n'; b++)
		;
	*i = b;
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
	return b - *start;
}

static int
is_asctime(const unsigned char *s, size_t n, size_t i)
{
	static const char *const days[] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	size_t w, at, d, k;

	w = next_word(s, n, &i, &at);
	if (!is_word(s + at, w, days, 7))
		return 0;
	w = next_word(s, n, &i, &at);
	if (!is_word(s + at, w, months, 12))
		return 0;
	w = next_word(s, n, &i, &at);
	if (w < 1 || w > 2 || digits(s + at, w) != w)
		return 0;
	/* hh:mm or hh:mm:ss */
	w = next_word(s, n, &i, &at);
	d = digits(s + at, w);
	if (d < 1 || d > 2 || d + 3 > w || s[at + d] != ':' ||
	    digits(s + at + d + 1, w - d - 1) != 2)
		return 0;
	k = d + 3;
	if (k < w && (s[at + k] != ':' || k + 3 != w ||
	    digits(s + at + k + 1, 2) != 2))
		return 0;
	/* The year, after at most two words of zone ("PST", "+0100"). */
	for (k = 0; k < 3; k++) {
		w = next_word(s, n, &i, &at);
		if (w == 0)
			return 0;
		if ((w == 4 || w == 2) && digits(s + at, w) == w)
			return 1;
	}
	return 0;
}

static int
is_from_line(const unsigned char *s, size_t n)
{
	size_t i = 5, at, w, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (k = 0; k < 8 && i < n; k++) {
		if (is_asctime(s, n, i))
			return 1;
		if (s[i] == '"') {
			/* A quoted local part may hold blanks. */
			const unsigned char *q = memchr(s + i + 1, '"',
			    n - i - 1);

			if (q == NULL)
				return 0;
			i = (size_t)(q - s) + 1;
		}
		w = next_word(s, n, &i, &at);
		if (w == 0)
			return 0;
	}
	return 0;
}

/* One piece of a line: the mbox layer. */
static void
piece(struct mime_parser *p, const unsigned char *s, size_t n, int first,
    int last)
{
	static const unsigned char crlf[] = "\r\n";
	size_t k;
	int eol;

	if (first) {
		p->skip_line = 0;
		if (p->mbox < 0)
			p->mbox = n >= 5 && memcmp(s, "From ", 5) == 0;
		/* A separator: the first line, or a From_ line after a
		 * blank line (RFC 4155; any other line starting "From " is
		 * text). */
		if (p->mbox && n >= 5 && memcmp(s, "From ", 5) == 0 &&
		    (p->message == 0 ||
		    (p->blank_held && is_from_line(s, n)))) {
			p->blank_held = 0;      /* it belongs to the separator */
			end_message(p);
			start_message(p);
			p->skip_line = 1;
		} else if (p->mbox) {
			if (p->blank_held) {
				p->line--;
				msg_piece(p, crlf + 2 - p->blank_held,
				    (size_t)p->blank_held, 1, 1);
				p->line++;
				p->blank_held = 0;
			}
			eol = last && n > 0 && s[n - 1] == '\n' ? 1 : 0;
			if (eol && n >= 2 && s[n - 2] == '\r')
				eol = 2;
			if (eol && (size_t)eol == n) {
				p->blank_held = eol;
				p->skip_line = 1;
			}
			for (k = 0; k < n && s[k] == '>'; k++)
				;
			if (k > 0 && n - k >= 5 &&
			    memcmp(s + k, "From ", 5) == 0) {
				s++;
				n--;
			}
		} else if (p->message == 0) {
			start_message(p);
		}
	}
	if (!p->skip_line && !p->stopped)
		msg_piece(p, s, n, first, last);
	if (last && n > 0 && s[n - 1] == '\n')
		p->line++;
}

/* ---- Lines ------------------------------------------------------- */

/* The first MIME_PEEK bytes of a longer line (no LF among them). */
static void
first_long(struct mime_parser *p, const unsigned char *s)
{
	size_t k = MIME_PEEK;

	if (s[k - 1] == '\r') {
		k--;
		p->cr_held = 1;
	}
	p->in_line = 1;
	piece(p, s, k, 1, 0);
}

/*
 * The fast path for bodies: the whole lines at S that cannot be a
 * delimiter (or, in an mbox, a separator, quoted or blank line) go to the
 * body in one piece, exactly as line by line would give them (the line
 * end of the last one held back).  Returns the bytes taken.
 */
/*
 * Line feeds in S[0..N), eight bytes at a time: a byte equal to '\n'
 * gets its top bit set (exact: no carry crosses bytes), and a multiply
 * adds up those bits.  Compilers vectorise this loop.
 */
static uint64_t
count_lf(const unsigned char *s, size_t n)
{
	const uint64_t lo7 = 0x7f7f7f7f7f7f7f7full;
	const uint64_t lf = 0x0a0a0a0a0a0a0a0aull;
	uint64_t w, t, count = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		w ^= lf;
		t = ~(((w & lo7) + lo7) | w | lo7);
		count += ((t >> 7) * 0x0101010101010101ull) >> 56;
	}
	for (; i < n; i++)
		count += s[i] == '\n';
	return count;
}

static size_t
body_run(struct mime_parser *p, const unsigned char *s, size_t n)
{
	const unsigned char *lf, *q;
	size_t i = 0, end = n, eol;
	uint64_t lines = 0;

	if (p->mbox) {
		/* Separators, quoted and blank lines: line by line. */
		while (i < n) {
			if (s[i] == '-' || s[i] == 'F' || s[i] == '>' ||
			    s[i] == '\r' || s[i] == '\n')
				break;
			lf = memchr(s + i, '\n', n - i);
			if (lf == NULL)
				break;
			i = (size_t)(lf - s) + 1;
			lines++;
		}
	} else {
		/* Only a line starting with '-' can be a delimiter: the run
		 * ends before the first one (base64 has no '-' at all). */
		if (s[0] == '-')
			return 0;
		for (q = s; (q = memchr(q, '-', (size_t)(s + n - q))) != NULL;
		    q++) {
			if (q[-1] == '\n') {
				end = (size_t)(q - s);
				break;
			}
		}
		/* The run ends with the last complete line before END. */
		lf = memrchr(s, '\n', end);
		if (lf == NULL)
			return 0;
		i = (size_t)(lf - s) + 1;
		lines = count_lf(s, i);
	}
	if (lines == 0)
		return 0;
	eol = i >= 2 && s[i - 2] == '\r' ? 2 : 1;
	if (p->body_line == 0)
		p->body_line = p->line;
	flush_eol(p);
	body_put(p, s, i - eol);
	p->eol_held = (int)eol;
	p->line += lines;
	return i;
}

static void
split(struct mime_parser *p, const unsigned char *s, size_t n)
{
	static const unsigned char crlf[] = "\r\n";
	const unsigned char *lf;
	size_t k, take, len;

	while (n > 0 && !p->stopped) {
		if (p->in_line) {
			lf = memchr(s, '\n', n);
			k = lf != NULL ? (size_t)(lf - s) + 1 : n;
			if (p->cr_held) {
				p->cr_held = 0;
				if (lf == s) {
					p->in_line = 0;
					piece(p, crlf, 2, 0, 1);
					s++;
					n--;
					continue;
				}
				piece(p, crlf, 1, 0, 0);
			}
			len = k;
			if (lf == NULL && s[k - 1] == '\r') {
				len--;
				p->cr_held = 1;
			}
			if (lf != NULL)
				p->in_line = 0;
			piece(p, s, len, 0, lf != NULL);
			s += k;
			n -= k;
			continue;
		}
		/* (Not while an mbox blank line waits: it goes first.) */
		if (p->lb_len == 0 && p->state == ST_BODY && !p->blank_held &&
		    (k = body_run(p, s, n)) > 0) {
			s += k;
			n -= k;
			continue;
		}
		if (p->lb_len == 0) {
			take = n < MIME_PEEK ? n : MIME_PEEK;
			lf = memchr(s, '\n', take);
			if (lf != NULL) {
				k = (size_t)(lf - s) + 1;
				piece(p, s, k, 1, 1);
				s += k;
				n -= k;
			} else if (n >= MIME_PEEK) {
				first_long(p, s);
				s += MIME_PEEK;
				n -= MIME_PEEK;
			} else {
				memcpy(p->lb, s, n);
				p->lb_len = n;
				n = 0;
			}
			continue;
		}
		take = MIME_PEEK - p->lb_len;
		if (take > n)
			take = n;
		lf = memchr(s, '\n', take);
		if (lf != NULL) {
			k = (size_t)(lf - s) + 1;
			memcpy(p->lb + p->lb_len, s, k);
			len = p->lb_len + k;
			p->lb_len = 0;
			piece(p, p->lb, len, 1, 1);
			s += k;
			n -= k;
			continue;
		}
		memcpy(p->lb + p->lb_len, s, take);
		p->lb_len += take;
		s += take;
		n -= take;
		if (p->lb_len == MIME_PEEK) {
			p->lb_len = 0;
			first_long(p, p->lb);
		}
	}
}

void
mime_init(struct mime_parser *p, const struct mime_handler *h)
{
	memset(p, 0, sizeof(*p));
	p->h = *h;
	p->mbox = -1;
	p->line = 1;
	p->state = ST_SKIP;
}

void
mime_number_from(struct mime_parser *p, unsigned long first)
{
	p->numbered = 1;
	p->message_base = first - 1;
}

void
mime_single(struct mime_parser *p)
{
	p->mbox = 0;
}

unsigned long
mime_messages(const struct mime_parser *p)
{
	return p->message;
}

enum mime_result
mime_feed(struct mime_parser *p, const void *buf, size_t n)
{
	split(p, buf, n);
	return p->stopped ? MIME_STOPPED : MIME_CONTINUE;
}

enum mime_result
mime_finish(struct mime_parser *p)
{
	static const unsigned char crlf[] = "\r\n";
	size_t len = p->lb_len;

	if (len > 0) {
		p->lb_len = 0;
		piece(p, p->lb, len, 1, 1);
	} else if (p->in_line) {
		p->in_line = 0;
		piece(p, crlf, p->cr_held ? 1 : 0, 0, 1);
		p->cr_held = 0;
	}
	if (p->blank_held && p->message > 0 && !p->stopped) {
		/* At the end, a blank line is the body's own. */
		msg_piece(p, crlf + 2 - p->blank_held, (size_t)p->blank_held,
		    1, 1);
		p->blank_held = 0;
	}
	if (p->message == 0)
		notice(p, MIME_NOTE_NOT_MESSAGE, 1);
	else
		end_message(p);
	mime_release(p);
	return p->stopped ? MIME_STOPPED : MIME_CONTINUE;
}
