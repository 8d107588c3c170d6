/*
 * args.c - the command line, parsed with popt, with GNU getopt_long's
 * behaviour and wording.
 *
 * popt does the parsing: bundled short options (-dw0), attached and
 * separate arguments, operands mixed with options, "--", POSIXLY_CORRECT.
 * The flags land in struct options through the table's pointers; the
 * options whose place on the command line matters (-w, --mime, -o, --help,
 * --version) come back one by one, so they act in order, as with getopt
 * (--help before a bad option still prints the help).
 *
 * What popt lacks is done where popt reports an error, on the word it
 * refused: a long option abbreviated to an unambiguous prefix is given
 * back to popt under its full name (poptStuffArgs), and every other
 * refusal is told in glibc getopt's words, translated as getopt's are.
 * The same table generates --help.
 */
#include <errno.h>
#include <inttypes.h>
#include <popt.h>
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

/* The options that come back from popt to act at their place. */
enum {
	OPT_WRAP = 1,
	OPT_MIME,
	OPT_OUTPUT,
	OPT_EXTRACT,
	OPT_HELP,
	OPT_VERSION,
	OPT_ENC,      /* OPT_ENC + enum encoding: an encoding option */
};

/* Which programs have an option (bit 1 << PROG_*). */
#define P64 (1u << PROG_BASE64)
#define PNC (1u << PROG_BASENC)
#define P32 (1u << PROG_BASE32)
#define PALL (P64 | PNC | P32)

/* Encoding sets (bit 1 << ENC_*). */
#define E(e) (1u << (e))
#define E_B64 (E(ENC_BASE64) | E(ENC_BASE64URL))
#define E_PAD (E_B64 | E(ENC_BASE32) | E(ENC_BASE32HEX))
#define E_RULES (E_PAD | E(ENC_BASE16))  /* --strict and --lenient */
#define E_ALL (E(ENC_Z85 + 1) - 1)

/*
 * Every option of every program, in --help order, with its help (a
 * description's lines are separated by newlines), the programs that have
 * it, whether it is one of GNU's (in those programs), and the encodings
 * it means something for: the one table that says which option applies to
 * which encoding (check_applies reports any other combination).  Flags
 * are stored straight into OPT.
 */
struct entry {
	unsigned progs;
	int gnu;
	unsigned encs;
	struct poptOption o;
};

#define ENC_OPT(name, e, help) \
	{ PNC, 1, E_ALL, { name, '\0', POPT_ARG_NONE, NULL, OPT_ENC + (e), \
	    help, NULL } }

#define N_ENTRIES 35
#define N_TABLE (N_ENTRIES + 1)

