/*
 * partial.c - message/partial fragments gathered and joined (partial.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partial.h"
#include "safefile.h"

void
partials_init(struct partials *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->fd = -1;
}

int
partials_free(struct partials *ps)
{
	size_t i;
	int err = 0;

	for (i = 0; i < ps->n; i++)
		free(ps->v[i].id);
	free(ps->v);
	free(ps->done);
	if (ps->fd >= 0 && close(ps->fd) != 0)
		err = errno;
	partials_init(ps);
	return err;
}

int
partials_begin(struct partials *ps, const char *id, size_t idlen,
    unsigned long number, unsigned long total)
{
	struct fragment *f;

	ps->open = 0;
	if (ps->err != 0)
		return -1;
	if (ps->n == PARTIALS_MAX) {
		ps->over = 1;
		return -1;
	}
	if (ps->fd < 0 && (ps->fd = sf_scratch()) < 0) {
		ps->err = errno;
		return -1;
	}
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? 2 * ps->cap : 64;

		f = realloc(ps->v, cap * sizeof(*f));
		if (f == NULL) {
			ps->err = ENOMEM;
			return -1;
		}
		ps->v = f;
		ps->cap = cap;
	}
	f = &ps->v[ps->n];
	if ((f->id = malloc(idlen + 1)) == NULL) {
		ps->err = ENOMEM;
		return -1;
	}
	memcpy(f->id, id, idlen);
	f->id[idlen] = '\0';
	f->idlen = idlen;
	f->number = number;
	f->total = total;
	f->off = ps->end;
	f->len = 0;
	ps->n++;
	ps->open = 1;
	return 0;
}

int
partials_add(struct partials *ps, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	ssize_t w;

	if (!ps->open)
		return 0;
	while (n > 0) {
		w = pwrite(ps->fd, p, n, (off_t)ps->end);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			ps->err = w < 0 ? errno : ENOSPC;
			ps->open = 0;
			ps->n--;        /* (not joinable: gone) */
			free(ps->v[ps->n].id);
			return -1;
		}
		ps->end += (uint64_t)w;
		ps->v[ps->n - 1].len += (uint64_t)w;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void
partials_end(struct partials *ps)
{
	ps->open = 0;
}

static int
cmp_id(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

/* By id, then number, then document order (the first copy first). */
static int
cmp_fragment(const void *x, const void *y)
{
	const struct fragment *a = x, *b = y;
	int c = cmp_id(a->id, a->idlen, b->id, b->idlen);

	if (c != 0)
		return c;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	return (a->off > b->off) - (a->off < b->off);
}

void
partials_done(struct partials *ps)
{
	if (ps->n > 0)
		qsort(ps->v, ps->n, sizeof(*ps->v), cmp_fragment);
	ps->done = calloc(ps->n + 1, 1);
	if (ps->done == NULL)
		ps->err = ENOMEM;
}

long
partials_group(const struct partials *ps, const char *id, size_t idlen,
    size_t *n)
{
	size_t lo = 0, hi = ps->n, mid, end;

	/* The first record whose id is not below ID. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_id(ps->v[mid].id, ps->v[mid].idlen, id, idlen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ps->n || cmp_id(ps->v[lo].id, ps->v[lo].idlen, id,
	    idlen) != 0)
		return -1;
	for (end = lo + 1; end < ps->n && cmp_id(ps->v[end].id,
	    ps->v[end].idlen, id, idlen) == 0; end++)
		;
	*n = end - lo;
	return (long)lo;
}

/* The group's total: the one all fragments giving it agree on; 0 when
 * none gives it, -1 when they disagree. */
static long
group_total(const struct partials *ps, size_t g, size_t n)
{
	unsigned long t = 0;
	size_t i;

	for (i = g; i < g + n; i++) {
		if (ps->v[i].total == 0)
			continue;
		if (t != 0 && ps->v[i].total != t)
			return -1;
		t = ps->v[i].total;
	}
	return (long)t;
}

int
partials_complete(const struct partials *ps, size_t g, size_t n)
{
	long t = group_total(ps, g, n);
	unsigned long want = 1;
	size_t i;

	if (t <= 0)
		return 0;
	/* Sorted by number: 1, 2, ... t, copies allowed. */
	for (i = g; i < g + n; i++) {
		if (ps->v[i].number == want)
			want++;
		else if (ps->v[i].number != want - 1)
			return 0;
	}
	return want == (unsigned long)t + 1;
}

void
partials_why(const struct partials *ps, size_t g, size_t n, char *buf,
    size_t cap)
{
	long t = group_total(ps, g, n);
	unsigned long top, k, shown = 0, missing = 0;
	char list[160];
	size_t i = g, len = 0;

	if (t < 0) {
		(void)snprintf(buf, cap, "its fragments disagree on total=");
		return;
	}
	top = t > 0 ? (unsigned long)t : ps->v[g + n - 1].number;
	if (ps->v[g + n - 1].number > top) {
		(void)snprintf(buf, cap, "fragment %lu is beyond total=%lu",
		    ps->v[g + n - 1].number, top);
		return;
	}
	list[0] = '\0';
	for (k = 1; k <= top; k++) {
		while (i < g + n && ps->v[i].number < k)
			i++;
		if (i < g + n && ps->v[i].number == k)
			continue;
		if (missing++ < 10)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s%lu", shown++ ? ", " : "", k);
	}
	if (missing > shown)
		(void)snprintf(list + len, sizeof(list) - len,
		    " and %lu more", missing - shown);
	if (t > 0)
		(void)snprintf(buf, cap, "missing fragment%s %s (of %lu)",
		    missing > 1 ? "s" : "", list, top);
	else if (missing > 0)
		(void)snprintf(buf, cap, "missing fragments %s and the last "
		    "(no fragment gives total=)", list);
	else
		(void)snprintf(buf, cap, "missing the last fragment (no "
		    "fragment gives total=)");
}

int
partials_read(const struct partials *ps, size_t g, size_t n,
    int (*fn)(void *ctx, const unsigned char *buf, size_t len), void *ctx)
{
	static unsigned char buf[1 << 16];
	unsigned long last = 0;
	uint64_t off, left;
	ssize_t r;
	size_t i;

	for (i = g; i < g + n; i++) {
		if (ps->v[i].number == last)
			continue;       /* a second copy */
		last = ps->v[i].number;
		off = ps->v[i].off;
		for (left = ps->v[i].len; left > 0; left -= (uint64_t)r) {
			r = pread(ps->fd, buf, left < sizeof(buf) ?
			    (size_t)left : sizeof(buf), (off_t)off);
			if (r < 0 && errno == EINTR) {
				r = 0;
				continue;
			}
			if (r <= 0) {
				if (r == 0)
					errno = EIO;
				return -1;
			}
			if (fn(ctx, buf, (size_t)r) != 0)
				return -1;
			off += (uint64_t)r;
		}
	}
	return 0;
}
