/*
 * cli.h - what the command line's parts share.
 */
#ifndef SEXTET_CLI_H
#define SEXTET_CLI_H

#include <stddef.h>

/* The programs built from these sources (each one's main.c is compiled
 * with SEXTET_PROGRAM set to one of these). */
enum { PROG_BASE64, PROG_BASENC, PROG_BASE32 };

/* The encodings, in GNU basenc's option table order (ENC_NONE: basenc
 * without an encoding option). */
enum encoding {
	ENC_BASE64,
	ENC_BASE64URL,
	ENC_BASE58,
	ENC_BASE32,
	ENC_BASE32HEX,
	ENC_BASE16,
	ENC_BASE2MSBF,
	ENC_BASE2LSBF,
	ENC_Z85,
	ENC_NONE
};

/* The e-mail modes (src/cli/mail.h), in --help order. */
enum { MAIL_NONE, MAIL_LIST, MAIL_EXTRACT, MAIL_HEADER };

struct options {
	int program;          /* PROG_* */
	enum encoding enc;    /* the last encoding option, or the program's */
	int decode;           /* -d */
	int ignore_garbage;   /* -i */
	size_t wrap;          /* -w, 0 = no line breaks */
	int url;              /* -u, --url-safe, --base64url */
	int no_pad;           /* --no-pad */
	int strict;           /* --strict */
	int lenient;          /* --lenient */
	int crlf;             /* --crlf */
	int mime;             /* --mime */
	int check;            /* --check (implies -d) */
	char *output;         /* -o FILE, or NULL for standard output */
	int list;             /* --list */
	int extract;          /* --extract[=DIR] */
	int decode_header;    /* --decode-header */
	int mail;             /* the one of those given, as MAIL_* */
	char *extract_dir;    /* --extract=DIR, or NULL for "." */
	int zero;             /* -z, --zero: NUL after each extracted path */
	int all;              /* --all: text bodies too */
	unsigned impl;        /* B64_IMPL_* from SEXTET_IMPL */
	char *file;           /* operand, NULL or "-" = standard input */
	/* --list and --extract: every operand (FILE is the first) */
	char **files;
	size_t nfiles;
};

/*
 * Parse the command line into OPT.  Handles --help and --version itself
 * (they exit).  Returns 0, or 1 after printing a diagnostic.
 */
int parse_args(int argc, char **argv, int program, struct options *opt);

/* PROGRAM's options (PROG_*) in --help order, as popt's table (ended by
 * a NULL longName; POPT_ARGFLAG_DOC_HIDDEN: not in --help): for the shell
 * completions (src/cli/mkcompletion.c). */
struct poptOption;
const struct poptOption *args_options(int program);

/* The option name of encoding E ("base64"). */
const char *encoding_name(enum encoding e);

/* The codec flags for OPT, for decoding or encoding. */
unsigned decode_flags(const struct options *opt);
unsigned encode_flags(const struct options *opt);

/*
 * The pump's block sizes: the encoder's input is a multiple of 3 and the
 * decoder's a multiple of 4, so that whole quanta fill a block read from
 * a file (the codec streams any split; this keeps its bulk loops long).
 * 288 and 384 KiB: on Zen 5, 256 MiB of base16 to /dev/null took 6-8 %
 * less time than with blocks half that size (the kernel's copy of a
 * block still fits in the L2 cache the codec then reads it from).
 */
#define PUMP_ENC_IN  (3 * 96 * 1024)
#define PUMP_DEC_IN  (4 * 96 * 1024)
#define PUMP_OUT_CAP (256 * 1024)

/* Run the input OPT names through the codec to its output (pump.c);
 * the exit status.  base58, which is not a stream code, reads the whole
 * input first (pump_whole). */
int pump_run(const struct options *opt);

/* The same with IN_FD, already open, as the input (for the fuzz harness). */
int pump_run_fd(int in_fd, const struct options *opt);

#endif /* SEXTET_CLI_H */
