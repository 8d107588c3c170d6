/*
 * fuzz_base58.c - the base58 codec (src/codec/base58.h): round trips are
 * exact and decoding never crashes and makes sense.
 *
 * Input: byte 0 is the control byte: bits 0-1 the case (0: round trip of
 * the data as bytes; 1: decode the data as text; 2: the same with
 * B58_SKIP_GARBAGE; 3: decode a text made of the data, each byte mapped
 * into the alphabet except that bytes 0xf0 and up become LF or a byte
 * outside it), bits 2-4 how many zero bytes go in front of the data in a
 * round trip, bits 5-7 how far the work area is from an aligned address;
 * byte 1 is the line width (0: none); the rest is the data.
 *
 * Checked, encoding: B58_OK with b58_encoded_max() room; the output is
 * lines of exactly the width (the last one shorter or equal), each ending
 * with a LF, only alphabet characters besides, one '1' per leading zero
 * byte and no other '1' right after them; for data up to 1 KiB, the
 * characters of a schoolbook conversion written here; cap 0 gives
 * B58_NEED_OUTPUT with a room that then suffices, and one byte less does
 * not (nothing written).  Decoding the encoding gives the data back, also
 * into exactly its length of room, and one byte less gives
 * B58_NEED_OUTPUT with that length.
 *
 * Checked, decoding any text: B58_OK or, without B58_SKIP_GARBAGE,
 * B58_ERR_BAD_CHAR at the first byte that is neither in the alphabet nor a
 * LF, with its line (1 + LFs before it), column and byte, nothing written
 * and *out_len 0; on success at most b58_decoded_max() bytes, and
 * encoding them again gives the text's alphabet characters (every base58
 * text is the only encoding of its bytes).
 */
#include <stddef.h>
#include <stdint.h>

#include "base58.h"
#include "fuzz_common.h"

#define ALPHABET "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

/* Largest data a case takes, so one input stays fast. */
#define MAX_DATA (64 * 1024)
/* Largest data the schoolbook reference converts. */
#define REF_MAX 1024

static int
in_alphabet(unsigned char c)
{
	return c != 0 && memchr(ALPHABET, c, 58) != NULL;
}

/* Schoolbook encoding (no lines); OUT needs 2 N + 1 bytes. */
static size_t
ref_encode(const unsigned char *in, size_t n, char *out)
{
	unsigned char *d = fz_alloc(2 * n + 1);
	size_t nd = 0, z = 0, i, j, len = 0;

	while (z < n && in[z] == 0)
		z++;
	for (i = z; i < n; i++) {
		unsigned carry = in[i];

		for (j = 0; j < nd; j++) {
			carry += (unsigned)d[j] * 256;
			d[j] = (unsigned char)(carry % 58);
			carry /= 58;
		}
		while (carry) {
			d[nd++] = (unsigned char)(carry % 58);
			carry /= 58;
		}
	}
	for (i = 0; i < z; i++)
		out[len++] = '1';
	while (nd > 0)
		out[len++] = ALPHABET[d[--nd]];
	free(d);
	return len;
}

/* A work area of SIZE bytes, SHIFT bytes past an aligned address. */
struct work {
	unsigned char *block;
	void *p;
	size_t size;
};

static void
work_get(struct work *w, size_t size, unsigned shift)
{
	w->block = fz_alloc(size + shift);
	w->p = w->block + shift;
	w->size = size;
}

/* Encode IN[0..N) with WRAP; the output (fz_alloc'd) and its length. */
static char *
encode_checked(const unsigned char *in, size_t n, size_t wrap,
    unsigned shift, size_t *len)
{
	size_t cap = b58_encoded_max(n, wrap), need = 0, l2 = 0, z = 0;
	size_t i, col = 0, ones = 0, chars = 0;
	struct work w;
	char *out, *out2;
	enum b58_status st;

	FZ_CHECK(cap != SIZE_MAX);
	work_get(&w, b58_encode_work_size(n), shift);
	out = fz_alloc(cap);
	st = b58_encode(in, n, out, cap, len, 0, wrap, w.p, w.size);
	FZ_CHECKF(st == B58_OK, "encode: status %d", (int)st);
	FZ_CHECK(*len <= cap);
	FZ_CHECK((n == 0) == (*len == 0));

	/* Lines, alphabet, leading '1's. */
	while (z < n && in[z] == 0)
		z++;
	for (i = 0; i < *len; i++) {
		unsigned char c = (unsigned char)out[i];

		if (wrap && c == '\n') {
			FZ_CHECKF(col == wrap || i + 1 == *len,
			    "LF after %zu characters, width %zu", col, wrap);
			col = 0;
			continue;
		}
		FZ_CHECKF(in_alphabet(c), "byte 0x%02x in the output", c);
		FZ_CHECK(!wrap || col < wrap);
		col++;
		if (chars++ == ones && c == '1')
			ones++;
	}
	FZ_CHECK(!wrap || *len == 0 || out[*len - 1] == '\n');
	FZ_CHECKF(ones == z, "%zu leading '1's for %zu zero bytes", ones, z);

	/* The schoolbook answer. */
	if (n <= REF_MAX) {
		char *ref = fz_alloc(2 * n + 1);
		size_t rl = ref_encode(in, n, ref), k = 0;

		for (i = 0; i < *len; i++)
			if (out[i] != '\n') {
				FZ_CHECK(k < rl && out[i] == ref[k]);
				k++;
			}
		FZ_CHECK(k == rl);
		free(ref);
	}

	/* Short room: the room it names is enough, one byte less is not. */
	st = b58_encode(in, n, NULL, 0, &need, 0, wrap, w.p, w.size);
	if (n == 0) {
		FZ_CHECK(st == B58_OK && need == 0);
	} else {
		FZ_CHECK(st == B58_NEED_OUTPUT && need >= *len && need <= cap);
		out2 = fz_alloc(need);
		memset(out2, 0xa5, need);
		st = b58_encode(in, n, out2, need - 1, &l2, 0, wrap, w.p,
		    w.size);
		FZ_CHECK(st == B58_NEED_OUTPUT && l2 == need);
		for (i = 0; i + 1 < need; i++)
			FZ_CHECK((unsigned char)out2[i] == 0xa5);
		st = b58_encode(in, n, out2, need, &l2, 0, wrap, w.p, w.size);
		FZ_CHECK(st == B58_OK && l2 == *len &&
		    memcmp(out2, out, l2) == 0);
		free(out2);
	}
	free(w.block);
	return out;
}

