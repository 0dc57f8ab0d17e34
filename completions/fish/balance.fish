# fish completion for balance(1), the front door of the balance toolkit.
#
# Installed as share/fish/vendor_completions.d/balance.fish; fish loads it the first time you
# complete `balance`.
#
# Extending it for a new tool balance-WORD: ship completions/fish/balance-WORD.fish with
# `complete -c balance-WORD …`. `balance WORD …` then uses it too: this file hands the line to
# fish as the front door runs it (`balance-WORD [options given before WORD] [words after WORD]`).
# Until a tool has completions of its own, its words get the common options and file names.

# Built in to the front door; `balance commands` adds every balance-* it can find.
set -g __balance_builtins init check help commands git sync undo private cache merge-driver

# The program being completed: `balance`, or a path such as ./build/bin/balance.
function __balance_program
    set -l tokens (commandline -opc)
    set -l self $tokens[1]
    if string match -q -- '~/*' $self
        set self $HOME/(string sub -s 3 -- $self)
    end
    if test -z "$self"; or string match -q -- 'balance-*' (basename -- $self)
        set self balance
    end
    echo $self
end

# Every command, with a description: the built-ins and each balance-* beside the binary or on PATH.
function __balance_command_list
    set -l program (__balance_program)
    set -l names ($program commands 2>/dev/null)
    test (count $names) -gt 0; or set names $__balance_builtins
    for name in $names
        switch $name
            case init
                printf '%s\t%s\n' init 'Create a balance repository'
            case check
                printf '%s\t%s\n' check 'Validate every file'
            case help
                printf '%s\t%s\n' help 'Show the manual of balance or of a command'
            case commands
                printf '%s\t%s\n' commands 'List every command'
            case git
                printf '%s\t%s\n' git 'Run git in the repository; git setup configures the merge driver'
            case sync
                printf '%s\t%s\n' sync 'Pull (merging records by id), then push'
            case undo
                printf '%s\t%s\n' undo 'Take back your latest commits balance made, not yet pushed'
            case private
                printf '%s\t%s\n' private 'Where this computer keeps your private records; move old ones'
            case cache
                printf '%s\t%s\n' cache 'The record cache that makes reading fast: info, clear'
            case merge-driver
                printf '%s\t%s\n' merge-driver 'The three-way record merge git runs'
            case checkin
                printf '%s\t%s\n' checkin 'A regular "how are we doing?"'
            case ledger
                printf '%s\t%s\n' ledger 'The give and take: chores, invisible work, choices'
            case boundaries
                printf '%s\t%s\n' boundaries 'Boundaries, respected or crossed, reviews, space'
            case report
                printf '%s\t%s\n' report 'What works, where the seesaw tips, what to try'
            case remind
                printf '%s\t%s\n' remind 'Everything that is due now'
            case talk
                printf '%s\t%s\n' talk 'The weekly talk: a guided meeting, agreements, appreciations, repairs'
            case journal
                printf '%s\t%s\n' journal 'A journal, private by default, with a prompt a day'
            case '*'
                printf '%s\t%s\n' $name "Run balance-$name"
        end
    end
end

# Prints the command word and its index among the tokens before the cursor; fails when there is
# none yet. Options that take a value are skipped with their value.
function __balance_word
    set -l tokens (commandline -opc)
    set -l i 2
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        if contains -- $token -C --dir --as --color --format
            set i (math $i + 2)
        else if string match -q -r -- '^-.' $token
            set i (math $i + 1)
        else
            echo $token
            echo $i
            return 0
        end
    end
    return 1
end

function __balance_needs_command
    not __balance_word >/dev/null
end

# True when the command word is one of the arguments.
function __balance_using
    set -l found (__balance_word); or return 1
    contains -- $found[1] $argv
end

# True when the command word runs a balance-WORD program rather than a built-in.
function __balance_external
    set -l found (__balance_word); or return 1
    not contains -- $found[1] $__balance_builtins
end

# True when balance-WORD has completions of its own, which then take over.
function __balance_delegated
    set -l found (__balance_word); or return 1
    contains -- $found[1] $__balance_builtins; and return 1
    test -n "$(complete -c balance-$found[1])"; and return 0
    for dir in $fish_complete_path
        test -f $dir/balance-$found[1].fish; and return 0
    end
    return 1
