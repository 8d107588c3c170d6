/*
 * decode.c - the streaming decoder: an interpreter of the table in
 * machine.c, which holds every decoding rule of every mode.  Each byte is
 * classified by the mode's filter and follows one cell: next state,
 * action, and on an error the status and where it is.
 *
 * Macro-steps skip the byte-at-a-time walk, only from the states where
 * the table allows them (B64_M_BULK: S0 or Q0):
 *  - the implementation's dec loop decodes whole quanta of alphabet bytes
 *    (four data cells each, ending in Q0);
 *  - its compact loop (or the portable one, compact.c) copies the
 *    alphabet bytes of whole blocks aside while every other byte is of a
 *    class the mode drops (its drop set: the classes whose cells leave
 *    every data state as it is, which the SPIN model checks); the dec loop
 *    decodes the copy and the few characters left over follow the cells;
 *  - the implementation's line loop decodes whole lines of the length of
 *    the line before (a multiple of 4 alphabet characters each, then a
 *    line end): per line, the quanta's data cells and then the line end's
 *    cells, which must lead from Q0 back to Q0 counting one line and
 *    doing nothing else (worked out from the table at init: line_ends);
 *  - a single byte of the drop set is dropped (counting a line feed).
 * Each hands back to the table at anything else, so every implementation
 * reports the same bytes, status and offset.  With B64_CHECKED_MACHINE
 * (configure --enable-checked-machine) each macro-step is replayed through
 * the table and the program aborts on any difference.
 */
#include <string.h>
#ifdef B64_CHECKED_MACHINE
#include <stdlib.h>
#endif

#include "b64_private.h"
#include "compact.h"
#include "machine.h"

/*
 * The B64_SKIP_* classes of the compact loop that mode M drops: the raw
 * kinds its filter maps to classes it drops.
 */
static unsigned
skip_classes(const struct b64_mode *m)
{
	const unsigned char *f = m->filter;
	unsigned d = m->drop;
	int lf = (d >> f[B64_C_LF - B64_C_PAD]) & 1u;
	int ws = (d >> f[B64_C_CR - B64_C_PAD]) & (d >> f[B64_C_WS - B64_C_PAD])
	    & 1u;

	if (lf && ws && ((d >> f[B64_C_OTHER - B64_C_PAD]) & 1u))
		return B64_SKIP_LF | B64_SKIP_WS | B64_SKIP_OTHER;
	return (lf ? B64_SKIP_LF : 0) | (ws ? B64_SKIP_WS : 0);
}

static const struct b64_cell *lookup(const struct b64_dec *dec,
    unsigned char c);
static size_t apply(struct b64_dec *dec, const struct b64_cell *cell,
    unsigned char c, uint64_t off, unsigned char *out);

/*
 * Whether the line end EOL (NUL-terminated), met in state Q0, leads back
 * to Q0 through the table counting one line and writing nothing: then
 * the line step may take it.
 */
static int
line_end_ok(const struct b64_dec *dec0, const char *eol)
{
	struct b64_dec d = *dec0;
	unsigned char scratch;
	uint64_t off = 0;

	d.state = B64_M_Q0;
	d.line = 0;
	for (; *eol != '\0'; eol++, off++) {
		const struct b64_cell *cell = lookup(&d, (unsigned char)*eol);

		if (cell->action == B64_A_FAIL || cell->action == B64_A_UNDEF ||
		    apply(&d, cell, (unsigned char)*eol, off, &scratch) != 0)
			return 0;
	}
	return d.state == B64_M_Q0 && d.line == 1 && d.line_start == off;
}

/* The line ends the line step may take in DEC's mode (bit 0: LF, bit 1:
 * CR LF).  (line_end_ok() walks a copy from state Q0, where no quantum,
 * CR or padding is pending: what the walk reads of it is the mode's.) */
static unsigned
line_ends(const struct b64_dec *dec)
{
	return (line_end_ok(dec, "\n") ? 1u : 0) |
	    (line_end_ok(dec, "\r\n") ? 2u : 0);
}

