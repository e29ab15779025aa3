"""How long printing the minutes takes: a whole process that renders HTML and PDF.

Takes the hand-built Minutes view models of :mod:`coop.testing.minutes`, the tests' sample minutes
and a large one (no database: this measures the rendering layer), and renders each to HTML and to
PDF in a fresh `python -c` process each time. Prints the median of 3 runs
and the peak memory of those processes. Goals on a 2-core machine: <= 1.5 s for an assembly of
470 attendees and 12 motions, <= 1.0 s for a 2-page minutes.

    .venv/bin/python benchmarks/bench_minutes_render.py
"""

from __future__ import annotations

import io
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coop.reports.minutes_model import Minutes
from coop.testing.minutes import large_minutes, sample_minutes

RUNS = 3

# The child process: load the pickled model, render HTML, then PDF, and write both.
CHILD = """
import pickle, sys
from pathlib import Path
from coop.reports import render
minutes = pickle.loads(Path(sys.argv[1]).read_bytes())
render.write_document(Path(sys.argv[2]) / "minutes.html", "minutes.html.j2", minutes=minutes)
render.write_document(Path(sys.argv[2]) / "minutes.pdf", "minutes.html.j2", minutes=minutes)
"""


def run_child(model: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CHILD, str(model), str(out)], check=True)
    return time.perf_counter() - start


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def peak_mb() -> float:
    """The largest resident set of any child process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure(label: str, minutes: Minutes, folder: Path) -> tuple[str, float, int, float]:
    """Median seconds, PDF size and peak memory; cases run smallest first so the peak is this case's."""
    model = folder / f"case{len(list(folder.iterdir()))}.pickle"
    model.write_bytes(pickle.dumps(minutes))
    out = model.with_suffix("")
    out.mkdir()
    timings = [run_child(model, out) for _ in range(RUNS)]
    pdf = out / "minutes.pdf"
    return f"{label} ({pages(pdf)} pages)", statistics.median(timings), pdf.stat().st_size, peak_mb()


def main() -> None:
    cases = [  # smallest first: ru_maxrss of children only ever grows
        ("35 attendees, 4 motions", sample_minutes(), 1.0),
        ("470 attendees, 12 motions", large_minutes(470, 12), 1.5),
    ]
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline = time.perf_counter() - start
        results = [(*measure(label, minutes, Path(folder)), goal) for label, minutes, goal in cases]
    print(
        f"Minutes rendering: HTML + PDF in one fresh process, median of {RUNS} runs "
        f"(python -c pass: {baseline * 1000:.0f} ms)"
    )
    for label, seconds, size, memory, goal in results:
        verdict = "ok" if seconds <= goal else "OVER GOAL"
        print(
            f"  {label:<34} {seconds:5.2f} s  (goal <= {goal:.1f} s, {verdict})  "
            f"peak {memory:4.0f} MB  PDF {size / 1024:4.0f} KiB"
        )


if __name__ == "__main__":
    main()
