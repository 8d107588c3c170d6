## tests/lib/local.mk - libsextet as installed (included by Makefile.am;
## the library, its header, sextet.pc and the example: src/codec/local.mk).
## Its tests: the shared library exports exactly what the installed
## headers declare (tests/lib/exports.sh); sextet(3)'s example is
## src/examples/decode.c, which builds and runs (tests/lib/example.sh).
TESTS += tests/lib/exports.sh tests/lib/example.sh
EXTRA_DIST += tests/lib/exports.sh tests/lib/example.sh
AM_TESTS_ENVIRONMENT += \
	LIBSEXTET_LA='$(abs_top_builddir)/src/libsextet.la'; \
	export LIBSEXTET_LA; \
	SEXTET_HEADERS='$(sextetinclude_HEADERS)'; export SEXTET_HEADERS; \
	NM='$(NM)'; export NM; \
	CC='$(CC)'; export CC; \
	CFLAGS='$(CFLAGS) $(SX_WARN_CFLAGS) $(SX_SAN_CFLAGS)'; export CFLAGS; \
	SEXTET_LIBS='$(GMP_LIBS)'; export SEXTET_LIBS;

## After `make install` (installcheck-local, src/cli/local.mk, runs
## this): a client of the installed library, src/examples/decode.c as
## installed, built with what pkg-config says (sextet.pc from the
## installed pkgconfig directory; PKG_CONFIG_SYSROOT_DIR puts $(DESTDIR)
## before its paths, for `make install DESTDIR=...`): linked to the
## shared library, run with LD_LIBRARY_PATH at the installed one, and
## (--static) to the archive, needing no libsextet.so; each decodes a
## known text.  The installed libsextet.la says which of the two were
## built.
installcheck-libsextet:
	@set -e; \
	pcdir='$(DESTDIR)$(pkgconfigdir)'; \
	la='$(DESTDIR)$(libdir)/libsextet.la'; \
	ex='$(DESTDIR)$(exampledir)/decode.c'; \
	for f in "$$la" "$$pcdir/sextet.pc" "$$ex" \
	    '$(DESTDIR)$(sextetincludedir)/b64.h' \
	    '$(DESTDIR)$(man3dir)/sextet.3'; do \
	  test -f "$$f" || { echo "installcheck: no $$f"; exit 1; }; \
	done; \
	pkg() { \
	  PKG_CONFIG_PATH="$$pcdir" PKG_CONFIG_SYSROOT_DIR='$(DESTDIR)' \
	  PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1 \
	  $(PKG_CONFIG) "$$@" sextet; \
	}; \
	tmp=`mktemp -d`; \
	trap 'rm -rf "$$tmp"' EXIT; \
	printf 'aGVsbG8s\nIHdvcmxk\n' >"$$tmp/in"; \
	dl=`sed -n "s/^dlname='\(.*\)'\$$/\1/p" "$$la"`; \
	if test -n "$$dl"; then \
	  echo " CC decode.c `pkg --cflags --libs`"; \
	  $(CC) $(CFLAGS) $(SX_SAN_CFLAGS) `pkg --cflags` -o "$$tmp/decode" \
	    "$$ex" `pkg --libs`; \
	  readelf -d "$$tmp/decode" | grep -q "NEEDED.*\[$$dl\]" || \
	    { echo "installcheck: decode does not need $$dl"; exit 1; }; \
	  LD_LIBRARY_PATH='$(DESTDIR)$(libdir)' ldd "$$tmp/decode" | \
	    grep -F -q '$(DESTDIR)$(libdir)/'"$$dl" || \
	    { echo "installcheck: decode would not run the installed $$dl"; \
	      exit 1; }; \
	  LD_LIBRARY_PATH='$(DESTDIR)$(libdir)' "$$tmp/decode" \
	    <"$$tmp/in" >"$$tmp/out"; \
	  test "`cat "$$tmp/out"`" = 'hello, world' || \
	    { echo "installcheck: decode (shared) wrote the wrong bytes"; \
	      exit 1; }; \
	  echo "installed: libsextet ($$dl), a client of it runs"; \
	fi; \
	old=`sed -n "s/^old_library='\(.*\)'\$$/\1/p" "$$la"`; \
	if test -n "$$old"; then \
	  libs=`pkg --static --libs | \
	    sed 's/^/ /; s/$$/ /; s/ -lsextet / -Wl,-Bstatic -lsextet -Wl,-Bdynamic /'`; \
	  echo " CC decode.c `pkg --cflags`$$libs"; \
	  $(CC) $(CFLAGS) $(SX_SAN_CFLAGS) `pkg --cflags` \
	    -o "$$tmp/decode-static" "$$ex" $$libs; \
	  if readelf -d "$$tmp/decode-static" | grep -q 'NEEDED.*libsextet'; \
	  then echo "installcheck: decode --static needs libsextet"; exit 1; fi; \
	  "$$tmp/decode-static" <"$$tmp/in" >"$$tmp/out"; \
	  test "`cat "$$tmp/out"`" = 'hello, world' || \
	    { echo "installcheck: decode (static) wrote the wrong bytes"; \
	      exit 1; }; \
	  echo "installed: libsextet ($$old), a client of it runs"; \
	fi
.PHONY: installcheck-libsextet
