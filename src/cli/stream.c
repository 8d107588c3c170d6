/*
 * stream.c - the stream loops: read a block, run it through the codec,
 * hand the result to the sink.  Memory is two fixed buffers, whatever the
 * input.  Also the decode error messages: GNU's "invalid input", or in the
 * new modes where and why, with a hint when the cause is a common one.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "cli.h"
#include "diag.h"
#include "io.h"
#include "output.h"

/*
 * Block sizes: the encoder's input is a multiple of 3 and the decoder's a
 * multiple of 4, so that whole quanta fill a block (the codec streams any
 * split; this keeps its bulk loops long).
 */
#define ENC_IN  (3 * 48 * 1024)
#define DEC_IN  (4 * 48 * 1024)
#define OUT_CAP (256 * 1024)

_Static_assert(ENC_IN % 3 == 0, "encoder block holds whole triples");
_Static_assert(DEC_IN % 4 == 0, "decoder block holds whole quanta");

/*
 * The buffers are static: zero-filled pages the kernel maps on first
 * touch, so a small input costs no mmap/munmap pair (start-up matters to
 * scripts that run base64 on short strings).  One run uses one stream.
 */
static unsigned char in_buf[DEC_IN > ENC_IN ? DEC_IN : ENC_IN];
static char out_buf[OUT_CAP];

static int
open_sink(struct sink *out, const struct options *opt, int in_fd)
{
	return sink_open(out, opt->output, opt->check, in_fd, out_buf,
	    OUT_CAP);
}

/* Commit the output; the exit status. */
static int
finish(struct sink *out)
{
	return sink_commit(out) ? 1 : 0;
}

int
run_encode(int in_fd, const struct options *opt)
{
	struct b64_encoder enc;
	struct sink out;
	unsigned char *in = in_buf;
	int read_errno = 0;

	if (open_sink(&out, opt, in_fd) != 0)
		goto fail;
	if (b64_encoder_init(&enc, encode_flags(opt), opt->wrap) != B64_OK) {
		diag(0, "unsupported codec settings");
		goto fail;
	}
	/* On a read error, as GNU: encode what was read, end the output as
	 * if the input ended there, then report. */
	while (read_errno == 0) {
		size_t r = io_read_full(in_fd, in, ENC_IN, &read_errno);
		size_t pos = 0;

		if (r == 0)
			break;
		while (pos < r) {
			size_t used, n;
			enum b64_status st = b64_encode_update(&enc, in + pos,
			    r - pos, &used, out.buf + out.len,
			    out.cap - out.len, &n);

			pos += used;
			out.len += n;
			if (st == B64_NEED_OUTPUT && sink_flush(&out) != 0)
				goto fail;
		}
	}
	for (;;) {
		size_t n;

		if (b64_encode_final(&enc, out.buf + out.len,
		    out.cap - out.len, &n) == B64_OK) {
			out.len += n;
			break;
		}
		if (sink_flush(&out) != 0)
			goto fail;
	}
	if (read_errno != 0) {
		if (out.path == NULL)
			(void)sink_flush(&out);
		diag(read_errno, "read error");
		goto fail;
	}
	return finish(&out);
fail:
	sink_abort(&out);
	return 1;
}

/* The first bytes of the input, for the hints. */
struct head {
	unsigned char b[4];
	size_t len;
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

/* A hint for the error of DEC, or "". */
static const char *
hint(const struct b64_decoder *dec, const struct options *opt,
    const struct head *h)
{
	unsigned char c = b64_decoder_error_byte(dec);
	const unsigned char *b = h->b;

	if (h->len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    (b[0] == 0xfe && b[1] == 0xff) ||
	    (h->len >= 4 && b[1] == 0 && b[3] == 0 && b[0] && b[2]) ||
	    (h->len >= 4 && b[0] == 0 && b[2] == 0 && b[1] && b[3])))
		return "; looks like UTF-16 text";
	if (h->len >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf &&
	    b64_decoder_error_offset(dec) == 0)
		return "; input starts with a UTF-8 byte order mark";
	if (c == '\n' && opt->crlf)
		return "; --crlf wants every line to end with CR LF";
	if (c == '\r' && !opt->crlf && !opt->lenient)
		return "; input has CR line endings: try --lenient";
	if ((c == '-' || c == '_') && !opt->url)
		return "; '-' and '_' are base64url: try --url-safe";
	if ((c == '+' || c == '/') && opt->url)
		return "; '+' and '/' are standard base64: drop --url-safe";
	return "";
}

/* Report the decode error ST. */
static void
report(const struct b64_decoder *dec, enum b64_status st,
    const struct options *opt, const struct head *h)
{
	char what[64];

	if (!(opt->strict || opt->lenient || opt->mime || opt->check)) {
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
	    what, hint(dec, opt, h));
}

int
run_decode(int in_fd, const struct options *opt)
{
	struct b64_decoder dec;
	struct sink out;
	struct head h = { { 0 }, 0 };
	unsigned char *in = in_buf;
	enum b64_status st = B64_OK;

	if (open_sink(&out, opt, in_fd) != 0)
		goto fail;
	if (b64_decoder_init(&dec, decode_flags(opt)) != B64_OK) {
		diag(0, "unsupported codec settings");
		goto fail;
	}
	for (;;) {
		int e;
		size_t r = io_read_full(in_fd, in, DEC_IN, &e);
		size_t pos = 0;

		if (e != 0) {
			/* As GNU: the block that failed is not decoded. */
			if (out.path == NULL)
				(void)sink_flush(&out);
			diag(e, "read error");
			goto fail;
		}
		if (r == 0)
			break;
		while (h.len < sizeof(h.b) && h.len < r) {
			h.b[h.len] = in[h.len];
			h.len++;
		}
		while (pos < r) {
			size_t used, n;

			st = b64_decode_update(&dec, in + pos, r - pos,
			    &used, out.buf + out.len, out.cap - out.len, &n);
			pos += used;
			out.len += n;
			if (B64_IS_ERROR(st))
				goto invalid;
			if (st == B64_NEED_OUTPUT && sink_flush(&out) != 0)
				goto fail;
		}
	}
	st = b64_decode_final(&dec);
	if (B64_IS_ERROR(st))
		goto invalid;
	return finish(&out);
invalid:
	/* GNU writes what was decoded before the error; -o keeps no file. */
	if (out.path != NULL || sink_flush(&out) == 0)
		report(&dec, st, opt, &h);
fail:
	sink_abort(&out);
	return 1;
}