/* struct b64_dec's eols before the first line step asks: line_ends()
 * costs a fifth of a short call, which may never meet a line. */
#define EOLS_UNKNOWN 0x80u

enum b64_status
b64_decoder_init(struct b64_decoder *pub, unsigned flags)
{
	struct b64_dec *dec = b64_dec_of(pub);
	const struct b64_impl *impl = b64_impl_pick(flags);
	const struct b64_mode *mode = b64_mode_find(flags);
	const struct b64_mark none = { 0, 0, 0 };

	/* Every member by name, not memset: GCC zeroes a struct this size
	 * with REP STOSQ, whose start-up was a third of a 1 KiB one-shot
	 * decode's time on Zen 5.  test_stream.c fills the struct with a
	 * different byte before each init: an outcome that depended on what
	 * was there would differ. */
	dec->impl = impl;
	dec->mode = mode;
	dec->table = (flags & B64_ALPHA_URL) ? b64_dec_url : b64_dec_std;
	dec->flags = flags;
	dec->acc = 0;
	dec->state = B64_M_S0;
	dec->ret = 0;
	dec->skip = mode ? (unsigned char)skip_classes(mode) : 0;
	dec->eols = EOLS_UNKNOWN;
	dec->err_byte = 0;
	dec->err = B64_OK;
	dec->offset = 0;
	dec->line = 0;
	dec->line_start = 0;
	dec->line_len = 0;
	dec->line_fail = 0;
	dec->fail_line = 0;
	dec->last = none;
	dec->pad = none;
	dec->cr = none;
	dec->err_at = none;
	if (impl == NULL || mode == NULL) {
		dec->err = B64_ERR_UNSUPPORTED;
		return B64_ERR_UNSUPPORTED;
	}
	return B64_OK;
}

/* A mark for offset OFF on the current line. */
static struct b64_mark
here(const struct b64_dec *dec, uint64_t off)
{
	struct b64_mark m;

	m.off = off;
	m.line = dec->line;
	m.line_start = dec->line_start;
	return m;
}

/* Whether action A writes a byte. */
static inline int
emits(unsigned a)
{
	return a == B64_A_D2 || a == B64_A_D3 || a == B64_A_D4;
}

/*
 * Follow CELL (not B64_A_FAIL) for byte C at offset OFF: do its action,
 * writing at most one byte to *OUT, and go to its next state.  Returns the
 * bytes written.
 */
static inline size_t
apply(struct b64_dec *dec, const struct b64_cell *cell, unsigned char c,
    uint64_t off, unsigned char *out)
{
	unsigned v = dec->table[c];
	size_t w = 0;

	switch (cell->action) {
	case B64_A_LINE:
		dec->line_len = off + 1 - dec->line_start;
		dec->line++;
		dec->line_start = off + 1;
		break;
	case B64_A_D1:
		dec->acc = v;
		dec->last = here(dec, off);
		break;
	case B64_A_D2:
		dec->acc = dec->acc << 6 | v;
		*out = (unsigned char)(dec->acc >> 4);
		dec->last = here(dec, off);
		w = 1;
		break;
	case B64_A_D3:
		dec->acc = dec->acc << 6 | v;
		*out = (unsigned char)(dec->acc >> 2);
		dec->last = here(dec, off);
		w = 1;
		break;
	case B64_A_D4:
		*out = (unsigned char)(dec->acc << 6 | v);
		dec->acc = 0;
		dec->last = here(dec, off);
		w = 1;
		break;
	case B64_A_PAD:
		dec->pad = here(dec, off);
		break;
	case B64_A_PADEND:
		dec->pad = here(dec, off);
		dec->acc = 0;
		break;
	case B64_A_CR:
		dec->cr = here(dec, off);
		dec->ret = dec->state;
		break;
	default:
		break;
	}
	dec->state = cell->next == B64_M_RET ? dec->ret : cell->next;
	return w;
}

/* The cell byte C follows in the decoder's state. */
static inline const struct b64_cell *
lookup(const struct b64_dec *dec, unsigned char c)
{
	return b64_cell(dec->mode, dec->state,
	    b64_class_of(dec->mode, dec->table[c]));
}

