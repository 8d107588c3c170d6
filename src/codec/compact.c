/*
 * compact.c - the portable compact loop, so that the decoder's compaction
 * macro-step runs (and is tested) on every host: implementations without
 * a compact loop of their own get this one.  The contract is the one of
 * struct b64_impl's compact (b64_private.h); this loop stops at the exact
 * byte that is neither alphabet nor dropped, where the AVX-512 one stops
 * at the 64-byte block that holds it.
 */
#include <string.h>

#include "compact.h"

size_t
b64_compact_portable(const unsigned char *in, size_t n, unsigned char *tmp,
    const unsigned char *table, unsigned skip, struct b64_scan *sc)
{
	/* Per class code (B64_C_PAD ..): dropped or not. */
	int lf = (skip & (B64_SKIP_LF | B64_SKIP_OTHER)) != 0;
	int ws = (skip & (B64_SKIP_WS | B64_SKIP_OTHER)) != 0;
	const unsigned char drop[5] = {
		0, (unsigned char)lf, (unsigned char)ws, (unsigned char)ws,
		(skip & B64_SKIP_OTHER) != 0,
	};
	size_t i = 0, k = 0, nlf = 0, lf_end = 0;
	size_t a_last = 0, a_nlf = 0, a_lf_end = 0;

	while (i < n) {
		unsigned t;

		/* Eight alphabet bytes in a row: copy them as one word. */
		if (n - i >= 8) {
			unsigned any = table[in[i]] | table[in[i + 1]] |
			    table[in[i + 2]] | table[in[i + 3]] |
			    table[in[i + 4]] | table[in[i + 5]] |
			    table[in[i + 6]] | table[in[i + 7]];

			if ((any & 0xc0u) == 0) {
				memcpy(tmp + k, in + i, 8);
				k += 8;
				i += 8;
				a_last = i - 1;
				a_nlf = nlf;
				a_lf_end = lf_end;
				continue;
			}
		}
		t = table[in[i]];
		if (t < 64) {
			tmp[k++] = in[i];
			a_last = i;
			a_nlf = nlf;
			a_lf_end = lf_end;
		} else if (!drop[t - B64_C_PAD]) {
			break;
		} else if (t == B64_C_LF) {
			nlf++;
			lf_end = i + 1;
		}
		i++;
	}
	sc->nalpha = k;
	sc->nlf = nlf;
	sc->lf_end = lf_end;
	sc->last_alpha = k ? a_last : 0;
	sc->alpha_nlf = k ? a_nlf : 0;
	sc->alpha_lf_end = k ? a_lf_end : 0;
	return i;
}
