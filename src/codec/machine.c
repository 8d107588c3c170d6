/*
 * machine.c - the decoding rules of every mode, in one table.
 *
 * A mode is a filter (what each byte outside the alphabet counts as) and
 * nine columns of cells, one per input class, each indexed by state.  A
 * cell names the next state and the action: emit data, drop a byte, mark a
 * position, accept the end of input, or fail with a status at a place
 * (machine.h).  decode.c does nothing but follow these cells, one byte at
 * a time, except for whole quanta of alphabet bytes from S0 or Q0, which
 * go to the bulk loops in one macro-step (the same cells, four times).
 *
 * Columns are positional, in the order of enum b64_state:
 *
 *   S0  Q0  Q1  Q2Z  Q2N  Q3Z  Q3N  P1Z  P1N  END  CRW
 *
 * A missing cell is B64_A_UNDEF; the SPIN model fails on any.
 */
#include <stddef.h>

#include "machine.h"

#define GO(s, a)   { B64_M_##s, B64_A_##a, B64_OK, B64_W_HERE }
#define FAIL(e, w) { B64_M_S0, B64_A_FAIL, B64_ERR_##e, B64_W_##w }
#define ACCEPT(s)  { B64_M_##s, B64_A_ACCEPT, B64_OK, B64_W_HERE }

/* Everything but LF after a CR. */
#define CR_BROKEN  FAIL(BAD_CHAR, CR)

/* ---- Alphabet characters: the same in every mode ------------------- */

/* Low 4 bits clear: keeps a quantum canonical at any position. */
static const struct b64_cell col_a0[B64_M_NSTATE] = {
	GO(Q1, D1), GO(Q1, D1), GO(Q2Z, D2), GO(Q3Z, D3), GO(Q3Z, D3),
	GO(Q0, D4), GO(Q0, D4),
	FAIL(MISSING_PAD, PAD_NEXT), FAIL(MISSING_PAD, PAD_NEXT),
	FAIL(DATA_AFTER_PAD, HERE), CR_BROKEN,
};

/* Low 2 bits clear: canonical as a third character, not as a second. */
static const struct b64_cell col_a2[B64_M_NSTATE] = {
	GO(Q1, D1), GO(Q1, D1), GO(Q2N, D2), GO(Q3Z, D3), GO(Q3Z, D3),
	GO(Q0, D4), GO(Q0, D4),
	FAIL(MISSING_PAD, PAD_NEXT), FAIL(MISSING_PAD, PAD_NEXT),
	FAIL(DATA_AFTER_PAD, HERE), CR_BROKEN,
};

/* Low 2 bits set: never canonical before padding. */
static const struct b64_cell col_a1[B64_M_NSTATE] = {
	GO(Q1, D1), GO(Q1, D1), GO(Q2N, D2), GO(Q3N, D3), GO(Q3N, D3),
	GO(Q0, D4), GO(Q0, D4),
	FAIL(MISSING_PAD, PAD_NEXT), FAIL(MISSING_PAD, PAD_NEXT),
	FAIL(DATA_AFTER_PAD, HERE), CR_BROKEN,
};

/* ---- '=' ------------------------------------------------------------ */

/* GNU: "==" after two characters, "=" after three; zero unused bits;
 * then a new quantum may start. */
static const struct b64_cell col_pad_gnu[B64_M_NSTATE] = {
	FAIL(PAD_INSIDE, HERE), FAIL(TOO_MUCH_PAD, HERE),
	FAIL(PAD_INSIDE, HERE),
	GO(P1Z, PAD), GO(P1N, PAD),
	GO(Q0, PADEND), FAIL(NONCANONICAL, LAST),
	GO(Q0, PADEND), FAIL(NONCANONICAL, LAST),
	FAIL(TOO_MUCH_PAD, HERE), CR_BROKEN,
};

/* Strict: as GNU, but nothing may follow a padded quantum. */
static const struct b64_cell col_pad_strict[B64_M_NSTATE] = {
	FAIL(PAD_INSIDE, HERE), FAIL(TOO_MUCH_PAD, HERE),
	FAIL(PAD_INSIDE, HERE),
	GO(P1Z, PAD), GO(P1N, PAD),
	GO(END, PADEND), FAIL(NONCANONICAL, LAST),
	GO(END, PADEND), FAIL(NONCANONICAL, LAST),
	FAIL(TOO_MUCH_PAD, HERE), CR_BROKEN,
};

/* Strict with B64_NO_PAD: no '=' at all. */
static const struct b64_cell col_pad_none[B64_M_NSTATE] = {
	FAIL(PAD_NOT_ALLOWED, HERE), FAIL(PAD_NOT_ALLOWED, HERE),
	FAIL(PAD_NOT_ALLOWED, HERE), FAIL(PAD_NOT_ALLOWED, HERE),
	FAIL(PAD_NOT_ALLOWED, HERE), FAIL(PAD_NOT_ALLOWED, HERE),
	FAIL(PAD_NOT_ALLOWED, HERE), FAIL(PAD_NOT_ALLOWED, HERE),
	FAIL(PAD_NOT_ALLOWED, HERE), FAIL(PAD_NOT_ALLOWED, HERE), CR_BROKEN,
};

