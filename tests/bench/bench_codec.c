/*
 * bench_codec.c - throughput of the sextet codec in memory.
 *
 * For every implementation of the library's registry that this build and
 * CPU run (or only the one named with --impl), and for input buffers of
 * 1 KiB, 64 KiB, 1 MiB and 64 MiB, time:
 *
 *   encode          b64_encode, no line breaks
 *   encode -w76     b64_encode, LF after every 76 characters
 *   decode          b64_decode (GNU rules) of one unbroken line
 *   decode 76-col   b64_decode (GNU rules) of 76-column LF-wrapped text
 *   dec 76-col -i   the same text with B64_LENIENT (what -i runs)
 *   dec CRLF -i     76-column CR LF-wrapped text with B64_LENIENT
 *   dec by lines    76-column LF-wrapped text through one decoder, one
 *                   b64_decode_update call per line (what a mail reader
 *                   that splits its input into lines calls), then final
 *
 * and memcpy of the same number of bytes, for scale.  Figures are GB/s of
 * INPUT (1 GB = 1e9 bytes): raw bytes for encoding, base64 text for
 * decoding.  A decode input is the longest encoding of whole 3-byte groups
 * that fits in the buffer size, so its byte count (shown) can be slightly
 * below the nominal size.
 *
 * Method: each output is first produced once and compared with the scalar
 * implementation's (status, length, bytes); decoded text is also compared
 * with the original data.  Then a call count is calibrated so that one
 * batch of calls lasts about 0.2 s, five batches are timed with
 * clock_gettime(CLOCK_MONOTONIC), and the best batch (shortest time per
 * call) is reported.  --quick: fewer sizes, three batches of ~0.05 s.
 *
 * Usage: bench_codec [--quick] [--impl NAME]
 * Exit status: 0 on success, 1 if a check failed or NAME is not available
 * here, 2 on a usage error.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "b64.h"

#define KIB ((size_t)1024)
#define MIB (KIB * KIB)

#define WRAP 76

enum op_kind { OP_ENCODE, OP_DECODE, OP_DECODE_LINES, OP_MEMCPY };

struct op {
	const char *name;
	enum op_kind kind;
	size_t wrap;            /* encode: line length; decode: input's */
	unsigned text;          /* decode: B64_CRLF for CR LF line ends */
	unsigned mode;          /* decode: B64_LENIENT or 0 (GNU rules) */
};

