/*
 * basex.c - base32, base32hex, base16, base2 and Z85 (basex.h).
 *
 * One description per encoding (struct kind_desc: group sizes, alphabet,
 * padding) drives the encoder and the decoder's byte table.  base32,
 * base32hex and base16 decode by the tables of bx_machine.c, one byte at
 * a time through step() (or a whole group at a time by the bulk loops,
 * between groups); Z85 and base2, whose only rules are their group
 * length and alphabet (and Z85's 32-bit bound), by the per-character
 * steps of bx_decode_update().
 */
#include <string.h>

#include "b64_private.h"
#include "basex.h"
#include "bx_machine.h"

_Static_assert(BX_IMPL_MASK == B64_IMPL_MASK, "one set of implementation bits");

/* Byte table entries beyond the values (0..84). */
#define T_PAD  0xfdu  /* '=' of base32 */
#define T_LF   0xfeu  /* line feed, skipped */
#define T_SKIP 0xfcu  /* dropped (BX_SKIP_GARBAGE) */
#define T_BAD  0xffu  /* refused */


static const char b32_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char b32hex_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
static const char b16_chars[] = "0123456789ABCDEF";
static const char z85_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

struct kind_desc {
	unsigned char bytes;   /* per group */
	unsigned char chars;   /* per group */
	unsigned char pad;     /* '=' pads the last group */
	const char *alphabet;  /* value -> character */
};

static const struct kind_desc kinds[BX_NKINDS] = {
	[BX_BASE32]    = { 5, 8, 1, b32_chars },
	[BX_BASE32HEX] = { 5, 8, 1, b32hex_chars },
	[BX_BASE16]    = { 1, 2, 0, b16_chars },
	[BX_BASE2MSBF] = { 1, 8, 0, "01" },
	[BX_BASE2LSBF] = { 1, 8, 0, "01" },
	[BX_Z85]       = { 4, 5, 0, z85_chars },
};

const char *
bx_strerror(enum bx_status status)
{
	switch (status) {
	case BX_OK:
		return "success";
	case BX_NEED_OUTPUT:
		return "output buffer full";
	case BX_ERR_BAD_CHAR:
		return "character outside the alphabet";
	case BX_ERR_PADDING:
		return "'=' padding out of place or incomplete";
	case BX_ERR_NONCANONICAL:
		return "non-zero unused bits in the last character";
	case BX_ERR_TRUNCATED:
		return "input ends inside a group";
	case BX_ERR_OVERFLOW:
		return "group worth more than 0xFFFFFFFF";
	case BX_ERR_LENGTH:
		return "length must be a multiple of 4 bytes";
	case BX_ERR_UNSUPPORTED:
		return "unsupported encoding or flags";
	case BX_ERR_MISSING_PAD:
		return "missing '=' padding";
	case BX_ERR_CASE:
		return "hex digit in the other case";
	case BX_ERR_DATA_AFTER_PAD:
		return "data after '=' padding";
	}
	return "unknown status";
}

static int
known(enum bx_kind kind)
{
	return (unsigned)kind < BX_NKINDS;
}

unsigned
bx_group_bytes(enum bx_kind kind)
{
	return known(kind) ? kinds[kind].bytes : 0;
}

unsigned
bx_group_chars(enum bx_kind kind)
{
	return known(kind) ? kinds[kind].chars : 0;
}

int
bx_is_alphabet(enum bx_kind kind, unsigned char c)
{
	const char *a;

	if (!known(kind) || c == 0)
		return 0;
	a = kinds[kind].alphabet;
	if (kind == BX_BASE16 && c >= 'a' && c <= 'f')
		return 1;
	return memchr(a, c, strlen(a)) != NULL;
}

/* ---------------------------------------------------------------- encode */

/* Characters for N bytes: whole groups, and the last one (padded or not). */
static size_t
chars_for(const struct kind_desc *k, size_t n, unsigned flags)
{
	size_t g = n / k->bytes, r = n % k->bytes;
	size_t c;

	if (g > (SIZE_MAX - 8) / k->chars)
		return SIZE_MAX;
	c = g * k->chars;
	if (r == 0)
		return c;
	if (k->pad && !(flags & BX_NO_PAD))
		return c + k->chars;
	/* Unpadded base32: the characters that carry R bytes. */
	return c + (r * 8 + 4) / 5;
}

size_t
bx_encoded_len(enum bx_kind kind, size_t n, unsigned flags, size_t wrap)
{
	size_t c;

	if (!known(kind) || (kind == BX_Z85 && n % 4 != 0))
		return SIZE_MAX;
	c = chars_for(&kinds[kind], n, flags);
	if (c == SIZE_MAX || wrap == 0 || c == 0)
		return c;
	if (c / wrap + 1 > SIZE_MAX - c)
		return SIZE_MAX;
	return c + c / wrap + (c % wrap != 0);
}

enum bx_status
bx_encoder_init(struct bx_encoder *enc, enum bx_kind kind, unsigned flags,
    size_t wrap)
{
	memset(enc, 0, sizeof(*enc));
	enc->kind = (unsigned char)kind;
	enc->flags = flags;
	enc->wrap = wrap;
	enc->impl = b64_impl_pick(flags & BX_IMPL_MASK);
	if (!known(kind) || (flags & ~(BX_NO_PAD | BX_IMPL_MASK)) != 0 ||
	    ((flags & BX_NO_PAD) && !kinds[kind].pad) || enc->impl == NULL)
		enc->err = BX_ERR_UNSUPPORTED;
	return enc->err;
}

/*
 * Eight values at once (SIMD within a register): Y holds one per byte,
 * the first character's lowest, each below 32.  Store their characters
 * at OUT in an alphabet of two ranges: BASE plus the value, and from
 * SPLIT up STEP more.  "From SPLIT up" is the top bit of the value plus
 * 128 - SPLIT; no byte carries into or borrows from the next, as every
 * sum stays within 0..127.
 */
