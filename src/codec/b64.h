/*
 * b64.h - the sextet base64 codec: the only header its clients include,
 * installed as <sextet/b64.h> with libsextet (its manual: sextet(3),
 * man/sextet.3).
 *
 * The library does no allocation and no I/O; its only global state is two
 * caches filled once per process, thread-safely, with the same answer
 * whoever fills them (the CPU's features and what B64_IMPL_AUTO picks).
 * Every buffer belongs to the caller and is passed as pointer plus
 * length; every output is capacity-checked.  Encoder and decoder state are
 * structs of a fixed size the caller may put on the stack (below).
 *
 * Stack: decoding uses up to about 17 KiB (b64_decode_update() copies
 * line-broken text through a 16 KiB scratch buffer on the stack); encoding
 * about 4.5 KiB (b64_encode_update() wraps lines through a 4 KiB one).
 * Nothing recurses.
 *
 * Streaming: b64_encode_update() and b64_decode_update() may be called with
 * any split of the input; the concatenated output, the final status and the
 * error offset are the same as for one call over the whole input.
 */
#ifndef SEXTET_B64_H
#define SEXTET_B64_H

#include <stddef.h>
#include <stdint.h>

/*
 * B64_API marks the functions libsextet exports: the library is compiled
 * with hidden visibility and B64_BUILDING_LIBSEXTET defined
 * (src/codec/local.mk), so these alone are visible outside it.  For
 * clients it is empty.
 */
#if defined(B64_BUILDING_LIBSEXTET) && defined(__GNUC__)
#define B64_API __attribute__((visibility("default")))
#else
#define B64_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Flags (bitwise OR). */
#define B64_ALPHA_URL     0x0001u /* RFC 4648 section 5 alphabet ('-', '_') */
#define B64_NO_PAD        0x0002u /* encode: omit '='; decode: '=' optional */
#define B64_STRICT        0x0004u /* decode: RFC 4648 canonical form only */
#define B64_LENIENT       0x0008u /* decode: best effort (mail, pasted text) */
#define B64_SKIP_GARBAGE  0x0010u /* decode: ignore bytes outside the alphabet */
#define B64_CRLF          0x0020u /* encode: CRLF line ends; decode: CR LF */

/*
 * Implementation choice (for tests and benchmarks): one of these in the
 * B64_IMPL_MASK bits.  B64_IMPL_AUTO (0) takes the one named by the
 * SEXTET_IMPL environment variable ("scalar", "ssse3", "avx2", "avx512",
 * "neon"; unset, empty or "auto": no choice), else the best one this CPU
 * runs.  The variable is read once per process, at the first init (or
 * b64_impl_name) that asks for B64_IMPL_AUTO; later changes to it are
 * not seen.  A forced implementation (by flag or variable) that is
 * unknown, not compiled in or not supported by the CPU makes init fail
 * with B64_ERR_UNSUPPORTED, and so does any flag bit not defined here.
 */
#define B64_IMPL_MASK     0x0f00u
#define B64_IMPL_AUTO     0x0000u
#define B64_IMPL_SCALAR   0x0100u
#define B64_IMPL_SSSE3    0x0200u
#define B64_IMPL_AVX2     0x0300u
#define B64_IMPL_AVX512   0x0400u
#define B64_IMPL_NEON     0x0500u

enum b64_status {
	B64_OK = 0,
	B64_NEED_OUTPUT,          /* output full: call again with room */
	B64_ERR_BAD_CHAR,         /* a byte that is not allowed here */
	B64_ERR_PAD_INSIDE,       /* '=' where data must come */
	B64_ERR_MISSING_PAD,      /* padding required but absent or partial */
	B64_ERR_PAD_NOT_ALLOWED,  /* '=' with B64_NO_PAD | B64_STRICT */
	B64_ERR_TOO_MUCH_PAD,     /* more '=' than the quantum takes */
	B64_ERR_DATA_AFTER_PAD,   /* data after a padded quantum (strict) */
	B64_ERR_NONCANONICAL,     /* non-zero unused bits */
	B64_ERR_TRUNCATED,        /* one character left over */
	B64_ERR_UNSUPPORTED,      /* bad flags or implementation not available */
};

/* True for the error codes (not for B64_OK or B64_NEED_OUTPUT). */
#define B64_IS_ERROR(s) ((s) >= B64_ERR_BAD_CHAR)