/*
 * Decode TEXT[0..T) with FLAGS and check the answer on its own; on
 * success the output (fz_alloc'd) and its length, else NULL.
 */
static unsigned char *
decode_checked(const char *text, size_t t, unsigned flags, unsigned shift,
    size_t *len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t cap = b58_decoded_max(t), i, line = 1, start = 0, l2 = 99;
	struct b58_error err;
	struct work w;
	unsigned char *out;
	enum b58_status st;

	work_get(&w, b58_decode_work_size(t), shift);
	out = fz_alloc(cap);
	if (cap)
		memset(out, 0xa5, cap);
	memset(&err, 0, sizeof(err));
	*len = 99;
	st = b58_decode(text, t, out, cap, len, &err, flags, w.p, w.size);
	if (st == B58_ERR_BAD_CHAR) {
		FZ_CHECK(!(flags & B58_SKIP_GARBAGE));
		FZ_CHECK(*len == 0 && err.offset < t);
		for (i = 0; i < err.offset; i++) {
			FZ_CHECKF(in_alphabet(s[i]) || s[i] == '\n',
			    "byte 0x%02x at %zu before the error at %llu",
			    s[i], i, (unsigned long long)err.offset);
			if (s[i] == '\n') {
				line++;
				start = i + 1;
			}
		}
		FZ_CHECK(!in_alphabet(s[i]) && s[i] != '\n');
		FZ_CHECK(err.byte == s[i] && err.line == line &&
		    err.column == i - start + 1);
		for (i = 0; i < cap; i++)
			FZ_CHECK(out[i] == 0xa5);
		free(out);
		free(w.block);
		return NULL;
	}
	FZ_CHECKF(st == B58_OK, "decode: status %d", (int)st);
	FZ_CHECK(*len <= cap);
	/* One byte short of room: B58_NEED_OUTPUT naming the length. */
	if (*len > 0) {
		unsigned char *o2 = fz_alloc(*len - 1);

		st = b58_decode(text, t, o2, *len - 1, &l2, NULL, flags, w.p,
		    w.size);
		FZ_CHECK(st == B58_NEED_OUTPUT && l2 == *len);
		free(o2);
	}
	free(w.block);
	return out;
}

/* The alphabet characters of TEXT[0..T) must be the encoding of
 * OUT[0..LEN). */
static void
check_canonical(const char *text, size_t t, const unsigned char *out,
    size_t len, unsigned shift)
{
	size_t el, i, k = 0;
	char *again = encode_checked(out, len, 0, shift, &el);

	for (i = 0; i < t; i++)
		if (in_alphabet((unsigned char)text[i])) {
			FZ_CHECKF(k < el && again[k] == text[i],
			    "text character %zu is not the encoding's", i);
			k++;
		}
	FZ_CHECK(k == el);
	free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned c = fz_u8(&in), wrap = fz_u8(&in);
	unsigned mode = c & 3, zeros = (c >> 2) & 7, shift = c >> 5;
	size_t n = in.n < MAX_DATA ? in.n : MAX_DATA, len, dl;
	unsigned char *buf, *back;
	char *text;

	fz_note("base58 case %u, %u zeros, width %u, work +%u, %zu bytes",
	    mode, zeros, wrap, shift, n);
	if (mode == 0) {
		buf = fz_alloc(n + zeros);
		memset(buf, 0, zeros);
		if (n)
			memcpy(buf + zeros, in.p, n);
		text = encode_checked(buf, n + zeros, wrap, shift, &len);
		back = decode_checked(text, len, 0, shift, &dl);
		FZ_CHECK(back != NULL && dl == n + zeros &&
		    (dl == 0 || memcmp(back, buf, dl) == 0));
		free(back);
		/* Into exactly its length of room. */
		if (dl > 0) {
			struct work w;
			unsigned char *o = fz_alloc(dl);
			size_t l2 = 0;

			work_get(&w, b58_decode_work_size(len), shift);
			FZ_CHECK(b58_decode(text, len, o, dl, &l2, NULL, 0, w.p,
			    w.size) == B58_OK && l2 == dl &&
			    memcmp(o, buf, dl) == 0);
			free(o);
			free(w.block);
		}
		free(text);
		free(buf);
		return 0;
	}
	text = fz_alloc(n);
	if (n)
		memcpy(text, in.p, n);
	if (mode == 3)
		for (size_t i = 0; i < n; i++) {
			unsigned char b = (unsigned char)text[i];

			text[i] = b < 0xf0 ? ALPHABET[b % 58] :
			    b < 0xf8 ? '\n' : " \r=0OIl\x80"[b & 7];
		}
	back = decode_checked(text, n, mode == 2 ? B58_SKIP_GARBAGE : 0, shift,
	    &dl);
	if (back != NULL) {
		check_canonical(text, n, back, dl, shift);
		free(back);
	}
	free(text);
	return 0;
}
