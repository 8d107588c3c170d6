/*
 * bench_base58.c - the base58 codec (src/codec/base58.h) in memory.
 *
 * For random inputs of 64 KiB, 1 MiB and 16 MiB (or the sizes given),
 * time:
 *
 *   encode        b58_encode, no line breaks (-w 0)
 *   encode -w76   b58_encode, a LF after every 76 characters (GNU's default)
 *   decode        b58_decode of that 76-column text
 *
 * Each call is run at least three times and until 1 s has gone by (at
 * most 50 times); the table gives the best and the median wall-clock time
 * per call (CLOCK_MONOTONIC), the best CPU time of this process per call
 * (CLOCK_PROCESS_CPUTIME_ID: on a busy machine wall-clock time also counts
 * the time other processes held the CPU), throughput as MB/s of input
 * (1 MB = 1e6 bytes) from the best wall time, and the most memory GMP held
 * for its own temporaries during the call (its allocation functions are
 * replaced with counting ones), beside the work area the codec asks for.
 * Every output is checked first: the decoded text must give back the
 * input.
 *
 * tests/bench/bench_base58_gnu.sh times GNU basenc --base58 on the same
 * sizes (as a process, from a file in /dev/shm to /dev/null); with
 * --data-dir DIR this program writes the inputs it times there
 * (b58-SIZE.bin, and b58-SIZE.txt, their 76-column encoding) for the
 * script to use, so both time the same bytes (--data-only: only that).
 *
 * Usage: bench_base58 [--quick] [--data-dir DIR [--data-only]] [SIZE...]
 *   SIZE: bytes, with K or M for KiB or MiB (default 64K 1M 16M);
 *   --quick: 64K and 1M, one second per case at most.
 * Exit status 0, 1 if a check failed, 2 on a usage error.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gmp.h>

#include "base58.h"

#define KIB ((size_t)1024)
#define MIB (KIB * KIB)
#define WRAP 76
#define MAX_RUNS 50
#define MAX_SIZES 16

/* ---- GMP's temporaries, counted ------------------------------------- */

static size_t gmp_now, gmp_peak;

static void
gmp_count(size_t add, size_t sub)
{
	gmp_now = gmp_now - sub + add;
	if (gmp_now > gmp_peak)
		gmp_peak = gmp_now;
}

static void *
count_alloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL) {
		fprintf(stderr, "bench_base58: GMP wants %zu bytes: out of "
		    "memory\n", n);
		exit(1);
	}
	gmp_count(n, 0);
	return p;
}

static void *
count_realloc(void *old, size_t old_n, size_t n)
{
	void *p = realloc(old, n);

	if (p == NULL) {
		fprintf(stderr, "bench_base58: GMP wants %zu bytes: out of "
		    "memory\n", n);
		exit(1);
	}
	gmp_count(n, old_n);
	return p;
}

static void
count_free(void *p, size_t n)
{
	free(p);
	gmp_count(0, n);
}

/* ---- Timing --------------------------------------------------------- */

