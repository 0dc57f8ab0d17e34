#!/bin/sh
# Lints the manual pages.
#
#   sh tests/man/lint.sh SOURCE_DIR BIN_DIR
#
# - every man/NAME.SECTION.scd converts with scdoc without errors, its preamble says
#   NAME(SECTION), and the result renders with groff without warnings (when groff is installed);
# - every long option that `balance --help` and the --help of each built-in command print is
#   documented in man/balance.1.scd.
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

# The options of the front door and of its built-in commands.
manual="$src/man/balance.1.scd"
if [ -f "$manual" ]; then
  if ! "$balance" --help >"$tmp/help" 2>&1; then
    problem "balance --help failed: $(cat "$tmp/help")"
  fi
  # The built-in commands: the names listed under "Subcommands:".
  commands=$(sed -n '/^Subcommands:/,/^$/p' "$tmp/help" | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
  [ -n "$commands" ] || problem "balance --help lists no subcommands"
  for command in $commands; do
    if ! "$balance" "$command" --help >>"$tmp/help" 2>&1; then
      problem "balance $command --help failed"
    fi
    grep -Eq "(^|[^a-z0-9-])$command([^a-z0-9-]|$)" "$manual" ||
      problem "balance.1.scd does not mention the command $command"
  done
  options=$(grep -Eo -- '--[a-z][a-z0-9-]*' "$tmp/help" | sort -u)
  [ -n "$options" ] || problem "the help texts list no long options"
  for option in $options; do
    grep -Eq -- "(^|[^a-z0-9-])$option([^a-z0-9-]|$)" "$manual" ||
      problem "balance.1.scd does not document $option (printed by --help)"
  done
else
  problem "man/balance.1.scd is missing"
fi

if [ $problems -gt 0 ]; then
  echo "man lint: $problems problem(s)" >&2
  exit 1
fi
echo "man lint: $pages page(s) and $(printf '%s\n' $options | wc -l) option(s) checked"
