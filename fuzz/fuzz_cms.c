/*
 * fuzz_cms.c - the S/MIME signed-data reader (src/mime/cms.h).
 *
 * Input: bytes 0-3 a seed; the rest is the DER/BER.
 *
 * Fed whole and fed in a random split (empty pieces too), the reader
 * gives the same result and the same content bytes (a hash and a count),
 * never more content than input; once it says CMS_DONE, CMS_OTHER or
 * CMS_BAD, more input changes nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cms.h"
#include "fuzz_common.h"

struct content {
	uint64_t hash, bytes;
	int ended;              /* a result other than CMS_MORE seen */
};

static void
on_content(void *ctx, const unsigned char *s, size_t n)
{
	struct content *c = ctx;
	size_t i;

	FZ_CHECK(!c->ended);
	for (i = 0; i < n; i++)
		c->hash = (c->hash ^ s[i]) * 1099511628211ull;
	c->bytes += n;
}

static enum cms_result
run(const uint8_t *s, size_t n, struct fz_rng *r, struct content *c)
{
	struct cms_reader rd;
	enum cms_result res = CMS_MORE, was;
	size_t k, at;

	memset(c, 0, sizeof(*c));
	c->hash = 1469598103934665603ull;
	cms_init(&rd, on_content, c);
	for (at = 0; at < n; at += k) {
		k = r != NULL ? fz_below(r, n - at + 1) : n - at;
		was = res;
		res = cms_feed(&rd, s + at, k);
		FZ_CHECK(was == CMS_MORE || res == was);
		if (res != CMS_MORE)
			c->ended = 1;
	}
	res = cms_finish(&rd);
	FZ_CHECK(res != CMS_MORE);
	FZ_CHECKF(c->bytes <= n, "%llu content bytes from %zu",
	    (unsigned long long)c->bytes, n);
	return res;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	struct fz_rng r;
	struct content one, other;
	enum cms_result a, b;

	r.s = fz_u32(&in);
	fz_note("whole, %zu bytes", in.n);
	a = run(in.p, in.n, NULL, &one);
	fz_note("random split");
	b = run(in.p, in.n, &r, &other);
	FZ_CHECKF(a == b && one.bytes == other.bytes && one.hash == other.hash,
	    "results %d and %d, %llu and %llu bytes", (int)a, (int)b,
	    (unsigned long long)one.bytes, (unsigned long long)other.bytes);
	return 0;
}
