/*
 * uu.c - the lines of uuencoded files (uu.h has the rules).
 */
#include "uu.h"

#include <string.h>

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* N less the blanks (and a CR) at the end of S. */
static size_t
trim(const unsigned char *s, size_t n)
{
	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
		n--;
	return n;
}

enum uu_begin
uu_begin_line(const unsigned char *s, size_t n, size_t *name_at,
    size_t *name_len)
{
	enum uu_begin kind;
	size_t i, d;

	n = trim(s, n);
	if (n > 13 && memcmp(s, "begin-base64 ", 13) == 0) {
		kind = UU_BEGIN_BASE64;
		i = 13;
	} else if (n > 6 && memcmp(s, "begin ", 6) == 0) {
		kind = UU_BEGIN;
		i = 6;
	} else {
		return UU_NONE;
	}
	for (d = 0; i + d < n && s[i + d] >= '0' && s[i + d] <= '7'; d++)
		;
	if (d < 3 || d > 4)
		return UU_NONE;
	i += d;
	if (i >= n || s[i] != ' ')
		return UU_NONE;
	i++;
	if (i >= n)
		return UU_NONE;
	*name_at = i;
	*name_len = n - i;
	return kind;
}

int
uu_end_line(const unsigned char *s, size_t n, int base64)
{
	n = trim(s, n);
	if (base64)
		return n == 4 && memcmp(s, "====", 4) == 0;
	return n == 3 && memcmp(s, "end", 3) == 0;
}

size_t
uu_decode_line(const unsigned char *s, size_t n,
    unsigned char out[UU_LINE_BYTES], size_t *len)
{
	unsigned char q[4];
	size_t bad = 0, want, i, k, c;

	/* (A CR of a CR LF line end is not data.) */
	if (n > 0 && s[n - 1] == '\r')
		n--;
	*len = 0;
	if (n == 0)
		return 0;
	if (s[0] < 0x20 || s[0] > 0x60)
		return 1;
	want = (size_t)((s[0] - 0x20) & 0x3f);
	for (i = 0; i < want; i += 3) {
		for (k = 0; k < 4; k++) {
			c = 1 + 4 * (i / 3) + k;
			if (c >= n) {
				q[k] = 0;       /* a stripped blank */
			} else if (s[c] < 0x20 || s[c] > 0x60) {
				if (bad == 0)
					bad = c + 1;
				q[k] = 0;
			} else {
				q[k] = (unsigned char)((s[c] - 0x20) & 0x3f);
			}
		}
		out[i] = (unsigned char)(q[0] << 2 | q[1] >> 4);
		if (i + 1 < want)
			out[i + 1] = (unsigned char)(q[1] << 4 | q[2] >> 2);
		if (i + 2 < want)
			out[i + 2] = (unsigned char)(q[2] << 6 | q[3]);
	}
	*len = want;
	return bad;
}
