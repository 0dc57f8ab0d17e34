#!/bin/sh
# Install the Debian packages named as arguments, but only those that are missing.
# Runs apt-get update first; uses `sudo -n` only when not root; does nothing when all are present.
set -eu
missing=""
for pkg in "$@"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "balance: installing missing build dependencies:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
  run() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  run() { sudo -n "$@"; }
else
  echo "balance: not root and no sudo; please install:$missing" >&2
  exit 1
fi
run env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
