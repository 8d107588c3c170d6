/*
 * name.c - header values, parameters and file names (name.h).
 */
#include <stdio.h>
#include <string.h>

#include "ew.h"
#include "name.h"
#include "text.h"

/* Sections of an RFC 2231 value kept; more are ignored. */
#define SECTIONS_MAX 64

struct param {
	const char *attr;
	size_t alen;
	const char *val;        /* as written, quotes removed */
	size_t vlen;
	int quoted;             /* a quoted-string: put_value() unquotes */
};

static int
is_wsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* RFC 2045 token characters: printable ASCII but tspecials. */
static int
is_token(char c)
{
	unsigned char u = (unsigned char)c;

	return u > 0x20 && u < 0x7f && strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

/*
 * Is V[I] a backslash that quotes V[I + 1] (a quoted-pair, RFC 822
 * section 3.4.4)?  Only before one of the characters in Q: in quoted
 * strings '"' and '\\' (a backslash before anything else is a literal
 * backslash, as in Windows paths), in comments also '(' and ')'.
 */
static int
is_pair(const char *v, size_t n, size_t i, const char *q)
{
	return v[i] == '\\' && i + 1 < n && v[i + 1] != 0 &&
	    strchr(q, v[i + 1]) != NULL;
}

/* Skip white space and (nested) comments. */
static size_t
skip_cfws(const char *v, size_t n, size_t i)
{
	int depth;

	for (;;) {
		while (i < n && is_wsp(v[i]))
			i++;
		if (i >= n || v[i] != '(')
			return i;
		for (depth = 0; i < n; i++) {
			if (is_pair(v, n, i, "()\\"))
				i++;
			else if (v[i] == '(')
				depth++;
			else if (v[i] == ')' && --depth == 0) {
				i++;
				break;
			}
		}
	}
}

/* Index of the first ';' at or after I outside quoted strings, or N. */
static size_t
next_semi(const char *v, size_t n, size_t i)
{
	int quoted = 0;

	for (; i < n; i++) {
		if (quoted && is_pair(v, n, i, "\"\\"))
			i++;
		else if (v[i] == '"')
			quoted = !quoted;
		else if (v[i] == ';' && !quoted)
			return i;
	}
	return n;
}

/* A parameter's value V (N bytes) as it means, appended to OUT: with
 * QUOTED, its quoted-pairs stand for the character they quote. */
static void
put_value(struct sbuf *out, const char *v, size_t n, int quoted)
{
	size_t i, start = 0;

	for (i = 0; quoted && i < n; i++) {
		if (is_pair(v, n, i, "\"\\")) {
			sb_put(out, v + start, i - start);
			start = ++i;    /* the quoted character goes on */
		}
	}
	sb_put(out, v + start, n - start);
}

/*
 * Where the first parameter of value V starts when the ';' before it is
 * missing ("multipart/mixed boundary=x", as some senders write it, and
 * as munpack and uudeview read it): after the leading type token (or
 * "type/subtype") and white space, a token then '='.  0 otherwise.
 */
static size_t
after_type(const char *v, size_t n, size_t i)
{
	size_t k;

	i = skip_cfws(v, n, i);
	while (i < n && (is_token(v[i]) || v[i] == '/'))
		i++;
	if (i >= n || (v[i] != ' ' && v[i] != '\t' && v[i] != '\r' &&
	    v[i] != '\n' && v[i] != '('))
		return 0;
	i = skip_cfws(v, n, i);
	for (k = i; k < n && is_token(v[k]); k++)
		;
	if (k == i || skip_cfws(v, n, k) >= n || v[skip_cfws(v, n, k)] != '=')
		return 0;
	return i;
}

int
mime_value_type(const char *v, size_t n, int one_token, char *type,
    size_t cap)
{
	size_t i, end, k = 0, j;
	int slash = 0;

	type[0] = 0;
	i = skip_cfws(v, n, 0);
	end = next_semi(v, n, i);
	for (j = i; j < end; j++) {
		if (v[j] == '/' && !slash && !one_token && j > i) {
			slash = 1;
		} else if (!is_token(v[j])) {
			/* Only white space or a comment may follow, or a
			 * parameter whose ';' is missing (after_type). */
			if (skip_cfws(v, end, j) != end &&
			    after_type(v, n, i) == 0) {
				type[0] = 0;
				return 0;
			}
			break;
		}
		if (k + 1 >= cap) {
			type[0] = 0;
			return 0;
		}
		type[k++] = (char)(v[j] >= 'A' && v[j] <= 'Z' ? v[j] + 32 :
		    v[j]);
	}
	type[k] = 0;
	if (k == 0 || (!one_token && (!slash || type[k - 1] == '/'))) {
		type[0] = 0;
		return 0;
	}
	return 1;
}

/* The next parameter after *POS; 0 at the end. */
static int
next_param(const char *v, size_t n, size_t *pos, struct param *p)
{
	size_t i = *pos, e;

	for (;;) {
		/* The first one may lack its ';' (after_type). */
		e = i == 0 ? after_type(v, n, 0) : 0;
		if (e > 0) {
			i = e;
		} else {
			i = next_semi(v, n, i);
			if (i >= n) {
				*pos = n;
				return 0;
			}
			i = skip_cfws(v, n, i + 1);
		}
		p->attr = v + i;
		while (i < n && is_token(v[i]))
			i++;
		p->alen = (size_t)(v + i - p->attr);
		i = skip_cfws(v, n, i);
		if (p->alen == 0 || i >= n || v[i] != '=')
			continue;
		i = skip_cfws(v, n, i + 1);
		p->quoted = i < n && v[i] == '"';
		if (p->quoted) {
			/* Up to the '"' that is not part of a quoted-pair. */
			p->val = v + i + 1;
			for (e = i + 1; e < n && v[e] != '"'; e++)
				if (is_pair(v, n, e, "\"\\"))
					e++;
			p->vlen = e - (i + 1);
			i = e < n ? e + 1 : n;
		} else {
			p->val = v + i;
			e = next_semi(v, n, i);
			while (e > i && is_wsp(v[e - 1]))
				e--;
			p->vlen = e - i;
			i = e;
		}
		*pos = i;
		return 1;
	}
}

/* ATTR of LEN bytes is BASE ("filename") followed by SUFFIX-free rest;
 * returns the rest's offset, or 0 if ATTR does not start with BASE. */
static size_t
attr_base(const char *attr, size_t len, const char *base)
{
	size_t bl = strlen(base);

	if (len < bl || !text_ieq(attr, bl, base))
		return 0;
	return bl;
}

int
mime_param_raw(const char *v, size_t n, const char *attr, struct sbuf *out)
{
	struct param p;
	size_t pos = 0;

	while (next_param(v, n, &pos, &p)) {
		if (text_ieq(p.attr, p.alen, attr)) {
			put_value(out, p.val, p.vlen, p.quoted);
			return 1;
		}
	}
	return 0;
}

static void
pct_decode(const char *s, size_t n, struct sbuf *out)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && n - i >= 3) {
			hi = text_hexval((unsigned char)s[i + 1]);
			lo = text_hexval((unsigned char)s[i + 2]);
			if (hi >= 0 && lo >= 0) {
				sb_putc(out, (unsigned char)(hi * 16 + lo));
				i += 2;
				continue;
			}
		}
		sb_putc(out, (unsigned char)s[i]);
	}
}

