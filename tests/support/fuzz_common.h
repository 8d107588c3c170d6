/*
 * fuzz_common.h - what the fuzz harnesses share: reading control bytes
 * from the fuzz input, a seeded PRNG for split points and capacities, the
 * list of implementations, a reference encoder, and checked runs of the
 * decoder and the encoder (one-shot and split at random) that abort() on
 * any breach of the contract in b64.h.
 *
 * The code is fuzz_check.c, in libtestsupport.a for fuzz/replay.c's
 * builds; fuzz/run.sh compiles it with each libFuzzer or AFL++ build.
 */
#ifndef SEXTET_FUZZ_COMMON_H
#define SEXTET_FUZZ_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"

/* The entry point every harness defines (libFuzzer's name). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- Failing loudly ------------------------------------------------- */

/* What the harness is doing, printed with a failure (fz_note). */
char *fz_context(void);

void fz_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void fz_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

/* Abort (with the expression and the context) unless COND holds. */
#define FZ_CHECK(cond) \
	do { \
		if (!(cond)) \
			fz_fail(__FILE__, __LINE__, "%s", #cond); \
	} while (0)

/* The same with a printf-style explanation. */
#define FZ_CHECKF(cond, ...) \
	do { \
		if (!(cond)) \
			fz_fail(__FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

/* malloc that never returns NULL; N may be 0 (then a 0-byte block, so
 * AddressSanitizer reports any access).  A size beyond any object (a
 * length computation gone wrong) aborts too, before malloc sees it. */
void *fz_alloc(size_t n);

/* ---- The fuzz input: control bytes first, then the data -------------- */

struct fz_in {
	const uint8_t *p;
	size_t n;
};

/* The next control byte, 0 once the input is used up. */
unsigned fz_u8(struct fz_in *in);

/* Little-endian 16 and 32-bit control values. */
unsigned fz_u16(struct fz_in *in);
uint32_t fz_u32(struct fz_in *in);

/* ---- A small PRNG (splitmix64) seeded from the input ---------------- */

struct fz_rng {
	uint64_t s;
};

uint64_t fz_next(struct fz_rng *r);

/* In [0, N); 0 when N is 0. */
size_t fz_below(struct fz_rng *r, size_t n);

/*
 * A size in [0, MAX] that favours the edges: 0, tiny, small, anything,
 * or MAX itself.  Used for chunk lengths and output capacities.
 */
size_t fz_size(struct fz_rng *r, size_t max);

/* ---- Implementations ------------------------------------------------ */

#define FZ_MAX_IMPLS 16

/*
 * Fill IDS with every implementation of the library's registry
 * (b64_impl_at) this build and CPU run, scalar first, then B64_IMPL_AUTO
 * (whatever init picks by itself); the count.  The first call also checks
 * that an unavailable implementation is refused by both inits and has no
 * name.
 */
size_t fz_impls(unsigned ids[FZ_MAX_IMPLS]);

/* Implementation number K (any value) among the available ones. */
unsigned fz_pick_impl(unsigned k);

/*
 * Implementation number K (any value) among the available ones other than
 * scalar (the reference they are compared with): the SIMD ones and
 * B64_IMPL_AUTO, which fz_impls() always lists, so there is one even in a
 * scalar-only build (where AUTO is scalar).
 */
unsigned fz_pick_other_impl(unsigned k);

/* ---- Flags ---------------------------------------------------------- */

#define FZ_MODE_MASK (B64_STRICT | B64_LENIENT)

/*
 * Decoder flags from a control byte: bit 0 URL alphabet, bit 1 NO_PAD,
 * bits 2-3 the mode (GNU, strict, lenient; 3 = lenient too), bit 4
 * SKIP_GARBAGE (dropped under strict), bit 5 CRLF.
 */
unsigned fz_dec_flags(unsigned c);

/* Encoder flags from a control byte: bit 0 URL, 1 NO_PAD, 5 CRLF. */
unsigned fz_enc_flags(unsigned c);

/* "gnu url nopad garbage crlf impl=scalar" for failure messages. */
const char *fz_flags_str(unsigned flags);

/* ---- The reference encoder (testutil.c's ref_encode) ---------------- */

/* Most bytes fz_ref_encode() writes for N bytes, any flags and wrap. */
size_t fz_ref_encode_max(size_t n);

/* One character at a time, the GNU way (testutil.h). */
size_t fz_ref_encode(const uint8_t *in, size_t n, unsigned flags,
    size_t wrap, char *out);

/* ---- Decoding, checked ---------------------------------------------- */

/* The outcome of decoding one input. */
struct fz_dec {
	enum b64_status st;
	unsigned char *out;     /* fz_alloc'd, b64_decoded_max(n) bytes */
	size_t len;             /* bytes decoded (before the error, if any) */
	uint64_t off, line, col;
	unsigned char byte;     /* error position, when st is an error */
};

void fz_dec_free(struct fz_dec *r);

/* Record the error of D in R. */
void fz_dec_take_error(struct fz_dec *r, const struct b64_decoder *d,
    enum b64_status st);

/*
 * Decode IN[0..N) with FLAGS in one update call (room for
 * b64_decoded_max(N) bytes) and final; check the result on its own and
 * that errors latch.
 */
void fz_decode_oneshot(const uint8_t *in, size_t n, unsigned flags,
    struct fz_dec *r);

/*
 * Decode IN[0..N) with FLAGS through update calls on random chunks (each
 * copied flush against the end of a heap block, so AddressSanitizer sees
 * a read past it) into random output room (a window flush against the
 * end of another block), as a stream reader would; check every call's
 * promises: in_used and out_len within bounds, B64_NEED_OUTPUT only with
 * the room full, progress whenever there is room, OK only with the chunk
 * consumed; errors latch.
 */
void fz_decode_split(const uint8_t *in, size_t n, unsigned flags,
    struct fz_rng *rng, struct fz_dec *r);

/*
 * Decode IN[0..N) with FLAGS one byte per update call: the decoder's table
 * walked a step at a time, since no macro-step (bulk loop, compact loop)
 * runs on fewer than four bytes.  The reference for the fast paths.
 */
void fz_decode_bytewise(const uint8_t *in, size_t n, unsigned flags,
    struct fz_dec *r);

/* Two outcomes must be the same: status, bytes, and error position. */
void fz_same_dec(const struct fz_dec *a, const struct fz_dec *b,
    const char *what);

/* ---- Encoding, checked ---------------------------------------------- */

struct fz_enc {
	enum b64_status st;
	char *out;              /* fz_alloc'd */
	size_t len;
};

void fz_enc_free(struct fz_enc *r);

/*
 * Encode IN[0..N) one-shot with b64_encode() into exactly
 * b64_encoded_len() bytes; it must succeed and fill them.
 */
void fz_encode_oneshot(const uint8_t *in, size_t n, unsigned flags,
    size_t wrap, struct fz_enc *r);

/*
 * Encode IN[0..N) through update calls on random chunks (empty ones too,
 * each flush against the end of a heap block) with random output room
 * (flush against the end of another), then final with random room until
 * it fits.  Checks: in_used and out_len within bounds; room of
 * b64_encode_bound() for the rest of the chunk always suffices; the whole
 * is b64_encoded_len() bytes; final succeeds exactly when its room holds
 * what is left, which b64_encode_bound(0) always does, and a refused
 * final writes nothing.
 */
void fz_encode_split(const uint8_t *in, size_t n, unsigned flags,
    size_t wrap, struct fz_rng *rng, struct fz_enc *r);

/* Two encodings must be the same. */
void fz_same_enc(const struct fz_enc *a, const struct fz_enc *b,
    const char *what);

#endif /* SEXTET_FUZZ_COMMON_H */
