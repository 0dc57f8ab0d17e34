# fish completion for balance-talk(1), the weekly talk of balance.
#
# Installed as share/fish/vendor_completions.d/balance-talk.fish; fish loads it the first time
# you complete `balance-talk`, and the front door's completion hands `balance talk …` to it (as
# `balance-talk [options before talk] [words after it]`). What depends on the repository is read
# when you press TAB: people from balance.toml, ids described by their words from `balance-talk
# agreements --format tsv` and `balance-talk list WHAT --format tsv`.

# Options that take a value, so the word after them is neither a command nor an argument.
set -g __balance_talk_valued -C --dir --as --color --format --who --review --tag --at --from --text \
    --note --status --closed --outcome --humour -p --period --since --until --grep -n --limit

# Prints the command word and how many words follow it (not counting options and their values);
# fails when there is no command word yet.
function __balance_talk_command
    set -l tokens (commandline -opc)
    set -l i 2
    set -l word
    set -l after 0
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        if contains -- $token $__balance_talk_valued
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

function __balance_talk_needs_command
    not __balance_talk_command >/dev/null
end

# True when the command word is one of the arguments; "" stands for none yet (which means list).
function __balance_talk_is
    set -l found (__balance_talk_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    contains -- "$word" $argv
end

# True when the command word is one of the arguments and no argument follows it yet.
function __balance_talk_needs_argument
    set -l found (__balance_talk_command); or return 1
    contains -- $found[1] $argv; and test $found[2] -eq 0
end

# The value of an option on the line (its forms are the arguments), with ~ expanded.
function __balance_talk_option_value
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

# Runs balance-talk with the -C and --as given on the line, so it reads the same repository.
function __balance_talk_run
    set -l tokens (commandline -opc)
    set -l program balance-talk
    test -n "$tokens[1]"; and set program (string replace -r -- '^~(?=/)' $HOME $tokens[1])
    command -q $program; or test -x "$program"; or return 1
    set -l args
    set -l dir (__balance_talk_option_value -C --dir); and set -a args -C $dir
    set -l as (__balance_talk_option_value --as); and set -a args --as $as
    command $program $args $argv 2>/dev/null </dev/null
end

# The repository the line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_talk_repo
    set -l dir (__balance_talk_option_value -C --dir)
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
function __balance_talk_people
    set -l dir (__balance_talk_repo)
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

# Ids of one list ($argv[1]: agreements, reviews, appreciations, repairs or talks; "open": the open
# agreements), described by who and words.
function __balance_talk_ids_of
    set -l args list $argv[1] --mine --format tsv
    test "$argv[1]" = open; and set args agreements --format tsv
    set -l lines (__balance_talk_run $args); or return
    set -q lines[1]; or return
    set -l header (string split \t -- $lines[1])
    set -l c_id (contains -i -- id $header); or return
    set -l c_who (contains -i -- who $header)
    set -l c_text (contains -i -- text $header)
    set -l c_outcome (contains -i -- outcome $header)
    set -q c_outcome[1]; or set c_outcome (contains -i -- topic $header)
    for line in $lines[2..-1]
        set -l fields (string split \t -- $line)
        set -l words
        test -n "$c_text"; and set words $fields[$c_text]
        test -n "$c_outcome"; and set words $fields[$c_outcome]
        printf '%s\t%s\n' $fields[$c_id] "$fields[$c_who]: $words"
    end
end

function __balance_talk_ids
    for what in agreements reviews appreciations repairs talks
        __balance_talk_ids_of $what
    end
end

# The formats the command word prints.
function __balance_talk_formats
    set -l found (__balance_talk_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    switch $word
        case list agreements log
            printf '%s\n' text json toml csv tsv
        case show
            printf '%s\n' text json toml
        case plan
            printf '%s\n' text markdown json
        case '*'
            printf '%s\n' text json
    end
end

complete -c balance-talk -e
complete -c balance-talk -f

# Options every balance tool accepts, before or after the command word.
complete -c balance-talk -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance-talk -l as -x -a '(__balance_talk_people)' -d 'Act as person NAME'
complete -c balance-talk -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance-talk -l format -x -a '(__balance_talk_formats)' -d 'Output format'
complete -c balance-talk -s q -l quiet -d 'No confirmations or hints on stderr'
complete -c balance-talk -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance-talk -s h -l help -d 'Print help and exit'
complete -c balance-talk -n __balance_talk_needs_command -l version -d 'Print the version and exit'

# The command word.
set -l needs __balance_talk_needs_command
complete -c balance-talk -n $needs -a meeting -d 'The guided meeting (the bare command; needs a terminal)'
complete -c balance-talk -n $needs -a agree -d 'Make an agreement: something you will both try'
complete -c balance-talk -n $needs -a agreements -d 'List open agreements and when each is up for review'
complete -c balance-talk -n $needs -a plan -d "The next talk's agenda: what went right, signs, reviews due"
complete -c balance-talk -n $needs -a review -d 'Note how an agreement went'
complete -c balance-talk -n $needs -a done -d 'Mark an agreement done; its reviews stay'
complete -c balance-talk -n $needs -a drop -d 'Drop an agreement; its reviews stay'
complete -c balance-talk -n $needs -a thank -d 'Appreciate someone: NAME TEXT'
complete -c balance-talk -n $needs -a repair -d 'Note a repair after a hard moment'
complete -c balance-talk -n $needs -a log -d 'Past talks: who was there, how long each spoke, the topic'
complete -c balance-talk -n $needs -a list -d 'List appreciations, repairs, reviews, agreements or talks'
complete -c balance-talk -n $needs -a show -d 'Show one agreement, review, appreciation, repair or talk'
complete -c balance-talk -n $needs -a edit -d 'Change one'
complete -c balance-talk -n $needs -a rm -d 'Remove one'
complete -c balance-talk -n $needs -a add -d 'Import agreements, reviews, appreciations, repairs and talks'

# The guided meeting (the bare command).
set -l meeting "__balance_talk_needs_command; or __balance_talk_is meeting"
complete -c balance-talk -n $meeting -l with -x -a '(__balance_talk_people)' -d 'Who is there (default everyone)'
complete -c balance-talk -n $meeting -l turn -x -a '3m 5m 10m' -d 'How long each turn to speak is (default 5m)'
complete -c balance-talk -n $meeting -l review -x -a 'weekly biweekly monthly off' -d "The review cadence of the meeting's agreement"

set -l cadences 'weekly biweekly monthly off'
set -l whens 'now today yesterday'
complete -c balance-talk -n '__balance_talk_is agree edit' -l review -x -a $cadences -d 'How often to look at it again'
complete -c balance-talk -n '__balance_talk_is agree thank edit' -l tag -x -d 'A tag; repeat for more'
complete -c balance-talk -n '__balance_talk_is agree review thank repair edit' -l at -x -a $whens -d 'When (default now)'
complete -c balance-talk -n '__balance_talk_is agreements' -l all -d 'Done and dropped ones too'
complete -c balance-talk -n '__balance_talk_is plan' -s p -l period -x -a 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d' -d 'The period it looks back on (default 28d)'

# review: exactly one outcome.
set -l outcome "__balance_talk_is review; and not __fish_seen_argument -l kept -l partly -l not-yet"
complete -c balance-talk -n $outcome -l kept -d 'We did it'
complete -c balance-talk -n $outcome -l partly -d 'Some of the time'
complete -c balance-talk -n $outcome -l not-yet -d 'Not yet'
complete -c balance-talk -n '__balance_talk_is review repair edit' -l note -x -d 'A few words about it'
complete -c balance-talk -n '__balance_talk_is repair' -l humour -d 'Humour did it'
complete -c balance-talk -n '__balance_talk_is repair' -l humor -d 'Humour did it'

# Ids: open agreements for review, done and drop; any record for show, edit and rm.
complete -c balance-talk -n '__balance_talk_needs_argument review done drop' -x -a '(__balance_talk_ids_of open)'
complete -c balance-talk -n '__balance_talk_needs_argument show edit rm' -x -a '(__balance_talk_ids)'
complete -c balance-talk -n '__balance_talk_needs_argument thank' -x -a '(__balance_talk_people)'
complete -c balance-talk -n '__balance_talk_needs_argument list' -x -a 'appreciations repairs reviews agreements talks'

# edit.
set -l edit '__balance_talk_is edit'
complete -c balance-talk -n $edit -l text -x -d 'The words'
complete -c balance-talk -n $edit -l status -x -a 'open done dropped' -d "An agreement's status"
complete -c balance-talk -n $edit -l closed -x -d 'When a done or dropped agreement closed (empty: not closed)'
complete -c balance-talk -n $edit -l outcome -x -a 'kept partly not-yet' -d "A review's outcome"
complete -c balance-talk -n $edit -l humour -x -a 'true false' -d "A repair's humour"
complete -c balance-talk -n $edit -l with -x -a '(__balance_talk_people)' -d "A talk's people present"
complete -c balance-talk -n $edit -l minutes -x -d "A talk's minutes per person (alex=6.5 sam=5)"
complete -c balance-talk -n $edit -l topic -x -d "A talk's one issue"
complete -c balance-talk -n $edit -l sign -x -a 'one-sided blurred-boundaries keeping-score withdrawal lost-self one-chooser uneven-load one-sided-sacrifice seen-differently' -d 'The sign a talk came from'
complete -c balance-talk -n $edit -l agreement -x -a '(__balance_talk_ids_of open)' -d 'The agreement a talk made'
complete -c balance-talk -n $edit -l appreciations -x -d 'How many appreciations a talk had'

# rm and add.
complete -c balance-talk -n '__balance_talk_is rm' -l with-reviews -d 'With an agreement: remove its reviews too'
complete -c balance-talk -n '__balance_talk_is rm add' -l dry-run -d 'Say what would change, change nothing'
complete -c balance-talk -n '__balance_talk_is add' -l from -r -F -d 'Import from FILE or - (TOML, JSON, CSV or TSV)'

# list.
set -l list '__balance_talk_is list'
complete -c balance-talk -n $list -s p -l period -x -a 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d' -d 'The period to list (default all)'
complete -c balance-talk -n $list -l since -x -a $whens -d 'From WHEN (instead of --period)'
complete -c balance-talk -n $list -l until -x -a $whens -d 'Until WHEN (instead of --period)'
complete -c balance-talk -n $list -l who -x -a '(__balance_talk_people)' -d 'Only records whose who is NAME'
complete -c balance-talk -n $list -l tag -x -d 'Only records tagged T'
complete -c balance-talk -n $list -l grep -x -d 'Only records whose text contains TEXT'
complete -c balance-talk -n $list -s n -l limit -x -d 'Only the N most recent (0: all)'
complete -c balance-talk -n $list -l reverse -d 'Newest first'
set -l views "__balance_talk_is list; and not __fish_seen_argument -l mine -l shared"
complete -c balance-talk -n $views -l mine -d 'Add your own private records, marked (private)'
complete -c balance-talk -n $views -l shared -d 'The shared view only (the default): what you may read together'

# log.
complete -c balance-talk -n '__balance_talk_is log' -s p -l period -x -a 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d' -d 'The period (default all)'
