/*
 * args.c - the command line, parsed with popt, with GNU getopt_long's
 * behaviour and wording.
 *
 * popt does the parsing proper: bundled short options (-dw0), attached and
 * separate arguments, operands mixed with options, "--", POSIXLY_CORRECT.
 * What popt lacks is done in a pre-pass over argv, driven by the same
 * option table: long options abbreviated to any unambiguous prefix are
 * expanded to their full names, and the first malformed option is found so
 * that its GNU message can be printed.  popt then parses only the
 * arguments before that one, so options before it act first, in order, as
 * with getopt (--help before a bad option still prints the help).
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
	OPT_URL = 'u',
	OPT_OUTPUT = 'o',
	OPT_NO_PAD = 0x100,
	OPT_STRICT,
	OPT_LENIENT,
	OPT_CRLF,
	OPT_MIME,
	OPT_CHECK,
	OPT_HELP,
	OPT_VERSION,
};

/* The options, in --help order.  String arguments are fetched with
 * poptGetOptArg(), so the table holds no pointers and is constant. */
static const struct poptOption table[] = {
	{ "decode", 'd', POPT_ARG_NONE, NULL, OPT_DECODE, NULL, NULL },
	{ "ignore-garbage", 'i', POPT_ARG_NONE, NULL, OPT_IGNORE, NULL, NULL },
	{ "wrap", 'w', POPT_ARG_STRING, NULL, OPT_WRAP, NULL, NULL },
	{ "url-safe", 'u', POPT_ARG_NONE, NULL, OPT_URL, NULL, NULL },
	{ "base64url", '\0', POPT_ARG_NONE, NULL, OPT_URL, NULL, NULL },
	{ "no-pad", '\0', POPT_ARG_NONE, NULL, OPT_NO_PAD, NULL, NULL },
	{ "strict", '\0', POPT_ARG_NONE, NULL, OPT_STRICT, NULL, NULL },
	{ "lenient", '\0', POPT_ARG_NONE, NULL, OPT_LENIENT, NULL, NULL },
	{ "crlf", '\0', POPT_ARG_NONE, NULL, OPT_CRLF, NULL, NULL },
	{ "mime", '\0', POPT_ARG_NONE, NULL, OPT_MIME, NULL, NULL },
	{ "output", 'o', POPT_ARG_STRING, NULL, OPT_OUTPUT, NULL, NULL },
	{ "check", '\0', POPT_ARG_NONE, NULL, OPT_CHECK, NULL, NULL },
	{ "help", '\0', POPT_ARG_NONE, NULL, OPT_HELP, NULL, NULL },
	{ "version", '\0', POPT_ARG_NONE, NULL, OPT_VERSION, NULL, NULL },
	POPT_TABLEEND
};

static int
takes_arg(const struct poptOption *o)
{
	return (o->argInfo & POPT_ARG_MASK) != POPT_ARG_NONE;
}

/* The first malformed argument: its index and its message. */
struct bad_arg {
	int index;          /* argc if none */
	char msg[1200];
};

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

static const struct poptOption *
short_opt(char c)
{
	for (const struct poptOption *o = table; o->longName; o++)
		if (o->shortName == c && c != '\0')
			return o;
	return NULL;
}

/*
 * The long option NAME (LEN bytes): an exact match, else the only one it
 * abbreviates; aliases of one option count once.  NULL with *ambiguous set
 * when several match.
 */
static const struct poptOption *
match_long(const char *name, size_t len, int *ambiguous)
{
	const struct poptOption *found = NULL;

	*ambiguous = 0;
	for (const struct poptOption *o = table; o->longName; o++) {
		if (strncmp(o->longName, name, len) != 0)
			continue;
		if (strlen(o->longName) == len)
			return o;
		if (found != NULL && found->val != o->val)
			*ambiguous = 1;
		found = o;
	}
	return *ambiguous ? NULL : found;
}

/* "option '--x[=value]' is ambiguous; possibilities: '--xa' '--xb'" */
static void
set_ambiguous(struct bad_arg *bad, int k, const char *arg, size_t len)
{
	size_t n;

	set_bad(bad, k, "option '%s' is ambiguous; possibilities:", arg);
	n = strlen(bad->msg);
	for (const struct poptOption *o = table; o->longName; o++)
		if (strncmp(o->longName, arg + 2, len) == 0 &&
		    n < sizeof(bad->msg))
			n += (size_t)snprintf(bad->msg + n, sizeof(bad->msg) - n,
			    " '--%s'", o->longName);
}

/* Check one long option ARGV[K]; store it, expanded, in NARGV[K] (and in
 * OWNED[K], to be freed).  Returns how many following arguments it takes,
 * or -1 if malformed. */
static int
prepass_long(int argc, char **argv, const char **nargv, char **owned, int k,
    struct bad_arg *bad)
{
	const char *a = argv[k], *eq = strchr(a + 2, '=');
	size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
	int amb;
	const struct poptOption *o = match_long(a + 2, len, &amb);
	char *full;

