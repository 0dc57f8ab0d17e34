# fish completion for balance-journal(1), the journal of balance.
#
# Installed as share/fish/vendor_completions.d/balance-journal.fish; fish loads it the first time
# you complete `balance-journal`, and the front door's completion hands `balance journal …` to it
# (as `balance-journal [options before journal] [words after it]`). What depends on the
# repository is read when you press TAB: people from balance.toml, ids and tags from
# `balance-journal list --format tsv`, prompt keys from `balance-journal prompts`. Only the first
# word is a command; the words after a page's first word are its text.

set -g __balance_journal_commands add list show edit rm on-this-day prompt prompts export import
# Options that take a value, so the word after them is neither a command nor an argument.
set -g __balance_journal_valued -C --dir --as --color --format --tag --at --mood --from --text \
    --period --since --until --grep -n --limit --years --jrnl --jrnl-timeformat

# Prints the command word (add when the first word is a page's text) and how many words follow
# it; fails when there is no word yet.
function __balance_journal_command
    set -l tokens (commandline -opc)
    set -l i 2
    set -l word
    set -l after 0
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        if contains -- $token $__balance_journal_valued; or test "$token" = --prompt -a "$word" = edit
            set i (math $i + 2)
            continue
        end
        if not string match -q -r -- '^-.' $token
            if test -z "$word"
                set word $token
                contains -- $token $__balance_journal_commands; or begin
                    set word add
                    set after 1
                end
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

function __balance_journal_needs_command
    not __balance_journal_command >/dev/null
end

