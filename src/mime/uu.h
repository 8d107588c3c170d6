/*
 * uu.h - the lines of uuencoded files (POSIX.1 uuencode, "Rationale and
 * description of the historical format"; uuencode -m, its base64 form).
 *
 * A block is
 *     begin MODE NAME          begin-base64 MODE NAME
 *     <encoded lines>          <base64 lines>
 *     `                        ====
 *     end
 * MODE is the file's octal mode (ignored: nothing is made executable);
 * NAME runs to the line end.  An encoded line is a length character, then
 * groups of four characters each standing for three bytes; a character c
 * stands for (c - 0x20) & 0x3f, so ' ' and '`' are both 0.  The rules here
 * are the forgiving ones mail needs:
 *  - characters missing at the end of a line (trailing blanks stripped in
 *    transit) count as ' ' (zero bits);
 *  - characters after the groups the length needs are ignored (some
 *    encoders add a check character);
 *  - a character outside ' '..'`' is damage: the line still gives its
 *    bytes, with 0 for that character, and its column is reported;
 *  - a zero-length line (' ' or '`', or an empty line) and "end" end the
 *    data; "end" alone ends the block too.
 * No allocation, no I/O.
 */
#ifndef SEXTET_UU_H
#define SEXTET_UU_H

#include <stddef.h>

#define UU_LINE_BYTES 63        /* the most a line's length character says */

enum uu_begin {
	UU_NONE,
	UU_BEGIN,               /* "begin MODE NAME" */
	UU_BEGIN_BASE64,        /* "begin-base64 MODE NAME" */
};

/*
 * Whether line S (N bytes, no line end) opens a block: "begin" or
 * "begin-base64", one blank, three or four octal digits, one blank, and a
 * non-empty NAME, whose place is given in *NAME_AT and *NAME_LEN (trailing
 * blanks are not part of it).
 */
enum uu_begin uu_begin_line(const unsigned char *s, size_t n,
    size_t *name_at, size_t *name_len);

/* Whether line S (N bytes, no line end; trailing blanks allowed) is
 * "end" (base64: 0) or "====" (base64: 1). */
int uu_end_line(const unsigned char *s, size_t n, int base64);

/*
 * Decode encoded line S (N bytes, no line end) into OUT; *LEN gets the
 * byte count (0 for a zero-length line).  Returns 0, or the 1-based column
 * of the first character outside ' '..'`'.
 */
size_t uu_decode_line(const unsigned char *s, size_t n,
    unsigned char out[UU_LINE_BYTES], size_t *len);

#endif /* SEXTET_UU_H */
