/*
 * encode.c - the streaming encoder: triples held across calls, line breaks
 * and padding; the bulk work is the implementation's enc loop.
 */
#include <string.h>

#include "b64_private.h"

static size_t
nl_len(unsigned flags)
{
	return (flags & B64_CRLF) ? 2 : 1;
}

static size_t
put_nl(char *out, unsigned flags)
{
	if (flags & B64_CRLF) {
		out[0] = '\r';
		out[1] = '\n';
		return 2;
	}
	out[0] = '\n';
	return 1;
}

/* Characters for N input bytes, or SIZE_MAX if that does not fit. */
static size_t
char_count(size_t n, unsigned flags)
{
	size_t q = n / 3, r = n % 3, extra;

	if (q > SIZE_MAX / 4)
		return SIZE_MAX;
	extra = r == 0 ? 0 : (flags & B64_NO_PAD) ? r + 1 : 4;
	if (extra > SIZE_MAX - q * 4)
		return SIZE_MAX;
	return q * 4 + extra;
}

/* CHARS plus LINES line ends, or SIZE_MAX. */
static size_t
add_lines(size_t chars, size_t lines, unsigned flags)
{
	size_t nl = nl_len(flags);

	if (chars == SIZE_MAX || lines > (SIZE_MAX - chars) / nl)
		return SIZE_MAX;
	return chars + lines * nl;
}

size_t
b64_encoded_len(size_t n, unsigned flags, size_t wrap)
{
	size_t chars = char_count(n, flags);

	if (chars == SIZE_MAX || wrap == 0)
		return chars;
	return add_lines(chars, chars / wrap + (chars % wrap != 0), flags);
}

size_t
b64_encode_bound(size_t n, unsigned flags, size_t wrap)
{
	size_t chars;

	/* Two held bytes at most, and a line that may already be started. */
	if (n > SIZE_MAX - 2)
		return SIZE_MAX;
	chars = char_count(n + 2, flags & ~B64_NO_PAD);
	if (chars == SIZE_MAX || wrap == 0)
		return chars;
	return add_lines(chars, chars / wrap + 2, flags);
}

enum b64_status
b64_encoder_init(struct b64_encoder *pub, unsigned flags, size_t wrap)
{
	struct b64_enc *enc = b64_enc_of(pub);
	const struct b64_impl *impl = b64_impl_pick(flags);

	memset(enc, 0, sizeof(*enc));
	if (impl == NULL) {
		/* Latched: update and final must not reach a NULL impl. */
		enc->err = B64_ERR_UNSUPPORTED;
		return B64_ERR_UNSUPPORTED;
	}
	enc->impl = impl;
	enc->alpha = b64_alphabet_for(flags);
	enc->flags = flags;
	enc->wrap = wrap;
	return B64_OK;
}

/*
 * Copy the NC characters in C to T, with a line end wherever the line
 * fills (a wrap is set).  T must hold NC + (col + NC) / wrap line ends.
 * Returns the bytes written; advances the column.
 */
static size_t
put_chars(struct b64_enc *enc, const char *c, size_t nc, char *t)
{
	size_t k = 0;

	for (size_t p = 0; p < nc;) {
		size_t take = enc->wrap - enc->col;

		if (take > nc - p)
			take = nc - p;
		memcpy(t + k, c + p, take);
		k += take;
		p += take;
		enc->col += take;
		if (enc->col == enc->wrap) {
			k += put_nl(t + k, enc->flags);
			enc->col = 0;
		}
	}
	return k;
}

/* The most one group writes: four characters, each followed by a CR LF
 * (a wrap of 1). */
#define GROUP_MAX (4 * (1 + 2))

/*
 * One group's characters: those of the 24 bits W, the last 4 - NBYTES - 1
 * of them '=' (NBYTES 1..3), their first NC at T (GROUP_MAX bytes), with a
 * line end wherever the line fills; returns the bytes written and advances
 * the column.  For the held and straddling groups, byte by byte: the last
 * call of a short input would otherwise wait on a load of bytes just
 * stored in pieces (put_chars' copy after the encoder's stores).
 */
