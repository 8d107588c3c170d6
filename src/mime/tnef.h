/*
 * tnef.h - the files inside a TNEF stream (Transport Neutral Encapsulation
 * Format, application/ms-tnef, "winmail.dat"), read as MS-OXTNEF
 * describes it, in any pieces, with bounded memory.
 *
 * The stream: a signature 0x223E9F78 and a key (little-endian, as every
 * number here), then attributes: a level (1 message, 2 attachment), an
 * id, a length, that many bytes, and a 16-bit checksum (their sum).  An
 * attachment starts with attAttachRendData; its bytes are the
 * PR_ATTACH_DATA_OBJ or PR_ATTACH_DATA_BIN property of its attAttachment
 * attribute (a MAPI property list; an object's bytes keep the GUID they
 * start with), as the tnef tool takes them, else attAttachData (for an
 * embedded message Outlook puts only a stand-in text there).  As
 * attAttachData comes first, up to TNEF_HOLD bytes of it are held until
 * attAttachment has been read; a longer one is the file's data whatever
 * comes after it.  Its name
 * is PR_ATTACH_LONG_FILENAME from there, else attAttachTitle, else
 * PR_ATTACH_FILENAME, whichever attribute comes first.
 *
 * A file begins when its data does (an empty attAttachData is an empty
 * file; an attachment without data, as an embedded message, gives none)
 * and ends at the next attachment or the end of the stream, when its name
 * is known.  A file whose checksum does not match, or that the stream
 * cuts short, is damaged.  attAttachment is read whole, up to
 * TNEF_PROPS_MAX bytes (a larger one is skipped: its names and data are
 * lost, and the attachment is damaged); attAttachData is streamed past
 * TNEF_HOLD bytes.
 * Memory: the struct, no allocation.
 */
#ifndef SEXTET_TNEF_H
#define SEXTET_TNEF_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

#define TNEF_PROPS_MAX (1u << 20)
#define TNEF_HOLD      (1u << 16)
#define TNEF_NAME_MAX  1024

struct tnef_handler {
	void *ctx;
	void (*begin)(void *ctx);
	void (*data)(void *ctx, const unsigned char *s, size_t n);
	/* NAME: UTF-8 (N bytes, maybe 0); DAMAGED: see above. */
	void (*end)(void *ctx, const unsigned char *name, size_t n,
	    int damaged);
};

struct tnef_parser {
	/* private */
	struct tnef_handler h;
	int state;
	int bad;                /* not TNEF, or cut short: no more files */
	unsigned char head[9];
	size_t have;            /* bytes of head, or of the checksum */
	unsigned level;
	uint32_t id, len, left;
	uint16_t sum;
	int keep;               /* the attribute is buffered (in kept; its
				 * over: it is larger than buf) */
	unsigned codepage;
	/* the attachment */
	int in_attach, started, damaged, has_data_attr;
	int holding;            /* attAttachData so far is in hold */
	size_t held;
	unsigned char title[TNEF_NAME_MAX], long_name[TNEF_NAME_MAX],
	    file_name[TNEF_NAME_MAX];
	size_t title_len, long_len, file_len;
	struct sbuf kept;
	unsigned char buf[TNEF_PROPS_MAX];
	unsigned char hold[TNEF_HOLD];
};

void tnef_init(struct tnef_parser *t, const struct tnef_handler *h);
void tnef_feed(struct tnef_parser *t, const unsigned char *s, size_t n);

/* The end of the stream: the open file ends.  Returns 0 when the stream
 * was TNEF and whole, -1 otherwise. */
int tnef_finish(struct tnef_parser *t);

#endif /* SEXTET_TNEF_H */
