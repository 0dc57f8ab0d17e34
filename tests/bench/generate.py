#!/usr/bin/env python3
"""Writes a realistic balance repository for benchmarks, the same every time for the same seed.

    python3 tests/bench/generate.py DIR [--years N] [--per-month N] [--people N] [--seed S]

DIR must not exist yet. The repository ends in November 2026 and goes back --years years. Each
person gets --per-month ledger entries a month (all six kinds, mixed as a couple's would be), a
check-in about every week, a boundary every few months (about 100 in all over ten years for two
people) and events on them (about 2,000). Everything passes `balance check`. The defaults (10
years, 416 entries a month, 2 people) give 99,840 entries in 120 month files per person, about
13 MB of TOML.

The same ledger as a ledger-cli journal comes from `balance-ledger export --format ledger`; the
benchmark runner writes it.
"""
import argparse
import os
import random
import sys

KINDS = [  # (kind, share of entries)
    ("chore", 40), ("invisible", 16), ("choice", 18), ("solo", 12), ("together", 10), ("sacrifice", 4)]
WHAT = {
    "chore": ["dishes", "laundry", "groceries", "cleaned the bathroom", "took out the bins", "hoovered",
              "cooked dinner", "ironing", "watered the plants", "changed the sheets"],
    "invisible": ["planned the week's meals", "remembered the dentist", "booked the vet", "birthday present for mum",
                  "sorted the insurance letter", "renewed the passports"],
    "choice": ["Thai", "pizza", "the new series", "a walk by the river", "burgers at home", "sushi", "a film at the cinema"],
    "solo": ["climbing", "football with friends", "a long run", "reading in the park", "choir practice"],
    "together": ["dinner out", "a day at the lake", "board games", "cooked together", "visited friends"],
    "sacrifice": ["skipped the match for the family visit", "moved my evening plans", "gave up the weekend trip"],
}
TOPICS = {"Thai": "dinner", "pizza": "dinner", "sushi": "dinner", "burgers at home": "dinner",
          "the new series": "movie", "a film at the cinema": "movie", "a walk by the river": "weekend"}
TAGS = ["house", "kids", "money", "work", "family", "health"]
FEELINGS = ["I feel heard when we plan the week together", "I feel rushed in the mornings",
            "I feel close to you after our walks", "I feel tired, and I'd like more help with the evenings"]
EVENT_KINDS = [("respected", 60), ("crossed", 12), ("reviewed", 14), ("gave-in", 8), ("space", 6)]


