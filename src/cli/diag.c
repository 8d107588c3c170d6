/*
 * diag.c - messages in GNU's words, translations and quoting styles.
 *
 * GNU base64 (coreutils 9.10) writes its messages through gettext in the
 * "coreutils" text domain, getopt's option errors through glibc's own
 * catalog ("libc"), and quotes with gnulib's quotearg: quote() for
 * arguments, quotef() for file names.  gnulib's own strings come from
 * gnulib's catalog ("gnulib", Debian's package gnulib-l10n): the
 * quotation marks, and the "write error" close_stdout reports when
 * standard output fails only as it is closed.  (So GNU 9.10 in
 * de_DE.UTF-8 says "ungültige Umbruchgröße: ‘x’" where that catalog is
 * missing, "»x«" where it is there; 9.1 took both from coreutils'.)  We
 * look the same catalogs up at run time (where they are installed;
 * English otherwise) and quote by the same rules, which are written out
 * below as plain decisions: what needs quoting, what is printable in
 * this locale, and how each byte is written.
 */
#include <ctype.h>
#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "b64.h"
#include "diag.h"

#define GNU_DOMAIN "coreutils"
#define GNULIB_DOMAIN "gnulib"
#define LIBC_DOMAIN "libc"

const char *diag_prog = "base64";

void
diag_init(const char *argv0)
{
	/* Only what is used: the character set (quoting, and the charset
	 * translations are converted to) and the language (messages,
	 * strerror); loading every category costs start-up. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	if (argv0 != NULL && *argv0 != '\0')
		diag_prog = argv0;
}

/* ---- The quoted strings: a small ring of growing buffers ---- */

struct text {
	char *buf;
	size_t len, cap;
	int failed;          /* out of memory: the result is "?" */
};

#define NSLOT 4
static struct text slots[NSLOT];
static unsigned next_slot;

/* Free the quoted strings; a message has used them. */
static void
release_quotes(void)
{
	for (unsigned k = 0; k < NSLOT; k++) {
		free(slots[k].buf);
		memset(&slots[k], 0, sizeof(slots[k]));
	}
}

static struct text *
new_text(void)
{
	struct text *t = &slots[next_slot];

	next_slot = (next_slot + 1) % NSLOT;
	t->len = 0;
	t->failed = 0;
	return t;
}

static const char *
text_result(const struct text *t)
{
	return t->failed || t->buf == NULL ? "?" : t->buf;
}

static void
put_mem(struct text *t, const char *s, size_t n)
{
	if (t->failed)
		return;
	if (t->cap - t->len <= n) {
		size_t cap = t->cap != 0 ? t->cap : 64;
		char *p;

		while (cap - t->len <= n) {
			if (cap > SIZE_MAX / 2) {
				t->failed = 1;
				return;
			}
			cap *= 2;
		}
		p = realloc(t->buf, cap);
		if (p == NULL) {
			t->failed = 1;
			return;
		}
		t->buf = p;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void
put_str(struct text *t, const char *s)
{
	put_mem(t, s, strlen(s));
}

static void
put_byte(struct text *t, char c)
{
	put_mem(t, &c, 1);
}

/* \ooo, GNU's escape for an unprintable byte. */
static void
put_octal(struct text *t, unsigned char c)
{
	char e[4] = { '\\', (char)('0' + (c >> 6)),
	    (char)('0' + ((c >> 3) & 7)), (char)('0' + (c & 7)) };

	put_mem(t, e, sizeof(e));
}

/* ---- What the locale says ---- */

static int locale_read;
static int multibyte;          /* MB_CUR_MAX > 1 */
static const char *left_quote, *right_quote;

/* The msgids GNU translates to get its quotation marks; gettext hands
 * back these very pointers when the catalog has no translation. */
static const char left_msgid[] = "`";
static const char right_msgid[] = "'";

/*
 * One quotation mark, as GNU's locale_quoting_style chooses it: the
 * catalog's translation of MSGID if it has one, else U+2018/U+2019 where
 * the character set can say it in UTF-8, else the ASCII apostrophe.
 */
static const char *
quote_mark(const char *msgid, const char *curly)
{
	const char *t = dgettext(GNULIB_DOMAIN, msgid);
	mbstate_t st;
	wchar_t wc;

	if (t != msgid)
		return t;
	memset(&st, 0, sizeof(st));
	if (mbrtowc(&wc, "\xe2\x80\x98", 3, &st) == 3 && wc == 0x2018)
		return curly;
	return "'";
}

/* Read the locale on first use: the success path never pays for it. */
static void
read_locale(void)
{
	if (locale_read)
		return;
	locale_read = 1;
	multibyte = MB_CUR_MAX > 1;
	left_quote = quote_mark(left_msgid, "\xe2\x80\x98");
	right_quote = quote_mark(right_msgid, "\xe2\x80\x99");
}

/*
 * The character at S (N > 0 bytes left) as GNU's quotearg sees it: its
 * length, and in *PRINTABLE whether this locale prints it.  A byte that
 * starts no valid character is one unprintable character; a character cut
 * off by the end of the string takes the rest.
 */
static size_t
char_at(const char *s, size_t n, int *printable)
{
	mbstate_t st;
	size_t m = 0;

	if (!multibyte) {
		*printable = isprint((unsigned char)*s) != 0;
		return 1;
	}
	memset(&st, 0, sizeof(st));
	*printable = 1;
	do {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + m, n - m, &st);

		if (k == (size_t)-1) {
			*printable = 0;
			break;
		}
		if (k == (size_t)-2) {
			*printable = 0;
			return n;
		}
		if (k == 0)
			break;
		if (!iswprint((wint_t)wc))
			*printable = 0;
		m += k;
	} while (!mbsinit(&st));
	return m != 0 ? m : 1;
}

/* The letter of C's escape (\n...), or 0. */
static char
escape_letter(unsigned char c)
{
	static const char letters[] = "abtnvfr";

	return c >= '\a' && c <= '\r' ? letters[c - '\a'] : 0;
}

static int
printable_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Bytes the shell gives a meaning anywhere; ':' is quotef's own. */
static int
shell_special(unsigned char c)
{
	return c != '\0' && strchr(" !\"$&'()*;<=>?[\\^`|:", c) != NULL;
}

/* ---- quote_arg: GNU's quote() ----
 * Both quote functions keep errno: callers write diag(errno, "%s",
 * quote_file(name)), and C leaves the order of the arguments open. */

const char *
quote_arg(const char *s)
{
	struct text *t = new_text();
	size_t n = strlen(s), rql;
	int saved_errno = errno;

	read_locale();
	rql = strlen(right_quote);
	put_str(t, left_quote);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		char e = c == '\\' ? '\\' : escape_letter(c);
		int printable = 1;
		size_t m = 1;

		if (e != 0) {
			put_byte(t, '\\');
			put_byte(t, e);
			i++;
			continue;
		}
		if (!printable_ascii(c))
			m = char_at(s + i, n - i, &printable);
		if (!printable) {
			for (size_t j = 0; j < m; j++)
				put_octal(t, (unsigned char)s[i + j]);
		} else {
			/* The closing mark inside the text is escaped. */
			if (rql != 0 && n - i >= rql &&
			    memcmp(s + i, right_quote, rql) == 0)
				put_byte(t, '\\');
			put_mem(t, s + i, m);
		}
		i += m;
	}
	put_str(t, right_quote);
	errno = saved_errno;
	return text_result(t);
}

/* ---- quote_file: GNU's quotef() ---- */

/* Whether the shell would read S (N bytes) as something else. */
static int
needs_shell_quotes(const char *s, size_t n)
{
	if (n == 0 || s[0] == '#' || s[0] == '~' ||
	    (n == 1 && (s[0] == '{' || s[0] == '}')))
		return 1;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		int printable;

		if (shell_special(c) || escape_letter(c) != 0)
			return 1;
		if (printable_ascii(c)) {
			i++;
			continue;
		}
		i += char_at(s + i, n - i, &printable);
		if (!printable)
			return 1;
	}
	return 0;
}

