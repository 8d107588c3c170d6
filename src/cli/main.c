/*
 * main.c - base64, basenc and base32 (SEXTET_PROGRAM says which one this
 * build of main.c is): make sure descriptors 0-2 cannot be taken by our own
 * files, parse the command line, run the pump, and check that standard
 * output took everything.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "mail.h"
#include "source.h"

#ifndef SEXTET_PROGRAM
#define SEXTET_PROGRAM PROG_BASE64
#endif

/*
 * Close standard output and report a failure, as GNU's close_stdout does:
 * EBADF is not an error when nothing was written.
 */
static int
close_output(int status)
{
	if (close(1) != 0 && errno != EBADF && status == 0) {
		diag_closeout(errno);
		return 1;
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct options opt;
	int status = EXIT_FAILURE;

	std_fds_reserve();
	diag_init(argv[0]);
	if (parse_args(argc, argv, SEXTET_PROGRAM, &opt) == 0)
		status = close_output(opt.mail != MAIL_NONE ? mail_run(&opt) :
		    pump_run(&opt));
	if (opt.files != NULL) {
		while (opt.nfiles > 0)
			free(opt.files[--opt.nfiles]);
		free(opt.files);
	} else {
		free(opt.file);
	}
	free(opt.output);
	free(opt.extract_dir);
	return status;
}
