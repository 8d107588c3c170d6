/*
 * base58.h - the sextet base58 codec: Bitcoin's alphabet, the rules of
 * GNU coreutils 9.10 `basenc --base58` (written out, as observed, at the
 * top of base58.c).
 *
 *   123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz
 *
 * Base58 is not a block code: the whole input is one big-endian number,
 * written in base 58 with the most significant digit first, and each
 * leading zero byte of the input is written as one '1' (the digit 0) in
 * front of it.  Every output character depends on every input byte, so
 * the codec has no streaming interface: each call takes the whole input,
 * as GNU, which reads all of its input before writing anything.
 *
 * Like b64.h: every buffer belongs to the caller and is passed as pointer
 * plus length; results are statuses, not errno; error positions are
 * absolute offsets into the input; the library keeps no state between
 * calls and never calls malloc.  The big-number work is done by GMP's
 * mpn layer (mpn_get_str and mpn_set_str, its sub-quadratic radix
 * conversions): the number and the digit values live in the WORK area the
 * caller passes (sizes below), but GMP takes its own temporaries for the
 * conversions, through the allocation functions of
 * mp_set_memory_functions (malloc unless the program changed them; GMP
 * prints a message and aborts the process if one fails).  Clients never
 * include gmp.h.  Calls are thread-safe (nothing is shared).
 *
 * Memory for an input of N bytes:
 *
 *   encode  WORK  b58_encode_work_size(N)  N + 23 bytes at most
 *           OUT   b58_encoded_max(N, 0)    1.3657 N + 13 at most (the
 *                                          text is about 1.3657 N)
 *   decode  WORK  b58_decode_work_size(N)  1.7323 N + 23 at most
 *           OUT   b58_decoded_max(N)       N (the bytes are about
 *                                          0.7322 N)
 *
 * plus GMP's temporaries, which peaked at about 6.4 N bytes for encoding
 * and 4.1 N for decoding, N from 1 MiB to 16 MiB (GMP 6.2,
 * tests/bench/bench_base58).  Decoding needs the larger work area because
 * the digit values and the number are both held while GMP converts.
 *
 * Stack: the codec itself uses a few hundred bytes, GMP more (it puts
 * temporaries of up to 32 KiB on the stack): encoding and decoding 64 KiB
 * to 16 MiB ran in threads with 128 KiB of stack, not with 64 KiB.
 * Nothing in the codec recurses; GMP's conversions do, about log2(N)
 * deep.
 */
#ifndef SEXTET_BASE58_H
#define SEXTET_BASE58_H

#include <stddef.h>
#include <stdint.h>

/* Decode flag: drop every byte that is not in the alphabet (GNU -i). */
#define B58_SKIP_GARBAGE 0x0001u

enum b58_status {
	B58_OK = 0,
	B58_NEED_OUTPUT,        /* OUT too small: nothing written; *out_len
	                         * is the room this call needs */
	B58_NEED_WORK,          /* WORK smaller than b58_*_work_size(N) */
	B58_ERR_BAD_CHAR,       /* decode: a byte outside the alphabet */
	B58_ERR_UNSUPPORTED,    /* flag bits not defined here */
};

/* True for the error codes (not for B58_OK, B58_NEED_OUTPUT or
 * B58_NEED_WORK, which are about the caller's buffers). */
#define B58_IS_ERROR(s) ((s) >= B58_ERR_BAD_CHAR)

/* A short English description of a status. */
const char *b58_strerror(enum b58_status status);

/*
 * Where a decode failed: the 0-based offset of the first offending byte
 * in the input, its 1-based line (lines end with LF) and 1-based column
 * (in bytes), and the byte.
 */
struct b58_error {
	uint64_t offset;
	uint64_t line;
	uint64_t column;
	unsigned char byte;
};

/*
 * Sizes.  They never overflow: a result that does not fit in size_t is
 * returned as SIZE_MAX, which no buffer can satisfy.
 *
 * b58_encoded_max: room that always suffices for b58_encode() of N bytes
 *   with WRAP (0 = no line breaks), line ends included.  The exact length
 *   is only known after the conversion (it depends on the value).
 * b58_decoded_max: room that always suffices for b58_decode() of N bytes
 *   of text (N: every '1' decodes to a zero byte).
 * b58_encode_work_size, b58_decode_work_size: the WORK area the calls
 *   need for N input bytes.  Any alignment will do.
 */
size_t b58_encoded_max(size_t n, size_t wrap);
size_t b58_decoded_max(size_t n);
size_t b58_encode_work_size(size_t n);
size_t b58_decode_work_size(size_t n);

/*
 * Encode IN[0..N) into OUT, as GNU basenc --base58 -w WRAP writes it:
 * WRAP > 0 puts a LF after every WRAP characters and after a partial last
 * line; WRAP 0 writes no line end at all; an empty input gives no output
 * (not even a line end).  FLAGS must be 0 (none defined yet).
 *
 * Returns B58_OK with *out_len the output length; B58_NEED_OUTPUT when
 * CAP is below what this input may need (b58_encoded_max(N, WRAP) always
 * suffices; *out_len is set to the room needed); B58_NEED_WORK when
 * WORK_SIZE is below b58_encode_work_size(N); B58_ERR_UNSUPPORTED for
 * unknown flags.  On any status but B58_OK nothing is written to OUT and
 * the call can be repeated with more room.  The work area's contents are
 * unspecified afterwards.  The regions must not overlap.
 */
enum b58_status b58_encode(const void *in, size_t n, char *out, size_t cap,
    size_t *out_len, unsigned flags, size_t wrap, void *work,
    size_t work_size);

/*
 * Decode the text IN[0..N) into OUT, as GNU basenc --base58 -d: LF is
 * skipped anywhere; every other byte outside the alphabet (space, tab,
 * CR, '=', '0', 'O', 'I', 'l', NUL, 8-bit bytes...) is an error, unless
 * FLAGS has B58_SKIP_GARBAGE (GNU -i), which drops every byte outside the
 * alphabet, LF included; text with no digit at all decodes to nothing.
 * Each leading '1' gives a zero byte; the digits after them give the
 * number, written big-endian in as few bytes as it takes.
 *
 * Returns B58_OK with *out_len the output length; B58_ERR_BAD_CHAR at the
 * first offending byte (ERR, if not NULL, says where; nothing is written:
 * GNU writes nothing either, whatever came before); B58_NEED_OUTPUT when
 * the decoded bytes do not fit in CAP (b58_decoded_max(N) always suffices;
 * *out_len is set to the exact length, nothing is written);
 * B58_NEED_WORK when WORK_SIZE is below b58_decode_work_size(N);
 * B58_ERR_UNSUPPORTED for unknown flags.  *out_len is 0 after the other
 * statuses.  Text is checked before any conversion, so an error costs
 * one pass over it.  The regions must not overlap.
 */
enum b58_status b58_decode(const void *in, size_t n, void *out, size_t cap,
    size_t *out_len, struct b58_error *err, unsigned flags, void *work,
    size_t work_size);

#endif /* SEXTET_BASE58_H */
