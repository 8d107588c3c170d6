/*
 * args.c - the command line, parsed with popt, with GNU getopt_long's
 * behaviour and wording.
 *
 * popt does the parsing proper: bundled short options (-dw0), attached and
 * separate arguments, operands mixed with options, "--", POSIXLY_CORRECT.
 * What popt lacks is done in a pre-pass over argv before popt sees it:
 * long options abbreviated to any unambiguous prefix are expanded to their
 * full names, and the first malformed option is found, so that its GNU
 * message can be printed.  popt then parses only the arguments before that
 * one, so that options before it act first, in order, as with getopt
 * (--help before a bad option still prints the help).
 */
#include <errno.h>
#include <inttypes.h>
#include <popt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "cli.h"
#include "diag.h"

#ifndef VERSION_STRING
#define VERSION_STRING "unknown"
#endif

enum {
	OPT_DECODE = 'd',
	OPT_IGNORE = 'i',
	OPT_WRAP = 'w',
	OPT_HELP = 0x100,
	OPT_VERSION,
};

struct longopt {
	const char *name;
	char shortname;   /* 0 if none */
	int has_arg;
	int val;
};

static const struct longopt longopts[] = {
	{ "decode", 'd', 0, OPT_DECODE },
	{ "ignore-garbage", 'i', 0, OPT_IGNORE },
	{ "wrap", 'w', 1, OPT_WRAP },
	{ "help", 0, 0, OPT_HELP },
	{ "version", 0, 0, OPT_VERSION },
};

#define NLONG (sizeof(longopts) / sizeof(longopts[0]))

/* The first malformed argument: its index and its message. */
struct bad_arg {
	int index;          /* argc if none */
	char msg[1200];
};

static const struct longopt *
short_opt(char c)
{
	for (size_t k = 0; k < NLONG; k++)
		if (longopts[k].shortname == c)
			return &longopts[k];
	return NULL;
}

/*
 * Find the long option NAME (LEN bytes): exact match, else the only one it
 * is a prefix of.  Returns NULL and sets *ambiguous when several match.
 */
static const struct longopt *
match_long(const char *name, size_t len, int *ambiguous)
{
	const struct longopt *found = NULL;
	int count = 0;

	*ambiguous = 0;
	for (size_t k = 0; k < NLONG; k++) {
		if (strncmp(longopts[k].name, name, len) != 0)
			continue;
		if (strlen(longopts[k].name) == len)
			return &longopts[k];
		found = &longopts[k];
		count++;
	}
	if (count > 1) {
		*ambiguous = 1;
		return NULL;
	}
	return found;
}

static void set_bad(struct bad_arg *bad, int k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_bad(struct bad_arg *bad, int k, const char *fmt, ...)
{
	va_list ap;

	bad->index = k;
	va_start(ap, fmt);
	vsnprintf(bad->msg, sizeof(bad->msg), fmt, ap);
	va_end(ap);
}

/* "option '--x' is ambiguous; possibilities: '--xa' '--xb'" */
static void
set_ambiguous(struct bad_arg *bad, int k, const char *arg, size_t len)
{
	size_t n;

	bad->index = k;
	n = (size_t)snprintf(bad->msg, sizeof(bad->msg),
	    "option '%.*s' is ambiguous; possibilities:", (int)(len + 2), arg);
	for (size_t j = 0; j < NLONG && n < sizeof(bad->msg); j++)
		if (strncmp(longopts[j].name, arg + 2, len) == 0)
			n += (size_t)snprintf(bad->msg + n, sizeof(bad->msg) - n,
			    " '--%s'", longopts[j].name);
}

/*
 * The pre-pass: copy ARGV to NARGV with long-option abbreviations
 * expanded (allocated strings that live until exit) and find the first
 * malformed option.
 */
static void
prepass(int argc, char **argv, const char **nargv, struct bad_arg *bad)
{
	int posix = getenv("POSIXLY_CORRECT") != NULL;

	bad->index = argc;
	for (int k = 0; k <= argc; k++)
		nargv[k] = argv[k];
	for (int k = 1; k < argc; k++) {
		char *a = argv[k];

		if (strcmp(a, "--") == 0)
			return;
		if (a[0] != '-' || a[1] == '\0') {
			if (posix)
				return;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
			int amb;
			const struct longopt *o = match_long(a + 2, len, &amb);
			char *full;

			if (amb) {
				set_ambiguous(bad, k, a, len);
				return;
			}
			if (o == NULL) {
				set_bad(bad, k, "unrecognized option '%s'", a);
				return;
			}
			if (eq != NULL && !o->has_arg) {
				set_bad(bad, k,
				    "option '--%s' doesn't allow an argument",
				    o->name);
				return;
			}
			if (o->has_arg && eq == NULL) {
				if (k + 1 >= argc) {
					set_bad(bad, k,
					    "option '--%s' requires an argument",
					    o->name);
					return;
				}
			}
			full = malloc(strlen(o->name) + 3 +
			    (eq ? strlen(eq) : 0));
			if (full != NULL) {
				strcpy(full, "--");
				strcat(full, o->name);
				if (eq != NULL)
					strcat(full, eq);
				nargv[k] = full;
			}
			if (o->has_arg && eq == NULL)
				k++;
			continue;
		}
		for (const char *p = a + 1; *p; p++) {
			const struct longopt *o = short_opt(*p);
			char c[2] = { *p, '\0' };

			if (o == NULL) {
				set_bad(bad, k, "invalid option -- '%s'", c);
				return;
			}
			if (!o->has_arg)
				continue;
			if (p[1] == '\0') {
				if (k + 1 >= argc) {
					set_bad(bad, k,
					    "option requires an argument -- '%s'",
					    c);
					return;
				}
				k++;
			}
			break;
		}
	}
}

static void
usage(const char *prog)
{
	printf("Usage: %s [OPTION]... [FILE]\n", prog);
	fputs("\
Encode FILE, or standard input, as base64 on standard output, or decode it.\n\
\n\
With no FILE, or when FILE is -, read standard input.\n\
\n\
Mandatory arguments to long options are mandatory for short options too.\n\
  -d, --decode          decode base64 input instead of encoding\n\
  -i, --ignore-garbage  when decoding, drop every byte outside the alphabet\n\
  -w, --wrap=COLS       break encoded lines after COLS characters\n\
                          (default 76); 0 writes one unbroken line\n\
      --help        display this help and exit\n\
      --version     output version information and exit\n\
\n\
Encoding uses the standard alphabet of RFC 4648 with '=' padding.\n\
Decoding skips line feeds anywhere; any other byte outside the alphabet\n\
is an error unless --ignore-garbage is given.  On invalid input, what was\n\
decoded before the error is written, then the error is reported.\n\
\n\
Exit status is 0 on success and 1 on any error.\n\
Full documentation: man base64\n", stdout);
}

static void
version(void)
{
	fputs("base64 (sextet) " VERSION_STRING "\n"
	    "ISC licence: free to use, copy, modify and distribute; "
	    "no warranty.\n", stdout);
}

/* Flush standard output after --help or --version; the exit status. */
static int
finish_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag(errno, "write error");
		return 1;
	}
	return 0;
}