static inline void
put_digits(uint64_t y, unsigned split, unsigned base, int step, char *out)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t second = (y + (128 - split) * ones) >> 7 & ones;

	y += base * ones + second * (uint64_t)(int64_t)step;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	y = __builtin_bswap64(y);
#endif
	memcpy(out, &y, 8);
}

/* One base32 (RFC 4648 section 6) or, with HEX, base32hex (section 7)
 * group: five bytes at IN to eight characters at OUT.  The 40 bits are
 * spread into eight bytes of five bits: halves of 20 bits to 32-bit
 * lanes, of 10 to 16-bit lanes, of 5 to bytes. */
static inline void
enc_b32_swar(const unsigned char *in, char *out, int hex)
{
	uint64_t x = (uint64_t)in[0] << 32 | (uint64_t)in[1] << 24 |
	    (uint64_t)in[2] << 16 | (uint64_t)in[3] << 8 | in[4];
	uint64_t y = x >> 20 | (x & 0xfffffu) << 32;

	y = (y >> 10 & 0x000003ff000003ffu) | (y & 0x000003ff000003ffu) << 16;
	y = (y >> 5 & 0x001f001f001f001fu) | (y & 0x001f001f001f001fu) << 8;
	if (hex)
		put_digits(y, 10, '0', 'A' - 10 - '0', out);
	else
		put_digits(y, 26, 'A', '2' - 26 - 'A', out);
}

/* The two base16 (RFC 4648 section 8) digits of each byte value, at
 * twice the value: "000102...FEFF". */
#define HEX_ROW(h) h "0" h "1" h "2" h "3" h "4" h "5" h "6" h "7" h "8" \
	h "9" h "A" h "B" h "C" h "D" h "E" h "F"
static const char hex_pairs[513] = HEX_ROW("0") HEX_ROW("1") HEX_ROW("2")
    HEX_ROW("3") HEX_ROW("4") HEX_ROW("5") HEX_ROW("6") HEX_ROW("7")
    HEX_ROW("8") HEX_ROW("9") HEX_ROW("A") HEX_ROW("B") HEX_ROW("C")
    HEX_ROW("D") HEX_ROW("E") HEX_ROW("F");
#undef HEX_ROW

/* The digit pair of byte B, as it lies in memory. */
static inline uint64_t
hex_pair(unsigned char b)
{
	uint16_t v;

	memcpy(&v, hex_pairs + 2 * (size_t)b, 2);
	return v;
}

/* Four bytes at IN to their eight base16 digits at OUT: four pairs from
 * the table joined in a register and stored at once (twice as fast as
 * computing the digits in a register on Zen 5). */
static inline void
enc_hex4(const unsigned char *in, char *out)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	uint64_t y = hex_pair(in[0]) << 48 | hex_pair(in[1]) << 32 |
	    hex_pair(in[2]) << 16 | hex_pair(in[3]);
#else
	uint64_t y = hex_pair(in[0]) | hex_pair(in[1]) << 16 |
	    hex_pair(in[2]) << 32 | hex_pair(in[3]) << 48;
#endif

	memcpy(out, &y, 8);
}

/* N bytes at IN to their 2 * N base16 digits at OUT without vector
 * loops: four bytes a step, then pairs. */
static inline void
enc_hex_portable(const unsigned char *in, size_t n, char *out)
{
	size_t j = 0;

	for (; n - j >= 4; j += 4)
		enc_hex4(in + j, out + 2 * j);
	for (; j < n; j++)
		memcpy(out + 2 * j, hex_pairs + 2 * (size_t)in[j], 2);
}

/* b64_private.h's hex_split for an implementation with no base16 vector
 * loops (the scalar one): each line by enc_hex_portable().  Lines of any
 * even WRAP. */
static size_t
hex_split_portable(const unsigned char *in, size_t nlines, char *out,
    size_t wrap)
{
	const size_t ilen = wrap / 2;

	if (wrap % 2 != 0 || ilen == 0)
		return 0;
	for (size_t l = 0; l < nlines; l++) {
		*out++ = '\n';
		enc_hex_portable(in, ilen, out);
		in += ilen;
		out += wrap;
	}
	return nlines;
}

/* The hex_split for IMPL: its own; the portable one where it has no
 * base16 vector loops at all; else none: its vector encoding, then the
 * copy into lines, rather than the portable one's scalar steps. */
static size_t (*hex_split_of(const struct b64_impl *impl))(
    const unsigned char *, size_t, char *, size_t)
{
	if (impl->hex_split != NULL)
		return impl->hex_split;
	return impl->hex_enc == NULL ? hex_split_portable : NULL;
}

/* One group of K->bytes bytes at IN to K->chars characters at OUT. */
static void
enc_group(enum bx_kind kind, const unsigned char *in, char *out)
{
	const char *a = kinds[kind].alphabet;
	uint64_t v;

	switch (kind) {
	case BX_BASE32:
	case BX_BASE32HEX:
		enc_b32_swar(in, out, kind == BX_BASE32HEX);
		break;
	case BX_BASE16:
		out[0] = a[in[0] >> 4];
		out[1] = a[in[0] & 15];
		break;
	case BX_BASE2MSBF:
		for (int k = 0; k < 8; k++)
			out[k] = (char)('0' + ((in[0] >> (7 - k)) & 1));
		break;
	case BX_BASE2LSBF:
		for (int k = 0; k < 8; k++)
			out[k] = (char)('0' + ((in[0] >> k) & 1));
		break;
	case BX_Z85:
		v = (uint64_t)in[0] << 24 | (uint64_t)in[1] << 16 |
		    (uint64_t)in[2] << 8 | in[3];
		for (int k = 4; k >= 0; k--, v /= 85)
			out[k] = a[v % 85];
		break;
	default:
		break;
	}
}

