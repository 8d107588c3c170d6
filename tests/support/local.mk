## tests/support/local.mk - what the C tests share (included by
## Makefile.am): TAP output (tap.c), the reference encoders, guarded
## buffers and one-shot calls (testutil.c, basex_ref.c), and the fuzz
## harnesses' checked runs (fuzz_check.c), compiled once into
## libtestsupport.a (built by make check), which tests/unit,
## tests/machine and the fuzz replays link.  fuzz/run.sh, which builds
## without autotools, compiles the same files (its support_sources).
check_LIBRARIES = tests/support/libtestsupport.a
tests_support_libtestsupport_a_SOURCES = \
	tests/support/tap.h \
	tests/support/tap.c \
	tests/support/testutil.h \
	tests/support/testutil.c \
	tests/support/basex_ref.h \
	tests/support/basex_ref.c \
	tests/support/fuzz_common.h \
	tests/support/fuzz_check.c
tests_support_libtestsupport_a_CPPFLAGS = -I$(top_srcdir)/src/codec \
	-I$(top_srcdir)/tests/support
## Where the C tests find the codec's headers and these, and what they
## link.
UNIT_CPPFLAGS = -I$(top_srcdir)/src/codec -I$(top_srcdir)/tests/support
TEST_SUPPORT = tests/support/libtestsupport.a
UNIT_LDADD = $(TEST_SUPPORT) src/codec/libb64.a
