/*
 * tnef.c - the files inside a TNEF stream (tnef.h has the rules).
 */
#include "tnef.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

#define TNEF_SIGNATURE   0x223E9F78u

/* Attribute ids (MS-OXTNEF section 2.1.3.3): the type in the high word. */
#define ATT_OEM_CODEPAGE 0x00069007u
#define ATT_RENDDATA     0x00069002u
#define ATT_ATTACH_TITLE 0x00018010u
#define ATT_ATTACH_DATA  0x0006800Fu
#define ATT_ATTACHMENT   0x00069005u

/* MAPI property ids and types ([MS-OXPROPS], [MS-OXCDATA] 2.11.1). */
#define PR_ATTACH_DATA       0x3701u
#define PR_ATTACH_FILENAME   0x3704u
#define PR_ATTACH_LONG_NAME  0x3707u
#define PT_STRING8           0x001Eu
#define PT_UNICODE           0x001Fu
#define PT_BINARY            0x0102u
#define PT_OBJECT            0x000Du
#define MV_FLAG              0x1000u

enum { ST_SIG, ST_HEAD, ST_DATA, ST_SUM };

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

void
tnef_init(struct tnef_parser *t, const struct tnef_handler *h)
{
	t->h = *h;
	t->state = ST_SIG;
	t->bad = 0;
	t->have = 0;
	t->codepage = 1252;
	t->in_attach = t->started = t->damaged = t->has_data_attr = 0;
	t->holding = 0;
	t->held = 0;
	t->title_len = t->long_len = t->file_len = 0;
	sb_init(&t->kept, t->buf, sizeof(t->buf));
}

/* Give the held attAttachData to the file: it is its data. */
static void
release_hold(struct tnef_parser *t)
{
	if (t->holding && t->held > 0 && t->h.data != NULL)
		t->h.data(t->h.ctx, t->hold, t->held);
	t->holding = 0;
	t->held = 0;
}

/* A name in the stream's 8-bit code page, or UTF-16LE (UNICODE), cut at
 * its first NUL, into DST as UTF-8. */
static size_t
take_name(struct tnef_parser *t, const unsigned char *s, size_t n,
    int unicode, unsigned char dst[TNEF_NAME_MAX])
{
	unsigned char tmp[4 * TNEF_NAME_MAX];
	char cs[32];
	struct sbuf sb;
	size_t i;

	for (i = 0; i < n; i += unicode ? 2 : 1)
		if (s[i] == 0 && (!unicode || (i + 1 < n && s[i + 1] == 0)))
			break;
	n = i < n ? i : n;
	if (n > TNEF_NAME_MAX)
		n = TNEF_NAME_MAX;
	sb_init(&sb, tmp, sizeof(tmp));
	if (unicode)
		(void)text_to_utf8("utf-16le", 8, s, n & ~(size_t)1,
		    TEXT_BAD_PCT, &sb);
	else {
		(void)snprintf(cs, sizeof(cs), "windows-%u", t->codepage);
		(void)text_to_utf8(cs, strlen(cs), s, n, TEXT_BAD_PCT, &sb);
	}
	n = text_utf8_cut(sb.p, sb.len, TNEF_NAME_MAX);
	memcpy(dst, sb.p, n);
	return n;
}

static void
file_begin(struct tnef_parser *t)
{
	if (t->started)
		return;
	t->started = 1;
	if (t->h.begin != NULL)
		t->h.begin(t->h.ctx);
}

static void
attach_end(struct tnef_parser *t)
{
	const unsigned char *name = t->long_name;
	size_t n = t->long_len;

	release_hold(t);
	if (t->started && t->h.end != NULL) {
		if (n == 0) {
			name = t->title;
			n = t->title_len;
		}
		if (n == 0) {
			name = t->file_name;
			n = t->file_len;
		}
		t->h.end(t->h.ctx, name, n, t->damaged);
	}
	t->in_attach = t->started = t->damaged = t->has_data_attr = 0;
	t->title_len = t->long_len = t->file_len = 0;
}

/*
 * The MAPI property list of attAttachment ([MS-OXTNEF] 2.1.3.4): names,
 * and the data where there was no attAttachData.  A value it cannot walk
 * past ends the walk: what was found before it stands.
 */
