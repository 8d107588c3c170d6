/*
 * test_modes.c - the decoding modes, edge input by edge input.
 *
 * One table row per (input, set of modes): the exact output bytes, the
 * exact status and, for an error, its exact offset, 1-based line and
 * 1-based column.  The eight modes of the inventory are
 *
 *	G   GNU default (0)            S   B64_STRICT
 *	SN  B64_STRICT | B64_NO_PAD    L   B64_LENIENT
 *	LI  B64_LENIENT | B64_SKIP_GARBAGE
 *	I   B64_SKIP_GARBAGE           C   B64_CRLF
 *	SC  B64_STRICT | B64_CRLF
 *
 * and every input of the table states an answer for each of them exactly
 * once (checked, one test point per input).  A few rows add optional
 * modes (GNU and lenient with B64_NO_PAD, lenient and -i with B64_CRLF).
 *
 * Each row runs with the standard alphabet as written and with
 * B64_ALPHA_URL on the same input with '+' <-> '-' and '/' <-> '_'
 * swapped, which must give the same answer: so a '-' rejected in standard
 * mode is also a '+' rejected in URL mode.  Each run is checked four
 * ways: b64_decode() one-shot, one update plus final, one byte per update,
 * and random chunks with random output room (a fixed-seed PRNG); the last
 * three also check the error's line, column and byte and that the error
 * latches.  Then the whole table once more with each implementation
 * forced (B64_IMPL_*), skipped for those this build or CPU lacks.
 *
 * The expectations come from man/base64.1 (DESCRIPTION, OPTIONS) and b64.h (where an
 * error is placed), not from the library.  Then: a 1 MiB line in every
 * mode, whole and in random chunks, with errors at its end; and the flag
 * combinations init must refuse.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "tap.h"
#include "testutil.h"

#define OUTMAX 1024

/* A string literal and its length (embedded NULs allowed). */
#define S(x) x, sizeof(x) - 1

/* Long runs, so that the bulk (SIMD) loops meet the edge cases too. */
#define Q   "Zm9v"
#define Q4  Q Q Q Q
#define Q16 Q4 Q4 Q4 Q4
#define F   "foo"
#define F4  F F F F
#define F16 F4 F4 F4 F4

/* ---- modes ------------------------------------------------------------- */

#define M_G   0x0001u
#define M_S   0x0002u
#define M_SN  0x0004u
#define M_L   0x0008u
#define M_LI  0x0010u
#define M_I   0x0020u
#define M_C   0x0040u
#define M_SC  0x0080u
#define M_ALL 0x00ffu  /* the inventory: each input answers all of these */
/* optional extra modes */
#define M_GNP 0x0100u  /* B64_NO_PAD */
#define M_LNP 0x0200u  /* B64_LENIENT | B64_NO_PAD */
#define M_LC  0x0400u  /* B64_LENIENT | B64_CRLF */
#define M_IC  0x0800u  /* B64_SKIP_GARBAGE | B64_CRLF */

/* Shorthands for common groups. */
#define M_SKIP   (M_LI | M_I)                   /* drop garbage */
#define M_NOSKIP (M_ALL & ~M_SKIP)

static const struct {
	unsigned bit;
	unsigned flags;
	const char *name;
} modes[] = {
	{ M_G, 0, "gnu" },
	{ M_S, B64_STRICT, "strict" },
	{ M_SN, B64_STRICT | B64_NO_PAD, "strict+no-pad" },
	{ M_L, B64_LENIENT, "lenient" },
	{ M_LI, B64_LENIENT | B64_SKIP_GARBAGE, "lenient+skip-garbage" },
	{ M_I, B64_SKIP_GARBAGE, "skip-garbage" },
	{ M_C, B64_CRLF, "crlf" },
	{ M_SC, B64_STRICT | B64_CRLF, "strict+crlf" },
	{ M_GNP, B64_NO_PAD, "no-pad" },
	{ M_LNP, B64_LENIENT | B64_NO_PAD, "lenient+no-pad" },
	{ M_LC, B64_LENIENT | B64_CRLF, "lenient+crlf" },
	{ M_IC, B64_SKIP_GARBAGE | B64_CRLF, "skip-garbage+crlf" },
};

#define NMODES (sizeof(modes) / sizeof(modes[0]))

/* ---- the inventory ----------------------------------------------------- */

struct mrow {
	const char *in;
	size_t n;
	unsigned modes;
	enum b64_status want;
	const char *out;
	size_t outn;
	uint64_t off, line, col;
};

/* Expectations: success with output O; error K at OFF, LINE, COL with the
 * partial output O; E1: an error on line 1 (column OFF + 1). */
#define OK(o)              B64_OK, S(o), 0, 0, 0
#define E(k, o, off, l, c) B64_ERR_##k, S(o), off, l, c
#define E1(k, o, off)      B64_ERR_##k, S(o), off, 1, (off) + 1

