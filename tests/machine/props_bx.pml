/*
 * props_bx.pml - SPIN properties of the base32 and base16 decoding
 * tables.  The tables are machine_bx.pml, written by
 * tests/machine/gen_machine pml-bx from src/codec/bx_machine.c;
 * tests/machine/spin.sh runs each property:
 *
 *   spin -DPROP_BX_CELLS -a props_bx.pml && cc -DSAFETY -o pan pan.c && ./pan
 *
 * PROP_BX_CELLS    every cell of every mode is defined and well formed;
 *                  the end of input always ends (accepts or fails with a
 *                  status); a whole group of alphabet characters from
 *                  the state between groups is data and comes back to it
 *                  (the bulk loops take it in one step); a failure is
 *                  placed only where the engine has a place (a marked
 *                  group, a data character, a group character)
 * PROP_BX_GNU      the GNU modes accept exactly GNU basenc -d's language
 *                  and fail at the byte where GNU decides (a base32 group
 *                  ends, a base16 byte is bad, the input ends)
 * PROP_BX_STRICT   the strict modes accept exactly the canonical encodings
 *                  (whole groups, the last one padded as encoding pads it
 *                  or, with no-pad, not at all, zero unused bits, nothing
 *                  after the padding; base16 in one case), and fail only
 *                  once the input can no longer be one
 * PROP_BX_LENIENT  the lenient modes accept exactly what the man page
 *                  promises (white space skipped, '=' between groups
 *                  skipped, missing or partial padding, any unused bits)
 *
 * The references are written here by hand as counters, from the rules in
 * src/codec/basex.h and man/basenc.1, not from the tables.
 *
 * The environment feeds one raw kind of byte at a time: an alphabet
 * character by its class (base32: by its low zero bits; base16: digit,
 * upper, lower), '=', LF, other white space, any other byte, or the end
 * of input; the mode's filter makes the non-alphabet ones classes, as
 * basex.c's machine_class() does.
 */
#include "machine_bx.pml"

#define IN_PAD   5
#define IN_LF    6
#define IN_WS    7
#define IN_OTHER 8
#define IN_EOF   9

#define HAS(f)  ((mflags[mode] & (f)) != 0)
#define B32     (mkind[mode] == K_B32)
#define EOFC    (mnclass[mode] - 1)

byte mode, st, raw, cls, nxt, act, sta, whr;
int x;

inline lookup(m, s, c) {
	x = cell[((m) * MAXCLASS + (c)) * MAXSTATE + (s)];
	nxt = x % 64;
	act = (x / 64) % 16;
	sta = (x / 1024) % 16;
	whr = x / 16384
}

inline classify() {
	if
	:: raw < IN_PAD -> cls = raw
	:: raw == IN_EOF -> cls = EOFC
	:: else -> cls = filt[mode * NRAW + raw - IN_PAD]
	fi
}

/* The cells that end a group: the engine writes its bytes (or drops
 * them) and starts afresh. */
#define ENDS_GROUP(a) ((a) == A_DATA_END || (a) == A_PAD_END || \
	(a) == A_ACCEPT || (a) == A_FAIL || (a) == A_REFUSE)
#define FAILS(a) ((a) == A_FAIL || (a) == A_REFUSE)
#define ERROR(e) ((e) >= E_BAD_CHAR && (e) != E_UNSUPPORTED && \
	(e) != E_OVERFLOW && (e) != E_LENGTH)

/* Whether the unused bits of base32 class c are zero when it is the d-th
 * data character and '=' follows: d = 2, 4, 5, 7 leave its low 2, 4, 1,
 * 3 bits unused (classes V16, V8, V4, V2, V1 have 4, 3, 2, 1, 0 low zero
 * bits). */
#define ZERO(d, c) (((d) == 2 && (c) <= C32_V4) || \
	((d) == 4 && (c) == C32_V16) || ((d) == 5 && (c) <= C32_V2) || \
	((d) == 7 && (c) <= C32_V8))
#define CUT(d) ((d) == 2 || (d) == 4 || (d) == 5 || (d) == 7)

#ifdef PROP_BX_CELLS
byte m, s, c, k, glen;

/* Every cell of every mode. */
inline all_cells() {
	d_step {
		m = 0;
		do
		:: m < NMODE ->
			s = 0;
			do
			:: s < mnstate[m] ->
				c = 0;
				do
				:: c < mnclass[m] ->
					lookup(m, s, c);
					assert(act != A_UNDEF &&
					    act <= A_REFUSE);
					assert(nxt < mnstate[m]);
					assert(act != A_ACCEPT ||
					    c == mnclass[m] - 1);
					assert(c != mnclass[m] - 1 ||
					    act == A_ACCEPT || FAILS(act));
					assert(!FAILS(act) ||
					    (whr == W_MARK -> sta == E_OK :
					    ERROR(sta)));
					assert(act != A_MARK || ERROR(sta));
					assert(FAILS(act) || act == A_MARK ||
					    sta == E_OK);
					assert(whr != W_END ||
					    (FAILS(act) &&
					    c == mnclass[m] - 1));
					assert(FAILS(act) || whr == W_HERE);
					c++
				:: else -> break
				od;
				s++
			:: else -> break
			od;
			m++
		:: else -> break
		od
	}
}

