/*
 * testutil.h - helpers shared by the codec unit tests (tests/unit,
 * tests/machine) and the fuzz harnesses (through fuzz_check.c): a
 * fixed-seed PRNG, a deliberately naive reference encoder, the list of
 * implementations, status names, guarded buffers and one-shot calls of
 * the codec on them.  The code is testutil.c, in libtestsupport.a.
 */
#ifndef SEXTET_TESTUTIL_H
#define SEXTET_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"

/* splitmix64: small, fast, and the same sequence on every platform. */
struct rng {
	uint64_t s;
};

/* One step of splitmix64 on the state *S (rng_next, fuzz_check.c). */
uint64_t splitmix64(uint64_t *s);

void rng_init(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform enough in [0, N); 0 when N is 0. */
size_t rng_below(struct rng *r, size_t n);
void rng_fill(struct rng *r, unsigned char *p, size_t n);

/* The RFC 4648 alphabet the flags select. */
const char *ref_alphabet(unsigned flags);

/* Most bytes ref_encode() writes for N input bytes with any flags/wrap. */
#define REF_ENCODE_MAX(n) (((n) + 2) / 3 * 4 * 3 + 2)

/*
 * The reference encoder: one character at a time, the GNU way.  A line
 * end after every WRAP characters, one more after a partial last line,
 * nothing for empty input.  OUT needs REF_ENCODE_MAX(N) bytes.
 */
size_t ref_encode(const void *vin, size_t n, unsigned flags, size_t wrap,
    char *out);

/* Value of an alphabet character, or -1. */
int ref_value(unsigned flags, unsigned char c);

const char *status_name(enum b64_status st);

/* An implementation of the library's registry, or B64_IMPL_AUTO. */
struct impl {
	unsigned id;
	const char *name;
};

/*
 * The registry's implementations (b64_impl_at), available or not, in its
 * order, at most MAX - 1 of them, then B64_IMPL_AUTO named "auto"; the
 * count (MAX >= 1).
 */
size_t impl_registry(struct impl *impls, size_t max);

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

/* A copy of IN[0..N) (N <= ARENA_LEN) that ends where its arena ends. */
const unsigned char *arena_input(const void *in, size_t n);

/* An output window of CAP bytes (CAP <= ARENA_LEN) followed by guards. */
unsigned char *arena_output(size_t cap);

/* True when the guard bytes after the last window are untouched. */
int arena_guard_ok(void);

/*
 * What one b64_decode() or b64_encode() call on the arenas did
 * (dec_oneshot, enc_oneshot).
 */
struct oneshot {
	enum b64_status st;
	size_t len;             /* out_len, 0 when it exceeded the room */
	uint64_t off;           /* the offset of a decoding error, else 0 */
	const char *bad;        /* the breach of the contract seen, or NULL */
};

/*
 * b64_decode() of IN[0..N) (N <= ARENA_LEN) with FLAGS, from the input
 * arena into an output window of CAP bytes (CAP <= ARENA_LEN); the bytes
 * it wrote copied to OUT (CAP bytes).  A write past the window and an
 * out_len beyond CAP are breaches (R->bad, the second winning).
 */
void dec_oneshot(const void *in, size_t n, unsigned flags, void *out,
    size_t cap, struct oneshot *r);

/* The same for b64_encode() of IN[0..N) with FLAGS and WRAP. */
void enc_oneshot(const void *in, size_t n, unsigned flags, size_t wrap,
    void *out, size_t cap, struct oneshot *r);

/*
 * Page-guarded windows, for loops that must not touch a byte outside
 * their bounds even without a sanitizer: a window of LEN (rounded up to
 * whole pages) lies between two PROT_NONE pages, so reading or writing
 * past its end, or before its start, faults.
 */
struct guarded {
	unsigned char *base;
	size_t len;
};

void guarded_init(struct guarded *g, size_t len);

/* The last N bytes before the guard page. */
unsigned char *guarded_tail(const struct guarded *g, size_t n);

/* The first byte after the leading guard page. */
unsigned char *guarded_head(const struct guarded *g);

#endif /* SEXTET_TESTUTIL_H */