static const struct mrow rows[] = {
	/* ---- alphabet ---- */
	{ S(""), M_ALL, OK("") },
	{ S("Zm9vYmFy"), M_ALL | M_GNP | M_LNP, OK("foobar") },
	{ S("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2"
	    "d3h5ejAxMjM0NTY3ODk="), M_ALL & ~M_SN,
	    OK("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789") },
	{ S("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2"
	    "d3h5ejAxMjM0NTY3ODk="), M_SN,
	    E1(PAD_NOT_ALLOWED, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789", 83) },
	/* every character value, both alphabets through the swap */
	{ S("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v"
	    "MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f"
	    "YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6P"
	    "kJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/"
	    "wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v"
	    "8PHy8/T19vf4+fr7/P3+/w=="), M_ALL & ~M_SN,
	    OK("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e"
	    "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e"
	    "\x1f\x20\x21\x22\x23\x24\x25\x26\x27\x28\x29\x2a\x2b\x2c\x2d\x2e"
	    "\x2f\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\x3a\x3b\x3c\x3d\x3e"
	    "\x3f\x40\x41\x42\x43\x44\x45\x46\x47\x48\x49\x4a\x4b\x4c\x4d\x4e"
	    "\x4f\x50\x51\x52\x53\x54\x55\x56\x57\x58\x59\x5a\x5b\x5c\x5d\x5e"
	    "\x5f\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e"
	    "\x6f\x70\x71\x72\x73\x74\x75\x76\x77\x78\x79\x7a\x7b\x7c\x7d\x7e"
	    "\x7f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e"
	    "\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e"
	    "\x9f\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae"
	    "\xaf\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe"
	    "\xbf\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce"
	    "\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde"
	    "\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee"
	    "\xef\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe"
	    "\xff") },
	{ S("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v"
	    "MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f"
	    "YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6P"
	    "kJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/"
	    "wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v"
	    "8PHy8/T19vf4+fr7/P3+/w=="), M_SN,
	    E1(PAD_NOT_ALLOWED, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"
	    "\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
	    "\x1a\x1b\x1c\x1d\x1e\x1f\x20\x21\x22\x23\x24\x25\x26\x27\x28\x29"
	    "\x2a\x2b\x2c\x2d\x2e\x2f\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39"
	    "\x3a\x3b\x3c\x3d\x3e\x3f\x40\x41\x42\x43\x44\x45\x46\x47\x48\x49"
	    "\x4a\x4b\x4c\x4d\x4e\x4f\x50\x51\x52\x53\x54\x55\x56\x57\x58\x59"
	    "\x5a\x5b\x5c\x5d\x5e\x5f\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69"
	    "\x6a\x6b\x6c\x6d\x6e\x6f\x70\x71\x72\x73\x74\x75\x76\x77\x78\x79"
	    "\x7a\x7b\x7c\x7d\x7e\x7f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89"
	    "\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99"
	    "\x9a\x9b\x9c\x9d\x9e\x9f\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9"
	    "\xaa\xab\xac\xad\xae\xaf\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9"
	    "\xba\xbb\xbc\xbd\xbe\xbf\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9"
	    "\xca\xcb\xcc\xcd\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9"
	    "\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9"
	    "\xea\xeb\xec\xed\xee\xef\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9"
	    "\xfa\xfb\xfc\xfd\xfe\xff", 342) },
	{ S("+/+/"), M_ALL, OK("\xfb\xff\xbf") },
	{ S("////"), M_ALL, OK("\xff\xff\xff") },
	{ S("+/8="), M_ALL & ~M_SN, OK("\xfb\xff") },
	{ S("+/8="), M_SN, E1(PAD_NOT_ALLOWED, "\xfb\xff", 3) },
	/* the other alphabet's characters ('+' '/' in URL mode by the swap) */
	{ S("-_8="), M_NOSKIP, E1(BAD_CHAR, "", 0) },
	{ S("-_8="), M_SKIP, E1(PAD_INSIDE, "", 3) },
	{ S("Zm-9v"), M_NOSKIP, E1(BAD_CHAR, "f", 2) },
	{ S("Zm-9v"), M_SKIP, OK("foo") },
	{ S("Zm9_v"), M_NOSKIP, E1(BAD_CHAR, "fo", 3) },
	{ S("Zm9_v"), M_SKIP, OK("foo") },
	{ S("Zm9v_w=="), M_NOSKIP, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v_w=="), M_SKIP, E1(PAD_INSIDE, "foo", 6) },
	{ S("Zm9v\n-"), M_ALL & ~(M_SKIP | M_SC),
	    E(BAD_CHAR, "foo", 5, 2, 1) },
	{ S("Zm9v\n-"), M_SKIP, OK("foo") },
	{ S("Zm9v\n-"), M_SC, E1(BAD_CHAR, "foo", 4) },
	/* mixed: one of each alphabet */
	{ S("+_8="), M_NOSKIP, E1(BAD_CHAR, "", 1) },
	{ S("+_8="), M_LI, OK("\xfb") },
	{ S("+_8="), M_I, E1(MISSING_PAD, "\xfb", 4) },
	{ S("//-A"), M_NOSKIP, E1(BAD_CHAR, "\xff", 2) },
	{ S("//-A"), M_LI, OK("\xff\xf0") },
	{ S("//-A"), M_I, OK("\xff\xf0") },
	/* NUL, other ASCII, bytes >= 0x80 */
	{ S("\0"), M_NOSKIP, E1(BAD_CHAR, "", 0) },
	{ S("\0"), M_SKIP, OK("") },
	{ S("Zm9v\0"), M_NOSKIP, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\0"), M_SKIP, OK("foo") },
	{ S("Zm\0" "9v"), M_NOSKIP, E1(BAD_CHAR, "f", 2) },
	{ S("Zm\0" "9v"), M_SKIP, OK("foo") },
	{ S("Zg=\0="), M_ALL & ~(M_SKIP | M_SN), E1(BAD_CHAR, "f", 3) },
	{ S("Zg=\0="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=\0="), M_SKIP, OK("f") },
	{ S("Zm9v*"), M_NOSKIP, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v*"), M_SKIP, OK("foo") },
	{ S("Z.m:9!v"), M_NOSKIP, E1(BAD_CHAR, "", 1) },
	{ S("Z.m:9!v"), M_SKIP, OK("foo") },
	{ S("\x7f"), M_NOSKIP, E1(BAD_CHAR, "", 0) },
	{ S("\x7f"), M_SKIP, OK("") },
	{ S("\x80"), M_NOSKIP, E1(BAD_CHAR, "", 0) },
	{ S("\x80"), M_SKIP, OK("") },
	{ S("Zm9v\xff"), M_NOSKIP, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\xff"), M_SKIP, OK("foo") },
	{ S("Zm9v\xc3\xa9Zm9v"), M_NOSKIP, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\xc3\xa9Zm9v"), M_SKIP, OK("foofoo") },
	{ S("Z\x80m\x81" "9\xfe" "v\xff"), M_NOSKIP, E1(BAD_CHAR, "", 1) },
	{ S("Z\x80m\x81" "9\xfe" "v\xff"), M_SKIP, OK("foo") },
	/* UTF-16LE with BOM */
	{ S("\xff\xfeZ\0m\0" "9\0v\0"), M_NOSKIP, E1(BAD_CHAR, "", 0) },
	{ S("\xff\xfeZ\0m\0" "9\0v\0"), M_SKIP, OK("foo") },

	/* ---- padding ---- */
	/* missing */
	{ S("Zg"), M_ALL & ~(M_S | M_SC), OK("f") },
	{ S("Zg"), M_S | M_SC, E1(MISSING_PAD, "f", 2) },
	{ S("Zg"), M_GNP | M_LNP, OK("f") },
	{ S("Zm8"), M_ALL & ~(M_S | M_SC), OK("fo") },
	{ S("Zm8"), M_S | M_SC, E1(MISSING_PAD, "fo", 3) },
	{ S("Zm9vYg"), M_ALL & ~(M_S | M_SC), OK("foob") },
	{ S("Zm9vYg"), M_S | M_SC, E1(MISSING_PAD, "foob", 6) },
	{ S("Zm9vYmE"), M_ALL & ~(M_S | M_SC), OK("fooba") },
	{ S("Zm9vYmE"), M_S | M_SC, E1(MISSING_PAD, "fooba", 7) },
	{ S("Zm9vYmE"), M_GNP | M_LNP, OK("fooba") },
	{ S("Zm9vYg\n"), M_ALL & ~(M_S | M_SC), OK("foob") },
	{ S("Zm9vYg\n"), M_S, E1(MISSING_PAD, "foob", 6) },
	{ S("Zm9vYg\n"), M_SC, E1(BAD_CHAR, "foob", 6) },
	{ S("Zm9vYg\r\n"), M_G | M_S | M_SN, E1(BAD_CHAR, "foob", 6) },
	{ S("Zm9vYg\r\n"), M_L | M_LI | M_I | M_C, OK("foob") },
	{ S("Zm9vYg\r\n"), M_SC, E1(MISSING_PAD, "foob", 6) },
	{ S("Zg==Zg"), M_ALL & ~(M_S | M_SN | M_SC), OK("ff") },
	{ S("Zg==Zg"), M_S | M_SC, E1(DATA_AFTER_PAD, "f", 4) },
	{ S("Zg==Zg"), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	/* partial */
	{ S("Zg="), M_G | M_S | M_I | M_C | M_SC, E1(MISSING_PAD, "f", 3) },
	{ S("Zg="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg="), M_L | M_LI | M_LNP, OK("f") },
	{ S("Zg="), M_GNP, E1(MISSING_PAD, "f", 3) },
	{ S("Zz="), M_G | M_S | M_I | M_C | M_SC, E1(MISSING_PAD, "g", 3) },
	{ S("Zz="), M_SN, E1(PAD_NOT_ALLOWED, "g", 2) },
	{ S("Zz="), M_L | M_LI, OK("g") },
	{ S("MTIzNA="), M_G | M_S | M_I | M_C | M_SC,
	    E1(MISSING_PAD, "1234", 7) },
	{ S("MTIzNA="), M_SN, E1(PAD_NOT_ALLOWED, "1234", 6) },
	{ S("MTIzNA="), M_L | M_LI, OK("1234") },
	{ S("MTIzNA=\n"), M_G | M_S | M_I | M_C,
	    E1(MISSING_PAD, "1234", 7) },
	{ S("MTIzNA=\n"), M_SN, E1(PAD_NOT_ALLOWED, "1234", 6) },
	{ S("MTIzNA=\n"), M_SC, E1(BAD_CHAR, "1234", 7) },
	{ S("MTIzNA=\n"), M_L | M_LI, OK("1234") },
	{ S("Zg=A"), M_G | M_S | M_I | M_C | M_SC,
	    E1(MISSING_PAD, "f", 3) },
	{ S("Zg=A"), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=A"), M_L | M_LI, E1(TRUNCATED, "f", 3) },
	{ S("Zg=Zg"), M_G | M_S | M_I | M_C | M_SC,
	    E1(MISSING_PAD, "f", 3) },
	{ S("Zg=Zg"), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=Zg"), M_L | M_LI, OK("ff") },
	/* complete */
	{ S("Zg=="), M_ALL & ~M_SN, OK("f") },
	{ S("Zg=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=="), M_GNP | M_LNP, OK("f") },
	{ S("Zm8="), M_ALL & ~M_SN, OK("fo") },
	{ S("Zm8="), M_SN, E1(PAD_NOT_ALLOWED, "fo", 3) },
	{ S("Zm8="), M_GNP | M_LNP, OK("fo") },
	/* excess */
	{ S("Zm9v="), M_G | M_S | M_I | M_C | M_SC,
	    E1(TOO_MUCH_PAD, "foo", 4) },
	{ S("Zm9v="), M_SN, E1(PAD_NOT_ALLOWED, "foo", 4) },
	{ S("Zm9v="), M_L | M_LI | M_LNP, OK("foo") },
	{ S("Zm9v="), M_GNP, E1(TOO_MUCH_PAD, "foo", 4) },
	{ S("Zm9v===="), M_G | M_S | M_I | M_C | M_SC,
	    E1(TOO_MUCH_PAD, "foo", 4) },
	{ S("Zm9v===="), M_SN, E1(PAD_NOT_ALLOWED, "foo", 4) },
	{ S("Zm9v===="), M_L | M_LI, OK("foo") },
	{ S("Zg==="), M_G | M_S | M_I | M_C | M_SC,
	    E1(TOO_MUCH_PAD, "f", 4) },
	{ S("Zg==="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg==="), M_L | M_LI, OK("f") },
	{ S("Zm8=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(TOO_MUCH_PAD, "fo", 4) },
	{ S("Zm8=="), M_SN, E1(PAD_NOT_ALLOWED, "fo", 3) },
	{ S("Zm8=="), M_L | M_LI, OK("fo") },
	{ S("Zg==\n="), M_G | M_S | M_I | M_C,
	    E(TOO_MUCH_PAD, "f", 5, 2, 1) },
	{ S("Zg==\n="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg==\n="), M_SC, E1(BAD_CHAR, "f", 4) },
	{ S("Zg==\n="), M_L | M_LI, OK("f") },
	{ S("Zm9v=Zm9v"), M_G | M_S | M_I | M_C | M_SC,
	    E1(TOO_MUCH_PAD, "foo", 4) },
	{ S("Zm9v=Zm9v"), M_SN, E1(PAD_NOT_ALLOWED, "foo", 4) },
	{ S("Zm9v=Zm9v"), M_L | M_LI, OK("foofoo") },
	/* leading */
	{ S("=Zm9v"), M_ALL & ~M_SN, E1(PAD_INSIDE, "", 0) },
	{ S("=Zm9v"), M_SN, E1(PAD_NOT_ALLOWED, "", 0) },
	{ S("="), M_ALL & ~M_SN, E1(PAD_INSIDE, "", 0) },
	{ S("="), M_SN, E1(PAD_NOT_ALLOWED, "", 0) },
	{ S("===="), M_ALL & ~M_SN, E1(PAD_INSIDE, "", 0) },
	{ S("===="), M_SN, E1(PAD_NOT_ALLOWED, "", 0) },
	{ S("\n\n=Zm9v"), M_ALL & ~(M_SN | M_SC),
	    E(PAD_INSIDE, "", 2, 3, 1) },
	{ S("\n\n=Zm9v"), M_SN, E(PAD_NOT_ALLOWED, "", 2, 3, 1) },
	{ S("\n\n=Zm9v"), M_SC, E1(BAD_CHAR, "", 0) },
	{ S(" =Zm9v"), M_G | M_S | M_SN | M_C | M_SC, E1(BAD_CHAR, "", 0) },
	{ S(" =Zm9v"), M_L | M_LI | M_I, E1(PAD_INSIDE, "", 1) },
	/* inner */
	{ S("Z=g="), M_ALL & ~M_SN, E1(PAD_INSIDE, "", 1) },
	{ S("Z=g="), M_SN, E1(PAD_NOT_ALLOWED, "", 1) },
	{ S("Zm9vZ=g="), M_ALL & ~M_SN, E1(PAD_INSIDE, "foo", 5) },
	{ S("Zm9vZ=g="), M_SN, E1(PAD_NOT_ALLOWED, "foo", 5) },
	{ S("Z==="), M_ALL & ~M_SN, E1(PAD_INSIDE, "", 1) },
	{ S("Z==="), M_SN, E1(PAD_NOT_ALLOWED, "", 1) },
	{ S("Z\n=\n="), M_ALL & ~(M_SN | M_SC),
	    E(PAD_INSIDE, "", 2, 2, 1) },
	{ S("Z\n=\n="), M_SN, E(PAD_NOT_ALLOWED, "", 2, 2, 1) },
	{ S("Z\n=\n="), M_SC, E1(BAD_CHAR, "", 1) },
	{ S("Z \t=="), M_L | M_LI, E1(PAD_INSIDE, "", 3) },
	{ S("Z \t=="), M_G | M_S | M_SN | M_C | M_SC, E1(BAD_CHAR, "", 1) },
	{ S("Z \t=="), M_I, E1(PAD_INSIDE, "", 3) },
	/* data after padding */
	{ S("Zg==Zg=="), M_G | M_L | M_LI | M_I | M_C, OK("ff") },
	{ S("Zg==Zg=="), M_S | M_SC, E1(DATA_AFTER_PAD, "f", 4) },
	{ S("Zg==Zg=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zm8=Zm8="), M_G | M_L | M_LI | M_I | M_C, OK("fofo") },
	{ S("Zm8=Zm8="), M_S | M_SC, E1(DATA_AFTER_PAD, "fo", 4) },
	{ S("Zm8=Zm8="), M_SN, E1(PAD_NOT_ALLOWED, "fo", 3) },
	{ S("Zg==\nZg=="), M_G | M_L | M_LI | M_I | M_C, OK("ff") },
	{ S("Zg==\nZg=="), M_S, E(DATA_AFTER_PAD, "f", 5, 2, 1) },
	{ S("Zg==\nZg=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg==\nZg=="), M_SC, E1(BAD_CHAR, "f", 4) },
	{ S("Zg==\r\nZg=="), M_G | M_S, E1(BAD_CHAR, "f", 4) },
	{ S("Zg==\r\nZg=="), M_L | M_LI | M_I | M_C, OK("ff") },
	{ S("Zg==\r\nZg=="), M_SC, E(DATA_AFTER_PAD, "f", 6, 2, 1) },
	{ S("Zg==\r\nZg=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zm8=Zm9vYmFy"), M_G | M_L | M_LI | M_I | M_C,
	    OK("fofoobar") },
	{ S("Zm8=Zm9vYmFy"), M_S | M_SC, E1(DATA_AFTER_PAD, "fo", 4) },
	{ S("Zm8=Zm9vYmFy"), M_SN, E1(PAD_NOT_ALLOWED, "fo", 3) },
	/* strict + no-pad: any '=' where it stands */
	{ S("Zm9vYmFy=="), M_SN, E1(PAD_NOT_ALLOWED, "foobar", 8) },
	{ S("Zm9vYmFy=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(TOO_MUCH_PAD, "foobar", 8) },
	{ S("Zm9vYmFy=="), M_L | M_LI, OK("foobar") },
	{ S("Zm9v\nYmE\n="), M_SN, E(PAD_NOT_ALLOWED, "fooba", 9, 3, 1) },
	{ S("Zm9v\nYmE\n="), M_G | M_S | M_L | M_LI | M_I | M_C,
	    OK("fooba") },
	{ S("Zm9v\nYmE\n="), M_SC, E1(BAD_CHAR, "foo", 4) },

	/* ---- whitespace ---- */
	/* LF anywhere, blank lines */
	{ S("Zm9v\nYmFy\n"), M_ALL & ~M_SC, OK("foobar") },
	{ S("Zm9v\nYmFy\n"), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("\nZ\nm\n9\nv\n"), M_ALL & ~M_SC, OK("foo") },
	{ S("\nZ\nm\n9\nv\n"), M_SC, E1(BAD_CHAR, "", 0) },
	{ S("\n\n\n"), M_ALL & ~M_SC, OK("") },
	{ S("\n\n\n"), M_SC, E1(BAD_CHAR, "", 0) },
	{ S("Zm9v\n\n\nYmFy"), M_ALL & ~M_SC, OK("foobar") },
	{ S("Zm9v\n\n\nYmFy"), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("Zg\n=="), M_ALL & ~(M_SN | M_SC), OK("f") },
	{ S("Zg\n=="), M_SN, E(PAD_NOT_ALLOWED, "f", 3, 2, 1) },
	{ S("Zg\n=="), M_SC, E1(BAD_CHAR, "f", 2) },
	{ S("Zg=\n="), M_ALL & ~(M_SN | M_SC), OK("f") },
	{ S("Zg=\n="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=\n="), M_SC, E1(BAD_CHAR, "f", 3) },
	{ S("Zg=\n\n\n="), M_ALL & ~(M_SN | M_SC), OK("f") },
	{ S("Zg=\n\n\n="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=\n\n\n="), M_SC, E1(BAD_CHAR, "f", 3) },
	/* CRLF */
	{ S("Zm9v\r\nYmFy\r\n"), M_G | M_S | M_SN, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nYmFy\r\n"), M_L | M_LI | M_I | M_C | M_SC,
	    OK("foobar") },
	{ S("Zm9v\r\nYmFy\r\n"), M_LC | M_IC, OK("foobar") },
	{ S("\r\n\r\nZm9v\r\n\r\n"), M_G | M_S | M_SN,
	    E1(BAD_CHAR, "", 0) },
	{ S("\r\n\r\nZm9v\r\n\r\n"), M_L | M_LI | M_I | M_C | M_SC,
	    OK("foo") },
	{ S("Zg=\r\n="), M_G | M_S, E1(BAD_CHAR, "f", 3) },
	{ S("Zg=\r\n="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=\r\n="), M_L | M_LI | M_I | M_C | M_SC, OK("f") },
	{ S("Zg\r\n=="), M_G | M_S | M_SN, E1(BAD_CHAR, "f", 2) },
	{ S("Zg\r\n=="), M_L | M_LI | M_I | M_C | M_SC, OK("f") },
	/* mixed line ends: LF is fine except in strict + CRLF */
	{ S("Zm9v\r\nYmFy\nZm9v"), M_G | M_S | M_SN,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nYmFy\nZm9v"), M_L | M_LI | M_I | M_C,
	    OK("foobarfoo") },
	{ S("Zm9v\r\nYmFy\nZm9v"), M_SC, E(BAD_CHAR, "foobar", 10, 2, 5) },
	{ S("Zm9v\n\r\n"), M_G | M_S | M_SN, E(BAD_CHAR, "foo", 5, 2, 1) },
	{ S("Zm9v\n\r\n"), M_L | M_LI | M_I | M_C, OK("foo") },
	{ S("Zm9v\n\r\n"), M_SC, E1(BAD_CHAR, "foo", 4) },
	/* lone CR */
	{ S("Zm9v\rYmFy"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\rYmFy"), M_L | M_LI | M_I, OK("foobar") },
	{ S("Zm9v\rYmFy"), M_LC | M_IC, OK("foobar") },
	{ S("Zm9v\r"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r"), M_L | M_LI | M_I, OK("foo") },
	{ S("\r"), M_G | M_S | M_SN | M_C | M_SC, E1(BAD_CHAR, "", 0) },
	{ S("\r"), M_L | M_LI | M_I, OK("") },
	{ S("Zm9v\r\r\n"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\r\n"), M_L | M_LI | M_I, OK("foo") },
	{ S("Zm\r9v"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "f", 2) },
	{ S("Zm\r9v"), M_L | M_LI | M_I, OK("foo") },
	{ S("Zg=\r="), M_G | M_S | M_C | M_SC, E1(BAD_CHAR, "f", 3) },
	{ S("Zg=\r="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg=\r="), M_L | M_LI | M_I, OK("f") },
	{ S("Zm9v\r\nZm9v\rZ"), M_G | M_S | M_SN, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nZm9v\rZ"), M_C | M_SC, E(BAD_CHAR, "foofoo", 10, 2, 5) },
	{ S("Zm9v\r\nZm9v\rZ"), M_L | M_LI | M_I,
	    E(TRUNCATED, "foofoo", 11, 2, 6) },
	/* SP HT VT FF */
	{ S("Zm9v YmFy"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v YmFy"), M_L | M_LI | M_I, OK("foobar") },
	{ S("Zm9v\tYmFy"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\tYmFy"), M_L | M_LI | M_I, OK("foobar") },
	{ S("Zm9v\vYmFy"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\vYmFy"), M_L | M_LI | M_I, OK("foobar") },
	{ S("Zm9v\fYmFy"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\fYmFy"), M_L | M_LI | M_I, OK("foobar") },
	{ S(" \t\v\f\r\n"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "", 0) },
	{ S(" \t\v\f\r\n"), M_L | M_LI | M_I, OK("") },
	{ S("  Zm9v  \n\tYmFy\t\n"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "", 0) },
	{ S("  Zm9v  \n\tYmFy\t\n"), M_L | M_LI | M_I, OK("foobar") },
	{ S("Z m\t9\vv\f"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "", 1) },
	{ S("Z m\t9\vv\f"), M_L | M_LI | M_I, OK("foo") },
	/* other control bytes are not white space */
	{ S("Zm9v\x1c"), M_NOSKIP, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\x1c"), M_SKIP, OK("foo") },
	{ S("Zm9v\x85"), M_NOSKIP, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\x85"), M_SKIP, OK("foo") },
	/* white space inside the padding */
	{ S("Zg= ="), M_G | M_S | M_C | M_SC, E1(BAD_CHAR, "f", 3) },
	{ S("Zg= ="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zg= ="), M_L | M_LI | M_I, OK("f") },
	{ S("Zg \t= \v\f= \r\n"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "f", 2) },
	{ S("Zg \t= \v\f= \r\n"), M_L | M_LI | M_I, OK("f") },
	{ S("Zm8 =\n"), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "fo", 3) },
	{ S("Zm8 =\n"), M_L | M_LI | M_I, OK("fo") },

	/* ---- lengths ---- */
	{ S("Z"), M_ALL, E1(TRUNCATED, "", 0) },
	{ S("A"), M_ALL, E1(TRUNCATED, "", 0) },
	{ S("Zm9vY"), M_ALL, E1(TRUNCATED, "foo", 4) },
	{ S("Zm9vYmFyZ"), M_ALL, E1(TRUNCATED, "foobar", 8) },
	{ S("Zm9vY\n"), M_ALL & ~M_SC, E1(TRUNCATED, "foo", 4) },
	{ S("Zm9vY\n"), M_SC, E1(BAD_CHAR, "foo", 5) },
	{ S("Zm9vY\r\n"), M_G | M_S | M_SN, E1(BAD_CHAR, "foo", 5) },
	{ S("Zm9vY\r\n"), M_L | M_LI | M_I | M_C | M_SC,
	    E1(TRUNCATED, "foo", 4) },
	{ S("Zm9v\n\nZ\n\n"), M_ALL & ~M_SC, E(TRUNCATED, "foo", 6, 3, 1) },
	{ S("Zm9v\n\nZ\n\n"), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\n\r\nZ\r\n"), M_G | M_S | M_SN, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\n\r\nZ\r\n"), M_L | M_LI | M_I | M_C | M_SC,
	    E(TRUNCATED, "foo", 8, 3, 1) },
	{ S("Zg==Z"), M_G | M_L | M_LI | M_I | M_C, E1(TRUNCATED, "f", 4) },
	{ S("Zg==Z"), M_S | M_SC, E1(DATA_AFTER_PAD, "f", 4) },
	{ S("Zg==Z"), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zm9vY "), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, "foo", 5) },
	{ S("Zm9vY "), M_L | M_LI | M_I, E1(TRUNCATED, "foo", 4) },
	{ S("Zm9vY*"), M_NOSKIP, E1(BAD_CHAR, "foo", 5) },
	{ S("Zm9vY*"), M_SKIP, E1(TRUNCATED, "foo", 4) },
	{ S("Zm9vY="), M_ALL & ~M_SN, E1(PAD_INSIDE, "foo", 5) },
	{ S("Zm9vY="), M_SN, E1(PAD_NOT_ALLOWED, "foo", 5) },

	/* ---- unused bits ---- */
	{ S("Zh=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "f", 1) },
	{ S("Zh=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zh=="), M_L | M_LI, OK("f") },
	{ S("Zh=="), M_GNP, E1(NONCANONICAL, "f", 1) },
	{ S("Zh=="), M_LNP | M_LC, OK("f") },
	{ S("Zm9vCh=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "foo\n", 5) },
	{ S("Zm9vCh=="), M_SN, E1(PAD_NOT_ALLOWED, "foo\n", 6) },
	{ S("Zm9vCh=="), M_L | M_LI, OK("foo\n") },
	{ S("SGVsbG9="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "Hello", 6) },
	{ S("SGVsbG9="), M_SN, E1(PAD_NOT_ALLOWED, "Hello", 7) },
	{ S("SGVsbG9="), M_L | M_LI, OK("Hello") },
	{ S("SB=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "H", 1) },
	{ S("SB=="), M_SN, E1(PAD_NOT_ALLOWED, "H", 2) },
	{ S("SB=="), M_L | M_LI, OK("H") },
	{ S("Zh==Zg=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "f", 1) },
	{ S("Zh==Zg=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zh==Zg=="), M_L | M_LI, OK("ff") },
	/* every unused bit, alone (carrier 'g' is canonical) */
	{ S("Zi=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "f", 1) },
	{ S("Zi=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zi=="), M_L | M_LI, OK("f") },
	{ S("Zk=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "f", 1) },
	{ S("Zk=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zk=="), M_L | M_LI, OK("f") },
	{ S("Zo=="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "f", 1) },
	{ S("Zo=="), M_SN, E1(PAD_NOT_ALLOWED, "f", 2) },
	{ S("Zo=="), M_L | M_LI, OK("f") },
	{ S("Zm9="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "fo", 2) },
	{ S("Zm9="), M_SN, E1(PAD_NOT_ALLOWED, "fo", 3) },
	{ S("Zm9="), M_L | M_LI, OK("fo") },
	{ S("Zm+="), M_G | M_S | M_I | M_C | M_SC,
	    E1(NONCANONICAL, "fo", 2) },
	{ S("Zm+="), M_SN, E1(PAD_NOT_ALLOWED, "fo", 3) },
	{ S("Zm+="), M_L | M_LI, OK("fo") },
	/* unpadded: GNU pads automatically, then checks */
	{ S("Zh"), M_G | M_SN | M_I | M_C, E1(NONCANONICAL, "f", 1) },
	{ S("Zh"), M_S | M_SC, E1(MISSING_PAD, "f", 2) },
	{ S("Zh"), M_L | M_LI | M_LNP, OK("f") },
	{ S("Zh"), M_GNP, E1(NONCANONICAL, "f", 1) },
	{ S("SGVsbG9"), M_G | M_SN | M_I | M_C,
	    E1(NONCANONICAL, "Hello", 6) },
	{ S("SGVsbG9"), M_S | M_SC, E1(MISSING_PAD, "Hello", 7) },
	{ S("SGVsbG9"), M_L | M_LI, OK("Hello") },
	{ S("Zm9vCh\n"), M_G | M_SN | M_I | M_C,
	    E1(NONCANONICAL, "foo\n", 5) },
	{ S("Zm9vCh\n"), M_S, E1(MISSING_PAD, "foo\n", 6) },
	{ S("Zm9vCh\n"), M_SC, E1(BAD_CHAR, "foo\n", 6) },
	{ S("Zm9vCh\n"), M_L | M_LI, OK("foo\n") },

	/* ---- positions across lines ---- */
	{ S("Zm9v\r\nYmFy\r\nZm*9v"), M_G | M_S | M_SN,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nYmFy\r\nZm*9v"), M_L | M_C | M_SC,
	    E(BAD_CHAR, "foobarf", 14, 3, 3) },
	{ S("Zm9v\r\nYmFy\r\nZm*9v"), M_LI | M_I, OK("foobarfoo") },
	{ S("Zm9v\nYmFy\nZm*9v"), M_G | M_S | M_SN | M_L | M_C,
	    E(BAD_CHAR, "foobarf", 12, 3, 3) },
	{ S("Zm9v\nYmFy\nZm*9v"), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\nYmFy\nZm*9v"), M_LI | M_I, OK("foobarfoo") },
	{ S("Zm9v\r\nYmFy\nZm*9v"), M_G | M_S | M_SN,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nYmFy\nZm*9v"), M_L | M_C,
	    E(BAD_CHAR, "foobarf", 13, 3, 3) },
	{ S("Zm9v\r\nYmFy\nZm*9v"), M_SC, E(BAD_CHAR, "foobar", 10, 2, 5) },
	{ S("Zm9v\r\nYmFy\nZm*9v"), M_LI | M_I, OK("foobarfoo") },
	{ S("Zm9v\nYmFy\n\nZm9v=\n"), M_G | M_S | M_I | M_C,
	    E(TOO_MUCH_PAD, "foobarfoo", 15, 4, 5) },
	{ S("Zm9v\nYmFy\n\nZm9v=\n"), M_SN,
	    E(PAD_NOT_ALLOWED, "foobarfoo", 15, 4, 5) },
	{ S("Zm9v\nYmFy\n\nZm9v=\n"), M_L | M_LI, OK("foobarfoo") },
	{ S("Zm9v\nYmFy\n\nZm9v=\n"), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\nYmFy\nZg==\nZg=="), M_G | M_L | M_LI | M_I | M_C,
	    OK("foobarff") },
	{ S("Zm9v\nYmFy\nZg==\nZg=="), M_S,
	    E(DATA_AFTER_PAD, "foobarf", 15, 4, 1) },
	{ S("Zm9v\nYmFy\nZg==\nZg=="), M_SN,
	    E(PAD_NOT_ALLOWED, "foobarf", 12, 3, 3) },
	{ S("Zm9v\nYmFy\nZg==\nZg=="), M_SC, E1(BAD_CHAR, "foo", 4) },
	/* found later than the offending byte: the carrier, lines before */
	{ S("Zm9vCh\n\n=\n="), M_G | M_S | M_I | M_C,
	    E1(NONCANONICAL, "foo\n", 5) },
	{ S("Zm9vCh\n\n=\n="), M_SN, E(PAD_NOT_ALLOWED, "foo\n", 8, 3, 1) },
	{ S("Zm9vCh\n\n=\n="), M_L | M_LI, OK("foo\n") },
	{ S("Zm9vCh\n\n=\n="), M_SC, E1(BAD_CHAR, "foo\n", 6) },
	{ S("Zm9vCh\r\n\r\n=\r\n="), M_G | M_S | M_SN,
	    E1(BAD_CHAR, "foo\n", 6) },
	{ S("Zm9vCh\r\n\r\n=\r\n="), M_I | M_C | M_SC,
	    E1(NONCANONICAL, "foo\n", 5) },
	{ S("Zm9vCh\r\n\r\n=\r\n="), M_L | M_LI, OK("foo\n") },
	{ S("Zm9v\nYmFy\nZm9vCh\n=\n="), M_G | M_S | M_I | M_C,
	    E(NONCANONICAL, "foobarfoo\n", 15, 3, 6) },
	{ S("Zm9v\nYmFy\nZm9vCh\n=\n="), M_SN,
	    E(PAD_NOT_ALLOWED, "foobarfoo\n", 17, 4, 1) },
	{ S("Zm9v\nYmFy\nZm9vCh\n=\n="), M_L | M_LI, OK("foobarfoo\n") },
	{ S("Zm9v\nYmFy\nZm9vCh\n=\n="), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nYmFy\r\nSGVsbG9\r\n=\r\n"), M_G | M_S | M_SN,
	    E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nYmFy\r\nSGVsbG9\r\n=\r\n"), M_I | M_C | M_SC,
	    E(NONCANONICAL, "foobarHello", 18, 3, 7) },
	{ S("Zm9v\r\nYmFy\r\nSGVsbG9\r\n=\r\n"), M_L | M_LI,
	    OK("foobarHello") },
	/* missing padding: right after the quantum */
	{ S("Zm9v\nZg\n"), M_G | M_SN | M_L | M_LI | M_I | M_C,
	    OK("foof") },
	{ S("Zm9v\nZg\n"), M_S, E(MISSING_PAD, "foof", 7, 2, 3) },
	{ S("Zm9v\nZg\n"), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\nZg=\n\n"), M_G | M_S | M_I | M_C,
	    E(MISSING_PAD, "foof", 8, 2, 4) },
	{ S("Zm9v\nZg=\n\n"), M_SN, E(PAD_NOT_ALLOWED, "foof", 7, 2, 3) },
	{ S("Zm9v\nZg=\n\n"), M_L | M_LI, OK("foof") },
	{ S("Zm9v\nZg=\n\n"), M_SC, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nZm8\r\n"), M_G | M_S | M_SN, E1(BAD_CHAR, "foo", 4) },
	{ S("Zm9v\r\nZm8\r\n"), M_L | M_LI | M_I | M_C, OK("foofo") },
	{ S("Zm9v\r\nZm8\r\n"), M_SC, E(MISSING_PAD, "foofo", 9, 2, 4) },
	{ S("\n\nZh\n\n=\n=\n"), M_G | M_S | M_I | M_C,
	    E(NONCANONICAL, "f", 3, 3, 2) },
	{ S("\n\nZh\n\n=\n=\n"), M_SN, E(PAD_NOT_ALLOWED, "f", 6, 5, 1) },
	{ S("\n\nZh\n\n=\n=\n"), M_L | M_LI, OK("f") },
	{ S("\n\nZh\n\n=\n=\n"), M_SC, E1(BAD_CHAR, "", 0) },

	/* ---- the same in long runs (bulk loops) ---- */
	{ S(Q16 Q4 "Zm*9v" Q16), M_NOSKIP, E1(BAD_CHAR, F16 F4 "f", 82) },
	{ S(Q16 Q4 "Zm*9v" Q16), M_SKIP, OK(F16 F4 F F16) },
	{ S(Q4 Q4 Q "Z-m9v" Q16), M_NOSKIP, E1(BAD_CHAR, F4 F4 F, 37) },
	{ S(Q4 Q4 Q "Z-m9v" Q16), M_SKIP, OK(F4 F4 F F F16) },
	{ S(Q16 "=" Q16), M_G | M_S | M_I | M_C | M_SC,
	    E1(TOO_MUCH_PAD, F16, 64) },
	{ S(Q16 "=" Q16), M_SN, E1(PAD_NOT_ALLOWED, F16, 64) },
	{ S(Q16 "=" Q16), M_L | M_LI, OK(F16 F16) },
	{ S(Q16 " " Q16), M_G | M_S | M_SN | M_C | M_SC,
	    E1(BAD_CHAR, F16, 64) },
	{ S(Q16 " " Q16), M_L | M_LI | M_I, OK(F16 F16) },
	{ S(Q16 Q16 "\r\n" Q16 "\r\n"), M_G | M_S | M_SN,
	    E1(BAD_CHAR, F16 F16, 128) },
	{ S(Q16 Q16 "\r\n" Q16 "\r\n"), M_L | M_LI | M_I | M_C | M_SC,
	    OK(F16 F16 F16) },
	{ S(Q16 "\n" Q16 "\n" Q4 "Zh=="), M_G | M_S | M_I | M_C,
	    E(NONCANONICAL, F16 F16 F4 "f", 147, 3, 18) },
	{ S(Q16 "\n" Q16 "\n" Q4 "Zh=="), M_SN,
	    E(PAD_NOT_ALLOWED, F16 F16 F4 "f", 148, 3, 19) },
	{ S(Q16 "\n" Q16 "\n" Q4 "Zh=="), M_L | M_LI, OK(F16 F16 F4 "f") },
	{ S(Q16 "\n" Q16 "\n" Q4 "Zh=="), M_SC, E1(BAD_CHAR, F16, 64) },
	{ S(Q16 Q16 Q4 "Zm9vY"), M_ALL, E1(TRUNCATED, F16 F16 F4 F, 148) },
	{ S(Q16 Q16 Q4 "Zg"), M_ALL & ~(M_S | M_SC), OK(F16 F16 F4 "f") },
	{ S(Q16 Q16 Q4 "Zg"), M_S | M_SC, E1(MISSING_PAD, F16 F16 F4 "f", 146) },
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* ---- running the decoder ----------------------------------------------- */

struct res {
	enum b64_status st;
	uint64_t off, line, col;
	int has_pos;            /* line, col and byte are set */
	unsigned char byte;
	size_t len;
	unsigned char out[OUTMAX];
	char bad[160];          /* first contract violation, "" if none */
};

static void
res_reset(struct res *r)
{
	memset(r, 0, sizeof(*r));
}

static void TAP_PRINTF(2, 3)
violation(struct res *r, const char *fmt, ...)
{
	va_list ap;

	if (r->bad[0])
		return;
	va_start(ap, fmt);
	vsnprintf(r->bad, sizeof(r->bad), fmt, ap);
	va_end(ap);
}

static void
one_shot(const unsigned char *in, size_t n, unsigned flags, struct res *r)
{
	const unsigned char *ip = arena_input(in, n);
	unsigned char *op = arena_output(OUTMAX);
	uint64_t off = UINT64_MAX;
	size_t len = SIZE_MAX;

	res_reset(r);
	r->st = b64_decode(ip, n, op, OUTMAX, &len, &off, flags);
	if (!arena_guard_ok())
		violation(r, "b64_decode wrote past its capacity");
	if (len > OUTMAX) {
		violation(r, "b64_decode: out_len %zu > capacity", len);
		len = 0;
	}
	memcpy(r->out, op, len);
	r->len = len;
	if (B64_IS_ERROR(r->st))
		r->off = off;
}

/* How the input is fed. */
enum feed { WHOLE, BYTEWISE, RANDOM };

/*
 * Decoder run: chunks as FEED says (RANDOM: random chunk lengths and
 * random output room from G), then final; error position from the
 * decoder; after an error, later calls must give it again.
 */
static void
stream(const unsigned char *in, size_t n, unsigned flags, enum feed feed,
    struct rng *g, struct res *r)
{
	struct b64_decoder d;
	enum b64_status st;
	size_t pos = 0;

	res_reset(r);
	st = b64_decoder_init(&d, flags);
	if (st != B64_OK) {
		r->st = st;
		return;
	}
	while (pos < n && st == B64_OK) {
		size_t chunk = feed == WHOLE ? n - pos : feed == BYTEWISE ? 1 :
		    1 + rng_below(g, n - pos);
		size_t end = pos + chunk;

		while (pos < end) {
			size_t left = OUTMAX - r->len;
			size_t cap = feed == RANDOM ? rng_below(g, 5) : left;
			size_t used = SIZE_MAX, len = SIZE_MAX;
			const unsigned char *ip;
			unsigned char *op;

			if (cap > left)
				cap = left;
			ip = arena_input(in + pos, end - pos);
			op = arena_output(cap);
			st = b64_decode_update(&d, ip, end - pos, &used, op,
			    cap, &len);
			if (!arena_guard_ok())
				violation(r, "update wrote past its room %zu",
				    cap);
			if (used > end - pos || len > cap) {
				violation(r, "update: in_used %zu of %zu, "
				    "out_len %zu of %zu", used, end - pos,
				    len, cap);
				r->st = st;
				return;
			}
			memcpy(r->out + r->len, op, len);
			r->len += len;
			pos += used;
			if (st == B64_NEED_OUTPUT) {
				if (used == 0 && len == 0 && cap > 0) {
					violation(r, "B64_NEED_OUTPUT without "
					    "progress, room %zu", cap);
					r->st = st;
					return;
				}
				if (cap == left) {
					violation(r, "B64_NEED_OUTPUT with "
					    "all the room the test has");
					r->st = st;
					return;
				}
				st = B64_OK;
				continue;
			}
			if (st == B64_OK && pos != end)
				violation(r, "B64_OK with input left");
			break;
		}
	}
	if (st == B64_OK)
		st = b64_decode_final(&d);
	r->st = st;
	if (B64_IS_ERROR(st)) {
		static const unsigned char more[] = "Zm9v";
		size_t used = SIZE_MAX, len = SIZE_MAX;
		unsigned char o2[8];

		r->off = b64_decoder_error_offset(&d);
		r->line = b64_decoder_error_line(&d);
		r->col = b64_decoder_error_column(&d);
		r->byte = b64_decoder_error_byte(&d);
		r->has_pos = 1;
		if (b64_decode_update(&d, more, 4, &used, o2, sizeof(o2),
		    &len) != st || used != 0 || len != 0 ||
		    b64_decode_final(&d) != st ||
		    b64_decoder_error_offset(&d) != r->off)
			violation(r, "the error does not latch");
	} else if (st != B64_OK) {
		violation(r, "final returned %s", status_name(st));
	}
}

/* ---- checking a row ---------------------------------------------------- */

/* The input in the other alphabet: '+' <-> '-', '/' <-> '_'. */
static void
swap_alphabet(const char *in, size_t n, unsigned char *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];

		switch (c) {
		case '+': c = '-'; break;
		case '-': c = '+'; break;
		case '/': c = '_'; break;
		case '_': c = '/'; break;
		default: break;
		}
		out[i] = c;
	}
}

/* The error byte b64.h promises for error ST at IN[OFF], or -1. */
static int
want_byte(enum b64_status st, const unsigned char *in, size_t n,
    uint64_t off)
{
	switch (st) {
	case B64_ERR_BAD_CHAR:
	case B64_ERR_DATA_AFTER_PAD:
		return off < n ? in[off] : -1;
	case B64_ERR_PAD_INSIDE:
	case B64_ERR_PAD_NOT_ALLOWED:
	case B64_ERR_TOO_MUCH_PAD:
		return '=';
	case B64_ERR_NONCANONICAL:
	case B64_ERR_TRUNCATED:
		return 0;
	default:
		return -1;      /* MISSING_PAD: the byte found, or 0 */
	}
}

/* Compares R with the row; the first difference in WHY. */
static int
matches(const struct mrow *w, const unsigned char *in, const struct res *r,
    char *why, size_t whysize)
{
	int b;

	if (r->bad[0]) {
		snprintf(why, whysize, "contract: %s", r->bad);
		return 0;
	}
	if (r->st != w->want) {
		snprintf(why, whysize, "status %s, want %s",
		    status_name(r->st), status_name(w->want));
		return 0;
	}
	if (r->len != w->outn || memcmp(r->out, w->out, w->outn) != 0) {
		snprintf(why, whysize, "output differs");
		return 0;
	}
	if (!B64_IS_ERROR(w->want))
		return 1;
	if (r->off != w->off) {
		snprintf(why, whysize, "error offset %llu, want %llu",
		    (unsigned long long)r->off, (unsigned long long)w->off);
		return 0;
	}
	if (!r->has_pos)
		return 1;
	if (r->line != w->line || r->col != w->col) {
		snprintf(why, whysize, "line %llu column %llu, want line "
		    "%llu column %llu", (unsigned long long)r->line,
		    (unsigned long long)r->col, (unsigned long long)w->line,
		    (unsigned long long)w->col);
		return 0;
	}
	b = want_byte(w->want, in, w->n, w->off);
	if (b >= 0 && r->byte != (unsigned)b) {
		snprintf(why, whysize, "error byte 0x%02x, want 0x%02x",
		    r->byte, (unsigned)b);
		return 0;
	}
	return 1;
}

static void
check_row(const struct mrow *w, size_t mi, int url, struct rng *g)
{
	static const char *const hows[] = {
		"b64_decode", "one update", "bytewise", "random chunks",
	};
	static struct res r;
	unsigned char in[OUTMAX];
	char esc[TAP_BYTES_SHOWN * 4 + 8], why[200];
	unsigned flags = modes[mi].flags | (url ? B64_ALPHA_URL : 0);
	int k, pass = 1, failed_how = -1;

	if (url)
		swap_alphabet(w->in, w->n, in);
	else
		memcpy(in, w->in, w->n);
	why[0] = '\0';
	for (k = 0; k < 4 && pass; k++) {
		if (k == 0)
			one_shot(in, w->n, flags, &r);
		else
			stream(in, w->n, flags, (enum feed)(k - 1), g, &r);
		if (!matches(w, in, &r, why, sizeof(why))) {
			pass = 0;
			failed_how = k;
		}
	}
	tap_escape(esc, sizeof(esc), in, w->n);
	tap_ok(pass, "%s%s \"%s\"", modes[mi].name, url ? " url" : "", esc);
	if (!pass) {
		tap_diag("  %s: %s", hows[failed_how], why);
		tap_diag_bytes("want output", w->out, w->outn);
		tap_diag_bytes(" got output", r.out, r.len);
		tap_diag("  want %s at %llu (line %llu, column %llu); got %s "
		    "at %llu (line %llu, column %llu, byte 0x%02x)",
		    status_name(w->want), (unsigned long long)w->off,
		    (unsigned long long)w->line, (unsigned long long)w->col,
		    status_name(r.st), (unsigned long long)r.off,
		    (unsigned long long)r.line, (unsigned long long)r.col,
		    r.byte);
	}
}

static void
test_inventory(void)
{
	struct rng g;
	size_t i, mi;

	rng_init(&g, 0x5e7e7);
	for (i = 0; i < NROWS; i++)
		for (mi = 0; mi < NMODES; mi++)
			if (rows[i].modes & modes[mi].bit) {
				check_row(&rows[i], mi, 0, &g);
				check_row(&rows[i], mi, 1, &g);
			}
}

/*
 * The whole inventory again with each implementation forced (SPEC 3: all
 * give the scalar answers, errors included): one point per implementation,
 * skipped when this build or CPU lacks it.
 */
static void
test_inventory_impls(void)
{
	static const struct {
		unsigned id;
		const char *name;
	} impls[] = {
		{ B64_IMPL_SCALAR, "scalar" }, { B64_IMPL_SSSE3, "ssse3" },
		{ B64_IMPL_AVX2, "avx2" }, { B64_IMPL_AVX512, "avx512" },
	};
	static struct res r;
	struct rng g;
	size_t k, i, mi;

	rng_init(&g, 0x1a9);
	for (k = 0; k < sizeof(impls) / sizeof(impls[0]); k++) {
		unsigned long runs = 0, failed = 0;
		char why[200];

		if (!b64_impl_available(impls[k].id)) {
			tap_skip("not available here", "inventory with the %s "
			    "implementation", impls[k].name);
			continue;
		}
		for (i = 0; i < NROWS; i++) {
			const struct mrow *w = &rows[i];

			for (mi = 0; mi < NMODES; mi++) {
				unsigned flags = modes[mi].flags | impls[k].id;
				unsigned char in[OUTMAX];
				int url, f;

				if (!(w->modes & modes[mi].bit))
					continue;
				for (url = 0; url < 2; url++)
				for (f = 0; f < 2; f++) {
					if (url)
						swap_alphabet(w->in, w->n, in);
					else
						memcpy(in, w->in, w->n);
					stream(in, w->n, flags | (url ?
					    B64_ALPHA_URL : 0), f ? RANDOM :
					    WHOLE, &g, &r);
					runs++;
					if (!matches(w, in, &r, why,
					    sizeof(why)) && ++failed <= 3) {
						tap_diag_bytes("input", in,
						    w->n);
						tap_diag("  %s%s: %s",
						    modes[mi].name,
						    url ? " url" : "", why);
					}
				}
			}
		}
		tap_ok(failed == 0, "inventory with the %s implementation "
		    "(%lu runs)", impls[k].name, runs);
	}
}

/* Each input of the table answers each inventory mode exactly once; the
 * rows of one input are adjacent. */
static void
test_inventory_complete(void)
{
	size_t i = 0, j, k;

	while (i < NROWS) {
		unsigned seen = 0, twice = 0;
		char esc[TAP_BYTES_SHOWN * 4 + 8];
		int apart = 0;

		for (j = i; j < NROWS && rows[j].n == rows[i].n &&
		    memcmp(rows[j].in, rows[i].in, rows[i].n) == 0; j++) {
			twice |= seen & rows[j].modes;
			seen |= rows[j].modes;
		}
		for (k = j; k < NROWS; k++)
			if (rows[k].n == rows[i].n &&
			    memcmp(rows[k].in, rows[i].in, rows[i].n) == 0)
				apart = 1;
		tap_escape(esc, sizeof(esc), rows[i].in, rows[i].n);
		tap_ok((seen & M_ALL) == M_ALL && twice == 0 && !apart,
		    "inventory row \"%s\" answers every mode once", esc);
		if ((seen & M_ALL) != M_ALL || twice || apart)
			tap_diag("  missing 0x%03x, twice 0x%03x%s",
			    M_ALL & ~seen, twice,
			    apart ? ", rows not adjacent" : "");
		i = j;
	}
}

/* ---- a 1 MiB line ------------------------------------------------------ */

#define BIG_DATA (3u << 18)            /* 786432 bytes */
#define BIG_LINE (BIG_DATA / 3 * 4)    /* 1 MiB of base64 */

struct big {
	enum b64_status st;
	uint64_t off, line, col;
	size_t len;
	int bad;
};

/* Decodes IN into OUT (room for all of it) whole or in random chunks. */
static void
big_decode(const unsigned char *in, size_t n, unsigned flags,
    unsigned char *out, size_t cap, struct rng *g, struct big *b)
{
	struct b64_decoder d;
	enum b64_status st;
	size_t pos = 0;

	memset(b, 0, sizeof(*b));
	st = b64_decoder_init(&d, flags);
	while (st == B64_OK && pos < n) {
		size_t chunk = g ? 1 + rng_below(g, 150000) : n - pos;
		size_t used = 0, len = 0, room;

		if (chunk > n - pos)
			chunk = n - pos;
		room = cap - b->len;
		if (g && rng_below(g, 3) == 0)
			room = rng_below(g, room / 2 + 1);
		st = b64_decode_update(&d, in + pos, chunk, &used,
		    out + b->len, room, &len);
		if (used > chunk || len > room) {
			b->bad = 1;
			break;
		}
		pos += used;
		b->len += len;
		if (st == B64_NEED_OUTPUT) {
			if (room == cap - b->len + len && len == 0 &&
			    used == 0) {
				b->bad = 1;
				break;
			}
			st = B64_OK;
		}
	}
	if (st == B64_OK)
		st = b64_decode_final(&d);
	b->st = st;
	if (B64_IS_ERROR(st)) {
		b->off = b64_decoder_error_offset(&d);
		b->line = b64_decoder_error_line(&d);
		b->col = b64_decoder_error_column(&d);
	}
}

static void
test_huge_line(void)
{
	static const struct {
		unsigned bit;
		const char *tail;    /* appended to the line */
		size_t tn;
		enum b64_status want;
		size_t extra;        /* decoded bytes of the tail */
		uint64_t at;         /* error offset after the line */
	} tails[] = {
		{ M_ALL & ~M_SC, S("\n"), B64_OK, 0, 0 },
		{ M_SC | M_L | M_LI | M_I | M_C, S("\r\n"), B64_OK, 0, 0 },
		{ M_NOSKIP, S("*"), B64_ERR_BAD_CHAR, 0, 0 },
		{ M_ALL, S("Z"), B64_ERR_TRUNCATED, 0, 0 },
		{ M_G | M_S | M_I | M_C | M_SC, S("Zh=="),
		    B64_ERR_NONCANONICAL, 1, 1 },
		{ M_S | M_SC, S("Zg"), B64_ERR_MISSING_PAD, 1, 2 },
		{ M_G | M_SN | M_L | M_LI | M_I | M_C, S("Zg"), B64_OK, 1, 0 },
		{ M_G | M_S | M_I | M_C | M_SC, S("Zm9v="),
		    B64_ERR_TOO_MUCH_PAD, 3, 4 },
		{ M_L | M_LI, S("Zm9v="), B64_OK, 3, 0 },
		{ M_G | M_S | M_SN | M_C | M_SC, S(" "), B64_ERR_BAD_CHAR,
		    0, 0 },
	};
	static const char head[] = "Zm9v\r\n";
	unsigned char *data = malloc(BIG_DATA);
	char *text = malloc(sizeof(head) + BIG_LINE + 16);
	unsigned char *out = malloc(BIG_DATA + 16);
	struct rng g;
	size_t mi, ti, h;

	if (!data || !text || !out) {
		tap_skip("out of memory", "1 MiB line");
		free(data);
		free(text);
		free(out);
		return;
	}
	rng_init(&g, 0xb16);
	rng_fill(&g, data, BIG_DATA);
	for (mi = 0; mi < 8; mi++) {
		unsigned flags = modes[mi].flags;

		for (ti = 0; ti < sizeof(tails) / sizeof(tails[0]); ti++) {
			/* h: 0 the line first, 1 after a line "Zm9v\n" (or
			 * "Zm9v\r\n" where CR is a line end's part) */
			for (h = 0; h < 2; h++) {
				size_t hn = 0, n, k;
				int pass = 1;
				struct big b;

				if (!(tails[ti].bit & modes[mi].bit))
					continue;
				if (h) {
					int crlf = (flags & B64_CRLF) ||
					    (flags & (B64_LENIENT |
					    B64_SKIP_GARBAGE));
					hn = crlf ? 6 : 5;
					memcpy(text, crlf ? head : "Zm9v\n",
					    hn);
				}
				n = hn + ref_encode(data, BIG_DATA, 0, 0,
				    text + hn);
				memcpy(text + n, tails[ti].tail, tails[ti].tn);
				n += tails[ti].tn;
				for (k = 0; k < 2 && pass; k++) {
					size_t wl = (h ? 3 : 0) + BIG_DATA +
					    tails[ti].extra;
					uint64_t at = hn + BIG_LINE +
					    tails[ti].at;

					big_decode((unsigned char *)text, n,
					    flags, out, BIG_DATA + 16,
					    k ? &g : NULL, &b);
					pass = !b.bad && b.st ==
					    tails[ti].want && b.len == wl &&
					    memcmp(out + (h ? 3 : 0), data,
					    BIG_DATA) == 0;
					if (pass && B64_IS_ERROR(b.st))
						pass = b.off == at &&
						    b.line == 1 + h &&
						    b.col == BIG_LINE +
						    tails[ti].at + 1;
				}
				tap_ok(pass, "%s: %s1 MiB line + \"%s\" (%s, "
				    "whole and random chunks)", modes[mi].name,
				    h ? "a line, then a " : "",
				    tails[ti].tail[0] == '\n' ? "\\n" :
				    tails[ti].tail[0] == '\r' ? "\\r\\n" :
				    tails[ti].tail, status_name(tails[ti].want));
				if (!pass)
					tap_diag("  %s: got %s, %zu bytes, at "
					    "%llu line %llu column %llu%s",
					    k == 1 ? "whole" : "chunks",
					    status_name(b.st), b.len,
					    (unsigned long long)b.off,
					    (unsigned long long)b.line,
					    (unsigned long long)b.col,
					    b.bad ? " (contract)" : "");
			}
		}
	}
	free(data);
	free(text);
	free(out);
}

/* ---- refused combinations ---------------------------------------------- */

static void
test_unsupported(void)
{
	static const unsigned bad[] = {
		B64_STRICT | B64_LENIENT,
		B64_STRICT | B64_SKIP_GARBAGE,
		B64_STRICT | B64_LENIENT | B64_SKIP_GARBAGE,
		B64_STRICT | B64_LENIENT | B64_ALPHA_URL,
		B64_STRICT | B64_SKIP_GARBAGE | B64_ALPHA_URL,
		B64_STRICT | B64_LENIENT | B64_CRLF | B64_NO_PAD,
		B64_STRICT | B64_SKIP_GARBAGE | B64_CRLF | B64_NO_PAD,
	};
	static const unsigned good[] = {
		B64_LENIENT | B64_SKIP_GARBAGE | B64_CRLF | B64_NO_PAD,
		B64_STRICT | B64_CRLF | B64_NO_PAD | B64_ALPHA_URL,
		B64_SKIP_GARBAGE | B64_CRLF | B64_NO_PAD | B64_ALPHA_URL,
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct b64_decoder d;
		unsigned char out[8];
		size_t len = 99;
		uint64_t off = 99;
		enum b64_status s1 = b64_decoder_init(&d, bad[i]);
		enum b64_status s2 = b64_decode("Zm9v", 4, out, sizeof(out),
		    &len, &off, bad[i]);

		tap_ok(s1 == B64_ERR_UNSUPPORTED && s2 == B64_ERR_UNSUPPORTED &&
		    len == 0, "flags 0x%04x refused: init %s, b64_decode %s "
		    "with %zu bytes", bad[i], status_name(s1), status_name(s2),
		    len);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct b64_decoder d;

		tap_ok(b64_decoder_init(&d, good[i]) == B64_OK,
		    "flags 0x%04x accepted", good[i]);
	}
}

int
main(void)
{
	test_inventory_complete();
	test_inventory();
	test_inventory_impls();
	test_huge_line();
	test_unsupported();
	return tap_done();
}
