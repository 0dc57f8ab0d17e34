#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/ from examples/ and from the broken files
of tests/cli/reliability_test.cpp. Run it from anywhere; it rewrites only the seed-* files, so
crash reproducers added by hand (crash-*, named after the bug) stay."""
import pathlib

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "tests/fuzz/corpus"
example = root / "examples/couple"

# fuzz_record_file: the first byte picks the path, byte % 20 is the index into its table.
PATH_BYTE = {"ledger/alex/2026-11.toml": "P", "checkins/alex/2026-11.toml": "Q", "boundaries/alex.toml": "R",
             "boundaries/sam/2026-11.toml": "S", "ledger/alex/2026-03.toml": "T", "agreements/alex.toml": "Z",
             "agreements/sam/2026-11.toml": "[", "appreciations/alex/2026-11.toml": "\\", "repairs/sam/2026-11.toml": "]",
             "talks/sam/2026-11.toml": "c", "journal/alex/2026-11.toml": "N",
             "private/journal/alex/2026-11.toml": "O"}
# A byte >= 128 turns on strict mode (unknown keys are errors): 0xb4 is 180, index 0, strict.


def entry(fields):
    return '[[entry]]\nid = "aaaaaaaaaaaa"\nat = 2026-11-02T08:00:00+01:00\n' + fields


E = '[[entry]]\nid = "aaaaaaaaaaaa"\n'
broken = {
    "unterminated-string": entry('who = "alex\nkind = "chore"\nwhat = "x"\n'),
    "bracket-alone": "[\n",
    "invalid-utf8": entry('who = "alex"\nkind = "chore"\nwhat = "\xc3\x28"\n'),
    "lone-cr": "[[entry]]\rid = 1\n",
    "nul-byte": '[[entry]]\nwhat = "a\0b"\n',
    "conflict-markers": "<<<<<<< ours\n" + entry('who = "alex"\n') + "=======\n>>>>>>> theirs\n",
    "deep-nesting": "x = " + "[" * 300 + "\n",
    "dotted-key": "a" + ".a" * 80 + " = 1\n",
    "dotted-header": "[a" + ".a" * 80 + "]\n",
    "wrong-type": entry('who = "alex"\nkind = "chore"\nwhat = 42\n'),
    "weight-string": entry('who = "alex"\nkind = "chore"\nwhat = "x"\nweight = "2"\n'),
    "minutes-float": entry('who = "alex"\nkind = "chore"\nwhat = "x"\nminutes = 2.5\n'),
    "feb-30": E + 'at = 2026-02-30T08:00:00+01:00\nwho = "alex"\nkind = "chore"\nwhat = "x"\n',
    "offset-25": E + 'at = 2026-11-02T08:00:00+25:00\nwho = "alex"\nkind = "chore"\nwhat = "x"\n',
    "date-only": E + 'at = 2026-11-02\nwho = "alex"\nkind = "chore"\nwhat = "x"\n',
    "unknown-person": entry('who = "bob"\nkind = "chore"\nwhat = "x"\n'),
    "unknown-kind": entry('who = "alex"\nkind = "chores"\nwhat = "x"\n'),
    "choice-no-topic": entry('who = "alex"\nkind = "choice"\nwhat = "x"\n'),
    "zero-weight": entry('who = "alex"\nkind = "chore"\nwhat = "x"\nweight = 0\n'),
    "negative-minutes": entry('who = "alex"\nkind = "chore"\nwhat = "x"\nminutes = -3\n'),
    "duplicate-ids": entry('who = "alex"\nkind = "chore"\nwhat = "x"\n') + "\n" + entry('who = "alex"\nkind = "chore"\nwhat = "y"\n'),
    "id-slash": '[[entry]]\nid = "../../etc/pw"\nat = 2026-11-02T08:00:00+01:00\nwho = "alex"\nkind = "chore"\nwhat = "x"\n',
    "missing-id": '[[entry]]\nat = 2026-11-02T08:00:00+01:00\nwho = "alex"\nkind = "chore"\nwhat = "x"\n',
    "missing-at": E + 'who = "alex"\nkind = "chore"\nwhat = "x"\n',
    "wrong-month": E + 'at = 2026-10-02T08:00:00+02:00\nwho = "alex"\nkind = "chore"\nwhat = "x"\n',
    "other-type": '[[checkin]]\nid = "aaaaaaaaaaaa"\n',
    "inline-record": 'entry = [{ id = "aaaaaaaaaaaa" }]\n',
    "control-char": entry('who = "alex"\nkind = "chore"\nwhat = "x\\u001b[2J"\n'),
}


def write(target, name, text):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / ("seed-" + name)).write_bytes(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)


for d in out.glob("*/seed-*"):
    d.unlink()

# fuzz_record_file
first = lambda f: (f.read_text().split("\n\n[[")[0] + "\n")
write("fuzz_record_file", "ledger", b"P" + (example / "ledger/alex/2026-11.toml").read_bytes())
write("fuzz_record_file", "checkins", b"Q" + (example / "checkins/alex/2026-11.toml").read_bytes())
write("fuzz_record_file", "boundaries", b"R" + (example / "boundaries/alex.toml").read_bytes())
write("fuzz_record_file", "events", b"S" + (example / "boundaries/sam/2026-11.toml").read_bytes())
write("fuzz_record_file", "ledger-strict", b"\xb4" + first(example / "ledger/alex/2026-11.toml").encode())
for name, text in broken.items():
    write("fuzz_record_file", name, b"P" + text.encode("utf-8", "surrogateescape").replace("\xc3\x28".encode(), b"\xc3\x28"))
agreement = ('[[agreement]]\nid = "a00000000001"\nat = 2026-11-01T19:00:00+01:00\nwho = "alex"\n'
             'text = "We put our phones away at dinner"\nreview = "biweekly"\nstatus = "done"\n'
             'closed = 2026-11-20T08:00:00+01:00\ntags = ["dinner"]\n')
review = ('[[review]]\nid = "d00000000001"\nat = 2026-11-15T20:00:00+01:00\nwho = "sam"\nagreement = "a00000000001"\n'
          'outcome = "not-yet"\nnote = "one evening of three"\n')
appreciation = ('[[appreciation]]\nid = "f00000000001"\nat = 2026-11-21T09:00:00+01:00\nwho = "alex"\nfor = "sam"\n'
                'text = "the school form"\nentry = "e00000000001"\n')
repair = '[[repair]]\nid = "c00000000001"\nat = 2026-11-21T22:00:00+01:00\nwho = "sam"\ntext = "a hug"\nhumour = true\n'
write("fuzz_record_file", "agreements", b"Z" + agreement.encode())
write("fuzz_record_file", "reviews", b"[" + review.encode())
write("fuzz_record_file", "appreciations", b"\\" + appreciation.encode())
write("fuzz_record_file", "repairs", b"]" + repair.encode())
talk = ('[[talk]]\nid = "b00000000001"\nat = 2026-11-22T19:00:00+01:00\nwho = "sam"\nwith = ["alex", "sam"]\n'
        'minutes = { alex = 6.5, sam = 5 }\ntopic = "who plans the weekends"\nsign = "one-chooser"\n'
        'agreement = "a00000000001"\nappreciations = 4\ntags = ["weekly"]\n')
write("fuzz_record_file", "talks", b"c" + talk.encode())
write("fuzz_record_file", "talk-minutes-outsider", b"c" + talk.replace("sam = 5", "bob = 5").encode())
# A journal page with a multi-line text: quotes, a tab, a backslash, emoji ('N' shared, 'O' private).
page = ('[[page]]\nid = "b10000000001"\nat = 2026-11-21T22:00:00+01:00\nwho = "alex"\ntext = """\n'
        'A walk by the river.\n\tShe said "yes" \\\\ \U0001F331\n\\""""\ntags = ["dream"]\nmood = 4\nprompt = "heard-lately"\n')