static const struct op ops[] = {
	{ "encode", OP_ENCODE, 0, 0, 0 },
	{ "encode -w76", OP_ENCODE, WRAP, 0, 0 },
	{ "decode", OP_DECODE, 0, 0, 0 },
	{ "decode 76-col", OP_DECODE, WRAP, 0, 0 },
	{ "dec 76-col -i", OP_DECODE, WRAP, 0, B64_LENIENT },
	{ "dec CRLF -i", OP_DECODE, WRAP, B64_CRLF, B64_LENIENT },
	{ "dec by lines", OP_DECODE_LINES, WRAP, 0, 0 },
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

struct impl {
	unsigned id;
	const char *name;
};

/* At most this many in the library's registry (b64_impl_at). */
#define NIMPLS 16

static const size_t full_sizes[] = { KIB, 64 * KIB, MIB, 64 * MIB };
static const size_t quick_sizes[] = { KIB, 64 * KIB, MIB };

/* What one timed call does. */
struct job {
	enum op_kind kind;
	unsigned flags;         /* implementation bits */
	size_t wrap;            /* encode only */
	const unsigned char *in;
	size_t n;
	unsigned char *out;
	size_t cap;
};

/* Called through a volatile pointer so the copies cannot be optimised out. */
static void *(*volatile copy_fn)(void *, const void *, size_t) = memcpy;

/* One update per line of J's input, then final. */
static enum b64_status
decode_by_lines(const struct job *j, size_t *out_len)
{
	struct b64_decoder d;
	enum b64_status st = b64_decoder_init(&d, j->flags);
	size_t i = 0, o = 0;

	while (st == B64_OK && i < j->n) {
		const unsigned char *nl = memchr(j->in + i, '\n', j->n - i);
		size_t len = nl ? (size_t)(nl - j->in) + 1 - i : j->n - i;
		size_t used = 0, w = 0;

		st = b64_decode_update(&d, j->in + i, len, &used, j->out + o,
		    j->cap - o, &w);
		i += used;
		o += w;
	}
	if (st == B64_OK)
		st = b64_decode_final(&d);
	*out_len = o;
	return st;
}

static enum b64_status
run_once(const struct job *j, size_t *out_len)
{
	switch (j->kind) {
	case OP_ENCODE:
		return b64_encode(j->in, j->n, (char *)j->out, j->cap,
		    out_len, j->flags, j->wrap);
	case OP_DECODE:
		return b64_decode(j->in, j->n, j->out, j->cap, out_len,
		    NULL, j->flags);
	case OP_DECODE_LINES:
		return decode_by_lines(j, out_len);
	case OP_MEMCPY:
		copy_fn(j->out, j->in, j->n);
		*out_len = j->n;
		return B64_OK;
	}
	return B64_ERR_UNSUPPORTED;
}

static double
now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		perror("bench_codec: clock_gettime");
		exit(1);
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Seconds for REPS calls; exits if a call fails (it passed the check). */
static double
time_batch(const struct job *j, unsigned long reps)
{
	unsigned long i;
	unsigned bad = 0;
	size_t len;
	double t0, t1;

	t0 = now();
	for (i = 0; i < reps; i++)
		bad |= (unsigned)run_once(j, &len);
	t1 = now();
	if (bad != 0) {
		fprintf(stderr, "bench_codec: a timed call failed\n");
		exit(1);
	}
	return t1 - t0;
}

/* Best-of-TRIALS throughput in GB/s of input, batches of ~TARGET s. */
static double
measure(const struct job *j, double target, int trials)
{
	unsigned long reps = 1;
	double t, best = 0.0;
	int k;

	/* Calibrate: double the count until a batch takes target / 8. */
	for (;;) {
		t = time_batch(j, reps);
		if (t >= target / 8 || reps >= (1ul << 30))
			break;
		reps *= 2;
	}
	if (t > 0)
		reps = (unsigned long)((double)reps * target / t) + 1;
	for (k = 0; k < trials; k++) {
		double per_call = time_batch(j, reps) / (double)reps;

		if (k == 0 || per_call < best)
			best = per_call;
	}
	return best > 0 ? (double)j->n / best / 1e9 : 0.0;
}

static void *
xalloc(size_t n)
{
	size_t rounded = (n + 63) / 64 * 64;
	void *p = aligned_alloc(64, rounded ? rounded : 64);

	if (p == NULL) {
		fprintf(stderr, "bench_codec: out of memory (%zu bytes)\n", n);
		exit(1);
	}
	memset(p, 0, rounded ? rounded : 64); /* fault the pages in now */
	return p;
}

/* Deterministic pseudo-random bytes (xorshift64*). */
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

/* Longest multiple of 3 whose encoding (FLAGS, WRAP) fits in SIZE bytes. */
static size_t
raw_for_text(size_t size, unsigned flags, size_t wrap)
{
	size_t r = size / 4 * 3;

	while (r > 0 && b64_encoded_len(r, flags, wrap) > size)
		r -= 3;
	return r;
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

static void
usage(FILE *f)
{
	fprintf(f, "usage: bench_codec [--quick] [--impl NAME]\n"
	    "  --quick      sizes up to 1 MiB, best of 3 batches of ~0.05 s\n"
	    "  --impl NAME  only this implementation (scalar, ssse3, avx2,\n"
	    "               avx512, auto); scalar still gives the reference\n");
}

int
main(int argc, char **argv)
{
	const size_t *sizes = full_sizes;
	size_t nsizes = sizeof(full_sizes) / sizeof(full_sizes[0]);
	double target = 0.2;
	int trials = 5;
	const char *only = NULL;
	struct impl chosen[NIMPLS + 1];
	size_t nchosen = 0;
	const char *missing[NIMPLS];
	size_t nmissing = 0;
	size_t maxsize, si, oi, ii, ci;
	unsigned char *raw, *text, *ref, *out;
	size_t text_cap, out_cap;
	int i, failed = 0;
	const char *auto_name;
	char lbl[32];
	/* memcpy figure cache: input lengths repeat across rows. */
	size_t memo_n[NOPS * 4];
	double memo_gbs[NOPS * 4];
	size_t nmemo = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			sizes = quick_sizes;
			nsizes = sizeof(quick_sizes) / sizeof(quick_sizes[0]);
			target = 0.05;
			trials = 3;
		} else if (strcmp(argv[i], "--impl") == 0 && i + 1 < argc) {
			only = argv[++i];
		} else if (strncmp(argv[i], "--impl=", 7) == 0) {
			only = argv[i] + 7;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}

	if (only != NULL) {
		unsigned id = b64_impl_from_name(only);

		if (id == UINT32_MAX) {
			fprintf(stderr, "bench_codec: unknown implementation "
			    "'%s'\n", only);
			return 2;
		}
		if (id != B64_IMPL_AUTO && !b64_impl_available(id)) {
			fprintf(stderr, "bench_codec: implementation '%s' is "
			    "not available in this build or on this CPU\n",
			    only);
			return 1;
		}
		chosen[0].id = id;
		chosen[0].name = id == B64_IMPL_AUTO ? "auto" : only;
		nchosen = 1;
	} else {
		const char *name;
		unsigned id;

		for (ii = 0; ii < NIMPLS &&
		    (name = b64_impl_at(ii, &id)) != NULL; ii++) {
			if (b64_impl_available(id)) {
				chosen[nchosen].id = id;
				chosen[nchosen++].name = name;
			} else {
				missing[nmissing++] = name;
			}
		}
	}
	if (!b64_impl_available(B64_IMPL_SCALAR)) {
		fprintf(stderr, "bench_codec: no scalar implementation\n");
		return 1;
	}

	maxsize = 0;
	for (si = 0; si < nsizes; si++)
		if (sizes[si] > maxsize)
			maxsize = sizes[si];
	text_cap = b64_encoded_len(maxsize, 0, WRAP);
	out_cap = text_cap > maxsize ? text_cap : maxsize;
	raw = xalloc(maxsize);
	text = xalloc(maxsize);
	ref = xalloc(out_cap);
	out = xalloc(out_cap);
	fill_random(raw, maxsize);

	auto_name = b64_impl_name(B64_IMPL_AUTO);
	printf("sextet codec benchmark: GB/s of input (1 GB = 1e9 bytes)\n");
	print_cpu();
	printf("auto picks: %s", auto_name ? auto_name : "(none)");
	if (nmissing > 0) {
		printf("; not available here:");
		for (ii = 0; ii < nmissing; ii++)
			printf(" %s", missing[ii]);
	}
	printf("\n");
	printf("each figure: best (shortest time per call) of %d timed batches "
	    "of ~%.2f s,\nafter one run checked against scalar\n\n", trials,
	    target);

	printf("%-14s %7s %9s %8s", "operation", "size", "bytes", "memcpy");
	for (ci = 0; ci < nchosen; ci++)
		printf(" %8s", chosen[ci].name);
	printf("\n");
	fflush(stdout);

	for (oi = 0; oi < NOPS; oi++) {
		const struct op *op = &ops[oi];

		for (si = 0; si < nsizes; si++) {
			size_t size = sizes[si];
			struct job ref_job, job;
			size_t ref_len = 0, len = 0, raw_len = 0, mi;
			enum b64_status st;
			double gbs = -1.0;

			memset(&ref_job, 0, sizeof(ref_job));
			ref_job.kind = op->kind;
			ref_job.flags = B64_IMPL_SCALAR | op->mode;
			ref_job.out = ref;
			if (op->kind == OP_ENCODE) {
				ref_job.wrap = op->wrap;
				ref_job.in = raw;
				ref_job.n = size;
				ref_job.cap = b64_encoded_len(size, 0, op->wrap);
			} else {
				/* The input text: scalar encoding of raw. */
				raw_len = raw_for_text(size, op->text,
				    op->wrap);
				st = b64_encode(raw, raw_len, (char *)text,
				    size, &len, B64_IMPL_SCALAR | op->text,
				    op->wrap);
				if (st != B64_OK) {
					fprintf(stderr, "bench_codec: cannot "
					    "make decode input: %s\n",
					    b64_strerror(st));
					return 1;
				}
				ref_job.in = text;
				ref_job.n = len;
				ref_job.cap = b64_decoded_max(len);
			}
			st = run_once(&ref_job, &ref_len);
			if (st != B64_OK || (op->kind != OP_ENCODE &&
			    (ref_len != raw_len ||
			    memcmp(ref, raw, raw_len) != 0))) {
				fprintf(stderr, "bench_codec: scalar %s of %zu "
				    "bytes is wrong (%s)\n", op->name,
				    ref_job.n, b64_strerror(st));
				return 1;
			}

			printf("%-14s %7s %9zu", op->name,
			    size_label(size, lbl, sizeof(lbl)), ref_job.n);
			fflush(stdout);

			/* memcpy of the same number of input bytes. */
			for (mi = 0; mi < nmemo; mi++)
				if (memo_n[mi] == ref_job.n)
					gbs = memo_gbs[mi];
			if (gbs < 0) {
				memset(&job, 0, sizeof(job));
				job.kind = OP_MEMCPY;
				job.in = ref_job.in;
				job.n = ref_job.n;
				job.out = out;
				job.cap = out_cap;
				gbs = measure(&job, target, trials);
				if (nmemo < sizeof(memo_n) / sizeof(memo_n[0])) {
					memo_n[nmemo] = job.n;
					memo_gbs[nmemo++] = gbs;
				}
			}
			printf(" %8.2f", gbs);
			fflush(stdout);

			for (ci = 0; ci < nchosen; ci++) {
				job = ref_job;
				job.flags = chosen[ci].id | op->mode;
				job.out = out;
				memset(out, 0xa5, job.cap);
				len = 0;
				st = run_once(&job, &len);
				if (st != B64_OK || len != ref_len ||
				    memcmp(out, ref, ref_len) != 0) {
					printf(" %8s", "WRONG");
					fflush(stdout);
					fprintf(stderr, "\nbench_codec: %s %s "
					    "of %zu bytes differs from scalar "
					    "(status %s, %zu vs %zu bytes)\n",
					    chosen[ci].name, op->name, job.n,
					    b64_strerror(st), len, ref_len);
					failed = 1;
					continue;
				}
				printf(" %8.2f", measure(&job, target, trials));
				fflush(stdout);
			}
			printf("\n");
		}
	}

	free(raw);
	free(text);
	free(ref);
	free(out);
	return failed;
}
