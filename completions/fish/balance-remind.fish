# fish completion for balance-remind(1), the reminders of balance.
#
# Installed as share/fish/vendor_completions.d/balance-remind.fish; fish loads it the first time
# you complete `balance-remind`, and the front door's completion hands `balance remind …` to it
# (as `balance-remind [options before remind] [words after it]`). It needs nothing from
# balance.fish. People for --who and --as are read from balance.toml when you press TAB.

# The repository the line points at: -C/--dir, BALANCE_DIR, the nearest ancestor holding
# balance.toml, then `dir` in the user config.
function __balance_remind_repo
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
function __balance_remind_people
    set -l dir (__balance_remind_repo)
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

complete -c balance-remind -e
complete -c balance-remind -f

complete -c balance-remind -s C -l dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Use the balance repository in DIR'
complete -c balance-remind -l as -x -a '(__balance_remind_people)' -d 'Act as person NAME'
complete -c balance-remind -l color -x -a 'auto always never' -d 'When to use colour'
complete -c balance-remind -s q -l quiet -d 'No warnings on stderr'
complete -c balance-remind -l no-cache -d 'Parse every file; neither read nor write the record cache'
complete -c balance-remind -s h -l help -d 'Print help and exit'
complete -c balance-remind -l version -d 'Print the version and exit'
complete -c balance-remind -l format -x -a 'text json' -d 'Output format'
complete -c balance-remind -l who -x -a '(__balance_remind_people)' -d 'Only what is due for NAME (default: me)'
complete -c balance-remind -l all -d 'What is due for everyone'
