/*
 * cms.h - the signed content inside S/MIME opaque signed data (RFC 8551
 * section 3.5.2: application/pkcs7-mime, smime.p7m), read in any pieces.
 *
 * The DER (or BER, as "openssl cms -sign -stream" writes it) is followed
 * along one path only, RFC 5652's:
 *     ContentInfo SEQUENCE { contentType OID id-signedData,
 *       [0] SignedData SEQUENCE { version INTEGER,
 *         digestAlgorithms SET,
 *         encapContentInfo SEQUENCE { eContentType OID,
 *           [0] eContent OCTET STRING (primitive, or constructed of
 *               primitive pieces, definite or indefinite length) } ...
 * and the eContent's bytes are handed on as they come; what follows them
 * (certificates, signatures) is not read.  The signature is not checked.
 * Any other content type (enveloped data: encrypted) or a signature
 * without the content in it (detached) is CMS_OTHER; input that breaks
 * the path is CMS_BAD.  No allocation, no I/O.
 */
#ifndef SEXTET_CMS_H
#define SEXTET_CMS_H

#include <stddef.h>
#include <stdint.h>

enum cms_result {
	CMS_MORE,               /* still reading */
	CMS_DONE,               /* the whole eContent was handed on */
	CMS_OTHER,              /* not signed data holding its content */
	CMS_BAD,                /* not DER/BER along the path */
};

struct cms_reader {
	/* private */
	void (*content)(void *ctx, const unsigned char *s, size_t n);
	void *ctx;
	int step;
	enum cms_result result;
	unsigned char head[6];  /* a tag and its length octets */
	size_t have;
	unsigned char oid[16];
	size_t oid_len;
	uint64_t left;          /* value bytes to skip or hand on */
	int next;               /* the step after them */
	uint64_t encap_left;    /* encapContentInfo's length left */
	int pieces_definite;    /* a constructed eContent's length form */
	uint64_t pieces_left;
};

void cms_init(struct cms_reader *r,
    void (*content)(void *ctx, const unsigned char *s, size_t n),
    void *ctx);
enum cms_result cms_feed(struct cms_reader *r, const unsigned char *s,
    size_t n);

/* The end of the input: CMS_DONE, CMS_OTHER or CMS_BAD (cut short). */
enum cms_result cms_finish(struct cms_reader *r);

#endif /* SEXTET_CMS_H */
