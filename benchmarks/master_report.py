"""How long ``coop master report`` takes on a large plant, as a whole ``coop`` process.

The plant of :mod:`master_compare` (300 members with skill records in 40 skills, 200 finished
products, 20 work centres with closures, 18 months of forecasts and a few hundred orders, a master
plan of 18 months with 4 scenarios). Then it runs, in fresh processes, 3 times:

* ``coop master report 2027 --out plan.pdf`` — goal < 4 s;

and prints the median wall clock and CPU time, the peak memory, the pages and the size of the PDF.

    .venv/bin/python benchmarks/master_report.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from master_compare import CENTRES, MONTHS, PRODUCTS, SKILLS, make_database
from plant import timed_run

GOAL = 4.0
RUNS = 3


def main() -> None:
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(os.environ.get("BENCH_DIR") or tmp)  # BENCH_DIR keeps the database, to profile it
        database = folder / "coop.db"
        start = time.perf_counter()
        counts = make_database(database, folder)
        print(f"built in {time.perf_counter() - start:.1f} s: {counts}")
        coop = str(Path(sys.executable).with_name("coop"))
        out = folder / "master-plan.pdf"
        argv = [coop, "--db", str(database), "master", "report", "2027", "--out", str(out), "--force"]
        runs = [timed_run(argv) for _ in range(RUNS)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        pages = len(PdfReader(out).pages)
        print(
            f"coop master report: {PRODUCTS} products, {CENTRES} centres, {SKILLS} skills, {MONTHS} months, "
            f"4 scenarios -> {pages} pages, {out.stat().st_size // 1024} KB"
        )
        print(
            f"  wall {wall:.2f} s (goal < {GOAL:.0f} s), cpu {cpu:.2f} s (two processes: the command and its "
            f"printing helper), peak memory {runs[-1][2] // 1024} MB"
        )
        print(f"  runs: {', '.join(f'{r[0]:.2f} s' for r in runs)}")
        print("  within goal" if wall < GOAL else "  OVER GOAL")


if __name__ == "__main__":
    main()
