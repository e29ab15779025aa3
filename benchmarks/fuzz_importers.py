"""Every importer fed mutated files: internal errors per 1,000 inputs, and the longest message.

Each of the importers in tests/fuzz/harness.py (member, attendance, roll-call, paper-ballot, plan,
product, BOM, stock, work-centre, closure, routing, skill, assessment files; ballot, BLT and rules
files of a count) runs on a copy of the demo cooperative (SQLite) with N files mutated from a good
one (N from COOP_FUZZ_N, 1,000 by default; the seed from COOP_FUZZ_SEED). It prints, per importer,
the inputs that broke the rule (exit 0/1/2 only, no internal error, a message under 4,000
characters, the database unchanged on refusal), per 1,000, and the longest message; then the first
few broken inputs' messages. Goal: 0 everywhere.

Figures on 2026-12-05, 200 files per importer (seed 18): 0 broken inputs of 3,600 in all 18
importers; the longest refusal 2,943 characters (assembly attend). Before the fixes, 100 files per
importer broke the rule 397 times (csv.Error, RecursionError, the 4,300-digit limit; refusals of up
to 240,048 characters).
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz import harness

RUNS = int(os.environ.get("COOP_FUZZ_N", "1000"))
SEED = int(os.environ.get("COOP_FUZZ_SEED", "18"))


def main() -> None:
    rng = random.Random(SEED)
    broken: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        demo = harness.build_demo(folder)
        print(f"{RUNS} mutated files per importer (seed {SEED}), on SQLite")
        print(f"{'importer':<30} {'broken':>7} {'per 1,000':>9} {'longest message':>16} {'seconds':>8}")
        for importer in harness.IMPORTERS:
            database = harness.prepared(importer, demo, folder / importer.name.replace(" ", "_"))
            spare = database.with_suffix(".spare")
            shutil.copy(database, spare)
            started = time.perf_counter()
            failures = longest = 0
            for _ in range(RUNS):
                steps = [
                    (rng.randrange(len(harness.MUTATIONS)), rng.randrange(2**32))
                    for _ in range(rng.randint(1, 3))
                ]
                outcome = harness.attempt(importer, harness.mutate(importer.seed, steps), database, spare)
                longest = max(longest, len(outcome.message) if outcome.exit_code else 0)
                problems = outcome.problems()
                if problems:
                    failures += 1
                    broken.append(f"{importer.name} {steps}: {'; '.join(problems)[:400]}")
            print(
                f"{importer.name:<30} {failures:>7} {failures * 1000 / RUNS:>9.1f} {longest:>16,} "
                f"{time.perf_counter() - started:>8.1f}",
                flush=True,
            )
    print(f"\n{len(broken)} broken inputs in all")
    for line in broken[:40]:
        print(" ", line)


if __name__ == "__main__":
    main()