/* G groups at IN to characters at OUT: the kind decided once, outside
 * the loop. */
static void
enc_groups(const struct b64_impl *impl, enum bx_kind kind,
    const unsigned char *in, size_t g, char *out)
{
	size_t done;

	switch (kind) {
	case BX_BASE32:
	case BX_BASE32HEX:
		done = impl->b32_enc != NULL ? impl->b32_enc(in, g * 5, out,
		    kind == BX_BASE32HEX) / 5 : 0;
		for (size_t j = done; j < g; j++)
			enc_b32_swar(in + 5 * j, out + 8 * j,
			    kind == BX_BASE32HEX);
		break;
	case BX_BASE16:
		done = impl->hex_enc != NULL ? impl->hex_enc(in, g, out) : 0;
		enc_hex_portable(in + done, g - done, out + 2 * done);
		break;
	case BX_BASE2MSBF:
	case BX_BASE2LSBF: {
		/* Four characters per nibble: the nibble's bits from the
		 * highest (msb) or from the lowest (lsb). */
		static const char msb[] =
		    "00000001001000110100010101100111"
		    "10001001101010111100110111101111";
		static const char lsb[] =
		    "00001000010011000010101001101110"
		    "00011001010111010011101101111111";
		int m = kind == BX_BASE2MSBF;
		const char *t = m ? msb : lsb;

		for (size_t j = 0; j < g; j++) {
			unsigned first = m ? in[j] >> 4 : in[j] & 15;
			unsigned second = m ? in[j] & 15 : in[j] >> 4;

			memcpy(out + 8 * j, t + 4 * first, 4);
			memcpy(out + 8 * j + 4, t + 4 * second, 4);
		}
		break;
	}
	case BX_Z85: {
		const char *a = kinds[kind].alphabet;

		/* The five digits from quotients taken independently (each
		 * a multiplication), not one after the other. */
		for (size_t j = 0; j < g; j++) {
			const unsigned char *p = in + 4 * j;
			uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			    (uint32_t)p[2] << 8 | p[3];
			uint32_t q1 = v / 85u, q2 = v / 7225u, q3 = v / 614125u,
			    q4 = v / 52200625u;
			char *o = out + 5 * j;

			o[0] = a[q4];
			o[1] = a[q3 - q4 * 85u];
			o[2] = a[q2 - q3 * 85u];
			o[3] = a[q1 - q2 * 85u];
			o[4] = a[v - q1 * 85u];
		}
		break;
	}
	default:
		for (size_t j = 0; j < g; j++)
			enc_group(kind, in + j * kinds[kind].bytes,
			    out + j * kinds[kind].chars);
		break;
	}
}

/* The unit of copy_run()'s fixed-size copies, which compilers turn into
 * a few vector moves rather than a call. */
#define COPY_UNIT 32

/*
 * Copy LEN bytes from SRC to DST.  When AVAIL (the bytes readable at
 * SRC) and ROOM (the bytes writable at DST) reach COPY_UNIT - 1 past
 * LEN, by whole COPY_UNITs: up to COPY_UNIT - 1 bytes past the LEN are
 * read and written, which the caller overwrites or ignores.
 */
static inline void
copy_run(void *dst_, const void *src_, size_t len, size_t avail,
    size_t room)
{
	unsigned char *dst = dst_;
	const unsigned char *src = src_;

	if (avail < len + COPY_UNIT - 1 || room < len + COPY_UNIT - 1) {
		memcpy(dst, src, len);
		return;
	}
	for (size_t j = 0; j < len; j += COPY_UNIT)
		memcpy(dst + j, src + j, COPY_UNIT);
}

/*
 * Line ends go out lazily, as GNU's: a full line's LF is written before
 * the next character, or at final.  So an encoder stopped by an error
 * (z85's length, in the caller's hands) has not ended a line that nothing
 * follows.  Bytes needed to write C more characters from column COL:
 */
static size_t
room_for(const struct bx_encoder *enc, size_t c)
{
	if (enc->wrap == 0 || c == 0)
		return c;
	return c + (enc->col + c - 1) / enc->wrap;
}

/*
 * Copy the N characters at S to OUT, breaking lines; the bytes written.
 * S has COPY_UNIT bytes readable past its N, OUT ROOM bytes writable
 * (copy_run() may write some past what it returns).
 */
static size_t
put_chars(struct bx_encoder *enc, const char *s, size_t n, char *out,
    size_t room)
{
	size_t o = 0;

	if (enc->wrap == 0) {
		memcpy(out, s, n);
		return n;
	}
	while (n > 0) {
		size_t take;

		if (enc->col == enc->wrap && n >= enc->wrap &&
		    enc->impl->split_lines != NULL) {
			/* Whole lines, each after the LF of the one before;
			 * the last one's LF stays pending. */
			take = n / enc->wrap;
			enc->impl->split_lines(out + o, s, take, enc->wrap);
			o += take * (enc->wrap + 1);
			s += take * enc->wrap;
			n -= take * enc->wrap;
			continue;
		}
		if (enc->col == enc->wrap) {
			out[o++] = '\n';
			enc->col = 0;
		}
		take = enc->wrap - enc->col;
		if (take > n)
			take = n;
		copy_run(out + o, s, take, n + COPY_UNIT, room - o);
		o += take;
		s += take;
		n -= take;
		enc->col += take;
	}
	return o;
}

/* Groups encoded per batch through the stack. */
#define BATCH_CHARS 4096

