/*
 * decode.c - decode base64 from standard input to standard output with
 * libsextet, and say where the input is wrong: the streaming decoder,
 * its rule sets and its located errors (sextet(3), whose EXAMPLES section
 * holds this same program).
 *
 * usage: decode [-s | -l] [-u] [-v]
 *   -s  strict: RFC 4648 canonical form only (B64_STRICT)
 *   -l  lenient: white space skipped, padding optional (B64_LENIENT)
 *   -u  the URL-safe alphabet of RFC 4648 section 5 (B64_ALPHA_URL)
 *   -v  name the implementation in use on standard error
 *
 * Build: cc -o decode decode.c $(pkg-config --cflags --libs sextet)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sextet/b64.h>

int
main(int argc, char **argv)
{
	static unsigned char in[65536], out[65536];
	struct b64_decoder dec;
	enum b64_status st;
	unsigned flags = 0;
	size_t n, used, len;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-s") == 0) {
			flags |= B64_STRICT;
		} else if (strcmp(argv[i], "-l") == 0) {
			flags |= B64_LENIENT;
		} else if (strcmp(argv[i], "-u") == 0) {
			flags |= B64_ALPHA_URL;
		} else if (strcmp(argv[i], "-v") == 0) {
			fprintf(stderr, "decode: implementation %s\n",
			    b64_impl_name(flags) ? b64_impl_name(flags) :
			    "none");
		} else {
			fprintf(stderr, "usage: decode [-s | -l] [-u] [-v]\n");
			return 2;
		}
	}
	st = b64_decoder_init(&dec, flags);
	if (st != B64_OK) {
		fprintf(stderr, "decode: %s\n", b64_strerror(st));
		return 2;
	}

	/* Any split of the input gives the same output: feed it as read.
	 * B64_NEED_OUTPUT: OUT is full; write it and go on from USED. */
	while (st == B64_OK && (n = fread(in, 1, sizeof(in), stdin)) > 0) {
		const unsigned char *p = in;

		do {
			st = b64_decode_update(&dec, p, n, &used, out,
			    sizeof(out), &len);
			if (fwrite(out, 1, len, stdout) != len) {
				perror("decode: write");
				return 1;
			}
			p += used;
			n -= used;
		} while (st == B64_NEED_OUTPUT);
	}
	if (ferror(stdin)) {
		perror("decode: read");
		return 1;
	}
	/* The end of the input: a quantum cut short, padding missing. */
	if (st == B64_OK)
		st = b64_decode_final(&dec);
	if (fflush(stdout) != 0) {
		perror("decode: write");
		return 1;
	}
	if (B64_IS_ERROR(st)) {
		/* What was decoded before the offending byte is out; say
		 * where it is and what is wrong there. */
		fprintf(stderr, "decode: line %" PRIu64 ", column %" PRIu64
		    " (byte %" PRIu64 "): %s", b64_decoder_error_line(&dec),
		    b64_decoder_error_column(&dec),
		    b64_decoder_error_offset(&dec), b64_strerror(st));
		if (st == B64_ERR_BAD_CHAR)
			fprintf(stderr, " 0x%02x",
			    b64_decoder_error_byte(&dec));
		fputc('\n', stderr);
		return 1;
	}
	return 0;
}
