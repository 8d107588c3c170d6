/*
 * testutil.h - helpers shared by the codec unit tests: a fixed-seed PRNG,
 * a deliberately naive reference encoder, status names and guarded
 * buffers.  Header-only (static inline), like tap.h.
 */
#ifndef SEXTET_TESTUTIL_H
#define SEXTET_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "b64.h"

/* splitmix64: small, fast, and the same sequence on every platform. */
struct rng {
	uint64_t s;
};

static inline void
rng_init(struct rng *r, uint64_t seed)
{
	r->s = seed;
}

static inline uint64_t
rng_next(struct rng *r)
{
	uint64_t z;

	r->s += UINT64_C(0x9e3779b97f4a7c15);
	z = r->s;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform enough in [0, N); 0 when N is 0. */
static inline size_t
rng_below(struct rng *r, size_t n)
{
	return n ? (size_t)(rng_next(r) % n) : 0;
}

static inline void
rng_fill(struct rng *r, unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(rng_next(r) >> 56);
}

/* The RFC 4648 alphabet the flags select. */
static inline const char *
ref_alphabet(unsigned flags)
{
	if (flags & B64_ALPHA_URL)
		return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_";
	return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";
}

/* Most bytes ref_encode() writes for N input bytes with any flags/wrap. */
#define REF_ENCODE_MAX(n) (((n) + 2) / 3 * 4 * 3 + 2)

/*
 * The reference encoder: one character at a time, the GNU way.  A line
 * end after every WRAP characters, one more after a partial last line,
 * nothing for empty input.  OUT needs REF_ENCODE_MAX(N) bytes.
 */
static inline size_t
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

/* Value of an alphabet character, or -1. */
static inline int
ref_value(unsigned flags, unsigned char c)
{
	const char *a = ref_alphabet(flags);
	int i;

	for (i = 0; i < 64; i++)
		if ((unsigned char)a[i] == c)
			return i;
	return -1;
}

static inline const char *
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

/*
 * Guarded buffers.  A window of the requested size is placed at the end of
 * a static arena, just before GUARD_LEN guard bytes: a write past the
 * window's end changes a guard byte (checked), and anything further runs
 * into the arena's end, which AddressSanitizer reports.  Input chunks are
 * copied flush against the end of another arena, so a read of even one
 * byte past a chunk is an ASan error.
 */
#define GUARD_LEN  16
#define GUARD_BYTE 0xa5
#define ARENA_LEN  8192

/* Two separate static arrays, so each one is followed by an ASan redzone. */
static inline unsigned char *
arena_in_buf(void)
{
	static unsigned char buf[ARENA_LEN];

	return buf;
}

static inline unsigned char *
arena_out_buf(void)
{
	static unsigned char buf[ARENA_LEN + GUARD_LEN];

	return buf;
}

/* A copy of IN[0..N) (N <= ARENA_LEN) that ends where its arena ends. */
static inline const unsigned char *
arena_input(const void *in, size_t n)
{
	unsigned char *p = arena_in_buf() + ARENA_LEN - n;

	if (n)
		memcpy(p, in, n);
	return p;
}

/* An output window of CAP bytes (CAP <= ARENA_LEN) followed by guards. */
static inline unsigned char *
arena_output(size_t cap)
{
	unsigned char *p = arena_out_buf() + ARENA_LEN - cap;

	memset(p, GUARD_BYTE, cap + GUARD_LEN);
	return p;
}

/* True when the guard bytes after the last window are untouched. */
static inline int
arena_guard_ok(void)
{
	const unsigned char *g = arena_out_buf() + ARENA_LEN;
	size_t i;

	for (i = 0; i < GUARD_LEN; i++)
		if (g[i] != GUARD_BYTE)
			return 0;
	return 1;
}

/*
 * Page-guarded windows, for loops that must not touch a byte past their
 * bounds even without a sanitizer: a window of LEN bytes ends where a
 * PROT_NONE page begins, so reading or writing past it faults.
 */
struct guarded {
	unsigned char *base;
	size_t len;
};

static inline void
guarded_init(struct guarded *g, size_t len)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t span = (len + pg - 1) / pg * pg;
	unsigned char *p = mmap(NULL, span + pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + span, pg, PROT_NONE) != 0) {
		perror("mmap");
		exit(99);
	}
	g->base = p + span;
	g->len = span;
}

/* The last N bytes before the guard page. */
static inline unsigned char *
guarded_tail(const struct guarded *g, size_t n)
{
	return g->base - n;
}

#endif /* SEXTET_TESTUTIL_H */
