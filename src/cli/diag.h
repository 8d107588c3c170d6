/*
 * diag.h - GNU-format diagnostics: "PROG: message[: strerror]".
 */
#ifndef SEXTET_DIAG_H
#define SEXTET_DIAG_H

#include <stddef.h>

/* argv[0] as given; set once by main. */
extern const char *diag_prog;

/* Decide the quoting style from the locale (call after setlocale). */
void diag_init(const char *argv0);

/* "PROG: FMT[: strerror(ERRNUM)]" on stderr; ERRNUM 0 adds nothing. */
void diag(int errnum, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "Try 'PROG --help' for more information." */
void diag_try_help(void);

/*
 * Quoting as GNU does it.  Each returns a pointer to one of a few rotating
 * static buffers (enough for one message); long strings are cut.
 *   quote_arg:  'ARG' with C escapes (option arguments, operands)
 *   quote_file: the file name, shell-quoted only when needed
 */
const char *quote_arg(const char *s);
const char *quote_file(const char *s);

#endif /* SEXTET_DIAG_H */