/* A short English description of a status ("non-zero unused bits ..."). */
B64_API
const char *b64_strerror(enum b64_status status);

/*
 * Encoder and decoder state.  The caller owns it (on the stack, in a
 * struct, on the heap) and passes it to every call; the library keeps
 * nothing else per stream.  Its content is private: the layout lives in
 * the library (src/codec/b64_private.h), and what clients see is a block
 * of B64_ENCODER_SIZE or B64_DECODER_SIZE bytes aligned for pointers and
 * 64-bit integers, more than the library uses today (the library checks,
 * at compile time, that its layout fits).  So a later version may add
 * state without changing these sizes, and programs compiled against this
 * header keep working with it (the same soname).  A state may be copied
 * with = or memcpy: the copy continues the stream from the same point.
 * Touch it only through these functions; init sets all of it.
 */
#define B64_ENCODER_SIZE 128
#define B64_DECODER_SIZE 384

struct b64_encoder {
	union {
		unsigned char bytes[B64_ENCODER_SIZE];
		uint64_t align_u64;
		const void *align_ptr;
	} private_;
};

struct b64_decoder {
	union {
		unsigned char bytes[B64_DECODER_SIZE];
		uint64_t align_u64;
		const void *align_ptr;
	} private_;
};

/*
 * Length helpers.  They never overflow: a result that does not fit in
 * size_t is returned as SIZE_MAX.
 *
 * b64_encoded_len: exact output of a one-shot encode of N bytes with these
 *   flags and WRAP (0 = no line breaks), final line end included.
 * b64_encode_bound: room that guarantees b64_encode_update() of N more
 *   bytes followed by b64_encode_final() completes, whatever the state.
 * b64_decoded_max: most bytes that N input characters can decode to.
 */
B64_API
size_t b64_encoded_len(size_t n, unsigned flags, size_t wrap);
B64_API
size_t b64_encode_bound(size_t n, unsigned flags, size_t wrap);
B64_API
size_t b64_decoded_max(size_t n);

/*
 * Encoder.  WRAP > 0 inserts a line end ("\n", or "\r\n" with B64_CRLF)
 * after every WRAP characters; b64_encode_final() ends a partial last line.
 * update consumes as much of IN as fits in OUT: *in_used bytes consumed,
 * *out_len bytes written, B64_NEED_OUTPUT when OUT filled first.  Nothing
 * is lost: call again with the rest of the input and more room.  If init
 * failed, update and final return its error and write nothing.
 */
B64_API
enum b64_status b64_encoder_init(struct b64_encoder *enc, unsigned flags,
    size_t wrap);
B64_API
enum b64_status b64_encode_update(struct b64_encoder *enc, const void *in,
    size_t n, size_t *in_used, char *out, size_t cap, size_t *out_len);
B64_API
enum b64_status b64_encode_final(struct b64_encoder *enc, char *out,
    size_t cap, size_t *out_len);

