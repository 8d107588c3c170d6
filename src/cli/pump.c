/*
 * pump.c - source -> codec -> sink: the one loop every mode runs.
 *
 * The pump reads what the source has (big blocks from a regular file;
 * whatever one read() returns from a pipe or terminal), runs it through
 * the encoder or the decoder into the sink's buffer, and writes the buffer
 * out when it is full, at the end, or when the source has nothing more
 * ready, so that a slow writer's data comes out as it arrives; the end of
 * the input is never written on its own.  Memory is
 * two fixed buffers, whatever the input.  The modes are settings decided
 * once, in pump_settings(): not branches spread over the loop.
 *
 * Two of GNU basenc's ways show in what it writes, and are kept in the
 * default mode: it encodes z85 by blocks of 30720 bytes and refuses a
 * block whose length is not a multiple of 4 after writing the blocks
 * before it; and it decodes base64url by reads of 5600 characters and
 * refuses a whole read that holds a '+' or '/', writing nothing of it
 * (nor the bytes of a quantum the read before left incomplete).  The
 * pump then codes the input by those units (settings.unit): it holds an
 * incomplete unit until the rest comes or the input ends, as GNU's fread
 * does.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "base58.h"
#include "basex.h"
#include "cli.h"
#include "diag.h"
#include "sink.h"
#include "source.h"

/* Output collected while the source has more ready is written out before
 * the next block is coded once it reaches this much. */
#define EAGER_FLUSH (64 * 1024)


_Static_assert(PUMP_ENC_IN % 3 == 0, "encoder block holds whole triples");
_Static_assert(PUMP_DEC_IN % 4 == 0, "decoder block holds whole quanta");

/*
 * The buffers are static: zero-filled pages the kernel maps on first
 * touch, so a small input costs no mmap/munmap pair (start-up matters to
 * scripts that run base64 on short strings).  One run uses one pump.
 */
static unsigned char in_buf[PUMP_DEC_IN > PUMP_ENC_IN ? PUMP_DEC_IN :
    PUMP_ENC_IN];
static char out_buf[PUMP_OUT_CAP];

/* GNU basenc's units (see the top of this file). */
#define GNU_Z85_ENC_BLOCK 30720
#define GNU_B64_DEC_READ 5600

/* What the options make of the pump. */
struct settings {
	int decode;
	int bx;               /* a basex.h codec (else b64.h's) */
	enum bx_kind kind;    /* which, when bx */
	size_t unit;          /* code whole units of this many bytes until
	                       * the input ends (0: any amount) */
	int url_reads;        /* refuse a unit holding '+' or '/' */
	size_t whole;         /* refuse a last unit that is not a multiple
	                       * of this many bytes, before coding it */
	unsigned flags;       /* codec flags */
	size_t wrap;          /* encoder line length */
	size_t block;         /* bytes per read from a regular file */
	int located;          /* decode errors say where and why */
	int partial_output;   /* write what was decoded before an error */
};

/* The basex.h codec of encoding E, or -1 for b64.h's. */
static int
bx_kind_of(enum encoding e)
{
	switch (e) {
	case ENC_BASE32:
		return BX_BASE32;
	case ENC_BASE32HEX:
		return BX_BASE32HEX;
	case ENC_BASE16:
		return BX_BASE16;
	case ENC_BASE2MSBF:
		return BX_BASE2MSBF;
	case ENC_BASE2LSBF:
		return BX_BASE2LSBF;
	case ENC_Z85:
		return BX_Z85;
	default:
		return -1;
	}
}

