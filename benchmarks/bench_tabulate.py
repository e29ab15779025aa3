"""How fast `coop votes tabulate` counts: 1,000,000 ballots, and the real Minneapolis 2013 mayor race.

Generates 1,000,000 ballots (8 candidates, 1 to 5 ranks each, fixed seed) into a temporary
folder, one CSV row per ballot, and times `coop votes tabulate` as a whole process (read, count,
print JSON): median of 3 runs, with the peak resident memory of the process (getrusage of
children). The same ballots are counted by the pip package `pyrankvote` in the same run, also as
a whole process. Then the 80,101-ballot Minneapolis 2013 mayor case from the conformance folder
is timed the same way, with the read and tally times measured in-process beside it.

Goals (2-core machine): 1,000,000 ballots in <= 1.5 s and <= 300 MB; the Minneapolis tally
itself well under 0.5 s. This prints figures; it is not a test.

    .venv/bin/python benchmarks/bench_tabulate.py [--pyrankvote-runs N] [--skip-pyrankvote]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFORMANCE = Path(
    os.environ.get("COOP_CONFORMANCE_DIR", REPO_ROOT.parent / "shared" / "conformance" / "rcv")
)
BALLOTS = 1_000_000
CANDIDATES = ("Ana", "Bruno", "Carmen", "Diego", "Elena", "Fausto", "Gloria", "Hugo")
MAX_RANKS = 5
SEED = 20261125
COOP_RUNS = 3

# A child process that runs one command and reports its time and the peak memory of its children.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "max_rss_kb": usage.ru_maxrss,
                  "returncode": done.returncode, "stdout": done.stdout.decode(),
                  "stderr": done.stderr.decode()[-2000:]}))
"""