	if (amb) {
		set_ambiguous(bad, k, a, len);
		return -1;
	}
	if (o == NULL) {
		set_bad(bad, k, "unrecognized option '%s'", a);
		return -1;
	}
	if (eq != NULL && !takes_arg(o)) {
		set_bad(bad, k, "option '--%s' doesn't allow an argument",
		    o->longName);
		return -1;
	}
	if (takes_arg(o) && eq == NULL && k + 1 >= argc) {
		set_bad(bad, k, "option '--%s' requires an argument",
		    o->longName);
		return -1;
	}
	full = malloc(strlen(o->longName) + 3 + (eq ? strlen(eq) : 0));
	if (full != NULL) {
		sprintf(full, "--%s%s", o->longName, eq ? eq : "");
		nargv[k] = full;
		owned[k] = full;
	}
	return takes_arg(o) && eq == NULL;
}

/* Check the bundle of short options ARGV[K]; same returns. */
static int
prepass_short(int argc, char **argv, int k, struct bad_arg *bad)
{
	for (const char *p = argv[k] + 1; *p; p++) {
		const struct poptOption *o = short_opt(*p);

		if (o == NULL) {
			set_bad(bad, k, "invalid option -- '%c'", *p);
			return -1;
		}
		if (!takes_arg(o))
			continue;
		if (p[1] != '\0')
			return 0;
		if (k + 1 >= argc) {
			set_bad(bad, k, "option requires an argument -- '%c'",
			    *p);
			return -1;
		}
		return 1;
	}
	return 0;
}

/*
 * The pre-pass: copy ARGV to NARGV with long-option abbreviations
 * expanded (allocated strings, also listed in OWNED) and find the first
 * malformed option.
 */
static void
prepass(int argc, char **argv, const char **nargv, char **owned,
    struct bad_arg *bad)
{
	int posix = getenv("POSIXLY_CORRECT") != NULL;

