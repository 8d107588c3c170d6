/*
 * test_man.c - the man page's decoding rules hold for the decoder's table.
 *
 * Reads man/base64.1 ($srcdir, or the path given) and checks:
 *  - DECODING RULES: each ".Pq Li X No gives Li Y" decodes X to Y in the
 *    default (GNU) mode; ".Pq Li X No is valid, Li Y No is not" accepts X
 *    and refuses Y; in the item that ends "are invalid", each example is
 *    refused;
 *  - --lenient: the examples of "all accepted" are accepted by B64_LENIENT;
 *  - every flag a mode of the table (machine.c) stands for has its option
 *    described in the page.
 * "\en" in an example is a line feed.  Too few examples found is a
 * failure, so that a reworded page cannot make the test pass vacuously.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "tap.h"

#define MAXLINES 2000

static char *lines[MAXLINES];
static size_t nlines;

static int
load(const char *path)
{
	static char buf[1 << 17];
	FILE *f = fopen(path, "r");
	size_t n;
	char *p;

	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (p = strtok(buf, "\n"); p != NULL && nlines < MAXLINES;
	    p = strtok(NULL, "\n"))
		lines[nlines++] = p;
	return 1;
}

/* The mdoc word at P (up to a space) into OUT, "\en" as a line feed and
 * "\-" as '-'; returns the length. */
static size_t
word(const char *p, char *out, size_t cap)
{
	size_t n = 0;

	while (*p != '\0' && *p != ' ' && n + 1 < cap) {
		if (p[0] == '\\' && p[1] == 'e' && p[2] == 'n') {
			out[n++] = '\n';
			p += 3;
		} else if (p[0] == '\\' && p[1] == '-') {
			out[n++] = '-';
			p += 2;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return n;
}

/* Decode TEXT with FLAGS: the status, the output in OUT. */
static enum b64_status
decode(const char *text, size_t n, unsigned flags, char *out, size_t *len)
{
	return b64_decode(text, n, out, 256, len, NULL, flags);
}

static void
expect(const char *text, size_t n, unsigned flags, int valid,
    const char *want, const char *what)
{
	char out[256], shown[64];
	size_t len = 0;
	enum b64_status st = decode(text, n, flags, out, &len);

	tap_escape(shown, sizeof(shown), text, n);
	if (want != NULL)
		tap_ok(st == B64_OK && len == strlen(want) &&
		    memcmp(out, want, len) == 0, "%s: \"%s\" gives \"%s\"",
		    what, shown, want);
	else if (valid)
		tap_ok(st == B64_OK, "%s: \"%s\" is accepted", what, shown);
	else
		tap_ok(B64_IS_ERROR(st), "%s: \"%s\" is refused", what, shown);
}

/* Lines [*from, *to) of section NAME (".Sh NAME"). */
static int
section(const char *name, size_t *from, size_t *to)
{
	for (size_t i = 0; i < nlines; i++) {
		if (strncmp(lines[i], ".Sh ", 4) != 0 ||
		    strcmp(lines[i] + 4, name) != 0)
			continue;
		*from = i + 1;
		for (*to = i + 1; *to < nlines; (*to)++)
			if (strncmp(lines[*to], ".Sh ", 4) == 0)
				break;
		return 1;
	}
	return 0;
}

static void
check_rules(void)
{
	size_t from, to, gives = 0, pairs = 0, invalid = 0;
	char a[64], b[64];

	if (!section("DECODING RULES", &from, &to)) {
		tap_ok(0, "man page has a DECODING RULES section");
		return;
	}
	for (size_t i = from; i < to; i++) {
		const char *l = lines[i], *p;
		size_t na;

		if (strncmp(l, ".Pq Li ", 7) != 0)
			continue;
		na = word(l + 7, a, sizeof(a));
		p = l + 7 + strcspn(l + 7, " ");
		if (strncmp(p, " No gives Li ", 13) == 0) {
			word(p + 13, b, sizeof(b));
			expect(a, na, 0, 1, b, "DECODING RULES");
			gives++;
		} else if (strncmp(p, " No is valid, Li ", 17) == 0) {
			size_t nb = word(p + 17, b, sizeof(b));

			expect(a, na, 0, 1, NULL, "DECODING RULES");
			expect(b, nb, 0, 0, NULL, "DECODING RULES");
			pairs++;
		} else {
			/* An example in a list that ends "are invalid". */
			size_t j;

			for (j = i; j < to && strcmp(lines[j], ".It") != 0;
			    j++)
				if (strstr(lines[j], "are invalid") != NULL)
					break;
			if (j < to && strcmp(lines[j], ".It") != 0) {
				expect(a, na, 0, 0, NULL, "DECODING RULES");
				invalid++;
			}
		}
	}
	tap_ok(gives >= 3 && pairs >= 1 && invalid >= 2,
	    "DECODING RULES: %zu examples with output, %zu valid/invalid "
	    "pairs, %zu invalid ones found", gives, pairs, invalid);
}

static void
check_lenient(void)
{
	size_t i, n = 0;
	char a[64];

	for (i = 0; i < nlines; i++)
		if (strcmp(lines[i], ".It Fl \\-lenient") == 0)
			break;
	while (i < nlines && strstr(lines[i], "all accepted") == NULL)
		i++;
	for (i++; i < nlines && strncmp(lines[i], ".Li ", 4) == 0; i++) {
		size_t na = word(lines[i] + 4, a, sizeof(a));

		expect(a, na, B64_LENIENT, 1, NULL, "--lenient");
		n++;
	}
	tap_ok(n >= 3, "--lenient: %zu accepted examples found", n);
}

/* Each flag of a mode is an option described in the page. */
static void
check_modes(void)
{
	static const struct {
		unsigned flag;
		const char *item;
	} opts[] = {
		{ B64_STRICT, ".It Fl \\-strict" },
		{ B64_LENIENT, ".It Fl \\-lenient" },
		{ B64_NO_PAD, ".It Fl \\-no\\-pad" },
		{ B64_CRLF, ".It Fl \\-crlf" },
		{ B64_SKIP_GARBAGE, ".It Fl i , \\-ignore\\-garbage" },
	};
	unsigned used = 0;

	for (size_t m = 0; m < b64_nmodes; m++)
		used |= b64_modes[m].flags;
	for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		int found = 0;

		if (!(used & opts[k].flag))
			continue;
		for (size_t i = 0; i < nlines; i++)
			if (strncmp(lines[i], opts[k].item,
			    strlen(opts[k].item)) == 0)
				found = 1;
		tap_ok(found, "the table's flag 0x%04x is described (%s)",
		    opts[k].flag, opts[k].item);
	}
	tap_ok((used & ~(unsigned)B64_M_FLAGS) == 0,
	    "the modes use no other flag");
}

int
main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];

	if (argc > 1)
		snprintf(path, sizeof(path), "%s", argv[1]);
	else
		snprintf(path, sizeof(path), "%s/man/base64.1",
		    srcdir ? srcdir : ".");
	if (!load(path)) {
		tap_ok(0, "read %s", path);
		return tap_done();
	}
	check_rules();
	check_lenient();
	check_modes();
	return tap_done();
}
