/*
 * test_name.c - parameters, RFC 2231 and file names (src/mime/name.h):
 * the naming rules of src/mime/name.h, one trap per test point.
 */
#include <stdio.h>
#include <string.h>

#include "name.h"
#include "tap.h"

static void
check_param(const char *value, const char *attr, int found,
    const char *want, const char *what)
{
	unsigned char buf[2048];
	struct sbuf sb;
	int f;

	sb_init(&sb, buf, sizeof(buf));
	f = mime_param_name(value, strlen(value), attr, &sb);
	if (!tap_ok(f == found && sb.len == strlen(want) &&
	    memcmp(sb.p, want, sb.len) == 0, "param: %s", what))
		tap_diag_bytes("got", sb.p, sb.len);
}

static void
check_raw(const char *value, const char *attr, const char *want,
    const char *what)
{
	unsigned char buf[256];
	struct sbuf sb;
	int f;

	sb_init(&sb, buf, sizeof(buf));
	f = mime_param_raw(value, strlen(value), attr, &sb);
	if (!tap_ok(f == 1 && sb.len == strlen(want) &&
	    memcmp(sb.p, want, sb.len) == 0, "raw: %s", what))
		tap_diag_bytes("got", sb.p, sb.len);
}

static void
check_file(const char *name, const char *path, const char *type,
    const char *want, const char *what)
{
	char out[MIME_FILE_MAX + 1];
	size_t n;

	n = mime_file_name((const unsigned char *)name, strlen(name), path,
	    type, out);
	if (!tap_ok(n == strlen(want) && strcmp(out, want) == 0,
	    "file: %s", what))
		tap_diag_bytes("got", out, n);
}

static void
check_type(const char *v, int one, int ok, const char *want,
    const char *what)
{
	char t[64];
	int r = mime_value_type(v, strlen(v), one, t, sizeof(t));

	if (!tap_ok(r == ok && strcmp(t, want) == 0, "type: %s", what))
		tap_diag("got %d \"%s\"", r, t);
}

