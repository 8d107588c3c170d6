/*
 * bx_machine.c - the base32 and base16 decoding rules of every mode, in
 * tables (bx_machine.h says what the classes and states are).
 *
 * A column holds the cells of one input class, indexed by state; a mode
 * is a filter and one column per class.  basex.c follows the cells one
 * byte at a time and runs its bulk loops only from G0 (base32) or H0
 * (base16), where a whole group of alphabet characters goes back to the
 * same state (tests/machine/props_bx.pml checks it).  Cells a mode never
 * reaches are still defined: the model checks every one.
 */
#include <stddef.h>

#include "bx_machine.h"

/* ---- base32 ---------------------------------------------------------- */

#define GO(s, a)    { BX32_##s, BX_A_##a, BX_OK, BX_W_HERE }
#define MARK(s, e)  { BX32_##s, BX_A_MARK, BX_ERR_##e, BX_W_HERE }
#define FAIL(e, w)  { BX32_G0, BX_A_FAIL, BX_ERR_##e, BX_W_##w }
#define REFUSE(e, w) { BX32_G0, BX_A_REFUSE, BX_ERR_##e, BX_W_##w }
/* The group's first failure, at its end. */
#define FAILM       { BX32_G0, BX_A_FAIL, BX_OK, BX_W_MARK }
#define ACCEPT      { BX32_G0, BX_A_ACCEPT, BX_OK, BX_W_HERE }

/* A character of a failed group: one more of T (XD for a character that
 * is not '=', XP for '='), and the eighth ends the group. */
