/*
 * diag.c - messages in GNU's words and quoting styles.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

const char *diag_prog = "base64";
static int utf8_locale;

void
diag_init(const char *argv0)
{
	const char *cs;

	/* Only what is used: the character set (quoting style) and the
	 * language of strerror; loading every category costs start-up. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	cs = nl_langinfo(CODESET);
	if (argv0 != NULL && *argv0 != '\0')
		diag_prog = argv0;
	utf8_locale = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

void
diag(int errnum, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", diag_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void
diag_try_help(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", diag_prog);
}

#define QBUF 1024
#define NQBUF 4

static char *
next_buf(void)
{
	static char bufs[NQBUF][QBUF];
	static unsigned k;

	k = (k + 1) % NQBUF;
	return bufs[k];
}

/* Append S to the buffer at *P if it fits before END. */
static void
put(char **p, const char *end, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(end - *p) > n) {
		memcpy(*p, s, n);
		*p += n;
	}
}

/* A C escape for a control byte, or NULL if C is printable here. */
static const char *
c_escape(unsigned char c, char tmp[8])
{
	static const char letters[] = "abtnvfr";

	if (c >= 0x07 && c <= 0x0d) {
		tmp[0] = '\\';
		tmp[1] = letters[c - 0x07];
		tmp[2] = '\0';
		return tmp;
	}
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8_locale)) {
		snprintf(tmp, 8, "\\%03o", c);
		return tmp;
	}
	return NULL;
}

const char *
quote_arg(const char *s)
{
	char *buf = next_buf(), *p = buf;
	const char *end = buf + QBUF - 8;
	char tmp[8];

	put(&p, end, utf8_locale ? "\xe2\x80\x98" : "'");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *e = c_escape(c, tmp);

		if (e == NULL && c == '\\')
			e = "\\\\";
		else if (e == NULL && c == '\'' && !utf8_locale)
			e = "\\'";
		if (e == NULL) {
			tmp[0] = (char)c;
			tmp[1] = '\0';
			e = tmp;
		}
		put(&p, end, e);
	}
	put(&p, buf + QBUF, utf8_locale ? "\xe2\x80\x99" : "'");
	*p = '\0';
	return buf;
}

const char *
quote_file(const char *s)
{
	static const char special[] = "\t\n !\"$&'()*;<=>?[\\^`|:";
	char *buf = next_buf(), *p = buf;
	const char *end = buf + QBUF - 8;
	int need = *s == '\0' || *s == '#' || *s == '~';
	int has_sq = 0, dq_ok = 1, in_sq = 0;
	char tmp[8];

	for (const char *q = s; *q; q++) {
		unsigned char c = (unsigned char)*q;

		if (strchr(special, c) != NULL || c_escape(c, tmp) != NULL)
			need = 1;
		if (c == '\'')
			has_sq = 1;
		else if (strchr("\"$`\\!", c) != NULL ||
		    c_escape(c, tmp) != NULL)
			dq_ok = 0;
	}
	if (!need) {
		put(&p, end, s);
		*p = '\0';
		return buf;
	}
	if (has_sq && dq_ok) {
		put(&p, end, "\"");
		put(&p, end, s);
		put(&p, buf + QBUF, "\"");
		*p = '\0';
		return buf;
	}
	/* Single quotes; ' becomes '\'' and control bytes $'\ooo'. */
	if (*s == '\0')
		put(&p, end, "''");
	while (*s) {
		unsigned char c = (unsigned char)*s;

		if (c_escape(c, tmp) != NULL) {
			if (in_sq)
				put(&p, end, "'");
			in_sq = 0;
			put(&p, end, "$'");
			while (*s && c_escape((unsigned char)*s, tmp) != NULL) {
				put(&p, end, tmp);
				s++;
			}
			put(&p, end, "'");
			continue;
		}
		if (c == '\'') {
			put(&p, end, in_sq ? "'\\'" : "\\'");
			in_sq = 0;
			s++;
			continue;
		}
		if (!in_sq)
			put(&p, end, "'");
		in_sq = 1;
		tmp[0] = (char)c;
		tmp[1] = '\0';
		put(&p, end, tmp);
		s++;
	}
	if (in_sq)
		put(&p, buf + QBUF, "'");
	*p = '\0';
	return buf;
}
