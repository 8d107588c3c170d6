## src/mime/local.mk - the MIME library (included by Makefile.am): what
## src/cli/mail.c runs --list, --extract and --decode-header over.  Its
## unit tests are in tests/unit/local.mk, its bats tests in
## tests/mail/local.mk, its fuzz targets in fuzz/local.mk.
noinst_LIBRARIES += src/mime/libmime.a
src_mime_libmime_a_SOURCES = \
	src/mime/mime.h \
	src/mime/mime.c \
	src/mime/qp.h \
	src/mime/qp.c \
	src/mime/ew.h \
	src/mime/ew.c \
	src/mime/name.h \
	src/mime/name.c \
	src/mime/text.h \
	src/mime/text.c \
	src/mime/uu.h \
	src/mime/uu.c \
	src/mime/tnef.h \
	src/mime/tnef.c \
	src/mime/cms.h \
	src/mime/cms.c
src_mime_libmime_a_CPPFLAGS = -I$(top_srcdir)/src/codec
MIME_CPPFLAGS = -I$(top_srcdir)/src/codec -I$(top_srcdir)/src/mime
MIME_LIBS = src/mime/libmime.a src/codec/libb64.a
EXTRA_DIST += src/mime/README