#define DOOMED(T) \
	[BX32_XD1] = GO(T##2, JUNK), [BX32_XD2] = GO(T##3, JUNK), \
	[BX32_XD3] = GO(T##4, JUNK), [BX32_XD4] = GO(T##5, JUNK), \
	[BX32_XD5] = GO(T##6, JUNK), [BX32_XD6] = GO(T##7, JUNK), \
	[BX32_XD7] = FAILM, \
	[BX32_XP1] = GO(T##2, JUNK), [BX32_XP2] = GO(T##3, JUNK), \
	[BX32_XP3] = GO(T##4, JUNK), [BX32_XP4] = GO(T##5, JUNK), \
	[BX32_XP5] = GO(T##6, JUNK), [BX32_XP6] = GO(T##7, JUNK), \
	[BX32_XP7] = FAILM

/* A character that is neither data nor '=' where '=' must come: the
 * group fails with E there (at its end if this is its eighth). */
#define AFTER_PAD(e) \
	[BX32_P21Z] = MARK(XD4, e), [BX32_P21N] = MARK(XD4, e), \
	[BX32_P22Z] = MARK(XD5, e), [BX32_P22N] = MARK(XD5, e), \
	[BX32_P23Z] = MARK(XD6, e), [BX32_P23N] = MARK(XD6, e), \
	[BX32_P24Z] = MARK(XD7, e), [BX32_P24N] = MARK(XD7, e), \
	[BX32_P25Z] = FAIL(e, HERE), [BX32_P25N] = FAIL(e, HERE), \
	[BX32_P41Z] = MARK(XD6, e), [BX32_P41N] = MARK(XD6, e), \
	[BX32_P42Z] = MARK(XD7, e), [BX32_P42N] = MARK(XD7, e), \
	[BX32_P43Z] = FAIL(e, HERE), [BX32_P43N] = FAIL(e, HERE), \
	[BX32_P51Z] = MARK(XD7, e), [BX32_P51N] = MARK(XD7, e), \
	[BX32_P52Z] = FAIL(e, HERE), [BX32_P52N] = FAIL(e, HERE)

/*
 * An alphabet character whose unused bits would be zero (Z) or not (N)
 * at each cut: after 2 characters the low 2 bits, after 4 the low 4,
 * after 5 the low bit, after 7 the low 3.
 */
#define DATA_COL(z2, z4, z5, z7) { \
	[BX32_G0] = GO(G1, DATA), [BX32_G1] = GO(G2##z2, DATA), \
	[BX32_G2Z] = GO(G3, DATA), [BX32_G2N] = GO(G3, DATA), \
	[BX32_G3] = GO(G4##z4, DATA), \
	[BX32_G4Z] = GO(G5##z5, DATA), [BX32_G4N] = GO(G5##z5, DATA), \
	[BX32_G5Z] = GO(G6, DATA), [BX32_G5N] = GO(G6, DATA), \
	[BX32_G6] = GO(G7##z7, DATA), \
	[BX32_G7Z] = GO(G0, DATA_END), [BX32_G7N] = GO(G0, DATA_END), \
	AFTER_PAD(PADDING), DOOMED(XD), \
	[BX32_END] = FAIL(DATA_AFTER_PAD, HERE), \
}

static const struct bx_cell b32_v16[BX32_NSTATE] = DATA_COL(Z, Z, Z, Z);
static const struct bx_cell b32_v8[BX32_NSTATE] = DATA_COL(Z, N, Z, Z);
static const struct bx_cell b32_v4[BX32_NSTATE] = DATA_COL(Z, N, Z, N);
static const struct bx_cell b32_v2[BX32_NSTATE] = DATA_COL(N, N, Z, N);
static const struct bx_cell b32_v1[BX32_NSTATE] = DATA_COL(N, N, N, N);

/*
 * '=': begins the padding at a cut, continues it, and the group is done
 * when it is whole (DONE: the next state; BITS: what a group whose unused
 * bits are set gets there).  Anywhere else the group fails.  FIRST is
 * the cell of '=' between groups.
 */
#define PAD_COL(first, done, bits) { \
	[BX32_G0] = first, [BX32_G1] = MARK(XP2, PADDING), \
	[BX32_G2Z] = GO(P21Z, PAD), [BX32_G2N] = GO(P21N, PAD), \
	[BX32_G3] = MARK(XP4, PADDING), \
	[BX32_G4Z] = GO(P41Z, PAD), [BX32_G4N] = GO(P41N, PAD), \
	[BX32_G5Z] = GO(P51Z, PAD), [BX32_G5N] = GO(P51N, PAD), \
	[BX32_G6] = MARK(XP7, PADDING), \
	[BX32_G7Z] = GO(done, PAD_END), [BX32_G7N] = bits, \
	[BX32_P21Z] = GO(P22Z, PAD), [BX32_P21N] = GO(P22N, PAD), \
	[BX32_P22Z] = GO(P23Z, PAD), [BX32_P22N] = GO(P23N, PAD), \
	[BX32_P23Z] = GO(P24Z, PAD), [BX32_P23N] = GO(P24N, PAD), \
	[BX32_P24Z] = GO(P25Z, PAD), [BX32_P24N] = GO(P25N, PAD), \
	[BX32_P25Z] = GO(done, PAD_END), [BX32_P25N] = bits, \
	[BX32_P41Z] = GO(P42Z, PAD), [BX32_P41N] = GO(P42N, PAD), \
	[BX32_P42Z] = GO(P43Z, PAD), [BX32_P42N] = GO(P43N, PAD), \
	[BX32_P43Z] = GO(done, PAD_END), [BX32_P43N] = bits, \
	[BX32_P51Z] = GO(P52Z, PAD), [BX32_P51N] = GO(P52N, PAD), \
	[BX32_P52Z] = GO(done, PAD_END), [BX32_P52N] = bits, \
	DOOMED(XP), \
	[BX32_END] = FAIL(PADDING, HERE), \
}

/* GNU: a padded group may be followed by more groups. */
static const struct bx_cell b32_pad_gnu[BX32_NSTATE] =
    PAD_COL(MARK(XP1, PADDING), G0, FAIL(NONCANONICAL, LAST));
/* Strict: nothing but line feeds after it. */
static const struct bx_cell b32_pad_strict[BX32_NSTATE] =
    PAD_COL(MARK(XP1, PADDING), END, FAIL(NONCANONICAL, LAST));
/* Lenient: '=' between groups is dropped; unused bits may be set. */
static const struct bx_cell b32_pad_lenient[BX32_NSTATE] =
    PAD_COL(GO(G0, NONE), G0, GO(G0, PAD_END));

/* Strict without padding: no '=' anywhere. */
#define NO_PAD_ROW(s) [BX32_##s] = REFUSE(PADDING, HERE)
static const struct bx_cell b32_pad_none[BX32_NSTATE] = {
	NO_PAD_ROW(G0), NO_PAD_ROW(G1), NO_PAD_ROW(G2Z), NO_PAD_ROW(G2N),
	NO_PAD_ROW(G3), NO_PAD_ROW(G4Z), NO_PAD_ROW(G4N), NO_PAD_ROW(G5Z),
	NO_PAD_ROW(G5N), NO_PAD_ROW(G6), NO_PAD_ROW(G7Z), NO_PAD_ROW(G7N),
	NO_PAD_ROW(P21Z), NO_PAD_ROW(P21N), NO_PAD_ROW(P22Z),
	NO_PAD_ROW(P22N), NO_PAD_ROW(P23Z), NO_PAD_ROW(P23N),
	NO_PAD_ROW(P24Z), NO_PAD_ROW(P24N), NO_PAD_ROW(P25Z),
	NO_PAD_ROW(P25N), NO_PAD_ROW(P41Z), NO_PAD_ROW(P41N),
	NO_PAD_ROW(P42Z), NO_PAD_ROW(P42N), NO_PAD_ROW(P43Z),
	NO_PAD_ROW(P43N), NO_PAD_ROW(P51Z), NO_PAD_ROW(P51N),
	NO_PAD_ROW(P52Z), NO_PAD_ROW(P52N),
	NO_PAD_ROW(XD1), NO_PAD_ROW(XD2), NO_PAD_ROW(XD3), NO_PAD_ROW(XD4),
	NO_PAD_ROW(XD5), NO_PAD_ROW(XD6), NO_PAD_ROW(XD7),
	NO_PAD_ROW(XP1), NO_PAD_ROW(XP2), NO_PAD_ROW(XP3), NO_PAD_ROW(XP4),
	NO_PAD_ROW(XP5), NO_PAD_ROW(XP6), NO_PAD_ROW(XP7), NO_PAD_ROW(END),
};

/* Every state as it is, with action A: line feeds, dropped bytes. */
#define STAY(a) { \
	GO(G0, a), GO(G1, a), GO(G2Z, a), GO(G2N, a), GO(G3, a), \
	GO(G4Z, a), GO(G4N, a), GO(G5Z, a), GO(G5N, a), GO(G6, a), \
	GO(G7Z, a), GO(G7N, a), \
	GO(P21Z, a), GO(P21N, a), GO(P22Z, a), GO(P22N, a), GO(P23Z, a), \
	GO(P23N, a), GO(P24Z, a), GO(P24N, a), GO(P25Z, a), GO(P25N, a), \
	GO(P41Z, a), GO(P41N, a), GO(P42Z, a), GO(P42N, a), GO(P43Z, a), \
	GO(P43N, a), GO(P51Z, a), GO(P51N, a), GO(P52Z, a), GO(P52N, a), \
	GO(XD1, a), GO(XD2, a), GO(XD3, a), GO(XD4, a), GO(XD5, a), \
	GO(XD6, a), GO(XD7, a), \
	GO(XP1, a), GO(XP2, a), GO(XP3, a), GO(XP4, a), GO(XP5, a), \
	GO(XP6, a), GO(XP7, a), GO(END, a), \
}

static const struct bx_cell b32_lf[BX32_NSTATE] = STAY(LINE);
static const struct bx_cell b32_skip[BX32_NSTATE] = STAY(NONE);

/* A byte the filter refuses: the group fails there (GNU still reads the
 * group to its end). */
static const struct bx_cell b32_bad[BX32_NSTATE] = {
	[BX32_G0] = MARK(XD1, BAD_CHAR), [BX32_G1] = MARK(XD2, BAD_CHAR),
	[BX32_G2Z] = MARK(XD3, BAD_CHAR), [BX32_G2N] = MARK(XD3, BAD_CHAR),
	[BX32_G3] = MARK(XD4, BAD_CHAR),
	[BX32_G4Z] = MARK(XD5, BAD_CHAR), [BX32_G4N] = MARK(XD5, BAD_CHAR),
	[BX32_G5Z] = MARK(XD6, BAD_CHAR), [BX32_G5N] = MARK(XD6, BAD_CHAR),
	[BX32_G6] = MARK(XD7, BAD_CHAR),
	[BX32_G7Z] = FAIL(BAD_CHAR, HERE), [BX32_G7N] = FAIL(BAD_CHAR, HERE),
	AFTER_PAD(BAD_CHAR), DOOMED(XD),
	[BX32_END] = FAIL(BAD_CHAR, HERE),
};

/*
 * End of input.  A short last group is padded as if its '=' were there
 * (its error, if any, is then the one padding finds: TRUNCATED where the
 * first '=' would go after 1, 3 or 6 characters); a failed group fails
 * with its first failure; a group ending in '=' that is not whole is
 * refused at that '=' with nothing of it written (SHORT), except by
 * lenient, which pads it on.  FULL: a group of 2, 4, 5 or 7 characters
 * with zero unused bits; BITS: the same, bits set.
 */
#define EOF_COL(full, bits, short_pad, short_doomed) { \
	[BX32_G0] = ACCEPT, [BX32_G1] = FAIL(TRUNCATED, END), \
	[BX32_G2Z] = full, [BX32_G2N] = bits, [BX32_G3] = FAIL(TRUNCATED, END), \
	[BX32_G4Z] = full, [BX32_G4N] = bits, \
	[BX32_G5Z] = full, [BX32_G5N] = bits, \
	[BX32_G6] = FAIL(TRUNCATED, END), \
	[BX32_G7Z] = full, [BX32_G7N] = bits, \
	[BX32_P21Z] = short_pad, [BX32_P21N] = short_pad, \
	[BX32_P22Z] = short_pad, [BX32_P22N] = short_pad, \
	[BX32_P23Z] = short_pad, [BX32_P23N] = short_pad, \
	[BX32_P24Z] = short_pad, [BX32_P24N] = short_pad, \
	[BX32_P25Z] = short_pad, [BX32_P25N] = short_pad, \
	[BX32_P41Z] = short_pad, [BX32_P41N] = short_pad, \
	[BX32_P42Z] = short_pad, [BX32_P42N] = short_pad, \
	[BX32_P43Z] = short_pad, [BX32_P43N] = short_pad, \
	[BX32_P51Z] = short_pad, [BX32_P51N] = short_pad, \
	[BX32_P52Z] = short_pad, [BX32_P52N] = short_pad, \
	[BX32_XD1] = FAILM, [BX32_XD2] = FAILM, [BX32_XD3] = FAILM, \
	[BX32_XD4] = FAILM, [BX32_XD5] = FAILM, [BX32_XD6] = FAILM, \
	[BX32_XD7] = FAILM, \
	[BX32_XP1] = short_doomed, [BX32_XP2] = short_doomed, \
	[BX32_XP3] = short_doomed, [BX32_XP4] = short_doomed, \
	[BX32_XP5] = short_doomed, [BX32_XP6] = short_doomed, \
	[BX32_XP7] = short_doomed, \
	[BX32_END] = ACCEPT, \
}

#define SHORT REFUSE(PADDING, PREV)
static const struct bx_cell b32_eof_gnu[BX32_NSTATE] =
    EOF_COL(ACCEPT, FAIL(NONCANONICAL, LAST), SHORT, SHORT);
/* Strict: the last group must have been padded. */
static const struct bx_cell b32_eof_strict[BX32_NSTATE] =
    EOF_COL(REFUSE(MISSING_PAD, END), REFUSE(MISSING_PAD, END), SHORT,
    SHORT);
static const struct bx_cell b32_eof_lenient[BX32_NSTATE] =
    EOF_COL(ACCEPT, ACCEPT, ACCEPT, FAILM);

#undef GO
#undef MARK
#undef FAIL
#undef REFUSE
#undef ACCEPT

/* ---- base16 ---------------------------------------------------------- */

#define GO(s, a)    { BX16_##s, BX_A_##a, BX_OK, BX_W_HERE }
#define FAIL(e, w)  { BX16_H0, BX_A_FAIL, BX_ERR_##e, BX_W_##w }
#define ACCEPT      { BX16_H0, BX_A_ACCEPT, BX_OK, BX_W_HERE }

/* A digit, or (but with --strict) a letter: no case chosen. */
static const struct bx_cell b16_any[BX16_NSTATE] = {
	GO(H1, DATA), GO(H0, DATA_END), GO(H1U, DATA), GO(H0U, DATA_END),
	GO(H1L, DATA), GO(H0L, DATA_END),
};
/* Strict: the first letter chooses the case, the others must follow. */
static const struct bx_cell b16_upper_strict[BX16_NSTATE] = {
	GO(H1U, DATA), GO(H0U, DATA_END), GO(H1U, DATA), GO(H0U, DATA_END),
	FAIL(CASE, HERE), FAIL(CASE, HERE),
};
static const struct bx_cell b16_lower_strict[BX16_NSTATE] = {
	GO(H1L, DATA), GO(H0L, DATA_END), FAIL(CASE, HERE), FAIL(CASE, HERE),
	GO(H1L, DATA), GO(H0L, DATA_END),
};
/* Every state as it is, with action A: line feeds, dropped bytes. */
#define STAY16(a) { GO(H0, a), GO(H1, a), GO(H0U, a), GO(H1U, a), \
	GO(H0L, a), GO(H1L, a) }
static const struct bx_cell b16_lf[BX16_NSTATE] = STAY16(LINE);
static const struct bx_cell b16_skip[BX16_NSTATE] = STAY16(NONE);
static const struct bx_cell b16_bad[BX16_NSTATE] = {
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
};
/* An odd number of digits is an error at the end. */
static const struct bx_cell b16_eof[BX16_NSTATE] = {
	ACCEPT, FAIL(TRUNCATED, END), ACCEPT, FAIL(TRUNCATED, END), ACCEPT,
	FAIL(TRUNCATED, END),
};

#undef GO
#undef FAIL
#undef ACCEPT

/* ---- The modes ------------------------------------------------------- */

/* Filters: what '=', LF, white space and other bytes are. */
#define F32_PLAIN   { BX32_PAD, BX32_LF, BX32_BAD, BX32_BAD }
#define F32_LENIENT { BX32_PAD, BX32_LF, BX32_SKIP, BX32_BAD }
#define F32_GARBAGE { BX32_PAD, BX32_LF, BX32_SKIP, BX32_SKIP }
#define F16_PLAIN   { BX16_BAD, BX16_LF, BX16_BAD, BX16_BAD }
#define F16_LENIENT { BX16_BAD, BX16_LF, BX16_SKIP, BX16_BAD }
#define F16_GARBAGE { BX16_SKIP, BX16_LF, BX16_SKIP, BX16_SKIP }

#define B32 BX_BASE32, BX32_NSTATE, BX32_NCLASS
#define COLS32(pad, eof) { b32_v16, b32_v8, b32_v4, b32_v2, b32_v1, pad, \
	b32_lf, b32_skip, b32_bad, eof }
#define B32_GNU     COLS32(b32_pad_gnu, b32_eof_gnu)
#define B32_STRICT  COLS32(b32_pad_strict, b32_eof_strict)
#define B32_NOPAD   COLS32(b32_pad_none, b32_eof_gnu)
#define B32_LENIENT COLS32(b32_pad_lenient, b32_eof_lenient)
#define B16 BX_BASE16, BX16_NSTATE, BX16_NCLASS
#define COLS16(up, low) { b16_any, up, low, b16_lf, b16_skip, b16_bad, \
	b16_eof }

#define S  BX_STRICT
#define L  BX_LENIENT
#define NP BX_NO_PAD
#define G  BX_SKIP_GARBAGE

/*
 * Every combination the decoder takes.  BX_NO_PAD changes only strict
 * base32 (the other modes pad a short last group anyway); strict takes no
 * BX_SKIP_GARBAGE; strict with lenient is no mode.
 */
const struct bx_mode bx_modes[] = {
	{ "b32-gnu", B32, 0, F32_PLAIN, B32_GNU },
	{ "b32-gnu-nopad", B32, NP, F32_PLAIN, B32_GNU },
	{ "b32-gnu-garbage", B32, G, F32_GARBAGE, B32_GNU },
	{ "b32-gnu-nopad-garbage", B32, NP | G, F32_GARBAGE, B32_GNU },
	{ "b32-strict", B32, S, F32_PLAIN, B32_STRICT },
	{ "b32-strict-nopad", B32, S | NP, F32_PLAIN, B32_NOPAD },
	{ "b32-lenient", B32, L, F32_LENIENT, B32_LENIENT },
	{ "b32-lenient-nopad", B32, L | NP, F32_LENIENT, B32_LENIENT },
	{ "b32-lenient-garbage", B32, L | G, F32_GARBAGE, B32_LENIENT },
	{ "b32-lenient-nopad-garbage", B32, L | NP | G, F32_GARBAGE,
	    B32_LENIENT },
	{ "b16-gnu", B16, 0, F16_PLAIN, COLS16(b16_any, b16_any) },
	{ "b16-gnu-garbage", B16, G, F16_GARBAGE,
	    COLS16(b16_any, b16_any) },
	{ "b16-strict", B16, S, F16_PLAIN,
	    COLS16(b16_upper_strict, b16_lower_strict) },
	{ "b16-lenient", B16, L, F16_LENIENT,
	    COLS16(b16_any, b16_any) },
	{ "b16-lenient-garbage", B16, L | G, F16_GARBAGE,
	    COLS16(b16_any, b16_any) },
};

const size_t bx_nmodes = sizeof(bx_modes) / sizeof(bx_modes[0]);

const struct bx_mode *
bx_mode_find(enum bx_kind kind, unsigned flags)
{
	if (kind == BX_BASE32HEX)
		kind = BX_BASE32;
	for (size_t k = 0; k < bx_nmodes; k++)
		if (bx_modes[k].kind == kind && bx_modes[k].flags == flags)
			return &bx_modes[k];
	return NULL;
}

const char *const bx32_state_names[BX32_NSTATE] = {
	"G0", "G1", "G2Z", "G2N", "G3", "G4Z", "G4N", "G5Z", "G5N", "G6",
	"G7Z", "G7N",
	"P21Z", "P21N", "P22Z", "P22N", "P23Z", "P23N", "P24Z", "P24N",
	"P25Z", "P25N", "P41Z", "P41N", "P42Z", "P42N", "P43Z", "P43N",
	"P51Z", "P51N", "P52Z", "P52N",
	"XD1", "XD2", "XD3", "XD4", "XD5", "XD6", "XD7",
	"XP1", "XP2", "XP3", "XP4", "XP5", "XP6", "XP7", "END",
};

const char *const bx32_class_names[BX32_NCLASS] = {
	"V16", "V8", "V4", "V2", "V1", "PAD", "LF", "SKIP", "BAD", "EOF",
};

const char *const bx16_state_names[BX16_NSTATE] = {
	"H0", "H1", "H0U", "H1U", "H0L", "H1L",
};

const char *const bx16_class_names[BX16_NCLASS] = {
	"DIG", "UP", "LOW", "LF", "SKIP", "BAD", "EOF",
};

const char *const bx_action_names[BX_A_NACTION] = {
	"UNDEF", "NONE", "LINE", "DATA", "PAD", "MARK", "JUNK", "DATA_END",
	"PAD_END", "ACCEPT", "FAIL", "REFUSE",
};

const char *const bx_where_names[BX_W_NWHERE] = {
	"HERE", "MARK", "LAST", "PREV", "END",
};
