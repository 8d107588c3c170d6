## tests/mail/local.mk - the bats tests of the e-mail modes (included by
## Makefile.am): --list, --extract, --decode-header over src/mime.
BATS_TESTS += tests/mail/mail.bats tests/mail/options.bats \
	tests/mail/partial.bats tests/mail/corpus.bats
EXTRA_DIST += tests/mail/helpers.bash tests/mail/make-tnef.py \
	tests/mail/make-partial.py
