/*
 * testutil.c - the helpers of testutil.h.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "b64.h"
#include "testutil.h"

uint64_t
splitmix64(uint64_t *s)
{
	uint64_t z;

	*s += UINT64_C(0x9e3779b97f4a7c15);
	z = *s;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void
rng_init(struct rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t
rng_next(struct rng *r)
{
	return splitmix64(&r->s);
}

size_t
rng_below(struct rng *r, size_t n)
{
	return n ? (size_t)(rng_next(r) % n) : 0;
}

void
rng_fill(struct rng *r, unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(rng_next(r) >> 56);
}

const char *
ref_alphabet(unsigned flags)
{
	if (flags & B64_ALPHA_URL)
		return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_";
	return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";
}

size_t
ref_encode(const void *vin, size_t n, unsigned flags, size_t wrap, char *out)
{
	const unsigned char *in = vin;
	const char *a = ref_alphabet(flags);
	size_t i, k, len = 0, col = 0;

	for (i = 0; i < n; i += 3) {
		size_t left = n - i, nq = 4;
		unsigned long v = (unsigned long)in[i] << 16;
		char q[4];

		if (left > 1)
			v |= (unsigned long)in[i + 1] << 8;
		if (left > 2)
			v |= in[i + 2];
		q[0] = a[(v >> 18) & 63];
		q[1] = a[(v >> 12) & 63];
		q[2] = a[(v >> 6) & 63];
		q[3] = a[v & 63];
		if (left == 1) {
			q[2] = q[3] = '=';
			if (flags & B64_NO_PAD)
				nq = 2;
		} else if (left == 2) {
			q[3] = '=';
			if (flags & B64_NO_PAD)
				nq = 3;
		}
		for (k = 0; k < nq; k++) {
			out[len++] = q[k];
			if (wrap && ++col == wrap) {
				if (flags & B64_CRLF)
					out[len++] = '\r';
				out[len++] = '\n';
				col = 0;
			}
		}
	}
	if (wrap && col) {
		if (flags & B64_CRLF)
			out[len++] = '\r';
		out[len++] = '\n';
	}
	return len;
}

int
ref_value(unsigned flags, unsigned char c)
{
	const char *a = ref_alphabet(flags);
	int i;

	for (i = 0; i < 64; i++)
		if ((unsigned char)a[i] == c)
			return i;
	return -1;
}

const char *
status_name(enum b64_status st)
{
	switch (st) {
	case B64_OK: return "B64_OK";
	case B64_NEED_OUTPUT: return "B64_NEED_OUTPUT";
	case B64_ERR_BAD_CHAR: return "B64_ERR_BAD_CHAR";
	case B64_ERR_PAD_INSIDE: return "B64_ERR_PAD_INSIDE";
	case B64_ERR_MISSING_PAD: return "B64_ERR_MISSING_PAD";
	case B64_ERR_PAD_NOT_ALLOWED: return "B64_ERR_PAD_NOT_ALLOWED";
	case B64_ERR_TOO_MUCH_PAD: return "B64_ERR_TOO_MUCH_PAD";
	case B64_ERR_DATA_AFTER_PAD: return "B64_ERR_DATA_AFTER_PAD";
	case B64_ERR_NONCANONICAL: return "B64_ERR_NONCANONICAL";
	case B64_ERR_TRUNCATED: return "B64_ERR_TRUNCATED";
	case B64_ERR_UNSUPPORTED: return "B64_ERR_UNSUPPORTED";
	default: return "(unknown status)";
	}
}

size_t
impl_registry(struct impl *impls, size_t max)
{
	const char *name;
	size_t n = 0;
	unsigned id;

	while (n + 1 < max && (name = b64_impl_at(n, &id)) != NULL) {
		impls[n].id = id;
		impls[n].name = name;
		n++;
	}
	impls[n].id = B64_IMPL_AUTO;
	impls[n].name = "auto";
	return n + 1;
}

/* Two separate static arrays, so each one is followed by an ASan redzone. */
static unsigned char arena_in_buf[ARENA_LEN];
static unsigned char arena_out_buf[ARENA_LEN + GUARD_LEN];

const unsigned char *
arena_input(const void *in, size_t n)
{
	unsigned char *p = arena_in_buf + ARENA_LEN - n;

	if (n)
		memcpy(p, in, n);
	return p;
}

unsigned char *
arena_output(size_t cap)
{
	unsigned char *p = arena_out_buf + ARENA_LEN - cap;

	memset(p, GUARD_BYTE, cap + GUARD_LEN);
	return p;
}

int
arena_guard_ok(void)
{
	const unsigned char *g = arena_out_buf + ARENA_LEN;
	size_t i;

	for (i = 0; i < GUARD_LEN; i++)
		if (g[i] != GUARD_BYTE)
			return 0;
	return 1;
}

/* R's length and breaches after a call that wrote LEN bytes to OP, of CAP
 * (dec_oneshot, enc_oneshot). */
static void
oneshot_done(struct oneshot *r, const unsigned char *op, size_t cap,
    size_t len, void *out)
{
	r->bad = NULL;
	if (!arena_guard_ok())
		r->bad = "wrote past the output capacity";
	if (len > cap) {
		r->bad = "out_len larger than the capacity";
		len = 0;
	}
	r->len = len;
	if (len)
		memcpy(out, op, len);
}

void
dec_oneshot(const void *in, size_t n, unsigned flags, void *out, size_t cap,
    struct oneshot *r)
{
	const unsigned char *ip = arena_input(in, n);
	unsigned char *op = arena_output(cap);
	uint64_t off = UINT64_MAX;
	size_t len = SIZE_MAX;

	r->st = b64_decode(ip, n, op, cap, &len, &off, flags);
	oneshot_done(r, op, cap, len, out);
	r->off = B64_IS_ERROR(r->st) ? off : 0;
}

void
enc_oneshot(const void *in, size_t n, unsigned flags, size_t wrap, void *out,
    size_t cap, struct oneshot *r)
{
	const unsigned char *ip = arena_input(in, n);
	unsigned char *op = arena_output(cap);
	size_t len = SIZE_MAX;

	r->st = b64_encode(ip, n, (char *)op, cap, &len, flags, wrap);
	oneshot_done(r, op, cap, len, out);
	r->off = 0;
}

void
guarded_init(struct guarded *g, size_t len)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t span = (len + pg - 1) / pg * pg;
	unsigned char *p = mmap(NULL, pg + span + pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p, pg, PROT_NONE) != 0 ||
	    mprotect(p + pg + span, pg, PROT_NONE) != 0) {
		perror("mmap");
		exit(99);
	}
	g->base = p + pg + span;
	g->len = span;
}

unsigned char *
guarded_head(const struct guarded *g)
{
	return g->base - g->len;
}

unsigned char *
guarded_tail(const struct guarded *g, size_t n)
{
	return g->base - n;
}
