/*
 * stream.c - the stream loops: read a block, run it through the codec,
 * write the result.  Memory is the two fixed buffers, whatever the input.
 */
#include <errno.h>
#include <stdlib.h>

#include "b64.h"
#include "cli.h"
#include "diag.h"
#include "io.h"

/*
 * Block sizes: the encoder's input is a multiple of 3 and the decoder's a
 * multiple of 4, so that whole quanta fill a block (not required by the
 * codec, which streams any split, but it keeps the bulk loops long).
 */
#define ENC_IN  (3 * 64 * 1024)
#define DEC_IN  (4 * 64 * 1024)
#define OUT_CAP (512 * 1024)

_Static_assert(ENC_IN % 3 == 0, "encoder block holds whole triples");
_Static_assert(DEC_IN % 4 == 0, "decoder block holds whole quanta");

/* Output collected in one buffer and written in big blocks. */
struct sink {
	char *buf;
	size_t len;
};

static int
sink_flush(struct sink *s)
{
	if (s->len > 0 && io_write_all(1, s->buf, s->len) != 0) {
		diag(errno, "write error");
		return 1;
	}
	s->len = 0;
	return 0;
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL)
		diag(0, "memory exhausted");
	return p;
}

int
run_encode(int in_fd, const struct options *opt)
{
	struct b64_encoder enc;
	struct sink out = { NULL, 0 };
	unsigned char *in = xmalloc(ENC_IN);
	int status = 1, read_errno = 0;

	out.buf = xmalloc(OUT_CAP);
	if (in == NULL || out.buf == NULL)
		goto done;
	if (b64_encoder_init(&enc, opt->impl, opt->wrap) != B64_OK) {
		diag(0, "unsupported codec settings");
		goto done;
	}
	for (;;) {
		ssize_t r = io_read_full(in_fd, in, ENC_IN);
		size_t pos = 0;

		if (r < 0) {
			/* As GNU: end the output as if the input ended. */
			read_errno = errno;
			break;
		}
		if (r == 0)
			break;
		while (pos < (size_t)r) {
			size_t used, n;
			enum b64_status st = b64_encode_update(&enc, in + pos,
			    (size_t)r - pos, &used, out.buf + out.len,
			    OUT_CAP - out.len, &n);

			pos += used;
			out.len += n;
			if (st == B64_NEED_OUTPUT && sink_flush(&out) != 0)
				goto done;
		}
	}
	for (;;) {
		size_t n;

		if (b64_encode_final(&enc, out.buf + out.len,
		    OUT_CAP - out.len, &n) == B64_OK) {
			out.len += n;
			break;
		}
		if (sink_flush(&out) != 0)
			goto done;
	}
	status = sink_flush(&out);
	if (status == 0 && read_errno != 0) {
		diag(read_errno, "read error");
		status = 1;
	}
done:
	free(in);
	free(out.buf);
	return status;
}

int
run_decode(int in_fd, const struct options *opt)
{
	struct b64_decoder dec;
	struct sink out = { NULL, 0 };
	unsigned char *in = xmalloc(DEC_IN);
	enum b64_status st = B64_OK;
	unsigned flags = opt->impl;
	int status = 1;

	out.buf = xmalloc(OUT_CAP);
	if (in == NULL || out.buf == NULL)
		goto done;
	if (opt->ignore_garbage)
		flags |= B64_SKIP_GARBAGE;
	if (b64_decoder_init(&dec, flags) != B64_OK) {
		diag(0, "unsupported codec settings");
		goto done;
	}
	for (;;) {
		ssize_t r = io_read_full(in_fd, in, DEC_IN);
		size_t pos = 0;

		if (r < 0) {
			diag(errno, "read error");
			(void)sink_flush(&out);
			goto done;
		}
		if (r == 0)
			break;
		while (pos < (size_t)r) {
			size_t used, n;

			st = b64_decode_update(&dec, in + pos, (size_t)r - pos,
			    &used, out.buf + out.len, OUT_CAP - out.len, &n);
			pos += used;
			out.len += n;
			if (B64_IS_ERROR(st))
				goto invalid;
			if (st == B64_NEED_OUTPUT && sink_flush(&out) != 0)
				goto done;
		}
	}
	st = b64_decode_final(&dec);
	if (B64_IS_ERROR(st))
		goto invalid;
	status = sink_flush(&out);
	goto done;
invalid:
	if (sink_flush(&out) == 0)
		diag(0, "invalid input");
done:
	free(in);
	free(out.buf);
	return status;
}
