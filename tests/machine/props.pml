/*
 * props.pml - SPIN properties of the decoder's table.  The table itself
 * is machine.pml, written by tests/machine/gen_machine from
 * src/codec/machine.c; tests/machine/spin.sh runs each property:
 *
 *   spin -DPROP_CELLS -a props.pml && cc -DSAFETY -o pan pan.c && ./pan
 *
 * PROP_CELLS    every cell of every mode is defined and well formed;
 *               whole quanta from a bulk state (S0, Q0) are plain data;
 *               a mode's drop set is exactly the classes whose cells
 *               leave every data state as it is (the fast paths drop them)
 * PROP_EOF      every input, in every mode, ends in acceptance or a
 *               definite error
 * PROP_LENIENT  lenient never refuses what the man page says it accepts
 * PROP_STRICT   strict never accepts data after padding, a non-canonical
 *               last quantum, '=' with --no-pad, or a bare LF with --crlf
 * PROP_GNU      the GNU modes accept exactly GNU base64 -d's language
 *               (with -i: after dropping the garbage), written here by
 *               hand as counters
 *
 * The environment feeds one raw kind of byte at a time (or the end of
 * input); the mode's filter makes it a class, as b64_class_of() does.
 */
#include "machine.pml"

/* Raw kinds of input: the alphabet by low bits, then the filter's. */
#define R_A0    0
#define R_A2    1
#define R_A1    2
#define R_PAD   3
#define R_LF    4
#define R_CR    5
#define R_WS    6
#define R_OTHER 7
#define R_EOF   8

#define HAS(f)  ((mflags[mode] & (f)) != 0)

byte mode, st, ret, raw, cls, nxt, act, sta;
short x;

inline classify() {
	if
	:: raw <= R_A1 -> cls = raw
	:: raw == R_EOF -> cls = C_EOF
	:: else -> cls = filt[mode * NRAW + raw - R_PAD]
	fi
}

inline lookup(m, s, c) {
	x = cell[colof[(m) * NCLASS + (c)] * NSTATE + (s)];
	nxt = x % 16;
	act = (x / 16) % 16;
	sta = (x / 256) % 16
}

/* The machine takes the cell it looked up. */
inline advance() {
	if
	:: act == A_CR -> ret = st
	:: else -> skip
	fi;
	if
	:: nxt == RET -> st = ret
	:: else -> st = nxt
	fi
}

#ifdef PROP_CELLS
byte m, s, c, q0, q1, q2, q3, k;

/* Every cell of every mode: defined, a next state in range (RET only
 * from CRW), ACCEPT only at the end of input and the end of input
 * nowhere else, an error status exactly on FAIL. */
