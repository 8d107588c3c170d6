/*
 * cms.c - the signed content inside S/MIME opaque signed data (cms.h).
 */
#include "cms.h"

#include <string.h>

/* id-signedData, 1.2.840.113549.1.7.2 (RFC 5652 section 5.1), as DER. */
static const unsigned char signed_data[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02
};

#define INDEFINITE UINT64_MAX

/* The steps along the path; each reads one header, then maybe a value. */
enum {
	S_CONTENT_INFO,         /* SEQUENCE */
	S_CONTENT_TYPE,         /* OID header */
	S_CONTENT_TYPE_VALUE,   /* its value, kept */
	S_CONTENT,              /* [0] */
	S_SIGNED_DATA,          /* SEQUENCE */
	S_VERSION,              /* INTEGER */
	S_DIGESTS,              /* SET */
	S_ENCAP,                /* SEQUENCE */
	S_ECONTENT_TYPE,        /* OID */
	S_ECONTENT_TAG,         /* [0], or the end: detached */
	S_ECONTENT,             /* OCTET STRING, primitive or constructed */
	S_PIECE,                /* a primitive piece, or the end */
	S_SKIP,                 /* a value skipped, then NEXT */
	S_STREAM,               /* eContent bytes handed on, then NEXT */
	S_END,
};

void
cms_init(struct cms_reader *r,
    void (*content)(void *ctx, const unsigned char *s, size_t n),
    void *ctx)
{
	memset(r, 0, sizeof(*r));
	r->content = content;
	r->ctx = ctx;
	r->step = S_CONTENT_INFO;
	r->result = CMS_MORE;
}

/* Header bytes in head: 1 when complete (*TAG, *LEN: the value's length
 * or INDEFINITE, *HLEN: the header's), 0 when more are needed, -1 when
 * it is not one this reader takes. */
static int
header(const struct cms_reader *r, unsigned *tag, uint64_t *len,
    size_t *hlen)
{
	size_t k, i;

	if (r->have < 2)
		return 0;
	if ((r->head[0] & 0x1f) == 0x1f)
		return -1;      /* a tag number above 30: not on our path */
	*tag = r->head[0];
	if (r->head[1] < 0x80) {
		*len = r->head[1];
		*hlen = 2;
		return 1;
	}
	if (r->head[1] == 0x80) {
		*len = INDEFINITE;
		*hlen = 2;
		return 1;
	}
	k = r->head[1] & 0x7f;
	if (k > 4)
		return -1;
	if (r->have < 2 + k)
		return 0;
	*len = 0;
	for (i = 0; i < k; i++)
		*len = *len << 8 | r->head[2 + i];
	*hlen = 2 + k;
	return 1;
}

/* The reader has decided: RES (not CMS_MORE); nothing more is read. */
static void
decide(struct cms_reader *r, enum cms_result res)
{
	r->result = res;
	r->step = S_END;
}

/* After a primitive piece of a constructed eContent (or a piece's
 * header, when it is empty): CMS_DONE after the last, else CMS_MORE. */
static enum cms_result
piece_over(struct cms_reader *r)
{
	if (r->pieces_definite && r->pieces_left == 0)
		return CMS_DONE;
	r->step = S_PIECE;
	return CMS_MORE;
}

/* A complete header for the current step: CMS_MORE with the next step
 * set, or the decision. */
