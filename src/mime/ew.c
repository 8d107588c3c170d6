/*
 * ew.c - RFC 2047 encoded-word decoder (ew.h).
 *
 * One pass over the line.  Decoded words are gathered in a "run": the
 * bytes of consecutive words of one charset, converted together when the
 * run ends (different charset, text between words, end of input), so
 * that multi-byte characters split across words survive.
 */
#include <string.h>
#include <strings.h>

#include "b64.h"
#include "ew.h"
#include "text.h"

/* Decoded bytes one run holds; a longer run is converted in pieces. */
#define EW_RUN_MAX 4096

struct word {
	size_t len;             /* of the whole "=?...?=" */
	const char *cs;         /* charset, without the language */
	size_t cslen;
	char enc;               /* 'B' or 'Q' as written */
	const char *text;
	size_t textlen;
};

struct run {
	int active;
	const char *cs;
	size_t cslen;
	size_t start, end;      /* input span of its words */
	size_t lead;            /* where to copy from if it fails: before
	                         * the white space dropped ahead of it */
	size_t nbytes;
	unsigned char bytes[EW_RUN_MAX];
};

struct ew {
	const char *in;
	size_t n;
	unsigned flags;
	struct sbuf *out;
	ew_report_fn *report;
	void *ctx;
	size_t nbad;
	struct run run;
};

static int
is_wsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Parse "=?cs[*lang]?e?text?=" at IN (N bytes): 1 if well formed. */
static int
parse_word(const char *in, size_t n, struct word *w)
{
	size_t i = 2, q1, q2;

	if (n < 2 || in[0] != '=' || in[1] != '?')
		return 0;
	while (i < n && in[i] != '?' && !is_wsp(in[i]) &&
	    (unsigned char)in[i] > 0x20 && in[i] != 0x7f)
		i++;
	if (i == n || in[i] != '?' || i == 2)
		return 0;
	q1 = i;
	if (q1 + 2 >= n || in[q1 + 2] != '?')
		return 0;
	w->enc = in[q1 + 1];
	q2 = q1 + 2;
	for (i = q2 + 1; i < n && in[i] != '?'; i++)
		if (is_wsp(in[i]))
			return 0;
	if (i + 1 >= n || in[i + 1] != '=')
		return 0;
	w->cs = in + 2;
	w->cslen = q1 - 2;
	/* RFC 2231 section 5: "charset*language". */
	{
		const char *star = memchr(w->cs, '*', w->cslen);

		if (star != NULL)
			w->cslen = (size_t)(star - w->cs);
	}
	w->text = in + q2 + 1;
	w->textlen = i - (q2 + 1);
	w->len = i + 2;
	return w->cslen > 0;
}

/*
 * Decode the word's text into OUT (room for textlen bytes).  Returns the
 * reason it is bad, NULL when fine; *olen gets what was decoded (as far
 * as it went, for lenient callers).
 */
static const char *
decode_text(const struct word *w, int lenient, unsigned char *out,
    size_t *olen)
{
	const unsigned char *t = (const unsigned char *)w->text;
	size_t i, o = 0;
	enum b64_status st;

	*olen = 0;
	if (w->enc == 'B' || w->enc == 'b') {
		st = b64_decode(t, w->textlen, out, w->textlen, olen, NULL,
		    lenient ? B64_LENIENT | B64_SKIP_GARBAGE : 0);
		return B64_IS_ERROR(st) ? "invalid base64 in encoded-word" :
		    NULL;
	}
	if (w->enc != 'Q' && w->enc != 'q')
		return "unknown encoding in encoded-word";
	for (i = 0; i < w->textlen; i++) {
		if (t[i] == '_') {
			out[o++] = ' ';
		} else if (t[i] != '=') {
			out[o++] = t[i];
		} else if (i + 2 < w->textlen && text_hexval(t[i + 1]) >= 0 &&
		    text_hexval(t[i + 2]) >= 0) {
			out[o++] = (unsigned char)(text_hexval(t[i + 1]) * 16 +
			    text_hexval(t[i + 2]));
			i += 2;
		} else {
			if (!lenient) {
				*olen = o;
				return "invalid quoted-printable in "
				    "encoded-word";
			}
			out[o++] = '=';
		}
	}
	*olen = o;
	return NULL;
}

static enum text_bad
bad_mode(const struct ew *e)
{
	if (e->flags & EW_NAME)
		return TEXT_BAD_PCT;
	return (e->flags & EW_LENIENT) ? TEXT_BAD_FFFD : TEXT_BAD_FAIL;
}

/* Converted text goes out escaped, except for names. */
static void
emit_decoded(struct ew *e, const unsigned char *s, size_t n)
{
	if (e->flags & EW_NAME)
		sb_put(e->out, s, n);
	else
		text_escape(s, n, 0, e->out);
}

static void
bad(struct ew *e, size_t off, const char *reason)
{
	e->nbad++;
	if (e->report != NULL)
		e->report(e->ctx, off, reason);
}