static void
make_entries(struct entry t[N_ENTRIES], struct options *opt)
{
	const struct entry e[N_ENTRIES] = {
		ENC_OPT("base64", ENC_BASE64, "base64 (RFC 4648 section 4)"),
		ENC_OPT("base64url", ENC_BASE64URL,
		    "file- and URL-safe base64 (RFC 4648 section 5)"),
		ENC_OPT("base58", ENC_BASE58,
		    "base58, Bitcoin's alphabet (whole input in memory)"),
		ENC_OPT("base32", ENC_BASE32, "base32 (RFC 4648 section 6)"),
		ENC_OPT("base32hex", ENC_BASE32HEX,
		    "extended hex base32 (RFC 4648 section 7)"),
		ENC_OPT("base16", ENC_BASE16, "hex (RFC 4648 section 8)"),
		ENC_OPT("base2msbf", ENC_BASE2MSBF,
		    "bit string, most significant bit first"),
		ENC_OPT("base2lsbf", ENC_BASE2LSBF,
		    "bit string, least significant bit first"),
		ENC_OPT("z85", ENC_Z85, "Z85 (ZeroMQ RFC 32; input length a\n"
		    "multiple of 4 when encoding, of 5 when decoding)"),
		{ PALL, 1, E_ALL, { "decode", 'd', POPT_ARG_NONE,
		    &opt->decode, 0, "decode the input instead of encoding it",
		    NULL } },
		{ PALL, 1, E_ALL, { "ignore-garbage", 'i', POPT_ARG_NONE,
		    &opt->ignore_garbage, 0,
		    "when decoding, drop every byte outside the alphabet",
		    NULL } },
		{ PALL, 1, E_ALL, { "wrap", 'w', POPT_ARG_STRING, NULL,
		    OPT_WRAP, "break encoded lines after COLS characters\n"
		    "(default 76); 0 writes one unbroken line", "COLS" } },
		{ P64, 0, E_B64, { "url-safe", 'u', POPT_ARG_NONE, &opt->url, 0,
		    "use the URL and file name safe alphabet ('-' and '_'\n"
		    "for '+' and '/', RFC 4648 section 5);\n"
		    "--base64url is the same", NULL } },
		{ P64, 0, E_B64, { "base64url", '\0', POPT_ARG_NONE |
		    POPT_ARGFLAG_DOC_HIDDEN, &opt->url, 0, NULL, NULL } },
		{ P64 | PNC, 0, E_PAD, { "no-pad", '\0', POPT_ARG_NONE,
		    &opt->no_pad, 0,
		    "encode without '=' padding; when decoding, padding\n"
		    "is optional, and refused with --strict", NULL } },
		{ P32, 0, E_PAD, { "no-pad", '\0', POPT_ARG_NONE,
		    &opt->no_pad, 0,
		    "encode without '=' padding (decoding takes text\n"
		    "with or without it)", NULL } },
		{ P64, 0, E_RULES, { "strict", '\0', POPT_ARG_NONE,
		    &opt->strict, 0,
		    "decode only canonical RFC 4648 input: alphabet and\n"
		    "line breaks, exact padding, zero unused bits", NULL } },
		{ PNC, 0, E_RULES, { "strict", '\0', POPT_ARG_NONE,
		    &opt->strict, 0,
		    "decode only canonical RFC 4648 input: alphabet and\n"
		    "line breaks, exact padding, zero unused bits;\n"
		    "base16 in one case", NULL } },
		{ P32, 0, E_RULES, { "strict", '\0', POPT_ARG_NONE,
		    &opt->strict, 0,
		    "decode only canonical RFC 4648 input: alphabet and\n"
		    "line breaks, exact padding (none with --no-pad)",
		    NULL } },
		{ P64 | PNC, 0, E_RULES, { "lenient", '\0', POPT_ARG_NONE,
		    &opt->lenient, 0,
		    "decode on a best-effort basis: skip white space,\n"
		    "accept missing, partial or extra padding", NULL } },
		{ P32, 0, E_RULES, { "lenient", '\0', POPT_ARG_NONE,
		    &opt->lenient, 0,
		    "decode on a best-effort basis: skip white space,\n"
		    "accept missing, partial or extra padding, and\n"
		    "non-zero unused bits", NULL } },
		{ P64 | PNC, 0, E_B64, { "crlf", '\0', POPT_ARG_NONE,
		    &opt->crlf, 0,
		    "encode with CRLF line ends; with --strict, decoding\n"
		    "requires them", NULL } },
		{ P64 | PNC, 0, E_B64, { "mime", '\0', POPT_ARG_NONE,
		    &opt->mime, OPT_MIME,
		    "RFC 2045 (e-mail): encode as -w 76 --crlf, decode\n"
		    "as --lenient -i", NULL } },
		{ PALL, 0, E_ALL, { "output", 'o', POPT_ARG_STRING, NULL,
		    OPT_OUTPUT,
		    "write to FILE atomically: a new file, unnamed until\n"
		    "complete, replaces FILE only if all succeeded, with\n"
		    "FILE's mode, owner and group; refused where '>'\n"
		    "would be, links followed where '>' would follow\n"
		    "them; on an error or signal FILE is unchanged (only\n"
		    "SIGKILL can leave a .base64-* file beside it);\n"
		    "/dev/stdout, devices and FIFOs are written in place",
		    "FILE" } },
		{ PALL, 0, E_ALL, { "check", '\0', POPT_ARG_NONE, &opt->check,
		    0, "decode only to validate: no output; exit status\n"
		    "and the error message say whether input is valid",
		    NULL } },
		{ P64, 0, E_B64, { "list", '\0', POPT_ARG_NONE, &opt->list, 0,
		    "list the parts of e-mail messages (FILEs: messages,\n"
		    "mboxes, maildirs): PATH TYPE ENCODING SIZE STATUS\n"
		    "NAME FILE, tab-separated",
		    NULL } },
		{ P64, 0, E_B64, { "extract", '\0', POPT_ARG_NONE, NULL,
		    OPT_EXTRACT,
		    "write the attachments of e-mail messages into DIR\n"
		    "(default .), never outside it, never overwriting;\n"
		    "print each path written", "[=DIR]" } },
		{ P64, 0, E_B64, { "zero", 'z', POPT_ARG_NONE, &opt->zero, 0,
		    "with --extract, end each path with NUL, not newline",
		    NULL } },
		{ P64, 0, E_B64, { "all", '\0', POPT_ARG_NONE, &opt->all, 0,
		    "with --extract or --list, the text bodies too", NULL } },
		{ P64, 0, E_B64, { "decode-header", '\0', POPT_ARG_NONE,
		    &opt->decode_header, 0,
		    "decode the RFC 2047 encoded-words (=?utf-8?B?...?=)\n"
		    "of mail header lines to UTF-8", NULL } },
		{ PALL, 1, E_ALL, { "help", '\0', POPT_ARG_NONE, NULL,
		    OPT_HELP, "display this help and exit", NULL } },
		{ PALL, 1, E_ALL, { "version", '\0', POPT_ARG_NONE, NULL,
		    OPT_VERSION, "output version information and exit",
		    NULL } },
		{ 0, 0, 0, POPT_TABLEEND },
		{ 0, 0, 0, POPT_TABLEEND },
		{ 0, 0, 0, POPT_TABLEEND },
	};

	memcpy(t, e, sizeof(e));
}

