/*
 * test_props.c - properties of the decoding modes over many random inputs
 * (fixed-seed PRNG from testutil.h, so every run is the same).
 *
 *  1. Round trip.  For every alphabet (std, URL), padding (padded, no
 *     pad), wrap (0, 1, 4, 5, 76, 1000) and line end (LF, CRLF): the
 *     library's encoding of x equals the reference encoder's, and decodes
 *     back to x in GNU mode, in strict mode with B64_CRLF exactly when the
 *     encoding used CRLF and B64_NO_PAD exactly when it has no padding,
 *     and in lenient mode.  Strict with the other flag choices fails, and
 *     exactly where: a CR (no B64_CRLF), a bare LF (B64_CRLF), the first
 *     '=' (B64_NO_PAD), right after the last character (padding missing)
 *     -- and accepts when the text has no such thing.
 *  2. Strict acceptance.  Random strings over the alphabet plus '=' and
 *     LF, and mutated encodings, also with every LF turned into CRLF:
 *     whenever strict accepts s with output y, encoding y (matching
 *     padding flag, no wrap) gives s without its line breaks, lenient
 *     decodes s to y, and GNU mode decodes s to y.  Conversely, when
 *     lenient's y re-encodes to s without its line breaks, strict accepts
 *     s.  The number of accepted strings is checked too, so the property
 *     is not vacuous.
 *  3. Lenient recovery.  enc(x) damaged by CRLF line ends, blanks and
 *     tabs (and the rest of ASCII white space) anywhere, padding included,
 *     dropped or partial padding, extra padding, extra '=' after inner
 *     quanta, and flipped unused bits of the last quantum, still decodes
 *     to x in lenient mode (also with -i plus garbage bytes).
 *
 * A quarter of the decodes also run in random chunks with random output
 * room and must give the one-shot answer.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "b64.h"
#include "tap.h"
#include "testutil.h"

/*
 * Trials per property scale with PROPS_SCALE (-DPROPS_SCALE=20 for a long
 * run).  The default keeps the run near a few seconds under ASan even
 * where each decoder or encoder init costs a CPUID (tens of microseconds
 * in a virtual machine, with SIMD compiled in).
 */
#ifndef PROPS_SCALE
#define PROPS_SCALE 1
#endif
#define ROUNDTRIP_TRIALS (60 * PROPS_SCALE)   /* per combination */
#define STRICT_TRIALS    (1500 * PROPS_SCALE) /* per strict flag set */
#define LENIENT_TRIALS   (1000 * PROPS_SCALE) /* per kind of damage */

#define MAXX    3000                      /* longest plain input */
#define TEXTMAX (REF_ENCODE_MAX(MAXX) * 3) /* room for damaged text */

struct dres {
	enum b64_status st;
	uint64_t off;
	size_t len;
};

static unsigned char xbuf[MAXX];
static char ebuf[REF_ENCODE_MAX(MAXX)], rbuf[REF_ENCODE_MAX(MAXX)];
static unsigned char text[TEXTMAX];
static unsigned char obuf[MAXX + 64], obuf2[MAXX + 64], lbuf[MAXX + 64];

/* One-shot decode of IN into OUT (CAP bytes of room). */
static void
dec1(const unsigned char *in, size_t n, unsigned flags, unsigned char *out,
    size_t cap, struct dres *r)
{
	uint64_t off = UINT64_MAX;

	r->len = 0;
	r->st = b64_decode(in, n, out, cap, &r->len, &off, flags);
	r->off = B64_IS_ERROR(r->st) ? off : 0;
}

