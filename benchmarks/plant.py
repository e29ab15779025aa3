"""What the plant benchmarks (training_plan, master_compare, master_report, bench_plans) share: the
clock they build their plant at, the CSV files they import it from, and one timed ``coop`` process."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

NOW = datetime(2026, 11, 25, 9, 0)
COOPERATIVE = "Cooperativa Cerámica de Medición"


def csv_file(path: Path, header: str, rows: list[str]) -> Path:
    """``path`` written as a UTF-8 CSV file: the header, then one line a row."""
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def timed_run(argv: list[str]) -> tuple[float, float, int, str]:
    """Run one whole process at ``NOW``: its wall seconds, CPU seconds (user + system, what a busy
    machine inflates least), the peak memory of the children so far in KiB, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "COOP_NOW": NOW.isoformat()}
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss, done.stdout