/* A model of the engine's group: a mark, data characters, characters. */
bool marked, gdata, gany;
#endif

#ifdef PROP_BX_GNU
/* GNU, by hand.  base32: with LF (and with -i every byte outside the
 * alphabet but '=') removed, groups of eight characters; a group is good
 * when it has no other byte and is eight data characters, or d of them
 * (d = 2, 4, 5, 7) and 8 - d '=' with the d-th's unused bits zero; a bad
 * group fails when it is whole.  At the end a non-empty short group
 * ending in '=' fails; another is good when it would be padded to a good
 * group.  base16: digits in pairs; any other byte fails at once.
 * rn: characters of the group; rd: data before its first '='; rp: its
 * '='; rbad: it cannot be good; rz: the d-th's bits are zero; rlastpad:
 * its last character is '='; rrej: the reference has refused. */
byte rn, rd, rp;
bool rbad, rz, rlastpad, rrej;
#endif

#ifdef PROP_BX_STRICT
/* Strict, by hand: the input (LF removed) must be a canonical encoding:
 * base32: whole groups of data, then (not with no-pad) one group of d
 * data and 8 - d '=', or (with no-pad) d data (d = 2, 4, 5, 7), the
 * d-th's unused bits zero, and nothing after; base16: pairs of digits,
 * every letter in the case of the first.  rdead: no continuation of the
 * input so far is canonical. */
byte rn, rd, rp, rcase;
bool rdead, rdone, rbits;
#endif

#ifdef PROP_BX_LENIENT
/* Lenient, by hand (man/basenc.1): white space skipped like LF (with -i
 * every other byte too, '=' apart for base32); base32: '=' between groups
 * skipped; a group is d data characters (d = 2, 4, 5, 7, or 8), then '='
 * to the end of the group, whatever the unused bits; the last group may
 * lack some or all of its '='.  base16: as GNU. */
byte rn, rd, rp;
bool rbad, rrej, drop;
#endif