static void
pump_settings(const struct options *opt, struct settings *set)
{
	int kind = bx_kind_of(opt->enc);

	memset(set, 0, sizeof(*set));
	set->decode = opt->decode;
	set->bx = kind >= 0;
	set->kind = (enum bx_kind)(kind >= 0 ? kind : 0);
	if (set->bx)
		set->flags = opt->impl | (opt->decode ?
		    (opt->ignore_garbage ? BX_SKIP_GARBAGE : 0) |
		    (opt->lenient ? BX_LENIENT : 0) |
		    (opt->strict ? BX_STRICT | (opt->no_pad ? BX_NO_PAD :
		    0) : 0) :
		    (opt->no_pad ? BX_NO_PAD : 0));
	else
		set->flags = opt->decode ? decode_flags(opt) :
		    encode_flags(opt);
	set->wrap = opt->wrap;
	set->block = opt->decode ? PUMP_DEC_IN : PUMP_ENC_IN;
	set->located = opt->strict || opt->lenient || opt->mime || opt->check;
	if (opt->enc == ENC_Z85 && !opt->decode) {
		set->unit = GNU_Z85_ENC_BLOCK;
		set->whole = bx_group_bytes(BX_Z85);
	}
	if (opt->enc == ENC_BASE64URL && opt->decode && !set->located &&
	    !opt->ignore_garbage && opt->program == PROG_BASENC) {
		set->unit = GNU_B64_DEC_READ;
		set->url_reads = 1;
	}
	if (set->unit)
		set->block -= set->block % set->unit;
	/* -o keeps no file on an error; --check writes nothing at all. */
	set->partial_output = opt->output == NULL && !opt->check;
}

/* The codec step, encoder or decoder, base64 or another. */
struct codec {
	int decode;
	int bx;
	int st;               /* the b64_status or bx_status of the error */
	struct b64_encoder enc;
	struct b64_decoder dec;
	struct bx_encoder xenc;
	struct bx_decoder xdec;
};

/* What a codec call says: */
enum { C_OK, C_NEED, C_ERR };

static int
c_status(struct codec *c, int st)
{
	if (c->bx ? BX_IS_ERROR(st) : B64_IS_ERROR(st)) {
		c->st = st;
		return C_ERR;
	}
	if (st == (c->bx ? (int)BX_NEED_OUTPUT : (int)B64_NEED_OUTPUT))
		return C_NEED;
	return C_OK;
}

static int
codec_init(struct codec *c, const struct settings *set)
{
	int st;

	c->decode = set->decode;
	c->bx = set->bx;
	if (c->bx)
		st = c->decode ? bx_decoder_init(&c->xdec, set->kind,
		    set->flags) : bx_encoder_init(&c->xenc, set->kind,
		    set->flags, set->wrap);
	else
		st = c->decode ? b64_decoder_init(&c->dec, set->flags) :
		    b64_encoder_init(&c->enc, set->flags, set->wrap);
	return st == 0 ? 0 : -1;
}

static int
codec_update(struct codec *c, const unsigned char *in, size_t n,
    size_t *used, char *out, size_t cap, size_t *out_len)
{
	int st;

	if (c->bx)
		st = c->decode ? bx_decode_update(&c->xdec, in, n, used, out,
		    cap, out_len) : bx_encode_update(&c->xenc, in, n, used,
		    out, cap, out_len);
	else
		st = c->decode ? b64_decode_update(&c->dec, in, n, used, out,
		    cap, out_len) : b64_encode_update(&c->enc, in, n, used,
		    out, cap, out_len);
	return c_status(c, st);
}

static int
codec_final(struct codec *c, char *out, size_t cap, size_t *out_len)
{
	int st;

	*out_len = 0;
	if (c->bx)
		st = c->decode ? bx_decode_final(&c->xdec, out, cap,
		    out_len) : bx_encode_final(&c->xenc, out, cap, out_len);
	else
		st = c->decode ? b64_decode_final(&c->dec) :
		    b64_encode_final(&c->enc, out, cap, out_len);
	return c_status(c, st);
}

/* The current chunk of input, for the hints. */
struct chunk {
	const unsigned char *b;
	size_t len;
	uint64_t start;       /* offset of b[0] in the input */
	unsigned char head[4];/* the first bytes of the input */
	size_t head_len;
};

/* "0x2a ('*')", "0x0d ('\r')" or "0x80". */
static void
describe_byte(unsigned char c, char *buf, size_t size)
{
	static const char esc[] = "\t\\t\n\\n\v\\v\f\\f\r\\r";
	const char *e = c != 0 ? strchr(esc, c) : NULL;

	if (e != NULL && (e - esc) % 3 == 0)
		snprintf(buf, size, "0x%02x ('%.2s')", c, e + 1);
	else if (c >= 0x20 && c < 0x7f)
		snprintf(buf, size, "0x%02x ('%c')", c, c);
	else
		snprintf(buf, size, "0x%02x", c);
}

/* The byte at input offset OFF if the chunk holds it, else -1. */
static int
byte_at(const struct chunk *ch, uint64_t off)
{
	if (off < ch->start || off - ch->start >= ch->len)
		return -1;
	return ch->b[off - ch->start];
}