/* The same, in random chunks with random room. */
static void
dec_chunks(const unsigned char *in, size_t n, unsigned flags,
    unsigned char *out, size_t cap, struct rng *g, struct dres *r)
{
	struct b64_decoder d;
	enum b64_status st = b64_decoder_init(&d, flags);
	size_t pos = 0;

	r->len = 0;
	r->off = 0;
	while (st == B64_OK && pos < n) {
		size_t chunk = 1 + rng_below(g, n - pos < 64 ? n - pos : 64);
		size_t room = cap - r->len, used = 0, len = 0;

		if (rng_below(g, 2))
			room = rng_below(g, room < 8 ? room + 1 : 8);
		st = b64_decode_update(&d, in + pos, chunk, &used,
		    out + r->len, room, &len);
		pos += used;
		r->len += len;
		if (st == B64_NEED_OUTPUT) {
			if (used == 0 && len == 0 && room > 0)
				break; /* no progress: reported as such */
			st = B64_OK;
		}
	}
	if (st == B64_OK)
		st = b64_decode_final(&d);
	r->st = st;
	if (B64_IS_ERROR(st))
		r->off = b64_decoder_error_offset(&d);
}

/*
 * Decodes one-shot into OUT; sometimes also chunked into obuf2, which
 * must agree (else *split_bad is set).
 */
static void
dec(const unsigned char *in, size_t n, unsigned flags, unsigned char *out,
    size_t cap, struct rng *g, struct dres *r, int *split_bad)
{
	dec1(in, n, flags, out, cap, r);
	if (rng_below(g, 4) == 0) {
		struct dres c;

		dec_chunks(in, n, flags, obuf2, sizeof(obuf2), g, &c);
		if (c.st != r->st || c.off != r->off || c.len != r->len ||
		    memcmp(obuf2, out, r->len) != 0)
			*split_bad = 1;
	}
}

/* Library encoding of X[0..N); 0 and *bad set unless it is B64_OK. */
static size_t
enc(const unsigned char *x, size_t n, unsigned flags, size_t wrap,
    char *out, size_t cap, int *bad)
{
	size_t len = 0;

	if (b64_encode(x, n, out, cap, &len, flags, wrap) != B64_OK) {
		*bad = 1;
		return 0;
	}
	return len;
}

/* A random plain-text length: mostly short, some long, all remainders. */
static size_t
rand_len(struct rng *g)
{
	switch (rng_below(g, 8)) {
	case 0: return rng_below(g, 6);
	case 1: return rng_below(g, MAXX + 1);
	default: return rng_below(g, 200);
	}
}

static int
is_alpha(unsigned flags, unsigned char c)
{
	return ref_value(flags, c) >= 0;
}

/* ---- 1. round trip ----------------------------------------------------- */

/*
 * Where strict with SFLAGS must stop on TEXT (an encoding with line
 * ends): the first update-time error, else missing padding at the end.
 */
static void
strict_expect(const unsigned char *t, size_t n, unsigned sflags,
    struct dres *w)
{
	size_t i, last = 0;
	int any = 0, has_pad = 0;

	w->st = B64_OK;
	w->off = 0;
	for (i = 0; i < n; i++) {
		if (t[i] == '\r' && !(sflags & B64_CRLF)) {
			w->st = B64_ERR_BAD_CHAR;
			w->off = i;
			return;
		}
		if (t[i] == '\n' && (sflags & B64_CRLF) &&
		    (i == 0 || t[i - 1] != '\r')) {
			w->st = B64_ERR_BAD_CHAR;
			w->off = i;
			return;
		}
		if (t[i] == '=') {
			if (sflags & B64_NO_PAD) {
				w->st = B64_ERR_PAD_NOT_ALLOWED;
				w->off = i;
				return;
			}
			has_pad = 1;
		}
		if (is_alpha(sflags, t[i])) {
			last = i;
			any++;
		}
	}
	if (!(sflags & B64_NO_PAD) && !has_pad && any % 4 != 0) {
		w->st = B64_ERR_MISSING_PAD;
		w->off = last + 1;
	}
}

