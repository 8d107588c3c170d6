/*
 * mkcompletion.c - a program's shell completion, written at build time
 * from its option table (args.c: args_options), so that it offers what
 * --help lists and nothing else:
 *
 *	mkcompletion bash|zsh|fish PROGRAM NAME > FILE
 *
 * PROGRAM (base64, basenc, base32) says whose options; NAME is the
 * command as installed (after --program-prefix and the like).  Option
 * arguments: FILE is completed with file names, DIR (and --extract's
 * optional =DIR) with directories, anything else (COLS) with nothing;
 * operands with file names.  Options hidden from --help (an alias) are
 * left out.
 */
#include <popt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum arg { ARG_NONE, ARG_FILE, ARG_DIR, ARG_OTHER };

/* What option O takes, and whether it is optional (--extract[=DIR]). */
static enum arg
arg_of(const struct poptOption *o, int *optional)
{
	const char *d = o->argDescrip;

	*optional = d != NULL && d[0] == '[';
	if (d == NULL)
		return ARG_NONE;
	if (strstr(d, "FILE") != NULL)
		return ARG_FILE;
	if (strstr(d, "DIR") != NULL)
		return ARG_DIR;
	return ARG_OTHER;
}

static int
shown(const struct poptOption *o)
{
	return !(o->argInfo & POPT_ARGFLAG_DOC_HIDDEN);
}

/* NAME as a shell identifier: anything but letters, digits and '_'
 * becomes '_'. */
