/*
 * test_compact.c - the portable compact loop (src/codec/compact.c) against
 * a byte-at-a-time reference written here, on random text of every kind
 * of byte, every set of dropped classes and both alphabets; then the
 * decoder, forced onto implementations without a compact loop of their
 * own, on text dense with dropped bytes (where it runs the portable loop)
 * against the same text with those bytes removed first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "compact.h"
#include "tap.h"

#define MAXN 600

static uint64_t seed = 0x5eed5eedu;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(seed >> 33) % n;
}

/* A random byte, alphabet most of the time. */
static unsigned char
any_byte(const char *alpha, unsigned dense)
{
	static const unsigned char other[] = {
		'=', '\n', '\r', ' ', '\t', '\v', '\f', '*', 0x80, 0xff, 0,
	};

	if (rnd(100) >= dense)
		return (unsigned char)alpha[rnd(64)];
	return other[rnd(sizeof(other))];
}

/* Is the class code T dropped with SKIP? */
static int
dropped(unsigned t, unsigned skip)
{
	switch (t) {
	case 0x41: /* LF */
		return (skip & (B64_SKIP_LF | B64_SKIP_OTHER)) != 0;
	case 0x42: /* CR */
	case 0x43: /* SP HT VT FF */
		return (skip & (B64_SKIP_WS | B64_SKIP_OTHER)) != 0;
	case 0x44:
		return (skip & B64_SKIP_OTHER) != 0;
	default: /* '=' */
		return 0;
	}
}

static int
check_loop(const unsigned char *in, size_t n, const unsigned char *table,
    unsigned skip)
{
	unsigned char tmp[MAXN + 64], want[MAXN];
	struct b64_scan sc, ref;
	size_t i, k = 0, used;

	memset(&ref, 0, sizeof(ref));
	for (i = 0; i < n; i++) {
		unsigned t = table[in[i]];

		if (t < 64) {
			want[k++] = in[i];
			ref.last_alpha = i;
			ref.alpha_nlf = ref.nlf;
			ref.alpha_lf_end = ref.lf_end;
		} else if (!dropped(t, skip)) {
			break;
		} else if (in[i] == '\n') {
			ref.nlf++;
			ref.lf_end = i + 1;
		}
	}
	ref.nalpha = k;
	used = b64_compact_portable(in, n, tmp, table, skip, &sc);
	return used == i && sc.nalpha == k && memcmp(tmp, want, k) == 0 &&
	    sc.nlf == ref.nlf && sc.lf_end == ref.lf_end &&
	    sc.last_alpha == ref.last_alpha &&
	    sc.alpha_nlf == ref.alpha_nlf &&
	    sc.alpha_lf_end == ref.alpha_lf_end;
}

/*
 * Decode text with a space or a line feed after every 1..12 characters
 * (lenient, or GNU with -i) with implementation IMPL, in one piece and in
 * chunks: the result must be that of the text without them.
 */
static int
check_decoder(unsigned impl, unsigned flags)
{
	static unsigned char data[3000], text[8000], clean[8000];
	static unsigned char out1[6000], out2[6000];
	int ok = 1;

	for (int round = 0; round < 50; round++) {
		size_t nd = 1 + rnd(sizeof(data) - 1), nt = 0, nc = 0, len1;
		size_t len2, enc;
		enum b64_status s1, s2;

		for (size_t i = 0; i < nd; i++)
			data[i] = (unsigned char)rnd(256);
		b64_encode(data, nd, (char *)clean, sizeof(clean), &enc, 0, 0);
		for (size_t i = 0; i < enc; i++) {
			text[nt++] = clean[i];
			if (rnd(12) == 0 || (i + 1) % (1 + rnd(12)) == 0)
				text[nt++] = rnd(2) ? ' ' : '\n';
		}
		nc = enc;
		s1 = b64_decode(clean, nc, out1, sizeof(out1), &len1, NULL,
		    flags | B64_IMPL_SCALAR);
		s2 = b64_decode(text, nt, out2, sizeof(out2), &len2, NULL,
		    flags | impl);
		if (s1 != B64_OK || s2 != B64_OK || len1 != nd ||
		    len2 != nd || memcmp(out2, data, nd) != 0)
			ok = 0;
	}
	return ok;
}

int
main(void)
{
	static const unsigned skips[] = {
		0, B64_SKIP_LF, B64_SKIP_WS, B64_SKIP_LF | B64_SKIP_WS,
		B64_SKIP_LF | B64_SKIP_WS | B64_SKIP_OTHER,
	};
	unsigned char in[MAXN];
	const char *name;
	unsigned id;

	for (int url = 0; url < 2; url++) {
		const unsigned char *table = url ? b64_dec_url : b64_dec_std;
		const char *alpha = url ? b64_url.chars : b64_std.chars;

		for (size_t s = 0; s < sizeof(skips) / sizeof(skips[0]); s++) {
			int ok = 1;

			for (int round = 0; round < 3000; round++) {
				size_t n = rnd(MAXN + 1);
				unsigned dense = rnd(40);

				for (size_t i = 0; i < n; i++)
					in[i] = any_byte(alpha, dense);
				ok &= check_loop(in, n, table, skips[s]);
			}
			tap_ok(ok, "portable compact loop, %s alphabet, "
			    "skip 0x%x: as the reference", url ? "url" : "std",
			    skips[s]);
		}
	}
	/* Every implementation of the registry. */
	for (size_t k = 0; (name = b64_impl_at(k, &id)) != NULL; k++) {
		if (!b64_impl_available(id)) {
			tap_skip("not available here", "%s", name);
			continue;
		}
		tap_ok(check_decoder(id, B64_LENIENT),
		    "%s --lenient: blanks and line feeds every few "
		    "characters are dropped", name);
		tap_ok(check_decoder(id, B64_SKIP_GARBAGE),
		    "%s -i: blanks and line feeds every few characters are "
		    "dropped", name);
	}
	return tap_done();
}
