/*
 * fuzz_cli.c - the command line's pump (src/cli/pump.c, source.c, sink.c,
 * io.c, diag.c, args.c) driven in-process, against the codec's
 * one-shot answer.
 *
 * The harness is linked with -Wl,--wrap=read -Wl,--wrap=write
 * -Wl,--wrap=poll: the CLI's read(), write() and poll() calls come here.
 * While a run is under way, reads of the fake input descriptor IN_FD are
 * served from memory in random chunk sizes with injected EINTR and EAGAIN
 * (and, on request, EIO); writes to descriptor 1 are captured in memory,
 * cut short at random, interrupted, refused with EAGAIN (and, on request,
 * failed with ENOSPC at a given point); poll() on either answers "ready".
 * Every other descriptor goes to the real calls.  Diagnostics are caught
 * by pointing stderr at a memory stream during the run (glibc lets stderr
 * be assigned); elsewhere fd 2 goes to /dev/null during the run and the
 * messages are not checked.  The SEXTET_IMPL variable is removed from the
 * environment at start; FUZZ_CLI_NO_READ_ERRORS=1 turns off the injected
 * read errors.
 *
 * Input: byte 0 the operation and options (bit 0 decode; bits 1-3 the
 * decode mode: GNU, -i, --strict, --lenient, --lenient -i, --mime, GNU,
 * GNU; bit 4 --check; bit 5 -u; bit 6 --no-pad; bit 7 --crlf); byte 1
 * spellings (bits 0-1 which of -u / --url-safe / --base64url / --url;
 * bit 2 --mime when encoding; bits 3-4 the -w form: none, "-w N",
 * "--wrap=N", "-wN"; bit 5 -i when encoding, where it is ignored; bits 6-7
 * abbreviated long options); byte 2 N for -w; byte 3 the implementation;
 * bytes 4-7 a seed; byte 8 faults (bits 0-1 EINTR rate, 2-3 EAGAIN rate,
 * bit 4 short writes, bit 5 a read error, bit 6 a write error, bit 7 the
 * input repeated to a size around the CLI's block sizes); byte 9 the read
 * sizes; bytes 10-11 where the read or write error comes, or the size
 * choice; the rest is the input.
 *
 * Checked: the exit status and the bytes on standard output are those of
 * the codec run one-shot on the whole input (encode: b64_encode with the
 * flags and width the options mean; decode: the bytes before the error,
 * none with --check); standard error is empty on success and holds the
 * one expected diagnostic otherwise: "invalid input", or in the new modes
 * "invalid input at line L, column C (byte O): REASON" with the codec's
 * position and reason; a write error is reported once and stops the
 * output where the device filled up; after a read error while encoding,
 * the output is, as GNU's, the encoding of every byte read before it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "cli.h"
#include "diag.h"

/* The wrapped calls (-Wl,--wrap=...). */
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_poll(struct pollfd *fds, nfds_t nfds, int timeout);
ssize_t __wrap_read(int fd, void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_poll(struct pollfd *fds, nfds_t nfds, int timeout);

#define IN_FD    1021      /* the fake input descriptor */
#define NO_FAULT SIZE_MAX

/* The simulated world of one run. */
static struct {
	int active;
	struct fz_rng rng;
	const uint8_t *in;      /* the input */
	size_t n, pos;
	unsigned read_mode;     /* read sizes: byte 9 */
	unsigned p_eintr;       /* rates out of 256 */
	unsigned p_eagain;
	int short_writes;
	size_t read_fail_at;    /* EIO once this much was read */
	size_t write_fail_at;   /* ENOSPC once this much was written */
	int read_failed;
	int write_failed;
	int wait_in, wait_out;  /* an EAGAIN wants a poll() */
	uint8_t *out;           /* standard output */
	size_t olen, ocap;
} sim;

static int
roll(unsigned rate)
{
	return rate != 0 && fz_below(&sim.rng, 256) < rate;
}

ssize_t
__wrap_read(int fd, void *buf, size_t n)
{
	size_t left, k;

	if (!sim.active || fd != IN_FD)
		return __real_read(fd, buf, n);
	FZ_CHECK(!sim.wait_in);
	if (roll(sim.p_eintr)) {
		errno = EINTR;
		return -1;
	}
	if (roll(sim.p_eagain)) {
		sim.wait_in = 1;
		errno = EAGAIN;
		return -1;
	}
	if (sim.pos >= sim.read_fail_at) {
		sim.read_failed = 1;
		errno = EIO;
		return -1;
	}
	left = sim.n - sim.pos;
	if (sim.read_fail_at != NO_FAULT && sim.read_fail_at - sim.pos < left)
		left = sim.read_fail_at - sim.pos;
	if (sim.read_mode < 64)
		k = 1 + fz_below(&sim.rng, 8);
	else if (sim.read_mode < 128)
		k = 1 + fz_below(&sim.rng, 4096);
	else if (sim.read_mode < 192)
		k = 1 + fz_below(&sim.rng, n);
	else
		k = n;
	if (k > n)
		k = n;
	if (k > left)
		k = left;
	if (k)
		memcpy(buf, sim.in + sim.pos, k);
	sim.pos += k;
	return (ssize_t)k;
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	size_t k = n;

	if (!sim.active || fd != 1)
		return __real_write(fd, buf, n);
	FZ_CHECK(!sim.wait_out);
	/* A failed write with nothing written yet may be met again: the
	 * pump keeps a small output GNU would still hold in its stdio
	 * buffer, and the next write fails where GNU's would (pump.c's
	 * early_flush). */
	FZ_CHECKF(!sim.write_failed || sim.olen == 0,
	    "write again after a write error");
	if (roll(sim.p_eintr)) {
		errno = EINTR;
		return -1;
	}
	if (roll(sim.p_eagain)) {
		sim.wait_out = 1;
		errno = EAGAIN;
		return -1;
	}
	if (sim.olen >= sim.write_fail_at) {
		sim.write_failed = 1;
		errno = ENOSPC;
		return -1;
	}
	if (sim.short_writes && n > 1)
		k = 1 + fz_below(&sim.rng, n);
	if (sim.write_fail_at != NO_FAULT && k > sim.write_fail_at - sim.olen)
		k = sim.write_fail_at - sim.olen;
	if (sim.olen + k > sim.ocap) {
		size_t cap = sim.ocap ? sim.ocap : 4096;
		uint8_t *p;

		while (cap < sim.olen + k)
			cap *= 2;
		p = realloc(sim.out, cap);
		FZ_CHECK(p != NULL);
		sim.out = p;
		sim.ocap = cap;
	}
	memcpy(sim.out + sim.olen, buf, k);
	sim.olen += k;
	return (ssize_t)k;
}

int
__wrap_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	if (!sim.active || nfds != 1 ||
	    (fds[0].fd != IN_FD && fds[0].fd != 1))
		return __real_poll(fds, nfds, timeout);
	if (fds[0].fd == IN_FD && timeout == 0) {
		/* The pump asking whether more input is ready (else it
		 * writes out what it has): answer either way. */
		fds[0].revents = sim.pos < sim.n && fz_below(&sim.rng, 2) ?
		    POLLIN : 0;
		return fds[0].revents != 0;
	}
	if (fds[0].fd == IN_FD) {
		FZ_CHECKF(sim.wait_in && fds[0].events & POLLIN,
		    "poll on the input without a pending EAGAIN");
		sim.wait_in = 0;
	} else {
		FZ_CHECKF(sim.wait_out && fds[0].events & POLLOUT,
		    "poll on the output without a pending EAGAIN");
		sim.wait_out = 0;
	}
	fds[0].revents = fds[0].events;
	return 1;
}

