/*
 * qemu-run.c - run a cross-built program under qemu-user as the tests
 * would run it natively.  .ci/cross builds it for the host, static, twice:
 *
 *	cc -static -DSYSROOT='"/usr/aarch64-linux-gnu"' \
 *	    -DQEMU='"qemu-aarch64"' ...
 *	    qemu-run PROGRAM [ARG...]   (LOG_COMPILER of make check)
 *	cc -static -DSYSROOT=... -DQEMU=... -DPROGRAM='"/path/src/base64"' ...
 *	    base64-qemu [ARG...]        (the tests' $BASE64)
 *
 * The second passes its own argv[0] on (the tests run it under other
 * names and expect messages to use them).  With -DCPU='"Haswell"' qemu
 * emulates that CPU model (.ci/cpus: native x86-64 programs on older
 * x86-64 CPUs, SYSROOT "/").  LD_PRELOAD (faults.bats
 * preloads a library built for the emulated CPU) is handed to the emulated program and
 * removed from the environment of qemu, an x86 program whose loader
 * would refuse it; being static, this program has no loader to refuse
 * it either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if !defined(SYSROOT) || !defined(QEMU)
#error "build with -DSYSROOT='\"/usr/aarch64-linux-gnu\"' -DQEMU='\"qemu-aarch64\"'"
#endif

int
main(int argc, char **argv)
{
	const char *pre = getenv("LD_PRELOAD");
	char **args, *set;
	int n = 0, k = 1;

	if ((args = calloc((size_t)argc + 10, sizeof(*args))) == NULL)
		return 127;
	args[n++] = QEMU;
	args[n++] = "-L";
	args[n++] = SYSROOT;
#ifdef CPU
	args[n++] = "-cpu";
	args[n++] = CPU;
#endif
#ifdef PROGRAM
	args[n++] = "-0";
	args[n++] = argv[0];
#else
	if (argc < 2) {
		fprintf(stderr, "usage: qemu-run PROGRAM [ARG...]\n");
		return 127;
	}
#endif
	if (pre != NULL && *pre != '\0') {
		size_t len = strlen(pre) + sizeof("LD_PRELOAD=");

		if ((set = malloc(len)) == NULL)
			return 127;
		snprintf(set, len, "LD_PRELOAD=%s", pre);
		args[n++] = "-E";
		args[n++] = set;
		unsetenv("LD_PRELOAD");
	}
#ifdef PROGRAM
	args[n++] = PROGRAM;
#endif
	while (k < argc)
		args[n++] = argv[k++];
	args[n] = NULL;
	execvp(args[0], args);
	perror("qemu-run: " QEMU);
	return 127;
}
