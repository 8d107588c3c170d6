/*
 * maildrv.c - test driver for src/cli/mail.c until the options reach
 * the command line: "maildrv list|extract[=DIR]|decode-header [-z]
 * [--all] [--strict] [--lenient] [FILE]"; exit status as mail.h says.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "mail.h"

int
main(int argc, char **argv)
{
	struct mail_opts o = { 0, 0, 0, 0 };
	const char *mode, *file = NULL, *dir = ".";
	int i, fd = 0, rc;

	diag_init("base64");
	if (argc < 2) {
		fprintf(stderr, "usage: maildrv MODE [OPTIONS] [FILE]\n");
		return 1;
	}
	mode = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-z") == 0)
			o.nul = 1;
		else if (strcmp(argv[i], "--all") == 0)
			o.all = 1;
		else if (strcmp(argv[i], "--strict") == 0)
			o.strict = 1;
		else if (strcmp(argv[i], "--lenient") == 0)
			o.lenient = 1;
		else
			file = argv[i];
	}
	if (file != NULL && strcmp(file, "-") != 0) {
		fd = open(file, O_RDONLY);
		if (fd < 0) {
			perror(file);
			return 1;
		}
	}
	if (strcmp(mode, "list") == 0)
		rc = mail_list(fd, 1, &o);
	else if (strncmp(mode, "extract", 7) == 0)
		rc = mail_extract(fd, mode[7] == '=' ? mode + 8 : dir, 1, &o);
	else if (strcmp(mode, "decode-header") == 0)
		rc = mail_decode_header(fd, 1, &o);
	else
		rc = 1;
	return rc;
}