# True when the command word is one of the arguments; "" stands for none yet (which means add).
function __balance_journal_is
    set -l found (__balance_journal_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    contains -- "$word" $argv
end

# True when the command word is one of the arguments and no argument follows it yet.
function __balance_journal_needs_argument
    set -l found (__balance_journal_command); or return 1
    contains -- $found[1] $argv; and test $found[2] -eq 0
end

# The value of an option on the line (its forms are the arguments), with ~ expanded.
function __balance_journal_option_value
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

# Runs balance-journal with the -C and --as given on the line, so it reads the same repository.
function __balance_journal_run
    set -l tokens (commandline -opc)
    set -l program balance-journal
    test -n "$tokens[1]"; and set program (string replace -r -- '^~(?=/)' $HOME $tokens[1])
    command -q $program; or test -x "$program"; or return 1
    set -l args
    set -l dir (__balance_journal_option_value -C --dir); and set -a args -C $dir
    set -l as (__balance_journal_option_value --as); and set -a args --as $as
    command $program $args $argv 2>/dev/null </dev/null
end

# The repository the line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_journal_repo
    set -l dir (__balance_journal_option_value -C --dir)
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
function __balance_journal_people
    set -l dir (__balance_journal_repo)
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

# Ids of my pages and of the shared ones, described by their date and first line.
function __balance_journal_ids
    for lines in (__balance_journal_run list -n 0 --format tsv | string collect) (__balance_journal_run list --shared -n 0 --format tsv | string collect)
        set -l rows (string split \n -- $lines)
        set -q rows[1]; or continue
        set -l header (string split \t -- $rows[1])
        set -l c_id (contains -i -- id $header); or continue
        set -l c_at (contains -i -- at $header)
        set -l c_text (contains -i -- text $header)
        for row in $rows[2..-1]
            set -l fields (string split \t -- $row)
            printf '%s\t%s %s\n' $fields[$c_id] (string sub -l 10 -- $fields[$c_at]) $fields[$c_text]
        end
    end
end

# The tags of the pages this person can see.
function __balance_journal_tags
    set -l rows (__balance_journal_run list -n 0 --format tsv); or return
    set -q rows[1]; or return
    set -l header (string split \t -- $rows[1])
    set -l c_tags (contains -i -- tags $header); or return
    for row in $rows[2..-1]
        set -l fields (string split \t -- $row)
        string split ' ' -- $fields[$c_tags]
    end | string match -v '' | sort -u
end

# The keys of the prompt deck, described by their words.
function __balance_journal_prompt_keys
    __balance_journal_run prompts | string replace -r -- '^(\S+)\s+' '$1\t'
end

# The formats the command word prints.
function __balance_journal_formats
    set -l found (__balance_journal_command)
    set -l word ''
    set -q found[1]; and set word $found[1]
    switch $word
        case list on-this-day
            printf '%s\n' text json toml csv tsv markdown
        case show
            printf '%s\n' text json toml
        case export
            printf '%s\n' markdown
        case '*'
            printf '%s\n' text json
    end
end

complete -c balance-journal -e
complete -c balance-journal -f

# Options every balance tool accepts, before or after the command word.
complete -c balance-journal -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance-journal -l as -x -a '(__balance_journal_people)' -d 'Act as person NAME'
complete -c balance-journal -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance-journal -l format -x -a '(__balance_journal_formats)' -d 'Output format'
complete -c balance-journal -s q -l quiet -d 'No confirmations or hints on stderr'
complete -c balance-journal -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance-journal -s h -l help -d 'Print help and exit'
complete -c balance-journal -n __balance_journal_needs_command -l version -d 'Print the version and exit'

# The command word.
set -l needs __balance_journal_needs_command
complete -c balance-journal -n $needs -a add -d 'Add a page (private unless --shared)'
complete -c balance-journal -n $needs -a list -d 'List your pages, or the shared ones with --shared'
complete -c balance-journal -n $needs -a show -d 'Show one page'
complete -c balance-journal -n $needs -a edit -d 'Change a page'
complete -c balance-journal -n $needs -a rm -d 'Remove a page'
complete -c balance-journal -n $needs -a on-this-day -d 'Pages from this day in earlier months and years'
complete -c balance-journal -n $needs -a prompt -d "Today's prompt (the same for both of you)"
complete -c balance-journal -n $needs -a prompts -d 'The whole prompt deck'
complete -c balance-journal -n $needs -a export -d 'Your pages (or the shared ones) as one markdown document'
complete -c balance-journal -n $needs -a import -d "Import jrnl's plain-text export"

set -l whens 'now today yesterday'
set -l adding '__balance_journal_is "" add'
complete -c balance-journal -n "$adding" -l tag -x -a '(__balance_journal_tags)' -d 'A tag; repeat for more'
complete -c balance-journal -n "$adding" -l at -x -a $whens -d 'When (default now)'
complete -c balance-journal -n "$adding" -l mood -x -a '1 2 3 4 5' -d 'How you feel, 1 to 5'
complete -c balance-journal -n "$adding" -l prompt -d "Answer today's prompt"
complete -c balance-journal -n "$adding" -l shared -d "Write to the couple's shared journal"
complete -c balance-journal -n "$adding" -l from -r -F -d 'Import pages from FILE or -'
complete -c balance-journal -n '__balance_journal_is "" add rm import' -l dry-run -d 'Say what would change, change nothing'

# list and on-this-day.
set -l list '__balance_journal_is list'
complete -c balance-journal -n $list -l period -x -a 'today yesterday this-week last-week this-month last-month this-year last-year all 7d 28d' -d 'The period to list (default all)'
complete -c balance-journal -n $list -l since -x -a $whens -d 'From WHEN'
complete -c balance-journal -n $list -l until -x -a $whens -d 'Until WHEN'
complete -c balance-journal -n $list -l grep -x -d 'Only pages whose words hold TEXT'
complete -c balance-journal -n $list -l tag -x -a '(__balance_journal_tags)' -d 'Only pages tagged T'
complete -c balance-journal -n $list -s n -l limit -x -d 'The N latest (default 10; 0: all)'
complete -c balance-journal -n $list -l reverse -d 'Newest first'
complete -c balance-journal -n '__balance_journal_is list on-this-day export' -l shared -d "Only the couple's shared pages"
complete -c balance-journal -n '__balance_journal_is on-this-day' -l years -x -d 'How many years back (default 10)'

# show, edit and rm take a page id.
complete -c balance-journal -n '__balance_journal_needs_argument show edit rm' -x -a '(__balance_journal_ids)'
set -l edit '__balance_journal_is edit'
complete -c balance-journal -n $edit -l text -x -d "The page's words"
complete -c balance-journal -n $edit -l mood -x -a '1 2 3 4 5' -d 'How you felt, 1 to 5'
complete -c balance-journal -n $edit -l prompt -x -a '(__balance_journal_prompt_keys)' -d 'The key of the prompt it answers'
complete -c balance-journal -n $edit -l tag -x -a '(__balance_journal_tags)' -d 'Replace the tags; repeat for more'
complete -c balance-journal -n $edit -l at -x -a $whens -d 'When it was written'

# import.
complete -c balance-journal -n '__balance_journal_is import' -l jrnl -r -F -d "jrnl's plain-text export"
complete -c balance-journal -n '__balance_journal_is import' -l jrnl-timeformat -x -d "jrnl's timeformat (default %F %r)"
