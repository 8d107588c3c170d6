/*
 * mail.h - the e-mail options (man/base64.1, E-MAIL): --list, --extract,
 * --decode-header: a source and a sink of the pump (pump.c).  Each reads
 * the whole input from SRC, writes its report to OUT_FD (the sink's
 * descriptor; pump.c commits or drops it), diagnostics with diag(), and
 * returns the exit status: 0 every part clean; 2 some part damaged or
 * truncated (or a multipart's boundary never appears); 1 an I/O error, a
 * part refused under STRICT, or input with no MIME structure at all.
 */
#ifndef SEXTET_MAIL_H
#define SEXTET_MAIL_H

struct options;
struct source;

/* Run the e-mail mode OPT names (opt->mail) from its input to its output
 * (or, for --extract, its directory); the exit status. */
int mail_run(const struct options *opt);

struct mail_opts {
	int nul;        /* -z: NUL after each printed path, not LF */
	int all;        /* --all: text bodies and nameless parts too */
	int strict;     /* --strict: damaged parts are not written */
	int lenient;    /* --lenient (for --decode-header) */
};

/* PATH TYPE ENCODING SIZE STATUS NAME FILE, one line per leaf part. */
int mail_list(struct source *src, int out_fd, const struct mail_opts *o);

/* Write the parts with a FILE into DIR (which must exist), printing
 * "DIR/FILE" for each. */
int mail_extract(struct source *src, const char *dir, int out_fd,
    const struct mail_opts *o);

/* Copy text, RFC 2047 encoded-words decoded, folded lines unfolded. */
int mail_decode_header(struct source *src, int out_fd, const struct mail_opts *o);

#endif /* SEXTET_MAIL_H */