static void
test_roundtrip(void)
{
	static const size_t wraps[] = { 0, 1, 4, 5, 76, 1000 };
	struct rng g;
	unsigned alpha, pad, crlf;
	size_t wi;

	rng_init(&g, 0x40f1);
	for (alpha = 0; alpha < 2; alpha++)
	for (pad = 0; pad < 2; pad++)
	for (wi = 0; wi < sizeof(wraps) / sizeof(wraps[0]); wi++)
	for (crlf = 0; crlf < 2; crlf++) {
		unsigned ef = (alpha ? B64_ALPHA_URL : 0) |
		    (pad ? B64_NO_PAD : 0) | (crlf ? B64_CRLF : 0);
		unsigned af = ef & B64_ALPHA_URL;
		size_t wrap = wraps[wi], t, trials = ROUNDTRIP_TRIALS;
		unsigned long bad_enc = 0, bad_gnu = 0, bad_strict = 0,
		    bad_len = 0, bad_other = 0, bad_split = 0, nrej = 0;
		char name[96];

		snprintf(name, sizeof(name), "%s %s wrap %zu %s",
		    alpha ? "url" : "std", pad ? "no-pad" : "padded", wrap,
		    crlf ? "CRLF" : "LF");
		for (t = 0; t < trials; t++) {
			size_t n = t < 7 ? t : t == 7 ? 750 : t == 8 ? 1001 :
			    rand_len(&g);
			size_t len, rlen, k;
			int bad = 0, split = 0;
			struct dres r;

			rng_fill(&g, xbuf, n);
			len = enc(xbuf, n, ef, wrap, ebuf, sizeof(ebuf), &bad);
			rlen = ref_encode(xbuf, n, ef, wrap, rbuf);
			if (bad || len != rlen || memcmp(ebuf, rbuf, len)) {
				if (++bad_enc == 1)
					tap_diag("  %s: encoding of %zu bytes "
					    "differs from the reference", name,
					    n);
				continue;
			}
			memcpy(text, ebuf, len);

			/* GNU mode (B64_CRLF to accept the CRs) */
			dec(text, len, af | (crlf ? B64_CRLF : 0), obuf,
			    sizeof(obuf), &g, &r, &split);
			if (r.st != B64_OK || r.len != n ||
			    memcmp(obuf, xbuf, n) != 0) {
				if (++bad_gnu == 1)
					tap_diag("  %s: GNU mode on %zu bytes: "
					    "%s at %llu", name, n,
					    status_name(r.st),
					    (unsigned long long)r.off);
			}

			/* strict with the matching flags */
			dec(text, len, af | B64_STRICT | (ef & (B64_CRLF |
			    B64_NO_PAD)), obuf, sizeof(obuf), &g, &r, &split);
			if (r.st != B64_OK || r.len != n ||
			    memcmp(obuf, xbuf, n) != 0) {
				if (++bad_strict == 1)
					tap_diag("  %s: strict on %zu bytes: "
					    "%s at %llu", name, n,
					    status_name(r.st),
					    (unsigned long long)r.off);
			}

			/* lenient */
			dec(text, len, af | B64_LENIENT, obuf, sizeof(obuf),
			    &g, &r, &split);
			if (r.st != B64_OK || r.len != n ||
			    memcmp(obuf, xbuf, n) != 0) {
				if (++bad_len == 1)
					tap_diag("  %s: lenient on %zu bytes: "
					    "%s at %llu", name, n,
					    status_name(r.st),
					    (unsigned long long)r.off);
			}

			/* strict with each other choice of CRLF / NO_PAD */
			for (k = 0; k < 4; k++) {
				unsigned sf = af | B64_STRICT |
				    ((k & 1) ? B64_CRLF : 0) |
				    ((k & 2) ? B64_NO_PAD : 0);
				struct dres w;

				if ((sf & (B64_CRLF | B64_NO_PAD)) ==
				    (ef & (B64_CRLF | B64_NO_PAD)))
					continue;
				strict_expect(text, len, sf, &w);
				dec(text, len, sf, obuf, sizeof(obuf), &g, &r,
				    &split);
				if (w.st != B64_OK)
					nrej++;
				if (r.st != w.st || r.off != w.off ||
				    (w.st == B64_OK && (r.len != n ||
				    memcmp(obuf, xbuf, n) != 0))) {
					if (++bad_other == 1) {
						tap_diag("  %s: %zu bytes, "
						    "strict flags 0x%04x: %s "
						    "at %llu, want %s at %llu",
						    name, n, sf,
						    status_name(r.st),
						    (unsigned long long)r.off,
						    status_name(w.st),
						    (unsigned long long)w.off);
						tap_diag_bytes("text", text,
						    len);
					}
				}
			}
			if (split && ++bad_split == 1)
				tap_diag("  %s: %zu bytes: chunked decoding "
				    "differs from one-shot", name, n);
		}
		tap_ok(bad_enc == 0, "%s: encoding matches the reference",
		    name);
		tap_ok(bad_gnu == 0, "%s: GNU mode decodes it back", name);
		tap_ok(bad_strict == 0, "%s: strict%s%s decodes it back",
		    name, crlf ? " +CRLF" : "", pad ? " +NO_PAD" : "");
		tap_ok(bad_len == 0, "%s: lenient decodes it back", name);
		tap_ok(bad_other == 0, "%s: strict with the other CRLF/NO_PAD "
		    "choices accepts or fails exactly where due (%lu "
		    "rejections)", name, nrej);
		tap_ok(bad_split == 0, "%s: chunked decoding agrees", name);
	}
}