end

# Completes the line as the front door runs it: balance-WORD, the options before WORD, the rest.
function __balance_complete_external
    set -l found (__balance_word); or return
    set -l tokens (commandline -opc)
    set -l line balance-$found[1]
    if test $found[2] -gt 2
        set -a line $tokens[2..(math $found[2] - 1)]
    end
    if test $found[2] -lt (count $tokens)
        set -a line $tokens[(math $found[2] + 1)..-1]
    end
    complete -C (string join ' ' -- (string escape -- $line) (commandline -ct))
end

# True when `help` already has its topic.
function __balance_help_has_topic
    set -l found (__balance_word); or return 1
    set -l tokens (commandline -opc)
    set -l i (math $found[2] + 1)
    while test $i -le (count $tokens)
        if contains -- $tokens[$i] -C --dir --as --color --format
            set i (math $i + 2)
            continue
        end
        string match -q -r -- '^-.' $tokens[$i]; or return 0
        set i (math $i + 1)
    end
    return 1
end

# The words that follow `balance git`: its own setup, then git commands often used with balance.
function __balance_git_words
    printf '%s\t%s\n' setup 'Set up the merge driver, .gitattributes and .gitignore' \
        status 'Show the working tree status' log 'Show the commits' diff 'Show changes' \
        show 'Show a commit' pull 'Fetch and merge' push 'Update the remote' \
        fetch 'Download from the remote' remote 'Manage remotes' add 'Stage files' \
        commit 'Record staged changes'
end

# The word after the command word (after `git` or `private`), if any; options before it are
# skipped.
function __balance_second_word
    set -l found (__balance_word); or return 1
    set -l tokens (commandline -opc)
    set -l i (math $found[2] + 1)
    while test $i -le (count $tokens)
        if not string match -q -r -- '^-.' $tokens[$i]
            echo $tokens[$i]
            return 0
        end
        set i (math $i + 1)
    end
    return 1
end

function __balance_needs_second_word
    not __balance_second_word >/dev/null
end

function __balance_git_setup
    test "$(__balance_second_word)" = setup
end

# What `balance private` does: print where this computer keeps your private records, move an
# old private/ folder out of the repository, run git there, or sync it with a remote of your own.
function __balance_private_words
    printf '%s\t%s\n' path 'Print where this computer keeps the private records of this repository' \
        migrate 'Move an old private/ folder out of the repository into the private store' \
        git 'Run git in the private store (init, remote add): your own private sync' \
        sync 'Commit, pull and push the private store with a remote of your own'
end

# `balance private git WORD`: the git commands that set up and look at a private sync.
function __balance_private_git_first
    test "$(__balance_second_word)" = git; or return 1
    set -l tokens (commandline -opc)
    test (count (string match -v -r -- '^-.' $tokens)) -le 3
end

# What `balance cache` does: say where the record cache is and how it was used, or clear it.
function __balance_cache_words
    printf '%s\t%s\n' info "Where the record cache is, its size, entries and the last command's hits" \
        clear "Remove the cached records of this repository"
end

# True on `balance git setup …`, which takes only --hooks.
function __balance_using_git_setup
    __balance_using git; and __balance_git_setup
end

# The repository the command line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_repo
    set -l tokens (commandline -opc)
    set -l dir
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case -C --dir
                set dir $tokens[(math $i + 1)]
            case '--dir=*'
                set dir (string replace -- '--dir=' '' $tokens[$i])
        end
    end
    test -z "$dir"; and set dir $BALANCE_DIR
    if test -z "$dir"
        set -l here $PWD
        while true
            if test -f $here/balance.toml
                set dir $here
                break
            end
            test -z "$here" -o "$here" = /; and break
            set here (string replace -r -- '/[^/]*$' '' $here)
        end
    end
    if test -z "$dir"
        set -l config $HOME/.config/balance/config.toml
        set -q XDG_CONFIG_HOME; and test -n "$XDG_CONFIG_HOME"; and set config $XDG_CONFIG_HOME/balance/config.toml
        if test -r $config
            while read -l line
                string match -q -r -- '^\s*\[' $line; and break
                set -l value (string match -r -- '^\s*dir\s*=\s*"([^"]*)"' $line)
                and set dir $value[2]
            end <$config
        end
    end
    string replace -r -- '^~(?=/|$)' $HOME $dir
