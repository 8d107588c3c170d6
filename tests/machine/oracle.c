/*
 * oracle.c - the decoder as it was before the table-driven machine (commit
 * 3f4f1eb, src/codec/decode.c), kept verbatim but for its names: the
 * oracle of tests/machine/test_equiv.c.  Not part of the library.
 */
#include <string.h>

#include "b64_private.h"
#include "oracle.h"

enum {
	S_START, /* nothing decoded yet */
	S_DATA,  /* reading a quantum (nchar 0..3) */
	S_PAD,   /* inside the padding of a quantum (GNU, strict) */
	S_END,   /* strict: after a padded quantum, only line breaks */
};

#define MODE_MASK (B64_STRICT | B64_LENIENT)

enum b64_status
oracle_decoder_init(struct oracle_decoder *dec, unsigned flags)
{
	const struct b64_impl *impl = b64_impl_pick(flags);

	memset(dec, 0, sizeof(*dec));
	dec->state = S_START;
	if (impl == NULL || (flags & MODE_MASK) == MODE_MASK ||
	    ((flags & B64_STRICT) && (flags & B64_SKIP_GARBAGE))) {
		dec->err = B64_ERR_UNSUPPORTED;
		return B64_ERR_UNSUPPORTED;
	}
	dec->impl = impl;
	dec->table = (flags & B64_ALPHA_URL) ? b64_dec_url : b64_dec_std;
	dec->flags = flags;
	/* What the fast path may drop without the state machine's say. */
	if (flags & B64_SKIP_GARBAGE)
		dec->skip = B64_SKIP_LF | B64_SKIP_WS | B64_SKIP_OTHER;
	else if (flags & B64_LENIENT)
		dec->skip = B64_SKIP_LF | B64_SKIP_WS;
	else if (!((flags & B64_STRICT) && (flags & B64_CRLF)))
		dec->skip = B64_SKIP_LF;
	return B64_OK;
}

/*
 * Add the 6-bit value V to the quantum and write the byte it completes, if
 * any, to OUT: one byte for the second, third and fourth characters.
 * Returns the bytes written (0 or 1); the caller checked the room.
 */
static size_t
push_value(struct oracle_decoder *dec, unsigned v, unsigned char *out)
{
	dec->acc = dec->acc << 6 | v;
	switch (++dec->nchar) {
	case 2:
		*out = (unsigned char)(dec->acc >> 4);
		return 1;
	case 3:
		*out = (unsigned char)(dec->acc >> 2);
		return 1;
	case 4:
		*out = (unsigned char)dec->acc;
		dec->nchar = 0;
		dec->acc = 0;
		return 1;
	default:
		return 0;
	}
}

/* Whether the quantum's unused bits (after 2 or 3 characters) are set. */
static int
unused_bits_set(const struct oracle_decoder *dec)
{
	return (dec->acc & (dec->nchar == 2 ? 0x0fu : 0x03u)) != 0;
}

/* Input looked at by one compact call: bounds its scratch buffer. */
#define COMPACT_CHUNK 16384

/*
 * The fast path for text with line breaks (and white space or garbage
 * where the mode drops them): the implementation's compact loop copies the
 * alphabet characters of whole blocks aside, its dec loop decodes them,
 * and the few characters of a quantum left over go into the state as the
 * byte-at-a-time path would put them.  BASE is the stream offset of
 * IN[0].  Returns the input bytes consumed (0 if the fast path does not
 * apply here) and adds to *o.
 */
static size_t
fast_compact(struct oracle_decoder *dec, const unsigned char *in, size_t n,
    uint64_t base, unsigned char *out, size_t room, size_t *o)
{
	unsigned char tmp[COMPACT_CHUNK + 64];
	struct b64_scan sc;
	size_t used, q, w = 0;

	if (n > COMPACT_CHUNK)
		n = COMPACT_CHUNK;
	/* Room for every character's byte and two of a partial quantum. */
	if (room < 2 + 48)
		return 0;
	if (n > (room - 2) / 3 * 4)
		n = (room - 2) / 3 * 4;
	used = dec->impl->compact(in, n, tmp, dec->table, dec->skip, &sc);
	if (used == 0)
		return 0;
	q = sc.nalpha / 4;
	if (q > 0)
		w = dec->impl->dec(tmp, q * 4, out, dec->table) / 4 * 3;
	for (size_t j = q * 4; j < sc.nalpha; j++)
		w += push_value(dec, dec->table[tmp[j]], out + w);
	if (sc.nalpha > 0) {
		dec->state = S_DATA;
		dec->last.off = base + sc.last_alpha;
		dec->last.line = dec->line + sc.alpha_nlf;
		dec->last.line_start = sc.alpha_lf_end ?
		    base + sc.alpha_lf_end : dec->line_start;
	}
	dec->line += sc.nlf;
	if (sc.lf_end)
		dec->line_start = base + sc.lf_end;
	*o += w;
	return used;
}