	bad->index = argc;
	for (int k = 0; k <= argc; k++)
		nargv[k] = argv[k];
	for (int k = 1; k < argc; k++) {
		const char *a = argv[k];
		int skip;

		if (strcmp(a, "--") == 0)
			return;
		if (a[0] != '-' || a[1] == '\0') {
			if (posix)
				return;
			continue;
		}
		if (a[1] == '-')
			skip = prepass_long(argc, argv, nargv, owned, k, bad);
		else
			skip = prepass_short(argc, argv, k, bad);
		if (skip < 0)
			return;
		k += skip;
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
  -u, --url-safe        use the URL and file name safe alphabet ('-' and '_'\n\
                          for '+' and '/', RFC 4648 section 5);\n\
                          --base64url is the same\n\
      --no-pad          encode without '=' padding; when decoding, padding\n\
                          is optional, and refused with --strict\n\
      --strict          decode only canonical RFC 4648 input: alphabet and\n\
                          line breaks, exact padding, zero unused bits\n\
      --lenient         decode on a best-effort basis: skip white space,\n\
                          accept missing, partial or extra padding\n\
      --crlf            encode with CRLF line ends; with --strict, decoding\n\
                          requires them\n\
      --mime            RFC 2045 (e-mail): encode as -w 76 --crlf, decode\n\
                          as --lenient -i\n\
  -o, --output=FILE     write to FILE, atomically: FILE is replaced only if\n\
                          everything succeeded\n\
      --check           decode only to validate: no output; exit status\n\
                          and the error message say whether input is valid\n\
      --help        display this help and exit\n\
      --version     output version information and exit\n\
\n\
Encoding uses the standard alphabet of RFC 4648 with '=' padding.\n\
Decoding skips line feeds anywhere; any other byte outside the alphabet\n\
is an error unless --ignore-garbage is given.  On invalid input, what was\n\
decoded before the error is written (not with -o or --check), then the\n\
error is reported; with --strict, --lenient, --mime or --check the\n\
message gives its line, column and byte offset and the reason.\n\
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
	if (end == s || *end != '\0' || v < 0 ||
	    (errno != 0 && errno != ERANGE)) {
		diag(0, "invalid wrap size: %s", quote_arg(s));
		return 1;
	}
	if (errno == ERANGE || (uintmax_t)v > SIZE_MAX)
		*wrap = 0;
	else
		*wrap = (size_t)v;
	return 0;
}

/* Apply option RC (its argument ARG) to OPT; 1 after a diagnostic. */
static int
apply(int rc, const char *arg, struct options *opt)
{
	switch (rc) {
	case OPT_DECODE:
		opt->decode = 1;
		break;
	case OPT_IGNORE:
		opt->ignore_garbage = 1;
		break;
	case OPT_WRAP:
		return parse_wrap(arg, &opt->wrap);
	case OPT_URL:
		opt->url = 1;
		break;
	case OPT_NO_PAD:
		opt->no_pad = 1;
		break;
	case OPT_STRICT:
		opt->strict = 1;
		break;
	case OPT_LENIENT:
		opt->lenient = 1;
		break;
	case OPT_CRLF:
		opt->crlf = 1;
		break;
	case OPT_MIME:
		opt->mime = 1;
		opt->wrap = 76;
		break;
	case OPT_OUTPUT:
		free(opt->output);
		opt->output = strdup(arg);
		if (opt->output == NULL) {
			diag(0, "memory exhausted");
			return 1;
		}
		break;
	case OPT_CHECK:
		opt->check = 1;
		opt->decode = 1;
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
	return 0;
}

/* Options that cannot go together: the first pair in this table that was
 * given is reported. */
static int
check_conflicts(const struct options *opt)
{
	static const char *const names[][2] = {
		{ "--strict", "--lenient" },
		{ "--strict", "--ignore-garbage" },
		{ "--strict", "--mime" },
		{ "--check", "--output" },
	};
	const int given[][2] = {
		{ opt->strict, opt->lenient },
		{ opt->strict, opt->ignore_garbage },
		{ opt->strict, opt->mime },
		{ opt->check, opt->output != NULL },
	};

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (given[k][0] && given[k][1]) {
			diag(0, "options %s and %s are mutually exclusive",
			    names[k][0], names[k][1]);
			diag_try_help();
			return 1;
		}
	}
	return 0;
}

unsigned
decode_flags(const struct options *opt)
{
	unsigned f = opt->impl;

	if (opt->url)
		f |= B64_ALPHA_URL;
	if (opt->no_pad)
		f |= B64_NO_PAD;
	if (opt->strict)
		f |= B64_STRICT;
	if (opt->lenient || opt->mime)
		f |= B64_LENIENT;
	if (opt->ignore_garbage || opt->mime)
		f |= B64_SKIP_GARBAGE;
	if (opt->crlf)
		f |= B64_CRLF;
	return f;
}

unsigned
encode_flags(const struct options *opt)
{
	unsigned f = opt->impl;

	if (opt->url)
		f |= B64_ALPHA_URL;
	if (opt->no_pad)
		f |= B64_NO_PAD;
	if (opt->crlf || opt->mime)
		f |= B64_CRLF;
	return f;
}

/* The operands after parsing; 1 after a diagnostic. */
static int
take_operands(poptContext ctx, struct options *opt)
{
	const char **rest = poptGetArgs(ctx);
	int nrest = 0;

	while (rest != NULL && rest[nrest] != NULL)
		nrest++;
	if (nrest > 1) {
		diag(0, "extra operand %s", quote_arg(rest[1]));
		diag_try_help();
		return 1;
	}
	if (nrest == 1 && (opt->file = strdup(rest[0])) == NULL) {
		diag(0, "memory exhausted");
		return 1;
	}
	return 0;
}

/* SEXTET_IMPL forces a codec implementation; 1 after a diagnostic. */
static int
take_impl(struct options *opt)
{
	const char *env = getenv("SEXTET_IMPL");

	opt->impl = b64_impl_from_name(env);
	if (opt->impl == UINT32_MAX || (opt->impl != B64_IMPL_AUTO &&
	    !b64_impl_available(opt->impl))) {
		diag(0, "SEXTET_IMPL: implementation %s is not available",
		    quote_arg(env));
		return 1;
	}
	return 0;
}

int
parse_args(int argc, char **argv, struct options *opt)
{
	struct bad_arg bad;
	poptContext ctx;
	const char **nargv;
	char **owned;
	int rc = -1, status = 0;

	memset(opt, 0, sizeof(*opt));
	opt->wrap = 76;
	nargv = calloc((size_t)argc + 1, sizeof(*nargv));
	owned = calloc((size_t)argc + 1, sizeof(*owned));
	if (nargv == NULL || owned == NULL) {
		diag(0, "memory exhausted");
		free(nargv);
		free(owned);
		return 1;
	}
	prepass(argc, argv, nargv, owned, &bad);
	ctx = poptGetContext(NULL, bad.index, nargv, table, 0);
	while (status == 0 && (rc = poptGetNextOpt(ctx)) > 0) {
		char *arg = poptGetOptArg(ctx);

		status = apply(rc, arg, opt);
		free(arg);
	}
	if (status == 0 && rc < -1) {
		/* The pre-pass should have caught it; keep popt's words. */
		diag(0, "%s: %s", poptBadOption(ctx, 0), poptStrerror(rc));
		diag_try_help();
		status = 1;
	}
	if (status == 0 && bad.index < argc) {
		diag(0, "%s", bad.msg);
		diag_try_help();
		status = 1;
	}
	if (status == 0)
		status = check_conflicts(opt);
	if (status == 0)
		status = take_operands(ctx, opt);
	if (status == 0)
		status = take_impl(opt);
	poptFreeContext(ctx);
	for (int k = 0; k < argc; k++)
		free(owned[k]);
	free(owned);
	free(nargv);
	return status;
}