/* ---- 2. strict acceptance ---------------------------------------------- */

/* TEXT with every LF turned into CRLF, into OUT; returns the length. */
static size_t
to_crlf(const unsigned char *t, size_t n, unsigned char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (t[i] == '\n')
			out[o++] = '\r';
		out[o++] = t[i];
	}
	return o;
}

/* TEXT without CR and LF. */
static size_t
strip_breaks(const unsigned char *t, size_t n, unsigned char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		if (t[i] != '\n' && t[i] != '\r')
			out[o++] = t[i];
	return o;
}

/* A random string over the alphabet, '=' and LF. */
static size_t
rand_string(struct rng *g, unsigned flags, unsigned char *s)
{
	static const unsigned peq[] = { 0, 2, 8, 25 };
	static const unsigned plf[] = { 0, 4, 15 };
	const char *a = ref_alphabet(flags);
	size_t n = rng_below(g, 41), i;
	unsigned pe = peq[rng_below(g, 4)], pl = plf[rng_below(g, 3)];

	for (i = 0; i < n; i++) {
		unsigned k = (unsigned)rng_below(g, 100);

		if (k < pe)
			s[i] = '=';
		else if (k < pe + pl)
			s[i] = '\n';
		else
			s[i] = (unsigned char)a[rng_below(g, 64)];
	}
	/* without random '=', often the padding the length wants */
	if (pe == 0 && rng_below(g, 2)) {
		size_t q = 0, j;

		for (j = 0; j < n; j++)
			q += s[j] != '\n';
		if (q % 4 == 2 && n + 2 <= 48) {
			s[n++] = '=';
			s[n++] = '=';
		} else if (q % 4 == 3 && n + 1 <= 48) {
			s[n++] = '=';
		}
	}
	return n;
}

/* A valid encoding (with LFs) with 1 to 3 mutations. */
static size_t
mutated(struct rng *g, unsigned flags, unsigned char *s)
{
	const char *a = ref_alphabet(flags);
	unsigned char x[24];
	size_t xn = rng_below(g, sizeof(x) + 1), n, i, m, nm;
	int bad = 0;

	rng_fill(g, x, xn);
	n = enc(x, xn, flags & (B64_ALPHA_URL | B64_NO_PAD),
	    rng_below(g, 3) ? 0 : 1 + rng_below(g, 8), (char *)s, 64, &bad);
	nm = 1 + rng_below(g, 3);
	for (m = 0; m < nm; m++) {
		size_t at = rng_below(g, n + 1);
		unsigned char c;

		switch (rng_below(g, 7)) {
		case 0: c = '\n'; break;
		case 1: c = '='; break;
		default: c = (unsigned char)a[rng_below(g, 64)]; break;
		}
		switch (rng_below(g, 5)) {
		case 0: /* insert */
			if (n < 90) {
				memmove(s + at + 1, s + at, n - at);
				s[at] = c;
				n++;
			}
			break;
		case 1: /* delete */
			if (at < n) {
				memmove(s + at, s + at + 1, n - at - 1);
				n--;
			}
			break;
		case 2: /* replace */
			if (at < n)
				s[at] = c;
			break;
		case 3: /* flip low bits of an alphabet character */
			for (i = n; i > 0; i--) {
				int v = ref_value(flags, s[i - 1]);

				if (v >= 0) {
					v ^= 1 + (int)rng_below(g, 15);
					s[i - 1] = (unsigned char)a[v & 63];
					break;
				}
			}
			break;
		default: /* LF somewhere: still valid if it was */
			if (n < 90) {
				memmove(s + at + 1, s + at, n - at);
				s[at] = '\n';
				n++;
			}
			break;
		}
	}
	return n;
}