/*
 * Whether S (N bytes, with an apostrophe in it) reads the same between
 * double quotes: no shell special other than the apostrophe, the blank
 * and a leading '#' or '~', nothing unprintable.  GNU prefers "it's" to
 * 'it'\''s'.
 */
static int
double_quotes_do(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		int printable;

		if (c == '\'' || c == ' ' || c == ':' ||
		    ((c == '#' || c == '~') && i == 0)) {
			i++;
			continue;
		}
		if (shell_special(c) || c == '#' || c == '~' || c == '{' ||
		    c == '}' || escape_letter(c) != 0)
			return 0;
		if (printable_ascii(c)) {
			i++;
			continue;
		}
		i += char_at(s + i, n - i, &printable);
		if (!printable)
			return 0;
	}
	return 1;
}

/*
 * Single quotes throughout; an apostrophe as '\'', unprintable bytes and
 * control characters in $'...' with C escapes.
 */
static void
shell_single_quotes(struct text *t, const char *s, size_t n)
{
	int in_dollar = 0;

	put_byte(t, '\'');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		char e = escape_letter(c);
		int printable = 1;
		size_t m = 1;

		if (c == '\'') {
			put_str(t, "'\\''");
			in_dollar = 0;
			i++;
			continue;
		}
		if (e == 0 && !printable_ascii(c))
			m = char_at(s + i, n - i, &printable);
		if (e != 0 || !printable) {
			if (!in_dollar)
				put_str(t, "'$'");
			in_dollar = 1;
			if (e != 0) {
				put_byte(t, '\\');
				put_byte(t, e);
			} else {
				for (size_t j = 0; j < m; j++)
					put_octal(t, (unsigned char)s[i + j]);
			}
		} else {
			if (in_dollar)
				put_str(t, "''");
			in_dollar = 0;
			put_mem(t, s + i, m);
		}
		i += m;
	}
	put_byte(t, '\'');
}

const char *
quote_file(const char *s)
{
	struct text *t = new_text();
	size_t n = strlen(s);
	int saved_errno = errno;

	read_locale();
	if (!needs_shell_quotes(s, n)) {
		put_mem(t, s, n);
	} else if (strchr(s, '\'') != NULL && double_quotes_do(s, n)) {
		put_byte(t, '"');
		put_mem(t, s, n);
		put_byte(t, '"');
	} else {
		shell_single_quotes(t, s, n);
	}
	errno = saved_errno;
	return text_result(t);
}

/* ---- The messages ---- */

void
diag(int errnum, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", diag_prog);
	va_start(ap, fmt);
	vfprintf(stderr, dgettext(GNU_DOMAIN, fmt), ap);
	va_end(ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	release_quotes();
}

void
diag_closeout(int errnum)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s", diag_prog,
	    dgettext(GNULIB_DOMAIN, "write error"));
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void
diag_getopt(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, dgettext(LIBC_DOMAIN, fmt), ap);
	va_end(ap);
	release_quotes();
}

void
diag_try_help(void)
{
	fprintf(stderr, dgettext(GNU_DOMAIN,
	    "Try '%s --help' for more information.\n"), diag_prog);
}

const char *
diag_text(const char *msgid)
{
	return dgettext(GNU_DOMAIN, msgid);
}

const char *
diag_b64_error(int status)
{
	if (status == B64_ERR_PAD_NOT_ALLOWED)
		return "padding not allowed (--no-pad)";
	return b64_strerror((enum b64_status)status);
}