struct section {
	unsigned long num;
	int ext;                /* "*N*": percent-encoded */
	const char *val;
	size_t vlen;
	int quoted;
};

/* Parse the rest of an attribute after its base: "", "*", "*N", "*N*".
 * Returns 0 plain, 1 "*", 2 a section (*num, *ext), -1 something else. */
static int
attr_kind(const char *r, size_t n, unsigned long *num, int *ext)
{
	size_t i = 1;

	*num = 0;
	*ext = 0;
	if (n == 0)
		return 0;
	if (r[0] != '*')
		return -1;
	if (n == 1) {
		*ext = 1;
		return 1;
	}
	for (; i < n && r[i] >= '0' && r[i] <= '9'; i++) {
		if (*num > 100000)
			return -1;
		*num = *num * 10 + (unsigned long)(r[i] - '0');
	}
	if (i == 1)
		return -1;
	if (i < n && r[i] == '*' && i + 1 == n) {
		*ext = 1;
		return 2;
	}
	return i == n ? 2 : -1;
}

/* A plain value as a name: quoted-pairs undone, encoded-words decoded,
 * then UTF-8 checked. */
static void
plain_name(const char *s, size_t n, int quoted, struct sbuf *out)
{
	unsigned char raw[1024], tmp[EW_OUT_MAX(1024)];
	struct sbuf rb, sb;

	sb_init(&rb, raw, sizeof(raw));
	put_value(&rb, s, n, quoted);
	sb_init(&sb, tmp, sizeof(tmp));
	ew_decode((const char *)rb.p, rb.len, EW_NAME, &sb, NULL, NULL);
	text_to_utf8("utf-8", 5, sb.p, sb.len, TEXT_BAD_PCT, out);
}