static void
props(struct tnef_parser *t, const unsigned char *p, size_t n)
{
	size_t i = 4, k, len, pad;
	uint32_t count, nv, v, type, id;

	if (n < 4)
		return;
	count = le32(p);
	for (; count > 0; count--) {
		if (n - i < 4)
			return;
		type = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8;
		id = (uint32_t)p[i + 2] | (uint32_t)p[i + 3] << 8;
		i += 4;
		if (id >= 0x8000) {
			/* A named property: GUID, kind, number or name. */
			if (n - i < 20)
				return;
			k = le32(p + i + 16);
			i += 20;
			if (k != 0) {
				if (n - i < 4)
					return;
				len = le32(p + i);
				i += 4;
				pad = (4 - len % 4) % 4;
				if (len > n - i || pad > n - i - len)
					return;
				i += len + pad;
			}
		}
		nv = 1;
		if (type & MV_FLAG || type == PT_STRING8 ||
		    type == PT_UNICODE || type == PT_BINARY ||
		    type == PT_OBJECT) {
			if (n - i < 4)
				return;
			nv = le32(p + i);
			i += 4;
		}
		type &= ~MV_FLAG;
		for (v = 0; v < nv; v++) {
			switch (type) {
			case 0x0002: case 0x0003: case 0x0004: case 0x000A:
			case 0x000B:
				len = 4;
				break;
			case 0x0005: case 0x0006: case 0x0007: case 0x0014:
			case 0x0040:
				len = 8;
				break;
			case 0x0048:
				len = 16;
				break;
			case PT_STRING8: case PT_UNICODE: case PT_BINARY:
			case PT_OBJECT:
				if (n - i < 4)
					return;
				len = le32(p + i);
				i += 4;
				pad = (4 - len % 4) % 4;
				if (len > n - i || pad > n - i - len)
					return;
				if (v == 0 && id == PR_ATTACH_LONG_NAME &&
				    (type == PT_STRING8 || type == PT_UNICODE))
					t->long_len = take_name(t, p + i, len,
					    type == PT_UNICODE, t->long_name);
				else if (v == 0 && id == PR_ATTACH_FILENAME &&
				    (type == PT_STRING8 || type == PT_UNICODE))
					t->file_len = take_name(t, p + i, len,
					    type == PT_UNICODE, t->file_name);
				else if (v == 0 && id == PR_ATTACH_DATA &&
				    (t->holding || (!t->has_data_attr &&
				    !t->started)) &&
				    (type == PT_BINARY || type == PT_OBJECT)) {
					/* The file's data, in place of a held
					 * attAttachData.  (An object's bytes
					 * start with its interface's GUID:
					 * kept, as the tnef tool keeps
					 * them.) */
					t->holding = 0;
					t->held = 0;
					file_begin(t);
					if (t->h.data != NULL && len > 0)
						t->h.data(t->h.ctx, p + i, len);
				}
				len += pad;
				break;
			default:
				return;
			}
			if (len > n - i)
				return;
			i += len;
		}
	}
}

/* Whether the attribute being read is an attachment's data. */
static int
is_data(const struct tnef_parser *t)
{
	return t->id == ATT_ATTACH_DATA && t->level == 2;
}

/* The attribute in buf is complete (checksum CK_OK). */
static void
attribute_done(struct tnef_parser *t, int ck_ok)
{
	if (is_data(t)) {
		if (!ck_ok)
			t->damaged = 1;
		return;
	}
	if (!t->keep)
		return;
	if (t->kept.over || !ck_ok) {
		if (t->in_attach)
			t->damaged = 1;
		return;
	}
	if (t->id == ATT_OEM_CODEPAGE && t->kept.len >= 4)
		t->codepage = le32(t->buf);
	else if (t->id == ATT_ATTACH_TITLE && t->in_attach)
		t->title_len = take_name(t, t->buf, t->kept.len, 0, t->title);
	else if (t->id == ATT_ATTACHMENT && t->in_attach)
		props(t, t->buf, t->kept.len);
}

/* A new attribute's header is in head. */
static void
attribute_start(struct tnef_parser *t)
{
	t->level = t->head[0];
	t->id = le32(t->head + 1);
	t->len = t->left = le32(t->head + 5);
	t->sum = 0;
	sb_init(&t->kept, t->buf, sizeof(t->buf));
	if (t->level == 2 && t->id == ATT_RENDDATA) {
		attach_end(t);
		t->in_attach = 1;
	}
	t->keep = t->id == ATT_OEM_CODEPAGE ||
	    (t->in_attach && (t->id == ATT_ATTACH_TITLE ||
	    t->id == ATT_ATTACHMENT));
	if (is_data(t) && t->in_attach) {
		t->has_data_attr = 1;
		t->holding = 1;
		t->held = 0;
		file_begin(t);
	}
}

/* The bytes of the fixed-size field each state reads into head (the
 * signature and key, an attribute's header, its checksum); ST_DATA reads
 * the value. */
static const size_t field_size[] = {
	[ST_SIG] = 6, [ST_HEAD] = 9, [ST_DATA] = 0, [ST_SUM] = 2
};

/* The field in head is complete. */
static void
field_done(struct tnef_parser *t)
{
	switch (t->state) {
	case ST_SIG:
		if (le32(t->head) != TNEF_SIGNATURE)
			t->bad = 1;
		t->state = ST_HEAD;
		break;
	case ST_HEAD:
		attribute_start(t);
		t->state = t->left > 0 ? ST_DATA : ST_SUM;
		break;
	default:
		attribute_done(t, (uint16_t)(t->head[0] | t->head[1] << 8) ==
		    t->sum);
		t->state = ST_HEAD;
		break;
	}
}

void
tnef_feed(struct tnef_parser *t, const unsigned char *s, size_t n)
{
	size_t k, i;

	while (n > 0 && !t->bad) {
		if (t->state != ST_DATA) {
			t->head[t->have++] = *s++;
			n--;
			if (t->have == field_size[t->state]) {
				t->have = 0;
				field_done(t);
			}
			continue;
		}
		k = n < t->left ? n : t->left;
		for (i = 0; i < k; i++)
			t->sum = (uint16_t)(t->sum + s[i]);
		if (is_data(t) && t->started) {
			if (t->holding && k > TNEF_HOLD - t->held)
				release_hold(t);
			if (t->holding) {
				memcpy(t->hold + t->held, s, k);
				t->held += k;
			} else if (t->h.data != NULL) {
				t->h.data(t->h.ctx, s, k);
			}
		} else if (t->keep) {
			sb_put(&t->kept, s, k);
		}
		s += k;
		n -= k;
		t->left -= (uint32_t)k;
		if (t->left == 0)
			t->state = ST_SUM;
	}
}

int
tnef_finish(struct tnef_parser *t)
{
	int whole = !t->bad && t->state == ST_HEAD && t->have == 0;

	if (!whole)
		t->damaged = 1;
	attach_end(t);
	return whole ? 0 : -1;
}