/* The entries of every option of the programs (filled by parse_args). */
static struct entry entries[N_ENTRIES];
static int program = PROG_BASE64;

/* PROGRAM's options, in ENTRIES' order, as popt's table. */
static void
make_table(struct poptOption table[N_TABLE])
{
	size_t n = 0;

	for (size_t k = 0; k < N_ENTRIES; k++)
		if (entries[k].progs & (1u << program))
			table[n++] = entries[k].o;
	memset(&table[n], 0, sizeof(table[n]));
}

const struct poptOption *
args_options(int prog)
{
	static struct options unused;
	static struct poptOption table[N_TABLE];

	make_entries(entries, &unused);
	program = prog;
	make_table(table);
	return table;
}

/* The entry of popt option O. */
static const struct entry *
entry_of(const struct poptOption *o)
{
	for (size_t k = 0; k < N_ENTRIES; k++)
		if (entries[k].o.longName != NULL &&
		    strcmp(entries[k].o.longName, o->longName) == 0)
			return &entries[k];
	return NULL;
}

const char *
encoding_name(enum encoding e)
{
	for (size_t k = 0; k < N_ENTRIES; k++)
		if (entries[k].o.val == OPT_ENC + (int)e)
			return entries[k].o.longName;
	return e == ENC_BASE64 ? "base64" : "?";
}

static int
takes_arg(const struct poptOption *o)
{
	return (o->argInfo & POPT_ARG_MASK) != POPT_ARG_NONE;
}

/* One option's lines of --help. */
static void
help_option(const struct poptOption *o)
{
	/* GNU's standard --help and --version lines have a narrower
	 * column than the other options; so do ours. */
	int col = o->val == OPT_HELP || o->val == OPT_VERSION ? 20 : 24;
	const char *d = o->descrip;
	int n;

	if (o->shortName != '\0')
		n = printf("  -%c, --%s", o->shortName, o->longName);
	else
		n = printf("      --%s", o->longName);
	/* An optional argument is shown as "[=DIR]". */
	if (o->argDescrip != NULL)
		n += printf(o->argDescrip[0] == '[' ? "%s" : "=%s",
		    o->argDescrip);
	printf("%*s", n < col - 1 ? col - n : 1, "");
	for (;;) {
		size_t len = strcspn(d, "\n");

		printf("%.*s\n", (int)len, d);
		if (d[len] == '\0')
			break;
		d += len + 1;
		printf("%26s", "");
	}
}

/* What each program says of itself in --help, after the usage line and
 * before the options; and after them. */
static const char *const intro[] = {
	[PROG_BASE64] = "Encode FILE, or standard input, as base64 on standard "
	    "output, or decode it.\n",
	[PROG_BASENC] = "Encode FILE, or standard input, in the ENCODING given "
	    "on standard output,\nor decode it.  One encoding option is "
	    "required; the last one given counts.\n",
	[PROG_BASE32] = "Encode FILE, or standard input, as base32 on standard "
	    "output, or decode it.\n",
};

