## man/local.mk - the manual pages (included by Makefile.am): the
## programs' (renamed with them by --program-prefix and the like) and
## sextet(3), the library's (notrans_: never renamed).
dist_man_MANS = man/base64.1 man/basenc.1 man/base32.1
notrans_dist_man_MANS = man/sextet.3

## Lint the man pages when mandoc is around.
lint-man:
	mandoc -T lint -W warning $(top_srcdir)/man/base64.1 \
	    $(top_srcdir)/man/basenc.1 $(top_srcdir)/man/base32.1 \
	    $(top_srcdir)/man/sextet.3
.PHONY: lint-man
