## src/codec/local.mk - the codec (included by Makefile.am).

## One source list (CODEC_SOURCES) built twice:
## - src/libsextet.la, the installed library (shared and static), compiled
##   with hidden visibility so that it exports b64.h's functions alone
##   (B64_API; the regex below is a second fence; tests/lib/exports.sh
##   checks);
## - src/codec/libb64.a, internal, which the programs, tests, fuzzers and
##   benchmarks link statically: they call internal functions too
##   (b64_private.h, basex.h, base58.h).
## base58.c calls GMP (configure's GMP_CFLAGS, GMP_LIBS; AM_CPPFLAGS has
## the first): the shared library links $(GMP_LIBS), sextet.pc names it
## in Libs.private for static linking, and anything else that calls b58_*
## links $(GMP_LIBS) too.
noinst_LIBRARIES += src/codec/libb64.a
src_codec_libb64_a_SOURCES = $(CODEC_SOURCES)
lib_LTLIBRARIES = src/libsextet.la
src_libsextet_la_SOURCES = $(CODEC_SOURCES)
src_libsextet_la_CPPFLAGS = $(AM_CPPFLAGS) -DB64_BUILDING_LIBSEXTET
src_libsextet_la_CFLAGS = $(AM_CFLAGS) $(SX_VISIBILITY_CFLAGS)
src_libsextet_la_LIBADD = $(GMP_LIBS)
## The soname's version, CURRENT:REVISION:AGE, per libtool's rules (its
## manual, "Updating library version information"), changed once per
## release that touches the library:
## - the code changed but no interface did: REVISION + 1;
## - interfaces added, removed or changed: CURRENT + 1, REVISION = 0;
## - and then if only added: AGE + 1; if any removed or changed: AGE = 0
##   (the soname changes: libsextet.so.CURRENT-AGE).
## A change of the state structs' sizes (B64_ENCODER_SIZE,
## B64_DECODER_SIZE in b64.h) is an incompatible change.
src_libsextet_la_LDFLAGS = $(AM_LDFLAGS) -no-undefined \
	-version-info 0:0:0 -export-symbols-regex '^(b64_|sextet_)'
CODEC_SOURCES = \
	src/codec/b64.h \
	src/codec/b64_private.h \
	src/codec/tables.c \
	src/codec/encode.c \
	src/codec/decode.c \
	src/codec/machine.c \
	src/codec/machine.h \
	src/codec/compact.c \
	src/codec/compact.h \
	src/codec/dispatch.c \
	src/codec/scalar.c \
	src/codec/cpu_x86.c \
	src/codec/cpu_x86.h \
	src/codec/compact_vec.h \
	src/codec/lines.h \
	src/codec/x86_ssse3.c \
	src/codec/x86_avx2.c \
	src/codec/x86_avx512.c \
	src/codec/arm_neon.c \
	src/codec/base58.h \
	src/codec/base58.c \
	src/codec/basex.h \
	src/codec/basex.c \
	src/codec/bx_machine.h \
	src/codec/bx_machine.c \
	src/codec/hex_vec.h \
	src/codec/hex_avx2.h \
	src/codec/b32_vec.h \
	src/codec/b64_vec.h

## libsextet as installed: its public header as <sextet/b64.h>, sextet.pc
## for pkg-config, and the example program of sextet(3)'s EXAMPLES
## section, src/examples/decode.c, in the documentation directory
## (sextet(3) itself: man/local.mk; the checks of all this:
## tests/lib/local.mk).  Only b64.h is public: basex.h and base58.h keep
## their codecs' state structs unversioned in size, and src/mime's
## interface is still moving (src/mime/README).
sextetincludedir = $(includedir)/sextet
sextetinclude_HEADERS = src/codec/b64.h
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = src/sextet.pc
exampledir = $(docdir)/examples
dist_example_DATA = src/examples/decode.c
