/*
 * mime.h - push parser for RFC 5322 + MIME messages, single MIME entities
 * and mboxes (the rules users see: man/base64.1, E-MAIL).
 *
 * The caller owns a struct mime_parser (about 60 KiB; put it in static
 * or allocated memory), calls mime_init(), then mime_feed() with the
 * input in any split, then mime_finish().  The parser calls back for
 * every leaf part, in document order:
 *
 *	part_begin(ctx, part)           type, encoding, name known
 *	part_data(ctx, part, buf, n)    decoded body bytes, in order
 *	part_end(ctx, part)             size, status, first damage
 *
 * and notice(ctx, ...) for findings that belong to no part (a multipart
 * whose boundary never appears, input that is not a message).  A callback
 * returning non-zero stops the parser: mime_feed()/mime_finish() return
 * MIME_STOPPED from then on.  The listing the callbacks see is the same
 * for every split of the input.
 *
 * Memory is bounded whatever the message: lines are looked at through a
 * MIME_PEEK-byte window (a longer line is body text: never a delimiter,
 * header or mbox separator beyond its first MIME_PEEK bytes), a header
 * field may be MIME_HEADER_MAX bytes unfolded (a longer Content-* field
 * makes its part "damaged" with MIME_DMG_HEADER and is otherwise
 * ignored; longer other fields are skipped), multiparts nest
 * MIME_DEPTH_MAX deep and section paths hold MIME_PATH_NUMS numbers
 * (deeper ones are a damaged leaf, MIME_DMG_DEPTH: the path is never
 * pushed past its array), boundaries are at most MIME_BOUNDARY_MAX bytes
 * (longer: as if absent).
 *
 * Structure decisions, where the RFCs leave room:
 *  - a delimiter line is "--B" or "--B--" then only blanks (CR before the
 *    LF allowed); the line end before it belongs to it; boundaries are
 *    matched innermost first;
 *  - a line in a header block that is not a header field starts the body;
 *    of repeated Content-* fields the first wins;
 *  - no Content-Type: text/plain (message/rfc822 in multipart/digest); an
 *    invalid one counts as text/plain, but a first parameter whose ';'
 *    is missing ("multipart/mixed boundary=b") is read as a parameter, as
 *    munpack and uudeview read it (name.c); no Content-Transfer-Encoding:
 *    7bit; its value trimmed and lower-cased; other than the five
 *    standard values: copied, status raw;
 *  - sections follow IMAP (RFC 3501 6.4.5): a message/rfc822 part N (7bit,
 *    8bit or binary) holds N.1, N.2 ... (its single-part body is N.1);
 *    the top-level single body is 1;  in an mbox paths get "M:";
 *  - a multipart whose boundary never appears gives no part and a
 *    MIME_NOTE_NO_BOUNDARY notice; one with no boundary parameter is one
 *    leaf part (its type kept), damaged with MIME_DMG_NO_BOUNDARY;
 *  - a part that ends because the input ends (or the next mbox message
 *    starts, or an outer delimiter comes) before its multipart's close
 *    delimiter is truncated;
 *  - base64 bodies are decoded with the rules of --lenient (B64_LENIENT);
 *    damage (MIME_DMG_BASE64) is an error of those rules: a byte other
 *    than the alphabet, '=' and ASCII white space (SP, TAB, LF, VT, FF,
 *    CR), '=' before a group's second character, a single character
 *    left over; the offending byte is dropped and decoding goes on as if
 *    it were not there (garbage goes as B64_SKIP_GARBAGE, -i, drops it);
 *  - quoted-printable bodies are decoded as qp.h says, bad bytes kept as
 *    written; damage (MIME_DMG_QP) is qp.h's first bad byte: an '=' that
 *    starts neither "=XX" nor a soft line break, a control byte other
 *    than TAB and the line end, DEL, a byte above 126; an '=' ending the
 *    part is a soft line break (qp_finish_line);
 *  - of all damage the first is kept, with its line and column in the
 *    whole input (1-based; for base64 and quoted-printable, the bad
 *    byte's); damaged and truncated at once is truncated;
 *  - uuencoded blocks (uu.h) in a text/plain leaf, and the files in a
 *    TNEF leaf (tnef.h: application/ms-tnef, application/vnd.ms-tnef, or
 *    a part named winmail.dat) are items: parts of their own
 *    (mime_part.item), path "LEAF/N", begun and ended while the leaf is
 *    open; an x-uuencode leaf's data is its first block decoded; a leaf
 *    has one kind of item: an x-uuencode leaf is never TNEF or S/MIME,
 *    and a text/plain leaf that is TNEF (by its name) or S/MIME has no
 *    uuencoded blocks;
 *  - S/MIME opaque signed data (application/pkcs7-mime or x-pkcs7-mime
 *    holding id-signedData with its content, cms.h): the entity inside
 *    is parsed, its parts items with path "LEAF/" and theirs; then
 *    MIME_NOTE_UNVERIFIED (the signature is not checked);
 *  - message/partial is a leaf whose data is its body as written (its
 *    id, number and total in mime_part: the caller joins fragments);
 *  - several inputs (mime_number_from) number their messages on, as one
 *    mbox does;
 *  - mbox (input starting "From "): the first line and every From_ line
 *    after a blank line ("From ", a sender, an asctime date: RFC 4155)
 *    start a message; the blank line before it belongs to the separator;
 *    any other line starting "From " is text; ">From " with any number of
 *    '>' loses one '>' (mboxrd).
 */