/*
 * Whether the line around input offset OFF, as far as the chunk shows it,
 * is base64 text in the other alphabet: only its characters, '=', blanks
 * and a CR before the LF.  (A pasted mail header such as
 * "Content-Type: x" is not.)
 */
static int
line_is_other_alphabet(const struct chunk *ch, uint64_t off, int url)
{
	static const char both[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789=";
	const char *extra = url ? "+/" : "-_";
	uint64_t a = off, b = off;
	int c;

	while (a > ch->start && (c = byte_at(ch, a - 1)) != '\n')
		a--;
	while ((c = byte_at(ch, b)) >= 0 && c != '\n')
		b++;
	for (uint64_t k = a; k < b; k++) {
		c = byte_at(ch, k);
		if ((c == '\r' && k + 1 == b) || c == ' ' || c == '\t')
			continue;
		if (c == 0 || (strchr(both, c) == NULL &&
		    strchr(extra, c) == NULL))
			return 0;
	}
	return 1;
}

/* A hint for the error of DEC, or "": only what is true of the input. */
static const char *
hint(const struct b64_decoder *dec, const struct options *opt,
    const struct chunk *ch)
{
	uint64_t off = b64_decoder_error_offset(dec);
	unsigned char c = b64_decoder_error_byte(dec);
	const unsigned char *b = ch->head;
	size_t n = ch->head_len;
	int next;

	if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    (b[0] == 0xfe && b[1] == 0xff) ||
	    (n >= 4 && b[1] == 0 && b[3] == 0 && b[0] && b[2]) ||
	    (n >= 4 && b[0] == 0 && b[2] == 0 && b[1] && b[3])))
		return "; looks like UTF-16 text";
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf &&
	    off == 0)
		return "; input starts with a UTF-8 byte order mark";
	if (c == '\n' && opt->crlf)
		return "; --crlf wants every line to end with CR LF";
	if (c == '\r' && !opt->lenient) {
		next = byte_at(ch, off + 1);
		if (next == '\n' && opt->strict && !opt->crlf)
			return "; input has CRLF line endings: try --crlf "
			    "(stays strict) or --lenient";
		if (next == '\n' && !opt->crlf)
			return "; input has CRLF line endings: try --lenient";
		if (next >= 0 && next != '\n' && next != '\r' && !opt->crlf)
			return "; input has CR line endings: try --lenient";
		return "";
	}
	if ((c == '-' || c == '_') && !opt->url &&
	    line_is_other_alphabet(ch, off, 0))
		return opt->program == PROG_BASENC ?
		    "; '-' and '_' are base64url: try --base64url" :
		    "; '-' and '_' are base64url: try --url-safe";
	if ((c == '+' || c == '/') && opt->url &&
	    line_is_other_alphabet(ch, off, 1))
		return opt->program == PROG_BASENC ?
		    "; '+' and '/' are standard base64: try --base64" :
		    "; '+' and '/' are standard base64: drop --url-safe";
	return "";
}

/* Report the error of codec C. */
static void
report_invalid(const struct codec *c, const struct options *opt,
    const struct settings *set, const struct chunk *ch)
{
	char what[64];
	int bad_char;
	unsigned char byte;
	uint64_t line, col, off;

	if (!c->decode) {
		/* Only z85 refuses an input to encode (GNU's words). */
		diag(0, "invalid input (length must be multiple of 4 "
		    "characters)");
		return;
	}
	if (!set->located) {
		diag(0, "invalid input");
		return;
	}
	if (c->bx) {
		bad_char = c->st == BX_ERR_BAD_CHAR;
		byte = bx_decoder_error_byte(&c->xdec);
		line = bx_decoder_error_line(&c->xdec);
		col = bx_decoder_error_column(&c->xdec);
		off = bx_decoder_error_offset(&c->xdec);
		snprintf(what, sizeof(what), "%s",
		    bx_strerror((enum bx_status)c->st));
	} else {
		bad_char = c->st == B64_ERR_BAD_CHAR;
		byte = b64_decoder_error_byte(&c->dec);
		line = b64_decoder_error_line(&c->dec);
		col = b64_decoder_error_column(&c->dec);
		off = b64_decoder_error_offset(&c->dec);
		snprintf(what, sizeof(what), "%s", diag_b64_error(c->st));
	}
	if (bad_char) {
		char desc[32];

		describe_byte(byte, desc, sizeof(desc));
		snprintf(what, sizeof(what), "unexpected byte %s", desc);
	}
	diag(0, "invalid input at line %" PRIu64 ", column %" PRIu64
	    " (byte %" PRIu64 "): %s%s", line, col, off, what,
	    c->bx ? "" : hint(&c->dec, opt, ch));
}

