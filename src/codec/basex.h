/*
 * basex.h - the sextet codecs for RFC 4648's other block encodings and
 * their relatives: base32 (section 6), base32hex (section 7), base16
 * (section 8), bit strings most or least significant bit first, and Z85
 * (ZeroMQ RFC 32).  base64 is b64.h's, base58 base58.h's.
 *
 * Like b64.h: no allocation, no I/O, no state outside the caller's
 * structs; every buffer is the caller's, passed as pointer plus length,
 * every output capacity-checked; results are statuses.  Both directions
 * stream: update may be called with any split of the input, and the
 * concatenated output, the final status and the error offset are the
 * same as for one call over the whole input.
 *
 * Each encoding reads and writes whole groups:
 *
 *   encoding    bytes  characters  alphabet
 *   base32        5        8       A-Z 2-7, '=' pads the last group
 *   base32hex     5        8       0-9 A-V, '=' pads the last group
 *   base16        1        2       0-9 A-F (decoding: a-f too)
 *   base2msbf     1        8       0 1, most significant bit first
 *   base2lsbf     1        8       0 1, least significant bit first
 *   z85           4        5       0-9 a-z A-Z .-:+=^!/ *?&<>()[]{}@%$#
 *
 * Decoding rules are GNU coreutils 9.10's basenc -d, which are these (for
 * base32, base32hex and base16 written as tables in bx_machine.c):
 *   - LF is skipped anywhere; every other byte outside the alphabet (and
 *     outside '=' for base32) is an error, unless BX_SKIP_GARBAGE.
 *   - base32: groups of eight characters; within a group '=' may stand
 *     only for the characters after the 2nd, 4th, 5th or 7th and must
 *     then fill the group; the bits the last character leaves unused
 *     must be zero; a padded group may be followed by more groups.  A
 *     short last group is padded automatically, unless its last
 *     character is '=' (an error).  base32hex also takes W, X, Y and Z
 *     as the base32 letters they are (values 22 to 25), as GNU does,
 *     except with BX_SKIP_GARBAGE, which drops them.
 *   - base16: either case; an odd number of digits is an error.
 *   - base2: the number of digits must be a multiple of 8.
 *   - z85: the number of characters must be a multiple of 5; a group
 *     worth more than 0xFFFFFFFF is an error.  With BX_SKIP_GARBAGE a
 *     NUL byte is not dropped (GNU keeps it) and is an error.
 *   - base32 takes any byte but LF as a group character and decides on
 *     a group when it is whole or the input ends: a byte outside the
 *     alphabet fails its group then, not before (so a short last group
 *     ending in '=' fails as such, whatever it holds).  The others fail
 *     at the offending byte.
 *   - Each group's bytes are written when its last character is read,
 *     and those of a group that fails are written up to the failure
 *     (base32 writes a byte as soon as the characters carrying it are
 *     checked; a failing z85 group writes nothing), so on an error OUT
 *     holds what GNU writes before its "invalid input".
 * Encoding writes whole groups, the last one padded with '=' for base32
 * and base32hex (unless BX_NO_PAD); z85 refuses a length that is not a
 * multiple of 4 (BX_ERR_LENGTH at final, the whole groups written).
 */
#ifndef SEXTET_BASEX_H
#define SEXTET_BASEX_H

#include <stddef.h>
#include <stdint.h>

enum bx_kind {
	BX_BASE32,
	BX_BASE32HEX,
	BX_BASE16,
	BX_BASE2MSBF,
	BX_BASE2LSBF,
	BX_Z85,
	BX_NKINDS
};

/* Flags (bitwise OR). */
#define BX_NO_PAD        0x0002u /* encode base32: omit '=' */
#define BX_SKIP_GARBAGE  0x0010u /* decode: drop bytes outside the
                                  * alphabet ('=' kept for base32) */
/* Decoding base32, base32hex and base16 only (other kinds refuse them,
 * and each other, with BX_ERR_UNSUPPORTED): */
#define BX_STRICT        0x0020u /* canonical only: base32 padded with
                                  * '=' exactly as encoding pads it, its
                                  * last group only, nothing but LF after
                                  * (with BX_NO_PAD: not at all, '='
                                  * refused); base16 in one case
                                  * throughout; not with BX_SKIP_GARBAGE */
#define BX_LENIENT       0x0040u /* best effort: ASCII white space (SP,
                                  * TAB, CR, VT, FF) skipped like LF;
                                  * base32: '=' between groups skipped,
                                  * a last group's padding may be missing
                                  * or partial, unused bits need not be
                                  * zero */
/* The implementation: b64.h's B64_IMPL_* bits (B64_IMPL_MASK), with the
 * same meaning, SEXTET_IMPL included; an unavailable one makes init fail
 * with BX_ERR_UNSUPPORTED.  base16 and base32 have vector loops in every
 * vector implementation (SSSE3, AVX2, AVX-512, NEON), base2 decoding in
 * the x86 ones; z85 and base2 encoding run the portable loops whatever is
 * chosen. */
#define BX_IMPL_MASK     0x0f00u

enum bx_status {
	BX_OK = 0,
	BX_NEED_OUTPUT,       /* output full: call again with room */
	BX_ERR_BAD_CHAR,      /* a byte that is not allowed here */
	BX_ERR_PADDING,       /* '=' where it may not be, or a group
	                       * ending in '=' that is not whole */
	BX_ERR_NONCANONICAL,  /* non-zero unused bits */
	BX_ERR_TRUNCATED,     /* the input ends inside a group */
	BX_ERR_OVERFLOW,      /* z85: a group worth more than 32 bits */
	BX_ERR_LENGTH,        /* z85 encode: length not a multiple of 4 */
	BX_ERR_UNSUPPORTED,   /* unknown kind or flags */
	BX_ERR_MISSING_PAD,   /* BX_STRICT: base32's last group lacks '=' */
	BX_ERR_CASE,          /* BX_STRICT: base16 in the other case */
	BX_ERR_DATA_AFTER_PAD, /* BX_STRICT: base32 after a padded group */
};