write("fuzz_record_file", "journal", b"N" + page.encode())
write("fuzz_record_file", "journal-private", b"O" + page.encode())
write("fuzz_record_file", "journal-unclosed", b"N" + page.replace('"""\ntags', '\ntags').encode())
write("fuzz_record_file", "dst-gap", b"T" + (E + 'at = 2026-03-29T02:30:00\nwho = "alex"\nkind = "chore"\nwhat = "x"\n').encode())

# fuzz_settings
write("fuzz_settings", "example", (example / "balance.toml").read_bytes())
write("fuzz_settings", "minimal", b'version = 1\ntimezone = "Europe/Berlin"\n[[person]]\nname = "alex"\n[[person]]\nname = "sam"\n')
write("fuzz_settings", "full", b'version = 1\nid = "abcd-1234"\nweek_start = "sunday"\n[[person]]\nname = "alex"\n'
      b'[[person]]\nname = "sam"\n[checkin]\ncadence = "every 10 days"\n[[checkin.dimension]]\nkey = "heard"\n'
      b'question = "Did you feel heard?"\nlow = "no"\nhigh = "yes"\n[ledger.target]\nchore = { alex = 0.6, sam = 0.4 }\n'
      b'[boundaries]\nreview = "every month on 31"\n[signs]\nlow_rating = 2.0\nmin_checkins = 2\n[git]\nautocommit = true\n'
      b'[remind]\nturns = ["dinner"]\nfuture_key = 1\n')
