/*
 * b64_private.h - what the codec's own files share: alphabets, the
 * implementation registry and its interface.  Not for clients.
 */
#ifndef SEXTET_B64_PRIVATE_H
#define SEXTET_B64_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "b64.h"

struct b64_impl;
struct b64_mode;
struct b64_alphabet;

/*
 * The encoder's and the decoder's state: what struct b64_encoder and
 * struct b64_decoder (b64.h) hold in their private_ bytes.  These layouts
 * may change from one version to the next, so long as they fit there.
 */
struct b64_enc {
	const struct b64_impl *impl;
	const struct b64_alphabet *alpha;
	enum b64_status err;    /* latched error, B64_OK while none */
	unsigned flags;
	size_t wrap;            /* characters per line, 0 = no line breaks */
	size_t col;             /* characters on the current line */
	unsigned char hold[2];  /* input bytes waiting for a full triple */
	unsigned char nhold;
};

/* A position in the input. */
struct b64_mark {
	uint64_t off;           /* 0-based byte offset */
	uint64_t line;          /* line feeds before it */
	uint64_t line_start;    /* offset of the first byte of its line */
};

struct b64_dec {
	const struct b64_impl *impl;
	const struct b64_mode *mode; /* the rules (machine.c) */
	const unsigned char *table; /* byte -> 0..63 or a class code */
	unsigned flags;
	uint32_t acc;           /* bits of the quantum being read */
	unsigned char state;    /* the machine's state (machine.h) */
	unsigned char ret;      /* the state to go back to after CR LF */
	unsigned char skip;     /* byte classes the compact loop may drop */
	unsigned char eols;     /* line ends the line step may take: bit 0
	                         * LF, bit 1 CR LF; found at the first
	                         * line step (decode.c) */
	unsigned char err_byte; /* the offending byte, for messages */
	enum b64_status err;    /* latched error, B64_OK while none */
	uint64_t offset;        /* input bytes consumed so far */
	uint64_t line;          /* line feeds consumed so far */
	uint64_t line_start;    /* offset after the last line feed */
	uint64_t line_len;      /* bytes of the last line, its end included */
	uint64_t line_fail;     /* a line length the line step failed on */
	uint64_t fail_line;     /* the line count then */
	struct b64_mark last;   /* the last alphabet character */
	struct b64_mark pad;    /* the last '=' */
	struct b64_mark cr;     /* the waiting CR */
	struct b64_mark err_at; /* the first offending byte */
};

/* They fit in the public structs, which are aligned for what they hold
 * (pointers and 64-bit integers): the sizes in b64.h are part of the
 * library's ABI, these layouts are not. */
_Static_assert(sizeof(struct b64_enc) <= sizeof(struct b64_encoder),
    "struct b64_enc outgrew B64_ENCODER_SIZE");
_Static_assert(_Alignof(struct b64_enc) <= _Alignof(struct b64_encoder),
    "struct b64_enc needs more alignment than struct b64_encoder has");
_Static_assert(sizeof(struct b64_dec) <= sizeof(struct b64_decoder),
    "struct b64_dec outgrew B64_DECODER_SIZE");
_Static_assert(_Alignof(struct b64_dec) <= _Alignof(struct b64_decoder),
    "struct b64_dec needs more alignment than struct b64_decoder has");

/* The state in a public struct (its private_ bytes). */
static inline struct b64_enc *
b64_enc_of(struct b64_encoder *e)
{
	return (struct b64_enc *)(void *)e->private_.bytes;
}

static inline const struct b64_enc *
b64_enc_cof(const struct b64_encoder *e)
{
	return (const struct b64_enc *)(const void *)e->private_.bytes;
}

static inline struct b64_dec *
b64_dec_of(struct b64_decoder *d)
{
	return (struct b64_dec *)(void *)d->private_.bytes;
}

static inline const struct b64_dec *
b64_dec_cof(const struct b64_decoder *d)
{
	return (const struct b64_dec *)(const void *)d->private_.bytes;
}