static const char *const outro[] = {
	[PROG_BASE64] = "\
\n\
Encoding uses the standard alphabet of RFC 4648 with '=' padding.\n\
Decoding skips line feeds anywhere; any other byte outside the alphabet\n\
is an error unless --ignore-garbage is given.  On invalid input, what was\n\
decoded before the error is written (not with -o or --check), then the\n\
error is reported; with --strict, --lenient, --mime or --check the\n\
message gives its line, column and byte offset and the reason.\n\
\n\
Exit status is 0 on success and 1 on any error; with --list or --extract,\n\
2 when everything was written but some part is damaged or truncated.\n\
Full documentation: man base64\n",
	[PROG_BASENC] = "\
\n\
--no-pad applies to the padded encodings (base64, base64url, base32,\n\
base32hex); --strict and --lenient to those and base16; --crlf and\n\
--mime to base64 and base64url; any other combination is refused.\n\
Decoding skips line feeds anywhere; any other byte outside the alphabet\n\
is an error unless --ignore-garbage is given.  On invalid input, what was\n\
decoded before the error is written (not with -o or --check), then the\n\
error is reported; with --check, --strict, --lenient or --mime the\n\
message gives its line, column and byte offset and the reason.  base58\n\
reads the whole input before writing; memory: about 8 times the input.\n\
\n\
Exit status is 0 on success and 1 on any error.\n\
Full documentation: man basenc\n",
	[PROG_BASE32] = "\
\n\
Encoding uses the alphabet of RFC 4648 section 6 with '=' padding.\n\
Decoding skips line feeds anywhere; any other byte outside the alphabet\n\
is an error unless --ignore-garbage is given.  On invalid input, what was\n\
decoded before the error is written (not with -o or --check), then the\n\
error is reported; with --check, --strict or --lenient the message gives\n\
its line, column and byte offset and the reason.\n\
\n\
Exit status is 0 on success and 1 on any error.\n\
Full documentation: man base32\n",
};

static const char *const prog_names[] = {
	[PROG_BASE64] = "base64",
	[PROG_BASENC] = "basenc",
	[PROG_BASE32] = "base32",
};

static void
usage(const char *prog, const struct poptOption *table)
{
	printf("Usage: %s [OPTION]... [FILE]\n", prog);
	fputs(intro[program], stdout);
	fputs("\
\n\
With no FILE, or when FILE is -, read standard input.\n\
\n\
Mandatory arguments to long options are mandatory for short options too.\n",
	    stdout);
	for (const struct poptOption *o = table; o->longName != NULL; o++)
		if (!(o->argInfo & POPT_ARGFLAG_DOC_HIDDEN))
			help_option(o);
	fputs(outro[program], stdout);
}

static void
version(void)
{
	printf("%s (sextet) " VERSION_STRING "\n"
	    "ISC licence: free to use, copy, modify and distribute; "
	    "no warranty.\n", prog_names[program]);
}

/* Flush standard output after --help or --version; the exit status. */
static int
finish_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag_closeout(errno);
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
		/* GNU: "%s: %s" with the two parts translated apart. */
		diag(0, "%s: %s", diag_text("invalid wrap size"),
		    quote_arg(s));
		return 1;
	}
	if (errno == ERANGE || (uintmax_t)v > SIZE_MAX)
		*wrap = 0;
	else
		*wrap = (size_t)v;
	return 0;
}

/*
 * popt replaces "!#:+" in an option's argument by the next argument (a
 * feature of its aliases that cannot be turned off), so "-o 'x!#:+' in"
 * would write "xin".  An argument is data: the arguments that hold "!#:+"
 * reach popt escaped (\1 as \1\2, the '!' of "!#:+" as \1\3), and every
 * string popt hands back is unescaped.  Nothing changes for the others.
 */
#define ESC '\1'
static int escaped;     /* some argument was escaped */

/* ARG escaped, allocated; NULL if it needs no escaping (or no memory:
 * *OOM). */