PYRANKVOTE_SCRIPT = """
import csv, sys, pyrankvote
from pyrankvote import Ballot, Candidate
with open(sys.argv[1], newline="", encoding="utf-8") as stream:
    rows = csv.reader(stream)
    next(rows)
    candidates = {}
    ballots = []
    for row in rows:
        ranked = [candidates.setdefault(name, Candidate(name)) for name in row[1:] if name]
        ballots.extend(Ballot(ranked_candidates=ranked) for _ in range(int(row[0])))
result = pyrankvote.instant_runoff_voting(list(candidates.values()), ballots)
print(result.get_winners()[0].name)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    max_rss_mb: float
    stdout: str


def measure(command: list[str]) -> Run:
    report = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True
    )
    figures = json.loads(report.stdout)
    if figures["returncode"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{figures['stderr']}")
    return Run(figures["seconds"], figures["cpu"], figures["max_rss_kb"] / 1024, figures["stdout"])


def median_run(command: list[str], runs: int) -> tuple[Run, list[Run]]:
    measured = [measure(command) for _ in range(runs)]
    by_time = sorted(measured, key=lambda run: run.seconds)
    return by_time[len(by_time) // 2], measured


def coop_command() -> tuple[list[str], str]:
    return [str(Path(sys.executable).with_name("coop"))], ""


def generate(folder: Path) -> tuple[Path, Path]:
    """1,000,000 ballots, one CSV row each, with a popularity skew so the count runs several rounds."""
    generator = random.Random(SEED)
    popularity = [30, 24, 18, 10, 7, 5, 4, 2]
    ballots = folder / "ballots.csv"
    with ballots.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["weight", *(f"rank{rank}" for rank in range(1, MAX_RANKS + 1))])
        for _ in range(BALLOTS):
            length = generator.randint(1, MAX_RANKS)
            names: list[str] = []
            weights = popularity[:]
            pool = list(CANDIDATES)
            for _rank in range(length):
                choice = generator.choices(range(len(pool)), weights=weights)[0]
                names.append(pool.pop(choice))
                weights.pop(choice)
            writer.writerow(["1", *names, *([""] * (MAX_RANKS - length))])
    rules = folder / "rules.json"
    rules.write_text(
        json.dumps(
            {
                "format": "rcv-conformance-case/1",
                "title": "Benchmark: 1,000,000 ballots, 8 candidates, up to 5 ranks",
                "candidates": list(CANDIDATES),
                "seats": 1,
                "election_mode": "single_winner",
                "threshold": {"name": "majority"},
                "overvote": "exhaust_immediately",
                "max_consecutive_skipped_ranks": "unlimited",
                "duplicate_ranking": "ignore_duplicate",
                "max_rankings": MAX_RANKS,
                "tiebreak": {"mode": "candidate_order"},
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return ballots, rules


def in_process_minneapolis() -> tuple[float, float]:
    from coop.votes.ballot_files.conformance import read_conformance_case
    from coop.votes.tally.count import tabulate

    case = CONFORMANCE / "irv_real_minneapolis_2013_mayor"
    reads, tallies = [], []
    for _ in range(5):
        start = time.perf_counter()
        ballots, rules = read_conformance_case(case)
        middle = time.perf_counter()
        tabulate(ballots.ballots, rules)
        reads.append(middle - start)
        tallies.append(time.perf_counter() - middle)
    return statistics.median(reads), statistics.median(tallies)


def show(label: str, run: Run, runs: list[Run]) -> None:
    spread = ", ".join(f"{measured.seconds:.2f}" for measured in runs)
    print(
        f"  {label:<44} {run.seconds:6.2f} s wall  {run.cpu:6.2f} s cpu  {run.max_rss_mb:7.1f} MB peak"
        f"   (runs: {spread} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyrankvote-runs", type=int, default=3, help="pyrankvote runs (default 3)")
    parser.add_argument("--skip-pyrankvote", action="store_true")
    options = parser.parse_args()

    coop, note = coop_command()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        started = time.perf_counter()
        ballots, rules = generate(folder)
        size_mb = ballots.stat().st_size / 1e6
        print(
            f"Generated {BALLOTS:,} ballots ({len(CANDIDATES)} candidates, up to {MAX_RANKS} ranks, "
            f"seed {SEED}): {size_mb:.1f} MB in {time.perf_counter() - started:.1f} s"
        )
        if note:
            print(note)
        print("Whole process, median of runs:")
        coop_run, coop_runs = median_run(
            [*coop, "votes", "tabulate", str(ballots), "--rules", str(rules), "--format", "json"], COOP_RUNS
        )
        show(f"coop votes tabulate ({BALLOTS:,} ballots)", coop_run, coop_runs)
        coop_winner = json.loads(coop_run.stdout)["winners"]
        rounds = len(json.loads(coop_run.stdout)["rounds"])

        if options.skip_pyrankvote:
            print("  pyrankvote: skipped (--skip-pyrankvote)")
        elif importlib.util.find_spec("pyrankvote") is None:
            print(
                "  pyrankvote: NOT INSTALLED, no comparison "
                "(install it with: .venv/bin/pip install pyrankvote)"
            )
        else:
            script = folder / "count_with_pyrankvote.py"
            script.write_text(PYRANKVOTE_SCRIPT, encoding="utf-8")
            other, other_runs = median_run(
                [sys.executable, str(script), str(ballots)], options.pyrankvote_runs
            )
            show(f"pyrankvote instant_runoff_voting ({BALLOTS:,})", other, other_runs)
            print(
                f"  winners: coop {coop_winner} in {rounds} rounds; pyrankvote {other.stdout.strip()!r}; "
                f"coop is {other.seconds / coop_run.seconds:.0f}x faster"
            )

    case = CONFORMANCE / "irv_real_minneapolis_2013_mayor"
    if not case.is_dir():
        print(f"Minneapolis 2013 mayor: conformance case not found at {case}")
        return
    mayor_run, mayor_runs = median_run(
        [
            *coop,
            "votes",
            "tabulate",
            str(case / "ballots.csv"),
            "--rules",
            str(case / "rules.json"),
            "--format",
            "json",
        ],
        COOP_RUNS,
    )
    show("coop votes tabulate (Minneapolis 2013 mayor)", mayor_run, mayor_runs)
    read_seconds, tally_seconds = in_process_minneapolis()
    print(
        f"  in process, median of 5: read {read_seconds * 1000:.1f} ms, "
        f"tally {tally_seconds * 1000:.1f} ms (80,101 ballots, 35 candidates + write-ins, 33 rounds)"
    )


if __name__ == "__main__":
    main()