/* A mark for offset OFF on the current line. */
static struct b64_mark
here(const struct oracle_decoder *dec, uint64_t off)
{
	struct b64_mark m;

	m.off = off;
	m.line = dec->line;
	m.line_start = dec->line_start;
	return m;
}

/* Latch error ST at mark AT (moved on by SHIFT bytes) with BYTE. */
static enum b64_status
fail(struct oracle_decoder *dec, enum b64_status st, struct b64_mark at,
    uint64_t shift, unsigned char byte)
{
	at.off += shift;
	dec->err = st;
	dec->err_at = at;
	dec->err_byte = byte;
	return st;
}

/* The quantum is complete after its padding: check the unused bits. */
static enum b64_status
close_padded(struct oracle_decoder *dec)
{
	if (unused_bits_set(dec))
		return fail(dec, B64_ERR_NONCANONICAL, dec->last, 0, 0);
	dec->state = (dec->flags & B64_STRICT) ? S_END : S_DATA;
	dec->nchar = 0;
	dec->npad = 0;
	dec->acc = 0;
	return B64_OK;
}

/* '=' at offset OFF. */
static enum b64_status
on_pad(struct oracle_decoder *dec, uint64_t off)
{
	unsigned flags = dec->flags;

	struct b64_mark at = here(dec, off);

	dec->pad = at;
	if ((flags & B64_STRICT) && (flags & B64_NO_PAD))
		return fail(dec, B64_ERR_PAD_NOT_ALLOWED, at, 0, '=');
	if (dec->state == S_END)
		return fail(dec, B64_ERR_TOO_MUCH_PAD, at, 0, '=');
	if (dec->state == S_PAD) {
		if (++dec->npad + dec->nchar == 4)
			return close_padded(dec);
		return B64_OK;
	}
	if (dec->nchar >= 2) {
		if (flags & B64_LENIENT) {
			/* The quantum ends here; more '=' are absorbed. */
			dec->nchar = 0;
			dec->acc = 0;
			return B64_OK;
		}
		dec->state = S_PAD;
		dec->npad = 1;
		if (dec->nchar == 3)
			return close_padded(dec);
		return B64_OK;
	}
	if (dec->nchar == 1 || dec->state == S_START)
		return fail(dec, B64_ERR_PAD_INSIDE, at, 0, '=');
	/* nchar == 0 after data: lenient absorbs, the others refuse. */
	if (flags & B64_LENIENT)
		return B64_OK;
	return fail(dec, B64_ERR_TOO_MUCH_PAD, at, 0, '=');
}

