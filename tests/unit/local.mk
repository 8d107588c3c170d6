## tests/unit/local.mk - the unit tests (TAP; included by Makefile.am),
## over the codec, and the MIME library's (mime_unit_tests).  Each links
## the test-support library (tests/support/local.mk).
unit_tests += \
	tests/unit/test_vectors \
	tests/unit/test_stream \
	tests/unit/test_lengths \
	tests/unit/test_impls \
	tests/unit/test_modes \
	tests/unit/test_props \
	tests/unit/test_compact \
	tests/unit/test_lines \
	tests/unit/test_basex
check_PROGRAMS += $(unit_tests)
tests_unit_test_vectors_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_vectors_LDADD = $(UNIT_LDADD)
tests_unit_test_stream_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_stream_LDADD = $(UNIT_LDADD)
tests_unit_test_lengths_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_lengths_LDADD = $(UNIT_LDADD)
tests_unit_test_impls_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_impls_LDADD = $(UNIT_LDADD)
tests_unit_test_modes_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_modes_LDADD = $(UNIT_LDADD)
tests_unit_test_props_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_props_LDADD = $(UNIT_LDADD)
tests_unit_test_compact_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_compact_LDADD = $(UNIT_LDADD)
tests_unit_test_lines_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_lines_LDADD = $(UNIT_LDADD)
tests_unit_test_basex_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_basex_LDADD = $(UNIT_LDADD)

## Base58 (basenc --base58): base58.c calls GMP.
unit_tests += tests/unit/test_base58
tests_unit_test_base58_CPPFLAGS = $(UNIT_CPPFLAGS) $(GMP_CFLAGS)
tests_unit_test_base58_LDADD = $(UNIT_LDADD) $(GMP_LIBS)

## The MIME library (src/mime/local.mk).
mime_unit_tests = \
	tests/unit/test_qp \
	tests/unit/test_ew \
	tests/unit/test_name \
	tests/unit/test_mime
unit_tests += $(mime_unit_tests)
MIME_UNIT_CPPFLAGS = $(MIME_CPPFLAGS) -I$(top_srcdir)/tests/support
MIME_UNIT_LDADD = $(TEST_SUPPORT) $(MIME_LIBS)
tests_unit_test_qp_CPPFLAGS = $(MIME_UNIT_CPPFLAGS)
tests_unit_test_qp_LDADD = $(MIME_UNIT_LDADD)
tests_unit_test_ew_CPPFLAGS = $(MIME_UNIT_CPPFLAGS)
tests_unit_test_ew_LDADD = $(MIME_UNIT_LDADD)
tests_unit_test_name_CPPFLAGS = $(MIME_UNIT_CPPFLAGS)
tests_unit_test_name_LDADD = $(MIME_UNIT_LDADD)
tests_unit_test_mime_CPPFLAGS = $(MIME_UNIT_CPPFLAGS)
tests_unit_test_mime_LDADD = $(MIME_UNIT_LDADD)
