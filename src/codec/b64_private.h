/*
 * b64_private.h - what the codec's own files share: tables, the
 * implementation table and small inline helpers.  Not for clients.
 */
#ifndef SEXTET_B64_PRIVATE_H
#define SEXTET_B64_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "b64.h"

/* Class codes in the decode tables; alphabet values are 0..63. */
#define B64_C_PAD   0x40u
#define B64_C_LF    0x41u
#define B64_C_CR    0x42u
#define B64_C_WS    0x43u /* SP HT VT FF */
#define B64_C_OTHER 0x44u

extern const char b64_alpha_std[64];
extern const char b64_alpha_url[64];
extern const unsigned char b64_dec_std[256];
extern const unsigned char b64_dec_url[256];
extern const unsigned char b64_vbmi_std[128];
extern const unsigned char b64_vbmi_url[128];

/*
 * The bulk loops one implementation provides.  Everything else (state,
 * padding, line breaks, errors) is shared code in encode.c and decode.c.
 *
 * enc: encode NGROUPS whole triples from IN to 4 * NGROUPS characters.
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
 * usable: whether this CPU runs it (NULL: always).
 * Both loops take the alphabet from their last argument (b64_alpha_url or
 * b64_dec_url mean the URL alphabet).
 */
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

struct b64_impl {
	const char *name;
	unsigned id; /* B64_IMPL_* */
	int (*usable)(void);
	void (*enc)(const unsigned char *in, size_t ngroups, char *out,
	    const char *alphabet);
	size_t (*dec)(const unsigned char *in, size_t n, unsigned char *out,
	    const unsigned char *table);
	size_t (*compact)(const unsigned char *in, size_t n, unsigned char *tmp,
	    const unsigned char *table, unsigned skip, struct b64_scan *scan);
};

extern const struct b64_impl b64_impl_scalar;
#ifdef HAVE_TARGET_SSSE3
extern const struct b64_impl b64_impl_ssse3;
#endif
#ifdef HAVE_TARGET_AVX2
extern const struct b64_impl b64_impl_avx2;
#endif
#ifdef HAVE_TARGET_AVX512VBMI
extern const struct b64_impl b64_impl_avx512;
#endif

/* The implementation for the B64_IMPL_* bits of FLAGS, or NULL. */
const struct b64_impl *b64_impl_pick(unsigned flags);

#endif /* SEXTET_B64_PRIVATE_H */
