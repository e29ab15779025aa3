"""Meek STV on 100,000 ballots × 15 candidates × 5 seats, the whole process: a seeded generator writes
the ballots as a BLT file in a temporary folder, coop reads it and counts it by Meek STV (guarded
arithmetic, 18 digits + 9 guard digits, omega 10^-9, as ``coop votes tabulate --method meek`` does).
Prints the figures: the time to write, read and count, the rounds and the winners. ``--rational`` also
counts in exact fractions (omega 10^-10): their denominators grow with every iteration, and at this size
that count does not finish in ten minutes; exact Meek is for small elections.

Ballots: candidates have popularities drawn once; each voter ranks 1 to 15 candidates (most rank a
few), drawn by popularity without replacement, so that many ballots repeat (as real ones do) while
preferences still spread. Identical ballots are merged and shared prefixes counted once.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from coop.votes.ballot_files.blt import read_blt
from coop.votes.stv import GUARDED_P18_G9, RATIONAL, StvElection, count_meek

BALLOTS = 100_000
CANDIDATES = 15
SEATS = 5
SEED = 20261205


def write_ballots(path: Path, seed: int = SEED) -> None:
    rng = random.Random(seed)
    popularity = [rng.uniform(0.2, 3.0) for _ in range(CANDIDATES)]
    lengths = list(range(1, CANDIDATES + 1))
    length_weights = [1 / length for length in lengths]
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{CANDIDATES} {SEATS}\n")
        for _ in range(BALLOTS):
            length = rng.choices(lengths, length_weights)[0]
            pool = list(range(CANDIDATES))
            weights = list(popularity)
            ranking = []
            for _rank in range(length):
                chosen = rng.choices(range(len(pool)), weights)[0]
                ranking.append(pool.pop(chosen) + 1)
                weights.pop(chosen)
            out.write("1 " + " ".join(map(str, ranking)) + " 0\n")
        out.write("0\n")
        for number in range(1, CANDIDATES + 1):
            out.write(f'"Candidate {number}"\n')
        out.write('"Meek benchmark"\n')


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "meek.blt"
        started = time.perf_counter()
        write_ballots(path)
        written = time.perf_counter()
        read = read_blt(path)
        loaded = time.perf_counter()
        election = StvElection(
            read.candidates, read.seats, read.ballots.ballots, read.withdrawn, read.tie_order
        )
        print(f"ballots: {read.ballots.total_ballots:,}; distinct: {len(read.ballots.ballots):,}")
        print(f"write BLT: {written - started:.2f} s; read BLT: {loaded - written:.2f} s")
        arithmetics = [GUARDED_P18_G9, RATIONAL] if "--rational" in sys.argv else [GUARDED_P18_G9]
        for arithmetic in arithmetics:
            begin = time.perf_counter()
            result = count_meek(election, arithmetic)
            took = time.perf_counter() - begin
            print(
                f"Meek {arithmetic.name}: count {took:.2f} s; read + count {loaded - written + took:.2f} s; "
                f"{len(result.rounds)} rounds; winners: {', '.join(result.winners)}"
            )


if __name__ == "__main__":
    main()