def pick(rng, weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for item, w in weighted:
        x -= w
        if x <= 0:
            return item
    return weighted[-1][0]


def offset(year, month, day):
    """Europe/Berlin's offset on that day (DST from the last Sunday of March to that of October)."""
    import datetime
    def last_sunday(m):
        d = datetime.date(year, m, 31)
        return d - datetime.timedelta(days=(d.weekday() + 1) % 7)
    d = datetime.date(year, month, day)
    return "+02:00" if last_sunday(3) <= d < last_sunday(10) else "+01:00"


def stamp(year, month, day, minute_of_day):
    return "%04d-%02d-%02dT%02d:%02d:00%s" % (year, month, day, minute_of_day // 60, minute_of_day % 60,
                                              offset(year, month, day))


def days_in(year, month):
    import calendar
    return calendar.monthrange(year, month)[1]


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ids:
    def __init__(self, rng):
        self.rng, self.seen = rng, set()

    def new(self):
        while True:
            i = "%012x" % self.rng.getrandbits(48)
            if i not in self.seen and not i.isdigit():
                self.seen.add(i)
                return i


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--per-month", type=int, default=416, help="ledger entries per person and month")
    ap.add_argument("--people", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if os.path.exists(a.dir):
        sys.exit("generate.py: %s exists already" % a.dir)
    if a.years < 1 or a.per_month < 0 or not 1 <= a.people <= 26:
        sys.exit("generate.py: --years 1 or more, --per-month 0 or more, --people 1 to 26")
    rng = random.Random(a.seed)
    make_id = ids(rng)
    names = ["alex", "sam", "kim", "robin", "jo", "max", "noa", "eli", "ari", "lee", "mika", "sky", "pat",
             "ray", "sol", "val", "wren", "yan", "zoe", "bo", "cy", "dee", "fin", "gus", "hal", "ivy"][:a.people]
    os.makedirs(a.dir)
    with open(os.path.join(a.dir, "balance.toml"), "w") as f:
        f.write("# written by tests/bench/generate.py --seed %d\nversion = 1\nid = \"%012x\"\n"
                "timezone = \"Europe/Berlin\"\nweek_start = \"monday\"\n\n" % (a.seed, rng.getrandbits(48)))
        for n in names:
            f.write("[[person]]\nname = %s\n\n" % quote(n))
        f.write("[checkin]\ncadence = \"weekly\"\n\n[remind]\nturns = [\"dinner\", \"movie\"]\n\n"
                "[git]\nautocommit = false\n")
    end_year, end_month = 2026, 11
    months = []
    y, m = end_year, end_month
    for _ in range(a.years * 12):
        months.append((y, m))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    months.reverse()
    counts = {"entries": 0, "checkins": 0, "boundaries": 0, "events": 0}
    boundaries = {n: [] for n in names}  # owner → [(id, since (y, m))]
    for month_index, (y, m) in enumerate(months):
        ndays = days_in(y, m)
        for n in names:
            others = [o for o in names if o != n] or [n]
            # Ledger: times spread over the month, written in time order as balance does.
            times = sorted((rng.randrange(1, ndays + 1), rng.randrange(7 * 60, 23 * 60)) for _ in range(a.per_month))
            out = []
            for day, minute in times:
                kind = pick(rng, KINDS)
                what = rng.choice(WHAT[kind])
                rec = ["[[entry]]", "id = %s" % quote(make_id.new()), "at = %s" % stamp(y, m, day, minute),
                       "who = %s" % quote(n), "kind = %s" % quote(kind), "what = %s" % quote(what)]
                if kind == "choice":
                    rec.append("topic = %s" % quote(TOPICS.get(what, "weekend")))
                if kind in ("chore", "invisible", "solo", "together") and rng.random() < 0.6:
                    rec.append("minutes = %d" % rng.choice([10, 15, 20, 30, 45, 60, 90, 120]))
                if kind in ("chore", "invisible") and rng.random() < 0.2:
                    rec.append("weight = %s" % rng.choice(["0.5", "1.5", "2"]))
                if rng.random() < 0.3:
                    rec.append("tags = [%s]" % quote(rng.choice(TAGS)))
                out.append("\n".join(rec) + "\n")
            counts["entries"] += len(out)
            if out:
                d = os.path.join(a.dir, "ledger", n)
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "%04d-%02d.toml" % (y, m)), "w") as f:
                    f.write("\n".join(out))
            # Check-ins: about weekly, on Sunday evenings, some weeks missed.
            out = []
            for day in range(1, ndays + 1):
                import datetime
                if datetime.date(y, m, day).weekday() != 6 or rng.random() < 0.06:
                    continue
                rec = ["[[checkin]]", "id = %s" % quote(make_id.new()), "at = %s" % stamp(y, m, day, 20 * 60 + rng.randrange(60)),
                       "who = %s" % quote(n)]
                for key in ("heard", "space", "honest", "shared", "kind", "mood"):
                    rec.append("%s = %d" % (key, min(5, max(1, round(rng.gauss(3.8, 0.8))))))
                if rng.random() < 0.5:
                    rec.append("feeling = %s" % quote(rng.choice(FEELINGS)))
                out.append("\n".join(rec) + "\n")
            counts["checkins"] += len(out)
            if out:
                d = os.path.join(a.dir, "checkins", n)
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "%04d-%02d.toml" % (y, m)), "w") as f:
                    f.write("\n".join(out))
            # A new boundary now and then: about five a year for each person.
            if rng.random() < 0.42:
                boundaries[n].append((make_id.new(), stamp(y, m, 1, 20 * 60), (y, m),
                                      "I need some quiet after work, number %d" % (len(boundaries[n]) + 1)))
            # Events on the boundaries of this owner, kept in the owner's month file.
            out = []
            live = boundaries[n]
            for _ in range(rng.randrange(4, 13) if live else 0):
                bid, _, since, _ = rng.choice(live)
                day = rng.randrange(2, ndays + 1)
                kind = pick(rng, EVENT_KINDS)
                actor = n if kind in ("reviewed", "gave-in", "space") else rng.choice(others)
                rec = ["[[event]]", "id = %s" % quote(make_id.new()), "at = %s" % stamp(y, m, day, 19 * 60),
                       "kind = %s" % quote(kind)]
                if kind != "space" and kind != "gave-in":
                    rec.append("boundary = %s" % quote(bid))
                rec.append("who = %s" % quote(actor))
                if kind == "space":
                    rec.append("minutes = %d" % rng.choice([30, 60, 120]))
                out.append((day, "\n".join(rec) + "\n"))
            out.sort(key=lambda e: e[0])
            counts["events"] += len(out)
            if out:
                d = os.path.join(a.dir, "boundaries", n)
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "%04d-%02d.toml" % (y, m)), "w") as f:
                    f.write("\n".join(text for _, text in out))
    for n in names:
        if not boundaries[n]:
            continue
        counts["boundaries"] += len(boundaries[n])
        os.makedirs(os.path.join(a.dir, "boundaries"), exist_ok=True)
        with open(os.path.join(a.dir, "boundaries", n + ".toml"), "w") as f:
            f.write("\n".join("[[boundary]]\nid = %s\nat = %s\nwho = %s\ntext = %s\nreview = \"monthly\"\nstatus = \"active\"\n"
                              % (quote(bid), quote_at, quote(n), quote(text)) for bid, quote_at, _, text in boundaries[n]))
    print("generate.py: %s: %d people, %d years: %d entries, %d check-ins, %d boundaries, %d events"
          % (a.dir, len(names), a.years, counts["entries"], counts["checkins"], counts["boundaries"], counts["events"]))


if __name__ == "__main__":
    main()
