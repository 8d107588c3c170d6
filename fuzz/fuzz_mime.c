/*
 * fuzz_mime.c - the MIME parser (src/mime/mime.h): any split of the input
 * gives the same listing, and every part keeps the header's promises.
 *
 * Input: bytes 0-3 a seed; the rest is the message.
 *
 * The listing (every callback with its arguments: path, type, encoding,
 * name, size, status, damage and its line and column, a hash of the
 * decoded bytes, notices) of one mime_feed() call must equal the listing
 * of two random splits (empty chunks too) and of byte-at-a-time feeding
 * for short inputs.  Each part: path non-empty, size equal to the bytes
 * delivered, status and damage consistent, a damage line within the
 * input's lines, name within MIME_NAME_MAX; its file name (name.h) is a
 * single non-empty component of at most MIME_FILE_MAX bytes, not "." or
 * "..", without '/', '\' or control bytes; the numbered form fits too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "mime.h"
#include "name.h"

struct listing {
	char *s;
	size_t len, cap;
	/* by level (mime_part.item): the open part, an item inside it, an
	 * item inside that */
	uint64_t hash[3], nbytes[3];
	uint64_t lines;         /* of the input */
	int depth;              /* levels open */
	char path[3][MIME_PATH_MAX];
};

static void
add(struct listing *l, const void *p, size_t n)
{
	if (l->len + n > l->cap) {
		l->cap = 2 * (l->len + n) + 256;
		l->s = realloc(l->s, l->cap);
		FZ_CHECK(l->s != NULL);
	}
	memcpy(l->s + l->len, p, n);
	l->len += n;
}