/* RFC 2231 sections in number order, joined over gaps, into OUT. */
static void
join_sections(struct section *sec, size_t nsec, struct sbuf *out)
{
	unsigned char raw[4096], val[4096];
	char csbuf[64];
	struct sbuf sb, vb;
	const char *cs = NULL, *v, *q1, *q2;
	size_t cslen = 0, i, j, vlen, best;
	int done[SECTIONS_MAX] = { 0 };

	sb_init(&sb, raw, sizeof(raw));
	for (i = 0; i < nsec; i++) {
		best = nsec;
		for (j = 0; j < nsec; j++)
			if (!done[j] && (best == nsec ||
			    sec[j].num < sec[best].num))
				best = j;
		done[best] = 1;
		sb_init(&vb, val, sizeof(val));
		put_value(&vb, sec[best].val, sec[best].vlen, sec[best].quoted);
		v = (const char *)vb.p;
		vlen = vb.len;
		if (i == 0 && sec[best].ext &&
		    (q1 = memchr(v, '\'', vlen)) != NULL &&
		    (q2 = memchr(q1 + 1, '\'', vlen - (size_t)(q1 + 1 -
		    v))) != NULL) {
			/* (A label longer than csbuf is cut: no charset has
			 * such a name, so it stays unknown.) */
			cslen = (size_t)(q1 - v);
			if (cslen > sizeof(csbuf))
				cslen = sizeof(csbuf);
			memcpy(csbuf, v, cslen);
			cs = csbuf;
			vlen -= (size_t)(q2 + 1 - v);
			v = q2 + 1;
		}
		if (sec[best].ext)
			pct_decode(v, vlen, &sb);
		else
			sb_put(&sb, v, vlen);
	}
	if (cs == NULL || cslen == 0) {
		cs = "utf-8";
		cslen = 5;
	}
	text_to_utf8(cs, cslen, sb.p, sb.len, TEXT_BAD_PCT, out);
}

int
mime_param_name(const char *v, size_t n, const char *attr, struct sbuf *out)
{
	struct section sec[SECTIONS_MAX], single;
	struct param p;
	size_t pos = 0, nsec = 0, bl, i;
	const char *plain = NULL;
	size_t plainlen = 0;
	int have_single = 0, plain_quoted = 0, kind, ext, dup;
	unsigned long num;

	while (next_param(v, n, &pos, &p)) {
		bl = attr_base(p.attr, p.alen, attr);
		if (bl == 0)
			continue;
		kind = attr_kind(p.attr + bl, p.alen - bl, &num, &ext);
		if (kind == 0 && plain == NULL) {
			plain = p.val;
			plainlen = p.vlen;
			plain_quoted = p.quoted;
		} else if (kind == 1 && !have_single) {
			have_single = 1;
			single.num = 0;
			single.ext = 1;
			single.val = p.val;
			single.vlen = p.vlen;
			single.quoted = p.quoted;
		} else if (kind == 2 && nsec < SECTIONS_MAX) {
			for (dup = 0, i = 0; i < nsec; i++)
				dup |= sec[i].num == num;
			if (dup)
				continue;
			sec[nsec].num = num;
			sec[nsec].ext = ext;
			sec[nsec].val = p.val;
			sec[nsec].vlen = p.vlen;
			sec[nsec].quoted = p.quoted;
			nsec++;
		}
	}
	if (have_single) {
		join_sections(&single, 1, out);
		return 1;
	}
	if (nsec > 0) {
		join_sections(sec, nsec, out);
		return 1;
	}
	if (plain != NULL) {
		plain_name(plain, plainlen, plain_quoted, out);
		return 1;
	}
	return 0;
}

