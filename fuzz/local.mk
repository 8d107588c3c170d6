## fuzz/local.mk - the fuzz harnesses replayed over their seed corpora
## (fuzz/README; included by Makefile.am); the libFuzzer and AFL++ builds
## are fuzz/run.sh's.  Each replay is a harness, replay.c's main() and the
## test-support library (tests/support/local.mk: fuzz_common.h and
## fuzz_check.c).
fuzz_replays += \
	fuzz/replay_decode \
	fuzz/replay_roundtrip \
	fuzz/replay_split \
	fuzz/replay_impls \
	fuzz/replay_offlen \
	fuzz/replay_cli \
	fuzz/replay_basex \
	fuzz/replay_mail \
	fuzz/replay_mime \
	fuzz/replay_qp \
	fuzz/replay_ew \
	fuzz/replay_tnef \
	fuzz/replay_cms \
	fuzz/replay_base58
check_PROGRAMS += $(fuzz_replays)
FUZZ_CPPFLAGS = -I$(top_srcdir)/src/codec -I$(top_srcdir)/tests/support
FUZZ_LDADD = $(TEST_SUPPORT) src/codec/libb64.a
fuzz_replay_decode_SOURCES = fuzz/fuzz_decode.c fuzz/replay.c
fuzz_replay_decode_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_TARGET='"decode"'
fuzz_replay_decode_LDADD = $(FUZZ_LDADD)
fuzz_replay_roundtrip_SOURCES = fuzz/fuzz_roundtrip.c fuzz/replay.c
fuzz_replay_roundtrip_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_TARGET='"roundtrip"'
fuzz_replay_roundtrip_LDADD = $(FUZZ_LDADD)
fuzz_replay_split_SOURCES = fuzz/fuzz_split.c fuzz/replay.c
fuzz_replay_split_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_TARGET='"split"'
fuzz_replay_split_LDADD = $(FUZZ_LDADD)
fuzz_replay_impls_SOURCES = fuzz/fuzz_impls.c fuzz/replay.c
fuzz_replay_impls_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_TARGET='"impls"'
fuzz_replay_impls_LDADD = $(FUZZ_LDADD)
fuzz_replay_offlen_SOURCES = fuzz/fuzz_offlen.c fuzz/replay.c
fuzz_replay_offlen_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_TARGET='"offlen"'
fuzz_replay_offlen_LDADD = $(FUZZ_LDADD)
## basex.h's codecs (fuzz/fuzz_basex.c).
fuzz_replay_basex_SOURCES = fuzz/fuzz_basex.c fuzz/replay.c
fuzz_replay_basex_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_TARGET='"basex"'
fuzz_replay_basex_LDADD = $(FUZZ_LDADD)
## Base58 (fuzz/fuzz_base58.c), over GMP.
fuzz_replay_base58_SOURCES = fuzz/fuzz_base58.c fuzz/replay.c
fuzz_replay_base58_CPPFLAGS = $(FUZZ_CPPFLAGS) $(GMP_CFLAGS) \
	-DFUZZ_TARGET='"base58"'
fuzz_replay_base58_LDADD = $(FUZZ_LDADD) $(GMP_LIBS)

## The command line in-process: the harness and the program's own objects
## from src/cli/libcli.a (src/cli/local.mk; the linker takes the members
## the harness needs, as fuzz/run.sh's lists name them), their system
## calls wrapped for fault injection: --wrap applies to every undefined
## reference at link time, the archive's members' too.
## fuzz/fuzz_cli.c: the pump with its reads, writes and polls wrapped.
fuzz_replay_cli_SOURCES = fuzz/fuzz_cli.c fuzz/replay.c
fuzz_replay_cli_CPPFLAGS = $(FUZZ_CPPFLAGS) -I$(top_srcdir)/src/cli \
	-DFUZZ_TARGET='"cli"'
fuzz_replay_cli_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS)
fuzz_replay_cli_LDFLAGS = $(AM_LDFLAGS) \
	-Wl,--wrap=read -Wl,--wrap=write -Wl,--wrap=poll
fuzz_replay_cli_LDADD = src/cli/libcli.a $(FUZZ_LDADD) $(POPT_LIBS) \
	$(GMP_LIBS)
## fuzz/fuzz_mail.c: --list and --extract (mail.c and what it calls), the
## file calls wrapped.
fuzz_replay_mail_SOURCES = fuzz/fuzz_mail.c fuzz/replay.c
fuzz_replay_mail_CPPFLAGS = $(FUZZ_CPPFLAGS) -I$(top_srcdir)/src/cli \
	-I$(top_srcdir)/src/mime -DFUZZ_TARGET='"mail"'
fuzz_replay_mail_LDFLAGS = $(AM_LDFLAGS) -Wl,--wrap=openat \
	-Wl,--wrap=linkat -Wl,--wrap=write -Wl,--wrap=fsync \
	-Wl,--wrap=close -Wl,--wrap=sigaction
fuzz_replay_mail_LDADD = src/cli/libcli.a src/mime/libmime.a $(FUZZ_LDADD)

## The MIME library's (src/mime/local.mk).
MIME_FUZZ_CPPFLAGS = $(FUZZ_CPPFLAGS) -I$(top_srcdir)/src/mime
MIME_FUZZ_LDADD = $(TEST_SUPPORT) $(MIME_LIBS)
fuzz_replay_mime_SOURCES = fuzz/fuzz_mime.c fuzz/replay.c
fuzz_replay_mime_CPPFLAGS = $(MIME_FUZZ_CPPFLAGS) -DFUZZ_TARGET='"mime"'
fuzz_replay_mime_LDADD = $(MIME_FUZZ_LDADD)
fuzz_replay_qp_SOURCES = fuzz/fuzz_qp.c fuzz/replay.c
fuzz_replay_qp_CPPFLAGS = $(MIME_FUZZ_CPPFLAGS) -DFUZZ_TARGET='"qp"'
fuzz_replay_qp_LDADD = $(MIME_FUZZ_LDADD)
fuzz_replay_ew_SOURCES = fuzz/fuzz_ew.c fuzz/replay.c
fuzz_replay_ew_CPPFLAGS = $(MIME_FUZZ_CPPFLAGS) -DFUZZ_TARGET='"ew"'
fuzz_replay_ew_LDADD = $(MIME_FUZZ_LDADD)
fuzz_replay_tnef_SOURCES = fuzz/fuzz_tnef.c fuzz/replay.c
fuzz_replay_tnef_CPPFLAGS = $(MIME_FUZZ_CPPFLAGS) -DFUZZ_TARGET='"tnef"'
fuzz_replay_tnef_LDADD = $(MIME_FUZZ_LDADD)
fuzz_replay_cms_SOURCES = fuzz/fuzz_cms.c fuzz/replay.c
fuzz_replay_cms_CPPFLAGS = $(MIME_FUZZ_CPPFLAGS) -DFUZZ_TARGET='"cms"'
fuzz_replay_cms_LDADD = $(MIME_FUZZ_LDADD)

AM_TESTS_ENVIRONMENT += \
	FUZZ_CORPUS_DIR='$(abs_top_srcdir)/fuzz/corpus'; \
	export FUZZ_CORPUS_DIR;
EXTRA_DIST += fuzz/corpus fuzz/run.sh fuzz/replay.sh fuzz/make-corpus.py \
	fuzz/make-corpus-mail.py fuzz/README
