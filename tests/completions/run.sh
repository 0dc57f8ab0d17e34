#!/bin/sh
# Tests the shell completions of the balance front door and of every tool (balance-checkin,
# balance-ledger, balance-boundaries, balance-report, balance-remind, balance-talk,
# balance-journal) in real bash,
# zsh and fish.
#
#   sh tests/completions/run.sh BIN_DIR
#
# BIN_DIR is the build's bin/ directory. The programs are copied out of it, so that what
# `balance commands` finds does not change as more tools are built: the front-door cases run
# with only `balance` (and the test's own balance-demo), the balance-checkin cases with
# `balance` and `balance-checkin`, the cases of the other tools with every program. Each case types a partial command line, asks the shell for
# completions the way it does on <TAB>, and compares the candidates with what we expect:
#   bash: source the file(s), set COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT, call the completion
#         function, read COMPREPLY;
#   zsh:  run an interactive `zsh -f` in a pseudo-terminal (zsh/zpty) with compinit and our
#         directory first in $fpath, press TAB, and record every candidate through a wrapper
#         around the compadd builtin;
#   fish: source the file and run `complete -C LINE`.
# Missing shells are installed with tools/install-deps.sh (apt-get; `sudo -n` when not root).
# Exits 1 naming every failed case.
set -u

if [ $# -ne 1 ]; then
  echo "usage: sh tests/completions/run.sh BIN_DIR" >&2
  exit 64
fi
bin=$(cd "$1" 2>/dev/null && pwd) || { echo "run.sh: no such directory: $1" >&2; exit 66; }
tools="balance-checkin balance-ledger balance-boundaries balance-report balance-remind balance-talk balance-journal"
for program in balance $tools; do
  [ -x "$bin/$program" ] || { echo "run.sh: $bin/$program is not built" >&2; exit 66; }
done
root=$(cd "$(dirname "$0")" && cd "$(pwd -P)/../.." && pwd)
comp=$root/completions

missing=
for shell in bash zsh fish; do
  command -v "$shell" >/dev/null 2>&1 || missing="$missing $shell"
done
if [ -n "$missing" ]; then
  echo "run.sh: installing$missing" >&2
  # shellcheck disable=SC2086
  sh "$root/tools/install-deps.sh" $missing || { echo "run.sh: cannot install$missing" >&2; exit 1; }
fi
if ! zsh -f -c 'zmodload zsh/zpty' 2>/dev/null; then
  echo "run.sh: zsh lacks the zsh/zpty module" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/balance-completions.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# A clean environment: our own HOME and XDG dirs, none of the caller's balance settings.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export TZ=UTC BALANCE_NOW=2026-11-22T21:00:00+01:00 LC_ALL=C.UTF-8 TERM=dumb
unset BALANCE_DIR BALANCE_USER BALANCE_TZ EDITOR VISUAL NO_COLOR ZDOTDIR
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

# An extension command, to show that `balance commands` feeds the completion at TAB time.
mkdir "$tmp/ext"
printf '#!/bin/sh\necho "demo $*"\n' >"$tmp/ext/balance-demo"
chmod +x "$tmp/ext/balance-demo"

# The front door looks for balance-WORD beside its own (resolved) executable, so each set of
# programs gets a directory of its own: hard links where possible, copies otherwise.
# front/: balance alone; tools/: balance and balance-checkin; all/: every program.
mkdir "$tmp/front" "$tmp/tools" "$tmp/all"
for target in front/balance tools/balance tools/balance-checkin all/balance $(for p in $tools; do echo "all/$p"; done); do
  program=${target#*/}
  ln "$bin/$program" "$tmp/$target" 2>/dev/null || cp "$bin/$program" "$tmp/$target" || exit 1
  "$tmp/$target" --version >/dev/null 2>&1 || { echo "run.sh: $tmp/$target does not run" >&2; exit 1; }
done
original_path=$PATH
# use_programs front|tools|all: which programs `balance` and `balance-checkin` resolve to.
use_programs() {
  export PATH="$tmp/$1:$tmp/ext:$original_path"
  if [ "$(command -v balance)" != "$tmp/$1/balance" ]; then
    echo "run.sh: balance resolves to $(command -v balance), not $tmp/$1/balance" >&2
    exit 1
  fi
}
use_programs front

# Something to complete: a repository for alex and sam, a directory and a file beside it.
work="$tmp/work"
mkdir -p "$work/wonder" "$work/notes-dir"
: >"$work/notes.toml"
balance init "$work/repo" --person alex --person sam -q || { echo "run.sh: balance init failed" >&2; exit 1; }
cd "$work" || exit 1

failures=0
passes=0

# check NAME MODE EXPECTED... (the candidates are in $tmp/out, one per line)
# MODE is "only" (the candidates are exactly EXPECTED, in any order), "has" (each EXPECTED is
# among them) or "lacks" (none of EXPECTED is among them).
check() {
  name=$1 mode=$2
  shift 2
  got=$(cat "$tmp/out")
  got_sorted=$(printf '%s\n' "$got" | sed '/^$/d' | sort -u)
  ok=1
  case $mode in
    only)
      want=$(for w in "$@"; do printf '%s\n' "$w"; done | sort -u)
      [ "$got_sorted" = "$want" ] || ok=0
      ;;
    has)
      for w in "$@"; do
        printf '%s\n' "$got_sorted" | grep -Fqx -- "$w" || ok=0
      done
      ;;
    lacks)
      for w in "$@"; do
        printf '%s\n' "$got_sorted" | grep -Fqx -- "$w" && ok=0
      done
      ;;
  esac
  if [ $ok -eq 1 ]; then
    passes=$((passes + 1))
  else
    failures=$((failures + 1))
    echo "FAIL: $name: expected $mode: $*" >&2
    echo "      got: $(printf '%s' "$got_sorted" | tr '\n' ' ')" >&2
  fi
}

# ---- bash ------------------------------------------------------------------------------------
cat >"$tmp/bash-complete" <<'EOF'
# bash bash-complete FILE EXTRA WORD... : completes the last WORD (COMP_WORDS as bash splits them).
source "$1" || exit 3
eval "$2"
shift 2
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_balance balance "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
status=$?
printf '%s\n' "${COMPREPLY[@]}"
exit $status
EOF

# bash_complete [EXTRA-CODE] WORD... (the last word is the one being completed)
bash_complete() {
  extra=
  case $1 in --extra=*) extra=${1#--extra=}; shift ;; esac
  timeout 20 bash --norc --noprofile "$tmp/bash-complete" "$comp/bash/balance" "$extra" "$@" >"$tmp/out" 2>&1
}

bash_complete balance ch ; check "bash: balance ch" only check
bash_complete balance '' ; check "bash: balance <TAB> lists built-ins and balance-*" only init check help commands git merge-driver sync undo private cache demo
bash_complete balance de ; check "bash: balance de (from balance commands)" only demo
bash_complete balance -q c ; check "bash: balance -q c" only cache check commands
bash_complete balance -- ; check "bash: balance --" has --help --version --dir --as --color --quiet
bash_complete balance check -- ; check "bash: balance check --" has --quiet --dir --as --color --help
bash_complete balance undo -- ; check "bash: balance undo --" has --pushed --dry-run --quiet
bash_complete balance sync -- ; check "bash: balance sync -- offers no undo options" lacks --pushed --dry-run
bash_complete balance check -- ; check "bash: balance check -- offers no init options" lacks --person --me
bash_complete balance --color '' ; check "bash: balance --color" only auto always never
bash_complete balance --color = a ; check "bash: balance --color=a" only auto always
bash_complete balance check --color '' ; check "bash: balance check --color" only auto always never
bash_complete balance help '' ; check "bash: balance help" has init check help commands private demo
bash_complete balance help init '' ; check "bash: balance help takes one topic" only
bash_complete balance -C wo ; check "bash: balance -C wo" only wonder
bash_complete balance --dir n ; check "bash: balance --dir n (directories only)" only notes-dir
bash_complete balance check no ; check "bash: balance check no (paths)" only notes-dir notes.toml
bash_complete balance init -- ; check "bash: balance init --" has --person --me --dir --quiet
bash_complete balance pr ; check "bash: balance pr" only private
bash_complete balance private '' ; check "bash: balance private" only path migrate git sync
bash_complete balance private git '' ; check "bash: balance private git" only init remote status log diff show fetch pull push
bash_complete balance private git remote '' ; check "bash: balance private git remote (files, as git takes them)" has notes-dir
bash_complete balance private sync '' ; check "bash: balance private sync takes nothing more" only
bash_complete balance -C repo private m ; check "bash: balance -C repo private m" only migrate
bash_complete balance private path '' ; check "bash: balance private path takes nothing more" only
bash_complete balance private -- ; check "bash: balance private --" has --dir --as --quiet --help
bash_complete balance cache '' ; check "bash: balance cache" only info clear
bash_complete balance -q cache c ; check "bash: balance -q cache c" only clear
bash_complete balance cache clear -- ; check "bash: balance cache clear --" has --all --dir --no-cache
bash_complete balance cache info -- ; check "bash: balance cache info -- (no --all)" lacks --all
bash_complete balance check -- ; check "bash: balance check -- (the cache can be bypassed)" has --no-cache
bash_complete balance init --person al --person sam --me '' ; check "bash: balance init --me" only al sam
bash_complete balance -C repo --as '' ; check "bash: balance -C repo --as" only alex sam
(cd repo && bash_complete balance check --as s) ; check "bash: balance check --as s (inside the repo)" only sam
bash_complete balance demo -- ; check "bash: balance demo -- (no completion of its own)" has --quiet --dir
bash_complete --extra='_balance_demo() { COMPREPLY=($(compgen -W "--frobnicate" -- "$2")); }' \
  balance demo --f ; check "bash: balance demo --f (balance-demo's own completion)" only --frobnicate