/* Class codes in the decode tables; alphabet values are 0..63. */
#define B64_C_PAD   0x40u
#define B64_C_LF    0x41u
#define B64_C_CR    0x42u
#define B64_C_WS    0x43u /* SP HT VT FF */
#define B64_C_OTHER 0x44u

/* Every flag bit init knows; any other is refused (B64_ERR_UNSUPPORTED). */
#define B64_FLAGS_KNOWN (B64_ALPHA_URL | B64_NO_PAD | B64_STRICT | \
	B64_LENIENT | B64_SKIP_GARBAGE | B64_CRLF | B64_IMPL_MASK)

/*
 * An alphabet: everything any implementation needs to know about one,
 * decided once here (tables.c) so that no loop compares pointers or reads
 * the characters back out of a table to learn which alphabet it has.
 *
 * dec comes first: the decoder hands the implementations' dec and compact
 * loops a pointer to it (their TABLE argument), and b64_alphabet_of()
 * turns that pointer back into the descriptor.
 */
struct b64_alphabet {
	unsigned char dec[256];   /* byte -> 0..63 or a B64_C_* class */
	char chars[64];           /* value -> character */
	unsigned char ascii[128]; /* 0..127 -> 0..63, or 0x80 if none */
	/*
	 * The 16-entry tables of the SSSE3 and AVX2 loops (PSHUFB looks
	 * them up by a nibble or a small class number):
	 * nib_hi, nib_lo  the validity test: byte c < 128 is in the
	 *                 alphabet when nib_hi[c >> 4] & ~nib_lo[c & 15] is
	 *                 0 (a class bit per high nibble; per low nibble, the
	 *                 classes it makes characters with)
	 * roll            the decoder's offset per high nibble (character
	 *                 + offset = value), entry 0 for c63, which shares
	 *                 its nibble with others
	 * enc_offs        the encoder's offset per value class (value +
	 *                 offset = character): 0 A-Z, 1 a-z, 2..11 digits,
	 *                 12 c62, 13 c63
	 */
	unsigned char nib_hi[16], nib_lo[16], roll[16], enc_offs[16];
	char pairs[4096][2];      /* 12 bits -> their two characters */
	char c62, c63;            /* the two characters that differ */
	unsigned char url;        /* 1 for RFC 4648 section 5 */
	uint16_t dec2[65536];     /* two bytes (index: the first one plus
	                           * 256 times the second) -> their 12
	                           * bits, or B64_DEC2_BAD if either is not
	                           * in the alphabet */
};

#define B64_DEC2_BAD 0x8000u

/*
 * The line length the vector line loops are compiled a second time for,
 * the length a constant (GNU's default: 76), and the attribute that
 * inlines their bodies into both copies: lines.h's base64 encoding,
 * hex_vec.h's base16 lines and base32 line copies.
 */
#define B64_GNU_WRAP 76
#define B64_ALWAYS_INLINE inline __attribute__((always_inline))

extern const struct b64_alphabet b64_std;
extern const struct b64_alphabet b64_url;

/* The decode tables decode.c picks from. */
#define b64_dec_std (b64_std.dec)
#define b64_dec_url (b64_url.dec)

/* The alphabet FLAGS select. */
static inline const struct b64_alphabet *
b64_alphabet_for(unsigned flags)
{
	return (flags & B64_ALPHA_URL) ? &b64_url : &b64_std;
}

/* The descriptor whose dec table TABLE is (its first member). */
static inline const struct b64_alphabet *
b64_alphabet_of(const unsigned char *table)
{
	return (const struct b64_alphabet *)(const void *)table;
}

/* Classes of bytes the compact loop may drop. */
#define B64_SKIP_LF    0x1u /* LF */
#define B64_SKIP_WS    0x2u /* CR SP HT VT FF */
#define B64_SKIP_OTHER 0x4u /* everything else but '=' */