/*
 * The reason GNU's close_stdout gives for a write error it finds after an
 * error() call: standard output's stream failed already (errno 0), but
 * close(1) fails too where descriptor 1 was closed at the start and GNU's
 * input, opened on the lowest free descriptor, did not take it (EBADF).
 */
static int
gnu_close_errno(const struct options *opt)
{
	int named = opt->file != NULL && strcmp(opt->file, "-") != 0;

	if (!std_fd_was_closed(1))
		return 0;
	return named && !std_fd_was_closed(0) ? 0 : EBADF;
}

/*
 * Before a message GNU prints with error() ("invalid input", "read
 * error"): write out what is collected, where partial output is kept.
 * GNU's stdio buffer holds a small output until error() flushes it, just
 * before the message; a larger one fails first, and ends it: that is
 * reported here, and 1 returned.  Otherwise 0, with *LATE the errno of a
 * failure to report after the message (late_write_error), or 0.
 */
static int
flush_before_message(struct sink *out, const struct settings *set, int *late)
{
	int small = sink_gnu_at_close(out), e = 0;

	out->keep = 0;
	if (set->partial_output)
		e = sink_flush_quiet(out);
	*late = 0;
	if (e != 0 && !small) {
		sink_report_write_error(out, e);
		return 1;
	}
	*late = e;
	return 0;
}

/*
 * After the message, the failure flush_before_message left, E (0: none),
 * in GNU's words: close_stdout finds the stream failed already and says
 * "write error" with a reason only as gnu_close_errno() says.  Our
 * located messages (--strict, --check) keep the write's reason.
 */
static void
late_write_error(const struct sink *out, const struct options *opt,
    const struct settings *set, int e)
{
	if (e != 0 && set->located)
		sink_report_write_error(out, e);
	else if (e != 0)
		diag_closeout(gnu_close_errno(opt));
}

/* An invalid input: write what was decoded before it (not with -o or
 * --check), then say so, and then any failure of that write. */
static void
invalid(struct codec *c, struct sink *out, const struct options *opt,
    const struct settings *set, const struct chunk *ch)
{
	int late;

	if (flush_before_message(out, set, &late))
		return;
	report_invalid(c, opt, set, ch);
	late_write_error(out, opt, set, late);
}

/*
 * Whether to write the collected output out before the next read, which
 * may block: a pipe or terminal with nothing ready, so that a slow
 * writer's data comes out as it arrives.  Not when the input has ended or
 * is a regular file: what remains then goes out with the rest, in one
 * write for a small input (as GNU's), and a reader of our output (tee |
 * head) never sees the input's end come as a write of its own.
 */
static int
flush_before_wait(const struct sink *out, const struct source *src)
{
	return out->len > 0 && !source_ready(src);
}

/*
 * The write flush_before_wait asks for, which GNU does not make: its
 * stdio buffer still holds a small output.  If that write fails with
 * nothing written, GNU would meet the failure later (when its buffer
 * fills, at an error message, or when it closes standard output), so the
 * bytes are kept, *HELD set (no more such writes) and the failure left
 * for the next write to meet and report, in GNU's words there.  0, or 1
 * after a diagnostic.
 */
static int
early_flush(struct sink *out, int *held)
{
	int small = sink_gnu_at_close(out), e = sink_flush_quiet(out);

	if (e == 0)
		return 0;
	if (small && out->written == 0) {
		*held = 1;
		return 0;
	}
	sink_report_write_error(out, e);
	return 1;
}

/*
 * Code IN[0..N) (whole units, or the input's last bytes) into OUT; 0, or
 * 1 after a diagnostic.  A unit that GNU would refuse whole (url_reads)
 * is refused before any of it is decoded, with the bytes of the quantum
 * left incomplete before it taken back.
 */
