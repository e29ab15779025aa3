"""How fast the CLI feels: `coop --help` and `coop member list` on 500 members, cold processes.

Prints the median of several runs beside `python -c pass`. Goals on a 2-core machine:
--help <= 120 ms, member list <= 350 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

RUNS = 9


def median_ms(command: list[str], runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def make_database(path: Path, members: int) -> None:
    from coop.testing.cooperatives import new_cooperative

    with new_cooperative(path, name="Cooperativa de Medición", now=datetime(2026, 11, 25, 9, 0)) as secretary:
        for index in range(2, members + 1):
            secretary.members.add_member(
                f"Socio Łukasiewicz {index}",
                number=f"{index:04d}",
                section=("Hornos", "Prensas", "Esmaltado")[index % 3],
            )


def main() -> None:
    coop = str(Path(sys.executable).with_name("coop"))
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "coop.db"
        make_database(database, 500)
        figures = {
            "python -c pass": median_ms([sys.executable, "-c", "pass"]),
            "coop --help": median_ms([coop, "--help"]),
            "coop member list (500 members, table)": median_ms(
                [coop, "--db", str(database), "member", "list"]
            ),
            "coop member list (500 members, json)": median_ms(
                [coop, "--db", str(database), "member", "list", "--format", "json"]
            ),
        }
    print(f"CLI start-up, median of {RUNS} cold runs:")
    for name, value in figures.items():
        print(f"  {name:<40} {value:7.1f} ms")


if __name__ == "__main__":
    main()
