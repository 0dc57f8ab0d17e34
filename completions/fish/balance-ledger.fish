# fish completion for balance-ledger(1), the give-and-take log of balance.
#
# Installed as share/fish/vendor_completions.d/balance-ledger.fish; fish loads it the first time
# you complete `balance-ledger`, and the front door's completion hands `balance ledger …` to it
# (as `balance-ledger [options before ledger] [words after it]`). It needs nothing from
# balance.fish. What depends on the repository is read when you press TAB: people from
# balance.toml; entry ids (described by date, who, kind and what), the topics and the tags
# already used from `balance-ledger list --period all --mine --format tsv` (the shared entries
# and your own private ones).

# Options that take a value, so the word after them is neither a command nor an argument.
set -g __balance_ledger_valued -C --dir --as --color --format --who --kind --what --topic --weight \
    --minutes --for --tag --note --at --from -p --period --since --until --grep -n --limit --by --measure

# Prints the command word and how many words follow it (not counting options and their values);
# fails when there is no command word yet.
function __balance_ledger_command
    set -l tokens (commandline -opc)
    set -l i 2
    set -l word
    set -l after 0
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        if contains -- $token $__balance_ledger_valued
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

function __balance_ledger_needs_command
    not __balance_ledger_command >/dev/null
end

# True when the command word is one of the arguments; "" stands for none yet (which means list).
function __balance_ledger_is
    set -l found (__balance_ledger_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    contains -- "$word" $argv
end

# True when the command word is one of the arguments and no argument follows it yet.
function __balance_ledger_needs_argument
    set -l found (__balance_ledger_command); or return 1
    contains -- $found[1] $argv; and test $found[2] -eq 0
end

# The value of an option on the line (its forms are the arguments), with ~ expanded.
function __balance_ledger_option_value
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

# Runs balance-ledger with the -C and --as given on the line, so it reads the same repository.
function __balance_ledger_run
    set -l tokens (commandline -opc)
    set -l program balance-ledger
    test -n "$tokens[1]"; and set program (string replace -r -- '^~(?=/)' $HOME $tokens[1])
    command -q $program; or test -x "$program"; or return 1
    set -l args
    set -l dir (__balance_ledger_option_value -C --dir); and set -a args -C $dir
    set -l as (__balance_ledger_option_value --as); and set -a args --as $as
    command $program $args $argv 2>/dev/null </dev/null
end

# The repository the line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_ledger_repo
    set -l dir (__balance_ledger_option_value -C --dir)
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
function __balance_ledger_people
    set -l dir (__balance_ledger_repo)
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

# The values of one column of the entries ($argv[1]: topic or tags), each once (tags split).
function __balance_ledger_values
    set -l lines (__balance_ledger_run list --period all --mine --format tsv); or return
    set -q lines[1]; or return
    set -l header (string split \t -- $lines[1])
    set -l column (contains -i -- $argv[1] $header); or return
    set -l values
    for line in $lines[2..-1]
        set -l fields (string split \t -- $line)
        for value in (string split ' ' -- $fields[$column])
            test -n "$value"; and not contains -- $value $values; and set -a values $value
        end
    end
    printf '%s\n' $values
end

# The ids of the entries this person can see, described by date, who, kind and what: the shared
# ones and your own private ones (--as someone else gets their shared view only).
function __balance_ledger_ids
    set -l lines (__balance_ledger_run list --period all --mine --format tsv); or return
    set -q lines[1]; or return
    set -l header (string split \t -- $lines[1])
    set -l c_id (contains -i -- id $header); or return
    set -l c_at (contains -i -- at $header)
    set -l c_who (contains -i -- who $header)
    set -l c_kind (contains -i -- kind $header)
    set -l c_what (contains -i -- what $header)
    set -l c_private (contains -i -- private $header)
    for line in $lines[2..-1]
        set -l fields (string split \t -- $line)
        set -l description (string sub -l 10 -- $fields[$c_at]) $fields[$c_who] $fields[$c_kind]: $fields[$c_what]
        test -n "$c_private"; and test "$fields[$c_private]" = true; and set -a description '(private)'
        printf '%s\t%s\n' $fields[$c_id] "$description"
    end
end

# The kinds of entry, with what each records.
function __balance_ledger_kinds
    printf '%s\t%s\n' chore 'Housework and errands' invisible 'Planning, remembering, emotional care' \
        choice 'Who decided something shared (needs --topic)' solo 'Time of your own' \
        together 'Time together' sacrifice 'Something given up'
end

# The formats the command word prints.
function __balance_ledger_formats
    set -l found (__balance_ledger_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    switch $word
        case list ''
            printf '%s\n' text json toml csv tsv
        case show
            printf '%s\n' text json toml
        case balance
            printf '%s\n' text json
        case export
            echo ledger
    end
end

complete -c balance-ledger -e
complete -c balance-ledger -f

# Options every balance tool accepts, before or after the command word.
complete -c balance-ledger -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance-ledger -l as -x -a '(__balance_ledger_people)' -d 'Act as person NAME'
complete -c balance-ledger -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance-ledger -l format -x -a '(__balance_ledger_formats)' -d 'Output format'
complete -c balance-ledger -s q -l quiet -d 'No confirmations or hints on stderr'
complete -c balance-ledger -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance-ledger -s h -l help -d 'Print help and exit'
complete -c balance-ledger -n __balance_ledger_needs_command -l version -d 'Print the version and exit'

# The command word.
complete -c balance-ledger -n __balance_ledger_needs_command -a add -d 'Log an entry: KIND WHAT'
complete -c balance-ledger -n __balance_ledger_needs_command -a list -d 'List entries (the default command; this month)'
complete -c balance-ledger -n __balance_ledger_needs_command -a show -d 'Show one entry'
complete -c balance-ledger -n __balance_ledger_needs_command -a edit -d 'Change an entry'
complete -c balance-ledger -n __balance_ledger_needs_command -a rm -d 'Remove an entry'
complete -c balance-ledger -n __balance_ledger_needs_command -a balance -d "Each person's share per kind, next to the agreed share"
complete -c balance-ledger -n __balance_ledger_needs_command -a turn -d 'Whose turn it is to choose TOPIC'
complete -c balance-ledger -n __balance_ledger_needs_command -a export -d 'Write a ledger-cli/hledger journal'
complete -c balance-ledger -n __balance_ledger_needs_command -a thank -d 'Thank whoever did entry ID'

# add KIND: the kinds.
complete -c balance-ledger -n '__balance_ledger_needs_argument add' -x -a '(__balance_ledger_kinds)'

# add and edit: the fields.
set -l fields '__balance_ledger_is add edit'
complete -c balance-ledger -n $fields -l who -x -a '(__balance_ledger_people)' -d 'Who did it (default: me)'
complete -c balance-ledger -n $fields -l topic -x -a '(__balance_ledger_values topic)' -d 'What was chosen about: dinner, weekend, movie…'
complete -c balance-ledger -n $fields -l weight -x -a '0.5 1 2' -d 'How much it counts (default 1)'
complete -c balance-ledger -n $fields -l minutes -x -d 'How long it took'
complete -c balance-ledger -n $fields -l for -x -a '(__balance_ledger_people)' -d 'Who it was for'
complete -c balance-ledger -n $fields -l tag -x -a '(__balance_ledger_values tags)' -d 'A tag; repeat for more'
complete -c balance-ledger -n $fields -l note -x -d 'Anything else'
complete -c balance-ledger -n $fields -l at -x -a 'now today yesterday' -d 'When it happened (default now)'
complete -c balance-ledger -n '__balance_ledger_is edit' -l kind -x -a '(__balance_ledger_kinds)' -d 'Change the kind'
complete -c balance-ledger -n '__balance_ledger_is edit' -l what -x -d 'Change what was done or chosen'

# add only.
set -l add '__balance_ledger_is add'
complete -c balance-ledger -n $add -l private -d 'Keep it in your private store on this computer: never shared, only you see it'
complete -c balance-ledger -n $add -l from -r -F -d 'Import entries from FILE or - (TOML, JSON, CSV or TSV)'
complete -c balance-ledger -n $add -l dry-run -d 'With --from: say what would be added, write nothing'

# list (also before any command word).
set -l periods 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d'
set -l list "__balance_ledger_is '' list"
complete -c balance-ledger -n $list -s p -l period -x -a $periods -d 'The period to list (default this-month)'
complete -c balance-ledger -n $list -l since -x -a 'now today yesterday' -d 'From WHEN (instead of --period)'
complete -c balance-ledger -n $list -l until -x -a 'now today yesterday' -d 'Until WHEN (instead of --period)'
complete -c balance-ledger -n $list -l who -x -a '(__balance_ledger_people)' -d 'Only what NAME did'
complete -c balance-ledger -n $list -l tag -x -a '(__balance_ledger_values tags)' -d 'Only entries tagged T (repeat: all of them)'
complete -c balance-ledger -n $list -l kind -x -a '(__balance_ledger_kinds)' -d 'Only this kind'
complete -c balance-ledger -n $list -l topic -x -a '(__balance_ledger_values topic)' -d 'Only this topic'
complete -c balance-ledger -n $list -l grep -x -d 'Only entries whose text contains TEXT'
complete -c balance-ledger -n $list -s n -l limit -x -d 'Only the N most recent (0: all)'
complete -c balance-ledger -n $list -l reverse -d 'Newest first'

# The views, on list, balance and export: --mine and --shared exclude each other.
set -l views "__balance_ledger_is '' list balance export; and not __fish_seen_argument -l mine -l shared"
complete -c balance-ledger -n $views -l mine -d 'Add your own private entries, marked (private)'
complete -c balance-ledger -n $views -l shared -d 'The shared view only (the default): what you may read together'

# show, edit and rm ID.
complete -c balance-ledger -n '__balance_ledger_needs_argument show edit rm thank' -x -a '(__balance_ledger_ids)'
complete -c balance-ledger -n '__balance_ledger_is thank' -l at -x -a 'now today yesterday' -d 'When (WHEN; default now)'
complete -c balance-ledger -n '__balance_ledger_is rm' -l dry-run -d 'Say what would be removed, change nothing'

# balance.
set -l balance '__balance_ledger_is balance'
complete -c balance-ledger -n $balance -s p -l period -x -a $periods -d 'The period (default 28d)'
complete -c balance-ledger -n $balance -l by -x -a 'kind topic tag' -d 'Group by kind, topic or tag (default kind)'
complete -c balance-ledger -n $balance -l measure -x -a 'weight minutes count' -d 'Count weight, minutes or count (default weight)'

# turn TOPIC and export.
complete -c balance-ledger -n '__balance_ledger_needs_argument turn' -x -a '(__balance_ledger_values topic)'
complete -c balance-ledger -n '__balance_ledger_is turn' -s p -l period -x -a $periods -d 'Count the choices of PERIOD instead of the last 8'
complete -c balance-ledger -n '__balance_ledger_is export' -s p -l period -x -a $periods -d 'Only PERIOD (default all)'