static int
code_block(struct codec *c, const unsigned char *in, size_t n,
    struct sink *out, const struct options *opt, const struct settings *set,
    const struct chunk *ch)
{
	size_t pos = 0;

	while (pos < n) {
		size_t end = n, used, k;

		if (set->url_reads) {
			end = pos + set->unit < n ? pos + set->unit : n;
			/* (Two memchr passes: a byte loop here cost more
			 * than the decoding.) */
			if (memchr(in + pos, '+', end - pos) != NULL ||
			    memchr(in + pos, '/', end - pos) != NULL) {
				out->len -= b64_decoder_pending_bytes(&c->dec);
				c->st = B64_ERR_BAD_CHAR;
				invalid(c, out, opt, set, ch);
				return 1;
			}
		}
		while (pos < end) {
			int st = codec_update(c, in + pos, end - pos, &used,
			    out->buf + out->len, out->cap - out->len, &k);

			pos += used;
			out->len += k;
			if (st == C_ERR) {
				invalid(c, out, opt, set, ch);
				return 1;
			}
			if (st == C_NEED && sink_flush(out) != 0)
				return 1;
		}
	}
	return 0;
}

/* Run SRC through the codec to the output OPT names; the exit status. */
static int
pump(struct source *src, const struct options *opt)
{
	struct settings set;
	struct sink out;
	struct codec c;
	struct chunk ch;
	size_t r, n, have = 0;
	int st, held = 0;

	pump_settings(opt, &set);
	memset(&ch, 0, sizeof(ch));
	memset(&c, 0, sizeof(c));
	if (sink_open(&out, opt->output, opt->check, src, out_buf,
	    PUMP_OUT_CAP) != 0)
		goto fail;
	if (set.url_reads)
		out.keep = 2;
	/* GNU's decoders give a block's bytes to one fwrite: base64's 3072
	 * at most, base32's 5120, basenc's 4200 (their input blocks). */
	out.gnu_block_4096 = opt->decode && opt->program != PROG_BASE64;
	if (codec_init(&c, &set) != 0) {
		diag(0, "unsupported codec settings");
		goto fail;
	}
	for (;;) {
		size_t take;

		r = source_read(src, in_buf + have, set.block - have);
		/* As GNU: a block whose read failed is not decoded; what
		 * was read before the failure is encoded. */
		if (src->err != 0 && set.decode)
			break;
		take = have + r;
		if (take == 0)
			break;
		/* Whole units until the input ends. */
		if (set.unit && r > 0)
			take -= take % set.unit;
		/* Room for this block's output, which is not the last if
		 * this read returned data: the input's end never goes out
		 * on its own. */
		if (r > 0 && out.len >= EAGER_FLUSH && sink_flush(&out) != 0)
			goto fail;
		ch.b = in_buf;
		ch.len = have + r;
		ch.start = src->offset - ch.len;
		/* (While the head is short, all input so far is in it.) */
		while (ch.head_len < sizeof(ch.head) &&
		    ch.head_len - ch.start < ch.len) {
			ch.head[ch.head_len] = in_buf[ch.head_len - ch.start];
			ch.head_len++;
		}
		if (r == 0 && set.whole && take % set.whole != 0) {
			c.st = BX_ERR_LENGTH;
			invalid(&c, &out, opt, &set, &ch);
			goto fail;
		}
		if (code_block(&c, in_buf, take, &out, opt, &set, &ch) != 0)
			goto fail;
		have = have + r - take;
		memmove(in_buf, in_buf + take, have);
		if (r == 0 || src->err != 0)
			break;
		if (!held && flush_before_wait(&out, src) &&
		    early_flush(&out, &held) != 0)
			goto fail;
	}
	out.keep = 0;
	/* On a read error, as GNU: end the encoding as if the input ended
	 * there, write it, then report the error. */
	if (!(src->err != 0 && set.decode)) {
		while ((st = codec_final(&c, out.buf + out.len,
		    out.cap - out.len, &n)) == C_NEED) {
			if (sink_flush(&out) != 0)
				goto fail;
		}
		out.len += n;
		if (st == C_ERR) {
			invalid(&c, &out, opt, &set, &ch);
			goto fail;
		}
	}
	if (src->err != 0) {
		int late;

		if (!flush_before_message(&out, &set, &late)) {
			diag(src->err, "read error");
			late_write_error(&out, opt, &set, late);
		}
		goto fail;
	}
	if (sink_commit(&out) != 0) {
		(void)source_close(src);
		return 1;
	}
	return source_close(src);
fail:
	sink_abort(&out);
	(void)source_close(src);
	return 1;
}