static enum cms_result
on_header(struct cms_reader *r, unsigned tag, uint64_t len, size_t hlen)
{
	switch (r->step) {
	case S_CONTENT_INFO:
		if (tag != 0x30)
			return CMS_BAD;
		r->step = S_CONTENT_TYPE;
		return CMS_MORE;
	case S_CONTENT_TYPE:
		if (tag != 0x06 || len == INDEFINITE || len > sizeof(r->oid))
			return CMS_BAD;
		if (len == 0)
			return CMS_OTHER;
		r->oid_len = 0;
		r->left = len;
		r->step = S_CONTENT_TYPE_VALUE;
		return CMS_MORE;
	case S_CONTENT:
		if (tag != 0xa0)
			return CMS_OTHER;
		r->step = S_SIGNED_DATA;
		return CMS_MORE;
	case S_SIGNED_DATA:
		if (tag != 0x30)
			return CMS_BAD;
		r->step = S_VERSION;
		return CMS_MORE;
	case S_ENCAP:
		if (tag != 0x30)
			return CMS_BAD;
		r->encap_left = len;
		r->step = S_ECONTENT_TYPE;
		return CMS_MORE;
	case S_VERSION:
	case S_DIGESTS:
	case S_ECONTENT_TYPE:
		if (len == INDEFINITE || tag != (r->step == S_VERSION ? 0x02u :
		    r->step == S_DIGESTS ? 0x31u : 0x06u))
			return CMS_BAD;
		if (r->step == S_ECONTENT_TYPE && r->encap_left != INDEFINITE) {
			/* A definite encapsulation holding only the type:
			 * detached content. */
			if (r->encap_left < hlen + len)
				return CMS_BAD;
			if (r->encap_left == hlen + len)
				return CMS_OTHER;
		}
		r->next = r->step == S_VERSION ? S_DIGESTS :
		    r->step == S_DIGESTS ? S_ENCAP : S_ECONTENT_TAG;
		r->left = len;
		r->step = len > 0 ? S_SKIP : r->next;
		return CMS_MORE;
	case S_ECONTENT_TAG:
		if (tag != 0xa0)
			return CMS_OTHER;       /* detached */
		r->step = S_ECONTENT;
		return CMS_MORE;
	case S_ECONTENT:
		if (tag == 0x04 && len != INDEFINITE) {
			/* Primitive: one piece, the last. */
			r->pieces_definite = 1;
			r->pieces_left = 0;
			r->left = len;
			if (len == 0)
				return CMS_DONE;
			r->step = S_STREAM;
			return CMS_MORE;
		}
		if (tag != 0x24)
			return CMS_BAD;
		r->pieces_definite = len != INDEFINITE;
		r->pieces_left = len;
		if (r->pieces_definite && len == 0)
			return CMS_DONE;
		r->step = S_PIECE;
		return CMS_MORE;
	case S_PIECE:
		if (!r->pieces_definite && tag == 0 && len == 0)
			return CMS_DONE;        /* end-of-contents */
		if (tag != 0x04 || len == INDEFINITE)
			return CMS_BAD;
		if (r->pieces_definite) {
			if (r->pieces_left < hlen + len)
				return CMS_BAD;
			r->pieces_left -= hlen + len;
		}
		r->left = len;
		if (len == 0)
			return piece_over(r);
		r->step = S_STREAM;
		return CMS_MORE;
	default:
		return CMS_BAD;
	}
}

enum cms_result
cms_feed(struct cms_reader *r, const unsigned char *s, size_t n)
{
	unsigned tag = 0;
	uint64_t len = 0;
	size_t hlen = 0, k;
	enum cms_result res;
	int h;

	while (n > 0 && r->step != S_END) {
		switch (r->step) {
		case S_CONTENT_TYPE_VALUE:
			r->oid[r->oid_len++] = *s++;
			n--;
			if (--r->left > 0)
				break;
			if (r->oid_len != sizeof(signed_data) ||
			    memcmp(r->oid, signed_data, r->oid_len) != 0)
				decide(r, CMS_OTHER);
			else
				r->step = S_CONTENT;
			break;
		case S_SKIP:
			k = n < r->left ? n : (size_t)r->left;
			s += k;
			n -= k;
			r->left -= k;
			if (r->left == 0)
				r->step = r->next;
			break;
		case S_STREAM:
			k = n < r->left ? n : (size_t)r->left;
			if (r->content != NULL)
				r->content(r->ctx, s, k);
			s += k;
			n -= k;
			r->left -= k;
			if (r->left == 0 && (res = piece_over(r)) != CMS_MORE)
				decide(r, res);
			break;
		default:
			r->head[r->have++] = *s++;
			n--;
			h = header(r, &tag, &len, &hlen);
			if (h < 0 || (h == 0 && r->have == sizeof(r->head))) {
				decide(r, CMS_BAD);
				break;
			}
			if (h == 0)
				break;
			r->have = 0;
			if ((res = on_header(r, tag, len, hlen)) != CMS_MORE)
				decide(r, res);
			break;
		}
	}
	return r->result;
}

enum cms_result
cms_finish(struct cms_reader *r)
{
	if (r->result == CMS_MORE)
		r->result = CMS_BAD;    /* cut short */
	return r->result;
}
