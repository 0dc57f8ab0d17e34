#!/usr/bin/env python3
"""Times balance's commands on a generated repository, side by side with ledger-cli (and hledger).

    python3 tests/bench/run.py --bin BUILD/bin --work DIR [--runs N] [--quick] [--huge]

Generates the repositories once into DIR (tests/bench/generate.py; kept between runs), writes the
same ledger as a journal with `balance-ledger export --format ledger`, then runs every command
once to warm up and --runs times more through tests/bench/measure.cpp, and prints a table of the
median wall time and the peak resident memory of the child (from wait4, so each row is that one
process, not the largest child so far). Ratios compare with ledger-cli measured in the same run.

--quick is for CI: a one-year repository, one timed run, and a failure only when a command fails
(exits non-zero or is killed), never because of time. --huge adds the 100-year row (1M entries;
about 30 s to generate and 160 MB of files).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "2026-12-01T12:00:00+01:00"  # "last month" is November 2026, the repository's last month


def environment(home):
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
           "XDG_DATA_HOME": os.path.join(home, ".local", "share"), "XDG_CACHE_HOME": os.path.join(home, ".cache"),
           "BALANCE_NOW": NOW, "BALANCE_USER": "alex",
           "LC_ALL": "C.UTF-8", "TZ": "Europe/Berlin"}
    return env


def launcher(work):
    """tests/bench/measure.cpp, compiled once into the work directory."""
    exe = os.path.join(work, "measure")
    src = os.path.join(HERE, "measure.cpp")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        subprocess.run([os.environ.get("CXX", "c++"), "-O2", "-std=c++20", "-o", exe, src], check=True)
    return exe


MEASURE = None


def measure(argv, cwd, env, runs, warmup=1):
    """Median wall seconds and the largest peak RSS (KiB) of `runs` runs after `warmup` more."""
    proc = subprocess.run([MEASURE, str(runs + warmup), cwd] + argv, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("%s in %s:\n%s" % (" ".join(argv), cwd, proc.stderr[-2000:]))
    samples = [tuple(int(x) for x in line.split()) for line in proc.stdout.splitlines()][warmup:]
    return statistics.median(s[0] for s in samples) / 1e9, max(s[1] for s in samples)


def generate(work, years, per_month=416):
    repo = os.path.join(work, "repo-%dy" % years)
    if not os.path.exists(os.path.join(repo, "balance.toml")):
        if os.path.exists(repo):
            shutil.rmtree(repo)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), repo, "--years", str(years),
                        "--per-month", str(per_month)], check=True)
    return repo


def journal(bin_dir, repo, env):
    path = repo + ".journal"
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as f:
            subprocess.run([os.path.join(bin_dir, "balance-ledger"), "export", "--format", "ledger", "--period", "all"],
                           cwd=repo, env=env, stdout=f, check=True)
        os.rename(path + ".tmp", path)
    return path


def ms(seconds):
    return "%.1f ms" % (seconds * 1000)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the build's bin/ directory (a Release build)")
    ap.add_argument("--work", required=True, help="where the generated repositories are kept")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--huge", action="store_true")
    a = ap.parse_args()
    bin_dir = os.path.abspath(a.bin)
    for tool in ("balance", "balance-ledger", "balance-report", "balance-checkin", "balance-boundaries"):
        if not os.access(os.path.join(bin_dir, tool), os.X_OK):
            sys.exit("run.py: %s is not built in %s" % (tool, bin_dir))
    a.work = os.path.abspath(a.work)
    os.makedirs(a.work, exist_ok=True)
    global MEASURE
    MEASURE = launcher(a.work)
    runs = 1 if a.quick else a.runs
    home = tempfile.mkdtemp(prefix="balance-bench-home-")
    env = environment(home)
    tool = lambda name: os.path.join(bin_dir, name)
    main_years = 1 if a.quick else 10
    repo = generate(a.work, main_years)
    rows = []  # (what, median seconds, peak KiB, ratio text)

    def row(what, argv, cwd=repo, ratio_to=None):
        wall, rss = measure(argv, cwd, env, runs)
        rows.append([what, wall, rss, ratio_to])
        return wall

    try:
        jfile = journal(bin_dir, repo, env)
        ledger = shutil.which("ledger")
        hledger = shutil.which("hledger")
        base = row("ledger -f same.journal balance (ledger-cli)", [ledger, "-f", jfile, "balance"]) if ledger else None
        if hledger:
            row("hledger -f same.journal balance", [hledger, "-f", jfile, "balance"])
        row("balance --version", [tool("balance"), "--version"])
        # Writes go to a copy, so the read rows see the generated repository as it is.
        scratch = os.path.join(a.work, "scratch")
        if os.path.exists(scratch):
            shutil.rmtree(scratch)
        shutil.copytree(repo, scratch)
        for kind in ("chore", "invisible", "solo", "together", "sacrifice"):
            row("balance-ledger add %s" % kind, [tool("balance-ledger"), "-q", "add", kind, "bench"], cwd=scratch)
        row("balance-ledger add choice", [tool("balance-ledger"), "-q", "add", "choice", "bench", "--topic", "dinner"], cwd=scratch)
        row("balance-checkin (add)", [tool("balance-checkin"), "-q", "--heard", "4", "--space", "3"], cwd=scratch)
        row("balance-boundaries add", [tool("balance-boundaries"), "-q", "add", "bench boundary"], cwd=scratch)
        row("balance-report --period last-month", [tool("balance-report"), "--period", "last-month"])
        # Warm: the warm-up run fills the record cache and the timed runs read it. Cold:
        # --no-cache parses every file, every run.
        row("balance-report --period all (warm)", [tool("balance-report"), "--period", "all"], ratio_to=base)
        row("balance-report --period all --no-cache (cold)", [tool("balance-report"), "--period", "all", "--no-cache"],
            ratio_to=base)
        row("balance-ledger balance --period all (warm)", [tool("balance-ledger"), "balance", "--period", "all"],
            ratio_to=base)
        row("balance-ledger balance --period all --no-cache (cold)",
            [tool("balance-ledger"), "balance", "--period", "all", "--no-cache"], ratio_to=base)
        scaling = []
        if not a.quick:
            for years in [1, 2, 5, 10] + ([100] if a.huge else []):
                r = generate(a.work, years)
                report = [tool("balance-report"), "--period", "all"]
                wall, rss = measure(report, r, env, max(3, runs // 2))
                cold, cold_rss = measure(report + ["--no-cache"], r, env, max(3, runs // 2))
                scaling.append((years, wall, rss, cold, cold_rss))
    except RuntimeError as e:
        print("run.py: a command failed: %s" % e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(home, ignore_errors=True)

    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    print("\n%d-year repository (%s), %d timed run%s after a warm-up; nproc %d; %s\n"
          % (main_years, os.path.basename(repo), runs, "" if runs == 1 else "s", os.cpu_count() or 0, cpu))
    print("| command | median | peak RSS | vs ledger-cli |")
    print("|---|---:|---:|---:|")
    for what, wall, rss, ratio_to in rows:
        ratio = ""
        if ratio_to:
            ratio = "%.2f× faster" % (ratio_to / wall) if wall <= ratio_to else "%.2f× slower" % (wall / ratio_to)
        print("| `%s` | %s | %.1f MB | %s |" % (what, ms(wall), rss / 1024, ratio))
    if scaling:
        print("\n`balance-report --period all` by size, warm and --no-cache (linear when ms per year stays flat):\n")
        print("| years | warm | per year | peak RSS | cold | per year | peak RSS |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for years, wall, rss, cold, cold_rss in scaling:
            print("| %d | %s | %s | %.1f MB | %s | %s | %.1f MB |" % (years, ms(wall), ms(wall / years), rss / 1024, ms(cold),
                                                                   ms(cold / years), cold_rss / 1024))
    if a.quick:
        print("\nquick run: every command succeeded (times are not checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