init {
	load_table();
#ifdef PROP_BX_CELLS
	all_cells();
#endif
	select (mode : 0 .. NMODE - 1);
#ifdef PROP_BX_GNU
	if
	:: !HAS(F_STRICT | F_LENIENT) -> skip
	:: else -> goto done
	fi;
#endif
#ifdef PROP_BX_STRICT
	if
	:: HAS(F_STRICT) -> skip
	:: else -> goto done
	fi;
#endif
#ifdef PROP_BX_LENIENT
	if
	:: HAS(F_LENIENT) -> skip
	:: else -> goto done
	fi;
#endif
#ifdef PROP_BX_CELLS
	/* A whole group from the state between groups (not strict base16,
	 * whose bulk loop does not run). */
	if
	:: B32 -> glen = 8
	:: !B32 && !HAS(F_STRICT) -> glen = 2
	:: else -> glen = 0
	fi;
	st = 0;
	k = 0;
	do
	:: k < glen ->
		if
		:: B32 -> select (cls : C32_V16 .. C32_V1)
		:: else -> select (cls : C16_DIG .. C16_LOW)
		fi;
		lookup(mode, st, cls);
		assert(k + 1 >= glen || act == A_DATA);
		assert(k + 1 != glen || act == A_DATA_END);
		st = nxt;
		k++
	:: else -> break
	od;
	assert(st == 0);
#endif
	st = 0;
	do
	:: if
		:: B32 -> select (raw : 0 .. IN_EOF)
		:: else -> select (raw : 0 .. IN_EOF);
			if
			:: raw >= 3 && raw < IN_PAD -> raw = 0
			:: else -> skip
			fi
		fi;
		classify();
		lookup(mode, st, cls);
#ifdef PROP_BX_CELLS
		/* The engine has the place a failure names. */
		assert(!(FAILS(act) && whr == W_MARK) || marked);
		assert(!(FAILS(act) && whr == W_LAST) || gdata);
		assert(!(FAILS(act) && whr == W_PREV) || gany);
		if
		:: act == A_MARK -> marked = true
		:: else -> skip
		fi;
		if
		:: act == A_DATA || act == A_DATA_END -> gdata = true
		:: else -> skip
		fi;
		if
		:: act == A_DATA || act == A_PAD || act == A_MARK ||
		    act == A_JUNK -> gany = true
		:: else -> skip
		fi;
		if
		:: ENDS_GROUP(act) -> marked = false; gdata = false;
			gany = false
		:: else -> skip
		fi;
		/* A group ends between groups. */
		assert(!(act == A_DATA_END || act == A_PAD_END) ||
		    (!B32 || nxt == S32_G0 || nxt == S32_END));
#endif
#ifdef PROP_BX_GNU
		if
		:: B32 && (raw < IN_PAD || raw == IN_PAD ||
		    (raw > IN_LF && raw < IN_EOF && !HAS(F_SKIP_GARBAGE))) ->
			/* A character of the group. */
			if
			:: raw < IN_PAD ->
				if
				:: rp > 0 -> rbad = true
				:: else -> rd++; rz = ZERO(rd, raw)
				fi;
				rlastpad = false
			:: raw == IN_PAD ->
				if
				:: rp == 0 && !CUT(rd) -> rbad = true
				:: else -> skip
				fi;
				rp++;
				rlastpad = true
			:: else -> rbad = true; rlastpad = false
			fi;
			rn++;
			if
			:: rn == 8 ->
				rrej = rbad || (rp > 0 && !rz);
				rn = 0; rd = 0; rp = 0; rbad = false
			:: else -> skip
			fi
		:: B32 && raw == IN_EOF ->
			rrej = rn > 0 && (rlastpad || rbad ||
			    !(CUT(rd) && rz))
		:: !B32 && raw < IN_PAD -> rn = 1 - rn
		:: !B32 && raw == IN_EOF -> rrej = rn != 0
		:: !B32 && raw >= IN_PAD && raw != IN_LF && raw != IN_EOF &&
		    !HAS(F_SKIP_GARBAGE) -> rrej = true
		:: else -> skip
		fi;
		assert(FAILS(act) == rrej);
		assert(raw != IN_EOF || act == A_ACCEPT || FAILS(act));
#endif
#ifdef PROP_BX_STRICT
		if
		:: raw == IN_LF -> skip
		:: raw == IN_EOF ->
			rdead = rdead || (B32 && rn > 0 &&
			    (HAS(F_NO_PAD) -> !(CUT(rd) && !rbits) : true)) ||
			    (!B32 && rn != 0)
		:: raw != IN_LF && raw != IN_EOF && B32 && rdone ->
			rdead = true
		:: B32 && !rdone && raw < IN_PAD ->
			if
			:: rp > 0 -> rdead = true
			:: else -> rd++; rbits = CUT(rd) && !ZERO(rd, raw)
			fi;
			rn++;
			if
			:: rn == 8 -> rn = 0; rd = 0
			:: else -> skip
			fi
		:: B32 && !rdone && raw == IN_PAD ->
			rdead = rdead || HAS(F_NO_PAD) || !CUT(rd) || rbits;
			rp++;
			rn++;
			if
			:: rn == 8 -> rdone = true; rn = 0
			:: else -> skip
			fi
		:: !B32 && raw < IN_PAD ->
			if
			:: raw == C16_DIG -> skip
			:: raw != C16_DIG && rcase == 0 -> rcase = raw
			:: raw != C16_DIG && rcase != 0 ->
				rdead = rdead || rcase != raw
			fi;
			rn = 1 - rn
		:: else -> rdead = true
		fi;
		/* Strict fails only when the input cannot be canonical any
		 * more, and at the end accepts only canonical input. */
		assert(!FAILS(act) || rdead);
		assert(raw != IN_EOF || (act == A_ACCEPT) == !rdead);
#endif
#ifdef PROP_BX_LENIENT
		drop = raw == IN_LF || raw == IN_WS ||
		    (raw == IN_OTHER && HAS(F_SKIP_GARBAGE)) ||
		    (!B32 && raw == IN_PAD && HAS(F_SKIP_GARBAGE)) ||
		    (B32 && raw == IN_PAD && rn == 0);
		if
		:: drop -> skip
		:: !drop && B32 && raw == IN_EOF ->
			rrej = rn > 0 && (rbad || !CUT(rd))
		:: !drop && B32 && raw != IN_EOF ->
			if
			:: raw < IN_PAD ->
				if
				:: rp > 0 -> rbad = true
				:: else -> rd++
				fi
			:: raw == IN_PAD ->
				if
				:: rp == 0 && !CUT(rd) -> rbad = true
				:: else -> skip
				fi;
				rp++
			:: else -> rbad = true
			fi;
			rn++;
			if
			:: rn == 8 ->
				rrej = rbad;
				rn = 0; rd = 0; rp = 0; rbad = false
			:: else -> skip
			fi
		:: !drop && !B32 && raw < IN_PAD -> rn = 1 - rn
		:: !drop && !B32 && raw == IN_EOF -> rrej = rn != 0
		:: else -> rrej = true
		fi;
		assert(FAILS(act) == rrej);
		assert(raw != IN_EOF || act == A_ACCEPT || FAILS(act));
#endif
		if
		:: FAILS(act) || act == A_ACCEPT -> break
		:: else -> st = nxt
		fi
	od;
done:
	skip
}