/* What a compact call consumed.  Positions are relative to its input. */
struct b64_scan {
	size_t nalpha;        /* alphabet characters copied */
	size_t nlf;           /* line feeds */
	size_t lf_end;        /* 1 + position of the last LF, 0 if none */
	size_t last_alpha;    /* position of the last alphabet character */
	size_t alpha_nlf;     /* line feeds before it */
	size_t alpha_lf_end;  /* 1 + position of the last LF before it, or 0 */
};

/*
 * The bulk loops one implementation provides.  Everything else (state,
 * padding, line breaks, errors) is shared code in encode.c and decode.c.
 *
 * enc: encode NGROUPS whole triples from IN to 4 * NGROUPS characters of
 *   ALPHA; it reads no byte of IN past those triples.
 * dec: decode whole quanta of four alphabet characters from IN (at most N
 *   bytes, N a multiple of 4), stopping before the first quantum that holds
 *   any other byte; return the input bytes consumed (a multiple of 4) and
 *   write three bytes per quantum.  It must not read IN[N] or beyond, nor
 *   write at OUT[N / 4 * 3] or beyond; bytes past its own output (below
 *   that limit) may be used as scratch.
 * compact (may be NULL): copy the alphabet characters of IN to TMP while
 *   every byte is either in the alphabet or in one of the SKIP classes
 *   (B64_SKIP_*; '=' is never skipped); return the input bytes consumed and
 *   describe them in *scan.  TMP must hold the bytes consumed plus 64.
 * dec_lines: decode whole lines from IN (at most N bytes), each LEN
 *   alphabet characters (LEN a multiple of 4) followed by EOL (1: LF, 2:
 *   CR LF), stopping before the first line that is anything else; return
 *   the lines decoded and write LEN / 4 * 3 bytes per line.  The bounds
 *   are dec's: nothing read at IN[N] or beyond, nothing written at
 *   OUT[N / 4 * 3] or beyond, bytes past its own output usable as
 *   scratch.  It may decline lines shorter than its vectors (return 0).
 * enc_lines: encode MAXLINES lines at most, each WRAP / 4 * 3 bytes of IN
 *   (WRAP a multiple of 4) to WRAP characters and EOL (1: LF, 2: CR LF);
 *   return the lines written.  It reads no byte at IN[N] or beyond and
 *   writes exactly the lines it returns.  It may stop early where its
 *   vectors would read past IN[N], and decline lines shorter than them.
 * dec, dec_lines and compact receive the alphabet as its descriptor's
 *   dec table (b64_dec_std or b64_dec_url); b64_alphabet_of() gives the
 *   descriptor.
 * hex_enc, hex_dec (may be NULL: basex.c's portable loops then): base16
 *   for basex.c.  hex_enc encodes whole vectors of IN (at most N bytes)
 *   to two upper-case digits a byte and returns the bytes done; hex_dec
 *   decodes pairs of hex digits of either case from IN (at most N
 *   bytes), stopping before the first block that holds anything else,
 *   and returns the characters consumed (even), one byte written per
 *   pair.  Neither reads or writes past those bounds.
 * b32_enc, b32_dec (may be NULL): base32 (HEX 0) and base32hex (HEX 1)
 *   for basex.c, as b32_vec.h describes them: b32_enc encodes whole
 *   groups of IN (at most N bytes, reading no byte at IN[N] or beyond)
 *   and returns the bytes consumed (a multiple of 5); b32_dec decodes
 *   groups of alphabet characters (at most N bytes; for base32hex, W..Z
 *   are not taken) to OUT, writing nothing at OUT[CAP] or beyond, and
 *   returns the characters consumed (a multiple of 8).
 * b2_dec (may be NULL): base2 for basex.c: '0' and '1' characters of IN
 *   (at most N bytes) to bytes, eight a byte (MSBF: the first one the
 *   most significant bit; else the least), while every character is one
 *   of them; returns the characters consumed (a multiple of 8).
 * join_lines, split_lines (may be NULL: basex.c's portable copies then):
 *   text in lines for basex.c.  join_lines copies the lines at IN (at
 *   most N bytes), each LEN characters and a LF, MAXLINES at most, to TMP
 *   without their LFs (LEN bytes apiece, back to back) and returns the
 *   lines copied, stopping at the first line whose LF is not where it
 *   should be (or not within the N bytes).  split_lines writes NLINES
 *   lines of S (WRAP characters apiece) to OUT, each after a LF: LF, WRAP
 *   characters, LF, ... (NLINES times WRAP + 1 bytes).  Neither reads
 *   nor writes a byte past those bounds.
 * hex_lines (may be NULL): base16 text in lines for basex.c, decoded
 *   without joining them first: lines of LEN digits (even) and a LF each,
 *   at most N bytes of IN and MAXLINES lines, to LEN / 2 bytes apiece at
 *   OUT; returns the lines decoded, stopping before any that holds
 *   anything else (it may stop earlier: at a line it takes only in
 *   pairs, and at lines shorter than its vectors).  It reads no byte past
 *   the N and writes none at OUT[MAXLINES * LEN / 2] or beyond; bytes
 *   past the lines it returns may have been written (scratch).
 * hex_split (may be NULL): base16 encoding in lines for basex.c, as
 *   split_lines but from the bytes: NLINES lines of WRAP / 2 bytes of IN,
 *   each written as a LF and its WRAP digits (NLINES times WRAP + 1
 *   bytes); returns NLINES, or 0 and nothing written for a WRAP it does
 *   not take (odd, or shorter than its vectors).  It reads and writes no
 *   byte past those.
 * usable: whether this CPU runs it (NULL: always).
 *
 * Every implementation file defines its struct in every build; one this
 * build cannot compile has enc == NULL, so that the registry still names
 * it and callers can report it as missing.
 */
