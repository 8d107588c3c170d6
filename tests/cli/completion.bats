#!/usr/bin/env bats
# The shell completions (src/cli/mkcompletion.c, written at build time
# into $SEXTET_COMPLETIONS): loaded in the real shells, they complete
# options, option arguments and operands; they offer exactly the long
# options --help lists.  Skipped for GNU base64, which has none.

load helpers

setup() {
  ours_only
  C=${SEXTET_COMPLETIONS:-}
  if [[ -z $C || ! -f $C/base64.bash ]]; then
    skip "no completions built (SEXTET_COMPLETIONS; none when cross-compiling)"
  fi
  cd "$BATS_TEST_TMPDIR" || return 1
}

# cmd PROG: the command name PROG's completions were made for (PROG, or
# the name --program-prefix and the like give it: make distcheck uses
# sextet-PROG).
cmd() {
  sed -n 's/^complete -o filenames -F [^ ]* //p' "$C/$1.bash"
}

# bash_complete PROG WORD...: COMPREPLY, one per line, for the command
# line PROG WORD... with the cursor at the end of the last word, as bash
# splits words by default ('=' a word of its own).
bash_complete() {
  local prog=$1
  shift
  bash --norc -c '
    source "$1/$2.bash"
    shift 2
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    "$(complete -p "$1" | sed "s/.* -F \([^ ]*\) .*/\1/")"
    printf "%s\n" "${COMPREPLY[@]}"' sh "$C" "$prog" "$(cmd "$prog")" "$@"
}

@test "bash: complete -p names the function for each program" {
  local p n
  for p in base64 basenc base32; do
    n=$(cmd "$p")
    [[ $n == *"$p"* ]]
    run bash --norc -c 'source "$1"; complete -p "$2"' sh "$C/$p.bash" "$n"
    [ "$status" -eq 0 ]
    [[ $output == "complete -o filenames -F _sextet_${n//[^a-zA-Z0-9_]/_} $n" ]]
  done
}

@test "bash: options, their arguments and the operands complete" {
  run bash_complete base64 --ur
  [ "$output" = --url-safe ]
  run bash_complete base64 --decode-h
  [ "$output" = --decode-header ]
  run bash_complete basenc --base3
  [ "$output" = "$(printf '%s\n' --base32 --base32hex)" ]
  run bash_complete base32 --ur
  [ -z "$output" ]
  # Option arguments: files for -o, directories for --extract=, nothing
  # for -w; operands: files.
  mkdir dir.d
  : > file.txt
  run bash_complete base64 -o fi
  [ "$output" = file.txt ]
  run bash_complete base64 --output = fi
  [ "$output" = file.txt ]
  run bash_complete base64 --output=fi
  [ "$output" = --output=file.txt ]
  run bash_complete base64 --extract = d
  [ "$output" = dir.d ]
  run bash_complete base64 --extract=
  [ "$output" = --extract=dir.d ]
  run bash_complete base64 -w ''
  [ -z "$output" ]
  run bash_complete base64 --extract fi
  [ "$output" = file.txt ]
  run bash_complete base64 -d f
  [ "$output" = file.txt ]
}

@test "the completions offer the long options --help lists, no more" {
  local p bin
  for p in base64 basenc base32; do
    bin=$(dirname "$BASE64")/$p
    run bash_complete "$p" --
    [ "$status" -eq 0 ]
    [ "$(printf '%s\n' "${lines[@]}" | sed 's/=$//' | sort)" = \
      "$("$bin" --help | grep -o -- '^  \(-., \|    \)--[a-z0-9-]*' | sed 's/.*--/--/' | sort)" ]
    [ "$(sed -n 's/^complete -c [^ ]*\( -s .\)\? -l \([^ ]*\).*/--\2/p' "$C/$p.fish" | sort)" = \
      "$(printf '%s\n' "${lines[@]}" | sed 's/=$//' | sort)" ]
  done
}

@test "zsh: the file loads through compinit and completes base64 --decode-h" {
  command -v zsh >/dev/null || skip "needs zsh (apt-get install zsh)"
  mkdir fp
  cp "$C/_base64" fp/
  zsh -n fp/_base64
  cat > t.zsh <<'EOF'
zmodload zsh/zpty
zpty z 'zsh -f -i'
# (The quotes keep the echo of the typed line from matching.)
zpty -w z "PS1='> '; fpath=($PWD/fp \$fpath); autoload -U compinit; compinit -u -D; print -r -- LOAD''ED=\${_comps[$N]}\;"
zpty -r z line '*LOADED=*;*'
print -r -- "$line" > loaded
zpty -w -n z "$N --decode-h"$'\t'
zpty -r z out '*decode-header*'
print -r -- "$out" > completed
zpty -d z
EOF
  N=$(cmd base64) timeout 60 zsh -f t.zsh
  grep -q 'LOADED=_base64;' loaded
  grep -q "$(cmd base64) --decode-header" completed
}

@test "fish: the file completes base64 --decode-h, -o with files" {
  command -v fish >/dev/null || skip "needs fish (apt-get install fish)"
  fish -n "$C/base64.fish"
  local n
  n=$(cmd base64)
  run fish --no-config -c "source '$C/base64.fish'; complete -C '$n --decode-h'"
  [ "$status" -eq 0 ]
  [[ ${lines[0]} == --decode-header$'\t'* ]]
  : > file.txt
  run fish --no-config -c "source '$C/base64.fish'; complete -C '$n -o fi'"
  [ "$output" = file.txt ]
}
