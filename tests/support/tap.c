/*
 * tap.c - the TAP producer of tap.h: the counters of one program's test
 * points, and the lines it prints.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

struct tap_state {
	unsigned long count;  /* test points printed so far */
	unsigned long failed; /* of which "not ok" */
};

/* The counters (one program, one TAP stream). */
static struct tap_state st;

static void tap_vline(const char *prefix, const char *fmt, va_list ap)
    TAP_PRINTF(2, 0);

static void
tap_vline(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stdout);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
}

/* One "# ..." diagnostic line. */
void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vline("# ", fmt, ap);
	va_end(ap);
}

/* One test point; PASS non-zero means "ok".  Returns PASS as 0 or 1. */
int
tap_ok(int pass, const char *fmt, ...)
{
	va_list ap;
	char prefix[48];

	st.count++;
	if (!pass)
		st.failed++;
	snprintf(prefix, sizeof(prefix), "%sok %lu - ", pass ? "" : "not ",
	    st.count);
	va_start(ap, fmt);
	tap_vline(prefix, fmt, ap);
	va_end(ap);
	return pass != 0;
}

/* A test point that did not run: "ok N - name # SKIP why". */
void
tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	st.count++;
	printf("ok %lu - ", st.count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
	fflush(stdout);
}

/*
 * Writes P[0..N) C-escaped into BUF (SIZE bytes, NUL-terminated),
 * abbreviating after TAP_BYTES_SHOWN bytes.
 */
void
tap_escape(char *buf, size_t size, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i, o = 0;

	if (size == 0)
		return;
	for (i = 0; i < n && i < TAP_BYTES_SHOWN; i++) {
		char tmp[8];
		const char *e = tmp;
		size_t k;

		switch (s[i]) {
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		case '\\': e = "\\\\"; break;
		case '"': e = "\\\""; break;
		default:
			if (s[i] >= 0x20 && s[i] < 0x7f) {
				tmp[0] = (char)s[i];
				tmp[1] = '\0';
			} else {
				snprintf(tmp, sizeof(tmp), "\\x%02x", s[i]);
			}
			break;
		}
		k = strlen(e);
		if (o + k + 4 >= size)
			break;
		memcpy(buf + o, e, k);
		o += k;
	}
	if (i < n && o + 4 < size) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
}

/* "#   LABEL: "escaped bytes" (N bytes)" */
void
tap_diag_bytes(const char *label, const void *p, size_t n)
{
	char buf[TAP_BYTES_SHOWN * 4 + 8];

	tap_escape(buf, sizeof(buf), p, n);
	tap_diag("  %s: \"%s\" (%lu bytes)", label, buf, (unsigned long)n);
}

/* Number of test points that failed so far. */
unsigned long
tap_failures(void)
{
	return st.failed;
}

/* Prints the plan; the return value is main()'s exit status. */
int
tap_done(void)
{
	if (st.failed)
		tap_diag("%lu of %lu test points failed", st.failed,
		    st.count);
	printf("1..%lu\n", st.count);
	fflush(stdout);
	return st.failed ? 1 : 0;
}
