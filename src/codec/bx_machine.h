/*
 * bx_machine.h - the base32 and base16 decoding rules as data, in the
 * form machine.h gives base64's: byte classes, explicit states, and per
 * mode a filter and one column of cells per class.  bx_machine.c holds
 * the tables; basex.c interprets them (one engine for both encodings);
 * tests/machine/gen_machine.c writes them out as PROMELA for SPIN
 * (tests/machine/props_bx.pml states what they must satisfy).  Private to
 * the codec and its tests.
 *
 * base32 (RFC 4648 section 6, GNU coreutils 9.10's basenc -d): groups of
 * eight characters.  '=' may begin only after the 2nd, 4th, 5th or 7th
 * character of a group (a cut), must then fill the group, and the bits
 * the character before it leaves unused (its low 2, 4, 1 or 3 bits) must
 * be zero.  GNU decides on a group when it is whole or the input ends,
 * so a byte outside the alphabet does not stop the machine: it marks the
 * group as failed (the first failure in the group wins) and the group is
 * refused when it ends.  The states are therefore the group's position
 * and what the group is so far:
 *
 *   G0          between groups (only here do the bulk loops run)
 *   G1 .. G7    that many data characters; at a cut, Z or N for whether
 *               the last one's unused bits are zero (G2Z, G2N, ...)
 *   Pcn         after c data characters and n '=' (P21Z .. P52N)
 *   XDn, XPn    a failed group of n characters whose last one is not,
 *               or is, '=' (GNU refuses a short last group ending in '='
 *               as such, whatever failed before it)
 *   END         strict: after a padded group, only line feeds
 *
 * base16 (RFC 4648 section 8): pairs of digits, either case; strict
 * wants one case throughout, so its states remember the first letter's:
 * H0, H1 (none yet), H0U, H1U (upper), H0L, H1L (lower).
 */
#ifndef SEXTET_BX_MACHINE_H
#define SEXTET_BX_MACHINE_H

#include "basex.h"

/* base32 classes: an alphabet character by its low zero bits (enough
 * for every cut's unused-bits check), then the filter's classes. */
enum bx32_class {
	BX32_V16, /* value & 15 == 0 */
	BX32_V8,  /* value & 7 == 0, not & 15 */
	BX32_V4,  /* value & 3 == 0, not & 7 */
	BX32_V2,  /* value & 1 == 0, not & 3 */
	BX32_V1,  /* value odd */
	BX32_PAD, /* '=' */
	BX32_LF,
	BX32_SKIP,
	BX32_BAD,
	BX32_EOF,
	BX32_NCLASS
};

enum bx32_state {
	BX32_G0, BX32_G1, BX32_G2Z, BX32_G2N, BX32_G3, BX32_G4Z, BX32_G4N,
	BX32_G5Z, BX32_G5N, BX32_G6, BX32_G7Z, BX32_G7N,
	BX32_P21Z, BX32_P21N, BX32_P22Z, BX32_P22N, BX32_P23Z, BX32_P23N,
	BX32_P24Z, BX32_P24N, BX32_P25Z, BX32_P25N,
	BX32_P41Z, BX32_P41N, BX32_P42Z, BX32_P42N, BX32_P43Z, BX32_P43N,
	BX32_P51Z, BX32_P51N, BX32_P52Z, BX32_P52N,
	BX32_XD1, BX32_XD2, BX32_XD3, BX32_XD4, BX32_XD5, BX32_XD6, BX32_XD7,
	BX32_XP1, BX32_XP2, BX32_XP3, BX32_XP4, BX32_XP5, BX32_XP6, BX32_XP7,
	BX32_END,
	BX32_NSTATE
};

/* base16 classes and states. */
enum bx16_class {
	BX16_DIG, /* 0-9 */
	BX16_UP,  /* A-F */
	BX16_LOW, /* a-f */
	BX16_LF,
	BX16_SKIP,
	BX16_BAD,
	BX16_EOF,
	BX16_NCLASS
};

enum bx16_state {
	BX16_H0, BX16_H1, BX16_H0U, BX16_H1U, BX16_H0L, BX16_H1L,
	BX16_NSTATE
};

/* The most of either, for arrays shared by both machines. */
#define BX_M_MAXCLASS 10
#define BX_M_MAXSTATE 47

