/*
 * bench_mime.c - the MIME parser against the bare codec, in memory
 * (the aim: extracting a base64 attachment runs at no less than 80 % of
 * the speed of "base64 -d --mime" on the body alone).
 *
 * Builds a message with one attachment of SIZE MiB (default 100; bytes
 * from a fixed LCG) encoded as mail does it (76 columns, CRLF), then
 * times, best of five runs each:
 *
 *   parse    mime_feed() of the whole message in 256 KiB chunks, decoded
 *            bytes delivered to a callback that copies them out
 *   codec    b64_decode_update() with B64_LENIENT | B64_SKIP_GARBAGE (the
 *            flags of --mime) of the body alone, same chunks
 *
 * and prints both in MB/s of input and their ratio.  Both outputs are
 * checked against the original bytes first.
 *
 * Usage: bench_mime [SIZE-MIB]    Exit status: 0, or 1 if a check failed.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "b64.h"
#include "mime.h"

#define CHUNK (256 * 1024)
#define RUNS  5

static unsigned char *out;
static size_t outlen, outcap;

static int
on_data(void *ctx, const struct mime_part *pt, const unsigned char *b,
    size_t n)
{
	(void)ctx;
	if (pt->enc != MIME_ENC_BASE64)
		return 0;       /* the text part */
	if (n > outcap - outlen)
		return 1;
	memcpy(out + outlen, b, n);
	outlen += n;
	return 0;
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double
time_parse(const unsigned char *msg, size_t n)
{
	static struct mime_parser p;
	struct mime_handler h = { NULL, NULL, on_data, NULL, NULL };
	size_t i, k;
	double t = now();

	outlen = 0;
	mime_init(&p, &h);
	for (i = 0; i < n; i += k) {
		k = n - i < CHUNK ? n - i : CHUNK;
		mime_feed(&p, msg + i, k);
	}
	mime_finish(&p);
	return now() - t;
}

static double
time_codec(const unsigned char *body, size_t n)
{
	struct b64_decoder d;
	size_t i, k, off, used, olen;
	double t = now();

	outlen = 0;
	b64_decoder_init(&d, B64_LENIENT | B64_SKIP_GARBAGE);
	for (i = 0; i < n; i += k) {
		k = n - i < CHUNK ? n - i : CHUNK;
		for (off = 0; off < k; off += used) {
			b64_decode_update(&d, body + i + off, k - off, &used,
			    out + outlen, outcap - outlen, &olen);
			outlen += olen;
		}
	}
	b64_decode_final(&d);
	return now() - t;
}

int
main(int argc, char **argv)
{
	static const char head[] =
	    "From: a@example.org\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
	    "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
	    "--b\r\nContent-Type: application/octet-stream\r\n"
	    "Content-Disposition: attachment; filename=\"data.bin\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n";
	static const char tail[] = "\r\n--b--\r\n";
	size_t mib = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100;
	size_t n = mib << 20, cap, blen, i;
	unsigned char *data, *msg, *body;
	double tp = 1e9, tc = 1e9, t;
	unsigned x = 2026;
	int r;

	data = malloc(n);
	cap = b64_encoded_len(n, B64_CRLF, 76) + sizeof(head) +
	    sizeof(tail);
	msg = malloc(cap);
	outcap = n + 64;
	out = malloc(outcap);
	if (data == NULL || msg == NULL || out == NULL || n == 0) {
		fprintf(stderr, "bench_mime: out of memory\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		x = x * 1664525u + 1013904223u;
		data[i] = (unsigned char)(x >> 24);
	}
	memcpy(msg, head, sizeof(head) - 1);
	body = msg + sizeof(head) - 1;
	b64_encode(data, n, (char *)body, cap, &blen, B64_CRLF, 76);
	blen -= 2;              /* the CRLF before the delimiter is its own */
	memcpy(body + blen, tail, sizeof(tail) - 1);
	for (r = 0; r < RUNS; r++) {
		t = time_parse(msg, (size_t)(body - msg) + blen +
		    sizeof(tail) - 1);
		if (outlen != n || memcmp(out, data, n) != 0) {
			fprintf(stderr, "bench_mime: parser output differs "
			    "(%zu bytes, want %zu)\n", outlen, n);
			return 1;
		}
		tp = t < tp ? t : tp;
		t = time_codec(body, blen);
		if (outlen != n || memcmp(out, data, n) != 0) {
			fprintf(stderr, "bench_mime: codec output differs\n");
			return 1;
		}
		tc = t < tc ? t : tc;
	}
	printf("attachment %zu MiB, base64 body %zu bytes, codec %s\n", mib,
	    blen, b64_impl_name(0));
	printf("parse  %8.0f MB/s\n", (double)blen / tp / 1e6);
	printf("codec  %8.0f MB/s\n", (double)blen / tc / 1e6);
	printf("parse/codec  %.0f %%\n", 100.0 * tc / tp);
	return 0;
}