/* Lenient: '=' after two or three characters ends the quantum, whatever
 * its bits; more '=' between quanta are absorbed.  (Lenient never enters
 * P1Z, P1N or END; their cells close the quantum too.) */
static const struct b64_cell col_pad_lenient[B64_M_NSTATE] = {
	FAIL(PAD_INSIDE, HERE), GO(Q0, PAD), FAIL(PAD_INSIDE, HERE),
	GO(Q0, PADEND), GO(Q0, PADEND), GO(Q0, PADEND), GO(Q0, PADEND),
	GO(Q0, PADEND), GO(Q0, PADEND), GO(Q0, PADEND), CR_BROKEN,
};

/* ---- Line feeds, carriage returns, other bytes ---------------------- */

/* LF: skipped anywhere, even inside the padding. */
static const struct b64_cell col_lf[B64_M_NSTATE] = {
	GO(S0, LINE), GO(Q0, LINE), GO(Q1, LINE), GO(Q2Z, LINE),
	GO(Q2N, LINE), GO(Q3Z, LINE), GO(Q3N, LINE), GO(P1Z, LINE),
	GO(P1N, LINE), GO(END, LINE), GO(RET, LINE),
};

/* Strict with B64_CRLF: LF only right after a CR. */
static const struct b64_cell col_lf_crlf[B64_M_NSTATE] = {
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
	FAIL(BAD_CHAR, HERE), GO(RET, LINE),
};

/* A CR (B64_CRLF, not skipped by the filter): the next byte must be LF. */
static const struct b64_cell col_cr[B64_M_NSTATE] = {
	GO(CRW, CR), GO(CRW, CR), GO(CRW, CR), GO(CRW, CR), GO(CRW, CR),
	GO(CRW, CR), GO(CRW, CR), GO(CRW, CR), GO(CRW, CR), GO(CRW, CR),
	CR_BROKEN,
};

/* A byte the filter drops (white space when lenient, garbage with -i). */
static const struct b64_cell col_skip[B64_M_NSTATE] = {
	GO(S0, NONE), GO(Q0, NONE), GO(Q1, NONE), GO(Q2Z, NONE),
	GO(Q2N, NONE), GO(Q3Z, NONE), GO(Q3N, NONE), GO(P1Z, NONE),
	GO(P1N, NONE), GO(END, NONE), CR_BROKEN,
};

/* A byte the filter refuses. */
static const struct b64_cell col_bad[B64_M_NSTATE] = {
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
	FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE), FAIL(BAD_CHAR, HERE),
	FAIL(BAD_CHAR, HERE), CR_BROKEN,
};

/* ---- End of input --------------------------------------------------- */

/* GNU (and strict without padding): a last quantum of two or three
 * characters is padded automatically, and its unused bits must be zero. */
static const struct b64_cell col_eof_gnu[B64_M_NSTATE] = {
	ACCEPT(S0), ACCEPT(Q0), FAIL(TRUNCATED, LAST),
	ACCEPT(Q2Z), FAIL(NONCANONICAL, LAST),
	ACCEPT(Q3Z), FAIL(NONCANONICAL, LAST),
	FAIL(MISSING_PAD, PAD_NEXT), FAIL(MISSING_PAD, PAD_NEXT),
	ACCEPT(END), CR_BROKEN,
};

/* Strict: the last quantum must be padded. */
static const struct b64_cell col_eof_strict[B64_M_NSTATE] = {
	ACCEPT(S0), ACCEPT(Q0), FAIL(TRUNCATED, LAST),
	FAIL(MISSING_PAD, LAST_NEXT), FAIL(MISSING_PAD, LAST_NEXT),
	FAIL(MISSING_PAD, LAST_NEXT), FAIL(MISSING_PAD, LAST_NEXT),
	FAIL(MISSING_PAD, PAD_NEXT), FAIL(MISSING_PAD, PAD_NEXT),
	ACCEPT(END), CR_BROKEN,
};

/* Lenient: two or three characters are taken as they are. */
static const struct b64_cell col_eof_lenient[B64_M_NSTATE] = {
	ACCEPT(S0), ACCEPT(Q0), FAIL(TRUNCATED, LAST),
	ACCEPT(Q2Z), ACCEPT(Q2N), ACCEPT(Q3Z), ACCEPT(Q3N),
	ACCEPT(P1Z), ACCEPT(P1N), ACCEPT(END), CR_BROKEN,
};

/* ---- The modes ------------------------------------------------------ */

/* Filters: what '=', LF, CR, other white space and other bytes are. */
#define F_PLAIN   { B64_M_PAD, B64_M_LF, B64_M_BAD, B64_M_BAD, B64_M_BAD }
#define F_CRLF    { B64_M_PAD, B64_M_LF, B64_M_CR, B64_M_BAD, B64_M_BAD }
#define F_LENIENT { B64_M_PAD, B64_M_LF, B64_M_SKIP, B64_M_SKIP, B64_M_BAD }
#define F_GARBAGE { B64_M_PAD, B64_M_LF, B64_M_SKIP, B64_M_SKIP, B64_M_SKIP }