enum b64_status
oracle_decode_update(struct oracle_decoder *dec, const void *in_, size_t n,
    size_t *in_used, void *out_, size_t cap, size_t *out_len)
{
	const unsigned char *in = in_;
	unsigned char *out = out_;
	const unsigned char *table = dec->table;
	unsigned flags = dec->flags;
	size_t i = 0, o = 0;
	enum b64_status st = B64_OK;

	*in_used = 0;
	*out_len = 0;
	if (dec->err != B64_OK)
		return dec->err;

	while (i < n) {
		unsigned char c = in[i];
		unsigned t = table[c];
		uint64_t off = dec->offset + i;

		/* At a quantum boundary: whole quanta in bulk, and where the
		 * bulk loop stops at a byte the mode drops (a line feed, say),
		 * whole blocks through the compact loop. */
		if (dec->state <= S_DATA && dec->nchar == 0 && !dec->cr_wait) {
			size_t used = 0;

			if (t < 64 && n - i >= 4) {
				size_t q = (n - i) / 4, room = (cap - o) / 3;

				if (q > room)
					q = room;
				used = dec->impl->dec(in + i, q * 4, out + o,
				    table);
				if (used) {
					o += used / 4 * 3;
					dec->state = S_DATA;
					dec->last = here(dec, dec->offset + i +
					    used - 1);
				}
			}
			if (used == 0 && dec->skip && dec->impl->compact &&
			    n - i >= 64) {
				used = fast_compact(dec, in + i, n - i,
				    dec->offset + i, out + o, cap - o, &o);
			}
			if (used) {
				i += used;
				continue;
			}
		}

		if (dec->cr_wait) {
			if (c != '\n') {
				st = fail(dec, B64_ERR_BAD_CHAR, dec->cr, 0, '\r');
				break;
			}
			dec->cr_wait = 0;
			goto next;
		}

		if (t < 64) {
			if (dec->state == S_END) {
				st = fail(dec, B64_ERR_DATA_AFTER_PAD,
				    here(dec, off), 0, c);
				break;
			}
			if (dec->state == S_PAD) {
				/* The missing '=' belongs after the last one. */
				st = fail(dec, B64_ERR_MISSING_PAD, dec->pad, 1,
				    0);
				break;
			}
			if (dec->nchar >= 1 && o == cap) {
				st = B64_NEED_OUTPUT;
				break;
			}
			dec->state = S_DATA;
			dec->last = here(dec, off);
			o += push_value(dec, t, out + o);
			i++;
			continue;
		}

		if (t == B64_C_PAD) {
			st = on_pad(dec, off);
			if (st != B64_OK)
				break;
			i++;
			continue;
		}

		if (t == B64_C_LF) {
			if ((flags & (B64_STRICT | B64_CRLF)) ==
			    (B64_STRICT | B64_CRLF)) {
				st = fail(dec, B64_ERR_BAD_CHAR, here(dec, off),
				    0, c);
				break;
			}
			goto next;
		}
		if (t == B64_C_CR && (flags & B64_CRLF) &&
		    !(flags & (B64_LENIENT | B64_SKIP_GARBAGE))) {
			dec->cr_wait = 1;
			dec->cr = here(dec, off);
			goto next;
		}
		if ((flags & B64_SKIP_GARBAGE) ||
		    ((flags & B64_LENIENT) && t != B64_C_OTHER))
			goto next;
		st = fail(dec, B64_ERR_BAD_CHAR, here(dec, off), 0, c);
		break;
next:
		/* A skipped byte; line feeds end lines. */
		if (c == '\n') {
			dec->line++;
			dec->line_start = off + 1;
		}
		i++;
	}

	dec->offset += i;
	*in_used = i;
	*out_len = o;
	return st;
}

enum b64_status
oracle_decode_final(struct oracle_decoder *dec)
{
	unsigned flags = dec->flags;

	if (dec->err != B64_OK)
		return dec->err;
	if (dec->cr_wait)
		return fail(dec, B64_ERR_BAD_CHAR, dec->cr, 0, '\r');
	if (dec->state == S_PAD)
		return fail(dec, B64_ERR_MISSING_PAD, dec->pad, 1, 0);
	if (dec->nchar == 1)
		return fail(dec, B64_ERR_TRUNCATED, dec->last, 0, 0);
	if (dec->nchar >= 2) {
		if (flags & B64_LENIENT)
			return B64_OK;
		if ((flags & B64_STRICT) && !(flags & B64_NO_PAD))
			return fail(dec, B64_ERR_MISSING_PAD, dec->last, 1,
			    0);
		/* Padded automatically: the unused bits must be zero. */
		if (unused_bits_set(dec))
			return fail(dec, B64_ERR_NONCANONICAL, dec->last, 0,
			    0);
	}
	return B64_OK;
}

uint64_t
oracle_decoder_error_offset(const struct oracle_decoder *dec)
{
	return dec->err_at.off;
}

uint64_t
oracle_decoder_error_line(const struct oracle_decoder *dec)
{
	return dec->err_at.line + 1;
}

uint64_t
oracle_decoder_error_column(const struct oracle_decoder *dec)
{
	return dec->err_at.off - dec->err_at.line_start + 1;
}

unsigned char
oracle_decoder_error_byte(const struct oracle_decoder *dec)
{
	return dec->err_byte;
}