/* ---- The command line ----------------------------------------------- */

struct args {
	int argc;
	char *argv[24];
	char buf[24][32];
};

static void add(struct args *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add(struct args *a, const char *fmt, ...)
{
	va_list ap;

	FZ_CHECK(a->argc < 23);
	va_start(ap, fmt);
	vsnprintf(a->buf[a->argc], sizeof(a->buf[0]), fmt, ap);
	va_end(ap);
	a->argv[a->argc] = a->buf[a->argc];
	a->argc++;
	a->argv[a->argc] = NULL;
}

/* "--NAME", or when ABBREV a prefix of at least MIN characters. */
static void
add_long(struct args *a, const char *name, size_t min, int abbrev)
{
	size_t len = strlen(name);

	if (abbrev && len > min)
		len = min + fz_below(&sim.rng, len - min);
	add(a, "--%.*s", (int)len, name);
}

/* What the options mean, worked out here independently of args.c. */
struct want {
	int decode, check, newmsg;
	unsigned flags;
	size_t wrap;
};

static void
build_args(unsigned c0, unsigned c1, unsigned wval, struct args *a,
    struct want *w)
{
	static const char *const url_names[] = {
		NULL, "url-safe", "base64url", "url",
	};
	int ab = (c1 >> 6) != 0;
	unsigned mode = (c0 >> 1) & 7, form = (c1 >> 3) & 3;

	memset(w, 0, sizeof(*w));
	a->argc = 0;
	add(a, "base64");
	w->wrap = 76;
	w->decode = c0 & 1;
	if (w->decode) {
		if (c1 & 32)
			add_long(a, "decode", 1, ab);
		else
			add(a, "-d");
	}
	if (c0 & 32) {
		w->flags |= B64_ALPHA_URL;
		if ((c1 & 3) == 0)
			add(a, "-u");
		else
			add_long(a, url_names[c1 & 3], (c1 & 3) == 2 ? 1 : 3,
			    ab && (c1 & 3) != 3);
	}
	if (c0 & 64) {
		w->flags |= B64_NO_PAD;
		add_long(a, "no-pad", 1, ab);
	}
	if (c0 & 128) {
		w->flags |= B64_CRLF;
		add_long(a, "crlf", 2, ab);
	}
	if (w->decode) {
		switch (mode) {
		case 1:
			add(a, "-i");
			w->flags |= B64_SKIP_GARBAGE;
			break;
		case 2:
			add_long(a, "strict", 1, ab);
			w->flags |= B64_STRICT;
			w->newmsg = 1;
			break;
		case 3:
		case 4:
			if (mode == 4) {
				add(a, "-i");
				w->flags |= B64_SKIP_GARBAGE;
			}
			add_long(a, "lenient", 2, ab);
			w->flags |= B64_LENIENT;
			w->newmsg = 1;
			break;
		case 5:
			add_long(a, "mime", 1, ab);
			w->flags |= B64_LENIENT | B64_SKIP_GARBAGE;
			w->newmsg = 1;
			break;
		default:
			break;
		}
		if (c0 & 16) {
			add_long(a, "check", 2, ab);
			w->check = w->newmsg = 1;
		}
	} else {
		if (c1 & 4) {
			add_long(a, "mime", 1, ab);
			w->flags |= B64_CRLF;
			form = 0;
		}
		if (c1 & 32)
			add(a, "-i");
	}
	switch (form) {
	case 1:
		add(a, "-w");
		add(a, "%u", wval);
		break;
	case 2:
		add(a, "--wrap=%u", wval);
		break;
	case 3:
		add(a, "-w%u", wval);
		break;
	default:
		break;
	}
	if (form != 0 && !w->decode)
		w->wrap = wval;
}

/* ---- Running it ----------------------------------------------------- */

static char errbuf[4096];

/* Run the stream loop for OPT on IN; the exit status, stderr in errbuf. */
static int
run_cli(const struct options *opt, size_t *errlen)
{
	int status;
#ifdef __GLIBC__
	FILE *saved = stderr, *mem = fmemopen(errbuf, sizeof(errbuf), "w");
	long pos;

	FZ_CHECK(mem != NULL);
	stderr = mem;
	sim.active = 1;
	status = pump_run_fd(IN_FD, opt);
	sim.active = 0;
	fflush(mem);
	pos = ftell(mem);
	fclose(mem);
	stderr = saved;
	*errlen = pos > 0 ? (size_t)pos : 0;
	if (*errlen >= sizeof(errbuf))
		*errlen = sizeof(errbuf) - 1;
#else
	static int null_fd = -1, saved_fd = -1;

	if (null_fd < 0) {
		null_fd = open("/dev/null", O_WRONLY);
		saved_fd = dup(2);
		FZ_CHECK(null_fd >= 0 && saved_fd >= 0);
	}
	fflush(stderr);
	dup2(null_fd, 2);
	sim.active = 1;
	status = pump_run_fd(IN_FD, opt);
	sim.active = 0;
	fflush(stderr);
	dup2(saved_fd, 2);
	*errlen = SIZE_MAX; /* not captured */
#endif
	return status;
}

/* Standard error must be exactly MSG (unless not captured). */
static void
stderr_is(size_t errlen, const char *msg)
{
	if (errlen == SIZE_MAX)
		return;
	FZ_CHECKF(errlen == strlen(msg) && memcmp(errbuf, msg, errlen) == 0,
	    "stderr is \"%.*s\", want \"%s\"", (int)errlen, errbuf, msg);
}

/* Standard output must be exactly WANT[0..N). */
static void
stdout_is(const void *want, size_t n, const char *what)
{
	FZ_CHECKF(sim.olen == n && (n == 0 || memcmp(sim.out, want, n) == 0),
	    "%s: stdout has %zu bytes, want %zu%s", what, sim.olen, n,
	    sim.olen == n ? " (different bytes)" : "");
}

/* The decode diagnostic of the new modes for R, up to the hint. */
static void
check_decode_message(const struct fz_dec *r, size_t errlen)
{
	char want[256], reason[64];
	size_t wl;

	if (errlen == SIZE_MAX)
		return;
	if (r->st == B64_ERR_BAD_CHAR)
		snprintf(reason, sizeof(reason), "unexpected byte 0x%02x",
		    r->byte);
	else
		snprintf(reason, sizeof(reason), "%s",
		    diag_b64_error(r->st));
	snprintf(want, sizeof(want), "base64: invalid input at line %llu, "
	    "column %llu (byte %llu): %s", (unsigned long long)r->line,
	    (unsigned long long)r->col, (unsigned long long)r->off, reason);
	wl = strlen(want);
	FZ_CHECKF(errlen > wl && memcmp(errbuf, want, wl) == 0 &&
	    errbuf[errlen - 1] == '\n' &&
	    memchr(errbuf, '\n', errlen - 1) == NULL,
	    "stderr is \"%.*s\", want \"%s...\\n\"", (int)errlen, errbuf, want);
	/* What may follow: the byte shown, then a hint. */
	if (errbuf[wl] == ' ')
		FZ_CHECK(r->st == B64_ERR_BAD_CHAR && errbuf[wl + 1] == '(');
	else if (errbuf[wl] != '\n')
		FZ_CHECKF(errbuf[wl] == ';', "stderr: \"%.*s\"", (int)errlen,
		    errbuf);
}

/*
 * After a write error, standard error must be the write error; with LEAD,
 * after the message it starts with (an invalid input, a read error) met
 * while the failed output was small.  As GNU: that message first, then
 * the write error with no reason (GNU's error() flushed the output before
 * its message); the new modes' located messages (NEWMSG) keep it.
 */
static void
stderr_write_error(size_t errlen, int lead, int newmsg)
{
	int plain = 0;

	if (errlen != SIZE_MAX && lead) {
		char *nl = strchr(errbuf, '\n');
		size_t skip;

		FZ_CHECK(nl != NULL);
		skip = (size_t)(nl + 1 - errbuf);
		plain = !newmsg;
		memmove(errbuf, nl + 1, errlen - skip + 1);
		errlen -= skip;
	}
	stderr_is(errlen, plain ? "base64: write error\n" :
	    "base64: write error: No space left on device\n");
}

static void
check_encode(const struct want *w, int status, size_t errlen)
{
	struct fz_enc e;
	size_t got = sim.read_failed ? sim.read_fail_at : sim.n;

	/* GNU encodes every byte read before a read error. */
	fz_encode_oneshot(sim.in, got, w->flags, w->wrap, &e);
	if (sim.write_failed) {
		FZ_CHECKF(status == 1, "exit status %d after a write error",
		    status);
		FZ_CHECK(e.len > sim.write_fail_at);
		stdout_is(e.out, sim.write_fail_at, "write error");
		stderr_write_error(errlen, sim.read_failed &&
		    strncmp(errbuf, "base64: read error: ", 20) == 0,
		    w->newmsg);
	} else if (sim.read_failed) {
		FZ_CHECKF(status == 1, "exit status %d after a read error",
		    status);
		stdout_is(e.out, e.len, "encode, read error");
		stderr_is(errlen, "base64: read error: Input/output error\n");
	} else {
		FZ_CHECKF(status == 0, "encode: exit status %d", status);
		FZ_CHECK(e.len <= sim.write_fail_at);
		stdout_is(e.out, e.len, "encode");
		stderr_is(errlen, "");
	}
	fz_enc_free(&e);
}

static void
check_decode(const struct want *w, int status, size_t errlen)
{
	struct fz_dec r;
	size_t olen;

	fz_decode_oneshot(sim.in, sim.n, w->flags, &r);
	FZ_CHECK(r.st != B64_ERR_UNSUPPORTED);
	olen = w->check ? 0 : r.len;
	if (sim.write_failed) {
		FZ_CHECKF(status == 1, "exit status %d after a write error",
		    status);
		FZ_CHECK(olen > sim.write_fail_at);
		stdout_is(r.out, sim.write_fail_at, "write error");
		stderr_write_error(errlen, (r.st != B64_OK &&
		    strncmp(errbuf, "base64: invalid input", 21) == 0) ||
		    (sim.read_failed &&
		    strncmp(errbuf, "base64: read error: ", 20) == 0),
		    w->newmsg);
	} else if (sim.read_failed) {
		/* What came before is written (a prefix of the result), and
		 * one message: the read error, or an invalid input seen in a
		 * block read before it. */
		FZ_CHECKF(status == 1, "exit status %d after a read error",
		    status);
		FZ_CHECK(sim.olen <= olen && (sim.olen == 0 ||
		    memcmp(sim.out, r.out, sim.olen) == 0));
		if (errlen != SIZE_MAX)
			FZ_CHECKF(strcmp(errbuf, "base64: read error: "
			    "Input/output error\n") == 0 ||
			    strncmp(errbuf, "base64: invalid input", 21) == 0,
			    "stderr: \"%s\"", errbuf);
	} else {
		FZ_CHECKF(status == (r.st == B64_OK ? 0 : 1),
		    "decode: exit status %d, codec status %d", status,
		    (int)r.st);
		FZ_CHECK(olen <= sim.write_fail_at);
		stdout_is(r.out, olen, "decode");
		if (r.st == B64_OK)
			stderr_is(errlen, "");
		else if (w->newmsg)
			check_decode_message(&r, errlen);
		else
			stderr_is(errlen, "base64: invalid input\n");
	}
	fz_dec_free(&r);
}

/* Sizes near the pump's blocks (cli.h: encoder and decoder input,
 * output), and what decodes to the output block. */
static size_t
big_size(unsigned v)
{
	static const size_t base[] = {
		PUMP_ENC_IN, PUMP_DEC_IN, PUMP_OUT_CAP, PUMP_OUT_CAP / 3 * 4,
		2 * PUMP_DEC_IN, 1024 * 1024,
	};

	return base[(v & 0xff) % 6] + (size_t)((v >> 8) % 64) - 32;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready, no_read_errors;
	struct fz_in in = { data, size };
	unsigned c0 = fz_u8(&in), c1 = fz_u8(&in), wval = fz_u8(&in);
	unsigned impl = fz_pick_impl(fz_u8(&in)), faults, where;
	struct args a;
	struct want w;
	struct options opt;
	/* Kept from one input to the next: the big input and standard
	 * output can be megabytes, and fresh blocks that large cost page
	 * faults on every input (the sanitizers map and unmap them). */
	static uint8_t *big, *out;
	static size_t big_cap, out_cap;
	size_t errlen;
	int status;

	if (!ready) {
		const char *e = getenv("FUZZ_CLI_NO_READ_ERRORS");

		unsetenv("SEXTET_IMPL");
		no_read_errors = e != NULL && *e != '\0' && strcmp(e, "0") != 0;
		ready = 1;
	}
	memset(&sim, 0, sizeof(sim));
	sim.out = out;
	sim.ocap = out_cap;
	sim.rng.s = fz_u32(&in);
	faults = fz_u8(&in);
	sim.read_mode = fz_u8(&in);
	where = fz_u16(&in);
	sim.in = in.p;
	sim.n = in.n;
	if ((faults & 128) && in.n > 0) {
		/* The input, repeated, to a size around a block boundary. */
		size_t n = big_size(where);

		if (n > big_cap) {
			free(big);
			big = fz_alloc(n);
			big_cap = n;
		}
		for (size_t k = 0; k < n; k += in.n)
			memcpy(big + k, in.p, n - k < in.n ? n - k : in.n);
		sim.in = big;
		sim.n = n;
		if (sim.read_mode < 64)
			sim.read_mode += 64;
	}
	sim.p_eintr = (faults & 3) * (faults & 3) * 8;
	sim.p_eagain = ((faults >> 2) & 3) * ((faults >> 2) & 3) * 8;
	sim.short_writes = (faults >> 4) & 1;
	sim.read_fail_at = NO_FAULT;
	sim.write_fail_at = NO_FAULT;
	if ((faults & 32) && !no_read_errors)
		sim.read_fail_at = (faults & 128) ? where * 16 % (sim.n + 1) :
		    where % (sim.n + 1);
	/* Not both: which error GNU reports first is not the point here. */
	if ((faults & 64) && sim.read_fail_at == NO_FAULT)
		sim.write_fail_at = (faults & 128) ? (size_t)where * 16 :
		    where % 512;

	build_args(c0, c1, wval, &a, &w);
	fz_note("cli: %s%s%s%s%s%s%s, %zu bytes, %s, faults 0x%02x",
	    a.argv[1] ? a.argv[1] : "", a.argc > 2 ? " " : "",
	    a.argc > 2 ? a.argv[2] : "", a.argc > 3 ? " " : "",
	    a.argc > 3 ? a.argv[3] : "", a.argc > 4 ? " " : "",
	    a.argc > 4 ? a.argv[4] : "", sim.n, fz_flags_str(impl), faults);
	FZ_CHECKF(parse_args(a.argc, a.argv, PROG_BASE64, &opt) == 0, "options refused");
	opt.impl = impl;
	w.flags |= impl;
	FZ_CHECKF(opt.decode == w.decode && (w.decode ||
	    opt.wrap == w.wrap), "options parsed as decode %d wrap %zu",
	    opt.decode, opt.wrap);
	FZ_CHECKF((w.decode ? decode_flags(&opt) : encode_flags(&opt)) ==
	    w.flags, "flags 0x%04x, want 0x%04x",
	    w.decode ? decode_flags(&opt) : encode_flags(&opt), w.flags);

	status = run_cli(&opt, &errlen);
	FZ_CHECK(!sim.wait_in && !sim.wait_out);
	if (errlen != SIZE_MAX)
		errbuf[errlen] = '\0';
	if (w.decode)
		check_decode(&w, status, errlen);
	else
		check_encode(&w, status, errlen);

	free(opt.file);
	free(opt.output);
	out = sim.out;
	out_cap = sim.ocap;
	memset(&sim, 0, sizeof(sim));
	return 0;
}
