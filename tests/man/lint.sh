#!/bin/sh
# Lints the manual pages.
#
#   sh tests/man/lint.sh SOURCE_DIR BIN_DIR
#
# - every man/NAME.SECTION.scd converts with scdoc without errors, its preamble says
#   NAME(SECTION), and the result renders with groff without warnings (when groff is installed);
# - every long option that `balance --help` and the --help of each built-in command print is
#   documented in man/balance.1.scd;
# - likewise for every man/balance-WORD.1.scd whose program BIN_DIR/balance-WORD is built: the
#   options of `balance-WORD --help` and of each of its commands' --help are in that page.
# Exits 1 naming every problem.
set -u

if [ $# -ne 2 ]; then
  echo "usage: sh tests/man/lint.sh SOURCE_DIR BIN_DIR" >&2
  exit 64
fi
src=$(cd "$1" 2>/dev/null && pwd) || { echo "lint.sh: no such directory: $1" >&2; exit 66; }
bin=$(cd "$2" 2>/dev/null && pwd) || { echo "lint.sh: no such directory: $2" >&2; exit 66; }
balance=$bin/balance
[ -x "$balance" ] || { echo "lint.sh: $balance is not built" >&2; exit 66; }
command -v scdoc >/dev/null 2>&1 || { echo "lint.sh: scdoc is not installed" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/balance-man-lint.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
unset BALANCE_DIR BALANCE_USER BALANCE_TZ BALANCE_NOW
mkdir -p "$HOME"

problems=0
problem() {
  echo "man lint: $*" >&2
  problems=$((problems + 1))
}

pages=0
for page in "$src"/man/*.scd; do
  [ -e "$page" ] || break
  pages=$((pages + 1))
  file=${page##*/}
  name=${file%.scd}                       # balance.1
  case $name in
    *.[1-9]) ;;
    *) problem "$file: the name must be NAME.SECTION.scd"; continue ;;
  esac
  expected="${name%.*}(${name##*.})"      # balance(1)
  first=$(head -n 1 "$page")
  case $first in
    "$expected"|"$expected "*) ;;
    *) problem "$file: the first line must start with $expected, not: $first" ;;
  esac
  if ! scdoc <"$page" >"$tmp/$name" 2>"$tmp/scdoc.err"; then
    problem "$file: scdoc: $(cat "$tmp/scdoc.err")"
    continue
  fi
  if command -v groff >/dev/null 2>&1; then
    groff -man -ww -z -Tutf8 "$tmp/$name" >"$tmp/groff.err" 2>&1
    if [ -s "$tmp/groff.err" ]; then
      problem "$file: groff warnings:"
      sed 's/^/    /' "$tmp/groff.err" >&2
    fi
  fi
done
[ $pages -gt 0 ] || problem "no man/*.scd pages in $src"

# check_options PROGRAM PAGE: every long option that PROGRAM --help and the --help of each of its
# commands print is documented in PAGE. Its commands are the names listed under "Subcommands:"
# in PROGRAM --help, and the words the page's SYNOPSIS shows in bold that PROGRAM accepts as a
# command (`PROGRAM WORD --help` prints "Usage: PROGRAM WORD …"): a tool whose bare form runs a
# default command prints that command's help for --help, without the list.
checked=0
check_options() {
  program=$1 page=$2
  name=${program##*/} file=${page##*/}
  help=$tmp/help-$name
  if ! "$program" --help >"$help" 2>&1; then
    problem "$name --help failed: $(cat "$help")"
  fi
  listed=$(sed -n '/^Subcommands:/,/^$/p' "$help" | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
  [ "$name" = balance ] && [ -z "$listed" ] && problem "balance --help lists no subcommands"
  shown=$(sed -n '/^# SYNOPSIS/,/^# /p' "$page" | grep -o '\*[^*]*\*' | tr -d '*' | tr ' ' '\n' |
    grep -E '^[a-z][a-z0-9-]*$' | grep -vx -- "$name" | sort -u)
  commands=$listed
  for word in $shown; do
    case " $(printf '%s ' $listed)" in *" $word "*) continue ;; esac
    "$program" "$word" --help 2>/dev/null | grep -q "^Usage: $name $word\( \|$\)" && commands="$commands $word"
  done
  for command in $commands; do
    if ! "$program" "$command" --help >>"$help" 2>&1; then
      problem "$name $command --help failed"
    fi
    grep -Eq "(^|[^a-z0-9-])$command([^a-z0-9-]|$)" "$page" ||
      problem "$file does not mention the command $command"
  done
  options=$(grep -Eo -- '--[a-z][a-z0-9-]*' "$help" | sort -u)
  [ -n "$options" ] || problem "the help texts of $name list no long options"
  for option in $options; do
    checked=$((checked + 1))
    grep -Eq -- "(^|[^a-z0-9-])$option([^a-z0-9-]|$)" "$page" ||
      problem "$file does not document $option (printed by \`$name${commands:+ [COMMAND]} --help\`)"
  done
}

# The front door and its built-in commands, then each balance-WORD that has a page and is built.
if [ -f "$src/man/balance.1.scd" ]; then
  check_options "$balance" "$src/man/balance.1.scd"
else
  problem "man/balance.1.scd is missing"
fi
programs=1
for page in "$src"/man/balance-*.1.scd; do
  [ -e "$page" ] || break
  file=${page##*/}
  program=$bin/${file%.1.scd}
  if [ -x "$program" ]; then
    check_options "$program" "$page"
    programs=$((programs + 1))
  else
    echo "man lint: $file: ${program##*/} is not built; its options are not checked" >&2
  fi
done

if [ $problems -gt 0 ]; then
  echo "man lint: $problems problem(s)" >&2
  exit 1
fi
echo "man lint: $pages page(s); $checked option(s) of $programs program(s) checked"