/* Latch the error of failing CELL, met at offset OFF (byte C). */
static enum b64_status
fail(struct b64_dec *dec, const struct b64_cell *cell, uint64_t off,
    unsigned char c)
{
	struct b64_mark at = here(dec, off);
	unsigned char byte = 0;

	switch (cell->where) {
	case B64_W_HERE:
		byte = c;
		break;
	case B64_W_LAST:
		at = dec->last;
		break;
	case B64_W_LAST_NEXT:
		at = dec->last;
		at.off++;
		break;
	case B64_W_PAD_NEXT:
		at = dec->pad;
		at.off++;
		break;
	case B64_W_CR:
		at = dec->cr;
		byte = '\r';
		break;
	}
	dec->err = (enum b64_status)cell->status;
	dec->err_at = at;
	dec->err_byte = byte;
	return dec->err;
}

#ifdef B64_CHECKED_MACHINE
/*
 * The run-time check of a macro-step: walking IN[0..N) (at stream offset
 * BASE) through the table from BEFORE must fail nowhere, write exactly
 * OUT[0..NOUT) and end in AFTER's state, bits and positions.
 */
static void
check_macro(const struct b64_dec *before, const struct b64_dec *after,
    const unsigned char *in, size_t n, uint64_t base,
    const unsigned char *out, size_t nout)
{
	struct b64_dec d = *before;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct b64_cell *cell = lookup(&d, in[i]);
		unsigned char b;

		if (cell->action == B64_A_FAIL || cell->action == B64_A_UNDEF)
			abort();
		if (apply(&d, cell, in[i], base + i, &b) != 0 &&
		    (k >= nout || out[k++] != b))
			abort();
	}
	if (k != nout || d.state != after->state || d.acc != after->acc ||
	    d.line != after->line || d.line_start != after->line_start ||
	    memcmp(&d.last, &after->last, sizeof(d.last)) != 0)
		abort();
}
#define CHECK_MACRO(b, a, in, n, base, out, nout) \
	check_macro(b, a, in, n, base, out, nout)
#else
#define CHECK_MACRO(b, a, in, n, base, out, nout) ((void)(nout))
#endif

/* Input looked at by one compact call: bounds its scratch buffer. */
#define COMPACT_CHUNK 16384

/*
 * The portable compact loop (for implementations without one) pays only
 * where dropped bytes are dense: with one line feed per 64 or 76
 * characters, the bulk loop and one table step per line are faster.  It
 * runs when the last bulk step took fewer bytes than this.
 */
#define DENSE_RUN 32

/*
 * The compact macro-step, for text with line breaks (and white space or
 * garbage where the mode drops them): the compact loop copies the
 * alphabet characters of whole blocks aside, the dec loop decodes them,
 * and the few characters of a quantum left over follow the data cells.
 * BASE is the stream offset of IN[0].  Returns the input bytes consumed
 * (0 if the step does not apply here) and adds to *o.
 */