bash_complete --extra='_balance_demo() { COMPREPLY=("${COMP_WORDS[@]:0:COMP_CWORD}"); }' \
  balance -C repo demo x '' ; check "bash: balance -C repo demo x (words as the front door runs them)" only balance-demo -C repo x

# ---- zsh -------------------------------------------------------------------------------------
mkdir "$tmp/zsh-functions"
cp "$comp/zsh/_balance" "$tmp/zsh-functions/"
cat >"$tmp/zsh-setup" <<EOF
PROMPT= RPROMPT= PS2=
unsetopt zle_bracketed_paste 2>/dev/null
fpath=("$tmp/zsh-functions" \$fpath)
autoload -U compinit && compinit -u -d "$tmp/zcompdump"
EOF
cat >>"$tmp/zsh-setup" <<'EOF'
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-grouped false
_capture_begin() { print -r -- '<<BEGIN>>'; }
_capture_end() { print -r -- '<<END>>'; }
compprefuncs=(_capture_begin)
comppostfuncs=(_capture_end)
# Every candidate offered passes through compadd: print the ones that match what is typed.
compadd() {
  if (( ${argv[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
  local -a __hits
  builtin compadd -O __hits "$@"
  (( $#__hits )) && print -rl -- "${__hits[@]}"
  builtin compadd "$@"
}
EOF
cat >"$tmp/zsh-complete" <<'EOF'
# zsh -f zsh-complete SETUP EXTRA LINE : types LINE and TAB in an interactive zsh, prints candidates.
zmodload zsh/zpty || exit 3
zpty z zsh -f -i || exit 3
zpty -w z "source ${(q)1}"
[[ -n $2 ]] && zpty -w z "$2"
zpty -w z "$3"$'\t'
zpty -r z out '*<<END>>*' || exit 4
zpty -d z
out=${out//$'\r'/}
out=${out#*<<BEGIN>>$'\n'}
print -rn -- "${out%%<<END>>*}"
EOF

# zsh_complete [--extra=CODE] LINE (with the setup in $zsh_setup)
zsh_setup=$tmp/zsh-setup
zsh_complete() {
  extra=
  case $1 in --extra=*) extra=${1#--extra=}; shift ;; esac
  timeout 20 zsh -f "$tmp/zsh-complete" "$zsh_setup" "$extra" "$1" >"$tmp/out" 2>&1 ||
    echo "(zsh exited with $?)" >>"$tmp/out"
}

zsh -f -c "autoload -U compinit; compinit -u -d '$tmp/zcompdump-load'; source '$comp/zsh/_balance'" >"$tmp/out" 2>&1
check "zsh: the file loads without errors" only
zsh_complete 'balance ch' ; check "zsh: balance ch" only check
zsh_complete 'balance ' ; check "zsh: balance <TAB> lists built-ins and balance-*" only init check help commands git merge-driver sync undo private cache demo
zsh_complete 'balance de' ; check "zsh: balance de (from balance commands)" only demo
zsh_complete 'balance -q c' ; check "zsh: balance -q c" only cache check commands
zsh_complete 'balance --' ; check "zsh: balance --" has --help --version --dir --as --color --quiet
zsh_complete 'balance check --' ; check "zsh: balance check --" has --quiet --dir --as --color --help
zsh_complete 'balance undo --' ; check "zsh: balance undo --" has --pushed --dry-run --quiet
zsh_complete 'balance check --' ; check "zsh: balance check -- offers no init options" lacks --person --me
zsh_complete 'balance --color ' ; check "zsh: balance --color" only auto always never
zsh_complete 'balance --color=a' ; check "zsh: balance --color=a" only auto always
zsh_complete 'balance check --color ' ; check "zsh: balance check --color" only auto always never
zsh_complete 'balance help ' ; check "zsh: balance help" has init check help commands private demo
zsh_complete 'balance -C wo' ; check "zsh: balance -C wo" only wonder
zsh_complete 'balance --dir n' ; check "zsh: balance --dir n (directories only)" only notes-dir
zsh_complete 'balance check no' ; check "zsh: balance check no (paths)" only notes-dir notes.toml
zsh_complete 'balance init --' ; check "zsh: balance init --" has --person --me --dir --quiet
zsh_complete 'balance pr' ; check "zsh: balance pr" only private
zsh_complete 'balance private ' ; check "zsh: balance private" only path migrate git sync
zsh_complete 'balance private git ' ; check "zsh: balance private git" only init remote status log diff show fetch pull push
zsh_complete 'balance -C repo private m' ; check "zsh: balance -C repo private m" only migrate
zsh_complete 'balance private path ' ; check "zsh: balance private path takes nothing more" lacks path migrate
zsh_complete 'balance private --' ; check "zsh: balance private --" has --dir --as --quiet --help
zsh_complete 'balance cache ' ; check "zsh: balance cache" only info clear
zsh_complete 'balance -q cache c' ; check "zsh: balance -q cache c" only clear
zsh_complete 'balance cache clear --' ; check "zsh: balance cache clear --" has --all --dir --no-cache
zsh_complete 'balance cache info --' ; check "zsh: balance cache info -- (no --all)" lacks --all
zsh_complete 'balance check --' ; check "zsh: balance check -- (the cache can be bypassed)" has --no-cache
zsh_complete 'balance init --person al --person sam --me ' ; check "zsh: balance init --me" only al sam
zsh_complete 'balance -C repo --as ' ; check "zsh: balance -C repo --as" only alex sam
zsh_complete 'balance -C repo check --as ' ; check "zsh: balance -C repo check --as" only alex sam
(cd repo && zsh_complete 'balance check --as s') ; check "zsh: balance check --as s (inside the repo)" only sam
zsh_complete 'balance demo --' ; check "zsh: balance demo -- (no completion of its own)" has --quiet --dir
zsh_complete --extra='_balance-demo() { _arguments "--frobnicate[frob]" }; compdef _balance-demo balance-demo' \
  'balance demo --f' ; check "zsh: balance demo --f (balance-demo's own completion)" only --frobnicate
zsh_complete --extra='_balance-demo() { compadd -- ${words[1,CURRENT-1]} }; compdef _balance-demo balance-demo' \
  'balance -C repo demo x ' ; check "zsh: balance -C repo demo x (words as the front door runs them)" only balance-demo -C repo x

# ---- fish ------------------------------------------------------------------------------------
# fish_complete [--extra=CODE] LINE (descriptions after the tab are dropped)
fish_complete() {
  extra=
  case $1 in --extra=*) extra=${1#--extra=}; shift ;; esac
  FILE="$comp/fish/balance.fish" EXTRA="$extra" LINE="$1" timeout 20 fish --no-config -c \
    'source $FILE; or exit 3; eval $EXTRA; complete -C $LINE' 2>&1 | cut -f1 >"$tmp/out"
}

fish --no-config -c "source '$comp/fish/balance.fish'" >"$tmp/out" 2>&1
check "fish: the file loads without errors" only
fish_complete 'balance ch' ; check "fish: balance ch" only check
fish_complete 'balance ' ; check "fish: balance <TAB> lists built-ins and balance-*" only init check help commands git merge-driver sync undo private cache demo
fish_complete 'balance de' ; check "fish: balance de (from balance commands)" only demo
fish_complete 'balance -q c' ; check "fish: balance -q c" only cache check commands
fish_complete 'balance --' ; check "fish: balance --" has --help --version --dir --as --color --quiet
fish_complete 'balance check --' ; check "fish: balance check --" has --quiet --dir --as --color --help
fish_complete 'balance undo --' ; check "fish: balance undo --" has --pushed --dry-run --quiet
fish_complete 'balance sync --' ; check "fish: balance sync -- offers no undo options" lacks --pushed --dry-run
fish_complete 'balance check --' ; check "fish: balance check -- offers no init options" lacks --person --me
fish_complete 'balance --color ' ; check "fish: balance --color" only auto always never
fish_complete 'balance --color=a' ; check "fish: balance --color=a" only --color=auto --color=always
fish_complete 'balance check --color ' ; check "fish: balance check --color" only auto always never
fish_complete 'balance help ' ; check "fish: balance help" has init check help commands private demo
fish_complete 'balance help init ' ; check "fish: balance help takes one topic" lacks init check help commands demo
fish_complete 'balance -C wo' ; check "fish: balance -C wo" only wonder/
fish_complete 'balance --dir n' ; check "fish: balance --dir n (directories only)" only notes-dir/
fish_complete 'balance check no' ; check "fish: balance check no (paths)" only notes-dir/ notes.toml
fish_complete 'balance init --' ; check "fish: balance init --" has --person --me --dir --quiet
fish_complete 'balance pr' ; check "fish: balance pr" only private
fish_complete 'balance private ' ; check "fish: balance private" only path migrate git sync
fish_complete 'balance private git ' ; check "fish: balance private git" only init remote status log diff show fetch pull push
fish_complete 'balance private git init ' ; check "fish: balance private git init (git words only first)" lacks remote status
fish_complete 'balance -C repo private m' ; check "fish: balance -C repo private m" only migrate
fish_complete 'balance private path ' ; check "fish: balance private path takes nothing more" lacks path migrate
fish_complete 'balance private --' ; check "fish: balance private --" has --dir --as --quiet --help
fish_complete 'balance cache ' ; check "fish: balance cache" only info clear
fish_complete 'balance -q cache c' ; check "fish: balance -q cache c" only clear
fish_complete 'balance cache clear --' ; check "fish: balance cache clear --" has --all --dir --no-cache
fish_complete 'balance cache info --' ; check "fish: balance cache info -- (no --all)" lacks --all
fish_complete 'balance check --' ; check "fish: balance check -- (the cache can be bypassed)" has --no-cache
fish_complete 'balance init --person al --person sam --me ' ; check "fish: balance init --me" only al sam
fish_complete 'balance -C repo --as ' ; check "fish: balance -C repo --as" only alex sam
(cd repo && fish_complete 'balance check --as s') ; check "fish: balance check --as s (inside the repo)" only sam
fish_complete 'balance demo --' ; check "fish: balance demo -- (no completion of its own)" has --quiet --dir
fish_complete --extra='complete -c balance-demo -l frobnicate' \
  'balance demo --f' ; check "fish: balance demo --f (balance-demo's own completion)" only --frobnicate
fish_complete --extra='complete -c balance-demo -n "__fish_seen_argument -s C" -l seen-dir' \
  'balance -C repo demo --s' ; check "fish: balance -C repo demo (options before WORD are passed on)" only --seen-dir

# ---- balance-checkin -----------------------------------------------------------------------
use_programs tools
checkin=$tmp/tools/balance-checkin
# one: a repository with a single check-in; dims: a repository that asks its own questions.
balance init "$work/one" --person alex --person sam -q || { echo "run.sh: balance init failed" >&2; exit 1; }
"$checkin" -C "$work/one" --as alex --heard 4 -q || { echo "run.sh: balance-checkin failed" >&2; exit 1; }
id=$("$checkin" -C "$work/one" --as alex list --format tsv | sed -n '2s/\t.*//p')
case $id in
  [0-9a-f][0-9a-f][0-9a-f][0-9a-f]*) ;;
  *) echo "run.sh: no check-in id in $work/one: '$id'" >&2; exit 1 ;;
esac
# alex's own private check-in in one: it opens only for this computer's own person (here
# BALANCE_USER=alex), so its id completes only for alex, and never through --as.
BALANCE_USER=alex "$checkin" -C "$work/one" --private --heard 3 -q || { echo "run.sh: a private check-in failed" >&2; exit 1; }
pid=$(BALANCE_USER=alex "$checkin" -C "$work/one" list --mine --format tsv | awk -F '\t' 'NR > 1 && $NF == "true" {print $1}')
case $pid in
  [0-9a-f][0-9a-f][0-9a-f][0-9a-f]*) ;;
  *) echo "run.sh: no private check-in id in $work/one: '$pid'" >&2; exit 1 ;;
esac
# as_alex COMMAND…: runs a completion as this computer's own person, alex.
as_alex() {
  (BALANCE_USER=alex; export BALANCE_USER; "$@")
}
balance init "$work/dims" --person alex --person sam -q || { echo "run.sh: balance init failed" >&2; exit 1; }
cat >>"$work/dims/balance.toml" <<'EOF'

[[checkin.dimension]]
key = "fun"
question = "Do we still play together?"

[[checkin.dimension]]
key = "heard"
question = "Do both of our voices get heard?"
EOF

# ---- balance-checkin: bash
cat >"$tmp/bash-complete-files" <<'EOF'
# bash bash-complete-files FILE[:FILE…] WORD… : sources the files, completes the last WORD with
# _balance (for `balance …`) or _balance_checkin.
IFS=: read -r -a files <<<"$1"
for file in "${files[@]}"; do source "$file" || exit 3; done
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
case ${COMP_WORDS[0]} in
  balance) function=_balance ;;
  *) function=_balance_checkin ;;
esac
"$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
status=$?
printf '%s\n' "${COMPREPLY[@]}"
exit $status
EOF

# bash_checkin WORD… : balance-checkin's file alone; bash_both WORD… : the front door's as well.
bash_checkin() {
  timeout 20 bash --norc --noprofile "$tmp/bash-complete-files" "$comp/bash/balance-checkin" "$@" >"$tmp/out" 2>&1
}
bash_both() {
  timeout 20 bash --norc --noprofile "$tmp/bash-complete-files" "$comp/bash/balance:$comp/bash/balance-checkin" "$@" >"$tmp/out" 2>&1
}

bash_checkin balance-checkin '' ; check "bash: balance-checkin <TAB> lists the commands" only add list show edit rm questions forget due
bash_checkin balance-checkin l ; check "bash: balance-checkin l" only list
bash_checkin balance-checkin add --he ; check "bash: balance-checkin add --he" has --heard
bash_checkin balance-checkin add --hea ; check "bash: balance-checkin add --hea" only --heard
bash_checkin balance-checkin --hea ; check "bash: balance-checkin --hea (bare means add)" only --heard
bash_checkin balance-checkin add -- ; check "bash: balance-checkin add --" has --heard --rate --mood --feeling --tag --at --safe --private --edit --from --dry-run --dir --as --quiet
bash_checkin balance-checkin add -- ; check "bash: balance-checkin add -- offers no list options" lacks --reverse --period --all
bash_checkin balance-checkin list -- ; check "bash: balance-checkin list --" has --period --since --until --who --tag --grep --limit --reverse --format
bash_checkin balance-checkin list -- ; check "bash: balance-checkin list -- offers no fields" lacks --heard --private
bash_checkin balance-checkin due -- ; check "bash: balance-checkin due --" has --who --all --dir
bash_checkin balance-checkin rm -- ; check "bash: balance-checkin rm --" has --dry-run --help
bash_checkin balance-checkin edit --s ; check "bash: balance-checkin edit --s" only --space --shared --safe
bash_checkin balance-checkin -C repo add --rate '' ; check "bash: balance-checkin --rate (the repo's questions)" only heard= space= honest= shared= kind=
bash_checkin balance-checkin -C dims add --rate '' ; check "bash: balance-checkin --rate (questions of its own)" only fun= heard=
(cd dims && bash_checkin balance-checkin --rate f) ; check "bash: balance-checkin --rate f (inside the repo)" only fun=
bash_checkin balance-checkin --rate heard = ; check "bash: balance-checkin --rate heard=" only 1 2 3 4 5
bash_checkin balance-checkin add --kind '' ; check "bash: balance-checkin add --kind" only 1 2 3 4 5
bash_checkin balance-checkin -C repo list --who '' ; check "bash: balance-checkin list --who" only alex sam
(cd repo && bash_checkin balance-checkin due --who s) ; check "bash: balance-checkin due --who s (inside the repo)" only sam
bash_checkin balance-checkin --dir repo --as '' ; check "bash: balance-checkin --as" only alex sam
bash_checkin balance-checkin list --format '' ; check "bash: balance-checkin list --format" only text json toml csv tsv
bash_checkin balance-checkin show --format '' ; check "bash: balance-checkin show --format" only text json toml
bash_checkin balance-checkin questions --format = j ; check "bash: balance-checkin questions --format=j" only json
bash_checkin balance-checkin list -p this- ; check "bash: balance-checkin list -p this-" only this-week this-month this-year
bash_checkin balance-checkin list --period '' ; check "bash: balance-checkin list --period" has today yesterday last-week last-month all 7d 28d
bash_checkin balance-checkin add --from no ; check "bash: balance-checkin add --from no (files)" only notes-dir notes.toml
bash_checkin balance-checkin -C one show '' ; check "bash: balance-checkin show (the ids)" only "$id"
bash_checkin balance-checkin edit -C one '' ; check "bash: balance-checkin edit -C one (options after the command)" only "$id"
bash_checkin balance-checkin -C one rm "$id" '' ; check "bash: balance-checkin rm takes one id" only
bash_checkin balance-checkin list -- ; check "bash: balance-checkin list -- (the views)" has --mine --shared
bash_checkin balance-checkin list --mine -- ; check "bash: balance-checkin list --mine -- (the views exclude each other)" lacks --mine --shared
bash_checkin balance-checkin list --shared '' ; check "bash: balance-checkin list --shared is the view, not a rating" lacks 1 2 3 4 5
bash_checkin balance-checkin add --shared '' ; check "bash: balance-checkin add --shared is a rating" only 1 2 3 4 5
bash_checkin balance-checkin forget -- ; check "bash: balance-checkin forget --" has --safety --all-private --dry-run --help
bash_checkin balance-checkin forget --safety -- ; check "bash: balance-checkin forget --safety -- (one of the two)" lacks --safety --all-private
bash_checkin balance-checkin forget --all-private --d ; check "bash: balance-checkin forget --all-private --d" only --dry-run --dir
as_alex bash_checkin balance-checkin -C one show '' ; check "bash: balance-checkin show (your own private ids too)" only "$id" "$pid"
as_alex bash_checkin balance-checkin -C one --as sam edit '' ; check "bash: balance-checkin --as sam edit (never alex's private ids)" only "$id"
bash_both balance checkin li ; check "bash: balance checkin li (through the front door)" only list
bash_both balance checkin add --he ; check "bash: balance checkin add --he (through the front door)" has --heard
bash_both balance -C one checkin show '' ; check "bash: balance -C one checkin show (options before the command word)" only "$id"

# ---- balance-checkin: zsh
mkdir "$tmp/zsh-tools"
cp "$comp/zsh/_balance" "$comp/zsh/_balance-checkin" "$tmp/zsh-tools/"
sed -e "s|$tmp/zsh-functions|$tmp/zsh-tools|" -e "s|$tmp/zcompdump|$tmp/zcompdump-tools|" "$tmp/zsh-setup" >"$tmp/zsh-setup-tools"
zsh_setup=$tmp/zsh-setup-tools

zsh -f -c "autoload -U compinit; compinit -u -d '$tmp/zcompdump-load-checkin'; source '$comp/zsh/_balance-checkin'" >"$tmp/out" 2>&1
check "zsh: _balance-checkin loads without errors" only
zsh_complete 'balance-checkin ' ; check "zsh: balance-checkin <TAB> lists the commands" only add list show edit rm questions forget due
zsh_complete 'balance-checkin l' ; check "zsh: balance-checkin l" only list
zsh_complete 'balance-checkin add --he' ; check "zsh: balance-checkin add --he" has --heard
zsh_complete 'balance-checkin add --hea' ; check "zsh: balance-checkin add --hea" only --heard
zsh_complete 'balance-checkin --hea' ; check "zsh: balance-checkin --hea (bare means add)" only --heard
zsh_complete 'balance-checkin add --' ; check "zsh: balance-checkin add --" has --heard --rate --mood --feeling --tag --at --safe --private --edit --from --dry-run --dir --as --quiet
zsh_complete 'balance-checkin add --' ; check "zsh: balance-checkin add -- offers no list options" lacks --reverse --period --all
zsh_complete 'balance-checkin list --' ; check "zsh: balance-checkin list --" has --period --since --until --who --tag --grep --limit --reverse --format
zsh_complete 'balance-checkin list --' ; check "zsh: balance-checkin list -- offers no fields" lacks --heard --private
zsh_complete 'balance-checkin due --' ; check "zsh: balance-checkin due --" has --who --all --dir
zsh_complete 'balance-checkin rm --' ; check "zsh: balance-checkin rm --" has --dry-run --help
zsh_complete 'balance-checkin edit --s' ; check "zsh: balance-checkin edit --s" only --space --shared --safe
zsh_complete 'balance-checkin -C repo add --rate ' ; check "zsh: balance-checkin --rate (the repo's questions)" only heard= space= honest= shared= kind=
zsh_complete 'balance-checkin -C dims add --rate ' ; check "zsh: balance-checkin --rate (questions of its own)" only fun= heard=
(cd dims && zsh_complete 'balance-checkin --rate f') ; check "zsh: balance-checkin --rate f (inside the repo)" only fun=
zsh_complete 'balance-checkin --rate heard=' ; check "zsh: balance-checkin --rate heard=" only 1 2 3 4 5
zsh_complete 'balance-checkin add --kind ' ; check "zsh: balance-checkin add --kind" only 1 2 3 4 5
zsh_complete 'balance-checkin -C repo list --who ' ; check "zsh: balance-checkin list --who" only alex sam
(cd repo && zsh_complete 'balance-checkin due --who s') ; check "zsh: balance-checkin due --who s (inside the repo)" only sam
zsh_complete 'balance-checkin --dir repo --as ' ; check "zsh: balance-checkin --as" only alex sam
zsh_complete 'balance-checkin list --format ' ; check "zsh: balance-checkin list --format" only text json toml csv tsv
zsh_complete 'balance-checkin show --format ' ; check "zsh: balance-checkin show --format" only text json toml
zsh_complete 'balance-checkin questions --format=j' ; check "zsh: balance-checkin questions --format=j" only json
zsh_complete 'balance-checkin list -p this-' ; check "zsh: balance-checkin list -p this-" only this-week this-month this-year
zsh_complete 'balance-checkin list --period ' ; check "zsh: balance-checkin list --period" has today yesterday last-week last-month all 7d 28d
zsh_complete 'balance-checkin add --from no' ; check "zsh: balance-checkin add --from no (files)" only notes-dir notes.toml
zsh_complete 'balance-checkin -C one show ' ; check "zsh: balance-checkin show (the ids)" only "$id"
zsh_complete 'balance-checkin edit -C one ' ; check "zsh: balance-checkin edit -C one (options after the command)" only "$id"
zsh_complete "balance-checkin -C one rm $id " ; check "zsh: balance-checkin rm takes one id" lacks "$id"
zsh_complete 'balance-checkin list --' ; check "zsh: balance-checkin list -- (the views)" has --mine --shared
zsh_complete 'balance-checkin list --mine --' ; check "zsh: balance-checkin list --mine -- (the views exclude each other)" lacks --mine --shared
zsh_complete 'balance-checkin list --shared ' ; check "zsh: balance-checkin list --shared is the view, not a rating" lacks 1 2 3 4 5
zsh_complete 'balance-checkin add --shared ' ; check "zsh: balance-checkin add --shared is a rating" only 1 2 3 4 5
zsh_complete 'balance-checkin forget --' ; check "zsh: balance-checkin forget --" has --safety --all-private --dry-run --help
zsh_complete 'balance-checkin forget --safety --' ; check "zsh: balance-checkin forget --safety -- (one of the two)" lacks --safety --all-private
zsh_complete 'balance-checkin forget --all-private --d' ; check "zsh: balance-checkin forget --all-private --d" only --dry-run --dir
as_alex zsh_complete 'balance-checkin -C one show ' ; check "zsh: balance-checkin show (your own private ids too)" only "$id" "$pid"
as_alex zsh_complete 'balance-checkin -C one --as sam edit ' ; check "zsh: balance-checkin --as sam edit (never alex's private ids)" only "$id"
zsh_complete 'balance checkin li' ; check "zsh: balance checkin li (through the front door)" only list
zsh_complete 'balance checkin add --he' ; check "zsh: balance checkin add --he (through the front door)" has --heard
zsh_complete 'balance -C one checkin show ' ; check "zsh: balance -C one checkin show (options before the command word)" only "$id"

# ---- balance-checkin: fish
# fish_autoload LINE: fish finds both files in $fish_complete_path, as when they are installed.
fish_autoload() {
  DIR="$comp/fish" LINE="$1" timeout 20 fish --no-config -c \
    'set -p fish_complete_path $DIR; complete -C $LINE' 2>&1 | cut -f1 >"$tmp/out"
}

fish --no-config -c "source '$comp/fish/balance-checkin.fish'" >"$tmp/out" 2>&1
check "fish: balance-checkin.fish loads without errors" only
fish_autoload 'balance-checkin ' ; check "fish: balance-checkin <TAB> lists the commands" only add list show edit rm questions forget due
fish_autoload 'balance-checkin l' ; check "fish: balance-checkin l" only list
fish_autoload 'balance-checkin add --he' ; check "fish: balance-checkin add --he" has --heard
fish_autoload 'balance-checkin add --hea' ; check "fish: balance-checkin add --hea" only --heard
fish_autoload 'balance-checkin --hea' ; check "fish: balance-checkin --hea (bare means add)" only --heard
fish_autoload 'balance-checkin add --' ; check "fish: balance-checkin add --" has --heard --rate --mood --feeling --tag --at --safe --private --edit --from --dry-run --dir --as --quiet
fish_autoload 'balance-checkin add --' ; check "fish: balance-checkin add -- offers no list options" lacks --reverse --period --all
fish_autoload 'balance-checkin list --' ; check "fish: balance-checkin list --" has --period --since --until --who --tag --grep --limit --reverse --format
fish_autoload 'balance-checkin list --' ; check "fish: balance-checkin list -- offers no fields" lacks --heard --private
fish_autoload 'balance-checkin due --' ; check "fish: balance-checkin due --" has --who --all --dir
fish_autoload 'balance-checkin rm --' ; check "fish: balance-checkin rm --" has --dry-run --help
fish_autoload 'balance-checkin edit --s' ; check "fish: balance-checkin edit --s" only --space --shared --safe
fish_autoload 'balance-checkin -C repo add --rate ' ; check "fish: balance-checkin --rate (the repo's questions)" only heard= space= honest= shared= kind=
fish_autoload 'balance-checkin -C dims add --rate ' ; check "fish: balance-checkin --rate (questions of its own)" only fun= heard=
(cd dims && fish_autoload 'balance-checkin --rate f') ; check "fish: balance-checkin --rate f (inside the repo)" only fun=
fish_autoload 'balance-checkin --rate heard=' ; check "fish: balance-checkin --rate heard=" only heard=1 heard=2 heard=3 heard=4 heard=5
fish_autoload 'balance-checkin add --kind ' ; check "fish: balance-checkin add --kind" only 1 2 3 4 5
fish_autoload 'balance-checkin -C repo list --who ' ; check "fish: balance-checkin list --who" only alex sam
(cd repo && fish_autoload 'balance-checkin due --who s') ; check "fish: balance-checkin due --who s (inside the repo)" only sam
fish_autoload 'balance-checkin --dir repo --as ' ; check "fish: balance-checkin --as" only alex sam
fish_autoload 'balance-checkin list --format ' ; check "fish: balance-checkin list --format" only text json toml csv tsv
fish_autoload 'balance-checkin show --format ' ; check "fish: balance-checkin show --format" only text json toml
fish_autoload 'balance-checkin questions --format=j' ; check "fish: balance-checkin questions --format=j" only --format=json
fish_autoload 'balance-checkin list -p this-' ; check "fish: balance-checkin list -p this-" only this-week this-month this-year
fish_autoload 'balance-checkin list --period ' ; check "fish: balance-checkin list --period" has today yesterday last-week last-month all 7d 28d
fish_autoload 'balance-checkin add --from no' ; check "fish: balance-checkin add --from no (files)" only notes-dir/ notes.toml
fish_autoload 'balance-checkin -C one show ' ; check "fish: balance-checkin show (the ids)" only "$id"
fish_autoload 'balance-checkin edit -C one ' ; check "fish: balance-checkin edit -C one (options after the command)" only "$id"
fish_autoload "balance-checkin -C one rm $id " ; check "fish: balance-checkin rm takes one id" lacks "$id"
fish_autoload 'balance-checkin list --' ; check "fish: balance-checkin list -- (the views)" has --mine --shared
fish_autoload 'balance-checkin list --mine --' ; check "fish: balance-checkin list --mine -- (the views exclude each other)" lacks --mine --shared
fish_autoload 'balance-checkin list --shared ' ; check "fish: balance-checkin list --shared is the view, not a rating" lacks 1 2 3 4 5
fish_autoload 'balance-checkin add --shared ' ; check "fish: balance-checkin add --shared is a rating" only 1 2 3 4 5
fish_autoload 'balance-checkin forget --' ; check "fish: balance-checkin forget --" has --safety --all-private --dry-run --help
fish_autoload 'balance-checkin forget --safety --' ; check "fish: balance-checkin forget --safety -- (one of the two)" lacks --safety --all-private
fish_autoload 'balance-checkin forget --all-private --d' ; check "fish: balance-checkin forget --all-private --d" only --dry-run --dir
as_alex fish_autoload 'balance-checkin -C one show ' ; check "fish: balance-checkin show (your own private ids too)" only "$id" "$pid"
as_alex fish_autoload 'balance-checkin -C one --as sam edit ' ; check "fish: balance-checkin --as sam edit (never alex's private ids)" only "$id"
fish_autoload 'balance checkin li' ; check "fish: balance checkin li (through the front door)" only list
fish_autoload 'balance checkin add --he' ; check "fish: balance checkin add --he (through the front door)" has --heard
fish_autoload 'balance -C one checkin show ' ; check "fish: balance -C one checkin show (options before the command word)" only "$id"

# ---- balance-ledger, balance-boundaries, balance-report, balance-remind ----------------------
use_programs all
# data: a repository with entries (two topics, a tag) and boundaries (one active, one retired).
data="$work/data"
balance init "$data" --person alex --person sam -q || { echo "run.sh: balance init failed" >&2; exit 1; }
(
  cd "$data" || exit 1
  balance-ledger --as alex -q add chore "dishes" &&
    balance-ledger --as alex -q add choice "Thai takeaway" --topic dinner --tag food &&
    balance-ledger --as sam -q add choice "Past Lives" --topic movie &&
    balance-boundaries --as alex -q add "I need a quiet hour after work" --tag evenings &&
    balance-boundaries --as sam -q add "I don't read work mail on Sundays" &&
    BALANCE_USER=alex balance-ledger -q add invisible "booked the dentist" --private &&
    BALANCE_USER=alex balance-boundaries -q add "I need a walk alone on Sundays" --private &&
    balance-talk --as alex -q agree "We put our phones away at dinner" &&
    balance-talk --as sam -q thank alex "the school form" &&
    balance-journal --as alex -q add "our trip to the sea" --shared --tag dream
) || { echo "run.sh: cannot fill $data" >&2; exit 1; }
private_entry=$(BALANCE_USER=alex balance-ledger -C "$data" list --period all --mine --format tsv | awk -F '\t' 'NR > 1 && $NF == "true" {print $1}')
private_boundary=$(BALANCE_USER=alex balance-boundaries -C "$data" list --mine --format tsv | awk -F '\t' 'NR > 1 && $NF == "true" {print $1}')
case "$private_entry$private_boundary" in
  [0-9a-f]*[0-9a-f]) ;;
  *) echo "run.sh: no private ids in $data: '$private_entry' '$private_boundary'" >&2; exit 1 ;;
