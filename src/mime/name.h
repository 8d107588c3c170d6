/*
 * name.h - MIME header values and the file names they give.
 *
 * Parameters (RFC 2045 section 5.1, RFC 2183, RFC 2231):
 *  - a value is a token, or a quoted-string whose quoted-pairs (RFC 822
 *    section 3.4.4) \" and \\ stand for '"' and a backslash; a backslash
 *    before anything else is a literal backslash (Windows paths; only the
 *    last component is kept later); an unquoted value runs to the next
 *    ';', trailing blanks cut; in comments \( \) \\ are pairs too;
 *  - "attr*" and sections "attr*0*", "attr*1", ... (any order, gaps joined
 *    over, a repeated section: the first) win over a plain "attr"; the
 *    first present section may carry "charset'language'"; extended values
 *    are percent-decoded (a bad '%' kept as written);
 *  - plain values may hold RFC 2047 encoded-words (decoded, EW_NAME);
 *  - the result is UTF-8: bytes that do not convert, and bytes that are
 *    not UTF-8 where no charset is given, become %XX.
 *
 * File names (mime_file_name): the last path component (after '/' or
 * '\'); C0, DEL and C1 characters become '_'; bidi controls (U+202A-E,
 * U+2066-9, U+200E, U+200F) are removed; leading dots, dashes and
 * blanks are dropped; an empty result becomes "part-PATH" ('/' in PATH
 * as '_') plus the media
 * type's extension (mime_type_ext); at most MIME_FILE_MAX bytes, cut at a
 * UTF-8 character boundary keeping the extension.
 */
#ifndef SEXTET_MIME_NAME_H
#define SEXTET_MIME_NAME_H

#include <stddef.h>

#include "text.h"

#define MIME_FILE_MAX 255       /* bytes in a file name */
#define MIME_EXT_MAX  16        /* a longer ".suffix" is no extension */

/*
 * The leading "type/subtype" of a Content-Type value (N bytes), lower
 * case, into TYPE (CAP bytes, NUL-terminated).  Returns 0, TYPE empty,
 * when it is not two RFC 2045 tokens or does not fit.  For other fields
 * (Content-Disposition, Content-Transfer-Encoding) a single token is
 * accepted with ONE_TOKEN.
 */
int mime_value_type(const char *v, size_t n, int one_token, char *type,
    size_t cap);

/*
 * The plain (non-RFC 2231) value of parameter ATTR, as written but for
 * the quotes and quoted-pairs of a quoted-string, appended to OUT.
 * Returns 1 if present.
 */
int mime_param_raw(const char *v, size_t n, const char *attr,
    struct sbuf *out);

/*
 * The decoded value of parameter ATTR (as a name: RFC 2231 first, then
 * plain with RFC 2047 words), UTF-8, appended to OUT.  Returns 1 if
 * present.
 */
int mime_param_name(const char *v, size_t n, const char *attr,
    struct sbuf *out);

/*
 * The file name for a part: from NAME (N bytes of UTF-8; N 0 when the
 * part has none), its section PATH and media TYPE.  OUT gets a
 * NUL-terminated name of at most MIME_FILE_MAX bytes, never empty, never
 * ".", "..", or holding '/'.  Returns its length.
 */
size_t mime_file_name(const unsigned char *name, size_t n, const char *path,
    const char *type, char out[MIME_FILE_MAX + 1]);

/*
 * FILE with "-K" before its extension ("invoice.pdf", 2: "invoice-2.pdf"),
 * cut to fit MIME_FILE_MAX like mime_file_name.  Returns its length.
 */
size_t mime_file_numbered(const char *file, unsigned long k,
    char out[MIME_FILE_MAX + 1]);

/* The extension (".pdf") for a lower-case media type, "" if unknown. */
const char *mime_type_ext(const char *type);

#endif /* SEXTET_MIME_NAME_H */