static const struct {
	const char *type, *ext;
} ext_table[] = {
	/* Keep in step with the table in man/base64.1. */
	{ "application/gzip", ".gz" },
	{ "application/json", ".json" },
	{ "application/msword", ".doc" },
	{ "application/octet-stream", ".bin" },
	{ "application/pdf", ".pdf" },
	{ "application/pgp-signature", ".asc" },
	{ "application/pkcs7-signature", ".p7s" },
	{ "application/rtf", ".rtf" },
	{ "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", ".xlsx" },
	{ "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document", ".docx" },
	{ "application/xml", ".xml" },
	{ "application/zip", ".zip" },
	{ "audio/mpeg", ".mp3" },
	{ "image/gif", ".gif" },
	{ "image/jpeg", ".jpg" },
	{ "image/png", ".png" },
	{ "image/svg+xml", ".svg" },
	{ "image/webp", ".webp" },
	{ "message/rfc822", ".eml" },
	{ "text/calendar", ".ics" },
	{ "text/csv", ".csv" },
	{ "text/html", ".html" },
	{ "text/plain", ".txt" },
	{ "text/xml", ".xml" },
	{ "video/mp4", ".mp4" },
};

const char *
mime_type_ext(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(ext_table) / sizeof(ext_table[0]); i++)
		if (strcmp(type, ext_table[i].type) == 0)
			return ext_table[i].ext;
	return "";
}

/* Offset of the extension's '.' in F (LEN bytes), or LEN if none. */
static size_t
ext_at(const char *f, size_t len)
{
	size_t i = len;

	while (i > 1 && f[i - 1] != '.')
		i--;
	if (i <= 1 || len - (i - 1) > MIME_EXT_MAX)
		return len;
	return i - 1;
}

/* BASE (cut at a character boundary) then EXT, at most MIME_FILE_MAX. */
static size_t
fit(const char *base, size_t blen, const char *ext, size_t elen,
    char out[MIME_FILE_MAX + 1])
{
	blen = text_utf8_cut((const unsigned char *)base, blen,
	    MIME_FILE_MAX - elen);
	memmove(out, base, blen);
	memmove(out + blen, ext, elen);
	out[blen + elen] = 0;
	return blen + elen;
}

size_t
mime_file_name(const unsigned char *name, size_t n, const char *path,
    const char *type, char out[MIME_FILE_MAX + 1])
{
	unsigned char buf[4 * MIME_FILE_MAX + 1024];
	struct sbuf sb;
	const char *ext;
	size_t i, k, e;

	/* The last path component. */
	for (i = n; i > 0; i--)
		if (name[i - 1] == '/' || name[i - 1] == '\\')
			break;
	name += i;
	n -= i;
	sb_init(&sb, buf, sizeof(buf));
	for (i = 0; i < n; i += k) {
		k = text_utf8_len(name + i, n - i);
		if (k == 0) {
			/* Not UTF-8 (callers pass UTF-8): treat as control. */
			sb_putc(&sb, '_');
			k = 1;
		} else if (text_is_bidi_control(name + i, k)) {
			continue;       /* removed */
		} else if (name[i] < 0x20 || name[i] == 0x7f ||
		    (name[i] == 0xc2 && name[i + 1] <= 0x9f)) {
			sb_putc(&sb, '_');
		} else if (sb.len == 0 && (name[i] == '.' || name[i] == '-' ||
		    name[i] == ' ')) {
			continue;       /* leading dots, dashes, blanks */
		} else {
			sb_put(&sb, name + i, k);
		}
		if (sb.over)
			break;
	}
	if (sb.len == 0) {
		ext = mime_type_ext(type);
		k = (size_t)snprintf(out, MIME_FILE_MAX + 1, "part-%s%s",
		    path, ext);
		if (k > MIME_FILE_MAX)
			k = MIME_FILE_MAX;
		/* An item's path ("2/1") holds a '/': '_' in a name. */
		for (i = 5; i < k; i++)
			if (out[i] == '/')
				out[i] = '_';
		return k;
	}
	e = ext_at((const char *)sb.p, sb.len);
	return fit((const char *)sb.p, e, (const char *)sb.p + e, sb.len - e,
	    out);
}

size_t
mime_file_numbered(const char *file, unsigned long k,
    char out[MIME_FILE_MAX + 1])
{
	char tail[MIME_EXT_MAX + 32];
	char base[MIME_FILE_MAX + 1];
	size_t len = strlen(file), e;

	e = ext_at(file, len);
	snprintf(tail, sizeof(tail), "-%lu%s", k, file + e);
	memcpy(base, file, e);
	return fit(base, e, tail, strlen(tail), out);
}
