"""How long printing the skills matrix takes: ``coop training matrix --out x.pdf`` as a whole process.

Builds a SQLite database of 470 members × 40 skills (members and skills through the services;
about 9,000 assessments, a fifth of them certifications, some lapsed, inserted in bulk), then
runs the command in a fresh process 3 times. Prints the median, the peak memory of those
processes (ru_maxrss of the children) and the size of the PDF. Goal on a 2-core machine: <= 5 s.

    .venv/bin/python benchmarks/bench_skills_matrix.py
"""

from __future__ import annotations

import io
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

RUNS = 3
MEMBERS = 470
SKILLS = 40
GOAL_SECONDS = 5.0
NOW = datetime(2026, 11, 25, 9, 0)

FIRST = (
    "Ana",
    "Bruno",
    "Inés",
    "Joaquín",
    "Łucja",
    "Óscar",
    "Paweł",
    "Úrsula",
    "Zoë",
    "Iñaki",
    "Raúl",
    "Noelia",
)
LAST = ("Núñez", "Łukasiewicz", "Ibáñez", "Muñoz", "Peña", "Żelazny", "Domínguez", "Acuña", "Ríos", "Sosa")
SECTIONS = ("Hornos", "Prensas", "Esmaltado", "Mantenimiento", "Logística", "Administración")


def make_database(path: Path) -> int:
    """The plant; returns how many assessments it holds."""
    from coop.testing.cooperatives import insert_random_assessments, new_cooperative

    rng = random.Random(470)
    with new_cooperative(path, name="Cooperativa Cerámica de Medición", now=NOW) as secretary:
        for number in range(2, MEMBERS + 1):
            secretary.members.add_member(
                f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}",
                number=f"{number:04d}",
                section=SECTIONS[(number - 1) * len(SECTIONS) // MEMBERS],
            )
        skills = [
            secretary.training.add_skill(
                f"{SECTIONS[index % len(SECTIONS)][:3].upper()}-{index:02d}",
                f"Habilidad {index}",
                category=SECTIONS[index % len(SECTIONS)],
                safety_critical=index % 5 == 0,
                certified=index % 5 == 0,
                validity_months=12 if index % 5 == 0 else None,
                minimum_qualified=rng.randint(2, 12),
            )
            for index in range(SKILLS)
        ]
        return insert_random_assessments(
            secretary, skills, rng, skipped=0.5, days_ago=(10, 700), levels=(1, 2, 2, 3, 3, 3, 4)
        )


def run_once(database: Path, out: Path) -> float:
    command = [
        sys.executable,
        "-m",
        "coop.cli",
        "--db",
        str(database),
        "training",
        "matrix",
        "--on",
        NOW.date().isoformat(),
        "--out",
        str(out),
        "--force",
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "coop.db"
        start = time.perf_counter()
        assessments = make_database(database)
        built = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline = time.perf_counter() - start
        out = Path(folder) / "matrix.pdf"
        timings = [run_once(database, out) for _ in range(RUNS)]
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux reports KiB
        size = out.stat().st_size
        page_count = pages(out)
    median = statistics.median(timings)
    verdict = "ok" if median <= GOAL_SECONDS else "OVER GOAL"
    print(
        f"Skills matrix PDF, {MEMBERS} members × {SKILLS} skills ({assessments} assessments; "
        f"database built in {built:.1f} s; python -c pass: {baseline:.2f} s)"
    )
    print(
        f"  coop training matrix --out x.pdf: median of {RUNS} {median:5.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in timings)}; goal <= {GOAL_SECONDS:.0f} s, {verdict})"
    )
    print(f"  peak memory {peak:.0f} MB, PDF {size / 1024:.0f} KiB, {page_count} pages")


if __name__ == "__main__":
    main()