end

# The people named in the repository's balance.toml.
function __balance_people
    set -l dir (__balance_repo)
    test -n "$dir" -a -r "$dir/balance.toml"; or return
    set -l in_person 0
    while read -l line
        if string match -q -r -- '^\s*\[\[\s*person\s*\]\]' $line
            set in_person 1
        else if string match -q -r -- '^\s*\[' $line
            set in_person 0
        else if test $in_person = 1
            set -l name (string match -r -- '^\s*name\s*=\s*"([a-z0-9_-]+)"' $line)
            and echo $name[2]
        end
    end <$dir/balance.toml
end

# The --person names given so far on an init line.
function __balance_init_people
    set -l tokens (commandline -opc)
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case --person
                echo $tokens[(math $i + 1)]
            case '--person=*'
                string replace -- '--person=' '' $tokens[$i]
        end
    end
end

complete -c balance -e
complete -c balance -f

# Options every balance tool accepts, before or after the command word (a tool with its own
# completions lists them itself).
set -l common 'not __balance_delegated; and not __balance_using_git_setup'
complete -c balance -n $common -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance -n $common -l as -x -a '(__balance_people)' -d 'Act as person NAME'
complete -c balance -n $common -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance -n $common -s q -l quiet -d 'No confirmations or hints on stderr'
complete -c balance -n $common -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance -n $common -s h -l help -d 'Print help and exit'
complete -c balance -n __balance_needs_command -l version -d 'Print the version and exit'

# The command word.
complete -c balance -n __balance_needs_command -x -a '(__balance_command_list)'

# init [DIR] --person NAME… [--me NAME]
complete -c balance -n '__balance_using init' -l person -x -d 'A person in the relationship (repeat for each)'
complete -c balance -n '__balance_using init' -l me -x -a '(__balance_init_people)' -d 'Who you are, recorded in your user config'
complete -c balance -n '__balance_using init' -l git -d 'Also git init, set up the merge driver and turn autocommit on'
complete -c balance -n '__balance_using init' -x -a '(__fish_complete_directories (commandline -ct))'

# git setup [--hooks], or git ARGS… (files after a git command).
complete -c balance -n '__balance_using git; and __balance_needs_second_word' -x -a '(__balance_git_words)'
complete -c balance -n '__balance_using git; and __balance_git_setup' -l hooks -d 'Also install a pre-commit hook that runs balance check'
complete -c balance -n '__balance_using git; and not __balance_needs_second_word; and not __balance_git_setup' -F

# private path|migrate|sync, or private git ARGS… (git commands first, then files).
complete -c balance -n '__balance_using private; and __balance_needs_second_word' -x -a '(__balance_private_words)'
complete -c balance -n '__balance_using private; and __balance_private_git_first' -x -a 'init remote status log diff show fetch pull push'

# cache info|clear [--all].
complete -c balance -n '__balance_using cache; and __balance_needs_second_word' -x -a '(__balance_cache_words)'
complete -c balance -n '__balance_using cache; and test "$(__balance_second_word)" = clear' -l all -d 'Remove the cached records of every repository'

# undo [N] [--pushed] [--dry-run]
complete -c balance -n '__balance_using undo' -l pushed -d "Also pushed commits and a partner's: revert them with a new commit"
complete -c balance -n '__balance_using undo' -l dry-run -d 'Say what would be undone, change nothing'

# merge-driver BASE OURS THEIRS PATH.
complete -c balance -n '__balance_using merge-driver' -F

# check [PATH…]
complete -c balance -n '__balance_using check' -F

# help [COMMAND]
complete -c balance -n '__balance_using help; and not __balance_help_has_topic' -x -a '(__balance_command_list)'

# balance-WORD: its own completions, or file names until it has some.
complete -c balance -n __balance_delegated -x -a '(__balance_complete_external)'
complete -c balance -n '__balance_external; and not __balance_delegated' -F
