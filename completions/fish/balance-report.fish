# fish completion for balance-report(1), the report of balance.
#
# Installed as share/fish/vendor_completions.d/balance-report.fish; fish loads it the first time
# you complete `balance-report`, and the front door's completion hands `balance report …` to it
# (as `balance-report [options before report] [words after it]`). It needs nothing from
# balance.fish. People for --as are read from balance.toml when you press TAB; --section
# completes each name of a comma-separated list. After the command word `trend` come the
# trend's options.

# The repository the line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_report_repo
    set -l tokens (commandline -opc)
    set -l dir
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case -C --dir
                set dir $tokens[(math $i + 1)]
            case '--dir=*'
                set dir (string replace -- '--dir=' '' $tokens[$i])
            case '-C?*'
                set dir (string sub -s 3 -- $tokens[$i])
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
    test -n "$dir"; or return 1
    string replace -r -- '^~(?=/|$)' $HOME $dir
    return 0
end

# The people named in the repository's balance.toml.
function __balance_report_people
    set -l dir (__balance_report_repo)
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

# --section: the sections not yet in the comma-separated list being typed, after what is there.
function __balance_report_sections
    set -l token (commandline -ct)
    string match -q -- '--section=*' $token; and set token (string replace -- '--section=' '' $token)
    set -l before ''
    set -l chosen
    if string match -q -- '*,*' $token
        set before (string replace -r -- '[^,]*$' '' $token)
        set chosen (string split ',' -- $before)
    end
    for pair in 'header	People, period and how much data' 'working	What is going well' \
            'checkins	Each dimension: means, trend, gap' 'give_and_take	Shares next to the agreed ones' \
            'choices	Who chose what, whose turn is next' 'boundaries	Respected, crossed, gave in, space' \
            'agreements	Open agreements, with ratings before and since' \
            'signs	Signs of imbalance, with the evidence' 'safety	Your safety note, when it applies (--mine only)'
        set -l name (string split -m 1 \t -- $pair)
        contains -- $name[1] $chosen; and continue
        printf '%s%s\t%s\n' $before $name[1] $name[2]
    end
end

# Whether the words before the cursor hold the command word trend (an option's value aside).
function __balance_report_in_trend
    set -l tokens (commandline -opc)
    set -l skip 0
    for token in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $token
            case -C --dir --as --color --format -p --period --since --until --section --from --every --what
                set skip 1
            case trend
                return 0
        end
    end
    return 1
end

complete -c balance-report -e
complete -c balance-report -f

complete -c balance-report -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance-report -l as -x -a '(__balance_report_people)' -d 'Whose report it is'
complete -c balance-report -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance-report -s q -l quiet -d 'No warnings on stderr'
complete -c balance-report -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance-report -s h -l help -d 'Print help and exit'
complete -c balance-report -l version -d 'Print the version and exit'
complete -c balance-report -n 'not __balance_report_in_trend' -l format -x -a 'text markdown json html' -d 'Output format'
complete -c balance-report -n __balance_report_in_trend -l format -x -a 'text markdown csv tsv json html' -d 'Output format'
complete -c balance-report -n 'not __balance_report_in_trend' -a trend -d 'The same numbers over time, a column per month'
complete -c balance-report -n __balance_report_in_trend -l every -x -a 'week month quarter' -d 'One column per week, month or quarter'
complete -c balance-report -n __balance_report_in_trend -l what -x -a 'checkins load choices all' -d 'Which rows'
complete -c balance-report -s p -l period -x -a 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d' -d 'The period'
complete -c balance-report -l since -x -a 'now today yesterday' -d 'From WHEN (instead of --period)'
complete -c balance-report -l until -x -a 'now today yesterday' -d 'Until WHEN (instead of --period)'
complete -c balance-report -n 'not __balance_report_in_trend' -l section -x -a '(__balance_report_sections)' -d 'Only these sections'
# The views exclude each other.
complete -c balance-report -n 'not __fish_seen_argument -l mine -l shared' -l mine -d 'Add your own private records, and your safety note, marked (private)'
complete -c balance-report -n 'not __fish_seen_argument -l mine -l shared' -l shared -d 'The shared view only (the default): what you may read together'
complete -c balance-report -n 'not __balance_report_in_trend' -l from -r -F -d 'Report over records from FILE or - (TOML)'