enum bx_status
bx_encode_update(struct bx_encoder *enc, const void *in_, size_t n,
    size_t *in_used, char *out, size_t cap, size_t *out_len)
{
	const unsigned char *in = in_;
	const struct kind_desc *k;
	char tmp[BATCH_CHARS + COPY_UNIT];
	size_t i = 0, o = 0;
	size_t (*hex_split)(const unsigned char *, size_t, char *, size_t);

	*in_used = 0;
	*out_len = 0;
	if (enc->err != BX_OK)
		return enc->err;
	k = &kinds[enc->kind];
	hex_split = enc->kind == BX_BASE16 && enc->wrap >= 2 &&
	    enc->wrap % 2 == 0 ? hex_split_of(enc->impl) : NULL;
	/* Complete a held group first. */
	if (enc->nhold > 0) {
		while (enc->nhold < k->bytes && i < n)
			enc->hold[enc->nhold++] = in[i++];
		if (enc->nhold < k->bytes) {
			*in_used = i;
			return BX_OK;
		}
		if (room_for(enc, k->chars) > cap) {
			/* Give the bytes back: nothing consumed. */
			enc->nhold = (unsigned char)(enc->nhold - i);
			return BX_NEED_OUTPUT;
		}
		enc_group(enc->kind, enc->hold, tmp);
		o += put_chars(enc, tmp, k->chars, out, cap);
		enc->nhold = 0;
	}
	while (n - i >= k->bytes) {
		size_t g = (n - i) / k->bytes, room = cap - o, lo, hi;

		/* base16 in lines: once a line is full (its LF pending),
		 * hex_split writes whole lines from the bytes; until then,
		 * no batch goes past the line's end. */
		if (hex_split != NULL) {
			size_t nl = (n - i) / (enc->wrap / 2);

			if (nl > room / (enc->wrap + 1))
				nl = room / (enc->wrap + 1);
			if (enc->col == enc->wrap && nl > 0 &&
			    hex_split(in + i, nl, out + o, enc->wrap) == nl) {
				i += nl * (enc->wrap / 2);
				o += nl * (enc->wrap + 1);
				continue;
			}
			if (enc->col < enc->wrap &&
			    g > (enc->wrap - enc->col) / 2)
				g = (enc->wrap - enc->col) / 2;
		}
		if (g > BATCH_CHARS / k->chars)
			g = BATCH_CHARS / k->chars;
		/* The most groups that fit: binary search on the room. */
		if (room_for(enc, g * k->chars) > room) {
			lo = 0;
			hi = g;
			while (lo < hi) {
				size_t mid = lo + (hi - lo + 1) / 2;

				if (room_for(enc, mid * k->chars) <= room)
					lo = mid;
				else
					hi = mid - 1;
			}
			g = lo;
		}
		if (g == 0) {
			*in_used = i;
			*out_len = o;
			return BX_NEED_OUTPUT;
		}
		enc_groups(enc->impl, (enum bx_kind)enc->kind, in + i, g, tmp);
		o += put_chars(enc, tmp, g * k->chars, out + o, cap - o);
		i += g * k->bytes;
	}
	while (i < n)
		enc->hold[enc->nhold++] = in[i++];
	*in_used = i;
	*out_len = o;
	return BX_OK;
}

enum bx_status
bx_encode_final(struct bx_encoder *enc, char *out, size_t cap,
    size_t *out_len)
{
	const struct kind_desc *k;
	unsigned char last[5] = { 0 };
	char tmp[8 + COPY_UNIT] = { 0 };
	size_t c = 0;

	*out_len = 0;
	if (enc->err != BX_OK)
		return enc->err;
	k = &kinds[enc->kind];
	if (enc->nhold > 0) {
		if (enc->kind == BX_Z85)
			return enc->err = BX_ERR_LENGTH;
		memcpy(last, enc->hold, enc->nhold);
		enc_group(enc->kind, last, tmp);
		c = chars_for(k, enc->nhold, enc->flags);
		/* The characters past the data are padding. */
		for (size_t j = (enc->nhold * 8u + 4) / 5; j < c; j++)
			tmp[j] = '=';
	}
	if (room_for(enc, c) + (enc->wrap != 0 && (c > 0 || enc->col > 0)) >
	    cap)
		return BX_NEED_OUTPUT;
	*out_len = put_chars(enc, tmp, c, out, cap);
	if (enc->wrap && enc->col > 0) {
		out[(*out_len)++] = '\n';
		enc->col = 0;
	}
	enc->nhold = 0;
	return BX_OK;
}

/* ---------------------------------------------------------------- decode */

/* The white space --lenient drops besides LF. */
static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The table entry of byte C for KIND with FLAGS. */
static unsigned char
classify(enum bx_kind kind, unsigned flags, unsigned char c)
{
	int skip = (flags & BX_SKIP_GARBAGE) != 0;
	const char *a = kinds[kind].alphabet, *p;

	if (c != 0 && (p = strchr(a, c)) != NULL)
		return (unsigned char)(p - a);
	if (kind == BX_BASE16 && c >= 'a' && c <= 'f')
		return (unsigned char)(c - 'a' + 10);
	if ((kind == BX_BASE32 || kind == BX_BASE32HEX) && c == '=')
		return T_PAD;
	/* (A dropped LF still counts lines, for the error's place.) */
	if (c == '\n')
		return T_LF;
	if ((flags & BX_LENIENT) && is_space(c))
		return T_SKIP;
	if (skip)
		return kind == BX_Z85 && c == 0 ? T_BAD : T_SKIP;
	/* GNU's base32hex hands bytes outside its alphabet to the base32
	 * decoder unchanged: W..Z are base32 letters there. */
	if (kind == BX_BASE32HEX && c >= 'W' && c <= 'Z')
		return (unsigned char)(c - 'A');
	return T_BAD;
}

/* The machine's class of byte C, whose table entry is T, in mode M: an
 * alphabet character by its value (base32) or its case (base16), any
 * other byte by the mode's filter. */
