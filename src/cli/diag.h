/*
 * diag.h - GNU-format diagnostics: "PROG: message[: strerror]", in GNU's
 * words, GNU's translations and GNU's quoting for the current locale.
 */
#ifndef SEXTET_DIAG_H
#define SEXTET_DIAG_H

#include <stddef.h>

/* argv[0] as given; set once by diag_init. */
extern const char *diag_prog;

/*
 * Set up the locale (character set and message language, from the
 * environment) and the program name.  Call first, before any message.
 */
void diag_init(const char *argv0);

/*
 * "PROG: FMT[: strerror(ERRNUM)]" on stderr; ERRNUM 0 adds nothing.
 * FMT is GNU's English msgid: it is translated through the installed
 * coreutils catalog when it has it, and stays English otherwise.
 * The quote_* results used as arguments are released afterwards.
 */
void diag(int errnum, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "Try 'PROG --help' for more information.", translated as GNU's. */
void diag_try_help(void);

/*
 * "PROG: write error: STRERROR" as GNU's close_stdout says it, from
 * gnulib's catalog: when standard output fails only as it is closed (all
 * of a small output still in GNU's stdio buffer; --help, --version).
 */
void diag_closeout(int errnum);

/*
 * An option error in glibc getopt's words: FMT is getopt's msgid, with
 * "%s: " for the program name first and its own newline, translated
 * through glibc's catalog as getopt's are.
 */
void diag_getopt(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* GNU's translation of a message part MSGID (coreutils catalog). */
const char *diag_text(const char *msgid) __attribute__((format_arg(1)));

/*
 * Quoting as GNU does it, for any length.  Each result stays valid for
 * the next three calls and until the end of the next diag() or
 * diag_getopt(), which frees them: use them as arguments of one message.
 *   quote_arg:  GNU's quote(): locale quotes ('ARG', ‘ARG’, „ARG“...)
 *               with C escapes (option arguments, operands)
 *   quote_file: GNU's quotef(): the name as is when the shell needs no
 *               quoting, else shell-quoted with $'\ooo' escapes
 */
const char *quote_arg(const char *s);
const char *quote_file(const char *s);

/*
 * The words a located decode error ends with, for codec status STATUS
 * (an enum b64_status): b64_strerror()'s, which speak of the data only
 * (libsextet's clients have no options), but where the command line
 * names the option that makes the rule.
 */
const char *diag_b64_error(int status);

#endif /* SEXTET_DIAG_H */