struct b64_impl {
	const char *name;
	unsigned id; /* B64_IMPL_* */
	int (*usable)(void);
	void (*enc)(const unsigned char *in, size_t ngroups, char *out,
	    const struct b64_alphabet *alpha);
	size_t (*dec)(const unsigned char *in, size_t n, unsigned char *out,
	    const unsigned char *table);
	size_t (*compact)(const unsigned char *in, size_t n, unsigned char *tmp,
	    const unsigned char *table, unsigned skip, struct b64_scan *scan);
	size_t (*dec_lines)(const unsigned char *in, size_t n,
	    unsigned char *out, const unsigned char *table, size_t len,
	    size_t eol);
	size_t (*enc_lines)(const unsigned char *in, size_t n,
	    size_t maxlines, char *out, const struct b64_alphabet *alpha,
	    size_t wrap, size_t eol);
	size_t (*hex_enc)(const unsigned char *in, size_t n, char *out);
	size_t (*hex_dec)(const unsigned char *in, size_t n,
	    unsigned char *out);
	size_t (*b32_enc)(const unsigned char *in, size_t n, char *out,
	    int hex);
	size_t (*b32_dec)(const unsigned char *in, size_t n,
	    unsigned char *out, size_t cap, int hex);
	size_t (*b2_dec)(const unsigned char *in, size_t n,
	    unsigned char *out, int msbf);
	size_t (*join_lines)(unsigned char *tmp, const unsigned char *in,
	    size_t n, size_t len, size_t maxlines);
	void (*split_lines)(char *out, const char *s, size_t nlines,
	    size_t wrap);
	size_t (*hex_lines)(const unsigned char *in, size_t n, size_t len,
	    size_t maxlines, unsigned char *out);
	size_t (*hex_split)(const unsigned char *in, size_t nlines, char *out,
	    size_t wrap);
};

/* What the registry in dispatch.c lists, one per file. */
extern const struct b64_impl b64_impl_scalar;
extern const struct b64_impl b64_impl_ssse3;
extern const struct b64_impl b64_impl_avx2;
extern const struct b64_impl b64_impl_avx512;
extern const struct b64_impl b64_impl_neon;

/*
 * The implementation for the B64_IMPL_* bits of FLAGS; NULL if FLAGS has
 * bits init does not know, or names one this build or CPU lacks.
 */
const struct b64_impl *b64_impl_pick(unsigned flags);

#endif /* SEXTET_B64_PRIVATE_H */