static unsigned char
machine_class(const struct bx_mode *m, unsigned char c, unsigned t)
{
	enum bx_raw raw;

	if (t < 32)
		return (unsigned char)(m->kind == BX_BASE16 ?
		    bx16_digit_class(c) : bx32_value_class(t));
	if (c == '=')
		raw = BX_R_PAD;
	else if (c == '\n')
		raw = BX_R_LF;
	else if (is_space(c))
		raw = BX_R_WS;
	else
		raw = BX_R_OTHER;
	return m->filter[raw];
}

enum bx_status
bx_decoder_init(struct bx_decoder *dec, enum bx_kind kind, unsigned flags)
{
	memset(dec, 0, sizeof(*dec));
	dec->kind = (unsigned char)kind;
	dec->flags = flags;
	dec->impl = b64_impl_pick(flags & BX_IMPL_MASK);
	if (!known(kind) || (flags & ~(BX_IMPL_MASK | BX_M_FLAGS)) != 0 ||
	    dec->impl == NULL)
		return dec->err = BX_ERR_UNSUPPORTED;
	if (kind == BX_BASE32 || kind == BX_BASE32HEX || kind == BX_BASE16) {
		dec->mode = bx_mode_find(kind, flags & BX_M_FLAGS);
		if (dec->mode == NULL)
			return dec->err = BX_ERR_UNSUPPORTED;
	} else if (flags & (BX_STRICT | BX_LENIENT | BX_NO_PAD)) {
		return dec->err = BX_ERR_UNSUPPORTED;
	}
	for (unsigned c = 0; c < 256; c++) {
		dec->table[c] = classify(kind, flags, (unsigned char)c);
		if (dec->mode != NULL)
			dec->cls[c] = machine_class(dec->mode, (unsigned char)c,
			    dec->table[c]);
	}
	return BX_OK;
}

/* Latch error ST at place P. */
static enum bx_status
fail_pos(struct bx_decoder *dec, enum bx_status st, struct bx_pos p)
{
	dec->err = st;
	dec->err_pos = p;
	if (st != BX_ERR_BAD_CHAR)
		dec->err_pos.byte = 0;
	return st;
}

/* The place of offset AT (byte C) on the current line. */
static struct bx_pos
here(const struct bx_decoder *dec, uint64_t at, unsigned char c)
{
	struct bx_pos p = { at, dec->line, dec->line_start, c };

	return p;
}

/* The same for z85 and base2: on the current line, or at character SLOT
 * of the group. */
static enum bx_status
fail(struct bx_decoder *dec, enum bx_status st, uint64_t at, unsigned char c)
{
	return fail_pos(dec, st, here(dec, at, c));
}

static enum bx_status
fail_slot(struct bx_decoder *dec, enum bx_status st, unsigned slot)
{
	struct bx_pos p = { dec->grp_off[slot], dec->grp_line[slot],
	    dec->grp_ls[slot], 0 };

	return fail_pos(dec, st, p);
}

/* The bits one character of DEC's machine carries (base16 4, base32 5). */
static unsigned
char_bits(const struct bx_decoder *dec)
{
	return dec->kind == BX_BASE16 ? 4 : 5;
}

/* Write the bytes the group's leading data characters complete to OUT;
 * start the next group.  The number written. */
static size_t
flush_group(struct bx_decoder *dec, unsigned char *out)
{
	unsigned total = dec->nd * char_bits(dec), nb = total / 8;

	for (unsigned k = 0; k < nb; k++)
		out[k] = (unsigned char)(dec->acc >> (total - 8 * (k + 1)));
	dec->nd = 0;
	dec->acc = 0;
	return nb;
}

/*
 * Take the cell for byte C (class CLS) at offset OFF, or for the end of
 * the input (CLS the end class, OFF the input's length), writing into
 * OUT (*O advanced; room for a group's bytes checked by the caller).
 * BX_OK, or the error latched.
 */
static enum bx_status
step(struct bx_decoder *dec, unsigned cls, unsigned char c, uint64_t off,
    unsigned char *out, size_t *o)
{
	const struct bx_cell *cell = &dec->mode->col[cls][dec->state];
	struct bx_pos p = here(dec, off, c);
	enum bx_status st = (enum bx_status)cell->status;

	dec->state = cell->next;
	switch ((enum bx_action)cell->action) {
	case BX_A_NONE:
		return BX_OK;
	case BX_A_LINE:
		dec->line++;
		dec->line_start = off + 1;
		return BX_OK;
	case BX_A_DATA:
	case BX_A_DATA_END:
		dec->acc = dec->acc << char_bits(dec) | dec->table[c];
		dec->nd++;
		dec->last = dec->prev = p;
		if (cell->action == BX_A_DATA_END)
			*o += flush_group(dec, out + *o);
		return BX_OK;
	case BX_A_MARK:
		dec->mark = p;
		dec->mark_st = (unsigned char)st;
		dec->prev = p;
		return BX_OK;
	case BX_A_PAD:
	case BX_A_JUNK:
		dec->prev = p;
		return BX_OK;
	case BX_A_PAD_END:
	case BX_A_ACCEPT:
		*o += flush_group(dec, out + *o);
		return BX_OK;
	case BX_A_FAIL:
	case BX_A_REFUSE:
		if (cell->action == BX_A_FAIL)
			*o += flush_group(dec, out + *o);
		switch ((enum bx_where)cell->where) {
		case BX_W_MARK:
			return fail_pos(dec, (enum bx_status)dec->mark_st,
			    dec->mark);
		case BX_W_LAST:
			return fail_pos(dec, st, dec->last);
		case BX_W_PREV:
			return fail_pos(dec, st, dec->prev);
		case BX_W_HERE:
		case BX_W_END:
		default:
			return fail_pos(dec, st, p);
		}
	case BX_A_UNDEF:
	default:
		/* (The model checks that no reachable cell is undefined.) */
		return fail_pos(dec, BX_ERR_UNSUPPORTED, p);
	}
}