/*
 * Columns in class order (alphabet, CR, skip and bad are shared), then
 * the classes whose cells leave every data state as it is: the decoder
 * drops them without a step, and its compact loop skips them (PROP_CELLS
 * checks that this set is exactly what the cells say).
 */
#define COLS(pad, lf, eof, drop) { col_a0, col_a2, col_a1, pad, lf, \
	col_cr, col_skip, col_bad, eof }, drop
#define D_LF    (1u << B64_M_LF)
#define D_SKIP  (1u << B64_M_SKIP)
#define GNU     COLS(col_pad_gnu, col_lf, col_eof_gnu, D_LF | D_SKIP)
#define STRICT  COLS(col_pad_strict, col_lf, col_eof_strict, D_LF | D_SKIP)
#define STRICT_CRLF COLS(col_pad_strict, col_lf_crlf, col_eof_strict, D_SKIP)
#define NOPAD   COLS(col_pad_none, col_lf, col_eof_gnu, D_LF | D_SKIP)
#define NOPAD_CRLF COLS(col_pad_none, col_lf_crlf, col_eof_gnu, D_SKIP)
#define LENIENT COLS(col_pad_lenient, col_lf, col_eof_lenient, D_LF | D_SKIP)

#define S  B64_STRICT
#define L  B64_LENIENT
#define NP B64_NO_PAD
#define CL B64_CRLF
#define G  B64_SKIP_GARBAGE

/*
 * Every flag combination the decoder takes.  B64_NO_PAD changes only
 * strict (the others pad a short last quantum anyway); B64_CRLF makes a
 * CR a class of its own unless the filter drops it; strict takes no
 * B64_SKIP_GARBAGE, and strict with lenient is no mode.
 */
const struct b64_mode b64_modes[] = {
	{ "gnu", 0, F_PLAIN, GNU },
	{ "gnu-nopad", NP, F_PLAIN, GNU },
	{ "gnu-crlf", CL, F_CRLF, GNU },
	{ "gnu-nopad-crlf", NP | CL, F_CRLF, GNU },
	{ "gnu-garbage", G, F_GARBAGE, GNU },
	{ "gnu-nopad-garbage", NP | G, F_GARBAGE, GNU },
	{ "gnu-crlf-garbage", CL | G, F_GARBAGE, GNU },
	{ "gnu-nopad-crlf-garbage", NP | CL | G, F_GARBAGE, GNU },
	{ "strict", S, F_PLAIN, STRICT },
	{ "strict-nopad", S | NP, F_PLAIN, NOPAD },
	{ "strict-crlf", S | CL, F_CRLF, STRICT_CRLF },
	{ "strict-nopad-crlf", S | NP | CL, F_CRLF, NOPAD_CRLF },
	{ "lenient", L, F_LENIENT, LENIENT },
	{ "lenient-nopad", L | NP, F_LENIENT, LENIENT },
	{ "lenient-crlf", L | CL, F_LENIENT, LENIENT },
	{ "lenient-nopad-crlf", L | NP | CL, F_LENIENT, LENIENT },
	{ "lenient-garbage", L | G, F_GARBAGE, LENIENT },
	{ "lenient-nopad-garbage", L | NP | G, F_GARBAGE, LENIENT },
	{ "lenient-crlf-garbage", L | CL | G, F_GARBAGE, LENIENT },
	{ "lenient-nopad-crlf-garbage", L | NP | CL | G, F_GARBAGE, LENIENT },
};

const size_t b64_nmodes = sizeof(b64_modes) / sizeof(b64_modes[0]);

/*
 * The rows above are in the order of their flags (no-pad, CRLF, garbage
 * counting 1, 2, 4; strict from row 8, lenient from row 12), so the row
 * is found by arithmetic; comparing its flags refuses every combination
 * that has none (strict with garbage lands on a lenient row, strict with
 * lenient past the end).
 */
const struct b64_mode *
b64_mode_find(unsigned flags)
{
	size_t k = ((flags & B64_NO_PAD) ? 1 : 0) |
	    ((flags & B64_CRLF) ? 2 : 0) |
	    ((flags & B64_SKIP_GARBAGE) ? 4 : 0);

	flags &= B64_M_FLAGS;
	if (flags & B64_STRICT)
		k += 8;
	if (flags & B64_LENIENT)
		k += 12;
	return k < b64_nmodes && b64_modes[k].flags == flags ?
	    &b64_modes[k] : NULL;
}

const char *const b64_state_names[B64_M_NSTATE] = {
	"S0", "Q0", "Q1", "Q2Z", "Q2N", "Q3Z", "Q3N", "P1Z", "P1N", "END",
	"CRW",
};

const char *const b64_class_names[B64_M_NCLASS] = {
	"A0", "A2", "A1", "PAD", "LF", "CR", "SKIP", "BAD", "EOF",
};

const char *const b64_action_names[B64_A_NACTION] = {
	"UNDEF", "NONE", "LINE", "D1", "D2", "D3", "D4", "PAD", "PADEND",
	"CR", "ACCEPT", "FAIL",
};
