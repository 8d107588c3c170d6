/*
 * cli.h - what the command line's parts share.
 */
#ifndef SEXTET_CLI_H
#define SEXTET_CLI_H

#include <stddef.h>

struct options {
	int decode;           /* -d */
	int ignore_garbage;   /* -i */
	size_t wrap;          /* -w, 0 = no line breaks */
	unsigned impl;        /* B64_IMPL_* from SEXTET_IMPL */
	char *file;           /* operand, NULL or "-" = standard input */
};

/*
 * Parse the command line into OPT.  Handles --help and --version itself
 * (they exit).  Returns 0, or 1 after printing a diagnostic.
 */
int parse_args(int argc, char **argv, struct options *opt);

/* Encode or decode IN_FD to standard output; returns the exit status. */
int run_encode(int in_fd, const struct options *opt);
int run_decode(int in_fd, const struct options *opt);

#endif /* SEXTET_CLI_H */
