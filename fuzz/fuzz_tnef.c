/*
 * fuzz_tnef.c - the TNEF reader (src/mime/tnef.h).
 *
 * Input: bytes 0-3 a seed; the rest is the stream.
 *
 * Fed whole and fed in a random split (empty pieces too), the reader gives
 * the same files: the same count, names, damage flags, sizes and bytes
 * (a hash), and the same verdict from tnef_finish().  Files begin and end
 * in pairs, data comes only inside one, a name is at most TNEF_NAME_MAX
 * bytes and valid UTF-8; no file holds more bytes than the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "text.h"
#include "tnef.h"

struct files {
	int open;
	unsigned long count;
	uint64_t hash, bytes, total;
	uint64_t summary;       /* of names, flags, sizes, hashes */
};

static void
mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		*h = (*h ^ s[i]) * 1099511628211ull;
}

static void
on_begin(void *ctx)
{
	struct files *f = ctx;

	FZ_CHECK(!f->open);
	f->open = 1;
	f->count++;
	f->hash = 1469598103934665603ull;
	f->bytes = 0;
}

static void
on_data(void *ctx, const unsigned char *s, size_t n)
{
	struct files *f = ctx;

	FZ_CHECK(f->open);
	mix(&f->hash, s, n);
	f->bytes += n;
	f->total += n;
}

static void
on_end(void *ctx, const unsigned char *name, size_t n, int damaged)
{
	struct files *f = ctx;
	size_t i, k;

	FZ_CHECK(f->open);
	f->open = 0;
	FZ_CHECK(n <= TNEF_NAME_MAX);
	for (i = 0; i < n; i += k) {
		k = text_utf8_len(name + i, n - i);
		FZ_CHECKF(k > 0, "name byte %zu of %zu is not UTF-8", i, n);
	}
	mix(&f->summary, name, n);
	mix(&f->summary, &damaged, sizeof(damaged));
	mix(&f->summary, &f->bytes, sizeof(f->bytes));
	mix(&f->summary, &f->hash, sizeof(f->hash));
}

static struct tnef_parser parser;

static int
run(const uint8_t *s, size_t n, struct fz_rng *r, struct files *f)
{
	struct tnef_handler h = { f, on_begin, on_data, on_end };
	size_t k, at;
	int rc;

	memset(f, 0, sizeof(*f));
	f->summary = 1469598103934665603ull;
	tnef_init(&parser, &h);
	for (at = 0; at < n; at += k) {
		k = r != NULL ? fz_below(r, n - at + 1) : n - at;
		tnef_feed(&parser, s + at, k);
	}
	rc = tnef_finish(&parser);
	FZ_CHECK(!f->open);
	FZ_CHECKF(f->total <= n, "%llu bytes of files from %zu",
	    (unsigned long long)f->total, n);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	struct fz_rng r;
	struct files one, other;
	int rc1, rc2;

	r.s = fz_u32(&in);
	fz_note("whole, %zu bytes", in.n);
	rc1 = run(in.p, in.n, NULL, &one);
	fz_note("random split");
	rc2 = run(in.p, in.n, &r, &other);
	FZ_CHECK(rc1 == rc2);
	FZ_CHECKF(one.count == other.count && one.summary == other.summary,
	    "%lu files whole, %lu split, or they differ", one.count,
	    other.count);
	return 0;
}