/*
 * Convert and write the run; a run that fails is written as it stood,
 * with the white space dropped before it.  Returns 0 when it failed.
 */
static int
run_flush(struct ew *e)
{
	struct run *r = &e->run;
	unsigned char tmp[4 * EW_RUN_MAX + 16];
	struct sbuf sb;
	long nbad;

	if (!r->active)
		return 1;
	r->active = 0;
	sb_init(&sb, tmp, sizeof(tmp));
	nbad = text_to_utf8(r->cs, r->cslen, r->bytes, r->nbytes,
	    bad_mode(e), &sb);
	if (nbad < 0) {
		bad(e, r->start, text_charset_known(r->cs, r->cslen) ?
		    "invalid bytes for its charset in encoded-word" :
		    "unknown charset in encoded-word");
		sb_put(e->out, e->in + r->lead, r->end - r->lead);
		return 0;
	}
	emit_decoded(e, sb.p, sb.len);
	return 1;
}

/*
 * Add a decoded word at AT to the run.  WS is where the white space
 * before it starts (AT if none): a word that joins the run drops that
 * space; one that starts a new run drops it too unless the run before
 * failed (then the space sits between two pieces of plain text).
 */
static void
run_add(struct ew *e, const struct word *w, size_t at, size_t ws,
    const unsigned char *b, size_t n)
{
	struct run *r = &e->run;

	if (r->active && (r->cslen != w->cslen ||
	    strncasecmp(r->cs, w->cs, w->cslen) != 0 ||
	    r->nbytes + n > EW_RUN_MAX)) {
		if (!run_flush(e)) {
			sb_put(e->out, e->in + ws, at - ws);
			ws = at;
		}
	}
	if (!r->active) {
		r->active = 1;
		r->cs = w->cs;
		r->cslen = w->cslen;
		r->start = at;
		r->lead = ws;
		r->nbytes = 0;
	}
	memcpy(r->bytes + r->nbytes, b, n);
	r->nbytes += n;
	r->end = at + w->len;
}

/* May a word start at I / end before J (RFC 2047 section 5)? */
static int
may_start(const struct ew *e, size_t i, int quoted)
{
	char c;

	if (e->flags & EW_NAME)
		return 1;
	if (quoted && !(e->flags & EW_LENIENT))
		return 0;
	if (i == 0)
		return 1;
	c = e->in[i - 1];
	return is_wsp(c) || c == '(' || ((e->flags & EW_LENIENT) && c == '"');
}

static int
may_end(const struct ew *e, size_t j)
{
	char c;

	if ((e->flags & EW_NAME) || j == e->n)
		return 1;
	c = e->in[j];
	return is_wsp(c) || c == ')' || ((e->flags & EW_LENIENT) && c == '"');
}

static int
is_bad_letter(char enc)
{
	return enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q';
}

size_t
ew_decode(const char *in, size_t n, unsigned flags, struct sbuf *out,
    ew_report_fn *report, void *ctx)
{
	struct ew e;
	struct word w;
	unsigned char dec[EW_RUN_MAX];
	const char *why;
	size_t i = 0, ws = 0, olen;
	int quoted = 0, in_ws = 0;
	int loose = (flags & (EW_LENIENT | EW_NAME)) != 0;

	e.in = in;
	e.n = n;
	e.flags = flags;
	e.out = out;
	e.report = report;
	e.ctx = ctx;
	e.nbad = 0;
	e.run.active = 0;
	while (i < n) {
		if (in[i] == '=' && i + 1 < n && in[i + 1] == '?' &&
		    may_start(&e, i, quoted) &&
		    parse_word(in + i, n - i, &w) && may_end(&e, i + w.len) &&
		    w.textlen <= sizeof(dec) && !(loose &&
		    is_bad_letter(w.enc))) {
			why = decode_text(&w, loose, dec, &olen);
			if (why != NULL && !loose) {
				/* Left exactly as written. */
				run_flush(&e);
				if (in_ws)
					sb_put(out, in + ws, i - ws);
				in_ws = 0;
				bad(&e, i, why);
				sb_put(out, in + i, w.len);
				i += w.len;
				continue;
			}
			/* White space between two words is dropped. */
			run_add(&e, &w, i, in_ws ? ws : i, dec, olen);
			in_ws = 0;
			i += w.len;
			continue;
		}
		if (e.run.active && is_wsp(in[i])) {
			if (!in_ws) {
				in_ws = 1;
				ws = i;
			}
			i++;
			continue;
		}
		run_flush(&e);
		if (in_ws)
			sb_put(out, in + ws, i - ws);
		in_ws = 0;
		if (in[i] == '"' && !(flags & EW_NAME)) {
			quoted = !quoted;
		} else if (in[i] == '\\' && quoted && i + 1 < n) {
			sb_put(out, in + i, 2);
			i += 2;
			continue;
		}
		sb_putc(out, (unsigned char)in[i]);
		i++;
	}
	run_flush(&e);
	if (in_ws)
		sb_put(out, in + ws, n - ws);
	return e.nbad;
}
