/*
 * compact.h - the portable compact loop (compact.c), for the decoder and
 * its tests.  Private to the codec.
 */
#ifndef SEXTET_COMPACT_H
#define SEXTET_COMPACT_H

#include "b64_private.h"

/* struct b64_impl's compact, in portable C. */
size_t b64_compact_portable(const unsigned char *in, size_t n,
    unsigned char *tmp, const unsigned char *table, unsigned skip,
    struct b64_scan *scan);

#endif /* SEXTET_COMPACT_H */
