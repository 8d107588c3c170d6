/*
 * tap.h - a tiny TAP (Test Anything Protocol) producer for the unit tests
 * (tap.c, in libtestsupport.a).
 *
 *	tap_ok(pass, "name %d", i)   "ok N - name" or "not ok N - name"
 *	tap_skip("why", "name")      "ok N - name # SKIP why"
 *	tap_diag("fmt", ...)         one "# ..." line
 *	tap_diag_bytes("got", p, n)  "#   got: "C-escaped" (n bytes)"
 *	return tap_done();           prints the plan "1..N"; the exit status
 *	                             is 0 if every point passed, else 1
 *
 * Everything goes to stdout, flushed line by line, so a crash (or a
 * sanitizer report) still leaves the cases run so far in the log.
 */
#ifndef SEXTET_TAP_H
#define SEXTET_TAP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TAP_PRINTF(f, a)
#endif

/* Longest byte string tap_diag_bytes() shows before it abbreviates. */
#define TAP_BYTES_SHOWN 160

/* One "# ..." diagnostic line. */
void tap_diag(const char *fmt, ...) TAP_PRINTF(1, 2);

/* One test point; PASS non-zero means "ok".  Returns PASS as 0 or 1. */
int tap_ok(int pass, const char *fmt, ...) TAP_PRINTF(2, 3);

/* A test point that did not run: "ok N - name # SKIP why". */
void tap_skip(const char *why, const char *fmt, ...) TAP_PRINTF(2, 3);

/*
 * Writes P[0..N) C-escaped into BUF (SIZE bytes, NUL-terminated),
 * abbreviating after TAP_BYTES_SHOWN bytes.
 */
void tap_escape(char *buf, size_t size, const void *p, size_t n);

/* "#   LABEL: "escaped bytes" (N bytes)" */
void tap_diag_bytes(const char *label, const void *p, size_t n);

/* Number of test points that failed so far. */
unsigned long tap_failures(void);

/* Prints the plan; the return value is main()'s exit status. */
int tap_done(void);

#endif /* SEXTET_TAP_H */
