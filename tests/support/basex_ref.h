/*
 * basex_ref.h - reference encoders for the block codecs of
 * src/codec/basex.h (base32, base32hex, base16, base2msbf, base2lsbf,
 * z85) and their alphabets, independent of the codec's tables and group
 * arithmetic: one character at a time, from a bit accumulator or by
 * powers of 85.  Used by tests/unit/test_basex.c and fuzz/fuzz_basex.c.
 * The code is basex_ref.c, in libtestsupport.a.
 */
#ifndef SEXTET_BASEX_REF_H
#define SEXTET_BASEX_REF_H

#include <stddef.h>

#include "basex.h"

/* Most bytes ref_bx() writes for N bytes. */
#define REF_BX_MAX(n) (16 * (size_t)(n) + 16)

/* KIND's alphabet, in digit order (base16 in upper case). */
const char *ref_bx_alphabet(enum bx_kind kind);

/* Whether C is in KIND's alphabet, as GNU's -i keeps it ('=' apart;
 * base16 in either case). */
int ref_bx_in_alphabet(enum bx_kind kind, unsigned char c);

/*
 * The encoding of IN[0..N) as KIND, GNU's way: base32 from a bit
 * accumulator five bits at a time, '=' up to a multiple of 8 characters
 * unless NOPAD; base16 a nibble at a time; base2 a bit at a time; z85 by
 * powers of 85 (whole groups of 4 bytes only).  A LF after every WRAP
 * characters and after a partial last line.  OUT needs
 * REF_BX_MAX(N) bytes; returns the length written.
 */
size_t ref_bx(enum bx_kind kind, const unsigned char *in, size_t n, int nopad,
    size_t wrap, char *out);

#endif /* SEXTET_BASEX_REF_H */