write("fuzz_settings", "bad-targets", b'version = 1\n[[person]]\nname = "alex"\n[[person]]\nname = "sam"\n[ledger.target]\nchore = { alex = 0.7, sam = 0.7 }\n')
write("fuzz_settings", "too-new", b'version = 99\n[[person]]\nname = "alex"\n')

# fuzz_grammar: byte % 4 picks WHEN (0), PERIOD (1), CADENCE (2), DURATION (3).
words = {0: ["now", "today", "yesterday 21:30", "19:30", "2026-11-02", "2026-11-02 08:00:05", "2026-11-02T08:00+14:00",
             "2026-10-25T02:30", "2026-03-29 02:30", "-3d", "-90m", "-2w", "2026-11-02T08:00:00Z"],
         1: ["today", "this-week", "last-month", "last-year", "all", "2026", "2026-11", "2026-11-22", "2026-W01", "2026-W53",
             "2026-Q4", "28d", "4w", "3mo", "1y", "2026-01..2026-03", "2026-11-01..", "..2026-11-20 10:00", "-3d..now"],
         2: ["daily", "weekly", "biweekly", "monthly", "every 10 days", "every sunday", "every month on 31", "off"],
         3: ["30m", "2h", "1d", "1w", "45", "0", "99999999999999999999m"]}
for kind, items in words.items():
    for i, w in enumerate(items):
        write("fuzz_grammar", f"{kind}-{i}", bytes([ord("0") + kind]) + w.encode())  # '0' is 48, 48 % 4 == 0

# fuzz_import: byte % 10 picks checkin, entry, boundary, event (0-3), any type (4), or agreement
# (5, which takes reviews, appreciations, repairs and talks too), review, appreciation, repair, talk (6-9).
entry_json = ('[\n  {"type":"entry","id":"aaaaaaaaaaaa","at":"2026-11-02T08:00:00+01:00","who":"sam","kind":"chore",'
              '"what":"bins, \\"big\\" ones","weight":1,"tags":["house","weekly"],"author":"sam","private":false},\n'
              '  {"type":"entry","id":"bbbbbbbbbbbb","at":"2026-11-03T09:15:00+01:00","who":"alex","kind":"choice",'
              '"what":"Thai","topic":"food","note":"line one\\nline two","author":"alex","private":true}\n]\n')
entry_csv = ('id,at,who,kind,what,topic,weight,minutes,for,tags,note,author,private\r\n'
             'aaaaaaaaaaaa,2026-11-02T08:00:00+01:00,sam,chore,"bins, ""big"" ones",,1,,,house weekly,,sam,false\r\n'
             'bbbbbbbbbbbb,2026-11-03T09:15:00+01:00,alex,choice,Thai,food,,,,,"line one\nline two",alex,true\r\n')
