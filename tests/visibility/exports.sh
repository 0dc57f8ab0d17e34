#!/bin/sh
# Checks what the shared library exports: only namespace balance (its functions, classes and their
# typeinfo and vtables). A symbol from toml++, fmt, date, nlohmann_json or the standard library in
# this list means hidden visibility or the version script (libbalance/libbalance.map) regressed,
# and programs linking libbalance could bind to our copy of a library they also use.
#
#   sh tests/visibility/exports.sh LIBRARY
#
# Exits 1 naming every offender, 77 (skipped) when nm is not installed.
set -u

if [ $# -ne 1 ]; then
  echo "usage: sh tests/visibility/exports.sh LIBRARY" >&2
  exit 64
fi
lib=$1
[ -f "$lib" ] || { echo "exports.sh: $lib is not built" >&2; exit 66; }
if ! command -v nm >/dev/null 2>&1; then
  echo "skipped: nm is not installed (binutils), so the exported symbols cannot be listed"
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/balance-exports.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Field 3 on is the demangled name (it may hold spaces); fields 1 and 2 are address and type.
nm -DC --defined-only "$lib" >"$tmp/nm" || { echo "exports.sh: nm failed on $lib" >&2; exit 1; }
cut -d' ' -f3- "$tmp/nm" >"$tmp/all"

# The linker's own symbols, present in every shared library.
linker='^(_init|_fini|__bss_start|_edata|_end|__end__|__bss_start__|__bss_end__|_bss_end__)$'
ours='^((typeinfo|typeinfo name|vtable|VTT|construction vtable|guard variable) for |(non-)?virtual thunk to )?balance::'
# A standard library template instantiated for one of our types demangles with its return type
# first ("balance::diagnostic* std::__copy_move<...>"): before the parameters, a name of ours has
# no space except in a conversion operator.
foreign='^balance::[^(]* [^(]*(\(|$)'
conversion='::operator [^(]*\('
{
  grep -Ev "$linker" "$tmp/all" | grep -Ev "$ours"
  grep -E "$foreign" "$tmp/all" | grep -Ev "$conversion"
} >"$tmp/offenders"

count=$(grep -Ec "$ours" "$tmp/all")
if [ "$count" -eq 0 ]; then
  # An empty list would pass the check below without testing anything.
  echo "exports.sh: $lib exports nothing from namespace balance" >&2
  exit 1
fi
if [ -s "$tmp/offenders" ]; then
  echo "$lib exports $(wc -l <"$tmp/offenders") symbols outside namespace balance:"
  sed 's/^/  /' "$tmp/offenders"
  exit 1
fi
echo "$lib exports $count symbols, all in namespace balance"