#define BX_IS_ERROR(s) ((s) >= BX_ERR_BAD_CHAR)

const char *bx_strerror(enum bx_status status);

/* The group of KIND: bytes and characters (0 for an unknown kind). */
unsigned bx_group_bytes(enum bx_kind kind);
unsigned bx_group_chars(enum bx_kind kind);

/* Exact output of a one-shot encode of N bytes (WRAP 0: no line breaks;
 * else a LF after every WRAP characters and after a partial last line);
 * SIZE_MAX if it does not fit, or if z85 refuses N (not a multiple of 4). */
size_t bx_encoded_len(enum bx_kind kind, size_t n, unsigned flags,
    size_t wrap);

struct b64_impl;

struct bx_encoder {
	/* private */
	const struct b64_impl *impl;
	unsigned char kind;
	unsigned char nhold;
	unsigned char hold[5];  /* input bytes waiting for a whole group */
	enum bx_status err;     /* latched, BX_OK while none */
	unsigned flags;
	size_t wrap;
	size_t col;             /* characters on the current line */
};

struct bx_mode;

/* A place in the input, for error reports. */
struct bx_pos {
	uint64_t off;           /* 0-based offset */
	uint64_t line;          /* 0-based line */
	uint64_t ls;            /* the line's first offset */
	unsigned char byte;     /* the byte there (BX_ERR_BAD_CHAR) */
};

struct bx_decoder {
	/* private */
	const struct b64_impl *impl;
	const struct bx_mode *mode; /* base32, base32hex, base16: the rules
	                             * (bx_machine.c); NULL for the others */
	unsigned char kind;
	unsigned char state;    /* the machine's state (bx_machine.h) */
	unsigned char nd;       /* data characters of the group before its
	                         * first '=' or failure */
	unsigned char mark_st;  /* the group's first failure */
	unsigned char n;        /* base2, z85: characters of the group */
	unsigned char grp[8];   /* ... their values */
	enum bx_status err;
	unsigned flags;
	unsigned char table[256]; /* byte -> value, or a class code */
	unsigned char cls[256];   /* byte -> the machine's class */
	uint64_t acc;           /* the group's data bits */
	struct bx_pos mark;     /* the group's first failure */
	struct bx_pos last;     /* its last data character */
	struct bx_pos prev;     /* its latest character */
	uint64_t offset;        /* input bytes consumed so far */
	uint64_t line;          /* line feeds consumed so far */
	uint64_t line_start;    /* offset after the last line feed */
	uint64_t compact_after; /* no compact_lines() before this offset */
	uint64_t grp_off[8];    /* base2, z85: input offset of each group
	                         * character */
	uint64_t grp_line[8];   /* ... its line (0-based) */
	uint64_t grp_ls[8];     /* ... and its line's first offset */
	struct bx_pos err_pos;  /* the error's place */
};

/*
 * Encoder: as b64_encoder_init and friends (b64.h).  update consumes as
 * much of IN as fits in OUT (whole groups; a partial group is held);
 * final writes the last group and ends a partial line.  Both may write
 * anywhere in OUT's CAP bytes past the *out_len they report (a line is
 * copied by whole vectors), which the caller must not count on keeping.
 */
enum bx_status bx_encoder_init(struct bx_encoder *enc, enum bx_kind kind,
    unsigned flags, size_t wrap);
enum bx_status bx_encode_update(struct bx_encoder *enc, const void *in,
    size_t n, size_t *in_used, char *out, size_t cap, size_t *out_len);
enum bx_status bx_encode_final(struct bx_encoder *enc, char *out,
    size_t cap, size_t *out_len);

/*
 * Decoder: update decodes IN into OUT; BX_NEED_OUTPUT when OUT has no room
 * for the next group's bytes
 * (*in_used says how far it got), an error status (latched) when the
 * input is invalid, OUT then holding what came before (see above).
 * final checks and completes the last group, writing its bytes (at most
 * 5) into OUT.
 */
enum bx_status bx_decoder_init(struct bx_decoder *dec, enum bx_kind kind,
    unsigned flags);
enum bx_status bx_decode_update(struct bx_decoder *dec, const void *in,
    size_t n, size_t *in_used, void *out, size_t cap, size_t *out_len);
enum bx_status bx_decode_final(struct bx_decoder *dec, void *out,
    size_t cap, size_t *out_len);

/* After an error: the 0-based offset, 1-based line and column of the
 * first offending byte (for a missing one, the end of the input; for
 * non-zero unused bits, the character that carries them; for a z85 group
 * too large, its first character), and for BX_ERR_BAD_CHAR the byte
 * (0 for the other errors). */
uint64_t bx_decoder_error_offset(const struct bx_decoder *dec);
uint64_t bx_decoder_error_line(const struct bx_decoder *dec);
uint64_t bx_decoder_error_column(const struct bx_decoder *dec);
unsigned char bx_decoder_error_byte(const struct bx_decoder *dec);

/* Whether byte C is in KIND's alphabet (what GNU's -i keeps, '=' apart:
 * base32's '=' is not in the alphabet). */
int bx_is_alphabet(enum bx_kind kind, unsigned char c);

#endif /* SEXTET_BASEX_H */