/*
 * base58: every output character depends on every input byte, so the
 * whole input is read into memory first (GNU does the same), then coded
 * in one call.  Memory: the input, the codec's work area and output
 * (base58.h: about 2.4 times the input when encoding, 2.7 when decoding)
 * and GMP's temporaries (up to about 6.4 times the input): at most about
 * 10 times the input by those bounds; the peaks measured (GMP 6.2, 1 to
 * 16 MiB) were 7.6 times the input encoding and 5.9 times decoding,
 * which --help and the man page round to "about 8 times".  An invalid
 * input writes nothing.
 */
static int
pump_whole(struct source *src, const struct options *opt)
{
	struct sink out;
	unsigned char *in = NULL, *work = NULL;
	char *text = NULL;
	size_t n = 0, cap = 0, r, wsize, osize, olen = 0;
	enum b58_status st;
	struct b58_error err;
	int status = 1;

	memset(&err, 0, sizeof(err));
	if (sink_open(&out, opt->output, opt->check, src, out_buf,
	    PUMP_OUT_CAP) != 0)
		goto done_closed;
	for (;;) {
		if (cap - n < PUMP_DEC_IN) {
			size_t ncap = cap < PUMP_DEC_IN ? 2 * PUMP_DEC_IN :
			    cap * 2;
			unsigned char *p;

			if (ncap < cap || (p = realloc(in, ncap)) == NULL) {
				diag(0, "memory exhausted");
				goto done;
			}
			in = p;
			cap = ncap;
		}
		r = source_read(src, in + n, cap - n);
		if (src->err != 0) {
			diag(src->err, "read error");
			goto done;
		}
		if (r == 0)
			break;
		n += r;
	}
	wsize = opt->decode ? b58_decode_work_size(n) :
	    b58_encode_work_size(n);
	osize = opt->decode ? b58_decoded_max(n) :
	    b58_encoded_max(n, opt->wrap);
	if (wsize == SIZE_MAX || osize == SIZE_MAX ||
	    (work = malloc(wsize ? wsize : 1)) == NULL ||
	    (text = malloc(osize ? osize : 1)) == NULL) {
		diag(0, "memory exhausted");
		goto done;
	}
	if (opt->decode)
		st = b58_decode(in, n, text, osize, &olen, &err,
		    opt->ignore_garbage ? B58_SKIP_GARBAGE : 0, work, wsize);
	else
		st = b58_encode(in, n, text, osize, &olen, 0, opt->wrap, work,
		    wsize);
	if (B58_IS_ERROR(st)) {
		char desc[32];

		describe_byte(err.byte, desc, sizeof(desc));
		if (opt->check)
			diag(0, "invalid input at line %" PRIu64 ", column %"
			    PRIu64 " (byte %" PRIu64 "): unexpected byte %s",
			    err.line, err.column, err.offset, desc);
		else
			diag(0, "invalid input");
		goto done;
	}
	if (st != B58_OK) {
		diag(0, "memory exhausted");
		goto done;
	}
	for (size_t k = 0; k < olen; ) {
		size_t m = olen - k < out.cap - out.len ? olen - k :
		    out.cap - out.len;

		memcpy(out.buf + out.len, text + k, m);
		out.len += m;
		k += m;
		if (out.len == out.cap && sink_flush(&out) != 0)
			goto done;
	}
	free(in);
	free(work);
	free(text);
	if (sink_commit(&out) != 0) {
		(void)source_close(src);
		return 1;
	}
	return source_close(src);
done:
	sink_abort(&out);
done_closed:
	free(in);
	free(work);
	free(text);
	(void)source_close(src);
	return status;
}

int
pump_run(const struct options *opt)
{
	struct source src;

	if (source_open(&src, opt->file) != 0)
		return 1;
	return opt->enc == ENC_BASE58 ? pump_whole(&src, opt) :
	    pump(&src, opt);
}

int
pump_run_fd(int in_fd, const struct options *opt)
{
	struct source src;

	source_from_fd(&src, in_fd);
	return pump(&src, opt);
}