static void
addf(struct listing *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
addf(struct listing *l, const char *fmt, ...)
{
	char buf[2 * MIME_PATH_MAX];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	FZ_CHECK(k >= 0 && (size_t)k < sizeof(buf));
	add(l, buf, (size_t)k);
}

static void
check_file(const struct mime_part *pt)
{
	char f[MIME_FILE_MAX + 1], g[MIME_FILE_MAX + 1];
	size_t n, i;

	n = mime_file_name(pt->name, pt->name_len, pt->path, pt->type, f);
	FZ_CHECKF(n > 0 && n <= MIME_FILE_MAX && n == strlen(f),
	    "file name length %zu", n);
	FZ_CHECK(strcmp(f, ".") != 0 && strcmp(f, "..") != 0);
	for (i = 0; i < n; i++)
		FZ_CHECKF((unsigned char)f[i] >= 0x20 && f[i] != 0x7f &&
		    f[i] != '/' && f[i] != '\\', "byte 0x%02x in a file name",
		    (unsigned char)f[i]);
	n = mime_file_numbered(f, 99999, g);
	FZ_CHECK(n > 0 && n <= MIME_FILE_MAX && n == strlen(g));
	FZ_CHECK(strchr(g, '/') == NULL);
}

static int
on_begin(void *ctx, const struct mime_part *pt)
{
	struct listing *l = ctx;
	int k = pt->item;
	size_t plen;

	FZ_CHECK(pt->path[0] != 0);
	FZ_CHECK(pt->name_len <= MIME_NAME_MAX);
	/* One level below the innermost open one; an item's path is that
	 * one's, '/' and more. */
	FZ_CHECKF(k >= 0 && k < 3 && k == l->depth, "level %d with %d open",
	    k, l->depth);
	if (k > 0) {
		plen = strlen(l->path[k - 1]);
		FZ_CHECK(strncmp(pt->path, l->path[k - 1], plen) == 0 &&
		    pt->path[plen] == '/');
	}
	strcpy(l->path[k], pt->path);
	l->depth++;
	l->hash[k] = 1469598103934665603ull;
	l->nbytes[k] = 0;
	addf(l, "begin %s %s %s %d %d %d %lu ", pt->path, pt->type,
	    pt->encoding, (int)pt->enc, pt->has_name, pt->attachment,
	    pt->message);
	add(l, pt->name, pt->name_len);
	add(l, "\n", 1);
	check_file(pt);
	return 0;
}

static int
on_data(void *ctx, const struct mime_part *pt, const unsigned char *b,
    size_t n)
{
	struct listing *l = ctx;
	int k = pt->item;
	size_t i;

	FZ_CHECK(k >= 0 && k < l->depth && n > 0);
	for (i = 0; i < n; i++)
		l->hash[k] = (l->hash[k] ^ b[i]) * 1099511628211ull;
	l->nbytes[k] += n;
	return 0;
}

static int
on_end(void *ctx, const struct mime_part *pt)
{
	struct listing *l = ctx;
	int k = pt->item;

	/* The innermost open one (its items have ended). */
	FZ_CHECK(k >= 0 && k + 1 == l->depth);
	FZ_CHECK(strcmp(pt->path, l->path[k]) == 0);
	l->depth--;
	FZ_CHECKF(pt->size == l->nbytes[k], "size %llu, delivered %llu",
	    (unsigned long long)pt->size, (unsigned long long)l->nbytes[k]);
	FZ_CHECK(pt->status <= MIME_RAW);
	FZ_CHECK(pt->status != MIME_DAMAGED || pt->damage != MIME_DMG_NONE);
	FZ_CHECK(pt->status == MIME_TRUNCATED ||
	    (pt->damage != MIME_DMG_NONE) == (pt->status == MIME_DAMAGED));
	if (pt->damage != MIME_DMG_NONE)
		FZ_CHECKF(pt->damage_line >= 1 &&
		    pt->damage_line <= l->lines && pt->damage_col >= 1,
		    "damage at %llu:%llu, input has %llu lines",
		    (unsigned long long)pt->damage_line,
		    (unsigned long long)pt->damage_col,
		    (unsigned long long)l->lines);
	addf(l, "end %s %llu %s %d %llu %llu %016llx\n", pt->path,
	    (unsigned long long)pt->size, mime_status_name(pt->status),
	    (int)pt->damage, (unsigned long long)pt->damage_line,
	    (unsigned long long)pt->damage_col,
	    (unsigned long long)l->hash[k]);
	return 0;
}

static int
on_notice(void *ctx, enum mime_note note, const char *path, uint64_t line)
{
	struct listing *l = ctx;

	FZ_CHECK(l->depth == 0);
	addf(l, "notice %d %s %llu\n", (int)note, path,
	    (unsigned long long)line);
	return 0;
}

static struct mime_parser parser;

static void
parse(const uint8_t *p, size_t n, struct fz_rng *r, size_t step,
    struct listing *l)
{
	struct mime_handler h = { NULL, on_begin, on_data, on_end,
		on_notice };
	size_t k;

	h.ctx = l;
	l->len = 0;
	l->depth = 0;
	mime_init(&parser, &h);
	while (n > 0) {
		k = step ? step : r ? fz_below(r, n + 1) : n;
		if (k > n)
			k = n;
		FZ_CHECK(mime_feed(&parser, p, k) == MIME_CONTINUE);
		p += k;
		n -= k;
		if (r != NULL && fz_below(r, 4) == 0)
			FZ_CHECK(mime_feed(&parser, p, 0) == MIME_CONTINUE);
	}
	FZ_CHECK(mime_finish(&parser) == MIME_CONTINUE);
	FZ_CHECK(l->depth == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	struct fz_rng r;
	struct listing one = { 0 }, other = { 0 };
	size_t i;
	int round;

	r.s = fz_u32(&in);
	one.lines = other.lines = 1;
	for (i = 0; i < in.n; i++)
		one.lines += in.p[i] == '\n';
	other.lines = one.lines;
	fz_note("one-shot parse of %zu bytes", in.n);
	parse(in.p, in.n, NULL, 0, &one);
	for (round = 0; round < 3; round++) {
		if (round == 2 && in.n > 4096)
			break;
		fz_note("parse, %s", round == 2 ? "one byte at a time" :
		    "random split");
		parse(in.p, in.n, &r, round == 2 ? 1 : 0, &other);
		FZ_CHECKF(one.len == other.len && (one.len == 0 ||
		    memcmp(one.s, other.s, one.len) == 0),
		    "listings differ:\n--- one-shot\n%.*s--- split\n%.*s",
		    (int)one.len, one.s, (int)other.len, other.s);
	}
	free(one.s);
	free(other.s);
	return 0;
}
