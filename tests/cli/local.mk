## tests/cli/local.mk - the bats tests of the command line (included by
## Makefile.am), and the fault injection library that faults.bats
## preloads.
BATS_TESTS += \
	tests/cli/encode.bats \
	tests/cli/decode.bats \
	tests/cli/boundaries.bats \
	tests/cli/options.bats \
	tests/cli/errors.bats \
	tests/cli/io.bats \
	tests/cli/large.bats \
	tests/cli/modes.bats \
	tests/cli/output.bats \
	tests/cli/security.bats \
	tests/cli/safefile.bats \
	tests/cli/writes.bats \
	tests/cli/docs.bats \
	tests/cli/mail.bats \
	tests/cli/faults.bats \
	tests/cli/streams.bats
## The bats files whose outcome depends on the codec loop the dispatcher
## picks (the codec's loops driven through the command line): the builds
## and CPUs that differ only there (.ci/run's --disable-simd build,
## .ci/cpus, .ci/cross) run these, the gcc build the whole suite.
CODEC_BATS = tests/cli/encode.bats tests/cli/decode.bats \
	tests/cli/boundaries.bats tests/cli/modes.bats tests/cli/streams.bats
## Messages: whole names, GNU's quoting per locale, GNU's translations;
## option syntax where popt and getopt differ.
BATS_TESTS += \
	tests/cli/completion.bats \
	tests/cli/messages.bats \
	tests/cli/locale.bats \
	tests/cli/parsing.bats
EXTRA_DIST += $(BATS_TESTS) tests/cli/helpers.bash tests/cli/fixtures
AM_TESTS_ENVIRONMENT += \
	BASE64='$(abs_top_builddir)/src/base64'; export BASE64; \
	SEXTET_COMPLETIONS='$(abs_top_builddir)/src/completion'; \
	export SEXTET_COMPLETIONS;

## basenc and base32: GNU's behaviour (tests/cli/basenc.bats, base32.bats,
## which pass against GNU 9.10's programs too), sextet's options on them
## (basenc-options.bats).  Run the first two against any basenc and
## base32, e.g. GNU 9.10's:
##   make check-basenc BASENC=/path/basenc BASE32=/path/base32
## (.ci/cross and .ci/cpus run the suite under qemu-user less these:
## BASENC_ALL_BATS; the codec's loops run there in test_basex.)
BASENC_BATS = tests/cli/basenc.bats tests/cli/base32.bats
BASENC_ALL_BATS = $(BASENC_BATS) tests/cli/basenc-options.bats
BATS_TESTS += $(BASENC_ALL_BATS)
EXTRA_DIST += tests/cli/basenc-helpers.bash \
	tests/cli/basenc_ref.py tests/cli/differential-basenc.py
AM_TESTS_ENVIRONMENT += \
	BASENC='$(abs_top_builddir)/src/basenc'; export BASENC; \
	BASE32='$(abs_top_builddir)/src/base32'; export BASE32;
check-basenc:
	BASENC='$(BASENC)' BASE32='$(BASE32)' LC_ALL=C \
	    $(BATS) $(srcdir)/tests/cli/basenc.bats $(srcdir)/tests/cli/base32.bats
.PHONY: check-basenc

## The I/O fault injection library for tests/cli/faults.bats (LD_PRELOAD;
## built without the sanitizers, which want to come first).
tests_faults_faultshim_so_SOURCES = tests/faults/faultshim.c
tests_faults_faultshim_so_CFLAGS = $(SX_WARN_CFLAGS) -fPIC
## (It links through libtool, like every program here: -Wc, hands -shared
## to the compiler, which libtool would take for itself.)
tests_faults_faultshim_so_LDFLAGS = -Wc,-shared
tests_faults_faultshim_so_LDADD = -ldl
check_PROGRAMS += tests/faults/faultshim.so
AM_TESTS_ENVIRONMENT += \
	FAULTSHIM='$(abs_top_builddir)/tests/faults/faultshim.so'; \
	export FAULTSHIM;
