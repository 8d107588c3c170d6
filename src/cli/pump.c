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
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "cli.h"
#include "diag.h"
#include "sink.h"
#include "source.h"

/* Output collected while the source has more ready is written out before
 * the next block is coded once it reaches this much. */
#define EAGER_FLUSH (64 * 1024)

/* GNU writes standard output through a stdio buffer of this size: a
 * failure to write less than this shows only when it closes the stream,
 * after any "invalid input". */
#define GNU_STDIO_BUF 4096

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

/* What the options make of the pump. */
struct settings {
	int decode;
	unsigned flags;       /* codec flags */
	size_t wrap;          /* encoder line length */
	size_t block;         /* bytes per read from a regular file */
	int located;          /* decode errors say where and why */
	int partial_output;   /* write what was decoded before an error */
};

static void
pump_settings(const struct options *opt, struct settings *set)
{
	set->decode = opt->decode;
	set->flags = opt->decode ? decode_flags(opt) : encode_flags(opt);
	set->wrap = opt->wrap;
	set->block = opt->decode ? PUMP_DEC_IN : PUMP_ENC_IN;
	set->located = opt->strict || opt->lenient || opt->mime || opt->check;
	/* -o keeps no file on an error; --check writes nothing at all. */
	set->partial_output = opt->output == NULL && !opt->check;
}

/* The codec step, encoder or decoder. */
struct codec {
	int decode;
	struct b64_encoder enc;
	struct b64_decoder dec;
};

static enum b64_status
codec_init(struct codec *c, const struct settings *set)
{
	c->decode = set->decode;
	if (c->decode)
		return b64_decoder_init(&c->dec, set->flags);
	return b64_encoder_init(&c->enc, set->flags, set->wrap);
}

static enum b64_status
codec_update(struct codec *c, const unsigned char *in, size_t n,
    size_t *used, char *out, size_t cap, size_t *out_len)
{
	if (c->decode)
		return b64_decode_update(&c->dec, in, n, used, out, cap,
		    out_len);
	return b64_encode_update(&c->enc, in, n, used, out, cap, out_len);
}

static enum b64_status
codec_final(struct codec *c, char *out, size_t cap, size_t *out_len)
{
	*out_len = 0;
	if (c->decode)
		return b64_decode_final(&c->dec);
	return b64_encode_final(&c->enc, out, cap, out_len);
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
		return "; '-' and '_' are base64url: try --url-safe";
	if ((c == '+' || c == '/') && opt->url &&
	    line_is_other_alphabet(ch, off, 1))
		return "; '+' and '/' are standard base64: drop --url-safe";
	return "";
}

/* Report the decode error ST. */
static void
report_invalid(const struct b64_decoder *dec, enum b64_status st,
    const struct options *opt, const struct settings *set,
    const struct chunk *ch)
{
	char what[64];

	if (!set->located) {
		diag(0, "invalid input");
		return;
	}
	if (st == B64_ERR_BAD_CHAR) {
		char byte[32];

		describe_byte(b64_decoder_error_byte(dec), byte, sizeof(byte));
		snprintf(what, sizeof(what), "unexpected byte %s", byte);
	} else {
		snprintf(what, sizeof(what), "%s", b64_strerror(st));
	}
	diag(0, "invalid input at line %" PRIu64 ", column %" PRIu64
	    " (byte %" PRIu64 "): %s%s", b64_decoder_error_line(dec),
	    b64_decoder_error_column(dec), b64_decoder_error_offset(dec),
	    what, hint(dec, opt, ch));
}

/*
 * An invalid input: write what was decoded before it (not with -o or
 * --check), then say so.  Both a failing write and the invalid input are
 * reported, in GNU's order: GNU's stdio buffer holds a small output until
 * it closes standard output, after its "invalid input"; a larger one
 * fails first and ends it.
 */
static void
invalid(struct codec *c, enum b64_status st, struct sink *out,
    const struct options *opt, const struct settings *set,
    const struct chunk *ch)
{
	int e = 0;
	int small = out->written == 0 && out->len <= GNU_STDIO_BUF;

	if (set->partial_output)
		e = sink_flush_quiet(out);
	if (e != 0 && !small) {
		sink_report_write_error(out, e);
		return;
	}
	report_invalid(&c->dec, st, opt, set, ch);
	if (e != 0)
		sink_report_write_error(out, e);
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

/* Run SRC through the codec to the output OPT names; the exit status. */
static int
pump(struct source *src, const struct options *opt)
{
	struct settings set;
	struct sink out;
	struct codec c;
	struct chunk ch;
	enum b64_status st;
	size_t r, n;

	pump_settings(opt, &set);
	memset(&ch, 0, sizeof(ch));
	if (sink_open(&out, opt->output, opt->check, src, out_buf,
	    PUMP_OUT_CAP) != 0)
		goto fail;
	if (codec_init(&c, &set) != B64_OK) {
		diag(0, "unsupported codec settings");
		goto fail;
	}
	while ((r = source_read(src, in_buf, set.block)) > 0 || src->err) {
		size_t pos = 0;

		/* As GNU: a block whose read failed is not decoded; what
		 * was read before the failure is encoded. */
		if (src->err != 0 && set.decode)
			break;
		/* Room for this block's output, which is not the last if
		 * this read returned data: the input's end never goes out
		 * on its own. */
		if (r > 0 && out.len >= EAGER_FLUSH && sink_flush(&out) != 0)
			goto fail;
		ch.b = in_buf;
		ch.len = r;
		ch.start = src->offset - r;
		/* (While the head is short, all input so far is in it.) */
		while (ch.head_len < sizeof(ch.head) &&
		    ch.head_len - ch.start < r) {
			ch.head[ch.head_len] = in_buf[ch.head_len - ch.start];
			ch.head_len++;
		}
		while (pos < r) {
			size_t used;

			st = codec_update(&c, in_buf + pos, r - pos, &used,
			    out.buf + out.len, out.cap - out.len, &n);
			pos += used;
			out.len += n;
			if (B64_IS_ERROR(st)) {
				invalid(&c, st, &out, opt, &set, &ch);
				goto fail;
			}
			if (st == B64_NEED_OUTPUT && sink_flush(&out) != 0)
				goto fail;
		}
		if (src->err != 0)
			break;
		if (flush_before_wait(&out, src) && sink_flush(&out) != 0)
			goto fail;
	}
	/* On a read error, as GNU: end the encoding as if the input ended
	 * there, write it, then report the error. */
	if (!(src->err != 0 && set.decode)) {
		while ((st = codec_final(&c, out.buf + out.len,
		    out.cap - out.len, &n)) == B64_NEED_OUTPUT) {
			if (sink_flush(&out) != 0)
				goto fail;
		}
		out.len += n;
		if (B64_IS_ERROR(st)) {
			invalid(&c, st, &out, opt, &set, &ch);
			goto fail;
		}
	}
	if (src->err != 0) {
		if (set.partial_output && sink_flush(&out) != 0)
			goto fail;
		diag(src->err, "read error");
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

int
pump_run(const struct options *opt)
{
	struct source src;

	if (source_open(&src, opt->file) != 0)
		return 1;
	return pump(&src, opt);
}

int
pump_run_fd(int in_fd, const struct options *opt)
{
	struct source src;

	source_from_fd(&src, in_fd);
	return pump(&src, opt);
}