static void
put_ident(const char *name)
{
	for (const char *p = name; *p; p++)
		putchar((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') ? *p : '_');
}

/* O's description on one line (its --help lines joined), quoted for
 * inside a single-quoted word of SHELL: zsh's in an _arguments spec's
 * brackets, fish's as it is. */
static void
put_descrip(const struct poptOption *o, const char *shell)
{
	int z = strcmp(shell, "zsh") == 0;

	for (const char *p = o->descrip; *p; p++) {
		if (*p == '\n')
			putchar(' ');
		else if (*p == '\'')
			fputs(z ? "'\\''" : "\\'", stdout);
		else if (*p == '\\' || (z && (*p == '[' || *p == ']')))
			printf("\\%c", *p);
		else
			putchar(*p);
	}
}

static void
bash(const struct poptOption *t, const char *name)
{
	const struct poptOption *o;
	int opt;

	printf("# bash completion for %s, generated from its option table "
	    "(mkcompletion)\n_sextet_", name);
	put_ident(name);
	printf("()\n{\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= opt= eq= pre=\n"
	    "\tif ((COMP_CWORD > 0)); then\n"
	    "\t\tprev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	    "\tfi\n"
	    "\tCOMPREPLY=()\n"
	    "\t# \"--opt=value\" is one word, or three where '=' breaks "
	    "words.\n"
	    "\tif [[ $cur == --*=* ]]; then\n"
	    "\t\topt=${cur%%%%=*} cur=${cur#*=} eq=1\n"
	    "\t\tpre=$opt=\n"
	    "\telif [[ $prev == = ]] && ((COMP_CWORD > 1)); then\n"
	    "\t\topt=${COMP_WORDS[COMP_CWORD - 2]} eq=1\n"
	    "\telif [[ $cur == = && $prev == --* ]]; then\n"
	    "\t\topt=$prev cur= eq=1\n"
	    "\telse\n"
	    "\t\topt=$prev\n"
	    "\tfi\n"
	    "\tcase $opt in\n");
	for (o = t; o->longName != NULL; o++) {
		enum arg a = arg_of(o, &opt);
		/* (An optional one only after '=': indented under an if.) */
		const char *in = opt ? "\t\t\t" : "\t\t";

		if (a == ARG_NONE)
			continue;
		if (o->shortName && !opt)
			printf("\t-%c | --%s)\n", o->shortName, o->longName);
		else
			printf("\t--%s)\n", o->longName);
		if (opt)
			printf("\t\tif [[ -n $eq ]]; then\n");
		if (a == ARG_FILE || a == ARG_DIR)
			printf("%sCOMPREPLY=($(compgen -%c -P \"$pre\" -- "
			    "\"$cur\"))\n", in, a == ARG_FILE ? 'f' : 'd');
		printf("%sreturn 0\n", in);
		if (opt)
			printf("\t\tfi\n");
		printf("\t\t;;\n");
	}
	printf("\tesac\n"
	    "\tif [[ $cur == -* ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W '");
	for (o = t; o->longName != NULL; o++) {
		enum arg a = arg_of(o, &opt);

		if (!shown(o))
			continue;
		printf("%s--%s%s", o == t ? "" : " ", o->longName,
		    a != ARG_NONE && !opt ? "=" : "");
		if (o->shortName)
			printf(" -%c", o->shortName);
	}
	printf("' -- \"$cur\"))\n"
	    "\t\tif [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]]; "
	    "then\n"
	    "\t\t\tcompopt -o nospace 2>/dev/null\n"
	    "\t\tfi\n"
	    "\t\treturn 0\n"
	    "\tfi\n"
	    "\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	    "}\n"
	    "complete -o filenames -F _sextet_");
	put_ident(name);
	printf(" %s\n", name);
}

static void
zsh(const struct poptOption *t, const char *name)
{
	const struct poptOption *o;
	int opt;

	printf("#compdef %s\n# zsh completion for %s, generated from its "
	    "option table (mkcompletion)\n_arguments -s -S :", name, name);
	for (o = t; o->longName != NULL; o++) {
		enum arg a = arg_of(o, &opt);
		const char *action = a == ARG_FILE ? ":file:_files" :
		    a == ARG_DIR ? ":directory:_files -/" :
		    a == ARG_OTHER ? ":value: " : "";

		if (!shown(o))
			continue;
		printf(" \\\n\t'");
		/* --help and --version end the command line. */
		if (strcmp(o->longName, "help") == 0 ||
		    strcmp(o->longName, "version") == 0)
			printf("(- *)");
		else if (o->shortName)
			printf("(-%c --%s)", o->shortName, o->longName);
		if (o->shortName) {
			printf("'{-%c%s,--%s%s}'", o->shortName,
			    a != ARG_NONE ? "+" : "", o->longName,
			    a != ARG_NONE ? "=" : "");
		} else {
			printf("--%s%s", o->longName, a == ARG_NONE ? "" :
			    opt ? "=-" : "=");
		}
		printf("[");
		put_descrip(o, "zsh");
		printf("]");
		if (a != ARG_NONE)
			printf(":%s", opt ? action : action + 1);
		printf("'");
	}
	printf(" \\\n\t'*:file:_files'\n");
}

static void
fish(const struct poptOption *t, const char *name)
{
	const struct poptOption *o;
	int opt;

	printf("# fish completion for %s, generated from its option table "
	    "(mkcompletion)\n", name);
	for (o = t; o->longName != NULL; o++) {
		enum arg a = arg_of(o, &opt);

		if (!shown(o))
			continue;
		printf("complete -c %s", name);
		if (o->shortName)
			printf(" -s %c", o->shortName);
		printf(" -l %s", o->longName);
		if (a == ARG_FILE)
			printf(" -r -F");
		else if (a == ARG_DIR && !opt)
			printf(" -x -a '(__fish_complete_directories)'");
		else if (a == ARG_OTHER)
			printf(" -x");
		printf(" -d '");
		put_descrip(o, "fish");
		printf("'\n");
	}
}

int
main(int argc, char **argv)
{
	static const char *const progs[] = {
		[PROG_BASE64] = "base64",
		[PROG_BASENC] = "basenc",
		[PROG_BASE32] = "base32",
	};
	int p;

	if (argc != 4)
		goto usage;
	for (p = 0; p < 3 && strcmp(argv[2], progs[p]) != 0; p++)
		;
	if (p == 3)
		goto usage;
	if (strcmp(argv[1], "bash") == 0)
		bash(args_options(p), argv[3]);
	else if (strcmp(argv[1], "zsh") == 0)
		zsh(args_options(p), argv[3]);
	else if (strcmp(argv[1], "fish") == 0)
		fish(args_options(p), argv[3]);
	else
		goto usage;
	return fflush(stdout) != 0 || ferror(stdout);
usage:
	fputs("usage: mkcompletion bash|zsh|fish base64|basenc|base32 NAME\n",
	    stderr);
	return 2;
}