static void
test_strict_accepts(void)
{
	static const unsigned sflags[] = {
		B64_STRICT, B64_STRICT | B64_NO_PAD,
		B64_STRICT | B64_ALPHA_URL,
		B64_STRICT | B64_NO_PAD | B64_ALPHA_URL,
	};
	struct rng g;
	size_t fi;

	rng_init(&g, 0x57c7);
	for (fi = 0; fi < sizeof(sflags) / sizeof(sflags[0]); fi++) {
		unsigned long tried = 0, accepted = 0, bad_enc = 0,
		    bad_len = 0, bad_gnu = 0, bad_conv = 0, bad_split = 0;
		size_t t;

		for (t = 0; t < STRICT_TRIALS; t++) {
			unsigned char s0[100], s[200], bare[200];
			char re[200];
			size_t n0 = t % 2 ? rand_string(&g, sflags[fi], s0) :
			    mutated(&g, sflags[fi], s0);
			int variant;

			/* as it is (LF), then with CRLF line ends */
			for (variant = 0; variant < 2; variant++) {
				unsigned sf = sflags[fi] |
				    (variant ? B64_CRLF : 0);
				unsigned af = sflags[fi] & B64_ALPHA_URL;
				size_t n = variant ? to_crlf(s0, n0, s) : n0;
				size_t bn, rn;
				int bad = 0, split = 0;
				struct dres r, l;

				if (!variant)
					memcpy(s, s0, n0);
				tried++;
				dec(s, n, sf, obuf, sizeof(obuf), &g, &r,
				    &split);
				dec(s, n, af | B64_LENIENT, lbuf, sizeof(lbuf), &g,
				    &l, &split);
				bn = strip_breaks(s, n, bare);
				if (r.st == B64_OK) {
					accepted++;
					rn = enc(obuf, r.len, af |
					    (sf & B64_NO_PAD), 0, re,
					    sizeof(re), &bad);
					if (bad || rn != bn ||
					    memcmp(re, bare, bn) != 0) {
						if (++bad_enc == 1)
							tap_diag_bytes(
							    "re-encoding "
							    "differs", s, n);
					}
					if (l.st != B64_OK || l.len != r.len ||
					    memcmp(lbuf, obuf, r.len)) {
						if (++bad_len == 1)
							tap_diag_bytes(
							    "lenient differs",
							    s, n);
					}
					dec(s, n, af | (sf & B64_CRLF),
					    lbuf, sizeof(lbuf), &g, &l, &split);
					if (l.st != B64_OK || l.len != r.len ||
					    memcmp(lbuf, obuf, r.len)) {
						if (++bad_gnu == 1)
							tap_diag_bytes(
							    "GNU differs", s,
							    n);
					}
				} else if (l.st == B64_OK) {
					/* canonical after all? */
					rn = enc(lbuf, l.len, af |
					    (sf & B64_NO_PAD), 0, re,
					    sizeof(re), &bad);
					if (!bad && rn == bn &&
					    memcmp(re, bare, bn) == 0 &&
					    ++bad_conv == 1) {
						tap_diag_bytes("canonical "
						    "but refused", s, n);
						tap_diag("  %s at %llu",
						    status_name(r.st),
						    (unsigned long long)r.off);
					}
				}
				if (split && ++bad_split == 1)
					tap_diag_bytes("chunked decoding "
					    "differs", s, n);
			}
		}
		tap_ok(bad_enc == 0, "strict 0x%04x: every accepted string "
		    "re-encodes to itself without line breaks (%lu of %lu "
		    "accepted)", sflags[fi], accepted, tried);
		tap_ok(accepted >= tried / 10, "strict 0x%04x: the property "
		    "is exercised (%lu accepted)", sflags[fi], accepted);
		tap_ok(bad_len == 0, "strict 0x%04x: lenient decodes every "
		    "accepted string the same", sflags[fi]);
		tap_ok(bad_gnu == 0, "strict 0x%04x: GNU mode decodes every "
		    "accepted string the same", sflags[fi]);
		tap_ok(bad_conv == 0, "strict 0x%04x: every canonical string "
		    "is accepted", sflags[fi]);
		tap_ok(bad_split == 0, "strict 0x%04x: chunked decoding "
		    "agrees", sflags[fi]);
	}
}

