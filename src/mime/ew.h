/*
 * ew.h - RFC 2047 encoded-word decoder.
 *
 * ew_decode() takes one unfolded header line (or any text) and writes it
 * with its encoded-words ("=?charset[*lang]?B|Q?text?=") decoded to
 * UTF-8.  Rules:
 *  - a word is recognised only where RFC 2047 section 5 allows it: after
 *    the start, white space or '(' and before the end, white space or ')';
 *    not inside a quoted string (EW_LENIENT: there too);
 *  - encoded-words separated only by white space are joined without it,
 *    and the bytes of words in the same charset are joined before the
 *    conversion, so a character split across two words comes out whole;
 *  - B text decodes unpadded too; '_' is a space in Q;
 *  - a word with an unknown encoding letter, invalid base64 or Q text, an
 *    unknown charset or bytes invalid in its charset is bad: it is left
 *    exactly as written and reported (with EW_LENIENT it is decoded as far
 *    as possible, bad bytes becoming U+FFFD, and nothing is reported);
 *    bytes that do not convert fail the whole run of joined same-charset
 *    words, which is then left as written and reported once, at its
 *    first word;
 *  - a word whose encoded text is longer than 4096 bytes is plain text;
 *  - "=?" that does not start a well-formed word is plain text;
 *  - control characters in decoded text are escaped (text_escape()).
 * EW_NAME is the mode for file names: words are decoded wherever they
 * stand, bytes that do not convert become %XX, nothing is bad, nothing
 * escaped.  White space and everything else in the input is kept.
 */
#ifndef SEXTET_EW_H
#define SEXTET_EW_H

#include <stddef.h>

#include "text.h"

#define EW_LENIENT 0x1u
#define EW_NAME    0x2u

/* Output room that always suffices for N input bytes: a byte can become
 * a C1 character, escaped as \xc2\xHH (8 bytes). */
#define EW_OUT_MAX(n) (8 * (n) + 16)

/* Called for each bad word: its offset in the input (the "=?") and why. */
typedef void ew_report_fn(void *ctx, size_t off, const char *reason);

/* Decode IN (N bytes) into OUT; returns the number of bad words. */
size_t ew_decode(const char *in, size_t n, unsigned flags, struct sbuf *out,
    ew_report_fn *report, void *ctx);

#endif /* SEXTET_EW_H */