esac
entries=$(balance-ledger -C "$data" --as alex list --period all --format tsv | sed -n '2,$s/\t.*//p' | sort)
[ "$(printf '%s\n' "$entries" | wc -l)" -eq 3 ] || { echo "run.sh: expected 3 entries in $data: $entries" >&2; exit 1; }
active=$(balance-boundaries -C "$data" --as alex list --format tsv | awk -F '\t' '$3 == "alex" {print $1}')
retired=$(balance-boundaries -C "$data" --as alex list --format tsv | awk -F '\t' '$3 == "sam" {print $1}')
case "$active$retired" in
  [0-9a-f]*[0-9a-f]) ;;
  *) echo "run.sh: no boundary ids in $data: '$active' '$retired'" >&2; exit 1 ;;
esac
balance-boundaries -C "$data" --as alex -q retire "$retired" || { echo "run.sh: cannot retire $retired" >&2; exit 1; }
# shellcheck disable=SC2086
set -- $entries
entry1=$1 entry2=$2 entry3=$3
agreement=$(balance-talk -C "$data" --as alex agreements --format tsv | sed -n '2s/\t.*//p')
thanks=$(balance-talk -C "$data" --as alex list --format tsv | sed -n '2s/\t.*//p')
case "$agreement$thanks" in
  [0-9a-f]*[0-9a-f]) ;;
  *) echo "run.sh: no talk ids in $data: '$agreement' '$thanks'" >&2; exit 1 ;;