#ifndef SEXTET_MIME_H
#define SEXTET_MIME_H

#include <stddef.h>
#include <stdint.h>

#include "b64.h"
#include "qp.h"
#include "cms.h"
#include "tnef.h"
#include "uu.h"

#define MIME_PEEK          1024
#define MIME_HEADER_MAX    16384
#define MIME_DEPTH_MAX     32
#define MIME_BOUNDARY_MAX  200
#define MIME_TYPE_MAX      128
#define MIME_ENC_MAX       64
#define MIME_NAME_MAX      1024         /* decoded name bytes kept */
#define MIME_PARTIAL_ID_MAX 256         /* message/partial id bytes */
#define MIME_PARTIAL_MAX   100000       /* its number and total */
/* Section numbers in a path: a multipart level and a message level
 * each take one (mime.c's path_push refuses one more). */
#define MIME_PATH_NUMS     (2 * MIME_DEPTH_MAX)
/* "M:" and MIME_PATH_NUMS numbers, each up to 20 digits and a '.'. */
#define MIME_PATH_MAX      (24 + 21 * MIME_PATH_NUMS)

enum mime_enc {
	MIME_ENC_7BIT,
	MIME_ENC_8BIT,
	MIME_ENC_BINARY,
	MIME_ENC_QP,
	MIME_ENC_BASE64,
	MIME_ENC_UU,            /* x-uuencode, uuencode, x-uue (uu.h) */
	MIME_ENC_RAW,           /* unknown: copied */
};

enum mime_status {
	MIME_OK,
	MIME_DAMAGED,
	MIME_TRUNCATED,
	MIME_RAW,
};

enum mime_damage {
	MIME_DMG_NONE,
	MIME_DMG_BASE64,        /* bytes dropped from a base64 body */
	MIME_DMG_HEADER,        /* a Content-* field over MIME_HEADER_MAX */
	MIME_DMG_NO_BOUNDARY,   /* multipart without a boundary parameter */
	MIME_DMG_DEPTH,         /* nested too deep (multipart, message) */
	MIME_DMG_QP,            /* a bad byte in a quoted-printable body */
	MIME_DMG_UU,            /* a bad line in a uuencoded block */
	MIME_DMG_UU_END,        /* a uuencoded block without its end line */
	MIME_DMG_UU_BEGIN,      /* a uuencoded part without a begin line */
	MIME_DMG_TNEF,          /* a TNEF stream or file that does not parse */
	MIME_DMG_CMS,           /* S/MIME data that does not parse */
};

struct mime_part {
	char path[MIME_PATH_MAX];       /* "2.1", "3:1.2" in an mbox */
	char type[MIME_TYPE_MAX];       /* lower case */
	char encoding[MIME_ENC_MAX];    /* lower case, as written */
	enum mime_enc enc;
	unsigned char name[MIME_NAME_MAX];  /* UTF-8, not NUL-terminated */
	size_t name_len;
	int has_name;                   /* filename or name present */
	int attachment;                 /* Content-Disposition: attachment */
	int in_mime;                    /* its message declared MIME */
	int item;                       /* a file inside a part (1: a
					 * uuencoded block, a file in a TNEF
					 * stream, a part of the entity in
					 * S/MIME signed data; 2: an item
					 * of such a part); it begins and
					 * ends inside the part holding it */
	int container;                  /* TNEF, S/MIME signed data: at
					 * part_end, 1 when what is inside
					 * could be had (so it need not be
					 * written itself) */
	unsigned long message;          /* 1-based message number */
	/* message/partial (RFC 2046 5.2.2): 1 when the part is one with
	 * an id (1 to MIME_PARTIAL_ID_MAX bytes, as written but for the
	 * quotes) and a number (1 to MIME_PARTIAL_MAX, decimal); total 0
	 * when absent or not such a number. */
	int partial;
	char partial_id[MIME_PARTIAL_ID_MAX];
	size_t partial_id_len;
	unsigned long partial_number, partial_total;
	/* Known at part_end: */
	uint64_t size;                  /* decoded bytes */
	enum mime_status status;
	enum mime_damage damage;        /* the first damage, if any */
	uint64_t damage_line, damage_col;
};

enum mime_note {
	MIME_NOTE_NO_BOUNDARY,  /* a multipart's boundary never appears */
	MIME_NOTE_NOT_MESSAGE,  /* a message with no header block at all */
	MIME_NOTE_UNVERIFIED,   /* S/MIME signed data unwrapped, its
				 * signature not checked (after the part) */
};