/* Whether the cell for class CLS writes the group's bytes. */
static int
writes(const struct bx_decoder *dec, unsigned cls)
{
	unsigned a = dec->mode->col[cls][dec->state].action;

	return a == BX_A_DATA_END || a == BX_A_PAD_END || a == BX_A_ACCEPT ||
	    a == BX_A_FAIL;
}

/*
 * The bulk loops: whole groups of alphabet characters, no LF, while the
 * decoder is between groups.  Each stops at the first group that holds
 * anything else, which the character loop below then takes one byte at
 * a time.  Returns the input bytes consumed; *O advances over OUT.
 */
static size_t
bulk_base32(const unsigned char *tab, const unsigned char *in, size_t n,
    unsigned char *out, size_t cap, size_t *o)
{
	size_t i = 0, k = *o;

	while (n - i >= 8 && cap - k >= 5) {
		const unsigned char *p = in + i;
		unsigned v0 = tab[p[0]], v1 = tab[p[1]], v2 = tab[p[2]],
		    v3 = tab[p[3]], v4 = tab[p[4]], v5 = tab[p[5]],
		    v6 = tab[p[6]], v7 = tab[p[7]];
		uint64_t w;

		if ((v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7) >= 32)
			break;
		w = (uint64_t)v0 << 35 | (uint64_t)v1 << 30 |
		    (uint64_t)v2 << 25 | (uint64_t)v3 << 20 |
		    (uint64_t)v4 << 15 | (uint64_t)v5 << 10 |
		    (uint64_t)v6 << 5 | v7;
		if (cap - k >= 8) {
			/* One store of eight bytes, big-endian: the five
			 * and three that the next group overwrites. */
			w <<= 24;
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_BIG_ENDIAN__
			w = __builtin_bswap64(w);
#endif
			memcpy(out + k, &w, 8);
		} else {
			out[k] = (unsigned char)(w >> 32);
			out[k + 1] = (unsigned char)(w >> 24);
			out[k + 2] = (unsigned char)(w >> 16);
			out[k + 3] = (unsigned char)(w >> 8);
			out[k + 4] = (unsigned char)w;
		}
		k += 5;
		i += 8;
	}
	*o = k;
	return i;
}

static size_t
bulk_base16(const unsigned char *tab, const unsigned char *in, size_t n,
    unsigned char *out, size_t cap, size_t *o)
{
	size_t i = 0, k = *o;

	/* Eight digits to four bytes per step, then pairs. */
	while (n - i >= 8 && cap - k >= 4) {
		const unsigned char *p = in + i;
		unsigned v0 = tab[p[0]], v1 = tab[p[1]], v2 = tab[p[2]],
		    v3 = tab[p[3]], v4 = tab[p[4]], v5 = tab[p[5]],
		    v6 = tab[p[6]], v7 = tab[p[7]];

		if ((v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7) >= 16)
			break;
		out[k] = (unsigned char)(v0 << 4 | v1);
		out[k + 1] = (unsigned char)(v2 << 4 | v3);
		out[k + 2] = (unsigned char)(v4 << 4 | v5);
		out[k + 3] = (unsigned char)(v6 << 4 | v7);
		k += 4;
		i += 8;
	}
	while (n - i >= 2 && k < cap) {
		unsigned hi = tab[in[i]], lo = tab[in[i + 1]];

		if ((hi | lo) >= 16)
			break;
		out[k++] = (unsigned char)(hi << 4 | lo);
		i += 2;
	}
	*o = k;
	return i;
}

static size_t
bulk_z85(const unsigned char *tab, const unsigned char *in, size_t n,
    unsigned char *out, size_t cap, size_t *o)
{
	size_t i = 0, k = *o;

	while (n - i >= 5 && cap - k >= 4) {
		const unsigned char *p = in + i;
		unsigned v0 = tab[p[0]], v1 = tab[p[1]], v2 = tab[p[2]],
		    v3 = tab[p[3]], v4 = tab[p[4]];
		uint64_t v;

		/* (Values are below 85, the other entries 0xfc and up.) */
		if ((v0 | v1 | v2 | v3 | v4) >= 128)
			break;
		/* (Independent products: no chain of multiplications.) */
		v = v0 * (uint64_t)52200625 + v1 * 614125u + v2 * 7225u +
		    v3 * 85u + v4;
		if (v > 0xffffffffu)
			break;
		out[k] = (unsigned char)(v >> 24);
		out[k + 1] = (unsigned char)(v >> 16);
		out[k + 2] = (unsigned char)(v >> 8);
		out[k + 3] = (unsigned char)v;
		k += 4;
		i += 5;
	}
	*o = k;
	return i;
}

/* Eight '0'/'1' characters to their byte: each character minus '0' is a
 * bit in its own byte; one multiplication gathers them. */
