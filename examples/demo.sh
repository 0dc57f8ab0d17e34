#!/bin/sh
# make demo: show the bundled example couple through the commands that exist, with the clock
# pinned to the example's last day so the output means something. Reads the example only; writes
# one file, its html report, into OUT (the build tree), and prints where it is.
# Usage: demo.sh BIN_DIR [OUT_DIR]
set -eu
bin=$(cd "$1" && pwd)
out=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
repo="$here/couple"
export BALANCE_NOW="2026-11-22T21:00:00+01:00" BALANCE_TZ="Europe/Berlin"
unset BALANCE_DIR BALANCE_USER

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
else
  say() { printf '\n$ %s\n' "$*"; }
fi
run() {
  say "balance $*"
  "$bin/balance" -C "$repo" --as alex "$@"
}

if [ -x "$bin/balance-report" ]; then
  run report
  if [ -n "$out" ]; then
    mkdir -p "$out"
    page="$(cd "$out" && pwd)/balance-report.html"
    "$bin/balance" -C "$repo" --as alex report --format html > "$page"
    printf '\nThe same report as one html page (open it, print it, mail it): %s\n' "$page"
  fi
  exit 0
fi
# Until the report lands, the foundation shows what it can.
run check
[ -x "$bin/balance-checkin" ] && run checkin list --period 28d
[ -x "$bin/balance-ledger" ] && run ledger balance --period 28d
[ -x "$bin/balance-boundaries" ] && run boundaries list
exit 0
