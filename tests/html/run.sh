#!/bin/sh
# Checks the html report and trend outside balance's own tests: `validate` parses every page with
# html5lib in strict mode; `browser` loads them in headless Chromium with the network cut off and
# asserts from the rendered page (tests/html/browser.py). Pages are written into OUT: the example
# couple's report and trend (shared and --mine), and a repository with a private canary.
# Usage: run.sh validate|browser BIN_DIR SOURCE_DIR OUT_DIR
# Exit 77 (a skip, with the reason printed) when html5lib or Chromium is missing here.
set -eu
mode=$1
bin=$(cd "$2" && pwd)
src=$(cd "$3" && pwd)
mkdir -p "$4"
out=$(cd "$4" && pwd)
here="$src/tests/html"

# Debian's python3 has html5lib; a python3 earlier on PATH (pyenv, a venv) may not.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" BALANCE_NOW="2026-11-22T21:00:00+01:00" BALANCE_TZ="Europe/Berlin"
unset BALANCE_DIR BALANCE_USER
mkdir -p "$HOME"

example="$src/examples/couple"
"$bin/balance" -C "$example" --as alex report --format html > "$out/report.html"
"$bin/balance" -C "$example" --as alex report trend --format html > "$out/trend.html"
BALANCE_USER=alex "$bin/balance" -C "$example" report --mine --format html > "$out/mine.html"

# A couple whose private records carry a canary: the shared pages must not.
canary=canary-b7e2-private-only
repo="$work/repo"
"$bin/balance" init "$repo" --person alex --person sam --me alex > /dev/null 2>&1
( cd "$repo"
  for day in 2026-11-03 2026-11-10 2026-11-17; do
    "$bin/balance-checkin" --heard 4 --space 3 --kind 5 --at "$day" > /dev/null 2>&1
    BALANCE_USER=sam "$bin/balance-checkin" --heard 3 --space 4 --kind 4 --at "$day" > /dev/null 2>&1
    "$bin/balance-ledger" add chore dishes --at "$day" > /dev/null 2>&1
  done
  "$bin/balance-checkin" --private --heard 1 --feeling "$canary worry" --thanks "$canary thanks" > /dev/null 2>&1
  "$bin/balance-ledger" add solo "$canary walk" --private > /dev/null 2>&1
  "$bin/balance-ledger" add choice pizza --topic "$canary" --private > /dev/null 2>&1
  "$bin/balance-report" --format html > "$out/canary.html"
  "$bin/balance-report" trend --format html > "$out/canary-trend.html"
  "$bin/balance-report" --mine --format html > "$out/canary-mine.html" )
grep -q "$canary" "$out/canary-mine.html" || { echo "canary-mine.html: the private view lost its own canary" >&2; exit 1; }

case $mode in
  validate)
    "$py" "$here/validate.py" --self-test
    "$py" "$here/validate.py" "$out"/*.html ;;
  browser)
    "$py" "$here/browser.py" --self-test
    "$py" "$here/browser.py" --html "$out/report.html" --png "$out/report.png" --print-png "$out/report-print.png" --expect-no-banner
    "$py" "$here/browser.py" --html "$out/trend.html" --png "$out/trend.png" --print-png "$out/trend-print.png" --expect-no-banner
    "$py" "$here/browser.py" --html "$out/mine.html" --expect-banner
    "$py" "$here/browser.py" --html "$out/canary.html" --canary "$canary" --expect-no-banner
    "$py" "$here/browser.py" --html "$out/canary-trend.html" --canary "$canary" --expect-no-banner
    # The picture in the README: the top of the example's report, as a browser shows it. To
    # refresh it: cp BUILD/html/browser/readme.png doc/report.png
    flags="--headless=new --disable-gpu --hide-scrollbars --force-device-scale-factor=1 --window-size=1000,1400"
    [ "$(id -u)" -eq 0 ] && flags="$flags --no-sandbox"
    # shellcheck disable=SC2086
    chromium $flags --user-data-dir="$work/chromium" --proxy-server=127.0.0.1:9 --screenshot="$out/readme.png" \
      "file://$out/report.html" > /dev/null 2>&1 || true ;;
  *) echo "run.sh: unknown mode $mode (validate or browser)" >&2; exit 64 ;;
esac
