/*
 * machine.h - the decoder's rules as data: byte classes, the quantum
 * machine's states, and per mode a byte-class filter and one column of
 * cells per class.  machine.c holds the table; decode.c interprets it;
 * tests/machine/gen_machine.c writes it out as PROMELA (for SPIN) and
 * Graphviz dot.  Private to the codec and its tests.
 */
#ifndef SEXTET_MACHINE_H
#define SEXTET_MACHINE_H

#include "b64_private.h"

/*
 * Classes of input the machine reads.  An alphabet character is split by
 * the low bits of its value, which is all the canonical check needs: the
 * second character of a quantum padded after two must have its low four
 * bits clear (class A0), the third of one padded after three its low two
 * (A0 or A2).  B64_M_EOF is the end of the input.
 */
enum b64_class {
	B64_M_A0,   /* alphabet, value & 15 == 0 */
	B64_M_A2,   /* alphabet, value & 3 == 0, value & 15 != 0 */
	B64_M_A1,   /* alphabet, value & 3 != 0 */
	B64_M_PAD,  /* '=' */
	B64_M_LF,   /* line feed */
	B64_M_CR,   /* carriage return that must be followed by LF */
	B64_M_SKIP, /* a byte the mode drops */
	B64_M_BAD,  /* a byte the mode refuses */
	B64_M_EOF,  /* end of input */
	B64_M_NCLASS
};

/*
 * States.  The quantum position and, from the second character on,
 * whether the bits a padded quantum would leave unused are zero ("Z") or
 * not ("N").  Only S0 and Q0 let the bulk loops run (B64_M_BULK).
 */
enum b64_state {
	B64_M_S0,   /* start: nothing decoded */
	B64_M_Q0,   /* between quanta, after data */
	B64_M_Q1,   /* one character of the quantum */
	B64_M_Q2Z,  /* two; the second's low 4 bits clear */
	B64_M_Q2N,  /* two; not */
	B64_M_Q3Z,  /* three; the third's low 2 bits clear */
	B64_M_Q3N,  /* three; not */
	B64_M_P1Z,  /* "xx=": one more '=' due; bits clear */
	B64_M_P1N,  /* "xx=": one more '=' due; bits set */
	B64_M_END,  /* strict: after a padded quantum, only line breaks */
	B64_M_CRW,  /* a CR waits for its LF */
	B64_M_NSTATE,
	B64_M_RET = B64_M_NSTATE /* next: the state saved at the CR */
};

/* Whether a run of whole quanta of alphabet bytes may be decoded in bulk
 * from state S: it then ends in B64_M_Q0 (the model checks this). */
#define B64_M_BULK(s) ((s) <= B64_M_Q0)

/* What a cell does besides changing state. */
enum b64_action {
	B64_A_UNDEF,  /* no rule: must never be reached (the model checks) */
	B64_A_NONE,   /* drop the byte */
	B64_A_LINE,   /* drop a line feed: a new line starts after it */
	B64_A_D1,     /* first character of a quantum: start the bits */
	B64_A_D2,     /* second: write the first byte */
	B64_A_D3,     /* third: write the second byte */
	B64_A_D4,     /* fourth: write the third byte, quantum done */
	B64_A_PAD,    /* a '=': remember where */
	B64_A_PADEND, /* a '=' that closes the quantum: forget its bits */
	B64_A_CR,     /* a CR: remember where and the state to return to */
	B64_A_ACCEPT, /* end of input: success */
	B64_A_FAIL,   /* an error (status, where) */
	B64_A_NACTION
};

/* Where a failing cell puts the error. */
enum b64_where {
	B64_W_HERE,      /* at this byte (which is reported) */
	B64_W_LAST,      /* at the last alphabet character */
	B64_W_LAST_NEXT, /* just after it (missing padding) */
	B64_W_PAD_NEXT,  /* just after the last '=' (missing padding) */
	B64_W_CR,        /* at the waiting CR */
};

struct b64_cell {
	unsigned char next;   /* enum b64_state, or B64_M_RET */
	unsigned char action; /* enum b64_action */
	unsigned char status; /* enum b64_status, for B64_A_FAIL */
	unsigned char where;  /* enum b64_where, for B64_A_FAIL */
};

/* The filter's input: what tables.c says of a byte outside the alphabet
 * (B64_C_PAD .. B64_C_OTHER, minus B64_C_PAD). */
#define B64_M_NRAW 5

/*
 * A mode: the flags it stands for (B64_STRICT, B64_LENIENT, B64_NO_PAD,
 * B64_CRLF, B64_SKIP_GARBAGE; the alphabet is not the machine's business),
 * the filter from raw byte kinds to classes, one column of cells per
 * class, indexed by state, and the set of classes (bit 1 << class) whose
 * cells in every data state (S0 to Q3N) go back to the same state doing
 * nothing but count lines: the fast paths drop those bytes.  Flag
 * combinations without a mode are refused.
 */
struct b64_mode {
	const char *name;
	unsigned flags;
	unsigned char filter[B64_M_NRAW]; /* '=', LF, CR, SP HT VT FF, other */
	const struct b64_cell *col[B64_M_NCLASS];
	unsigned drop; /* classes that leave every data state as it is */
};

/* The flags that choose a mode. */
#define B64_M_FLAGS (B64_STRICT | B64_LENIENT | B64_NO_PAD | B64_CRLF | \
	B64_SKIP_GARBAGE)

extern const struct b64_mode b64_modes[];
extern const size_t b64_nmodes;
extern const char *const b64_state_names[B64_M_NSTATE];
extern const char *const b64_class_names[B64_M_NCLASS];
extern const char *const b64_action_names[B64_A_NACTION];

/* The mode for FLAGS, or NULL when no mode has them. */
const struct b64_mode *b64_mode_find(unsigned flags);

/* Class of alphabet value V (0..63). */
static inline unsigned
b64_alpha_class(unsigned v)
{
	if ((v & 15u) == 0)
		return B64_M_A0;
	return (v & 3u) == 0 ? B64_M_A2 : B64_M_A1;
}

/* Class of byte code T (a b64_dec_* entry) in mode M. */
static inline unsigned
b64_class_of(const struct b64_mode *m, unsigned t)
{
	return t < 64 ? b64_alpha_class(t) : m->filter[t - B64_C_PAD];
}

/* The cell for class CLS in state S of mode M. */
static inline const struct b64_cell *
b64_cell(const struct b64_mode *m, unsigned s, unsigned cls)
{
	return &m->col[cls][s];
}

#endif /* SEXTET_MACHINE_H */