struct mime_handler {
	void *ctx;
	int (*part_begin)(void *ctx, const struct mime_part *part);
	int (*part_data)(void *ctx, const struct mime_part *part,
	    const unsigned char *buf, size_t n);
	int (*part_end)(void *ctx, const struct mime_part *part);
	/* PATH: the multipart's or message's section ("" at the top);
	 * LINE: the input line where it starts. */
	int (*notice)(void *ctx, enum mime_note note, const char *path,
	    uint64_t line);
};

enum mime_result {
	MIME_CONTINUE = 0,
	MIME_STOPPED,           /* a callback returned non-zero */
};

struct mime_frame {
	char boundary[MIME_BOUNDARY_MAX];
	size_t blen;
	size_t plen;            /* path depth of its container */
	unsigned long count;    /* parts seen */
	int digest;             /* children default to message/rfc822 */
	int closed;             /* close delimiter seen */
	uint64_t line;          /* where its header was */
};

struct mime_parser {
	/* private */
	struct mime_handler h;
	int stopped;
	int mbox;               /* -1 undecided, 0 no, 1 yes */
	unsigned long message;
	int numbered;           /* mime_number_from() */
	unsigned long message_base;
	uint64_t line;          /* 1-based line being read */
	/* line splitter */
	unsigned char lb[MIME_PEEK];
	size_t lb_len;
	int in_line;            /* past the first piece of a long line */
	int cr_held;            /* continuation: a CR held back */
	int skip_line;          /* drop the rest of this line */
	int line_role;          /* what the current long line is */
	/* mbox */
	int blank_held;         /* a blank line waiting (eol length) */
	/* message state */
	int state;
	int kind_message;       /* entity being parsed is a message */
	int top;                /* ... the top level of a message */
	int mime_seen;
	int first_line;         /* no line of the message seen yet */
	unsigned long npath;
	unsigned long path[MIME_PATH_NUMS];
	size_t nframe;
	struct mime_frame frame[MIME_DEPTH_MAX];
	/* header fields */
	unsigned char hdr[MIME_HEADER_MAX];
	size_t hdr_len;
	int hdr_over;
	int hdr_active;
	uint64_t hdr_line;
	uint64_t ct_line;       /* where the entity's Content-Type was */
	/* entity being parsed */
	int have_ct, have_cte, have_cd, ct_multipart, have_boundary;
	int name_rank;
	char boundary[MIME_BOUNDARY_MAX];
	size_t blen;
	enum mime_damage e_damage;
	uint64_t e_damage_line;
	/* leaf body */
	struct mime_part part;
	int eol_held;           /* length of the held line end, 0..2 */
	uint64_t body_line;     /* input line of the body's first byte */
	struct b64_decoder b64;
	uint64_t b64_base;      /* bytes it was given */
	struct qp_decoder qp;
	unsigned char out[32768];
	/* uuencoded blocks in the leaf's text, or the leaf's own data
	 * (x-uuencode) */
	int uu_scan;            /* look for blocks */
	int uu_in;              /* enum uu_begin of the open block; -1 done */
	int uu_zero;            /* its zero-length line seen */
	unsigned long items;    /* items found in the leaf */
	uint64_t uu_line;       /* lines of the leaf's text so far */
	struct sbuf uu_sb;      /* the line so far, in uu_lb (over: longer,
				 * or not a begin line outside a block) */
	unsigned char uu_lb[MIME_PEEK];
	struct mime_part item;
	struct b64_decoder uu_b64;
	unsigned char uu_out[MIME_PEEK];
	/* a TNEF leaf's files (tnef.h; made at the first such leaf, freed
	 * by mime_release) */
	int tnef_on;
	struct tnef_parser *tnef;
	/* S/MIME signed data (cms.h): its entity, parsed by INNER (made
	 * on demand, one level: an inner parser unwraps no further) */
	int cms_on;
	int nested;
	struct cms_reader cms;
	struct mime_parser *inner;
	struct mime_part fwd[2];        /* INNER's parts and items, here */
};

void mime_init(struct mime_parser *p, const struct mime_handler *h);
enum mime_result mime_feed(struct mime_parser *p, const void *buf,
    size_t n);
enum mime_result mime_finish(struct mime_parser *p);

/*
 * Read the input as messages FIRST, FIRST + 1, ... of a larger mailbox
 * (several inputs read as one): paths carry "N:" even when the input is a
 * single message.  Call after mime_init, before mime_feed.
 */
void mime_number_from(struct mime_parser *p, unsigned long first);

/* Read the input as one message, even when it starts "From " (not an
 * mbox).  Call after mime_init, before mime_feed. */
void mime_single(struct mime_parser *p);

/* The messages the input held (so far). */
unsigned long mime_messages(const struct mime_parser *p);

/* Free what the parser holds (a TNEF reader, an inner parser for
 * S/MIME), for a parse stopped by a callback; mime_finish does it too. */
void mime_release(struct mime_parser *p);

/* "ok", "damaged", "truncated", "raw". */
const char *mime_status_name(enum mime_status s);

/* What a damage kind means ("invalid base64"), for messages. */
const char *mime_damage_name(enum mime_damage d);

#endif /* SEXTET_MIME_H */
