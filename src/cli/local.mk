## src/cli/local.mk - the command line (included by Makefile.am).

## The command line: one library, and a main.c per program (base64,
## basenc, base32), built with SEXTET_PROGRAM naming it.
noinst_LIBRARIES += src/cli/libcli.a
src_cli_libcli_a_SOURCES = \
	src/cli/cli.h \
	src/cli/args.c \
	src/cli/pump.c \
	src/cli/source.c \
	src/cli/source.h \
	src/cli/sink.c \
	src/cli/sink.h \
	src/cli/safefile.c \
	src/cli/safefile.h \
	src/cli/io.c \
	src/cli/io.h \
	src/cli/diag.c \
	src/cli/diag.h \
	src/cli/mail.c \
	src/cli/mail.h \
	src/cli/partial.c \
	src/cli/partial.h
CLI_CPPFLAGS = -I$(top_srcdir)/src/codec -I$(top_srcdir)/src/mime \
	-DVERSION_STRING='"$(PACKAGE_VERSION)"'
src_cli_libcli_a_CPPFLAGS = $(CLI_CPPFLAGS)
src_cli_libcli_a_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS)
CLI_LDADD = src/cli/libcli.a src/mime/libmime.a src/codec/libb64.a \
	$(POPT_LIBS) $(GMP_LIBS)

bin_PROGRAMS = src/base64 src/basenc src/base32
src_base64_SOURCES = src/cli/main.c
src_base64_CPPFLAGS = $(CLI_CPPFLAGS) -DSEXTET_PROGRAM=PROG_BASE64
src_base64_LDADD = $(CLI_LDADD)
src_basenc_SOURCES = src/cli/main.c
src_basenc_CPPFLAGS = $(CLI_CPPFLAGS) -DSEXTET_PROGRAM=PROG_BASENC
src_basenc_LDADD = $(CLI_LDADD)
src_base32_SOURCES = src/cli/main.c
src_base32_CPPFLAGS = $(CLI_CPPFLAGS) -DSEXTET_PROGRAM=PROG_BASE32
src_base32_LDADD = $(CLI_LDADD)

## Shell completions for bash, zsh and fish (src/cli/mkcompletion.c):
## written at build time from each program's option table, for the name
## it is installed as (--program-prefix and the like applied), into
## src/completion/; installed in the directories configure chose (an
## empty one: none for that shell).  Not when cross-compiling (the writer
## runs on the build machine).
COMPLETION_PROGS = base64 basenc base32
if COMPLETIONS
COMPLETION_PROGS_BUILT = $(COMPLETION_PROGS)
noinst_PROGRAMS = src/cli/mkcompletion
src_cli_mkcompletion_SOURCES = src/cli/mkcompletion.c
src_cli_mkcompletion_CPPFLAGS = $(CLI_CPPFLAGS)
src_cli_mkcompletion_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS)
src_cli_mkcompletion_LDADD = $(CLI_LDADD)

src/completion/stamp: src/cli/mkcompletion$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) src/completion && \
	for p in $(COMPLETION_PROGS); do \
	  n=`echo $$p | sed '$(transform)'` && \
	  src/cli/mkcompletion bash $$p "$$n" >src/completion/$$p.bash && \
	  src/cli/mkcompletion zsh $$p "$$n" >src/completion/_$$p && \
	  src/cli/mkcompletion fish $$p "$$n" >src/completion/$$p.fish || \
	  exit 1; \
	done && touch $@
all-local: src/completion/stamp
clean-local:
	-rm -rf src/completion

install-data-local: src/completion/stamp
	@for p in $(COMPLETION_PROGS); do \
	  n=`echo $$p | sed '$(transform)'`; \
	  for f in "$(bashcompletiondir)|$$p.bash|$$n" \
	      "$(zshcompletiondir)|_$$p|_$$n" \
	      "$(fishcompletiondir)|$$p.fish|$$n.fish"; do \
	    d=$${f%%|*}; f=$${f#*|}; \
	    test -n "$$d" || continue; \
	    echo " $(INSTALL_DATA) src/completion/$${f%%|*} '$(DESTDIR)$$d/$${f#*|}'"; \
	    $(MKDIR_P) "$(DESTDIR)$$d" && \
	    $(INSTALL_DATA) "src/completion/$${f%%|*}" \
	      "$(DESTDIR)$$d/$${f#*|}" || exit 1; \
	  done; \
	done
uninstall-local:
	@for p in $(COMPLETION_PROGS); do \
	  n=`echo $$p | sed '$(transform)'`; \
	  for f in "$(bashcompletiondir)|$$n" "$(zshcompletiondir)|_$$n" \
	      "$(fishcompletiondir)|$$n.fish"; do \
	    d=$${f%%|*}; \
	    test -n "$$d" || continue; \
	    echo " rm -f '$(DESTDIR)$$d/$${f#*|}'"; \
	    rm -f "$(DESTDIR)$$d/$${f#*|}"; \
	  done; \
	done
endif

## What `make install` put in place, under the names it was to use
## (make distcheck runs this with --program-prefix=sextet-): each program
## runs, and has its man page and, where configured, its completions,
## which complete that name; then the library (installcheck-libsextet,
## tests/lib/local.mk).
installcheck-local:
	@for p in $(COMPLETION_PROGS); do \
	  n=`echo $$p | sed '$(transform)'`; \
	  "$(DESTDIR)$(bindir)/$$n" --version >/dev/null || exit 1; \
	  test -f "$(DESTDIR)$(man1dir)/$$n.1" || \
	    { echo "no $(man1dir)/$$n.1"; exit 1; }; \
	  if test -n "$(COMPLETION_PROGS_BUILT)" && \
	      test -n "$(bashcompletiondir)"; then \
	    grep -q " $$n\$$" "$(DESTDIR)$(bashcompletiondir)/$$n" || \
	      { echo "no bash completion for $$n"; exit 1; }; \
	  fi; \
	  if test -n "$(COMPLETION_PROGS_BUILT)" && \
	      test -n "$(zshcompletiondir)"; then \
	    grep -q "^#compdef $$n\$$" "$(DESTDIR)$(zshcompletiondir)/_$$n" || \
	      { echo "no zsh completion for $$n"; exit 1; }; \
	  fi; \
	  if test -n "$(COMPLETION_PROGS_BUILT)" && \
	      test -n "$(fishcompletiondir)"; then \
	    grep -q "^complete -c $$n " \
	      "$(DESTDIR)$(fishcompletiondir)/$$n.fish" || \
	      { echo "no fish completion for $$n"; exit 1; }; \
	  fi; \
	  echo "installed: $$n"; \
	done
	@$(MAKE) $(AM_MAKEFLAGS) installcheck-libsextet
