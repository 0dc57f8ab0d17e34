# fish completion for balance-checkin(1), the check-in command of balance.
#
# Installed as share/fish/vendor_completions.d/balance-checkin.fish; fish loads it the first time
# you complete `balance-checkin`, and the front door's completion hands `balance checkin …` to it
# (as `balance-checkin [options before checkin] [words after it]`). It needs nothing from
# balance.fish. What depends on the repository is read when you press TAB: people from
# balance.toml, question keys from `balance-checkin questions --format json`, ids (described by
# date and author) from `balance-checkin list --mine --format tsv` (the shared check-ins and your
# own private ones).

# Options that take a value, so the word after them is neither a command nor an id. On `list`,
# --shared is the view and takes none (see __balance_checkin_command).
set -g __balance_checkin_valued -C --dir --as --color --format --heard --space --honest --shared \
    --kind --rate --mood --feeling --need --thanks --note --tag --at --safe --from -p --period \
    --since --until --who --grep -n --limit

# Prints the command word and how many words follow it (not counting options and their values);
# fails when there is no command word yet.
function __balance_checkin_command
    set -l tokens (commandline -opc)
    set -l i 2
    set -l word
    set -l after 0
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        if contains -- $token $__balance_checkin_valued
            and not begin; test "x$token" = x--shared; and test "x$word" = xlist; end
            set i (math $i + 2)
            continue
        end
        if not string match -q -r -- '^-.' $token
            if test -z "$word"
                set word $token
            else
                set after (math $after + 1)
            end
        end
        set i (math $i + 1)
    end
    test -n "$word"; or return 1
    echo $word
    echo $after
end

function __balance_checkin_needs_command
    not __balance_checkin_command >/dev/null
end