static size_t
put_group(struct b64_enc *enc, unsigned w, size_t nbytes, size_t nc, char *t)
{
	const char *chars = enc->alpha->chars;
	char c[4];
	size_t k = 0;

	c[0] = chars[w >> 18];
	c[1] = chars[(w >> 12) & 63];
	c[2] = nbytes > 1 ? chars[(w >> 6) & 63] : '=';
	c[3] = nbytes > 2 ? chars[w & 63] : '=';
	for (size_t j = 0; j < nc; j++) {
		t[k++] = c[j];
		if (enc->wrap && ++enc->col == enc->wrap) {
			k += put_nl(t + k, enc->flags);
			enc->col = 0;
		}
	}
	return k;
}

/*
 * Encode the triple P through a small buffer, so an exact capacity check is
 * possible however the line ends fall.  Returns 0 and changes nothing if it
 * does not fit in ROOM.
 */
static size_t
one_group(struct b64_enc *enc, const unsigned char *p, char *out,
    size_t room)
{
	char t[GROUP_MAX];
	size_t col = enc->col, k;

	k = put_group(enc, (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2],
	    3, 4, t);
	if (k > room) {
		enc->col = col;
		return 0;
	}
	memcpy(out, t, k);
	return k;
}

/* Characters encoded at a time before they are broken into lines. */
#define WRAP_BLOCK 4096

/*
 * Encode up to GROUPS triples from IN through a scratch block, then copy
 * the characters to OUT with line ends.  Takes as many triples as fit in
 * ROOM (exactly); returns them, 0 if not even one fits, and the bytes
 * written in *written.
 */
static size_t
wrap_block(struct b64_enc *enc, const unsigned char *in, size_t groups,
    char *out, size_t room, size_t *written)
{
	char tmp[WRAP_BLOCK];
	size_t nl = nl_len(enc->flags), g;

	g = groups < WRAP_BLOCK / 4 ? groups : WRAP_BLOCK / 4;
	while (g > 0 && g * 4 + (enc->col + g * 4) / enc->wrap * nl > room)
		g /= 2;
	if (g == 0)
		return 0;
	enc->impl->enc(in, g, tmp, enc->alpha);
	*written = put_chars(enc, tmp, g * 4, out);
	return g;
}