entry_tsv = ('id\tat\twho\tkind\twhat\ttopic\tweight\tminutes\tfor\ttags\tnote\tauthor\tprivate\n'
             'aaaaaaaaaaaa\t2026-11-02T08:00:00+01:00\tsam\tchore\tbins\t\t1\t30\t\thouse weekly\tline one\\nline two\tsam\tfalse\n')
checkin_json = ('[{"type":"checkin","id":"c642281cdb93","at":"2026-10-04T21:00:00+02:00","who":"alex","heard":4,'
                '"space":3,"honest":4,"shared":3,"kind":4,"mood":3,"feeling":"stretched","tags":["work"],"author":"alex","private":false}]\n')
write("fuzz_import", "entry-json", b"\x01" + entry_json.encode())
write("fuzz_import", "entry-csv", b"\x01" + entry_csv.encode())
write("fuzz_import", "entry-tsv", b"\x01" + entry_tsv.encode())
write("fuzz_import", "entry-toml", b"\x01" + (example / "ledger/alex/2026-11.toml").read_bytes())
write("fuzz_import", "checkin-json", b"\x00" + checkin_json.encode())
write("fuzz_import", "any-json", b"\x04" + entry_json.encode())
write("fuzz_import", "any-toml", b"\x04" + (example / "boundaries/alex.toml").read_bytes())
write("fuzz_import", "talk-toml", b"\x05" + (agreement + "\n" + review + "\n" + repair).encode())
write("fuzz_import", "repair-json", b"\x05" + b'[{"type":"repair","at":"2026-11-21T22:00:00+01:00","who":"sam","humour":false}]')
write("fuzz_import", "review-csv", b"\x05" + b"id,at,who,agreement,outcome,note\nd00000000002,2026-11-16T20:00:00+01:00,sam,a00000000001,kept,\n")
write("fuzz_import", "talk-json", b"\x05" + b'[{"type":"talk","at":"2026-11-22T19:00:00+01:00","who":"sam",'
      b'"with":["alex","sam"],"minutes":{"alex":6.5,"sam":5},"topic":"weekends","appreciations":4}]')
write("fuzz_import", "talk-csv", b"\x09" + b"id,at,who,with,minutes,topic,sign,agreement,appreciations,note,tags\n"
      b"b00000000002,2026-11-29T19:00:00+01:00,alex,alex sam,alex=6.5 sam=5,weekends,one-chooser,,3,,\n")
write("fuzz_import", "page-toml", b"O" + page.encode())
write("fuzz_import", "page-json", b"O" + b'[{"type":"page","at":"2026-11-21T22:00:00+01:00","text":"two\\nlines \\"q\\"","tags":["dream"]}]')
write("fuzz_import", "bad-json", b"\x01" + b"[{,]")
write("fuzz_import", "bad-csv-column", b"\x01" + b"id,at,wat\n")
write("fuzz_import", "negative-weight", b"\x01" + b'[{"type":"entry","at":"2026-11-02T08:00:00+01:00","who":"sam","kind":"chore","what":"x","weight":-1}]')

# fuzz_merge: BASE %%%%\n OURS %%%%\n THEIRS
sep = "%%%%\n"
base = (example / "ledger/alex/2026-11.toml").read_text()
records = base.split("\n\n")
ours = "\n\n".join(records[:-1]) + "\n\n" + entry('who = "alex"\nkind = "chore"\nwhat = "ours added"\n')
theirs = base.replace('kind = "chore"', 'kind = "chore"\nweight = 2', 1)
conflict = base.replace('kind = "chore"', 'kind = "chore"\nweight = 3', 1)
write("fuzz_merge", "add-remove-change", (base + sep + ours + sep + theirs).encode())
write("fuzz_merge", "conflict", (base + sep + conflict + sep + theirs).encode())
write("fuzz_merge", "empty-base", (sep + ours + sep + theirs).encode())
write("fuzz_merge", "crlf", (base + sep + ours.replace("\n", "\r\n") + sep + theirs).encode())
write("fuzz_merge", "broken-side", (base + sep + "[\n" + sep + theirs).encode())