esac
journal_page=$(balance-journal -C "$data" --as alex list --shared --format tsv | sed -n '2s/\t.*//p')
case "$journal_page" in
  [0-9a-f]*[0-9a-f]) ;;
  *) echo "run.sh: no journal page in $data: '$journal_page'" >&2; exit 1 ;;
esac
journal_commands="add list show edit rm on-this-day prompt prompts export import"
kinds="chore invisible choice solo together sacrifice"
sections="header working checkins give_and_take choices boundaries agreements signs safety"

# ---- the other tools: bash
cat >"$tmp/bash-complete-tool" <<'EOS'
# bash bash-complete-tool FILE[:FILE…] WORD… : sources the files, completes the last WORD with the
# function of the first word (_balance, _balance_ledger, …).
IFS=: read -r -a files <<<"$1"
for file in "${files[@]}"; do source "$file" || exit 3; done
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
function=_${COMP_WORDS[0]//-/_}
"$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
status=$?
printf '%s\n' "${COMPREPLY[@]}"
exit $status
EOS
# bash_tool TOOL WORD… : the tool's own file (and the front door's, for `balance …`).
bash_tool() {
  files="$comp/bash/$1"
  [ "$1" = balance ] && files="$comp/bash/balance:$comp/bash/balance-ledger:$comp/bash/balance-boundaries:$comp/bash/balance-report:$comp/bash/balance-remind:$comp/bash/balance-talk:$comp/bash/balance-journal"
  shift
  timeout 20 bash --norc --noprofile "$tmp/bash-complete-tool" "$files" "$@" >"$tmp/out" 2>&1
}

bash_tool balance-ledger balance-ledger '' ; check "bash: balance-ledger <TAB> lists the commands" only add list show edit rm balance turn export thank
bash_tool balance-ledger balance-ledger add ch ; check "bash: balance-ledger add ch" only chore choice
bash_tool balance-ledger balance-ledger add '' ; check "bash: balance-ledger add (the kinds)" only $kinds
bash_tool balance-ledger balance-ledger add chore '' ; check "bash: balance-ledger add KIND takes WHAT next" only
bash_tool balance-ledger balance-ledger add -- ; check "bash: balance-ledger add --" has --who --topic --weight --minutes --for --tag --note --at --private --from --dry-run --dir --as --quiet
bash_tool balance-ledger balance-ledger add -- ; check "bash: balance-ledger add -- offers no list options" lacks --reverse --period --by
bash_tool balance-ledger balance-ledger balance --by '' ; check "bash: balance-ledger balance --by" only kind topic tag
bash_tool balance-ledger balance-ledger balance --measure '' ; check "bash: balance-ledger balance --measure" only weight minutes count
bash_tool balance-ledger balance-ledger balance -- ; check "bash: balance-ledger balance --" has --period --by --measure --format --dir
bash_tool balance-ledger balance-ledger balance --format '' ; check "bash: balance-ledger balance --format" only text json
bash_tool balance-ledger balance-ledger export --format '' ; check "bash: balance-ledger export --format" only ledger
bash_tool balance-ledger balance-ledger list --kind '' ; check "bash: balance-ledger list --kind" only $kinds
bash_tool balance-ledger balance-ledger list -p this- ; check "bash: balance-ledger list -p this-" only this-week this-month this-year
bash_tool balance-ledger balance-ledger -C data turn '' ; check "bash: balance-ledger turn (topics already used)" only dinner movie
bash_tool balance-ledger balance-ledger -C data add choice x --topic d ; check "bash: balance-ledger add --topic d" only dinner
bash_tool balance-ledger balance-ledger -C data list --tag '' ; check "bash: balance-ledger list --tag (tags already used)" only food
(cd data && bash_tool balance-ledger balance-ledger list --who s) ; check "bash: balance-ledger list --who s (inside the repo)" only sam
bash_tool balance-ledger balance-ledger -C data add chore x --for '' ; check "bash: balance-ledger add --for" only alex sam
bash_tool balance-ledger balance-ledger -C data --as alex show '' ; check "bash: balance-ledger show (the ids)" only "$entry1" "$entry2" "$entry3"
bash_tool balance-ledger balance-ledger rm -C data --as alex "$entry1" '' ; check "bash: balance-ledger rm takes one id" only
bash_tool balance-ledger balance-ledger --m ; check "bash: balance-ledger --m (bare means list)" only --mine
bash_tool balance-ledger balance-ledger list -- ; check "bash: balance-ledger list -- (the views)" has --mine --shared
bash_tool balance-ledger balance-ledger balance -- ; check "bash: balance-ledger balance -- (the views)" has --mine --shared
bash_tool balance-ledger balance-ledger balance --mine -- ; check "bash: balance-ledger balance --mine -- (the views exclude each other)" lacks --mine --shared
bash_tool balance-ledger balance-ledger export -- ; check "bash: balance-ledger export -- (the views)" has --mine --shared --period
bash_tool balance-ledger balance-ledger turn -- ; check "bash: balance-ledger turn -- (no views)" lacks --mine --shared
as_alex bash_tool balance-ledger balance-ledger -C data show '' ; check "bash: balance-ledger show (your own private ids too)" only "$entry1" "$entry2" "$entry3" "$private_entry"
as_alex bash_tool balance-ledger balance-ledger -C data --as sam rm '' ; check "bash: balance-ledger --as sam rm (never alex's private ids)" only "$entry1" "$entry2" "$entry3"
bash_tool balance balance ledger tu ; check "bash: balance ledger tu (through the front door)" only turn
bash_tool balance balance -C data ledger turn '' ; check "bash: balance -C data ledger turn (options before the command word)" only dinner movie

bash_tool balance-boundaries balance-boundaries '' ; check "bash: balance-boundaries <TAB> lists the commands" only add list show edit retire rm respected crossed review gave-in space log due
bash_tool balance-boundaries balance-boundaries -C data --as alex crossed '' ; check "bash: balance-boundaries crossed (active ids)" only "$active"
bash_tool balance-boundaries balance-boundaries -C data --as alex show '' ; check "bash: balance-boundaries show (retired ids too)" only "$active" "$retired"
bash_tool balance-boundaries balance-boundaries -C data crossed --by '' ; check "bash: balance-boundaries crossed --by" only alex sam
bash_tool balance-boundaries balance-boundaries crossed -- ; check "bash: balance-boundaries crossed -- (--by, which it needs)" has --by --who --note --at --private
bash_tool balance-boundaries balance-boundaries list -- ; check "bash: balance-boundaries list -- (the views)" has --mine --shared
bash_tool balance-boundaries balance-boundaries log -- ; check "bash: balance-boundaries log -- (the views)" has --mine --shared
bash_tool balance-boundaries balance-boundaries log --shared -- ; check "bash: balance-boundaries log --shared -- (the views exclude each other)" lacks --mine --shared
bash_tool balance-boundaries balance-boundaries --m ; check "bash: balance-boundaries --m (bare means list)" only --mine
as_alex bash_tool balance-boundaries balance-boundaries -C data crossed '' ; check "bash: balance-boundaries crossed (your own private ids too)" only "$active" "$private_boundary"
as_alex bash_tool balance-boundaries balance-boundaries -C data --as sam crossed '' ; check "bash: balance-boundaries --as sam crossed (never alex's private ids)" only "$active"
bash_tool balance-boundaries balance-boundaries log --kind '' ; check "bash: balance-boundaries log --kind" only respected crossed reviewed gave-in space
bash_tool balance-boundaries balance-boundaries rm -- ; check "bash: balance-boundaries rm --" has --with-events --dry-run --help
bash_tool balance-boundaries balance-boundaries space -- ; check "bash: balance-boundaries space --" has --for --who --by --note --at --private
bash_tool balance-boundaries balance-boundaries review -- ; check "bash: balance-boundaries review -- (no --who)" lacks --who --by --for
bash_tool balance-boundaries balance-boundaries add --review '' ; check "bash: balance-boundaries add --review" has weekly monthly
bash_tool balance-boundaries balance-boundaries list -- ; check "bash: balance-boundaries list --" has --all --who --tag --grep --limit --reverse
bash_tool balance-boundaries balance-boundaries -C data --tag '' ; check "bash: balance-boundaries --tag (tags already used; bare means list)" only evenings
bash_tool balance balance boundaries cr ; check "bash: balance boundaries cr (through the front door)" only crossed

bash_tool balance-report balance-report --section '' ; check "bash: balance-report --section" only $sections
bash_tool balance-report balance-report --section signs,c ; check "bash: balance-report --section signs,c (a list)" only signs,checkins signs,choices
bash_tool balance-report balance-report --format '' ; check "bash: balance-report --format" only text markdown json html
bash_tool balance-report balance-report -- ; check "bash: balance-report --" has --period --since --until --section --mine --shared --from --format --dir --as --version --no-cache
bash_tool balance-report balance-report -C data --as '' ; check "bash: balance-report --as" only alex sam
bash_tool balance-report balance-report --m ; check "bash: balance-report --m" only --mine
bash_tool balance-report balance-report --mine -- ; check "bash: balance-report --mine -- (the views exclude each other)" lacks --mine --shared
bash_tool balance-report balance-report --section s ; check "bash: balance-report --section s" only signs safety
bash_tool balance balance report --sec ; check "bash: balance report --sec (through the front door)" only --section
bash_tool balance-report balance-report tr ; check "bash: balance-report tr (the command word)" only trend
bash_tool balance-report balance-report trend -- ; check "bash: balance-report trend --" has --every --what --period --since --until --mine --shared --format --dir
bash_tool balance-report balance-report trend -- ; check "bash: balance-report trend -- (not the report's own)" lacks --section --from
bash_tool balance-report balance-report trend --every '' ; check "bash: balance-report trend --every" only week month quarter
bash_tool balance-report balance-report trend --what '' ; check "bash: balance-report trend --what" only checkins load choices all
bash_tool balance-report balance-report trend --format '' ; check "bash: balance-report trend --format" only text markdown csv tsv json html
bash_tool balance-report balance-report -p 2026 trend --every week '' ; check "bash: balance-report trend --every week (no second command word)" lacks trend
bash_tool balance balance report trend --ev ; check "bash: balance report trend --ev (through the front door)" only --every

bash_tool balance-remind balance-remind -- ; check "bash: balance-remind --" has --who --all --format --dir --quiet --version --no-cache
bash_tool balance-remind balance-remind -C data --who '' ; check "bash: balance-remind --who" only alex sam
bash_tool balance-remind balance-remind --format '' ; check "bash: balance-remind --format" only text json

bash_tool balance-talk balance-talk '' ; check "bash: balance-talk <TAB> lists the commands" only meeting agree agreements plan review done drop thank repair log list show edit rm add
bash_tool balance-talk balance-talk -C data --as alex review '' ; check "bash: balance-talk review (open agreement ids)" only "$agreement"
bash_tool balance-talk balance-talk -C data --as alex show '' ; check "bash: balance-talk show (every talk id)" only "$agreement" "$thanks"
bash_tool balance-talk balance-talk -C data thank '' ; check "bash: balance-talk thank (the people)" only alex sam
bash_tool balance-talk balance-talk review -- ; check "bash: balance-talk review --" has --kept --partly --not-yet --note --at
bash_tool balance-talk balance-talk repair -- ; check "bash: balance-talk repair --" has --humour --note --at
bash_tool balance-talk balance-talk list '' ; check "bash: balance-talk list (what to list)" only appreciations repairs reviews agreements talks
bash_tool balance-talk balance-talk -- ; check "bash: balance-talk -- (the meeting's options)" has --with --turn --review
bash_tool balance-talk balance-talk -C data --with '' ; check "bash: balance-talk --with (the people)" only alex sam
bash_tool balance-talk balance-talk log -- ; check "bash: balance-talk log --" has --period
bash_tool balance-talk balance-talk plan --format '' ; check "bash: balance-talk plan --format" only text markdown json
bash_tool balance-talk balance-talk meeting -- ; check "bash: balance-talk meeting --" has --with --turn --review
bash_tool balance-talk balance-talk agree --review '' ; check "bash: balance-talk agree --review" has weekly biweekly monthly
bash_tool balance-talk balance-talk edit --status '' ; check "bash: balance-talk edit --status" only open done dropped
bash_tool balance-ledger balance-ledger -C data --as alex thank '' ; check "bash: balance-ledger thank (the ids)" only "$entry1" "$entry2" "$entry3"
bash_tool balance balance talk ag ; check "bash: balance talk ag (through the front door)" only agree agreements
bash_tool balance-journal balance-journal '' ; check "bash: balance-journal <TAB> lists the commands" only $journal_commands
bash_tool balance-journal balance-journal today I wrote a l ; check "bash: balance-journal words after the first are text" only
bash_tool balance-journal balance-journal -C data --as alex show '' ; check "bash: balance-journal show (page ids)" only "$journal_page"
bash_tool balance-journal balance-journal -C data --as alex --tag '' ; check "bash: balance-journal --tag (the tags)" only dream
bash_tool balance-journal balance-journal add -- ; check "bash: balance-journal add --" has --tag --at --mood --prompt --shared --from
bash_tool balance-journal balance-journal list --format '' ; check "bash: balance-journal list --format" only text json toml csv tsv markdown
bash_tool balance-journal balance-journal -C data edit --prompt heard- ; check "bash: balance-journal edit --prompt (the keys)" has heard-lately
bash_tool balance balance journal on- ; check "bash: balance journal on- (through the front door)" only on-this-day

bash_tool balance balance git '' ; check "bash: balance git" has setup status log
bash_tool balance balance git setup -- ; check "bash: balance git setup --" only --hooks
bash_tool balance balance init -- ; check "bash: balance init -- offers --git" has --git --person --me
bash_tool balance balance sync -- ; check "bash: balance sync --" has --dir --quiet

# ---- the other tools: zsh
mkdir "$tmp/zsh-all"
cp "$comp/zsh/"_balance* "$tmp/zsh-all/"
sed -e "s|$tmp/zsh-functions|$tmp/zsh-all|" -e "s|$tmp/zcompdump|$tmp/zcompdump-all|" "$tmp/zsh-setup" >"$tmp/zsh-setup-all"
zsh_setup=$tmp/zsh-setup-all

for file in _balance-ledger _balance-boundaries _balance-report _balance-remind _balance-talk _balance-journal; do
  zsh -f -c "autoload -U compinit; compinit -u -d '$tmp/zcompdump-load-$file'; source '$comp/zsh/$file'" >"$tmp/out" 2>&1
  check "zsh: $file loads without errors" only
done
zsh_complete 'balance-ledger ' ; check "zsh: balance-ledger <TAB> lists the commands" only add list show edit rm balance turn export thank
zsh_complete 'balance-ledger add ch' ; check "zsh: balance-ledger add ch" only chore choice
zsh_complete 'balance-ledger add ' ; check "zsh: balance-ledger add (the kinds)" only $kinds
zsh_complete 'balance-ledger add --' ; check "zsh: balance-ledger add --" has --who --topic --weight --minutes --for --tag --note --at --private --from --dry-run --dir --as --quiet
zsh_complete 'balance-ledger add --' ; check "zsh: balance-ledger add -- offers no list options" lacks --reverse --period --by
zsh_complete 'balance-ledger balance --by ' ; check "zsh: balance-ledger balance --by" only kind topic tag
zsh_complete 'balance-ledger balance --measure ' ; check "zsh: balance-ledger balance --measure" only weight minutes count
zsh_complete 'balance-ledger balance --' ; check "zsh: balance-ledger balance --" has --period --by --measure --format --dir
zsh_complete 'balance-ledger export --format ' ; check "zsh: balance-ledger export --format" only ledger
zsh_complete 'balance-ledger list --kind ' ; check "zsh: balance-ledger list --kind" only $kinds
zsh_complete 'balance-ledger -C data turn ' ; check "zsh: balance-ledger turn (topics already used)" only dinner movie
zsh_complete 'balance-ledger -C data add choice x --topic d' ; check "zsh: balance-ledger add --topic d" only dinner
zsh_complete 'balance-ledger -C data list --tag ' ; check "zsh: balance-ledger list --tag (tags already used)" only food
(cd data && zsh_complete 'balance-ledger list --who s') ; check "zsh: balance-ledger list --who s (inside the repo)" only sam
zsh_complete 'balance-ledger -C data --as alex show ' ; check "zsh: balance-ledger show (the ids)" only "$entry1" "$entry2" "$entry3"
zsh_complete "balance-ledger -C data --as alex rm $entry1 " ; check "zsh: balance-ledger rm takes one id" lacks "$entry1" "$entry2"
zsh_complete 'balance-ledger --m' ; check "zsh: balance-ledger --m (bare means list)" only --mine
zsh_complete 'balance-ledger list --' ; check "zsh: balance-ledger list -- (the views)" has --mine --shared
zsh_complete 'balance-ledger balance --' ; check "zsh: balance-ledger balance -- (the views)" has --mine --shared
zsh_complete 'balance-ledger balance --mine --' ; check "zsh: balance-ledger balance --mine -- (the views exclude each other)" lacks --mine --shared
zsh_complete 'balance-ledger export --' ; check "zsh: balance-ledger export -- (the views)" has --mine --shared --period
zsh_complete 'balance-ledger turn --' ; check "zsh: balance-ledger turn -- (no views)" lacks --mine --shared
as_alex zsh_complete 'balance-ledger -C data show ' ; check "zsh: balance-ledger show (your own private ids too)" only "$entry1" "$entry2" "$entry3" "$private_entry"
as_alex zsh_complete 'balance-ledger -C data --as sam rm ' ; check "zsh: balance-ledger --as sam rm (never alex's private ids)" only "$entry1" "$entry2" "$entry3"
zsh_complete 'balance ledger tu' ; check "zsh: balance ledger tu (through the front door)" only turn
zsh_complete 'balance -C data ledger turn ' ; check "zsh: balance -C data ledger turn (options before the command word)" only dinner movie

zsh_complete 'balance-boundaries ' ; check "zsh: balance-boundaries <TAB> lists the commands" only add list show edit retire rm respected crossed review gave-in space log due
zsh_complete 'balance-boundaries -C data --as alex crossed ' ; check "zsh: balance-boundaries crossed (active ids)" only "$active"
zsh_complete 'balance-boundaries -C data --as alex show ' ; check "zsh: balance-boundaries show (retired ids too)" only "$active" "$retired"
zsh_complete 'balance-boundaries -C data crossed --by ' ; check "zsh: balance-boundaries crossed --by" only alex sam
zsh_complete 'balance-boundaries crossed --' ; check "zsh: balance-boundaries crossed -- (--by, which it needs)" has --by --who --note --at --private
zsh_complete 'balance-boundaries list --' ; check "zsh: balance-boundaries list -- (the views)" has --mine --shared
zsh_complete 'balance-boundaries log --' ; check "zsh: balance-boundaries log -- (the views)" has --mine --shared
zsh_complete 'balance-boundaries log --shared --' ; check "zsh: balance-boundaries log --shared -- (the views exclude each other)" lacks --mine --shared
zsh_complete 'balance-boundaries --m' ; check "zsh: balance-boundaries --m (bare means list)" only --mine
as_alex zsh_complete 'balance-boundaries -C data crossed ' ; check "zsh: balance-boundaries crossed (your own private ids too)" only "$active" "$private_boundary"
as_alex zsh_complete 'balance-boundaries -C data --as sam crossed ' ; check "zsh: balance-boundaries --as sam crossed (never alex's private ids)" only "$active"
zsh_complete 'balance-boundaries log --kind ' ; check "zsh: balance-boundaries log --kind" only respected crossed reviewed gave-in space
zsh_complete 'balance-boundaries rm --' ; check "zsh: balance-boundaries rm --" has --with-events --dry-run --help
zsh_complete 'balance-boundaries space --' ; check "zsh: balance-boundaries space --" has --for --who --by --note --at --private
zsh_complete 'balance-boundaries review --' ; check "zsh: balance-boundaries review -- (no --who)" lacks --who --by --for
zsh_complete 'balance-boundaries list --' ; check "zsh: balance-boundaries list --" has --all --who --tag --grep --limit --reverse
zsh_complete 'balance-boundaries -C data --tag ' ; check "zsh: balance-boundaries --tag (tags already used; bare means list)" only evenings
zsh_complete 'balance boundaries cr' ; check "zsh: balance boundaries cr (through the front door)" only crossed

zsh_complete 'balance-report --section ' ; check "zsh: balance-report --section" only $sections
zsh_complete 'balance-report --section signs,c' ; check "zsh: balance-report --section signs,c (a list)" only checkins choices
zsh_complete 'balance-report --format ' ; check "zsh: balance-report --format" only text markdown json html
zsh_complete 'balance-report --' ; check "zsh: balance-report --" has --period --since --until --section --mine --shared --from --format --dir --as --version --no-cache
zsh_complete 'balance-report -C data --as ' ; check "zsh: balance-report --as" only alex sam
zsh_complete 'balance-report --m' ; check "zsh: balance-report --m" only --mine
zsh_complete 'balance-report --mine --' ; check "zsh: balance-report --mine -- (the views exclude each other)" lacks --mine --shared
zsh_complete 'balance-report --section s' ; check "zsh: balance-report --section s" only signs safety
zsh_complete 'balance report --sec' ; check "zsh: balance report --sec (through the front door)" only --section
zsh_complete 'balance-report tr' ; check "zsh: balance-report tr (the command word)" only trend
zsh_complete 'balance-report trend --' ; check "zsh: balance-report trend --" has --every --what --period --since --until --mine --shared --format --dir
zsh_complete 'balance-report trend --' ; check "zsh: balance-report trend -- (not the report's own)" lacks --section --from
zsh_complete 'balance-report trend --every ' ; check "zsh: balance-report trend --every" only week month quarter
zsh_complete 'balance-report trend --what ' ; check "zsh: balance-report trend --what" only checkins load choices all
zsh_complete 'balance-report trend --format ' ; check "zsh: balance-report trend --format" only text markdown csv tsv json html
zsh_complete 'balance report trend --ev' ; check "zsh: balance report trend --ev (through the front door)" only --every

zsh_complete 'balance-remind --' ; check "zsh: balance-remind --" has --who --all --format --dir --quiet --version --no-cache
zsh_complete 'balance-remind -C data --who ' ; check "zsh: balance-remind --who" only alex sam
zsh_complete 'balance-remind --format ' ; check "zsh: balance-remind --format" only text json

zsh_complete 'balance-talk ' ; check "zsh: balance-talk <TAB> lists the commands" only meeting agree agreements plan review done drop thank repair log list show edit rm add
zsh_complete 'balance-talk -C data --as alex review ' ; check "zsh: balance-talk review (open agreement ids)" only "$agreement"
zsh_complete 'balance-talk -C data --as alex show ' ; check "zsh: balance-talk show (every talk id)" only "$agreement" "$thanks"
zsh_complete 'balance-talk -C data thank ' ; check "zsh: balance-talk thank (the people)" only alex sam
zsh_complete 'balance-talk review --' ; check "zsh: balance-talk review --" has --kept --partly --not-yet --note --at
zsh_complete 'balance-talk list ' ; check "zsh: balance-talk list (what to list)" only appreciations repairs reviews agreements talks
zsh_complete 'balance-talk -C data --with=' ; check "zsh: balance-talk --with (the people)" only alex sam
zsh_complete 'balance-talk plan --format=' ; check "zsh: balance-talk plan --format" only text markdown json
zsh_complete 'balance-ledger -C data --as alex thank ' ; check "zsh: balance-ledger thank (the ids)" only "$entry1" "$entry2" "$entry3"
zsh_complete 'balance talk ag' ; check "zsh: balance talk ag (through the front door)" only agree agreements
zsh_complete 'balance-journal ' ; check "zsh: balance-journal <TAB> lists the commands" only $journal_commands
zsh_complete 'balance-journal -C data --as alex show ' ; check "zsh: balance-journal show (page ids)" only "$journal_page"
zsh_complete 'balance-journal import --' ; check "zsh: balance-journal import --" has --jrnl --jrnl-timeformat --dry-run
zsh_complete 'balance-journal list --format=' ; check "zsh: balance-journal list --format" only text json toml csv tsv markdown
zsh_complete 'balance journal on-' ; check "zsh: balance journal on- (through the front door)" only on-this-day

zsh_complete 'balance git ' ; check "zsh: balance git" has setup status log
zsh_complete 'balance git setup --' ; check "zsh: balance git setup --" only --hooks
zsh_complete 'balance init --' ; check "zsh: balance init -- offers --git" has --git --person --me
zsh_complete 'balance sync --' ; check "zsh: balance sync --" has --dir --quiet

# ---- the other tools: fish
for file in balance-ledger balance-boundaries balance-report balance-remind balance-talk balance-journal; do
  fish --no-config -c "source '$comp/fish/$file.fish'" >"$tmp/out" 2>&1
  check "fish: $file.fish loads without errors" only
done
fish_autoload 'balance-ledger ' ; check "fish: balance-ledger <TAB> lists the commands" only add list show edit rm balance turn export thank
fish_autoload 'balance-ledger add ch' ; check "fish: balance-ledger add ch" only chore choice
fish_autoload 'balance-ledger add ' ; check "fish: balance-ledger add (the kinds)" only $kinds
fish_autoload 'balance-ledger add --' ; check "fish: balance-ledger add --" has --who --topic --weight --minutes --for --tag --note --at --private --from --dry-run --dir --as --quiet
fish_autoload 'balance-ledger add --' ; check "fish: balance-ledger add -- offers no list options" lacks --reverse --period --by
fish_autoload 'balance-ledger balance --by ' ; check "fish: balance-ledger balance --by" only kind topic tag
fish_autoload 'balance-ledger balance --measure ' ; check "fish: balance-ledger balance --measure" only weight minutes count
fish_autoload 'balance-ledger balance --' ; check "fish: balance-ledger balance --" has --period --by --measure --format --dir
fish_autoload 'balance-ledger export --format ' ; check "fish: balance-ledger export --format" only ledger
fish_autoload 'balance-ledger list --kind ' ; check "fish: balance-ledger list --kind" only $kinds
fish_autoload 'balance-ledger -C data turn ' ; check "fish: balance-ledger turn (topics already used)" only dinner movie
fish_autoload 'balance-ledger -C data add choice x --topic d' ; check "fish: balance-ledger add --topic d" only dinner
fish_autoload 'balance-ledger -C data list --tag ' ; check "fish: balance-ledger list --tag (tags already used)" only food
(cd data && fish_autoload 'balance-ledger list --who s') ; check "fish: balance-ledger list --who s (inside the repo)" only sam
fish_autoload 'balance-ledger -C data --as alex show ' ; check "fish: balance-ledger show (the ids)" only "$entry1" "$entry2" "$entry3"
fish_autoload "balance-ledger -C data --as alex rm $entry1 " ; check "fish: balance-ledger rm takes one id" lacks "$entry1" "$entry2"
fish_autoload 'balance-ledger --m' ; check "fish: balance-ledger --m (bare means list)" only --mine
fish_autoload 'balance-ledger list --' ; check "fish: balance-ledger list -- (the views)" has --mine --shared
fish_autoload 'balance-ledger balance --' ; check "fish: balance-ledger balance -- (the views)" has --mine --shared
fish_autoload 'balance-ledger balance --mine --' ; check "fish: balance-ledger balance --mine -- (the views exclude each other)" lacks --mine --shared
fish_autoload 'balance-ledger export --' ; check "fish: balance-ledger export -- (the views)" has --mine --shared --period
fish_autoload 'balance-ledger turn --' ; check "fish: balance-ledger turn -- (no views)" lacks --mine --shared
as_alex fish_autoload 'balance-ledger -C data show ' ; check "fish: balance-ledger show (your own private ids too)" only "$entry1" "$entry2" "$entry3" "$private_entry"
as_alex fish_autoload 'balance-ledger -C data --as sam rm ' ; check "fish: balance-ledger --as sam rm (never alex's private ids)" only "$entry1" "$entry2" "$entry3"
fish_autoload 'balance ledger tu' ; check "fish: balance ledger tu (through the front door)" only turn
fish_autoload 'balance -C data ledger turn ' ; check "fish: balance -C data ledger turn (options before the command word)" only dinner movie

fish_autoload 'balance-boundaries ' ; check "fish: balance-boundaries <TAB> lists the commands" only add list show edit retire rm respected crossed review gave-in space log due
fish_autoload 'balance-boundaries -C data --as alex crossed ' ; check "fish: balance-boundaries crossed (active ids)" only "$active"
fish_autoload 'balance-boundaries -C data --as alex show ' ; check "fish: balance-boundaries show (retired ids too)" only "$active" "$retired"
DIR="$comp/fish" LINE='balance-boundaries -C data --as alex crossed ' timeout 20 fish --no-config -c \
  'set -p fish_complete_path $DIR; complete -C $LINE' >"$tmp/out" 2>&1
check "fish: balance-boundaries crossed describes each id by its owner and words" only "$(printf '%s\talex: I need a quiet hour after work' "$active")"
fish_autoload 'balance-boundaries -C data crossed --by ' ; check "fish: balance-boundaries crossed --by" only alex sam
fish_autoload 'balance-boundaries crossed --' ; check "fish: balance-boundaries crossed -- (--by, which it needs)" has --by --who --note --at --private
fish_autoload 'balance-boundaries list --' ; check "fish: balance-boundaries list -- (the views)" has --mine --shared
fish_autoload 'balance-boundaries log --' ; check "fish: balance-boundaries log -- (the views)" has --mine --shared
fish_autoload 'balance-boundaries log --shared --' ; check "fish: balance-boundaries log --shared -- (the views exclude each other)" lacks --mine --shared
fish_autoload 'balance-boundaries --m' ; check "fish: balance-boundaries --m (bare means list)" only --mine
as_alex fish_autoload 'balance-boundaries -C data crossed ' ; check "fish: balance-boundaries crossed (your own private ids too)" only "$active" "$private_boundary"
as_alex fish_autoload 'balance-boundaries -C data --as sam crossed ' ; check "fish: balance-boundaries --as sam crossed (never alex's private ids)" only "$active"
fish_autoload 'balance-boundaries log --kind ' ; check "fish: balance-boundaries log --kind" only respected crossed reviewed gave-in space
fish_autoload 'balance-boundaries rm --' ; check "fish: balance-boundaries rm --" has --with-events --dry-run --help
fish_autoload 'balance-boundaries space --' ; check "fish: balance-boundaries space --" has --for --who --by --note --at --private
fish_autoload 'balance-boundaries review --' ; check "fish: balance-boundaries review -- (no --who)" lacks --who --by --for
fish_autoload 'balance-boundaries list --' ; check "fish: balance-boundaries list --" has --all --who --tag --grep --limit --reverse
fish_autoload 'balance-boundaries -C data --tag ' ; check "fish: balance-boundaries --tag (tags already used; bare means list)" only evenings
fish_autoload 'balance boundaries cr' ; check "fish: balance boundaries cr (through the front door)" only crossed

fish_autoload 'balance-report --section ' ; check "fish: balance-report --section" only $sections
fish_autoload 'balance-report --section signs,c' ; check "fish: balance-report --section signs,c (a list)" only signs,checkins signs,choices
fish_autoload 'balance-report --format ' ; check "fish: balance-report --format" only text markdown json html
fish_autoload 'balance-report --' ; check "fish: balance-report --" has --period --since --until --section --mine --shared --from --format --dir --as --version --no-cache
fish_autoload 'balance-report -C data --as ' ; check "fish: balance-report --as" only alex sam
fish_autoload 'balance-report --m' ; check "fish: balance-report --m" only --mine
fish_autoload 'balance-report --mine --' ; check "fish: balance-report --mine -- (the views exclude each other)" lacks --mine --shared
fish_autoload 'balance-report --section s' ; check "fish: balance-report --section s" only signs safety
fish_autoload 'balance report --sec' ; check "fish: balance report --sec (through the front door)" only --section
fish_autoload 'balance-report tr' ; check "fish: balance-report tr (the command word)" only trend
fish_autoload 'balance-report trend --' ; check "fish: balance-report trend --" has --every --what --period --since --until --mine --shared --format --dir
fish_autoload 'balance-report trend --' ; check "fish: balance-report trend -- (not the report's own)" lacks --section --from
fish_autoload 'balance-report trend --every ' ; check "fish: balance-report trend --every" only week month quarter
fish_autoload 'balance-report trend --what ' ; check "fish: balance-report trend --what" only checkins load choices all
fish_autoload 'balance-report trend --format ' ; check "fish: balance-report trend --format" only text markdown csv tsv json html
fish_autoload 'balance-report -p 2026 trend --every week ' ; check "fish: balance-report trend --every week (no second command word)" lacks trend
fish_autoload 'balance report trend --ev' ; check "fish: balance report trend --ev (through the front door)" only --every

fish_autoload 'balance-remind --' ; check "fish: balance-remind --" has --who --all --format --dir --quiet --version --no-cache
fish_autoload 'balance-remind -C data --who ' ; check "fish: balance-remind --who" only alex sam
fish_autoload 'balance-remind --format ' ; check "fish: balance-remind --format" only text json

fish_autoload 'balance-talk ' ; check "fish: balance-talk <TAB> lists the commands" only meeting agree agreements plan review done drop thank repair log list show edit rm add
fish_autoload 'balance-talk -C data --as alex review ' ; check "fish: balance-talk review (open agreement ids)" only "$agreement"
fish_autoload 'balance-talk -C data --as alex show ' ; check "fish: balance-talk show (every talk id)" only "$agreement" "$thanks"
fish_autoload 'balance-talk -C data thank ' ; check "fish: balance-talk thank (the people)" only alex sam
fish_autoload 'balance-talk review --' ; check "fish: balance-talk review --" has --kept --partly --not-yet --note --at
fish_autoload 'balance-talk list ' ; check "fish: balance-talk list (what to list)" only appreciations repairs reviews agreements talks
fish_autoload 'balance-talk -C data --with ' ; check "fish: balance-talk --with (the people)" only alex sam
fish_autoload 'balance-talk plan --format ' ; check "fish: balance-talk plan --format" only text markdown json
fish_autoload 'balance-talk meeting --t' ; check "fish: balance-talk meeting --t" only --turn
fish_autoload 'balance-ledger -C data --as alex thank ' ; check "fish: balance-ledger thank (the ids)" only "$entry1" "$entry2" "$entry3"
fish_autoload 'balance talk ag' ; check "fish: balance talk ag (through the front door)" only agree agreements
fish_autoload 'balance-journal ' ; check "fish: balance-journal <TAB> lists the commands" only $journal_commands
fish_autoload 'balance-journal -C data --as alex show ' ; check "fish: balance-journal show (page ids)" only "$journal_page"
fish_autoload 'balance-journal import --' ; check "fish: balance-journal import --" has --jrnl --jrnl-timeformat --dry-run
fish_autoload 'balance-journal list --format ' ; check "fish: balance-journal list --format" only text json toml csv tsv markdown
fish_autoload 'balance journal on-' ; check "fish: balance journal on- (through the front door)" only on-this-day

fish_autoload 'balance git ' ; check "fish: balance git" has setup status log
fish_autoload 'balance git setup --' ; check "fish: balance git setup --" only --hooks
fish_autoload 'balance init --' ; check "fish: balance init -- offers --git" has --git --person --me
fish_autoload 'balance sync --' ; check "fish: balance sync --" has --dir --quiet

echo "completions: $passes passed, $failures failed"
[ $failures -eq 0 ]
