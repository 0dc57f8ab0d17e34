# fish completion for balance-boundaries(1), the boundaries command of balance.
#
# Installed as share/fish/vendor_completions.d/balance-boundaries.fish; fish loads it the first
# time you complete `balance-boundaries`, and the front door's completion hands `balance
# boundaries …` to it (as `balance-boundaries [options before boundaries] [words after it]`). It
# needs nothing from balance.fish. What depends on the repository is read when you press TAB:
# people from balance.toml, boundary ids described by their owner and words from
# `balance-boundaries list --mine --format tsv` (your own private boundaries too; with --all
# where retired ones make sense).

# Options that take a value, so the word after them is neither a command nor an argument.
set -g __balance_boundaries_valued -C --dir --as --color --format --who --by --review --tag --at \
    --from --text --note --for -p --period --since --until --kind --grep -n --limit

# Prints the command word and how many words follow it (not counting options and their values);
# fails when there is no command word yet.
function __balance_boundaries_command
    set -l tokens (commandline -opc)
    set -l i 2
    set -l word
    set -l after 0
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        if contains -- $token $__balance_boundaries_valued
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

function __balance_boundaries_needs_command
    not __balance_boundaries_command >/dev/null
end

# True when the command word is one of the arguments; "" stands for none yet (which means list).
function __balance_boundaries_is
    set -l found (__balance_boundaries_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    contains -- "$word" $argv
end

# True when the command word is one of the arguments and no argument follows it yet.
function __balance_boundaries_needs_argument
    set -l found (__balance_boundaries_command); or return 1
    contains -- $found[1] $argv; and test $found[2] -eq 0
end

# The value of an option on the line (its forms are the arguments), with ~ expanded.
function __balance_boundaries_option_value
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

# Runs balance-boundaries with the -C and --as given on the line, so it reads the same repository.
function __balance_boundaries_run
    set -l tokens (commandline -opc)
    set -l program balance-boundaries
    test -n "$tokens[1]"; and set program (string replace -r -- '^~(?=/)' $HOME $tokens[1])
    command -q $program; or test -x "$program"; or return 1
    set -l args
    set -l dir (__balance_boundaries_option_value -C --dir); and set -a args -C $dir
    set -l as (__balance_boundaries_option_value --as); and set -a args --as $as
    command $program $args $argv 2>/dev/null </dev/null
end

# The repository the line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_boundaries_repo
    set -l dir (__balance_boundaries_option_value -C --dir)
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
function __balance_boundaries_people
    set -l dir (__balance_boundaries_repo)
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

# The ids of the boundaries this person can see, described by owner and words: the shared ones
# and your own private ones (--as someone else gets their shared view only); with "all", retired
# ones too.
function __balance_boundaries_ids
    set -l args list --mine --format tsv
    test "$argv[1]" = all; and set -a args --all
    set -l lines (__balance_boundaries_run $args); or return
    set -q lines[1]; or return
    set -l header (string split \t -- $lines[1])
    set -l c_id (contains -i -- id $header); or return
    set -l c_who (contains -i -- who $header)
    set -l c_text (contains -i -- text $header)
    set -l c_status (contains -i -- status $header)
    set -l c_private (contains -i -- private $header)
    for line in $lines[2..-1]
        set -l fields (string split \t -- $line)
        set -l description "$fields[$c_who]: $fields[$c_text]"
        test -n "$c_status"; and test "$fields[$c_status]" = retired; and set description "$description (retired)"
        test -n "$c_private"; and test "$fields[$c_private]" = true; and set description "$description (private)"
        printf '%s\t%s\n' $fields[$c_id] "$description"
    end
end

# The tags the boundaries already use, each once.
function __balance_boundaries_tags
    set -l lines (__balance_boundaries_run list --all --mine --format tsv); or return
    set -q lines[1]; or return
    set -l header (string split \t -- $lines[1])
    set -l column (contains -i -- tags $header); or return
    set -l tags
    for line in $lines[2..-1]
        set -l fields (string split \t -- $line)
        for tag in (string split ' ' -- $fields[$column])
            test -n "$tag"; and not contains -- $tag $tags; and set -a tags $tag
        end
    end
    printf '%s\n' $tags
end

# The event kinds, with what each means.
function __balance_boundaries_event_kinds
    printf '%s\t%s\n' respected 'The boundary was respected' crossed 'The boundary was crossed' \
        reviewed 'Its owner looked at it again' gave-in 'Yes when you meant no' space 'Someone asked for space'
end

# The formats the command word prints.
function __balance_boundaries_formats
    set -l found (__balance_boundaries_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    switch $word
        case list log ''
            printf '%s\n' text json toml csv tsv
        case show
            printf '%s\n' text json toml
    end
end

complete -c balance-boundaries -e
complete -c balance-boundaries -f

# Options every balance tool accepts, before or after the command word.
complete -c balance-boundaries -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance-boundaries -l as -x -a '(__balance_boundaries_people)' -d 'Act as person NAME'
complete -c balance-boundaries -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance-boundaries -l format -x -a '(__balance_boundaries_formats)' -d 'Output format'
complete -c balance-boundaries -s q -l quiet -d 'No confirmations or hints on stderr'
complete -c balance-boundaries -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance-boundaries -s h -l help -d 'Print help and exit'
complete -c balance-boundaries -n __balance_boundaries_needs_command -l version -d 'Print the version and exit'

# The command word.
set -l needs __balance_boundaries_needs_command
complete -c balance-boundaries -n $needs -a add -d 'Set a boundary: "I need …" or "I don\'t …"'
complete -c balance-boundaries -n $needs -a list -d 'List active boundaries (the default command)'
complete -c balance-boundaries -n $needs -a show -d 'Show a boundary and its history'
complete -c balance-boundaries -n $needs -a edit -d 'Change a boundary'
complete -c balance-boundaries -n $needs -a retire -d 'Retire a boundary; its history stays'
complete -c balance-boundaries -n $needs -a rm -d 'Remove a boundary written by mistake'
complete -c balance-boundaries -n $needs -a respected -d 'Note that a boundary was respected'
complete -c balance-boundaries -n $needs -a crossed -d 'Note that a boundary was crossed'
complete -c balance-boundaries -n $needs -a review -d 'Note that a boundary was reviewed'
complete -c balance-boundaries -n $needs -a gave-in -d 'Note a time you said yes when you meant no'
complete -c balance-boundaries -n $needs -a space -d 'Note that you asked for space'
complete -c balance-boundaries -n $needs -a log -d 'List the events'
complete -c balance-boundaries -n $needs -a due -d 'Boundaries whose review is due'
complete -c balance-boundaries -n '__balance_boundaries_is due' -l who -x -a '(__balance_boundaries_people)' -d 'Only the boundaries NAME owns'

# list (also before any command word).
set -l list "__balance_boundaries_is '' list"
complete -c balance-boundaries -n $list -l all -d 'Retired boundaries too'
complete -c balance-boundaries -n $list -l who -x -a '(__balance_boundaries_people)' -d "Only NAME's boundaries"
complete -c balance-boundaries -n $list -l tag -x -a '(__balance_boundaries_tags)' -d 'Only boundaries tagged T (repeat: all of them)'
complete -c balance-boundaries -n $list -l grep -x -d 'Only boundaries whose words or tags contain TEXT'
complete -c balance-boundaries -n $list -s n -l limit -x -d 'Only the N most recently set (0: all)'
complete -c balance-boundaries -n $list -l reverse -d 'Newest first'

# The views, on list and log: --mine and --shared exclude each other.
set -l views "__balance_boundaries_is '' list log; and not __fish_seen_argument -l mine -l shared"
complete -c balance-boundaries -n $views -l mine -d 'Add your own private records, marked (private)'
complete -c balance-boundaries -n $views -l shared -d 'The shared view only (the default): what you may read together'

# add and edit.
set -l cadences 'daily weekly biweekly monthly off'
set -l add '__balance_boundaries_is add'
complete -c balance-boundaries -n $add -l who -x -a '(__balance_boundaries_people)' -d 'Whose boundary it is (default: me)'
complete -c balance-boundaries -n '__balance_boundaries_is add edit' -l review -x -a $cadences -d 'How often to review it'
complete -c balance-boundaries -n '__balance_boundaries_is add edit' -l tag -x -a '(__balance_boundaries_tags)' -d 'A tag; repeat for more'
complete -c balance-boundaries -n '__balance_boundaries_is add edit' -l at -x -a 'now today yesterday' -d 'When it was set (default now)'
complete -c balance-boundaries -n $add -l private -d 'Keep it in your private store on this computer: never shared, only you see it'
complete -c balance-boundaries -n $add -l from -r -F -d 'Import boundaries from FILE or - (TOML, JSON, CSV or TSV)'
complete -c balance-boundaries -n $add -l dry-run -d 'With --from: say what would be added, write nothing'
complete -c balance-boundaries -n '__balance_boundaries_is edit' -l text -x -d "The boundary's words"

# Boundary ids: any for show, edit and rm; active ones for events and retire.
complete -c balance-boundaries -n '__balance_boundaries_needs_argument show edit rm' -x -a '(__balance_boundaries_ids all)'
complete -c balance-boundaries -n '__balance_boundaries_needs_argument respected crossed review retire' -x -a '(__balance_boundaries_ids)'
complete -c balance-boundaries -n '__balance_boundaries_is rm' -l with-events -d 'Remove its events too'
complete -c balance-boundaries -n '__balance_boundaries_is rm' -l dry-run -d 'Say what would be removed, change nothing'

# Events.
set -l events '__balance_boundaries_is respected crossed review gave-in space'
set -l actors '__balance_boundaries_is respected gave-in space'
complete -c balance-boundaries -n $actors -l who -x -a '(__balance_boundaries_people)' -d 'Whose act it was'
complete -c balance-boundaries -n $actors -l by -x -a '(__balance_boundaries_people)' -d 'Whose act it was (same as --who)'
# crossed: who crossed it is never guessed, so --by is required (--who is its alias).
complete -c balance-boundaries -n '__balance_boundaries_is crossed' -l by -x -a '(__balance_boundaries_people)' -d 'Whose act it was (required: balance never guesses)'
complete -c balance-boundaries -n '__balance_boundaries_is crossed' -l who -x -a '(__balance_boundaries_people)' -d 'Whose act it was (same as --by)'
complete -c balance-boundaries -n $events -l note -x -d 'A few words about it'
complete -c balance-boundaries -n $events -l at -x -a 'now today yesterday' -d 'When it happened (default now)'
complete -c balance-boundaries -n $events -l private -d 'Keep it in your private store on this computer: never shared, only you see it'
complete -c balance-boundaries -n '__balance_boundaries_is space' -l for -x -a '15m 30m 45m 1h 1h30m 2h 1d' -d 'For how long'

# log.
set -l log '__balance_boundaries_is log'
complete -c balance-boundaries -n $log -s p -l period -x -a 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d' -d 'The period to list (default all)'
complete -c balance-boundaries -n $log -l since -x -a 'now today yesterday' -d 'From WHEN (instead of --period)'
complete -c balance-boundaries -n $log -l until -x -a 'now today yesterday' -d 'Until WHEN (instead of --period)'
complete -c balance-boundaries -n $log -l who -x -a '(__balance_boundaries_people)' -d "Only events whose act was NAME's"
complete -c balance-boundaries -n $log -l kind -x -a '(__balance_boundaries_event_kinds)' -d 'Only this kind of event'
complete -c balance-boundaries -n $log -l grep -x -d 'Only events whose text contains TEXT'
complete -c balance-boundaries -n $log -s n -l limit -x -d 'Only the N most recent (0: all)'
complete -c balance-boundaries -n $log -l reverse -d 'Newest first'
