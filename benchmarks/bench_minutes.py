"""Minutes as a whole process: `coop minutes` for an assembly of 470 attendees and 12 motions.

Builds the assembly through the Python API, then times the command in fresh processes (median of
5) and reports peak memory. Goals: <= 1.5 s, and <= 1.0 s for a two-page minutes (40 attendees
and two motions, one of them by roll call, print on two pages; the page count is reported).

The command prints its PDF in a helper process while it reads the database (coop.reports.pdf);
peak memory is the larger of the two processes.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

RUNS = 5


def build(path: Path, attendees: int, motions: int) -> None:
    """An assembly of ``attendees`` that decides ``motions`` motions, the first by roll call, and closes."""
    from coop.demo.assemblies import open_demo_assembly
    from coop.testing.cooperatives import new_cooperative
    from coop.votes.models import Choice, VoteMethod

    now = datetime(2026, 11, 25, 18, 0)
    with new_cooperative(path, name="Cooperativa Cerámica Núñez", now=now) as secretary:
        for number in range(2, attendees + 31):
            secretary.members.add_member(f"Socio Łukasiewicz Ibáñez {number}", number=f"{number:04d}")
        assembly = open_demo_assembly(secretary)
        present = [f"{n:04d}" for n in range(1, attendees + 1)]
        secretary.assemblies.record_arrivals(assembly, present)
        for index in range(motions):
            motion = secretary.votes.propose_motion(
                assembly,
                title=f"Moción {index + 1}",
                text="Texto de la moción, con el detalle que la asamblea necesita para decidir. " * 3,
                proposer="0003",
            )
            secretary.votes.second_motion(motion, seconder="0004")
            method = VoteMethod.roll_call if index == 0 else VoteMethod.show_of_hands
            secretary.at(now + timedelta(minutes=index)).votes.open_motion_vote(motion, method=method)
            if method is VoteMethod.roll_call:
                for position, number in enumerate(present):
                    choice = Choice.yes if position % 4 else Choice.no
                    secretary.votes.cast_motion_vote(motion, choice, voter=number)
            else:
                secretary.votes.enter_hand_count(motion, yes=attendees // 2 + 2, no=attendees // 3, abstain=2)
            secretary.at(now + timedelta(minutes=index + 1)).votes.close_motion_vote(motion)
        secretary.at(now + timedelta(hours=3)).assemblies.close_assembly(assembly)


def measure(database: Path, out: Path) -> tuple[float, float, int]:
    coop = str(Path(sys.executable).with_name("coop"))
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [coop, "--db", str(database), "minutes", "1", "--out", str(out), "--force"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        timings.append(time.perf_counter() - start)
        out.unlink()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    subprocess.run(
        [coop, "--db", str(database), "minutes", "1", "--out", str(out), "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    pages = len(PdfReader(out).pages)
    return statistics.median(timings), peak_mb, pages


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder, "big.db"), Path(folder, "small.db")
        build(big, attendees=470, motions=12)
        build(small, attendees=40, motions=2)
        for label, database in (("470 attendees, 12 motions", big), ("40 attendees, 2 motions", small)):
            seconds, peak, pages = measure(database, Path(folder, "minutes.pdf"))
            print(
                f"coop minutes ({label}): {seconds:.2f} s median of {RUNS}, {pages} pages, "
                f"peak memory of the runs so far {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