# True when the command word is one of the arguments; "" stands for none yet (which means add).
function __balance_checkin_is
    set -l found (__balance_checkin_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    contains -- "$word" $argv
end

# True for show, edit and rm while their id is still missing.
function __balance_checkin_needs_id
    set -l found (__balance_checkin_command); or return 1
    contains -- $found[1] show edit rm; and test $found[2] -eq 0
end

# The value of an option on the line (its forms are the arguments), with ~ expanded.
function __balance_checkin_option_value
    set -l tokens (commandline -opc)
    set -l value
    for i in (seq 2 (count $tokens))
        for form in $argv
            if test "$tokens[$i]" = $form
                set value $tokens[(math $i + 1)]
            else if string match -q -- "$form=*" $tokens[$i]
                set value (string replace -- "$form=" '' $tokens[$i])
            else if test $form = -C; and string match -q -r -- '^-C.' $tokens[$i]
                set value (string sub -s 3 -- $tokens[$i])
            end
        end
    end
    test -n "$value"; or return 1
    string replace -r -- '^~(?=/|$)' $HOME $value
    return 0  # whether or not there was a ~ to replace
end

# Runs balance-checkin with the -C and --as given on the line, so it reads the same repository.
function __balance_checkin_run
    set -l tokens (commandline -opc)
    set -l program balance-checkin
    test -n "$tokens[1]"; and set program (string replace -r -- '^~(?=/)' $HOME $tokens[1])
    command -q $program; or test -x "$program"; or return 1
    set -l args
    set -l dir (__balance_checkin_option_value -C --dir); and set -a args -C $dir
    set -l as (__balance_checkin_option_value --as); and set -a args --as $as
    command $program $args $argv 2>/dev/null </dev/null
end

# The repository the line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_checkin_repo
    set -l dir (__balance_checkin_option_value -C --dir)
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
    test -n "$dir"; or return 1
    string replace -r -- '^~(?=/|$)' $HOME $dir
    return 0
end

# The people named in the repository's balance.toml.
function __balance_checkin_people
    set -l dir (__balance_checkin_repo)
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

# The keys of the repository's questions, one per line with the question after a tab: from
# `questions --format json`, or, when the program cannot be run, from balance.toml (the five
# defaults when it defines none).
function __balance_checkin_keys
    set -l json (__balance_checkin_run questions --format json)
    if test $status -eq 0
        for line in $json
            set -l found (string match -r -g -- '"key":\s*"([a-z0-9_-]+)"(?:,\s*"question":\s*"((?:[^"\\\\]|\\\\.)*)")?' $line)
            or continue
            set -q found[2]; or set found[2] ''
            printf '%s\t%s\n' $found[1] (string replace -a -- '\\"' '"' $found[2])
        end
        return
    end
    set -l keys
    set -l dir (__balance_checkin_repo)
    if test -n "$dir" -a -r "$dir/balance.toml"
        set -l in_dimension 0
        while read -l line
            if string match -q -r -- '^\s*\[\[\s*checkin\.dimension\s*\]\]' $line
                set in_dimension 1
            else if string match -q -r -- '^\s*\[' $line
                set in_dimension 0
            else if test $in_dimension = 1
                set -l key (string match -r -- '^\s*key\s*=\s*"([a-z0-9_-]+)"' $line)
                and set -a keys $key[2]
            end
        end <$dir/balance.toml
    end
    set -q keys[1]; or set keys heard space honest shared kind
    printf '%s\n' $keys
end

# --rate KEY=N: first the keys (with their "="), then the rating.
function __balance_checkin_rate
    set -l token (commandline -ct)
    if string match -q -- '*=*' $token
        set -l key (string replace -r -- '=.*' '' $token)
        printf '%s\n' $key=(seq 1 5)
    else
        for line in (__balance_checkin_keys)
            set -l key (string split -m 1 \t -- $line)
            set -q key[2]; and test -n "$key[2]"; or set key[2] 'Rate this question from 1 to 5'
            printf '%s=\t%s\n' $key[1] $key[2]
        end
    end
end

# The ids of the check-ins this person can see, described by date and author: the shared ones
# and your own private ones (--as someone else gets their shared view only).
function __balance_checkin_ids
    set -l lines (__balance_checkin_run list --mine --format tsv); or return
    set -q lines[1]; or return
    set -l header (string split \t -- $lines[1])
    set -l c_id (contains -i -- id $header); or return
    set -l c_at (contains -i -- at $header)
    set -l c_who (contains -i -- who $header)
    set -l c_private (contains -i -- private $header)
    for line in $lines[2..-1]
        set -l fields (string split \t -- $line)
        set -l description
        if test -n "$c_at"
            set -l at $fields[$c_at]
            set description (string sub -l 10 -- $at) (string sub -s 12 -l 5 -- $at)
        end
        test -n "$c_who"; and set -a description $fields[$c_who]
        test -n "$c_private"; and test "$fields[$c_private]" = true; and set -a description '(private)'
        printf '%s\t%s\n' $fields[$c_id] "$description"
    end
end

# The formats the command word prints.
function __balance_checkin_formats
    set -l found (__balance_checkin_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    switch $word
        case list ''
            printf '%s\n' text json toml csv tsv
        case show
            printf '%s\n' text json toml
        case questions
            printf '%s\n' text json
    end
end

complete -c balance-checkin -e
complete -c balance-checkin -f

# Options every balance tool accepts, before or after the command word.
complete -c balance-checkin -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance-checkin -l as -x -a '(__balance_checkin_people)' -d 'Act as person NAME'
complete -c balance-checkin -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance-checkin -l format -x -a '(__balance_checkin_formats)' -d 'Output format'
complete -c balance-checkin -s q -l quiet -d 'No confirmations or hints on stderr'
complete -c balance-checkin -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance-checkin -s h -l help -d 'Print help and exit'
complete -c balance-checkin -n __balance_checkin_needs_command -l version -d 'Print the version and exit'

# The command word.
complete -c balance-checkin -n __balance_checkin_needs_command -a add -d 'Record a check-in (the default command)'
complete -c balance-checkin -n __balance_checkin_needs_command -a list -d 'List check-ins'
complete -c balance-checkin -n __balance_checkin_needs_command -a show -d 'Show one check-in'
complete -c balance-checkin -n __balance_checkin_needs_command -a edit -d 'Change a check-in'
complete -c balance-checkin -n __balance_checkin_needs_command -a rm -d 'Remove a check-in'
complete -c balance-checkin -n __balance_checkin_needs_command -a questions -d 'The questions this repository asks'
complete -c balance-checkin -n __balance_checkin_needs_command -a forget -d 'Remove your private check-ins, or only their safety answers'
complete -c balance-checkin -n __balance_checkin_needs_command -a due -d 'Whose check-in is due'

# add (also before any command word) and edit: the fields.
set -l fields "__balance_checkin_is '' add edit"
for key in heard space honest shared kind
    complete -c balance-checkin -n $fields -l $key -x -a '1 2 3 4 5' -d "Rate \"$key\" from 1 to 5"
end
complete -c balance-checkin -n $fields -l rate -x -a '(__balance_checkin_rate)' -d 'Rate any question of this repository: KEY=N'
complete -c balance-checkin -n $fields -l mood -x -a '1 2 3 4 5' -d 'How you feel overall, 1 to 5'
complete -c balance-checkin -n $fields -l feeling -x -d 'An I-statement: "I feel … when …"'
complete -c balance-checkin -n $fields -l need -x -d 'Something you need'
complete -c balance-checkin -n $fields -l thanks -x -d 'Something you appreciate'
complete -c balance-checkin -n $fields -l note -x -d 'Anything else'
complete -c balance-checkin -n $fields -l tag -x -d 'A tag; repeat for more'
complete -c balance-checkin -n $fields -l at -x -a 'now today yesterday' -d 'When it happened (default now)'
complete -c balance-checkin -n $fields -l safe -x -a '1 2 3 4 5' -d 'Private check-ins only: how safe you feel, 1 to 5'

# add only.
set -l add "__balance_checkin_is '' add"
complete -c balance-checkin -n $add -l private -d 'Keep it in your private store on this computer: never shared; asks whether you feel safe'
complete -c balance-checkin -n $add -l edit -d 'Write it in your editor from a commented template'
complete -c balance-checkin -n $add -l from -r -F -d 'Import check-ins from FILE or - (TOML, JSON or CSV)'
complete -c balance-checkin -n $add -l dry-run -d 'With --from: say what would be added, write nothing'

# list.
set -l list '__balance_checkin_is list'
complete -c balance-checkin -n $list -s p -l period -x -a 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d' -d 'The period to list (default all)'
complete -c balance-checkin -n $list -l since -x -a 'now today yesterday' -d 'From WHEN (instead of --period)'
complete -c balance-checkin -n $list -l until -x -a 'now today yesterday' -d 'Until WHEN (instead of --period)'
complete -c balance-checkin -n $list -l who -x -a '(__balance_checkin_people)' -d 'Only check-ins that NAME wrote'
complete -c balance-checkin -n $list -l tag -x -d 'Only check-ins tagged T (repeat: all of them)'
complete -c balance-checkin -n $list -l grep -x -d 'Only check-ins whose text contains TEXT'
complete -c balance-checkin -n $list -s n -l limit -x -d 'Only the N most recent (0: all)'
complete -c balance-checkin -n $list -l reverse -d 'Newest first'
# The views exclude each other.
set -l views "__balance_checkin_is list; and not __fish_seen_argument -l mine -l shared"
complete -c balance-checkin -n $views -l mine -d 'Add your own private records, marked (private)'
complete -c balance-checkin -n $views -l shared -d 'The shared view only (the default): what you may read together'

# show, edit and rm ID.
complete -c balance-checkin -n __balance_checkin_needs_id -x -a '(__balance_checkin_ids)'
complete -c balance-checkin -n '__balance_checkin_is rm' -l dry-run -d 'Say what would be removed, change nothing'

# forget: exactly one of --safety and --all-private; both also remove kept edit buffers.
set -l forget '__balance_checkin_is forget; and not __fish_seen_argument -l safety -l all-private'
complete -c balance-checkin -n $forget -l safety -d 'Only the safety answers of your private check-ins (and kept edit buffers)'
complete -c balance-checkin -n $forget -l all-private -d 'Every private check-in of yours (and kept edit buffers)'
complete -c balance-checkin -n '__balance_checkin_is forget' -l dry-run -d 'Say what would be removed, change nothing'

# due.
complete -c balance-checkin -n '__balance_checkin_is due' -l who -x -a '(__balance_checkin_people)' -d 'Only NAME (default: me)'
complete -c balance-checkin -n '__balance_checkin_is due' -l all -d 'Everyone'