/* What a cell does besides changing state.  "The group" is the group's
 * characters so far; its bytes are those its leading data characters
 * complete (floor(data * bits / 8)), written only when it is decided. */
enum bx_action {
	BX_A_UNDEF,   /* no rule: must never be reached (the model checks) */
	BX_A_NONE,    /* drop the byte */
	BX_A_LINE,    /* drop a line feed: a new line starts after it */
	BX_A_DATA,    /* a data character of the group */
	BX_A_PAD,     /* a '=' of the group */
	BX_A_MARK,    /* the group's first failure (status, here); it goes on */
	BX_A_JUNK,    /* a character of a group that has failed */
	BX_A_DATA_END,/* a data character that completes the group: write it */
	BX_A_PAD_END, /* a '=' that completes the group: write its bytes */
	BX_A_ACCEPT,  /* end of input: write the group's bytes, success */
	BX_A_FAIL,    /* write the group's bytes, then fail (status, where) */
	BX_A_REFUSE,  /* fail (status, where), the group's bytes unwritten */
	BX_A_NACTION
};

/* Where a failing cell puts the error. */
enum bx_where {
	BX_W_HERE,  /* at this byte (which is reported) */
	BX_W_MARK,  /* at the group's first failure, with its status */
	BX_W_LAST,  /* at the group's last data character */
	BX_W_PREV,  /* at the group's latest character */
	BX_W_END,   /* at the end of the input */
	BX_W_NWHERE
};

struct bx_cell {
	unsigned char next;   /* state */
	unsigned char action; /* enum bx_action */
	unsigned char status; /* enum bx_status, for MARK, FAIL, REFUSE */
	unsigned char where;  /* enum bx_where, for FAIL, REFUSE */
};

/* What the filter maps: the raw kinds of byte outside the alphabet. */
enum bx_raw {
	BX_R_PAD,   /* '=' */
	BX_R_LF,    /* line feed */
	BX_R_WS,    /* SP, HT, CR, VT, FF */
	BX_R_OTHER, /* anything else */
	BX_R_NRAW
};

/*
 * A mode: the encodings it is for (BX_BASE32 stands for base32hex too),
 * the flags it stands for (BX_STRICT, BX_LENIENT, BX_NO_PAD,
 * BX_SKIP_GARBAGE), the filter from raw kinds to classes, and one column
 * of cells per class, indexed by state.  Flag combinations without a
 * mode are refused.
 */
struct bx_mode {
	const char *name;
	unsigned char kind;
	unsigned char nstate;
	unsigned char nclass;
	unsigned flags;
	unsigned char filter[BX_R_NRAW];
	const struct bx_cell *col[BX_M_MAXCLASS];
};

/* The flags that choose a mode. */
#define BX_M_FLAGS (BX_STRICT | BX_LENIENT | BX_NO_PAD | BX_SKIP_GARBAGE)

extern const struct bx_mode bx_modes[];
extern const size_t bx_nmodes;
extern const char *const bx32_state_names[BX32_NSTATE];
extern const char *const bx32_class_names[BX32_NCLASS];
extern const char *const bx16_state_names[BX16_NSTATE];
extern const char *const bx16_class_names[BX16_NCLASS];
extern const char *const bx_action_names[BX_A_NACTION];
extern const char *const bx_where_names[BX_W_NWHERE];

/* The mode for KIND (base32hex as base32) and FLAGS; NULL if none. */
const struct bx_mode *bx_mode_find(enum bx_kind kind, unsigned flags);

/* The class of base32 value V (0..31). */
static inline unsigned
bx32_value_class(unsigned v)
{
	if ((v & 15u) == 0)
		return BX32_V16;
	if ((v & 7u) == 0)
		return BX32_V8;
	if ((v & 3u) == 0)
		return BX32_V4;
	return (v & 1u) == 0 ? BX32_V2 : BX32_V1;
}

/* The class of base16 digit C ('0'-'9', 'A'-'F', 'a'-'f'). */
static inline unsigned
bx16_digit_class(unsigned char c)
{
	if (c <= '9')
		return BX16_DIG;
	return c <= 'F' ? BX16_UP : BX16_LOW;
}

/* The end-of-input class of mode M. */
static inline unsigned
bx_eof_class(const struct bx_mode *m)
{
	return m->nclass - 1u;
}

#endif /* SEXTET_BX_MACHINE_H */