/* ---- 3. lenient recovery ----------------------------------------------- */

enum {
	D_CRLF = 1 << 0,   /* line ends are CRLF */
	D_BLANKS = 1 << 1, /* white space inserted anywhere */
	D_NOPAD = 1 << 2,  /* all padding dropped */
	D_PARTIAL = 1 << 3, /* one '=' of two dropped */
	D_EXTRA = 1 << 4,  /* more '=' at the end */
	D_INNER = 1 << 5,  /* '=' after some inner quanta */
	D_BITS = 1 << 6,   /* unused bits of the last quantum set */
	D_GARBAGE = 1 << 7, /* non-alphabet bytes (with -i only) */
	D_ALL = (1 << 8) - 1,
};

/* Builds into TEXT a damaged encoding of X[0..N); returns its length. */
static size_t
damage(struct rng *g, const unsigned char *x, size_t n, unsigned flags,
    unsigned dmg, size_t wrap)
{
	static const char ws[] = " \t \t\v\f\r\n";
	static const char garbage_std[] = "*.!\"#$%&'()-_:;<>?@[\\]^`{|}~";
	static const char garbage_url[] = "*.!\"#$%&'()+/:;<>?@[\\]^`{|}~";
	const char *a = ref_alphabet(flags);
	const char *gb = (flags & B64_ALPHA_URL) ? garbage_url : garbage_std;
	char q[REF_ENCODE_MAX(MAXX) + 64];
	size_t qn, i, o = 0, col = 0, nalpha;
	unsigned blank_rate = 1 + (unsigned)rng_below(g, 30);

	qn = ref_encode(x, n, flags & B64_ALPHA_URL, 0, q);
	nalpha = qn;
	while (nalpha > 0 && q[nalpha - 1] == '=')
		nalpha--;
	/* unused bits of the last quantum */
	if ((dmg & D_BITS) && n % 3 != 0) {
		char *c = &q[nalpha - 1];
		int v = ref_value(flags, (unsigned char)*c);

		v ^= 1 + (int)rng_below(g, n % 3 == 1 ? 15 : 3);
		*c = a[v & 63];
	}
	/* padding */
	if (dmg & D_NOPAD)
		qn = nalpha;
	else if ((dmg & D_PARTIAL) && qn - nalpha == 2)
		qn--;
	if ((dmg & D_EXTRA) && n > 0) {
		size_t k = 1 + rng_below(g, 5);

		while (k--)
			q[qn++] = '=';
	}
	for (i = 0; i < qn; i++) {
		/* before character i: blanks, garbage */
		while ((dmg & D_BLANKS) && rng_below(g, 100) < blank_rate)
			text[o++] = (unsigned char)ws[rng_below(g,
			    sizeof(ws) - 1)];
		while ((dmg & D_GARBAGE) && rng_below(g, 100) < 5)
			text[o++] = rng_below(g, 4) ?
			    (unsigned char)gb[rng_below(g, strlen(gb))] :
			    (unsigned char)(0x80 + rng_below(g, 128));
		text[o++] = (unsigned char)q[i];
		/* '=' after an inner quantum */
		if ((dmg & D_INNER) && i + 1 < nalpha && (i + 1) % 4 == 0 &&
		    rng_below(g, 3) == 0) {
			size_t k = 1 + rng_below(g, 3);

			while (k--)
				text[o++] = '=';
		}
		if (wrap && ++col == wrap) {
			if (dmg & D_CRLF)
				text[o++] = '\r';
			text[o++] = '\n';
			col = 0;
		}
	}
	while ((dmg & D_BLANKS) && rng_below(g, 100) < blank_rate)
		text[o++] = (unsigned char)ws[rng_below(g, sizeof(ws) - 1)];
	if (wrap && col) {
		if (dmg & D_CRLF)
			text[o++] = '\r';
		text[o++] = '\n';
	}
	return o;
}