/*
 * Parse -w's value as GNU does: decimal, leading blanks and a sign
 * allowed; too large to store means no wrapping; negative is invalid.
 */
static int
parse_wrap(const char *s, size_t *wrap)
{
	char *end;
	intmax_t v;

	errno = 0;
	v = strtoimax(s, &end, 10);
	if (end == s || *end != '\0' || (errno == ERANGE && v < 0) ||
	    (errno != 0 && errno != ERANGE) || v < 0) {
		diag(0, "invalid wrap size: %s", quote_arg(s));
		return 1;
	}
	if (errno == ERANGE || (uintmax_t)v > SIZE_MAX)
		*wrap = 0;
	else
		*wrap = (size_t)v;
	return 0;
}

int
parse_args(int argc, char **argv, struct options *opt)
{
	struct bad_arg bad;
	char *wrap_arg = NULL;
	const char *impl_env;
	struct poptOption table[] = {
		{ "decode", 'd', POPT_ARG_NONE, NULL, OPT_DECODE, NULL, NULL },
		{ "ignore-garbage", 'i', POPT_ARG_NONE, NULL, OPT_IGNORE, NULL,
		    NULL },
		{ "wrap", 'w', POPT_ARG_STRING, &wrap_arg, OPT_WRAP, NULL,
		    NULL },
		{ "help", '\0', POPT_ARG_NONE, NULL, OPT_HELP, NULL, NULL },
		{ "version", '\0', POPT_ARG_NONE, NULL, OPT_VERSION, NULL,
		    NULL },
		POPT_TABLEEND
	};
	poptContext ctx;
	const char **rest, **nargv;
	int rc, nrest = 0, status = 0;

	memset(opt, 0, sizeof(*opt));
	opt->wrap = 76;

	nargv = calloc((size_t)argc + 1, sizeof(*nargv));
	if (nargv == NULL) {
		diag(0, "memory exhausted");
		return 1;
	}
	prepass(argc, argv, nargv, &bad);
	ctx = poptGetContext(NULL, bad.index, nargv, table, 0);
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		switch (rc) {
		case OPT_DECODE:
			opt->decode = 1;
			break;
		case OPT_IGNORE:
			opt->ignore_garbage = 1;
			break;
		case OPT_WRAP:
			if (parse_wrap(wrap_arg, &opt->wrap) != 0)
				status = 1;
			break;
		case OPT_HELP:
			usage(diag_prog);
			exit(finish_stdout());
		case OPT_VERSION:
			version();
			exit(finish_stdout());
		default:
			break;
		}
		free(wrap_arg);
		wrap_arg = NULL;
		if (status != 0)
			goto out;
	}
	if (rc < -1) {
		/* The pre-pass should have caught it; keep popt's words. */
		diag(0, "%s: %s", poptBadOption(ctx, 0), poptStrerror(rc));
		diag_try_help();
		status = 1;
		goto out;
	}
	if (bad.index < argc) {
		diag(0, "%s", bad.msg);
		diag_try_help();
		status = 1;
		goto out;
	}

	rest = poptGetArgs(ctx);
	while (rest != NULL && rest[nrest] != NULL)
		nrest++;
	if (nrest > 1) {
		diag(0, "extra operand %s", quote_arg(rest[1]));
		diag_try_help();
		status = 1;
		goto out;
	}
	if (nrest == 1 && (opt->file = strdup(rest[0])) == NULL) {
		diag(0, "memory exhausted");
		status = 1;
		goto out;
	}

	impl_env = getenv("SEXTET_IMPL");
	opt->impl = b64_impl_from_name(impl_env);
	if (opt->impl == UINT32_MAX || (opt->impl != B64_IMPL_AUTO &&
	    !b64_impl_available(opt->impl))) {
		diag(0, "SEXTET_IMPL: implementation %s is not available",
		    quote_arg(impl_env));
		status = 1;
	}
out:
	poptFreeContext(ctx);
	return status;
}
