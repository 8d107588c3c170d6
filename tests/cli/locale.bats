#!/usr/bin/env bats
# shellcheck disable=SC1111 # the quotation marks in strings are the data
# Messages in one language: GNU's translations from the installed coreutils
# catalog, getopt's from glibc's, English where GNU has no message.

load helpers

unset LANGUAGE

# german: skip unless German messages can be had (locale and catalogs).
german() {
  needs_locale de_DE.UTF-8
  needs_catalog coreutils de
  needs_catalog libc de
}

# de ARG...: run the program in de_DE.UTF-8.
de() {
  LC_ALL=de_DE.UTF-8 b64 "$@"
}

# expect_de_usage_error MESSAGE: exit 1, no output, MESSAGE and the German
# Try line.
expect_de_usage_error() {
  expect_result 1 /dev/null "$BASE64: $1" \
    "„$BASE64 --help“ liefert weitere Informationen."
}

@test "German: read error on a directory is 'Lesefehler: Ist ein Verzeichnis'" {
  german
  mkdir dir
  de dir
  expect_result 1 /dev/null "$BASE64: Lesefehler: Ist ein Verzeichnis"
  de -d dir
  expect_result 1 /dev/null "$BASE64: Lesefehler: Ist ein Verzeichnis"
}

@test "German: extra operand in German words and quotes, and the Try line" {
  german
  needs_gnu910
  de a b </dev/null
  expect_de_usage_error "zusätzlicher Operand $(gnu_quote de_DE.UTF-8 b)"
}

@test "German: invalid wrap size" {
  german
  needs_gnu910
  de -w x </dev/null
  expect_result 1 /dev/null \
    "$BASE64: ungültige Umbruchgröße: $(gnu_quote de_DE.UTF-8 x)"
  de --wrap=-1 </dev/null
  expect_result 1 /dev/null \
    "$BASE64: ungültige Umbruchgröße: $(gnu_quote de_DE.UTF-8 -1)"
}

@test "German: invalid input, after the decoded bytes" {
  german
  printf 'YWJj*' >in
  de -d in
  printf 'abc' >want
  expect_result 1 want "$BASE64: ungültige Eingabe"
}

@test "German: write error on a full device, in coreutils' words or, at close, gnulib's" {
  german
  needs_dev_full
  needs_gnu910
  # A large output fails while written: coreutils' "write error".
  head -c 100000 /dev/zero >in
  status=0
  LC_ALL=de_DE.UTF-8 "$BASE64" in >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  [[ $(head -n 1 "$ERR") == \
    "$BASE64: Schreibfehler: Auf dem Gerät ist kein Speicherplatz mehr verfügbar" ]]
  # A small one fails as standard output is closed: close_stdout's,
  # from gnulib's catalog (English where it is not installed).
  printf 'abc' >in
  status=0
  LC_ALL=de_DE.UTF-8 "$BASE64" in >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  [[ $(head -n 1 "$ERR") == \
    "$BASE64: $(gnulib_text de_DE.UTF-8 'write error'): Auf dem Gerät ist kein Speicherplatz mehr verfügbar" ]]
  status=0
  LC_ALL=de_DE.UTF-8 "$BASE64" --help >/dev/full 2>"$ERR" || status=$?
  expect_status 1
  [[ $(head -n 1 "$ERR") == \
    "$BASE64: $(gnulib_text de_DE.UTF-8 'write error'): Auf dem Gerät ist kein Speicherplatz mehr verfügbar" ]]
}

@test "German: a missing FILE gets glibc's German strerror" {
  german
  de nosuch
  expect_result 1 /dev/null \
    "$BASE64: nosuch: Datei oder Verzeichnis nicht gefunden"
}

@test "German: unrecognized and invalid options in glibc getopt's words" {
  german
  de --foobar </dev/null
  expect_de_usage_error "Unbekannte Option »--foobar«"
  de --foobar=1 </dev/null
  expect_de_usage_error "Unbekannte Option »--foobar=1«"
  de -x </dev/null
  expect_de_usage_error "Ungültige Option -- x"
  de -dx </dev/null
  expect_de_usage_error "Ungültige Option -- x"
}

@test "German: missing and unwanted option arguments in glibc getopt's words" {
  german
  de -w </dev/null
  expect_de_usage_error "Diese Option benötigt ein Argument -- »w«"
  de --wrap </dev/null
  expect_de_usage_error "Die Option »--wrap« erfordert ein Argument"
  de --wr </dev/null
  expect_de_usage_error "Die Option »--wrap« erfordert ein Argument"
  de --decode=1 </dev/null
  expect_de_usage_error "Die Option »--decode« erlaubt kein Argument"
  de --dec=1 </dev/null
  expect_de_usage_error "Die Option »--decode« erlaubt kein Argument"
}

@test "German in ISO-8859-1 (de_DE): the Try line in Latin-1, with the marks gettext gives" {
  needs_locale de_DE
  needs_catalog coreutils de
  needs_catalog libc de
  LC_ALL=de_DE b64 --foobar </dev/null
  expect_result 1 /dev/null \
    "$BASE64: Unbekannte Option "$'\xbb'"--foobar"$'\xab' \
    $'\xbb'"$BASE64 --help"$'\xab'" liefert weitere Informationen."
  mkdir dir
  LC_ALL=de_DE b64 dir
  expect_result 1 /dev/null "$BASE64: Lesefehler: Ist ein Verzeichnis"
}

@test "English messages in a German character set: LC_MESSAGES=C keeps English, quotes follow UTF-8" {
  needs_locale de_DE.UTF-8
  LC_ALL='' LANG=de_DE.UTF-8 LC_MESSAGES=C b64 a b </dev/null
  expect_result 1 /dev/null \
    "$BASE64: extra operand "$'\xe2\x80\x98'"b"$'\xe2\x80\x99' \
    "Try '$BASE64 --help' for more information."
}

@test "LANGUAGE chooses the language as with GNU: LANGUAGE=fr in de_DE.UTF-8 is French" {
  german
  needs_catalog coreutils fr
  mkdir dir
  LANGUAGE=fr LC_ALL=de_DE.UTF-8 b64 dir
  expect_status 1
  [[ $(head -n 1 "$ERR") == "$BASE64: erreur de lecture: "* ]]
}

@test "German: a sextet message GNU also has takes GNU's translation" {
  ours_only
  german
  # coreutils' catalog has "options %s and %s are mutually exclusive".
  de --strict --lenient </dev/null
  expect_de_usage_error \
    "die Optionen „--strict“ und „--lenient“ schließen sich gegenseitig aus"
}

@test "German: sextet's own messages stay English" {
  ours_only
  german
  SEXTET_IMPL=nosuch de </dev/null
  expect_result 1 /dev/null \
    "$BASE64: SEXTET_IMPL: implementation $(gnu_quote de_DE.UTF-8 nosuch) is not available"
  printf 'Zm9v*' >in
  de -d --strict in
  expect_status 1
  [[ $(head -n 1 "$ERR") == "$BASE64: invalid input at line 1, column 5 (byte 4): "* ]]
}

@test "German: an ambiguous option in getopt's German, the list as glibc prints it" {
  ours_only
  german
  de --c=1 </dev/null
  expect_de_usage_error \
    "Die Option »--c=1« ist nicht eindeutig; möglich wären: '--crlf' '--check'"
}

@test "German: --help and --version stay English" {
  ours_only
  german
  de --help </dev/null
  expect_status 0
  [[ $(head -n 1 "$OUT") == "Usage: $BASE64 [OPTION]... [FILE]" ]]
  de --version </dev/null
  expect_status 0
  grep -q 'no warranty' "$OUT"
}