static double
clock_s(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0) {
		perror("bench_base58: clock_gettime");
		exit(1);
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum op { OP_ENCODE, OP_ENCODE_WRAP, OP_DECODE };

static const char *const op_names[] = { "encode", "encode -w76", "decode" };

struct buffers {
	unsigned char *raw;     /* the input */
	size_t n;
	char *text;             /* its 76-column encoding */
	size_t text_len;
	unsigned char *out;     /* room for any output */
	size_t out_cap;
	void *work;
	size_t work_size;
};

/* One call; its status, and its output length in *len. */
static enum b58_status
run_once(const struct buffers *b, enum op op, size_t *len)
{
	switch (op) {
	case OP_ENCODE:
		return b58_encode(b->raw, b->n, (char *)b->out, b->out_cap,
		    len, 0, 0, b->work, b->work_size);
	case OP_ENCODE_WRAP:
		return b58_encode(b->raw, b->n, (char *)b->out, b->out_cap,
		    len, 0, WRAP, b->work, b->work_size);
	case OP_DECODE:
		return b58_decode(b->text, b->text_len, b->out, b->out_cap,
		    len, NULL, 0, b->work, b->work_size);
	}
	return B58_ERR_UNSUPPORTED;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct result {
	double best_wall, median_wall, best_cpu;
	size_t gmp_peak;
	int runs;
};

static void
measure(const struct buffers *b, enum op op, double budget, struct result *r)
{
	double walls[MAX_RUNS], start = clock_s(CLOCK_MONOTONIC);
	int k;

	r->best_cpu = 0;
	r->gmp_peak = 0;
	for (k = 0; k < MAX_RUNS; k++) {
		double w0, c0, w1, c1;
		size_t len;

		if (k >= 3 && clock_s(CLOCK_MONOTONIC) - start >= budget)
			break;
		gmp_peak = gmp_now;
		w0 = clock_s(CLOCK_MONOTONIC);
		c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
		if (run_once(b, op, &len) != B58_OK) {
			fprintf(stderr, "bench_base58: a timed call failed\n");
			exit(1);
		}
		c1 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
		w1 = clock_s(CLOCK_MONOTONIC);
		walls[k] = w1 - w0;
		if (k == 0 || c1 - c0 < r->best_cpu)
			r->best_cpu = c1 - c0;
		if (gmp_peak - gmp_now > r->gmp_peak)
			r->gmp_peak = gmp_peak - gmp_now;
	}
	r->runs = k;
	qsort(walls, (size_t)k, sizeof(walls[0]), cmp_double);
	r->best_wall = walls[0];
	r->median_wall = k % 2 ? walls[k / 2] :
	    (walls[k / 2 - 1] + walls[k / 2]) / 2;
}

/* ---- Set-up --------------------------------------------------------- */

static void *
xalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		fprintf(stderr, "bench_base58: out of memory (%zu bytes)\n", n);
		exit(1);
	}
	memset(p, 0, n); /* fault the pages in now */
	return p;
}

/* Deterministic pseudo-random bytes (xorshift64*), never a zero first
 * byte (a leading zero is a '1', not arithmetic). */
static void
fill_random(unsigned char *p, size_t n)
{
	uint64_t x = 0x9e3779b97f4a7c15u;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		p[i] = (unsigned char)((x * 0x2545f4914f6cdd1du) >> 56);
	}
	if (n > 0 && p[0] == 0)
		p[0] = 1;
}

static const char *
size_label(size_t n, char *buf, size_t cap)
{
	if (n >= MIB && n % MIB == 0)
		snprintf(buf, cap, "%zu MiB", n / MIB);
	else if (n >= KIB && n % KIB == 0)
		snprintf(buf, cap, "%zu KiB", n / KIB);
	else
		snprintf(buf, cap, "%zu B", n);
	return buf;
}

static const char *
size_file_label(size_t n, char *buf, size_t cap)
{
	if (n >= MIB && n % MIB == 0)
		snprintf(buf, cap, "%zuM", n / MIB);
	else if (n >= KIB && n % KIB == 0)
		snprintf(buf, cap, "%zuK", n / KIB);
	else
		snprintf(buf, cap, "%zu", n);
	return buf;
}

static int
parse_size(const char *s, size_t *n)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (end == s)
		return -1;
	if (*end == 'K' || *end == 'k') {
		v *= KIB;
		end++;
	} else if (*end == 'M' || *end == 'm') {
		v *= MIB;
		end++;
	}
	if (*end != '\0' || v == 0 || v > 1024 * MIB)
		return -1;
	*n = (size_t)v;
	return 0;
}

static void
print_cpu(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "model name", 10) == 0) {
			char *p = strchr(line, ':');

			if (p != NULL) {
				p += strspn(p + 1, " \t") + 1;
				printf("cpu: %s", p);
			}
			break;
		}
	}
	fclose(f);
}

static int
write_file(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: bench_base58 [--quick] [--data-dir DIR "
	    "[--data-only]] [SIZE...]\n"
	    "  SIZE          bytes, K or M for KiB or MiB (default 64K 1M 16M)\n"
	    "  --quick       64K and 1M, at most one second per case\n"
	    "  --data-dir D  write each input and its 76-column encoding to\n"
	    "                D/b58-SIZE.bin and D/b58-SIZE.txt\n"
	    "  --data-only   write them, time nothing\n");
}