static char *
escape_arg(const char *arg, int *oom)
{
	size_t n = 0;
	char *e, *p;

	if (strstr(arg, "!#:+") == NULL)
		return NULL;
	for (const char *q = arg; *q != '\0'; q++)
		n += *q == ESC || strncmp(q, "!#:+", 4) == 0 ? 2 : 1;
	if ((e = malloc(n + 1)) == NULL) {
		*oom = 1;
		return NULL;
	}
	for (p = e; *arg != '\0'; arg++) {
		if (*arg == ESC) {
			*p++ = ESC;
			*p++ = '\2';
		} else if (strncmp(arg, "!#:+", 4) == 0) {
			*p++ = ESC;
			*p++ = '\3';
		} else {
			*p++ = *arg;
		}
	}
	*p = '\0';
	escaped = 1;
	return e;
}

/* Undo escape_arg() in S, in place (the result is never longer). */
static void
unescape(char *s)
{
	char *p = s;

	if (!escaped || s == NULL)
		return;
	for (; *s != '\0'; s++) {
		if (*s == ESC && s[1] == '\2') {
			*p++ = ESC;
			s++;
		} else if (*s == ESC && s[1] == '\3') {
			*p++ = '!';
			s++;
		} else {
			*p++ = *s;
		}
	}
	*p = '\0';
}

/* S as the user wrote it, for a message (valid until the next call). */
static const char *
as_given(const char *s)
{
	static char *copy;

	if (!escaped)
		return s;
	free(copy);
	copy = strdup(s);
	if (copy == NULL)
		return s;
	unescape(copy);
	return copy;
}

/*
 * The argument of the option popt just returned, as getopt gives it.
 * popt drops an '=' that starts an argument attached to a short option
 * (-w=5 gives "5"; getopt gives "=5").  The word popt consumed last at
 * the outer level (what poptBadOption() reports) is the argument itself
 * when it came separately; when it is a short option bundle ending in
 * "=ARG", the '=' was dropped and goes back.  NULL if out of memory.
 */
static char *
option_arg(poptContext ctx)
{
	char *arg = poptGetOptArg(ctx), *full;
	const char *word = poptBadOption(ctx, POPT_BADOPTION_NOALIAS);
	size_t n, w;

	if (arg == NULL || word == NULL || word[0] != '-' || word[1] == '-' ||
	    strcmp(word, arg) == 0) {
		unescape(arg);
		return arg;
	}
	n = strlen(arg);
	w = strlen(word);
	if (w < n + 2 || word[w - n - 1] != '=' ||
	    strcmp(word + w - n, arg) != 0) {
		unescape(arg);
		return arg;
	}
	full = malloc(n + 2);
	if (full != NULL) {
		full[0] = '=';
		memcpy(full + 1, arg, n + 1);
		unescape(full);
	}
	free(arg);
	return full;
}

/* Act on option RC that popt handed back; 1 after a diagnostic. */
static int
act(poptContext ctx, int rc, struct options *opt,
    const struct poptOption *table)
{
	char *arg;
	int status = 0;

	switch (rc) {
	case OPT_WRAP:
		arg = option_arg(ctx);
		if (arg == NULL) {
			diag(0, "memory exhausted");
			return 1;
		}
		status = parse_wrap(arg, &opt->wrap);
		free(arg);
		return status;
	case OPT_MIME:
		/* The last of --mime and -w sets the width. */
		opt->wrap = 76;
		return 0;
	case OPT_OUTPUT:
		free(opt->output);
		opt->output = option_arg(ctx);
		if (opt->output == NULL) {
			diag(0, "memory exhausted");
			return 1;
		}
		return 0;
	case OPT_EXTRACT:
		opt->extract = 1;
		free(opt->extract_dir);
		opt->extract_dir = NULL;
		return 0;
	case OPT_HELP:
		usage(diag_prog, table);
		exit(finish_stdout());
	case OPT_VERSION:
		version();
		exit(finish_stdout());
	default:
		if (rc >= OPT_ENC && rc <= OPT_ENC + ENC_Z85)
			opt->enc = (enum encoding)(rc - OPT_ENC);
		return 0;
	}
}

/* Whether A and B are one option under two names, as getopt sees it:
 * same kind of argument, same pointer, same value. */
static int
same_option(const struct poptOption *a, const struct poptOption *b)
{
	return (a->argInfo & POPT_ARG_MASK) == (b->argInfo & POPT_ARG_MASK) &&
	    a->arg == b->arg && a->val == b->val;
}