inline all_cells() {
	d_step {
		m = 0;
		do
		:: m < NMODE ->
			s = 0;
			do
			:: s < NSTATE ->
				c = 0;
				do
				:: c < NCLASS ->
					lookup(m, s, c);
					assert(act != A_UNDEF);
					assert(nxt < NSTATE ||
					    (nxt == RET && s == CRW));
					assert((act == A_ACCEPT) ==
					    (c == C_EOF && act != A_FAIL));
					assert((act == A_FAIL) ==
					    (sta >= E_BAD_CHAR &&
					    sta != E_UNSUPPORTED));
					assert(act == A_FAIL || sta == E_OK);
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

/* The drop set: class c is in it exactly when, in every data state (S0
 * to Q3N), its cell goes back to the same state and does nothing or
 * counts a line. */
bool same;

inline drop_sets() {
	d_step {
		m = 0;
		do
		:: m < NMODE ->
			c = 0;
			do
			:: c < NCLASS ->
				same = true;
				s = S0;
				do
				:: s <= Q3N ->
					lookup(m, s, c);
					same = same && nxt == s &&
					    (act == A_NONE || act == A_LINE);
					s++
				:: else -> break
				od;
				assert(same == (((mdrop[m] >> c) & 1) == 1));
				c++
			:: else -> break
			od;
			m++
		:: else -> break
		od
	}
}

/* From S0 and Q0, four alphabet characters of any classes are D1 D2 D3
 * D4 and end in Q0: the bulk loops may take them in one step. */
inline bulk_quanta() {
	d_step {
		m = 0;
		do
		:: m < NMODE ->
			s = S0;
			do
			:: s <= Q0 ->
				q0 = 0;
				do
				:: q0 < 81 ->
					st = s;
					k = 0;
					do
					:: k < 4 ->
						c = (q0 / (k == 0 -> 1 :
						    (k == 1 -> 3 :
						    (k == 2 -> 9 : 27)))) % 3;
						lookup(m, st, c);
						assert(act == A_D1 + k);
						st = nxt;
						k++
					:: else -> break
					od;
					assert(st == Q0);
					q0++
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
#endif

#ifdef PROP_LENIENT
/* The man page: white space skipped; a group is two to four alphabet
 * characters followed by any number of '='; groups follow each other;
 * with -i, other bytes are skipped too.  mpos counts the characters of
 * the open group; grp: the last thing seen ended a group. */
byte mpos;
bool grp, doc_ok = true;
#endif

#ifdef PROP_STRICT
/* qpos: characters in the quantum; qcls: class of the last one; padded:
 * a '=' was taken; noncanon: a quantum's unused bits were set where it
 * was padded or ended; prev_cr: the last byte was a CR. */
byte qpos, qcls;
bool padded, noncanon, prev_cr;
#endif

#ifdef PROP_GNU
/* GNU 9.8, by hand: with line feeds (and with -i all bytes outside the
 * alphabet but '=') removed, the input is groups of four symbols "aaaa",
 * "aaa=", "aa==", the last of which may also be "aa" or "aaa", where the
 * bits of a padded or short group not used must be zero.  gn: symbols in
 * the group, gp: its '=', gbits: unused bits set, dead: no way back. */
byte gn, gp, ga;
bool gbits, dead;
#endif

init {
	load_table();
#ifdef PROP_CELLS
	all_cells();
	bulk_quanta();
	drop_sets();
#endif
	select (mode : 0 .. NMODE - 1);
#ifdef PROP_LENIENT
	if
	:: HAS(F_LENIENT) -> skip
	:: else -> goto done
	fi;
#endif
#ifdef PROP_STRICT
	if
	:: HAS(F_STRICT) -> skip
	:: else -> goto done
	fi;
#endif
#ifdef PROP_GNU
	if
	:: !HAS(F_STRICT | F_LENIENT | F_CRLF) -> skip
	:: else -> goto done
	fi;
#endif
	st = S0;
	do
	:: select (raw : 0 .. R_EOF);
		classify();
		lookup(mode, st, cls);
#ifdef PROP_CELLS
		assert(act != A_UNDEF);
#endif
#ifdef PROP_EOF
		assert(cls != C_EOF || act == A_ACCEPT ||
		    (act == A_FAIL && sta >= E_BAD_CHAR &&
		    sta != E_UNSUPPORTED));
		assert(act != A_UNDEF && (act != A_FAIL ||
		    (sta >= E_BAD_CHAR && sta != E_UNSUPPORTED)));
#endif
#ifdef PROP_LENIENT
		if
		:: raw <= R_A1 ->
			mpos++;
			grp = (mpos == 4);
			if
			:: mpos == 4 -> mpos = 0
			:: else -> skip
			fi
		:: raw == R_PAD ->
			doc_ok = doc_ok && (mpos >= 2 || (mpos == 0 && grp));
			mpos = 0;
			grp = true
		:: raw == R_OTHER && !HAS(F_SKIP_GARBAGE) -> doc_ok = false
		:: raw == R_EOF -> doc_ok = doc_ok && mpos != 1
		:: else -> skip
		fi;
		assert(act != A_FAIL || !doc_ok);
#endif
#ifdef PROP_STRICT
		if
		:: raw <= R_A1 ->
			assert(act == A_FAIL || !padded);
			qpos = (qpos + 1) % 4;
			qcls = raw
		:: raw == R_PAD ->
			assert(act == A_FAIL || !HAS(F_NO_PAD));
			if
			:: !padded && qpos == 2 ->
				noncanon = noncanon || qcls != R_A0
			:: !padded && qpos == 3 ->
				noncanon = noncanon || qcls == R_A1
			:: else -> skip
			fi;
			padded = true
		:: raw == R_LF ->
			assert(act == A_FAIL || prev_cr || !HAS(F_CRLF))
		:: raw == R_EOF && !padded ->
			if
			:: qpos == 2 -> noncanon = noncanon || qcls != R_A0
			:: qpos == 3 -> noncanon = noncanon || qcls == R_A1
			:: else -> skip
			fi
		:: else -> skip
		fi;
		prev_cr = (raw == R_CR);
		assert(act != A_ACCEPT || !noncanon);
#endif
#ifdef PROP_GNU
		if
		:: raw <= R_A1 ->
			dead = dead || gp > 0;
			gn++;
			ga = raw
		:: raw == R_PAD ->
			dead = dead || gn - gp < 2;
			if
			:: gp == 0 && gn == 2 -> gbits = ga != R_A0
			:: gp == 0 && gn == 3 -> gbits = ga == R_A1
			:: else -> skip
			fi;
			dead = dead || gbits;
			gn++;
			gp++
		:: raw == R_LF -> skip
		:: raw == R_EOF ->
			if
			:: gn == 2 -> gbits = ga != R_A0
			:: gn == 3 -> gbits = ga == R_A1
			:: else -> skip
			fi;
			dead = dead || gp > 0 || gn == 1 || gbits
		:: else -> dead = dead || !HAS(F_SKIP_GARBAGE)
		fi;
		if
		:: gn == 4 -> gn = 0; gp = 0; gbits = false
		:: else -> skip
		fi;
		/* A refusal only where no input could be accepted any more;
		 * acceptance exactly where GNU accepts. */
		assert(act != A_FAIL || dead);
		assert(raw != R_EOF || (act == A_ACCEPT) == !dead);
#endif
		if
		:: act == A_FAIL || act == A_ACCEPT -> break
		:: else -> advance()
		fi
	od;
done:
	skip
}
