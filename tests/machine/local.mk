## tests/machine/local.mk - the decoders' tables (included by
## Makefile.am).

## The decoder's state machine: src/codec/machine.c is the
## table; gen_machine writes it as PROMELA (for spin.sh, which model-checks
## props.pml against it, planted bugs included) and as Graphviz dot;
## test_equiv compares the decoder with the one it replaced (oracle.c);
## test_man checks the man page's decoding rules against it; test_compact
## the portable compact loop (compact.c).
check_PROGRAMS += tests/machine/test_equiv tests/machine/test_man \
	tests/machine/test_compact tests/machine/gen_machine
tests_machine_test_equiv_SOURCES = tests/machine/test_equiv.c \
	tests/machine/oracle.c tests/machine/oracle.h
tests_machine_test_equiv_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_machine_test_equiv_LDADD = $(UNIT_LDADD)
tests_machine_test_man_SOURCES = tests/machine/test_man.c
tests_machine_test_man_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_machine_test_man_LDADD = $(UNIT_LDADD)
tests_machine_test_compact_SOURCES = tests/machine/test_compact.c
tests_machine_test_compact_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_machine_test_compact_LDADD = $(UNIT_LDADD)
tests_machine_gen_machine_SOURCES = tests/machine/gen_machine.c
tests_machine_gen_machine_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_machine_gen_machine_LDADD = src/codec/libb64.a
TESTS += tests/machine/test_equiv tests/machine/test_man \
	tests/machine/test_compact tests/machine/spin.sh
EXTRA_DIST += tests/machine/spin.sh tests/machine/props.pml \
	tests/machine/props_bx.pml
AM_TESTS_ENVIRONMENT += \
	SPIN='$(SPIN)'; export SPIN; \
	GEN_MACHINE='$(abs_top_builddir)/tests/machine/gen_machine'; \
	export GEN_MACHINE;
machine-dot: tests/machine/gen_machine$(EXEEXT)
	tests/machine/gen_machine$(EXEEXT) dot >machine.dot
.PHONY: machine-dot