/* Whether O is one of GNU's own options in this program. */
static int
is_gnu_option(const struct poptOption *o)
{
	const struct entry *e = entry_of(o);

	return e != NULL && e->gnu;
}

/*
 * The long option NAME (LEN bytes) as glibc's getopt finds it: the one
 * named exactly, else the first that NAME abbreviates.  *AMBIGUOUS is set
 * when NAME also abbreviates a different option (not an alias), unless
 * just one of them is GNU's: an abbreviation that means a GNU option in
 * GNU base64 (--dec for --decode) keeps meaning it, whatever sextet's own
 * options (--decode-header) add.
 */
static const struct poptOption *
match_long(const struct poptOption *table, const char *name, size_t len,
    int *ambiguous)
{
	const struct poptOption *found = NULL, *gnu = NULL;
	int ngnu = 0;

	*ambiguous = 0;
	for (const struct poptOption *o = table; o->longName != NULL; o++)
		if (strlen(o->longName) == len &&
		    strncmp(o->longName, name, len) == 0)
			return o;
	for (const struct poptOption *o = table; o->longName != NULL; o++) {
		if (strncmp(o->longName, name, len) != 0)
			continue;
		if (is_gnu_option(o)) {
			gnu = o;
			ngnu++;
		}
		if (found == NULL)
			found = o;
		else if (!same_option(found, o))
			*ambiguous = 1;
	}
	if (*ambiguous && ngnu == 1) {
		*ambiguous = 0;
		return gnu;
	}
	return found;
}

/* getopt's list for an ambiguous prefix: the first match, then every
 * later one that is a different option. */
static void
report_ambiguous(const struct poptOption *table, const char *word,
    size_t len, const struct poptOption *first)
{
	diag_getopt("%s: option '%s%s' is ambiguous; possibilities:",
	    diag_prog, "--", word + 2);
	for (const struct poptOption *o = table; o->longName != NULL; o++)
		if (strncmp(o->longName, word + 2, len) == 0 &&
		    (o == first || !same_option(first, o)))
			diag_getopt(" '%s%s'", "--", o->longName);
	diag_getopt("\n");
}

/* Hand popt the long option O under its full name, with the "=VALUE"
 * part EQ if any; 1 if done. */
static int
expand_long(poptContext ctx, const struct poptOption *o, const char *eq)
{
	size_t n = strlen(o->longName) + 3 + (eq != NULL ? strlen(eq) : 0);
	char *full = malloc(n);
	const char *args[2];
	int rc;

	if (full == NULL)
		return 0;
	snprintf(full, n, "--%s%s", o->longName, eq != NULL ? eq : "");
	args[0] = full;
	args[1] = NULL;
	rc = poptStuffArgs(ctx, args);	/* popt copies it */
	free(full);
	return rc == 0;
}

/* popt's error RC on the long option WORD: 1 when popt should go on
 * (an abbreviation expanded), 0 after GNU's message. */
static int
long_error(poptContext ctx, const struct poptOption *table, int rc,
    const char *word, struct options *opt)
{
	const char *name = word + 2, *eq = strchr(name, '=');
	size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	int ambiguous;
	const struct poptOption *o = match_long(table, name, len, &ambiguous);

	if (ambiguous) {
		report_ambiguous(table, word, len, o);
		return 0;
	}
	/* An exact name popt refused as unknown would loop: unrecognized. */
	if (o == NULL || (rc == POPT_ERROR_BADOPT &&
	    strlen(o->longName) == len)) {
		diag_getopt("%s: unrecognized option '%s%s'\n", diag_prog, "--",
		    as_given(name));
		return 0;
	}
	switch (rc) {
	case POPT_ERROR_BADOPT:
		if (expand_long(ctx, o, eq))
			return 1;
		diag(0, "memory exhausted");
		return 0;
	case POPT_ERROR_UNWANTEDARG:
		if (o->val == OPT_EXTRACT && eq != NULL) {
			/* --extract[=DIR]: the argument is optional, and
			 * only ever attached (a separate word is the
			 * message), as getopt's optional arguments are. */
			opt->extract = 1;
			free(opt->extract_dir);
			opt->extract_dir = strdup(eq + 1);
			if (opt->extract_dir == NULL) {
				diag(0, "memory exhausted");
				return 0;
			}
			unescape(opt->extract_dir);
			return 1;
		}
		diag_getopt("%s: option '%s%s' doesn't allow an argument\n",
		    diag_prog, "--", o->longName);
		return 0;
	case POPT_ERROR_NOARG:
		diag_getopt("%s: option '%s%s' requires an argument\n",
		    diag_prog, "--", o->longName);
		return 0;
	default:
		diag(0, "%s: %s", as_given(word), poptStrerror(rc));
		return 0;
	}
}