static size_t
fast_compact(struct b64_dec *dec, const unsigned char *in, size_t n,
    uint64_t base, unsigned char *out, size_t room, size_t *o)
{
	_Alignas(64) unsigned char tmp[COMPACT_CHUNK + 64];
	struct b64_scan sc;
	size_t used, q, w = 0;

	if (n > COMPACT_CHUNK)
		n = COMPACT_CHUNK;
	/* Room for every character's byte and two of a partial quantum. */
	if (room < 2 + 48)
		return 0;
	if (n > (room - 2) / 3 * 4)
		n = (room - 2) / 3 * 4;
	memset(&sc, 0, sizeof(sc)); /* filled by the loop; cppcheck can't see it */
	used = (dec->impl->compact ? dec->impl->compact :
	    b64_compact_portable)(in, n, tmp, dec->table, dec->skip, &sc);
	if (used == 0)
		return 0;
	q = sc.nalpha / 4;
	if (q > 0) {
		w = dec->impl->dec(tmp, q * 4, out, dec->table) / 4 * 3;
		dec->state = B64_M_Q0;
	}
	for (size_t j = q * 4; j < sc.nalpha; j++)
		w += apply(dec, lookup(dec, tmp[j]), tmp[j], 0, out + w);
	if (sc.nalpha > 0) {
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

/* Lines after a failure of the line step before it tries that length
 * again (the failure may have been one odd line: a last line with
 * padding, say). */
#define LINE_RETRY 64

/* Whether the line step failed on lines of T bytes not long ago. */
static int
line_failed(const struct b64_dec *dec, uint64_t t)
{
	return t == dec->line_fail && dec->line - dec->fail_line < LINE_RETRY;
}

/*
 * The line step, at the start of a line: whole lines of the length of the
 * one before (line_len), through the implementation's line loop.  BASE is
 * the stream offset of IN[0].  Returns the input bytes consumed (0 if the
 * step does not apply here) and adds to *o.
 */
static size_t
fast_lines(struct b64_dec *dec, const unsigned char *in, size_t n,
    uint64_t base, unsigned char *out, size_t room, size_t *o)
{
	uint64_t t64 = dec->line_len;
	size_t t, eol, len, k;

	if (n > room / 3 * 4)
		n = room / 3 * 4;
	/* Two lines and the widest vector: less is the end of a buffer, not
	 * a reason to give the line length up. */
	if (n < 64 || t64 < 2 || t64 > (n - 64) / 2 || line_failed(dec, t64))
		return 0;
	t = (size_t)t64;
	if (in[t - 1] != '\n')
		return 0;
	eol = in[t - 2] == '\r' ? 2 : 1;
	len = t - eol;
	if (dec->eols & EOLS_UNKNOWN)
		dec->eols = (unsigned char)line_ends(dec);
	k = (dec->eols >> (eol - 1) & 1u) ?
	    dec->impl->dec_lines(in, n, out, dec->table, len, eol) : 0;
	if (k == 0) {
		dec->line_fail = t64;
		dec->fail_line = dec->line;
		return 0;
	}
	dec->state = B64_M_Q0;
	dec->last.off = base + k * t - eol - 1;
	dec->last.line = dec->line + k - 1;
	dec->last.line_start = base + (k - 1) * t;
	dec->line += k;
	dec->line_start = base + k * t;
	*o += k * (len / 4 * 3);
	return k * t;
}

enum b64_status
b64_decode_update(struct b64_decoder *pub, const void *in_, size_t n,
    size_t *in_used, void *out_, size_t cap, size_t *out_len)
{
	struct b64_dec *dec = b64_dec_of(pub);
	const unsigned char *in = in_;
	unsigned char *out = out_;
	const unsigned char *table = dec->table;
	size_t i = 0, o = 0, run = SIZE_MAX;
	enum b64_status st = B64_OK;

	*in_used = 0;
	*out_len = 0;
	if (dec->err != B64_OK)
		return dec->err;

	while (i < n) {
		const struct b64_cell *cell;
		uint64_t off = dec->offset + i;

		/* The macro-steps: whole quanta in bulk; where the bulk loop
		 * stops at a byte the mode drops (a line feed, say), whole
		 * blocks through the compact loop, or that byte alone. */
		if (B64_M_BULK(dec->state)) {
			size_t used = 0, o0 = o;
			unsigned char c = in[i];
			int drop1 = dec->mode->drop >> b64_class_of(dec->mode,
			    table[c]) & 1u, single;
#ifdef B64_CHECKED_MACHINE
			struct b64_dec before = *dec;
#endif

			if (off == dec->line_start)
				used = fast_lines(dec, in + i, n - i, off,
				    out + o, cap - o, &o);
			if (used == 0 && table[c] < 64 && n - i >= 4) {
				size_t q = (n - i) / 4, room = (cap - o) / 3;

				if (q > room)
					q = room;
				used = dec->impl->dec(in + i, q * 4, out + o,
				    table);
				if (used) {
					o += used / 4 * 3;
					dec->state = B64_M_Q0;
					dec->last = here(dec, off + used - 1);
				}
				run = used;
			}
			/* The end of a line whose length the line step has
			 * not failed on: dropped alone, so that the next line
			 * starts with the line step, not the compact loop. */
			single = used == 0 && drop1 && (c == '\n' ||
			    (c == '\r' && n - i >= 2 && in[i + 1] == '\n')) &&
			    !line_failed(dec, off + (c == '\r') + 1 -
			    dec->line_start);

			if (used == 0 && !single && dec->skip && n - i >= 64 &&
			    (dec->impl->compact != NULL || run < DENSE_RUN)) {
				used = fast_compact(dec, in + i, n - i, off,
				    out + o, cap - o, &o);
			}
			/* A byte the table drops in every data state (the
			 * line feed after a line of whole quanta, say). */
			if (used == 0 && drop1) {
				single = 1;
				used = 1;
			}
			if (single && c == '\n') {
				dec->line_len = off + 1 - dec->line_start;
				dec->line++;
				dec->line_start = off + 1;
			}
			if (used) {
				CHECK_MACRO(&before, dec, in + i, used, off,
				    out + o0, o - o0);
				i += used;
				continue;
			}
		}

		cell = lookup(dec, in[i]);
		if (cell->action == B64_A_FAIL) {
			st = fail(dec, cell, off, in[i]);
			break;
		}
		if (emits(cell->action) && o == cap) {
			st = B64_NEED_OUTPUT;
			break;
		}
		o += apply(dec, cell, in[i], off, out + o);
		i++;
	}

	dec->offset += i;
	*in_used = i;
	*out_len = o;
	return st;
}

enum b64_status
b64_decode_final(struct b64_decoder *pub)
{
	struct b64_dec *dec = b64_dec_of(pub);
	const struct b64_cell *cell;

	if (dec->err != B64_OK)
		return dec->err;
	cell = b64_cell(dec->mode, dec->state, B64_M_EOF);
	if (cell->action != B64_A_ACCEPT)
		return fail(dec, cell, dec->offset, 0);
	return B64_OK;
}

uint64_t
b64_decoder_error_offset(const struct b64_decoder *pub)
{
	const struct b64_dec *dec = b64_dec_cof(pub);
	return dec->err_at.off;
}

uint64_t
b64_decoder_error_line(const struct b64_decoder *pub)
{
	const struct b64_dec *dec = b64_dec_cof(pub);
	return dec->err_at.line + 1;
}

uint64_t
b64_decoder_error_column(const struct b64_decoder *pub)
{
	const struct b64_dec *dec = b64_dec_cof(pub);
	return dec->err_at.off - dec->err_at.line_start + 1;
}

unsigned char
b64_decoder_error_byte(const struct b64_decoder *pub)
{
	const struct b64_dec *dec = b64_dec_cof(pub);
	return dec->err_byte;
}

size_t
b64_decoder_pending_bytes(const struct b64_decoder *pub)
{
	const struct b64_dec *dec = b64_dec_cof(pub);
	unsigned s = dec->state == B64_M_CRW ? dec->ret : dec->state;

	switch (s) {
	case B64_M_Q2Z:
	case B64_M_Q2N:
	case B64_M_P1Z:
	case B64_M_P1N:
		return 1;
	case B64_M_Q3Z:
	case B64_M_Q3N:
		return 2;
	default:
		return 0;
	}
}

size_t
b64_decoded_max(size_t n)
{
	return n / 4 * 3 + (n % 4) * 3 / 4;
}

enum b64_status
b64_decode(const void *in, size_t n, void *out, size_t cap, size_t *out_len,
    uint64_t *err_offset, unsigned flags)
{
	struct b64_decoder dec;
	size_t used;
	enum b64_status st = b64_decoder_init(&dec, flags);

	*out_len = 0;
	if (st == B64_OK)
		st = b64_decode_update(&dec, in, n, &used, out, cap, out_len);
	if (st == B64_OK)
		st = b64_decode_final(&dec);
	if (B64_IS_ERROR(st) && err_offset != NULL)
		*err_offset = b64_decoder_error_offset(&dec);
	return st;
}
