## tests/bench/local.mk - the benchmarks (tests/bench/README; included
## by Makefile.am): not part of make check.
EXTRA_PROGRAMS += tests/bench/bench_codec
tests_bench_bench_codec_SOURCES = tests/bench/bench_codec.c
tests_bench_bench_codec_CPPFLAGS = -I$(top_srcdir)/src/codec
tests_bench_bench_codec_LDADD = src/codec/libb64.a
EXTRA_DIST += tests/bench/bench_cli.py tests/bench/bench_basenc.py \
	tests/bench/benchlib.py tests/bench/bench_mail.py tests/bench/README
BENCH_CODEC_FLAGS =
BENCH_CLI_FLAGS =
bench: tests/bench/bench_codec$(EXEEXT) src/base64$(EXEEXT)
	tests/bench/bench_codec$(EXEEXT) $(BENCH_CODEC_FLAGS)
	python3 $(srcdir)/tests/bench/bench_cli.py --ours src/base64$(EXEEXT) \
	    $(BENCH_CLI_FLAGS)
	python3 $(srcdir)/tests/bench/bench_mail.py --ours src/base64$(EXEEXT)
.PHONY: bench

## The parser against the bare codec, in memory (not part of make check).
EXTRA_PROGRAMS += tests/bench/bench_mime
tests_bench_bench_mime_SOURCES = tests/bench/bench_mime.c
tests_bench_bench_mime_CPPFLAGS = $(MIME_CPPFLAGS)
tests_bench_bench_mime_LDADD = $(MIME_LIBS)
bench-mime: tests/bench/bench_mime$(EXEEXT)
	tests/bench/bench_mime$(EXEEXT)
.PHONY: bench-mime

## Base58: the codec, and a script timing GNU basenc on the same sizes.
EXTRA_PROGRAMS += tests/bench/bench_base58
tests_bench_bench_base58_SOURCES = tests/bench/bench_base58.c
tests_bench_bench_base58_CPPFLAGS = -I$(top_srcdir)/src/codec $(GMP_CFLAGS)
tests_bench_bench_base58_LDADD = src/codec/libb64.a $(GMP_LIBS)
EXTRA_DIST += tests/bench/bench_base58_gnu.sh
BENCH_BASE58_FLAGS =
bench-base58: tests/bench/bench_base58$(EXEEXT)
	tests/bench/bench_base58$(EXEEXT) $(BENCH_BASE58_FLAGS)
.PHONY: bench-base58