static void
test_lenient_recovers(void)
{
	static const struct {
		unsigned dmg;
		const char *name;
	} kinds[] = {
		{ D_CRLF, "CRLF line ends" },
		{ D_BLANKS, "white space anywhere" },
		{ D_NOPAD, "dropped padding" },
		{ D_PARTIAL, "partial padding" },
		{ D_EXTRA, "extra padding" },
		{ D_INNER, "'=' after inner quanta" },
		{ D_BITS, "non-zero unused bits" },
		{ D_ALL & ~D_GARBAGE, "all of these at once" },
		{ D_ALL, "all of these and garbage (-i)" },
	};
	static const size_t wraps[] = { 0, 1, 4, 5, 76, 1000 };
	struct rng g;
	size_t ki;

	rng_init(&g, 0x1e41e);
	for (ki = 0; ki < sizeof(kinds) / sizeof(kinds[0]); ki++) {
		unsigned long failed = 0, split_bad = 0, changed = 0;
		size_t t, trials = LENIENT_TRIALS;

		for (t = 0; t < trials; t++) {
			unsigned af = rng_below(&g, 2) ? B64_ALPHA_URL : 0;
			unsigned dmg = kinds[ki].dmg;
			size_t n = t < 20 ? t : rand_len(&g) % 400;
			size_t wrap = wraps[rng_below(&g, 6)], tn, k;
			char clean[REF_ENCODE_MAX(400)];
			unsigned lf[3];
			size_t nlf;
			int split = 0;

			if (kinds[ki].dmg == (D_ALL & ~D_GARBAGE) ||
			    kinds[ki].dmg == D_ALL) {
				/* a random subset, mostly */
				dmg = (unsigned)rng_next(&g) & kinds[ki].dmg;
				dmg |= kinds[ki].dmg & (D_BLANKS | D_GARBAGE);
			}
			if ((dmg & D_CRLF) && wrap == 0)
				wrap = 1 + rng_below(&g, 80);
			rng_fill(&g, xbuf, n);
			tn = damage(&g, xbuf, n, af, dmg, wrap);
			if (tn != ref_encode(xbuf, n, af, wrap, clean) ||
			    memcmp(text, clean, tn) != 0)
				changed++;
			nlf = 0;
			if (dmg & D_GARBAGE) {
				lf[nlf++] = B64_LENIENT | B64_SKIP_GARBAGE;
			} else {
				lf[nlf++] = B64_LENIENT;
				lf[nlf++] = B64_LENIENT | B64_SKIP_GARBAGE;
				lf[nlf++] = B64_LENIENT | B64_CRLF |
				    B64_NO_PAD;
			}
			for (k = 0; k < nlf; k++) {
				struct dres r;

				dec(text, tn, af | lf[k], obuf, sizeof(obuf),
				    &g, &r, &split);
				if (r.st != B64_OK || r.len != n ||
				    memcmp(obuf, xbuf, n) != 0) {
					if (++failed <= 2) {
						tap_diag("  %s, flags 0x%04x, "
						    "%zu bytes: %s at %llu, "
						    "%zu bytes out",
						    kinds[ki].name,
						    af | lf[k], n,
						    status_name(r.st),
						    (unsigned long long)r.off,
						    r.len);
						tap_diag_bytes("text", text,
						    tn);
					}
				}
			}
			if (split)
				split_bad++;
		}
		tap_ok(failed == 0 && changed >= trials / 5,
		    "lenient recovers x from enc(x) with %s (%lu of %lu "
		    "texts damaged)", kinds[ki].name, changed,
		    (unsigned long)trials);
		tap_ok(split_bad == 0, "lenient, %s: chunked decoding agrees",
		    kinds[ki].name);
	}
}

int
main(void)
{
	test_roundtrip();
	test_strict_accepts();
	test_lenient_recovers();
	return tap_done();
}