/* popt's error RC on the bundle of short options WORD: GNU's message for
 * its first unknown option, or for its last one wanting an argument. */
static void
short_error(const struct poptOption *table, int rc, const char *word)
{
	for (const char *p = word + 1; *p != '\0'; p++) {
		const struct poptOption *o = NULL;

		for (const struct poptOption *t = table; t->longName; t++)
			if (t->shortName == *p)
				o = t;
		if (o == NULL) {
			diag_getopt("%s: invalid option -- '%c'\n", diag_prog,
			    *p);
			return;
		}
		if (takes_arg(o) && p[1] == '\0' && rc == POPT_ERROR_NOARG) {
			diag_getopt("%s: option requires an argument -- '%c'\n",
			    diag_prog, *p);
			return;
		}
		if (takes_arg(o))
			break;
	}
	diag(0, "%s: %s", as_given(word), poptStrerror(rc));
}

/* popt refused an option with RC: 1 to parse on, 0 after a message. */
static int
option_error(poptContext ctx, const struct poptOption *table, int rc,
    struct options *opt)
{
	const char *word = poptBadOption(ctx, 0);

	if (rc == POPT_ERROR_MALLOC || word == NULL) {
		diag(0, "memory exhausted");
		return 0;
	}
	if (word[0] == '-' && word[1] == '-')
		return long_error(ctx, table, rc, word, opt);
	short_error(table, rc, word);
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
		{ "--list", "--extract" },
		{ "--list", "--decode-header" },
		{ "--extract", "--decode-header" },
		{ "--extract", "--output" },
		{ "--list", "--decode" },
		{ "--extract", "--decode" },
		{ "--decode-header", "--decode" },
		{ "--list", "--check" },
		{ "--extract", "--check" },
		{ "--decode-header", "--check" },
	};
	const int given[][2] = {
		{ opt->strict, opt->lenient },
		{ opt->strict, opt->ignore_garbage },
		{ opt->strict, opt->mime },
		{ opt->check, opt->output != NULL },
		{ opt->list, opt->extract },
		{ opt->list, opt->decode_header },
		{ opt->extract, opt->decode_header },
		{ opt->extract, opt->output != NULL },
		{ opt->list, opt->decode && !opt->check },
		{ opt->extract, opt->decode && !opt->check },
		{ opt->decode_header, opt->decode && !opt->check },
		{ opt->list, opt->check },
		{ opt->extract, opt->check },
		{ opt->decode_header, opt->check },
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

/*
 * An option given with an encoding it does not apply to (the table's
 * encs): "option --strict does not apply to --base32"; 1 after the
 * diagnostic.
 */
static int
check_applies(const struct options *opt)
{
	const int given[] = {
		opt->no_pad, opt->strict, opt->lenient, opt->crlf, opt->mime,
	};
	static const char *const names[] = {
		"no-pad", "strict", "lenient", "crlf", "mime",
	};

	for (size_t k = 0; k < sizeof(given) / sizeof(given[0]); k++) {
		const struct entry *e = NULL;

		if (!given[k])
			continue;
		for (size_t j = 0; j < N_ENTRIES && e == NULL; j++)
			if (entries[j].o.longName != NULL &&
			    strcmp(entries[j].o.longName, names[k]) == 0)
				e = &entries[j];
		if (e != NULL && !(e->encs & (1u << opt->enc))) {
			diag(0, "option --%s does not apply to --%s", names[k],
			    encoding_name(opt->enc));
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
	int nrest = 0, i;

	while (rest != NULL && rest[nrest] != NULL)
		nrest++;
	/* --list and --extract read any number of messages. */
	if ((opt->mail == MAIL_LIST || opt->mail == MAIL_EXTRACT) &&
	    nrest > 0) {
		opt->files = calloc((size_t)nrest, sizeof(*opt->files));
		if (opt->files == NULL) {
			diag(0, "memory exhausted");
			return 1;
		}
		opt->nfiles = (size_t)nrest;
		for (i = 0; i < nrest; i++) {
			if ((opt->files[i] = strdup(rest[i])) == NULL) {
				diag(0, "memory exhausted");
				return 1;
			}
			unescape(opt->files[i]);
		}
		opt->file = opt->files[0];
		return 0;
	}
	if (nrest > 1) {
		diag(0, "extra operand %s", quote_arg(as_given(rest[1])));
		diag_try_help();
		return 1;
	}
	if (nrest == 1 && (opt->file = strdup(rest[0])) == NULL) {
		diag(0, "memory exhausted");
		return 1;
	}
	unescape(opt->file);
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

/*
 * popt's context for ARGV.  popt ends the options at the first operand
 * under POSIX_ME_HARDER as under POSIXLY_CORRECT; getopt knows only the
 * latter, so popt does not get to see the former.
 */
static poptContext
new_context(int argc, const char **argv, const struct poptOption *table)
{
	const char *hard = getenv("POSIX_ME_HARDER");
	char *saved = NULL;
	poptContext ctx;

	if (hard != NULL && getenv("POSIXLY_CORRECT") == NULL &&
	    (saved = strdup(hard)) != NULL)
		unsetenv("POSIX_ME_HARDER");
	ctx = poptGetContext(NULL, argc, argv, table, 0);
	if (saved != NULL) {
		setenv("POSIX_ME_HARDER", saved, 1);
		free(saved);
	}
	return ctx;
}

/* Free the N escaped copies in OWNED, and OWNED. */
static void
free_args(char **owned, int n)
{
	for (int k = 0; owned != NULL && k < n; k++)
		free(owned[k]);
	free(owned);
}

int
parse_args(int argc, char **argv, int prog, struct options *opt)
{
	struct poptOption table[N_TABLE];
	poptContext ctx = NULL;
	const char **cargv;
	char **owned;
	int rc, status = 0, oom = 0;

	memset(opt, 0, sizeof(*opt));
	opt->wrap = 76;
	opt->program = program = prog;
	opt->enc = prog == PROG_BASENC ? ENC_NONE : prog == PROG_BASE32 ?
	    ENC_BASE32 : ENC_BASE64;
	make_entries(entries, opt);
	make_table(table);
	/* popt wants const strings; C has no safe cast to that. */
	cargv = calloc((size_t)argc + 1, sizeof(*cargv));
	owned = calloc((size_t)argc + 1, sizeof(*owned));
	if (cargv != NULL && owned != NULL) {
		for (int k = 0; k < argc; k++) {
			owned[k] = k > 0 ? escape_arg(argv[k], &oom) : NULL;
			cargv[k] = owned[k] != NULL ? owned[k] : argv[k];
		}
		if (!oom)
			ctx = new_context(argc, cargv, table);
	}
	if (ctx == NULL) {
		diag(0, "memory exhausted");
		free_args(owned, argc);
		free(cargv);
		return 1;
	}
	while ((rc = poptGetNextOpt(ctx)) != -1) {
		if (rc > 0)
			status = act(ctx, rc, opt, table);
		else if (!option_error(ctx, table, rc, opt)) {
			diag_try_help();
			status = 1;
		}
		if (status != 0)
			break;
	}
	if (opt->check)
		opt->decode = 1;
	/* GNU basenc: the encoding is checked after the options, before
	 * the operands. */
	if (status == 0 && opt->enc == ENC_NONE) {
		diag(0, "missing encoding type");
		diag_try_help();
		status = 1;
	}
	if (prog == PROG_BASE64 && opt->url)
		opt->enc = ENC_BASE64URL;
	opt->url = opt->enc == ENC_BASE64URL;
	if (status == 0)
		status = check_conflicts(opt);
	if (status == 0)
		status = check_applies(opt);
	opt->mail = opt->list ? MAIL_LIST : opt->extract ? MAIL_EXTRACT :
	    opt->decode_header ? MAIL_HEADER : MAIL_NONE;
	if (status == 0)
		status = take_operands(ctx, opt);
	if (status == 0)
		status = take_impl(opt);
	poptFreeContext(ctx);
	free_args(owned, argc);
	free(cargv);
	return status;
}