int
main(int argc, char **argv)
{
	size_t sizes[MAX_SIZES] = { 64 * KIB, MIB, 16 * MIB };
	size_t nsizes = 3, given = 0, si, maxn = 0, len;
	const char *data_dir = NULL;
	double budget = 1.0;
	int data_only = 0;
	struct buffers b;
	char lbl[32], fname[64];
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			sizes[0] = 64 * KIB;
			sizes[1] = MIB;
			nsizes = 2;
		} else if (strcmp(argv[i], "--data-dir") == 0 &&
		    i + 1 < argc) {
			data_dir = argv[++i];
		} else if (strcmp(argv[i], "--data-only") == 0) {
			data_only = 1;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] != '-' && given < MAX_SIZES &&
		    parse_size(argv[i], &sizes[given]) == 0) {
			nsizes = ++given;
		} else {
			usage(stderr);
			return 2;
		}
	}

	if (data_only && data_dir == NULL) {
		usage(stderr);
		return 2;
	}
	mp_set_memory_functions(count_alloc, count_realloc, count_free);
	print_cpu();
	printf("gmp: %s\n", gmp_version);
	for (si = 0; si < nsizes; si++)
		if (sizes[si] > maxn)
			maxn = sizes[si];
	b.raw = xalloc(maxn);
	b.text = xalloc(b58_encoded_max(maxn, WRAP));
	b.out_cap = b58_encoded_max(maxn, WRAP);
	b.out = xalloc(b.out_cap);
	b.work_size = b58_encode_work_size(maxn);
	if (b58_decode_work_size(b58_encoded_max(maxn, WRAP)) > b.work_size)
		b.work_size = b58_decode_work_size(b58_encoded_max(maxn, WRAP));
	b.work = xalloc(b.work_size);

	printf("%-8s %-12s %10s %10s %10s %8s %6s %10s %10s\n", "size", "op",
	    "best s", "median s", "best cpu s", "MB/s", "runs", "work MiB",
	    "gmp MiB");
	for (si = 0; si < nsizes; si++) {
		size_t n = sizes[si];
		int op;

		b.n = n;
		fill_random(b.raw, n);
		if (b58_encode(b.raw, n, b.text, b58_encoded_max(n, WRAP),
		    &b.text_len, 0, WRAP, b.work, b.work_size) != B58_OK ||
		    b58_decode(b.text, b.text_len, b.out, b.out_cap, &len,
		    NULL, 0, b.work, b.work_size) != B58_OK || len != n ||
		    memcmp(b.out, b.raw, n) != 0) {
			fprintf(stderr, "bench_base58: %zu bytes do not come "
			    "back\n", n);
			return 1;
		}
		if (data_dir != NULL) {
			size_file_label(n, lbl, sizeof(lbl));
			snprintf(fname, sizeof(fname), "b58-%s.bin", lbl);
			if (write_file(data_dir, fname, b.raw, n) != 0)
				return 1;
			snprintf(fname, sizeof(fname), "b58-%s.txt", lbl);
			if (write_file(data_dir, fname, b.text, b.text_len) != 0)
				return 1;
		}
		if (data_only)
			continue;
		for (op = OP_ENCODE; op <= OP_DECODE; op++) {
			struct result r;
			size_t in_n = op == OP_DECODE ? b.text_len : n;
			size_t work = op == OP_DECODE ?
			    b58_decode_work_size(b.text_len) :
			    b58_encode_work_size(n);

			measure(&b, (enum op)op, budget, &r);
			printf("%-8s %-12s %10.4f %10.4f %10.4f %8.1f %6d "
			    "%10.2f %10.2f\n", size_label(n, lbl, sizeof(lbl)),
			    op_names[op], r.best_wall, r.median_wall,
			    r.best_cpu, (double)in_n / r.best_wall / 1e6,
			    r.runs, (double)work / (double)MIB,
			    (double)r.gmp_peak / (double)MIB);
			fflush(stdout);
		}
	}
	free(b.raw);
	free(b.text);
	free(b.out);
	free(b.work);
	return 0;
}
