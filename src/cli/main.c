/*
 * main.c - base64: parse the command line, open the input, run the stream
 * loop, and check that standard output took everything.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"

/* Open the operand; -1 after a diagnostic. */
static int
open_input(const char *file)
{
	int fd;

	if (file == NULL || strcmp(file, "-") == 0)
		return 0;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag(errno, "%s", quote_file(file));
		return -1;
	}
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	return fd;
}

/*
 * Ask for a bigger pipe buffer on FD if it is a pipe: fewer context
 * switches between us and the other end.  A refusal is fine.
 */
static void
widen_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
	(void)fd;
#endif
}

/*
 * Close standard output and report a failure, as GNU's close_stdout does:
 * EBADF is not an error when nothing was written.
 */
static int
close_output(int status)
{
	if (close(1) != 0 && errno != EBADF && status == 0) {
		diag(errno, "write error");
		return 1;
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct options opt;
	int fd, status = EXIT_FAILURE;

	diag_init(argv[0]);
	if (parse_args(argc, argv, &opt) != 0)
		goto out;
	fd = open_input(opt.file);
	if (fd < 0)
		goto out;
	widen_pipe(fd);
	if (opt.output == NULL && !opt.check)
		widen_pipe(1);
	status = opt.decode ? run_decode(fd, &opt) : run_encode(fd, &opt);
	if (fd > 0 && close(fd) != 0 && status == 0) {
		diag(errno, "%s", quote_file(opt.file));
		status = 1;
	}
	status = close_output(status);
out:
	free(opt.file);
	free(opt.output);
	return status;
}
