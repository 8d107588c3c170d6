/*
 * oracle.h - the pre-table decoder (oracle.c) under its own names, with
 * its own state struct, for the equivalence test.
 */
#ifndef SEXTET_ORACLE_H
#define SEXTET_ORACLE_H

#include "b64_private.h"

struct oracle_decoder {
	const struct b64_impl *impl;
	const unsigned char *table;
	unsigned flags;
	uint32_t acc;
	unsigned char nchar;
	unsigned char npad;
	unsigned char state;
	unsigned char cr_wait;
	unsigned char skip;
	unsigned char err_byte;
	enum b64_status err;
	uint64_t offset;
	uint64_t line;
	uint64_t line_start;
	struct b64_mark last;
	struct b64_mark pad;
	struct b64_mark cr;
	struct b64_mark err_at;
};

enum b64_status oracle_decoder_init(struct oracle_decoder *dec,
    unsigned flags);
enum b64_status oracle_decode_update(struct oracle_decoder *dec,
    const void *in, size_t n, size_t *in_used, void *out, size_t cap,
    size_t *out_len);
enum b64_status oracle_decode_final(struct oracle_decoder *dec);
uint64_t oracle_decoder_error_offset(const struct oracle_decoder *dec);
uint64_t oracle_decoder_error_line(const struct oracle_decoder *dec);
uint64_t oracle_decoder_error_column(const struct oracle_decoder *dec);
unsigned char oracle_decoder_error_byte(const struct oracle_decoder *dec);

#endif /* SEXTET_ORACLE_H */