int
main(void)
{
	char longname[400], out[MIME_FILE_MAX + 1], want[400];
	size_t n;

	check_type("Text/HTML; charset=utf-8", 0, 1, "text/html",
	    "lower-cased");
	check_type(" (c) multipart/mixed ; boundary=x", 0, 1,
	    "multipart/mixed", "comment and blanks");
	check_type("text", 0, 0, "", "no subtype: invalid");
	check_type("text/", 0, 0, "", "empty subtype: invalid");
	check_type("te xt/plain", 0, 0, "", "blank inside: invalid");
	check_type(" BASE64 ", 1, 1, "base64", "one token, trimmed");
	/* A first parameter without its ';', as some senders write it. */
	check_type("multipart/mixed\r\n\tboundary=\"b\"", 0, 1,
	    "multipart/mixed", "the ';' before a parameter missing");
	check_raw("multipart/mixed\r\n\tboundary=\"b\"", "boundary", "b",
	    "the ';' before the first parameter missing");
	check_param("attachment filename=a.pdf", "filename", 1, "a.pdf",
	    "the ';' after the disposition missing");
	check_type("text/plain junk", 0, 0, "", "junk after the type that is "
	    "no parameter: invalid");
	check_type("text/plain junk=", 0, 1, "text/plain", "an empty "
	    "parameter is still one");

	check_param("attachment; filename=\"a.pdf\"", "filename", 1, "a.pdf",
	    "quoted");
	check_param("attachment; filename=a.pdf", "filename", 1, "a.pdf",
	    "token");
	check_param("attachment; filename=my file.pdf ; size=3", "filename",
	    1, "my file.pdf", "unquoted with a blank, trailing blanks cut");
	check_param("attachment", "filename", 0, "", "absent");
	check_param("a; FileName=\"x\"", "filename", 1, "x",
	    "attribute case-insensitive");
	check_param("a; filename=\"C:\\dir\\x.pdf\"", "filename", 1,
	    "C:\\dir\\x.pdf", "backslash literal in a quoted-string");
	check_param("a; filename*=utf-8''%E2%82%AC.pdf", "filename", 1,
	    "\xe2\x82\xac.pdf", "RFC 2231 single, charset");
	check_param("a; filename=\"plain.pdf\"; filename*=utf-8''x.pdf",
	    "filename", 1, "x.pdf", "filename* wins over filename");
	check_param("a; filename*1=\"b\"; filename*0=\"a\"; filename*2=c",
	    "filename", 1, "abc", "sections out of order");
	check_param("a; filename*0*=iso-8859-1'fr'%E9t%E9; filename*1=\".txt\"",
	    "filename", 1, "\xc3\xa9t\xc3\xa9.txt",
	    "sections, charset and language, mixed kinds");
	check_param("a; filename*0=\"a\"; filename*2=\"c\"", "filename", 1,
	    "ac", "a missing section joined over");
	check_param("a; filename*0=\"a\"; filename*0=\"z\"; filename*1=b",
	    "filename", 1, "ab", "repeated section: the first");
	check_param("a; filename*=utf-8''%ZZ", "filename", 1, "%ZZ",
	    "bad percent-escape kept");
	check_param("a; filename*=utf-8''%FF.bin", "filename", 1, "%FF.bin",
	    "invalid UTF-8 becomes %XX");
	check_param("a; filename*=no-such-cs''a%E9", "filename", 1, "a%E9",
	    "unknown charset: ASCII kept, others %XX");
	check_param("a; name=\"=?utf-8?B?4oKsLnBkZg==?=\"", "name", 1,
	    "\xe2\x82\xac.pdf", "RFC 2047 inside a name");
	check_param("a; name=\"caf\xe9.txt\"", "name", 1, "caf%E9.txt",
	    "raw 8-bit that is not UTF-8");
	check_param("a; name=\"caf\xc3\xa9.txt\"", "name", 1,
	    "caf\xc3\xa9.txt", "raw UTF-8 kept");
	/* Quoted-pairs (RFC 822 section 3.4.4): a backslash before '"' or
	 * '\\' quotes it; before anything else it is a literal backslash. */
	check_param("attachment; filename=\"a;b \\\"c\\\".txt\"", "filename",
	    1, "a;b \"c\".txt", "quoted-pairs: \\\" and ';' inside quotes");
	check_param("a; filename=\"..\\..\\evil.bat\"", "filename", 1,
	    "..\\..\\evil.bat", "a backslash before '.' is literal");
	check_param("a; filename=\"C:\\\\dir\\\\x.pdf\"", "filename", 1,
	    "C:\\dir\\x.pdf", "\\\\ is one backslash");
	check_param("a; filename=\"ends\\\\\"; size=3", "filename", 1,
	    "ends\\", "\\\\ right before the closing quote");
	check_param("a; filename=\"x\\\";name=q\"; name=z", "name", 1, "z",
	    "a quoted ';' does not start a parameter");
	check_param("a; filename=\"x\\\";name=q\"; name=z", "filename", 1,
	    "x\";name=q", "... and stays in the value");
	check_param("a; filename*0=\"a\\\"b\"; filename*1=\"\\\\c.txt\"",
	    "filename", 1, "a\"b\\c.txt", "quoted-pairs in RFC 2231 sections");
	check_param("a; filename*0*=utf-8''%41; filename*1=\"\\\"q\\\".txt\"",
	    "filename", 1, "A\"q\".txt",
	    "quoted-pairs in a plain section after an extended one");
	check_param("a; name=\"=?utf-8?q?a?=\\\"b\"", "name", 1, "a\"b",
	    "quoted-pairs then RFC 2047");
	check_raw("multipart/mixed; boundary=\"a\\\"b\"; x=1", "boundary",
	    "a\"b", "raw value: quoted-pairs removed");
	check_type("attachment (a \\) b); filename=x", 1, 1, "attachment",
	    "a quoted ')' inside a comment");

	check_file("../../etc/passwd", "2", "text/plain", "passwd",
	    "../ traversal");
	check_file("/etc/passwd", "2", "text/plain", "passwd", "absolute");
	check_file("..\\..\\win.ini", "2", "text/plain", "win.ini",
	    "Windows ..\\");
	check_file("..", "3.1", "application/pdf", "part-3.1.pdf",
	    "\"..\" becomes part-PATH");
	check_file(".", "2", "application/octet-stream", "part-2.bin",
	    "\".\" becomes part-PATH.bin");
	check_file("", "1:2", "application/x-unknown", "part-1:2",
	    "empty, unknown type: no extension");
	check_file(".bashrc", "2", "text/plain", "bashrc",
	    "leading dot dropped");
	check_file(" -- -rf", "2", "text/plain", "rf",
	    "leading blanks and dashes dropped");
	check_file("a\tb\x01" "c\x7f" "d\xc2\x85" "e", "2", "text/plain",
	    "a_b_c_d_e", "C0, DEL and C1 become _");
	check_file("x/", "4", "text/html", "part-4.html",
	    "trailing slash: empty component");
	check_file("..\\..\\evil.bat", "2", "text/plain", "evil.bat",
	    "a quoted name's literal backslashes still cut the path");

	memset(longname, 'a', 296);
	memcpy(longname + 296, ".pdf", 5);
	n = mime_file_name((const unsigned char *)longname, 300, "2",
	    "application/pdf", out);
	tap_ok(n == 255 && strcmp(out + 251, ".pdf") == 0,
	    "file: 300-byte name cut to 255 keeping .pdf");
	/* A 2-byte character straddling the cut is not split. */
	memset(longname, 'a', 250);
	memcpy(longname + 250, "\xc3\xa9\xc3\xa9.pdf", 9);
	n = mime_file_name((const unsigned char *)longname, 258, "2",
	    "application/pdf", out);
	memset(want, 'a', 250);
	memcpy(want + 250, ".pdf", 5);
	tap_ok(n == 254 && strcmp(out, want) == 0,
	    "file: cut at a UTF-8 boundary");

	n = mime_file_numbered("invoice.pdf", 2, out);
	tap_ok(n == 13 && strcmp(out, "invoice-2.pdf") == 0,
	    "numbered: invoice-2.pdf");
	n = mime_file_numbered("README", 3, out);
	tap_ok(strcmp(out, "README-3") == 0, "numbered: no extension");
	memset(longname, 'b', 251);
	memcpy(longname + 251, ".pdf", 5);
	n = mime_file_numbered(longname, 12, out);
	tap_ok(n == 255 && strcmp(out + 248, "-12.pdf") == 0,
	    "numbered: still 255 bytes");
	tap_ok(strcmp(mime_type_ext("application/octet-stream"), ".bin") ==
	    0 && strcmp(mime_type_ext("x/y"), "") == 0,
	    "extension table: .bin for octet-stream, none for unknown");
	return tap_done();
}
