/*
 * basex_ref.c - the reference encoders of basex_ref.h.
 */
#include <stddef.h>
#include <string.h>

#include "basex.h"
#include "basex_ref.h"

static const char ref_b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char ref_b32hex[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
static const char ref_hex[] = "0123456789ABCDEF";
static const char ref_z85[] = "0123456789abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

/* KIND's alphabet, in digit order (base16 in upper case). */
const char *
ref_bx_alphabet(enum bx_kind kind)
{
	switch (kind) {
	case BX_BASE32: return ref_b32;
	case BX_BASE32HEX: return ref_b32hex;
	case BX_BASE16: return ref_hex;
	case BX_Z85: return ref_z85;
	default: return "01";
	}
}

/* Whether C is in KIND's alphabet, as GNU's -i keeps it ('=' apart;
 * base16 in either case). */
int
ref_bx_in_alphabet(enum bx_kind kind, unsigned char c)
{
	if (kind == BX_BASE16 && c >= 'a' && c <= 'f')
		return 1;
	return c != 0 && strchr(ref_bx_alphabet(kind), c) != NULL;
}

/* Characters out, a line feed after every WRAP of them. */
struct ref_bx_emit {
	char *out;
	size_t len, col, wrap;
};

static void
ref_bx_emit_char(struct ref_bx_emit *e, char c)
{
	e->out[e->len++] = c;
	if (e->wrap && ++e->col == e->wrap) {
		e->out[e->len++] = '\n';
		e->col = 0;
	}
}

/*
 * The encoding of IN[0..N) as KIND, GNU's way: base32 from a bit
 * accumulator five bits at a time, '=' up to a multiple of 8 characters
 * unless NOPAD; base16 a nibble at a time; base2 a bit at a time; z85 by
 * powers of 85 (whole groups of 4 bytes only).  A LF after every WRAP
 * characters and after a partial last line.  OUT needs
 * REF_BX_MAX(N) bytes; returns the length written.
 */
size_t
ref_bx(enum bx_kind kind, const unsigned char *in, size_t n, int nopad,
    size_t wrap, char *out)
{
	struct ref_bx_emit e = { out, 0, 0, wrap };
	const char *a = ref_bx_alphabet(kind);
	size_t i, chars = 0;

	switch (kind) {
	case BX_BASE32:
	case BX_BASE32HEX: {
		unsigned long acc = 0;
		unsigned bits = 0;

		for (i = 0; i < n; i++) {
			acc = (acc << 8 | in[i]) & 0xfffful;
			for (bits += 8; bits >= 5; chars++) {
				bits -= 5;
				ref_bx_emit_char(&e, a[(acc >> bits) & 31]);
			}
		}
		if (bits > 0) {
			ref_bx_emit_char(&e, a[(acc << (5 - bits)) & 31]);
			chars++;
		}
		for (; !nopad && chars % 8 != 0; chars++)
			ref_bx_emit_char(&e, '=');
		break;
	}
	case BX_BASE16:
		for (i = 0; i < n; i++) {
			ref_bx_emit_char(&e, a[in[i] / 16]);
			ref_bx_emit_char(&e, a[in[i] % 16]);
		}
		break;
	case BX_BASE2MSBF:
	case BX_BASE2LSBF:
		for (i = 0; i < n; i++)
			for (unsigned b = 0; b < 8; b++) {
				unsigned sh = kind == BX_BASE2MSBF ? 7 - b : b;

				ref_bx_emit_char(&e, (char)('0' +
				    ((in[i] >> sh) & 1)));
			}
		break;
	case BX_Z85:
		for (i = 0; i + 4 <= n; i += 4) {
			unsigned long v = (unsigned long)in[i] << 24 |
			    (unsigned long)in[i + 1] << 16 |
			    (unsigned long)in[i + 2] << 8 | in[i + 3];

			/* 85^4, 85^3, ..., 1 */
			for (unsigned long p = 52200625ul; p > 0; p /= 85)
				ref_bx_emit_char(&e, a[v / p % 85]);
		}
		break;
	default:
		break;
	}
	if (wrap && e.col)
		out[e.len++] = '\n';
	return e.len;
}