/*
 * Decoder.  Every rule below is one cell of the table in machine.c (the
 * only place they are written; tests/machine model-checks it with SPIN).
 *
 * Default rules are GNU coreutils base64 -d (9.8): LF skipped anywhere
 * (even inside the padding); quanta of four; '=' completes a quantum of
 * two ("==") or three ("=") characters, after which a new quantum may
 * start; a final quantum of two or three characters is padded
 * automatically; a single character left over, partial or extra '=', '='
 * in place of data and non-zero unused bits are errors; every other byte
 * is an error.
 *
 * B64_SKIP_GARBAGE (GNU -i): every byte that is neither in the alphabet
 *   nor '=' is dropped, CR included.  Not with B64_STRICT.
 * B64_STRICT: RFC 4648 canonical form: as the default, and also padding
 *   required at the end, nothing but line breaks after a padded quantum.
 * B64_LENIENT: best effort: all ASCII white space skipped; '=' after two
 *   or three characters ends the quantum and any further '=' is absorbed;
 *   a short final quantum is taken as it is; unused bits are ignored.
 *   Still errors: other bytes (unless B64_SKIP_GARBAGE), '=' before the
 *   second character of a quantum, a single character left over.
 * B64_NO_PAD: with B64_STRICT, '=' is refused and a short final quantum
 *   is padded automatically (its unused bits must be zero); no effect on
 *   the other rule sets, which pad automatically anyway.
 * B64_CRLF: a CR is allowed only right before an LF (a CR followed by
 *   anything else, or at the end, is B64_ERR_BAD_CHAR at the CR); with
 *   B64_STRICT every LF must follow a CR.  No effect when CR is skipped
 *   anyway (B64_LENIENT, B64_SKIP_GARBAGE).
 * B64_STRICT | B64_LENIENT is refused (B64_ERR_UNSUPPORTED).
 *
 * update decodes IN into OUT.  Each output byte is written as soon as the
 * characters that carry it are seen, so on an error OUT holds everything
 * decoded before the offending byte, including the complete bytes of the
 * failing quantum (GNU's partial output).  Returns B64_OK (all consumed),
 * B64_NEED_OUTPUT (OUT full; *in_used tells how far it got) or an error;
 * on an error *in_used is how far it read: up to the byte where the error
 * showed, which may come after the offending byte (a non-canonical quantum
 * shows at its last '=', a CR without LF at the next byte); the offending
 * byte itself is given by b64_decoder_error_offset().  Errors latch: later
 * calls return the same error and consume nothing.  The bytes of OUT from
 * *out_len up to CAP may have been overwritten (the SIMD loops store whole
 * vectors and use the room as scratch): their content is unspecified.
 *
 * final checks the end of input (truncated quantum, missing padding,
 * unused bits of an auto-padded quantum, a CR waiting for its LF).  It
 * writes no output.
 */
B64_API
enum b64_status b64_decoder_init(struct b64_decoder *dec, unsigned flags);
B64_API
enum b64_status b64_decode_update(struct b64_decoder *dec, const void *in,
    size_t n, size_t *in_used, void *out, size_t cap, size_t *out_len);
B64_API
enum b64_status b64_decode_final(struct b64_decoder *dec);

/*
 * After an error, where it is: the absolute 0-based offset of the first
 * offending byte, its 1-based line (lines end with LF) and 1-based column
 * (in bytes), and the byte itself (0 when the error is a missing byte:
 * missing padding is placed right after the quantum, a non-canonical
 * quantum at the character that carries the unused bits, a leftover
 * character at that character).
 */
B64_API
uint64_t b64_decoder_error_offset(const struct b64_decoder *dec);
B64_API
uint64_t b64_decoder_error_line(const struct b64_decoder *dec);
B64_API
uint64_t b64_decoder_error_column(const struct b64_decoder *dec);
B64_API
unsigned char b64_decoder_error_byte(const struct b64_decoder *dec);

/*
 * The bytes update has written for the quantum not yet complete (0 to 2):
 * what a caller that gives output out only by whole quanta holds back.
 */
B64_API
size_t b64_decoder_pending_bytes(const struct b64_decoder *dec);

/*
 * One-shot wrappers over the same code.  b64_decode sets *err_offset (if
 * not NULL) on an error; OUT then holds the partial output (*out_len).
 */
B64_API
enum b64_status b64_encode(const void *in, size_t n, char *out, size_t cap,
    size_t *out_len, unsigned flags, size_t wrap);
B64_API
enum b64_status b64_decode(const void *in, size_t n, void *out, size_t cap,
    size_t *out_len, uint64_t *err_offset, unsigned flags);

/*
 * Implementations.  b64_impl_name(flags) names the one init would pick
 * ("scalar", "ssse3", "avx2", "avx512", "neon"); NULL if unavailable.
 * b64_impl_from_name("avx2") gives its B64_IMPL_* value, or
 * B64_IMPL_AUTO for NULL, "" or "auto", or UINT32_MAX if unknown.
 * b64_impl_available(impl) tells whether this build and CPU run it.
 * b64_impl_at(k, &id) walks every implementation the library knows,
 * whether or not this build or CPU runs it: for k = 0, 1, ... its name and
 * B64_IMPL_* value, scalar first, the rest in the order auto prefers them
 * least to most; NULL (and *id untouched) past the last.
 */
B64_API
const char *b64_impl_name(unsigned flags);
B64_API
unsigned b64_impl_from_name(const char *name);
B64_API
int b64_impl_available(unsigned impl);
B64_API
const char *b64_impl_at(size_t k, unsigned *id);

#ifdef __cplusplus
}
#endif

#endif /* SEXTET_B64_H */