static size_t
bulk_base2(int msbf, const unsigned char *in, size_t n, unsigned char *out,
    size_t cap, size_t *o)
{
	const uint64_t mul = msbf ? 0x8040201008040201u : 0x0102040810204080u;
	size_t i = 0, k = *o;

	while (n - i >= 8 && k < cap) {
		uint64_t v;

		/* The first character in the lowest byte, whatever the
		 * machine's byte order. */
		memcpy(&v, in + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		v = __builtin_bswap64(v);
#endif
		v -= 0x3030303030303030u;
		if ((v & ~0x0101010101010101u) != 0)
			break;
		out[k++] = (unsigned char)((v * mul) >> 56);
		i += 8;
	}
	*o = k;
	return i;
}

/* Whether base16 text may go through the bulk loops: not under
 * BX_STRICT, whose one case throughout (every letter in the case of the
 * first) the machine checks a digit at a time. */
static int
hex_bulk(const struct bx_decoder *dec)
{
	return !(dec->flags & BX_STRICT);
}

/* The bulk loops for DEC's kind over IN[0..N): the bytes consumed. */
static size_t
bulk(const struct bx_decoder *dec, const unsigned char *in, size_t n,
    unsigned char *out, size_t cap, size_t *o)
{
	size_t i = 0;

	switch (dec->kind) {
	case BX_BASE32:
	case BX_BASE32HEX:
		if (dec->impl->b32_dec != NULL) {
			i = dec->impl->b32_dec(in, n, out + *o, cap - *o,
			    dec->kind == BX_BASE32HEX);
			*o += i / 8 * 5;
		}
		return i + bulk_base32(dec->table, in + i, n - i, out, cap, o);
	case BX_BASE16:
		if (!hex_bulk(dec))
			return 0;
		if (dec->impl->hex_dec != NULL) {
			size_t m = n < 2 * (cap - *o) ? n : 2 * (cap - *o);

			i = dec->impl->hex_dec(in, m, out + *o);
			*o += i / 2;
		}
		return i + bulk_base16(dec->table, in + i, n - i, out, cap, o);
	case BX_Z85:
		return bulk_z85(dec->table, in, n, out, cap, o);
	case BX_BASE2MSBF:
	case BX_BASE2LSBF:
		if (dec->impl->b2_dec != NULL) {
			size_t m = n / 8 < cap - *o ? n : 8 * (cap - *o);

			i = dec->impl->b2_dec(in, m, out + *o,
			    dec->kind == BX_BASE2MSBF);
			*o += i / 8;
		}
		return i + bulk_base2(dec->kind == BX_BASE2MSBF, in + i, n - i,
		    out, cap, o);
	default:
		return 0;
	}
}

/*
 * A group cut in two by one LF, as text broken into lines of a length
 * that is not a multiple of the group makes every other line (or so):
 * when the next group's characters and one LF among them are all that
 * IN's first chars + 1 bytes hold, decode the group from a copy without
 * the LF and return the LF's position (the caller consumes chars + 1
 * bytes and counts the line); else 0 and nothing done.
 */
static size_t
straddle(const struct bx_decoder *dec, const unsigned char *in, size_t n,
    unsigned char *out, size_t cap, size_t *o)
{
	unsigned g = kinds[dec->kind].chars;
	unsigned char tmp[8];
	const unsigned char *lf;
	size_t p, k = *o;

	if (n < g + 1u || in[0] == '\n')
		return 0;
	lf = memchr(in, '\n', g + 1u);
	if (lf == NULL)
		return 0;
	p = (size_t)(lf - in);
	if (memchr(lf + 1, '\n', g - p) != NULL)
		return 0;
	memcpy(tmp, in, p);
	memcpy(tmp + p, in + p + 1, g - p);
	if (bulk(dec, tmp, g, out, cap, &k) != g)
		return 0;
	*o = k;
	return p;
}

/* Input looked at per compact_lines() call, and what it copies. */
#define COMPACT_MAX 4096

/*
 * join_lines (b64_private.h) for the implementations without one: the
 * lines at IN, LEN characters and a LF each, MAXLINES at most, copied to
 * TMP without their LFs by copy_run(), which may write up to COPY_UNIT -
 * 1 bytes past them: TMP holds MAXLINES * LEN + COPY_UNIT bytes.
 */
static size_t
join_lines_portable(unsigned char *tmp, const unsigned char *in, size_t n,
    size_t len, size_t maxlines)
{
	size_t k = 0, p = 0, room = maxlines * len + COPY_UNIT;

	while (k < maxlines && n - p > len && in[p + len] == '\n') {
		copy_run(tmp + k * len, in + p, len, n - p, room - k * len);
		p += len + 1;
		k++;
	}
	return k;
}

/*
 * Text broken into lines: take IN's first whole lines (up to COMPACT_MAX
 * characters of them) that hold whole groups, copy their characters
 * without the line feeds and decode the copy with the bulk loops in one
 * go.  The lines taken are those of the first one's length (encoders
 * break all lines but the last at one width), each found by looking at
 * the one byte where its line feed should be; a line feed inside such a
 * line is copied and stops the bulk loops like any other byte they do
 * not take.  (base16 lines go to the implementation's hex_lines first,
 * which decodes them where they lie, as many as it takes, with no bound
 * but N and CAP.)  Only when all of it decodes: returns the input bytes
 * consumed (just past a line feed; *LINES of them), the bytes written at
 * OUT + *O (*O advanced).  Else 0, and nothing done (OUT past *O may
 * have been used as scratch): the caller takes the bytes its own way.
 */
static size_t
compact_lines(const struct bx_decoder *dec, const unsigned char *in,
    size_t n, unsigned char *out, size_t cap, size_t *o, uint64_t *lines)
{
	unsigned char tmp[COMPACT_MAX + COPY_UNIT];
	size_t g = kinds[dec->kind].chars, k = *o, whole = 1;
	size_t cut_in, cut_t, nl, cut_nl, len;
	const unsigned char *lf = memchr(in, '\n',
	    n < COMPACT_MAX + 1 ? n : COMPACT_MAX + 1);

	/* (Not for empty lines: nothing to decode there.) */
	if (lf == NULL || lf == in)
		return 0;
	len = (size_t)(lf - in);
	/* base16 lines decoded where they lie, if the implementation can. */
	if (dec->kind == BX_BASE16 && hex_bulk(dec) &&
	    dec->impl->hex_lines != NULL && len >= 2) {
		nl = dec->impl->hex_lines(in, n, len, (cap - k) / (len / 2),
		    out + k);
		if (nl > 0) {
			*o = k + nl * (len / 2);
			*lines = nl;
			return nl * (len + 1);
		}
	}
	nl = (dec->impl->join_lines != NULL ? dec->impl->join_lines :
	    join_lines_portable)(tmp, in, n, len, COMPACT_MAX / len);
	/* Lines whose characters make whole groups: multiples of the fewest
	 * lines that do. */
	while (whole * len % g != 0)
		whole++;
	cut_nl = nl - nl % whole;
	cut_t = cut_nl * len;
	cut_in = cut_t + cut_nl;
	if (cut_t == 0 || cut_t / g * kinds[dec->kind].bytes > cap - k ||
	    bulk(dec, tmp, cut_t, out, cap, &k) != cut_t)
		return 0;
	*o = k;
	*lines = cut_nl;
	return cut_in;
}

enum bx_status
bx_decode_update(struct bx_decoder *dec, const void *in_, size_t n,
    size_t *in_used, void *out_, size_t cap, size_t *out_len)
{
	const unsigned char *in = in_;
	unsigned char *out = out_;
	size_t i = 0, o = 0;
	enum bx_status st = BX_OK;

	*in_used = 0;
	*out_len = 0;
	if (dec->err != BX_OK)
		return dec->err;
	for (; i < n; i++) {
		unsigned char c;
		unsigned t;
		uint64_t off;

		/* Between groups: the bulk loops. */
		if (dec->mode != NULL ? dec->state == 0 : dec->n == 0) {
			size_t lf, used;
			uint64_t nl;

			/* Lines: many at a time, their line feeds dropped
			 * (not again over a stretch where that failed). */
			while (dec->offset + i >= dec->compact_after) {
				used = compact_lines(dec, in + i, n - i, out,
				    cap, &o, &nl);
				if (used == 0) {
					dec->compact_after = dec->offset + i +
					    COMPACT_MAX;
					break;
				}
				dec->line += nl;
				dec->line_start = dec->offset + i + used;
				i += used;
			}
			i += bulk(dec, in + i, n - i, out, cap, &o);
			while ((lf = straddle(dec, in + i, n - i, out, cap,
			    &o)) != 0) {
				dec->line++;
				dec->line_start = dec->offset + i + lf + 1;
				i += kinds[dec->kind].chars + 1u;
				i += bulk(dec, in + i, n - i, out, cap, &o);
			}
			if (i == n)
				break;
		}
		c = in[i];
		t = dec->table[c];
		off = dec->offset + i;

		if (dec->mode != NULL) {
			/* base32, base32hex, base16: the machine. */
			unsigned cls = dec->cls[c];

			if (writes(dec, cls) &&
			    cap - o < kinds[dec->kind].bytes) {
				st = BX_NEED_OUTPUT;
				break;
			}
			st = step(dec, cls, c, off, out, &o);
			if (st != BX_OK) {
				i++;
				goto failed;
			}
			continue;
		}
		if (t == T_LF) {
			dec->line++;
			dec->line_start = off + 1;
			continue;
		}
		if (t == T_SKIP)
			continue;
		if (cap - o < kinds[dec->kind].bytes) {
			st = BX_NEED_OUTPUT;
			break;
		}
		if (t == T_BAD) {
			st = fail(dec, BX_ERR_BAD_CHAR, off, c);
			i++;
			goto failed;
		}
		switch (dec->kind) {
		case BX_BASE2MSBF:
		case BX_BASE2LSBF:
			if (dec->n == 0)
				dec->grp_off[0] = off;
			dec->grp[1] = (unsigned char)(dec->kind ==
			    BX_BASE2MSBF ? dec->grp[1] << 1 | t :
			    dec->grp[1] | t << dec->n);
			if (++dec->n == 8) {
				out[o++] = dec->grp[1];
				dec->grp[1] = 0;
				dec->n = 0;
			}
			break;
		case BX_Z85: {
			uint64_t v = 0;

			dec->grp_off[dec->n] = off;
			dec->grp_line[dec->n] = dec->line;
			dec->grp_ls[dec->n] = dec->line_start;
			dec->grp[dec->n++] = (unsigned char)t;
			if (dec->n < 5)
				break;
			for (int k = 0; k < 5; k++)
				v = v * 85 + dec->grp[k];
			if (v > 0xffffffffu) {
				st = fail_slot(dec, BX_ERR_OVERFLOW, 0);
				i++;
				goto failed;
			}
			out[o++] = (unsigned char)(v >> 24);
			out[o++] = (unsigned char)(v >> 16);
			out[o++] = (unsigned char)(v >> 8);
			out[o++] = (unsigned char)v;
			dec->n = 0;
			break;
		}
		default:
			break;
		}
		continue;
failed:
		*in_used = i;
		*out_len = o;
		dec->offset += i;
		return st;
	}
	*in_used = i;
	*out_len = o;
	dec->offset += i;
	return st;
}

enum bx_status
bx_decode_final(struct bx_decoder *dec, void *out, size_t cap,
    size_t *out_len)
{
	*out_len = 0;
	if (dec->err != BX_OK)
		return dec->err;
	if (dec->mode != NULL) {
		unsigned eof = bx_eof_class(dec->mode);

		if (writes(dec, eof) && cap < kinds[dec->kind].bytes)
			return BX_NEED_OUTPUT;
		return step(dec, eof, 0, dec->offset, out, out_len);
	}
	if (dec->n == 0)
		return BX_OK;
	return fail(dec, BX_ERR_TRUNCATED, dec->offset, 0);
}

uint64_t
bx_decoder_error_offset(const struct bx_decoder *dec)
{
	return dec->err_pos.off;
}

uint64_t
bx_decoder_error_line(const struct bx_decoder *dec)
{
	return dec->err_pos.line + 1;
}

uint64_t
bx_decoder_error_column(const struct bx_decoder *dec)
{
	return dec->err_pos.off - dec->err_pos.ls + 1;
}

unsigned char
bx_decoder_error_byte(const struct bx_decoder *dec)
{
	return dec->err_pos.byte;
}
