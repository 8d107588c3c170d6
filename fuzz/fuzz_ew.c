/*
 * fuzz_ew.c - the RFC 2047 decoder (src/mime/ew.h) and the parameter and
 * file-name code (src/mime/name.h).
 *
 * Input: byte 0 the mode (bits 0-1: ew_decode() flags EW_LENIENT and
 * EW_NAME; bit 2: also take the rest as a Content-Disposition value);
 * the rest is the text.
 *
 * ew_decode(): the output fits EW_OUT_MAX(n) (the buffer never fills);
 * every report points at an "=?" in the input and their number is the
 * return value; strict text without "=?" comes out unchanged; EW_NAME
 * never reports.  Parameters: mime_param_name() gives valid UTF-8 that
 * fits; the file name it leads to is one component, not "." or "..",
 * no '/', '\' or control bytes, at most MIME_FILE_MAX bytes, valid UTF-8.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1           /* memmem */
#endif

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ew.h"
#include "fuzz_common.h"
#include "name.h"

struct reports {
	const uint8_t *in;
	size_t n, count;
};

static void
report(void *ctx, size_t off, const char *why)
{
	struct reports *r = ctx;

	FZ_CHECKF(off + 1 < r->n && r->in[off] == '=' &&
	    r->in[off + 1] == '?', "report at %zu (%s) is not at =?", off,
	    why);
	r->count++;
}

static void
check_utf8(const unsigned char *s, size_t n, const char *what)
{
	size_t i = 0, k;

	while (i < n) {
		k = text_utf8_len(s + i, n - i);
		FZ_CHECKF(k > 0, "%s: not UTF-8 at byte %zu", what, i);
		i += k;
	}
}

static void
check_names(const uint8_t *v, size_t n)
{
	unsigned char buf[4096];
	char f[MIME_FILE_MAX + 1];
	struct sbuf sb;
	size_t len, i;
	int found;

	sb_init(&sb, buf, sizeof(buf));
	found = mime_param_name((const char *)v, n, "filename", &sb);
	FZ_CHECK(found || sb.len == 0);
	if (!sb.over)
		check_utf8(sb.p, sb.len, "parameter");
	len = mime_file_name(sb.p, sb.len, "1.2", "application/pdf", f);
	FZ_CHECK(len > 0 && len <= MIME_FILE_MAX && len == strlen(f));
	FZ_CHECK(strcmp(f, ".") != 0 && strcmp(f, "..") != 0);
	for (i = 0; i < len; i++)
		FZ_CHECKF((unsigned char)f[i] >= 0x20 && f[i] != 0x7f &&
		    f[i] != '/' && f[i] != '\\', "byte 0x%02x in a file name",
		    (unsigned char)f[i]);
	if (!sb.over)
		check_utf8((const unsigned char *)f, len, "file name");
	FZ_CHECK(f[0] != '.' && f[0] != '-' && f[0] != ' ');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned mode = fz_u8(&in);
	unsigned flags = mode & 3;
	struct reports r = { in.p, in.n, 0 };
	unsigned char *out;
	struct sbuf sb;
	size_t nbad, cap = EW_OUT_MAX(in.n);

	out = fz_alloc(cap);
	sb_init(&sb, out, cap);
	fz_note("ew_decode flags %u, %zu bytes", flags, in.n);
	nbad = ew_decode((const char *)in.p, in.n, flags, &sb, report, &r);
	FZ_CHECK(!sb.over);
	FZ_CHECKF(nbad == r.count, "%zu bad words, %zu reports", nbad,
	    r.count);
	if (flags & EW_NAME)
		FZ_CHECK(nbad == 0);
	if (flags == 0 && memmem(in.p, in.n, "=?", 2) == NULL)
		FZ_CHECK(sb.len == in.n && memcmp(sb.p, in.p, in.n) == 0);
	free(out);
	if (mode & 4) {
		fz_note("parameters");
		check_names(in.p, in.n);
	}
	return 0;
}