enum b64_status
b64_encode_update(struct b64_encoder *pub, const void *in_, size_t n,
    size_t *in_used, char *out, size_t cap, size_t *out_len)
{
	struct b64_enc *enc = b64_enc_of(pub);
	const unsigned char *in = in_;
	size_t i = 0, o = 0, nl = nl_len(enc->flags);
	enum b64_status st = B64_OK;

	if (enc->err != B64_OK) {
		*in_used = 0;
		*out_len = 0;
		return enc->err;
	}
	if (n == 0)
		goto done;
	/* Complete a held triple first. */
	if (enc->nhold) {
		unsigned char p[3];
		size_t need = 3u - enc->nhold, k;

		if (n < need) {
			memcpy(enc->hold + enc->nhold, in, n);
			enc->nhold = (unsigned char)(enc->nhold + n);
			i = n;
			goto done;
		}
		memcpy(p, enc->hold, enc->nhold);
		memcpy(p + enc->nhold, in, need);
		k = one_group(enc, p, out, cap);
		if (k == 0) {
			st = B64_NEED_OUTPUT;
			goto done;
		}
		enc->nhold = 0;
		i = need;
		o = k;
	}

	while (n - i >= 3) {
		size_t groups = (n - i) / 3, room = cap - o, g, k;

		if (enc->wrap == 0) {
			g = groups < room / 4 ? groups : room / 4;
			if (g == 0) {
				st = B64_NEED_OUTPUT;
				break;
			}
			enc->impl->enc(in + i, g, out + o, enc->alpha);
			i += g * 3;
			o += g * 4;
			continue;
		}
		/* Whole lines straight into OUT, at the start of a line, when
		 * one fits (this also keeps WRAP + NL from overflowing). */
		if (enc->col == 0 && enc->wrap % 4 == 0 && room >= nl &&
		    enc->wrap <= room - nl) {
			size_t lines = enc->impl->enc_lines(in + i, n - i,
			    room / (enc->wrap + nl), out + o, enc->alpha,
			    enc->wrap, nl);

			if (lines) {
				i += lines * (enc->wrap / 4 * 3);
				o += lines * (enc->wrap + nl);
				continue;
			}
		}
		/* Many groups: encode a block, then copy it out by lines. */
		if (groups >= 16) {
			g = wrap_block(enc, in + i, groups, out + o, room, &k);
			if (g) {
				i += g * 3;
				o += k;
				continue;
			}
		}
		/* Whole groups that fit on the rest of this line. */
		g = (enc->wrap - enc->col) / 4;
		if (g > groups)
			g = groups;
		if (g > room / 4)
			g = room / 4;
		if (g && enc->col + g * 4 == enc->wrap && g * 4 + nl > room)
			g--;
		if (g) {
			enc->impl->enc(in + i, g, out + o, enc->alpha);
			i += g * 3;
			o += g * 4;
			enc->col += g * 4;
			if (enc->col == enc->wrap) {
				o += put_nl(out + o, enc->flags);
				enc->col = 0;
			}
			continue;
		}
		/* A group that straddles a line end, or too little room. */
		k = one_group(enc, in + i, out + o, room);
		if (k == 0) {
			st = B64_NEED_OUTPUT;
			break;
		}
		i += 3;
		o += k;
	}

	if (st == B64_OK && n - i < 3) {
		/* By hand: a call to memcpy costs more than these bytes. */
		if (n - i > 0)
			enc->hold[0] = in[i];
		if (n - i > 1)
			enc->hold[1] = in[i + 1];
		enc->nhold = (unsigned char)(n - i);
		i = n;
	}
done:
	*in_used = i;
	*out_len = o;
	return st;
}

/*
 * The held bytes' characters, padded, and a line end after a started
 * line, at T (GROUP_MAX bytes: every line end follows a character of the
 * group); returns them and advances the column.
 */
static size_t
final_bytes(struct b64_enc *enc, char *t)
{
	size_t k = 0;

	if (enc->nhold) {
		unsigned w = (unsigned)enc->hold[0] << 16 |
		    (enc->nhold > 1 ? (unsigned)enc->hold[1] << 8 : 0);
		size_t nc = (enc->flags & B64_NO_PAD) ? enc->nhold + 1u : 4;

		k = put_group(enc, w, enc->nhold, nc, t);
	}
	if (enc->wrap && enc->col > 0)
		k += put_nl(t + k, enc->flags);
	return k;
}

enum b64_status
b64_encode_final(struct b64_encoder *pub, char *out, size_t cap,
    size_t *out_len)
{
	struct b64_enc *enc = b64_enc_of(pub);
	size_t col = enc->col, k;

	*out_len = 0;
	if (enc->err != B64_OK)
		return enc->err;
	if (cap >= GROUP_MAX) {
		k = final_bytes(enc, out);
	} else {
		char t[GROUP_MAX];

		k = final_bytes(enc, t);
		if (k > cap) {
			enc->col = col;
			return B64_NEED_OUTPUT;
		}
		memcpy(out, t, k);
	}
	*out_len = k;
	enc->nhold = 0;
	enc->col = 0;
	return B64_OK;
}

enum b64_status
b64_encode(const void *in, size_t n, char *out, size_t cap, size_t *out_len,
    unsigned flags, size_t wrap)
{
	struct b64_encoder enc;
	size_t used, a, b = 0;
	enum b64_status st = b64_encoder_init(&enc, flags, wrap);

	*out_len = 0;
	if (st != B64_OK)
		return st;
	st = b64_encode_update(&enc, in, n, &used, out, cap, &a);
	if (st == B64_OK)
		st = b64_encode_final(&enc, out + a, cap - a, &b);
	*out_len = a + b;
	return st;
}
